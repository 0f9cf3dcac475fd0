#include "finchat/json.h"
#include "finchat/util.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include <nlohmann/detail/conversions/to_chars.hpp>   // Grisu2 only (Json(double)); no parser, no map

namespace finchat {
namespace {

// Björn Höhrmann's UTF-8 DFA, byte for byte the table nlohmann's serializer uses: the parser's
// validation and the writer's U+FFFD replacement then agree with nlohmann's exactly.
constexpr std::uint8_t kAccept = 0, kReject = 1;
constexpr std::uint8_t kUtf8[400] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   // 00..1F
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   // 20..3F
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   // 40..5F
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   // 60..7F
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,   // 80..9F
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,   // A0..BF
    8, 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   // C0..DF
    0xA, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x4, 0x3, 0x3,                   // E0..EF
    0xB, 0x6, 0x6, 0x6, 0x5, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8,                   // F0..FF
    0x0, 0x1, 0x2, 0x3, 0x5, 0x8, 0x7, 0x1, 0x1, 0x1, 0x4, 0x6, 0x1, 0x1, 0x1, 0x1,                   // s0..s0
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1,   // s1..s2
    1, 2, 1, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1,   // s3..s4
    1, 2, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 1, 3, 1, 1, 1, 1, 1, 1,   // s5..s6
    1, 3, 1, 1, 1, 1, 1, 3, 1, 3, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   // s7..s8
};
inline std::uint8_t utf8Step(std::uint8_t state, unsigned char byte) { return kUtf8[256 + state * 16 + kUtf8[byte]]; }

// 2^1024 - 2^970: the smallest magnitude strtod rounds to infinity (nlohmann rejects such numbers).
constexpr std::string_view kOverflowDigits =
    "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070963"
    "3028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447573027"
    "0069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Members in key order, the last of equal keys kept (what nlohmann's std::map ends up holding).
// Already-sorted objects (our own output) cost one pass. A stable bottom-up merge sort, O(n log n)
// for hostile input too; std::sort would add ~1.5 KB of wasm for this one use.
void normalize(Json::Object& o) {
    const std::size_t n = o.size();
    bool sorted = true;
    for (std::size_t i = 1; i < n && sorted; ++i) sorted = o[i - 1].key < o[i].key;
    if (sorted) return;
    Json::Object tmp(n);
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = std::move(o[j].key < o[i].key ? o[j++] : o[i++]);
            while (i < mid) tmp[k++] = std::move(o[i++]);
            while (j < hi) tmp[k++] = std::move(o[j++]);
        }
        o.swap(tmp);
    }
    std::size_t kept = 0;
    for (std::size_t r = 0; r < n; ++r) {
        if (r + 1 < n && o[r].key == o[r + 1].key) continue;   // a later duplicate follows: it wins
        if (kept != r) o[kept] = std::move(o[r]);
        ++kept;
    }
    o.erase(o.begin() + static_cast<std::ptrdiff_t>(kept), o.end());
}

// Nesting depth outside strings, over the whole text. nlohmann's parser is iterative, but nested
// values are still destroyed and visited recursively; here the parser itself recurses.
bool depthWithin(std::string_view text, int maxDepth) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth) return false;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Parser: recursive descent over the text, nlohmann's grammar and lexer rules.
// ---------------------------------------------------------------------------------------------
struct JsonParser {
    const char* p;
    const char* end;

    // The NUL byte reads as end of input, as in nlohmann's lexer.
    char peek() const { return p == end ? '\0' : *p; }
    void skipSpace() {
        while (p != end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) ++p;
    }
    bool eat(char c) {
        if (peek() != c || c == '\0') return false;
        ++p;
        return true;
    }

    bool value(Json& out) {
        skipSpace();
        switch (peek()) {
            case '{': return object(out);
            case '[': return array(out);
            case '"': out.type_ = Json::Type::String; ++p; return string(out.s_);
            case 't': out = Json(true); return literal("true");
            case 'f': out = Json(false); return literal("false");
            case 'n': out = Json(); return literal("null");
            default: return number(out);
        }
    }

    bool literal(std::string_view word) {
        if (static_cast<std::size_t>(end - p) < word.size() || std::string_view(p, word.size()) != word) return false;
        p += word.size();
        return true;
    }

    bool object(Json& out) {
        ++p;
        out = Json::object();
        skipSpace();
        if (eat('}')) return true;
        for (;;) {
            skipSpace();
            Json::Member m;
            if (!eat('"') || !string(m.key)) return false;
            skipSpace();
            if (!eat(':') || !value(m.value)) return false;
            out.o_.push_back(std::move(m));
            skipSpace();
            if (eat('}')) break;
            if (!eat(',')) return false;
        }
        normalize(out.o_);
        return true;
    }

    bool array(Json& out) {
        ++p;
        out = Json::array();
        skipSpace();
        if (eat(']')) return true;
        for (;;) {
            out.a_.emplace_back();
            if (!value(out.a_.back())) return false;
            skipSpace();
            if (eat(']')) return true;
            if (!eat(',')) return false;
        }
    }

    bool hex4(std::uint32_t& cp) {
        if (end - p < 4) return false;
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(p[i]);
            if (h < 0) return false;
            cp = cp * 16 + static_cast<std::uint32_t>(h);
        }
        p += 4;
        return true;
    }

    // After the opening quote.
    bool string(std::string& out) {
        std::uint8_t state = kAccept;
        for (;;) {
            if (p == end) return false;
            const auto c = static_cast<unsigned char>(*p++);
            if (state != kAccept || c >= 0x80) {   // inside or starting a multi-byte sequence
                state = utf8Step(state, c);
                if (state == kReject) return false;
                out += static_cast<char>(c);
                continue;
            }
            if (c == '"') return true;
            if (c < 0x20) return false;        // raw control characters (NUL too) must be escaped
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            if (p == end) return false;
            const char e = *p++;
            switch (e) {
                case '"': case '\\': case '/': out += e; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t cp;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {   // a high surrogate needs its low half
                        std::uint32_t low;
                        if (!eat('\\') || !eat('u') || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return false;
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default: return false;
            }
        }
    }

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    bool number(Json& out) {
        const char* start = p;
        const bool negative = eat('-');
        if (!isDigit(peek())) return false;
        if (!eat('0'))
            while (isDigit(peek())) ++p;
        const char* intEnd = p;
        bool isFloat = false;
        if (eat('.')) {
            if (!isDigit(peek())) return false;
            while (isDigit(peek())) ++p;
            isFloat = true;
        }
        const char* mantissaEnd = p;
        std::int64_t exponent = 0;
        if (eat('e') || eat('E')) {
            const bool negExp = eat('-');
            if (!negExp) eat('+');
            if (!isDigit(peek())) return false;
            while (isDigit(peek())) {
                if (exponent < 1'000'000'000) exponent = exponent * 10 + (*p - '0');
                ++p;
            }
            if (negExp) exponent = -exponent;
            isFloat = true;
        }
        const char* digits = start + (negative ? 1 : 0);
        if (!isFloat) {
            // strtoll/strtoull ranges, as nlohmann: out of range makes the number a float.
            std::uint64_t v = 0;
            bool fits = true;
            for (const char* d = digits; d != intEnd && fits; ++d) {
                const auto digit = static_cast<std::uint64_t>(*d - '0');
                if (v > (UINT64_MAX - digit) / 10) fits = false;
                else v = v * 10 + digit;
            }
            if (fits && negative && v > (std::uint64_t{1} << 63)) fits = false;
            if (fits) {
                out.type_ = negative ? Json::Type::Integer : Json::Type::Unsigned;
                out.n_ = negative ? ~v + 1 : v;   // two's complement of -v
                return true;
            }
        }
        // A float: rejected if it rounds to infinity (nlohmann's "number overflow"). Compare the
        // significant digits, as 0.D x 10^E, with those of 2^1024 - 2^970.
        std::int64_t firstDigit = -1, index = 0;
        std::string_view significant;
        std::string buffer;
        for (const char* d = digits; d != mantissaEnd; ++d) {
            if (*d == '.') continue;
            if (firstDigit < 0 && *d != '0') firstDigit = index;
            if (firstDigit >= 0) buffer += *d;
            ++index;
        }
        if (firstDigit >= 0) {
            significant = buffer;
            const std::int64_t e = (intEnd - digits) - firstDigit + exponent;
            bool overflow = e > static_cast<std::int64_t>(kOverflowDigits.size());
            if (e == static_cast<std::int64_t>(kOverflowDigits.size())) {
                overflow = true;   // equal digits: exactly the threshold, which rounds to infinity
                for (std::size_t i = 0; i < std::max(significant.size(), kOverflowDigits.size()); ++i) {
                    const char a = i < significant.size() ? significant[i] : '0';
                    const char b = i < kOverflowDigits.size() ? kOverflowDigits[i] : '0';
                    if (a != b) {
                        overflow = a > b;
                        break;
                    }
                }
            }
            if (overflow) return false;
        }
        out.type_ = Json::Type::Float;
        out.s_.assign(start, p);
        return true;
    }
};

Json Json::parse(std::string_view text, int maxDepth) {
    if (!depthWithin(text, maxDepth)) return invalid();
    JsonParser parser{text.data(), text.data() + text.size()};
    if (text.substr(0, 3) == "\xEF\xBB\xBF") parser.p += 3;   // a leading UTF-8 BOM is skipped, as nlohmann does
    Json out;
    if (!parser.value(out)) return invalid();
    parser.skipSpace();
    if (parser.peek() != '\0') return invalid();   // trailing text (anything after a NUL is ignored)
    return out;
}

// ---------------------------------------------------------------------------------------------
// Access and building
// ---------------------------------------------------------------------------------------------
double Json::asDouble() const {
    switch (type_) {
        case Type::Integer: return static_cast<double>(static_cast<std::int64_t>(n_));
        case Type::Unsigned: return static_cast<double>(n_);
        case Type::Float: return std::strtod(s_.c_str(), nullptr);   // as nlohmann's lexer
        default: return 0;
    }
}

double Json::asNearDouble() const {
    switch (type_) {   // not through asDouble(): that would link strtod
        case Type::Integer: return static_cast<double>(static_cast<std::int64_t>(n_));
        case Type::Unsigned: return static_cast<double>(n_);
        case Type::Float: return parseDecimal(s_);
        default: return 0;
    }
}

void Json::setDouble(double v) {
    char buf[64];
    // Non-finite values have no JSON form; nlohmann writes them as null.
    if (v != v || v - v != 0) return;
    type_ = Type::Float;
    s_.assign(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, v));
}

Json Json::fixed(double v, int decimals) {
    Json j;
    decimals = decimals < 0 ? 0 : decimals > 9 ? 9 : decimals;
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const double scaled = v * static_cast<double>(scale);
    constexpr double kExact = 9007199254740992.0;   // 2^53 (NaN fails both tests too)
    if (!(scaled < kExact && scaled > -kExact)) return j;
    const bool negative = scaled < 0;
    std::uint64_t n = static_cast<std::uint64_t>((negative ? -scaled : scaled) + 0.5);
    std::string digits;
    appendDecimal(digits, n / scale);
    std::uint64_t fraction = n % scale;
    if (fraction != 0) {
        int width = decimals;
        while (fraction % 10 == 0) { fraction /= 10; --width; }
        std::string f;
        appendDecimal(f, fraction);
        digits += '.' + std::string(static_cast<std::size_t>(width) - f.size(), '0') + f;
    }
    j.type_ = Type::Float;
    j.s_ = negative && n != 0 ? '-' + digits : digits;
    return j;
}

Json Json::object(std::initializer_list<Field> members) {
    Json j = object();
    for (const Field& m : members) j.set(m.key, m.value);
    return j;
}

namespace {
// First member whose key is not less than `key`.
template <class O>
auto lowerBound(O& o, std::string_view key) {
    return std::lower_bound(o.begin(), o.end(), key,
                            [](const Json::Member& m, std::string_view k) { return std::string_view(m.key) < k; });
}
}  // namespace

const Json* Json::find(std::string_view key) const {
    if (type_ != Type::Object) return nullptr;
    auto it = lowerBound(o_, key);
    return it != o_.end() && it->key == key ? &it->value : nullptr;
}

Json& Json::set(std::string key, Json value) {
    if (type_ != Type::Object) return *this;
    if (o_.empty() || o_.back().key < key) {   // appending in key order: the common case
        o_.push_back({std::move(key), std::move(value)});
        return *this;
    }
    auto it = lowerBound(o_, key);
    if (it != o_.end() && it->key == key) it->value = std::move(value);
    else o_.insert(it, {std::move(key), std::move(value)});
    return *this;
}

Json::Json(const std::string& s) : type_(Type::String), s_(s) {}

Json& Json::set(const char* key, Json value) { return set(std::string(key), std::move(value)); }

Json& Json::push(Json value) {
    if (type_ == Type::Array) a_.push_back(std::move(value));
    return *this;
}

// ---------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------
void appendJsonString(std::string& out, std::string_view s) {
    // nlohmann's dump_escaped with ensure_ascii=false and error_handler_t::replace, step for step.
    out += '"';
    std::uint8_t state = kAccept;
    std::size_t lastAccept = out.size();   // output length after the last complete code point
    std::size_t pending = 0;               // bytes of an unfinished sequence already copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto byte = static_cast<unsigned char>(s[i]);
        state = utf8Step(state, byte);
        if (state == kAccept) {
            switch (byte) {
                case '\b': out += "\\b"; break;
                case '\t': out += "\\t"; break;
                case '\n': out += "\\n"; break;
                case '\f': out += "\\f"; break;
                case '\r': out += "\\r"; break;
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                default:
                    if (byte <= 0x1F) {
                        static constexpr char kHex[] = "0123456789abcdef";
                        out += "\\u00";
                        out += kHex[byte >> 4];
                        out += kHex[byte & 15];
                    } else {
                        out += static_cast<char>(byte);
                    }
            }
            lastAccept = out.size();
            pending = 0;
        } else if (state == kReject) {
            // Drop the partial sequence, write U+FFFD, and read a byte that ended a sequence
            // early again: it may start a valid one.
            if (pending > 0) --i;
            out.resize(lastAccept);
            out += "\xEF\xBF\xBD";
            lastAccept = out.size();
            pending = 0;
            state = kAccept;
        } else {
            out += static_cast<char>(byte);
            ++pending;
        }
    }
    if (state != kAccept) {   // the text ended inside a sequence
        out.resize(lastAccept);
        out += "\xEF\xBF\xBD";
    }
    out += '"';
}

void Json::dumpTo(std::string& out) const {
    switch (type_) {
        case Type::Null:
        case Type::Invalid: out += "null"; break;
        case Type::Boolean: out += n_ ? "true" : "false"; break;
        case Type::Integer:
            if (static_cast<std::int64_t>(n_) < 0) {
                out += '-';
                appendDecimal(out, ~n_ + 1);
            } else {
                appendDecimal(out, n_);
            }
            break;
        case Type::Unsigned: appendDecimal(out, n_); break;
        case Type::Float: out += s_; break;
        case Type::String: appendJsonString(out, s_); break;
        case Type::Array: {
            out += '[';
            for (std::size_t i = 0; i < a_.size(); ++i) {
                if (i) out += ',';
                a_[i].dumpTo(out);
            }
            out += ']';
            break;
        }
        case Type::Object: {
            out += '{';
            for (std::size_t i = 0; i < o_.size(); ++i) {
                if (i) out += ',';
                appendJsonString(out, o_[i].key);
                out += ':';
                o_[i].value.dumpTo(out);
            }
            out += '}';
            break;
        }
    }
}

std::string Json::dump() const {
    std::string out;
    dumpTo(out);
    return out;
}

}  // namespace finchat
