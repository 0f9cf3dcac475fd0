// ChatSession: the lifecycle of reference §6, driven step by step through fakes and a manual clock.
#include <catch2/catch.hpp>

#include "finchat/pii.h"
#include "finchat/util.h"
#include "session_harness.h"

using namespace finchat;
using fake::FakeHttp;
using fake::Harness;
using fake::kT0;
using Ev = SessionEventType;

namespace {
const std::string CPC = "/participant/connection";
const std::string MSG = "/participant/message";
const std::string EVT = "/participant/event";
const std::string TRN = "/participant/transcript";
const std::string DISC = "/participant/disconnect";
const ParticipantRole Agent = ParticipantRole::Agent;
const ParticipantRole Customer = ParticipantRole::Customer;

std::vector<std::string> serverIds(const Transcript& t) {
    std::vector<std::string> out;
    for (const auto& e : t.entries()) out.push_back(e.item.id);
    return out;
}
SessionConfig quietConfig() {   // no heartbeat or socket swap noise for long clock jumps
    SessionConfig c;
    c.timings.heartbeatIntervalMs = 1LL << 40;
    c.timings.transportLifetimeMs = 1LL << 40;
    return c;
}
}  // namespace

// ---------------------------------------------------------------------------------------------
TEST_CASE("connect: CPC with the ParticipantToken, websocket, subscribe, heartbeat, live, re-sync", "[session]") {
    Harness h;
    h.session->connect();
    CHECK(h.session->state() == SessionState::Connecting);
    auto cpc = h.take(CPC);
    CHECK(cpc.request.method == "POST");
    CHECK(cpc.request.url == "http://127.0.0.1:8080/participant/connection");
    CHECK(cpc.bearer() == "PT-secret");
    CHECK(cpc.request.body == R"({"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]})");   // as chatjs sends it
    cpc.done(FakeHttp::ok(Harness::cpcBody("CT-1", "ws://127.0.0.1:8080/ws?s=1", h.w.clock.nowMs() + 86'400'000, h.w.clock.nowMs())));

    fake::FakeSocket* s = h.socket();
    REQUIRE(s != nullptr);
    CHECK(s->url == "ws://127.0.0.1:8080/ws?s=1");
    CHECK(s->sent.empty());
    s->serverOpen();
    // subscribe, then the first deep heartbeat and heartbeat at once
    CHECK(s->sent == std::vector<std::string>{subscribeFrame(), pingFrame(), heartbeatFrame()});
    CHECK(h.session->state() == SessionState::Connecting);   // not live before the ack
    s->ackSubscribe();
    CHECK(h.session->state() == SessionState::Live);
    CHECK(h.count(Ev::ConnectionEstablished) == 1);

    auto transcript = h.take(TRN);
    CHECK(transcript.bearer() == "CT-1");
    CHECK(transcript.request.body == R"({"MaxResults":100,"ScanDirection":"BACKWARD","SortOrder":"ASCENDING","StartPosition":{}})");
}

TEST_CASE("an agent participant marks itself connected", "[session]") {
    SessionConfig c;
    c.role = Agent;
    Harness h(c);
    h.session->connect();
    CHECK(h.take(CPC).request.body == R"({"ConnectParticipant":true,"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]})");
}

TEST_CASE("heartbeat: a pair every 10 s; a missing ack swaps to a new socket without losing the chat", "[session]") {
    Harness h;
    h.goLive();
    fake::FakeSocket* first = h.socket();
    first->sent.clear();
    h.w.clock.advance(10'000);
    CHECK(first->sent == std::vector<std::string>{pingFrame(), heartbeatFrame()});
    first->ackHeartbeats();
    h.w.clock.advance(10'000);
    CHECK(first->sent.size() == 4);
    // No acks this time: detected at the next tick.
    h.w.clock.advance(10'000);
    CHECK(h.count(Ev::HeartbeatFailure) == 1);
    CHECK(h.w.http.count(CPC) == 1);
    h.answerCpc("CT-2", "ws://127.0.0.1:8080/ws?s=2");
    fake::FakeSocket* second = h.socket();
    REQUIRE(second != first);
    CHECK(h.w.sockets.liveCount() == 2);   // both open during the swap
    second->serverOpen();
    second->ackSubscribe();
    CHECK(h.w.sockets.liveCount() == 1);
    CHECK(h.w.sockets.closes.back() == std::make_pair(std::string("ws://127.0.0.1:8080/ws?s=1"), 1000));
    CHECK(h.session->state() == SessionState::Live);
    CHECK(h.count(Ev::ConnectionLost) == 0);
    CHECK(h.w.http.count(TRN) == 1);   // re-sync: items may have been lost on the silent socket
}

TEST_CASE("heartbeat: no second swap while one is under way", "[session]") {
    SessionConfig c;
    c.timings.heartbeatIntervalMs = 400;   // ticks land while the new socket is still opening
    Harness h(c);
    h.goLive();
    h.w.clock.advance(800);                // tick 1 sends, tick 2 finds no ack
    CHECK(h.count(Ev::HeartbeatFailure) == 1);
    h.answerCpc("CT-2", "ws://127.0.0.1:8080/ws?s=2");
    h.w.clock.advance(400);                // tick 3: still no ack, but the swap is in progress
    CHECK(h.count(Ev::HeartbeatFailure) == 2);
    CHECK(h.w.http.count(CPC) == 0);
    CHECK(h.w.sockets.liveCount() == 2);
}

TEST_CASE("the socket is replaced proactively after 59 minutes", "[session]") {
    SessionConfig c;
    c.timings.heartbeatIntervalMs = 1LL << 40;
    Harness h(c);
    h.goLive();
    h.w.clock.advance(3'540'000 - 1);
    CHECK(h.w.http.count(CPC) == 0);
    h.w.clock.advance(1);
    CHECK(h.w.http.count(CPC) == 1);
    h.answerCpc("CT-2", "ws://127.0.0.1:8080/ws?s=2");
    h.openAndSubscribe();
    CHECK(h.w.sockets.liveCount() == 1);
    CHECK(h.session->state() == SessionState::Live);
}

TEST_CASE("socket lost: reconnect at once, then re-sync pages back until the gap is closed", "[session]") {
    Harness h;
    h.goLive({fake::message("m-000", "p-agent", Agent, "before", kT0 - 1000)});
    h.socket()->serverClose(1001);
    CHECK(h.session->state() == SessionState::Reconnecting);
    CHECK(h.count(Ev::ConnectionLost) == 1);
    CHECK(h.w.http.count(CPC) == 1);   // immediately, no backoff for the first try
    h.answerCpc("CT-2", "ws://127.0.0.1:8080/ws?s=2");
    h.openAndSubscribe();
    CHECK(h.session->state() == SessionState::Live);
    CHECK(h.count(Ev::ConnectionEstablished) == 2);

    // 250 items arrived while we were away: three pages of 100, the last one overlaps what we had.
    std::vector<Item> server;
    server.push_back(fake::message("m-000", "p-agent", Agent, "before", kT0 - 1000));
    for (int i = 1; i <= 250; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "m-%03d", i);
        server.push_back(fake::message(id, "p-agent", Agent, "while away", kT0 + i * 10));
    }
    h.answerTranscript({server.begin() + 151, server.end()}, "page-2");
    auto second = h.take(TRN);
    CHECK(second.request.body.find(R"("NextToken":"page-2")") != std::string::npos);
    GetTranscriptResponse p2;
    p2.transcript = {server.begin() + 51, server.begin() + 151};
    p2.nextToken = "page-3";
    second.done(FakeHttp::ok(encode(p2)));
    h.answerTranscript({server.begin(), server.begin() + 51}, "page-4");
    CHECK(h.w.http.count(TRN) == 0);   // m-000 was known: the gap is closed, no fourth page
    CHECK(h.session->transcript().size() == 251);
    std::vector<std::string> expected;
    for (const auto& i : server) expected.push_back(i.id);
    CHECK(serverIds(h.session->transcript()) == expected);
}

TEST_CASE("reconnect storm: jittered exponential backoff up to 30 s, reset once live", "[session]") {
    Harness h(quietConfig());
    h.goLive();
    h.socket()->serverClose(1006);
    h.answer(CPC, FakeHttp::networkFailure());
    for (std::int64_t expected : {2000, 4000, 8000, 16000, 30000, 30000}) {
        INFO("backoff around " << expected << " ms");
        h.w.clock.advance(expected * 7 / 10 - 1);   // ±30 % jitter
        REQUIRE(h.w.http.count(CPC) == 0);
        h.w.clock.advance(expected * 6 / 10 + 2);
        REQUIRE(h.w.http.count(CPC) == 1);
        if (expected == 30000 && h.session->reconnectAttempt() > 5) break;
        h.answer(CPC, expected == 16000 ? FakeHttp::error(503, "InternalServerException") : FakeHttp::networkFailure());
        CHECK(h.session->state() == SessionState::Reconnecting);
    }
    h.answerCpc("CT-9", "ws://127.0.0.1:8080/ws?s=9");
    h.openAndSubscribe();
    CHECK(h.session->state() == SessionState::Live);
    CHECK(h.session->reconnectAttempt() == 0);
}

TEST_CASE("retryNow skips the remaining backoff (browser 'online' event)", "[session]") {
    Harness h(quietConfig());
    h.goLive();
    h.socket()->serverClose(1006);
    h.answer(CPC, FakeHttp::networkFailure());
    CHECK(h.w.http.count(CPC) == 0);
    h.session->retryNow();
    CHECK(h.w.http.count(CPC) == 1);
}

TEST_CASE("403 on CreateParticipantConnection after a loss means the chat ended meanwhile", "[session]") {
    Harness h;
    h.goLive();
    CHECK(h.w.storage.values.count("finchat.session") == 1);
    h.socket()->serverClose(1001);
    h.answer(CPC, FakeHttp::error(403, "AccessDeniedException", "Access denied"));
    CHECK(h.session->state() == SessionState::Ended);
    CHECK(h.count(Ev::ChatEnded) == 1);
    REQUIRE(h.session->transcript().size() == 1);
    CHECK(h.session->transcript().entries().back().item.kind() == ContentKind::ChatEnded);   // synthetic
    CHECK(h.w.storage.values.count("finchat.session") == 0);
    CHECK(h.w.sockets.liveCount() == 0);
}

TEST_CASE("non-retryable failures end in Failed with a typed error", "[session]") {
    Harness h;
    h.session->connect();
    SECTION("a websocket URL with an unsupported scheme") {
        h.answerCpc("CT-1", "https://127.0.0.1:8080/ws");
        CHECK(h.session->lastError()->code == ErrorCode::InvalidValue);
    }
    SECTION("a 400 from CreateParticipantConnection") {
        h.answer(CPC, FakeHttp::error(400, "ValidationException"));
        CHECK(h.session->lastError()->serviceType == "ValidationException");
    }
    SECTION("a response without credentials") {
        h.answer(CPC, FakeHttp::ok("{}"));
        CHECK(h.session->lastError()->code == ErrorCode::MissingField);
    }
    SECTION("a response that is not JSON") {
        h.answer(CPC, FakeHttp::ok("<html>"));
        CHECK(h.session->lastError()->code == ErrorCode::MalformedJson);
    }
    CHECK(h.session->state() == SessionState::Failed);
    CHECK(h.count(Ev::Error) == 1);
}

TEST_CASE("a socket that does not open is retried with backoff, then a fresh URL is fetched", "[session]") {
    Harness h;
    h.session->connect();
    h.answerCpc();
    for (int s = 0; s < 90; ++s) h.w.clock.advance(1000);
    CHECK(h.w.http.count(CPC) == 1);
    const auto opened = h.w.sockets.all.size();
    CHECK(opened >= 5);
    CHECK(opened <= 8);
    CHECK(h.w.sockets.liveCount() == 0);
    CHECK(h.session->state() == SessionState::Connecting);
}

TEST_CASE("subscribe: resent every second, the socket is replaced after 3 unanswered", "[session]") {
    Harness h;
    h.session->connect();
    h.answerCpc();
    fake::FakeSocket* s = h.socket();
    s->serverOpen();
    for (int i = 0; i < 3; ++i) h.w.clock.advance(1000);
    CHECK(s->countSent(subscribeFrame()) == 4);
    h.w.clock.advance(1000);
    CHECK(h.w.sockets.liveCount() == 0);
    CHECK(h.w.http.count(CPC) == 1);
}

TEST_CASE("subscribe: a failure status is retried every 500 ms, five times", "[session]") {
    Harness h;
    h.session->connect();
    h.answerCpc();
    fake::FakeSocket* s = h.socket();
    s->serverOpen();
    for (int i = 0; i < 4; ++i) {
        s->serverSend(subscribeAckFrame(false, {"aws/chat"}));
        h.w.clock.advance(500);
    }
    CHECK(s->countSent(subscribeFrame()) == 5);
    s->serverSend(subscribeAckFrame(false, {"aws/chat"}));
    CHECK(h.w.sockets.liveCount() == 0);
    CHECK(h.w.http.count(CPC) == 1);
}

TEST_CASE("the ConnectionToken is refreshed 60 s before expiry, without touching the socket", "[session]") {
    Harness h(quietConfig());
    SECTION("a day-long token") {
        h.goLive();
        h.w.clock.advance(86'400'000 - 60'000 - 1);
        CHECK(h.w.http.count(CPC) == 0);
        h.w.clock.advance(1);
    }
    SECTION("short tokens are refreshed early, never in a loop") {
        // 66 s: at expiry - 60 s (chatjs); 30 s: shorter than the lead, so at half its life.
        const auto [lifetime, refreshAt] = GENERATE(table<std::int64_t, std::int64_t>({{66'000, 6'000}, {30'000, 15'000}}));
        h.session->connect();
        h.answerCpc("CT-1", "ws://127.0.0.1:8080/ws?s=1", lifetime);
        h.openAndSubscribe();
        h.answerTranscript({});
        h.w.clock.advance(refreshAt - 1);
        CHECK(h.w.http.count(CPC) == 0);
        h.w.clock.advance(1);
    }
    auto refresh = h.take(CPC);
    CHECK(refresh.bearer() == "PT-secret");
    const auto socketsBefore = h.w.sockets.all.size();
    refresh.done(FakeHttp::ok(Harness::cpcBody("CT-2", "ws://127.0.0.1:8080/ws?s=2", h.w.clock.nowMs() + 86'400'000, h.w.clock.nowMs())));
    CHECK(h.w.sockets.all.size() == socketsBefore);
    CHECK(h.w.sockets.liveCount() == 1);
    h.session->sendMessage("after refresh");
    CHECK(h.take(MSG).bearer() == "CT-2");
}

// ---------------------------------------------------------------------------------------------
TEST_CASE("sending: pending, then sent; the echo is never shown twice", "[session][send]") {
    Harness h;
    h.goLive();
    auto local = h.session->sendMessage("hello");
    REQUIRE(local.ok());
    CHECK(h.session->transcript().findLocal(*local)->delivery == Delivery::Pending);
    auto req = h.take(MSG);
    CHECK(req.bearer() == "CT-1");
    auto body = decode<SendMessageRequest>(req.request.body);
    REQUIRE(body.ok());
    CHECK(body->content == "hello");
    CHECK(body->contentType == "text/plain");
    CHECK(body->clientToken.size() == 36);

    SECTION("echo first") {
        h.push(fake::message("m-1", "p-cust", Customer, "hello", h.w.clock.nowMs()));
        CHECK(h.session->transcript().size() == 1);
    }
    SendMessageResponse r{"m-1", formatIsoTime(h.w.clock.nowMs()), std::nullopt};
    req.done(FakeHttp::ok(encode(r)));
    h.push(fake::message("m-1", "p-cust", Customer, "hello", h.w.clock.nowMs()));
    REQUIRE(h.session->transcript().size() == 1);
    CHECK(h.session->transcript().entries()[0].delivery == Delivery::Sent);
    CHECK(h.session->transcript().entries()[0].item.id == "m-1");
}

TEST_CASE("sending: 429 and 5xx are retried with the same ClientToken, three attempts in all", "[session][send]") {
    Harness h;
    h.goLive();
    auto local = h.session->sendMessage("hello");
    const std::string first = h.w.http.requests.back().request.body;
    h.answer(MSG, FakeHttp::error(500, "InternalServerException"));
    CHECK(h.w.http.count(MSG) == 0);
    h.w.clock.advance(100);   // full jitter within 100 ms
    REQUIRE(h.w.http.count(MSG) == 1);
    CHECK(h.w.http.requests.back().request.body == first);
    h.answer(MSG, FakeHttp::error(429, "ThrottlingException"));
    h.w.clock.advance(1000);  // throttled: within 500 ms·2
    REQUIRE(h.w.http.count(MSG) == 1);
    CHECK(h.w.http.requests.back().request.body == first);

    SECTION("the third attempt succeeds") {
        h.answerSend("m-1", h.w.clock.nowMs());
        CHECK(h.session->transcript().findLocal(*local)->delivery == Delivery::Sent);
        CHECK(h.count(Ev::SendFailed) == 0);
    }
    SECTION("the third attempt fails, but the server's copy came meanwhile: sent, no failure") {
        h.push(fake::message("m-1", "p-cust", Customer, "hello", h.w.clock.nowMs()));   // held: a send is out
        h.answer(MSG, FakeHttp::error(503, "InternalServerException"));
        CHECK(h.session->transcript().findLocal(*local)->delivery == Delivery::Sent);
        CHECK(h.session->transcript().size() == 1);
        CHECK(h.count(Ev::SendFailed) == 0);
    }
    SECTION("the third attempt fails: the message is marked failed, a retry reuses the token") {
        h.answer(MSG, FakeHttp::error(503, "InternalServerException"));
        h.w.clock.advance(10'000);
        CHECK(h.w.http.count(MSG) == 0);
        CHECK(h.session->transcript().findLocal(*local)->delivery == Delivery::Failed);
        CHECK(h.count(Ev::SendFailed) == 1);
        REQUIRE(h.session->retrySend(*local).ok());
        CHECK(h.w.http.requests.back().request.body == first);
        h.answerSend("m-1", h.w.clock.nowMs());
        CHECK(h.session->transcript().findLocal(*local)->delivery == Delivery::Sent);
    }
    CHECK(h.w.http.sent(MSG) >= 3);
}

TEST_CASE("sending: other 4xx fail at once; 403 first refreshes the ConnectionToken", "[session][send]") {
    Harness h;
    h.goLive();
    auto local = h.session->sendMessage("hello");
    SECTION("400") {
        h.answer(MSG, FakeHttp::error(400, "ValidationException"));
        h.w.clock.advance(10'000);
        CHECK(h.w.http.sent(MSG) == 1);
        CHECK(h.session->transcript().findLocal(*local)->delivery == Delivery::Failed);
        CHECK(h.session->transcript().findLocal(*local)->error->serviceType == "ValidationException");
    }
    SECTION("403 with a stale token") {
        const std::string body = h.w.http.requests.back().request.body;
        h.answer(MSG, FakeHttp::error(403, "AccessDeniedException"));
        h.answerCpc("CT-2", "ws://127.0.0.1:8080/ws?s=2");
        auto again = h.take(MSG);
        CHECK(again.bearer() == "CT-2");
        CHECK(again.request.body == body);
    }
}

TEST_CASE("sending: bad input is refused locally with a typed error", "[session][send]") {
    Harness h;
    h.goLive();
    CHECK(h.session->sendMessage("   \n").error().code == ErrorCode::InvalidValue);
    CHECK(h.session->sendMessage(std::string(1025, 'a')).error().code == ErrorCode::TooLarge);
    CHECK(h.session->sendMessage("x", "image/png").error().code == ErrorCode::InvalidValue);
    CHECK(h.w.http.count(MSG) == 0);
    std::string accents;
    for (int i = 0; i < 1024; ++i) accents += "\xC3\xA9";   // 1,024 characters, 2,048 bytes: allowed
    CHECK(h.session->sendMessage(accents).ok());
}

TEST_CASE("sending while offline: messages wait and go out with the same ClientToken when back", "[session][send]") {
    Harness h(quietConfig());
    h.goLive();
    h.socket()->serverClose(1006);
    h.answer(CPC, FakeHttp::networkFailure());
    auto local = h.session->sendMessage("are you there?");
    const std::string body = h.w.http.requests.back().request.body;
    for (int i = 0; i < 3; ++i) {
        h.answer(MSG, FakeHttp::networkFailure());
        h.w.clock.advance(400);
    }
    CHECK(h.session->transcript().findLocal(*local)->delivery == Delivery::Pending);
    CHECK(h.count(Ev::SendFailed) == 0);
    h.w.clock.advance(3000);
    h.answerCpc("CT-2", "ws://127.0.0.1:8080/ws?s=2");
    h.openAndSubscribe();
    auto resent = h.take(MSG);
    CHECK(resent.request.body == body);
}

// ---------------------------------------------------------------------------------------------
TEST_CASE("incoming items are de-duplicated and ordered", "[session]") {
    Harness h;
    h.goLive();
    h.push(fake::message("m-2", "p-agent", Agent, "second", kT0 + 2000));
    h.push(fake::message("m-1", "p-agent", Agent, "first", kT0 + 1000));
    h.push(fake::message("m-2", "p-agent", Agent, "second", kT0 + 2000));
    CHECK(serverIds(h.session->transcript()) == std::vector<std::string>{"m-1", "m-2"});
    CHECK(h.count(Ev::TranscriptChanged) == 2);
    SECTION("items of another contact are dropped, as chatjs does") {
        h.push(fake::message("m-x", "p-agent", Agent, "not ours", kT0 + 3000, "c-other"));
        CHECK(h.session->transcript().size() == 2);
    }
}

TEST_CASE("malformed frames are reported and skipped; the session stays live", "[session]") {
    Harness h;
    h.goLive();
    for (const char* bad : {"garbage", "{}", "[1,2]", R"({"topic":"aws/chat","content":"not json"})",
                            R"({"topic":"aws/chat","content":"{\"Id\":5,\"Type\":\"MESSAGE\"}"})",
                            R"({"topic":"aws/chat","content":"{\"Type\":\"MESSAGE\"}"})"})
        h.socket()->serverSend(bad);
    h.socket()->serverSend("");   // empty frames are ignored, as chatjs does
    CHECK(h.count(Ev::Error) == 6);
    CHECK(h.session->state() == SessionState::Live);
    h.push(fake::message("m-1", "p-agent", Agent, "still here", kT0));
    CHECK(h.session->transcript().size() == 1);
}

TEST_CASE("receipts: delivered after 300 ms, coalesced in a 5 s window, never repeated", "[session][receipts]") {
    Harness h(quietConfig());
    h.goLive();
    h.push(fake::message("m-1", "p-agent", Agent, "one", kT0 + 1));
    h.push(fake::message("m-2", "p-agent", Agent, "two", kT0 + 2));
    h.push(fake::message("b-1", "p-bot", ParticipantRole::System, "bot text", kT0 + 3));   // bots get none
    h.w.clock.advance(300 + 5000 - 1);
    CHECK(h.w.http.count(EVT) == 0);
    h.w.clock.advance(1);
    REQUIRE(h.w.http.count(EVT) == 1);   // only the latest of the window
    auto delivered = h.take(EVT);
    auto body = decode<SendEventRequest>(delivered.request.body);
    REQUIRE(body.ok());
    CHECK(body->contentType == "application/vnd.amazonaws.connect.event.message.delivered");
    CHECK(body->content == R"({"messageId":"m-2"})");

    h.session->markRead("m-2");
    h.w.clock.advance(5000);
    auto read = decode<SendEventRequest>(h.take(EVT).request.body);
    CHECK(read->contentType == "application/vnd.amazonaws.connect.event.message.read");
    CHECK(read->content == R"({"messageId":"m-2"})");

    h.session->markRead("m-2");   // already read
    h.session->markRead("b-1");   // bot message
    h.w.clock.advance(10'000);
    CHECK(h.w.http.count(EVT) == 0);
}

TEST_CASE("receipts: a read that is the latest request goes out alone", "[session][receipts]") {
    Harness h(quietConfig());
    h.goLive();
    h.push(fake::message("m-1", "p-agent", Agent, "one", kT0 + 1));
    h.w.clock.advance(300);            // the delivered request joins the window
    h.session->markRead("m-1");        // ...and a read for the same message follows
    h.w.clock.advance(5000);
    REQUIRE(h.w.http.count(EVT) == 1);
    CHECK(decode<SendEventRequest>(h.take(EVT).request.body)->contentType.find("message.read") != std::string::npos);
}

TEST_CASE("receipts: replying marks the last incoming message read; transcript receipts are not re-sent", "[session][receipts]") {
    Harness h(quietConfig());
    Item seen = fake::message("m-1", "p-agent", Agent, "earlier", kT0 - 5000);
    seen.messageMetadata = fake::receipt("", "m-1", "p-cust", /*read=*/true, kT0 - 4000).messageMetadata;
    h.goLive({seen, fake::message("m-2", "p-agent", Agent, "latest", kT0 - 3000)});
    h.w.clock.advance(6000);
    auto delivered = decode<SendEventRequest>(h.take(EVT).request.body);
    CHECK(delivered->content == R"({"messageId":"m-2"})");   // m-1 was already read before the reload
    h.session->sendMessage("thanks");
    h.w.clock.advance(5000);
    auto read = decode<SendEventRequest>(h.take(EVT).request.body);
    CHECK(read->contentType.find("message.read") != std::string::npos);
    CHECK(read->content == R"({"messageId":"m-2"})");
}

TEST_CASE("typing: sent with a 10 s leading-edge throttle; shown for 12 s or until their message", "[session][typing]") {
    Harness h(quietConfig());
    h.goLive();
    h.session->notifyTyping();
    auto t = h.take(EVT);
    auto body = decode<SendEventRequest>(t.request.body);
    CHECK(body->contentType == "application/vnd.amazonaws.connect.event.typing");
    CHECK(t.request.body.find("\"Content\"") == std::string::npos);   // no Content key at all
    h.w.clock.advance(5000);
    h.session->notifyTyping();
    CHECK(h.w.http.count(EVT) == 0);
    h.w.clock.advance(5000);
    h.session->notifyTyping();
    CHECK(h.w.http.count(EVT) == 1);
    h.take(EVT);

    h.push(fake::event("t-0", ContentKind::Typing, kT0, "p-cust", Customer));   // our own echo
    CHECK(h.session->typing().empty());
    h.push(fake::event("t-1", ContentKind::Typing, kT0, "p-agent"));
    REQUIRE(h.session->typing().size() == 1);
    CHECK(h.session->typing()[0].displayName == "Sam");
    SECTION("expires after 12 s") {
        h.w.clock.advance(11'999);
        CHECK(h.session->typing().size() == 1);
        h.w.clock.advance(1);
        CHECK(h.session->typing().empty());
    }
    SECTION("cleared by their message") {
        h.push(fake::message("m-1", "p-agent", Agent, "hi", kT0 + 1));
        CHECK(h.session->typing().empty());
    }
    CHECK(h.count(Ev::TypingChanged) == 2);
}

TEST_CASE("lifecycle events are surfaced as typed events", "[session]") {
    Harness h;
    h.goLive();
    h.push(fake::event("e-1", ContentKind::ParticipantJoined, kT0 + 1, "p-agent"));
    h.push(fake::event("e-2", ContentKind::ParticipantIdle, kT0 + 2, "p-agent"));
    h.push(fake::event("e-3", ContentKind::ParticipantReturned, kT0 + 3, "p-agent"));
    h.push(fake::event("e-4", ContentKind::TransferSucceeded, kT0 + 4));
    h.push(fake::event("e-5", ContentKind::ParticipantLeft, kT0 + 5, "p-agent"));
    h.push(fake::event("e-6", ContentKind::ParticipantAutoDisconnection, kT0 + 6, "p-agent"));
    h.push(fake::event("e-1", ContentKind::ParticipantJoined, kT0 + 1, "p-agent"));   // duplicate
    CHECK(h.count(Ev::ParticipantJoined) == 1);
    CHECK(h.count(Ev::ParticipantIdle) == 1);
    CHECK(h.count(Ev::ParticipantReturned) == 1);
    CHECK(h.count(Ev::TransferSucceeded) == 1);
    CHECK(h.count(Ev::ParticipantLeft) == 1);
    CHECK(h.count(Ev::AutoDisconnection) == 1);
    CHECK(serverIds(h.session->transcript()) == std::vector<std::string>{"e-1", "e-4", "e-5"});
}

TEST_CASE("the Finaptic escalation signal is consumed, announced once, never shown", "[session]") {
    Harness h;
    h.goLive();
    Item signal = fake::message("m-esc", "p-agent", Agent, escalationSignalContent("card dispute"), kT0);
    signal.contentType = "application/json";
    h.push(signal);
    h.push(signal);
    CHECK(h.count(Ev::EscalationRequested) == 1);
    CHECK(h.events.back().text == "card dispute");
    CHECK(h.session->transcript().size() == 0);
}

TEST_CASE("streamed bot replies are assembled chunk by chunk", "[session]") {
    Harness h;
    h.goLive();
    auto chunk = [&](std::string text, int n, bool done) {
        Item i = fake::message("s-1", "p-bot", ParticipantRole::System, std::move(text), kT0);
        i.messageMetadata = MessageMetadata{};
        i.messageMetadata->messageCompleted = done;
        if (n) i.messageMetadata->chunkNumber = n;
        h.push(i);
    };
    chunk("Hel", 1, false);
    chunk("!!", 3, false);   // out of sequence: ignored
    chunk("lo", 2, false);
    REQUIRE(h.session->transcript().size() == 1);
    CHECK(h.session->transcript().entries()[0].item.content == "Hello");
    chunk("Hello there", 0, true);
    CHECK(h.session->transcript().entries()[0].item.content == "Hello there");
    CHECK(h.session->transcript().size() == 1);
}

TEST_CASE("chat.ended: the session ends, sockets close, nothing more can be sent", "[session]") {
    Harness h;
    h.goLive();
    auto inFlight = h.session->sendMessage("last words");
    h.push(fake::event("e-end", ContentKind::ChatEnded, kT0 + 10));
    CHECK(h.session->state() == SessionState::Ended);
    CHECK(h.count(Ev::ChatEnded) == 1);
    CHECK(h.w.sockets.liveCount() == 0);
    CHECK(h.w.sockets.closes.back().second == 1000);
    // Its SendMessage is still out: the answer, not the end, says whether the server took it.
    CHECK(h.session->transcript().findLocal(*inFlight)->delivery == Delivery::Pending);
    h.answer("/participant/message", FakeHttp::error(403, "AccessDeniedException", "Access denied"));
    CHECK(h.session->transcript().findLocal(*inFlight)->delivery == Delivery::Failed);
    CHECK(h.session->transcript().findLocal(*inFlight)->error->code == ErrorCode::Ended);
    CHECK(h.session->sendMessage("hello?").error().code == ErrorCode::Ended);
    CHECK(h.w.storage.values.count("finchat.session") == 0);
    h.w.clock.advance(60'000);
    CHECK(h.w.http.count(EVT) == 0);   // no receipts, heartbeats or refreshes after the end
    CHECK(h.w.clock.pendingTimers() == 0);
}

TEST_CASE("chat.ended: a send out then answered 5xx keeps that error (the server may have it), a 403 says Ended", "[session]") {
    Harness h;
    h.goLive();
    auto maybe = h.session->sendMessage("maybe taken");
    auto refused = h.session->sendMessage("refused");
    h.push(fake::event("e-end", ContentKind::ChatEnded, kT0 + 10));
    h.answer("/participant/message", FakeHttp::error(500, "InternalServerException"));
    h.answer("/participant/message", FakeHttp::error(403, "AccessDeniedException", "Access denied"));
    const TranscriptEntry* a = h.session->transcript().findLocal(*maybe);
    const TranscriptEntry* b = h.session->transcript().findLocal(*refused);
    CHECK(a->delivery == Delivery::Failed);
    REQUIRE(a->error);
    CHECK(a->error->retryable());                  // unknown outcome: not "ended before it was sent"
    CHECK(b->delivery == Delivery::Failed);
    CHECK(b->error->code == ErrorCode::Ended);
    CHECK(h.w.http.count("/participant/message") == 0);   // neither is tried again after the end
}

TEST_CASE("disconnect: REST only; the end comes with chat.ended, or after a grace period", "[session]") {
    Harness h;
    h.goLive();
    h.session->disconnect();
    auto req = h.take(DISC);
    auto body = decode<DisconnectParticipantRequest>(req.request.body);
    CHECK(body->clientToken.size() == 36);
    req.done(FakeHttp::ok("{}"));
    CHECK(h.session->state() == SessionState::Live);
    SECTION("chat.ended arrives") {
        h.push(fake::event("e-left", ContentKind::ParticipantLeft, kT0 + 1, "p-cust", Customer));
        h.push(fake::event("e-end", ContentKind::ChatEnded, kT0 + 2));
        CHECK(serverIds(h.session->transcript()) == std::vector<std::string>{"e-left", "e-end"});
    }
    SECTION("it does not") {
        h.w.clock.advance(5000);
        CHECK(h.session->transcript().entries().back().item.kind() == ContentKind::ChatEnded);
    }
    CHECK(h.session->state() == SessionState::Ended);
}

TEST_CASE("resume after a reload: same chat, unsent messages re-sent with their ClientTokens, no duplicates", "[session][resume]") {
    Harness h;
    h.goLive();
    h.push(fake::message("m-1", "p-agent", Agent, "how can I help?", kT0 + 1000));
    h.session->sendMessage("my card is blocked");
    auto lost = h.take(MSG);   // the server receives it, but the page reloads before the answer
    const auto token = decode<SendMessageRequest>(lost.request.body)->clientToken;
    const std::string saved = h.w.storage.values.at("finchat.session");
    CHECK(saved.find("my card is blocked") != std::string::npos);

    h.session.reset();                   // page unload
    lost.done(FakeHttp::ok("{}"));       // a late answer reaches nobody, and nothing crashes

    h.session = ChatSession::resume(h.w.platform(), h.config);
    REQUIRE(h.session != nullptr);
    h.listen();
    REQUIRE(h.session->transcript().size() == 1);
    CHECK(h.session->transcript().entries()[0].delivery == Delivery::Pending);
    h.session->connect();
    auto resent = h.take(MSG);           // the restored ConnectionToken is still valid: sent at once
    CHECK(decode<SendMessageRequest>(resent.request.body)->clientToken == token);
    CHECK(resent.bearer() == "CT-1");
    h.answerCpc("CT-2", "ws://127.0.0.1:8080/ws?s=2");
    h.openAndSubscribe();
    // The transcript already holds the first attempt (the server processed it).
    h.answerTranscript({fake::message("m-1", "p-agent", Agent, "how can I help?", kT0 + 1000),
                        fake::message("m-2", "p-cust", Customer, "my card is blocked", kT0 + 2000)});
    SendMessageResponse same{"m-2", formatIsoTime(kT0 + 2000), std::nullopt};   // idempotent: same Id
    resent.done(FakeHttp::ok(encode(same)));
    CHECK(serverIds(h.session->transcript()) == std::vector<std::string>{"m-1", "m-2"});
    CHECK(h.session->transcript().entries()[1].own);
}

TEST_CASE("resume: nothing saved, or unreadable state, starts fresh", "[session][resume]") {
    fake::World w;
    SessionConfig c;
    c.storageKey = "k";
    CHECK(ChatSession::resume(w.platform(), c) == nullptr);
    w.storage.values["k"] = "{not json";
    CHECK(ChatSession::resume(w.platform(), c) == nullptr);
    CHECK(w.storage.values.count("k") == 0);
}

TEST_CASE("older history loads page by page on demand", "[session]") {
    Harness h;
    h.session->connect();
    h.answerCpc();
    h.openAndSubscribe();
    h.answerTranscript({fake::message("m-50", "p-agent", Agent, "newest", kT0)}, "older-1");
    REQUIRE(h.session->hasOlderHistory());
    REQUIRE(h.session->loadOlder());
    CHECK_FALSE(h.session->loadOlder());   // one at a time
    auto req = h.take(TRN);
    CHECK(req.request.body.find(R"("MaxResults":15)") != std::string::npos);
    CHECK(req.request.body.find(R"("NextToken":"older-1")") != std::string::npos);
    GetTranscriptResponse r;
    r.transcript = {fake::message("m-49", "p-agent", Agent, "older", kT0 - 1000)};
    req.done(FakeHttp::ok(encode(r)));
    CHECK(serverIds(h.session->transcript()) == std::vector<std::string>{"m-49", "m-50"});
    CHECK_FALSE(h.session->hasOlderHistory());
}

TEST_CASE("invalid UTF-8 never aborts: it is replaced with U+FFFD on the wire and in saved state", "[session]") {
    Harness h;
    h.goLive();
    REQUIRE(h.session->sendMessage("bad \xFF\xFE bytes").ok());
    auto body = decode<SendMessageRequest>(h.take(MSG).request.body);
    REQUIRE(body.ok());
    CHECK(body->content == "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
    CHECK(h.w.storage.values.at("finchat.session").find("\\ufffd") == std::string::npos);   // raw UTF-8, not escaped
    CHECK(h.w.storage.values.at("finchat.session").find("bad \xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("a retry after a reconnect presents the ConnectionToken of the first attempt", "[session][send]") {
    // The service may scope ClientToken idempotency to the ConnectionToken (connect-local does, per
    // the reference): a retry under a new token could be stored twice.
    Harness h(quietConfig());
    h.goLive();
    auto local = h.session->sendMessage("hello");
    for (int i = 0; i < 3; ++i) {
        h.answer(MSG, FakeHttp::error(500, "InternalServerException"));
        h.w.clock.advance(1000);
    }
    REQUIRE(h.session->transcript().findLocal(*local)->delivery == Delivery::Failed);
    h.socket()->serverClose(1006);
    h.answerCpc("CT-2", "ws://127.0.0.1:8080/ws?s=2");
    h.openAndSubscribe();
    REQUIRE(h.session->retrySend(*local).ok());
    CHECK(h.take(MSG).bearer() == "CT-1");
}

TEST_CASE("a pinned ConnectionToken that has expired gives way to the current one", "[session][send]") {
    Harness h(quietConfig());
    h.session->connect();
    h.answerCpc("CT-1", "ws://127.0.0.1:8080/ws?s=1", 30'000);
    h.openAndSubscribe();
    h.answerTranscript({});
    auto local = h.session->sendMessage("hello");
    CHECK(h.w.http.requests.back().bearer() == "CT-1");
    for (int i = 0; i < 3; ++i) {
        h.answer(MSG, FakeHttp::error(500, "InternalServerException"));
        h.w.clock.advance(1000);
    }
    h.w.clock.advance(15'000);   // the refresh (half of a 30 s life) brings CT-2
    h.answerCpc("CT-2", "ws://127.0.0.1:8080/ws?s=2");
    h.w.clock.advance(12'000);   // CT-1 now expires within 5 s
    REQUIRE(h.session->retrySend(*local).ok());
    CHECK(h.take(MSG).bearer() == "CT-2");
}

TEST_CASE("PII guard without a ready detector: PiiUnavailable, nothing added or sent; what needs no guard goes", "[session][pii]") {
    CHECK(std::string(toString(ErrorCode::PiiUnavailable)) == "PiiUnavailable");
    fake::LazyPiiDetector pii;
    Harness h;
    h.w.pii = &pii;
    h.make();
    h.goLive();
    const std::string card = "my card 4111 1111 1111 1111 was charged twice";
    for (const char* type : {"text/plain", "text/markdown"}) {
        auto r = h.session->sendMessage(card, type);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::PiiUnavailable);
        CHECK_FALSE(r.error().retryable());
    }
    CHECK(h.session->transcript().size() == 0);
    CHECK(h.w.http.count(MSG) == 0);
    // The customer's explicit "as typed" and the partner's "off" need no detector.
    REQUIRE(h.session->sendMessage(card, "text/plain", PiiPolicy::AsTyped).ok());
    CHECK(decode<SendMessageRequest>(h.take(MSG).request.body)->content == card);
    pii.loaded = true;
    REQUIRE(h.session->sendMessage(card).ok());
    CHECK(decode<SendMessageRequest>(h.take(MSG).request.body)->content == maskPii(card));
    CHECK(pii.calls == 1);   // the platform's detector, not one linked behind its back
    CHECK(pii.misuse == 0);
}

TEST_CASE("PII guard: by the partner's policy, personal data is masked or asked about before it leaves", "[session][pii]") {
    // The option names the widget and the headless SDK take; anything unknown keeps the safe default.
    CHECK(piiPolicyFromName("ask") == PiiPolicy::AskFirst);
    CHECK(piiPolicyFromName("off") == PiiPolicy::AsTyped);
    CHECK(piiPolicyFromName("mask") == PiiPolicy::Mask);
    CHECK(piiPolicyFromName("Off") == PiiPolicy::Mask);
    const std::string card = "my card 4111 1111 1111 1111 was charged twice";
    SECTION("default: masked, with a notice naming what was masked") {
        Harness h;
        h.goLive();
        auto local = h.session->sendMessage(card);
        REQUIRE(local.ok());
        auto sent = decode<SendMessageRequest>(h.take(MSG).request.body);
        CHECK(sent->content == maskPii(card));
        CHECK(sent->content.find("4111 1111") == std::string::npos);
        CHECK(sent->content.find("1111") != std::string::npos);   // the last four stay, so the customer recognises it
        CHECK(h.session->transcript().findLocal(*local)->item.content == sent->content);   // shown as sent
        REQUIRE(h.count(Ev::PiiMasked) == 1);
        CHECK(h.events.back().text == "CREDIT_DEBIT_NUMBER");
        CHECK(h.events.back().localId == *local);
        CHECK(h.w.storage.values.at("finchat.session").find("4111 1111") == std::string::npos);   // not in saved state either
    }
    SECTION("ask first: nothing is sent until the customer chooses") {
        SessionConfig c;
        c.piiPolicy = PiiPolicy::AskFirst;
        Harness h(c);
        h.goLive();
        auto asked = h.session->sendMessage(card);
        REQUIRE_FALSE(asked.ok());
        CHECK(asked.error().code == ErrorCode::PiiDetected);
        CHECK(asked.error().detail == "CREDIT_DEBIT_NUMBER");
        CHECK(h.w.http.count(MSG) == 0);
        CHECK(h.session->transcript().size() == 0);
        REQUIRE(h.session->sendMessage(card, "text/plain", PiiPolicy::AsTyped).ok());
        CHECK(decode<SendMessageRequest>(h.take(MSG).request.body)->content == card);
        REQUIRE(h.session->sendMessage(card, "text/plain", PiiPolicy::Mask).ok());
        CHECK(decode<SendMessageRequest>(h.take(MSG).request.body)->content == maskPii(card));
        CHECK(h.session->sendMessage("no numbers here").ok());   // nothing to ask about
    }
    SECTION("per type: the partner's choice decides what is masked, sent or asked about") {
        const std::string mixed = "I'm Dana, email dana@example.com, card 4111 1111 1111 1111";
        SessionConfig c;   // default per-type policy: card masked, name and e-mail sent as typed
        Harness h(c);
        h.goLive();
        REQUIRE(h.session->sendMessage(mixed).ok());
        const std::string sent = decode<SendMessageRequest>(h.take(MSG).request.body)->content;
        CHECK(sent.find("dana@example.com") != std::string::npos);
        CHECK(sent.find("Dana") != std::string::npos);
        CHECK(sent.find("4111 1111") == std::string::npos);
        CHECK(h.events.back().text == "CREDIT_DEBIT_NUMBER");

        SessionConfig askEmail;
        askEmail.piiTypes = *parsePiiPolicy(R"({"EMAIL":"ask","NAME":"mask"})");
        Harness a(askEmail);
        a.goLive();
        auto asked = a.session->sendMessage(mixed);
        REQUIRE_FALSE(asked.ok());
        CHECK(asked.error().code == ErrorCode::PiiDetected);
        CHECK(asked.error().detail == "NAME,EMAIL,CREDIT_DEBIT_NUMBER");
        CHECK(a.w.http.count(MSG) == 0);
        // The customer's answer (mask) is final: the e-mail is masked along with the rest.
        REQUIRE(a.session->sendMessage(mixed, "text/plain", PiiPolicy::Mask).ok());
        const std::string masked = decode<SendMessageRequest>(a.take(MSG).request.body)->content;
        CHECK(masked.find("dana@example.com") == std::string::npos);
        CHECK(masked.find("Dana") == std::string::npos);
        CHECK(a.session->sendMessage("I'm Dana").ok());   // a masked type alone does not ask
        CHECK(decode<SendMessageRequest>(a.take(MSG).request.body)->content.find("Dana") == std::string::npos);
    }
    SECTION("the partner's piiPolicy option (widget and SDK): a name, or a per-type object") {
        SessionConfig c;
        REQUIRE(applyPiiOption(R"("ask")", c).ok());
        CHECK(c.piiPolicy == PiiPolicy::AskFirst);
        REQUIRE(applyPiiOption(R"("off")", c).ok());
        CHECK(c.piiPolicy == PiiPolicy::AsTyped);
        REQUIRE(applyPiiOption(R"({"NAME":"ask","ADDRESS":"send"})", c).ok());
        CHECK(c.piiPolicy == PiiPolicy::Mask);   // each type's own action decides
        CHECK(c.piiTypes.of(PiiType::Name) == PiiAction::AskFirst);
        CHECK(c.piiTypes.of(PiiType::CreditDebitNumber) == PiiAction::Mask);   // the default stays
        const SessionConfig before = c;
        const auto bad = applyPiiOption(R"({"NAMES":"ask"})", c);
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().detail.find("NAMES") != std::string::npos);
        CHECK(c.piiTypes == before.piiTypes);   // unchanged
        REQUIRE(applyPiiOption("", c).ok());

        Harness h(c);   // NAME asked first, the card masked, the address sent as typed
        h.goLive();
        const std::string address = "card 4111 1111 1111 1111, new address 42 Baker Street, London NW1 6XE";
        REQUIRE(h.session->sendMessage(address).ok());
        const std::string sent = decode<SendMessageRequest>(h.take(MSG).request.body)->content;
        CHECK(sent == "card \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 1111, new address 42 Baker Street, London NW1 6XE");
        auto asked = h.session->sendMessage("my name is Dana Whitfield");
        REQUIRE_FALSE(asked.ok());
        CHECK(asked.error().detail == "NAME");
    }
    SECTION("only text is inspected; JSON replies (template picks) go as they are") {
        Harness h;
        h.goLive();
        REQUIRE(h.session->sendMessage(R"({"id":"4111111111111111"})", "application/vnd.amazonaws.connect.message.interactive.response").ok());
        CHECK(decode<SendMessageRequest>(h.take(MSG).request.body)->content == R"({"id":"4111111111111111"})");
        CHECK(h.count(Ev::PiiMasked) == 0);
    }
}
