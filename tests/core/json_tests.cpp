// finchat::Json (core/include/finchat/json.h) against nlohmann::json, which the core used before:
// the same inputs must be accepted or rejected alike, parse to the same values, and dump to the
// same bytes. nlohmann is only used here, as the oracle. Inputs: hand-picked edge cases, the fuzz
// corpus shapes, and seeded random documents and mutations of them (deterministic).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cfloat>
#include <cmath>
#include <limits>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "finchat/json.h"

// More rounds for a longer local run: -DFINCHAT_JSON_ROUNDS=1000000.
#ifndef FINCHAT_JSON_ROUNDS
#define FINCHAT_JSON_ROUNDS 4000
#endif

using finchat::Json;
using nl = nlohmann::json;

namespace {

nl oracleParse(std::string_view text) { return nl::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false); }
std::string oracleDump(const nl& j) { return j.dump(-1, ' ', false, nl::error_handler_t::replace); }

bool hasFloat(const nl& j) {
    if (j.is_number_float()) return true;
    if (j.is_structured())
        for (const auto& e : j) if (hasFloat(e)) return true;
    return false;
}

// Same type and value, recursively; object members in the same (sorted) order.
std::string difference(const Json& a, const nl& b, const std::string& path = "$") {
    auto here = [&](const char* what) { return path + ": " + what; };
    switch (a.type()) {
        case Json::Type::Invalid: return here("invalid");
        case Json::Type::Null: return b.is_null() ? "" : here("null vs other");
        case Json::Type::Boolean: return b.is_boolean() && b.get<bool>() == a.asBool() ? "" : here("bool");
        case Json::Type::Integer:
            return b.is_number_integer() && !b.is_number_unsigned() && b.get<std::int64_t>() == a.asInt() ? "" : here("integer");
        case Json::Type::Unsigned: return b.is_number_unsigned() && b.get<std::uint64_t>() == a.asUint() ? "" : here("unsigned");
        case Json::Type::Float:
            return b.is_number_float() && b.get<double>() == a.asDouble() ? "" : here("float");
        case Json::Type::String: return b.is_string() && b.get_ref<const std::string&>() == a.asString() ? "" : here("string");
        case Json::Type::Array: {
            if (!b.is_array() || b.size() != a.items().size()) return here("array");
            for (std::size_t i = 0; i < b.size(); ++i)
                if (auto d = difference(a.items()[i], b[i], path + "[" + std::to_string(i) + "]"); !d.empty()) return d;
            return "";
        }
        case Json::Type::Object: {
            if (!b.is_object() || b.size() != a.members().size()) return here("object");
            std::size_t i = 0;
            for (auto it = b.begin(); it != b.end(); ++it, ++i) {
                const auto& m = a.members()[i];
                if (m.key != it.key()) return here("key order");
                if (auto d = difference(m.value, it.value(), path + "." + m.key); !d.empty()) return d;
            }
            return "";
        }
    }
    return here("?");
}

// Parses with both; they must agree on validity, value and (without floats) dump.
void agree(std::string_view text) {
    INFO("input (" << text.size() << " bytes): " << nl(std::string(text)).dump(-1, ' ', true, nl::error_handler_t::replace));
    const Json mine = Json::parse(text, 1000);
    const nl theirs = oracleParse(text);
    REQUIRE(mine.valid() == !theirs.is_discarded());
    if (!mine.valid()) return;
    CHECK(difference(mine, theirs) == "");
    if (!hasFloat(theirs)) CHECK(mine.dump() == oracleDump(theirs));
}

struct Rng {
    std::uint64_t s;
    std::uint32_t next() {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        return static_cast<std::uint32_t>(s >> 11);
    }
    std::uint32_t below(std::uint32_t n) { return next() % n; }
};

std::string randomString(Rng& r) {
    static const char* pieces[] = {"a", "Z", " ", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041",
                                   "\\u00e9", "\\u20AC", "\\ud83d\\ude00", "\\ud800", "\\udc00", "\\u", "\\x", "\xC3\xA9",
                                   "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xFF", "\xC0\xAF", "\xED\xA0\x80", "\x7F", "\x01",
                                   "{", "[", ":", ","};
    std::string s = "\"";
    for (std::uint32_t n = r.below(6); n > 0; --n) s += pieces[r.below(std::size(pieces))];
    return s + "\"";
}

std::string randomNumber(Rng& r) {
    static const char* pieces[] = {"0", "1", "9", "00", "-", "+", ".", "e", "E", "5", "18446744073709551615",
                                   "18446744073709551616", "9223372036854775808", "1e308", "2e308", "1e-400"};
    std::string s;
    for (std::uint32_t n = 1 + r.below(4); n > 0; --n) s += pieces[r.below(std::size(pieces))];
    return s;
}

std::string randomValue(Rng& r, int depth) {
    switch (r.below(depth > 4 ? 5 : 7)) {
        case 0: return randomString(r);
        case 1: return randomNumber(r);
        case 2: { static const char* lits[] = {"true", "false", "null", "tru", "nul", "True"}; return lits[r.below(6)]; }
        case 3: return std::to_string(static_cast<std::int64_t>(r.next()) - 2'000'000'000);
        case 4: return "\"k" + std::to_string(r.below(4)) + "\"";
        case 5: {
            std::string s = "[";
            for (std::uint32_t n = r.below(4), i = 0; i < n; ++i) s += (i ? "," : "") + randomValue(r, depth + 1);
            return s + "]";
        }
        default: {
            std::string s = "{";
            for (std::uint32_t n = r.below(5), i = 0; i < n; ++i)   // small key set: duplicates happen
                s += (i ? "," : "") + ("\"k" + std::to_string(r.below(4)) + "\"") + ":" + randomValue(r, depth + 1);
            return s + "}";
        }
    }
}

std::string mutate(Rng& r, std::string s) {
    static const char bytes[] = {'{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '\0', '0', '-', '.', 'e',
                                 't', 'n', 'u', '\x80', '\xC3', '\xFF', '\t', '\x1F'};
    for (std::uint32_t n = 1 + r.below(3); n > 0; --n) {
        const std::size_t at = s.empty() ? 0 : r.below(static_cast<std::uint32_t>(s.size()));
        switch (r.below(4)) {
            case 0: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), bytes[r.below(sizeof bytes)]); break;
            case 1: if (!s.empty()) s.erase(at, 1); break;
            case 2: if (!s.empty()) s[at] = bytes[r.below(sizeof bytes)]; break;
            default: s.resize(at); break;
        }
    }
    return s;
}

}  // namespace

// 2^1024 - 2^970, the smallest magnitude that strtod rounds to infinity.
const std::string kThreshold =
    "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070"
    "9633028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447"
    "5730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904"
    "174497792";

TEST_CASE("Json parses exactly what nlohmann parses, to the same values", "[json]") {
    SECTION("edge cases") {
        const std::vector<std::string> cases = {
            "", " ", "null", "true", "false", "nul", "truex", "0", "-0", "-", "01", "1.", ".5", "1e", "1e+", "1E-2",
            "+1", "1.5e3", "-1.25", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "18446744073709551615", "18446744073709551616", "1e308", "1.7976931348623157e308",
            "1.7976931348623158e308", "1.797693134862315807937289714053e308", "1.7976931348623159e308", "2e308",
            "-1e309", "1e400", "1e-400", "0e999999999999", "0.0000000000000000000000000001e330",
            kThreshold.substr(0, kThreshold.size() - 1) + "1",   // 2^1024 - 2^970 - 1: DBL_MAX
            kThreshold,                                           // rounds to infinity
            kThreshold + ".0e-1", "0." + kThreshold + "e309", "0.0" + kThreshold + "e310",
            std::string(300, '9'), std::string(309, '9'), std::string(310, '9'), "-" + std::string(400, '9'),
            "\"\"", "\"a\\u0000b\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"",
            "\"\\uD83D\\uDE00\"", "\"\\u00G0\"", "\"\\q\"", "\"\x7F\"", "\"\x1F\"", "\"\t\"", "\"\xC3\xA9\"",
            "\"\xC3\"", "\"\xE0\x80\xAF\"", "\"\xED\x9F\xBF\"", "\"\xED\xA0\x80\"", "\"\xF4\x8F\xBF\xBF\"",
            "\"\xF4\x90\x80\x80\"", "\"\xF5\x80\x80\x80\"", "\"abc", "[]", "[ ]", "[1,]", "[,1]", "[1 2]", "{}",
            "{ }", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":1,\"a\":2}", "{\"b\":1,\"a\":2,\"b\":3,\"a\":[4]}",
            "{\"\":0}", "{\"a\":{\"b\":{\"c\":[true,false,null]}}}", " \t\r\n{} \t\r\n", "{}\x0B", "{} x", "{}{}",
            std::string("{}\0garbage", 10), std::string("{\"a\":1\0}", 8), std::string("\0", 1),
            std::string("[1,\0]", 5), std::string("\"a\0\"", 4), "/*c*/{}", "{'a':1}", "\xEF\xBB\xBF{}",
            "{\"\xC3\xA9\":1,\"e\":2,\"\xFF\":3}",
        };
        for (const auto& c : cases) agree(c);
    }
    SECTION("large objects in any key order, with duplicates (the last one wins)") {
        Rng r{777};
        for (int n : {2, 3, 5, 17, 64, 300, 2000}) {
            std::string doc = "{";
            for (int i = 0; i < n; ++i)
                doc += (i ? "," : "") + ("\"key" + std::to_string(r.below(static_cast<std::uint32_t>(n / 2 + 1))) + "\":") + std::to_string(i);
            agree(doc + "}");
        }
    }
    SECTION("seeded random documents and mutations of them") {
        Rng r{0x9E3779B97F4A7C15ull};
        for (int i = 0; i < FINCHAT_JSON_ROUNDS; ++i) {
            const std::string doc = randomValue(r, 0);
            agree(doc);
            agree(mutate(r, doc));
        }
    }
}

TEST_CASE("Json dumps as nlohmann's dump(-1, ' ', false, replace)", "[json]") {
    SECTION("strings: escapes, and U+FFFD for each invalid UTF-8 sequence as nlohmann decides it") {
        Rng r{12345};
        static const char bytes[] = {'a', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\0', '\x01', '\x1F', '\x7F',
                                     '\x80', '\xBF', '\xC2', '\xC3', '\xE0', '\xED', '\xA0', '\xEF', '\xF0', '\xF4',
                                     '\x90', '\x8F', '\xF5', '\xFF', '\xC0'};
        for (int i = 0; i < 20000; ++i) {
            std::string s;
            for (std::uint32_t n = r.below(8); n > 0; --n) s += bytes[r.below(sizeof bytes)];
            INFO("bytes: " << nl(s).dump(-1, ' ', true, nl::error_handler_t::replace));
            REQUIRE(Json(s).dump() == oracleDump(nl(s)));
        }
    }
    SECTION("numbers, booleans, null, arrays and objects built in code") {
        CHECK(Json().dump() == "null");
        CHECK(Json(true).dump() == "true");
        CHECK(Json(-5).dump() == oracleDump(nl(-5)));
        CHECK(Json(std::numeric_limits<std::int64_t>::min()).dump() == oracleDump(nl(std::numeric_limits<std::int64_t>::min())));
        CHECK(Json(std::numeric_limits<std::uint64_t>::max()).dump() == oracleDump(nl(std::numeric_limits<std::uint64_t>::max())));
        for (double d : {0.0, -0.0, 1.0, 0.1, 1.5, -2.25e-7, 12.5, 380.0, 1e21, 1e22, 123456789.125, DBL_MAX, DBL_MIN,
                         5e-324, 1.0 / 3.0, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
            INFO(d);
            CHECK(Json(d).dump() == oracleDump(nl(d)));
        }
        CHECK(Json(2.5f).dump() == oracleDump(nl(2.5f)));
        Json o = Json::object({{"b", 1}, {"a", "x"}, {"c", Json::array().push(true).push(Json())}});
        o.set("a", "y");   // replaces
        o.set("aa", Json::object());
        CHECK(o.dump() == R"({"a":"y","aa":{},"b":1,"c":[true,null]})");
        CHECK(o.dump() == oracleDump(nl{{"b", 1}, {"a", "y"}, {"c", {true, nullptr}}, {"aa", nl::object()}}));
    }
    SECTION("parsed values dump back as nlohmann dumps them (floats keep their text)") {
        CHECK(Json::parse("{\"z\" : [1, -2, 3.50, 1e2] , \"a\":\"\\u00e9\\n\"}").dump() == "{\"a\":\"\xC3\xA9\\n\",\"z\":[1,-2,3.50,1e2]}");
    }
}

TEST_CASE("Json::fixed writes at most the given decimals, rounded, without trailing zeros", "[json]") {
    CHECK(Json::fixed(18.125, 3).dump() == "18.125");
    CHECK(Json::fixed(16.0, 3).dump() == "16");
    CHECK(Json::fixed(1.0 / 3, 3).dump() == "0.333");
    CHECK(Json::fixed(2.0 / 3, 3).dump() == "0.667");
    CHECK(Json::fixed(0.05, 3).dump() == "0.05");
    CHECK(Json::fixed(-0.5, 2).dump() == "-0.5");
    CHECK(Json::fixed(-0.0004, 3).dump() == "0");
    CHECK(Json::fixed(1234.5678, 0).dump() == "1235");
    CHECK(Json::fixed(7.25, 1).dump() == "7.3");   // half away from zero (7.25 is exact in binary)
    CHECK(Json::fixed(1e20, 0).isNull());          // beyond 2^53
    CHECK(Json::fixed(std::numeric_limits<double>::infinity(), 2).isNull());
    CHECK(Json::fixed(std::nan(""), 2).isNull());
    // What it writes reads back as that number.
    CHECK(Json::parse(Json::object({{"px", Json::fixed(17.5, 3)}}).dump()).find("px")->asNearDouble() == 17.5);
}

TEST_CASE("Json access", "[json]") {
    const Json j = Json::parse(R"({"s":"x","i":-3,"u":7,"f":2.5,"b":true,"n":null,"a":[1],"o":{"k":"v"}})");
    REQUIRE(j.isObject());
    CHECK(j.find("s")->asString() == "x");
    CHECK(j.find("i")->asInt() == -3);
    CHECK(j.find("i")->isInteger());
    CHECK_FALSE(j.find("i")->isUnsigned());
    CHECK(j.find("u")->isUnsigned());
    CHECK(j.find("u")->asDouble() == 7.0);
    CHECK(j.find("f")->isFloat());
    CHECK(j.find("f")->isNumber());
    CHECK(j.find("f")->asDouble() == 2.5);
    CHECK(j.find("b")->asBool());
    CHECK(j.find("n")->isNull());
    CHECK(j.find("a")->items().size() == 1);
    CHECK(j.find("o")->find("k")->asString() == "v");
    CHECK(j.find("missing") == nullptr);
    CHECK(j.find("s")->find("k") == nullptr);   // not an object
    CHECK(Json::parse("[[[]]]", 2).valid() == false);
    CHECK(Json::parse("[[]]", 2).valid());
    CHECK(Json::parse("[1,").type() == Json::Type::Invalid);
}
