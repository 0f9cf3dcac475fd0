// libFuzzer target for the PII detector (core pii.cpp + pii_words.cpp): every scanner (numbers,
// names, addresses, dates, credentials, network and national ids) reads untrusted customer text in the
// client guard and in connect-local. Built only with -DFINCHAT_FUZZ=ON (clang; the core then has
// ASan+UBSan), so a crash, a leak, undefined behaviour or an abort is a finding. On top of "no crash"
// it checks what callers rely on, on every input, valid UTF-8 or not (customer text reaches
// connect-local as bytes; the composer and Comprehend's JSON carry valid UTF-8, a raw API call need not):
//   - matches are sorted, disjoint, inside the text, score in (0, 1];
//   - every match boundary has an ASCII byte on at least one side (or is an end of the text), so no
//     match begins or ends between two non-ASCII bytes: in valid UTF-8 that is "never splits a code
//     point"; in broken text it means an entity's edge never cuts into a run of non-ASCII bytes;
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto matches = detectPii(input);
    // A boundary at byte b (0 < b < size) lies between bytes b-1 and b; one of them must be ASCII.
    auto edgeOk = [&](std::size_t b) { return b == 0 || b == input.size() || ascii(input, b - 1) || ascii(input, b); };
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
