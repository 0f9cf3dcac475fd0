// widget/platform/browser_platform.h: the core's platform interfaces (finchat/platform.h) over the
// browser: fetch (XMLHttpRequest for a request that wants upload progress), WebSocket,
// setTimeout/clearTimeout + Date.now(), crypto.getRandomValues and sessionStorage. The JS half is browser_platform.js (an emscripten --js-library); it calls back into
// C++ through exported functions with integer handles (no embind, no eval), always from a later
// turn of the event loop, never from inside the call that started the operation.
#pragma once
#include "finchat/platform.h"

namespace finchat::browser {

class BrowserHttpClient final : public HttpClient {
public:
    void send(HttpRequest request, std::function<void(HttpResponse)> done) override;
};

class BrowserWebSocketFactory final : public WebSocketFactory {
public:
    std::unique_ptr<WebSocket> open(const std::string& url, WebSocketEvents events) override;
};

class BrowserClock final : public Clock {
public:
    std::int64_t nowMs() const override;
    TimerId setTimer(std::int64_t delayMs, std::function<void()> fn) override;
    void cancelTimer(TimerId id) override;
};

class BrowserRandom final : public Random {
public:
    std::uint32_t next() override;
};

// sessionStorage; every operation is a no-op (get: nullopt) where it is unavailable.
class BrowserStorage final : public Storage {
public:
    std::optional<std::string> get(const std::string& key) override;
    void set(const std::string& key, const std::string& value) override;
    void remove(const std::string& key) override;
};

// All five adapters together; platform() hands them, with the PII detector the build uses, to a
// ChatSession. Must outlive the sessions.
struct BrowserPlatform {
    BrowserHttpClient http;
    BrowserWebSocketFactory sockets;
    BrowserClock clock;
    BrowserRandom random;
    BrowserStorage storage;
    Platform platform(PiiDetector& pii) { return Platform{http, sockets, clock, random, pii, &storage}; }
};

}  // namespace finchat::browser
