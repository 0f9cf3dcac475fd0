// widget/app/kit.h: the small widget kit the chat window and the template views draw with.
//
// Everything focusable on the canvas is a Control: drawn here, hit-tested here, and reported to the
// shim, which gives it a real DOM twin (keyboard, screen readers; widget/BRIDGE.md). Controls carry a
// typed ControlId (what it is, which row, which option); the id becomes a string in one place only,
// ControlId::encode/decode, at the bridge. The kit also holds the focus ring (drawn where the mirror's
// focus is), the button / chip / list-row primitives, the message list's vertical scroll container,
// horizontal paging (the Carousel's cards, the TimePicker's days), and Labels: every piece of UI text,
// drawn by the browser (the widget has no font of its own, not even ImGui's).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <map>
#include <vector>

#include "canvas.h"
#include "imgui.h"
#include "model/control_id.h"
#include "text_runs.h"

namespace finchat::widget {

// The colours and shapes the window draws with (packed 0xRRGGBBAA), derived from the partner's
// Theme (finchat/theme.h) after its contrast check.
struct Palette {
    std::uint32_t background = 0xFFFFFFFF, surface = 0xF4F5F7FF, border = 0xDADDE3FF;
    std::uint32_t text = 0x1A1D23FF, muted = 0x5F6673FF;
    std::uint32_t header = 0x1F4FD1FF, onHeader = 0xFFFFFFFF;
    std::uint32_t accent = 0x1F4FD1FF, onAccent = 0xFFFFFFFF;
    std::uint32_t customerBubble = 0x1F4FD1FF, customerText = 0xFFFFFFFF;
    std::uint32_t agentBubble = 0xEEF0F4FF, agentText = 0x1A1D23FF;
    std::uint32_t botBubble = 0xE9F1FFFF, botText = 0x1A1D23FF;
    std::uint32_t systemText = 0x5F6673FF, link = 0x1A4FBFFF, onBubbleLink = 0xFFFFFFFF;
    std::uint32_t danger = 0xB42318FF, warning = 0x8A5A00FF, warningBg = 0xFFF4D6FF, focusRing = 0x1F4FD1FF;
    float windowRadius = 12, bubbleRadius = 14, buttonRadius = 8;
    float fontPx = 15;
    std::string fontFamily;   // the theme's, tried before the browser's own stack ("" = none)
};

// Drawing helpers shared by the window and the views.
ImU32 color(std::uint32_t rgba);                                      // 0xRRGGBBAA → ImU32
std::uint32_t rgbaOf(ImU32 c);                                        // ImU32 → 0xRRGGBBAA
ImU32 mix(ImU32 a, ImU32 b, float t);

// The window's text styles (sizes follow the theme's fontSizePx).
enum class TextStyle : char { Body = 'r', Bold = 'b', Small = 's', SmallBold = 'S', Title = 't' };

// Every label of the window (header, buttons, banners, notices, meta lines, dialogs, template
// views): shaped, measured and rasterised by the browser like message bodies (text_runs.h), so
// every locale and script shows as it should, in the page's fonts. Measuring is synchronous (the
// shim's host.textLayout), so layout code asks size() and draws at the result. Layouts are cached
// per style, wrap width and text (bounded); the bitmaps live in the BrowserText's byte-bounded
// texture cache. A text the host could not lay out measures 0 x 0 and draws nothing.
class Labels {
public:
    Labels(BrowserText& text, const Palette& palette) : text_(text), pal_(palette) {}

    float px(TextStyle style) const;              // font size in CSS px
    // The text's box: one line (wrap 0), or wrapped to at most `wrap` px.
    ImVec2 size(TextStyle style, const std::string& text, float wrap = 0);
    // The text, or its longest start that fits in `maxWidth` on one line followed by "…".
    std::string fit(TextStyle style, const std::string& text, float maxWidth);
    // Draws the text with its box's top-left at `pos`; returns the box.
    ImVec2 draw(ImDrawList* dl, TextStyle style, ImVec2 pos, ImU32 ink, const std::string& text, float wrap = 0);
    // A bitmap waited for the next frame's raster budget in this frame (the caller draws again).
    bool pending() const { return pending_; }
    void beginFrame() { pending_ = false; }
    void clear() { layouts_.clear(); }    // fonts, sizes or the device pixel ratio changed

private:
    struct Entry {
        BrowserTextLayout layout;
        ImU32 ink = 0;    // the colour its spec draws in
    };
    Entry* find(TextStyle style, const std::string& text, float wrap, ImU32 ink, bool drawing);

    BrowserText& text_;
    const Palette& pal_;
    std::map<std::string, Entry> layouts_;
    std::string key_;   // reused for lookups
    bool pending_ = false;
};

// A control the shim mirrors: drawn on the canvas, focusable in the DOM. Fields as the controls
// JSON of BRIDGE.md / TEMPLATES-CONTRACT.md.
struct Control {
    ControlId id;
    std::string label;
    std::string kind;   // "button", "link", "option"
    std::string href;
    ImVec2 min, max;
    std::string groupKey;     // row key of the template the control belongs to ("" = none)
    std::string groupLabel;   // the template's title
    const char* groupRole = "";   // "listbox" | "group"
    bool selected = false;
    bool disabled = false;
};

// The frame's controls: registration, hover, hit testing, clicks, the focus ring, primitives.
class Kit {
public:
    Kit(const Palette& palette, Labels& labels) : pal_(palette), labels_(labels) {}

    // A new frame: its input (the pointer, the clock; `hand` is set here), no controls yet.
    void beginFrame(FrameInput& input) {
        in_ = &input;
        controls_.clear();
    }
    FrameInput& input() const { return *in_; }
    void wantHand() const { in_->hand = true; }   // the pointer is over something it can act on
    // A modal dialog is open: only its controls react to the pointer.
    void setModal(bool modal) { modal_ = modal; }
    bool modal() const { return modal_; }
    void setFocused(std::optional<ControlId> id) { focused_ = std::move(id); }
    bool isFocused(const ControlId& id) const { return focused_ && *focused_ == id; }
    bool isFocused(ControlKind kind) const { return focused_ && focused_->kind == kind; }
    // The ring must stand out from what surrounds the control (WCAG 2.4.7/1.4.11): 0 = the theme's.
    void setRingColor(ImU32 c) { ringColor_ = c; }

    // The pointer is over [min, max) and may act on `id` (no modal dialog in the way).
    bool hovered(const ControlId& id, ImVec2 min, ImVec2 max) const;
    bool pointerOver(ImVec2 min, ImVec2 max) const;   // over it, no dialog in the way

    Control& add(ControlId id, std::string label, const char* kind, ImVec2 min, ImVec2 max, std::string href = {});
    void focusRing(ImDrawList* dl, const ControlId& id, ImVec2 min, ImVec2 max, float rounding) const;

    // A filled (fill alpha > 0) or flat button with a centred one-line label. Returns hovered.
    bool button(ImDrawList* dl, ControlId id, const std::string& label, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 text,
                float rounding, TextStyle style, const char* kind = "button");
    // Horizontal paging: "‹  2 of 5  ›" centred in [x, x + width) at y, `height` px high. The arrows are
    // controls (`prev`, `next`) while there is a page that way. `label` is the middle text.
    void pager(ImDrawList* dl, const ControlId& prev, const ControlId& next, int page, int count,
               const std::string& label, const std::string& prevLabel, const std::string& nextLabel, ImVec2 origin,
               float width, float height, TextStyle style, ImU32 ink);

    std::vector<Control>& controls() { return controls_; }
    const std::vector<Control>& controls() const { return controls_; }
    const Control* find(const ControlId& id) const;
    // The topmost control at p (later = on top).
    const Control* hitAt(ImVec2 p) const;
    // Press and release on the same (enabled) control activates it.
    void handleClicks(const std::function<void(const ControlId&)>& activate);

    ImU32 col(std::uint32_t rgba) const { return color(rgba); }
    const Palette& palette() const { return pal_; }
    Labels& labels() { return labels_; }

private:
    const Palette& pal_;
    Labels& labels_;
    FrameInput* in_ = nullptr;
    std::vector<Control> controls_;
    std::optional<ControlId> focused_;
    std::optional<ControlId> pressed_;
    ImU32 ringColor_ = 0;
    bool modal_ = false;
};

// The vertical scroll container of the message list: offset, wheel/touch input, following the newest
// content while at the bottom, and a thin draggable scrollbar.
class VerticalScroll {
public:
    float offset = 0;
    bool atBottom = true;
    bool stickToBottom = true;   // pinned: the next frame goes to the bottom

    // Applies this frame's input; returns true if the reader scrolled (wheel, touch, thumb drag).
    bool input(const FrameInput& in, bool pointerOver, float touchDelta);
    // After the content is measured: clamps the offset and notes whether it rests at the bottom.
    void settle(float maxScroll);
    // The scrollbar along the right edge [top, top + viewH) of a view `width` wide.
    void drawBar(ImDrawList* dl, const FrameInput& in, float width, float top, float viewH, float contentH, float maxScroll,
                 ImU32 background, ImU32 ink);

private:
    bool thumbDrag_ = false;
};

}  // namespace finchat::widget
