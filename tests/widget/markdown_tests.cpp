// The markdown subset for chat bubbles (core/include/finchat/markdown.h), the link allow-list and
// hostile input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "finchat/markdown.h"
#include "finchat/template_text.h"
#include "finchat/util.h"

using namespace finchat;

namespace {

TextRun run(std::string text, bool bold = false, bool italic = false, bool code = false, int link = -1) {
    return TextRun{std::move(text), bold, italic, code, link};
}
TextRun bold(std::string text) { return run(std::move(text), true); }
TextRun italic(std::string text) { return run(std::move(text), false, true); }
TextRun code(std::string text) { return run(std::move(text), false, false, true); }
TextRun linked(std::string text, int index) { return run(std::move(text), false, false, false, index); }

// The runs of a single-paragraph message.
std::vector<TextRun> runs(const RichText& r) {
    REQUIRE(r.blocks.size() == 1);
    return r.blocks[0].runs;
}
std::vector<TextRun> md(std::string_view text) { return runs(parseMarkdown(text)); }

bool validUtf8(std::string_view s) { return toValidUtf8(s) == s; }

// Properties every parse result has, whatever the input.
void checkInvariants(const RichText& r) {
    for (const TextBlock& b : r.blocks) {
        REQUIRE_FALSE(b.runs.empty());
        for (std::size_t i = 0; i < b.runs.size(); ++i) {
            const TextRun& run = b.runs[i];
            REQUIRE_FALSE(run.text.empty());
            REQUIRE(validUtf8(run.text));
            REQUIRE(std::none_of(run.text.begin(), run.text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n'; }));
            REQUIRE(run.link >= -1);
            REQUIRE(run.link < static_cast<int>(r.links.size()));
            if (i > 0) {
                const TextRun& p = b.runs[i - 1];
                REQUIRE_FALSE((p.bold == run.bold && p.italic == run.italic && p.code == run.code && p.link == run.link));
            }
        }
    }
    for (const Link& l : r.links) REQUIRE(linkAllowed(l.href));
}

}  // namespace

TEST_CASE("plain words are one run", "[markdown]") {
    CHECK(md("Hello there") == std::vector<TextRun>{run("Hello there")});
}

TEST_CASE("bold, italic and code", "[markdown]") {
    CHECK(md("a **b** c") == std::vector<TextRun>{run("a "), bold("b"), run(" c")});
    CHECK(md("a __b__ c") == std::vector<TextRun>{run("a "), bold("b"), run(" c")});
    CHECK(md("a *b* c") == std::vector<TextRun>{run("a "), italic("b"), run(" c")});
    CHECK(md("a _b_ c") == std::vector<TextRun>{run("a "), italic("b"), run(" c")});
    CHECK(md("***both***") == std::vector<TextRun>{run("both", true, true)});
    CHECK(md("**bold *and italic* inside**") ==
          std::vector<TextRun>{bold("bold "), run("and italic", true, true), bold(" inside")});
    CHECK(md("*foo**bar**baz*") == std::vector<TextRun>{italic("foo"), run("bar", true, true), italic("baz")});
    CHECK(md("run `npm i` now") == std::vector<TextRun>{run("run "), code("npm i"), run(" now")});
    CHECK(md("`**not bold**`") == std::vector<TextRun>{code("**not bold**")});
    CHECK(md("``a `tick` b``") == std::vector<TextRun>{code("a `tick` b")});
}

TEST_CASE("underscores inside words stay as typed", "[markdown]") {
    CHECK(md("call get_account_list now") == std::vector<TextRun>{run("call get_account_list now")});
    CHECK(md("snake_case and _real_ italics") ==
          std::vector<TextRun>{run("snake_case and "), italic("real"), run(" italics")});
    CHECK(md("2*3*4") == std::vector<TextRun>{run("2"), italic("3"), run("4")});   // * may be intraword
}

TEST_CASE("unbalanced and unusable markers stay as typed", "[markdown]") {
    CHECK(md("**not closed") == std::vector<TextRun>{run("**not closed")});
    CHECK(md("closed** only") == std::vector<TextRun>{run("closed** only")});
    CHECK(md("5 * 3 = 15") == std::vector<TextRun>{run("5 * 3 = 15")});
    CHECK(md("**a*") == std::vector<TextRun>{run("*"), italic("a")});
    CHECK(md("`open code") == std::vector<TextRun>{run("`open code")});
    CHECK(md("**") == std::vector<TextRun>{run("**")});
    CHECK(md("*a _b* c_") == std::vector<TextRun>{italic("a _b"), run(" c_")});
}

TEST_CASE("backslash escapes", "[markdown]") {
    CHECK(md("\\*not italic\\*") == std::vector<TextRun>{run("*not italic*")});
    CHECK(md("a\\_b\\_c and C:\\path") == std::vector<TextRun>{run("a_b_c and C:\\path")});
}

TEST_CASE("line breaks inside a paragraph are kept; blank lines separate blocks", "[markdown]") {
    RichText r = parseMarkdown("line one\nline **two**\n\n\n\nnext paragraph");
    REQUIRE(r.blocks.size() == 2);
    CHECK(r.blocks[0].runs == std::vector<TextRun>{run("line one\nline "), bold("two")});
    CHECK_FALSE(r.blocks[0].gapBefore);
    CHECK(r.blocks[1].gapBefore);
    CHECK(r.blocks[1].runs == std::vector<TextRun>{run("next paragraph")});
    // Windows line endings, trailing and leading spaces.
    r = parseMarkdown("  a  \r\n  b\r\rc");
    REQUIRE(r.blocks.size() == 2);
    CHECK(r.blocks[0].runs == std::vector<TextRun>{run("a\nb")});
    CHECK(r.blocks[1].runs == std::vector<TextRun>{run("c")});
}

TEST_CASE("emphasis may span a line break but not a blank line", "[markdown]") {
    CHECK(md("**a\nb**") == std::vector<TextRun>{bold("a\nb")});
    RichText r = parseMarkdown("**a\n\nb**");
    REQUIRE(r.blocks.size() == 2);
    CHECK(r.blocks[0].runs == std::vector<TextRun>{run("**a")});
}

TEST_CASE("bullet and numbered lists", "[markdown]") {
    const RichText r = parseMarkdown("Your options:\n- Card\n* **Loan**\n+ Savings\n\n1. first\n2) second\n10. tenth");
    REQUIRE(r.blocks.size() == 7);
    CHECK(r.blocks[0].kind == BlockKind::Paragraph);
    CHECK(r.blocks[1].kind == BlockKind::Bullet);
    CHECK_FALSE(r.blocks[1].gapBefore);
    CHECK(r.blocks[1].runs == std::vector<TextRun>{run("Card")});
    CHECK(r.blocks[2].runs == std::vector<TextRun>{bold("Loan")});
    CHECK(r.blocks[3].kind == BlockKind::Bullet);
    CHECK(r.blocks[4].kind == BlockKind::Numbered);
    CHECK(r.blocks[4].number == 1);
    CHECK(r.blocks[4].gapBefore);
    CHECK(r.blocks[5].number == 2);
    CHECK(r.blocks[6].number == 10);
    CHECK(plainText(r) == "Your options:\n\xE2\x80\xA2 Card\n\xE2\x80\xA2 Loan\n\xE2\x80\xA2 Savings\n\n1. first\n2. second\n10. tenth");
}

TEST_CASE("list items: continuation lines, and what is not a list", "[markdown]") {
    RichText r = parseMarkdown("- item\n  more of it\nafter");
    REQUIRE(r.blocks.size() == 2);
    CHECK(r.blocks[0].runs == std::vector<TextRun>{run("item\nmore of it")});
    CHECK(r.blocks[1].kind == BlockKind::Paragraph);
    CHECK(parseMarkdown("-5 degrees").blocks[0].kind == BlockKind::Paragraph);
    CHECK(parseMarkdown("-").blocks[0].kind == BlockKind::Paragraph);
    CHECK(parseMarkdown("*emphasis* first").blocks[0].kind == BlockKind::Paragraph);
    CHECK(parseMarkdown("3.14 is pi").blocks[0].kind == BlockKind::Paragraph);
    CHECK(parseMarkdown("1234567890. too long a number").blocks[0].kind == BlockKind::Paragraph);
}

TEST_CASE("links: [text](https) becomes a link", "[markdown][links]") {
    const RichText r = parseMarkdown("See [our fees](https://acme.example/fees) today");
    CHECK(runs(r) == std::vector<TextRun>{run("See "), linked("our fees", 0), run(" today")});
    REQUIRE(r.links.size() == 1);
    CHECK(r.links[0] == Link{"https://acme.example/fees", "our fees"});
    CHECK(plainText(r) == "See our fees today");
}

TEST_CASE("links: emphasis inside and around link text", "[markdown][links]") {
    CHECK(md("[**Apply** now](https://a.example)") ==
          std::vector<TextRun>{run("Apply", true, false, false, 0), linked(" now", 0)});
    CHECK(md("**see [here](https://a.example)**") ==
          std::vector<TextRun>{bold("see "), run("here", true, false, false, 0)});
    // An opener inside the link cannot close outside it.
    CHECK(md("[a *b](https://a.example) c*") == std::vector<TextRun>{linked("a *b", 0), run(" c*")});
}

TEST_CASE("links: parentheses in the URL, mailto and tel", "[markdown][links]") {
    RichText r = parseMarkdown("[wiki](https://en.wikipedia.org/wiki/Bank_(finance))");
    REQUIRE(r.links.size() == 1);
    CHECK(r.links[0].href == "https://en.wikipedia.org/wiki/Bank_(finance)");
    r = parseMarkdown("[write us](mailto:help@acme.example) or [call](tel:+1-555-0100)");
    REQUIRE(r.links.size() == 2);
    CHECK(r.links[0].href == "mailto:help@acme.example");
    CHECK(r.links[1].href == "tel:+1-555-0100");
}

TEST_CASE("links: only https, mailto and tel are ever clickable", "[markdown][links]") {
    for (const char* bad : {"javascript:alert(1)", "JAVASCRIPT:alert(1)", "http://acme.example", "data:text/html,x",
                            "file:///etc/passwd", "vbscript:x", "ftp://x.example", "//evil.example", "https:",
                            "https://", "https:///path", "mailto:", "tel:call-me"}) {
        INFO(bad);
        const RichText r = parseMarkdown(std::string("[click](") + bad + ")");
        CHECK(r.links.empty());
        CHECK(plainText(r) == std::string("click (") + bad + ")");
        CHECK_FALSE(linkAllowed(bad));
    }
    CHECK(linkAllowed("HTTPS://Acme.example"));
    CHECK(linkAllowed("https://[::1]:8443/"));
    CHECK(linkAllowed("mailto:a@b.example"));
    CHECK(linkAllowed("tel:911"));
    CHECK_FALSE(linkAllowed("https://acme.example/a b"));
    CHECK_FALSE(linkAllowed("https://acme.example/\n"));
}

TEST_CASE("links: text that names another host shows the real address", "[markdown][links]") {
    RichText r = parseMarkdown("[acme-bank.example](https://evil.example/login)");
    REQUIRE(r.links.size() == 1);
    CHECK(r.links[0].text == "https://evil.example/login");
    r = parseMarkdown("[https://acme.example/x](https://www.acme.example/y)");   // same host (www. aside)
    CHECK(r.links[0].text == "https://acme.example/x");
    r = parseMarkdown("[Log in](https://evil.example)");   // not an address: nothing promised
    CHECK(r.links[0].text == "Log in");
    CHECK(linkTarget("https://acme.example@evil.example/x") == "evil.example");
    CHECK(linkTarget("https://Bank.Example:8443/a?b#c") == "bank.example:8443");
    CHECK(linkTarget("mailto:Help@Acme.example?subject=hi") == "help@acme.example");
    CHECK(linkTarget("tel:+1-555-0100") == "+1-555-0100");
}

// Hostile links (issue 8 §5): an agent's tool, a bot or a compromised partner backend writes them to
// send a bank's customer somewhere else than the text says. None may become a link, as markdown, as a
// bare URL or in plain text; each is shown as text (so nothing about it is hidden).
const char* const kHostileLinks[] = {
    "https://acme-bank.example@evil.example/login",        // userinfo hides the real host
    "https://acme-bank.example:443@evil.example/",
    "https://user:pass@evil.example",
    "https://@evil.example",
    "https://acme-bank.example%40evil.example/login",      // percent-encoded '@'
    "https://acme-bank.example%2eevil.example/",
    "https://evil.example%2F@acme-bank.example",
    "https://evil.example\\@acme-bank.example/",           // backslash: '/' to browsers, not to others
    "https://acme-bank.example\\.evil.example",
    "https://xn--cme-bank-2ng.example/login",              // punycode lookalike of acme-bank
    "https://acme-bank.xn--80ak6aa92e/",
    "https://\xD0\xB0" "cme-bank.example/login",          // Cyrillic a
    "https://acme-bank.example\xE2\x80\x8B.evil.example",     // zero-width space
    "https://3232235777/",                                 // decimal IPv4
    "https://0xC0A80101/",
    "https://192.168.1.1/login",
    "https://0300.0250.1.1/",
    "https://acme-bank.example..evil/",
    "https://-evil.example/",
    "https://acme-bank.example:99999999/",
    "https://acme-bank.example:/",
    "https://[::1/",
};

TEST_CASE("links: hostile URLs never become links, as markdown, bare or plain text", "[markdown][links][hostile]") {
    for (const char* url : kHostileLinks) {
        INFO(url);
        CHECK_FALSE(linkAllowed(url));
        const RichText asMarkdown = parseMarkdown(std::string("[Acme Bank](") + url + ")");
        checkInvariants(asMarkdown);
        CHECK(asMarkdown.links.empty());
        CHECK(plainText(asMarkdown).find("Acme Bank") != std::string::npos);
        const RichText bare = parseMarkdown(std::string("log in at ") + url + " now");
        checkInvariants(bare);
        CHECK(bare.links.empty());
        CHECK(parsePlainText(std::string("log in at ") + url).links.empty());
    }
    // The same host written plainly, and '@' after the authority, stay links.
    CHECK(linkAllowed("https://acme-bank.example/login"));
    CHECK(linkAllowed("https://acme-bank.example/login@evil"));
    CHECK(linkAllowed("https://acme-bank.example:8443/?next=a@b"));
    CHECK(linkAllowed("https://acme-bank.example/#x@y"));
    CHECK(linkAllowed("https://a-b.c-d.example"));
    CHECK(linkAllowed("https://[2001:db8::1]/"));
    const RichText ok = parseMarkdown("[Acme Bank](https://acme-bank.example/login@evil)");
    REQUIRE(ok.links.size() == 1);
    CHECK(linkTarget(ok.links[0].href) == "acme-bank.example");
    // www. bare links: the userinfo form was already refused (no "https://" prefix in the text).
    CHECK(parseMarkdown("www.acme-bank.example@evil.example/login").links.empty());
    // mailto: and tel: are what they say; a backslash is refused there too.
    CHECK(linkAllowed("mailto:help@acme-bank.example"));
    CHECK_FALSE(linkAllowed("mailto:help@acme-bank.example\\evil"));
}

// Hostile markup around links: the link text may not smuggle another link or hide the address.
TEST_CASE("links: hostile markup around links", "[markdown][links][hostile]") {
    for (const char* text : {"[[Acme](https://evil.example)](https://acme-bank.example)",
                             "[Acme](https://acme-bank.example)(https://evil.example@x)",
                             "[Acme](<https://evil.example>)", "[Acme](https://evil.example \"title\")",
                             "[Acme]( https://evil.example)", "<a href=\"https://evil.example\">Acme</a>",
                             "[Acme](javascript:alert(1)//https://acme-bank.example)",
                             "[acme-bank.example](https://evil.example)", "![Acme](https://evil.example/x.png)",
                             "[Acme](https://acme-bank.example\xE2\x80\xAE/elpmaxe.live)"}) {
        INFO(text);
        const RichText r = parseMarkdown(text);
        checkInvariants(r);
        for (const Link& l : r.links) {
            // A link's text never names another host than the one it opens (text that is not an
            // address, like "Acme", promises nothing; the view shows linkTarget next to it).
            std::string named = l.text;
            if (named.rfind("https://", 0) == 0) named = named.substr(8);
            named = named.substr(0, named.find_first_of("/?#"));
            if (named.rfind("www.", 0) == 0) named = named.substr(4);
            std::string target = linkTarget(l.href);
            if (target.rfind("www.", 0) == 0) target = target.substr(4);
            if (named.find('.') != std::string::npos && named.find(' ') == std::string::npos) CHECK(named == target);
        }
    }
}

TEST_CASE("bare links are detected", "[markdown][links]") {
    RichText r = parseMarkdown("Go to https://acme.example/help, or www.acme.example.");
    CHECK(runs(r) == std::vector<TextRun>{run("Go to "), linked("https://acme.example/help", 0), run(", or "),
                                          linked("www.acme.example", 1), run(".")});
    CHECK(r.links[1].href == "https://www.acme.example");
    r = parseMarkdown("(see https://en.wikipedia.org/wiki/Bank_(finance)) ok");
    REQUIRE(r.links.size() == 1);
    CHECK(r.links[0].href == "https://en.wikipedia.org/wiki/Bank_(finance)");
    r = parseMarkdown("mail mailto:help@acme.example or call tel:+15550100!");
    REQUIRE(r.links.size() == 2);
    CHECK(r.links[0].href == "mailto:help@acme.example");
    CHECK(r.links[1].href == "tel:+15550100");
    r = parseMarkdown("**https://acme.example**");
    CHECK(runs(r) == std::vector<TextRun>{run("https://acme.example", true, false, false, 0)});
    r = parseMarkdown("_https://acme.example/a_b_");   // underscores in the URL are the URL's
    CHECK(runs(r) == std::vector<TextRun>{run("https://acme.example/a_b", false, true, false, 0)});
}

TEST_CASE("bare links that are not allowed or not links stay text", "[markdown][links]") {
    for (const char* text : {"http://acme.example", "visit xhttps://acme.example", "www.example", "mailto:nobody",
                             "tel:abc", "https://", "javascript:alert(1)", "`https://acme.example`",
                             // found by tests/fuzz/text_fuzz: trailing punctuation eating the scheme, and
                             // a www. address whose host is something else
                             "www.", "see www.\"", "mailto:.", "tel:!", "www.acme.example@-", "www.a.b@"}) {
        INFO(text);
        CHECK(parseMarkdown(text).links.empty());
    }
}

TEST_CASE("text/plain: links only, everything else as typed", "[markdown][plain]") {
    const RichText r = parsePlainText("**not bold** _nor this_\n- not a list\n\nhttps://acme.example [x](https://a.example)");
    REQUIRE(r.blocks.size() == 2);
    CHECK(r.blocks[0].runs == std::vector<TextRun>{run("**not bold** _nor this_\n- not a list")});
    CHECK(r.blocks[1].gapBefore);
    CHECK(r.blocks[1].runs ==
          std::vector<TextRun>{linked("https://acme.example", 0), run(" [x]("), linked("https://a.example", 1), run(")")});
    CHECK(parseMessageText("**b**", "text/markdown").blocks[0].runs == std::vector<TextRun>{bold("b")});
    CHECK(parseMessageText("**b**", "text/markdown; charset=utf-8").blocks[0].runs == std::vector<TextRun>{bold("b")});
    CHECK(parseMessageText("**b**", "text/plain").blocks[0].runs == std::vector<TextRun>{run("**b**")});
    CHECK(parseMessageText("  indented\n    more", "text/plain").blocks[0].runs == std::vector<TextRun>{run("  indented\n    more")});
}

TEST_CASE("control characters, bidi overrides and invalid UTF-8 never reach the screen", "[markdown][hostile]") {
    const std::string evil = std::string("a\x01" "b\tc\x7F" "d") + "\xE2\x80\xAE" "gpj.exe" + "\xC3\x28" + "\xF0\x9F\x98\x80";
    for (const RichText& r : {parseMarkdown(evil), parsePlainText(evil)}) {
        checkInvariants(r);
        CHECK(plainText(r) == "ab cdgpj.exe\xEF\xBF\xBD(\xF0\x9F\x98\x80");
    }
    CHECK(parseMarkdown("").blocks.empty());
    CHECK(parseMarkdown(" \n\n \t ").blocks.empty());
    CHECK(parseMarkdown(std::string("\0\0", 2)).blocks.empty());
}

TEST_CASE("hostile input: deep nesting, marker floods and long inputs stay fast and sane", "[markdown][hostile]") {
    const std::size_t n = 200'000;
    const std::vector<std::string> inputs = {
        std::string(n, '*'),
        std::string(n, '_'),
        std::string(n, '['),
        std::string(n, ']'),
        std::string(n, '`'),
        [&] { std::string s; while (s.size() < n) s += "*a "; return s; }(),
        [&] { std::string s; while (s.size() < n) s += "**a*"; return s; }(),
        [&] { std::string s; while (s.size() < n) s += "[a]("; return s; }(),
        [&] { std::string s; while (s.size() < n) s += "[a](x"; return s; }(),
        [&] { std::string s; while (s.size() < n) s += "https:///"; return s; }(),
        [&] { std::string s; while (s.size() < n) s += "www.(x"; return s; }(),
        [&] { std::string s; while (s.size() < n) s += "` `` ``` "; return s; }(),
        [&] { std::string s(n / 2, '*'); s += 'x'; s += std::string(n / 2, '*'); return s; }(),
        [&] { std::string s; for (int i = 0; i < 20'000; ++i) s += "- item\n"; return s; }(),
        [&] { std::string s; for (std::size_t i = 0; i < n; ++i) s += static_cast<char>(0x80 + i % 0x80); return s; }(),
        std::string(n, 'h') + "https://" + std::string(n, 'a'),
    };
    for (const std::string& input : inputs) {
        INFO(input.substr(0, 16));
        // Time is not checked here (a loaded machine fails any bound): core_bench prints it ("markdown").
        // What is checked: the parse finishes with well-formed output and the text kept.
        const RichText md = parseMarkdown(input);
        const RichText plain = parsePlainText(input);
        checkInvariants(md);
        checkInvariants(plain);
        CHECK_FALSE(plainText(plain).empty());
        (void)plainText(md);
    }
    // Deep nesting applies all its emphasis: 5,000 levels of *...*.
    std::string nested;
    for (int i = 0; i < 5000; ++i) nested += "*a ";
    nested += "x";
    for (int i = 0; i < 5000; ++i) nested += " b*";
    const RichText r = parseMarkdown(nested);
    checkInvariants(r);
    CHECK(plainText(r).find('*') == std::string::npos);
}

TEST_CASE("template fallback: title, subtitle and options; placeholders never shown", "[markdown][templates]") {
    const auto list = summarizeTemplate(R"({"templateType":"ListPicker","version":"1.0","data":{"content":{
        "title":"What would you like?","subtitle":"Tap to select option",
        "elements":[{"title":"Check balance"},{"title":"Report a lost card","subtitle":"24/7"},{"nope":1}]}}})");
    REQUIRE(list);
    CHECK(list->templateType == "ListPicker");
    CHECK(list->title == "What would you like?");
    CHECK(list->options == std::vector<std::string>{"Check balance", "Report a lost card"});
    CHECK_FALSE(list->dataBound);
    const RichText r = templateFallback(*list);
    CHECK(plainText(r) == "What would you like?\nTap to select option\n\xE2\x80\xA2 Check balance\n\xE2\x80\xA2 Report a lost card");
    CHECK(r.blocks[0].runs[0].bold);

    const auto bound = summarizeTemplate(R"({"templateType":"ListAccounts","version":"1.0","data":{"content":{
        "title":"Which account?","elements":"$API:GetAccountList"}}})");
    REQUIRE(bound);
    CHECK(bound->dataBound);
    CHECK(bound->options.empty());
    const auto titleBound = summarizeTemplate(R"({"templateType":"X","data":{"content":{"title":"$API:Title"}}})");
    REQUIRE(titleBound);
    CHECK(titleBound->title.empty());
    CHECK(titleBound->dataBound);

    const auto carousel = summarizeTemplate(R"({"templateType":"Carousel","data":{"content":{"elements":[
        {"templateType":"Panel","data":{"content":{"title":"Savings"}}},
        {"templateType":"Panel","data":{"content":{"title":"Checking"}}}]}}})");
    REQUIRE(carousel);
    CHECK(carousel->options == std::vector<std::string>{"Savings", "Checking"});
    const auto time = summarizeTemplate(R"({"templateType":"TimePicker","data":{"content":{"title":"When?",
        "timeslots":[{"date":"2025-05-01T14:00+00:00","duration":60},{"date":"soon"}]}}})");
    REQUIRE(time);
    CHECK(time->options == std::vector<std::string>{"2025-05-01 14:00 UTC", "soon"});

    CHECK_FALSE(summarizeTemplate("not json"));
    CHECK_FALSE(summarizeTemplate("[1,2]"));
    CHECK_FALSE(summarizeTemplate(R"({"templateType":7})"));
    CHECK_FALSE(summarizeTemplate(R"({"finaptic":{"escalate":{"reason":"x"}}})"));
}
