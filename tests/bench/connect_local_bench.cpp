// connect-local load benchmark (prints figures; asserts nothing).
//
// The real connect-local binary runs as a separate process (--port 0), so the server and this load
// generator each get a core of their own; the generator is one process with one io_context and the
// native transports (BeastHttpClient over a bounded keep-alive pool, BeastWebSocket, AsioClock).
//
//   contacts    N contacts (PUT /contact/chat, flow finaptic-l2: no bot). Each customer gets a
//               ConnectionToken and a subscribed websocket; an agent accepts it (POST /agent-api/accept)
//               and subscribes a websocket of its own. The first --sessions customers are real
//               finchat::ChatSessions (BeastHttpClient, BeastWebSocket, AsioClock: heartbeats,
//               transcript sync, receipts); the other customers and all agents are bare Beast
//               websockets (RawSocket below), which keeps the generator's CPU for the load itself.
//               Figures: time to establish, server RSS before/after (-> bytes per contact), open fds.
//   throughput  bare customers send text (SendMessage over BeastHttpClient, keep-alive, one request
//               in flight per pooled connection) for --duration seconds as fast as the server answers.
//               Figures: messages/s answered 200, chat frames/s delivered to agents, CPU of both
//               sides (also per message), and the queueing latency that saturation costs.
//   latency     open loop at --rate and then --high-rate messages/s: each text carries a sequence
//               number; latency is from the moment the send was due to the agent websocket's receipt
//               (so a generator that falls behind shows up as latency, not as a lower rate).
//   sessions    the ChatSession customers send one message a second each through the core during
//               the throughput and latency phases: their latency per phase, then state and failures.
//
// Usage: connect_local_bench [--contacts N] [--sessions N] [--duration S] [--rate R] [--high-rate R]
//                            [--latency-seconds S] [--http-connections N] [--server PATH]
//                            [--url http://127.0.0.1:PORT [--pid PID]]   (an already running server)
// The server binary comes from --server, else $CONNECT_LOCAL, else the build tree's connect-local.
//
// File descriptors: each contact holds two websockets on each side, so both processes raise their
// RLIMIT_NOFILE soft limit to the hard limit, and N is lowered (with a note) to what that allows.
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <dirent.h>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include "finchat/chat_session.h"
#include "finchat/protocol.h"
#include "finchat_native/asio_clock.h"
#include "finchat_native/beast_http_client.h"
#include "finchat_native/beast_websocket.h"
#include "finchat_native/system_random.h"
#include "finchat_native/url.h"

#ifndef CONNECT_LOCAL_BIN
#define CONNECT_LOCAL_BIN ""
#endif

namespace {

using SteadyClock = std::chrono::steady_clock;
using finchat::HttpRequest;
using finchat::HttpResponse;

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now().time_since_epoch()).count();
}
double seconds(std::int64_t ns) { return static_cast<double>(ns) / 1e9; }

struct Options {
    std::size_t contacts = 10'000;
    std::size_t sessions = 200;
    double duration = 10;
    double rate = 2'000;
    double highRate = 10'000;
    double latencySeconds = 5;
    std::size_t httpConnections = 128;
    std::string server;
    std::string url;   // external server
    pid_t pid = 0;     // its pid, for RSS/CPU/fd figures
};

// ---------------------------------------------------------------------------------------------
// Processes and /proc
// ---------------------------------------------------------------------------------------------
std::size_t raiseFdLimit() {
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 1024;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    return static_cast<std::size_t>(rl.rlim_cur);
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// VmRSS in kB, 0 if unknown.
long rssKb(pid_t pid) {
    const std::string s = readFile("/proc/" + std::to_string(pid) + "/status");
    const auto at = s.find("VmRSS:");
    return at == std::string::npos ? 0 : std::atol(s.c_str() + at + 6);
}

long fdCount(pid_t pid) {
    DIR* d = opendir(("/proc/" + std::to_string(pid) + "/fd").c_str());
    if (!d) return -1;
    long n = 0;
    while (dirent* e = readdir(d))
        if (e->d_name[0] != '.') ++n;
    closedir(d);
    return n;
}

// Soft "Max open files" of another process.
std::size_t fdLimitOf(pid_t pid) {
    const std::string s = readFile("/proc/" + std::to_string(pid) + "/limits");
    const auto at = s.find("Max open files");
    if (at == std::string::npos) return 0;
    return static_cast<std::size_t>(std::strtoull(s.c_str() + at + 14, nullptr, 10));
}

// User + system CPU seconds of a process.
double cpuSeconds(pid_t pid) {
    const std::string s = readFile("/proc/" + std::to_string(pid) + "/stat");
    const auto close = s.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream in(s.substr(close + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && in >> field; ++i) {   // field 3 is the state
        if (i == 14) utime = std::stoull(field);
        if (i == 15) stime = std::stoull(field);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

pid_t g_child = 0;

void killChild(int) {
    if (g_child > 0) kill(g_child, SIGTERM);
    _exit(130);
}

// Starts connect-local --port 0 and returns its pid and http base from the one stdout line.
std::optional<std::pair<pid_t, std::string>> startServer(const std::string& path) {
    int fds[2];
    if (pipe(fds) != 0) return std::nullopt;
    const pid_t pid = fork();
    if (pid < 0) return std::nullopt;
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM);   // never outlive the benchmark
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execl(path.c_str(), path.c_str(), "--port", "0", "--host", "127.0.0.1", static_cast<char*>(nullptr));
        std::fprintf(stderr, "connect_local_bench: cannot run %s: %s\n", path.c_str(), std::strerror(errno));
        _exit(127);
    }
    g_child = pid;
    close(fds[1]);
    std::string line;
    const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
    while (line.find('\n') == std::string::npos && SteadyClock::now() < deadline) {
        pollfd p{fds[0], POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        char buf[256];
        const ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        line.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);   // the server prints nothing else on stdout
    const std::string prefix = "connect-local listening on ";
    const auto at = line.find(prefix);
    if (at == std::string::npos) {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
        g_child = 0;
        return std::nullopt;
    }
    std::string base = line.substr(at + prefix.size());
    base = base.substr(0, base.find_first_of("\r\n"));
    return std::make_pair(pid, base);
}

void stopServer(pid_t pid) {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    for (int i = 0; i < 100; ++i) {
        if (waitpid(pid, nullptr, WNOHANG) == pid) return;
        usleep(50'000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

// ---------------------------------------------------------------------------------------------
// At most `limit` requests in flight (so at most `limit` pooled connections); the rest wait in order.
// ---------------------------------------------------------------------------------------------
class LimitedHttp final : public finchat::HttpClient {
public:
    LimitedHttp(finchat::HttpClient& inner, std::size_t limit) : inner_(inner), limit_(limit) {}
    void send(HttpRequest request, std::function<void(HttpResponse)> done) override {
        queue_.emplace_back(std::move(request), std::move(done));
        pump();
    }
    std::size_t busy() const { return inFlight_ + queue_.size(); }

private:
    void pump() {
        while (inFlight_ < limit_ && !queue_.empty()) {
            auto [request, done] = std::move(queue_.front());
            queue_.pop_front();
            ++inFlight_;
            inner_.send(std::move(request), [this, done = std::move(done)](HttpResponse r) {
                --inFlight_;
                done(std::move(r));
                pump();
            });
        }
    }
    finchat::HttpClient& inner_;
    std::size_t limit_;
    std::size_t inFlight_ = 0;
    std::deque<std::pair<HttpRequest, std::function<void(HttpResponse)>>> queue_;
};

// Sequence numbers travel in the text as lower-case letters: digits could be taken for PII
// (account numbers, phone numbers) and redacted by the server.
constexpr std::size_t kSeqLetters = 7;
std::string seqText(std::size_t seq) {
    std::string s = "load test message seq-";
    char letters[kSeqLetters];
    for (std::size_t i = kSeqLetters; i-- > 0;) {
        letters[i] = static_cast<char>('a' + seq % 26);
        seq /= 26;
    }
    s.append(letters, kSeqLetters);
    return s;
}
std::optional<std::size_t> seqOf(std::string_view frame) {
    const auto at = frame.find("seq-");
    if (at == std::string_view::npos || at + 4 + kSeqLetters > frame.size()) return std::nullopt;
    std::size_t seq = 0;
    for (std::size_t i = 0; i < kSeqLetters; ++i) {
        const char c = frame[at + 4 + i];
        if (c < 'a' || c > 'z') return std::nullopt;
        seq = seq * 26 + static_cast<std::size_t>(c - 'a');
    }
    return seq;
}

std::string jsonField(std::string_view body, std::string_view name) {
    const std::string key = "\"" + std::string(name) + "\":\"";
    const auto at = body.find(key);
    if (at == std::string_view::npos) return {};
    const auto end = body.find('"', at + key.size());
    return end == std::string_view::npos ? std::string() : std::string(body.substr(at + key.size(), end - at - key.size()));
}

struct Percentiles { double p50 = 0, p90 = 0, p99 = 0, max = 0; };
Percentiles percentiles(std::vector<double> v) {
    Percentiles p;
    if (v.empty()) return p;
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))]; };
    p.p50 = at(0.50);
    p.p90 = at(0.90);
    p.p99 = at(0.99);
    p.max = v.back();
    return p;
}

// ---------------------------------------------------------------------------------------------
// The bare participants' websockets: Beast directly, frames handed over as views of the read buffer.
//
// Each connects from one of kSourceAddresses loopback addresses (127.0.0.2, 127.0.0.3, ...), with
// IP_BIND_ADDRESS_NO_PORT so connect() still picks the port. With ~20k connections to one server
// port from a single source address the kernel's ephemeral port search (__inet_hash_connect) walks
// past thousands of taken ports per connect and took ~60 % of the generator's CPU while contacts
// were being set up; spread over 64 addresses the first candidate port is nearly always free.
// ---------------------------------------------------------------------------------------------
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using boost::system::error_code;
constexpr unsigned kSourceAddresses = 64;

struct RawSocket : std::enable_shared_from_this<RawSocket> {
    explicit RawSocket(asio::io_context& io) : ws(io) {}
    websocket::stream<tcp::socket> ws;
    beast::flat_buffer inbox;
    std::string subscribe = finchat::subscribeFrame();
    std::function<void(std::string_view)> onMessage;
    std::function<void(int)> onClose;
    bool closed = false;

    void start(const std::string& url, unsigned source) {
        const auto u = finchat_native::parseUrl(url);
        error_code ec;
        const auto address = u ? asio::ip::make_address(u->host, ec) : asio::ip::address();
        if (!u || ec) return fail(1006);
        auto& socket = ws.next_layer();
        socket.open(tcp::v4(), ec);
        if (ec) return fail(1006);
        const int one = 1;
        ::setsockopt(socket.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        socket.bind(tcp::endpoint(asio::ip::make_address_v4(0x7f000002u + source % kSourceAddresses), 0), ec);
        if (ec) return fail(1006);
        const tcp::endpoint endpoint(address, static_cast<unsigned short>(std::stoi(u->port)));
        socket.async_connect(endpoint, [self = shared_from_this(), host = u->hostHeader(), target = u->target](error_code ec) {
            if (ec) return self->fail(1006);
            self->ws.next_layer().set_option(tcp::no_delay(true), ec);
            self->ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
            self->ws.async_handshake(host, target, [self](error_code ec) {
                if (ec) return self->fail(1006);
                self->ws.text(true);
                self->ws.async_write(asio::buffer(self->subscribe), [self](error_code ec, std::size_t) {
                    if (ec) self->fail(1006);
                });
                self->read();
            });
        });
    }
    void read() {
        ws.async_read(inbox, [self = shared_from_this()](error_code ec, std::size_t) {
            if (ec) return self->fail(ec == websocket::error::closed ? self->ws.reason().code : 1006);
            const auto data = self->inbox.cdata();
            if (self->onMessage) self->onMessage(std::string_view(static_cast<const char*>(data.data()), data.size()));
            self->inbox.consume(self->inbox.size());
            self->read();
        });
    }
    void fail(int code) {
        if (closed) return;
        closed = true;
        error_code ignored;
        ws.next_layer().close(ignored);
        if (onClose) onClose(code);
    }
};

// ---------------------------------------------------------------------------------------------
// The load generator
// ---------------------------------------------------------------------------------------------
enum class Kind : std::uint8_t { Throughput, Latency, Session };

struct Contact {
    std::string contactId, customerToken, customerConnection, agentToken;
    std::shared_ptr<RawSocket> customerWs, agentWs;
    std::unique_ptr<finchat::ChatSession> session;
    bool customerReady = false, agentReady = false, done = false;
};

struct Generator {
    Generator(const Options& o, std::string base)
        : options(o), base(std::move(base)), clock(io), beast(io, httpOptions(o)), http(beast, o.httpConnections),
          sockets(io), random(12345), tick(io) {}

    static finchat_native::HttpClientOptions httpOptions(const Options& o) {
        finchat_native::HttpClientOptions h;
        h.maxIdlePerHost = o.httpConnections;
        h.timeout = std::chrono::seconds(30);
        return h;
    }

    const Options& options;
    std::string base;
    boost::asio::io_context io;
    // run_for() in slices: without outstanding work the io_context would stop for good.
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work = boost::asio::make_work_guard(io);
    finchat_native::AsioClock clock;
    finchat_native::BeastHttpClient beast;
    LimitedHttp http;
    finchat_native::BeastWebSocketFactory sockets;
    finchat_native::SystemRandom random;
    boost::asio::steady_timer tick;

    std::vector<Contact> contacts;
    std::size_t nextToStart = 0, ready = 0, failed = 0, settingUp = 0;
    std::string firstError;

    // Every message: when it was due, when the agent got it, what it was for.
    std::vector<std::int64_t> dueNs, receivedNs;
    std::vector<Kind> kind;
    std::uint64_t accepted = 0, rejected = 0, agentFrames = 0, customerFrames = 0, duplicates = 0;
    std::uint64_t unexpectedCloses = 0, sessionLost = 0, sessionHeartbeatFailures = 0, sessionSendFailed = 0;
    std::uint64_t sessionSent = 0;
    std::string firstSendError;

    template <class F>
    bool runUntil(F done, std::chrono::milliseconds limit) {
        const auto deadline = SteadyClock::now() + limit;
        while (!done()) {
            if (SteadyClock::now() > deadline) return false;
            io.run_for(std::chrono::milliseconds(5));
        }
        return true;
    }
    void runFor(std::chrono::milliseconds d) { io.run_for(d); }

    void post(std::string path, std::vector<std::pair<std::string, std::string>> headers, std::string body,
              std::function<void(HttpResponse)> done, const char* method = "POST") {
        HttpRequest r;
        r.method = method;
        r.url = base + path;
        r.headers = std::move(headers);
        r.headers.emplace_back("content-type", "application/json");
        r.body = std::move(body);
        http.send(std::move(r), std::move(done));
    }

    void fail(std::size_t i, std::string why) {
        Contact& c = contacts[i];
        if (c.done) return;
        c.done = true;
        ++failed;
        --settingUp;
        if (firstError.empty()) firstError = "contact " + std::to_string(i) + ": " + why;
        startMore();
    }
    void checkReady(std::size_t i) {
        Contact& c = contacts[i];
        if (c.done || !c.customerReady || !c.agentReady) return;
        c.done = true;
        ++ready;
        --settingUp;
        startMore();
    }

    // --- phase 1 ------------------------------------------------------------------------------
    void establish(std::size_t n) {
        contacts.resize(n);
        startMore();
    }
    void startMore() {
        constexpr std::size_t kWindow = 512;   // contacts being set up at once
        while (settingUp < kWindow && nextToStart < contacts.size()) {
            ++settingUp;
            startContact(nextToStart++);
        }
    }

    void startContact(std::size_t i) {
        finchat::StartChatContactRequest r{"finaptic", "finaptic-l2", {"Load " + std::to_string(i)}};
        post("/contact/chat", {}, finchat::encode(r), [this, i](HttpResponse res) {
            if (res.status != 200) return fail(i, "StartChatContact " + std::to_string(res.status) + " " + res.networkError + res.body);
            auto ids = finchat::decode<finchat::StartChatContactResponse>(res.body);
            if (!ids) return fail(i, "StartChatContact answer: " + ids.error().detail);
            Contact& c = contacts[i];
            c.contactId = ids->contactId;
            c.customerToken = ids->participantToken;
            if (i < options.sessions) startSession(i, *ids);
            else connectParticipant(i, false, c.customerToken);
            post("/agent-api/accept", {}, R"({"instance":"finaptic","agentName":"Agent","contactId":")" + c.contactId + "\"}",
                 [this, i](HttpResponse res) {
                     if (res.status != 200) return fail(i, "accept " + std::to_string(res.status) + " " + res.networkError + res.body);
                     contacts[i].agentToken = jsonField(res.body, "participantToken");
                     connectParticipant(i, true, contacts[i].agentToken);
                 });
        }, "PUT");
    }

    void startSession(std::size_t i, const finchat::StartChatContactResponse& ids) {
        finchat::Platform platform{http, sockets, clock, random, finchat::builtinPiiDetector(), nullptr};
        Contact& c = contacts[i];
        c.session = std::make_unique<finchat::ChatSession>(
            platform, finchat::ChatDetails{ids.contactId, ids.participantId, ids.participantToken, base, "Load " + std::to_string(i)});
        c.session->setEventHandler([this, i](const finchat::SessionEvent& e) {
            Contact& c = contacts[i];
            switch (e.type) {
                case finchat::SessionEventType::StateChanged:
                    if (c.session->state() == finchat::SessionState::Live && !c.customerReady) {
                        c.customerReady = true;
                        checkReady(i);
                    } else if (c.session->state() == finchat::SessionState::Failed || c.session->state() == finchat::SessionState::Ended) {
                        if (!c.done) fail(i, std::string("session ") + finchat::toString(c.session->state()));
                    }
                    break;
                case finchat::SessionEventType::ConnectionLost: ++sessionLost; break;
                case finchat::SessionEventType::HeartbeatFailure: ++sessionHeartbeatFailures; break;
                case finchat::SessionEventType::SendFailed: ++sessionSendFailed; break;
                default: break;
            }
        });
        c.session->connect();
    }

    void connectParticipant(std::size_t i, bool agent, const std::string& participantToken) {
        post("/participant/connection", {{"x-amz-bearer", participantToken}}, R"({"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]})",
             [this, i, agent](HttpResponse res) {
                 if (res.status != 200) return fail(i, "CreateParticipantConnection " + std::to_string(res.status) + " " + res.networkError + res.body);
                 auto conn = finchat::decode<finchat::CreateParticipantConnectionResponse>(res.body);
                 if (!conn || !conn->websocket || !conn->connectionCredentials) return fail(i, "CreateParticipantConnection answer");
                 Contact& c = contacts[i];
                 if (!agent) c.customerConnection = conn->connectionCredentials->connectionToken;
                 openSocket(i, agent, conn->websocket->url);
             });
    }

    void openSocket(std::size_t i, bool agent, const std::string& url) {
        auto socket = std::make_shared<RawSocket>(io);
        socket->onMessage = [this, i, agent](std::string_view text) {
            Contact& c = contacts[i];
            bool& subscribed = agent ? c.agentReady : c.customerReady;
            if (!subscribed) {
                if (text.find("aws/subscribe") == std::string::npos) return;
                if (text.find("\"success\"") == std::string::npos) return fail(i, "subscribe refused");
                subscribed = true;
                return checkReady(i);
            }
            if (!agent) {
                ++customerFrames;
                return;
            }
            onAgentFrame(text);
        };
        socket->onClose = [this, i](int code) {
            ++unexpectedCloses;
            if (!contacts[i].done) fail(i, "websocket closed " + std::to_string(code));
        };
        (agent ? contacts[i].agentWs : contacts[i].customerWs) = socket;
        socket->start(url, static_cast<unsigned>(2 * i + (agent ? 1 : 0)));
    }

    void onAgentFrame(std::string_view text) {
        const auto seq = seqOf(text);
        if (!seq || *seq >= receivedNs.size()) return;
        if (receivedNs[*seq] != 0) {
            ++duplicates;
            return;
        }
        receivedNs[*seq] = nowNs();
        ++agentFrames;
    }

    // --- messages -----------------------------------------------------------------------------
    std::size_t newSeq(Kind k, std::int64_t due) {
        dueNs.push_back(due);
        receivedNs.push_back(0);
        kind.push_back(k);
        return dueNs.size() - 1;
    }

    std::vector<std::size_t> senders;   // bare customers that are ready
    std::size_t nextSender = 0;
    std::size_t pendingSends = 0;

    void sendRaw(Kind k, std::int64_t due, std::function<void()> then = {}) {
        Contact& c = contacts[senders[nextSender++ % senders.size()]];
        const std::size_t seq = newSeq(k, due);
        ++pendingSends;
        post("/participant/message", {{"x-amz-bearer", c.customerConnection}},
             R"({"ContentType":"text/plain","Content":")" + seqText(seq) + R"(","ClientToken":"lt-)" + std::to_string(seq) + "\"}",
             [this, then = std::move(then)](HttpResponse res) {
                 --pendingSends;
                 if (res.status == 200) {
                     ++accepted;
                 } else {
                     ++rejected;
                     if (firstSendError.empty()) firstSendError = std::to_string(res.status) + " " + res.networkError + res.body;
                 }
                 if (then) then();
             });
    }

    // The ChatSession customers: one message a second each, spread evenly.
    bool sessionsTalking = false;
    std::size_t nextSession = 0;
    std::unique_ptr<boost::asio::steady_timer> sessionTimer;
    void startSessionTraffic() {
        std::size_t live = 0;
        for (std::size_t i = 0; i < std::min(options.sessions, contacts.size()); ++i) live += contacts[i].session && contacts[i].done ? 1 : 0;
        if (live == 0) return;
        sessionsTalking = true;
        sessionTimer = std::make_unique<boost::asio::steady_timer>(io);
        const auto period = std::chrono::microseconds(1'000'000 / static_cast<long>(live));
        scheduleSessionTick(SteadyClock::now() + period, period);
    }
    void scheduleSessionTick(SteadyClock::time_point at, std::chrono::microseconds period) {
        sessionTimer->expires_at(at);
        sessionTimer->async_wait([this, at, period](boost::system::error_code ec) {
            if (ec || !sessionsTalking) return;
            for (std::size_t tries = 0; tries < options.sessions; ++tries) {
                Contact& c = contacts[nextSession++ % std::min(options.sessions, contacts.size())];
                if (!c.session || c.session->state() != finchat::SessionState::Live) continue;
                const std::size_t seq = newSeq(Kind::Session, nowNs());
                if (c.session->sendMessage(seqText(seq)).ok()) ++sessionSent;
                break;
            }
            scheduleSessionTick(at + period, period);
        });
    }
    void stopSessionTraffic() {
        sessionsTalking = false;
        if (sessionTimer) sessionTimer->cancel();
    }

    // --- phase 2: closed loop, as fast as answers come -----------------------------------------
    bool throughputRunning = false;
    std::int64_t throughputEnd = 0;
    void keepSending() {
        if (!throughputRunning || nowNs() >= throughputEnd) return;
        sendRaw(Kind::Throughput, nowNs(), [this] { keepSending(); });
    }
    void startThroughput(std::int64_t end) {
        throughputRunning = true;
        throughputEnd = end;
        for (std::size_t k = 0; k < options.httpConnections; ++k) keepSending();
    }

    // --- phase 3: open loop at a fixed rate ------------------------------------------------------
    std::int64_t rateStart = 0, rateEnd = 0;
    double rate = 0;
    std::uint64_t rateSent = 0;
    bool rateRunning = false;
    void startRate(double r, std::int64_t start, std::int64_t end) {
        rate = r;
        rateStart = start;
        rateEnd = end;
        rateSent = 0;
        rateRunning = true;
        rateTick();
    }
    void rateTick() {
        const std::int64_t now = nowNs();
        const std::int64_t until = std::min(now, rateEnd);
        const double intervalNs = 1e9 / rate;
        while (true) {
            const std::int64_t due = rateStart + static_cast<std::int64_t>(static_cast<double>(rateSent) * intervalNs);
            if (due > until || due >= rateEnd) break;
            ++rateSent;
            sendRaw(Kind::Latency, due);
        }
        if (now >= rateEnd) {
            rateRunning = false;
            return;
        }
        tick.expires_after(std::chrono::microseconds(500));
        tick.async_wait([this](boost::system::error_code ec) {
            if (!ec) rateTick();
        });
    }

    bool idle() const { return pendingSends == 0 && http.busy() == 0; }
};

struct Usage {
    std::int64_t wallNs;
    double serverCpu, ownCpu;
};
double ownCpuSeconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}
Usage usageNow(pid_t server) { return {nowNs(), server > 0 ? cpuSeconds(server) : 0, ownCpuSeconds()}; }
// CPU use of both sides over a phase; with `messages`, also the server's CPU time per message.
std::string cpuText(const Usage& a, const Usage& b, pid_t server, std::uint64_t messages = 0) {
    const double wall = seconds(b.wallNs - a.wallNs);
    char buf[128];
    if (server > 0 && messages > 0)
        std::snprintf(buf, sizeof buf, "CPU server %.0f%% (%.1f us/msg) generator %.0f%% (%.1f us/msg)",
                      100 * (b.serverCpu - a.serverCpu) / wall, 1e6 * (b.serverCpu - a.serverCpu) / static_cast<double>(messages),
                      100 * (b.ownCpu - a.ownCpu) / wall, 1e6 * (b.ownCpu - a.ownCpu) / static_cast<double>(messages));
    else if (server > 0)
        std::snprintf(buf, sizeof buf, "CPU server %.0f%% generator %.0f%%", 100 * (b.serverCpu - a.serverCpu) / wall,
                      100 * (b.ownCpu - a.ownCpu) / wall);
    else
        std::snprintf(buf, sizeof buf, "CPU generator %.0f%%", 100 * (b.ownCpu - a.ownCpu) / wall);
    return buf;
}

// Latency in ms of the messages of one kind with seq in [from, to).
std::vector<double> latencies(const Generator& g, Kind k, std::size_t from, std::size_t to, std::size_t& lost) {
    std::vector<double> out;
    lost = 0;
    for (std::size_t s = from; s < to; ++s) {
        if (g.kind[s] != k) continue;
        if (g.receivedNs[s] == 0) ++lost;
        else out.push_back(static_cast<double>(g.receivedNs[s] - g.dueNs[s]) / 1e6);
    }
    return out;
}

// The ChatSession customers' messages of one phase (seq in [from, to)).
std::string sessionFigures(const Generator& g, std::size_t from, std::size_t to) {
    std::size_t lost = 0;
    const auto lat = latencies(g, Kind::Session, from, to, lost);
    if (lat.empty() && lost == 0) return {};
    const auto p = percentiles(lat);
    char buf[160];
    std::snprintf(buf, sizeof buf, "            ChatSession customers meanwhile: %zu messages delivered, %zu not; p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
                  lat.size(), lost, p.p50, p.p99, p.max);
    return buf;
}

bool parseArgs(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        const char* v = nullptr;
        if (a == "--contacts" && (v = value())) o.contacts = std::strtoull(v, nullptr, 10);
        else if (a == "--sessions" && (v = value())) o.sessions = std::strtoull(v, nullptr, 10);
        else if (a == "--duration" && (v = value())) o.duration = std::atof(v);
        else if (a == "--rate" && (v = value())) o.rate = std::atof(v);
        else if (a == "--high-rate" && (v = value())) o.highRate = std::atof(v);
        else if (a == "--latency-seconds" && (v = value())) o.latencySeconds = std::atof(v);
        else if (a == "--http-connections" && (v = value())) o.httpConnections = std::max<std::size_t>(1, std::strtoull(v, nullptr, 10));
        else if (a == "--server" && (v = value())) o.server = v;
        else if (a == "--url" && (v = value())) o.url = v;
        else if (a == "--pid" && (v = value())) o.pid = static_cast<pid_t>(std::atol(v));
        else {
            std::fprintf(stderr,
                         "usage: connect_local_bench [--contacts N] [--sessions N] [--duration S] [--rate R] [--high-rate R]\n"
                         "                           [--latency-seconds S] [--http-connections N] [--server PATH]\n"
                         "                           [--url http://127.0.0.1:PORT [--pid PID]]\n");
            return false;
        }
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parseArgs(argc, argv, o)) return 2;
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, killChild);
    signal(SIGTERM, killChild);
    const std::size_t ownLimit = raiseFdLimit();   // before the fork: the server inherits it

    pid_t server = o.pid;
    std::string base = o.url;
    if (base.empty()) {
        if (o.server.empty()) o.server = std::getenv("CONNECT_LOCAL") ? std::getenv("CONNECT_LOCAL") : CONNECT_LOCAL_BIN;
        auto started = startServer(o.server);
        if (!started) {
            std::fprintf(stderr, "connect_local_bench: could not start '%s' (--server PATH or CONNECT_LOCAL)\n", o.server.c_str());
            return 1;
        }
        server = started->first;
        base = started->second;
    }

    // Two websockets per contact on each side, plus the HTTP pool and a few of each process's own.
    std::size_t limit = ownLimit;
    if (server > 0) if (const std::size_t s = fdLimitOf(server); s > 0) limit = std::min(limit, s);
    const std::size_t reserve = o.httpConnections + 64;
    const std::size_t fit = limit > reserve ? (limit - reserve) / 2 : 0;
    const std::size_t requested = o.contacts;
    o.contacts = std::min(o.contacts, fit);
    o.sessions = std::min(o.sessions, o.contacts);

    std::printf("connect-local load benchmark: server %s (pid %d), generator pid %d, 1 io_context each\n", base.c_str(),
                static_cast<int>(server), static_cast<int>(getpid()));
    std::printf("fd limit %zu (server %zu), HTTP keep-alive pool %zu connections", ownLimit,
                server > 0 ? fdLimitOf(server) : 0, o.httpConnections);
    if (o.contacts < requested)
        std::printf("; %zu contacts requested, %zu fit (2 websockets each per side)", requested, o.contacts);
    std::printf("\n");
    std::fflush(stdout);

    Generator g(o, base);
    g.dueNs.reserve(4'000'000);
    g.receivedNs.reserve(4'000'000);
    g.kind.reserve(4'000'000);

    // --- 1. contacts ------------------------------------------------------------------------------
    g.runFor(std::chrono::milliseconds(200));
    const long rssBefore = server > 0 ? rssKb(server) : 0;
    const long fdsBefore = server > 0 ? fdCount(server) : 0;
    const long ownRssBefore = rssKb(getpid());
    auto u0 = usageNow(server);
    g.establish(o.contacts);
    const bool complete = g.runUntil([&] { return g.ready + g.failed == o.contacts; }, std::chrono::seconds(120));
    auto u1 = usageNow(server);
    g.runFor(std::chrono::milliseconds(300));   // let the servers' buffers settle before reading RSS
    const long rssAfter = server > 0 ? rssKb(server) : 0;
    const long fdsAfter = server > 0 ? fdCount(server) : 0;
    const long ownRssAfter = rssKb(getpid());
    const double setupSecs = seconds(u1.wallNs - u0.wallNs);
    std::size_t liveSessions = 0;
    for (std::size_t i = 0; i < o.sessions; ++i)
        if (g.contacts[i].done && g.contacts[i].session && g.contacts[i].session->state() == finchat::SessionState::Live) ++liveSessions;
    std::printf("contacts    %zu held (%zu failed%s) in %.2f s = %.0f contacts/s, %zu of them finchat::ChatSession customers Live; %s\n",
                g.ready, g.failed, complete ? "" : ", timed out", setupSecs, static_cast<double>(g.ready) / setupSecs, liveSessions,
                cpuText(u0, u1, server).c_str());
    if (server > 0)
        std::printf("memory      server RSS %.1f MB -> %.1f MB = %.1f KB per contact (2 websockets, 2 participants, %ld -> %ld fds); "
                    "generator RSS %.1f KB per contact\n",
                    rssBefore / 1024.0, rssAfter / 1024.0, g.ready ? static_cast<double>(rssAfter - rssBefore) / static_cast<double>(g.ready) : 0.0,
                    fdsBefore, fdsAfter, g.ready ? static_cast<double>(ownRssAfter - ownRssBefore) / static_cast<double>(g.ready) : 0.0);
    if (!g.firstError.empty()) std::printf("            first failure: %s\n", g.firstError.c_str());
    std::fflush(stdout);

    for (std::size_t i = o.sessions; i < g.contacts.size(); ++i)
        if (g.contacts[i].done && g.contacts[i].customerReady && g.contacts[i].agentReady) g.senders.push_back(i);
    if (g.senders.empty()) {
        std::printf("no bare customers to send with; stopping\n");
        stopServer(o.url.empty() ? server : 0);
        std::fflush(stdout);
        _exit(1);
    }

    g.startSessionTraffic();

    // --- 2. throughput ------------------------------------------------------------------------------
    if (o.duration > 0) {
        const std::size_t from = g.dueNs.size();
        const auto acc0 = g.accepted, rej0 = g.rejected, agent0 = g.agentFrames, cust0 = g.customerFrames;
        const auto a = usageNow(server);
        g.startThroughput(a.wallNs + static_cast<std::int64_t>(o.duration * 1e9));
        g.runUntil([&] { return nowNs() >= g.throughputEnd; }, std::chrono::seconds(static_cast<long>(o.duration) + 5));
        const auto b = usageNow(server);
        const std::size_t to = g.dueNs.size();   // the sessions keep talking while the phase drains
        const auto acc = g.accepted - acc0, rej = g.rejected - rej0, agent = g.agentFrames - agent0, cust = g.customerFrames - cust0;
        g.throughputRunning = false;
        g.runUntil([&] { return g.idle(); }, std::chrono::seconds(30));
        g.runFor(std::chrono::milliseconds(500));
        std::size_t lost = 0;
        const auto lat = latencies(g, Kind::Throughput, from, to, lost);
        const auto p = percentiles(lat);
        const double wall = seconds(b.wallNs - a.wallNs);
        std::printf("throughput  %.1f s, %zu requests in flight: %.0f msg/s answered 200 (%llu), %llu errors, %.0f msg/s delivered to agents, "
                    "%.0f frames/s to customers; %s; after drain %zu of %zu sent not delivered to agents; "
                    "send -> agent (queueing at saturation) p50 %.2f ms  p99 %.2f ms\n",
                    wall, o.httpConnections, static_cast<double>(acc) / wall, static_cast<unsigned long long>(acc),
                    static_cast<unsigned long long>(rej), static_cast<double>(agent) / wall, static_cast<double>(cust) / wall,
                    cpuText(a, b, server, acc).c_str(), lost, lat.size() + lost, p.p50, p.p99);
        std::fputs(sessionFigures(g, from, to).c_str(), stdout);
        if (!g.firstSendError.empty()) std::printf("            first error: %s\n", g.firstSendError.c_str());
        std::fflush(stdout);
    }

    // --- 3. latency ---------------------------------------------------------------------------------
    for (const double rate : {o.rate, o.highRate}) {
        if (rate <= 0) continue;
        const std::size_t from = g.dueNs.size();
        const auto acc0 = g.accepted, rej0 = g.rejected;
        const auto a = usageNow(server);
        g.startRate(rate, a.wallNs, a.wallNs + static_cast<std::int64_t>(o.latencySeconds * 1e9));
        g.runUntil([&] { return !g.rateRunning; }, std::chrono::seconds(static_cast<long>(o.latencySeconds) + 5));
        const auto b = usageNow(server);
        const std::size_t to = g.dueNs.size();
        g.runUntil([&] { return g.idle(); }, std::chrono::seconds(30));
        g.runFor(std::chrono::milliseconds(500));
        std::size_t lost = 0;
        const auto lat = latencies(g, Kind::Latency, from, to, lost);
        const auto p = percentiles(lat);
        std::printf("latency     %6.0f msg/s for %.1f s: %llu sent, %llu answered 200, %llu errors, %zu delivered, %zu not; "
                    "send -> agent p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms; %s\n",
                    rate, seconds(b.wallNs - a.wallNs), static_cast<unsigned long long>(g.rateSent),
                    static_cast<unsigned long long>(g.accepted - acc0), static_cast<unsigned long long>(g.rejected - rej0),
                    lat.size(), lost, p.p50, p.p90, p.p99, p.max, cpuText(a, b, server, g.rateSent).c_str());
        std::fputs(sessionFigures(g, from, to).c_str(), stdout);
        std::fflush(stdout);
    }

    // --- the core's sessions -------------------------------------------------------------------------
    g.stopSessionTraffic();
    g.runUntil([&] { return g.idle(); }, std::chrono::seconds(10));
    g.runFor(std::chrono::milliseconds(500));
    {
        std::size_t live = 0, unsent = 0;
        for (std::size_t i = 0; i < o.sessions; ++i) {
            const auto& c = g.contacts[i];
            if (!c.session) continue;
            if (c.session->state() == finchat::SessionState::Live) ++live;
            unsent += c.session->transcript().unsent().size();
        }
        std::size_t lost = 0;
        const auto lat = latencies(g, Kind::Session, 0, g.dueNs.size(), lost);
        std::printf("sessions    %zu finchat::ChatSession customers: %zu Live at the end, %llu messages sent through the core, %zu unconfirmed, "
                    "%llu SendFailed, %llu ConnectionLost, %llu HeartbeatFailure; %zu delivered to agents, %zu not\n",
                    o.sessions, live, static_cast<unsigned long long>(g.sessionSent), unsent,
                    static_cast<unsigned long long>(g.sessionSendFailed), static_cast<unsigned long long>(g.sessionLost),
                    static_cast<unsigned long long>(g.sessionHeartbeatFailures), lat.size(), lost);
        std::printf("websockets  %llu closed unexpectedly, %llu duplicate agent frames; HTTP %llu requests, %llu connections opened",
                    static_cast<unsigned long long>(g.unexpectedCloses), static_cast<unsigned long long>(g.duplicates),
                    static_cast<unsigned long long>(g.beast.stats().requests),
                    static_cast<unsigned long long>(g.beast.stats().connectionsOpened));
        if (server > 0)   // the transcripts now hold every message sent
            std::printf("; server RSS now %.1f MB after %zu messages stored\n", rssKb(server) / 1024.0, g.dueNs.size());
        else
            std::printf("\n");
        std::fflush(stdout);
    }

    // Closing ~20k sockets one by one is not part of the benchmark: the server closes its side on
    // SIGTERM, and this process exits without running the destructors.
    if (o.url.empty()) stopServer(server);
    std::fflush(stdout);
    _exit(0);
}
