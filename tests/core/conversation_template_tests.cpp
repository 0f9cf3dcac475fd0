// Conversation's templates (conversation.h "Templates"): resolving interactive messages on the partner's
// DataProvider, the customer's choices, answered/picked, reloads and the handoff, and the rule that
// nothing a data provider returns leaves the browser. Manual clock and fakes (conversation_harness.h).
#include <catch2/catch.hpp>

#include "conversation_harness.h"
#include "finchat/interactive.h"

using namespace convtest;
using State = TemplateResolver::State;

namespace {

// The demo bot's balance flow (system.md §4): the accounts come from the page, the balance of the
// picked one too.
const std::string kListAccounts = R"({"templateType":"ListPicker","version":"1.0","data":{"content":{
    "title":"Which account would you like to see the balance on?","subtitle":"Tap to select option",
    "elements":"$API:GetAccountList"}}})";
const std::string kBalance = R"J({"templateType":"Panel","version":"1.0","data":{"content":{
    "title":"Your balance","subtitle":"$API:AccountName(account={id})",
    "elements":"$API:GetBalance(account={id})"}}})J";
const std::string kYesNo = R"({"templateType":"QuickReply","version":"1.0","data":{"content":{
    "title":"Anything else?","elements":[{"title":"Yes"},{"title":"No"}]}}})";
const std::string kTopics = R"({"templateType":"ListPicker","version":"1.0","data":{"content":{
    "title":"Topics","listId":"topics","nextIndex":2,"referenceId":"r-1",
    "elements":[{"title":"Cards"},{"title":"Fees","type":"hyperlink","url":"https://acme.example/fees"},
                {"title":"Show more","actionDetail":"SHOW_MORE"}]}}})";
const std::string kProducts = R"({"templateType":"Carousel","version":"1.0","data":{"content":{"title":"Accounts",
    "elements":[{"templateIdentifier":"chk","templateType":"Panel","version":"1.0","data":{"content":{
                   "title":"Checking","elements":[{"title":"Open checking"}]}}},
                {"templateIdentifier":"sav","templateType":"Panel","version":"1.0","data":{"content":{
                   "title":"Savings","elements":[{"title":"Open savings"}]}}}]}}})";

// What the partner's page knows and Finaptic must never see: names, masked numbers, balances.
const char* const kCanaries[] = {"Everyday Checking", "Vacation Fund", "4821", "7730",
                                 "3,482.19", "12,907.55", "Available balance", "CANARY-NAME-Zq"};
const std::string kAccounts = R"([
    {"id":"acc_7Hq2","title":"Everyday Checking","subtitle":"\u2022\u2022\u2022\u2022 4821"},
    {"id":"acc_Lm9x","title":"Vacation Fund","subtitle":"\u2022\u2022\u2022\u2022 7730"}])";
const std::string kBalanceAnswer = R"([{"id":"bal_7Hq2","title":"$3,482.19 Available balance"},
    {"id":"bal_7Hq2_pending","title":"$12,907.55 pending for CANARY-NAME-Zq"}])";
const std::string kAccountName = R"("Everyday Checking")";

Item templateItem(const std::string& id, const std::string& json, std::int64_t at, const std::string& contact = "c-l1") {
    Item i = fake::message(id, "p-bot", ParticipantRole::System, json, at, contact);
    i.contentType = std::string(kInteractiveContentType);
    return i;
}

// Answers every waiting provider call by name.
void answerData(Harness& h, const std::map<std::string, Result<std::string>>& byName) {
    for (std::size_t i = 0; i < h.data.calls.size(); ++i) {
        if (!h.data.answers[i]) continue;
        auto it = byName.find(h.data.calls[i].first);
        if (it == byName.end()) continue;
        auto done = std::move(h.data.answers[i]);
        h.data.answers[i] = nullptr;
        done(it->second);
    }
}

// A moment later than everything so far (server times order the transcript).
std::int64_t later(Harness& h) {
    h.w.clock.advance(1000);
    return h.w.clock.nowMs();
}

std::size_t templateEvents(const Harness& h, const std::string& localId) {
    return static_cast<std::size_t>(std::count_if(h.events.begin(), h.events.end(), [&](const Recorded& e) {
        return e.type == CE::TemplateChanged && e.text == localId;
    }));
}

}  // namespace

TEST_CASE("templates: an incoming data-bound template resolves at once; a pick sends only the id", "[conversation][templates]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kListAccounts, later(h)));
    // Eager: the newest unanswered template of the current chat asks the provider straight away.
    REQUIRE(h.data.calls.size() == 1);
    CHECK(h.data.calls[0] == std::pair<std::string, std::string>{"GetAccountList", "{}"});
    const TemplateView* v = h.conv->templateOf(0, "t-1");
    REQUIRE(v != nullptr);
    CHECK(v->state == State::Loading);
    CHECK_FALSE(v->answered);
    CHECK(h.data.calls.size() == 1);   // asking again does not call again
    answerData(h, {{"GetAccountList", kAccounts}});
    CHECK(templateEvents(h, "t-1") == 1);
    v = h.conv->templateOf(0, "t-1");
    REQUIRE(v->state == State::Ready);
    REQUIRE(v->ready->elements.size() == 2);
    CHECK(v->ready->elements[0].title == "Everyday Checking");

    // Not a template: the greeting, an unknown row.
    CHECK(h.conv->templateOf(0, "m-1") == nullptr);
    CHECK(h.conv->templateOf(0, "nope") == nullptr);
    CHECK(h.conv->templateOf(5, "t-1") == nullptr);

    const SendResult r = h.conv->chooseTemplate(0, "t-1", TemplateChoice{-1, 0, -1});
    REQUIRE(r.outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"acc_7Hq2"});
    CHECK(h.conv->pickedTitle("acc_7Hq2") == std::optional<std::string>("Everyday Checking"));
    CHECK_FALSE(h.conv->pickedTitle("acc_Lm9x"));
    v = h.conv->templateOf(0, "t-1");
    CHECK(v->answered);
    REQUIRE(v->picked);
    CHECK(*v->picked == TemplateChoice{-1, 0, -1});
    CHECK(templateEvents(h, "t-1") >= 2);
    // The customer's own row is the id on the wire; the view reads the title locally.
    const TranscriptEntry* own = h.conv->transcript(0).findLocal(r.localId);
    REQUIRE(own != nullptr);
    CHECK(own->item.content == "acc_7Hq2");
    CHECK(own->item.contentType == "text/plain");

    // The next template's {id} is the picked id.
    h.answerSends(SupportLevel::L1);
    h.push(SupportLevel::L1, templateItem("t-2", kBalance, later(h)));
    REQUIRE(h.data.calls.size() == 3);
    CHECK(h.data.calls[1] == std::pair<std::string, std::string>{"AccountName", R"({"account":"acc_7Hq2"})"});
    CHECK(h.data.calls[2] == std::pair<std::string, std::string>{"GetBalance", R"({"account":"acc_7Hq2"})"});
    answerData(h, {{"AccountName", kAccountName}, {"GetBalance", kBalanceAnswer}});
    v = h.conv->templateOf(0, "t-2");
    REQUIRE(v->state == State::Ready);
    CHECK(v->ready->subtitle == "Everyday Checking");
    CHECK(v->ready->elements[0].title == "$3,482.19 Available balance");
    CHECK_FALSE(v->answered);
}

TEST_CASE("templates: Connect's own templates send the bot's text; a later message answers them", "[conversation][templates]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kYesNo, later(h)));
    CHECK(h.data.calls.empty());
    CHECK(templateEvents(h, "t-1") == 1);   // ready at once, and said so
    const TemplateView* v = h.conv->templateOf(0, "t-1");
    REQUIRE(v->state == State::Ready);
    CHECK_FALSE(v->answered);
    // The customer types instead of choosing: the template is answered (disabled), nothing picked.
    CHECK(h.conv->send("actually, a question").outcome == SendOutcome::Sent);
    v = h.conv->templateOf(0, "t-1");
    CHECK(v->answered);
    CHECK_FALSE(v->picked);
    CHECK(templateEvents(h, "t-1") == 2);
    const SendResult late = h.conv->chooseTemplate(0, "t-1", TemplateChoice{-1, 0, -1});
    CHECK(late.outcome == SendOutcome::Refused);
    REQUIRE(late.error);
    CHECK(late.error->code == ErrorCode::InvalidValue);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"actually, a question"});
    h.answerSends(SupportLevel::L1);

    // A new one after it is open again; choosing it sends the title as typed (no PII question even
    // under ask-first: the bot wrote it).
    h.push(SupportLevel::L1, templateItem("t-2", kYesNo, later(h)));
    REQUIRE(h.conv->chooseTemplate(0, "t-2", TemplateChoice{-1, 1, -1}).outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L1").back() == "No");
    CHECK_FALSE(h.conv->pickedTitle("No"));   // not data-bound: nothing kept locally
}

TEST_CASE("templates: a reply that ends the chat is shown once, sent, when its answer comes after the end", "[conversation][templates]") {
    // The demo's "Anything else? No": the flow says goodbye and ends the chat at once, so the echo of
    // the reply, the goodbye and the chat-ended event all come over the websocket before SendMessage's
    // answer. The reply went out: one bubble, Sent (not a second one "Not sent" after the end).
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kYesNo, later(h)));
    const SendResult r = h.conv->chooseTemplate(0, "t-1", TemplateChoice{-1, 1, -1});
    REQUIRE(r.outcome == SendOutcome::Sent);
    const std::int64_t at = later(h);
    h.push(SupportLevel::L1, fake::message("echo-no", "p-l1", ParticipantRole::Customer, "No", at, "c-l1"));
    h.push(SupportLevel::L1, fake::message("bye", "p-bot", ParticipantRole::System, "Have a great day!", at + 1, "c-l1"));
    h.push(SupportLevel::L1, fake::event("end", ContentKind::ChatEnded, at + 2, {}, ParticipantRole::System, "c-l1"));
    REQUIRE(h.conv->sessionState() == SessionState::Ended);
    SendMessageResponse resp;
    resp.id = "echo-no";
    resp.absoluteTime = formatIsoTime(at);
    h.take(MSG, "CT-L1").done(FakeHttp::ok(encode(resp)));

    std::vector<const TranscriptEntry*> own;
    for (const TranscriptEntry& e : h.conv->transcript(0).entries())
        if (e.own && e.item.type == ItemType::Message) own.push_back(&e);
    REQUIRE(own.size() == 1);
    CHECK(own[0]->item.content == "No");
    CHECK(own[0]->item.id == "echo-no");
    CHECK(own[0]->delivery == Delivery::Sent);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"No"});
    // The goodbye and the end come after it.
    CHECK(texts(h.conv->transcript(0)).back() == "Have a great day!");
}

TEST_CASE("templates: a reply whose SendMessage fails after the chat ended is shown once, not sent", "[conversation][templates]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kYesNo, later(h)));
    REQUIRE(h.conv->chooseTemplate(0, "t-1", TemplateChoice{-1, 1, -1}).outcome == SendOutcome::Sent);
    h.push(SupportLevel::L1, fake::event("end", ContentKind::ChatEnded, later(h), {}, ParticipantRole::System, "c-l1"));
    std::size_t pending = 0;
    for (const TranscriptEntry& e : h.conv->transcript(0).entries()) pending += e.own && e.delivery == Delivery::Pending;
    CHECK(pending == 1);   // its answer decides
    h.take(MSG, "CT-L1").done(FakeHttp::error(403, "AccessDeniedException", "Access denied"));
    std::vector<const TranscriptEntry*> own;
    for (const TranscriptEntry& e : h.conv->transcript(0).entries())
        if (e.own && e.item.type == ItemType::Message) own.push_back(&e);
    REQUIRE(own.size() == 1);
    CHECK(own[0]->delivery == Delivery::Failed);
    REQUIRE(own[0]->error);
    CHECK(own[0]->error->code == ErrorCode::Ended);
    CHECK(h.sentTexts("CT-L1") == std::vector<std::string>{"No"});   // not tried again after the end
}

TEST_CASE("templates: a reply the L1 chat refused as it ended for the handoff is not carried to L2", "[conversation][templates][carry]") {
    // A pick answers the L1 bot's question: the specialist never asked it (conversation.h, carrying).
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kYesNo, later(h)));
    REQUIRE(h.conv->templateOf(0, "t-1"));
    REQUIRE(h.conv->chooseTemplate(0, "t-1", TemplateChoice{-1, 1, -1}).outcome == SendOutcome::Sent);
    REQUIRE(h.conv->send("a question").outcome == SendOutcome::Sent);
    h.push(SupportLevel::L1, h.signal("sig-1", "specialist", later(h)));
    h.push(SupportLevel::L1, fake::event("end", ContentKind::ChatEnded, later(h), {}, ParticipantRole::System, "c-l1"));
    const HttpResponse ended = FakeHttp::error(403, "AccessDeniedException", "Access denied");
    while (auto r = h.find(MSG, "CT-L1")) r->done(ended);
    h.answerToken(SupportLevel::L2);
    h.goLive(SupportLevel::L2);
    CHECK(h.sentTexts("CT-L2") == std::vector<std::string>{"a question"});   // typed: carried
    std::vector<const TranscriptEntry*> replies;
    for (const TranscriptEntry& e : h.conv->transcript(0).entries())
        if (e.own && e.item.content == "No") replies.push_back(&e);
    REQUIRE(replies.size() == 1);                  // still where it was chosen, failed
    CHECK(replies[0]->delivery == Delivery::Failed);
    CHECK(h.conv->retrySend(0, replies[0]->localId).error().code == ErrorCode::Ended);
    CHECK(h.sentTexts("CT-L2").size() == 1);
}

TEST_CASE("templates: the question the bot answered with a template does not answer it", "[conversation][templates]") {
    Harness h;
    h.startOnL1();
    // The bot's answer comes over the websocket before SendMessage's answer: the question is still pending.
    REQUIRE(h.conv->send("what's my balance?").outcome == SendOutcome::Sent);
    h.push(SupportLevel::L1, templateItem("t-1", kYesNo, later(h)));
    CHECK_FALSE(h.conv->templateOf(0, "t-1")->answered);
    h.answerSends(SupportLevel::L1);
    CHECK_FALSE(h.conv->templateOf(0, "t-1")->answered);
    // Typed after it arrived: answered, pending or not.
    REQUIRE(h.conv->send("hm").outcome == SendOutcome::Sent);
    CHECK(h.conv->templateOf(0, "t-1")->answered);
}

TEST_CASE("templates: choice errors are typed and send nothing", "[conversation][templates]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kTopics, later(h)));
    h.push(SupportLevel::L1, templateItem("t-2", kListAccounts, later(h)));
    h.push(SupportLevel::L1, templateItem("t-3", kProducts, later(h)));
    REQUIRE(h.conv->templateOf(0, "t-1")->state == State::Ready);
    auto refused = [&](int segment, const std::string& id, TemplateChoice c) {
        const SendResult r = h.conv->chooseTemplate(segment, id, c);
        return r.outcome == SendOutcome::Refused && r.error && r.error->code == ErrorCode::InvalidValue;
    };
    CHECK(refused(0, "m-1", {-1, 0, -1}));       // not a template
    CHECK(refused(0, "zzz", {-1, 0, -1}));       // unknown row
    CHECK(refused(3, "t-1", {-1, 0, -1}));       // unknown segment
    CHECK(refused(0, "t-1", {-1, 9, -1}));       // out of range
    CHECK(refused(0, "t-1", {-1, -1, -1}));      // nothing chosen
    CHECK(refused(0, "t-1", {-1, 0, 0}));        // a slot of a ListPicker
    CHECK(refused(0, "t-1", {0, 0, -1}));        // a card of a ListPicker
    CHECK(refused(0, "t-1", {-1, 1, -1}));       // a link sends nothing
    CHECK(refused(0, "t-2", {-1, 0, -1}));       // still loading
    CHECK(refused(0, "t-3", {-1, 0, -1}));       // a Carousel choice names its card
    CHECK(refused(0, "t-3", {2, 0, -1}));        // no such card
    CHECK(h.sentTexts("CT-L1").empty());
    // The carousel's card reply is the official JSON text.
    REQUIRE(h.conv->chooseTemplate(0, "t-3", {1, 0, -1}).outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L1") ==
          std::vector<std::string>{R"({"templateIdentifier":"sav","listTitle":"Savings","selectionText":"Open savings"})"});
    CHECK(refused(0, "t-3", {0, 0, -1}));        // answered
    h.answerSends(SupportLevel::L1);
    // While a handoff runs there is no chat to answer to.
    h.push(SupportLevel::L1, templateItem("t-4", kYesNo, later(h)));
    h.conv->escalate("help");
    const SendResult during = h.conv->chooseTemplate(0, "t-4", {-1, 0, -1});
    CHECK(during.outcome == SendOutcome::Refused);
    REQUIRE(during.error);
    CHECK(during.error->code == ErrorCode::NotConnected);
}

TEST_CASE("templates: SHOW_MORE asks for the next page and is not shown in the transcript", "[conversation][templates]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kTopics, later(h)));
    const SendResult r = h.conv->chooseTemplate(0, "t-1", {-1, 2, -1});
    REQUIRE(r.outcome == SendOutcome::Sent);
    const TranscriptEntry* own = h.conv->transcript(0).findLocal(r.localId);
    REQUIRE(own != nullptr);
    CHECK(own->item.contentType == std::string(kInteractiveResponseContentType));
    CHECK(templateReplyHidden(own->item.contentType, own->item.content));
    CHECK_FALSE(templateReplyHidden("text/plain", own->item.content));
    CHECK_FALSE(templateReplyHidden(own->item.contentType, R"({"data":{"actionName":"OTHER"}})"));
    const TemplateView* v = h.conv->templateOf(0, "t-1");
    CHECK(v->answered);         // the next page replaces it
    CHECK_FALSE(v->picked);     // nothing was chosen
    h.answerSends(SupportLevel::L1);
    const Json rows = Json::parse(h.conv->escalationTranscript());
    REQUIRE(rows.items().size() == 2);   // the greeting and the template; not the paging request
    for (const Json& row : rows.items()) CHECK(row.find("role")->asString() != "customer");
}

TEST_CASE("templates: provider failure and timeout give a readable fallback, and Try again works", "[conversation][templates]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kListAccounts, later(h)));
    REQUIRE(h.data.calls.size() == 1);
    h.data.answers[0](Error{ErrorCode::Service, "GetAccountList: 503 from api.acme.example"});
    const TemplateView* v = h.conv->templateOf(0, "t-1");
    REQUIRE(v->state == State::Failed);
    REQUIRE(v->failure != nullptr);
    CHECK(v->failure->retryable);
    CHECK(v->failure->kind == TemplateResolver::FailureKind::Provider);
    CHECK(v->failure->fallbackText.find("Which account") != std::string::npos);
    CHECK(h.conv->chooseTemplate(0, "t-1", {-1, 0, -1}).outcome == SendOutcome::Refused);

    h.conv->retryTemplate(0, "t-1");
    CHECK(h.conv->templateOf(0, "t-1")->state == State::Loading);
    REQUIRE(h.data.calls.size() == 2);
    // No answer within dataProviderTimeoutMs: a timeout, retryable.
    h.w.clock.advance(h.config.dataProviderTimeoutMs - 1);
    CHECK(h.conv->templateOf(0, "t-1")->state == State::Loading);
    h.w.clock.advance(1);
    v = h.conv->templateOf(0, "t-1");
    REQUIRE(v->state == State::Failed);
    CHECK(v->failure->kind == TemplateResolver::FailureKind::Timeout);
    h.data.answers[1](kAccounts);   // too late: ignored
    CHECK(h.conv->templateOf(0, "t-1")->state == State::Failed);

    h.conv->retryTemplate(0, "t-1");
    REQUIRE(h.data.calls.size() == 3);
    h.data.answers[2](kAccounts);
    CHECK(h.conv->templateOf(0, "t-1")->state == State::Ready);
    // Loading → Failed → Loading → Failed → Loading → Ready: every change told.
    CHECK(templateEvents(h, "t-1") == 5);
    h.conv->retryTemplate(0, "t-1");   // not failed: nothing happens
    CHECK(h.data.calls.size() == 3);
}

TEST_CASE("templates: without a DataProvider data-bound ones fail for good; Connect's own still work", "[conversation][templates]") {
    Harness h;
    h.withData = false;
    h.make();
    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kListAccounts, later(h)));
    CHECK(h.conv->templateOf(0, "t-1")->state == State::Loading);
    h.w.clock.advance(0);   // the stand-in answers on a later turn
    const TemplateView* v = h.conv->templateOf(0, "t-1");
    REQUIRE(v->state == State::Failed);
    CHECK_FALSE(v->failure->retryable);
    CHECK_FALSE(v->failure->fallbackText.empty());
    h.conv->retryTemplate(0, "t-1");
    CHECK(h.conv->templateOf(0, "t-1")->state == State::Failed);
    h.push(SupportLevel::L1, templateItem("t-2", kYesNo, later(h)));
    CHECK(h.conv->templateOf(0, "t-2")->state == State::Ready);
    CHECK(h.data.calls.empty());
}

TEST_CASE("templates: picked and titles are restored after a reload", "[conversation][templates]") {
    Harness h;
    h.startOnL1();
    const Item list = templateItem("t-1", kListAccounts, later(h));
    h.push(SupportLevel::L1, list);
    answerData(h, {{"GetAccountList", kAccounts}});
    h.w.clock.advance(1000);   // the customer reads, then picks
    REQUIRE(h.conv->chooseTemplate(0, "t-1", {-1, 1, -1}).outcome == SendOutcome::Sent);
    h.answerSends(SupportLevel::L1);
    Item ownReply = h.conv->transcript(0).entries().back().item;
    ownReply.participantId = "p-l1";   // as the server's transcript names the customer
    ownReply.participantRole = ParticipantRole::Customer;
    REQUIRE(ownReply.content == "acc_Lm9x");

    REQUIRE(h.reload());
    h.data.calls.clear();
    h.data.answers.clear();
    CHECK(h.conv->pickedTitle("acc_Lm9x") == std::optional<std::string>("Vacation Fund"));
    // The re-sync brings both rows back; the answered template is not resolved eagerly.
    h.answerCpc(SupportLevel::L1);
    h.subscribe(SupportLevel::L1, {list, ownReply});
    CHECK(h.data.calls.empty());
    const TemplateView* v = h.conv->templateOf(0, "t-1");   // lazily, when a view asks
    REQUIRE(v != nullptr);
    CHECK(v->answered);
    REQUIRE(v->picked);
    CHECK(*v->picked == TemplateChoice{-1, 1, -1});
    REQUIRE(h.data.calls.size() == 1);
    answerData(h, {{"GetAccountList", kAccounts}});
    CHECK(h.conv->templateOf(0, "t-1")->ready->elements[1].title == "Vacation Fund");
    // {id} still means the account picked before the reload.
    h.push(SupportLevel::L1, templateItem("t-2", kBalance, later(h)));
    REQUIRE(h.data.calls.size() == 3);
    CHECK(h.data.calls[2].second == R"({"account":"acc_Lm9x"})");
}

TEST_CASE("templates: after a handoff the L1 templates are shown but answered", "[conversation][templates]") {
    Harness h;
    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kYesNo, later(h)));
    CHECK_FALSE(h.conv->templateOf(0, "t-1")->answered);
    h.handOff();
    const TemplateView* v = h.conv->templateOf(0, "t-1");
    REQUIRE(v != nullptr);
    CHECK(v->state == State::Ready);
    CHECK(v->answered);
    CHECK(h.conv->chooseTemplate(0, "t-1", {-1, 0, -1}).outcome == SendOutcome::Refused);
    // After a reload the frozen rows are back, and their templates are still answered.
    REQUIRE(h.reload());
    v = h.conv->templateOf(0, "t-1");
    REQUIRE(v != nullptr);
    CHECK(v->state == State::Ready);
    CHECK(v->answered);
    // The specialist may send templates too: they are live in segment 1.
    h.answerCpc(SupportLevel::L2);
    h.subscribe(SupportLevel::L2);
    h.push(SupportLevel::L2, templateItem("t-l2", kYesNo, later(h), "c-l2"));
    v = h.conv->templateOf(1, "t-l2");
    REQUIRE(v != nullptr);
    CHECK_FALSE(v->answered);
    REQUIRE(h.conv->chooseTemplate(1, "t-l2", {-1, 0, -1}).outcome == SendOutcome::Sent);
    CHECK(h.sentTexts("CT-L2") == std::vector<std::string>{"Yes"});
}

TEST_CASE("templates: memory is bounded; a dropped template resolves again when asked", "[conversation][templates]") {
    Harness h;
    h.startOnL1();
    const int n = static_cast<int>(Conversation::kMaxTemplates) + 8;
    for (int i = 0; i < n; ++i) h.push(SupportLevel::L1, templateItem("t-" + std::to_string(i), kListAccounts, later(h)));
    // Each arrived as the newest unanswered one: each asked the provider once.
    CHECK(h.data.calls.size() == static_cast<std::size_t>(n));
    // The oldest were dropped at the following events: asking again calls again.
    REQUIRE(h.conv->templateOf(0, "t-0") != nullptr);
    CHECK(h.data.calls.size() == static_cast<std::size_t>(n) + 1);
    // The newest are kept.
    REQUIRE(h.conv->templateOf(0, "t-" + std::to_string(n - 1)) != nullptr);
    CHECK(h.data.calls.size() == static_cast<std::size_t>(n) + 1);
}

// system.md §4: whatever the partner's data provider returns stays in the browser. Everything that
// can leave it (or outlive the page) is captured through a whole flow and searched for the canaries.
TEST_CASE("templates: nothing a data provider returns leaves the browser", "[conversation][templates][privacy]") {
    Harness h;
    std::vector<std::string> outside;   // every string that leaves the browser or is kept for later
    std::vector<Recorded> allEvents;
    auto snapshotStorage = [&] {
        for (const auto& [key, value] : h.w.storage.values)
            if (key != "fc.picked") outside.push_back(key + "=" + value);   // ".picked": local titles, by design
    };
    auto keepEvents = [&] {
        allEvents.insert(allEvents.end(), h.events.begin(), h.events.end());
        h.events.clear();
    };

    h.startOnL1();
    h.push(SupportLevel::L1, templateItem("t-1", kListAccounts, later(h)));
    // The partner's API fails first, with a message that names the customer's data: only its kind is kept.
    REQUIRE(h.data.answers.size() == 1);
    h.data.answers[0](Error{ErrorCode::Service, "503 while loading Everyday Checking \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 4821"});
    const TemplateView* v = h.conv->templateOf(0, "t-1");
    REQUIRE(v->failure != nullptr);
    outside.push_back(v->failure->error.detail);    // what a log line would say
    outside.push_back(v->failure->error.describe());
    outside.push_back(v->failure->fallbackText);
    h.conv->retryTemplate(0, "t-1");
    answerData(h, {{"GetAccountList", kAccounts}});
    v = h.conv->templateOf(0, "t-1");
    REQUIRE(v->state == State::Ready);
    // The canaries are really there, in the browser: the search below could find them.
    CHECK(v->ready->elements[0].title == "Everyday Checking");
    CHECK(v->ready->elements[1].subtitle.find("7730") != std::string::npos);

    h.w.clock.advance(1000);
    REQUIRE(h.conv->chooseTemplate(0, "t-1", {-1, 0, -1}).outcome == SendOutcome::Sent);
    h.answerSends(SupportLevel::L1);
    snapshotStorage();
    h.push(SupportLevel::L1, templateItem("t-2", kBalance, later(h)));
    answerData(h, {{"AccountName", kAccountName}, {"GetBalance", kBalanceAnswer}});
    v = h.conv->templateOf(0, "t-2");
    REQUIRE(v->state == State::Ready);
    CHECK(v->ready->elements[0].title == "$3,482.19 Available balance");
    CHECK(v->ready->elements[1].title == "$12,907.55 pending for CANARY-NAME-Zq");
    CHECK(v->ready->subtitle == "Everyday Checking");
    h.w.clock.advance(1000);
    REQUIRE(h.conv->chooseTemplate(0, "t-2", {-1, 1, -1}).outcome == SendOutcome::Sent);
    CHECK(h.conv->send("thanks, and a specialist please").outcome == SendOutcome::Sent);
    h.answerSends(SupportLevel::L1);
    snapshotStorage();

    outside.push_back(h.conv->escalationTranscript());
    h.handOff();
    h.push(SupportLevel::L2, fake::message("m-l2", "p-spec", ParticipantRole::Agent, "Specialist here", later(h), "c-l2"));
    snapshotStorage();
    keepEvents();
    // The page reloads: the titles come back from ".picked", the templates from the provider again.
    REQUIRE(h.reload());
    CHECK(h.conv->pickedTitle("acc_7Hq2") == std::optional<std::string>("Everyday Checking"));
    CHECK(h.w.storage.values.at("fc.picked").find("Everyday Checking") != std::string::npos);
    h.answerCpc(SupportLevel::L2);
    h.subscribe(SupportLevel::L2);
    v = h.conv->templateOf(0, "t-1");
    REQUIRE(v != nullptr);
    answerData(h, {{"GetAccountList", kAccounts}});
    CHECK(h.conv->templateOf(0, "t-1")->ready->elements[0].title == "Everyday Checking");
    CHECK(h.conv->templateOf(0, "t-1")->answered);
    outside.push_back(h.conv->escalationTranscript());
    snapshotStorage();
    keepEvents();

    // Everything that left: request URLs, headers and bodies; websocket frames; token requests (the
    // escalation's reason and transcript); event texts and errors.
    for (const HttpRequest& r : h.w.http.log) {
        outside.push_back(r.url);
        outside.push_back(r.body);
        for (const auto& [k, value] : r.headers) outside.push_back(k + ": " + value);
    }
    std::size_t frames = 0;
    for (const fake::FakeSocket* s : h.w.sockets.all)
        if (s) for (const std::string& f : s->sent) outside.push_back(f), ++frames;
    for (const TokenRequest& t : h.tokens.log) {
        outside.push_back(t.reason);
        outside.push_back(t.transcriptJson);
    }
    for (const Recorded& e : allEvents) {
        outside.push_back(e.text);
        if (e.error) outside.push_back(e.error->describe());
    }
    // The capture is not empty: the ids and the customer's words did go out.
    std::string all;
    for (const std::string& s : outside) all += s + "\n";
    CHECK(all.find("acc_7Hq2") != std::string::npos);
    CHECK(all.find("bal_7Hq2_pending") != std::string::npos);
    CHECK(all.find("a specialist please") != std::string::npos);
    CHECK(frames > 0);
    CHECK(h.tokens.asked(SupportLevel::L2) == 1);
    for (const char* canary : kCanaries) {
        INFO("canary: " << canary);
        CHECK(all.find(canary) == std::string::npos);
    }
}
