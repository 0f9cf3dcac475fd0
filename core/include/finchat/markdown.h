// finchat/markdown.h: chat message text as a small structure a UI can wrap and draw.
//
// Agents write Connect "rich messaging" (content type text/markdown); bots and customers write text/plain.
// A chat bubble needs far less than CommonMark, and everything it shows is untrusted (an agent's tool, a
// bot, a compromised partner backend), so this is a deliberately small subset:
//
//   **bold** __bold__   *italic* _italic_ (no intraword underscores: snake_case stays as typed)
//   `code`              a run flagged `code` (drawn monospace or tinted; no markup inside)
//   [text](url)         a link, if the URL is allowed (below); otherwise "text (url)" as plain text
//   https://... www.... mailto:... tel:...   bare links are detected (www. becomes https://www.)
//   - item  * item  + item      bullet list items;  1. item  1) item   numbered items (number kept);
//                       an indented line under an item continues it; no nesting
//   \*                  a backslash makes the next ASCII punctuation character literal
//
// Every line break inside a paragraph is kept (chat users expect Enter to mean a new line); one or more
// blank lines between blocks become `gapBefore` on the next block. No headings, quotes, tables, images,
// HTML or nested lists: those characters stay as typed.
//
// Links: only https:, mailto: and tel: ever become links (reference §1.12: never javascript:, data:,
// or plain http: from agent-supplied text). An https: link must name its host plainly: no userinfo
// ("https://acme-bank.example@evil.example" opens evil.example), no '%' in the host, no backslash, no
// non-ASCII or punycode labels, no numeric IPv4 host; such URLs stay text (linkAllowed()). A link whose text looks like a web address of another host
// ("[mybank.com](https://evil.example)") shows its real address instead, so the text cannot lie about
// where the link goes.
//
// text/plain gets only bare-link detection: no emphasis, lists or escapes, the text stays as typed.
//
// Hostile input is expected: the output is always valid UTF-8 (invalid sequences become U+FFFD), carries
// no control characters other than '\n' and no bidi override/isolate controls (they can make link text
// read backwards), and parsing never fails and is linear in the input size.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace finchat {

struct TextRun {
    std::string text;         // never empty; '\n' inside is a hard line break
    bool bold = false;
    bool italic = false;
    bool code = false;
    int link = -1;            // index into RichText::links, or -1
    bool operator==(const TextRun&) const = default;
};

enum class BlockKind { Paragraph, Bullet, Numbered };

struct TextBlock {
    BlockKind kind = BlockKind::Paragraph;
    long number = 0;          // Numbered: the number as written ("3." -> 3; up to 9 digits)
    bool gapBefore = false;   // a blank line separated this block from the previous one
    std::vector<TextRun> runs;   // never empty; neighbouring runs differ in some flag
    bool operator==(const TextBlock&) const = default;
};

struct Link {
    std::string href;         // allow-listed: https://..., mailto:..., tel:...
    std::string text;         // what the runs pointing here say
    bool operator==(const Link&) const = default;
};

struct RichText {
    std::vector<TextBlock> blocks;
    std::vector<Link> links;
    bool operator==(const RichText&) const = default;
    bool empty() const { return blocks.empty(); }
};

// What both parsers read: valid UTF-8, "\r\n" and "\r" as "\n", tabs as a space, other control
// characters and bidi embedding/override/isolate controls dropped.
std::string normaliseText(std::string_view text);

RichText parseMarkdown(std::string_view text);
RichText parsePlainText(std::string_view text);
// By Connect content type: "text/markdown" gets markdown, anything else is plain text.
RichText parseMessageText(std::string_view text, std::string_view contentType);

// The text without markup, for the screen-reader mirror, copy and notifications: blocks on their own
// lines (a blank line where gapBefore), bullets as "• ", numbered items as "3. ", links as their text.
std::string plainText(const RichText& rich);
inline constexpr std::string_view kPlainBullet = "\xE2\x80\xA2 ";   // plainText's "• "

// True for the schemes a customer may open: https: (with a plainly named host, see above), mailto:,
// tel:. Case-insensitive.
bool linkAllowed(std::string_view href);
// The host a link leads to, lower-cased, for "opens example.com" hints: "https://user@Bank.com:8443/x"
// -> "bank.com:8443"; the address for mailto: and the number for tel:.
std::string linkTarget(std::string_view href);

}  // namespace finchat
