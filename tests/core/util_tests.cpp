// Utilities the protocol needs: ISO-8601 times as Connect writes them, UUIDv4 ClientTokens and the
// code-point length Connect's "characters" limits are measured in. Each SECTION states a behaviour.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "finchat/platform.h"
#include "finchat/util.h"

using namespace finchat;

namespace {

// Deterministic entropy: a fixed script of values, or xorshift32 once the script is used up.
class ScriptedRandom : public Random {
public:
    explicit ScriptedRandom(std::vector<std::uint32_t> script = {}, std::uint32_t seed = 0x9E3779B9u)
        : script_(std::move(script)), state_(seed ? seed : 1) {}
    std::uint32_t next() override {
        ++calls;
        if (pos_ < script_.size()) return script_[pos_++];
        state_ ^= state_ << 13;
        state_ ^= state_ >> 17;
        state_ ^= state_ << 5;
        return state_;
    }
    int calls = 0;

private:
    std::vector<std::uint32_t> script_;
    std::size_t pos_ = 0;
    std::uint32_t state_;
};

class ConstantRandom : public Random {
public:
    explicit ConstantRandom(std::uint32_t v) : v_(v) {}
    std::uint32_t next() override { return v_; }

private:
    std::uint32_t v_;
};

bool isLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// 8-4-4-4-12 lower-case hex, version 4, RFC 4122 variant.
bool isUuidV4(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return false;
        } else if (!isLowerHex(s[i])) {
            return false;
        }
    }
    return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kExample = 1'746'093'605'123;   // 2025-05-01T10:00:05.123Z (reference §3.3)

}  // namespace

// =============================================================================================
// ISO-8601 times
// =============================================================================================
TEST_CASE("parseIsoTime reads Connect's timestamps", "[util]") {
    SECTION("Connect's format: milliseconds and Z") {
        CHECK(parseIsoTime("2025-05-01T10:00:05.123Z") == kExample);
        CHECK(parseIsoTime("1970-01-01T00:00:00.000Z") == 0);
        CHECK(parseIsoTime("1970-01-01T00:00:00.001Z") == 1);
        CHECK(parseIsoTime("2025-05-02T10:00:00.000Z") == kExample - 5'123 + kDay);
    }
    SECTION("numeric offsets are applied: +02:00, -05:30 and the colon-less +0200, -0530") {
        CHECK(parseIsoTime("2025-05-01T12:00:05.123+02:00") == kExample);
        CHECK(parseIsoTime("2025-05-01T12:00:05.123+0200") == kExample);
        CHECK(parseIsoTime("2025-05-01T04:30:05.123-05:30") == kExample);
        CHECK(parseIsoTime("2025-05-01T04:30:05.123-0530") == kExample);
        CHECK(parseIsoTime("2025-05-01T10:00:05.123+00:00") == kExample);
        CHECK(parseIsoTime("2025-05-01T10:00:05.123-00:00") == kExample);
        CHECK(parseIsoTime("2025-05-01T12:00:05.123+02") == kExample);   // hours only
    }
    SECTION("an offset can move the date across midnight and year ends") {
        CHECK(parseIsoTime("2025-01-01T01:00:00+02:00") == parseIsoTime("2024-12-31T23:00:00Z"));
        CHECK(parseIsoTime("2024-12-31T22:00:00-03:00") == parseIsoTime("2025-01-01T01:00:00Z"));
    }
    SECTION("the fraction is optional; fewer than three digits are tenths and hundredths") {
        CHECK(parseIsoTime("2025-05-01T10:00:05Z") == kExample - 123);
        CHECK(parseIsoTime("2025-05-01T10:00:05.1Z") == kExample - 23);
        CHECK(parseIsoTime("2025-05-01T10:00:05.12Z") == kExample - 3);
    }
    SECTION("more than three fraction digits are truncated to milliseconds (not rounded)") {
        CHECK(parseIsoTime("2025-05-01T10:00:05.123456Z") == kExample);
        CHECK(parseIsoTime("2025-05-01T10:00:05.123999999Z") == kExample);
        CHECK(parseIsoTime("2025-05-01T10:00:05.9999Z") == kExample - 123 + 999);
        CHECK(parseIsoTime("2025-05-01T10:00:05." + std::string(500, '0') + "Z") == kExample - 123);
    }
    SECTION("seconds are optional (TimePicker slots look like 2025-05-02T09:00+00:00)") {
        CHECK(parseIsoTime("2025-05-02T09:00+00:00") == parseIsoTime("2025-05-02T09:00:00.000Z"));
        CHECK(parseIsoTime("2025-05-02T09:00Z") == parseIsoTime("2025-05-02T09:00:00Z"));
    }
    SECTION("lower-case t and z and a space separator are accepted") {
        CHECK(parseIsoTime("2025-05-01t10:00:05.123z") == kExample);
        CHECK(parseIsoTime("2025-05-01 10:00:05.123Z") == kExample);
    }
    SECTION("leap years: 29 February exists in 2024 and 2000, and 2024 has 366 days") {
        CHECK(parseIsoTime("2024-03-01T00:00:00Z").value() - parseIsoTime("2024-02-29T00:00:00Z").value() == kDay);
        CHECK(parseIsoTime("2024-02-29T00:00:00Z").value() - parseIsoTime("2024-02-28T00:00:00Z").value() == kDay);
        CHECK(parseIsoTime("2000-03-01T00:00:00Z").value() - parseIsoTime("2000-02-28T00:00:00Z").value() == 2 * kDay);
        CHECK(parseIsoTime("1900-03-01T00:00:00Z").value() - parseIsoTime("1900-02-28T00:00:00Z").value() == kDay);
        CHECK(parseIsoTime("2025-01-01T00:00:00Z").value() - parseIsoTime("2024-01-01T00:00:00Z").value() == 366 * kDay);
        CHECK(parseIsoTime("2024-01-01T00:00:00Z").value() - parseIsoTime("2023-01-01T00:00:00Z").value() == 365 * kDay);
        CHECK(parseIsoTime("2024-02-29T12:00:00Z") == 1'709'208'000'000);
    }
    SECTION("dates before 1970 are negative") {
        CHECK(parseIsoTime("1969-12-31T23:59:59.999Z") == -1);
        CHECK(parseIsoTime("1969-12-31T00:00:00Z") == -kDay);
        CHECK(parseIsoTime("1900-01-01T00:00:00Z") == -2'208'988'800'000);
        CHECK(parseIsoTime("0001-01-01T00:00:00Z") == -62'135'596'800'000);
        CHECK(parseIsoTime("0000-03-01T00:00:00Z").has_value());
    }
    SECTION("the end of the four-digit range") {
        CHECK(parseIsoTime("9999-12-31T23:59:59.999Z") == 253'402'300'799'999);
    }
    SECTION("a leap second (:60) is accepted and lands on the next second") {
        CHECK(parseIsoTime("2016-12-31T23:59:60Z") == parseIsoTime("2017-01-01T00:00:00Z"));
    }
    SECTION("invalid text gives nullopt") {
        const char* invalid[] = {
            "",
            "2025",
            "2025-05-01",                       // date only
            "2025-05-01T10:00:05.123",          // missing zone
            "2025-05-01T10:00:05",              // missing zone
            "2025/05/01T10:00:05Z",             // wrong date separator
            "2025-05-01X10:00:05Z",             // wrong date/time separator
            "2025-05-01T10.00.05Z",             // wrong time separator
            "2025-05-01T10:00:05,123Z",         // comma fraction
            "2025-05-01T10:00:05.Z",            // fraction without digits
            "2025-13-01T00:00:00Z",             // month 13
            "2025-00-01T00:00:00Z",             // month 0
            "2025-05-00T00:00:00Z",             // day 0
            "2025-05-32T00:00:00Z",             // day 32
            "2025-05-01T24:00:00Z",             // hour 24
            "2025-05-01T10:60:00Z",             // minute 60
            "2025-05-01T10:00:61Z",             // second 61
            "2025-05-01T10:00:05.123Zjunk",     // trailing garbage
            "2025-05-01T10:00:05.123Z ",        // trailing space
            " 2025-05-01T10:00:05.123Z",        // leading space
            "2025-05-01T10:00:05.123+02:00x",   // garbage after offset
            "2025-05-01T10:00:05.123+2:00",     // one-digit offset hour
            "2025-05-01T10:00:05.123+02:0",     // one-digit offset minute
            "2025-05-01T10:00:05.123+02:",      // dangling colon
            "2025-05-01T10:00:05.123+",         // sign alone
            "2025-05-01T10:00:05.123 Z",
            "25-05-01T10:00:05Z",               // two-digit year
            "+2025-05-01T10:00:05Z",
            "-0001-05-01T10:00:05Z",
            "2025-5-1T10:00:05Z",               // unpadded
            "2025-05-01T1:00:05Z",
            "2025-05-01T10:00:5Z",
            "2025-05-01T10:00:05.123ZZ",
            "２０２５-05-01T10:00:05Z",          // full-width digits
            "abcd-ef-ghTij:kl:mnZ",
        };
        for (const char* text : invalid) {
            INFO('"' << text << '"');
            CHECK_FALSE(parseIsoTime(text).has_value());
        }
    }
    SECTION("days that do not exist in the month are rejected, not rolled over") {
        CHECK_FALSE(parseIsoTime("2025-02-29T00:00:00Z").has_value());
        CHECK_FALSE(parseIsoTime("2025-02-30T00:00:00Z").has_value());
        CHECK_FALSE(parseIsoTime("2025-04-31T00:00:00Z").has_value());
        CHECK_FALSE(parseIsoTime("1900-02-29T00:00:00Z").has_value());
        CHECK(parseIsoTime("2025-01-31T00:00:00Z").has_value());
        CHECK(parseIsoTime("2025-12-31T00:00:00Z").has_value());
    }
    SECTION("offsets beyond 23:59 are rejected") {
        CHECK_FALSE(parseIsoTime("2025-05-01T10:00:05+02:60").has_value());
        CHECK_FALSE(parseIsoTime("2025-05-01T10:00:05+24:00").has_value());
        CHECK_FALSE(parseIsoTime("2025-05-01T10:00:05-9999").has_value());
        CHECK(parseIsoTime("2025-05-01T10:00:05+14:00").has_value());
    }
    SECTION("an embedded NUL ends nothing: the whole view is parsed") {
        CHECK_FALSE(parseIsoTime(std::string_view("2025-05-01T10:00:05Z\0", 21)).has_value());
    }
}

TEST_CASE("formatIsoTime writes Connect's format", "[util]") {
    SECTION("always YYYY-MM-DDTHH:MM:SS.mmmZ") {
        CHECK(formatIsoTime(kExample) == "2025-05-01T10:00:05.123Z");
        CHECK(formatIsoTime(0) == "1970-01-01T00:00:00.000Z");
        CHECK(formatIsoTime(1) == "1970-01-01T00:00:00.001Z");
        CHECK(formatIsoTime(1'709'208'000'000) == "2024-02-29T12:00:00.000Z");
        CHECK(formatIsoTime(253'402'300'799'999) == "9999-12-31T23:59:59.999Z");
    }
    SECTION("times before 1970 are not rounded towards zero") {
        CHECK(formatIsoTime(-1) == "1969-12-31T23:59:59.999Z");
        CHECK(formatIsoTime(-kDay) == "1969-12-31T00:00:00.000Z");
        CHECK(formatIsoTime(-kDay - 1) == "1969-12-30T23:59:59.999Z");
        CHECK(formatIsoTime(-2'208'988'800'000) == "1900-01-01T00:00:00.000Z");
        CHECK(formatIsoTime(-62'135'596'800'000) == "0001-01-01T00:00:00.000Z");
    }
    SECTION("the extremes of int64 do not overflow (no undefined behaviour)") {
        const std::string lo = formatIsoTime(std::numeric_limits<std::int64_t>::min());
        const std::string hi = formatIsoTime(std::numeric_limits<std::int64_t>::max());
        CHECK(lo.size() > 20);
        CHECK(hi.size() > 20);
        CHECK(hi.substr(hi.size() - 5) == ".807Z");   // 9223372036854775807 ms: the last three digits are the ms
        CHECK(lo.substr(lo.size() - 5) == ".192Z");   // -9223372036854775808 ms = ... + 192 ms
    }
    SECTION("format -> parse gives the same instant, over four-digit years") {
        std::vector<std::int64_t> values = {0, 1, -1, 999, -999, 1000, -1000, kDay - 1, -kDay + 1, kExample,
                                            -62'135'596'800'000, 253'402'300'799'999};
        // a deterministic spread over year 1 .. 9999, including odd milliseconds
        std::uint64_t x = 88172645463325252ull;
        const std::int64_t lo = -62'135'596'800'000, span = 253'402'300'799'999 - lo + 1;
        for (int i = 0; i < 20000; ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push_back(lo + static_cast<std::int64_t>(x % static_cast<std::uint64_t>(span)));
        }
        // every day boundary around the 1970 epoch and across a leap day
        for (std::int64_t d = -800; d <= 800; ++d) values.push_back(d * kDay);
        for (std::int64_t v : values) {
            const std::string text = formatIsoTime(v);
            const auto back = parseIsoTime(text);
            if (!back || *back != v) FAIL("round trip failed for " << v << " -> " << text);
        }
        SUCCEED("all values round-tripped");
    }
    SECTION("parse -> format normalises offsets and fractions to UTC milliseconds") {
        CHECK(formatIsoTime(*parseIsoTime("2025-05-01T12:00:05.123456+02:00")) == "2025-05-01T10:00:05.123Z");
        CHECK(formatIsoTime(*parseIsoTime("2025-05-02T09:00+00:00")) == "2025-05-02T09:00:00.000Z");
    }
}

// =============================================================================================
// UUIDv4
// =============================================================================================
TEST_CASE("uuidV4 makes ClientTokens in the SDK's format", "[util]") {
    SECTION("8-4-4-4-12 lower-case hex with version 4 and the RFC 4122 variant") {
        ScriptedRandom random;
        for (int i = 0; i < 1000; ++i) {
            const std::string u = uuidV4(random);
            INFO(u);
            REQUIRE(isUuidV4(u));
        }
    }
    SECTION("the version and variant bits are forced, whatever the entropy") {
        ConstantRandom zeros(0);
        CHECK(uuidV4(zeros) == "00000000-0000-4000-8000-000000000000");
        ConstantRandom ones(0xFFFFFFFFu);
        CHECK(uuidV4(ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }
    SECTION("all 122 random bits come from four 32-bit draws, bytes in little-endian order") {
        ScriptedRandom random({0x03020100u, 0x07060504u, 0x0B0A0908u, 0x0F0E0D0Cu});
        CHECK(uuidV4(random) == "00010203-0405-4607-8809-0a0b0c0d0e0f");
        CHECK(random.calls == 4);
    }
    SECTION("the variant nibble takes all four values 8, 9, a, b") {
        std::set<char> variants;
        ScriptedRandom random;
        for (int i = 0; i < 200; ++i) variants.insert(uuidV4(random)[19]);
        CHECK(variants == std::set<char>{'8', '9', 'a', 'b'});
    }
    SECTION("successive values are distinct") {
        ScriptedRandom random({}, 12345);
        std::set<std::string> seen;
        for (int i = 0; i < 10000; ++i) seen.insert(uuidV4(random));
        CHECK(seen.size() == 10000);
    }
    SECTION("the same entropy gives the same token (deterministic in tests)") {
        ScriptedRandom a({}, 42), b({}, 42);
        CHECK(uuidV4(a) == uuidV4(b));
    }
}

// =============================================================================================
// UTF-8 length
// =============================================================================================
TEST_CASE("utf8Length counts code points", "[util]") {
    SECTION("ASCII: one per byte") {
        CHECK(utf8Length("") == 0);
        CHECK(utf8Length("hello") == 5);
        CHECK(utf8Length(std::string(1024, 'a')) == 1024);
        CHECK(utf8Length(std::string_view("a\0b", 3)) == 3);   // NUL is a code point
    }
    SECTION("2-, 3- and 4-byte sequences are one code point each") {
        CHECK(utf8Length("\xC3\xA9") == 1);                  // é
        CHECK(utf8Length("caf\xC3\xA9") == 4);
        CHECK(utf8Length("\xE2\x82\xAC") == 1);              // €
        CHECK(utf8Length("\xE4\xBD\xA0\xE5\xA5\xBD") == 2);  // 你好
        CHECK(utf8Length("\xF0\x9F\x98\x80") == 1);          // 😀
        CHECK(utf8Length("\xF4\x8F\xBF\xBF") == 1);          // U+10FFFF
    }
    SECTION("emoji count as their code points, like Connect's limit") {
        CHECK(utf8Length("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD") == 2);   // 👍🏽 thumb + skin tone
        // 👨‍👩‍👧 = man ZWJ woman ZWJ girl: 5 code points
        CHECK(utf8Length("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7") == 5);
        std::string many;
        for (int i = 0; i < 1024; ++i) many += "\xF0\x9F\x98\x80";
        CHECK(many.size() == 4096);
        CHECK(utf8Length(many) == 1024);
    }
    SECTION("invalid bytes count one each") {
        CHECK(utf8Length("\xFF") == 1);
        CHECK(utf8Length("\xFF\xFE") == 2);
        CHECK(utf8Length("\x80") == 1);                      // lone continuation byte
        CHECK(utf8Length("\x80\x80\x80") == 3);
        CHECK(utf8Length("a\xF8\x88\x80\x80\x80z") == 7);    // 5-byte form does not exist
        CHECK(utf8Length("\xC3\xA9\xBF") == 2);              // é then a stray continuation byte
    }
    SECTION("a truncated sequence counts one per byte") {
        CHECK(utf8Length("\xE2\x82") == 2);                  // € without its last byte, at the end
        CHECK(utf8Length("a\xF0\x9F\x98") == 4);             // 😀 cut short
        CHECK(utf8Length("\xE2\x82" "A") == 3);              // interrupted by ASCII
        CHECK(utf8Length("\xF0\x9F" "\xC3\xA9") == 3);       // interrupted by a complete é
        CHECK(utf8Length("\xC3") == 1);
    }
}

TEST_CASE("percentDecode and queryParam read URL query strings", "[util]") {
    CHECK(percentDecode("a%20b%2Fc", false) == "a b/c");
    CHECK(percentDecode("a+b", true) == "a b");
    CHECK(percentDecode("a+b", false) == "a+b");
    CHECK(percentDecode("%41%4a%4A", false) == "AJJ");
    CHECK_FALSE(percentDecode("%4", false).has_value());
    CHECK_FALSE(percentDecode("%", false).has_value());
    CHECK_FALSE(percentDecode("%zz", false).has_value());
    CHECK(queryParam("connection=abc&sig=x%2By", "connection") == "abc");
    CHECK(queryParam("connection=abc&sig=x%2By", "sig") == "x+y");
    CHECK(queryParam("a=1&flag&b=2", "flag").empty());
    CHECK(queryParam("a=1&b=2", "c").empty());
    CHECK(queryParam("a=%zz", "a").empty());
    CHECK(queryParam("", "a").empty());
}

TEST_CASE("parseDecimal reads numbers without strtod", "[util]") {
    SECTION("correctly rounded up to 15 significant digits and exponents within 22: equal to strtod") {
        const char* exact[] = {"0", "1", "-1", "1.25", "2.625", "1.3333333333333", "0.1", "0.2", "0.3", "16",
                               "12.5e3", "-7.75E-2", "123456789012345", "0.000001", "1e22", "1e-22", "3.0",
                               "0.0", "-0", "999999999999999", "4.9e-3", "17.333333333333"};
        for (const char* text : exact) {
            INFO(text);
            std::size_t used = 0;
            CHECK(parseDecimal(text, &used) == std::strtod(text, nullptr));
            CHECK(used == std::strlen(text));
        }
    }
    SECTION("longer or larger numbers: within 1e-14 of strtod, relatively") {
        const char* near[] = {"3.14159265358979323846", "1.5e300", "2.2250738585072014e-308",
                              "123456789012345678901234567890", "1e100", "6.02214076e23", "1e-100",
                              "0.1234567890123456789"};
        for (const char* text : near) {
            INFO(text);
            const double want = std::strtod(text, nullptr), got = parseDecimal(text);
            CHECK(std::fabs(got - want) <= std::fabs(want) * 1e-14);
        }
    }
    SECTION("reads the longest number prefix; no digits is no number") {
        std::size_t used = 99;
        CHECK(parseDecimal("2.5px", &used) == 2.5);
        CHECK(used == 3);
        CHECK(parseDecimal("7e", &used) == 7);
        CHECK(used == 1);
        CHECK(parseDecimal("abc", &used) == 0);
        CHECK(used == 0);
        CHECK(parseDecimal("-", &used) == 0);
        CHECK(used == 0);
        CHECK(parseDecimal("1e400") == std::numeric_limits<double>::infinity());
        CHECK(parseDecimal("1e-400") == 0);
    }
}

// decimal/appendDecimal stand in for std::to_string everywhere in the core and the widget.
TEST_CASE("decimal writes integers as std::to_string does", "[util]") {
    const std::int64_t values[] = {0, 1, -1, 9, 10, -10, 12345, -987654321, 4294967295LL, -4294967296LL,
                                   std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()};
    for (std::int64_t v : values) CHECK(decimal(v) == std::to_string(v));
    std::string out = "x";
    appendDecimal(out, std::numeric_limits<std::uint64_t>::max());
    CHECK(out == "x" + std::to_string(std::numeric_limits<std::uint64_t>::max()));
    appendDecimal(out, 0);
    CHECK(out.back() == '0');
}
