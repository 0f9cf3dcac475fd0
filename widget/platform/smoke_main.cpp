// widget/platform/smoke_main.cpp: a tiny test entry for the browser platform layer. The page calls
// smoke_start() with the chat details from the partner backend; the core's ChatSession (customer)
// then runs over fetch/WebSocket/setTimeout/sessionStorage. tests/browser/browser-core.test.js
// drives it in headless Chromium against connect-local.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <emscripten/emscripten.h>

#include "browser_platform.h"
#include "finchat/chat_session.h"

namespace {

finchat::browser::BrowserPlatform& platform() {
    static finchat::browser::BrowserPlatform p;
    return p;
}
std::unique_ptr<finchat::ChatSession> session;
std::string lastEvent;

char* dup(const std::string& s) {
    char* p = static_cast<char*>(std::malloc(s.size() + 1));
    std::memcpy(p, s.c_str(), s.size() + 1);
    return p;
}

}  // namespace

extern "C" {

// Returns 0, or -1 if a session already runs.
EMSCRIPTEN_KEEPALIVE int smoke_start(const char* endpoint, const char* contactId, const char* participantId,
                                     const char* participantToken) {
    if (session) return -1;
    finchat::ChatDetails d;
    d.endpoint = endpoint;
    d.contactId = contactId;
    d.participantId = participantId;
    d.participantToken = participantToken;
    d.displayName = "Dana";
    finchat::SessionConfig config;
    config.role = finchat::ParticipantRole::Customer;
    config.storageKey = "finchat-smoke";
    session = std::make_unique<finchat::ChatSession>(platform().platform(finchat::builtinPiiDetector()), std::move(d), config);
    session->setEventHandler([](const finchat::SessionEvent& e) {
        if (e.error) lastEvent = e.error->detail;
    });
    session->connect();
    return 0;
}

// Returns 0, or -1 when the core refused the message (see smoke_last_error).
EMSCRIPTEN_KEEPALIVE int smoke_send(const char* text) {
    if (!session) return -1;
    auto r = session->sendMessage(text);
    if (!r) {
        lastEvent = r.error().detail;
        return -1;
    }
    return 0;
}

// finchat::SessionState as int (Idle 0, Connecting 1, Live 2, Reconnecting 3, Ended 4, Failed 5); -1: none.
EMSCRIPTEN_KEEPALIVE int smoke_state() { return session ? int(session->state()) : -1; }

// malloc'd (caller frees): one line per transcript entry, "ROLE\tDELIVERY\tTEXT\n" (tabs and newlines
// in TEXT become spaces).
EMSCRIPTEN_KEEPALIVE char* smoke_transcript() {
    std::string out;
    if (session) {
        for (const auto& e : session->transcript().entries()) {
            std::string text = e.item.content;
            if (text.empty()) text = finchat::toString(e.item.type);
            for (char& c : text)
                if (c == '\t' || c == '\n' || c == '\r') c = ' ';
            out += std::string(finchat::toString(e.item.role())) + "\t" + finchat::toString(e.delivery) + "\t" +
                   text + "\n";
        }
    }
    return dup(out);
}

// malloc'd: the last error detail the session reported (empty if none).
EMSCRIPTEN_KEEPALIVE char* smoke_last_error() { return dup(lastEvent); }

}  // extern "C"
