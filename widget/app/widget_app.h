// widget/app/widget_app.h: one widget instance: conversation flow, drawing, and the shim bridge.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "browser_platform.h"
#include "canvas.h"
#include "chat_window.h"
#include "finchat/chat_session.h"
#include "fonts.h"
#include "model/chat_view_model.h"
#include "model/strings.h"
#include "render_loop.h"

namespace finchat::widget {

class WidgetApp {
public:
    int init(const std::string& configJson);
    void setOpen(bool open);
    void tokenAnswer(int requestId, const std::string& json);
    int send(const std::string& text);
    void typing();
    void action(const std::string& id);
    void focus(const std::string& id);
    void resize(double w, double h, double dpr);
    void setTheme(const std::string& json);
    void setFont(unsigned char* data, int len, int slot);
    void setLogo(unsigned char* rgba, int w, int h);
    void setComposerHeight(float px);
    void setPageHidden(bool hidden);
    void setNetwork(bool online);   // browser online/offline events
    void end();
    void escalate(const std::string& reasonJson);
    int unread() const { return unread_; }
    void destroy();
    void frameNow();
    double bench(int kind, int n);

private:
    // Where the conversation is, around the session (which has its own states).
    enum class Phase { NoChat, RequestingToken, TokenFailed, InChat };

    void requestToken(const std::string& level, const std::string& reason);
    void attach(std::unique_ptr<ChatSession> session);
    void onSessionEvent(const SessionEvent& e);
    void startNewChat();
    void drawFrame();
    WindowState windowState() const;
    void flushMirror(const WindowState& state);
    std::vector<std::string> applyModelChanges();
    void markVisibleRead();
    void announce(const std::string& text, const char* kind);
    void emitEvent(const char* name, const std::string& json);
    std::string str(std::string_view key) const { return std::string(strings_.get(key)); }

    browser::BrowserPlatform platform_;
    Strings strings_;
    Fonts fonts_;
    Palette palette_;
    std::unique_ptr<Canvas> canvas_;
    std::unique_ptr<RenderLoop> loop_;
    std::unique_ptr<ChatWindow> window_;
    std::unique_ptr<ChatViewModel> model_;
    std::unique_ptr<ChatSession> session_;
    std::unique_ptr<Transcript> benchTranscript_;   // fc_bench only

    // configuration
    ParticipantRole role_ = ParticipantRole::Customer;
    std::string storageKey_;
    std::string displayName_;
    std::string partnerName_;
    PiiPolicy piiPolicy_ = PiiPolicy::Mask;
    bool reducedMotion_ = false;

    Phase phase_ = Phase::NoChat;
    int nextRequest_ = 1;
    int pendingRequest_ = 0;
    std::string tokenError_;
    bool open_ = false;
    bool pageHidden_ = false;
    bool offline_ = false;          // the browser says there is no network
    int unread_ = 0;

    std::string piiPending_;      // the message held while the customer decides (AskFirst)
    std::string piiQuestion_;
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
    bool fontTextureReady_ = false;
    unsigned int logoTexture_ = 0;
};

}  // namespace finchat::widget
