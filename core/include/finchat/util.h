// finchat/util.h: small helpers the protocol needs and the C++20 library lacks in a portable form.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finchat {

class Random;

// ISO-8601 timestamps as Connect writes them ("2025-05-01T10:00:05.123Z"); offsets such as
// "+02:00" and missing fractions are accepted too. Milliseconds since the Unix epoch.
std::optional<std::int64_t> parseIsoTime(std::string_view text);
std::string formatIsoTime(std::int64_t msSinceEpoch);   // always "YYYY-MM-DDTHH:MM:SS.mmmZ"

// Random UUIDv4, the format the AWS SDK uses for ClientTokens.
std::string uuidV4(Random& random);

// Decimal digits, as std::to_string writes them, without libc++'s to_chars (two itoa instantiations
// and their digit-pair table; the core's one integer formatter, Json's numbers included).
void appendDecimal(std::string& out, std::uint64_t v);
std::string decimal(std::int64_t v);

// The value of a hexadecimal digit (0-15), or -1.
int hexDigit(char c);

// A decimal number ("-12.5e3": optional sign, digits with an optional fraction, optional exponent) as
// a double, without strtod: in the browser strtod brings musl's scanner and 128-bit soft-float (~10 KB
// gzip). Correctly rounded when the number has at most 15 significant digits and a decimal exponent
// within +-22 (every pixel size, ratio or radius a page sends); otherwise within 1e-14, relatively. Reads the
// longest prefix of `text` that is such a number and stores its length in `used` (0: no number).
double parseDecimal(std::string_view text, std::size_t* used = nullptr);

// URL pieces: "%41" -> "A" ('+' -> ' ' in query values); nullopt for a malformed escape.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace);
// The decoded value of `name` in a query string ("a=1&b=2"); empty if absent or badly encoded.
std::string queryParam(std::string_view query, std::string_view name);

// Number of Unicode code points in UTF-8 text (Connect's 1,024 "characters" limit); invalid
// sequences count one per byte.
std::size_t utf8Length(std::string_view text);

// Strict UTF-8 decoding (no overlong forms, surrogates or values past U+10FFFF). Returns the code point
// at `pos` and moves past it; for an invalid sequence returns -1 and moves past one byte.
std::int32_t nextCodePoint(std::string_view text, std::size_t& pos);
// `text` with each byte of an invalid sequence replaced by U+FFFD (display names, anything drawn from
// the wire: ImGui and the DOM mirror need valid UTF-8).
std::string toValidUtf8(std::string_view text);

// Sorts `v` by First (a strict "comes before") through the C library's qsort: one sort in the wasm
// for every type, where each std::sort instantiates its own introsort (~3 KB of wasm each). qsort is
// not stable: First must be a total order (no two different elements compare equal) and T trivially
// copyable; then every algorithm gives the same result, natively and in the browser.
template <class T, bool (*First)(const T&, const T&)>
void sortBy(std::vector<T>& v) {
    if (v.size() < 2) return;
    std::qsort(v.data(), v.size(), sizeof(T), [](const void* x, const void* y) {
        const T& a = *static_cast<const T*>(x);
        const T& b = *static_cast<const T*>(y);
        return First(a, b) ? -1 : First(b, a) ? 1 : 0;
    });
}

}  // namespace finchat
