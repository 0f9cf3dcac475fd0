// Conversation: one customer's conversation over the L1 and L2 chats (system.md §3), driven step by
// step through the fake platform, a fake token provider and the manual clock (conversation_harness.h).
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "conversation_harness.h"

using namespace convtest;

// ---------------------------------------------------------------------------------------------
TEST_CASE("conversation: the L1 token is asked on start, the chat connects", "[conversation]") {
    Harness h;
    CHECK(h.conv->state() == ConversationState::Idle);
    CHECK_FALSE(h.conv->restore());   // nothing saved
    h.conv->start();
    CHECK(h.conv->state() == ConversationState::RequestingToken);
    REQUIRE(h.tokens.log.size() == 1);
    CHECK(h.tokens.log[0].level == SupportLevel::L1);
    CHECK(h.tokens.log[0].transcriptJson.empty());
    h.conv->start();   // twice: still one request
    CHECK(h.tokens.log.size() == 1);
    h.answerToken(SupportLevel::L1);
    CHECK(h.conv->state() == ConversationState::InChat);
    h.goLive(SupportLevel::L1);
    CHECK(h.conv->sessionState() == SessionState::Live);
    CHECK(h.conv->segmentCount() == 1);
    CHECK(h.conv->segmentLevel(0) == SupportLevel::L1);
}

TEST_CASE("conversation: a failed start says so and retry asks again; typed text waits", "[conversation]") {
    Harness h;
    h.conv->start();
    CHECK(h.conv->send("hello?").outcome == SendOutcome::Queued);
    h.answerToken(Error{ErrorCode::Service, "backend down"});
    CHECK(h.conv->state() == ConversationState::StartFailed);
    REQUIRE(h.conv->startError());
    h.conv->retry();
    CHECK(h.tokens.asked(SupportLevel::L1) == 2);
    h.answerToken(SupportLevel::L1);
    h.goLive(SupportLevel::L1);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"hello?"});
    CHECK(h.conv->queued().empty());
}

TEST_CASE("handoff: signal → redacted transcript to the provider → L2 live → then L1 disconnected", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, fake::message("m-2", "p-l1", ParticipantRole::Customer, "my ssn is 123-45-6789", T0 + 1000, "c-l1"));
    h.push(SupportLevel::L1, h.signal("sig-1", "mortgage question", T0 + 2000));
    CHECK(h.count(CE::HandoffStarted) == 1);
    CHECK(h.conv->handoffState() == HandoffState::Requesting);
    REQUIRE(h.tokens.pending.size() == 1);
    const TokenRequest& asked = h.tokens.pending[0].request;
    CHECK(asked.level == SupportLevel::L2);
    CHECK(asked.reason == "mortgage question");
    const Json rows = Json::parse(asked.transcriptJson);
    REQUIRE(rows.isArray());
    REQUIRE(rows.items().size() == 2);   // the greeting and the customer's line; never the signal
    CHECK(rows.items()[0].find("role")->asString() == "agent");
    CHECK(rows.items()[1].find("role")->asString() == "customer");
    CHECK(rows.items()[1].find("text")->asString() == "my ssn is [SSN]");
    CHECK(asked.transcriptJson.find("123-45") == std::string::npos);

    h.answerToken(SupportLevel::L2);
    CHECK(h.conv->handoffState() == HandoffState::Connecting);
    h.answerCpc(SupportLevel::L2);
    CHECK(h.sentWith(DISC, "CT-L1") == 0);   // not before L2 is live
    CHECK(h.conv->segmentCount() == 1);
    h.subscribe(SupportLevel::L2);
    CHECK(h.conv->handoffState() == HandoffState::Done);
    CHECK(h.count(CE::HandoffSucceeded) == 1);
    CHECK(h.sentWith(DISC, "CT-L1") == 1);
    REQUIRE(h.conv->segmentCount() == 2);
    CHECK(h.conv->segmentLevel(1) == SupportLevel::L2);
    CHECK(texts(h.conv->transcript(0)) == std::vector<std::string>{"Hi, how can I help?", "my ssn is 123-45-6789"});
    CHECK(h.conv->session() != nullptr);
    CHECK(h.conv->session()->details().participantToken == "PT-L2");
    // Events after the handoff come from segment 1; L1's ending is not the conversation's.
    h.push(SupportLevel::L2, fake::message("m-l2-1", "p-spec", ParticipantRole::Agent, "Specialist here", h.w.clock.nowMs(), "c-l2"));
    CHECK(h.events.back().segment == 1);
    CHECK(texts(h.conv->transcript(1)) == std::vector<std::string>{"Specialist here"});
    CHECK(h.conv->state() == ConversationState::InChat);
}

TEST_CASE("handoff: two triggers at once give one L2 chat; later triggers are ignored", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.conv->escalate("from the page");
    h.push(SupportLevel::L1, h.signal("sig-1", "from the bot", T0 + 1000));
    h.push(SupportLevel::L1, h.signal("sig-1", "from the bot", T0 + 1000));   // re-delivered
    CHECK(h.tokens.asked(SupportLevel::L2) == 1);
    CHECK(h.count(CE::HandoffStarted) == 1);
    CHECK(h.conv->handoffReason() == "from the page");
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    h.conv->escalate("again");
    CHECK(h.tokens.asked(SupportLevel::L2) == 1);
    CHECK(h.count(CE::HandoffSucceeded) == 1);
}

TEST_CASE("handoff: messages typed while it runs go to L2 once, none to L1", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, h.signal("sig-1", "specialist", T0 + 1000));
    CHECK(h.conv->send("typed right after").outcome == SendOutcome::Queued);
    h.answerToken(SupportLevel::L2);
    CHECK(h.conv->send("typed while connecting").outcome == SendOutcome::Queued);
    CHECK(h.conv->queued().size() == 2);
    h.goLive(SupportLevel::L2);
    CHECK(h.conv->queued().empty());
    CHECK(h.sentTexts("CT-L1").empty());
    CHECK(h.sentTexts("CT-L2") == std::vector<std::string>{"typed right after", "typed while connecting"});
    h.answerSends(SupportLevel::L2);
    CHECK(texts(h.conv->transcript(1)) == std::vector<std::string>{"typed right after", "typed while connecting"});
    // After the handoff a message goes straight to L2.
    CHECK(h.conv->send("next").outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L2").size() == 3);
}

TEST_CASE("handoff fails when the token provider fails: stay on L1, typed text to L1, retry works", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.conv->escalate("help");
    CHECK(h.conv->send("waiting").outcome == SendOutcome::Queued);
    h.answerToken(Error{ErrorCode::Service, "Support API 500"});
    CHECK(h.conv->handoffState() == HandoffState::Failed);
    REQUIRE(h.conv->handoffError());
    CHECK(h.count(CE::HandoffFailed) == 1);
    CHECK(h.conv->segmentCount() == 1);
    CHECK(h.conv->sessionState() == SessionState::Live);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"waiting"});   // nothing typed lost
    CHECK(h.sentWith(DISC, "CT-L1") == 0);
    h.conv->retry();   // "Try again"
    CHECK(h.conv->handoffState() == HandoffState::Requesting);
    CHECK(h.tokens.pending.back().request.reason == "help");
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    CHECK(h.conv->handoffState() == HandoffState::Done);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"waiting"});   // still once
    CHECK(h.sentTexts("CT-L2").empty());
}

TEST_CASE("handoff fails when L2 refuses the connection", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.conv->escalate("help");
    h.answerToken(SupportLevel::L2);
    h.take(CPC, "PT-L2").done(FakeHttp::error(400, "ValidationException", "bad token"));
    CHECK(h.conv->handoffState() == HandoffState::Failed);
    CHECK(h.conv->session()->details().participantToken == "PT-L1");
    CHECK(h.w.storage.get("fc.l2") == std::nullopt);
    h.conv->retryHandoff();
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    CHECK(h.conv->handoffState() == HandoffState::Done);
}

TEST_CASE("handoff fails when L2 is not live within the bound; the late socket is dropped", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.conv->escalate("help");
    h.answerToken(SupportLevel::L2);
    h.answerCpc(SupportLevel::L2);
    fake::FakeSocket* late = h.socket(SupportLevel::L2);
    REQUIRE(late != nullptr);
    h.w.clock.advance(h.config.handoffTimeoutMs - 1);
    CHECK(h.conv->handoffState() == HandoffState::Connecting);
    h.w.clock.advance(1);
    CHECK(h.conv->handoffState() == HandoffState::Failed);
    REQUIRE(h.conv->handoffError());
    CHECK(h.conv->handoffError()->code == ErrorCode::Network);
    h.w.clock.advance(1);   // the dropped session is freed on a later turn
    CHECK(h.socket(SupportLevel::L2) == nullptr);
    CHECK(h.conv->sessionState() == SessionState::Live);
    // A token that arrives after the failure is ignored.
    h.conv->retryHandoff();
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    CHECK(h.conv->handoffState() == HandoffState::Done);
}

TEST_CASE("handoff: a token answered after the bound is stale", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.conv->escalate("help");
    h.w.clock.advance(h.config.handoffTimeoutMs);
    CHECK(h.conv->handoffState() == HandoffState::Failed);
    h.answerToken(SupportLevel::L2);
    CHECK(h.conv->handoffState() == HandoffState::Failed);
    CHECK(h.w.http.count(CPC) == 0);
}

TEST_CASE("reload before the handoff continues L1 without a token", "[conversation]") {
    Harness h;
    h.startOnL1();
    REQUIRE(h.reload());
    CHECK(h.tokens.log.size() == 1);
    CHECK(h.conv->state() == ConversationState::InChat);
    CHECK(h.conv->handoffState() == HandoffState::None);
    REQUIRE(h.conv->session() != nullptr);
    CHECK(h.conv->session()->details().participantToken == "PT-L1");
    // A signal already acted on is not acted on again after the reload (re-sync re-delivers it).
}

TEST_CASE("reload: an escalation signal handled before the reload does not start another handoff", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, h.signal("sig-1", "specialist", T0 + 1000));
    h.answerToken(Error{ErrorCode::Service, "down"});
    CHECK(h.conv->handoffState() == HandoffState::Failed);
    REQUIRE(h.reload());
    CHECK(h.conv->handoffState() == HandoffState::Failed);
    h.goLive(SupportLevel::L1, {h.signal("sig-1", "specialist", T0 + 1000)});
    CHECK(h.tokens.asked(SupportLevel::L2) == 1);
    h.conv->retry();
    CHECK(h.tokens.asked(SupportLevel::L2) == 2);
}

TEST_CASE("reload while the token is asked: asked again; while L2 connects: L2 continues", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.conv->escalate("help");
    CHECK(h.conv->send("queued before reload").outcome == SendOutcome::Queued);
    REQUIRE(h.reload());
    CHECK(h.tokens.asked(SupportLevel::L2) == 2);
    CHECK(h.conv->handoffState() == HandoffState::Requesting);
    CHECK(h.conv->queued().size() == 1);
    h.answerToken(SupportLevel::L2);
    h.answerCpc(SupportLevel::L2);   // the L2 session saves its state
    REQUIRE(h.reload());
    CHECK(h.tokens.asked(SupportLevel::L2) == 2);   // no third request
    CHECK(h.conv->handoffState() == HandoffState::Connecting);
    // Resumed sessions hold still-valid connection tokens: they open sockets straight away.
    h.answerCpc(SupportLevel::L1);
    h.subscribe(SupportLevel::L1);
    h.answerCpc(SupportLevel::L2);
    h.subscribe(SupportLevel::L2);
    CHECK(h.conv->handoffState() == HandoffState::Done);
    CHECK(h.sentTexts("CT-L2") == std::vector<std::string>{"queued before reload"});
    CHECK(h.sentTexts("CT-L1").empty());
}

TEST_CASE("reload after the handoff: L2 continues, the L1 rows are back (redacted)", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, fake::message("m-2", "p-l1", ParticipantRole::Customer, "card 4111 1111 1111 1111", T0 + 1000, "c-l1"));
    h.handOff();
    h.push(SupportLevel::L2, fake::message("m-l2-1", "p-spec", ParticipantRole::Agent, "Specialist here", h.w.clock.nowMs(), "c-l2"));
    const std::string saved = *h.w.storage.get("fc");
    CHECK(saved.find("4111 1111") == std::string::npos);   // nothing personal kept in storage
    CHECK_FALSE(h.w.storage.get("fc.l1").has_value());
    REQUIRE(h.reload());
    CHECK(h.tokens.log.size() == 2);
    CHECK(h.conv->handoffState() == HandoffState::Done);
    REQUIRE(h.conv->segmentCount() == 2);
    CHECK(texts(h.conv->transcript(0)) == std::vector<std::string>{"Hi, how can I help?", "card [CREDIT_DEBIT_NUMBER]"});
    const TranscriptEntry* own = h.conv->transcript(0).findId("m-2");
    REQUIRE(own != nullptr);
    CHECK(own->own);
    h.answerCpc(SupportLevel::L2);
    h.subscribe(SupportLevel::L2, {fake::message("m-l2-1", "p-spec", ParticipantRole::Agent, "Specialist here", T0 + 3000, "c-l2")});
    CHECK(texts(h.conv->transcript(1)) == std::vector<std::string>{"Specialist here"});
    CHECK(h.w.http.count(CPC) == 0);   // no L1 connection after the handoff
}

TEST_CASE("the L2 chat ending ends the conversation and clears storage", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.handOff();
    h.push(SupportLevel::L2, fake::event("end-1", ContentKind::ChatEnded, h.w.clock.nowMs(), {}, ParticipantRole::System, "c-l2"));
    CHECK(h.conv->state() == ConversationState::Ended);
    CHECK(h.count(CE::Ended) == 1);
    CHECK(h.w.storage.values.empty());
    CHECK(h.conv->send("anyone?").outcome == SendOutcome::Refused);
    CHECK_FALSE(h.reload());   // a new conversation next time
}

TEST_CASE("the L1 chat ending during the handoff does not end the conversation", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.conv->escalate("help");
    h.push(SupportLevel::L1, fake::event("end-1", ContentKind::ChatEnded, h.w.clock.nowMs(), {}, ParticipantRole::System, "c-l1"));
    CHECK(h.conv->state() == ConversationState::InChat);
    CHECK(texts(h.conv->transcript(0)) == std::vector<std::string>{"Hi, how can I help?"});
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    CHECK(h.conv->handoffState() == HandoffState::Done);
    CHECK(h.conv->segmentCount() == 2);
}

TEST_CASE("the L1 chat ending without a handoff ends the conversation", "[conversation]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, fake::event("end-1", ContentKind::ChatEnded, h.w.clock.nowMs(), {}, ParticipantRole::System, "c-l1"));
    CHECK(h.conv->state() == ConversationState::Ended);
    h.conv->escalate("too late");
    CHECK(h.tokens.asked(SupportLevel::L2) == 0);
    CHECK(h.count(CE::HandoffFailed) == 1);
    h.conv->startNew();
    CHECK(h.conv->state() == ConversationState::RequestingToken);
    CHECK(h.conv->segmentCount() == 0);
}

TEST_CASE("transparent mode: the same handoff; views are told to draw no divider", "[conversation]") {
    Harness h;
    h.config.transparentHandoff = true;
    h.make();
    CHECK(h.conv->transparentHandoff());
    h.startOnL1();
    h.handOff();
    CHECK(h.conv->segmentCount() == 2);
}

TEST_CASE("unread: incoming messages while the window is not viewed, from both segments", "[conversation]") {
    Harness h;
    h.startOnL1();   // history from before start is not unread... the greeting is older than start
    CHECK(h.conv->unread() == 0);
    h.push(SupportLevel::L1, fake::message("m-2", "p-agent1", ParticipantRole::Agent, "one", h.w.clock.nowMs(), "c-l1"));
    h.push(SupportLevel::L1, fake::message("m-2", "p-agent1", ParticipantRole::Agent, "one", h.w.clock.nowMs(), "c-l1"));
    CHECK(h.conv->unread() == 1);
    h.handOff();
    h.push(SupportLevel::L2, fake::message("m-3", "p-spec", ParticipantRole::Agent, "two", h.w.clock.nowMs(), "c-l2"));
    CHECK(h.conv->unread() == 2);
    h.conv->setViewing(true);
    CHECK(h.conv->unread() == 0);
    h.push(SupportLevel::L2, fake::message("m-4", "p-spec", ParticipantRole::Agent, "three", h.w.clock.nowMs(), "c-l2"));
    CHECK(h.conv->unread() == 0);
    CHECK(h.count(CE::UnreadChanged) == 3);
}

TEST_CASE("PII ask-first: the message is held, then sent masked or as typed, or kept", "[conversation]") {
    Harness h;
    h.config.session.piiPolicy = PiiPolicy::AskFirst;
    h.make();
    h.startOnL1();
    SendResult r = h.conv->send("card 4111 1111 1111 1111");
    CHECK(r.outcome == SendOutcome::PiiQuestion);
    REQUIRE(h.conv->piiQuestion());
    CHECK(*h.conv->piiQuestion() == "CREDIT_DEBIT_NUMBER");
    CHECK(h.count(CE::PiiQuestion) == 1);
    CHECK(h.sentTexts("CT-L1").empty());
    CHECK(h.conv->answerPii(PiiChoice::Mask).outcome == SendOutcome::Sent);
    CHECK_FALSE(h.conv->piiQuestion());
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"card \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 1111"});
    CHECK(h.conv->send("iban DE89 3704 0044 0532 0130 00").outcome == SendOutcome::PiiQuestion);
    CHECK(h.conv->answerPii(PiiChoice::Cancel).outcome == SendOutcome::Refused);
    CHECK(h.sentTexts("CT-L1").size() == 1);
    CHECK(h.conv->send("ssn 123-45-6789").outcome == SendOutcome::PiiQuestion);
    CHECK(h.conv->answerPii(PiiChoice::AsTyped).outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L1").back() == "ssn 123-45-6789");
}

TEST_CASE("PII ask-first: a new send while the customer still holds the asked message replaces it", "[conversation][pii]") {
    Harness h;
    h.config.session.piiPolicy = PiiPolicy::AskFirst;
    h.make();
    h.startOnL1();
    REQUIRE(h.conv->send("card 4111 1111 1111 1111").outcome == SendOutcome::PiiQuestion);
    // The composer kept the text; the customer took the number out and sent the edit.
    CHECK(h.conv->send("my card was declined").outcome == SendOutcome::Sent);
    CHECK_FALSE(h.conv->piiQuestion());   // no stale question that would still send the number
    CHECK(h.conv->piiQuestionText().empty());
    CHECK(h.conv->answerPii(PiiChoice::AsTyped).outcome == SendOutcome::Refused);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"my card was declined"});
    // An edit that still carries a number is asked about in its place.
    REQUIRE(h.conv->send("ssn 123-45-6789").outcome == SendOutcome::PiiQuestion);
    REQUIRE(h.conv->send("card 4111 1111 1111 1111").outcome == SendOutcome::PiiQuestion);
    CHECK(*h.conv->piiQuestion() == "CREDIT_DEBIT_NUMBER");
    CHECK(h.conv->answerPii(PiiChoice::AsTyped).outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L1").back() == "card 4111 1111 1111 1111");
    CHECK(h.sentTexts("CT-L1").size() == 2);
}

TEST_CASE("PII name table: wanted at start when the policy guards NAME, otherwise at the first send or a restore", "[conversation]") {
    SECTION("default policy: not for an opened chat, once the customer sends") {
        Harness h;
        CHECK_FALSE(piiNamesGuarded(h.config.session));
        h.startOnL1();
        CHECK_FALSE(h.conv->piiWanted());
        CHECK(h.count(CE::PiiWanted) == 0);
        CHECK(h.conv->send("   ").outcome == SendOutcome::Refused);   // nothing sent: not yet
        CHECK_FALSE(h.conv->piiWanted());
        CHECK(h.conv->send("hello").outcome == SendOutcome::Sent);
        CHECK(h.conv->piiWanted());
        CHECK(h.conv->send("and again").outcome == SendOutcome::Sent);
        CHECK(h.count(CE::PiiWanted) == 1);   // once
    }
    SECTION("NAME masked or asked about: wanted when the chat starts") {
        for (const char* option : {R"({"NAME":"ask"})", R"({"NAME":"mask"})", R"({"ALL":"mask"})"}) {
            Harness h;
            REQUIRE(applyPiiOption(option, h.config.session));
            CHECK(piiNamesGuarded(h.config.session));
            h.make();
            CHECK_FALSE(h.conv->piiWanted());
            h.conv->start();
            CHECK(h.conv->piiWanted());
            CHECK(h.count(CE::PiiWanted) == 1);
        }
    }
    SECTION("names sent as typed: not guarded") {
        for (const char* option : {R"("off")", R"("ask")", R"({"NAME":"send","ALL":"mask"})"}) {
            SessionConfig config;
            REQUIRE(applyPiiOption(option, config));
            CHECK_FALSE(piiNamesGuarded(config));
        }
    }
    SECTION("a restored chat: wanted (its transcript is redacted at the handoff or the end)") {
        Harness h;
        h.startOnL1();
        REQUIRE(h.reload());
        CHECK(h.conv->piiWanted());
    }
}

// A conversation whose platform's PII detector is loaded later, as the browser's is.
struct LazyPii : Harness {
    fake::LazyPiiDetector pii;
    explicit LazyPii(const std::function<void(ConversationConfig&)>& setup = {}) {
        w.pii = &pii;
        if (setup) setup(config);
        make();
    }
    // On L1 with an SSN in the customer's history, escalated before the detector is here.
    void escalateWithSsn() {
        startOnL1();
        push(SupportLevel::L1, fake::message("m-2", "p-l1", ParticipantRole::Customer, "my ssn is 123-45-6789", T0 + 1000, "c-l1"));
        conv->escalate("mortgage question");
    }
};

TEST_CASE("PII detector not loaded yet: a guarded message waits in the queue, PiiWanted; piiReady sends it masked", "[conversation][pii]") {
    LazyPii h;
    h.startOnL1();
    CHECK(h.count(CE::PiiWanted) == 0);   // default policy: not for an opened chat
    const std::string card = "card 4111 1111 1111 1111";
    SendResult r = h.conv->send(card);
    CHECK(r.outcome == SendOutcome::Queued);
    CHECK(r.localId == "queued-1");
    CHECK(h.count(CE::PiiWanted) == 1);
    CHECK(h.conv->piiWanted());
    CHECK(h.count(CE::QueueChanged) == 1);
    REQUIRE(h.conv->queued().size() == 1);
    CHECK(h.conv->queued()[0].text == card);
    CHECK(h.w.http.count(MSG) == 0);   // nothing on the wire
    CHECK(h.conv->transcript(0).size() == 1);   // only the greeting
    CHECK(h.w.storage.values.at("fc").find("\"queue\":[{") != std::string::npos);   // persisted like any queued message
    // Typed after it: behind it, in order, even though it needs no masking itself.
    CHECK(h.conv->send("hello").outcome == SendOutcome::Queued);
    CHECK(h.count(CE::PiiWanted) == 2);   // said again for each new wait (a failed load is retried)
    CHECK(h.conv->queued().size() == 2);
    h.conv->piiReady();   // the host says so too early: harmless
    CHECK(h.conv->queued().size() == 2);
    CHECK(h.w.http.count(MSG) == 0);

    h.pii.loaded = true;
    h.conv->piiReady();
    CHECK(h.conv->queued().empty());
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"card \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 1111", "hello"});
    CHECK(h.countSession(SessionEventType::PiiMasked) == 1);
    h.conv->piiReady();   // idempotent
    CHECK(h.sentTexts("CT-L1").size() == 2);
    CHECK(h.conv->send("card 5555 5555 5555 4444").outcome == SendOutcome::Sent);   // ready: as ever
    CHECK(h.count(CE::PiiWanted) == 2);
    CHECK(h.pii.misuse == 0);
}

TEST_CASE("PII detector not loaded yet: what needs no guard goes at once", "[conversation][pii]") {
    LazyPii h([](ConversationConfig& c) { REQUIRE(applyPiiOption(R"("off")", c.session)); });
    h.startOnL1();
    CHECK(h.conv->send("card 4111 1111 1111 1111").outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"card 4111 1111 1111 1111"});
    CHECK(h.conv->queued().empty());
    CHECK(h.pii.misuse == 0);
}

TEST_CASE("PII detector not loaded yet: ask-first asks once it is ready, nothing is sent before", "[conversation][pii]") {
    LazyPii h([](ConversationConfig& c) { c.session.piiPolicy = PiiPolicy::AskFirst; });
    h.startOnL1();
    CHECK(h.conv->send("card 4111 1111 1111 1111").outcome == SendOutcome::Queued);
    CHECK(h.count(CE::PiiQuestion) == 0);
    CHECK_FALSE(h.conv->piiQuestion());
    h.pii.loaded = true;
    h.conv->piiReady();
    CHECK(h.count(CE::PiiQuestion) == 1);
    REQUIRE(h.conv->piiQuestion());
    CHECK(*h.conv->piiQuestion() == "CREDIT_DEBIT_NUMBER");
    CHECK(h.conv->queued().empty());
    CHECK(h.w.http.count(MSG) == 0);
    CHECK(h.conv->answerPii(PiiChoice::Mask).outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"card \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 1111"});
    CHECK(h.pii.misuse == 0);
}

TEST_CASE("PII detector not loaded yet: two ask-first messages are asked one after the other, nothing overtakes", "[conversation][pii]") {
    LazyPii h([](ConversationConfig& c) { c.session.piiPolicy = PiiPolicy::AskFirst; });
    h.startOnL1();
    CHECK(h.conv->send("card 4111 1111 1111 1111").outcome == SendOutcome::Queued);
    CHECK(h.conv->send("and thanks").outcome == SendOutcome::Queued);
    CHECK(h.conv->send("ssn 123-45-6789").outcome == SendOutcome::Queued);
    CHECK(h.conv->send("bye").outcome == SendOutcome::Queued);
    h.pii.loaded = true;
    h.conv->piiReady();
    // The first is asked about; the rest wait behind it (none sent before it, none dropped).
    REQUIRE(h.conv->piiQuestion());
    CHECK(*h.conv->piiQuestion() == "CREDIT_DEBIT_NUMBER");
    CHECK(h.count(CE::PiiQuestion) == 1);
    CHECK(h.conv->queued().size() == 3);
    CHECK(h.w.http.count(MSG) == 0);
    // Answered: it goes first, then what followed it up to the next question.
    CHECK(h.conv->answerPii(PiiChoice::Mask).outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"card \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 1111", "and thanks"});
    REQUIRE(h.conv->piiQuestion());
    CHECK(*h.conv->piiQuestion() == "SSN");
    CHECK(h.count(CE::PiiQuestion) == 2);
    CHECK(h.conv->queued().size() == 1);
    // Kept by the customer: what was typed after it still goes.
    CHECK(h.conv->answerPii(PiiChoice::Cancel).outcome == SendOutcome::Refused);
    CHECK_FALSE(h.conv->piiQuestion());
    CHECK(h.conv->queued().empty());
    CHECK(h.sentTexts("CT-L1").size() == 3);
    CHECK(h.sentTexts("CT-L1").back() == "bye");
    CHECK(h.pii.misuse == 0);
}

TEST_CASE("PII ask-first: a queued message asked about later is not replaced or overtaken by a new send", "[conversation][pii]") {
    LazyPii h([](ConversationConfig& c) { c.session.piiPolicy = PiiPolicy::AskFirst; });
    h.startOnL1();
    CHECK(h.conv->send("card 4111 1111 1111 1111").outcome == SendOutcome::Queued);
    h.pii.loaded = true;
    h.conv->piiReady();
    REQUIRE(h.conv->piiQuestion());
    // It left the composer when it was queued: what the customer sends now is a new message. It
    // waits behind the question, with or without a number of its own.
    CHECK(h.conv->send("is it blocked?").outcome == SendOutcome::Queued);
    CHECK(h.conv->send("ssn 123-45-6789").outcome == SendOutcome::Queued);
    REQUIRE(h.conv->piiQuestion());
    CHECK(*h.conv->piiQuestion() == "CREDIT_DEBIT_NUMBER");
    CHECK(h.conv->piiQuestionText() == "card 4111 1111 1111 1111");
    CHECK(h.w.http.count(MSG) == 0);
    CHECK(h.conv->answerPii(PiiChoice::Mask).outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"card \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 1111", "is it blocked?"});
    REQUIRE(h.conv->piiQuestion());   // the next one is asked about in its turn
    CHECK(*h.conv->piiQuestion() == "SSN");
    CHECK(h.pii.misuse == 0);
}

TEST_CASE("PII ask-first answered while the chat cannot send: the answer waits ahead of the queue", "[conversation][pii]") {
    LazyPii h([](ConversationConfig& c) { c.session.piiPolicy = PiiPolicy::AskFirst; });
    h.startOnL1();
    CHECK(h.conv->send("card 4111 1111 1111 1111").outcome == SendOutcome::Queued);
    CHECK(h.conv->send("hello").outcome == SendOutcome::Queued);
    h.pii.loaded = true;
    h.conv->piiReady();
    REQUIRE(h.conv->piiQuestion());
    h.conv->escalate("mortgage question");   // the handoff starts: nothing is sent until L2 is here
    CHECK(h.conv->handoffState() == HandoffState::Requesting);
    CHECK(h.conv->answerPii(PiiChoice::AsTyped).outcome == SendOutcome::Queued);
    REQUIRE(h.conv->queued().size() == 2);
    CHECK(h.conv->queued()[0].text == "card 4111 1111 1111 1111");
    CHECK(h.conv->queued()[1].text == "hello");
}

TEST_CASE("PII detector not loaded yet: the handoff waits for it, then carries a redacted transcript", "[conversation][pii]") {
    LazyPii h;
    h.escalateWithSsn();
    CHECK(h.conv->handoffState() == HandoffState::Requesting);
    CHECK(h.count(CE::HandoffStarted) == 1);
    CHECK(h.count(CE::PiiWanted) >= 1);
    CHECK(h.tokens.asked(SupportLevel::L2) == 0);   // no transcript can leave unredacted
    CHECK(h.conv->escalationTranscript() == "[]");
    h.pii.loaded = true;
    h.conv->piiReady();
    REQUIRE(h.tokens.asked(SupportLevel::L2) == 1);
    const std::string sent = h.tokens.pending.at(0).request.transcriptJson;
    CHECK(sent.find("my ssn is [SSN]") != std::string::npos);
    CHECK(sent.find("123-45") == std::string::npos);
    h.conv->piiReady();   // idempotent: one request
    CHECK(h.tokens.asked(SupportLevel::L2) == 1);
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    CHECK(h.conv->handoffState() == HandoffState::Done);
    CHECK(h.pii.misuse == 0);
}

TEST_CASE("PII detector not loaded yet: the kept copy of the L1 rows is written once it is ready, never unredacted", "[conversation][pii]") {
    SECTION("the handoff begins before the detector is here") {
        LazyPii h;
        h.escalateWithSsn();
        const std::string before = h.w.storage.values.at("fc");
        CHECK(before.find("\"handoff\":\"requesting\"") != std::string::npos);
        CHECK(before.find("l1Rows") == std::string::npos);
        CHECK(before.find("123-45") == std::string::npos);
        h.pii.loaded = true;
        h.conv->piiReady();
        const std::string after = h.w.storage.values.at("fc");
        CHECK(after.find("l1Rows") != std::string::npos);
        CHECK(after.find("my ssn is [SSN]") != std::string::npos);
        CHECK(after.find("123-45") == std::string::npos);
        CHECK(h.pii.misuse == 0);
    }
    SECTION("after a reload the detector is not loaded again yet: the rows written last stay") {
        fake::LazyPiiDetector pii;   // outlives the harness
        Harness h;
        h.startOnL1();
        h.push(SupportLevel::L1, fake::message("m-2", "p-l1", ParticipantRole::Customer, "my ssn is 123-45-6789", T0 + 1000, "c-l1"));
        h.handOff();
        REQUIRE(h.w.storage.values.at("fc").find("my ssn is [SSN]") != std::string::npos);
        h.w.pii = &pii;   // the reloaded page has not loaded the detector yet
        REQUIRE(h.reload());
        CHECK(h.conv->send("card 4111 1111 1111 1111").outcome == SendOutcome::Queued);   // persists the record
        CHECK(h.w.storage.values.at("fc").find("my ssn is [SSN]") != std::string::npos);
        pii.loaded = true;
        h.conv->piiReady();
        CHECK(h.w.storage.values.at("fc").find("my ssn is [SSN]") != std::string::npos);
        CHECK(h.conv->queued().empty());
        CHECK(h.w.storage.values.at("fc").find("123-45") == std::string::npos);
        CHECK(pii.misuse == 0);
    }
}

TEST_CASE("data provider calls pass through, with a time limit", "[conversation]") {
    Harness h;
    std::vector<Result<std::string>> got;
    h.conv->callData("GetAccountList", "{}", [&](Result<std::string> r) { got.push_back(std::move(r)); });
    REQUIRE(h.data.calls.size() == 1);
    CHECK(h.data.calls[0].first == "GetAccountList");
    h.data.answers[0](std::string(R"([{"id":"a1","title":"Everyday"}])"));
    REQUIRE(got.size() == 1);
    CHECK(*got[0] == R"([{"id":"a1","title":"Everyday"}])");
    h.conv->callData("GetBalance", R"({"account":"a1"})", [&](Result<std::string> r) { got.push_back(std::move(r)); });
    h.w.clock.advance(h.config.dataProviderTimeoutMs);
    REQUIRE(got.size() == 2);
    CHECK(got[1].error().code == ErrorCode::Network);
    h.data.answers[1](std::string("late"));   // after the limit: not delivered twice
    CHECK(got.size() == 2);
}

TEST_CASE("randomized handoffs: every typed message reaches exactly one chat, once", "[conversation][random]") {
    // The server's side: which SendMessage ClientTokens the L1 chat took; once the L1 chat is over
    // (chat.ended pushed, or its DisconnectParticipant answered) it refuses everything with 403.
    const HttpResponse endedChat = FakeHttp::error(403, "AccessDeniedException", "Access denied");
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        INFO("seed " << seed);
        fake::Dice dice{fake::SeededRandom(seed)};
        Harness h;
        h.startOnL1();
        std::vector<std::string> typed;
        std::map<std::string, std::string> l1Took;   // ClientToken -> text
        std::map<std::string, std::string> l2Ids;    // ClientToken -> Id
        std::vector<Item> l1Items, l2Items;          // what each chat's GetTranscript returns
        bool l1Over = false;
        auto type = [&] {
            if (h.conv->state() != ConversationState::InChat) return;
            const std::string text = "msg-" + std::to_string(typed.size());
            const SendResult r = h.conv->send(text);
            REQUIRE((r.outcome == SendOutcome::Sent || r.outcome == SendOutcome::Queued));
            typed.push_back(text);
        };
        // L1's SendMessages: taken, refused, or (unless `all`) left out for later.
        auto answerL1 = [&](bool all) {
            std::vector<fake::PendingRequest> out;
            while (auto r = h.find(MSG, "CT-L1")) out.push_back(std::move(*r));
            for (auto& r : out) {
                const auto body = decode<SendMessageRequest>(r.request.body);
                REQUIRE(body.ok());
                // A ClientToken L1 took before gets the same answer; an ended chat refuses the rest.
                const bool take = l1Took.count(body->clientToken) || (!l1Over && (all || dice.chance(0.3)));
                if (take) {
                    SendMessageResponse resp;
                    resp.id = "l1-" + body->clientToken;
                    resp.absoluteTime = formatIsoTime(h.w.clock.nowMs());
                    if (l1Took.emplace(body->clientToken, body->content).second)
                        l1Items.push_back(fake::message(resp.id, "p-l1", ParticipantRole::Customer, body->content, h.w.clock.nowMs(), "c-l1"));
                    r.done(FakeHttp::ok(encode(resp)));
                } else if (l1Over || dice.chance(0.4)) {
                    r.done(endedChat);
                } else {
                    h.w.http.requests.push_back(std::move(r));   // still out
                }
            }
        };
        auto answerL2 = [&] {
            while (auto r = h.find(MSG, "CT-L2")) {
                const auto body = decode<SendMessageRequest>(r->request.body);
                REQUIRE(body.ok());
                SendMessageResponse resp;
                resp.id = "l2-" + body->clientToken;
                resp.absoluteTime = formatIsoTime(h.w.clock.nowMs());
                if (l2Ids.emplace(body->clientToken, resp.id).second)
                    l2Items.push_back(fake::message(resp.id, "p-l2", ParticipantRole::Customer, body->content, h.w.clock.nowMs(), "c-l2"));
                r->done(FakeHttp::ok(encode(resp)));
            }
        };
        // Answer whatever connection requests are open, and bring sockets up; transcripts hold what
        // each chat took.
        auto serve = [&] {
            for (SupportLevel l : {SupportLevel::L1, SupportLevel::L2}) {
                if (auto r = h.find(CPC, "PT-" + Harness::level(l))) {
                    if (l == SupportLevel::L1 && l1Over) {
                        r->done(endedChat);
                        continue;
                    }
                    r->done(FakeHttp::ok(h.cpcBody("CT-" + Harness::level(l), Harness::url(l))));
                    if (fake::FakeSocket* s = h.socket(l)) {
                        s->serverOpen();
                        s->ackSubscribe();
                    }
                }
                while (auto t = h.find(TRN, "CT-" + Harness::level(l))) {
                    GetTranscriptResponse page;
                    page.transcript = l == SupportLevel::L1 ? l1Items : l2Items;
                    t->done(FakeHttp::ok(encode(page)));
                }
            }
            if (auto d = h.find(DISC, "CT-L1")) {
                l1Over = true;
                d->done(FakeHttp::ok("{}"));
            }
        };
        for (int i = dice.between(0, 2); i > 0; --i) type();
        h.conv->escalate("random");
        bool done = false;
        for (int step = 0; step < 12 && !done && h.conv->state() == ConversationState::InChat; ++step) {
            for (int i = dice.between(0, 2); i > 0; --i) type();
            if (dice.chance(0.2)) REQUIRE(h.reload());
            const HandoffState hs = h.conv->handoffState();
            if (hs == HandoffState::Requesting && !h.tokens.pending.empty()) {
                if (dice.chance(0.3)) h.answerToken(Error{ErrorCode::Service, "random failure"});
                else h.answerToken(SupportLevel::L2);
            } else if (hs == HandoffState::Failed) {
                h.conv->retryHandoff();
            }
            // The L1 chat ends (the bot's escalation ends it) with whatever sends are out.
            if (!l1Over && dice.chance(0.25)) {
                l1Over = true;
                if (fake::FakeSocket* s = h.socket(SupportLevel::L1)) {
                    s->serverSend(chatFrame(fake::event("end-l1", ContentKind::ChatEnded, h.w.clock.nowMs(), {},
                                                        ParticipantRole::System, "c-l1")));
                }
            }
            serve();
            answerL1(false);
            answerL2();
            h.w.clock.advance(dice.between(0, 2));   // later turns (retired chats are freed on one)
            done = h.conv->handoffState() == HandoffState::Done;
        }
        for (int round = 0; round < 3; ++round) {   // settle everything still out
            serve();
            answerL1(true);
            answerL2();
            h.w.clock.advance(1);
        }
        const auto l2 = h.sentTexts("CT-L2");
        std::set<std::string> took;
        for (const auto& [token, text] : l1Took) took.insert(text);
        for (const std::string& text : typed) {
            INFO(text);
            // Exactly once: taken by L1, or sent on L2, never both.
            CHECK_FALSE((took.count(text) && std::count(l2.begin(), l2.end(), text) > 0));
            // Nothing lost: taken by a chat, or still in the customer's sight (queued, or failed
            // with Retry where the outcome is unknown or the conversation is over).
            bool failedRow = false, queued = false;
            for (int s = 0; s < h.conv->segmentCount(); ++s)
                for (const TranscriptEntry& e : h.conv->transcript(s).entries())
                    failedRow = failedRow || (e.own && e.item.content == text && e.delivery == Delivery::Failed);
            for (const auto& q : h.conv->queued()) queued = queued || q.text == text;
            CHECK((took.count(text) || std::count(l2.begin(), l2.end(), text) > 0 || queued || failedRow));
            // Once to the customer's eye.
            std::size_t seen = 0;
            for (int s = 0; s < h.conv->segmentCount(); ++s)
                for (const TranscriptEntry& e : h.conv->transcript(s).entries())
                    seen += e.own && e.item.type == ItemType::Message && e.item.content == text;
            seen += queued ? 1 : 0;
            if (h.conv->state() == ConversationState::InChat) CHECK(seen == 1);
        }
    }
}
