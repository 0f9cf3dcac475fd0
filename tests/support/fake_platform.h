// Fakes for the core's platform interfaces, driven by a manual clock.
//
// Nothing happens by itself: HTTP requests wait in `http.requests` until the test answers them,
// sockets are opened/closed/fed by the test, and timers fire only when the test advances the clock.
// That makes every state transition of ChatSession reproducible, on native and wasm alike.
#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "finchat/platform.h"
#include "finchat/protocol.h"

namespace fake {

class ManualClock : public finchat::Clock {
public:
    explicit ManualClock(std::int64_t start = 1'746'093'600'000) : now_(start) {}   // 2025-05-01T10:00:00Z
    std::int64_t nowMs() const override { return now_; }
    TimerId setTimer(std::int64_t delayMs, std::function<void()> fn) override {
        const TimerId id = next_++;
        timers_[id] = {now_ + std::max<std::int64_t>(0, delayMs), id, std::move(fn)};
        return id;
    }
    void cancelTimer(TimerId id) override { timers_.erase(id); }

    // Runs every timer due up to now+ms, in time order, moving the clock to each one.
    void advance(std::int64_t ms) {
        const std::int64_t target = now_ + ms;
        for (;;) {
            auto due = std::min_element(timers_.begin(), timers_.end(), [](const auto& a, const auto& b) {
                return a.second.at != b.second.at ? a.second.at < b.second.at : a.first < b.first;
            });
            if (due == timers_.end() || due->second.at > target) break;
            now_ = std::max(now_, due->second.at);
            auto fn = std::move(due->second.fn);
            timers_.erase(due);
            fn();
        }
        now_ = target;
    }
    std::size_t pendingTimers() const { return timers_.size(); }

private:
    struct Timer { std::int64_t at; TimerId id; std::function<void()> fn; };
    std::int64_t now_;
    TimerId next_ = 1;
    std::map<TimerId, Timer> timers_;
};

struct PendingRequest {
    finchat::HttpRequest request;
    std::function<void(finchat::HttpResponse)> done;
    std::string path() const {
        auto p = request.url.find("/participant/");
        return p == std::string::npos ? request.url : request.url.substr(p);
    }
    std::string bearer() const {
        for (const auto& [k, v] : request.headers) if (k == "x-amz-bearer") return v;
        return {};
    }
};

class FakeHttp : public finchat::HttpClient {
public:
    void send(finchat::HttpRequest request, std::function<void(finchat::HttpResponse)> done) override {
        log.push_back(request);
        requests.push_back({std::move(request), std::move(done)});
    }
    // Removes and returns the oldest pending request for `path` (e.g. "/participant/message").
    std::optional<PendingRequest> take(const std::string& path) {
        for (auto it = requests.begin(); it != requests.end(); ++it) {
            if (it->path() == path) {
                PendingRequest r = std::move(*it);
                requests.erase(it);
                return r;
            }
        }
        return std::nullopt;
    }
    std::size_t count(const std::string& path) const {
        return static_cast<std::size_t>(std::count_if(requests.begin(), requests.end(),
                                                      [&](const PendingRequest& r) { return r.path() == path; }));
    }
    std::size_t sent(const std::string& path) const {
        return static_cast<std::size_t>(std::count_if(log.begin(), log.end(), [&](const finchat::HttpRequest& r) {
            return r.url.find(path) != std::string::npos;
        }));
    }
    static finchat::HttpResponse ok(std::string body) { return {200, {}, std::move(body), {}}; }
    static finchat::HttpResponse error(int status, std::string type, std::string message = "error") {
        return {status, {{"x-amzn-errortype", std::move(type)}}, finchat::encodeServiceErrorBody(message), {}};
    }
    static finchat::HttpResponse networkFailure() { return {0, {}, {}, "connection refused"}; }

    std::deque<PendingRequest> requests;
    std::vector<finchat::HttpRequest> log;
};

class FakeSocket;

class FakeSockets : public finchat::WebSocketFactory {
public:
    std::unique_ptr<finchat::WebSocket> open(const std::string& url, finchat::WebSocketEvents events) override;
    FakeSocket* last() { return all.empty() ? nullptr : all.back(); }
    std::size_t liveCount() const;
    std::vector<FakeSocket*> all;   // every socket ever opened (owned by the session; nulled when destroyed)
    std::vector<std::pair<std::string, int>> closes;   // (url, code) of every close() by the client
};

class FakeSocket : public finchat::WebSocket {
public:
    FakeSocket(FakeSockets& owner, std::string url, finchat::WebSocketEvents events)
        : url(std::move(url)), owner_(owner), events_(std::move(events)) {}
    ~FakeSocket() override { std::replace(owner_.all.begin(), owner_.all.end(), this, static_cast<FakeSocket*>(nullptr)); }
    void send(std::string text) override { sent.push_back(std::move(text)); }
    void close(int code) override { closedByClient = code; owner_.closes.push_back({url, code}); }

    // Test side: the server's view of this socket.
    void serverOpen() { events_.onOpen(); }
    void serverSend(const std::string& text) { events_.onMessage(text); }
    void serverClose(int code = 1001) { events_.onClose(code); }
    void ackSubscribe() { serverSend(finchat::subscribeAckFrame(true, {"aws/chat"})); }
    void ackHeartbeats() { serverSend(finchat::pingAckFrame()); serverSend(finchat::heartbeatAckFrame()); }
    std::size_t countSent(const std::string& frame) const {
        return static_cast<std::size_t>(std::count(sent.begin(), sent.end(), frame));
    }

    std::string url;
    std::vector<std::string> sent;
    int closedByClient = 0;

private:
    FakeSockets& owner_;
    finchat::WebSocketEvents events_;
};

inline std::unique_ptr<finchat::WebSocket> FakeSockets::open(const std::string& url, finchat::WebSocketEvents events) {
    auto s = std::make_unique<FakeSocket>(*this, url, std::move(events));
    all.push_back(s.get());
    return s;
}
inline std::size_t FakeSockets::liveCount() const {
    return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [](FakeSocket* s) { return s != nullptr; }));
}

class SeededRandom : public finchat::Random {
public:
    explicit SeededRandom(std::uint64_t seed = 42) : state_(seed) {}
    std::uint32_t next() override {   // xorshift64*
        state_ ^= state_ >> 12; state_ ^= state_ << 25; state_ ^= state_ >> 27;
        return static_cast<std::uint32_t>((state_ * 2685821657736338717ULL) >> 32);
    }
private:
    std::uint64_t state_;
};

// Deterministic on every standard library (std::uniform_int_distribution and std::shuffle are not),
// so native and wasm runs play exactly the same randomized scenarios.
struct Dice {
    SeededRandom random;
    int between(int lo, int hi) { return lo + static_cast<int>(random.next() % static_cast<std::uint32_t>(hi - lo + 1)); }
    bool chance(double p) { return random.unit() < p; }
    template <class V> void shuffle(V& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[random.next() % i]);
    }
};

class MemoryStorage : public finchat::Storage {
public:
    std::optional<std::string> get(const std::string& key) override {
        auto it = values.find(key);
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    void set(const std::string& key, const std::string& value) override { values[key] = value; }
    void remove(const std::string& key) override { values.erase(key); }
    std::map<std::string, std::string> values;
};

// A detector that is loaded later, as the browser's: not ready() until the test says so. Calls to
// detect() while it is not ready break the platform contract and are counted (tests expect none).
class LazyPiiDetector : public finchat::PiiDetector {
public:
    bool ready() const override { return loaded; }
    std::vector<finchat::PiiMatch> detect(std::string_view text) override {
        if (!loaded) {
            ++misuse;
            return {};
        }
        ++calls;
        return finchat::detectPii(text);
    }
    bool loaded = false;
    int calls = 0, misuse = 0;
};

// Everything a session needs, in one place.
struct World {
    ManualClock clock;
    FakeHttp http;
    FakeSockets sockets;
    SeededRandom random;
    MemoryStorage storage;
    finchat::PiiDetector* pii = &finchat::builtinPiiDetector();   // a test may swap in a fake before building
    finchat::Platform platform() { return {http, sockets, clock, random, *pii, &storage}; }
};

}  // namespace fake
