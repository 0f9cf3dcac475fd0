// Native platform layer against a real Beast HTTP + websocket server on 127.0.0.1 (ephemeral port).
//
// Server and clients share one io_context and one thread, as in the CLI: the test drives it with
// runUntil(), so every step is deterministic apart from the kernel's TCP timing, and a hang shows up
// as a failed REQUIRE after a few seconds rather than a stuck test run.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "finchat/chat_session.h"
#include "finchat/protocol.h"
#include "run_loop.h"
#include "finchat_native/asio_clock.h"
#include "finchat_native/beast_http_client.h"
#include "finchat_native/beast_websocket.h"
#include "finchat_native/storage.h"
#include "finchat_native/system_random.h"
#include "finchat_native/url.h"
#include "mini_connect.h"
#include "test_server.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using namespace std::chrono_literals;
using namespace finchat_native;

using fake::runFor;
using fake::runUntil;

namespace {

// A port nobody listens on: bound, then released.
unsigned short unusedPort(asio::io_context& io) {
    tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

// The script of the transport tests. HTTP: /echo (body and some request headers back), /error (a
// Connect-style 403), /close (Connection: close), /drop (promises keep-alive, then closes), /hang
// (never answers), /lose-next (answers, then drops the connection unanswered on the next request).
// Websocket text: "close-me" (server closes with 4001), "spam" (50 frames), "go-deaf" (the server
// stops reading), anything else comes back as "echo:<text>". "/no-upgrade" answers an upgrade request with 404.
struct TestServer : testsrv::Server {
    explicit TestServer(asio::io_context& io) : Server(io) {
        acceptUpgrade = [](const testsrv::Request& req) { return req.target() != "/no-upgrade"; };
        onRequest = [](const testsrv::Request& req, testsrv::Response& res) {
            using testsrv::Action;
            const std::string target(req.target());
            if (target == "/hang") return Action::Hold;
            res.result(http::status::ok);
            if (target == "/echo") {
                res.set("X-Echo-Method", std::string(req.method_string()));
                res.set("X-Echo-Test", std::string(req["x-test"]));
                res.set("X-Echo-Content-Type", std::string(req[http::field::content_type]));
                res.set(http::field::content_type, "application/json");
                res.body() = req.body();
            } else if (target == "/error") {
                res.result(http::status::forbidden);
                res.set("x-amzn-ErrorType", "AccessDeniedException");
                res.set(http::field::content_type, "application/json");
                res.body() = finchat::encodeServiceErrorBody("Access denied");
            } else if (target == "/close") {
                res.keep_alive(false);
                res.body() = "bye";
            } else if (target == "/drop") {
                res.body() = "dropping";
                return Action::AnswerThenDrop;
            } else if (target == "/lose-next") {
                res.body() = "the next one is lost";
                return Action::AnswerThenLose;
            } else {
                res.result(http::status::not_found);
            }
            return Action::Answer;
        };
        onWsMessage = [](testsrv::WsPeer& peer, const std::string& text) {
            if (text == "close-me") {
                peer.close(4001);
            } else if (text == "spam") {
                for (int i = 0; i < 50; ++i) peer.send("spam " + std::to_string(i));
            } else if (text == "go-deaf") {
                peer.deaf = true;
            } else {
                peer.send("echo:" + text);
            }
        };
    }
};

struct SocketLog {
    int opened = 0;
    std::vector<std::string> messages;
    std::vector<int> closes;
    int events() const { return opened + static_cast<int>(messages.size() + closes.size()); }

    finchat::WebSocketEvents sink() {
        return {[this] { ++opened; }, [this](std::string t) { messages.push_back(std::move(t)); },
                [this](int code) { closes.push_back(code); }};
    }
};

}  // namespace

TEST_CASE("parseUrl keeps what a request line and Host header need", "[native][url]") {
    auto u = parseUrl("http://127.0.0.1:8080/participant/message?x=1#frag");
    REQUIRE(u);
    CHECK(u->scheme == "http");
    CHECK(u->host == "127.0.0.1");
    CHECK(u->port == "8080");
    CHECK(u->target == "/participant/message?x=1");
    CHECK(u->hostHeader() == "127.0.0.1:8080");

    u = parseUrl("WS://example.com?token=a");
    REQUIRE(u);
    CHECK(u->scheme == "ws");
    CHECK(u->port == "80");
    CHECK(u->target == "/?token=a");
    CHECK(u->hostHeader() == "example.com");

    u = parseUrl("http://[::1]:9000");
    REQUIRE(u);
    CHECK(u->host == "::1");
    CHECK(u->target == "/");
    CHECK(u->hostHeader() == "[::1]:9000");

    CHECK_FALSE(parseUrl("127.0.0.1:8080/x"));
    CHECK_FALSE(parseUrl("ftp://host/"));
    CHECK_FALSE(parseUrl("http://user@host/"));
    CHECK_FALSE(parseUrl("http://host:0/"));
    CHECK_FALSE(parseUrl("http://host:99999/"));
    CHECK_FALSE(parseUrl("http:///path"));
}

TEST_CASE("HTTP POST round trip carries headers and body, and reuses the connection", "[native][http]") {
    asio::io_context io;
    TestServer server(io);
    BeastHttpClient client(io);

    std::optional<finchat::HttpResponse> got;
    client.send({"POST", server.http("/echo"), {{"content-type", "application/json"}, {"X-Test", "abc"}}, R"({"a":1})"},
                [&](finchat::HttpResponse r) { got = std::move(r); });
    CHECK_FALSE(got);   // never inside send()
    REQUIRE(runUntil(io, [&] { return got.has_value(); }));

    CHECK(got->status == 200);
    CHECK(got->networkError.empty());
    CHECK(got->body == R"({"a":1})");
    REQUIRE(got->header("x-echo-method"));
    CHECK(*got->header("x-echo-method") == "POST");
    REQUIRE(got->header("x-echo-test"));
    CHECK(*got->header("x-echo-test") == "abc");
    CHECK(*got->header("x-echo-content-type") == "application/json");
    for (const auto& [name, value] : got->headers) {
        INFO(name);
        CHECK(std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
    }

    // A second request goes over the same keep-alive connection.
    got.reset();
    client.send({"PUT", server.http("/echo"), {}, "second"}, [&](finchat::HttpResponse r) { got = std::move(r); });
    REQUIRE(runUntil(io, [&] { return got.has_value(); }));
    CHECK(got->status == 200);
    CHECK(got->body == "second");
    CHECK(*got->header("x-echo-method") == "PUT");
    CHECK(server.connectionsAccepted == 1);
    CHECK(client.stats().connectionsOpened == 1);
    CHECK(client.stats().connectionsReused == 1);
    CHECK(client.inFlight() == 0);
}

TEST_CASE("HTTP concurrent requests each get their own answer", "[native][http]") {
    asio::io_context io;
    TestServer server(io);
    BeastHttpClient client(io);
    std::vector<std::string> bodies(20);
    int answered = 0;
    for (int i = 0; i < 20; ++i)
        client.send({"POST", server.http("/echo"), {}, "req-" + std::to_string(i)}, [&, i](finchat::HttpResponse r) {
            bodies[static_cast<std::size_t>(i)] = r.status == 200 ? r.body : "status " + std::to_string(r.status);
            ++answered;
        });
    REQUIRE(runUntil(io, [&] { return answered == 20; }));
    for (int i = 0; i < 20; ++i) CHECK(bodies[static_cast<std::size_t>(i)] == "req-" + std::to_string(i));
    CHECK(client.idleConnections() >= 1);
}

TEST_CASE("HTTP error answer with x-amzn-errortype arrives intact", "[native][http]") {
    asio::io_context io;
    TestServer server(io);
    BeastHttpClient client(io);

    std::optional<finchat::HttpResponse> got;
    client.send({"POST", server.http("/error"), {{"x-amz-bearer", "tok"}}, "{}"}, [&](finchat::HttpResponse r) { got = std::move(r); });
    REQUIRE(runUntil(io, [&] { return got.has_value(); }));
    CHECK(got->status == 403);
    REQUIRE(got->header("x-amzn-errortype"));
    CHECK(*got->header("x-amzn-errortype") == "AccessDeniedException");
    CHECK(got->body == finchat::encodeServiceErrorBody("Access denied"));
    const finchat::Error e = finchat::errorFromResponse(*got);
    CHECK(e.accessDenied());
    CHECK(e.serviceType == "AccessDeniedException");
}

TEST_CASE("HTTP failures without an answer give status 0", "[native][http]") {
    asio::io_context io;

    SECTION("connection refused") {
        BeastHttpClient client(io);
        std::optional<finchat::HttpResponse> got;
        client.send({"POST", "http://127.0.0.1:" + std::to_string(unusedPort(io)) + "/x", {}, "{}"},
                    [&](finchat::HttpResponse r) { got = std::move(r); });
        CHECK_FALSE(got);
        REQUIRE(runUntil(io, [&] { return got.has_value(); }));
        CHECK(got->status == 0);
        CHECK_FALSE(got->networkError.empty());
    }
    SECTION("unusable URLs fail the same way, asynchronously") {
        BeastHttpClient client(io);
        std::vector<finchat::HttpResponse> got;
        const std::vector<std::pair<std::string, std::string>> requests = {
            {"GET", "https://127.0.0.1:1/x"}, {"GET", "not a url"}, {"BREW", "http://127.0.0.1:1/x"}};
        for (const auto& [method, url] : requests)
            client.send({method, url, {}, {}}, [&](finchat::HttpResponse r) { got.push_back(std::move(r)); });
        CHECK(got.empty());
        REQUIRE(runUntil(io, [&] { return got.size() == 3; }));
        for (const auto& r : got) {
            CHECK(r.status == 0);
            CHECK_FALSE(r.networkError.empty());
        }
    }
    SECTION("a server that never answers times out") {
        TestServer server(io);
        BeastHttpClient client(io, HttpClientOptions{200ms});
        std::optional<finchat::HttpResponse> got;
        const auto t0 = std::chrono::steady_clock::now();
        client.send({"POST", server.http("/hang"), {}, "{}"}, [&](finchat::HttpResponse r) { got = std::move(r); });
        REQUIRE(runUntil(io, [&] { return got.has_value(); }));
        CHECK(got->status == 0);
        CHECK(got->networkError.find("timeout") != std::string::npos);
        CHECK(std::chrono::steady_clock::now() - t0 < 2s);
    }
}

TEST_CASE("HTTP keep-alive survives servers that close connections", "[native][http]") {
    asio::io_context io;
    TestServer server(io);
    BeastHttpClient client(io);
    std::optional<finchat::HttpResponse> got;
    const auto get = [&](const std::string& path) {
        got.reset();
        client.send({"GET", server.http(path), {}, {}}, [&](finchat::HttpResponse r) { got = std::move(r); });
        REQUIRE(runUntil(io, [&] { return got.has_value(); }));
        CHECK(got->status == 200);
    };

    SECTION("Connection: close is honoured") {
        get("/close");
        CHECK(got->body == "bye");
        CHECK(client.idleConnections() == 0);
        get("/echo");
        CHECK(server.connectionsAccepted == 2);
    }
    SECTION("an idle connection closed by the server is not reused") {
        get("/drop");
        CHECK(client.idleConnections() == 1);   // it said keep-alive
        runFor(io, 50ms);                       // the server's FIN arrives
        get("/echo");
        CHECK(server.connectionsAccepted == 2);
        CHECK(client.stats().connectionsOpened == 2);
    }
    SECTION("a reused connection that dies under the request is retried once on a fresh one") {
        get("/lose-next");
        get("/echo");
        CHECK(client.stats().connectionsReused == 1);
        CHECK(client.stats().staleRetries == 1);
        CHECK(client.stats().connectionsOpened == 2);
        CHECK(server.targets == std::vector<std::string>{"/lose-next", "/echo", "/echo"});
    }
    SECTION("a request sent from the answer's callback, racing the server's close, still succeeds") {
        // The pooled connection is either seen closed (not reused) or dies under the request
        // (retried once on a fresh one); both must end in a 200.
        std::optional<finchat::HttpResponse> second;
        for (int round = 0; round < 20; ++round) {
            got.reset();
            second.reset();
            client.send({"GET", server.http("/drop"), {}, {}}, [&](finchat::HttpResponse r) {
                got = std::move(r);
                client.send({"POST", server.http("/echo"), {}, "again"}, [&](finchat::HttpResponse r2) { second = std::move(r2); });
            });
            REQUIRE(runUntil(io, [&] { return second.has_value(); }));
            CHECK(got->status == 200);
            CHECK(second->status == 200);
            CHECK(second->body == "again");
        }
    }
}

TEST_CASE("HTTP requests in flight are dropped silently when the client is destroyed", "[native][http]") {
    asio::io_context io;
    TestServer server(io);
    int calls = 0;
    {
        BeastHttpClient client(io);
        client.send({"POST", server.http("/hang"), {}, "{}"}, [&](finchat::HttpResponse) { ++calls; });
        REQUIRE(runUntil(io, [&] { return server.held.size() == 1; }));   // written, awaiting the answer
        // Not yet connected, and not yet reported:
        client.send({"POST", "http://127.0.0.1:" + std::to_string(unusedPort(io)) + "/", {}, "{}"},
                    [&](finchat::HttpResponse) { ++calls; });
        client.send({"POST", "bad url", {}, "{}"}, [&](finchat::HttpResponse) { ++calls; });
        CHECK(client.inFlight() == 2);
    }
    runFor(io, 200ms);
    CHECK(calls == 0);
}

TEST_CASE("websocket opens, exchanges text both ways, and reports the server's close code", "[native][ws]") {
    asio::io_context io;
    TestServer server(io);
    BeastWebSocketFactory factory(io);
    SocketLog log;

    auto ws = factory.open(server.ws("/connect?X-Amz-Security-Token=t0k"), log.sink());
    ws->send("before-open");   // queued until the handshake is done
    CHECK(log.events() == 0);
    REQUIRE(runUntil(io, [&] { return log.opened == 1; }));
    CHECK(server.wsTarget == "/connect?X-Amz-Security-Token=t0k");

    ws->send("hello");
    REQUIRE(runUntil(io, [&] { return log.messages.size() == 2; }));
    CHECK(log.messages == std::vector<std::string>{"echo:before-open", "echo:hello"});
    CHECK(server.wsReceived == std::vector<std::string>{"before-open", "hello"});

    ws->send(finchat::subscribeFrame());
    REQUIRE(runUntil(io, [&] { return log.messages.size() == 3; }));
    CHECK(log.messages.back() == "echo:" + finchat::subscribeFrame());

    ws->send("close-me");
    REQUIRE(runUntil(io, [&] { return !log.closes.empty(); }));
    CHECK(log.closes == std::vector<int>{4001});
    runFor(io, 50ms);
    CHECK(log.closes.size() == 1);
}

TEST_CASE("websocket close(1000) by the client ends with onClose(1000)", "[native][ws]") {
    asio::io_context io;
    TestServer server(io);
    BeastWebSocketFactory factory(io);
    SocketLog log;

    auto ws = factory.open(server.ws("/"), log.sink());
    REQUIRE(runUntil(io, [&] { return log.opened == 1; }));
    ws->send("last words");
    ws->close(1000);
    ws->send("after close");   // dropped, as a browser does
    CHECK(log.closes.empty());  // never inside close()
    REQUIRE(runUntil(io, [&] { return !log.closes.empty() && server.wsEnded == 1; }));
    CHECK(log.closes == std::vector<int>{1000});
    CHECK(server.wsCloseCode == 1000);
    CHECK(server.wsReceived == std::vector<std::string>{"last words"});
    ws->close(1000);   // again: nothing
    runFor(io, 50ms);
    CHECK(log.closes.size() == 1);
    CHECK(log.opened == 1);
}

TEST_CASE("websocket close to a peer that stopped reading ends with 1006 after the timeout", "[native][ws]") {
    asio::io_context io;
    TestServer server(io);
    BeastWebSocketFactory factory(io, WebSocketOptions{200ms});
    SocketLog log;
    auto ws = factory.open(server.ws("/"), log.sink());
    REQUIRE(runUntil(io, [&] { return log.opened == 1; }));
    ws->send("go-deaf");
    REQUIRE(runUntil(io, [&] { return server.wsReceived.size() == 1; }));
    const auto t0 = std::chrono::steady_clock::now();
    ws->close(1000);
    REQUIRE(runUntil(io, [&] { return !log.closes.empty(); }));
    CHECK(log.closes == std::vector<int>{1006});
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
}

TEST_CASE("websocket that cannot open reports 1006", "[native][ws]") {
    asio::io_context io;
    BeastWebSocketFactory factory(io);
    std::vector<SocketLog> logs(4);
    std::vector<std::unique_ptr<finchat::WebSocket>> sockets;
    TestServer server(io);
    sockets.push_back(factory.open("ws://127.0.0.1:" + std::to_string(unusedPort(io)) + "/", logs[0].sink()));
    sockets.push_back(factory.open("wss://127.0.0.1:1/", logs[1].sink()));
    sockets.push_back(factory.open("::nonsense::", logs[2].sink()));
    sockets.push_back(factory.open(server.ws("/no-upgrade"), logs[3].sink()));   // plain HTTP 200, no upgrade
    for (const auto& l : logs) CHECK(l.events() == 0);
    REQUIRE(runUntil(io, [&] {
        return std::all_of(logs.begin(), logs.end(), [](const SocketLog& l) { return !l.closes.empty(); });
    }));
    for (const auto& l : logs) {
        CHECK(l.opened == 0);
        CHECK(l.closes == std::vector<int>{1006});
    }
}

TEST_CASE("destroying a websocket stops every callback", "[native][ws]") {
    asio::io_context io;
    TestServer server(io);
    BeastWebSocketFactory factory(io);

    SECTION("while connecting") {
        SocketLog log;
        auto ws = factory.open(server.ws("/"), log.sink());
        ws->send("queued");
        ws.reset();
        runFor(io, 200ms);
        CHECK(log.events() == 0);
        CHECK(server.wsReceived.empty());
    }
    SECTION("while messages are streaming in: the server still gets a close frame") {
        SocketLog log;
        auto ws = factory.open(server.ws("/"), log.sink());
        REQUIRE(runUntil(io, [&] { return log.opened == 1; }));
        ws->send("spam");
        REQUIRE(runUntil(io, [&] { return !log.messages.empty(); }));
        const std::size_t seen = log.messages.size();
        ws.reset();
        REQUIRE(runUntil(io, [&] { return server.wsEnded == 1; }));
        runFor(io, 50ms);
        CHECK(log.messages.size() == seen);
        CHECK(log.closes.empty());
        CHECK(server.wsCloseCode == 1000);
    }
    SECTION("from inside its own onMessage, and right after close()") {
        std::unique_ptr<finchat::WebSocket> ws;
        int messages = 0, closes = 0;
        ws = factory.open(server.ws("/"), {[&] { ws->send("spam"); },
                                           [&](std::string) { ++messages; ws.reset(); },
                                           [&](int) { ++closes; }});
        REQUIRE(runUntil(io, [&] { return !ws; }));
        runFor(io, 100ms);
        CHECK(messages == 1);
        CHECK(closes == 0);

        SocketLog log;
        auto other = factory.open(server.ws("/"), log.sink());
        REQUIRE(runUntil(io, [&] { return log.opened == 1; }));
        other->close(1000);   // what ChatSession::dropSocket does
        other.reset();
        REQUIRE(runUntil(io, [&] { return server.wsEnded == 2; }));
        CHECK(log.closes.empty());
    }
}

TEST_CASE("AsioClock fires timers in order, cancels, and never runs inside setTimer", "[native][clock]") {
    asio::io_context io;
    AsioClock clock(io);
    std::vector<int> fired;

    const auto wall = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch()).count();
    CHECK(std::abs(clock.nowMs() - wall) < 1000);

    clock.setTimer(30, [&] { fired.push_back(30); });
    const auto t10 = clock.setTimer(10, [&] { fired.push_back(10); });
    const auto t20 = clock.setTimer(20, [&] { fired.push_back(20); });
    clock.setTimer(0, [&] { fired.push_back(0); });
    clock.setTimer(-5, [&] { fired.push_back(-5); });   // negative delays run as soon as possible
    clock.setTimer(15, [&] {
        fired.push_back(15);
        clock.setTimer(1, [&] { fired.push_back(16); });   // timers set from a timer work too
    });
    CHECK(fired.empty());
    clock.cancelTimer(t20);
    clock.cancelTimer(987654);   // unknown: ignored
    CHECK(clock.pendingTimers() == 5);

    REQUIRE(runUntil(io, [&] { return fired.size() == 6; }));
    CHECK(fired.front() + fired[1] == -5);   // the two immediate ones, in either order
    CHECK(std::vector<int>(fired.begin() + 2, fired.end()) == std::vector<int>{10, 15, 16, 30});
    clock.cancelTimer(t10);   // already fired: ignored
    runFor(io, 50ms);
    CHECK(fired.size() == 6);
    CHECK(clock.pendingTimers() == 0);

    SECTION("a destroyed clock never runs its pending timers") {
        auto doomed = std::make_unique<AsioClock>(io);
        bool ran = false;
        doomed->setTimer(5, [&] { ran = true; });
        doomed.reset();
        runFor(io, 50ms);
        CHECK_FALSE(ran);
    }
}

TEST_CASE("SystemRandom and the storages", "[native][misc]") {
    SystemRandom a(42), b(42), os;
    for (int i = 0; i < 10; ++i) CHECK(a.next() == b.next());
    for (int i = 0; i < 100; ++i) {
        const double u = os.unit();
        CHECK(u >= 0.0);
        CHECK(u < 1.0);
    }

    MemoryStorage mem;
    CHECK_FALSE(mem.get("k"));
    mem.set("k", "v");
    CHECK(mem.get("k") == std::optional<std::string>("v"));
    mem.remove("k");
    CHECK_FALSE(mem.get("k"));

    const auto path = std::filesystem::temp_directory_path() / ("finchat-storage-test-" + std::to_string(::getpid()) + ".json");
    std::filesystem::remove(path);
    {
        FileStorage fs(path.string());
        CHECK_FALSE(fs.get("session"));
        fs.set("session", "{\"token\":\"x\"}\nline two");
        fs.set("other", "1");
        fs.remove("other");
        CHECK_FALSE(fs.lastWriteFailed());
    }
    {
        FileStorage fs(path.string());   // a new process, as far as the store can tell
        CHECK(fs.get("session") == std::optional<std::string>("{\"token\":\"x\"}\nline two"));
        CHECK_FALSE(fs.get("other"));
    }
    {
        std::FILE* f = std::fopen(path.string().c_str(), "w");
        REQUIRE(f);
        std::fputs("{not json", f);
        std::fclose(f);
        FileStorage fs(path.string());
        CHECK_FALSE(fs.get("session"));
        fs.set("a", "b");
        CHECK(FileStorage(path.string()).get("a") == std::optional<std::string>("b"));
    }
    std::filesystem::remove(path);
}

TEST_CASE("ChatSession runs over the native platform: start, live, messages, disconnect", "[native][session]") {
    asio::io_context io;
    testsrv::MiniConnect connect(io);
    AsioClock clock(io);
    BeastHttpClient http(io);
    BeastWebSocketFactory sockets(io);
    SystemRandom random;
    MemoryStorage storage;

    // StartChatContact, as the CLI does it.
    finchat::StartChatContactRequest start;
    start.instanceId = "acme";
    start.contactFlowId = "acme-l1";
    start.participantDetails.displayName = "Dana";
    std::optional<finchat::HttpResponse> started;
    http.send({"PUT", connect.endpoint() + "/contact/chat", {{"content-type", "application/json"}}, finchat::encode(start)},
              [&](finchat::HttpResponse r) { started = std::move(r); });
    REQUIRE(runUntil(io, [&] { return started.has_value(); }));
    REQUIRE(started->status == 200);
    auto contact = finchat::decode<finchat::StartChatContactResponse>(started->body);
    REQUIRE(contact);

    finchat::SessionConfig config;
    config.storageKey = "finchat-test";
    auto session = std::make_unique<finchat::ChatSession>(
        finchat::Platform{http, sockets, clock, random, finchat::builtinPiiDetector(), &storage},
        finchat::ChatDetails{contact->contactId, contact->participantId, contact->participantToken, connect.endpoint(), "Dana"},
        config);
    std::vector<std::string> added;     // "ROLE: text" of every new message entry
    std::vector<std::string> contents;  // and its text alone
    int established = 0, ended = 0;
    session->setEventHandler([&](const finchat::SessionEvent& e) {
        if (e.type == finchat::SessionEventType::ConnectionEstablished) ++established;
        if (e.type == finchat::SessionEventType::ChatEnded) ++ended;
        if (e.type == finchat::SessionEventType::TranscriptChanged && e.active) {
            const auto* entry = session->transcript().findLocal(e.localId);
            if (entry && entry->item.type == finchat::ItemType::Message) {
                added.push_back(std::string(finchat::toString(entry->item.role())) + ": " + entry->item.content);
                contents.push_back(entry->item.content);
            }
        }
    });
    session->connect();
    REQUIRE(runUntil(io, [&] { return session->state() == finchat::SessionState::Live && !added.empty(); }));
    CHECK(established == 1);
    CHECK(added.front() == "AGENT: Hi, I'm Alex. How can I help?");
    CHECK(connect.server.wsTarget == "/gateway?X-Amz-Security-Token=ws-secret");

    auto sent = session->sendMessage("hello from Dana");
    REQUIRE(sent);
    REQUIRE(runUntil(io, [&] {
        const auto* own = session->transcript().findLocal(*sent);
        return own && own->delivery != finchat::Delivery::Pending &&
               std::find(added.begin(), added.end(), "AGENT: echo: hello from Dana") != added.end();
    }));
    const auto* own = session->transcript().findLocal(*sent);
    CHECK(own->delivery == finchat::Delivery::Sent);
    CHECK(own->item.id == connect.items[2].id);
    // Our own message came back on the socket too, and is still shown once.
    const auto& entries = session->transcript().entries();
    CHECK(std::count_if(entries.begin(), entries.end(), [](const finchat::TranscriptEntry& e) {
              return e.item.content == "hello from Dana";
          }) == 1);
    CHECK(std::count(contents.begin(), contents.end(), "hello from Dana") == 1);
    CHECK(storage.get("finchat-test").has_value());

    session->disconnect();
    REQUIRE(runUntil(io, [&] { return session->state() == finchat::SessionState::Ended; }));
    CHECK(ended == 1);
    CHECK(connect.refused.empty());
    CHECK(std::count(connect.operations.begin(), connect.operations.end(), "SendMessage") == 1);
    CHECK(std::count(connect.operations.begin(), connect.operations.end(), "DisconnectParticipant") == 1);

    // The session dropped its socket with close(1000) and destroyed it; the gateway still sees a
    // proper close frame.
    REQUIRE(runUntil(io, [&] { return connect.server.wsEnded == 1; }));
    CHECK(connect.server.wsCloseCode == 1000);
    session.reset();
}
