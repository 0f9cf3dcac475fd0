// widget/platform/browser_platform.cpp: see browser_platform.h. The C side keeps the pending
// callbacks in tables keyed by integer handles; the JS side (browser_platform.js) keeps the fetch
// promises, sockets and timers keyed by the same handles and reports back through the
// finchat_browser_* exports below.
#include "browser_platform.h"

#include <cstdlib>
#include <cstring>
#include <map>

#include <emscripten/emscripten.h>

extern "C" {
// browser_platform.js
void finchat_js_fetch(int handle, const char* method, const char* url, const char* headersFlat,
                      const char* body, int bodyLen, int progress);
void finchat_js_fetch_abort(int handle);
void finchat_js_ws_open(int handle, const char* url);
void finchat_js_ws_send(int handle, const char* text, int len);
void finchat_js_ws_close(int handle, int code);
void finchat_js_ws_forget(int handle);
double finchat_js_now();
void finchat_js_timer_set(int handle, double delayMs);
void finchat_js_timer_clear(int handle);
unsigned finchat_js_random();
char* finchat_js_storage_get(const char* key);   // malloc'd UTF-8 or null
void finchat_js_storage_set(const char* key, const char* value);
void finchat_js_storage_remove(const char* key);
}

namespace finchat::browser {
namespace {

int nextHandle = 1;
int allocHandle() {
    int h = nextHandle++;
    if (nextHandle <= 0) nextHandle = 1;
    return h;
}

std::map<int, std::function<void(HttpResponse)>>& fetches() {
    static std::map<int, std::function<void(HttpResponse)>> m;
    return m;
}
// Upload progress callbacks of the requests that want them (HttpRequest::uploadProgress).
std::map<int, std::function<void(std::int64_t, std::int64_t)>>& progress() {
    static std::map<int, std::function<void(std::int64_t, std::int64_t)>> m;
    return m;
}
std::map<int, WebSocketEvents>& sockets() {
    static std::map<int, WebSocketEvents> m;
    return m;
}
std::map<int, std::function<void()>>& timers() {
    static std::map<int, std::function<void()>> m;
    return m;
}

// "name\nvalue\n" pairs; header names and values never contain newlines.
Headers parseFlat(const char* flat) {
    Headers out;
    if (!flat) return out;
    const char* p = flat;
    while (*p) {
        const char* nl = std::strchr(p, '\n');
        if (!nl) break;
        std::string name(p, nl);
        p = nl + 1;
        const char* nl2 = std::strchr(p, '\n');
        std::string value = nl2 ? std::string(p, nl2) : std::string(p);
        p = nl2 ? nl2 + 1 : p + std::strlen(p);
        out.emplace_back(std::move(name), std::move(value));
    }
    return out;
}

class BrowserWebSocket final : public WebSocket {
public:
    explicit BrowserWebSocket(int handle) : handle_(handle) {}
    ~BrowserWebSocket() override {
        sockets().erase(handle_);
        finchat_js_ws_forget(handle_);   // closes if still open; no further events
    }
    void send(std::string text) override { finchat_js_ws_send(handle_, text.data(), int(text.size())); }
    void close(int code) override { finchat_js_ws_close(handle_, code); }

private:
    int handle_;
};

}  // namespace

void BrowserHttpClient::send(HttpRequest request, std::function<void(HttpResponse)> done) {
    int h = allocHandle();
    fetches()[h] = std::move(done);
    std::string flat;
    for (auto& [k, v] : request.headers) flat += k + "\n" + v + "\n";
    const bool wantsProgress = static_cast<bool>(request.uploadProgress);
    if (wantsProgress) progress()[h] = std::move(request.uploadProgress);
    if (request.abort) request.abort->stop = [h] { finchat_js_fetch_abort(h); };
    finchat_js_fetch(h, request.method.c_str(), request.url.c_str(), flat.c_str(), request.body.data(),
                     int(request.body.size()), wantsProgress ? 1 : 0);
}

std::unique_ptr<WebSocket> BrowserWebSocketFactory::open(const std::string& url, WebSocketEvents events) {
    int h = allocHandle();
    sockets()[h] = std::move(events);
    finchat_js_ws_open(h, url.c_str());
    return std::make_unique<BrowserWebSocket>(h);
}

std::int64_t BrowserClock::nowMs() const { return std::int64_t(finchat_js_now()); }

Clock::TimerId BrowserClock::setTimer(std::int64_t delayMs, std::function<void()> fn) {
    int h = allocHandle();
    timers()[h] = std::move(fn);
    finchat_js_timer_set(h, double(delayMs < 0 ? 0 : delayMs));
    return TimerId(h);
}

void BrowserClock::cancelTimer(TimerId id) {
    int h = int(id);
    if (timers().erase(h)) finchat_js_timer_clear(h);
}

std::uint32_t BrowserRandom::next() { return finchat_js_random(); }

std::optional<std::string> BrowserStorage::get(const std::string& key) {
    char* v = finchat_js_storage_get(key.c_str());
    if (!v) return std::nullopt;
    std::string s(v);
    std::free(v);
    return s;
}
void BrowserStorage::set(const std::string& key, const std::string& value) {
    finchat_js_storage_set(key.c_str(), value.c_str());
}
void BrowserStorage::remove(const std::string& key) { finchat_js_storage_remove(key.c_str()); }

}  // namespace finchat::browser

// Callbacks from browser_platform.js (each on a fresh event-loop turn).
using namespace finchat::browser;
extern "C" {

EMSCRIPTEN_KEEPALIVE void finchat_browser_fetch_done(int handle, int status, const char* headersFlat,
                                                     const char* body, int bodyLen, const char* networkError) {
    auto it = fetches().find(handle);
    if (it == fetches().end()) return;
    auto done = std::move(it->second);
    fetches().erase(it);
    progress().erase(handle);
    finchat::HttpResponse r;
    r.status = status;
    r.headers = parseFlat(headersFlat);
    if (body && bodyLen > 0) r.body.assign(body, std::size_t(bodyLen));
    if (networkError) r.networkError = networkError;
    done(std::move(r));
}

EMSCRIPTEN_KEEPALIVE void finchat_browser_fetch_progress(int handle, double sent, double total) {
    auto it = progress().find(handle);
    if (it == progress().end()) return;
    auto cb = it->second;   // a copy: the handler may start or end requests
    cb(static_cast<std::int64_t>(sent), static_cast<std::int64_t>(total));
}

EMSCRIPTEN_KEEPALIVE void finchat_browser_ws_open(int handle) {
    auto it = sockets().find(handle);
    if (it == sockets().end() || !it->second.onOpen) return;
    auto cb = it->second.onOpen;   // a copy: the handler may destroy the socket
    cb();
}

EMSCRIPTEN_KEEPALIVE void finchat_browser_ws_message(int handle, const char* text, int len) {
    auto it = sockets().find(handle);
    if (it == sockets().end() || !it->second.onMessage) return;
    auto cb = it->second.onMessage;
    cb(std::string(text, std::size_t(len)));
}

EMSCRIPTEN_KEEPALIVE void finchat_browser_ws_close(int handle, int code) {
    auto it = sockets().find(handle);
    if (it == sockets().end()) return;
    auto cb = it->second.onClose;
    if (cb) cb(code);
}

EMSCRIPTEN_KEEPALIVE void finchat_browser_timer_fire(int handle) {
    auto it = timers().find(handle);
    if (it == timers().end()) return;
    auto fn = std::move(it->second);
    timers().erase(it);
    fn();
}

}  // extern "C"
