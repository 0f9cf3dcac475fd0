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
#include <unordered_map>
#include <vector>

#include "imgui.h"

#include "finchat/markdown.h"
#include "model/chat_view_model.h"
#include "model/row_layout.h"
#include "model/strings.h"
#include "text_runs.h"

namespace finchat::widget {

class Fonts;

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
};

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

// A control the shim mirrors: drawn on the canvas, focusable in the DOM.
struct Control {
    std::string id;
    std::string label;
    std::string kind;   // "button", "link", "option"
    std::string href;
    ImVec2 min, max;
};

class ChatWindow {
public:
    ChatWindow(Fonts& fonts, const Strings& strings);

    void setPalette(const Palette& palette) { pal_ = palette; }
    void setReducedMotion(bool reduced) { reducedMotion_ = reduced; }
    void setComposerHeight(float px) { composerHeight_ = px; }
    void setFocused(std::string id) { focused_ = std::move(id); }
    void setLogo(ImTextureID texture, float aspect) { logo_ = texture; logoAspect_ = aspect; }

    // The rows the window draws; the model outlives the window's use of it.
    void setModel(const ChatViewModel* model) { model_ = model; rowsReset(); }
    // Structural changes from ChatViewModel::takeChanges(): keeps heights and scroll in step.
    void rowsChanged(const std::vector<ListChange>& changes);
    void rowsReset();
    void fontsChanged();

    // Draws one frame's window. `activate` is called for clicks on controls.
    void draw(const WindowState& state, float scrollDelta,
              const std::function<void(const std::string&)>& activate);

    const std::vector<Control>& controls() const { return controls_; }
    ImVec4 composerRect() const { return composerRect_; }   // x, y, w, h in CSS px
    bool animating() const { return animating_; }
    // Row indices on screen in the last frame (read receipts, unread counting).
    std::size_t firstVisible() const { return firstVisible_; }
    std::size_t lastVisible() const { return lastVisible_; }
    void scrollToBottom() { stickToBottom_ = true; }

    void openEndDialog(bool open) { endDialog_ = open; }
    bool endDialogOpen() const { return endDialog_; }
    // Message bodies shaped and rasterised by the browser (text_runs.h); not available with a
    // stand-in host, where they are drawn with the ImGui font as before.
    const BrowserText& browserText() const { return text_; }


private:
    struct Piece {        // one drawn piece of a laid-out message
        ImVec2 pos;       // relative to the text origin
        std::string text;
        ImFont* font;
        bool italic = false, code = false;
        int link = -1;    // index into the row's RichText links
        bool bullet = false;
    };
    struct RowCache {
        float width = -1;        // text width the pieces were laid out for
        float textW = 0, textH = 0;
        std::vector<Piece> pieces;          // ImGui-font layout (no browser text)
        bool browser = false;               // laid out by the browser: `text` holds it
        BrowserTextLayout text;
    };
    struct BubbleColors {
        ImU32 fill, ink, link;
    };
    BubbleColors bubbleColors(const Row& row) const;
    const BrowserTextLayout* labelLayout(ImFont* font, float px, ImU32 color, const std::string& text);
    ImVec2 labelSize(ImFont* font, float px, const std::string& text);
    void drawLabel(ImDrawList* dl, ImFont* font, float px, ImVec2 pos, ImU32 color, const std::string& text);

    RowCache& layoutText(const Row& row, float maxTextWidth);
    float rowHeight(const Row& row, float listWidth);
    void drawHeader(ImDrawList* dl, const WindowState& s, ImVec2 origin, float width);
    void drawRow(ImDrawList* dl, const Row& row, ImVec2 origin, float listWidth);
    void drawTyping(ImDrawList* dl, const std::string& text, ImVec2 origin);
    void drawComposer(ImDrawList* dl, const WindowState& s, ImVec2 origin, float width, float height);
    void drawEndDialog(ImDrawList* dl, ImVec2 size);
    bool button(ImDrawList* dl, const std::string& id, const std::string& label, ImVec2 min, ImVec2 max,
                ImU32 fill, ImU32 text, float rounding, ImFont* font, const char* kind = "button");
    void addControl(const std::string& id, const std::string& label, const char* kind, ImVec2 min, ImVec2 max,
                    const std::string& href = {});
    void focusRing(ImDrawList* dl, const std::string& id, ImVec2 min, ImVec2 max, float rounding);
    ImU32 col(std::uint32_t rgba) const;
    std::string S(std::string_view key) const;   // a UI string from the locale table

    Fonts& fonts_;
    const Strings& strings_;
    Palette pal_;
    bool reducedMotion_ = false;
    float composerHeight_ = 44.f;
    std::string focused_;
    ImU32 ringColor_ = 0;   // focus ring colour where the theme's would not show (0: theme's)
    ImTextureID logo_ = nullptr;
    float logoAspect_ = 1.f;

    const ChatViewModel* model_ = nullptr;
    RowLayout layout_;
    std::unordered_map<std::string, RowCache> cache_;   // by row key
    BrowserText text_;
    std::unordered_map<std::string, BrowserTextLayout> labels_;   // names and system lines beyond the atlas

    std::vector<Control> controls_;
    std::string pressed_;
    ImVec4 composerRect_{0, 0, 0, 0};
    bool animating_ = false;
    bool atBottom_ = true;
    bool stickToBottom_ = true;
    bool endDialog_ = false;
    float scrollY_ = 0;
    bool thumbDrag_ = false;
    std::size_t rowsSeen_ = 0;      // row count of the last frame
    bool unseenBelow_ = false;      // rows arrived below while scrolled up
    std::size_t firstVisible_ = 0, lastVisible_ = 0;
};

}  // namespace finchat::widget
