// ChatViewModel: rows from a Transcript, kept in step incrementally.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string_view>
#include <random>
#include <tuple>

#include "finchat/transcript.h"
#include "items.h"
#include "model/chat_view_model.h"
#include "source_files.h"

using namespace finchat;
using namespace finchat::widget;
using fake::kT0;   // 2025-05-01T10:00:00.000Z, a Thursday

namespace {

constexpr std::int64_t kMin = 60'000;
constexpr std::int64_t kHour = 60 * kMin;
constexpr std::int64_t kDay = 24 * kHour;
const ParticipantRole Agent = ParticipantRole::Agent;
const ParticipantRole Customer = ParticipantRole::Customer;

const Strings& english() {
    static const Strings s = [] {
        auto parsed = Strings::fromJson(fake::readSourceFile("web/locales/en.json"));
        REQUIRE(parsed);
        return *parsed;
    }();
    return s;
}

// The string table's patterns at a fixed offset (the native formatter).
std::shared_ptr<const DateTimeFormat> fixedZone(int utcOffsetMinutes) {
    return std::make_shared<PatternDateTimeFormat>(english(), utcOffsetMinutes);
}

ViewOptions options(int utcOffsetMinutes = 0, std::int64_t nowMs = kT0 + kHour) {
    ViewOptions o;
    if (utcOffsetMinutes != 0) o.dates = fixedZone(utcOffsetMinutes);
    o.nowMs = nowMs;
    return o;
}

// The connect-local demo bot: role SYSTEM, display name "BOT", no participant id.
Item bot(std::string id, std::string text, std::int64_t at, std::string contentType = "text/plain") {
    Item i = fake::message(std::move(id), "", ParticipantRole::System, std::move(text), at);
    i.displayName = "BOT";
    i.contentType = std::move(contentType);
    return i;
}
Item agent(std::string id, std::string text, std::int64_t at) { return fake::message(std::move(id), "p-agent", Agent, std::move(text), at); }
Item customer(std::string id, std::string text, std::int64_t at) { return fake::message(std::move(id), "p-cust", Customer, std::move(text), at); }

// One line per row: "date Today", "agent Sam* 10:00 hello" (* = first of a run), "system ...".
std::vector<std::string> describe(const ChatViewModel& vm) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < vm.size(); ++i) {
        const Row& r = vm.row(i);
        switch (r.kind) {
            case RowKind::DateSeparator: out.push_back("date " + r.text); break;
            case RowKind::HandoffDivider: out.push_back("divider " + r.text); break;
            case RowKind::System: out.push_back("system " + r.text); break;
            case RowKind::Message:
                out.push_back(std::string(toString(r.role)) + " " + r.sender + (r.firstInRun ? "*" : "") + " " +
                              r.timeLabel + " " + r.text);
                break;
        }
    }
    return out;
}

// The incremental model must end where a fresh one built from the same transcript does.
void checkSameAsFresh(const ChatViewModel& vm, const Transcript& t) {
    ChatViewModel fresh(english(), vm.options());
    fresh.sync(t);
    REQUIRE(describe(vm) == describe(fresh));
    for (std::size_t i = 0; i < vm.size(); ++i) {
        const Row& a = vm.row(i);
        const Row& b = fresh.row(i);
        CHECK(a.key == b.key);
        CHECK(a.index == i);
        CHECK(a.lastInRun == b.lastInRun);
        CHECK(a.delivery == b.delivery);
        CHECK(a.rich == b.rich);
        CHECK(vm.find(a.key) == &a);
    }
}

// Replaying the recorded changes on a plain list of keys must give the model's rows.
struct Mirror {
    std::vector<std::string> keys;
    void apply(const std::vector<ListChange>& changes, const ChatViewModel& vm) {
        for (const ListChange& c : changes) {
            switch (c.kind) {
                case ListChangeKind::Inserted: keys.insert(keys.begin() + static_cast<std::ptrdiff_t>(c.index), c.key); break;
                case ListChangeKind::Removed:
                    REQUIRE(keys[c.index] == c.key);
                    keys.erase(keys.begin() + static_cast<std::ptrdiff_t>(c.index));
                    break;
                case ListChangeKind::Updated: REQUIRE(c.index < keys.size()); keys[c.index] = c.key; break;
                case ListChangeKind::Reset:
                    keys.clear();
                    for (std::size_t i = 0; i < c.count; ++i) keys.push_back(vm.row(i).key);
                    break;
            }
        }
        std::vector<std::string> actual;
        for (std::size_t i = 0; i < vm.size(); ++i) actual.push_back(vm.row(i).key);
        REQUIRE(keys == actual);
    }
};

}  // namespace

TEST_CASE("rows: a date, then messages with roles, names and local times", "[viewmodel]") {
    Transcript t("p-cust");
    t.ingest(bot("b1", "Hi! How can I help?", kT0));
    t.ingest(customer("c1", "balance please", kT0 + kMin));
    t.ingest(agent("a1", "Hello, I'm Sam.", kT0 + 2 * kMin));
    ChatViewModel vm(english(), options(120));   // CEST: 10:00Z is 12:00 local
    vm.sync(t);
    CHECK(describe(vm) == std::vector<std::string>{
                              "date Today",
                              "bot Virtual assistant* 12:00 Hi! How can I help?",
                              "customer You* 12:01 balance please",
                              "agent Sam* 12:02 Hello, I'm Sam.",
                          });
    const Row& own = vm.row(2);
    CHECK(own.own);
    CHECK(own.key == "c1");
    CHECK(own.localId == "c1");
    CHECK(own.delivery == Delivery::Sent);
    CHECK(vm.row(1).delivery == Delivery::Incoming);
    CHECK(vm.row(1).own == false);
}

TEST_CASE("the agent's view: own messages are the agent's, the customer is named", "[viewmodel]") {
    Transcript t("p-agent");
    t.ingest(customer("c1", "hello", kT0));
    t.ingest(agent("a1", "hi Dana", kT0 + kMin));
    ViewOptions o = options();
    o.viewerRole = ParticipantRole::Agent;
    ChatViewModel vm(english(), o);
    vm.sync(t);
    CHECK(describe(vm) == std::vector<std::string>{"date Today", "customer Dana* 10:00 hello", "agent You* 10:01 hi Dana"});
    CHECK(vm.row(2).own);
}

TEST_CASE("date separators follow local days: midnight depends on the time zone", "[viewmodel][dates]") {
    Transcript t("p-cust");
    const std::int64_t evening = kT0 + 11 * kHour + 30 * kMin;   // 21:30Z on Thursday May 1
    t.ingest(agent("a1", "late", evening));
    t.ingest(agent("a2", "later", evening + kHour));              // 22:30Z
    const std::int64_t now = evening + kHour + kMin;

    ChatViewModel utc(english(), options(0, now));
    utc.sync(t);
    CHECK(describe(utc) == std::vector<std::string>{"date Today", "agent Sam* 21:30 late", "agent Sam* 22:30 later"});

    // In Berlin (UTC+2) the second message is after midnight, on Friday.
    ChatViewModel berlin(english(), options(120, now));
    berlin.sync(t);
    CHECK(describe(berlin) ==
          std::vector<std::string>{"date Yesterday", "agent Sam* 23:30 late", "date Today", "agent Sam* 00:30 later"});

    // In New York (UTC-4) both are on Thursday afternoon.
    ChatViewModel newYork(english(), options(-240, now));
    newYork.sync(t);
    CHECK(describe(newYork) == std::vector<std::string>{"date Today", "agent Sam* 17:30 late", "agent Sam* 18:30 later"});

    // The offset can change later: everything is relabelled in one Reset.
    utc.takeChanges();
    utc.setDateTimeFormat(fixedZone(120));
    const auto changes = utc.takeChanges();
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == ListChangeKind::Reset);
    CHECK(changes[0].count == 4);
    CHECK(describe(utc) == describe(berlin));
}

TEST_CASE("date labels: today, yesterday, this year, other years", "[viewmodel][dates]") {
    const Strings& s = english();
    const PatternDateTimeFormat utc(s);
    const std::int64_t today = utc.localDay(kT0);   // Thu May 1 2025
    CHECK(dayLabel(utc, today, today, s) == "Today");
    CHECK(dayLabel(utc, today - 1, today, s) == "Yesterday");
    CHECK(dayLabel(utc, today - 2, today, s) == "Tue, Apr 29");
    CHECK(dayLabel(utc, today + 3, today, s) == "Sun, May 4");
    CHECK(dayLabel(utc, today - 365, today, s) == "May 1, 2024");
    CHECK(dayLabel(utc, today, -1, s) == "May 1, 2025");   // no clock: always the full date
    CHECK(utc.localDay(kT0 - 10 * kHour - 1) == today - 1);
    CHECK(utc.localDay(-1) == -1);                     // floor, not truncation
    CHECK(utc.time(kT0 + 5 * kMin) == "10:05");
    CHECK(utc.time(kT0 - 10 * kHour + 5 * kMin) == "00:05");
    CHECK(PatternDateTimeFormat(s, 330).time(kT0) == "15:30");   // India, UTC+5:30
    Strings twelve = s;
    twelve.set("time.format", "{hours12}:{minutes} {ampm}");
    CHECK(PatternDateTimeFormat(twelve).time(kT0 + 4 * kHour) == "2:00 PM");
    CHECK(PatternDateTimeFormat(twelve).time(kT0 - 10 * kHour) == "12:00 AM");
}

// A zone with daylight saving, like Berlin's in 2025: UTC+1 until 2025-03-30T01:00Z, UTC+2 after.
// Its headings are not the string table's ("day 20176"), so a test sees the model asked for them.
class FakeDaylightZone final : public DateTimeFormat {
public:
    static constexpr std::int64_t kSwitch = 1743296400000;   // 2025-03-30T01:00:00Z
    static int offsetAt(std::int64_t ms) { return ms < kSwitch ? 60 : 120; }
    std::int64_t localDay(std::int64_t ms) const override {
        ++calls;
        return PatternDateTimeFormat(english(), offsetAt(ms)).localDay(ms);
    }
    std::string time(std::int64_t ms) const override {
        ++calls;
        return PatternDateTimeFormat(english(), offsetAt(ms)).time(ms);
    }
    std::string date(std::int64_t day, bool withYear) const override {
        ++calls;
        return "day " + std::to_string(day) + (withYear ? " year" : "");
    }
    mutable int calls = 0;
};

TEST_CASE("times, headings and local days come from the DateTimeFormat, daylight saving included", "[viewmodel][dates]") {
    constexpr std::int64_t satEvening = 1743287400000;             // 2025-03-29T22:30Z: Sat 23:30 (UTC+1)
    constexpr std::int64_t sunEvening = satEvening + kDay;         // 2025-03-30T22:30Z: Mon 00:30 (UTC+2)
    Transcript t("p-cust");
    t.ingest(agent("a1", "before", satEvening));
    t.ingest(agent("a2", "after", sunEvening));
    t.ingest(agent("a3", "monday", sunEvening + 10 * kHour));      // 2025-03-31T08:30Z: Mon 10:30

    auto zone = std::make_shared<FakeDaylightZone>();
    ViewOptions o = options(0, sunEvening + 10 * kHour + kMin);
    o.dates = zone;
    ChatViewModel vm(english(), o);
    vm.sync(t);
    CHECK(zone->calls > 0);
    // Each instant at its own offset: the second message is on Monday, after midnight (20178 = Mar 31).
    CHECK(describe(vm) == std::vector<std::string>{"date day 20176", "agent Sam* 23:30 before", "date Today",
                                                   "agent Sam* 00:30 after", "agent Sam* 10:30 monday"});
    CHECK(&vm.dates() == zone.get());

    // The same chat at the winter offset throughout (a fixed offset): the second message is still Sunday.
    ChatViewModel fixed(english(), options(60, sunEvening + 10 * kHour + kMin));
    fixed.sync(t);
    CHECK(describe(fixed) == std::vector<std::string>{"date Sat, Mar 29", "agent Sam* 23:30 before", "date Yesterday",
                                                      "agent Sam* 23:30 after", "date Today", "agent Sam* 09:30 monday"});

    // Incremental updates group by the same local days as a fresh model.
    Transcript t2("p-cust");
    ChatViewModel live(english(), o);
    for (const auto& [id, text, at] : {std::tuple{"a1", "before", satEvening}, {"a2", "after", sunEvening},
                                       {"a3", "monday", sunEvening + 10 * kHour}}) {
        t2.ingest(agent(id, text, at));
        live.update(t2, id);
    }
    CHECK(describe(live) == describe(vm));

    // Back to the string table's patterns (nullptr): UTC, everything relabelled.
    vm.setDateTimeFormat(nullptr);
    CHECK(describe(vm) == std::vector<std::string>{"date Sat, Mar 29", "agent Sam* 22:30 before", "date Yesterday",
                                                   "agent Sam* 22:30 after", "date Today", "agent Sam* 08:30 monday"});
}

TEST_CASE("setNow relabels date separators when the day changes", "[viewmodel][dates]") {
    Transcript t("p-cust");
    t.ingest(agent("a1", "hi", kT0));
    ChatViewModel vm(english(), options(0, kT0 + kMin));
    vm.sync(t);
    CHECK(vm.row(0).text == "Today");
    vm.takeChanges();
    vm.setNow(kT0 + 2 * kMin);   // same day: nothing to do
    CHECK(vm.takeChanges().empty());
    vm.setNow(kT0 + kDay);
    CHECK(vm.row(0).text == "Yesterday");
    CHECK(vm.takeChanges() == std::vector<ListChange>{{ListChangeKind::Updated, 0, 1, "date:a1"}});
}

TEST_CASE("sender names group into runs of one sender within 5 minutes", "[viewmodel][grouping]") {
    Transcript t("p-cust");
    t.ingest(agent("a1", "one", kT0));
    t.ingest(agent("a2", "two", kT0 + 4 * kMin));
    t.ingest(agent("a3", "three", kT0 + 8 * kMin));           // 4 min after the previous: same run
    t.ingest(agent("a4", "four", kT0 + 14 * kMin));           // 6 min gap: new run
    t.ingest(customer("c1", "me", kT0 + 15 * kMin));
    t.ingest(agent("a5", "five", kT0 + 16 * kMin));           // after someone else: new run
    t.ingest(fake::event("e1", ContentKind::TransferSucceeded, kT0 + 17 * kMin));
    t.ingest(agent("a6", "six", kT0 + 18 * kMin));            // after a system line: new run
    Item other = agent("x1", "other agent", kT0 + 18 * kMin + 1);
    other.participantId = "p-agent-2";
    other.displayName = "Kim";
    t.ingest(other);
    ChatViewModel vm(english(), options());
    vm.sync(t);
    CHECK(describe(vm) == std::vector<std::string>{
                              "date Today",
                              "agent Sam* 10:00 one",
                              "agent Sam 10:04 two",
                              "agent Sam 10:08 three",
                              "agent Sam* 10:14 four",
                              "customer You* 10:15 me",
                              "agent Sam* 10:16 five",
                              "system You've been transferred to another team",
                              "agent Sam* 10:18 six",
                              "agent Kim* 10:18 other agent",
                          });
    std::vector<bool> last;
    for (std::size_t i = 0; i < vm.size(); ++i) last.push_back(vm.row(i).lastInRun);
    CHECK(last == std::vector<bool>{true, false, false, true, true, true, true, true, true, true});
}

TEST_CASE("a date separator breaks a run", "[viewmodel][grouping]") {
    Transcript t("p-cust");
    t.ingest(agent("a1", "before midnight", kT0 + 13 * kHour + 58 * kMin));   // 23:58Z
    t.ingest(agent("a2", "after midnight", kT0 + 14 * kHour + 1 * kMin));     // 00:01Z
    ChatViewModel vm(english(), options(0, kT0 + kDay));
    vm.sync(t);
    CHECK(describe(vm) == std::vector<std::string>{"date Yesterday", "agent Sam* 23:58 before midnight", "date Today",
                                                   "agent Sam* 00:01 after midnight"});
}

TEST_CASE("own messages show their delivery state", "[viewmodel][delivery]") {
    Transcript t("p-cust");
    ChatViewModel vm(english(), options());
    const std::string local = t.addPending("text/plain", "hello", "tok", "Dana", kT0);
    vm.update(t, local);
    REQUIRE(vm.size() == 2);
    const Row* row = vm.find(local);
    REQUIRE(row);
    CHECK(row->delivery == Delivery::Pending);
    CHECK(deliveryLabel(row->delivery, english()) == "Sending…");
    CHECK(row->sender == "You");

    t.markFailed(local, Error{ErrorCode::Network, "down"});
    vm.update(t, local);
    CHECK(row->delivery == Delivery::Failed);
    CHECK(row->canRetry);
    CHECK(deliveryLabel(row->delivery, english()) == "Not sent");

    t.markRetrying(local);
    vm.update(t, local);
    CHECK_FALSE(row->canRetry);
    t.confirmSent(local, "m-1", formatIsoTime(kT0 + 1000));
    vm.update(t, local);
    CHECK(row->delivery == Delivery::Sent);
    t.ingest(fake::receipt("r1", "m-1", "p-agent", false, kT0 + 2000));
    vm.update(t, local);
    CHECK(deliveryLabel(row->delivery, english()) == "Delivered");
    t.ingest(fake::receipt("r2", "m-1", "p-agent", true, kT0 + 3000));
    vm.update(t, local);
    CHECK(deliveryLabel(row->delivery, english()) == "Read");
    CHECK(deliveryLabel(Delivery::Incoming, english()).empty());
    CHECK(vm.find(local) == row);   // the same row all along
    CHECK(vm.parseCount() == 1);    // and its text parsed once
}

TEST_CASE("system lines; our own joined/left and the escalation signal are not shown", "[viewmodel][system]") {
    Transcript t("p-cust");
    t.ingest(fake::event("e1", ContentKind::ParticipantJoined, kT0, "p-cust", Customer));
    t.ingest(fake::event("e2", ContentKind::ParticipantJoined, kT0 + 1, "p-agent", Agent));
    Item signal = bot("s1", escalationSignalContent("card dispute"), kT0 + 2, "application/json");
    t.ingest(signal);
    t.ingest(fake::event("e3", ContentKind::ParticipantLeft, kT0 + 3, "p-agent", Agent));
    t.ingest(fake::event("e4", ContentKind::TransferFailed, kT0 + 4));
    t.ingest(fake::event("e5", ContentKind::ParticipantLeft, kT0 + 5, "p-cust", Customer));
    t.ingest(fake::event("e6", ContentKind::ChatEnded, kT0 + 6));
    Item blank = agent("a0", "  \n ", kT0 + 7);
    t.ingest(blank);
    ChatViewModel vm(english(), options());
    vm.sync(t);
    CHECK(describe(vm) == std::vector<std::string>{
                              "date Today",
                              "system Sam joined the chat",
                              "system Sam left the chat",
                              "system The transfer didn't go through",
                              "system The chat has ended",
                          });
    CHECK(vm.row(1).role == SenderRole::System);
    CHECK_FALSE(vm.row(1).own);
}

TEST_CASE("interactive messages and templates show a readable fallback", "[viewmodel][templates]") {
    Transcript t("p-cust");
    t.ingest(bot("i1", R"({"templateType":"ListPicker","version":"1.0","data":{"content":{"title":"Pick one",
                  "elements":[{"title":"Balance"},{"title":"Cards"}]}}})",
                 kT0, "application/vnd.amazonaws.connect.message.interactive"));
    // The demo bot's data-bound template (demo/connect-local/src/chat_service.cpp).
    t.ingest(bot("i2", R"({"templateType":"ListAccounts","version":"1.0","data":{"content":{
                  "title":"Which account would you like to see the balance on?","subtitle":"Tap to select option",
                  "elements":"$API:GetAccountList"}}})",
                 kT0 + 1, "application/vnd.amazonaws.connect.message.interactive"));
    t.ingest(bot("i3", "{not json", kT0 + 2, "application/vnd.amazonaws.connect.message.interactive"));
    t.ingest(bot("i4", R"({"some":"json"})", kT0 + 3, "application/json"));
    t.ingest(bot("i5", "**markdown**", kT0 + 4, "text/markdown"));
    t.ingest(bot("i6", "**plain**", kT0 + 5, "text/plain"));
    t.ingest(bot("i7", "binary", kT0 + 6, "application/octet-stream"));
    Item file = agent("f1", "", kT0 + 7);
    file.type = ItemType::Attachment;
    file.attachments.push_back(AttachmentInfo{"application/pdf", "att-1", "statement.pdf", std::nullopt});
    t.ingest(file);
    ChatViewModel vm(english(), options());
    vm.sync(t);
    REQUIRE(vm.size() == 9);
    CHECK(vm.row(1).text == "Pick one\n\xE2\x80\xA2 Balance\n\xE2\x80\xA2 Cards");
    CHECK(vm.row(1).templateType == "ListPicker");
    CHECK(vm.row(1).role == SenderRole::Bot);
    CHECK(vm.row(2).text ==
          "Which account would you like to see the balance on?\nTap to select option\n\n"
          "The options for this message can't be shown here.");
    CHECK(vm.row(2).templateType == "ListAccounts");
    CHECK(vm.row(2).text.find("$API") == std::string::npos);
    CHECK(vm.row(3).text == "This message can't be shown here.");
    CHECK(vm.row(4).text == "This message can't be shown here.");
    CHECK(vm.row(5).rich.blocks[0].runs[0].bold);
    CHECK(vm.row(5).text == "markdown");
    CHECK(vm.row(6).text == "**plain**");
    CHECK(vm.row(7).text == "This message can't be shown here.");
    CHECK(vm.row(8).text == "Attachment: statement.pdf\nPDF");
    CHECK(vm.row(8).role == SenderRole::Agent);
}

TEST_CASE("an attachment row is one download link named after the file; the scanner's verdict shows as text", "[viewmodel]") {
    Transcript t("p-cust");
    Item file = agent("f1", "", kT0);
    file.type = ItemType::Attachment;
    file.attachments.push_back(AttachmentInfo{"application/pdf", "att-1", "statement.pdf", AttachmentStatus::InProgress});
    t.ingest(file);
    ChatViewModel vm(english(), options());
    vm.sync(t);
    REQUIRE(vm.size() == 2);
    CHECK(vm.row(1).text == "Checking statement.pdf\xE2\x80\xA6");
    CHECK(vm.row(1).rich.links.empty());   // nothing to download while the scanner works

    file.attachments[0].status = AttachmentStatus::Approved;   // the verdict: the same item again
    REQUIRE(t.ingest(file) == Change::Updated);
    vm.update(t, file.id);
    const Row& row = vm.row(1);
    CHECK(row.text == "Attachment: statement.pdf\nPDF");   // the card's second line: the kind (size unknown)
    CHECK(row.attachmentId == "att-1");
    REQUIRE(row.rich.links.size() == 1);
    CHECK(row.rich.links[0].href == "attachment:att-1");
    CHECK(row.rich.links[0].text == "Download statement.pdf (application/pdf)");
    for (const TextRun& r : row.rich.blocks[0].runs) CHECK(r.link == 0);   // the whole line is the control

    Item bad = agent("f2", "", kT0 + 1);
    bad.type = ItemType::Attachment;
    bad.attachments.push_back(AttachmentInfo{"text/plain", "att-2", "notes.txt", AttachmentStatus::Rejected});
    t.ingest(bad);
    vm.update(t, bad.id);
    CHECK(vm.row(2).text == "notes.txt was blocked by the security scan");
    CHECK(vm.row(2).rich.links.empty());
    checkSameAsFresh(vm, t);
}

TEST_CASE("an attachment card shows its size once known, in the table's units and decimal separator", "[viewmodel]") {
    CHECK(sizeLabel(0, english()) == "0\u00a0B");
    CHECK(sizeLabel(812, english()) == "812\u00a0B");
    CHECK(sizeLabel(1024, english()) == "1\u00a0KB");
    CHECK(sizeLabel(3200, english()) == "3.1\u00a0KB");
    CHECK(sizeLabel(250'000, english()) == "244\u00a0KB");
    CHECK(sizeLabel(5'500'000, english()) == "5.2\u00a0MB");
    CHECK(sizeLabel(20LL << 20, english()) == "20\u00a0MB");
    Strings german = english();
    german.set("attachment.size.decimal", ",");
    CHECK(sizeLabel(3200, german) == "3,1\u00a0KB");

    Transcript t("p-cust");
    Item file = agent("f1", "", kT0);
    file.type = ItemType::Attachment;
    file.attachments.push_back(AttachmentInfo{"image/png", "att-1", "receipt.png", std::nullopt});
    t.ingest(file);
    std::map<std::string, std::int64_t> sizes;
    ChatViewModel vm(english(), options());
    vm.setAttachmentSizes([&](const std::string& id) -> std::optional<std::int64_t> {
        auto it = sizes.find(id);
        return it == sizes.end() ? std::nullopt : std::optional<std::int64_t>(it->second);
    });
    vm.sync(t);
    CHECK(vm.row(1).text == "Attachment: receipt.png\nPNG");
    CHECK(vm.row(1).attachmentSize == -1);
    vm.takeChanges();
    const auto parses = vm.parseCount();
    vm.attachmentSizesChanged();   // nothing new: nothing redrawn
    CHECK(vm.takeChanges().empty());
    sizes["att-1"] = 48'300;
    vm.attachmentSizesChanged();
    CHECK(vm.row(1).text == "Attachment: receipt.png\nPNG \u00b7 47\u00a0KB");
    CHECK(vm.row(1).attachmentSize == 48'300);
    CHECK(vm.parseCount() == parses + 1);
    const auto changes = vm.takeChanges();
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == ListChangeKind::Updated);
    REQUIRE(vm.row(1).rich.links.size() == 1);   // the size line is not part of the download control
    CHECK(vm.row(1).rich.blocks.size() == 2);
    CHECK_FALSE(vm.row(1).rich.blocks[1].gapBefore);
    for (const TextRun& r : vm.row(1).rich.blocks[1].runs) CHECK(r.link == -1);
}

TEST_CASE("display names from the wire are cleaned", "[viewmodel]") {
    Transcript t("p-cust");
    Item i = agent("a1", "hi", kT0);
    i.displayName = "Sam\n\x01" "Evil\xC3";
    t.ingest(i);
    Item j = agent("a2", "hi", kT0 + 1);
    j.participantId = "p-2";
    j.displayName = std::string(300, 'x');
    t.ingest(j);
    Item k = agent("a3", "hi", kT0 + 2);
    k.participantId = "";
    k.displayName = "";
    k.participantRole = std::nullopt;
    t.ingest(k);
    ChatViewModel vm(english(), options());
    vm.sync(t);
    CHECK(vm.row(1).sender == "Sam  Evil\xEF\xBF\xBD");
    CHECK(vm.row(2).sender.size() < 100);
    CHECK(vm.row(2).sender.substr(vm.row(2).sender.size() - 3) == "\xE2\x80\xA6");
    CHECK(vm.row(3).sender == "Agent");
    CHECK(vm.row(3).role == SenderRole::Agent);
}

TEST_CASE("updating one entry touches only its row and does not re-parse", "[viewmodel][incremental]") {
    Transcript t("p-cust");
    ChatViewModel vm(english(), options());
    Mirror mirror;
    const std::string a = t.addPending("text/plain", "first", "t1", "Dana", kT0);
    vm.update(t, a);
    t.confirmSent(a, "m-1", formatIsoTime(kT0));
    vm.update(t, a);
    t.ingest(agent("a1", "reply", kT0 + kMin));
    vm.update(t, "a1");
    mirror.apply(vm.takeChanges(), vm);
    const std::uint64_t parses = vm.parseCount();

    t.ingest(fake::receipt("r1", "m-1", "p-agent", true, kT0 + 2 * kMin));
    vm.update(t, a);
    CHECK(vm.parseCount() == parses);
    const auto changes = vm.takeChanges();
    CHECK(changes == std::vector<ListChange>{{ListChangeKind::Updated, 1, 1, a}});
    mirror.apply(changes, vm);

    // A message appended: Inserted at the end, and the run it joins is regrouped (a1 is no longer
    // the last of its run, a2 not the first).
    t.ingest(agent("a2", "more", kT0 + 2 * kMin));
    vm.update(t, "a2");
    CHECK(vm.parseCount() == parses + 1);
    const auto appended = vm.takeChanges();
    CHECK(appended == std::vector<ListChange>{{ListChangeKind::Inserted, 3, 1, "a2"},
                                              {ListChangeKind::Updated, 2, 1, "a1"},
                                              {ListChangeKind::Updated, 3, 1, "a2"}});
    mirror.apply(appended, vm);

    // The server's copy of a message with different text (e.g. redacted): parsed again.
    Item redacted = agent("a2", "more [REDACTED]", kT0 + 2 * kMin);
    t.ingest(redacted);
    vm.update(t, "a2");
    CHECK(vm.parseCount() == parses + 2);
    CHECK(vm.row(3).text == "more [REDACTED]");
    mirror.apply(vm.takeChanges(), vm);
    checkSameAsFresh(vm, t);
}

TEST_CASE("new messages go before own unsent ones; a confirmed send moves to its server time", "[viewmodel][incremental]") {
    Transcript t("p-cust");
    ChatViewModel vm(english(), options());
    Mirror mirror;
    t.ingest(agent("a1", "hello", kT0));
    vm.update(t, "a1");
    const std::string mine = t.addPending("text/plain", "typed offline", "tok", "Dana", kT0 + 10 * kMin);
    vm.update(t, mine);
    t.ingest(agent("a2", "are you there?", kT0 + 5 * kMin));
    vm.update(t, "a2");
    CHECK(describe(vm) == std::vector<std::string>{"date Today", "agent Sam* 10:00 hello", "agent Sam 10:05 are you there?",
                                                   "customer You* 10:10 typed offline"});
    mirror.apply(vm.takeChanges(), vm);
    // The server puts it at 10:03, before a2.
    t.confirmSent(mine, "m-9", formatIsoTime(kT0 + 3 * kMin));
    vm.update(t, mine);
    CHECK(describe(vm) == std::vector<std::string>{"date Today", "agent Sam* 10:00 hello", "customer You* 10:03 typed offline",
                                                   "agent Sam* 10:05 are you there?"});
    mirror.apply(vm.takeChanges(), vm);
    checkSameAsFresh(vm, t);
    CHECK(vm.parseCount() == 3);
}

TEST_CASE("older history arrives at the top", "[viewmodel][incremental]") {
    Transcript t("p-cust");
    ChatViewModel vm(english(), options(0, kT0 + kMin));
    Mirror mirror;
    t.ingest(agent("a5", "now", kT0));
    vm.update(t, "a5");
    mirror.apply(vm.takeChanges(), vm);
    for (int i = 4; i >= 1; --i) {   // loadOlder pages come newest first
        const std::string id = "a" + std::to_string(i);
        t.ingest(agent(id, "old " + id, kT0 - i * kDay));
        vm.update(t, id);
        mirror.apply(vm.takeChanges(), vm);
    }
    CHECK(describe(vm) == std::vector<std::string>{"date Sun, Apr 27", "agent Sam* 10:00 old a4", "date Mon, Apr 28",
                                                   "agent Sam* 10:00 old a3", "date Tue, Apr 29", "agent Sam* 10:00 old a2",
                                                   "date Yesterday", "agent Sam* 10:00 old a1", "date Today",
                                                   "agent Sam* 10:00 now"});
    checkSameAsFresh(vm, t);
}

TEST_CASE("changes no event announced are found (an echo merged into an own send)", "[viewmodel][incremental]") {
    Transcript t("p-cust");
    ChatViewModel vm(english(), options());
    Mirror mirror;
    // The echo arrives while nothing is in flight (a retry after a reload): shown on its own first.
    const std::string mine = t.addPending("text/plain", "hello", "tok", "Dana", kT0);
    t.markFailed(mine, Error{ErrorCode::Network, "x"});
    vm.update(t, mine);
    t.ingest(customer("m-1", "hello", kT0 + 1));
    vm.update(t, "m-1");
    REQUIRE(vm.size() == 3);
    mirror.apply(vm.takeChanges(), vm);
    // The send's answer names that echo: the transcript folds it into the own entry and only
    // reports the own entry.
    t.markRetrying(mine);
    t.confirmSent(mine, "m-1", formatIsoTime(kT0 + 1));
    REQUIRE(t.size() == 1);
    vm.update(t, mine);
    CHECK(vm.size() == 2);
    CHECK(vm.find("m-1") == nullptr);
    mirror.apply(vm.takeChanges(), vm);
    checkSameAsFresh(vm, t);
}

TEST_CASE("a handoff: the first chat stays, a divider, then the specialist's chat", "[viewmodel][handoff]") {
    Transcript l1("p-cust");
    l1.ingest(bot("b1", "I'll bring in a specialist.", kT0));
    l1.ingest(customer("c1", "thanks", kT0 + kMin));
    ChatViewModel vm(english(), options());
    Mirror mirror;
    vm.sync(l1);
    mirror.apply(vm.takeChanges(), vm);

    vm.startSegment("h1", std::string(english().get(key::kHandoffDivider)));
    Transcript l2("p-cust-2");
    l2.ingest(fake::event("e1", ContentKind::ParticipantJoined, kT0 + 2 * kMin, "p-cust-2", Customer));
    // Connect ids are per chat, and local ids ("local-1") repeat across transcripts.
    l2.ingest(fake::message("c1", "p-specialist", Agent, "Hi, I'm Alex from Finaptic.", kT0 + 3 * kMin));
    l2.ingest(fake::message("c2", "p-specialist", Agent, "How can I help?", kT0 + 3 * kMin + 1));
    for (const auto& e : l2.entries()) vm.update(l2, e.localId);
    mirror.apply(vm.takeChanges(), vm);
    CHECK(describe(vm) == std::vector<std::string>{
                              "date Today",
                              "bot Virtual assistant* 10:00 I'll bring in a specialist.",
                              "customer You* 10:01 thanks",
                              "divider A banking specialist has joined",
                              "agent Sam* 10:03 Hi, I'm Alex from Finaptic.",
                              "agent Sam 10:03 How can I help?",
                          });
    CHECK(vm.row(2).key == "c1");
    CHECK(vm.row(4).key == "1:c1");
    CHECK(vm.row(4).segment == 1);
    CHECK(vm.segment() == 1);

    // Syncing the new chat never touches the old one's rows.
    vm.sync(l2);
    CHECK(vm.takeChanges().empty());
    // The next day, a date separator follows the divider.
    l2.ingest(fake::message("c3", "p-specialist", Agent, "Tomorrow then.", kT0 + kDay));
    vm.update(l2, "c3");
    vm.setNow(kT0 + kDay);
    mirror.apply(vm.takeChanges(), vm);
    CHECK(describe(vm).back() == "agent Sam* 10:00 Tomorrow then.");
    CHECK(describe(vm)[describe(vm).size() - 2] == "date Today");
    CHECK(vm.row(0).text == "Yesterday");

    // Transparent handoff: no divider row.
    ChatViewModel quiet(english(), options());
    quiet.sync(l1);
    quiet.startSegment("h1", "");
    for (const auto& e : l2.entries()) quiet.update(l2, e.localId);
    CHECK(quiet.size() == vm.size() - 1);

    vm.clear();
    CHECK(vm.size() == 0);
    CHECK(vm.segment() == 0);
    CHECK(vm.takeChanges() == std::vector<ListChange>{{ListChangeKind::Reset, 0, 0, ""}});
}

TEST_CASE("rows: Connect's flow prompts (SYSTEM_MESSAGE) and Lex replies (BOT) get their own labels", "[viewmodel]") {
    // What Connect sends, and connect-local with it: both SYSTEM, told apart by DisplayName.
    Item flowPrompt = bot("f1", "Thanks for waiting. A banking specialist will be with you shortly.", kT0);
    flowPrompt.displayName = "SYSTEM_MESSAGE";
    Transcript t("p-cust");
    t.ingest(flowPrompt);
    t.ingest(bot("b1", "Hello! How can I help?", kT0 + 1000));
    Item custom = bot("b2", "I'm Penny.", kT0 + 2000);
    custom.displayName = "Penny";   // a bot that names itself keeps its name
    t.ingest(custom);
    ChatViewModel vm(english(), options());
    vm.sync(t);
    CHECK(describe(vm) == std::vector<std::string>{"date Today",
                                                   "bot Automated message* 10:00 Thanks for waiting. A banking specialist will be with you shortly.",
                                                   "bot Virtual assistant* 10:00 Hello! How can I help?",
                                                   "bot Penny* 10:00 I'm Penny."});
    // Every shipped locale names both, differently.
    for (const char* locale : {"en", "fr", "de", "es", "ar"}) {
        INFO(locale);
        auto table = Strings::fromJson(fake::readSourceFile(std::string("web/locales/") + locale + ".json"));
        REQUIRE(table);
        REQUIRE(table->has("role.flow"));
        REQUIRE(table->has("role.bot"));
        CHECK(table->get("role.flow") != table->get("role.bot"));
        ChatViewModel localized(*table, options());
        localized.sync(t);
        CHECK(localized.row(1).sender == table->get("role.flow"));
        CHECK(localized.row(2).sender == table->get("role.bot"));
    }
}

TEST_CASE("setStrings relabels everything in one Reset", "[viewmodel]") {
    Transcript t("p-cust");
    t.ingest(bot("b1", "hi", kT0));
    Item file = agent("f1", "", kT0 + 1);
    file.type = ItemType::Attachment;
    file.attachments.push_back(AttachmentInfo{"application/pdf", "att-1", "a.pdf", std::nullopt});
    t.ingest(file);
    ChatViewModel vm(english(), options());
    vm.sync(t);
    vm.takeChanges();
    Strings german = english();
    german.set("role.bot", "Assistent");
    german.set("date.today", "Heute");
    german.set("message.attachment", "Anhang: {name}");
    vm.setStrings(german);
    CHECK(describe(vm) == std::vector<std::string>{"date Heute", "bot Assistent* 10:00 hi", "agent Sam* 10:00 Anhang: a.pdf\nPDF"});
    const auto changes = vm.takeChanges();
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == ListChangeKind::Reset);
}

TEST_CASE("random event sequences end where a fresh model does", "[viewmodel][incremental]") {
    for (unsigned seed = 1; seed <= 60; ++seed) {
        INFO("seed " << seed);
        std::mt19937 rng(seed);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        Transcript t("p-cust");
        ChatViewModel vm(english(), options(pick(3) * 60 - 60, kT0 + 3 * kDay));
        Mirror mirror;
        std::vector<std::string> pending;
        int next = 0;
        for (int step = 0; step < 120; ++step) {
            const std::int64_t at = kT0 + pick(4 * 24 * 60) * kMin;   // anywhere in four days, any order
            std::string touched;
            bool announced = true;
            switch (pick(9)) {
                case 0: case 1: case 2: {
                    touched = "a" + std::to_string(next++);
                    Item i = pick(2) ? agent(touched, "text " + touched, at) : bot(touched, "**bot** " + touched, at, "text/markdown");
                    t.ingest(i);
                    break;
                }
                case 3: {
                    touched = t.addPending("text/plain", "mine " + std::to_string(next++), "tok", "Dana", at);
                    pending.push_back(touched);
                    break;
                }
                case 4: if (!pending.empty()) {
                    touched = pending[static_cast<std::size_t>(pick(static_cast<int>(pending.size())))];
                    const TranscriptEntry* e = t.findLocal(touched);
                    if (e && e->item.id.empty()) t.confirmSent(touched, "s" + std::to_string(next++), formatIsoTime(at));
                }
                break;
                case 5: if (!pending.empty()) {
                    touched = pending[static_cast<std::size_t>(pick(static_cast<int>(pending.size())))];
                    t.markFailed(touched, Error{ErrorCode::Network, "x"});
                }
                break;
                case 6: {
                    touched = "e" + std::to_string(next++);
                    t.ingest(fake::event(touched, pick(2) ? ContentKind::ParticipantJoined : ContentKind::ParticipantLeft,
                                         at, pick(2) ? "p-agent" : "p-cust", pick(2) ? Agent : Customer));
                    break;
                }
                case 7: if (next > 0) {   // a known message again, sometimes with new (redacted) text
                    touched = "a" + std::to_string(pick(next));
                    if (const TranscriptEntry* e = t.findLocal(touched)) {
                        Item i = e->item;
                        if (pick(2)) i.content += " [edited]";
                        t.ingest(i);
                    }
                }
                break;
                case 8: {   // something the event stream never told us about
                    t.ingest(agent("q" + std::to_string(next++), "quiet", at));
                    announced = false;
                    break;
                }
            }
            const bool updated = announced && !touched.empty() && t.findLocal(touched);
            if (updated) vm.update(t, touched);
            if (pick(10) == 0) vm.setNow(kT0 + (3 + pick(3)) * kDay);
            mirror.apply(vm.takeChanges(), vm);
            if (updated) checkSameAsFresh(vm, t);   // an update repairs anything missed before it
        }
        vm.sync(t);
        mirror.apply(vm.takeChanges(), vm);
        checkSameAsFresh(vm, t);
    }
}

TEST_CASE("10,000 messages: appending and updating stay cheap", "[viewmodel][incremental][perf]") {
    Transcript t("p-cust");
    for (int i = 0; i < 10'000; ++i)
        t.ingest(i % 3 ? agent("a" + std::to_string(i), "Message number " + std::to_string(i) + " with **some** text", kT0 + i * 20'000)
                       : customer("c" + std::to_string(i), "reply " + std::to_string(i), kT0 + i * 20'000));
    ChatViewModel vm(english(), options(0, kT0 + 3 * kDay));
    const auto start = std::chrono::steady_clock::now();
    vm.sync(t);
    const auto built = std::chrono::steady_clock::now();
    REQUIRE(vm.parseCount() == 10'000);
    CHECK(vm.size() == 10'000 + 3);   // 10,000 * 20 s spans three days
    vm.takeChanges();

    // 1,000 appends and 1,000 receipt updates: each touches its own row only.
    for (int i = 0; i < 1000; ++i) {
        const std::string id = "n" + std::to_string(i);
        t.ingest(agent(id, "new " + id, kT0 + 10'000 * 20'000 + i));
        vm.update(t, id);
        const std::string c = "c" + std::to_string(i * 3);
        t.ingest(fake::receipt("r" + std::to_string(i), c, "p-agent", true, kT0 + 10'000 * 20'000 + i));
        vm.update(t, c);
    }
    const auto updated = std::chrono::steady_clock::now();
    CHECK(vm.parseCount() == 11'000);
    CHECK(vm.takeChanges().size() <= 4000);   // per append at most 3, per receipt 1
    const auto buildMs = std::chrono::duration_cast<std::chrono::milliseconds>(built - start).count();
    const auto updateMs = std::chrono::duration_cast<std::chrono::milliseconds>(updated - built).count();
    INFO("build " << buildMs << " ms, 2,000 updates " << updateMs << " ms");
    // Rebuilding per update would cost ~2,000 builds; incremental updates cost a fraction of one.
    CHECK(updateMs < std::max<long long>(buildMs, 50) * 4);
    checkSameAsFresh(vm, t);
}

TEST_CASE("queued messages (typed during a handoff) are pending own rows after everything, replaced as a whole", "[viewmodel]") {
    Transcript l1("p-cust");
    l1.ingest(bot("b1", "I'll bring in a specialist.", kT0));
    ChatViewModel vm(english(), options());
    vm.sync(l1);
    vm.setQueued({{"queued-1", "typed at once", kT0 + kMin}, {"queued-2", "and again", kT0 + kMin}});
    CHECK(describe(vm) == std::vector<std::string>{
                              "date Today", "bot Virtual assistant* 10:00 I'll bring in a specialist.",
                              "customer You* 10:01 typed at once", "customer You 10:01 and again"});
    const Row* q = vm.find("queued:queued-1");
    REQUIRE(q != nullptr);
    CHECK(q->own);
    CHECK(q->delivery == Delivery::Pending);
    // L1 keeps talking meanwhile: its rows go above the waiting ones.
    l1.ingest(bot("b2", "One moment.", kT0 + 30'000));
    for (const auto& e : l1.entries()) vm.update(l1, e.localId);
    CHECK(vm.row(vm.size() - 1).key == "queued:queued-2");
    // Delivered (the handoff succeeded): they go, the divider and the new chat follow.
    vm.setQueued({});
    CHECK(vm.find("queued:queued-1") == nullptr);
    vm.startSegment("1", "A banking specialist has joined");
    CHECK(describe(vm).back() == "divider A banking specialist has joined");
    vm.takeChanges();
}

TEST_CASE("a data-bound template reply shows the title picked on this device; the wire keeps the id", "[viewmodel][templates]") {
    Transcript t("p-cust");
    t.ingest(bot("b1", "Which account?", kT0));
    t.ingest(customer("c1", "acc_7Hq2", kT0 + kMin));   // what the server has: the opaque id
    t.ingest(agent("a1", "acc_7Hq2", kT0 + 2 * kMin));  // someone else writing the same is not ours
    t.ingest(customer("c2", "thanks", kT0 + 3 * kMin));
    // SHOW_MORE asks for a list's next page: never a bubble.
    Item more = customer("c3", R"({"version":"1.0","data":{"actionName":"SHOW_MORE","nextIndex":5,"templateType":"ListPicker"},"action":"SHOW_MORE"})",
                         kT0 + 4 * kMin);
    more.contentType = "application/vnd.amazonaws.connect.message.interactive.response";
    t.ingest(more);
    ChatViewModel vm(english(), options());
    vm.sync(t);
    CHECK(vm.find("c3") == nullptr);
    REQUIRE(vm.find("c1") != nullptr);
    CHECK(vm.find("c1")->text == "acc_7Hq2");   // no titles known yet

    std::map<std::string, std::string> picked{{"acc_7Hq2", "Everyday Checking"}};
    vm.takeChanges();
    vm.setLocalTitles([&](std::string_view content) -> std::optional<std::string> {
        auto it = picked.find(std::string(content));
        return it == picked.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
    const Row* own = vm.find("c1");
    REQUIRE(own != nullptr);
    CHECK(own->text == "Everyday Checking");               // the mirror's text
    CHECK(plainText(own->rich) == "Everyday Checking");    // the canvas
    CHECK(own->sourceContent == "acc_7Hq2");               // what went over the wire
    CHECK(vm.find("a1")->text == "acc_7Hq2");
    CHECK(vm.find("c2")->text == "thanks");
    const auto changes = vm.takeChanges();
    REQUIRE(changes.size() == 1);   // only the row that reads differently is redrawn
    CHECK(changes[0].kind == ListChangeKind::Updated);
    CHECK(changes[0].key == "c1");

    // A reply sent after the hook is set reads the title from its first row.
    t.ingest(customer("c4", "acc_7Hq2", kT0 + 5 * kMin));
    vm.update(t, "c4");
    CHECK(vm.find("c4")->text == "Everyday Checking");
}

TEST_CASE("a Carousel card reply shows the option chosen; the wire keeps the official JSON", "[viewmodel][templates]") {
    // The official widget sends a card's choice as text/plain JSON (connect-chat-protocol.md §7.4); its
    // bubble reads the option's title.
    const std::string sent = R"({"templateIdentifier":"Saver","listTitle":"Saver","selectionText":"Choose Saver"})";
    Transcript t("p-cust");
    t.ingest(bot("b1", "Which account suits you?", kT0));
    t.ingest(customer("c1", sent, kT0 + kMin));
    t.ingest(customer("c2", R"({"selectionText":"typed by hand"})", kT0 + 2 * kMin));
    ChatViewModel vm(english(), options());
    vm.setLocalTitles([](std::string_view) -> std::optional<std::string> { return std::nullopt; });
    vm.sync(t);
    const Row* own = vm.find("c1");
    REQUIRE(own != nullptr);
    CHECK(own->text == "Choose Saver");               // the mirror's text
    CHECK(plainText(own->rich) == "Choose Saver");    // the canvas
    CHECK(own->sourceContent == sent);                // what went over the wire, unchanged
    CHECK(vm.find("c2")->text == R"({"selectionText":"typed by hand"})");   // not a card reply: as written
    // Without the local-titles hook (the agent console) too.
    ChatViewModel plain(english(), options());
    plain.sync(t);
    CHECK(plain.find("c1")->text == "Choose Saver");
}

TEST_CASE("a TimePicker reply shows the picked time; the wire keeps the slot's ISO date for the bot", "[viewmodel][templates]") {
    // The official widget sends the slot's `date` as text/plain (connect-bots-flows-templates.md); the
    // customer's bubble reads it as the slot chip did, in the customer's time zone.
    const std::string sent = "2025-05-02T14:00+00:00";
    Transcript t("p-cust");
    t.ingest(bot("b1", "When should a specialist call you?", kT0));
    t.ingest(customer("c1", sent, kT0 + kMin));
    t.ingest(bot("b2", sent, kT0 + 2 * kMin));                    // not the customer's: as written
    t.ingest(customer("c2", "2025-05-02 14:00+00:00", kT0 + 3 * kMin));   // typed: as written
    ChatViewModel vm(english(), options(120));
    vm.sync(t);
    const Row* own = vm.find("c1");
    REQUIRE(own != nullptr);
    CHECK(own->text == "Fri, May 2 at 16:00");   // as the slot read: the customer's zone (UTC+2)
    CHECK(plainText(own->rich) == own->text);
    CHECK(own->sourceContent == sent);
    CHECK(vm.find("b2")->text == sent);
    CHECK(vm.find("c2")->text == "2025-05-02 14:00+00:00");
}

TEST_CASE("a template row's text twin reads what the window draws: resolved title, loading, failed", "[viewmodel][templates]") {
    // The demo's balance Panel: title and elements come from the page's data provider.
    Transcript t("p-cust");
    t.ingest(bot("p1", R"J({"templateType":"Panel","version":"1.0","data":{"content":{
        "title":"$API:GetBalance(account={id})","elements":[{"title":"Recent transactions"}]}}})J", kT0,
                 "application/vnd.amazonaws.connect.message.interactive"));
    t.ingest(bot("b1", "plain", kT0 + kMin));
    ChatViewModel vm(english(), options());
    vm.sync(t);
    const Row* row = vm.find("p1");
    REQUIRE(row != nullptr);
    REQUIRE(row->templateType == "Panel");
    // Not resolving yet: the row's own (wire) text.
    CHECK(templateRowText(*row, nullptr, english()) == row->text);

    TemplateView loading;
    loading.state = TemplateResolver::State::Loading;
    CHECK(templateRowText(*row, &loading, english()) == "Loading options…");

    InteractiveTemplate panel;
    panel.type = TemplateType::Panel;
    panel.title = "High-Yield Savings •••• 7730: Available balance $12,940.55";
    panel.subtitle = "4.10% APY";
    TemplateView ready;
    ready.state = TemplateResolver::State::Ready;
    ready.ready = &panel;
    const std::string text = templateRowText(*row, &ready, english());
    CHECK(text == "High-Yield Savings •••• 7730: Available balance $12,940.55\n4.10% APY");
    CHECK(text.find("can't be shown") == std::string::npos);
    CHECK(row->text.find("12,940.55") == std::string::npos);   // the row itself (events, copies) never has it

    TemplateResolver::Failure failure;
    TemplateView failed;
    failed.state = TemplateResolver::State::Failed;
    failed.failure = &failure;
    CHECK(templateRowText(*row, &failed, english()) == row->text + "\nThe options couldn't be loaded.");
}
