// The Finaptic Support API (demo/connect-local/src/support_api.h), the agent API's read rule for
// escalation records, and the demo partner backend, driven through ChatService with a manual clock.
#include <catch2/catch.hpp>

#include "finchat/util.h"
#include "service_harness.h"

namespace {

constexpr const char* kAcmeKey = "acme-demo-key";

json escalationBody(json transcript = json::array(), std::string reason = "card dispute") {
    return {{"l1ContactId", "l1-abc"}, {"reason", std::move(reason)}, {"displayName", "Dana"}, {"transcript", std::move(transcript)}};
}
json row(std::string role, std::string name, std::string text, std::string time = "2026-12-02T05:00:00.000Z") {
    return {{"role", std::move(role)}, {"name", std::move(name)}, {"text", std::move(text)}, {"time", std::move(time)}};
}

// The message of a Connect-shaped error answer, after checking its shape.
std::string errorMessage(const Reply& r, int status, const std::string& type) {
    CHECK(r.status == status);
    CHECK(r.errorType == type);
    const json body = json::parse(r.body, nullptr, false);
    REQUIRE(body.is_object());
    REQUIRE(body.contains("message"));
    return body["message"].get<std::string>();
}

// An escalation that started an L2 chat, and the L2 agent who accepted it.
struct Escalated {
    Svc& s;
    json answer;
    std::string agentToken;
    Escalated(Svc& svc, const json& body) : s(svc) {
        Reply r = s.service.createEscalation(kAcmeKey, body.dump());
        REQUIRE(r.status == 200);
        answer = json::parse(r.body);
    }
    std::string contactId() const { return answer["contactId"].get<std::string>(); }
    void accept(const std::string& agentName = "Sam") {
        Reply a = s.service.agentAccept(json{{"instance", "finaptic"}, {"contactId", contactId()}, {"agentName", agentName}}.dump());
        REQUIRE(a.status == 200);
        agentToken = json::parse(a.body)["participantToken"].get<std::string>();
    }
    json read(const std::string& bearer) const {
        Reply r = s.service.agentContact(contactId(), bearer);
        REQUIRE(r.status == 200);
        return json::parse(r.body);
    }
};

}  // namespace

TEST_CASE("Support API: the partner's key is required; wrong or missing keys get a Connect-shaped 403", "[connect-local][support]") {
    Svc s;
    const std::string body = escalationBody().dump();
    CHECK(errorMessage(s.service.createEscalation("", body), 403, "AccessDeniedException") == "Missing x-api-key");
    CHECK(errorMessage(s.service.createEscalation("acme-demo-kez", body), 403, "AccessDeniedException") == "Unknown x-api-key");
    CHECK(s.service.createEscalation("acme-demo-key-and-more", body).status == 403);
    CHECK(s.service.createEscalation("acme", body).status == 403);
    CHECK(s.service.contactCount() == 0);   // nothing started for a refused caller
    CHECK(s.service.createEscalation(kAcmeKey, body).status == 200);
    CHECK(s.service.contactCount() == 1);
}

TEST_CASE("Support API: malformed bodies and missing or mistyped fields are 400s that name the field", "[connect-local][support]") {
    Svc s;
    CHECK(errorMessage(s.service.createEscalation(kAcmeKey, "{\"reason\":"), 400, "InvalidRequestException").find("JSON object") != std::string::npos);
    CHECK(s.service.createEscalation(kAcmeKey, "[]").errorType == "InvalidRequestException");
    CHECK(s.service.createEscalation(kAcmeKey, "").errorType == "InvalidRequestException");
    const std::vector<std::pair<json, std::string>> cases = {
        {json{{"transcript", json::array()}}, "reason"},
        {escalationBody(json::array(), ""), "reason"},
        {escalationBody(json::array(), std::string(1'025, 'x')), "reason"},
        {[] { json b = escalationBody(); b["reason"] = 7; return b; }(), "reason"},
        {[] { json b = escalationBody(); b.erase("transcript"); return b; }(), "transcript"},
        {[] { json b = escalationBody(); b["transcript"] = "Dana: hi"; return b; }(), "transcript"},
        {escalationBody(json::array({"hi"})), "transcript[0]"},
        {escalationBody(json::array({row("CUSTOMER", "Dana", "hi"), {{"text", "no role"}}})), "transcript[1].role"},
        {escalationBody(json::array({{{"role", "CUSTOMER"}, {"text", 42}}})), "transcript[0].text"},
        {escalationBody(json::array({row("CUSTOMER", std::string(300, 'n'), "hi")})), "transcript[0].name"},
        {[] { json b = escalationBody(); b["l1ContactId"] = json::array(); return b; }(), "l1ContactId"},
        {[] { json b = escalationBody(); b["displayName"] = std::string(257, 'd'); return b; }(), "displayName"},
    };
    for (const auto& [body, field] : cases) {
        INFO(body.dump());
        const std::string message = errorMessage(s.service.createEscalation(kAcmeKey, body.dump()), 400, "ValidationException");
        CHECK(message.rfind(field, 0) == 0);
    }
    CHECK(s.service.contactCount() == 0);
    CHECK(s.service.escalationRecordCount() == 0);
}

TEST_CASE("Support API: the transcript is bounded in entries and bytes, and the 400 names the limit", "[connect-local][support]") {
    connect_local::Config config = connect_local::Config::demo();
    config.limits.maxEscalationTranscriptItems = 3;
    config.limits.maxEscalationTranscriptBytes = 20;
    Svc s(config);
    json three = json::array({row("CUSTOMER", "Dana", "12345"), row("BOT", "BOT", "12345"), row("CUSTOMER", "Dana", "1234567890")});
    CHECK(s.service.createEscalation(kAcmeKey, escalationBody(three).dump()).status == 200);   // exactly at both limits

    json four = three;
    four.push_back(row("CUSTOMER", "Dana", ""));
    CHECK(errorMessage(s.service.createEscalation(kAcmeKey, escalationBody(four).dump()), 400, "ValidationException") ==
          "transcript has 4 entries; the limit is 3");
    json heavy = three;
    heavy[2]["text"] = "12345678901";
    CHECK(errorMessage(s.service.createEscalation(kAcmeKey, escalationBody(heavy).dump()), 400, "ValidationException") ==
          "transcript text exceeds 20 bytes");
    CHECK(s.service.escalationRecordCount() == 1);
}

TEST_CASE("Support API: the record holds partner, L1 contact, reason, the re-redacted transcript, times and the L2 contact", "[connect-local][support]") {
    Svc s;
    s.clock.advance(1'000);
    const std::int64_t requested = s.clock.nowMs();
    json transcript = json::array({row("CUSTOMER", "Dana", "my card 4111 1111 1111 1111 was stolen"),
                                   row("BOT", "BOT", "I'll bring in a Finaptic banking specialist for this."),
                                   row("CUSTOMER", "Dana", "mail me at dana@example.com")});
    Escalated e(s, escalationBody(transcript, "stolen card 4111 1111 1111 1111"));
    CHECK(e.answer["escalationId"].get<std::string>().size() == 36);
    CHECK(!e.answer["participantToken"].get<std::string>().empty());
    CHECK(!e.answer["participantId"].get<std::string>().empty());

    // The L2 chat is waiting on Finaptic's queue, its attributes naming partner, L1 contact and escalation.
    auto queues = json::parse(s.service.agentQueues("finaptic").body);
    REQUIRE(queues["queues"][0]["contacts"].size() == 1);
    const json attributes = queues["queues"][0]["contacts"][0]["attributes"];
    CHECK(attributes["partnerId"] == "acme");
    CHECK(attributes["l1ContactId"] == "l1-abc");
    CHECK(attributes["escalationId"] == e.answer["escalationId"]);
    CHECK(attributes["escalationReason"] == "stolen card [CREDIT_DEBIT_NUMBER]");

    s.clock.advance(5'000);
    e.accept("Sam");
    const json record = e.read(e.agentToken)["escalation"];
    CHECK(record["escalationId"] == e.answer["escalationId"]);
    CHECK(record["partnerId"] == "acme");
    CHECK(record["partnerName"] == "Acme Bank");
    CHECK(record["l1ContactId"] == "l1-abc");
    CHECK(record["l2ContactId"] == e.contactId());
    CHECK(record["customerName"] == "Dana");
    CHECK(record["reason"] == "stolen card [CREDIT_DEBIT_NUMBER]");
    CHECK(record["agentName"] == "Sam");
    REQUIRE(record["transcript"].size() == 3);
    CHECK(record["transcript"][0] == row("CUSTOMER", "Dana", "my card [CREDIT_DEBIT_NUMBER] was stolen"));
    CHECK(record["transcript"][1]["text"] == "I'll bring in a Finaptic banking specialist for this.");
    CHECK(record["transcript"][2]["text"] == "mail me at [EMAIL]");
    CHECK(record["times"]["requested"] == formatIsoTime(requested));
    CHECK(record["times"]["l2Started"] == formatIsoTime(requested));
    CHECK(record["times"]["accepted"] == formatIsoTime(requested + 5'000));
    CHECK_FALSE(record["times"].contains("ended"));
    // Nothing of the raw text is kept anywhere the agent API answers.
    CHECK(e.read(e.agentToken).dump().find("4111") == std::string::npos);

    s.clock.advance(60'000);
    auto agentConn = s.connect(e.agentToken);
    REQUIRE(s.service.participant(Operation::DisconnectParticipant, agentConn.connectionCredentials->connectionToken, "{}").status == 200);
    CHECK(e.read(e.agentToken)["escalation"]["times"]["ended"] == formatIsoTime(requested + 65'000));
}

TEST_CASE("Agent API: only the L2 contact's agent reads its escalation record; nobody else", "[connect-local][support]") {
    Svc s;
    Escalated e(s, escalationBody(json::array({row("CUSTOMER", "Dana", "hello")})));
    const std::string customerToken = e.answer["participantToken"].get<std::string>();

    // Before anyone accepted: nobody can read it, the customer included.
    CHECK(errorMessage(s.service.agentContact(e.contactId(), ""), 403, "AccessDeniedException") == "Missing X-Amz-Bearer");
    CHECK(s.service.agentContact(e.contactId(), customerToken).errorType == "AccessDeniedException");
    CHECK(s.service.agentContact(e.contactId(), s.connect(customerToken).connectionCredentials->connectionToken).status == 403);

    e.accept("Sam");
    SECTION("the accepting agent, by its ParticipantToken or its ConnectionToken") {
        CHECK(e.read(e.agentToken)["escalation"]["transcript"][0]["text"] == "hello");
        const std::string connection = s.connect(e.agentToken).connectionCredentials->connectionToken;
        CHECK(e.read(connection)["escalation"]["reason"] == "card dispute");
        s.clock.advance(86'400'000);   // an expired ConnectionToken no longer works
        CHECK(s.service.agentContact(e.contactId(), connection).status == 403);
    }
    SECTION("the customer, other agents, other contacts' agents, unknown tokens and contacts: 403") {
        CHECK(s.service.agentContact(e.contactId(), customerToken).status == 403);
        CHECK(s.service.agentContact(e.contactId(), "PT-made-up").status == 403);
        // Another L2 chat's agent.
        Escalated other(s, escalationBody());
        other.accept("Lee");
        CHECK(s.service.agentContact(e.contactId(), other.agentToken).status == 403);
        CHECK(other.read(other.agentToken)["escalation"]["escalationId"] == other.answer["escalationId"]);
        // An Acme (L1) agent, with the L1 chat this one came from.
        Chat l1(s, "acme", "acme-l1");
        REQUIRE(s.send(l1.token(), "agent please").status == 200);
        s.clock.advance(0);
        Reply a = s.service.agentAccept(json{{"instance", "acme"}, {"contactId", l1.ids.contactId}, {"agentName", "Alex"}}.dump());
        REQUIRE(a.status == 200);
        const std::string acmeAgent = json::parse(a.body)["participantToken"].get<std::string>();
        CHECK(s.service.agentContact(e.contactId(), acmeAgent).status == 403);
        const json l1Contact = json::parse(s.service.agentContact(l1.ids.contactId, acmeAgent).body);
        CHECK(l1Contact["instance"] == "acme");
        CHECK_FALSE(l1Contact.contains("escalation"));
        // Unknown contacts are answered like other people's.
        CHECK(errorMessage(s.service.agentContact("no-such-contact", e.agentToken), 403, "AccessDeniedException") == "Access denied");
    }
    SECTION("an agent the chat was transferred away from loses access; the record stays on Finaptic's instance") {
        REQUIRE(s.service.agentTransfer(json{{"contactId", e.contactId()}, {"instance", "acme"}, {"queue", "acme-support"}}.dump()).status == 200);
        CHECK(s.service.agentContact(e.contactId(), e.agentToken).status == 403);
        Reply a = s.service.agentAccept(json{{"instance", "acme"}, {"contactId", e.contactId()}, {"agentName", "Alex"}}.dump());
        REQUIRE(a.status == 200);
        const json seen = json::parse(s.service.agentContact(e.contactId(), json::parse(a.body)["participantToken"].get<std::string>()).body);
        CHECK(seen["instance"] == "acme");
        CHECK_FALSE(seen.contains("escalation"));
    }
    SECTION("after the chat ended, its last agent still reads it (the console reloads it)") {
        REQUIRE(s.service.participant(Operation::DisconnectParticipant, s.connect(customerToken).connectionCredentials->connectionToken, "{}").status == 200);
        CHECK(e.read(e.agentToken)["stage"] == "ended");
        CHECK(e.read(e.agentToken).contains("escalation"));
    }
}

TEST_CASE("Support API: the CreateEscalation fault knob answers a Connect-shaped 500 N times, starting nothing", "[connect-local][support]") {
    Svc s;
    REQUIRE(s.service.setFaults(R"({"failOperation":{"CreateEscalation":2}})").status == 200);
    const std::string body = escalationBody().dump();
    CHECK(errorMessage(s.service.createEscalation(kAcmeKey, body), 500, "InternalServerException") == "Injected failure");
    // Through the demo partner backend too: it forwards the Support API's answer.
    CHECK(s.service.partnerChatToken(R"({"level":"L2","reason":"fraud","transcript":[]})").status == 500);
    CHECK(s.service.contactCount() == 0);
    CHECK(s.service.escalationRecordCount() == 0);
    CHECK(s.service.createEscalation(kAcmeKey, body).status == 200);
}

TEST_CASE("Support API: records of ended L2 chats are bounded, the oldest dropped first; active ones all kept", "[connect-local][support]") {
    connect_local::Config config = connect_local::Config::demo();
    config.limits.maxEscalationRecords = 2;
    Svc s(config);
    std::vector<std::unique_ptr<Escalated>> all;
    for (int i = 0; i < 4; ++i) {
        all.push_back(std::make_unique<Escalated>(s, escalationBody()));
        all.back()->accept("Sam");
    }
    CHECK(s.service.escalationRecordCount() == 4);
    for (auto& e : all) {
        auto conn = s.connect(e->agentToken);
        REQUIRE(s.service.participant(Operation::DisconnectParticipant, conn.connectionCredentials->connectionToken, "{}").status == 200);
    }
    CHECK(s.service.escalationRecordCount() == 2);
    CHECK_FALSE(all[0]->read(all[0]->agentToken).contains("escalation"));
    CHECK_FALSE(all[1]->read(all[1]->agentToken).contains("escalation"));
    CHECK(all[3]->read(all[3]->agentToken).contains("escalation"));
}

TEST_CASE("Demo partner backend: L1 starts on Acme's instance, L2 goes through the Support API with Acme's key", "[connect-local][support]") {
    Svc s;
    s.service.setPublicBase("http://127.0.0.1:9999", "ws://127.0.0.1:9999");
    const json l1 = json::parse(s.service.partnerChatToken(R"({"level":"L1","displayName":"Dana"})").body);
    CHECK(l1["endpoint"] == "http://127.0.0.1:9999");
    CHECK(l1["region"] == "us-east-1");
    CHECK(!l1["participantToken"].get<std::string>().empty());
    CHECK(json::parse(s.service.agentQueues("acme").body)["queues"][0]["contacts"].empty());   // with the bot first

    // The transcript as an array, or as the JSON text of one (the core's transcriptJson).
    json transcript = json::array({row("CUSTOMER", "Dana", "card 4111 1111 1111 1111")});
    for (const json& t : {transcript, json(transcript.dump())}) {
        json body = {{"level", "L2"}, {"reason", "dispute"}, {"transcript", t}, {"l1ContactId", l1["contactId"]}};
        Reply r = s.service.partnerChatToken(body.dump());
        REQUIRE(r.status == 200);
        const json l2 = json::parse(r.body);
        CHECK(l2.contains("escalationId"));
        CHECK(l2["endpoint"] == "http://127.0.0.1:9999");
        Reply a = s.service.agentAccept(json{{"instance", "finaptic"}, {"contactId", l2["contactId"]}, {"agentName", "Sam"}}.dump());
        REQUIRE(a.status == 200);
        const json record = json::parse(s.service.agentContact(l2["contactId"].get<std::string>(),
                                                               json::parse(a.body)["participantToken"].get<std::string>()).body)["escalation"];
        CHECK(record["l1ContactId"] == l1["contactId"]);
        CHECK(record["transcript"][0]["text"] == "card [CREDIT_DEBIT_NUMBER]");
    }
    // No reason from the page: the backend names one. A transcript that is not JSON: the API's 400.
    CHECK(s.service.partnerChatToken(R"({"level":"L2"})").status == 200);
    CHECK(s.service.partnerChatToken(R"({"level":"L2","reason":"x","transcript":"not json"})").errorType == "ValidationException");
    CHECK(s.service.partnerChatToken(R"({"level":"L3"})").status == 400);
    CHECK(s.service.partnerChatToken("nope").errorType == "InvalidRequestException");
}
