#include "widget_app.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include "finchat/json.h"
#include "finchat/pii.h"
#include "finchat/theme.h"
#include "finchat/util.h"
#include "browser_date_time_format.h"
#include "host.h"
#include "imgui.h"

namespace finchat::widget {


namespace {
std::string field(const Json& j, const char* key, const std::string& fallback = {}) {
    const Json* v = j.find(key);
    return v && v->isString() ? v->asString() : fallback;
}

// CSS pixels for the shim, rounded: layout positions need no fractions, and integers keep the
// float formatter out of the wasm.
int px(float v) { return static_cast<int>(std::lround(v)); }

double number(const Json& j, const char* key, double fallback) {
    const Json* v = j.find(key);
    return v && v->isNumber() ? v->asNearDouble() : fallback;
}

// The first letter (one UTF-8 character) of a name, for the header monogram.
std::string firstLetter(const std::string& s) {
    if (s.empty()) return {};
    std::size_t n = 1;
    while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
    return s.substr(0, n);
}

const char* deliveryName(Delivery d) {
    switch (d) {
    case Delivery::Pending: return "sending";
    case Delivery::Sent: return "sent";
    case Delivery::Delivered: return "delivered";
    case Delivery::Read: return "read";
    case Delivery::Failed: return "failed";
    default: return "";
    }
}

std::uint32_t rgba(Color c) {
    return static_cast<std::uint32_t>(c.r) << 24 | static_cast<std::uint32_t>(c.g) << 16 |
           static_cast<std::uint32_t>(c.b) << 8 | c.a;
}

// The window's palette from a theme (after enforceContrast). The header wears the brand colour.
Palette paletteFrom(const Theme& t) {
    const ThemeColors& c = t.colors;
    Palette p;
    p.background = rgba(c.background);
    p.surface = rgba(c.surface);
    p.border = rgba(c.border);
    p.text = rgba(c.text);
    p.muted = rgba(c.mutedText);
    p.header = rgba(c.accent);
    p.onHeader = rgba(c.onAccent);
    p.accent = rgba(c.accent);
    p.onAccent = rgba(c.onAccent);
    p.customerBubble = rgba(c.customerBubble);
    p.customerText = rgba(c.customerText);
    p.onBubbleLink = rgba(c.customerText);
    p.agentBubble = rgba(c.agentBubble);
    p.agentText = rgba(c.agentText);
    p.botBubble = rgba(c.botBubble);
    p.botText = rgba(c.botText);
    p.systemText = rgba(c.systemText);
    p.link = rgba(c.link);
    p.danger = rgba(c.danger);
    p.focusRing = rgba(c.focusRing);
    p.windowRadius = t.radii.window;
    p.bubbleRadius = t.radii.bubble;
    p.buttonRadius = t.radii.button;
    p.fontPx = t.fontSizePx;
    p.fontFamily = t.fontFamily;
    return p;
}
// Windows' high-contrast themes and forced-colors mode: the page's CSS is overridden by the system,
// but a canvas is not, so the window draws in plain high-contrast colours itself (black ground,
// white text, the system's usual cyan highlight and yellow links and focus).
Palette forcedColorsPalette(Palette p) {
    constexpr std::uint32_t black = 0x000000FF, white = 0xFFFFFFFF, highlight = 0x1AEBFFFF, yellow = 0xFFFF00FF;
    p.background = p.surface = p.header = p.agentBubble = p.botBubble = p.warningBg = black;
    p.border = p.text = p.muted = p.onHeader = p.agentText = p.botText = p.systemText = white;
    p.accent = p.customerBubble = highlight;
    p.onAccent = p.customerText = p.onBubbleLink = black;
    p.link = p.warning = p.focusRing = yellow;
    p.danger = 0xFF8080FF;
    return p;
}

bool listOrder(const Row* const& a, const Row* const& b) { return a->index < b->index; }   // indices are unique

// Regions that read the time on a 12-hour clock ("2:05 PM"): the locale's region decides when the
// string table itself keeps the 24-hour default.
bool uses12HourClock(const std::string& locale) {
    const auto dash = locale.find_first_of("-_");
    if (dash == std::string::npos) return false;
    std::string region = locale.substr(dash + 1, 2);
    for (char& c : region) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    for (const char* r : {"US", "CA", "AU", "NZ", "PH", "IN", "PK", "EG"})
        if (region == r) return true;
    return false;
}
}  // namespace

// An RGBA image as a texture (linear filtering, clamped edges); 0 when it is unusable.
unsigned int uploadRgba(const unsigned char* rgba, int w, int h) {
    if (!rgba || w <= 0 || h <= 0 || w > 1024 || h > 1024) return 0;
    unsigned int texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    return texture;
}

ImTextureID textureId(unsigned int texture) {
    return texture ? reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture)) : nullptr;
}

// ---------------------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------------------
int WidgetApp::init(const std::string& configJson) {
    const Json config = Json::parse(configJson);
    if (!config.isObject()) return 2;
    role_ = field(config, "role") == "agent" ? ParticipantRole::Agent : ParticipantRole::Customer;
    storageKey_ = field(config, "storageKey");
    displayName_ = field(config, "displayName");
    partnerName_ = field(config, "partnerName");
    if (const Json* v = config.find("piiPolicy"); v && !v->isNull() && !applyPiiOption(v->dump(), pii_)) return 2;
    if (const Json* v = config.find("reducedMotion")) reducedMotion_ = v->asBool();
    if (const Json* v = config.find("transparentHandoff")) transparentHandoff_ = v->asBool();
    if (const Json* v = config.find("forcedColors")) forcedColors_ = v->asBool();
    if (const Json* v = config.find("messageText")) messageText_ = v->asBool();
    locale_ = field(config, "locale");
    if (const Json* v = config.find("strings"); v && v->isObject()) {
        if (auto table = Strings::fromJson(v->dump())) strings_ = std::move(*table);
    }
    if (uses12HourClock(locale_) && strings_.get(key::kTimeFormat) == "{hours}:{minutes}")
        strings_.set(std::string(key::kTimeFormat), "{hours12}:{minutes} {ampm}");

    fc_js_bind_canvas();
    canvas_ = std::make_unique<Canvas>(Canvas::Hooks{
        [this](int n) { if (loop_) loop_->wake(n); },
        [this] {
            if (window_) window_->fontsChanged();   // the text bitmaps' textures are gone too
            logoTexture_ = 0;   // the shim sends the logo again on "contextrestored"
            images_.clear();    // template images are asked for again when drawn
            thumbs_.clear();    // and so are attachment thumbnails
        }});
    if (!canvas_->init()) return 3;
    canvas_->setReducedMotion(reducedMotion_);

    ViewOptions view;
    view.viewerRole = role_;
    view.nowMs = static_cast<std::int64_t>(emscripten_date_now());
    view.dates = std::make_shared<BrowserDateTimeFormat>(strings_, view.nowMs);   // Intl, in the browser's zone
    model_ = std::make_unique<ChatViewModel>(strings_, view);
    window_ = std::make_unique<ChatWindow>(strings_);
    if (!window_->browserText().available()) return 4;   // a host that lays out no text (BRIDGE.md)
    window_->setModel(model_.get());
    window_->setReducedMotion(reducedMotion_);
    window_->setRtl(field(config, "dir") == "rtl");
    window_->setTemplateSource([this](const Row& row) { return templateOf(row); });
    window_->templates().setImageSource([this](const std::string& url) { return imageFor(url); });
    window_->setAttachmentPreview({[this](const Row& row, float listWidth) { return previewHeight(row, listWidth); },
                                   [this](ImDrawList* dl, const Row& row, ImVec2 at, float height, float listWidth) {
                                       drawPreview(dl, row, at, height, listWidth);
                                   }});
    loop_ = std::make_unique<RenderLoop>([this] { drawFrame(); });

    const double w = number(config, "width", 380), h = number(config, "height", 600), dpr = number(config, "dpr", 1);
    canvas_->resize(w, h, dpr);
    if (const Json* v = config.find("theme"); v && v->isObject()) setTheme(v->dump());
    else window_->setPalette(palette_ = forcedColors_ ? forcedColorsPalette(palette_) : palette_);

    ConversationConfig cc;
    cc.session.role = role_;
    cc.session.piiPolicy = pii_.piiPolicy;
    cc.session.piiTypes = pii_.piiTypes;
    cc.storageKey = storageKey_;
    cc.displayName = displayName_;
    cc.transparentHandoff = transparentHandoff_;
    conv_ = std::make_unique<Conversation>(platform_.platform(piiDetector_), tokens_, cc, &data_);
    conv_->setEventHandler([this](const ConversationEvent& e) { onConversationEvent(e); });
    // The customer's bubble of a data-bound pick reads the title kept on this device, not the id.
    model_->setLocalTitles([this](std::string_view content) { return conv_->pickedTitle(content); });
    model_->setAttachmentSizes([this](const std::string& id) { return conv_->attachmentSize(id); });
    // A chat from before a reload (before, during or after a handoff) continues at once, without
    // asking the partner for a token; the L1 history comes back above the L2 chat.
    if (conv_->restore()) {
        rebuildTimeline();
        window_->scrollToBottom();
    }
    emitEvent("ready", "{}");
    return 0;
}

void WidgetApp::setTheme(const std::string& text) {
    std::vector<std::string> unknown;
    auto parsed = parseTheme(text, &unknown);
    if (!parsed) {
        emitEvent("error", Json::object({{"code", "theme"}, {"message", parsed.error().detail}}).dump());
        return;
    }
    Theme theme = *parsed;
    // A brand colour that fails WCAG AA is nudged until text is readable; the designer is told
    // (console) what was changed and which keys were not understood.
    for (const auto& issue : enforceContrast(theme)) {
        const std::string ratio = decimal(static_cast<int>(issue.ratio * 100 + 0.5));
        emitEvent("warning", Json::object({{"message", "theme: " + issue.foreground + " on " + issue.background +
                                                           " has contrast " + ratio.substr(0, ratio.size() - 2) + "." +
                                                           ratio.substr(ratio.size() - 2) + ":1; adjusted for readability"}})
                                 .dump());
    }
    for (const auto& key : unknown)
        emitEvent("warning", Json::object({{"message", "theme: unknown key " + key + " ignored"}}).dump());
    palette_ = forcedColors_ ? forcedColorsPalette(paletteFrom(theme)) : paletteFrom(theme);
    if (!theme.partnerName.empty()) partnerName_ = theme.partnerName;
    if (window_) {
        window_->setPalette(palette_);
        window_->fontsChanged();
    }
    if (loop_) loop_->wake(2);
}

void WidgetApp::setLogo(unsigned char* rgba, int w, int h) {
    if (logoTexture_) {
        glDeleteTextures(1, &logoTexture_);
        logoTexture_ = 0;
    }
    logoTexture_ = uploadRgba(rgba, w, h);
    std::free(rgba);
    window_->setLogo(textureId(logoTexture_), h > 0 ? static_cast<float>(w) / static_cast<float>(h) : 1.f);
    loop_->wake(2);
}

ImTextureID WidgetApp::imageFor(const std::string& url) {
    if (const auto it = images_.find(url); it != images_.end()) return textureId(it->second.texture);
    if (images_.size() >= kMaxImages) return nullptr;
    const int id = nextImageId_++;
    images_[url] = TemplateImageTexture{id, 0};
    fc_js_load_image(id, url.c_str());
    return nullptr;
}

void WidgetApp::setImage(int id, unsigned char* rgba, int w, int h) {
    if (setThumbnail(id, rgba, w, h)) return;
    for (auto& [url, image] : images_) {
        if (image.id != id || image.texture) continue;
        image.texture = uploadRgba(rgba, w, h);   // 0 (not loadable): the placeholder stays
        loop_->wake(2);
        break;
    }
    std::free(rgba);
}

void WidgetApp::resize(double w, double h, double dpr) {
    canvas_->resize(w, h, dpr);
}

void WidgetApp::setComposerHeight(float px) {
    window_->setComposerHeight(px);
    loop_->wake(2);
}

void WidgetApp::focus(const std::string& id) {
    window_->setFocused(ControlId::decode(id));
    loop_->wake(1);
}

// ---------------------------------------------------------------------------------------------
// Conversation: the shim's calls go to the core's Conversation; its events become drawing, mirror
// updates, announcements and public events.
// ---------------------------------------------------------------------------------------------
void WidgetApp::setOpen(bool open) {
    open_ = open;
    loop_->setVisible(open_ && !pageHidden_);
    if (conv_) conv_->setViewing(open_ && !pageHidden_);
    if (!open_) return;
    mirrorReset_ = true;   // the shim rebuilds its mirror from scratch when the panel opens
    lastControls_.clear();
    if (conv_ && conv_->state() == ConversationState::Idle) conv_->start();
}

void WidgetApp::setPageHidden(bool hidden) {
    pageHidden_ = hidden;
    loop_->setVisible(open_ && !pageHidden_);
    if (conv_) conv_->setViewing(open_ && !pageHidden_);
}

void WidgetApp::tokenAnswer(int requestId, const std::string& text) {
    tokens_.answer(requestId, text, displayName_);
    loop_->wake(2);
}

// The window's rows from the whole timeline: every segment, a divider before each later one.
void WidgetApp::rebuildTimeline() {
    model_->clear();
    for (int i = 0; i < conv_->segmentCount(); ++i) {
        if (i > 0) model_->startSegment(decimal(i), transparentHandoff_ ? "" : str("handoff.divider"));
        model_->sync(conv_->transcript(i));
    }
    showQueued();
    lastReadId_.clear();
}

void WidgetApp::showQueued() {
    std::vector<ChatViewModel::QueuedText> rows;
    for (const QueuedMessage& q : conv_->queued()) rows.push_back({q.id, q.text, q.timeMs});
    model_->setQueued(rows);
    applyModelChanges();
}

void WidgetApp::onConversationEvent(const ConversationEvent& e) {
    loop_->wake(2);
    switch (e.type) {
    case ConversationEventType::Session:
        if (e.session) onSessionEvent(e.segment, *e.session);
        break;
    case ConversationEventType::StateChanged:
        if (conv_->state() == ConversationState::StartFailed) {
            announce(str("error.startFailed"), "error");
            emitEvent("error", Json::object({{"code", "token"}, {"message", conv_->startError() ? conv_->startError()->detail : ""}}).dump());
        }
        break;
    case ConversationEventType::HandoffStarted:
        if (!transparentHandoff_) announce(str("handoff.connecting"), "connection");
        emitEvent("escalated", Json::object({{"reason", e.text}}).dump());
        break;
    case ConversationEventType::HandoffSucceeded:
        // The L1 rows stay; the divider and the specialist's chat follow.
        model_->setQueued({});
        model_->startSegment(decimal(e.segment), transparentHandoff_ ? "" : str("handoff.divider"));
        model_->sync(conv_->transcript(e.segment));
        applyModelChanges();
        agentName_.clear();
        lastReadId_.clear();
        announce(transparentHandoff_ ? "" : str("handoff.divider"), transparentHandoff_ ? "connection" : "notice");
        window_->scrollToBottom();
        break;
    case ConversationEventType::HandoffFailed:
        announce(str("handoff.failed"), "error");
        emitEvent("error", Json::object({{"code", "handoff"}, {"message", e.error ? e.error->describe() : ""}}).dump());
        break;
    case ConversationEventType::UnreadChanged:
        emitEvent("unread", Json::object({{"count", conv_->unread()}}).dump());
        break;
    case ConversationEventType::PiiQuestion:
        piiQuestion_ = strings_.format("pii.askBody", {{"types", e.text}});
        announce(piiQuestion_, "notice");
        break;
    case ConversationEventType::QueueChanged:
        showQueued();
        break;
    case ConversationEventType::AttachmentChanged:
        publishUploads();
        model_->attachmentSizesChanged();   // a file's card may read its size now
        applyModelChanges();
        break;
    case ConversationEventType::Ended:
        emitEvent("ended", "{}");
        window_->openEndDialog(false);
        break;
    case ConversationEventType::TemplateChanged:
        // Loaded, failed, retrying or answered: another height and other controls. The window reads
        // templateOf when it draws.
        window_->templateChanged(ChatViewModel::keyOf(e.segment, e.text));
        dirtyRows_.insert(ChatViewModel::keyOf(e.segment, e.text));   // its mirror entry reads the new state
        break;
    case ConversationEventType::PiiWanted:
        fc_js_pii();   // the shim loads the detector: fc_pii_ready, or fc_pii_failed
        break;
    }
}

void WidgetApp::onSessionEvent(int segment, const SessionEvent& e) {
    if (segment != model_->segment()) {
        // An earlier chat of the timeline: only its own messages still change (settled by the L1
        // chat's late answer, or moved on to the current chat): drawn again from the Conversation.
        if (e.type == SessionEventType::TranscriptChanged) rebuildTimeline();
        return;
    }
    const Transcript& t = conv_->transcript(segment);
    switch (e.type) {
    case SessionEventType::TranscriptChanged: {
        model_->setNow(static_cast<std::int64_t>(emscripten_date_now()));
        model_->update(t, e.localId);
        const std::vector<std::string> inserted = applyModelChanges();
        for (const auto& key : inserted) {
            const Row* row = model_->find(key);
            if (!row || row->kind != RowKind::Message || row->own) continue;
            // Privacy rule (web/README.md): no message text unless the partner opted in.
            Json detail = Json::object({{"id", row->key}, {"sender", row->sender}, {"role", toString(row->role)}});
            if (messageText_) detail.set("text", row->text);
            emitEvent("message", detail.dump());
        }
        break;
    }
    case SessionEventType::StateChanged:
        switch (conv_->sessionState()) {
        case SessionState::Connecting: announce(str("banner.connecting"), "connection"); break;
        case SessionState::Live: announce("", "connection"); break;
        case SessionState::Reconnecting: announce(str("banner.reconnecting"), "connection"); break;
        case SessionState::Ended: announce(str("banner.ended"), "ended"); break;
        case SessionState::Failed: announce(str("banner.failed"), "error"); break;
        default: break;
        }
        break;
    case SessionEventType::TypingChanged:
        if (e.active) announce(strings_.format("typing.one", {{"name", e.displayName}}), "typing");
        else announce("", "typing");
        emitEvent("typing", Json::object({{"name", e.displayName}, {"active", e.active}}).dump());
        break;
    case SessionEventType::ParticipantJoined:
        if (e.item && e.item->role() == ParticipantRole::Agent) agentName_ = e.displayName;
        break;
    case SessionEventType::PiiMasked:
        notice_ = strings_.format("pii.masked", {{"types", e.text}});
        announce(notice_, "notice");
        break;
    case SessionEventType::SendFailed:
        announce(str("error.sendFailed"), "error");
        break;
    case SessionEventType::Error:
        if (e.error) emitEvent("error", Json::object({{"code", toString(e.error->code)}, {"message", e.error->detail}}).dump());
        break;
    default:
        break;
    }
}

// What the customer reads about a refused message: the string table's words, never the core's
// English detail (which goes to the partner's `error` event only).
std::string WidgetApp::errorText(const Error& e) const {
    switch (e.code) {
    case ErrorCode::TooLarge: return strings_.format("error.tooLong", {{"max", "1024"}});
    case ErrorCode::InvalidValue: return str("error.empty");
    case ErrorCode::Ended: return str("error.ended");
    default: return str("error.generic");
    }
}

int WidgetApp::send(const std::string& text) {
    if (!conv_) return 2;
    notice_.clear();
    // Agents write rich messages (bold, lists, links) as in Connect's agent workspace; customers'
    // text stays as typed.
    const SendResult r = conv_->send(text, role_ == ParticipantRole::Agent ? "text/markdown" : "text/plain");
    switch (r.outcome) {
    case SendOutcome::Sent:
    case SendOutcome::Queued:
        window_->scrollToBottom();
        loop_->wake(2);
        return 0;
    case SendOutcome::PiiQuestion:
        loop_->wake(2);
        return 1;
    case SendOutcome::Refused:
        break;
    }
    notice_ = r.error ? errorText(*r.error) : str("error.generic");
    announce(notice_, "error");
    loop_->wake(2);
    return 2;
}

void WidgetApp::typing() {
    if (conv_) conv_->notifyTyping();
}

void WidgetApp::end() {
    if (conv_) conv_->end();
    window_->openEndDialog(false);
    loop_->wake(2);
}

void WidgetApp::escalate(const std::string& reasonJson) {
    if (!conv_ || role_ != ParticipantRole::Customer) {
        emitEvent("error", "{\"code\":\"unsupported\",\"message\":\"escalation is for customer chats\"}");
        return;
    }
    const Json j = Json::parse(reasonJson);
    conv_->escalate(j.isObject() ? field(j, "reason") : std::string());
    loop_->wake(2);
}

void WidgetApp::destroy() {
    // Sockets and timers stop with the sessions; the saved state stays so a page that mounts the
    // widget again continues the chat.
    conv_.reset();
    loop_->setVisible(false);
}

void WidgetApp::setNetwork(bool online) {
    offline_ = !online;
    // Back online: skip what is left of the reconnect backoff.
    if (online && conv_) conv_->retryNow();
    announce(online ? "" : str("banner.offline"), "connection");
    loop_->wake(2);
}

void WidgetApp::piiReady() {
    if (notice_ == str(key::kPiiLoadFailed)) notice_.clear();
    if (conv_) conv_->piiReady();   // sends what waited (QueueChanged redraws it)
    loop_->wake(2);
}

// The messages that need the guard stay queued (shown as sending): the canvas says why, and the
// shim tries again at the next keystroke or send (BRIDGE.md fc_pii_failed).
void WidgetApp::piiFailed(const std::string& message) {
    emitEvent("error", Json::object({{"code", "pii"}, {"message", message}}).dump());
    if (!conv_ || conv_->queued().empty()) return;
    notice_ = str(key::kPiiLoadFailed);
    announce(notice_, "error");
    loop_->wake(2);
}

void WidgetApp::action(const std::string& id) {
    if (const auto control = ControlId::decode(id)) activate(*control);
}

void WidgetApp::activate(const ControlId& id) {
    loop_->wake(2);
    switch (id.kind) {
    case ControlKind::PiiEdit:
        if (conv_ && conv_->piiQuestion()) {
            // Kept by the customer: back into the composer. On Enter it is still there, but a message
            // that waited for the detector left it when it was queued (the shim leaves equal text alone).
            const std::string kept = conv_->piiQuestionText();
            conv_->answerPii(PiiChoice::Cancel);
            emitEvent("action", Json::object({{"id", "composer-restore"}, {"text", kept}}).dump());
        }
        [[fallthrough]];
    case ControlKind::Send:
    case ControlKind::Minimize:
        emitEvent("action", Json::object({{"id", id.encode()}}).dump());   // the shim owns the textarea and the panel
        break;
    case ControlKind::EndChat: window_->openEndDialog(true); break;
    case ControlKind::DialogCancel: window_->openEndDialog(false); break;
    case ControlKind::DialogEnd: end(); break;
    case ControlKind::NewChat:
        if (!conv_) return;
        agentName_.clear();
        notice_.clear();
        conv_->startNew();
        rebuildTimeline();
        break;
    case ControlKind::RetryConnect: {
        if (!conv_) return;
        const bool fresh = conv_->state() == ConversationState::Ended || conv_->sessionState() == SessionState::Failed;
        conv_->retry();   // the failed step again: the token, the handoff, or a new chat
        if (fresh) rebuildTimeline();
        break;
    }
    case ControlKind::LoadOlder:
        if (conv_) conv_->loadOlder();
        break;
    case ControlKind::JumpToNewest: window_->scrollToBottom(); break;
    case ControlKind::PiiMask:
    case ControlKind::PiiSend:
        if (conv_ && conv_->piiQuestion()) {
            const SendResult r = conv_->answerPii(id.kind == ControlKind::PiiMask ? PiiChoice::Mask : PiiChoice::AsTyped);
            if (r.outcome == SendOutcome::Sent || r.outcome == SendOutcome::Queued)
                emitEvent("action", "{\"id\":\"composer-clear\"}");
        }
        window_->scrollToBottom();
        break;
    case ControlKind::RetrySend:
        // The row names its segment: a message the L1 chat may not have got is sent on from there.
        if (const Row* row = model_->find(id.key); conv_ && row) conv_->retrySend(row->segment, row->localId);
        break;
    case ControlKind::CopyMessage:
        if (const Row* row = model_->find(id.key)) fc_js_copy(row->text.c_str());
        break;
    case ControlKind::Link:
        if (const Control* c = window_->control(id)) {
            if (c->href.rfind("attachment:", 0) == 0) download(c->href.substr(11), c->label);
            else fc_js_open_url(c->href.c_str());
        }
        break;
    case ControlKind::TemplateOption:
    case ControlKind::TemplateRetry:
    case ControlKind::TemplatePage:
        activateTemplate(id);
        break;
    default: break;
    }
}

// ---------------------------------------------------------------------------------------------
// Templates: the Conversation owns them (templateOf / chooseTemplate / retryTemplate); the window
// draws them and pages through them.
// ---------------------------------------------------------------------------------------------
const TemplateView* WidgetApp::templateOf(const Row& row) {
    if (detached_) return detached_->templateOf(row);
    // Only rows the window measures or draws ask (rows on screen): the Conversation resolves them.
    return conv_ && !row.own ? conv_->templateOf(row.segment, row.localId) : nullptr;
}

void WidgetApp::activateTemplate(const ControlId& id) {
    if (id.kind == ControlKind::TemplatePage) {
        window_->templates().turnPage(id);
        return;
    }
    const Row* row = model_->find(id.key);
    if (!row) return;
    const TemplateView* view = templateOf(*row);
    if (!view) return;
    if (id.kind == ControlKind::TemplateOption) {
        if (view->answered) return;
        if (const Control* c = window_->control(id); c && !c->href.empty()) {   // a hyperlink element: opens, sends nothing
            fc_js_open_url(c->href.c_str());
            return;
        }
        const TemplateChoice choice{id.a, id.b, id.c};
        if (conv_) {
            const SendResult r = conv_->chooseTemplate(row->segment, row->localId, choice);
            if (r.outcome == SendOutcome::Sent || r.outcome == SendOutcome::Queued) window_->scrollToBottom();
            else if (r.outcome == SendOutcome::Refused) {
                notice_ = r.error ? errorText(*r.error) : str("error.generic");
                announce(notice_, "error");
            }
        } else if (TemplateView* v = detached_ ? detached_->templateOf(*row) : nullptr) {
            v->answered = true;   // a benchmark has no chat: the pick is only drawn
            v->picked = choice;
        }
    }
    if (id.kind == ControlKind::TemplateRetry && conv_) conv_->retryTemplate(row->segment, row->localId);
    window_->templateChanged(row->key);
}

// ---------------------------------------------------------------------------------------------
// Frames
// ---------------------------------------------------------------------------------------------
WindowState WidgetApp::windowState() const {
    WindowState s;
    s.agentMode = role_ == ParticipantRole::Agent;
    // Customers see "Chat with Acme Bank" and the agent who joined; the agent console passes the
    // customer's name as partnerName and sees "Chat with Dana".
    s.title = partnerName_.empty() ? str("header.titleNoPartner")
                                   : strings_.format("header.title", {{"partner", partnerName_}});
    s.monogram = firstLetter(partnerName_.empty() ? s.title : partnerName_);
    if (!s.agentMode) s.subtitle = agentName_;
    s.composerPlaceholder = str("composer.placeholder");
    // The card shows while the core holds a question, whatever ended it (an answer, a new chat, or an
    // edit sent in its place, whose stale "Send as typed" would send the text the customer took out).
    s.piiQuestion = conv_ && conv_->piiQuestion() ? piiQuestion_ : std::string();
    s.notice = notice_;
    if (!conv_) return s;   // a benchmark transcript
    // The composer stays usable until the chat has ended: what the customer types while the chat
    // connects or hands off waits and goes out once a chat can take it, and disabling a focused
    // textarea would drop their keystrokes.
    switch (conv_->state()) {
    case ConversationState::Idle:
    case ConversationState::RequestingToken:
        s.banner = str("banner.connecting");
        return s;
    case ConversationState::StartFailed:
        s.banner = str("error.startFailed");
        s.bannerKind = WindowState::BannerKind::Error;
        s.bannerRetry = true;
        return s;
    case ConversationState::Ended:
        s.banner = str("banner.ended");
        s.ended = true;
        s.composerEnabled = false;
        return s;
    case ConversationState::InChat:
        break;
    }
    const SessionState st = conv_->sessionState();
    s.canEnd = st == SessionState::Live || st == SessionState::Reconnecting || st == SessionState::Connecting;
    s.hasOlder = conv_->hasOlderHistory();
    if (st == SessionState::Connecting || st == SessionState::Idle) s.banner = str("banner.connecting");
    if (st == SessionState::Reconnecting) {
        s.banner = str("banner.reconnecting");
        s.bannerKind = WindowState::BannerKind::Warning;
        s.bannerRetry = true;
    }
    const HandoffState hs = conv_->handoffState();
    if ((hs == HandoffState::Requesting || hs == HandoffState::Connecting) && !transparentHandoff_) {
        s.banner = str("handoff.connecting");
        s.bannerKind = WindowState::BannerKind::Info;
        s.bannerRetry = false;
    }
    if (hs == HandoffState::Failed && st != SessionState::Ended && st != SessionState::Failed) {
        s.banner = str("handoff.failed");
        s.bannerKind = WindowState::BannerKind::Error;
        s.bannerRetry = true;   // "Try again": the handoff again
    }
    // The browser knows there is no network: say so (messages typed now wait and go out later).
    if (offline_ && st != SessionState::Ended && st != SessionState::Failed) {
        s.banner = str("banner.offline");
        s.bannerKind = WindowState::BannerKind::Warning;
        s.bannerRetry = false;
    }
    if (st == SessionState::Ended) {
        s.banner = str("banner.ended");
        s.ended = true;
        s.composerEnabled = false;
    }
    if (st == SessionState::Failed) {
        s.banner = str("banner.failed");
        s.bannerKind = WindowState::BannerKind::Error;
        s.bannerRetry = true;
        s.ended = true;
        s.composerEnabled = false;
    }
    for (const auto& t : conv_->typing()) {
        s.typing = strings_.format("typing.one", {{"name", t.displayName}});
        break;
    }
    return s;
}

void WidgetApp::drawFrame() {
    if (!canvas_->beginFrame(emscripten_get_now())) return;
    window_->templates().setClock(model_->dates(), model_->options().nowMs);
    const WindowState state = windowState();
    FrameInput& input = canvas_->input();
    window_->draw(canvas_->drawList(), input, state, canvas_->takeScrollDelta(), [this](const ControlId& id) { activate(id); });
    canvas_->endFrame(palette_.background);

    if (window_->animating()) loop_->wake(1);
    const int cursor = input.hand ? 1 : 0;
    if (cursor != lastCursor_) {
        lastCursor_ = cursor;
        fc_js_cursor(input.hand ? "pointer" : "default");
    }
    flushMirror(state);
    markVisibleRead();
}

void WidgetApp::frameNow() { loop_->drawNow(); }

void WidgetApp::flushMirror(const WindowState& s) {
    // Messages: only rows that changed since the last flush (everything after a reset), in list
    // order so each entry's predecessor ("after") is already in the mirror when it arrives.
    if (mirrorReset_ || !dirtyRows_.empty() || !removedRows_.empty()) {
        std::vector<const Row*> changed;
        if (mirrorReset_) {
            for (std::size_t i = 0; i < model_->size(); ++i) changed.push_back(&model_->row(i));
        } else {
            for (const auto& key : dirtyRows_)
                if (const Row* row = model_->find(key)) changed.push_back(row);
            sortBy<const Row*, listOrder>(changed);
        }
        Json items = Json::array();
        for (const Row* rowp : changed) {
            const Row& row = *rowp;
            // A template row reads what the canvas shows (its resolved title, loading, failed), not the
            // wire's fallback: this page's own DOM only (never an event: see "message" above).
            const std::string text = row.templateType.empty() ? row.text
                                     : templateRowText(row, conv_->knownTemplate(row.segment, row.localId), strings_);
            Json links = Json::array();
            for (const auto& l : row.rich.links) links.push(Json::object({{"href", l.href}, {"text", l.text}}));
            Json actions = Json::array();
            if (row.canRetry)
                actions.push(Json::object({{"id", ControlId{ControlKind::RetrySend, row.key}.encode()},
                                           {"label", str("delivery.retry")}}));
            const bool message = row.kind == RowKind::Message;
            const std::string after = row.index > 0 ? model_->row(row.index - 1).key : std::string();
            Json item = Json::object({{"id", row.key}, {"after", after}, {"sender", message ? row.sender : std::string()},
                                      {"role", message ? toString(row.role) : "system"},
                                      {"time", message ? formatIsoTime(row.timeMs) : std::string()},
                                      {"timeLabel", message ? row.timeLabel : std::string()}, {"text", text},
                                      {"delivery", message ? deliveryName(row.delivery) : ""}, {"own", row.own},
                                      {"links", std::move(links)}, {"actions", std::move(actions)}});
            // A picture the canvas shows (an image attachment's thumbnail): its alt text, the file name.
            if (!row.attachmentId.empty() && previewHeight(row, 0) > 0) item.set("image", row.sourceContent);
            items.push(std::move(item));
        }
        Json msg = Json::object({{"items", std::move(items)}});
        if (mirrorReset_) msg.set("reset", true);
        else if (!removedRows_.empty()) {
            Json removed = Json::array();
            for (const auto& k : removedRows_) removed.push(k);
            msg.set("remove", std::move(removed));
        }
        fc_js_messages(msg.dump().c_str());
        mirrorReset_ = false;
        dirtyRows_.clear();
        removedRows_.clear();
    }
    // Controls: the focusable things on the canvas and the composer rect.
    const ImVec4 r = window_->composerRect();
    Json controls = Json::array();
    for (const auto& c : window_->controls()) {
        Json item = Json::object({{"id", c.id.encode()}, {"label", c.label}, {"kind", c.kind}, {"x", px(c.min.x)}, {"y", px(c.min.y)},
                                  {"w", px(c.max.x - c.min.x)}, {"h", px(c.max.y - c.min.y)}});
        if (!c.href.empty()) item.set("href", c.href);
        // An option of a template (TEMPLATES-CONTRACT.md): its group, the group's name and role.
        if (!c.groupKey.empty()) {
            item.set("group", ControlId::groupOf(c.groupKey));
            item.set("groupLabel", c.groupLabel);
            item.set("groupRole", c.groupRole);
            item.set("selected", c.selected);
        }
        if (c.disabled) item.set("disabled", true);
        controls.push(std::move(item));
    }
    Json composer = Json::object({{"x", px(r.x)}, {"y", px(r.y)}, {"w", px(r.z)}, {"h", px(r.w)},
                                  {"enabled", s.composerEnabled && !s.ended}, {"placeholder", s.composerPlaceholder},
                                  {"fontPx", px(std::max(16.f, palette_.fontPx))}});
    Json out = Json::object({{"composer", std::move(composer)}, {"items", std::move(controls)},
                             {"dialog", window_->endDialogOpen()}});
    std::string text = out.dump();
    if (text != lastControls_) {
        lastControls_ = text;
        fc_js_controls(text.c_str());
    }
}

void WidgetApp::markVisibleRead() {
    if (!conv_ || conv_->sessionState() != SessionState::Live || !open_ || pageHidden_) return;
    for (std::size_t i = std::min(window_->lastVisible(), model_->size()); i-- > window_->firstVisible();) {
        const Row& row = model_->row(i);
        if (row.kind != RowKind::Message || row.own || row.segment != model_->segment()) continue;
        const TranscriptEntry* e = conv_->transcript(row.segment).findLocal(row.localId);
        if (!e || e->item.id.empty()) continue;
        if (e->item.id != lastReadId_) {
            lastReadId_ = e->item.id;
            conv_->markRead(e->item.id);
        }
        break;
    }
}

// Hands the view model's changes to the window (heights, scroll anchoring) and the mirror (which
// rows to send again). Returns the keys of inserted rows.
std::vector<std::string> WidgetApp::applyModelChanges() {
    std::vector<ListChange> changes = model_->takeChanges();
    std::vector<std::string> inserted;
    for (const auto& c : changes) {
        switch (c.kind) {
        case ListChangeKind::Reset: mirrorReset_ = true; dirtyRows_.clear(); removedRows_.clear(); break;
        case ListChangeKind::Inserted: dirtyRows_.insert(c.key); inserted.push_back(c.key); break;
        case ListChangeKind::Updated: dirtyRows_.insert(c.key); break;
        case ListChangeKind::Removed: dirtyRows_.erase(c.key); removedRows_.push_back(c.key); break;
        }
    }
    window_->rowsChanged(changes);
    return inserted;
}

void WidgetApp::announce(const std::string& text, const char* kind) {
    const std::string key = std::string(kind) + "\n" + text;
    if (key == lastStatus_) return;
    lastStatus_ = key;
    fc_js_status(text.c_str(), kind);
}

void WidgetApp::emitEvent(const char* name, const std::string& json) { fc_js_event(name, json.c_str()); }

}  // namespace finchat::widget
