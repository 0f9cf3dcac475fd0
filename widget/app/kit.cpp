#include "kit.h"

#include <algorithm>
#include <cmath>

#include "finchat/util.h"

namespace finchat::widget {

ImU32 color(std::uint32_t rgba) {
    return IM_COL32((rgba >> 24) & 0xFF, (rgba >> 16) & 0xFF, (rgba >> 8) & 0xFF, rgba & 0xFF);
}

std::uint32_t rgbaOf(ImU32 c) {
    return (c & 0xFFu) << 24 | ((c >> 8) & 0xFFu) << 16 | ((c >> 16) & 0xFFu) << 8 | (c >> 24);
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
    ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t,
                                                 x.w + (y.w - x.w) * t));
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------
float Labels::px(TextStyle style) const {
    switch (style) {
    case TextStyle::Small:
    case TextStyle::SmallBold: return std::round(pal_.fontPx * 0.8f);
    case TextStyle::Title: return std::round(pal_.fontPx * 1.07f);
    default: return pal_.fontPx;
    }
}

Labels::Entry* Labels::find(TextStyle style, const std::string& text, float wrap, ImU32 ink, bool drawing) {
    key_.clear();
    key_ += static_cast<char>(style);
    key_ += decimal(std::lround(wrap * 64));
    key_ += '\n';
    key_ += text;
    auto it = layouts_.find(key_);
    const float px = this->px(style), lineH = std::round(px * 1.25f);
    const bool bold = style == TextStyle::Bold || style == TextStyle::SmallBold || style == TextStyle::Title;
    auto spec = [&] {
        RichText rich;
        rich.blocks.push_back(TextBlock{BlockKind::Paragraph, 0, false, {TextRun{text, bold, false, false, -1}}});
        return browserTextSpec(rich, px, lineH, TextColors{rgbaOf(ink), rgbaOf(ink), 0}, pal_.fontFamily);
    };
    if (it == layouts_.end()) {
        if (layouts_.size() >= 2048) layouts_.clear();   // bounded; visible labels come back at once
        Entry e;
        if (!text_.layout(spec(), wrap > 0 ? wrap : 4096.f, e.layout)) return nullptr;
        e.ink = ink;
        it = layouts_.emplace(key_, std::move(e)).first;
    } else if (drawing && it->second.ink != ink) {   // same box, another colour: only the spec changes
        it->second.layout.spec = spec();
        it->second.ink = ink;
    }
    return &it->second;
}

ImVec2 Labels::size(TextStyle style, const std::string& text, float wrap) {
    if (text.empty()) return ImVec2(0, 0);
    const Entry* e = find(style, text, wrap, 0, false);
    return e ? ImVec2(e->layout.width, e->layout.height) : ImVec2(0, 0);
}

std::string Labels::fit(TextStyle style, const std::string& text, float maxWidth) {
    if (size(style, text).x <= maxWidth) return text;
    std::vector<std::size_t> ends;   // code point boundaries
    for (std::size_t i = 0; i < text.size();) {
        nextCodePoint(text, i);
        ends.push_back(i);
    }
    auto cut = [&](std::size_t n) {   // the first n code points (no white space at the end), then "…"
        std::size_t end = n ? ends[n - 1] : 0;
        while (end > 0 && text[end - 1] == ' ') --end;
        return text.substr(0, end) + "\xE2\x80\xA6";
    };
    std::size_t lo = 0, hi = ends.size();   // cut(lo) fits (or lo = 0), cut(hi) does not
    while (hi - lo > 1) {
        const std::size_t mid = (lo + hi) / 2;
        (size(style, cut(mid)).x <= maxWidth ? lo : hi) = mid;
    }
    return cut(lo);
}

ImVec2 Labels::draw(ImDrawList* dl, TextStyle style, ImVec2 pos, ImU32 ink, const std::string& text, float wrap) {
    if (text.empty()) return ImVec2(0, 0);
    const Entry* e = find(style, text, wrap, ink, true);
    if (!e) return ImVec2(0, 0);
    if (!text_.draw(dl, "label", e->layout, pos, IM_COL32_WHITE)) pending_ = true;
    return ImVec2(e->layout.width, e->layout.height);
}

// ---------------------------------------------------------------------------------------------
// Kit
// ---------------------------------------------------------------------------------------------
bool Kit::pointerOver(ImVec2 min, ImVec2 max) const { return !modal_ && in_->over(min, max); }

bool Kit::hovered(const ControlId& id, ImVec2 min, ImVec2 max) const {
    const bool dialog = id.kind == ControlKind::DialogCancel || id.kind == ControlKind::DialogEnd;
    return in_->over(min, max) && (!modal_ || dialog);
}

Control& Kit::add(ControlId id, std::string label, const char* kind, ImVec2 min, ImVec2 max, std::string href) {
    Control c;
    c.id = std::move(id);
    c.label = std::move(label);
    c.kind = kind;
    c.href = std::move(href);
    c.min = min;
    c.max = max;
    controls_.push_back(std::move(c));
    return controls_.back();
}

void Kit::focusRing(ImDrawList* dl, const ControlId& id, ImVec2 min, ImVec2 max, float rounding) const {
    if (!isFocused(id)) return;
    dl->AddRect(ImVec2(min.x - 3, min.y - 3), ImVec2(max.x + 3, max.y + 3), ringColor_ ? ringColor_ : col(pal_.focusRing),
                rounding + 3, 0, 2.f);
}

bool Kit::button(ImDrawList* dl, ControlId id, const std::string& label, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 text,
                 float rounding, TextStyle style, const char* kind) {
    const bool hover = hovered(id, min, max);
    if (hover) wantHand();
    if ((fill & IM_COL32_A_MASK) != 0)
        dl->AddRectFilled(min, max, hover ? mix(fill, IM_COL32(0, 0, 0, 255), 0.12f) : fill, rounding);
    else if (hover)
        dl->AddRectFilled(min, max, mix(col(pal_.background), text, 0.08f), rounding);
    const ImVec2 ts = labels_.size(style, label);
    labels_.draw(dl, style, ImVec2(std::round((min.x + max.x - ts.x) * 0.5f), std::round((min.y + max.y - ts.y) * 0.5f)), text,
                 label);
    focusRing(dl, id, min, max, rounding);
    add(std::move(id), label, kind, min, max);
    return hover;
}

void Kit::pager(ImDrawList* dl, const ControlId& prev, const ControlId& next, int page, int count,
                const std::string& label, const std::string& prevLabel, const std::string& nextLabel, ImVec2 o,
                float width, float height, TextStyle style, ImU32 ink) {
    const ImVec2 ts = labels_.size(style, label);
    const float cy = o.y + height * 0.5f;
    labels_.draw(dl, style, ImVec2(std::round(o.x + (width - ts.x) * 0.5f), std::round(cy - ts.y * 0.5f)), ink, label);
    const float d = height;
    auto arrow = [&](const ControlId& id, const std::string& name, float x, float dir) {
        const ImVec2 mn(x, o.y), mx(x + d, o.y + d);
        button(dl, id, "", mn, mx, 0, ink, d * 0.5f, style);
        controls_.back().label = name;
        const ImVec2 c(x + d * 0.5f, cy);
        const float s = std::max(4.f, d * 0.16f);
        dl->AddTriangleFilled(ImVec2(c.x - s * dir * 0.6f, c.y - s), ImVec2(c.x + s * dir * 0.9f, c.y),
                              ImVec2(c.x - s * dir * 0.6f, c.y + s), ink);
    };
    if (page > 0) arrow(prev, prevLabel, o.x, -1.f);
    if (page + 1 < count) arrow(next, nextLabel, o.x + width - d, 1.f);
}

const Control* Kit::find(const ControlId& id) const {
    for (const auto& c : controls_)
        if (c.id == id) return &c;
    return nullptr;
}

const Control* Kit::hitAt(ImVec2 p) const {
    for (auto it = controls_.rbegin(); it != controls_.rend(); ++it)
        if (p.x >= it->min.x && p.y >= it->min.y && p.x < it->max.x && p.y < it->max.y) return &*it;
    return nullptr;
}

void Kit::handleClicks(const std::function<void(const ControlId&)>& activate) {
    if (in_->clicked) {
        const Control* c = hitAt(in_->mouse);
        pressed_ = c && !c->disabled ? std::optional<ControlId>(c->id) : std::nullopt;
    }
    if (in_->released) {
        const Control* c = hitAt(in_->mouse);
        if (c && pressed_ && c->id == *pressed_) {
            const ControlId id = c->id;   // activate may change the controls
            pressed_.reset();
            activate(id);
        }
        pressed_.reset();
    }
}

// ---------------------------------------------------------------------------------------------
// VerticalScroll
// ---------------------------------------------------------------------------------------------
bool VerticalScroll::input(const FrameInput& in, bool pointerOver, float touchDelta) {
    const bool wheel = pointerOver && in.wheel != 0.f;
    if (wheel) offset -= in.wheel;
    offset += touchDelta;
    return wheel || touchDelta != 0.f || thumbDrag_;
}

void VerticalScroll::settle(float maxScroll) {
    stickToBottom = false;
    offset = std::clamp(offset, 0.f, maxScroll);
    atBottom = offset >= maxScroll - 2.f;
}

void VerticalScroll::drawBar(ImDrawList* dl, const FrameInput& in, float width, float top, float viewH, float contentH,
                             float maxScroll, ImU32 background, ImU32 ink) {
    if (maxScroll <= 0) return;
    const float trackH = viewH - 8, thumbH = std::max(28.f, trackH * viewH / contentH);
    const float thumbY = top + 4 + (trackH - thumbH) * (offset / maxScroll);
    const ImVec2 tmin(width - 9, thumbY), tmax(width - 4, thumbY + thumbH);
    const bool hover = in.over(ImVec2(tmin.x - 6, tmin.y), ImVec2(width, tmax.y));
    if (hover && in.clicked) thumbDrag_ = true;
    if (!in.down) thumbDrag_ = false;
    if (thumbDrag_ && in.mouseDelta.y != 0.f && trackH > thumbH) {
        offset = std::clamp(offset + in.mouseDelta.y * maxScroll / (trackH - thumbH), 0.f, maxScroll);
        atBottom = offset >= maxScroll - 2.f;
    }
    dl->AddRectFilled(tmin, tmax, mix(background, ink, hover || thumbDrag_ ? 0.45f : 0.25f), 3.f);
}

}  // namespace finchat::widget
