// Connect's interactive messages as typed templates (core/include/finchat/interactive.h): every
// template type valid, at the official widget's limits, over them, malformed; and the replies byte for
// byte as the official widget sends them. Expected reply strings are written from the official widget's
// source, amazon-connect/amazon-connect-chat-interface@40df506:
//   src/utils/helper.js                createInteractiveMessagePayload, INTERACTIVE_MESSAGE_CONSTRAINTS
//   src/components/Chat/constants.js   INTERACTIVE_MESSAGE (ACTIONS, VERSION "1.0")
//   .../InteractiveMessages/QuickReply.js  handleSelection({text: element.title})
//   .../InteractiveMessages/TimePicker.js  applyTimeZoneOffset, confirmSelection
//   .../InteractiveMessages/Carousel.js    the nested ListPicker/Panel get isCarouselElem
// and reference connect-chat-protocol.md §7.4, connect-bots-flows-templates.md §3.
#include <catch2/catch.hpp>

#include <string>

#include "finchat/interactive.h"
#include "finchat/markdown.h"

using namespace finchat;

namespace {

const std::string kPlain = "text/plain";

InteractiveTemplate build(const std::string& json) {
    Result<TemplateMessage> m = parseTemplateMessage(json);
    INFO(json);
    INFO((m ? std::string() : m.error().describe()));
    REQUIRE(m.ok());
    REQUIRE(m->placeholders.empty());
    Result<InteractiveTemplate> t = buildTemplate(*m, nullptr);
    INFO((t ? std::string() : t.error().describe()));
    REQUIRE(t.ok());
    return *t;
}

Error parseError(const std::string& json) {
    Result<TemplateMessage> m = parseTemplateMessage(json);
    INFO(json);
    REQUIRE_FALSE(m.ok());
    return m.error();
}

std::string tpl(const std::string& type, const std::string& content, const std::string& extra = "") {
    return R"({"templateType":")" + type + R"(","version":"1.0","data":{)" + extra + R"("content":)" + content + "}}";
}

// n elements {"title":"Option i"}.
std::string elements(int n, const std::string& prefix = "Option ") {
    std::string out = "[";
    for (int i = 0; i < n; ++i) out += (i ? "," : "") + std::string(R"({"title":")") + prefix + std::to_string(i) + "\"}";
    return out + "]";
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST_CASE("ListPicker: the reference example, element replies and SHOW_MORE byte for byte", "[templates]") {
    // connect-chat-protocol.md §7.3's example.
    const InteractiveTemplate t = build(R"({"templateType":"ListPicker","version":"1.0","data":{
      "replyMessage":{"title":"Thanks!"},
      "content":{"title":"What do you need help with?","subtitle":"Tap to select",
        "imageType":"URL","imageData":"https://acme.example/help.png","imageDescription":"Help desk",
        "referenceId":"r-1","listId":"topics","preIndex":-1,"nextIndex":5,
        "elements":[{"title":"Billing","subtitle":"Invoices, refunds","imageData":"https://acme.example/b.png",
                     "imageDescription":"A receipt"},
                    {"title":"Technical issue"},
                    {"title":"Show more","actionDetail":"SHOW_MORE"},
                    {"title":"Back","actionDetail":"PREVIOUS_OPTIONS"}]}}})");
    CHECK(t.type == TemplateType::ListPicker);
    CHECK(t.title == "What do you need help with?");
    CHECK(t.subtitle == "Tap to select");
    CHECK(t.image == TemplateImage{"https://acme.example/help.png", "Help desk"});
    REQUIRE(t.replyMessage);
    CHECK(t.replyMessage->title == "Thanks!");
    CHECK_FALSE(t.truncated);
    CHECK_FALSE(t.dataBound);
    REQUIRE(t.elements.size() == 4);
    CHECK(t.elements[0].subtitle == "Invoices, refunds");
    CHECK(t.elements[0].image.altText == "A receipt");
    // helper.js: payload = {text: selectedElement.title}, sent as text/plain.
    CHECK(t.elements[0].reply == TemplateReply{kPlain, "Billing", true, false});
    CHECK(t.elements[1].reply == TemplateReply{kPlain, "Technical issue", true, false});
    // helper.js: JSON.stringify({version, data: {actionName, preIndex, nextIndex, listId, templateType,
    // referenceId}, action}) as application/vnd.amazonaws.connect.message.interactive.response.
    CHECK(t.elements[2].kind == ElementKind::ShowMore);
    CHECK(t.elements[2].reply ==
          TemplateReply{"application/vnd.amazonaws.connect.message.interactive.response",
                        R"({"version":"1.0","data":{"actionName":"SHOW_MORE","preIndex":-1,"nextIndex":5,"listId":"topics","templateType":"ListPicker","referenceId":"r-1"},"action":"SHOW_MORE"})",
                        false, false});
    CHECK(t.elements[3].kind == ElementKind::PreviousOptions);
    CHECK(t.elements[3].reply->content ==
          R"({"version":"1.0","data":{"actionName":"PREVIOUS_OPTIONS","preIndex":-1,"nextIndex":5,"listId":"topics","templateType":"ListPicker","referenceId":"r-1"},"action":"PREVIOUS_OPTIONS"})");
}

TEST_CASE("paging body: absent fields are left out as JSON.stringify leaves out undefined", "[templates]") {
    const InteractiveTemplate t = build(tpl("Panel", R"({"title":"Pick","nextIndex":3,
        "elements":[{"title":"A"},{"title":"More","actionDetail":"SHOW_MORE"}]})"));
    CHECK(t.elements[1].reply->content ==
          R"({"version":"1.0","data":{"actionName":"SHOW_MORE","nextIndex":3,"templateType":"Panel"},"action":"SHOW_MORE"})");
    // Strings are quoted and escaped as JSON.stringify does.
    const InteractiveTemplate q = build(tpl("ListPicker", R"({"title":"Pick","listId":"a\"b\\c\u0001","referenceId":"r\u00e9",
        "elements":[{"title":"More","actionDetail":"SHOW_MORE"}]})"));
    CHECK(q.elements[0].reply->content ==
          "{\"version\":\"1.0\",\"data\":{\"actionName\":\"SHOW_MORE\",\"listId\":\"a\\\"b\\\\c\\u0001\","
          "\"templateType\":\"ListPicker\",\"referenceId\":\"r\xC3\xA9\"},\"action\":\"SHOW_MORE\"}");
}

TEST_CASE("ListPicker: 1-6 elements; more are cut, none is an error; text truncated at 400", "[templates][limits]") {
    CHECK(build(tpl("ListPicker", R"({"title":"T","elements":)" + elements(1) + "}")).elements.size() == 1);
    const InteractiveTemplate six = build(tpl("ListPicker", R"({"title":"T","elements":)" + elements(6) + "}"));
    CHECK(six.elements.size() == 6);
    CHECK_FALSE(six.truncated);
    const InteractiveTemplate seven = build(tpl("ListPicker", R"({"title":"T","elements":)" + elements(7) + "}"));
    CHECK(seven.elements.size() == 6);
    CHECK(seven.truncated);
    CHECK(seven.elements.back().title == "Option 5");
    CHECK(parseError(tpl("ListPicker", R"({"title":"T","elements":[]})")).code == ErrorCode::InvalidValue);

    const std::string at = repeat("a", 400), over = repeat("b", 401), accents = repeat("\xC3\xA9", 401);
    const InteractiveTemplate atLimit = build(tpl("ListPicker", R"({"title":")" + at + R"(","subtitle":")" + at +
                                                                    R"(","elements":[{"title":")" + at + R"("}]})"));
    CHECK(atLimit.title == at);
    CHECK(atLimit.elements[0].title == at);
    CHECK_FALSE(atLimit.truncated);
    const InteractiveTemplate overLimit = build(tpl("ListPicker", R"({"title":")" + over + R"(","subtitle":")" + accents +
                                                                      R"(","elements":[{"title":")" + over +
                                                                      R"(","subtitle":")" + over + R"("}]})"));
    CHECK(overLimit.truncated);
    CHECK(overLimit.title == repeat("b", 400) + "\xE2\x80\xA6");
    CHECK(overLimit.subtitle == repeat("\xC3\xA9", 400) + "\xE2\x80\xA6");   // characters, not bytes
    CHECK(overLimit.elements[0].title == repeat("b", 400) + "\xE2\x80\xA6");
    CHECK(overLimit.elements[0].subtitle == repeat("b", 400) + "\xE2\x80\xA6");
    // The reply is the element's untruncated title, as the official widget sends selectedElement.title.
    CHECK(overLimit.elements[0].reply->content == over);
}

TEST_CASE("Panel: 1-10 elements, hyperlinks send nothing and pass the link allow-list", "[templates][limits]") {
    CHECK(build(tpl("Panel", R"({"title":"T","elements":)" + elements(10) + "}")).elements.size() == 10);
    const InteractiveTemplate eleven = build(tpl("Panel", R"({"title":"T","elements":)" + elements(11) + "}"));
    CHECK(eleven.elements.size() == 10);
    CHECK(eleven.truncated);

    const InteractiveTemplate t = build(tpl("Panel", R"J({"title":"How can we help?","subtitle":"Pick one",
        "elements":[{"title":"Fees","type":"hyperlink","url":"https://acme.example/fees"},
                    {"title":"Sign in","type":"hyperlink","url":"https://acme-bank.example@evil.example/login"},
                    {"title":"Old","type":"hyperlink","url":"javascript:alert(1)"},
                    {"title":"Call me","type":"hyperlink"},
                    {"title":"Talk to us"}]})J"));
    REQUIRE(t.elements.size() == 5);
    CHECK(t.elements[0].kind == ElementKind::Hyperlink);
    CHECK(t.elements[0].url == "https://acme.example/fees");
    CHECK_FALSE(t.elements[0].reply);
    CHECK(t.elements[1].kind == ElementKind::Inert);   // userinfo hides the real host
    CHECK(t.elements[1].url.empty());
    CHECK_FALSE(t.elements[1].reply);
    CHECK(t.elements[2].kind == ElementKind::Inert);
    // No url: the official widget renders an ordinary option (type === HYPERLINK && url).
    CHECK(t.elements[3].kind == ElementKind::Option);
    CHECK(t.elements[3].reply->content == "Call me");
    CHECK(t.elements[4].reply == TemplateReply{kPlain, "Talk to us", true, false});
}

TEST_CASE("images: https URLs only, imageDescription is the alt text", "[templates]") {
    const InteractiveTemplate t = build(tpl("ListPicker", R"J({"title":"T","elements":[
        {"title":"a","imageType":"URL","imageData":"https://cdn.acme.example/a.png","imageDescription":"Card"},
        {"title":"b","imageData":"http://cdn.acme.example/b.png"},
        {"title":"c","imageData":"javascript:alert(1)"},
        {"title":"d","imageData":"https://acme.example@evil.example/x.png"},
        {"title":"e","imageType":"BASE64","imageData":"https://cdn.acme.example/e.png"},
        {"title":"f","imageData":"mailto:x@acme.example"}]})J"));
    CHECK(t.elements[0].image == TemplateImage{"https://cdn.acme.example/a.png", "Card"});
    for (std::size_t i = 1; i < t.elements.size(); ++i) {
        INFO(i);
        CHECK(t.elements[i].image.url.empty());
        CHECK(t.elements[i].reply);   // the option itself stays
    }
}

TEST_CASE("TimePicker: 1-40 slots, sorted, the slot date as reply with the timeZoneOffset rewrite", "[templates][limits]") {
    // TimePicker.js applyTimeZoneOffset: without timeZoneOffset the date is sent as written.
    const InteractiveTemplate t = build(tpl("TimePicker", R"({"title":"Book a call","subtitle":"30 minutes",
        "location":{"latitude":47.6,"longitude":-122.3,"title":"Acme HQ","radius":1},
        "timeslots":[{"date":"2025-05-02T14:00+00:00","duration":30},
                     {"date":"2025-05-02T09:00+02:00","duration":60}]})"));
    REQUIRE(t.slots.size() == 2);
    CHECK(t.slots[0].startMs == 1746169200000);   // 07:00Z sorts before 14:00Z
    CHECK(t.slots[0].durationMinutes == 60);
    CHECK(t.slots[0].reply == TemplateReply{kPlain, "2025-05-02T09:00+02:00", true, false});
    CHECK(t.slots[1].reply.content == "2025-05-02T14:00+00:00");
    REQUIRE(t.location);
    CHECK(t.location->title == "Acme HQ");
    CHECK(t.location->latitude == "47.6");
    CHECK(t.location->longitude == "-122.3");
    CHECK(t.location->radius == "1");

    // With an offset: new Date(ms + offset*60000).toISOString().slice(0, -2) + "+00:00" (the
    // reference's sample offset, -450 minutes).
    const InteractiveTemplate shifted = build(tpl("TimePicker", R"({"title":"When?","timeZoneOffset":-450,
        "timeslots":[{"date":"2025-05-02T09:00+00:00","duration":30},{"date":"2025-05-02T09:15:30.123Z","duration":30}]})"));
    CHECK(shifted.timeZoneOffsetMinutes == -450);
    CHECK(shifted.slots[0].reply.content == "2025-05-02T01:30:00.00+00:00");
    CHECK(shifted.slots[1].reply.content == "2025-05-02T01:45:30.12+00:00");
    CHECK(shifted.slots[0].startMs == 1746149400000);   // 01:30Z, the instant the official widget shows
    // The customer's bubble reads the time of each reply: the very instant of its slot.
    CHECK(templateReplyTime(kPlain, t.slots[0].reply.content) == std::optional<std::int64_t>(t.slots[0].startMs));
    CHECK(templateReplyTime(kPlain, t.slots[1].reply.content) == std::optional<std::int64_t>(t.slots[1].startMs));
    CHECK(templateReplyTime(kPlain, shifted.slots[0].reply.content) == std::optional<std::int64_t>(shifted.slots[0].startMs));
    // (the rewrite keeps two digits of the milliseconds: 01:45:30.12)
    CHECK(templateReplyTime(kPlain, shifted.slots[1].reply.content) == std::optional<std::int64_t>(shifted.slots[1].startMs - 3));
    CHECK_FALSE(templateReplyTime("text/markdown", t.slots[0].reply.content));
    CHECK_FALSE(templateReplyTime(kPlain, "2025-05-02T14:00"));                  // no zone: not a slot's date
    CHECK_FALSE(templateReplyTime(kPlain, "2025-05-02 14:00+00:00"));            // typed by someone
    CHECK_FALSE(templateReplyTime(kPlain, "call me 2025-05-02T14:00+00:00"));
    CHECK_FALSE(templateReplyTime(kPlain, "2025-05-02T14:00+00:00 please"));

    std::string forty = "[", fortyOne;
    for (int i = 0; i < 41; ++i) {
        const int day = i % 28 + 1;
        const std::string slot = R"({"date":"2025-05-)" + std::string(day < 10 ? "0" : "") + std::to_string(day) +
                                 R"(T1)" + std::to_string(i % 10) + R"(:00Z","duration":30})";
        if (i == 40) fortyOne = forty + "," + slot + "]";
        else forty += (i ? "," : "") + slot;
    }
    forty += "]";
    const InteractiveTemplate atLimit = build(tpl("TimePicker", R"({"title":"T","timeslots":)" + forty + "}"));
    CHECK(atLimit.slots.size() == 40);
    CHECK_FALSE(atLimit.truncated);
    const InteractiveTemplate overLimit = build(tpl("TimePicker", R"({"title":"T","timeslots":)" + fortyOne + "}"));
    CHECK(overLimit.slots.size() == 40);
    CHECK(overLimit.truncated);

    CHECK(parseError(tpl("TimePicker", R"({"title":"T","timeslots":[]})")).code == ErrorCode::InvalidValue);
    CHECK(parseError(tpl("TimePicker", R"({"title":"T"})")).code == ErrorCode::MissingField);
    CHECK(parseError(tpl("TimePicker", R"({"title":"T","timeslots":[{"date":"tomorrow","duration":30}]})")).code ==
          ErrorCode::InvalidValue);
    CHECK(parseError(tpl("TimePicker", R"({"title":"T","timeslots":[{"date":"2025-05-02T10:00","duration":30}]})")).code ==
          ErrorCode::InvalidValue);   // no zone: the browser would read local time
    CHECK(parseError(tpl("TimePicker", R"({"title":"T","timeslots":[{"date":"2025-05-02T10:00Z"}]})")).code ==
          ErrorCode::MissingField);
    CHECK(parseError(tpl("TimePicker", R"({"title":"T","timeslots":[{"date":"2025-05-02T10:00Z","duration":"30"}]})")).code ==
          ErrorCode::InvalidValue);
    CHECK(parseError(tpl("TimePicker", R"({"title":"T","timeZoneOffset":"-450","timeslots":[{"date":"2025-05-02T10:00Z","duration":30}]})")).code ==
          ErrorCode::WrongType);
    CHECK(parseError(tpl("TimePicker", R"({"title":"T","location":{"latitude":1},"timeslots":[{"date":"2025-05-02T10:00Z","duration":30}]})")).code ==
          ErrorCode::MissingField);
}

TEST_CASE("QuickReply: 2-5 options truncated at 200, the untruncated title is sent", "[templates][limits]") {
    // QuickReply.js: handleSelection({text: element.title}).
    const InteractiveTemplate yes = build(tpl("QuickReply", R"({"title":"Anything else?","elements":[{"title":"Yes"},{"title":"No"}]})"));
    REQUIRE(yes.elements.size() == 2);
    CHECK(yes.elements[0].reply == TemplateReply{kPlain, "Yes", true, false});
    CHECK(yes.elements[1].reply == TemplateReply{kPlain, "No", true, false});
    CHECK(build(tpl("QuickReply", R"({"title":"T","elements":)" + elements(5) + "}")).elements.size() == 5);
    const InteractiveTemplate six = build(tpl("QuickReply", R"({"title":"T","elements":)" + elements(6) + "}"));
    CHECK(six.elements.size() == 5);
    CHECK(six.truncated);
    CHECK(parseError(tpl("QuickReply", R"({"title":"T","elements":)" + elements(1) + "}")).code == ErrorCode::InvalidValue);

    const std::string at = repeat("x", 200), over = repeat("y", 201);
    const InteractiveTemplate t = build(tpl("QuickReply", R"({"title":"T","elements":[{"title":")" + at +
                                                             R"("},{"title":")" + over + R"("}]})"));
    CHECK(t.elements[0].title == at);
    CHECK(t.elements[1].title == repeat("y", 200) + "\xE2\x80\xA6");
    CHECK(t.elements[1].reply->content == over);
    // QuickReply options are replies only: actionDetail and hyperlinks are not read (as QuickReply.js).
    const InteractiveTemplate plain = build(tpl("QuickReply", R"({"title":"T","elements":[{"title":"More","actionDetail":"SHOW_MORE"},
        {"title":"Site","type":"hyperlink","url":"https://acme.example"}]})"));
    CHECK(plain.elements[0].reply->content == "More");
    CHECK(plain.elements[1].reply->content == "Site");
}

TEST_CASE("Carousel: ListPicker/Panel cards, the reply is JSON text in the official key order", "[templates][limits]") {
    // helper.js: isCarouselElem -> {text: JSON.stringify({templateIdentifier, listTitle, selectionText})},
    // listTitle being the card's title after truncateStrFromCharLimit.
    const InteractiveTemplate t = build(tpl("Carousel", R"({"title":"Our accounts","elements":[
        {"templateIdentifier":"t-1","templateType":"Panel","version":"1.0","data":{"content":{"title":"Hotels",
            "elements":[{"title":"Book Room"},{"title":"More","actionDetail":"SHOW_MORE"}]}}},
        {"templateType":"ListPicker","version":"1.0","data":{"content":{"title":"Savings & more",
            "subtitle":"2.1%","elements":[{"title":"Open"}]}}}]})"));
    CHECK(t.type == TemplateType::Carousel);
    CHECK(t.title == "Our accounts");
    REQUIRE(t.cards.size() == 2);
    CHECK(t.cards[0].type == TemplateType::Panel);
    CHECK(t.cards[0].templateIdentifier == "t-1");
    CHECK(t.cards[0].elements[0].reply ==
          TemplateReply{kPlain, R"({"templateIdentifier":"t-1","listTitle":"Hotels","selectionText":"Book Room"})", true, false});
    // In a card, even SHOW_MORE sends the carousel JSON (the carousel branch comes first in helper.js).
    CHECK(t.cards[0].elements[1].reply->content ==
          R"({"templateIdentifier":"t-1","listTitle":"Hotels","selectionText":"More"})");
    // No templateIdentifier: JSON.stringify leaves the undefined member out; DOMPurify's "&amp;".
    CHECK(t.cards[1].elements[0].reply->content == R"({"listTitle":"Savings &amp; more","selectionText":"Open"})");
    // What a window shows for those replies: the option chosen, not the JSON on the wire.
    CHECK(templateReplyText(kPlain, t.cards[0].elements[0].reply->content) == std::optional<std::string>("Book Room"));
    CHECK(templateReplyText(kPlain, t.cards[1].elements[0].reply->content) == std::optional<std::string>("Open"));
    CHECK_FALSE(templateReplyText("text/markdown", t.cards[0].elements[0].reply->content));
    CHECK_FALSE(templateReplyText(kPlain, "Book Room"));
    CHECK_FALSE(templateReplyText(kPlain, R"({"selectionText":"x"})"));                              // typed by someone
    CHECK_FALSE(templateReplyText(kPlain, R"({"listTitle":"a","selectionText":"b","extra":1})"));
    CHECK_FALSE(templateReplyText(kPlain, R"({"listTitle":"a","selectionText":2})"));
    CHECK_FALSE(templateReplyText(kPlain, R"({"listTitle":"a","selectionText":"b")"));

    std::string five = "[", six;
    for (int i = 0; i < 6; ++i) {
        const std::string card = R"({"templateType":"Panel","templateIdentifier":"c)" + std::to_string(i) +
                                 R"(","data":{"content":{"title":"P","elements":[{"title":"x"}]}}})";
        if (i == 5) six = five + "," + card + "]";
        else five += (i ? "," : "") + card;
    }
    five += "]";
    CHECK(build(tpl("Carousel", R"({"title":"T","elements":)" + five + "}")).cards.size() == 5);
    const InteractiveTemplate cut = build(tpl("Carousel", R"({"title":"T","elements":)" + six + "}"));
    CHECK(cut.cards.size() == 5);
    CHECK(cut.truncated);

    // A long card title: the official widget's own truncation (400 UTF-16 units and "...") in listTitle.
    const InteractiveTemplate longTitle = build(tpl("Carousel", R"({"title":"T","elements":[{"templateType":"Panel",
        "templateIdentifier":"t","data":{"content":{"title":")" + repeat("h", 401) + R"(","elements":[{"title":"Go"}]}}}]})"));
    CHECK(longTitle.cards[0].title == repeat("h", 400) + "\xE2\x80\xA6");
    CHECK(longTitle.cards[0].elements[0].reply->content ==
          R"({"templateIdentifier":"t","listTitle":")" + repeat("h", 400) + R"(...","selectionText":"Go"})");

    CHECK(parseError(tpl("Carousel", R"({"title":"T","elements":[{"templateType":"QuickReply","data":{"content":{"title":"Q","elements":[{"title":"a"},{"title":"b"}]}}}]})")).code ==
          ErrorCode::InvalidValue);
    CHECK(parseError(tpl("Carousel", R"({"title":"T","elements":[{"templateType":"Panel"}]})")).code == ErrorCode::MissingField);
    CHECK(parseError(tpl("Carousel", R"({"title":"T","elements":[]})")).code == ErrorCode::InvalidValue);
}

TEST_CASE("malformed, unknown and unsupported templates are errors, never a crash", "[templates]") {
    CHECK(parseError("not json").code == ErrorCode::MalformedJson);
    CHECK(parseError(R"({"templateType":"ListPicker",)").code == ErrorCode::MalformedJson);
    CHECK(parseError("[1,2]").code == ErrorCode::WrongType);
    CHECK(parseError(R"({"data":{}})").code == ErrorCode::MissingField);
    CHECK(parseError(R"({"templateType":7,"data":{}})").code == ErrorCode::WrongType);
    const Error view = parseError(R"({"templateType":"ViewResource","version":"1.0","data":{"content":{"viewId":"v","viewToken":"t"}}})");
    CHECK(view.code == ErrorCode::InvalidValue);
    CHECK(view.detail.find("ViewResource") != std::string::npos);
    CHECK(parseError(tpl("ListAccounts", R"({"title":"T","elements":[{"title":"a"}]})")).code == ErrorCode::InvalidValue);
    CHECK(parseError(R"({"templateType":"ListPicker","data":[]})").code == ErrorCode::WrongType);
    CHECK(parseError(R"({"templateType":"ListPicker","data":{}})").code == ErrorCode::MissingField);
    CHECK(parseError(R"({"templateType":"ListPicker","data":{"content":"x"}})").code == ErrorCode::MissingField);
    CHECK(parseError(tpl("ListPicker", R"({"elements":[{"title":"a"}]})")).code == ErrorCode::MissingField);
    CHECK(parseError(tpl("ListPicker", R"({"title":5,"elements":[{"title":"a"}]})")).code == ErrorCode::WrongType);
    CHECK(parseError(tpl("ListPicker", R"({"title":"T"})")).code == ErrorCode::MissingField);
    CHECK(parseError(tpl("ListPicker", R"({"title":"T","elements":{"title":"a"}})")).code == ErrorCode::WrongType);
    CHECK(parseError(tpl("ListPicker", R"({"title":"T","elements":[{"subtitle":"a"}]})")).code == ErrorCode::MissingField);
    CHECK(parseError(tpl("ListPicker", R"({"title":"T","elements":[{"title":""}]})")).code == ErrorCode::InvalidValue);
    CHECK(parseError(tpl("ListPicker", R"({"title":"T","elements":["a"]})")).code == ErrorCode::WrongType);
    CHECK(parseError(tpl("ListPicker", R"({"title":"T","elements":[{"title":"a","subtitle":[]}]})")).code == ErrorCode::WrongType);
    CHECK(parseError(tpl("Panel", R"({"title":"T","elements":[{"title":"a"}]})", R"("replyMessage":{"subtitle":"x"},)")).code ==
          ErrorCode::MissingField);
    // Invalid UTF-8 in a title is repaired, never passed on.
    const InteractiveTemplate t = build(tpl("QuickReply", "{\"title\":\"ok\",\"elements\":[{\"title\":\"a\"},{\"title\":\"b\"}]}"));
    CHECK(t.elements.size() == 2);
    CHECK(truncateText("ab\xFF", 10) == "ab\xEF\xBF\xBD");
}

TEST_CASE("placeholders: the grammar, with clear errors", "[templates][placeholders]") {
    Result<Placeholder> p = parsePlaceholder("$API:GetAccountList");
    REQUIRE(p);
    CHECK(*p == Placeholder{"GetAccountList", {}});
    p = parsePlaceholder("$API:GetTransactions(account={id},limit=5)");
    REQUIRE(p);
    CHECK(*p == Placeholder{"GetTransactions", {{"account", "{id}"}, {"limit", "5"}}});
    p = parsePlaceholder("$API:GetBalance(account=acc_7Hq2-x.y:z~)");
    REQUIRE(p);
    CHECK(p->args[0].second == "acc_7Hq2-x.y:z~");
    CHECK(parsePlaceholder("$API:Name()").ok());

    for (const char* bad : {"$API:", "$API:1abc", "$API:Get-List", "$API:Get List", "$API:Get(", "$API:Get(a)",
                            "$API:Get(a=)", "$API:Get(=1)", "$API:Get(a=1", "$API:Get(a=1,)", "$API:Get(a=1)x",
                            "$API:Get(a=1 b=2)", "$API:Get(a=1,a=2)", "$API:Get(a={title})", "$API:Get(a={id)",
                            "$API:Get(a=$API:Other)", "$API:Get(a=x$API:Other)", "$API:Get(a=\"x\")", "API:Get",
                            "$api:Get", "$API:Get(a=hello world)"}) {
        INFO(bad);
        Result<Placeholder> r = parsePlaceholder(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::InvalidValue);
        CHECK(r.error().detail.rfind("bad placeholder: ", 0) == 0);
    }
    CHECK(parsePlaceholder("$API:Get(a=$API:Other)").error().detail.find("nested") != std::string::npos);
    CHECK(parsePlaceholder("$API:" + repeat("n", 65)).error().detail.find("too long") != std::string::npos);
}

TEST_CASE("placeholders in a template: where they may be, in document order", "[templates][placeholders]") {
    Result<TemplateMessage> m = parseTemplateMessage(tpl("ListPicker", R"({"title":"$API:Greeting",
        "subtitle":"Tap to select option","elements":"$API:GetAccountList"})"));
    REQUIRE(m);
    REQUIRE(m->placeholders.size() == 2);
    CHECK(m->placeholders[0].path == "content.title");
    CHECK(m->placeholders[0].placeholder.name == "Greeting");
    CHECK_FALSE(m->placeholders[0].wholeList);
    CHECK(m->placeholders[1].path == "content.elements");
    CHECK(m->placeholders[1].wholeList);

    m = parseTemplateMessage(tpl("Panel", R"J({"title":"Balance","elements":[{"title":"$API:AccountName(account={id})",
        "id":"{id}"}]})J"));
    REQUIRE_FALSE(m);   // "{id}" is only an argument value, and an id must be opaque
    m = parseTemplateMessage(tpl("Panel", R"J({"title":"Balance","elements":[{"title":"$API:AccountName(account={id})",
        "id":"$API:AccountId(account={id})"}]})J"));
    REQUIRE(m);
    CHECK(m->placeholders.size() == 2);

    // Fields that are sent back (or decide what is) take no placeholder; nor do Carousel lists.
    for (const std::string& json :
         {tpl("ListPicker", R"({"title":"T","listId":"$API:X","elements":[{"title":"a"}]})"),
          tpl("ListPicker", R"({"title":"T","referenceId":"$API:X","elements":[{"title":"a"}]})"),
          tpl("ListPicker", R"({"title":"T","elements":[{"title":"a","actionDetail":"$API:X"}]})"),
          tpl("ListPicker", R"({"title":"T","elements":[{"title":"a","imageType":"$API:X"}]})"),
          tpl("TimePicker", R"({"title":"T","timeslots":[{"date":"$API:NextSlot","duration":30}]})"),
          tpl("TimePicker", R"({"title":"T","timeslots":"$API:Slots"})"),
          tpl("Carousel", R"({"title":"T","elements":"$API:Cards"})"),
          tpl("Carousel", R"({"title":"T","elements":[{"templateType":"Panel","templateIdentifier":"$API:X","data":{"content":{"title":"P","elements":[{"title":"a"}]}}}]})"),
          tpl("ListPicker", R"({"title":"Hello $API:Name","elements":[{"title":"a"}]})"),
          tpl("ListPicker", R"({"title":"T","elements":"all of $API:X"})"),
          tpl("ListPicker", R"({"title":"$API:Bad(","elements":[{"title":"a"}]})")}) {
        INFO(json);
        Result<TemplateMessage> r = parseTemplateMessage(json);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::InvalidValue);
    }
    // The readable fallback never shows a placeholder (template_text.h, used for every error).
}
