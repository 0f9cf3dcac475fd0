#include "template_views.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <vector>
#include "finchat/util.h"


namespace finchat::widget {

namespace {
constexpr float kPad = 12.f;       // inside the card
constexpr float kGap = 8.f;        // between blocks
constexpr float kImage = 40.f;     // list row and header thumbnails
constexpr float kRowPadY = 8.f;
constexpr float kCheckW = 20.f;    // room for the picked mark
constexpr float kChipH = 34.f;
constexpr float kPagerH = 32.f;
const char* const kCheck = "\xE2\x9C\x93";   // U+2713, in the base font subset

std::string joinLabel(std::initializer_list<const std::string*> parts) {
    std::string out;
    for (const std::string* p : parts) {
        if (p->empty()) continue;
        if (!out.empty()) out += ", ";
        out += *p;
    }
    return out;
}
}  // namespace

struct TemplateViews::Ctx {
    Ctx(ImDrawList* d, const Row& r, const TemplateView& v) : dl(d), row(r), view(v) {}
    ImDrawList* dl = nullptr;   // null: measuring only
    const Row& row;
    const TemplateView& view;
    float x = 0, w = 0, inner = 0;
    bool animating = false;
    std::string groupLabel;
    const char* groupRole = "group";
};

float TemplateViews::cardWidth(float listWidth) { return std::max(40.f, std::min(listWidth * 0.9f, 400.f)); }

TemplateViews::OptionColors TemplateViews::optionColors(bool picked, bool unavailable) const {
    if (picked) return {color(pal_.accent), color(pal_.onAccent), color(pal_.onAccent)};
    if (unavailable) return {color(pal_.background), color(pal_.muted), color(pal_.border)};
    return {color(pal_.background), color(pal_.accent), color(pal_.accent)};
}

float TemplateViews::text(Ctx& c, TextStyle style, ImU32 ink, float x, float y, float wrap, const std::string& s) {
    if (s.empty()) return 0;
    const ImVec2 ts = c.dl ? kit_.labels().draw(c.dl, style, ImVec2(x, y), ink, s, wrap) : kit_.labels().size(style, s, wrap);
    return std::ceil(ts.y);
}

bool TemplateViews::picked(const Ctx& c, TemplateChoice choice) const { return c.view.picked && *c.view.picked == choice; }

Control* TemplateViews::option(Ctx& c, ControlId id, std::string label, ImVec2 mn, ImVec2 mx, const char* kind,
                               std::string href, float rounding) {
    if (!c.dl) return nullptr;
    if (rounding < 0) rounding = pal_.buttonRadius;
    const bool disabled = c.view.answered;
    if (!disabled && kit_.hovered(id, mn, mx)) {
        kit_.wantHand();
        c.dl->AddRectFilled(mn, mx, mix(color(pal_.background), color(pal_.accent), 0.08f), rounding);
    }
    kit_.focusRing(c.dl, id, mn, mx, rounding);
    const bool link = href.size() > 0;
    Control& ctl = kit_.add(std::move(id), std::move(label), kind, mn, mx, std::move(href));
    if (!link) {
        ctl.groupKey = c.row.key;
        ctl.groupLabel = c.groupLabel;
        ctl.groupRole = c.groupRole;
    }
    ctl.disabled = disabled;
    return &ctl;
}

// ---------------------------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------------------------
float TemplateViews::header(Ctx& c, const InteractiveTemplate& t, float y) {
    if (t.title.empty() && t.subtitle.empty()) return y;
    float x = c.x + kPad, wrap = c.inner;
    const bool image = !t.image.url.empty();
    if (image) {
        if (c.dl) {
            const ImVec2 mn(x, y), mx(x + kImage, y + kImage);
            if (ImTextureID tex = images_ ? images_(t.image.url) : nullptr)
                c.dl->AddImageRounded(tex, mn, mx, ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, 6.f);
            else
                c.dl->AddRectFilled(mn, mx, mix(color(pal_.botBubble), color(pal_.border), 0.6f), 6.f);
        }
        x += kImage + 10;
        wrap -= kImage + 10;
    }
    wrap = std::max(wrap, 20.f);
    float h = text(c, TextStyle::Bold, color(pal_.botText), x, y, wrap, t.title);
    if (!t.subtitle.empty()) h += 2 + text(c, TextStyle::Small, color(pal_.muted), x, y + h + 2, wrap, t.subtitle);
    return y + std::max(h, image ? kImage : 0.f) + kGap;
}

float TemplateViews::listRows(Ctx& c, const InteractiveTemplate& t, float y, int card) {
    const ImU32 ink = color(pal_.text), muted = color(pal_.muted);
    for (std::size_t i = 0; i < t.elements.size(); ++i) {
        const TemplateElement& e = t.elements[i];
        const bool image = !e.image.url.empty();
        float x = c.x + kPad;
        float wrap = c.inner - kCheckW;
        if (image) {
            x += kImage + 10;
            wrap -= kImage + 10;
        }
        wrap = std::max(wrap, 20.f);
        // Measure first (the hover fill goes under the text).
        Ctx m(nullptr, c.row, c.view);
        float th = text(m, TextStyle::Body, 0, 0, 0, wrap, e.title);
        if (!e.subtitle.empty()) th += 2 + text(m, TextStyle::Small, 0, 0, 0, wrap, e.subtitle);
        const float rowH = std::max(th, image ? kImage : 0.f) + 2 * kRowPadY;
        const ImVec2 mn(c.x + 4, y), mx(c.x + c.w - 4, y + rowH);
        const TemplateChoice choice{card, static_cast<int>(i), -1};
        const bool isPicked = picked(c, choice);
        if (c.dl) {
            if (i > 0) c.dl->AddLine(ImVec2(c.x + kPad, y), ImVec2(c.x + c.w - kPad, y), color(pal_.border));
            if (isPicked) c.dl->AddRectFilled(mn, mx, mix(color(pal_.background), color(pal_.accent), 0.14f), pal_.buttonRadius);
            if (e.kind != ElementKind::Inert) {
                const std::string label = joinLabel({&e.title, &e.subtitle, &e.image.altText});
                if (Control* ctl = e.kind == ElementKind::Hyperlink
                                       ? option(c, ControlId{ControlKind::TemplateOption, c.row.key, card, static_cast<int>(i)},
                                                label, mn, mx, "link", e.url)
                                       : option(c, ControlId{ControlKind::TemplateOption, c.row.key, card, static_cast<int>(i)},
                                                label, mn, mx))
                    ctl->selected = isPicked;
            }
            if (image) {
                const ImVec2 imn(c.x + kPad, y + (rowH - kImage) * 0.5f), imx(imn.x + kImage, imn.y + kImage);
                if (ImTextureID tex = images_ ? images_(e.image.url) : nullptr)
                    c.dl->AddImageRounded(tex, imn, imx, ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, 6.f);
                else   // loading (or unavailable): a quiet placeholder of the same size
                    c.dl->AddRectFilled(imn, imx, mix(color(pal_.botBubble), color(pal_.border), 0.6f), 6.f);
            }
            const bool dim = c.view.answered && !isPicked;
            const ImU32 titleInk = e.kind == ElementKind::Hyperlink ? color(pal_.link) : dim ? muted : ink;
            const float ty = y + (rowH - th) * 0.5f;
            const float h1 = text(c, TextStyle::Body, titleInk, x, ty, wrap, e.title);
            if (!e.subtitle.empty()) text(c, TextStyle::Small, muted, x, ty + h1 + 2, wrap, e.subtitle);
            if (isPicked) {
                const ImVec2 cs = kit_.labels().size(TextStyle::Bold, kCheck);
                kit_.labels().draw(c.dl, TextStyle::Bold, ImVec2(mx.x - kPad + 4 - cs.x, std::round(y + (rowH - cs.y) * 0.5f)),
                                   color(pal_.accent), kCheck);
            }
        }
        y += rowH;
    }
    return y + kGap;
}

float TemplateViews::panelButtons(Ctx& c, const InteractiveTemplate& t, float y, int card) {
    for (std::size_t i = 0; i < t.elements.size(); ++i) {
        const TemplateElement& e = t.elements[i];
        const float wrap = std::max(20.f, c.inner - 2 * kPad - kCheckW);
        Ctx m(nullptr, c.row, c.view);
        const float th = text(m, TextStyle::Bold, 0, 0, 0, wrap, e.title);
        const float bh = std::max(36.f, th + 16);
        const ImVec2 mn(c.x + kPad, y), mx(c.x + kPad + c.inner, y + bh);
        const TemplateChoice choice{card, static_cast<int>(i), -1};
        const bool isPicked = picked(c, choice);
        if (c.dl) {
            auto [fill, ink, border] = optionColors(isPicked, c.view.answered || e.kind == ElementKind::Inert);
            if (!isPicked && !c.view.answered && e.kind == ElementKind::Hyperlink) ink = color(pal_.link);
            c.dl->AddRectFilled(mn, mx, fill, pal_.buttonRadius);
            c.dl->AddRect(mn, mx, border, pal_.buttonRadius);
            if (e.kind != ElementKind::Inert) {
                const ControlId id{ControlKind::TemplateOption, c.row.key, card, static_cast<int>(i)};
                if (Control* ctl = e.kind == ElementKind::Hyperlink ? option(c, id, e.title, mn, mx, "link", e.url)
                                                                    : option(c, id, e.title, mn, mx, "button"))
                    ctl->selected = isPicked;
            }
            const float tw = std::min(wrap, kit_.labels().size(TextStyle::Bold, e.title, wrap).x);
            const float tx = std::round(mn.x + (c.inner - tw) * 0.5f);
            text(c, TextStyle::Bold, ink, tx, std::round(y + (bh - th) * 0.5f), wrap, e.title);
            if (isPicked) {
                const ImVec2 cs = kit_.labels().size(TextStyle::Bold, kCheck);
                kit_.labels().draw(c.dl, TextStyle::Bold, ImVec2(mx.x - 8 - cs.x, std::round(y + (bh - cs.y) * 0.5f)), ink, kCheck);
            }
        }
        y += bh + 6;
    }
    return y + kGap - 6;
}

float TemplateViews::chips(Ctx& c, const InteractiveTemplate& t, float y) {
    const float left = c.x + kPad, right = left + c.inner;
    float x = left, lineH = 0;
    for (std::size_t i = 0; i < t.elements.size(); ++i) {
        const TemplateElement& e = t.elements[i];
        const TemplateChoice choice{-1, static_cast<int>(i), -1};
        const bool isPicked = picked(c, choice);
        const std::string label = isPicked ? std::string(kCheck) + " " + e.title : e.title;
        float cw = kit_.labels().size(TextStyle::Bold, label).x + 28, ch = kChipH;
        Ctx m(nullptr, c.row, c.view);
        if (cw > c.inner) {   // a long option: a full-width chip, wrapped
            cw = c.inner;
            ch = std::max(kChipH, text(m, TextStyle::Bold, 0, 0, 0, cw - 28, label) + 14);
        }
        if (x > left && x + cw > right) {
            x = left;
            y += lineH + 8;
            lineH = 0;
        }
        if (c.dl) {
            const ImVec2 mn(x, y), mx(x + cw, y + ch);
            const float r = ch > kChipH ? 14.f : ch * 0.5f;
            const auto [fill, ink, border] = optionColors(isPicked, c.view.answered);
            c.dl->AddRectFilled(mn, mx, fill, r);
            c.dl->AddRect(mn, mx, border, r);
            if (Control* ctl = option(c, ControlId{ControlKind::TemplateOption, c.row.key, -1, static_cast<int>(i)}, e.title,
                                      mn, mx, "button", {}, r))
                ctl->selected = isPicked;
            const float th = text(m, TextStyle::Bold, 0, 0, 0, cw - 28, label);
            text(c, TextStyle::Bold, ink, x + 14, std::round(y + (ch - th) * 0.5f), cw - 28, label);
        }
        x += cw + 8;
        lineH = std::max(lineH, ch);
    }
    return y + lineH + kGap;
}

float TemplateViews::timeSlots(Ctx& c, const InteractiveTemplate& t, float y) {
    // Slots by local day (the customer's time zone), in time order (the core sorted them).
    std::vector<std::pair<std::int64_t, std::vector<int>>> days;
    float chipW = 0;
    for (std::size_t i = 0; i < t.slots.size(); ++i) {
        const std::int64_t day = dates_->localDay(t.slots[i].startMs);
        if (days.empty() || days.back().first != day) days.push_back({day, {}});
        days.back().second.push_back(static_cast<int>(i));
        chipW = std::max(chipW, kit_.labels().size(TextStyle::Bold, dates_->time(t.slots[i].startMs)).x + 24);
    }
    if (days.empty()) return y;
    const int cols = std::max(1, static_cast<int>((c.inner + 8) / (chipW + 8)));
    chipW = (c.inner - (cols - 1) * 8.f) / static_cast<float>(cols);
    std::size_t maxRows = 0;
    for (const auto& d : days) maxRows = std::max(maxRows, (d.second.size() + cols - 1) / cols);

    const int count = static_cast<int>(days.size());
    int& stored = pages_[c.row.key];
    const int page = std::clamp(stored, 0, count - 1);
    if (c.dl) stored = page;
    const std::int64_t today = nowMs_ ? dates_->localDay(nowMs_) : -1;
    const std::string day = dayLabel(*dates_, days[static_cast<std::size_t>(page)].first, today, strings_);
    if (c.dl) {
        std::string label = day;
        if (count > 1)
            label += " \xC2\xB7 " + strings_.format("template.page", {{"page", decimal(page + 1)},
                                                                       {"count", decimal(count)}});
        kit_.pager(c.dl, ControlId{ControlKind::TemplatePage, c.row.key, -1}, ControlId{ControlKind::TemplatePage, c.row.key, 1},
                   page, count, label, S("template.previousDay"), S("template.nextDay"), ImVec2(c.x + kPad, y), c.inner,
                   kPagerH, TextStyle::Bold, color(pal_.botText));
    }
    y += kPagerH + kGap;
    if (c.dl) {
        const auto& slots = days[static_cast<std::size_t>(page)].second;
        for (std::size_t k = 0; k < slots.size(); ++k) {
            const int i = slots[k];
            const TimeSlot& s = t.slots[static_cast<std::size_t>(i)];
            const float sx = c.x + kPad + static_cast<float>(k % cols) * (chipW + 8);
            const float sy = y + static_cast<float>(k / cols) * (kChipH + 8);
            const ImVec2 mn(sx, sy), mx(sx + chipW, sy + kChipH);
            const bool isPicked = picked(c, TemplateChoice{-1, -1, i});
            const auto [fill, ink, border] = optionColors(isPicked, c.view.answered);
            c.dl->AddRectFilled(mn, mx, fill, pal_.buttonRadius);
            c.dl->AddRect(mn, mx, border, pal_.buttonRadius);
            const std::string time = dates_->time(s.startMs);
            const std::string duration =
                s.durationMinutes > 0 ? strings_.format("template.duration", {{"minutes", decimal(s.durationMinutes)}})
                                      : std::string();
            if (Control* ctl = option(c, ControlId{ControlKind::TemplateOption, c.row.key, -1, -1, i},
                                      joinLabel({&day, &time, &duration}), mn, mx))
                ctl->selected = isPicked;
            const ImVec2 ts = kit_.labels().size(TextStyle::Bold, time);
            kit_.labels().draw(c.dl, TextStyle::Bold, ImVec2(std::round(sx + (chipW - ts.x) * 0.5f), std::round(sy + (kChipH - ts.y) * 0.5f)),
                               ink, time);
        }
    }
    return y + static_cast<float>(maxRows) * (kChipH + 8) + kGap - 8;
}

float TemplateViews::carousel(Ctx& c, const InteractiveTemplate& t, float y) {
    y = header(c, t, y);
    if (t.cards.empty()) return y;
    const int count = static_cast<int>(t.cards.size());
    int& stored = pages_[c.row.key];
    const int page = std::clamp(stored, 0, count - 1);
    if (c.dl) stored = page;
    // The tallest card sets the height: turning a page keeps the row's height.
    float tallest = 0;
    for (int i = 0; i < count; ++i) {
        Ctx m(nullptr, c.row, c.view);
        m.x = c.x;
        m.w = c.w;
        m.inner = c.inner;
        tallest = std::max(tallest, render(m, t.cards[static_cast<std::size_t>(i)], 0, i));
    }
    if (c.dl) {
        const ImVec2 mn(c.x + 6, y - 2), mx(c.x + c.w - 6, y + tallest);
        c.dl->AddRectFilled(mn, mx, color(pal_.background), pal_.buttonRadius);
        c.dl->AddRect(mn, mx, color(pal_.border), pal_.buttonRadius);
        render(c, t.cards[static_cast<std::size_t>(page)], y + 4, page);
    }
    y += tallest + 4;
    if (count > 1 && c.dl) {
        const std::string label =
            strings_.format("template.page", {{"page", decimal(page + 1)}, {"count", decimal(count)}});
        kit_.pager(c.dl, ControlId{ControlKind::TemplatePage, c.row.key, -1}, ControlId{ControlKind::TemplatePage, c.row.key, 1},
                   page, count, label, S("template.previousCard"), S("template.nextCard"), ImVec2(c.x + kPad, y), c.inner,
                   kPagerH, TextStyle::Bold, color(pal_.botText));
    }
    if (count > 1) y += kPagerH + kGap;
    return y;
}

float TemplateViews::loading(Ctx& c, float y) {
    y += text(c, TextStyle::Small, color(pal_.muted), c.x + kPad, y, c.inner, S("template.loading")) + kGap;
    // Placeholder lines; they pulse gently unless the customer asked for reduced motion.
    float pulse = 0.5f;
    if (!reducedMotion_) {
        pulse = 0.5f + 0.5f * std::sin(static_cast<float>(kit_.input().time * 4.0));   // sinf, as ImGui
        c.animating = true;
    }
    for (const float part : {0.9f, 0.65f, 0.8f}) {
        if (c.dl)
            c.dl->AddRectFilled(ImVec2(c.x + kPad, y), ImVec2(c.x + kPad + c.inner * part, y + 12),
                                mix(color(pal_.background), color(pal_.border), 0.5f + 0.5f * pulse), 6.f);
        y += 12 + 10;
    }
    return y;
}

float TemplateViews::render(Ctx& c, const InteractiveTemplate& t, float y, int card) {
    switch (t.type) {
    case TemplateType::ListPicker:
        if (card < 0) {   // a Carousel's cards stay in the Carousel's group
            c.groupRole = "listbox";
            c.groupLabel = t.title;
        }
        return listRows(c, t, header(c, t, y), card);
    case TemplateType::Panel:
        if (card < 0) {
            c.groupRole = "group";
            c.groupLabel = t.title;
        }
        return panelButtons(c, t, header(c, t, y), card);
    case TemplateType::QuickReply:
        c.groupRole = "group";
        c.groupLabel = t.title;
        return chips(c, t, header(c, t, y));
    case TemplateType::TimePicker:
        c.groupRole = "listbox";
        c.groupLabel = t.title;
        return timeSlots(c, t, header(c, t, y));
    case TemplateType::Carousel:
        c.groupRole = "group";
        c.groupLabel = t.title;
        return carousel(c, t, y);
    }
    return y;
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------
float TemplateViews::measure(const Row& row, const TemplateView& view, float width) {
    Ctx c(nullptr, row, view);
    c.w = width;
    c.inner = std::max(20.f, width - 2 * kPad);
    float y = kPad;
    if (view.state == TemplateResolver::State::Ready && view.ready) y = render(c, *view.ready, y, -1);
    else y = loading(c, y);
    return std::ceil(y + kPad - kGap);
}

float TemplateViews::draw(ImDrawList* dl, const Row& row, const TemplateView& view, ImVec2 o, float width,
                          bool* animating) {
    const float h = measure(row, view, width);
    dl->AddRectFilled(o, ImVec2(o.x + width, o.y + h), color(pal_.botBubble), pal_.bubbleRadius);
    dl->AddRect(o, ImVec2(o.x + width, o.y + h), color(pal_.border), pal_.bubbleRadius);
    Ctx c(dl, row, view);
    c.x = o.x;
    c.w = width;
    c.inner = std::max(20.f, width - 2 * kPad);
    if (view.state == TemplateResolver::State::Ready && view.ready) render(c, *view.ready, o.y + kPad, -1);
    else loading(c, o.y + kPad);
    if (animating) *animating = c.animating;
    return h;
}

float TemplateViews::failedFooter(ImDrawList* dl, const Row& row, const TemplateView& view, ImVec2 o, float width) {
    Ctx c(dl, row, view);
    float y = o.y + 6;
    y += text(c, TextStyle::Small, color(pal_.danger), o.x + 2, y, width - 4, S("template.failed"));
    if (view.failure && view.failure->retryable && !view.answered) {
        const std::string label = S("banner.tryAgain");
        const float bw = kit_.labels().size(TextStyle::Bold, label).x + 24;
        if (dl)
            kit_.button(dl, ControlId{ControlKind::TemplateRetry, row.key}, label, ImVec2(o.x, y + 6), ImVec2(o.x + bw, y + 38),
                        color(pal_.background), color(pal_.accent), pal_.buttonRadius, TextStyle::Bold);
        if (dl) dl->AddRect(ImVec2(o.x, y + 6), ImVec2(o.x + bw, y + 38), color(pal_.accent), pal_.buttonRadius);
        y += 38;
    }
    return std::ceil(y - o.y);
}

void TemplateViews::turnPage(const ControlId& id) {
    if (id.kind != ControlKind::TemplatePage) return;
    int& page = pages_[id.key];
    page = std::max(0, page + (id.a < 0 ? -1 : 1));
}

}  // namespace finchat::widget
