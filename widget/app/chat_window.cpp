#include "chat_window.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "finchat/util.h"

namespace finchat::widget {

namespace {
constexpr float kHeaderH = 60.f;
constexpr float kBannerH = 30.f;
constexpr float kPad = 12.f;          // window padding
constexpr float kBubblePadX = 12.f, kBubblePadY = 8.f;
constexpr float kRowGap = 10.f;

}  // namespace

ChatWindow::ChatWindow(const Strings& strings)
    : strings_(strings),
      layout_([this](std::size_t i, float width) { return model_ ? rowHeight(model_->row(i), width) : 0.f; }, 64.f) {}

std::string ChatWindow::S(std::string_view key) const { return std::string(strings_.get(key)); }

void ChatWindow::rowsChanged(const std::vector<ListChange>& changes) {
    for (const auto& ch : changes) {
        if (ch.kind == ListChangeKind::Reset) {
            cache_.clear();
            templates_.forgetPages();   // row keys may come again (a new chat) and start on page one
        }
        else if (ch.kind != ListChangeKind::Inserted) cache_.erase(ch.key);
    }
    // Rows inserted or removed above the view move the content, not what the customer is reading.
    scroll_.offset = layout_.apply(changes, scroll_.offset);
}

void ChatWindow::templateChanged(const std::string& rowKey) {
    if (!model_) return;
    if (const Row* row = model_->find(rowKey); row && row->index < layout_.size()) layout_.invalidate(row->index);
}

const TemplateView* ChatWindow::templateFor(const Row& row) const {
    if (row.kind != RowKind::Message || row.templateType.empty() || !templateOf_) return nullptr;
    return templateOf_(row);
}

void ChatWindow::rowsReset() {
    cache_.clear();
    templates_.forgetPages();
    layout_.reset(model_ ? model_->size() : 0);
    scroll_.offset = 0;
    scroll_.stickToBottom = true;
}

void ChatWindow::fontsChanged() {
    cache_.clear();
    labels_.clear();
    text_.clear();
    layout_.invalidateAll();
}

// A message's rich text laid out by the browser for one width (text_runs.h), cached per row until
// its content, the width or the fonts change. A layout the host could not make leaves an empty bubble.
ChatWindow::RowCache& ChatWindow::layoutText(const Row& row, float maxW) {
    RowCache& c = cache_[row.key];
    if (c.width == maxW) return c;
    c = RowCache{};
    c.width = maxW;
    const float lineH = std::round(pal_.fontPx * 1.4f);
    const BubbleColors bc = bubbleColors(row);
    const TextColors colors{rgbaOf(bc.ink), rgbaOf(bc.link), rgbaOf(mix(bc.fill, bc.ink, 0.12f))};
    c.laidOut = text_.layout(browserTextSpec(row.rich, pal_.fontPx, lineH, colors, pal_.fontFamily), maxW, c.text);
    c.textW = c.laidOut ? c.text.width : 8.f;
    c.textH = c.laidOut ? c.text.height : lineH;
    return c;
}

float ChatWindow::rowHeight(const Row& row, float listWidth) {
    const float small = labels_.px(TextStyle::Small);
    switch (row.kind) {
    case RowKind::DateSeparator:
    case RowKind::System:
        return std::round(small * 1.4f) + kRowGap;
    case RowKind::HandoffDivider:
        return std::round(small * 1.4f) + 2 * kRowGap;
    case RowKind::Message: {
        float h = std::round(small * 1.5f) + kRowGap + previewHeight(row, listWidth);   // the meta line, the gap, a thumbnail
        const TemplateView* tv = templateFor(row);
        if (tv && tv->state != TemplateResolver::State::Failed) {
            h += templates_.measure(row, *tv, TemplateViews::cardWidth(listWidth));
        } else {
            const float maxText = std::min(listWidth * 0.8f, 520.f) - 2 * kBubblePadX;
            const RowCache& c = layoutText(row, std::max(40.f, maxText));
            h += c.textH + 2 * kBubblePadY;
            if (tv) h += templates_.failedFooter(nullptr, row, *tv, ImVec2(0, 0), TemplateViews::cardWidth(listWidth));
        }
        if (row.firstInRun && !row.own && !row.sender.empty()) h += std::round(small * 1.5f);
        return h;
    }
    }
    return 0;
}

ChatWindow::BubbleColors ChatWindow::bubbleColors(const Row& row) const {
    if (row.own)   // the viewer's own messages (the customer's, or the agent's in the console)
        return {col(pal_.customerBubble), col(pal_.customerText), col(pal_.onBubbleLink)};
    if (row.role == SenderRole::Bot) return {col(pal_.botBubble), col(pal_.botText), col(pal_.link)};
    return {col(pal_.agentBubble), col(pal_.agentText), col(pal_.link)};
}

void ChatWindow::drawHeader(ImDrawList* dl, const WindowState& s, ImVec2 o, float width) {
    dl->AddRectFilled(o, ImVec2(o.x + width, o.y + kHeaderH), col(pal_.header));
    kit_.setRingColor(col(pal_.onHeader));
    // Logo, or a monogram of the partner's name.
    const float d = 36.f;
    const ImVec2 lc(o.x + kPad + d * 0.5f, o.y + kHeaderH * 0.5f);
    float textX = o.x + kPad;
    if (logo_) {
        const float w = std::min(d * logoAspect_, 96.f);
        dl->AddImage(logo_, ImVec2(o.x + kPad, lc.y - d * 0.5f), ImVec2(o.x + kPad + w, lc.y + d * 0.5f));
        textX += w + 10;
    } else if (!s.monogram.empty()) {
        dl->AddCircleFilled(lc, d * 0.5f, col(pal_.onHeader), 32);
        const ImVec2 ms = labels_.size(TextStyle::Title, s.monogram);
        labels_.draw(dl, TextStyle::Title, ImVec2(std::round(lc.x - ms.x * 0.5f), std::round(lc.y - ms.y * 0.5f)), col(pal_.header),
                     s.monogram);
        textX += d + 10;
    }
    // Right side: minimize (the shim closes the panel) and end chat.
    float right = o.x + width - kPad + 4;
    if (!s.agentMode) {
        const ImVec2 mn(right - 32, o.y + 14), mx(right, o.y + 46);
        kit_.button(dl, ControlId{ControlKind::Minimize}, "", mn, mx, 0, col(pal_.onHeader), pal_.buttonRadius, TextStyle::Bold);
        kit_.controls().back().label = S("header.minimize");
        const ImVec2 c((mn.x + mx.x) * 0.5f, (mn.y + mx.y) * 0.5f);
        dl->AddLine(ImVec2(c.x - 7, c.y), ImVec2(c.x + 7, c.y), col(pal_.onHeader), 2.f);
        right = mn.x - 6;
    }
    if (s.canEnd) {
        const std::string label = S("end.button");
        const float w = labels_.size(TextStyle::Bold, label).x + 20;
        kit_.button(dl, ControlId{ControlKind::EndChat}, label, ImVec2(right - w, o.y + 14), ImVec2(right, o.y + 46), 0, col(pal_.onHeader),
               pal_.buttonRadius, TextStyle::Bold);
        dl->AddRect(ImVec2(right - w, o.y + 14), ImVec2(right, o.y + 46), mix(col(pal_.onHeader), col(pal_.header), 0.5f),
                    pal_.buttonRadius);
        right -= w + 8;
    }
    // Title alone is centred; with a subtitle (the agent's name) the two lines share the height. Both
    // end with "…" where they would run into the actions.
    const float textW = std::max(20.f, right - textX);
    const std::string title = labels_.fit(TextStyle::Title, s.title, textW);
    const float titleH = labels_.size(TextStyle::Title, title).y;
    const float titleY = s.subtitle.empty() ? o.y + std::round((kHeaderH - titleH) * 0.5f) : o.y + 9;
    labels_.draw(dl, TextStyle::Title, ImVec2(textX, titleY), col(pal_.onHeader), title);
    if (!s.subtitle.empty())
        labels_.draw(dl, TextStyle::Small, ImVec2(textX, o.y + 32), mix(col(pal_.onHeader), col(pal_.header), 0.2f),
                     labels_.fit(TextStyle::Small, s.subtitle, textW));
    kit_.setRingColor(0);
}

// A message's text in its bubble, from y; sets the bubble's corners.
void ChatWindow::drawBubble(ImDrawList* dl, const Row& row, ImVec2 o, float y, float listWidth, ImVec2& bmin,
                            ImVec2& bmax) {
    const float maxText = std::max(40.f, std::min(listWidth * 0.8f, 520.f) - 2 * kBubblePadX);
    RowCache& c = layoutText(row, maxText);
    const bool right = row.own;
    const auto [fill, ink, link] = bubbleColors(row);
    const float bw = c.textW + 2 * kBubblePadX, bh = c.textH + 2 * kBubblePadY;
    const float bx = right ? o.x + listWidth - bw : o.x;
    bmin = ImVec2(bx, y);
    bmax = ImVec2(bx + bw, y + bh);
    const bool failed = row.delivery == Delivery::Failed;
    dl->AddRectFilled(bmin, bmax, failed ? mix(fill, col(pal_.background), 0.35f) : fill, pal_.bubbleRadius);
    if (row.role == SenderRole::Bot || (!right && pal_.agentBubble == pal_.background))
        dl->AddRect(bmin, bmax, col(pal_.border), pal_.bubbleRadius);

    const ImVec2 origin(bx + kBubblePadX, y + kBubblePadY);
    kit_.setRingColor(row.own ? ink : 0);
    if (c.laidOut) {
        // The browser's bitmap of the body; links are controls at the rectangles it reported.
        if (!text_.draw(dl, row.key, c.text, origin, IM_COL32_WHITE)) animating_ = true;   // rest next frame
        for (std::size_t i = 0; i < c.text.links.size(); ++i) {
            const auto& r = c.text.links[i];
            if (r.link < 0 || r.link >= static_cast<int>(row.rich.links.size())) continue;
            // Mirrored (rtl_), the bitmap is not: its link is laid out at the mirrored place in the box.
            const float x0 = rtl_ ? c.text.width - r.max.x : r.min.x, x1 = rtl_ ? c.text.width - r.min.x : r.max.x;
            const ImVec2 mn(origin.x + x0, origin.y + r.min.y), mx(origin.x + x1, origin.y + r.max.y);
            const auto& l = row.rich.links[static_cast<std::size_t>(r.link)];
            ControlId id{ControlKind::Link, row.key, r.link, static_cast<int>(i)};
            if (kit_.pointerOver(mn, mx)) kit_.wantHand();
            kit_.focusRing(dl, id, mn, mx, 2.f);
            kit_.add(std::move(id), l.text.empty() ? l.href : l.text, "link", mn, mx, l.href);
        }
    }
    kit_.setRingColor(0);
}

void ChatWindow::drawRow(ImDrawList* dl, const Row& row, ImVec2 o, float listWidth) {
    const float smallPx = labels_.px(TextStyle::Small);
    if (row.kind != RowKind::Message) {
        const TextStyle style = row.kind == RowKind::HandoffDivider ? TextStyle::SmallBold : TextStyle::Small;
        const ImVec2 ts = labels_.size(style, row.text);
        const float cx = o.x + listWidth * 0.5f, cy = o.y + std::round(smallPx * 0.7f);
        if (row.kind != RowKind::System) {   // date separators and the handoff divider: rules
            const float gap = ts.x * 0.5f + 10;
            const float y = row.kind == RowKind::HandoffDivider ? cy + kRowGap : cy;
            dl->AddLine(ImVec2(o.x + 8, y), ImVec2(cx - gap, y), col(pal_.border));
            dl->AddLine(ImVec2(cx + gap, y), ImVec2(o.x + listWidth - 8, y), col(pal_.border));
            labels_.draw(dl, style, ImVec2(std::round(cx - ts.x * 0.5f), std::round(y - ts.y * 0.5f)), col(pal_.systemText),
                         row.text);
            return;
        }
        labels_.draw(dl, style, ImVec2(std::round(cx - ts.x * 0.5f), o.y), col(pal_.systemText), row.text);
        return;
    }

    const bool right = row.own;
    float y = o.y;
    if (row.firstInRun && !row.own && !row.sender.empty()) {
        const ImVec2 ns = labels_.size(TextStyle::SmallBold, row.sender);
        const float x = right ? o.x + listWidth - ns.x - 4 : o.x + 4;
        labels_.draw(dl, TextStyle::SmallBold, ImVec2(x, y), col(pal_.muted), row.sender);
        y += std::round(smallPx * 1.5f);
    }
    if (!row.attachmentId.empty() && preview_.draw) {   // an attachment's thumbnail above its bubble
        const float ph = previewHeight(row, listWidth);
        preview_.draw(dl, row, ImVec2(o.x, y), ph, listWidth);
        y += ph;
    }
    const bool failed = row.delivery == Delivery::Failed;
    ImVec2 bmin, bmax;
    if (const TemplateView* tv = templateFor(row); tv && tv->state != TemplateResolver::State::Failed) {
        // The template's card takes the bubble's place.
        const float cw = TemplateViews::cardWidth(listWidth);
        bool moving = false;
        const float ch = templates_.draw(dl, row, *tv, ImVec2(o.x, y), cw, &moving);
        animating_ = animating_ || moving;
        bmin = ImVec2(o.x, y);
        bmax = ImVec2(o.x + cw, y + ch);
    } else {
        drawBubble(dl, row, o, y, listWidth, bmin, bmax);
        // A template that could not be shown: the readable fallback above, then why and "Try again".
        if (tv) bmax.y += templates_.failedFooter(dl, row, *tv, ImVec2(bmin.x, bmax.y), TemplateViews::cardWidth(listWidth));
    }

    // Meta line: time, and for own messages the delivery state (failed: Retry).
    std::string meta = row.timeLabel;
    if (row.own) {
        const char* key = nullptr;
        switch (row.delivery) {
        case Delivery::Pending: key = "delivery.sending"; break;
        case Delivery::Sent: key = "delivery.sent"; break;
        case Delivery::Delivered: key = "delivery.delivered"; break;
        case Delivery::Read: key = "delivery.read"; break;
        case Delivery::Failed: key = "delivery.failed"; break;
        default: break;
        }
        if (key) meta += (meta.empty() ? "" : " \xC2\xB7 ") + S(key);
    }
    const float my = bmax.y + 3;
    const ImVec2 ms = labels_.size(TextStyle::Small, meta);
    float mx = right ? bmax.x - ms.x : bmin.x + 2;
    if (failed) {
        const std::string retry = S("delivery.retry");
        const float rw = labels_.size(TextStyle::Small, retry).x + 12;
        mx = right ? bmax.x - ms.x - rw - 6 : mx;
        const ImVec2 rmin(right ? bmax.x - rw : mx + ms.x + 6, my - 2), rmax(rmin.x + rw, my + smallPx * 1.3f);
        kit_.button(dl, ControlId{ControlKind::RetrySend, row.key}, retry, rmin, rmax, 0, col(pal_.danger), 4.f, TextStyle::Small);
    }
    labels_.draw(dl, TextStyle::Small, ImVec2(mx, my), failed ? col(pal_.danger) : col(pal_.muted), meta);

    // Copy: offered next to the time while the pointer is on the message (the mirror holds the
    // same text for keyboard and screen-reader users).
    ControlId copyId{ControlKind::CopyMessage, row.key};
    if (kit_.pointerOver(ImVec2(bmin.x, y), ImVec2(bmax.x, my + smallPx * 1.3f)) || kit_.isFocused(copyId)) {
        const std::string label = S("message.copy");
        const float cw = labels_.size(TextStyle::Small, label).x + 12;
        const float cx = right ? mx - cw - 6 : mx + ms.x + 6;
        kit_.button(dl, std::move(copyId), label, ImVec2(cx, my - 2), ImVec2(cx + cw, my + smallPx * 1.3f), 0, col(pal_.muted), 4.f,
               TextStyle::Small);
    }
}

void ChatWindow::drawTyping(ImDrawList* dl, const std::string& text, ImVec2 o) {
    const float smallPx = labels_.px(TextStyle::Small);
    // Three dots in a small bubble, then the text ("Anna is typing…").
    const ImVec2 bmin = o, bmax(o.x + 52, o.y + 28);
    dl->AddRectFilled(bmin, bmax, col(pal_.agentBubble), 14.f);
    const double t = kit_.input().time;
    for (int i = 0; i < 3; ++i) {
        float lift = 0;
        if (!reducedMotion_) lift = std::max(0.f, std::sin(static_cast<float>(t * 6.0 - i * 0.9))) * 3.f;   // sinf: no double sin in the wasm
        dl->AddCircleFilled(ImVec2(o.x + 15 + i * 11.f, o.y + 14 - lift), 3.f, col(pal_.muted), 12);
    }
    labels_.draw(dl, TextStyle::Small, ImVec2(bmax.x + 8, o.y + 14 - smallPx * 0.6f), col(pal_.muted), text);
    if (!reducedMotion_) animating_ = true;
}

void ChatWindow::drawComposer(ImDrawList* dl, const WindowState& s, ImVec2 o, float width, float height) {
    dl->AddRectFilled(o, ImVec2(o.x + width, o.y + height), col(pal_.background));
    dl->AddLine(o, ImVec2(o.x + width, o.y), col(pal_.border));
    const float inner = height - 2 * 10;
    if (s.ended) {
        composerRect_ = ImVec4(0, 0, 0, 0);
        const std::string label = S(s.agentMode ? "banner.ended" : "end.newChat");
        if (s.agentMode) {
            const ImVec2 ts = labels_.size(TextStyle::Bold, label);
            labels_.draw(dl, TextStyle::Bold, ImVec2(std::round(o.x + (width - ts.x) * 0.5f), std::round(o.y + (height - ts.y) * 0.5f)),
                         col(pal_.muted), label);
            return;
        }
        kit_.button(dl, ControlId{ControlKind::NewChat}, label, ImVec2(o.x + kPad, o.y + 10), ImVec2(o.x + width - kPad, o.y + 10 + inner),
               col(pal_.accent), col(pal_.onAccent), pal_.buttonRadius, TextStyle::Bold);
        return;
    }
    // The shim's <textarea> sits exactly here; the canvas draws its frame so both look as one.
    const float sendD = 40.f;
    const ImVec2 fmin(o.x + kPad, o.y + 10), fmax(o.x + width - kPad - sendD - 8, o.y + 10 + inner);
    dl->AddRectFilled(fmin, fmax, col(pal_.surface), pal_.buttonRadius);
    dl->AddRect(fmin, fmax, col(kit_.isFocused(ControlKind::Composer) ? pal_.focusRing : pal_.border), pal_.buttonRadius,
                0, kit_.isFocused(ControlKind::Composer) ? 2.f : 1.f);
    composerRect_ = ImVec4(fmin.x + 1, fmin.y + 1, fmax.x - fmin.x - 2, fmax.y - fmin.y - 2);
    // Send: a circle with an arrow; its DOM twin reads the textarea (BRIDGE.md: id "send").
    const ImVec2 smin(o.x + width - kPad - sendD, o.y + 10 + inner - sendD), smax(smin.x + sendD, smin.y + sendD);
    const ImU32 fill = s.composerEnabled ? col(pal_.accent) : mix(col(pal_.accent), col(pal_.background), 0.6f);
    kit_.button(dl, ControlId{ControlKind::Send}, "", smin, smax, fill, col(pal_.onAccent), sendD * 0.5f, TextStyle::Bold);
    kit_.controls().back().label = S("composer.send");
    const ImVec2 c((smin.x + smax.x) * 0.5f, (smin.y + smax.y) * 0.5f);
    dl->AddTriangleFilled(ImVec2(c.x - 7, c.y - 8), ImVec2(c.x + 9, c.y), ImVec2(c.x - 7, c.y + 8), col(pal_.onAccent));
    dl->AddTriangleFilled(ImVec2(c.x - 7, c.y - 8), ImVec2(c.x - 3, c.y), ImVec2(c.x - 7, c.y + 8), fill);
}

void ChatWindow::drawEndDialog(ImDrawList* dl, ImVec2 size) {
    dl->AddRectFilled(ImVec2(0, 0), size, IM_COL32(0, 0, 0, 96));
    const float w = std::min(size.x - 40, 320.f), h = 150.f;
    const ImVec2 mn((size.x - w) * 0.5f, (size.y - h) * 0.5f), mx(mn.x + w, mn.y + h);
    dl->AddRectFilled(mn, mx, col(pal_.background), pal_.windowRadius);
    const std::string title = S("end.confirmTitle"), body = S("end.confirmBody");
    labels_.draw(dl, TextStyle::Title, ImVec2(mn.x + 20, mn.y + 16), col(pal_.text), title, w - 40);
    labels_.draw(dl, TextStyle::Body, ImVec2(mn.x + 20, mn.y + 46), col(pal_.muted), body, w - 40);
    const float bw = (w - 20 * 2 - 10) * 0.5f, by = mx.y - 20 - 38;
    kit_.button(dl, ControlId{ControlKind::DialogCancel}, S("end.cancel"), ImVec2(mn.x + 20, by), ImVec2(mn.x + 20 + bw, by + 38),
           col(pal_.surface), col(pal_.text), pal_.buttonRadius, TextStyle::Bold);
    kit_.button(dl, ControlId{ControlKind::DialogEnd}, S("end.confirm"), ImVec2(mx.x - 20 - bw, by), ImVec2(mx.x - 20, by + 38),
           col(pal_.danger), IM_COL32_WHITE, pal_.buttonRadius, TextStyle::Bold);
}

void ChatWindow::draw(ImDrawList* dl, FrameInput& in, const WindowState& s, float scrollDelta,
                      const std::function<void(const ControlId&)>& activate) {
    kit_.beginFrame(in);
    kit_.setModal(endDialog_);
    animating_ = false;
    text_.beginFrame(in.dpr);
    labels_.beginFrame();
    const ImVec2 size = in.size;
    // Right to left: the window is laid out left to right, with the pointer mirrored in, and the
    // frame is mirrored at the end (mirror()).
    const ImVec2 pointer = in.mouse;
    if (rtl_ && in.hasMouse()) in.mouse.x = size.x - pointer.x;
    dl->AddRectFilled(ImVec2(0, 0), size, col(pal_.background));

    // Header (the agent console has its own: customer, contact, End chat).
    float top = 0;
    if (!s.agentMode) {
        drawHeader(dl, s, ImVec2(0, 0), size.x);
        top = kHeaderH;
    }
    if (!s.banner.empty()) {
        const ImU32 bg = s.bannerKind == WindowState::BannerKind::Info ? col(pal_.surface)
                         : s.bannerKind == WindowState::BannerKind::Warning ? col(pal_.warningBg)
                                                                          : mix(col(pal_.danger), col(pal_.background), 0.88f);
        const ImU32 fg = s.bannerKind == WindowState::BannerKind::Error ? col(pal_.danger)
                         : s.bannerKind == WindowState::BannerKind::Warning ? col(pal_.warning) : col(pal_.muted);
        // Long banners (the handoff failure) wrap beside the "Try again" button; the band grows.
        const std::string label = s.bannerRetry ? S("banner.tryAgain") : std::string();
        const float retryW = s.bannerRetry ? labels_.size(TextStyle::Bold, label).x + 16 : 0.f;
        const float wrapW = std::max(40.f, size.x - 2 * kPad - (s.bannerRetry ? retryW + 8 : 0.f));
        const ImVec2 ts = labels_.size(TextStyle::Small, s.banner, wrapW);
        const float bannerH = std::max(kBannerH, ts.y + 10.f);
        dl->AddRectFilled(ImVec2(0, top), ImVec2(size.x, top + bannerH), bg);
        labels_.draw(dl, TextStyle::Small, ImVec2(kPad, std::round(top + (bannerH - ts.y) * 0.5f)), fg, s.banner, wrapW);
        if (s.bannerRetry) {
            const float y = top + (bannerH - kBannerH) * 0.5f;
            kit_.button(dl, ControlId{ControlKind::RetryConnect}, label, ImVec2(size.x - kPad - retryW, y + 3), ImVec2(size.x - kPad, y + kBannerH - 3),
                   0, fg, 6.f, TextStyle::Bold);
        }
        top += bannerH;
    }

    // Composer area at the bottom, notices above it.
    const float composerH = s.ended ? 64.f : std::max(44.f, composerHeight_) + 20.f;
    const float composerY = size.y - composerH;
    float listBottom = composerY;
    if (!s.piiQuestion.empty() && !s.ended) {
        const float cardW = size.x - 2 * kPad;
        const ImVec2 ts = labels_.size(TextStyle::Body, s.piiQuestion, cardW - 24);
        const float cardH = ts.y + 24 + 36 + 8;
        const ImVec2 mn(kPad, listBottom - cardH - 8), mx(size.x - kPad, listBottom - 8);
        dl->AddRectFilled(mn, mx, col(pal_.warningBg), pal_.buttonRadius);
        labels_.draw(dl, TextStyle::Body, ImVec2(mn.x + 12, mn.y + 10), col(pal_.text), s.piiQuestion, cardW - 24);
        const std::string masked = S("pii.sendMasked"), typed = S("pii.sendAsTyped"),
                          edit = S("pii.edit");
        float x = mn.x + 12;
        const float by = mx.y - 12 - 30;
        for (const auto& [id, label, primary] : {std::tuple{ControlKind::PiiMask, masked, true},
                                                 std::tuple{ControlKind::PiiSend, typed, false},
                                                 std::tuple{ControlKind::PiiEdit, edit, false}}) {
            const float w = labels_.size(TextStyle::Bold, label).x + 20;
            kit_.button(dl, ControlId{id}, label, ImVec2(x, by), ImVec2(x + w, by + 30), primary ? col(pal_.accent) : 0,
                   primary ? col(pal_.onAccent) : col(pal_.text), pal_.buttonRadius, TextStyle::Bold);
            x += w + 8;
        }
        listBottom = mn.y - 4;
    } else if (!s.notice.empty()) {
        // Wrapped to the window: a notice can take more than a line (pii.loadFailed, other languages).
        // It may come to 4 px of the right edge first (one line, as before wrapping: pii.masked in
        // English ends 8 px from it).
        const float w = size.x - kPad - 4;
        const float h = std::max(std::round(labels_.px(TextStyle::Small) * 1.6f), std::ceil(labels_.size(TextStyle::Small, s.notice, w).y));
        labels_.draw(dl, TextStyle::Small, ImVec2(kPad, listBottom - h), col(pal_.muted), s.notice, w);
        listBottom -= h + 2;
    }

    // The message list: a virtual list over RowLayout, clipped to the rows in view. Rows are
    // measured only when they come into view (the rest count with estimates).
    const float listX = kPad, listW = size.x - 2 * kPad - 6;
    const float typingH = s.typing.empty() ? 0.f : 36.f;
    const float listTop = top, viewH = std::max(0.f, listBottom - listTop);
    const std::size_t rowCount = model_ ? model_->size() : 0;
    if (layout_.size() != rowCount) layout_.reset(rowCount);   // out of step: start over (cheap)
    layout_.setWidth(listW);
    const float padTop = kRowGap, padBottom = typingH + kRowGap;
    auto maxScrollNow = [&] { return std::max(0.f, padTop + layout_.totalHeight() + padBottom - viewH); };

    // Follow new messages while the reader is at the bottom; once they scroll up, stay put.
    const bool wasAtBottom = scroll_.atBottom;
    const bool userScrolled = scroll_.input(in, kit_.pointerOver(ImVec2(0, listTop), ImVec2(size.x, listBottom)), scrollDelta);
    const bool follow = scroll_.stickToBottom || (wasAtBottom && !userScrolled);
    if (follow) {
        // Pinned to the newest message: measure what the bottom of the list shows, then sit there.
        layout_.updateViewport(std::max(0.f, layout_.totalHeight() - viewH), viewH, viewH * 0.5f);
        scroll_.offset = maxScrollNow();
    } else {
        scroll_.offset = std::clamp(scroll_.offset, 0.f, maxScrollNow());
        scroll_.offset = layout_.updateViewport(std::max(0.f, scroll_.offset - padTop), viewH, viewH * 0.5f) + padTop;
    }
    const float maxScroll = maxScrollNow();
    scroll_.settle(maxScroll);
    const float scrollY = scroll_.offset;
    const float contentH = padTop + layout_.totalHeight() + padBottom;

    dl->PushClipRect(ImVec2(0, listTop), ImVec2(size.x, listBottom), true);
    const float y0 = listTop - scrollY + padTop;
    if (rowCount) {
        const auto range = layout_.visibleRange(std::max(0.f, scrollY - padTop), viewH);
        firstVisible_ = range.first;
        lastVisible_ = range.last;
        for (std::size_t i = range.first; i < range.last && i < rowCount; ++i)
            drawRow(dl, model_->row(i), ImVec2(listX, y0 + layout_.offsetOf(i)), listW);
    }
    if (!s.typing.empty()) drawTyping(dl, s.typing, ImVec2(listX, y0 + layout_.totalHeight()));
    // Older history: a button floating at the top while the top of the list is in view.
    if (s.hasOlder && scrollY < 8.f) {
        const std::string label = S("history.loadEarlier");
        const float w = labels_.size(TextStyle::Bold, label).x + 24;
        kit_.button(dl, ControlId{ControlKind::LoadOlder}, label, ImVec2((size.x - w) * 0.5f, listTop + 6), ImVec2((size.x + w) * 0.5f, listTop + 36),
               col(pal_.surface), col(pal_.text), 15.f, TextStyle::Bold);
    }
    dl->PopClipRect();

    // Scrollbar: a thin thumb, draggable.
    scroll_.drawBar(dl, in, size.x, listTop, viewH, contentH, maxScroll, col(pal_.background), col(pal_.text));
    // Messages arrived below while the reader is scrolled up: a pill to jump down to them.
    if (scroll_.atBottom) unseenBelow_ = false;
    else if (rowCount > rowsSeen_) unseenBelow_ = true;
    rowsSeen_ = rowCount;
    if (unseenBelow_ && !scroll_.atBottom) {
        const std::string label = S("scroll.newMessages");
        const float w = labels_.size(TextStyle::Bold, label).x + 28;
        kit_.button(dl, ControlId{ControlKind::JumpToNewest}, label, ImVec2((size.x - w) * 0.5f, listBottom - 40), ImVec2((size.x + w) * 0.5f, listBottom - 10),
               col(pal_.accent), col(pal_.onAccent), 15.f, TextStyle::Bold);
    }

    drawComposer(dl, s, ImVec2(0, composerY), size.x, composerH);
    if (endDialog_) {
        kit_.controls().clear();   // a modal dialog: only its buttons are reachable
        drawEndDialog(dl, size);
    }

    // Clicks: press and release on the same control. The topmost rect wins (later = on top).
    kit_.handleClicks([&](const ControlId& id) {
        if (id.kind == ControlKind::JumpToNewest) scroll_.stickToBottom = true;
        activate(id);
    });
    if (labels_.pending()) animating_ = true;   // labels still to rasterise: the next frame draws them
    text_.endFrame();   // off-screen text bitmaps beyond the cache's bound are released
    if (rtl_) {
        mirror(dl, size.x);
        in.mouse = pointer;
    }
}

// The frame, drawn left to right, mirrored for a right-to-left locale: positions and clip rects
// x → width − x; images (text bitmaps, the logo, template pictures) read the right way round again
// (their u flipped back); the controls and the composer's rect move to where they are now shown.
void ChatWindow::mirror(ImDrawList* dl, float width) {
    const ImTextureID shapes = dl->_TextureIdStack[0];   // the canvas's white texture: everything but images
    std::vector<bool> image(static_cast<std::size_t>(dl->VtxBuffer.Size), false);
    for (ImDrawCmd& cmd : dl->CmdBuffer) {
        if (!cmd.UserCallback && cmd.TextureId != shapes)
            for (unsigned i = 0; i < cmd.ElemCount; ++i) image[cmd.VtxOffset + dl->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)]] = true;
        const float x1 = cmd.ClipRect.x;
        cmd.ClipRect.x = width - cmd.ClipRect.z;
        cmd.ClipRect.z = width - x1;
    }
    for (int v = 0; v < dl->VtxBuffer.Size; ++v) {
        ImDrawVert& vert = dl->VtxBuffer[v];
        vert.pos.x = width - vert.pos.x;
        if (image[static_cast<std::size_t>(v)]) vert.uv.x = 1.f - vert.uv.x;
    }
    for (Control& c : kit_.controls()) {
        const float x0 = c.min.x;
        c.min.x = width - c.max.x;
        c.max.x = width - x0;
    }
    if (composerRect_.z > 0) composerRect_.x = width - composerRect_.x - composerRect_.z;
}

}  // namespace finchat::widget
