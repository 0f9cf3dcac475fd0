// finchat/util.h: small helpers the protocol needs and the C++20 library lacks in a portable form.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace finchat {

class Random;

// ISO-8601 timestamps as Connect writes them ("2025-05-01T10:00:05.123Z"); offsets such as
// "+02:00" and missing fractions are accepted too. Milliseconds since the Unix epoch.
std::optional<std::int64_t> parseIsoTime(std::string_view text);
std::string formatIsoTime(std::int64_t msSinceEpoch);   // always "YYYY-MM-DDTHH:MM:SS.mmmZ"

// Random UUIDv4, the format the AWS SDK uses for ClientTokens.
std::string uuidV4(Random& random);

// URL pieces: "%41" -> "A" ('+' -> ' ' in query values); nullopt for a malformed escape.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace);
// The decoded value of `name` in a query string ("a=1&b=2"); empty if absent or badly encoded.
std::string queryParam(std::string_view query, std::string_view name);

// Number of Unicode code points in UTF-8 text (Connect's 1,024 "characters" limit); invalid
// sequences count one per byte.
std::size_t utf8Length(std::string_view text);

}  // namespace finchat
