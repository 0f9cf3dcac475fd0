// libFuzzer target for what the chat window reads from untrusted text: message markdown and plain text
// (agents, bots), interactive/template JSON (bots), and theme JSON and colours (partner pages). Built
// only with -DFINCHAT_FUZZ=ON (clang; the core then has ASan+UBSan), so a crash, a leak, undefined
// behaviour or an abort is a finding. Templates are also resolved: the input up to its first NUL byte
// is the message, the rest the data provider's answer to every call. On top of "no crash" it checks
// what the window relies on:
//   - every run is non-empty valid UTF-8 without control characters other than '\n', link indexes
//     are in range, every link is allow-listed (https:, mailto:, tel:);
//   - plain text normalises once: parsing the plain text of a parse gives the same plain text;
//   - an allowed https: link names its host plainly (no '@', '%' or '\' before the path);
//   - a template that builds keeps the official limits, its strings are valid UTF-8, its links and
//     images are allow-listed, and a data-bound option sends exactly its opaque id and nothing else;
//   - a theme that parses re-encodes to itself, and enforceContrast() makes every text colour that has
//     a single background pass; a colour that parses formats and parses back to itself;
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "finchat/interactive.h"
#include "finchat/markdown.h"
#include "finchat/template_data.h"
#include "finchat/template_text.h"
#include "finchat/theme.h"
#include "finchat/util.h"

using namespace finchat;

namespace {

[[noreturn]] void violated(const char* what, std::string_view detail) {
    std::fprintf(stderr, "property violated: %s\n  %.*s\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

void checkLink(const std::string& href) {
    if (!linkAllowed(href)) violated("only allowed links", href);
    if (href.size() >= 8 && (href[0] | 0x20) == 'h') {
        const std::string authority = href.substr(8, href.find_first_of("/?#", 8) - 8);
        if (authority.find_first_of("@%\\") != std::string::npos) violated("links name their host plainly", href);
    }
    (void)linkTarget(href);
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
    for (const Link& l : r.links) checkLink(l.href);
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

// A clock whose timers fire when the fuzzer says so.
class StepClock : public Clock {
public:
    std::int64_t nowMs() const override { return now; }
    TimerId setTimer(std::int64_t delayMs, std::function<void()> fn) override {
        timers[++next] = {now + delayMs, std::move(fn)};
        return next;
    }
    void cancelTimer(TimerId id) override { timers.erase(id); }
    void fireAll() {
        while (!timers.empty()) {
            auto fn = std::move(timers.begin()->second.second);
            now = std::max(now, timers.begin()->second.first);
            timers.erase(timers.begin());
            fn();
        }
    }
    std::int64_t now = 0;
    TimerId next = 0;
    std::map<TimerId, std::pair<std::int64_t, std::function<void()>>> timers;
};

// Answers every call later (on answerAll) with the same text.
class EchoProvider : public DataProvider {
public:
    explicit EchoProvider(std::string answer) : answer_(std::move(answer)) {}
    void call(std::string, std::string, std::function<void(Result<std::string>)> done) override {
        pending_.push_back(std::move(done));
    }
    void answerAll() {
        auto pending = std::move(pending_);
        pending_.clear();
        for (auto& done : pending) done(answer_);
    }

private:
    std::string answer_;
    std::vector<std::function<void(Result<std::string>)>> pending_;
};

void checkText(const std::string& s, std::size_t maxChars, std::string_view input) {
    if (toValidUtf8(s) != s) violated("template text is valid UTF-8", s);
    if (utf8Length(s) > maxChars + 1) violated("template text within the limit", input);
}

void checkTemplate(const InteractiveTemplate& t, std::string_view input) {
    checkText(t.title, TemplateLimits::kTextChars, input);
    checkText(t.subtitle, TemplateLimits::kTextChars, input);
    if (!t.image.url.empty()) checkLink(t.image.url);
    const std::size_t maxElements = t.type == TemplateType::ListPicker ? TemplateLimits::kListPickerElements
                                    : t.type == TemplateType::QuickReply ? TemplateLimits::kQuickReplyElements
                                                                         : TemplateLimits::kPanelElements;
    if (t.elements.size() > maxElements || t.slots.size() > TemplateLimits::kTimeSlots ||
        t.cards.size() > TemplateLimits::kCarouselCards)
        violated("template counts within the limits", input);
    for (const TemplateElement& e : t.elements) {
        checkText(e.title, TemplateLimits::kTextChars, input);
        checkText(e.subtitle, TemplateLimits::kTextChars, input);
        if (!e.image.url.empty()) checkLink(e.image.url);
        if (e.kind == ElementKind::Hyperlink) checkLink(e.url);
        if ((e.kind == ElementKind::Hyperlink || e.kind == ElementKind::Inert) && e.reply) violated("links send nothing", input);
        if (e.reply && e.reply->dataBound && (e.reply->content != e.id || e.id.empty()))
            violated("a data-bound option sends its id only", input);
    }
    for (const InteractiveTemplate& card : t.cards) checkTemplate(card, input);
}

void templates(std::string_view input) {
    if (auto summary = summarizeTemplate(input)) {
        const RichText rich = templateFallback(*summary);
        checkRich(rich, input);
        if (templateFallbackText(*summary) != plainText(rich))
            violated("templateFallbackText is plainText(templateFallback)", input);
    }
    const std::size_t nul = input.find('\0');
    const std::string_view message = input.substr(0, nul);
    if (Result<TemplateMessage> m = parseTemplateMessage(message)) {
        if (m->placeholders.empty()) {
            Result<InteractiveTemplate> t = buildTemplate(*m, nullptr);
            if (!t) violated("a template without placeholders that parses builds", input);
            checkTemplate(*t, input);
        }
    }
    StepClock clock;
    EchoProvider provider(nul == std::string_view::npos ? std::string("[]") : std::string(input.substr(nul + 1)));
    TemplateResolver resolver(provider, clock, message, ResolverOptions{8000, std::string("acc_1")});
    resolver.start();
    provider.answerAll();
    if (resolver.state() == TemplateResolver::State::Loading) clock.fireAll();
    if (const InteractiveTemplate* t = resolver.ready()) checkTemplate(*t, input);
    if (const auto* f = resolver.failure()) {
        const auto summary = summarizeTemplate(message);
        if (f->fallbackText != (summary ? plainText(templateFallback(*summary)) : std::string()))
            violated("a failure's fallbackText is the message's plain fallback", input);
        if (f->retryable) {
            resolver.retry();
            clock.fireAll();   // the retry times out
            if (resolver.state() != TemplateResolver::State::Failed) violated("a timed-out retry fails", input);
        }
    }
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    text(input);
    templates(input);
    theme(input);
    return 0;
}
