// connect-local's network server (demo/connect-local/src/server.h) in-process on 127.0.0.1 with an
// ephemeral port, around a real ChatService, driven by the core's own native transports and by raw
// Beast/TCP where a test needs bytes the transports would never send.
//
// Server, service and clients share one io_context and one thread, as in connect-local itself; the
// tests pump it with runUntil(), so a hang fails a REQUIRE after a few seconds instead of stalling.
#include <catch2/catch.hpp>

#include <ifaddrs.h>
#include <netinet/in.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "connect_local/chat_service.h"
#include "connect_local/config.h"
#include "connect_local/flow.h"
#include "finchat/chat_session.h"
#include "finchat/protocol.h"
#include "run_loop.h"
#include "finchat_native/asio_clock.h"
#include "finchat_native/beast_http_client.h"
#include "finchat_native/beast_websocket.h"
#include "finchat_native/system_random.h"
#include "server.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using namespace std::chrono_literals;

using fake::runFor;
using fake::runUntil;

namespace {

// One io_context with a ChatService (demo topology) behind a started Server, plus an HTTP client.
struct Harness {
    explicit Harness(connect_local::ServerOptions options = {}) {
        server = std::make_unique<connect_local::Server>(io, service, std::move(options));
        std::string error;
        started = server->start(error);
        INFO(error);
        REQUIRE(started);
    }

    std::string base() const { return server->httpBase(); }

    finchat::HttpResponse call(std::string method, const std::string& path, std::string body = {},
                               finchat::Headers headers = {}, const std::string& baseUrl = {}) {
        std::optional<finchat::HttpResponse> out;
        http.send({std::move(method), (baseUrl.empty() ? base() : baseUrl) + path, std::move(headers), std::move(body)},
                  [&](finchat::HttpResponse r) { out = std::move(r); });
        REQUIRE(runUntil(io, [&] { return out.has_value(); }));
        return *out;
    }

    // StartChatContact + CreateParticipantConnection: what a websocket test needs.
    struct Chat {
        finchat::StartChatContactResponse contact;
        std::string connectionToken, websocketUrl;
    };
    Chat startChat(const std::string& instance = "finaptic", const std::string& flow = "finaptic-l2") {
        finchat::StartChatContactRequest start;
        start.instanceId = instance;
        start.contactFlowId = flow;
        start.participantDetails.displayName = "Dana";
        const auto started = call("PUT", "/contact/chat", finchat::encode(start), {{"content-type", "application/json"}});
        REQUIRE(started.status == 200);
        auto contact = finchat::decode<finchat::StartChatContactResponse>(started.body);
        REQUIRE(contact);
        const auto cpc = call("POST", "/participant/connection", R"({"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]})",
                              {{"content-type", "application/json"}, {"x-amz-bearer", contact->participantToken}});
        REQUIRE(cpc.status == 200);
        auto connection = finchat::decode<finchat::CreateParticipantConnectionResponse>(cpc.body);
        REQUIRE(connection);
        REQUIRE(connection->websocket);
        REQUIRE(connection->connectionCredentials);
        return {*contact, connection->connectionCredentials->connectionToken, connection->websocket->url};
    }

    asio::io_context io;
    finchat_native::AsioClock clock{io};
    finchat_native::SystemRandom random{7};
    connect_local::ChatService service{connect_local::Config::demo(), clock, random};
    std::unique_ptr<connect_local::Server> server;
    finchat_native::BeastHttpClient http{io};
    bool started = false;
};

// A websocket client that records everything (via the core's native transport).
struct SocketLog {
    std::vector<std::string> frames;
    std::vector<std::chrono::steady_clock::time_point> times;
    int opened = 0;
    std::vector<int> closes;
    finchat::WebSocketEvents sink() {
        return {[this] { ++opened; },
                [this](std::string text) {
                    frames.push_back(std::move(text));
                    times.push_back(std::chrono::steady_clock::now());
                },
                [this](int code) { closes.push_back(code); }};
    }
    std::vector<finchat::FrameTopic> topics() const {
        std::vector<finchat::FrameTopic> out;
        for (const auto& f : frames) {
            auto decoded = finchat::decodeServerFrame(f);
            out.push_back(decoded ? decoded->topic : finchat::FrameTopic::Other);
        }
        return out;
    }
};

// Raw TCP: writes bytes as they are and collects everything the server sends until it closes.
struct RawConnection : std::enable_shared_from_this<RawConnection> {
    explicit RawConnection(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    std::string received;
    bool closed = false;
    std::array<char, 4096> buffer;

    static std::shared_ptr<RawConnection> open(asio::io_context& io, std::uint16_t port, std::string bytes) {
        auto c = std::make_shared<RawConnection>(io);
        c->socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        c->send(std::move(bytes));
        c->read();
        return c;
    }
    void send(std::string bytes) {
        auto data = std::make_shared<std::string>(std::move(bytes));
        asio::async_write(socket, asio::buffer(*data), [data, self = shared_from_this()](error_code, std::size_t) {});
    }
    void read() {
        socket.async_read_some(asio::buffer(buffer), [self = shared_from_this()](error_code ec, std::size_t n) {
            if (ec) {
                self->closed = true;
                return;
            }
            self->received.append(self->buffer.data(), n);
            self->read();
        });
    }
};

// Every complete HTTP response in `bytes`, in order.
std::vector<http::response<http::string_body>> parseResponses(const std::string& bytes) {
    std::vector<http::response<http::string_body>> out;
    std::string_view rest = bytes;
    while (!rest.empty()) {
        http::response_parser<http::string_body> parser;
        parser.eager(true);
        error_code ec;
        std::size_t used = 0;
        while (!parser.is_done()) {
            const std::size_t n = parser.put(asio::buffer(rest.data() + used, rest.size() - used), ec);
            if (ec || n == 0) break;
            used += n;
        }
        if (!parser.is_done()) break;
        out.push_back(parser.release());
        rest.remove_prefix(used);
    }
    return out;
}

const std::string* header(const finchat::HttpResponse& r, const char* name) { return r.header(name); }

// GET `path` and check the status, and the content type and body when given.
finchat::HttpResponse expectGet(Harness& h, const char* path, int status, const char* type = nullptr,
                                const char* body = nullptr, finchat::Headers headers = {}) {
    INFO(path);
    auto r = h.call("GET", path, {}, std::move(headers));
    CHECK(r.status == status);
    if (type) {
        REQUIRE(header(r, "content-type"));
        CHECK(*header(r, "content-type") == type);
    }
    if (body) CHECK(r.body == body);
    return r;
}

}  // namespace

TEST_CASE("CORS: preflight for any path, and every response carries CORS and request-id headers", "[connect-local][server]") {
    Harness h;
    const auto pre = h.call("OPTIONS", "/participant/message", {},
                            {{"Origin", "http://127.0.0.1:8810"},
                             {"Access-Control-Request-Method", "POST"},
                             {"Access-Control-Request-Headers", "authorization,content-type,x-amz-bearer,x-amz-content-sha256,x-amz-date,x-amz-user-agent,X-Custom-Thing"}});
    CHECK((pre.status == 204 || pre.status == 200));
    REQUIRE(header(pre, "access-control-allow-origin"));
    CHECK(*header(pre, "access-control-allow-origin") == "http://127.0.0.1:8810");
    REQUIRE(header(pre, "access-control-allow-methods"));
    CHECK(*header(pre, "access-control-allow-methods") == "GET,POST,PUT,OPTIONS");
    REQUIRE(header(pre, "access-control-allow-headers"));
    const std::string allowed = *header(pre, "access-control-allow-headers");
    for (const char* h : {"authorization", "content-type", "x-amz-bearer", "x-amz-content-sha256", "x-amz-date",
                          "x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request", "x-amz-security-token",
                          "x-api-key", "x-custom-thing"})
        CHECK(allowed.find(h) != std::string::npos);
    REQUIRE(header(pre, "access-control-max-age"));
    CHECK(*header(pre, "access-control-max-age") == "600");
    CHECK(header(pre, "content-length") == nullptr);   // 204 must not carry one
    CHECK(header(pre, "x-amzn-requestid"));

    // A plain request without Origin: wildcard; error or not, the same headers.
    const auto plain = h.call("GET", "/");
    CHECK(plain.status == 200);
    REQUIRE(header(plain, "access-control-allow-origin"));
    CHECK(*header(plain, "access-control-allow-origin") == "*");
    REQUIRE(header(plain, "access-control-expose-headers"));
    CHECK(*header(plain, "access-control-expose-headers") == "x-amzn-requestid,x-amzn-errortype,x-amz-apigw-id,date");
    REQUIRE(header(plain, "x-amzn-requestid"));
    CHECK(header(plain, "x-amzn-requestid")->size() == 36);
    const auto again = h.call("GET", "/");
    CHECK(*header(again, "x-amzn-requestid") != *header(plain, "x-amzn-requestid"));
}

TEST_CASE("PUT /contact/chat: happy path, and a malformed body is a Connect-shaped 400", "[connect-local][server]") {
    Harness h;
    // SigV4 headers as the AWS SDK sends them are ignored.
    const auto ok = h.call("PUT", "/contact/chat",
                           R"({"InstanceId":"acme","ContactFlowId":"acme-l1","ParticipantDetails":{"DisplayName":"Dana"}})",
                           {{"content-type", "application/json"},
                            {"authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250501/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=00"},
                            {"x-amz-date", "20250501T100000Z"}});
    REQUIRE(ok.status == 200);
    auto contact = finchat::decode<finchat::StartChatContactResponse>(ok.body);
    REQUIRE(contact);
    CHECK_FALSE(contact->participantToken.empty());
    CHECK(h.service.contactCount() == 1);

    const auto bad = h.call("PUT", "/contact/chat", "{\"InstanceId\":", {{"content-type", "application/json"}});
    CHECK(bad.status == 400);
    const auto e = finchat::errorFromResponse(bad);
    CHECK(e.serviceType == "InvalidRequestException");
    CHECK_FALSE(e.detail.empty());
    REQUIRE(header(bad, "content-type"));
    CHECK(*header(bad, "content-type") == "application/json");
}

TEST_CASE("Finaptic Support API over HTTP: x-api-key, Connect-shaped 403 and 400s, the record for its agent only", "[connect-local][server][support]") {
    Harness h;
    const finchat::Headers jsonHeaders{{"content-type", "application/json"}};
    auto withKey = [&](const char* key) {
        finchat::Headers headers = jsonHeaders;
        headers.push_back({"x-api-key", key});
        return headers;
    };
    auto expectError = [&](const finchat::HttpResponse& r, int status, const char* type) {
        CHECK(r.status == status);
        REQUIRE(header(r, "x-amzn-errortype"));
        CHECK(*header(r, "x-amzn-errortype") == type);
        const auto e = finchat::errorFromResponse(r);
        CHECK(e.serviceType == type);
        CHECK_FALSE(e.detail.empty());
        return e.detail;
    };
    const std::string body = R"({"reason":"card dispute","l1ContactId":"l1-x","transcript":[{"role":"CUSTOMER","name":"Dana","text":"hi"}]})";
    expectError(h.call("POST", "/finaptic/v1/escalations", body, jsonHeaders), 403, "AccessDeniedException");
    expectError(h.call("POST", "/finaptic/v1/escalations", body, withKey("not-the-key")), 403, "AccessDeniedException");
    expectError(h.call("POST", "/finaptic/v1/escalations", "{\"reason\":", withKey("acme-demo-key")), 400, "InvalidRequestException");
    CHECK(expectError(h.call("POST", "/finaptic/v1/escalations", R"({"transcript":[]})", withKey("acme-demo-key")), 400,
                      "ValidationException").find("reason") != std::string::npos);
    std::string tooLong = R"({"reason":"r","transcript":[)";
    for (int i = 0; i < 1001; ++i) tooLong += std::string(i ? "," : "") + R"({"role":"CUSTOMER","text":"x"})";
    tooLong += "]}";
    CHECK(expectError(h.call("POST", "/finaptic/v1/escalations", tooLong, withKey("acme-demo-key")), 400, "ValidationException") ==
          "transcript has 1001 entries; the limit is 1000");
    CHECK(h.service.contactCount() == 0);

    const auto created = h.call("POST", "/finaptic/v1/escalations", body, withKey("acme-demo-key"));
    REQUIRE(created.status == 200);
    const auto answer = nlohmann::json::parse(created.body);
    const std::string contactId = answer["contactId"].get<std::string>();
    const auto accepted = h.call("POST", "/agent-api/accept", R"({"instance":"finaptic","agentName":"Sam","contactId":")" + contactId + "\"}", jsonHeaders);
    REQUIRE(accepted.status == 200);
    const std::string agentToken = nlohmann::json::parse(accepted.body)["participantToken"].get<std::string>();

    expectError(h.call("GET", "/agent-api/contacts/" + contactId), 403, "AccessDeniedException");
    expectError(h.call("GET", "/agent-api/contacts/" + contactId, {}, {{"x-amz-bearer", answer["participantToken"].get<std::string>()}}), 403,
                "AccessDeniedException");
    const auto read = h.call("GET", "/agent-api/contacts/" + contactId, {}, {{"x-amz-bearer", agentToken}});
    REQUIRE(read.status == 200);
    const auto record = nlohmann::json::parse(read.body)["escalation"];
    CHECK(record["l1ContactId"] == "l1-x");
    CHECK(record["transcript"][0]["text"] == "hi");
}

TEST_CASE("Unknown routes and operations are Connect-shaped 404s", "[connect-local][server]") {
    Harness h;
    for (auto [method, path] : {std::pair{"GET", "/nope"}, std::pair{"POST", "/participant/bogus"},
                                std::pair{"GET", "/participant/message"}, std::pair{"DELETE", "/contact/chat"},
                                std::pair{"POST", "/agent-api/contacts/x"}}) {
        INFO(method << " " << path);
        const auto r = h.call(method, path, "{}");
        CHECK(r.status == 404);
        REQUIRE(header(r, "x-amzn-errortype"));
        const auto e = finchat::errorFromResponse(r);
        CHECK_FALSE(e.serviceType.empty());
        CHECK_FALSE(e.detail.empty());
    }
    // A participant call without a bearer reaches the service, which refuses it.
    const auto denied = h.call("POST", "/participant/message", R"({"ContentType":"text/plain","Content":"hi"})");
    CHECK(denied.status == 403);
    CHECK(finchat::errorFromResponse(denied).serviceType == "AccessDeniedException");
}

TEST_CASE("Bodies over the limit get 413 and the connection closes; uploads have their own limit", "[connect-local][server]") {
    Harness h;
    const std::string big((1u << 20) + 1, 'x');
    const auto tooBig = h.call("POST", "/participant/message", big, {{"x-amz-bearer", "t"}});
    CHECK(tooBig.status == 413);
    CHECK(finchat::errorFromResponse(tooBig).serviceType == "RequestEntityTooLargeException");

    // Chunked: no Content-Length to check up front, so the parser counts.
    auto raw = RawConnection::open(h.io, h.server->port(),
                                   "POST /participant/message HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "200000\r\n" + std::string(4096, 'y'));
    REQUIRE(runUntil(h.io, [&] { return raw->closed; }));
    auto responses = parseResponses(raw->received);
    REQUIRE(responses.size() == 1);
    CHECK(responses[0].result_int() == 413);

    // An attachment upload of 1.5 MiB is fine (25 MiB limit on that route).
    auto chat = h.startChat();
    const std::string file((3u << 20) / 2, 'z');
    const auto start = h.call("POST", "/participant/start-attachment-upload",
                              R"({"ContentType":"text/plain","AttachmentSizeInBytes":)" + std::to_string(file.size()) +
                                  R"(,"AttachmentName":"a.txt","ClientToken":"c1"})",
                              {{"x-amz-bearer", chat.connectionToken}});
    REQUIRE(start.status == 200);
    auto upload = finchat::decode<finchat::StartAttachmentUploadResponse>(start.body);
    REQUIRE(upload);
    REQUIRE(upload->uploadMetadata);
    REQUIRE(upload->uploadMetadata->url.rfind(h.base() + "/attachments/", 0) == 0);
    finchat::Headers uploadHeaders;
    for (const auto& [k, v] : upload->uploadMetadata->headersToInclude) uploadHeaders.push_back({k, v});
    const auto put = h.call("PUT", upload->uploadMetadata->url.substr(h.base().size()), file, uploadHeaders);
    CHECK(put.status == 200);
    const auto complete = h.call("POST", "/participant/complete-attachment-upload",
                                 R"({"AttachmentIds":[")" + upload->attachmentId + R"("],"ClientToken":"c2"})",
                                 {{"x-amz-bearer", chat.connectionToken}});
    CHECK(complete.status == 200);
    const auto get = h.call("POST", "/participant/attachment", R"({"AttachmentId":")" + upload->attachmentId + R"("})",
                            {{"x-amz-bearer", chat.connectionToken}});
    REQUIRE(get.status == 200);
    auto where = finchat::decode<finchat::GetAttachmentResponse>(get.body);
    REQUIRE(where);
    const auto download = h.call("GET", where->url.substr(h.base().size()));
    CHECK(download.status == 200);
    CHECK(download.body == file);
    // A wrong signature is refused by the service.
    const auto forged = h.call("GET", "/attachments/" + upload->attachmentId + "?sig=forged");
    CHECK(forged.status == 403);
}

TEST_CASE("Malformed HTTP gets 400 and a close; pipelined requests are answered in order", "[connect-local][server]") {
    Harness h;
    auto garbage = RawConnection::open(h.io, h.server->port(), "GARBAGE\x01\x02 nonsense\r\n\r\n");
    REQUIRE(runUntil(h.io, [&] { return garbage->closed; }));
    auto responses = parseResponses(garbage->received);
    REQUIRE(responses.size() == 1);
    CHECK(responses[0].result_int() == 400);
    CHECK(responses[0]["x-amzn-ErrorType"] == "BadRequestException");

    // Oversized header: 431, close.
    auto fat = RawConnection::open(h.io, h.server->port(),
                                   "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20'000, 'a') + "\r\n\r\n");
    REQUIRE(runUntil(h.io, [&] { return fat->closed; }));
    responses = parseResponses(fat->received);
    REQUIRE(responses.size() == 1);
    CHECK(responses[0].result_int() == 431);

    // The server is still serving; two requests in one write come back in order, keep-alive held.
    auto piped = RawConnection::open(h.io, h.server->port(),
                                     "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                                     "PUT /contact/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n{"
                                     "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    REQUIRE(runUntil(h.io, [&] { return piped->closed; }));
    responses = parseResponses(piped->received);
    REQUIRE(responses.size() == 3);
    CHECK(responses[0].result_int() == 404);
    CHECK(responses[1].result_int() == 400);
    CHECK(responses[1]["x-amzn-ErrorType"] == "InvalidRequestException");
    CHECK(responses[2].result_int() == 200);
    CHECK(h.call("GET", "/").status == 200);
}

TEST_CASE("A client trickling its header times out without holding up anyone else", "[connect-local][server]") {
    connect_local::ServerOptions options;
    options.headerTimeout = 300ms;
    Harness h(options);
    auto slow = RawConnection::open(h.io, h.server->port(), "GET / HTTP/1.1\r\nHost: x\r\n");   // never finished
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(h.call("GET", "/").status == 200);   // served meanwhile
    REQUIRE(runUntil(h.io, [&] { return slow->closed; }, 3s));
    CHECK(std::chrono::steady_clock::now() - t0 >= 250ms);
    CHECK(h.server->stats().openConnections <= 1);   // the client's own keep-alive connection at most
}

TEST_CASE("A websocket upgrade with an unusable query is refused with 403", "[connect-local][server]") {
    Harness h;
    for (const char* target : {"/ws?connection=nope", "/ws", "/ws?x=%zz"}) {
        INFO(target);
        websocket::stream<beast::tcp_stream> ws(h.io);
        beast::get_lowest_layer(ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), h.server->port()));
        websocket::response_type res;
        std::optional<error_code> result;
        ws.async_handshake(res, "127.0.0.1", target, [&](error_code ec) { result = ec; });
        REQUIRE(runUntil(h.io, [&] { return result.has_value(); }));
        CHECK(*result == websocket::error::upgrade_declined);
        CHECK(res.result_int() == 403);
        CHECK(res["x-amzn-ErrorType"] == "AccessDeniedException");
    }
    CHECK(h.service.openSocketCount() == 0);
    // GET /ws without an upgrade is not a websocket either.
    CHECK(h.call("GET", "/ws?connection=x").status == 426);
}

TEST_CASE("A ChatSession over the native transports: connect, send, echo, disconnect, Ended", "[connect-local][server][session]") {
    Harness h;
    h.service.setEchoAgent(true);
    finchat_native::BeastWebSocketFactory sockets(h.io);

    finchat::StartChatContactRequest start;
    start.instanceId = "finaptic";
    start.contactFlowId = "finaptic-l2";
    start.participantDetails.displayName = "Dana";
    const auto started = h.call("PUT", "/contact/chat", finchat::encode(start), {{"content-type", "application/json"}});
    REQUIRE(started.status == 200);
    auto contact = finchat::decode<finchat::StartChatContactResponse>(started.body);
    REQUIRE(contact);

    auto session = std::make_unique<finchat::ChatSession>(
        finchat::Platform{h.http, sockets, h.clock, h.random, finchat::builtinPiiDetector(), nullptr},
        finchat::ChatDetails{contact->contactId, contact->participantId, contact->participantToken, h.base(), "Dana"});
    int established = 0, ended = 0;
    session->setEventHandler([&](const finchat::SessionEvent& e) {
        if (e.type == finchat::SessionEventType::ConnectionEstablished) ++established;
        if (e.type == finchat::SessionEventType::ChatEnded) ++ended;
    });
    auto has = [&](const std::string& text, bool own) {
        for (const auto& entry : session->transcript().entries())
            if (entry.item.type == finchat::ItemType::Message && entry.item.content == text && entry.own == own &&
                (!own || !entry.item.id.empty()))
                return true;
        return false;
    };

    session->connect();
    REQUIRE(runUntil(h.io, [&] { return established == 1; }));
    CHECK(session->state() == finchat::SessionState::Live);
    CHECK(h.service.openSocketCount() == 1);

    REQUIRE(session->sendMessage("hello there"));
    REQUIRE(runUntil(h.io, [&] { return has("hello there", true); }));       // the server's copy of our own message
    REQUIRE(runUntil(h.io, [&] { return has("echo: hello there", false); })); // the echo agent's answer

    session->disconnect();
    REQUIRE(runUntil(h.io, [&] { return session->state() == finchat::SessionState::Ended; }));
    CHECK(ended == 1);
    session.reset();
    REQUIRE(runUntil(h.io, [&] { return h.service.openSocketCount() == 0; }));
}

TEST_CASE("Chats through the demo's flow files over real sockets: bot turns, escalation signal, queue, agent, goodbye",
          "[connect-local][server][flows]") {
    Harness h;
    // The files on disk (what a partner edits and imports into Connect), not the compiled-in copies.
    auto flows = connect_local::FlowLibrary::loadDirectory(CONNECT_LOCAL_FLOWS_DIR);
    REQUIRE(flows.errors.empty());
    h.service.setFlows(std::move(flows));
    finchat_native::BeastWebSocketFactory sockets(h.io);

    auto open = [&](std::string& contactId) {
        finchat::StartChatContactRequest start;
        start.instanceId = "acme";
        start.contactFlowId = "acme-l1";
        start.participantDetails.displayName = "Dana";
        start.supportedMessagingContentTypes = {"text/plain", "application/json", "application/vnd.amazonaws.connect.message.interactive"};
        const auto started = h.call("PUT", "/contact/chat", finchat::encode(start), {{"content-type", "application/json"}});
        REQUIRE(started.status == 200);
        auto contact = finchat::decode<finchat::StartChatContactResponse>(started.body);
        REQUIRE(contact);
        contactId = contact->contactId;
        auto session = std::make_unique<finchat::ChatSession>(
            finchat::Platform{h.http, sockets, h.clock, h.random, finchat::builtinPiiDetector(), nullptr},
            finchat::ChatDetails{contact->contactId, contact->participantId, contact->participantToken, h.base(), "Dana"});
        session->connect();
        return session;
    };
    auto received = [](finchat::ChatSession& session, auto pred) {
        for (const auto& entry : session.transcript().entries())
            if (!entry.own && entry.item.type == finchat::ItemType::Message && pred(entry.item)) return true;
        return false;
    };
    // Read through the service (the agent API answers only the contact's own agent).
    auto stage = [&](const std::string& id) -> std::string {
        auto summary = h.service.contactCenter().contactSummary(id);
        return summary ? connect_local::toString(summary->state) : "";
    };

    std::string contactId;
    auto session = open(contactId);
    std::vector<std::string> escalations;   // the widget's cue: the bot relayed Finaptic's escalation signal
    session->setEventHandler([&](const finchat::SessionEvent& e) {
        if (e.type == finchat::SessionEventType::EscalationRequested) escalations.push_back(e.text);
    });
    REQUIRE(runUntil(h.io, [&] {
        return received(*session, [](const finchat::Item& i) { return i.content.rfind("Hi! I'm Acme's virtual assistant", 0) == 0; });
    }));
    REQUIRE(session->sendMessage("what is my balance?"));
    REQUIRE(runUntil(h.io, [&] {
        return received(*session, [](const finchat::Item& i) {
            return i.kind() == finchat::ContentKind::Interactive && i.content.find("ListAccounts") != std::string::npos && i.displayName == "BOT";
        });
    }));
    REQUIRE(session->sendMessage("I need a specialist for a card dispute"));
    REQUIRE(runUntil(h.io, [&] { return !escalations.empty(); }));
    CHECK(escalations[0] == "I need a specialist for a card dispute");
    CHECK(stage(contactId) == "flow");   // the flow keeps the chat with the bot while the widget escalates
    REQUIRE(session->sendMessage("agent please"));
    REQUIRE(runUntil(h.io, [&] { return stage(contactId) == "queued"; }));
    const auto queues = nlohmann::json::parse(h.call("GET", "/agent-api/queues?instance=acme").body);
    CHECK(queues["queues"][0]["id"] == "acme-support");
    CHECK(queues["queues"][0]["contacts"].size() == 1);
    const auto accepted = h.call("POST", "/agent-api/accept", nlohmann::json{{"contactId", contactId}, {"instance", "acme"}, {"agentName", "Sam"}}.dump());
    REQUIRE(accepted.status == 200);
    REQUIRE(runUntil(h.io, [&] {
        for (const auto& entry : session->transcript().entries())
            if (entry.item.kind() == finchat::ContentKind::ParticipantJoined && entry.item.displayName == "Sam") return true;
        return false;
    }));

    std::string secondId;
    auto second = open(secondId);
    REQUIRE(runUntil(h.io, [&] { return second->state() == finchat::SessionState::Live; }));
    REQUIRE(second->sendMessage("goodbye"));
    REQUIRE(runUntil(h.io, [&] { return second->state() == finchat::SessionState::Ended; }));
    CHECK(received(*second, [](const finchat::Item& i) { return i.content == "Thanks for chatting with us. Goodbye!"; }));
    CHECK(stage(secondId) == "ended");
    session.reset();
    second.reset();
}

TEST_CASE("Frame faults from /test/faults: duplicate, reorder, delay, and a queue that overflows closes 1008", "[connect-local][server][faults]") {
    connect_local::ServerOptions options;
    options.seed = 42;
    options.maxWsQueueFrames = 5;
    Harness h(options);
    finchat_native::BeastWebSocketFactory factory(h.io);
    auto chat = h.startChat();
    REQUIRE(chat.websocketUrl.rfind("ws://127.0.0.1:" + std::to_string(h.server->port()) + "/ws?", 0) == 0);
    SocketLog log;
    auto ws = factory.open(chat.websocketUrl, log.sink());
    REQUIRE(runUntil(h.io, [&] { return log.opened == 1; }));
    REQUIRE(h.service.openSocketCount() == 1);
    auto faults = [&](const std::string& body) { REQUIRE(h.call("POST", "/test/faults", body).status == 200); };
    using T = finchat::FrameTopic;

    // No faults: answers in order.
    ws->send(finchat::pingFrame());
    ws->send(finchat::heartbeatFrame());
    REQUIRE(runUntil(h.io, [&] { return log.frames.size() == 2; }));
    CHECK(log.topics() == std::vector<T>{T::Ping, T::Heartbeat});

    faults(R"({"duplicateFrames":1.0})");
    log.frames.clear();
    ws->send(finchat::pingFrame());
    REQUIRE(runUntil(h.io, [&] { return log.frames.size() == 2; }));
    CHECK(log.topics() == std::vector<T>{T::Ping, T::Ping});

    faults(R"({"duplicateFrames":0,"reorderFrames":1.0})");
    log.frames.clear();
    ws->send(finchat::pingFrame());
    ws->send(finchat::heartbeatFrame());
    REQUIRE(runUntil(h.io, [&] { return log.frames.size() == 2; }));
    CHECK(log.topics() == std::vector<T>{T::Heartbeat, T::Ping});
    // A held frame with nothing behind it still goes out, after the hold time.
    log.frames.clear();
    auto sent = std::chrono::steady_clock::now();
    ws->send(finchat::pingFrame());
    REQUIRE(runUntil(h.io, [&] { return log.frames.size() == 1; }));
    CHECK(log.times[log.times.size() - 1] - sent >= 150ms);

    faults(R"({"reset":true})");
    faults(R"({"frameDelayMs":150})");
    log.frames.clear();
    log.times.clear();
    sent = std::chrono::steady_clock::now();
    ws->send(finchat::pingFrame());
    REQUIRE(runUntil(h.io, [&] { return log.frames.size() == 1; }));
    CHECK(log.times[0] - sent >= 140ms);

    // A peer whose frames pile up (here: held back by a long delay) is cut off at the queue bound.
    faults(R"({"frameDelayMs":10000})");
    log.frames.clear();
    for (int i = 0; i < 6; ++i) ws->send(finchat::pingFrame());
    REQUIRE(runUntil(h.io, [&] { return !log.closes.empty(); }));
    CHECK(log.closes[0] == 1008);
    CHECK(log.frames.empty());
    CHECK(h.server->stats().websocketOverflows == 1);
    REQUIRE(runUntil(h.io, [&] { return h.service.openSocketCount() == 0; }));
    faults(R"({"reset":true})");

    // close-sockets from loopback: the service closes with 1001 by default.
    SocketLog second;
    auto chat2 = h.startChat();
    auto ws2 = factory.open(chat2.websocketUrl, second.sink());
    REQUIRE(runUntil(h.io, [&] { return second.opened == 1; }));
    const auto closed = h.call("POST", "/test/close-sockets", "{}");
    CHECK(closed.status == 200);
    REQUIRE(runUntil(h.io, [&] { return !second.closes.empty(); }));
    CHECK(second.closes[0] == 1001);
    REQUIRE(runUntil(h.io, [&] { return h.service.openSocketCount() == 0; }));
}

TEST_CASE("Oversized websocket messages close the socket; stop() reports every socket closed", "[connect-local][server]") {
    Harness h;
    finchat_native::BeastWebSocketFactory factory(h.io);
    auto chat = h.startChat();
    SocketLog log;
    auto ws = factory.open(chat.websocketUrl, log.sink());
    REQUIRE(runUntil(h.io, [&] { return log.opened == 1; }));
    ws->send(std::string(70 * 1024, 'x'));
    REQUIRE(runUntil(h.io, [&] { return !log.closes.empty(); }));
    // Beast sends close 1009, but its 1.74 teardown may reset the connection while the rest of our
    // oversized frame is still unread, and then this client reports 1006 instead.
    CHECK((log.closes[0] == 1009 || log.closes[0] == 1006));
    REQUIRE(runUntil(h.io, [&] { return h.service.openSocketCount() == 0; }));

    // stop() with a socket open: the service hears of it at once, the client sees the close.
    auto chat2 = h.startChat();
    SocketLog other;
    auto ws2 = factory.open(chat2.websocketUrl, other.sink());
    REQUIRE(runUntil(h.io, [&] { return other.opened == 1; }));
    REQUIRE(h.service.openSocketCount() == 1);
    h.server->stop();
    CHECK(h.service.openSocketCount() == 0);   // socketClosed ran inside stop()
    REQUIRE(runUntil(h.io, [&] { return !other.closes.empty(); }));
    runFor(h.io, 50ms);   // late handlers after stop() touch nothing
}

TEST_CASE("/test/* is refused to peers that are not loopback", "[connect-local][server][faults]") {
    // Needs a non-loopback address of this machine to connect from.
    std::string address;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) == 0) {
        for (auto* a = list; a && address.empty(); a = a->ifa_next) {
            if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
            const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
            const auto v4 = asio::ip::address_v4(ntohl(in->sin_addr.s_addr));
            if (!v4.is_loopback() && !v4.is_unspecified()) address = v4.to_string();
        }
        freeifaddrs(list);
    }
    if (address.empty()) {
        WARN("no non-loopback IPv4 address: skipped");
        return;
    }
    connect_local::ServerOptions options;
    options.host = "0.0.0.0";
    Harness h(options);
    const std::string remote = "http://" + address + ":" + std::to_string(h.server->port());
    const auto refused = h.call("POST", "/test/faults", R"({"dropHeartbeats":true})", {}, remote);
    CHECK(refused.status == 403);
    CHECK(finchat::errorFromResponse(refused).serviceType == "AccessDeniedException");
    CHECK_FALSE(h.service.faults().dropHeartbeats);
    CHECK(h.call("POST", "/test/close-sockets", "{}", {}, remote).status == 403);
    // The public API is reachable from there; the URLs it hands out still say 127.0.0.1.
    CHECK(h.call("GET", "/", {}, {}, remote).status == 200);
    CHECK(h.call("POST", "/test/faults", R"({"dropHeartbeats":true})").status == 200);
    CHECK(h.service.faults().dropHeartbeats);
}

TEST_CASE("Static files: content types, index pages, no way out of the directory", "[connect-local][server][static]") {
    const auto root = std::filesystem::temp_directory_path() / ("connect-local-static-" + std::to_string(::getpid()));
    std::filesystem::create_directories(root / "agent");
    auto write = [&](const std::filesystem::path& p, const std::string& text) { std::ofstream(root / p, std::ios::binary) << text; };
    write("index.html", "<h1>demo</h1>");
    write("agent/index.html", "<h1>agent</h1>");
    write("app.wasm", std::string("\0asm\1\0\0\0", 8));
    write("app.mjs", "export {}");
    write("font.woff2", "w");
    write(".secret", "no");
    std::ofstream(root.parent_path() / "connect-local-outside.txt") << "outside";

    connect_local::ServerOptions options;
    options.staticDir = root.string();
    Harness h(options);
    auto check = [&](const char* path, int status, const char* type = nullptr, const char* body = nullptr) {
        return expectGet(h, path, status, type, body);
    };
    check("/", 200, "text/html; charset=utf-8", "<h1>demo</h1>");
    check("/?x=1", 200, "text/html; charset=utf-8", "<h1>demo</h1>");
    check("/agent/?instance=acme", 200, "text/html; charset=utf-8", "<h1>agent</h1>");
    const auto redirect = check("/agent", 301);
    REQUIRE(header(redirect, "location"));
    CHECK(*header(redirect, "location") == "/agent/");
    const auto wasm = check("/app.wasm", 200, "application/wasm");
    CHECK(wasm.body.size() == 8);
    check("/app.mjs", 200, "text/javascript; charset=utf-8");
    check("/font.woff2", 200, "font/woff2");
    for (const char* evil : {"/../connect-local-outside.txt", "/%2e%2e/connect-local-outside.txt",
                             "/agent/../../connect-local-outside.txt", "/..%2fconnect-local-outside.txt",
                             "/.secret", "/agent/%00index.html", "/%zz", "/nope.html"})
        check(evil, 404);
    // API routes still win over files.
    CHECK(h.call("PUT", "/contact/chat", "{").status == 400);

    std::filesystem::remove_all(root);
    std::filesystem::remove(root.parent_path() / "connect-local-outside.txt");
}

TEST_CASE("Mounts: longest prefix wins, content types, redirects, missing directories, no way out", "[connect-local][server][static]") {
    namespace fs = std::filesystem;
    const auto root = fs::temp_directory_path() / ("connect-local-mounts-" + std::to_string(::getpid()));
    fs::remove_all(root);
    for (const char* d : {"site/agent", "dist/fonts", "dist/locales", "themes"}) fs::create_directories(root / d);
    auto write = [&](const fs::path& p, const std::string& text) { std::ofstream(root / p, std::ios::binary) << text; };
    write("site/index.html", "<h1>acme</h1>");
    write("site/csp.html", "<h1>strict</h1>");
    write("site/agent/index.html", "<h1>agent</h1>");
    write("site/finaptic-chat.js", "shadowed by the /finaptic-chat/ mount? no: another name");
    write("dist/finaptic-chat.js", "export default {}");
    write("dist/finaptic-chat.wasm", std::string("\0asm\1\0\0\0", 8));
    write("dist/finaptic-chat.css", ":host{}");
    write("dist/locales/en.json", "{}");
    write("dist/fonts/inter-regular.otf", "OTTO");
    write("dist/fonts/noto-fallback.ttf", "true");
    write("dist/logo.svg", "<svg/>");
    write("dist/logo.png", "png");
    write("themes/acme.json", R"({"name":"acme"})");
    write("outside.txt", "outside");
    std::error_code linkError;
    fs::create_symlink(root / "outside.txt", root / "dist/escape.txt", linkError);   // a link out of the mount

    connect_local::ServerOptions options;
    options.mounts = {{"/finaptic-chat", (root / "dist").string()}, {"/themes/", (root / "themes").string()},
                      {"/", (root / "site").string()}, {"/later/", (root / "not-built-yet").string()}};
    Harness h(options);   // a missing directory does not stop the server
    auto check = [&](const char* path, int status, const char* type = nullptr, const char* body = nullptr,
                     finchat::Headers headers = {}) { return expectGet(h, path, status, type, body, std::move(headers)); };
    check("/", 200, "text/html; charset=utf-8", "<h1>acme</h1>");
    check("/agent/?instance=finaptic", 200, "text/html; charset=utf-8", "<h1>agent</h1>");
    const auto js = check("/finaptic-chat/finaptic-chat.js", 200, "text/javascript; charset=utf-8", "export default {}");
    REQUIRE(header(js, "cache-control"));
    CHECK(*header(js, "cache-control") == "no-cache");
    REQUIRE(header(js, "x-content-type-options"));
    CHECK(*header(js, "x-content-type-options") == "nosniff");
    CHECK_FALSE(header(js, "content-security-policy"));
    CHECK(check("/finaptic-chat/finaptic-chat.wasm", 200, "application/wasm").body.size() == 8);
    check("/finaptic-chat/finaptic-chat.css", 200, "text/css; charset=utf-8");
    check("/finaptic-chat/locales/en.json", 200, "application/json", "{}");
    check("/finaptic-chat/fonts/inter-regular.otf", 200, "font/otf");
    check("/finaptic-chat/fonts/noto-fallback.ttf", 200, "font/ttf");
    check("/finaptic-chat/logo.svg", 200, "image/svg+xml");
    check("/finaptic-chat/logo.png", 200, "image/png");
    check("/themes/acme.json", 200, "application/json", R"({"name":"acme"})");
    check("/finaptic-chat.js", 200, "text/javascript; charset=utf-8");   // the site's own file of that name
    const auto redirect = check("/finaptic-chat?v=1", 301);
    REQUIRE(header(redirect, "location"));
    CHECK(*header(redirect, "location") == "/finaptic-chat/?v=1");
    check("/later/x.js", 404);

    // An unchanged file revalidates with 304 and no body.
    REQUIRE(header(js, "etag"));
    const auto again = check("/finaptic-chat/finaptic-chat.js", 304, nullptr, "", {{"if-none-match", *header(js, "etag")}});
    CHECK(*header(again, "etag") == *header(js, "etag"));
    check("/finaptic-chat/finaptic-chat.js", 200, nullptr, "export default {}", {{"if-none-match", "\"other\""}});

    // The strict policy: /csp.html only, unless cspEverywhere.
    const auto strict = check("/csp.html", 200, "text/html; charset=utf-8", "<h1>strict</h1>");
    REQUIRE(header(strict, "content-security-policy"));
    CHECK(*header(strict, "content-security-policy") == connect_local::kStrictCsp);
    CHECK(std::string(connect_local::kStrictCsp).find("script-src 'self' 'wasm-unsafe-eval';") != std::string::npos);
    CHECK_FALSE(header(check("/", 200), "content-security-policy"));

    for (const char* evil : {"/finaptic-chat/../outside.txt", "/finaptic-chat/%2e%2e/outside.txt", "/finaptic-chat/..%2foutside.txt",
                             "/finaptic-chat/fonts/../../outside.txt", "/themes/%2e%2e/outside.txt", "/themes/..%5coutside.txt",
                             "/finaptic-chat/escape.txt", "/finaptic-chat/.hidden", "/finaptic-chat/%00", "/../outside.txt"})
        check(evil, 404);

    // The endpoint list stays reachable under its own path.
    const auto list = check("/connect-local/", 200, "text/html; charset=utf-8");
    CHECK(list.body.find("/acme/api/chat-token") != std::string::npos);
    CHECK(list.body.find("/finaptic-chat/") != std::string::npos);
    CHECK(list.body.find("missing") != std::string::npos);   // /later/ is not built

    // --csp: every file gets the policy.
    connect_local::ServerOptions everywhere;
    everywhere.mounts = {{"/", (root / "site").string()}};
    everywhere.cspEverywhere = true;
    Harness strictServer(everywhere);
    const auto page = strictServer.call("GET", "/");
    CHECK(page.status == 200);
    REQUIRE(header(page, "content-security-policy"));
    CHECK(*header(page, "content-security-policy") == connect_local::kStrictCsp);

    // Without any "/" mount, / is the endpoint list; --static still must exist.
    connect_local::ServerOptions noRoot;
    noRoot.mounts = {{"/themes/", (root / "themes").string()}};
    Harness listOnly(noRoot);
    const auto index = listOnly.call("GET", "/");
    CHECK(index.status == 200);
    CHECK(index.body.find("PUT /contact/chat") != std::string::npos);
    connect_local::ServerOptions badStatic;
    badStatic.staticDir = (root / "nope").string();
    asio::io_context io;
    finchat_native::AsioClock clock{io};
    finchat_native::SystemRandom random{1};
    connect_local::ChatService service{connect_local::Config::demo(), clock, random};
    connect_local::Server server(io, service, badStatic);
    std::string error;
    CHECK_FALSE(server.start(error));
    CHECK(error.find("static directory") != std::string::npos);

    fs::remove_all(root);
}
