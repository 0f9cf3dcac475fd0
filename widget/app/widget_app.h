// widget/app/widget_app.h: one widget instance: a view over the core's Conversation (drawing, the
// accessibility mirror, the shim bridge). The conversation's rules (token, resume, PII question,
// unread, the L1 → L2 handoff, the queue) live in finchat::Conversation, not here.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "browser_pii.h"
#include "browser_platform.h"
#include "finchat/json.h"
#include "host.h"
#include "page_data_provider.h"
#include "page_token_provider.h"
#include "canvas.h"
#include "chat_window.h"
#include "finchat/chat_session.h"
#include "finchat/conversation.h"
#include "model/chat_view_model.h"
#include "model/strings.h"
#include "render_loop.h"

namespace finchat::widget {

// An RGBA image as a GL texture (linear filtering, clamped edges); 0 when it is unusable.
unsigned int uploadRgba(const unsigned char* rgba, int w, int h);
ImTextureID textureId(unsigned int texture);

// A transcript the window draws without a Conversation: fc_bench's synthetic chats (widget_bench.cpp,
// linked into the bench build of the widget only; the shipped widget never has one).
class DetachedTranscript {
public:
    virtual ~DetachedTranscript() = default;
    virtual TemplateView* templateOf(const Row& row) = 0;   // null: not a template row
};

class WidgetApp {
public:
    static WidgetApp* instance();   // main.cpp: the module's widget, null before fc_init
    int init(const std::string& configJson);
    void setOpen(bool open);
    void tokenAnswer(int requestId, const std::string& json);
    // The page's dataProvider answered call `id` (fc_data): the result's JSON, or the failure's message.
    void dataAnswer(int id, bool ok, std::string text) { data_.answer(id, ok, std::move(text)); }
    int send(const std::string& text);
    void typing();
    void action(const std::string& id);
    void focus(const std::string& id);
    void resize(double w, double h, double dpr);
    void setTheme(const std::string& json);
    void setLogo(unsigned char* rgba, int w, int h);
    // A template image the shim loaded for fc_js_load_image(id, url); rgba null: it could not be loaded.
    void setImage(int id, unsigned char* rgba, int w, int h);
    void setComposerHeight(float px);
    void setPageHidden(bool hidden);
    void setNetwork(bool online);   // browser online/offline events
    void piiReady();                                  // the shim handed the PII detector over
    void piiFailed(const std::string& message);       // ... or could not load it
    void end();
    void escalate(const std::string& reasonJson);
    int unread() const { return conv_ ? conv_->unread() : 0; }
    void destroy();
    void frameNow();
    // BRIDGE.md fc_bench: defined in widget_bench.cpp, linked into finaptic_chat_widget_bench only.
    double bench(int kind, int n, const std::string& samples);

    // Attachments (widget_attachments.cpp; BRIDGE.md fc_attach / fc_upload / host.uploads / host.download).
    int attach(const std::string& name, const std::string& type, std::string bytes);   // 0 started, 2 refused
    void uploadAction(const std::string& uploadId, int op);                             // 0 cancel, 1 retry, 2 remove

private:
    void activate(const ControlId& id);   // a canvas click or a mirror control's action
    void activateTemplate(const ControlId& id);
    const TemplateView* templateOf(const Row& row);
    ImTextureID imageFor(const std::string& url);
    void showDetached(std::unique_ptr<DetachedTranscript> view, const Transcript& transcript);   // widget_bench.cpp
    void onConversationEvent(const ConversationEvent& e);
    void onSessionEvent(int segment, const SessionEvent& e);
    void rebuildTimeline();
    void showQueued();
    std::string errorText(const Error& e) const;
    void drawFrame();
    WindowState windowState() const;
    void flushMirror(const WindowState& state);
    std::vector<std::string> applyModelChanges();
    void markVisibleRead();
    void announce(const std::string& text, const char* kind);
    void emitEvent(const char* name, const std::string& json);
    void publishUploads();                                      // host.uploads: the upload list, labelled
    void download(const std::string& attachmentId, const std::string& name);   // signed URL → host.download
    // An attachment row's thumbnail (images only) above its bubble; drawing a row asks GetAttachment
    // once for its size, and for an image its signed URL → host.thumbnail → fc_image.
    float previewHeight(const Row& row, float listWidth) const;
    void drawPreview(ImDrawList* dl, const Row& row, ImVec2 at, float height, float listWidth);
    bool setThumbnail(int id, unsigned char* rgba, int w, int h);   // false: not a thumbnail's id
    std::string str(std::string_view key) const { return std::string(strings_.get(key)); }

    browser::BrowserPlatform platform_;
    browser::BrowserPiiDetector piiDetector_;   // its own wasm, loaded by the shim when conv_ asks (PiiWanted)
    Strings strings_;
    Palette palette_;
    std::unique_ptr<Canvas> canvas_;
    std::unique_ptr<RenderLoop> loop_;
    std::unique_ptr<ChatWindow> window_;
    std::unique_ptr<ChatViewModel> model_;
    browser::PageTokenProvider tokens_{fc_js_request_token};   // the partner's, through the shim
    browser::PageDataProvider data_{fc_js_call_data};         // the partner's dataProvider, likewise
    std::unique_ptr<Conversation> conv_;
    std::unique_ptr<DetachedTranscript> detached_;   // fc_bench's synthetic chat (bench build only)

    // configuration
    ParticipantRole role_ = ParticipantRole::Customer;
    std::string storageKey_;
    std::string displayName_;
    std::string partnerName_;
    SessionConfig pii_;   // piiPolicy and piiTypes, from the partner's piiPolicy option (applyPiiOption)
    bool reducedMotion_ = false;

    bool transparentHandoff_ = false;
    bool forcedColors_ = false;
    bool messageText_ = false;      // the partner opted in to message text in `message` events
    std::string locale_;
    bool open_ = false;
    bool pageHidden_ = false;
    bool offline_ = false;          // the browser says there is no network

    std::string piiQuestion_;     // the open PII question's text, as announced (shown while the core has one)
    std::string notice_;
    std::string agentName_;       // the agent who joined, for the header

    // mirror bookkeeping
    bool mirrorReset_ = true;
    std::set<std::string> dirtyRows_;   // row keys to upsert
    std::vector<std::string> removedRows_;
    std::string lastControls_;
    std::string lastStatus_;
    std::string lastReadId_;
    int lastCursor_ = -1;
    unsigned int logoTexture_ = 0;
    // Template images by URL: requested from the shim once, drawn once they arrive. Bounded: past
    // kMaxImages the views keep their placeholders.
    struct TemplateImageTexture {
        int id = 0;
        unsigned int texture = 0;   // 0: not (yet) loaded
    };
    static constexpr std::size_t kMaxImages = 64;
    std::map<std::string, TemplateImageTexture> images_;
    int nextImageId_ = 1;   // template images and thumbnails share the fc_image ids
    // Attachment thumbnails by attachmentId, for rows drawn at least once. Bounded: past
    // kMaxThumbnails textures the least recently drawn one is dropped (loaded again if drawn again).
    struct Thumbnail {
        bool asked = false;          // GetAttachment asked (size; an image's URL)
        int id = 0;                  // the fc_image answer awaited, 0 none
        unsigned int texture = 0;
        int w = 0, h = 0;
        double lastDrawn = 0;        // ms, for the eviction
    };
    static constexpr std::size_t kMaxThumbnails = 24;
    std::map<std::string, Thumbnail> thumbs_;
};

}  // namespace finchat::widget
