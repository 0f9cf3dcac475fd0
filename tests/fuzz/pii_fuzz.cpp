// libFuzzer target for the PII detector (core pii.cpp + pii_words.cpp): every scanner (numbers,
// names, addresses, dates, credentials, network and national ids) reads untrusted customer text in the
// client guard and in connect-local. Built only with -DFINCHAT_FUZZ=ON (clang; the core then has
// ASan+UBSan), so a crash, a leak, undefined behaviour or an abort is a finding. On top of "no crash"
// it checks what callers rely on:
//   - matches are sorted, disjoint, inside the text, score in (0, 1]; in valid UTF-8 they never split
//     a code point;
//   - code-point offsets (Comprehend's unit) are monotone;
//   - redacting (every mask mode) or masking valid UTF-8 keeps it valid;
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto matches = detectPii(input);
    // Code point boundaries exist only in valid UTF-8 (what the composer and Comprehend's JSON carry); in
    // broken text a stray continuation byte after a match is no code point of it.
    const bool valid = toValidUtf8(input) == input;
    std::size_t prevEnd = 0;
    auto continuation = [&](std::size_t i) { return i < input.size() && (static_cast<unsigned char>(input[i]) & 0xC0) == 0x80; };
    for (const PiiMatch& m : matches) {
        if (m.begin < prevEnd || m.end <= m.begin || m.end > input.size()) violated("PII matches sorted, disjoint, inside", input);
        if (valid && (continuation(m.begin) || continuation(m.end))) violated("PII matches never split a code point", input);
        if (!(m.score > 0.0f && m.score <= 1.0f)) violated("PII score in (0, 1]", input);
        prevEnd = m.end;
    }
    const auto offsets = codePointOffsets(input, matches);
    for (std::size_t i = 0; i < offsets.size(); ++i)
        if (offsets[i].second < offsets[i].first || (i > 0 && offsets[i].first < offsets[i - 1].second))
            violated("code-point offsets monotone", input);
    if (valid) {
        const std::string redacted = redactPii(input, matches), masked = maskPii(input, matches);
        if (toValidUtf8(redacted) != redacted) violated("redactPii keeps UTF-8 valid", redacted);
        if (toValidUtf8(masked) != masked) violated("maskPii keeps UTF-8 valid", masked);
        PiiRedaction pii;
        pii.maskMode = PiiMaskMode::Pii;
        pii.entities = PiiTypeSet::all();
        const std::string inFlight = redactPii(input, pii);
        if (toValidUtf8(inFlight) != inFlight) violated("in-flight redaction keeps UTF-8 valid", inFlight);
    }
    if (auto p = parsePiiPolicy(input); !p) (void)p.error().describe();
    if (auto r = parsePiiRedaction(input); !r) (void)r.error().describe();
    return 0;
}
