// `$API:` placeholders filled by the partner's data provider (core/include/finchat/template_data.h):
// the calls made, time limits on the manual clock, shape checks, failure and "Try again", and the rule
// that nothing a data provider returns leaves the browser (replies carry only the opaque id).
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "fake_data_provider.h"
#include "fake_platform.h"
#include "finchat/markdown.h"
#include "finchat/template_data.h"
#include "finchat/template_text.h"

using namespace finchat;
using State = TemplateResolver::State;
using Kind = TemplateResolver::FailureKind;

namespace {

// The demo bot's balance flow (system.md §4).
const std::string kListAccounts = R"({"templateType":"ListPicker","version":"1.0","data":{"content":{
    "title":"Which account would you like to see the balance on?","subtitle":"Tap to select option",
    "elements":"$API:GetAccountList"}}})";
const std::string kBalance = R"J({"templateType":"Panel","version":"1.0","data":{"content":{
    "title":"Your balance","elements":"$API:GetBalance(account={id})"}}})J";
const std::string kAccounts = R"([
    {"id":"acc_7Hq2","title":"Everyday Checking","subtitle":"\u2022\u2022\u2022\u2022 4821","balance":3482.19},
    {"id":"acc_Lm9x","title":"High-Yield Savings","subtitle":"\u2022\u2022\u2022\u2022 7730",
     "imageData":"https://acme.example/savings.png","imageDescription":"Piggy bank"}])";

struct Fixture {
    fake::ManualClock clock;
    fake::FakeDataProvider provider;
    int changes = 0;
    std::unique_ptr<TemplateResolver> make(const std::string& json, ResolverOptions options = {}) {
        auto r = std::make_unique<TemplateResolver>(provider, clock, json, std::move(options));
        r->onChange = [this] { ++changes; };
        return r;
    }
};

// Every byte that choosing anything in `t` would send.
std::string everythingSent(const InteractiveTemplate& t) {
    std::string out;
    for (const TemplateElement& e : t.elements)
        if (e.reply) out += e.reply->content + "\n";
    for (const TimeSlot& s : t.slots) out += s.reply.content + "\n";
    for (const InteractiveTemplate& c : t.cards) out += everythingSent(c);
    return out;
}

}  // namespace

TEST_CASE("resolver: Connect's own templates are ready at once, with no provider call", "[templates][resolver]") {
    Fixture f;
    auto r = f.make(R"({"templateType":"QuickReply","data":{"content":{"title":"OK?","elements":[{"title":"Yes"},{"title":"No"}]}}})");
    CHECK(r->state() == State::Loading);
    CHECK(r->calls().empty());
    r->start();
    REQUIRE(r->state() == State::Ready);
    CHECK(r->ready()->elements[0].reply->content == "Yes");
    CHECK(f.provider.log.empty());
    CHECK(f.changes == 1);
    r->start();   // once only
    CHECK(f.changes == 1);
}

TEST_CASE("resolver: a whole elements list from the data provider; only ids are sent", "[templates][resolver]") {
    Fixture f;
    auto r = f.make(kListAccounts);
    REQUIRE(r->calls() == std::vector<TemplateResolver::Call>{{"GetAccountList", "{}"}});
    r->start();
    CHECK(r->state() == State::Loading);
    CHECK(r->ready() == nullptr);
    REQUIRE(f.provider.pending.size() == 1);
    CHECK(f.provider.pending[0].name == "GetAccountList");
    f.provider.answer(kAccounts);
    REQUIRE(r->state() == State::Ready);
    CHECK(f.changes == 1);
    CHECK(f.clock.pendingTimers() == 0);   // the time limit is cancelled
    const InteractiveTemplate& t = *r->ready();
    CHECK(t.dataBound);
    CHECK(t.title == "Which account would you like to see the balance on?");
    REQUIRE(t.elements.size() == 2);
    CHECK(t.elements[0].title == "Everyday Checking");
    CHECK(t.elements[0].subtitle == "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 4821");
    CHECK(t.elements[0].id == "acc_7Hq2");
    CHECK(t.elements[0].dataBound);
    CHECK(t.elements[1].image == TemplateImage{"https://acme.example/savings.png", "Piggy bank"});
    // The reply is the opaque id, text/plain, and says so (the bubble reads the title locally).
    CHECK(t.elements[0].reply == TemplateReply{"text/plain", "acc_7Hq2", true, true});
    CHECK(t.elements[1].reply == TemplateReply{"text/plain", "acc_Lm9x", true, true});
    // Nothing the provider returned but the ids is in anything that can be sent.
    const std::string sent = everythingSent(t);
    for (const char* secret : {"Everyday", "Checking", "Savings", "4821", "7730", "3482", "Piggy", "savings.png"}) {
        INFO(secret);
        CHECK(sent.find(secret) == std::string::npos);
    }
}

TEST_CASE("resolver: {id} is the picked item's id; the same call is made once", "[templates][resolver]") {
    Fixture f;
    auto r = f.make(R"J({"templateType":"ListPicker","data":{"content":{"title":"$API:AccountName(account={id})",
        "subtitle":"$API:AccountName(account={id})","elements":"$API:GetTransactions(account={id},limit=5)"}}})J",
                    ResolverOptions{8000, "acc_7Hq2"});
    REQUIRE(r->calls().size() == 2);
    CHECK(r->calls()[0] == TemplateResolver::Call{"AccountName", R"({"account":"acc_7Hq2"})"});
    CHECK(r->calls()[1] == TemplateResolver::Call{"GetTransactions", R"({"account":"acc_7Hq2","limit":"5"})"});
    r->start();
    REQUIRE(f.provider.pending.size() == 2);
    f.provider.answer(std::string(R"("Everyday Checking")"));
    CHECK(r->state() == State::Loading);
    f.provider.answer(std::string(R"([{"id":"tx_1","title":"Coffee","subtitle":"-$4.50"}])"));
    REQUIRE(r->state() == State::Ready);
    CHECK(r->ready()->title == "Everyday Checking");
    CHECK(r->ready()->subtitle == "Everyday Checking");
    CHECK(r->ready()->elements[0].reply->content == "tx_1");

    // Nothing picked yet: the template cannot be filled (final, no provider call).
    auto orphan = f.make(kBalance);
    CHECK(orphan->state() == State::Failed);
    CHECK(orphan->failure()->kind == Kind::Template);
    CHECK_FALSE(orphan->failure()->retryable);
    CHECK(orphan->failure()->fallbackText == "Your balance");
}

TEST_CASE("resolver: a failing provider gives the readable fallback and Try again", "[templates][resolver]") {
    Fixture f;
    auto r = f.make(kListAccounts);
    r->start();
    f.provider.answer(fake::FakeDataProvider::failure("TypeError: dataProvider.GetAccountList is not a function"));
    REQUIRE(r->state() == State::Failed);
    const auto* failure = r->failure();
    CHECK(failure->kind == Kind::Provider);
    CHECK(failure->retryable);
    CHECK(failure->error.detail.find("GetAccountList") != std::string::npos);
    CHECK(failure->error.detail.find("TypeError") == std::string::npos);   // the provider's text is not kept
    CHECK(failure->fallbackText == "Which account would you like to see the balance on?\nTap to select option");
    CHECK(f.clock.pendingTimers() == 0);

    r->retry();
    CHECK(r->state() == State::Loading);
    CHECK(r->attempts() == 2);
    REQUIRE(f.provider.pending.size() == 1);
    f.provider.answer(kAccounts);
    REQUIRE(r->state() == State::Ready);
    CHECK(r->ready()->elements.size() == 2);
    r->retry();   // only from Failed
    CHECK(r->state() == State::Ready);
}

TEST_CASE("resolver: no answer within the time limit fails; late answers are ignored", "[templates][resolver]") {
    Fixture f;
    auto r = f.make(kListAccounts, ResolverOptions{8000, {}});
    r->start();
    f.clock.advance(7999);
    CHECK(r->state() == State::Loading);
    f.clock.advance(1);
    REQUIRE(r->state() == State::Failed);
    CHECK(r->failure()->kind == Kind::Timeout);
    CHECK(r->failure()->retryable);
    f.provider.answer(kAccounts);   // too late
    CHECK(r->state() == State::Failed);

    r->retry();
    REQUIRE(f.provider.pending.size() == 1);
    f.clock.advance(3000);
    f.provider.answer(kAccounts);
    CHECK(r->state() == State::Ready);
    f.clock.advance(10000);   // the first attempt's timer is gone, the second's cancelled
    CHECK(r->state() == State::Ready);
}

TEST_CASE("resolver: answers of the wrong shape fail (types, counts, lengths)", "[templates][resolver]") {
    const std::string longTitle(401, 't');
    struct Case { const char* what; std::string answer; };
    for (const Case& c : std::vector<Case>{
             {"not JSON", "[{\"id\":"},
             {"not a list", R"({"id":"a","title":"b"})"},
             {"empty list", "[]"},
             {"not objects", R"(["Everyday Checking"])"},
             {"no id", R"([{"title":"Everyday Checking"}])"},
             {"id not a string", R"([{"id":4821,"title":"Everyday Checking"}])"},
             {"id with spaces", R"([{"id":"Everyday Checking 4821","title":"Everyday Checking"}])"},
             {"id too long", "[{\"id\":\"" + std::string(129, 'a') + "\",\"title\":\"x\"}]"},
             {"no title", R"([{"id":"a"}])"},
             {"empty title", R"([{"id":"a","title":""}])"},
             {"title not a string", R"([{"id":"a","title":["x"]}])"},
             {"subtitle not a string", R"([{"id":"a","title":"x","subtitle":12.5}])"},
             {"a placeholder in data", R"([{"id":"a","title":"$API:Other"}])"},
             {"too many items", "[" + [] {
                  std::string s;
                  for (int i = 0; i < 201; ++i) s += (i ? "," : "") + std::string(R"({"id":"a","title":"b"})");
                  return s;
              }() + "]"}}) {
        INFO(c.what);
        Fixture f;
        auto r = f.make(kListAccounts);
        r->start();
        f.provider.answer(c.answer);
        REQUIRE(r->state() == State::Failed);
        CHECK(r->failure()->kind == Kind::BadData);
        CHECK(r->failure()->retryable);
        CHECK(r->failure()->fallbackText.find("Which account") == 0);
    }
    // At and over the limits: 6 of 7 items kept, long titles truncated for display.
    Fixture f;
    auto r = f.make(kListAccounts);
    r->start();
    std::string seven = "[";
    for (int i = 0; i < 7; ++i)
        seven += (i ? "," : "") + std::string(R"({"id":"acc_)") + std::to_string(i) + R"(","title":")" + longTitle + "\"}";
    f.provider.answer(seven + "]");
    REQUIRE(r->state() == State::Ready);
    CHECK(r->ready()->elements.size() == 6);
    CHECK(r->ready()->truncated);
    CHECK(r->ready()->elements[0].title == std::string(400, 't') + "\xE2\x80\xA6");
    CHECK(r->ready()->elements[5].reply->content == "acc_5");

    // A string field's value must be a string.
    Fixture g;
    auto s = g.make(R"({"templateType":"QuickReply","data":{"content":{"title":"$API:Question","elements":[{"title":"Yes"},{"title":"No"}]}}})");
    s->start();
    g.provider.answer(std::string("42"));
    REQUIRE(s->state() == State::Failed);
    CHECK(s->failure()->kind == Kind::BadData);
}

TEST_CASE("resolver: a bot element whose title is provider data replies with its id", "[templates][resolver]") {
    Fixture f;
    auto r = f.make(R"J({"templateType":"Carousel","data":{"content":{"title":"Your cards","elements":[
        {"templateType":"Panel","templateIdentifier":"cards","data":{"content":{"title":"$API:CardName(card=c_1)",
         "elements":[{"title":"Freeze","id":"freeze_c_1"}]}}},
        {"templateType":"Panel","templateIdentifier":"help","data":{"content":{"title":"Help",
         "elements":[{"title":"$API:CardName(card=c_1)","id":"c_1"},{"title":"Call us"}]}}}]}}})J");
    REQUIRE(r->calls().size() == 1);
    r->start();
    f.provider.answer(std::string(R"("Acme Rewards Visa")"));
    REQUIRE(r->state() == State::Ready);
    const InteractiveTemplate& t = *r->ready();
    // The card's title is provider data, so its carousel JSON (which names listTitle) is not sent.
    CHECK(t.cards[0].title == "Acme Rewards Visa");
    CHECK(t.cards[0].elements[0].reply == TemplateReply{"text/plain", "freeze_c_1", true, true});
    CHECK(t.cards[1].elements[0].reply == TemplateReply{"text/plain", "c_1", true, true});
    CHECK(t.cards[1].elements[1].reply->content == R"({"templateIdentifier":"help","listTitle":"Help","selectionText":"Call us"})");
    CHECK(everythingSent(t).find("Rewards") == std::string::npos);

    // Without an id such an element cannot be answered: an error before any call.
    auto bad = f.make(R"({"templateType":"Panel","data":{"content":{"title":"T","elements":[{"title":"$API:Name"}]}}})");
    CHECK(bad->state() == State::Failed);
    CHECK(bad->failure()->kind == Kind::Template);
}

TEST_CASE("resolver: destroyed while a call is out; a provider answering at once", "[templates][resolver]") {
    Fixture f;
    auto r = f.make(kListAccounts);
    r->start();
    r.reset();
    CHECK(f.clock.pendingTimers() == 0);
    f.provider.answer(kAccounts);   // the answer finds nobody, safely
    f.clock.advance(10000);

    f.provider.answerAtOnce = Result<std::string>(kAccounts);
    auto sync = f.make(kListAccounts);
    sync->start();
    CHECK(sync->state() == State::Ready);
    f.provider.answerAtOnce = Result<std::string>(fake::FakeDataProvider::failure());
    auto syncFail = f.make(R"({"templateType":"ListPicker","data":{"content":{"title":"$API:A","elements":"$API:B"}}})");
    syncFail->start();
    CHECK(syncFail->state() == State::Failed);
    CHECK(f.provider.log.back() == "A{}");   // the attempt ended: B was not asked
}

TEST_CASE("picked titles: id -> title kept locally, restored after a reload, bounded", "[templates][picked]") {
    fake::MemoryStorage storage;
    {
        PickedTitles titles(&storage, "acme:picked");
        titles.remember("acc_7Hq2", "Everyday Checking");
        titles.remember("acc_Lm9x", "High-Yield Savings");
        titles.remember("acc_7Hq2", "Everyday Checking (joint)");   // the newest wins
        CHECK(titles.titleFor("acc_7Hq2") == "Everyday Checking (joint)");
        CHECK_FALSE(titles.titleFor("acc_nope"));
        CHECK(titles.size() == 2);
    }
    REQUIRE(storage.values.count("acme:picked"));
    PickedTitles reloaded(&storage, "acme:picked");
    CHECK_FALSE(reloaded.titleFor("acc_Lm9x"));
    reloaded.restore();
    CHECK(reloaded.titleFor("acc_Lm9x") == "High-Yield Savings");
    CHECK(reloaded.titleFor("acc_7Hq2") == "Everyday Checking (joint)");

    PickedTitles damaged(&storage, "k");
    damaged.restore(std::string_view("{not json"));
    CHECK(damaged.size() == 0);
    damaged.restore(std::string_view(R"([["a","A"],["b"],[1,"x"],"c",["","y"],["d","D"]])"));
    CHECK(damaged.size() == 2);
    CHECK(damaged.titleFor("d") == "D");

    PickedTitles many(nullptr, "k");
    for (int i = 0; i < 250; ++i) many.remember("id" + std::to_string(i), "T" + std::to_string(i));
    CHECK(many.size() == PickedTitles::kMaxEntries);
    CHECK_FALSE(many.titleFor("id0"));
    CHECK(many.titleFor("id249") == "T249");
    many.clear();
    CHECK(many.size() == 0);
    reloaded.clear();
    CHECK_FALSE(storage.values.count("acme:picked"));
}

// The headless SDK's fallbackText is computed without the text parser (templateFallbackText): it must
// say what plainText(templateFallback(...)) says, whatever the titles hold.
TEST_CASE("templateFallbackText is plainText(templateFallback)", "[templates][fallback]") {
    const std::vector<TemplateSummary> cases = {
        {},
        {"ListPicker", "Which account?", "Tap to select option", {"Checking", "Savings"}, false},
        {"Panel", "", "", {"", "only option"}, true},
        {"QuickReply", "  \t", "line one  \r\nline two\rline three\t ", {}, false},
        {"ListPicker", "para one\n\n\npara two  \n  indented", "", {"opt a\n\nopt a, second block", "opt b\nsame block"}, false},
        {"Panel", "see https://bank.example/help and www.bank.example", "mailto:help@bank.example tel:+15551234",
         {"https://bank.example/x?y=1 \n https://[::1]/", "\x01" "ctrl\x7f" "chars\xe2\x80\xae" "bidi"}, false},
        {"ListPicker", "bad utf-8 \xff\xfe end", "\xc3", {"\n\n", " ", "• already a bullet"}, false},
    };
    for (const TemplateSummary& s : cases) {
        INFO(s.title << " | " << s.subtitle);
        CHECK(templateFallbackText(s) == plainText(templateFallback(s)));
    }
    CHECK(templateFallbackText(cases[1]) == "Which account?\nTap to select option\n\xE2\x80\xA2 Checking\n\xE2\x80\xA2 Savings");
    CHECK(templateFallbackText(cases[4]) ==
          "para one\npara two\n  indented\n\xE2\x80\xA2 opt a\n\xE2\x80\xA2 opt a, second block\n\xE2\x80\xA2 opt b\nsame block");
}
