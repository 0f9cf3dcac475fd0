// widget/app/chat_window.h: the chat window drawn with Dear ImGui.
//
// It draws what the core owns (one ChatSession's transcript, state, typing) through the view model
// (widget/model): header, connection banner, the message list, the composer area, dialogs. It does
// not own text entry: the composer is the shim's <textarea>, placed over the rect reported here.
// Every focusable thing drawn here is also reported as a control (id, label, rect) so the shim can
// give it a real DOM twin (keyboard, screen readers); activating the twin comes back as
// activate(id), exactly like a click on the canvas.
//
// Long transcripts: rows are laid out once per width (wrapped runs cached), their heights live in a
// RowLayout (prefix sums), and only the rows in view are drawn.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <map>
#include <vector>

#include "imgui.h"

#include "finchat/markdown.h"
#include "kit.h"
#include "template_views.h"
#include "model/chat_view_model.h"
#include "model/row_layout.h"
#include "model/strings.h"
#include "text_runs.h"

namespace finchat::widget {

// Everything the window shows besides the rows. Filled by the widget each frame.
struct WindowState {
    std::string title;                 // "Chat with Acme Bank"
    std::string monogram;              // first letter of the partner's name (no logo)
    std::string subtitle;              // agent name / status line
    std::string banner;                // "" = none
    enum class BannerKind { Info, Warning, Error } bannerKind = BannerKind::Info;
    bool bannerRetry = false;          // show "Try again" in the banner
    bool canEnd = false;               // a live chat the customer may end
    bool ended = false;                // composer replaced by "Start a new chat"
    bool composerEnabled = true;
    std::string composerPlaceholder;
    std::string typing;                // "Anna is typing…" or ""
    bool hasOlder = false;
    std::string piiQuestion;           // non-empty: ask before sending
    std::string notice;                // short notice above the composer (e.g. "card number masked")
    bool agentMode = false;
};

class ChatWindow {
public:
    explicit ChatWindow(const Strings& strings);

    void setPalette(const Palette& palette) { pal_ = palette; }
    void setReducedMotion(bool reduced) {
        reducedMotion_ = reduced;
        templates_.setReducedMotion(reduced);
    }
    void setComposerHeight(float px) { composerHeight_ = px; }
    void setFocused(std::optional<ControlId> id) { kit_.setFocused(std::move(id)); }
    void setLogo(ImTextureID texture, float aspect) { logo_ = texture; logoAspect_ = aspect; }
    // A right-to-left locale: the window is drawn mirrored (own bubbles on the left, the header's
    // actions on the left, paging and progress reversed); text keeps its own direction, and the
    // controls, hit-testing and the composer's rect are reported in the mirrored places.
    void setRtl(bool rtl) { rtl_ = rtl; }

    // The rows the window draws; the model outlives the window's use of it.
    void setModel(const ChatViewModel* model) { model_ = model; rowsReset(); }
    // Structural changes from ChatViewModel::takeChanges(): keeps heights and scroll in step.
    void rowsChanged(const std::vector<ListChange>& changes);
    void rowsReset();
    void fontsChanged();

    // Interactive messages: the template each row shows (nullptr: the row's text), from the
    // Conversation (or a benchmark). A template's look changed (loaded, failed, answered): its height
    // is measured again.
    using TemplateSource = std::function<const TemplateView*(const Row&)>;
    void setTemplateSource(TemplateSource source) { templateOf_ = std::move(source); }
    void templateChanged(const std::string& rowKey);
    TemplateViews& templates() { return templates_; }

    // Attachment rows (widget_attachments.cpp): `height` of what goes above the bubble (an image's
    // thumbnail; 0 for none, and the same every time for a row: nothing moves when it loads), and
    // `draw` it, called for every attachment row on screen (so it can load what the row shows lazily).
    struct AttachmentPreview {
        std::function<float(const Row&, float listWidth)> height;
        std::function<void(ImDrawList*, const Row&, ImVec2 origin, float height, float listWidth)> draw;
    };
    void setAttachmentPreview(AttachmentPreview preview) { preview_ = std::move(preview); }

    // Draws one frame's window into `dl` (the canvas's draw list) with that frame's input (whose
    // `hand` it sets). `activate` is called for clicks on controls.
    void draw(ImDrawList* dl, FrameInput& input, const WindowState& state, float scrollDelta,
              const std::function<void(const ControlId&)>& activate);

    const std::vector<Control>& controls() const { return kit_.controls(); }
    const Control* control(const ControlId& id) const { return kit_.find(id); }
    ImVec4 composerRect() const { return composerRect_; }   // x, y, w, h in CSS px
    bool animating() const { return animating_; }
    // Row indices on screen in the last frame (read receipts, unread counting).
    std::size_t firstVisible() const { return firstVisible_; }
    std::size_t lastVisible() const { return lastVisible_; }
    void scrollToBottom() { scroll_.stickToBottom = true; }

    void openEndDialog(bool open) { endDialog_ = open; }
    bool endDialogOpen() const { return endDialog_; }
    // Message bodies and labels shaped and rasterised by the browser (text_runs.h).
    const BrowserText& browserText() const { return text_; }


private:
    struct RowCache {
        float width = -1;        // text width the pieces were laid out for
        float textW = 0, textH = 0;
        bool laidOut = false;               // the browser laid it out: `text` holds it
        BrowserTextLayout text;
    };
    struct BubbleColors {
        ImU32 fill, ink, link;
    };
    BubbleColors bubbleColors(const Row& row) const;
    void mirror(ImDrawList* dl, float width);

    RowCache& layoutText(const Row& row, float maxTextWidth);
    float rowHeight(const Row& row, float listWidth);
    void drawHeader(ImDrawList* dl, const WindowState& s, ImVec2 origin, float width);
    void drawRow(ImDrawList* dl, const Row& row, ImVec2 origin, float listWidth);
    void drawBubble(ImDrawList* dl, const Row& row, ImVec2 origin, float y, float listWidth, ImVec2& bmin, ImVec2& bmax);
    const TemplateView* templateFor(const Row& row) const;
    void drawTyping(ImDrawList* dl, const std::string& text, ImVec2 origin);
    void drawComposer(ImDrawList* dl, const WindowState& s, ImVec2 origin, float width, float height);
    void drawEndDialog(ImDrawList* dl, ImVec2 size);
    ImU32 col(std::uint32_t rgba) const { return color(rgba); }
    std::string S(std::string_view key) const;   // a UI string from the locale table

    const Strings& strings_;
    Palette pal_;
    bool reducedMotion_ = false;
    float composerHeight_ = 44.f;
    Labels labels_{text_, pal_};   // every label; text_ is bound here, used once constructed
    Kit kit_{pal_, labels_};
    TemplateViews templates_{strings_, pal_, kit_};
    TemplateSource templateOf_;
    AttachmentPreview preview_;
    float previewHeight(const Row& row, float listWidth) const {
        return !row.attachmentId.empty() && preview_.height ? preview_.height(row, listWidth) : 0.f;
    }
    ImTextureID logo_ = nullptr;
    float logoAspect_ = 1.f;

    const ChatViewModel* model_ = nullptr;
    RowLayout layout_;
    std::map<std::string, RowCache> cache_;   // by row key
    BrowserText text_;
    bool rtl_ = false;

    ImVec4 composerRect_{0, 0, 0, 0};
    bool animating_ = false;
    bool endDialog_ = false;
    VerticalScroll scroll_;   // the message list
    std::size_t rowsSeen_ = 0;      // row count of the last frame
    bool unseenBelow_ = false;      // rows arrived below while scrolled up
    std::size_t firstVisible_ = 0, lastVisible_ = 0;
};

}  // namespace finchat::widget
