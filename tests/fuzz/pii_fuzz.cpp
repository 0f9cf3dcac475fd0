// libFuzzer target for the PII detector (core pii.cpp + pii_words.cpp): every scanner (numbers,
// names, addresses, dates, credentials, network and national ids) reads untrusted customer text in the
// client guard and in connect-local. Built only with -DFINCHAT_FUZZ=ON (clang; the core then has
// ASan+UBSan), so a crash, a leak, undefined behaviour or an abort is a finding. On top of "no crash"
// it checks what callers rely on, on every input, valid UTF-8 or not (customer text reaches
// connect-local as bytes; the composer and Comprehend's JSON carry valid UTF-8, a raw API call need not):
//   - matches are sorted, disjoint, inside the text, score in (0, 1];
//   - every match boundary has an ASCII byte on at least one side, or is an end of the text, or lies
//     between two whole code points: in valid UTF-8 that is "never splits a code point"; in broken
//     text it means an entity's edge never cuts into a run of non-ASCII bytes that are not whole;
//   - code-point offsets (Comprehend's unit) are monotone;
//   - redactPii is the text outside the entities byte for byte with "[TYPE]" for each, and repairing
//     it (toValidUtf8) gives the same as repairing each piece alone: no broken sequence is made, hidden
//     or completed at an entity's edge;
//   - masking and in-flight redaction are valid UTF-8 exactly when the text outside the entities is
//     (valid input stays valid; broken bytes outside the entities are kept, never patched);
//   - the policy and redaction-config parsers answer every input with a value or an error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "finchat/pii.h"
#include "finchat/util.h"

using namespace finchat;

namespace {

[[noreturn]] void violated(const char* what, std::string_view detail) {
    std::fprintf(stderr, "property violated: %s\n  %.*s\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

bool ascii(std::string_view s, std::size_t i) { return i < s.size() && static_cast<unsigned char>(s[i]) < 0x80; }

// The length of the well-formed UTF-8 sequence starting at i (RFC 3629: no overlongs, surrogates or
// values past U+10FFFF), or 0.
std::size_t wholeAt(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned c = b(0);
    const auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return b(k) >= lo && b(k) <= hi; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF)
        return cont(1, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF) && cont(2) ? 3 : 0;
    if (c >= 0xF0 && c <= 0xF4)
        return cont(1, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

// Whether byte b starts a whole code point and the bytes before it end one (a sequence of 2 to 4
// bytes ending at b). Scanned from the text's start: the only sure way to tell in broken text.
bool betweenWholeCodePoints(std::string_view s, std::size_t b) {
    if (!wholeAt(s, b)) return false;
    for (std::size_t i = 0; i < b;) {
        if (ascii(s, i)) { ++i; continue; }
        const std::size_t n = wholeAt(s, i);
        if (n == 0) { ++i; continue; }
        if (i + n == b) return true;
        i += n;
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto matches = detectPii(input);
    // A boundary at byte b (0 < b < size) lies between bytes b-1 and b; one of them must be ASCII.
    // Between two non-ASCII bytes only when they are two whole code points ("Renée”": é, then ”).
    auto edgeOk = [&](std::size_t b) {
        return b == 0 || b == input.size() || ascii(input, b - 1) || ascii(input, b) || betweenWholeCodePoints(input, b);
    };
    std::size_t prevEnd = 0;
    for (const PiiMatch& m : matches) {
        if (m.begin < prevEnd || m.end <= m.begin || m.end > input.size()) violated("PII matches sorted, disjoint, inside", input);
        if (!edgeOk(m.begin) || !edgeOk(m.end)) violated("PII match edges next to an ASCII byte (no code point split)", input);
        if (!(m.score > 0.0f && m.score <= 1.0f)) violated("PII score in (0, 1]", input);
        prevEnd = m.end;
    }
    const auto offsets = codePointOffsets(input, matches);
    for (std::size_t i = 0; i < offsets.size(); ++i)
        if (offsets[i].second < offsets[i].first || (i > 0 && offsets[i].first < offsets[i - 1].second))
            violated("code-point offsets monotone", input);

    // The text outside the entities, piece by piece, and whether all of it is valid UTF-8.
    std::string expected, expectedRepaired;
    bool gapsValid = true;
    std::size_t cursor = 0;
    auto gap = [&](std::size_t end) {
        const std::string_view piece = input.substr(cursor, end - cursor);
        const std::string repaired = toValidUtf8(piece);
        gapsValid = gapsValid && repaired == piece;
        expected += piece;
        expectedRepaired += repaired;
    };
    for (const PiiMatch& m : matches) {
        gap(m.begin);
        const std::string replacement = std::string("[") + comprehendName(m.type) + "]";
        expected += replacement;
        expectedRepaired += replacement;
        cursor = m.end;
    }
    gap(input.size());
    const std::string redacted = redactPii(input, matches);
    if (redacted != expected) violated("redactPii: the text outside the entities with [TYPE] for each", redacted);
    if (toValidUtf8(redacted) != expectedRepaired) violated("redactPii: no broken sequence made or mended at an entity's edge", redacted);
    const std::string masked = maskPii(input, matches);
    if ((toValidUtf8(masked) == masked) != gapsValid) violated("maskPii valid UTF-8 exactly when the text outside the entities is", masked);
    PiiRedaction pii;
    pii.maskMode = PiiMaskMode::Pii;
    pii.entities = PiiTypeSet::all();
    const std::string inFlight = redactPii(input, pii);
    if ((toValidUtf8(inFlight) == inFlight) != gapsValid)
        violated("in-flight redaction valid UTF-8 exactly when the text outside the entities is", inFlight);

    if (auto p = parsePiiPolicy(input); !p) (void)p.error().describe();
    if (auto r = parsePiiRedaction(input); !r) (void)r.error().describe();
    return 0;
}
