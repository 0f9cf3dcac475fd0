// Transcript: what the chat window shows, merged from socket, transcript pages and own sends.
#include <catch2/catch.hpp>

#include "finchat/transcript.h"
#include "items.h"

using namespace finchat;
using fake::kT0;
using fake::message;

namespace {
std::vector<std::string> ids(const Transcript& t) {
    std::vector<std::string> out;
    for (const auto& e : t.entries()) out.push_back(e.item.id.empty() ? e.localId : e.item.id);
    return out;
}
const ParticipantRole Agent = ParticipantRole::Agent;
const ParticipantRole Customer = ParticipantRole::Customer;
}  // namespace

TEST_CASE("an item seen twice is stored once", "[transcript]") {
    Transcript t("p-cust");
    REQUIRE(t.ingest(message("m-1", "p-agent", Agent, "hi", kT0)) == Change::Added);
    REQUIRE(t.ingest(message("m-1", "p-agent", Agent, "hi", kT0)) == Change::None);
    REQUIRE(t.size() == 1);
}

TEST_CASE("items are ordered by AbsoluteTime, then Id, whatever order they arrive in", "[transcript]") {
    Transcript t("p-cust");
    t.ingest(message("m-3", "p-agent", Agent, "third", kT0 + 3000));
    t.ingest(message("m-1", "p-agent", Agent, "first", kT0 + 1000));
    t.ingest(message("m-2b", "p-agent", Agent, "same time, larger id", kT0 + 2000));
    t.ingest(message("m-2a", "p-agent", Agent, "same time, smaller id", kT0 + 2000));
    CHECK(ids(t) == std::vector<std::string>{"m-1", "m-2a", "m-2b", "m-3"});
}

TEST_CASE("typing, receipts and acks are not stored; lifecycle events are", "[transcript]") {
    Transcript t("p-cust");
    CHECK(t.ingest(fake::event("e-1", ContentKind::Typing, kT0, "p-agent")) == Change::None);
    CHECK(t.ingest(fake::event("e-2", ContentKind::ParticipantJoined, kT0, "p-agent")) == Change::Added);
    CHECK(t.ingest(fake::event("e-3", ContentKind::ChatEnded, kT0 + 1)) == Change::Added);
    CHECK(t.ingest(fake::event("e-4", ContentKind::ParticipantIdle, kT0 + 2, "p-agent")) == Change::None);
    CHECK(t.size() == 2);
}

TEST_CASE("own messages go pending -> sent -> delivered -> read", "[transcript]") {
    Transcript t("p-cust");
    const auto local = t.addPending("text/plain", "hello", "tok-1", "Dana", kT0);
    REQUIRE(t.findLocal(local)->delivery == Delivery::Pending);
    REQUIRE(t.findLocal(local)->item.id.empty());

    SECTION("the SendMessage answer gives the Id; the echo arrives afterwards") {
        CHECK(t.confirmSent(local, "m-9", fake::message("", "", Customer, "", kT0 + 5).absoluteTime) == Change::Updated);
        CHECK(t.findLocal(local)->delivery == Delivery::Sent);
        CHECK(t.ingest(message("m-9", "p-cust", Customer, "hello", kT0 + 5)) == Change::None);
        CHECK(t.size() == 1);
    }
    SECTION("the echo overtakes the SendMessage answer: it is held, never shown twice") {
        CHECK(t.ingest(message("m-9", "p-cust", Customer, "hello", kT0 + 5)) == Change::Held);
        CHECK(t.size() == 1);
        CHECK(t.confirmSent(local, "m-9", "") == Change::Updated);
        REQUIRE(t.size() == 1);
        CHECK(t.findLocal(local)->item.id == "m-9");
        CHECK(t.findLocal(local)->item.absoluteTime == fake::message("", "", Customer, "", kT0 + 5).absoluteTime);
    }
    t.confirmSent(local, "m-9", "");
    t.ingest(fake::receipt("md-1", "m-9", "p-agent", /*read=*/false, kT0 + 6));
    CHECK(t.findLocal(local)->delivery == Delivery::Delivered);
    t.ingest(fake::receipt("md-2", "m-9", "p-agent", /*read=*/true, kT0 + 7));
    CHECK(t.findLocal(local)->delivery == Delivery::Read);
    SECTION("a late delivered receipt never moves a read message back") {
        t.ingest(fake::receipt("md-3", "m-9", "p-agent", false, kT0 + 8));
        CHECK(t.findLocal(local)->delivery == Delivery::Read);
    }
}

TEST_CASE("the server's copy of an own message replaces the local one (e.g. redacted)", "[transcript]") {
    Transcript t("p-cust");
    const auto local = t.addPending("text/plain", "card 4111 1111 1111 1111", "tok", "Dana", kT0);
    t.ingest(message("m-1", "p-cust", Customer, "card [CREDIT_DEBIT_NUMBER]", kT0 + 1));
    t.confirmSent(local, "m-1", "");
    CHECK(t.findLocal(local)->item.content == "card [CREDIT_DEBIT_NUMBER]");
}

TEST_CASE("pending messages stay last, in typing order, and move into place once sent", "[transcript]") {
    Transcript t("p-cust");
    t.ingest(message("m-1", "p-agent", Agent, "a", kT0));
    const auto l1 = t.addPending("text/plain", "one", "t1", "Dana", kT0 + 10);
    const auto l2 = t.addPending("text/plain", "two", "t2", "Dana", kT0 + 20);
    t.ingest(message("m-2", "p-agent", Agent, "b", kT0 + 30));   // server-confirmed: before pending ones
    CHECK(ids(t) == std::vector<std::string>{"m-1", "m-2", l1, l2});
    t.confirmSent(l2, "m-4", fake::message("", "", Customer, "", kT0 + 40).absoluteTime);
    t.confirmSent(l1, "m-3", fake::message("", "", Customer, "", kT0 + 35).absoluteTime);
    CHECK(ids(t) == std::vector<std::string>{"m-1", "m-2", "m-3", "m-4"});
}

TEST_CASE("own echoes no send claims are shown once sends are idle (another tab, before a reload)", "[transcript]") {
    Transcript t("p-cust");
    SECTION("no send in flight: shown at once as own and sent") {
        CHECK(t.ingest(message("m-1", "p-cust", Customer, "from the other tab", kT0)) == Change::Added);
        CHECK(t.entries()[0].own);
        CHECK(t.entries()[0].delivery == Delivery::Sent);
    }
    SECTION("held while a send is in flight, released when it completes") {
        const auto local = t.addPending("text/plain", "mine", "tok", "Dana", kT0);
        CHECK(t.ingest(message("m-other", "p-cust", Customer, "other tab", kT0 + 1)) == Change::Held);
        CHECK(t.size() == 1);
        t.confirmSent(local, "m-mine", fake::message("", "", Customer, "", kT0 + 2).absoluteTime);
        CHECK(ids(t) == std::vector<std::string>{"m-other", "m-mine"});
    }
    SECTION("released when the send fails") {
        const auto local = t.addPending("text/plain", "mine", "tok", "Dana", kT0);
        t.ingest(message("m-other", "p-cust", Customer, "other tab", kT0 + 1));
        t.markFailed(local, Error{ErrorCode::Network, "down"});
        CHECK(t.size() == 2);
        CHECK(t.findLocal(local)->delivery == Delivery::Failed);
    }
}

TEST_CASE("a failed message keeps its ClientToken, and a retry that finds its echo shows it once", "[transcript]") {
    Transcript t("p-cust");
    const auto local = t.addPending("text/plain", "hello", "tok-7", "Dana", kT0);
    // The server got it but the answer was lost; the echo came while nothing was in flight.
    t.markFailed(local, Error{ErrorCode::Network, "reset"});
    t.ingest(message("m-5", "p-cust", Customer, "hello", kT0 + 1));
    REQUIRE(t.size() == 2);
    CHECK(t.unsent().size() == 1);
    CHECK(t.unsent()[0]->clientToken == "tok-7");
    t.markRetrying(local);
    CHECK(t.findLocal(local)->delivery == Delivery::Pending);
    // The retry carries the same ClientToken, so the server answers with the same Id.
    t.confirmSent(local, "m-5", "");
    REQUIRE(t.size() == 1);
    CHECK(t.entries()[0].localId == local);
    CHECK(t.entries()[0].delivery == Delivery::Sent);
}

TEST_CASE("a send that fails after the server's copy came back (held) is that copy: shown once, sent", "[transcript]") {
    Transcript t("p-cust");
    const auto local = t.addPending("text/plain", "did this arrive?", "tok-1", "Dana", kT0);
    CHECK(t.ingest(message("m-7", "p-cust", Customer, "did this arrive?", kT0 + 1)) == Change::Held);
    t.markFailed(local, Error{ErrorCode::Service, "InternalServerException", 500, "InternalServerException"});
    REQUIRE(t.size() == 1);
    CHECK(t.findLocal(local)->delivery == Delivery::Sent);
    CHECK(t.findLocal(local)->item.id == "m-7");
    CHECK(t.unsent().empty());
    // Two sends of the same text out: the copy could be either one's; the failed one fails.
    Transcript u("p-cust");
    const auto a = u.addPending("text/plain", "ok", "tok-a", "Dana", kT0);
    const auto b = u.addPending("text/plain", "ok", "tok-b", "Dana", kT0 + 1);
    u.ingest(message("m-8", "p-cust", Customer, "ok", kT0 + 2));
    u.markFailed(b, Error{ErrorCode::Network, "reset"});
    CHECK(u.findLocal(b)->delivery == Delivery::Failed);
    CHECK(u.findLocal(a)->delivery == Delivery::Pending);
    u.confirmSent(a, "m-8", fake::message("", "", Customer, "", kT0 + 2).absoluteTime);
    CHECK(u.size() == 2);
}

TEST_CASE("forget drops an own message the server never took (it moved to another chat), nothing else", "[transcript]") {
    Transcript t("p-cust");
    t.ingest(message("m-1", "p-agent", Agent, "hi", kT0));
    const auto sent = t.addPending("text/plain", "taken", "tok-1", "Dana", kT0 + 1);
    t.confirmSent(sent, "m-2", fake::message("", "", Customer, "", kT0 + 2).absoluteTime);
    const auto failed = t.addPending("text/plain", "refused", "tok-2", "Dana", kT0 + 3);
    t.markFailed(failed, Error{ErrorCode::Ended, "ended"});
    const auto pending = t.addPending("text/plain", "out", "tok-3", "Dana", kT0 + 4);
    CHECK_FALSE(t.forget("m-1"));     // someone else's
    CHECK_FALSE(t.forget(sent));      // the server has it
    CHECK_FALSE(t.forget("local-99"));
    CHECK(t.forget(failed));
    CHECK(t.forget(pending));
    CHECK(t.findLocal(failed) == nullptr);
    CHECK(ids(t) == std::vector<std::string>{"m-1", "m-2"});
    CHECK(t.unsent().empty());
}

TEST_CASE("receipts", "[transcript]") {
    Transcript t("p-cust");
    const auto local = t.addPending("text/plain", "hello", "tok", "Dana", kT0);
    SECTION("a receipt that arrives before its message is applied when the message arrives") {
        t.ingest(fake::receipt("md-1", "m-1", "p-agent", true, kT0 + 3));
        t.confirmSent(local, "m-1", "");
        CHECK(t.findLocal(local)->delivery == Delivery::Read);
    }
    SECTION("our own read of someone else's message is not a receipt for us") {
        t.confirmSent(local, "m-1", "");
        t.ingest(fake::receipt("md-1", "m-1", "p-cust", true, kT0 + 3));
        CHECK(t.findLocal(local)->delivery == Delivery::Sent);
    }
    SECTION("receipts carried on transcript message items count") {
        t.confirmSent(local, "m-1", "");
        Item fromTranscript = message("m-1", "p-cust", Customer, "hello", kT0);
        fromTranscript.messageMetadata = fake::receipt("", "m-1", "p-agent", false, kT0 + 2).messageMetadata;
        CHECK(t.ingest(fromTranscript) == Change::Updated);
        CHECK(t.findLocal(local)->delivery == Delivery::Delivered);
    }
    SECTION("incoming messages have no delivery state to change") {
        t.ingest(message("m-2", "p-agent", Agent, "hi", kT0 + 1));
        t.ingest(fake::receipt("md-2", "m-2", "p-cust", true, kT0 + 2));
        CHECK(t.findId("m-2")->delivery == Delivery::Incoming);
    }
}

TEST_CASE("newest and oldest server times ignore pending messages", "[transcript]") {
    Transcript t("p-cust");
    CHECK_FALSE(t.newestServerTime());
    t.addPending("text/plain", "x", "tok", "Dana", kT0 + 99'000);
    CHECK_FALSE(t.newestServerTime());
    t.ingest(message("m-1", "p-agent", Agent, "a", kT0 + 1000));
    t.ingest(message("m-2", "p-agent", Agent, "b", kT0 + 2000));
    CHECK(*t.newestServerTime() == kT0 + 2000);
    CHECK(*t.oldestServerTime() == kT0 + 1000);
}
