// "The widget loses nothing typed": an own message still out (SendMessage not answered yet) or not
// sent at all when the L1 chat ends, as part of a handoff or not. Semantics: conversation.h, "Messages
// the L1 chat did not take". Manual clock, fake platform, fake token provider (conversation_harness.h).
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "conversation_harness.h"

using namespace convtest;

namespace {

const HttpResponse kEndedChat = FakeHttp::error(403, "AccessDeniedException", "Access denied");

Item chatEnded(Harness& h, SupportLevel l) {
    return fake::event("end-" + Harness::level(l), ContentKind::ChatEnded, h.w.clock.nowMs(), {}, ParticipantRole::System,
                       "c-" + std::string(l == SupportLevel::L2 ? "l2" : "l1"));
}

HttpResponse accepted(Harness& h, const std::string& id) {
    SendMessageResponse r;
    r.id = id;
    r.absoluteTime = formatIsoTime(h.w.clock.nowMs());
    return FakeHttp::ok(encode(r));
}

// Own message rows of a segment with this text.
std::vector<const TranscriptEntry*> ownRows(const Conversation& c, int segment, const std::string& text) {
    std::vector<const TranscriptEntry*> out;
    for (const TranscriptEntry& e : c.transcript(segment).entries())
        if (e.own && e.item.type == ItemType::Message && e.item.content == text) out.push_back(&e);
    return out;
}

// The one own row of a segment with this text.
const TranscriptEntry& onlyRow(const Conversation& c, int segment, const std::string& text) {
    const auto rows = ownRows(c, segment, text);
    INFO(text);
    REQUIRE(rows.size() == 1);
    return *rows[0];
}

// The customer sends `text` on the current chat; its SendMessage is on the wire, unanswered.
fake::PendingRequest sendOut(Harness& h, const std::string& text) {
    REQUIRE(h.conv->send(text).outcome == SendOutcome::Sent);
    return h.take(MSG, "CT-L1");
}

// The bot's escalation ends the L1 chat (signal, then chat.ended) while `text` is out; a later turn.
fake::PendingRequest outWhenEscalationEndsL1(Harness& h, const std::string& text) {
    auto out = sendOut(h, text);
    h.push(SupportLevel::L1, h.signal("sig-1", "specialist", h.w.clock.nowMs()));
    h.push(SupportLevel::L1, chatEnded(h, SupportLevel::L1));
    CHECK(h.conv->state() == ConversationState::InChat);
    h.w.clock.advance(1);   // later turns: nothing of the L1 chat is dropped while its answer is out
    return out;
}

// How many times the customer sees `text` anywhere in the window (all segments and the queue).
std::size_t shown(const Conversation& c, const std::string& text) {
    std::size_t n = 0;
    for (int s = 0; s < c.segmentCount(); ++s) n += ownRows(c, s, text).size();
    for (const QueuedMessage& q : c.queued()) n += q.text == text;
    return n;
}

// The L1 chat is over and did not take `text`: it left segment 0, shows once (queued), and is sent on
// L2 once L2 is live, only there.
void expectCarriedToL2(Harness& h, const std::string& text) {
    CHECK(h.conv->state() == ConversationState::InChat);
    CHECK(ownRows(*h.conv, 0, text).empty());
    CHECK(shown(*h.conv, text) == 1);
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    CHECK(h.sentTexts("CT-L2") == std::vector<std::string>{text});
}

std::size_t countOf(const std::vector<std::string>& v, const std::string& text) {
    return static_cast<std::size_t>(std::count(v.begin(), v.end(), text));
}

}  // namespace

// (a) The bot's escalation ends L1 while the customer's message is out; L1 then accepts it.
TEST_CASE("carry: a message out when the escalation ends L1 and then accepted by L1 stays on L1, not re-sent", "[conversation][carry]") {
    Harness h;
    h.startOnL1();
    auto out = outWhenEscalationEndsL1(h, "is my card blocked?");
    out.done(accepted(h, "m-l1-acc"));
    const TranscriptEntry& row = onlyRow(*h.conv, 0, "is my card blocked?");
    CHECK(row.delivery == Delivery::Sent);
    CHECK(row.item.id == "m-l1-acc");
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    REQUIRE(h.conv->handoffState() == HandoffState::Done);
    CHECK(h.sentTexts("CT-L2").empty());   // L1 took it: never again
    CHECK(shown(*h.conv, "is my card blocked?") == 1);
    h.w.clock.advance(1);
    CHECK(h.w.sockets.liveCount() == 1);   // only L2's socket
}

// (a)+(b) The same, but L1 answers its SendMessage with 403 (Connect's answer for an ended chat).
TEST_CASE("carry: a message out when the escalation ends L1 and refused by L1 (403) goes to L2 once L2 is live", "[conversation][carry]") {
    Harness h;
    h.startOnL1();
    auto out = outWhenEscalationEndsL1(h, "one more thing");
    out.done(kEndedChat);
    // Not in the L1 segment any more: waiting for L2, in queued().
    REQUIRE(h.conv->queued().size() == 1);
    CHECK(h.conv->queued()[0].text == "one more thing");
    expectCarriedToL2(h, "one more thing");
    h.answerSends(SupportLevel::L2);
    CHECK(shown(*h.conv, "one more thing") == 1);
    CHECK(ownRows(*h.conv, 1, "one more thing").size() == 1);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"one more thing"});   // the refused attempt only
}

// (b) 403 comes before chat.ended: the session asks for a new connection, which is refused too
// (the chat is over): the message was never taken.
TEST_CASE("carry: SendMessage refused (403) before L1's chat.ended, during the handoff: re-sent on L2", "[conversation][carry]") {
    Harness h;
    h.startOnL1();
    REQUIRE(h.conv->send("still there?").outcome == SendOutcome::Sent);
    h.conv->escalate("help");
    h.take(MSG, "CT-L1").done(kEndedChat);
    h.take(CPC, "PT-L1").done(kEndedChat);   // the ConnectionToken refresh: the chat ended in the background
    expectCarriedToL2(h, "still there?");
}

// (a) The L1 chat ends just as L2 connects; the answer comes after L2 is live (sent there at once).
TEST_CASE("carry: L1 ends just as L2 connects; its late refusal sends the message on the live L2 at once", "[conversation][carry]") {
    Harness h;
    h.startOnL1();
    auto out = sendOut(h, "are you there?");
    h.conv->escalate("help");
    h.answerToken(SupportLevel::L2);
    h.answerCpc(SupportLevel::L2);
    h.push(SupportLevel::L1, chatEnded(h, SupportLevel::L1));
    h.subscribe(SupportLevel::L2);
    REQUIRE(h.conv->handoffState() == HandoffState::Done);
    CHECK(h.sentTexts("CT-L2").empty());   // not yet: L1 may still take it
    h.w.clock.advance(1);
    out.done(kEndedChat);
    CHECK(h.sentTexts("CT-L2") == std::vector<std::string>{"are you there?"});
    CHECK(ownRows(*h.conv, 0, "are you there?").empty());
    CHECK(shown(*h.conv, "are you there?") == 1);
}

// L2 goes live first; L1 is disconnected by the handoff with the message still out and then accepts it.
TEST_CASE("carry: L2 live, L1 disconnected with a send out: L1's acceptance is shown on the L1 row", "[conversation][carry]") {
    Harness h;
    h.startOnL1();
    auto out = sendOut(h, "thanks");
    h.conv->escalate("help");
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    REQUIRE(h.conv->handoffState() == HandoffState::Done);
    CHECK(h.sentWith(DISC, "CT-L1") == 1);
    h.w.clock.advance(1);
    h.events.clear();
    out.done(accepted(h, "m-thanks"));
    const TranscriptEntry& row = onlyRow(*h.conv, 0, "thanks");
    CHECK(row.delivery == Delivery::Sent);
    // Views are told which row of the finished segment changed.
    REQUIRE(h.events.size() == 1);
    CHECK(h.events[0].type == CE::Session);
    CHECK(h.events[0].segment == 0);
    CHECK(h.events[0].session == SessionEventType::TranscriptChanged);
    CHECK(h.sentTexts("CT-L2").empty());
    // L1's chat.ended arrives later: nothing else changes, the old chat is freed.
    h.take(DISC, "CT-L1").done(FakeHttp::ok("{}"));
    h.w.clock.advance(h.config.session.timings.endGraceMs);
    h.w.clock.advance(1);
    CHECK(h.w.sockets.liveCount() == 1);
    CHECK(shown(*h.conv, "thanks") == 1);
}

// Unknown outcome: the answer is a transport failure / 5xx (the request may have reached L1). As the
// official widget does with a failed send: shown failed with Retry, never re-sent by itself.
TEST_CASE("carry: an unknown outcome (5xx after L1 ended) stays failed on the L1 row; Retry sends it on L2", "[conversation][carry]") {
    Harness h;
    h.startOnL1();
    auto out = outWhenEscalationEndsL1(h, "my address changed");
    out.done(FakeHttp::error(500, "InternalServerException"));
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    CHECK(h.sentTexts("CT-L2").empty());
    const TranscriptEntry& row = onlyRow(*h.conv, 0, "my address changed");
    CHECK(row.delivery == Delivery::Failed);
    const std::string localId = row.localId;
    REQUIRE(h.conv->retrySend(0, localId).ok());
    CHECK(h.sentTexts("CT-L2") == std::vector<std::string>{"my address changed"});
    CHECK(ownRows(*h.conv, 0, "my address changed").empty());
    CHECK(shown(*h.conv, "my address changed") == 1);
    CHECK_FALSE(h.conv->retrySend(0, localId).ok());   // gone from L1: once
}

// (c) A plain L1 end, no handoff.
TEST_CASE("carry: plain L1 end with a message out: refused shows failed with Retry, which starts a new chat with it", "[conversation][carry]") {
    Harness h;
    h.startOnL1();
    auto first = sendOut(h, "one last question");
    auto second = sendOut(h, "and another");
    h.push(SupportLevel::L1, chatEnded(h, SupportLevel::L1));
    CHECK(h.conv->state() == ConversationState::Ended);
    first.done(accepted(h, "m-last"));   // the server took the first before the end
    second.done(kEndedChat);
    CHECK(onlyRow(*h.conv, 0, "one last question").delivery == Delivery::Sent);
    const TranscriptEntry& refused = onlyRow(*h.conv, 0, "and another");
    CHECK(refused.delivery == Delivery::Failed);   // not silently dropped
    // Retry: the chat it was typed in is over; a new chat takes it (the text is not lost).
    REQUIRE(h.conv->retrySend(0, refused.localId).ok());
    CHECK(h.conv->state() == ConversationState::RequestingToken);
    REQUIRE(h.conv->queued().size() == 1);
    CHECK(h.conv->queued()[0].text == "and another");
    h.answerToken(SupportLevel::L1);
    h.goLive(SupportLevel::L1);
    CHECK(countOf(h.sentTexts("CT-L1"), "and another") == 2);   // the refused attempt, then the new chat
    CHECK(countOf(h.sentTexts("CT-L1"), "one last question") == 1);
    CHECK(shown(*h.conv, "and another") == 1);
}

// (d) Reload while the handoff runs, the message still out on the (live) L1 chat; after the reload the
// L1 chat turns out to be over.
TEST_CASE("carry: reload during the handoff with a send out on L1; L1 over after the reload: the message goes to L2 once", "[conversation][carry]") {
    Harness h;
    h.startOnL1();
    REQUIRE(h.conv->send("before the reload").outcome == SendOutcome::Sent);
    h.conv->escalate("help");
    REQUIRE(h.reload());   // the SendMessage answer is lost with the page
    // The resumed L1 session sends again with the same ClientToken; the chat is over meanwhile.
    while (auto r = h.find(MSG, "CT-L1")) r->done(kEndedChat);
    while (auto r = h.find(CPC, "PT-L1")) r->done(kEndedChat);
    while (auto r = h.find(MSG, "CT-L1")) r->done(kEndedChat);
    expectCarriedToL2(h, "before the reload");
}

// (d) Reload after L1 ended with the answer still out: the answer is lost, the outcome unknown.
TEST_CASE("carry: reload while L1's answer is out after L1 ended: failed on the L1 row with Retry, never lost or doubled", "[conversation][carry]") {
    Harness h;
    h.startOnL1();
    auto first = sendOut(h, "did you get this?");
    auto second = sendOut(h, "and this?");
    h.push(SupportLevel::L1, h.signal("sig-1", "specialist", h.w.clock.nowMs()));
    h.push(SupportLevel::L1, chatEnded(h, SupportLevel::L1));
    second.done(kEndedChat);   // refused: carried, waits in queued()
    REQUIRE(h.reload());
    CHECK(h.conv->handoffState() == HandoffState::Requesting);
    REQUIRE(h.conv->queued().size() == 1);
    CHECK(h.conv->queued()[0].text == "and this?");
    CHECK(onlyRow(*h.conv, 0, "did you get this?").delivery == Delivery::Failed);
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    CHECK(h.sentTexts("CT-L2") == std::vector<std::string>{"and this?"});
    h.answerSends(SupportLevel::L2);
    REQUIRE(h.reload());   // still there after another reload, still failed
    const TranscriptEntry& row = onlyRow(*h.conv, 0, "did you get this?");
    CHECK(row.delivery == Delivery::Failed);
    const std::string localId = row.localId;
    h.answerCpc(SupportLevel::L2);
    h.subscribe(SupportLevel::L2);
    REQUIRE(h.conv->retrySend(0, localId).ok());
    CHECK(h.sentTexts("CT-L2") == (std::vector<std::string>{"and this?", "did you get this?"}));
    CHECK(shown(*h.conv, "did you get this?") == 1);
    CHECK(ownRows(*h.conv, 0, "did you get this?").empty());
    (void)first;
}

TEST_CASE("carry: retry of a failed message in the current chat still retries it there", "[conversation][carry]") {
    Harness h;
    h.startOnL1();
    auto sent = h.conv->send("hello");
    REQUIRE(sent.outcome == SendOutcome::Sent);
    h.take(MSG, "CT-L1").done(FakeHttp::error(400, "ValidationException"));
    REQUIRE(h.conv->transcript(0).findLocal(sent.localId)->delivery == Delivery::Failed);
    REQUIRE(h.conv->retrySend(0, sent.localId).ok());
    REQUIRE(h.conv->retrySend(sent.localId).ok() == false);   // pending again: nothing to retry
    h.answerSends(SupportLevel::L1);
    CHECK(h.conv->transcript(0).findLocal(sent.localId)->delivery == Delivery::Sent);
    CHECK(countOf(h.sentTexts("CT-L1"), "hello") == 2);
}
