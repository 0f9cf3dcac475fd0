// finchat/json.h: a small JSON value with a strict parser and a compact writer.
//
// The core's codecs used nlohmann::json; in the browser its parser, serializer, std::map nodes,
// strtod (soft-float long double in wasm) and error strings were ~30% of the core's wasm. This type
// keeps nlohmann's observable behaviour where the core relies on it, in a fraction of the code:
//   - parsing is strict RFC 8259 as nlohmann's (no comments, no trailing commas, UTF-8 validated,
//     escaped surrogates must pair, raw control characters rejected); a NUL byte ends the input; a
//     leading UTF-8 BOM is skipped; non-negative integers are Unsigned, negative ones Integer, and
//     integers beyond 64 bits Float; a number that overflows a double is an error; duplicate keys:
//     the last one wins;
//   - objects keep their keys sorted (as nlohmann's std::map), so dump() writes sorted keys;
//   - dump() is nlohmann's dump(-1, ' ', false, error_handler_t::replace): compact, non-ASCII as is,
//     invalid UTF-8 replaced by U+FFFD exactly as nlohmann does; it never fails;
//   - parsed floats keep their source text (the core never needs their value, and converting would
//     link strtod); asDouble() converts on demand
//     (asNearDouble() without strtod). Json(double) writes the shortest round-trip form
//     (nlohmann's Grisu2), non-finite values as null.
// Nothing throws. tests/core/json_tests.cpp checks all of this against nlohmann itself.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace finchat {

class Json {
public:
    enum class Type : std::uint8_t { Null, Boolean, Integer, Unsigned, Float, String, Array, Object, Invalid };
    struct Member;
    using Array = std::vector<Json>;
    using Object = std::vector<Member>;   // sorted by key, keys unique

    // Constructors are defined below Member: their bodies need it complete (clang with libstdc++).
    Json() = default;   // null
    Json(std::nullptr_t);
    Json(bool b);
    template <class T>
        requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
    Json(T v);
    template <class T>
        requires std::is_floating_point_v<T>
    Json(T v);
    Json(std::string&& s);
    Json(const std::string& s);   // the copy made in here, not at each call site
    Json(std::string_view s);
    Json(const char* s);

    static Json array();
    static Json object();
    struct Field;
    static Json object(std::initializer_list<Field> members);
    // A number written with at most `decimals` (0-9) decimals, rounded half away from zero, trailing
    // zeros dropped: 18.125 → 18.125, 16.0 → 16, 1/3 with 3 → 0.333. For values whose shortest
    // round-trip form is not wanted (pixel sizes): it needs no Grisu2, whose code and 1.3 KB table of
    // cached powers Json(double) brings. Null for non-finite values and when |v| · 10^decimals ≥ 2^53.
    static Json fixed(double v, int decimals);
    static Json invalid();

    // Parses a whole document; Invalid on any error. maxDepth bounds the nesting of arrays and
    // objects (checked before parsing, also after a NUL), so recursion stays shallow.
    static Json parse(std::string_view text, int maxDepth = 64);

    Type type() const { return type_; }
    bool valid() const { return type_ != Type::Invalid; }
    bool isNull() const { return type_ == Type::Null; }
    bool isBool() const { return type_ == Type::Boolean; }
    bool isInteger() const { return type_ == Type::Integer || type_ == Type::Unsigned; }
    bool isUnsigned() const { return type_ == Type::Unsigned; }
    bool isFloat() const { return type_ == Type::Float; }
    bool isNumber() const { return isInteger() || isFloat(); }
    bool isString() const { return type_ == Type::String; }
    bool isArray() const { return type_ == Type::Array; }
    bool isObject() const { return type_ == Type::Object; }

    bool asBool() const { return type_ == Type::Boolean && n_ != 0; }
    std::int64_t asInt() const { return isInteger() ? static_cast<std::int64_t>(n_) : 0; }
    std::uint64_t asUint() const { return isInteger() ? n_ : 0; }
    double asDouble() const;                                   // any number; 0 otherwise
    // Any number without strtod (finchat/util.h parseDecimal: correctly rounded up to 15 significant
    // digits and exponents within +-22, else within 1e-14): for settings such as pixel sizes and
    // ratios, so the widget's wasm links no float scanner. 0 unless a number.
    double asNearDouble() const;
    const std::string& asString() const { return s_; }         // "" unless a string
    const Array& items() const { return a_; }                  // empty unless an array
    const Object& members() const { return o_; }               // empty unless an object

    // Object member, or nullptr (also when this is not an object).
    const Json* find(std::string_view key) const;
    // Object: sets (or replaces) a member; keeps the keys sorted. Array: appends.
    Json& set(std::string key, Json value);
    Json& set(const char* key, Json value);   // builds the key itself: ~100 call sites with a literal key
    Json& push(Json value);

    std::string dump() const;
    void dumpTo(std::string& out) const;

private:
    friend struct JsonParser;
    void setDouble(double v);

    Type type_ = Type::Null;
    std::uint64_t n_ = 0;   // Boolean, Integer (two's complement), Unsigned
    std::string s_;         // String, or a Float's text
    Array a_;
    Object o_;
};

struct Json::Member {
    std::string key;
    Json value;
};

// Json::object({{"key", value}...}): the key stays a pointer at the call site (object() builds the
// std::string), so each member costs its value only.
struct Json::Field {
    const char* key;
    Json value;
};

inline Json::Json(std::nullptr_t) {}
inline Json::Json(bool b) : type_(Type::Boolean), n_(b) {}
template <class T>
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
inline Json::Json(T v) : type_(std::is_signed_v<T> ? Type::Integer : Type::Unsigned), n_(static_cast<std::uint64_t>(v)) {}
template <class T>
    requires std::is_floating_point_v<T>
inline Json::Json(T v) { setDouble(static_cast<double>(v)); }
inline Json::Json(std::string&& s) : type_(Type::String), s_(std::move(s)) {}
inline Json::Json(std::string_view s) : type_(Type::String), s_(s) {}
inline Json::Json(const char* s) : type_(Type::String), s_(s) {}
inline Json Json::array() { Json j; j.type_ = Type::Array; return j; }
inline Json Json::object() { Json j; j.type_ = Type::Object; return j; }
inline Json Json::invalid() { Json j; j.type_ = Type::Invalid; return j; }

// Appends text as a JSON string literal (quotes included), as Json::dump() does.
void appendJsonString(std::string& out, std::string_view text);

}  // namespace finchat
