// connect-local's ChatService: Connect's chat surface as plain state, driven by a manual clock.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "comprehend_api.h"
#include "connect_local/chat_service.h"
#include "fake_platform.h"
#include "finchat/chat_session.h"
#include "finchat/util.h"
#include "loopback_platform.h"
#include "service_harness.h"

TEST_CASE("StartChatContact validates like Connect and answers with ids and a ParticipantToken", "[connect-local]") {
    Svc s;
    SECTION("happy path") {
        Reply r = s.start();
        REQUIRE(r.status == 200);
        auto d = s.started(r);
        CHECK(d.contactId.size() == 36);
        CHECK(!d.participantToken.empty());
    }
    SECTION("malformed bodies and bad values are 4xx with Connect's error names") {
        CHECK(s.service.startChatContact("not json").errorType == "InvalidRequestException");
        CHECK(s.service.startChatContact(R"({"InstanceId":"finaptic"})").status == 400);
        CHECK(s.start("Dana", "nope").errorType == "ResourceNotFoundException");
        CHECK(s.start("Dana", "finaptic", "nope").status == 404);
        CHECK(s.start("").errorType == "InvalidParameterException");
        CHECK(s.start(std::string(300, 'x')).status == 400);
        CHECK(s.start("Dana", "finaptic", "finaptic-l2", {"text/markdown"}).errorType == "InvalidParameterException");
        StartChatContactRequest r{"finaptic", "finaptic-l2", {"Dana"}};
        r.attributes["bad key!"] = "x";
        CHECK(s.service.startChatContact(encode(r)).status == 400);
        r.attributes = {{"big", std::string(33'000, 'a')}};
        CHECK(s.service.startChatContact(encode(r)).errorType == "InvalidParameterException");
    }
    SECTION("the same ClientToken gives the same contact") {
        StartChatContactRequest r{"finaptic", "finaptic-l2", {"Dana"}};
        r.clientToken = "start-1";
        CHECK(s.service.startChatContact(encode(r)).body == s.service.startChatContact(encode(r)).body);
        CHECK(s.service.contactCount() == 1);
    }
}

TEST_CASE("CreateParticipantConnection: both expiries, a 127.0.0.1 websocket URL, 403 for bad tokens", "[connect-local]") {
    Svc s;
    s.service.setPublicBase("http://127.0.0.1:9999", "ws://127.0.0.1:9999");
    auto ids = s.started(s.start());
    auto c = s.connect(ids.participantToken);
    REQUIRE(c.websocket);
    REQUIRE(c.connectionCredentials);
    CHECK(c.websocket->url.rfind("ws://127.0.0.1:9999/ws?", 0) == 0);
    CHECK(*parseIsoTime(c.websocket->connectionExpiry) == s.clock.nowMs() + 100'000);
    CHECK(*parseIsoTime(c.connectionCredentials->expiry) == s.clock.nowMs() + 86'400'000);
    CHECK(s.service.participant(Operation::CreateParticipantConnection, "nope", R"({"Type":["WEBSOCKET"]})").status == 403);
    CHECK(s.service.participant(Operation::CreateParticipantConnection, ids.participantToken, R"({"Type":[]})").status == 400);
    CHECK(s.service.participant(Operation::CreateParticipantConnection, ids.participantToken, "{").errorType == "ValidationException");
    // A ConnectionToken is not a ParticipantToken, and the other way round.
    CHECK(s.service.participant(Operation::SendMessage, ids.participantToken, R"({"ContentType":"text/plain","Content":"x"})").status == 403);
}

TEST_CASE("websocket: subscribe ack, heartbeat and ping acks, 100 s to open, errors for garbage", "[connect-local]") {
    Svc s;
    auto ids = s.started(s.start());
    auto c = s.connect(ids.participantToken);
    const std::string query = c.websocket->url.substr(c.websocket->url.find('?') + 1);
    RecordingSink sink;
    CHECK_FALSE(s.service.openSocket("connection=unknown", sink));
    auto id = s.service.openSocket(query, sink);
    REQUIRE(id);
    s.service.socketMessage(*id, subscribeFrame());
    s.service.socketMessage(*id, pingFrame());
    s.service.socketMessage(*id, heartbeatFrame());
    s.service.socketMessage(*id, "garbage");
    REQUIRE(sink.frames.size() == 4);
    CHECK(sink.frames[0] == subscribeAckFrame(true, {"aws/chat"}));
    CHECK(sink.frames[1] == pingAckFrame());
    CHECK(sink.frames[2] == heartbeatAckFrame());
    CHECK(sink.frames[3].find(R"("message")") != std::string::npos);
    RecordingSink late;
    s.clock.advance(100'001);
    CHECK_FALSE(s.service.openSocket(query, late));
    s.service.socketClosed(*id);
    CHECK(s.service.openSocketCount() == 0);
}

TEST_CASE("messages fan out to every subscribed socket, the sender's included; ClientToken is idempotent", "[connect-local]") {
    Svc s;
    Chat dana(s);
    auto second = s.connect(dana.ids.participantToken);   // another tab of the same customer
    RecordingSink other;
    s.subscribe(second, other);
    RecordingSink unsubscribed;
    REQUIRE(s.service.openSocket(second.websocket->url.substr(second.websocket->url.find('?') + 1), unsubscribed));
    dana.sink.frames.clear();
    Reply r = s.send(dana.token(), "hello", "tok-1");
    REQUIRE(r.status == 200);
    auto sent = decode<SendMessageResponse>(r.body);
    REQUIRE(dana.sink.items().size() == 1);
    CHECK(dana.sink.items()[0].id == sent->id);
    CHECK(dana.sink.items()[0].initialContactId == dana.ids.contactId);
    CHECK(dana.sink.items()[0].contactId == dana.ids.contactId);
    CHECK(other.items().size() == 1);
    CHECK(unsubscribed.frames.empty());
    // A retry with the same ClientToken returns the original answer and delivers nothing new.
    CHECK(s.send(dana.token(), "hello", "tok-1").body == r.body);
    CHECK(dana.sink.items().size() == 1);
}

TEST_CASE("SendMessage limits and content types", "[connect-local]") {
    Svc s;
    Chat dana(s);
    CHECK(s.send(dana.token(), std::string(1025, 'a')).errorType == "ValidationException");
    CHECK(s.send(dana.token(), "").status == 400);
    CHECK(s.send(dana.token(), "**bold**", "", "text/markdown").status == 200);
    CHECK(s.send(dana.token(), "{}", "", "application/json").errorType == "ValidationException");   // not in this chat's types
    CHECK(s.send(dana.token(), "x", "", "image/png").status == 400);
    CHECK(s.service.participant(Operation::SendMessage, dana.token(), R"({"Content":"x"})").errorType == "ValidationException");
}

TEST_CASE("customer text is redacted before anyone sees it; the raw text is not kept", "[connect-local]") {
    Svc s;
    Chat dana(s);
    dana.sink.frames.clear();
    REQUIRE(s.send(dana.token(), "my card is 4111 1111 1111 1111").status == 200);
    CHECK(dana.sink.items().at(0).content == "my card is [CREDIT_DEBIT_NUMBER]");
    Reply t = s.transcript(dana.token(), "{}");
    CHECK(t.body.find("4111") == std::string::npos);
}

TEST_CASE("typing and receipts are delivered, not stored; receipts land on the message", "[connect-local]") {
    Svc s;
    Chat dana(s);
    auto sent = *decode<SendMessageResponse>(s.send(dana.token(), "hi").body);
    dana.sink.frames.clear();
    CHECK(s.service.participant(Operation::SendEvent, dana.token(),
                                R"({"ContentType":"application/vnd.amazonaws.connect.event.typing","ClientToken":"t"})").status == 200);
    CHECK(dana.sink.kinds() == std::vector<std::string>{"typing"});
    // The legacy connection.acknowledged event (retired, still accepted) is fanned out the same way.
    CHECK(s.service.participant(Operation::SendEvent, dana.token(),
                                R"({"ContentType":"application/vnd.amazonaws.connect.event.connection.acknowledged"})").status == 200);
    CHECK(dana.sink.kinds() == std::vector<std::string>{"typing", "acknowledged"});
    dana.sink.frames.erase(dana.sink.frames.end() - 1);
    // chatjs sends every receipt with the same ClientToken: each one must still count.
    for (const char* type : {"delivered", "read"}) {
        SendEventRequest e{std::string("application/vnd.amazonaws.connect.event.message.") + type,
                           encode(ReceiptEventContent{sent.id, std::nullopt}), "INCOMING_READ_RECEIPT"};
        REQUIRE(s.service.participant(Operation::SendEvent, dana.token(), encode(e)).status == 200);
    }
    auto items = dana.sink.items();
    REQUIRE(items.size() == 3);
    CHECK(items[2].type == ItemType::MessageMetadata);
    CHECK(items[2].messageMetadata->messageId == sent.id);
    CHECK(!items[2].messageMetadata->receipts.at(0).readTimestamp.empty());
    auto t = *decode<GetTranscriptResponse>(s.transcript(dana.token(), R"({"MaxResults":100})").body);
    for (const Item& i : t.transcript) CHECK(i.kind() != ContentKind::Typing);
    auto msg = std::find_if(t.transcript.begin(), t.transcript.end(), [&](const Item& i) { return i.id == sent.id; });
    REQUIRE(msg != t.transcript.end());
    CHECK(msg->messageMetadata->receipts.at(0).recipientParticipantId == dana.ids.participantId);
    SECTION("a receipt for an unknown message, or bad content, is a ValidationException") {
        SendEventRequest e{"application/vnd.amazonaws.connect.event.message.read", R"({"messageId":"nope"})", "x"};
        CHECK(s.service.participant(Operation::SendEvent, dana.token(), encode(e)).status == 400);
        e.content = "nope";
        CHECK(s.service.participant(Operation::SendEvent, dana.token(), encode(e)).status == 400);
    }
}

TEST_CASE("GetTranscript pages both ways with NextToken, in either sort order", "[connect-local]") {
    Svc s;
    Chat dana(s);
    for (int i = 0; i < 30; ++i) REQUIRE(s.send(dana.token(), "m" + std::to_string(i)).status == 200);
    // Items: participant.joined, the greeting, then m0..m29: 32 in all.
    auto page = [&](const std::string& body) { return *decode<GetTranscriptResponse>(s.transcript(dana.token(), body).body); };
    std::vector<std::string> backward;
    std::string token;
    do {
        json req = {{"MaxResults", 15}, {"ScanDirection", "BACKWARD"}, {"SortOrder", "ASCENDING"}, {"StartPosition", json::object()}};
        if (!token.empty()) req["NextToken"] = token;
        auto p = page(req.dump());
        CHECK(p.initialContactId == dana.ids.contactId);
        for (auto it = p.transcript.rbegin(); it != p.transcript.rend(); ++it) backward.push_back(it->content);
        token = p.nextToken;
    } while (!token.empty());
    REQUIRE(backward.size() == 32);
    CHECK(backward.front() == "m29");
    CHECK(backward[29] == "m0");

    auto first = page(R"({"MaxResults":10,"ScanDirection":"FORWARD","SortOrder":"ASCENDING"})");
    REQUIRE(first.transcript.size() == 10);
    CHECK(first.transcript[0].kind() == ContentKind::ParticipantJoined);
    auto next = page(json{{"MaxResults", 10}, {"ScanDirection", "FORWARD"}, {"SortOrder", "ASCENDING"}, {"NextToken", first.nextToken}}.dump());
    CHECK(next.transcript[0].content == "m8");

    auto defaults = page("{}");   // API defaults: 10 items, newest first (BACKWARD, DESCENDING)
    REQUIRE(defaults.transcript.size() == 10);
    CHECK(defaults.transcript[0].content == "m29");

    auto fromId = page(json{{"ScanDirection", "FORWARD"}, {"SortOrder", "ASCENDING"}, {"MaxResults", 3},
                            {"StartPosition", {{"Id", first.transcript[5].id}}}}.dump());
    CHECK(fromId.transcript[0].id == first.transcript[5].id);
    auto recent = page(R"({"StartPosition":{"MostRecent":2},"SortOrder":"ASCENDING"})");
    CHECK(recent.transcript[0].content == "m28");

    CHECK(s.transcript(dana.token(), R"({"NextToken":"forged"})").errorType == "ValidationException");
    // An empty page still carries Transcript: [] (AWS sends lists; clients index into them).
    CHECK(s.transcript(dana.token(), R"({"ScanDirection":"FORWARD","StartPosition":{"AbsoluteTime":"2099-01-01T00:00:00.000Z"}})").body ==
          json{{"InitialContactId", dana.ids.contactId}, {"Transcript", json::array()}}.dump());
    // Another chat's ContactId is not readable with this chat's token.
    auto eve = s.started(s.start("Eve"));
    CHECK(s.transcript(dana.token(), json{{"ContactId", eve.contactId}}.dump()).status == 403);
    CHECK(s.transcript(dana.token(), json{{"ContactId", dana.ids.contactId}}.dump()).status == 200);
    CHECK(s.transcript(dana.token(), R"({"MaxResults":101})").status == 400);
    CHECK(s.transcript(dana.token(), R"({"ScanDirection":"SIDEWAYS"})").status == 400);
}

TEST_CASE("disconnect: participant.left, then chat.ended; 403 afterwards", "[connect-local]") {
    Svc s;
    Chat dana(s);
    dana.sink.frames.clear();
    REQUIRE(s.service.participant(Operation::DisconnectParticipant, dana.token(), R"({"ClientToken":"d"})").status == 200);
    CHECK(dana.sink.kinds() == std::vector<std::string>{"left", "ended"});
    CHECK(s.service.participant(Operation::CreateParticipantConnection, dana.ids.participantToken, R"({"Type":["WEBSOCKET"]})").status == 403);
    CHECK(s.send(dana.token(), "anyone?").status == 403);
    s.clock.advance(2'000);
    CHECK(dana.sink.closed == 1000);   // stragglers are closed
    CHECK(s.service.contactCount() == 0);
}

TEST_CASE("agents: queue, accept, chat as AGENT, transfer to another queue", "[connect-local]") {
    Svc s;
    Chat dana(s);
    auto queues = json::parse(s.service.agentQueues("finaptic").body);
    REQUIRE(queues["queues"][0]["contacts"].size() == 1);
    CHECK(queues["queues"][0]["contacts"][0]["customerName"] == "Dana");
    CHECK(s.service.agentQueues("nope").status == 404);

    Reply a = s.service.agentAccept(json{{"instance", "finaptic"}, {"contactId", dana.ids.contactId}, {"agentName", "Sam"}}.dump());
    REQUIRE(a.status == 200);
    auto agent = json::parse(a.body);
    CHECK(s.service.agentAccept(json{{"instance", "finaptic"}, {"contactId", dana.ids.contactId}}.dump()).errorType == "ConflictException");
    // An agent of another instance (or of none) does not find the contact.
    CHECK(s.service.agentAccept(json{{"contactId", dana.ids.contactId}}.dump()).errorType == "ResourceNotFoundException");
    CHECK(dana.sink.items().back().role() == ParticipantRole::Agent);   // participant.joined (AGENT)

    auto agentConn = s.connect(agent["participantToken"].get<std::string>());
    dana.sink.frames.clear();
    REQUIRE(s.send(agentConn.connectionCredentials->connectionToken, "Hi Dana, I'm Sam").status == 200);
    CHECK(dana.sink.items().at(0).displayName == "Sam");

    dana.sink.frames.clear();
    Reply t = s.service.agentTransfer(json{{"contactId", dana.ids.contactId}, {"queue", "banking-specialists"}}.dump());
    REQUIRE(t.status == 200);
    CHECK(dana.sink.kinds() == std::vector<std::string>{"left", "text/plain", "succeeded"});   // old agent left, notice, transfer
    CHECK(json::parse(s.service.agentQueues("finaptic").body)["queues"][0]["contacts"].size() == 1);
    REQUIRE(s.service.agentAccept(json{{"instance", "finaptic"}, {"contactId", dana.ids.contactId}, {"agentName", "Lee"}}.dump()).status == 200);
    const Item joined = dana.sink.items().back();
    CHECK(joined.displayName == "Lee");
    CHECK(joined.contactId == json::parse(t.body)["currentContactId"]);   // a new segment...
    CHECK(joined.contactId != dana.ids.contactId);
    CHECK(joined.initialContactId == dana.ids.contactId);                 // ...of the same chat
}

TEST_CASE("--agent echo answers every customer text", "[connect-local]") {
    Svc s;
    s.service.setEchoAgent(true);
    Chat dana(s);
    s.clock.advance(0);
    REQUIRE(s.send(dana.token(), "hello").status == 200);
    s.clock.advance(0);
    auto items = dana.sink.items();
    REQUIRE(!items.empty());
    CHECK(items.back().content == "echo: hello");
    CHECK(items.back().role() == ParticipantRole::Agent);
}

TEST_CASE("the demo bot: balance template with $API placeholders, escalation signal, queueing", "[connect-local]") {
    Svc s;
    Chat dana(s, "acme", "acme-l1");
    REQUIRE(s.send(dana.token(), "what's my balance?").status == 200);
    s.clock.advance(0);
    Item list = dana.sink.items().back();
    CHECK(list.kind() == ContentKind::Interactive);
    CHECK(list.content.find("$API:ListAccounts") != std::string::npos);
    REQUIRE(s.send(dana.token(), "acc-123").status == 200);   // only the opaque id comes back
    s.clock.advance(0);
    CHECK(dana.sink.items().back().content.find("$API:GetBalance(account={id})") != std::string::npos);
    REQUIRE(s.send(dana.token(), "I need a specialist for a card dispute").status == 200);
    s.clock.advance(0);
    CHECK(escalationSignal(dana.sink.items().back()).has_value());
    REQUIRE(s.send(dana.token(), "agent please").status == 200);
    s.clock.advance(0);
    CHECK(json::parse(s.service.agentQueues("acme").body)["queues"][0]["contacts"].size() == 1);
}

TEST_CASE("faults: injected failures, denied connections, short tokens, silent heartbeats", "[connect-local]") {
    Svc s;
    Chat dana(s);
    REQUIRE(s.service.setFaults(R"({"failOperation":{"SendMessage":2},"failStatus":429,"denyConnection":1,"tokenLifetimeMs":66000,"dropHeartbeats":true})").status == 200);
    CHECK(s.send(dana.token(), "a").errorType == "ThrottlingException");
    CHECK(s.send(dana.token(), "a").status == 429);
    CHECK(s.send(dana.token(), "a").status == 200);
    SECTION("failing after processing: the retry with the same ClientToken gets the original answer") {
        REQUIRE(s.service.setFaults(R"({"failAfterProcessing":{"SendMessage":1}})").status == 200);
        dana.sink.frames.clear();
        CHECK(s.send(dana.token(), "once", "tok-9").status == 500);
        CHECK(s.send(dana.token(), "once", "tok-9").status == 200);
        CHECK(dana.sink.items().size() == 1);
    }
    CHECK(s.service.participant(Operation::CreateParticipantConnection, dana.ids.participantToken, R"({"Type":["WEBSOCKET"]})").status == 403);
    auto c = s.connect(dana.ids.participantToken);
    CHECK(*parseIsoTime(c.connectionCredentials->expiry) == s.clock.nowMs() + 66'000);
    dana.sink.frames.clear();
    s.service.socketMessage(dana.socket, heartbeatFrame());
    CHECK(dana.sink.frames.empty());
    s.service.closeSockets("{}");
    CHECK(dana.sink.closed == 1001);
    CHECK(s.service.setFaults("[]").status == 400);
}

TEST_CASE("bounded: a full transcript refuses more messages instead of growing", "[connect-local]") {
    connect_local::Config config = connect_local::Config::demo();
    config.limits.maxItemsPerContact = 10;
    fake::ManualClock clock;
    fake::SeededRandom random;
    ChatService service(config, clock, random);
    StartChatContactRequest r{"finaptic", "finaptic-l2", {"Dana"}};
    auto ids = *decode<StartChatContactResponse>(service.startChatContact(encode(r)).body);
    auto c = *decode<CreateParticipantConnectionResponse>(service.participant(Operation::CreateParticipantConnection, ids.participantToken, R"({"Type":["CONNECTION_CREDENTIALS"]})").body);
    int ok = 0;
    for (int i = 0; i < 20; ++i)
        ok += service.participant(Operation::SendMessage, c.connectionCredentials->connectionToken, encode(SendMessageRequest{"text/plain", "x", ""})).status == 200;
    CHECK(ok == 8);   // joined + greeting + 8 messages
    CHECK(service.participant(Operation::SendMessage, c.connectionCredentials->connectionToken, encode(SendMessageRequest{"text/plain", "x", ""})).errorType == "ServiceQuotaExceededException");
}

TEST_CASE("the real core against the real service logic: connect, chat, echo, end", "[connect-local][integration]") {
    Svc s;
    s.service.setEchoAgent(true);
    fake::LoopbackNetwork net(s.clock, s.service);
    fake::MemoryStorage storage;
    Platform platform{net, net, s.clock, s.random, builtinPiiDetector(), &storage};
    auto ids = s.started(s.start());
    ChatSession session(platform, {ids.contactId, ids.participantId, ids.participantToken, "http://127.0.0.1:8080", "Dana"});
    session.connect();
    for (int i = 0; i < 20; ++i) s.clock.advance(0);
    REQUIRE(session.state() == SessionState::Live);
    REQUIRE(session.sendMessage("hello").ok());
    for (int i = 0; i < 20; ++i) s.clock.advance(0);
    std::vector<std::string> texts;
    for (const auto& e : session.transcript().entries()) if (e.item.type == ItemType::Message) texts.push_back(e.item.content);
    CHECK(texts == std::vector<std::string>{"Thanks for waiting. A banking specialist will be with you shortly.", "hello", "echo: hello"});
    session.disconnect();
    for (int i = 0; i < 20; ++i) s.clock.advance(0);
    CHECK(session.state() == SessionState::Ended);
}

TEST_CASE("idle: participant.idle after 10 quiet minutes, participant.returned on the next message", "[connect-local]") {
    Svc s;
    Chat dana(s);
    s.clock.advance(9 * 60'000);
    REQUIRE(s.send(dana.token(), "still here").status == 200);   // activity pushes the deadline back
    dana.sink.frames.clear();
    s.clock.advance(9 * 60'000);
    CHECK(dana.sink.frames.empty());
    s.clock.advance(60'000);
    CHECK(dana.sink.kinds() == std::vector<std::string>{"idle"});
    REQUIRE(s.send(dana.token(), "back").status == 200);
    s.clock.advance(0);
    CHECK(dana.sink.kinds() == std::vector<std::string>{"idle", "text/plain", "returned"});
    s.clock.advance(10 * 60'000);
    CHECK(dana.sink.kinds().back() == "idle");   // and it can go idle again
}

TEST_CASE("DescribeView and the customer-authentication operations answer like Connect with nothing configured", "[connect-local]") {
    Svc s;
    Chat dana(s);
    Reply view = s.service.participant(Operation::DescribeView, dana.token(), "", "/participant/views/view-token-1");
    CHECK(view.status == 404);
    CHECK(view.errorType == "ResourceNotFoundException");
    CHECK(json::parse(view.body)["ResourceId"] == "view-token-1");
    CHECK(s.service.participant(Operation::DescribeView, "bad", "", "/participant/views/x").status == 403);
    const std::string session(36, 'a');
    CHECK(s.service.participant(Operation::GetAuthenticationUrl, dana.token(), json{{"SessionId", "short"}, {"RedirectUri", "https://x"}}.dump()).status == 400);
    CHECK(s.service.participant(Operation::GetAuthenticationUrl, dana.token(), json{{"SessionId", session}, {"RedirectUri", "https://x"}}.dump()).errorType == "ValidationException");
    CHECK(s.service.participant(Operation::CancelParticipantAuthentication, dana.token(), json{{"SessionId", session}}.dump()).status == 400);
    CHECK(s.service.participant(Operation::CancelParticipantAuthentication, dana.token(), "{}").errorType == "ValidationException");
}

TEST_CASE("in-flight redaction per instance, as Connect's InFlightChatRedactionConfiguration", "[connect-local][pii]") {
    auto parsed = connect_local::Config::parse(R"({"instances":[{"id":"finaptic","flows":[{"id":"finaptic-l2"}],
        "queues":[{"id":"banking-specialists","arn":"arn:aws:connect:us-east-1:444455556666:instance/f1a2b3c4-0000-4000-8000-0000000000f1/queue/9c8d7e6f-0000-4000-8000-0000000000b5"}],
        "InFlightChatRedactionConfiguration":{"Enabled":true,"RedactionMaskMode":"PII",
        "RedactionEntities":["NAME","CREDIT_DEBIT_NUMBER"]}}]})");
    REQUIRE(parsed.ok());
    fake::ManualClock clock;
    fake::SeededRandom random;
    ChatService service(*parsed, clock, random);
    StartChatContactRequest r{"finaptic", "finaptic-l2", {"Dana"}};
    auto ids = *decode<StartChatContactResponse>(service.startChatContact(encode(r)).body);
    auto c = *decode<CreateParticipantConnectionResponse>(service.participant(
        Operation::CreateParticipantConnection, ids.participantToken, R"({"Type":["CONNECTION_CREDENTIALS"]})").body);
    const std::string ct = c.connectionCredentials->connectionToken;
    REQUIRE(service.participant(Operation::SendMessage, ct,
                                encode(SendMessageRequest{"text/plain", "This is Dana Smith, card 4111 1111 1111 1111, email dana@example.com", ""})).status == 200);
    const Reply t = service.participant(Operation::GetTranscript, ct, "{}");
    CHECK(t.body.find("This is [PII], card [PII], email dana@example.com") != std::string::npos);   // EMAIL not listed
    // The same rules for anything else customer text goes through (the escalation transcript).
    CHECK(service.redactCustomerText("finaptic", "I'm Dana Smith") == "I'm [PII]");
    // Without a configuration: [TYPE] for the default types (names are not among them).
    fake::ManualClock clock2;
    ChatService demo(connect_local::Config::demo(), clock2, random);
    CHECK(demo.redactCustomerText("finaptic", "I'm Dana Smith, pin 4821") == "I'm Dana Smith, pin [PIN]");

    auto bad = connect_local::Config::parse(R"({"instances":[{"id":"x","InFlightChatRedactionConfiguration":{"RedactionEntities":["CREDIT_CARD"]}}]})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::InvalidValue);
    CHECK(bad.error().detail.find("instance x") != std::string::npos);
}

TEST_CASE("Comprehend DetectPiiEntities/ContainsPiiEntities: shapes, code-point offsets, errors", "[connect-local][pii]") {
    using connect_local::comprehendCall;
    CHECK(connect_local::isComprehendTarget("Comprehend_20171127.DetectPiiEntities"));
    CHECK_FALSE(connect_local::isComprehendTarget("AWSLex.RecognizeText"));
    const Reply ok = comprehendCall("Comprehend_20171127.DetectPiiEntities", R"({"Text":"Größe 🙂 pin 4821","LanguageCode":"en"})");
    CHECK(ok.status == 200);
    CHECK(ok.contentType == "application/x-amz-json-1.1");
    // "Größe 🙂 pin " is 12 code points (16 bytes, 13 UTF-16 units)
    CHECK(ok.body == R"({"Entities":[{"BeginOffset":12,"EndOffset":16,"Score":0.9,"Type":"PIN"}]})");
    const Reply labels = comprehendCall("Comprehend_20171127.ContainsPiiEntities", R"({"Text":"pin 4821, pin 1234","LanguageCode":"en"})");
    CHECK(labels.body == R"({"Labels":[{"Name":"PIN","Score":0.9}]})");
    auto errorType = [](const Reply& r) { return r.status == 400 ? r.errorType : std::string("status ") + std::to_string(r.status); };
    CHECK(errorType(comprehendCall("Comprehend_20171127.DetectPiiEntities", R"({"Text":"x","LanguageCode":"fr"})")) == "UnsupportedLanguageException");
    CHECK(errorType(comprehendCall("Comprehend_20171127.DetectPiiEntities", R"({"Text":")" + std::string(100 * 1024 + 1, 'a') + R"(","LanguageCode":"en"})")) == "TextSizeLimitExceededException");
    CHECK(errorType(comprehendCall("Comprehend_20171127.DetectPiiEntities", R"({"Text":"\ud800","LanguageCode":"en"})")) != "status 200");
    CHECK(errorType(comprehendCall("Comprehend_20171127.DetectPiiEntities", R"({"LanguageCode":"en"})")) == "ValidationException");
    CHECK(errorType(comprehendCall("Comprehend_20171127.DetectPiiEntities", "nope")) == "SerializationException");
    CHECK(errorType(comprehendCall("Comprehend_20171127.DetectKeyPhrases", "{}")) == "UnknownOperationException");
    const Reply e = comprehendCall("Comprehend_20171127.DetectPiiEntities", R"({"Text":"x","LanguageCode":"de"})");
    CHECK(e.body.find(R"("__type":"UnsupportedLanguageException")") != std::string::npos);
    CHECK(e.body.find(R"("Message":)") != std::string::npos);
}
