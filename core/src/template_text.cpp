#include "finchat/template_text.h"

#include <algorithm>

#include "finchat/json.h"
#include "finchat/util.h"

namespace finchat {

namespace {

constexpr std::size_t kMaxOptions = 50;   // a fallback is for reading, not for a 1,000-item list

bool isPlaceholder(std::string_view s) { return s.substr(0, 5) == "$API:"; }

// A string member, empty when absent, not a string, or a data placeholder (which sets `dataBound`).
std::string text(const Json& obj, const char* key, bool& dataBound) {
    const Json* v = obj.find(key);
    if (!v || !v->isString()) return {};
    const std::string& s = v->asString();
    if (isPlaceholder(s)) {
        dataBound = true;
        return {};
    }
    return s;
}

const Json* content(const Json& tpl) {
    const Json* data = tpl.find("data");
    const Json* c = data ? data->find("content") : nullptr;
    return c && c->isObject() ? c : nullptr;
}

// "2025-05-01T14:00+00:00" -> "2025-05-01 14:00 UTC" (the fallback does not know the viewer's zone).
std::string slotText(const Json& slot) {
    const Json* date = slot.find("date");
    if (!date || !date->isString()) return {};
    const auto ms = parseIsoTime(date->asString());
    if (!ms) return date->asString();
    const std::string iso = formatIsoTime(*ms);   // "YYYY-MM-DDTHH:MM:SS.mmmZ"
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

void addOption(TemplateSummary& s, std::string option) {
    if (!option.empty() && s.options.size() < kMaxOptions) s.options.push_back(std::move(option));
}

}  // namespace

std::optional<TemplateSummary> summarizeTemplate(std::string_view jsonText) {
    const Json tpl = Json::parse(jsonText);
    const Json* type = tpl.find("templateType");
    if (!type || !type->isString()) return std::nullopt;
    TemplateSummary s;
    s.templateType = type->asString();
    const Json* c = content(tpl);
    if (!c) return s;
    s.title = text(*c, "title", s.dataBound);
    s.subtitle = text(*c, "subtitle", s.dataBound);
    if (const Json* elements = c->find("elements")) {
        if (elements->isString() && isPlaceholder(elements->asString())) s.dataBound = true;
        for (const Json& e : elements->items()) {
            // Carousel elements are whole templates (usually Panels): their title names the option.
            const Json* inner = e.find("templateType") ? content(e) : nullptr;
            addOption(s, text(inner ? *inner : e, "title", s.dataBound));
        }
    }
    if (const Json* slots = c->find("timeslots"))
        for (const Json& slot : slots->items()) addOption(s, slotText(slot));
    return s;
}

RichText templateFallback(const TemplateSummary& summary) {
    RichText out;
    auto append = [&](const std::string& text, BlockKind kind, bool bold) {
        RichText part = parsePlainText(text);
        const int linkBase = static_cast<int>(out.links.size());
        out.links.insert(out.links.end(), part.links.begin(), part.links.end());
        for (TextBlock& b : part.blocks) {
            b.kind = kind;
            b.gapBefore = false;
            for (TextRun& r : b.runs) {
                r.bold = bold;
                if (r.link >= 0) r.link += linkBase;
            }
            out.blocks.push_back(std::move(b));
        }
    };
    append(summary.title, BlockKind::Paragraph, true);
    append(summary.subtitle, BlockKind::Paragraph, false);
    for (const std::string& option : summary.options) append(option, BlockKind::Bullet, false);
    return out;
}

std::string templateFallbackText(const TemplateSummary& summary) {
    std::string out;
    // One part as parsePlainText blocks it (runs of non-blank lines, trailing spaces trimmed, joined
    // by '\n'), each block on its own line as plainText writes them (templateFallback clears gapBefore).
    auto append = [&](const std::string& part, bool bullet) {
        const std::string text = normaliseText(part);
        bool open = false;
        std::size_t pos = 0;
        while (pos <= text.size()) {
            const std::size_t nl = std::min(text.find('\n', pos), text.size());
            std::string_view line = std::string_view(text).substr(pos, nl - pos);
            while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
            pos = nl + 1;
            if (line.empty()) {
                open = false;
                continue;
            }
            if (!out.empty()) out += '\n';
            if (!open && bullet) out += kPlainBullet;
            open = true;
            out += line;
        }
    };
    append(summary.title, false);
    append(summary.subtitle, false);
    for (const std::string& option : summary.options) append(option, true);
    return out;
}

}  // namespace finchat
