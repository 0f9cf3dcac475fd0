// libFuzzer target for what the chat window reads from untrusted text: message markdown and plain text
// (agents, bots), interactive/template JSON (bots), and theme JSON and colours (partner pages). Built
// only with -DFINCHAT_FUZZ=ON (clang; the core then has ASan+UBSan), so a crash, a leak, undefined
// behaviour or an abort is a finding. On top of "no crash" it checks what the window relies on:
//   - every run is non-empty valid UTF-8 without control characters other than '\n', link indexes
//     are in range, every link is allow-listed (https:, mailto:, tel:);
//   - plain text normalises once: parsing the plain text of a parse gives the same plain text;
//   - a theme that parses re-encodes to itself, and enforceContrast() makes every text colour that has
//     a single background pass; a colour that parses formats and parses back to itself;
//   - PII (every scanner: numbers, names, addresses, dates, credentials, network and national ids):
//     matches are sorted, disjoint, inside the text, never split a UTF-8 sequence, score in (0, 1];
//     code-point offsets are monotone; redacting or masking valid UTF-8 keeps it valid; the policy
//     and redaction-config parsers answer every input with a value or an error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "finchat/markdown.h"
#include "finchat/pii.h"
#include "finchat/template_text.h"
#include "finchat/theme.h"
#include "finchat/util.h"

using namespace finchat;

namespace {

[[noreturn]] void violated(const char* what, std::string_view detail) {
    std::fprintf(stderr, "property violated: %s\n  %.*s\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

void checkRich(const RichText& r, std::string_view input) {
    for (const TextBlock& b : r.blocks) {
        if (b.runs.empty()) violated("blocks have runs", input);
        for (const TextRun& run : b.runs) {
            if (run.text.empty()) violated("runs are not empty", input);
            if (toValidUtf8(run.text) != run.text) violated("runs are valid UTF-8", run.text);
            for (char c : run.text)
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n') violated("no control characters", run.text);
            if (run.link < -1 || run.link >= static_cast<int>(r.links.size())) violated("link index in range", input);
        }
    }
    for (const Link& l : r.links) {
        if (!linkAllowed(l.href)) violated("only allowed links", l.href);
        (void)linkTarget(l.href);
    }
    (void)plainText(r);
}

void text(std::string_view input) {
    checkRich(parseMarkdown(input), input);
    const RichText plain = parsePlainText(input);
    checkRich(plain, input);
    const std::string once = plainText(plain);
    if (plainText(parsePlainText(once)) != once) violated("plain text normalises once", once);
    (void)linkAllowed(input);
    (void)linkTarget(input);
}

void templates(std::string_view input) {
    if (auto summary = summarizeTemplate(input)) checkRich(templateFallback(*summary), input);
}

void theme(std::string_view input) {
    if (auto c = parseColor(input)) {
        if (parseColor(formatColor(*c)) != c) violated("formatColor(parseColor(x)) parses back", formatColor(*c));
    }
    std::vector<std::string> unknown;
    Result<Theme> t = parseTheme(input, &unknown);
    if (!t) {
        (void)t.error().describe();
        return;
    }
    Result<Theme> again = parseTheme(encodeTheme(*t));
    if (!again || !(*again == *t)) violated("encodeTheme round-trips", encodeTheme(*t));
    Theme fixed = *t;
    (void)enforceContrast(fixed);
    for (const ContrastRule& r : contrastRules()) {
        int uses = 0;
        for (const ContrastRule& other : contrastRules()) uses += other.foreground == r.foreground;
        if (uses != 1) continue;
        Color bg = *themeColor(fixed, r.background);
        if (r.background != "background") bg = compositeOver(bg, compositeOver(fixed.colors.background, Color{255, 255, 255, 255}));
        if (contrastRatio(*themeColor(fixed, r.foreground), bg) < r.required) violated("enforceContrast passes", r.foreground);
    }
}

void pii(std::string_view input) {
    const auto matches = detectPii(input);
    std::size_t prevEnd = 0;
    auto continuation = [&](std::size_t i) { return i < input.size() && (static_cast<unsigned char>(input[i]) & 0xC0) == 0x80; };
    for (const PiiMatch& m : matches) {
        if (m.begin < prevEnd || m.end <= m.begin || m.end > input.size()) violated("PII matches sorted, disjoint, inside", input);
        if (continuation(m.begin) || continuation(m.end)) violated("PII matches never split a code point", input);
        if (!(m.score > 0.0f && m.score <= 1.0f)) violated("PII score in (0, 1]", input);
        prevEnd = m.end;
    }
    const auto offsets = codePointOffsets(input, matches);
    for (std::size_t i = 0; i < offsets.size(); ++i)
        if (offsets[i].second < offsets[i].first || (i > 0 && offsets[i].first < offsets[i - 1].second))
            violated("code-point offsets monotone", input);
    if (toValidUtf8(input) == input) {
        const std::string redacted = redactPii(input, matches), masked = maskPii(input, matches);
        if (toValidUtf8(redacted) != redacted) violated("redactPii keeps UTF-8 valid", redacted);
        if (toValidUtf8(masked) != masked) violated("maskPii keeps UTF-8 valid", masked);
    }
    if (auto p = parsePiiPolicy(input); !p) (void)p.error().describe();
    if (auto r = parsePiiRedaction(input); !r) (void)r.error().describe();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    text(input);
    templates(input);
    theme(input);
    pii(input);
    return 0;
}
