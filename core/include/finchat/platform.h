// finchat/platform.h: what the core needs from the outside world, and nothing more.
//
// The core is single-threaded and event-driven, like a browser page: every callback below must be
// invoked on the thread that drives the core, never re-entrantly from inside the call that started
// the operation (deliver it on the next turn of the event loop). The browser adapters (widget/) use
// fetch, WebSocket, setTimeout and sessionStorage; the native ones (demo/native/) use one Asio
// io_context; the unit tests use fakes driven by a manual clock.
#pragma once
#include "finchat/pii.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace finchat {

using Headers = std::vector<std::pair<std::string, std::string>>;

// How to stop one request, set by the platform (see HttpRequest::abort). abort() runs it at most once.
struct HttpAbort {
    std::function<void()> stop;
    void abort() {
        if (auto f = std::move(stop)) { stop = nullptr; f(); }
    }
};

struct HttpRequest {
    std::string method;     // "POST", "PUT", "GET"
    std::string url;        // absolute: endpoint + path
    Headers headers;
    std::string body;
    // Bytes of `body` sent so far, of the total: called by platforms that can tell (XHR upload
    // events in the browser); others never call it. Used for attachment uploads.
    std::function<void(std::int64_t sent, std::int64_t total)> uploadProgress;
    // Optional: a caller that may give up on the request passes an HttpAbort here; platforms that can
    // stop a request on the wire (the browser's XHR) set its `stop` in send(). Either way the caller
    // drops the answer, which may still arrive (a network error, or the response if it was faster).
    std::shared_ptr<HttpAbort> abort;
};

struct HttpResponse {
    int status = 0;         // 0: no HTTP answer at all (network failure); see `networkError`
    Headers headers;        // names lower-case
    std::string body;
    std::string networkError;
    const std::string* header(std::string_view lowerName) const;
};

class HttpClient {
public:
    virtual ~HttpClient() = default;
    virtual void send(HttpRequest request, std::function<void(HttpResponse)> done) = 0;
};

// One websocket connection. Events arrive through the sink given to WebSocketFactory::open.
class WebSocket {
public:
    virtual ~WebSocket() = default;           // destroying closes without further events
    virtual void send(std::string text) = 0;
    virtual void close(int code = 1000) = 0;  // a close event follows (unless destroyed first)
};

struct WebSocketEvents {
    std::function<void()> onOpen;
    std::function<void(std::string text)> onMessage;
    std::function<void(int code)> onClose;    // also after a failed open (code 1006)
};

class WebSocketFactory {
public:
    virtual ~WebSocketFactory() = default;
    virtual std::unique_ptr<WebSocket> open(const std::string& url, WebSocketEvents events) = 0;
};

// Wall clock in milliseconds since the Unix epoch, plus one-shot timers.
class Clock {
public:
    using TimerId = std::uint64_t;
    virtual ~Clock() = default;
    virtual std::int64_t nowMs() const = 0;
    virtual TimerId setTimer(std::int64_t delayMs, std::function<void()> fn) = 0;
    virtual void cancelTimer(TimerId id) = 0;   // unknown or fired ids are ignored
};

// Small key/value store that survives a page reload (sessionStorage in the browser).
class Storage {
public:
    virtual ~Storage() = default;
    virtual std::optional<std::string> get(const std::string& key) = 0;
    virtual void set(const std::string& key, const std::string& value) = 0;
    virtual void remove(const std::string& key) = 0;
};

// Entropy for jitter and ClientTokens (crypto.getRandomValues / std::random_device; seeded in tests).
class Random {
public:
    virtual ~Random() = default;
    virtual std::uint32_t next() = 0;
    double unit() { return next() / 4294967296.0; }   // [0, 1)
};

// The PII detector (finchat/pii.h). Native hosts, connect-local and the tests use the one linked
// into the binary (builtinPiiDetector(): always ready). The browser builds keep the detector out of
// the main wasm and load it as its own module when a Conversation first asks (PiiWanted): until
// then ready() is false and messages that need the guard wait in the Conversation's queue.
class PiiDetector {
public:
    virtual ~PiiDetector() = default;
    virtual bool ready() const = 0;
    virtual std::vector<PiiMatch> detect(std::string_view text) = 0;   // called only when ready()
};

struct Platform {
    HttpClient& http;
    WebSocketFactory& sockets;
    Clock& clock;
    Random& random;
    PiiDetector& pii;
    Storage* storage = nullptr;   // optional: no resume after reload without it
};

}  // namespace finchat
