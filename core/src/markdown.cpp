#include "finchat/markdown.h"

#include <algorithm>
#include <cstdint>

#include "finchat/protocol.h"
#include "finchat/util.h"

namespace finchat {

namespace {

constexpr std::size_t kMaxUrlBytes = 2048;    // longer "URLs" stay text; also bounds every URL scan
constexpr std::size_t kMaxCodeFence = 32;     // backtick runs longer than this are plain text

bool isAsciiPunct(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}
bool isAlnum(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isSpace(char c) { return c == ' ' || c == '\n'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(s[i]) != prefix[i]) return false;
    return true;
}

std::string_view trimRight(std::string_view s) {
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}
std::string_view trimLeft(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    return s;
}

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

// "https://User@Bank.com:8443/x?y" -> "bank.com:8443" (empty when there is no host).
std::string hostOf(std::string_view url) {
    const auto slashes = url.find("//");
    if (slashes == std::string_view::npos) return {};
    url.remove_prefix(slashes + 2);
    url = url.substr(0, url.find_first_of("/?#"));
    if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
    std::string host(url);
    for (char& c : host) c = lower(c);
    return host;
}

// Link text that reads like an address ("mybank.com", "https://mybank.com/login") promises a host;
// its host, or "" when the text does not look like an address at all.
std::string promisedHost(std::string_view text) {
    text = trimLeft(trimRight(text));
    if (text.empty() || text.find_first_of(" \n") != std::string_view::npos) return {};
    std::string_view rest = text;
    if (startsWithNoCase(rest, "https://")) rest.remove_prefix(8);
    else if (startsWithNoCase(rest, "http://")) rest.remove_prefix(7);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
    const auto dot = rest.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= rest.size()) return {};
    std::string host(rest);
    for (char& c : host) c = lower(c);
    return host;
}

std::string_view withoutWww(std::string_view host) {
    if (host.substr(0, 4) == "www.") host.remove_prefix(4);
    return host;
}

// A bare link candidate at s[i] (the caller checked the previous character is not a letter or digit):
// "https://", "www.", "mailto:" or "tel:" up to whitespace or a character that cannot be in a URL, less
// trailing punctuation and unbalanced ')' (GFM's rules, simplified). Returns the candidate's length (0:
// no candidate here) and sets `href` if it is a link. A candidate that is not a link is passed over as
// a whole, so no byte is looked at by two candidates: linear on any input.
std::size_t bareLink(std::string_view s, std::size_t i, std::string& href) {
    const std::string_view rest = s.substr(i);
    const bool https = startsWithNoCase(rest, "https://");
    const bool www = !https && startsWithNoCase(rest, "www.");
    const bool mailto = !https && !www && startsWithNoCase(rest, "mailto:");
    const bool tel = !https && !www && !mailto && startsWithNoCase(rest, "tel:");
    if (!https && !www && !mailto && !tel) return 0;
    std::size_t end = i;
    while (end < s.size()) {
        const char c = s[end];
        if (c == ' ' || c == '\n' || c == '<' || c == '>' || c == '"' || c == '`') break;
        ++end;
    }
    const std::size_t candidate = end - i;
    if (candidate > kMaxUrlBytes) return candidate;   // too long to be a link someone meant
    std::size_t opens = 0, closes = 0;
    for (std::size_t k = i; k < end; ++k) {
        opens += s[k] == '(';
        closes += s[k] == ')';
    }
    while (end > i) {
        const char c = s[end - 1];
        if (c == ')' && closes > opens) {
            --closes;
        } else if (!(c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '*' || c == '_' ||
                     c == '~' || c == '\'' || c == '"')) {
            break;
        }
        --end;
    }
    const std::string_view url = s.substr(i, end - i);
    // Trailing punctuation may eat into the scheme itself ("mailto:", "www.").
    const std::size_t prefix = https ? 8 : www ? 4 : mailto ? 7 : 4;
    if (url.size() <= prefix) return candidate;
    if (www) {
        // www.<label>.<label>: a dot after the first label, something after the dot.
        const std::string_view domain = url.substr(4);
        const auto dot = domain.find('.');
        if (!isAlnum(domain[0]) || dot == std::string_view::npos || dot + 1 >= domain.size() || !isAlnum(domain[dot + 1]))
            return candidate;
    } else if (mailto) {
        std::string_view address = url.substr(7);
        address = address.substr(0, address.find('?'));
        const auto at = address.find('@');
        if (at == std::string_view::npos || at == 0 || at + 1 >= address.size()) return candidate;
    } else if (tel) {
        for (char c : url.substr(4))
            if (!isDigit(c) && c != '+' && c != '-' && c != '.' && c != '(' && c != ')') return candidate;
    }
    std::string link = www ? "https://" + std::string(url) : std::string(url);
    if (!linkAllowed(link)) return candidate;   // e.g. "www.bank.example@evil" has no valid host
    href = std::move(link);
    return url.size();
}

// ---------------------------------------------------------------------------------------------
// Inline parsing: one left-to-right pass cuts the text into pieces (literal text, code, link text,
// runs of * or _), then delimiter runs are paired with one stack per character (CommonMark's
// algorithm without its look-back past the nearest opener), so each delimiter is touched a bounded
// number of times. Emphasis is applied with difference arrays: deep nesting costs nothing extra.
// ---------------------------------------------------------------------------------------------
struct Piece {
    std::string text;         // literal text (for a delimiter run: unused, see `count`)
    int link = -1;
    bool code = false;
    char delim = 0;           // '*' or '_' for a delimiter run
    std::size_t count = 0;    // delimiter characters not used by emphasis (shown as typed)
    std::size_t original = 0;
    bool canOpen = false, canClose = false;
    int scope = 0;            // 0 outside links, link index + 1 inside a link's text
};

class InlineParser {
public:
    InlineParser(std::string_view s, std::vector<Link>& links, bool markdown)
        : s_(s), links_(links), markdown_(markdown) {}

    std::vector<TextRun> parse() {
        scan(0, s_.size(), -1);
        if (markdown_) pairDelimiters();
        return runs();
    }

private:
    Piece& textPiece() {
        if (pieces_.empty() || pieces_.back().delim || pieces_.back().code || pieces_.back().link != link_ ||
            pieces_.back().scope != scope_) {
            pieces_.emplace_back();
            pieces_.back().link = link_;
            pieces_.back().scope = scope_;
        }
        return pieces_.back();
    }
    void literal(std::string_view text) { textPiece().text.append(text); }

    // The next `c` at or after `from` (npos if none). `from` only grows during a scan, so an answer
    // stays good until the scan passes it and no byte is searched twice: linear overall.
    struct NextOf {
        std::size_t at = 0;
        bool searched = false;
    };
    std::size_t nextOf(char c, std::size_t from, NextOf& cache) {
        if (!cache.searched || (cache.at != std::string_view::npos && cache.at < from)) {
            cache.at = s_.find(c, from);
            cache.searched = true;
        }
        return cache.at;
    }

    void scan(std::size_t i, std::size_t end, int linkIndex) {
        while (i < end) {
            const char c = s_[i];
            if (markdown_ && c == '\\' && i + 1 < end && (isAsciiPunct(s_[i + 1]) || s_[i + 1] == '\n')) {
                literal(s_.substr(i + 1, 1));
                i += 2;
            } else if (markdown_ && (c == '*' || c == '_')) {
                i = delimiterRun(i, end);
            } else if (markdown_ && c == '`' && linkIndex < 0) {
                i = codeSpan(i, end);
            } else if (markdown_ && c == '[' && linkIndex < 0) {
                i = linkOrLiteral(i, end);
            } else if (linkIndex < 0 && mayStartBareLink(i)) {
                std::string href;
                const std::size_t n = std::max<std::size_t>(bareLink(s_.substr(0, end), i, href), 1);
                if (!href.empty()) addLink(std::move(href), s_.substr(i, n));
                else literal(s_.substr(i, n));
                i += n;
            } else {
                // Plain characters up to the next one that may start something.
                std::size_t j = i + 1;
                while (j < end && !special(s_[j], j, linkIndex)) ++j;
                literal(s_.substr(i, j - i));
                i = j;
            }
        }
    }

    bool special(char c, std::size_t j, int linkIndex) const {
        if (markdown_ && (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[')) return true;
        return linkIndex < 0 && mayStartBareLink(j);
    }

    // https://, www., mailto:, tel: can only start a word.
    bool mayStartBareLink(std::size_t i) const {
        const char c = lower(s_[i]);
        return (c == 'h' || c == 'w' || c == 'm' || c == 't') && (i == 0 || !isAlnum(s_[i - 1]));
    }

    void addLink(std::string href, std::string_view text) {
        links_.push_back(Link{std::move(href), {}});
        Piece p;
        p.text = std::string(text);
        p.link = static_cast<int>(links_.size() - 1);
        p.scope = scope_;
        pieces_.push_back(std::move(p));
    }

    std::size_t delimiterRun(std::size_t i, std::size_t end) {
        const char c = s_[i];
        std::size_t j = i;
        while (j < end && s_[j] == c) ++j;
        // Flanking (CommonMark 6.2): the characters just outside the run; start/end of text count as space.
        const char before = i == 0 ? ' ' : s_[i - 1];
        const char after = j >= s_.size() ? ' ' : s_[j];
        const bool beforeSpace = isSpace(before), afterSpace = isSpace(after);
        const bool beforePunct = isAsciiPunct(before), afterPunct = isAsciiPunct(after);
        const bool left = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
        const bool right = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
        Piece p;
        p.delim = c;
        p.count = p.original = j - i;
        p.link = link_;
        p.scope = scope_;
        if (c == '*') {
            p.canOpen = left;
            p.canClose = right;
        } else {   // '_' never opens or closes inside a word: snake_case_names stay as typed
            p.canOpen = left && (!right || beforePunct);
            p.canClose = right && (!left || afterPunct);
        }
        pieces_.push_back(std::move(p));
        return j;
    }

    std::size_t codeSpan(std::size_t i, std::size_t end) {
        std::size_t j = i;
        while (j < end && s_[j] == '`') ++j;
        const std::size_t n = j - i;
        if (n > kMaxCodeFence || noCloser_[n]) {
            literal(s_.substr(i, n));
            return j;
        }
        // The next run of exactly n backticks closes the span.
        std::size_t k = j;
        for (;;) {
            k = s_.find('`', k);
            if (k == std::string_view::npos || k >= end) {
                noCloser_[n] = true;   // none further on either: later runs of this length need not look
                literal(s_.substr(i, n));
                return j;
            }
            std::size_t r = k;
            while (r < end && s_[r] == '`') ++r;
            if (r - k == n) break;
            k = r;
        }
        std::string code(s_.substr(j, k - j));
        for (char& ch : code) if (ch == '\n') ch = ' ';
        if (code.size() >= 2 && code.front() == ' ' && code.back() == ' ' &&
            code.find_first_not_of(' ') != std::string::npos)
            code = code.substr(1, code.size() - 2);
        if (!code.empty()) {
            Piece p;
            p.text = std::move(code);
            p.code = true;
            p.scope = scope_;
            pieces_.push_back(std::move(p));
        }
        return k + n;
    }

    // [text](url) at s_[i] == '['.
    std::size_t linkOrLiteral(std::size_t i, std::size_t end) {
        const std::size_t close = nextOf(']', i + 1, nextClose_);
        const std::size_t open = nextOf('[', i + 1, nextOpen_);
        if (close == std::string_view::npos || close >= end || (open != std::string_view::npos && open < close) ||
            close + 1 >= end || s_[close + 1] != '(') {
            literal("[");
            return i + 1;
        }
        // The URL: no spaces or brackets (so URL scans never overlap), balanced parentheses, bounded length.
        std::size_t u = close + 2, depth = 0;
        while (u < end && u - (close + 2) <= kMaxUrlBytes) {
            const char c = s_[u];
            if (c == ' ' || c == '\n' || c == '<' || c == '>' || c == '[' || c == ']') break;
            if (c == '(') ++depth;
            if (c == ')') {
                if (depth == 0) break;
                --depth;
            }
            ++u;
        }
        if (u >= end || s_[u] != ')' || u == close + 2) {
            literal("[");
            return i + 1;
        }
        const std::string_view text = s_.substr(i + 1, close - i - 1);
        const std::string_view url = s_.substr(close + 2, u - close - 2);
        if (!linkAllowed(url)) {
            // Never clickable; shown with its address so nothing about it is hidden.
            literal(text.empty() ? url : std::string(text) + " (" + std::string(url) + ")");
            return u + 1;
        }
        const std::string promised = promisedHost(text);
        if (text.empty() || (!promised.empty() && withoutWww(promised) != withoutWww(hostOf(url)))) {
            // Empty text, or text naming another host than the link opens: show the real address.
            addLink(std::string(url), url);
            return u + 1;
        }
        links_.push_back(Link{std::string(url), {}});
        const int saved = link_, savedScope = scope_;
        link_ = static_cast<int>(links_.size() - 1);
        scope_ = link_ + 1;
        scan(i + 1, close, link_);
        link_ = saved;
        scope_ = savedScope;
        return u + 1;
    }

    void pairDelimiters() {
        std::vector<std::size_t> stack[2];   // openers of '*' and of '_', by piece index
        const std::size_t n = pieces_.size();
        boldDiff_.assign(n + 1, 0);
        italicDiff_.assign(n + 1, 0);
        int scope = 0;
        for (std::size_t d = 0; d < n; ++d) {
            Piece& closer = pieces_[d];
            if (!closer.delim) continue;
            if (closer.scope != scope) {
                // Leaving a link's text: its unmatched openers can no longer match anything.
                if (scope != 0)
                    for (auto& st : stack)
                        while (!st.empty() && pieces_[st.back()].scope == scope) st.pop_back();
                scope = closer.scope;
            }
            auto& st = stack[closer.delim == '*' ? 0 : 1];
            auto& other = stack[closer.delim == '*' ? 1 : 0];
            if (closer.canClose) {
                while (closer.count > 0 && !st.empty() && pieces_[st.back()].scope == closer.scope) {
                    Piece& opener = pieces_[st.back()];
                    // CommonMark's "rule of 3": "*foo**bar*" must not pair * with **.
                    if ((opener.canClose || closer.canOpen) && (opener.original + closer.original) % 3 == 0 &&
                        !(opener.original % 3 == 0 && closer.original % 3 == 0))
                        break;
                    const std::size_t o = st.back();
                    const std::size_t use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
                    auto& diff = use == 2 ? boldDiff_ : italicDiff_;
                    ++diff[o + 1];
                    --diff[d];
                    opener.count -= use;
                    closer.count -= use;
                    // Openers of the other character inside the pair cannot close outside it.
                    while (!other.empty() && other.back() > o) other.pop_back();
                    if (opener.count == 0) st.pop_back();
                }
            }
            if (closer.count > 0 && closer.canOpen) st.push_back(d);
        }
    }

    std::vector<TextRun> runs() {
        std::vector<TextRun> out;
        int bold = 0, italic = 0;
        for (std::size_t k = 0; k < pieces_.size(); ++k) {
            if (markdown_) {
                bold += boldDiff_[k];
                italic += italicDiff_[k];
            }
            Piece& p = pieces_[k];
            std::string text = p.delim ? std::string(p.count, p.delim) : std::move(p.text);
            if (text.empty()) continue;
            const bool b = bold > 0, it = italic > 0;
            if (!out.empty() && out.back().bold == b && out.back().italic == it && out.back().code == p.code &&
                out.back().link == p.link) {
                out.back().text += text;
            } else {
                out.push_back(TextRun{std::move(text), b, it, p.code, p.link});
            }
        }
        return out;
    }

    std::string_view s_;
    std::vector<Link>& links_;
    bool markdown_;
    std::vector<Piece> pieces_;
    int link_ = -1;
    int scope_ = 0;
    NextOf nextClose_, nextOpen_;
    bool noCloser_[kMaxCodeFence + 1] = {};
    std::vector<int> boldDiff_, italicDiff_;
};

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

// "- x", "* x", "+ x" -> Bullet; "12. x", "3) x" -> Numbered; the item's text after the marker.
bool listMarker(std::string_view line, BlockKind& kind, long& number, std::string_view& rest) {
    if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') {
        rest = trimLeft(line.substr(2));
        kind = BlockKind::Bullet;
        return !rest.empty();
    }
    std::size_t d = 0;
    long value = 0;
    while (d < line.size() && d < 9 && isDigit(line[d])) value = value * 10 + (line[d++] - '0');
    if (d == 0 || d + 1 >= line.size() || (line[d] != '.' && line[d] != ')') || line[d + 1] != ' ') return false;
    rest = trimLeft(line.substr(d + 2));
    kind = BlockKind::Numbered;
    number = value;
    return !rest.empty();
}

class BlockBuilder {
public:
    BlockBuilder(RichText& out, bool markdown) : out_(out), markdown_(markdown) {}

    void blankLine() {
        flush();
        if (!out_.blocks.empty()) gap_ = true;
    }
    void start(BlockKind kind, long number, std::string_view text) {
        flush();
        open_ = true;
        kind_ = kind;
        number_ = number;
        body_.assign(text);
    }
    void continueLine(std::string_view text) {
        body_ += '\n';
        body_.append(text);
    }
    bool open() const { return open_; }
    BlockKind kind() const { return kind_; }

    void flush() {
        if (!open_) return;
        open_ = false;
        TextBlock block;
        block.kind = kind_;
        block.number = kind_ == BlockKind::Numbered ? number_ : 0;
        block.gapBefore = gap_ && !out_.blocks.empty();
        block.runs = InlineParser(body_, out_.links, markdown_).parse();
        gap_ = false;
        if (!block.runs.empty()) out_.blocks.push_back(std::move(block));
    }

private:
    RichText& out_;
    bool markdown_;
    bool open_ = false, gap_ = false;
    BlockKind kind_ = BlockKind::Paragraph;
    long number_ = 0;
    std::string body_;
};

// Link::text is what the runs pointing at the link say.
void fillLinkTexts(RichText& r) {
    for (const TextBlock& b : r.blocks)
        for (const TextRun& run : b.runs)
            if (run.link >= 0) r.links[static_cast<std::size_t>(run.link)].text += run.text;
}

template <class F>
void forEachLine(std::string_view text, F f) {
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto nl = text.find('\n', pos);
        const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        f(text.substr(pos, end - pos));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
}

}  // namespace

std::string normaliseText(std::string_view input) {
    const std::string in = toValidUtf8(input);
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const std::size_t start = i;
        const std::int32_t cp = nextCodePoint(in, i);
        if (cp == '\r') {
            out.push_back('\n');
            if (i < in.size() && in[i] == '\n') ++i;
        } else if (cp == '\t') {
            out.push_back(' ');
        } else if (cp == '\n' || (cp >= 0x20 && cp < 0x7F)) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
                   (cp >= 0x2066 && cp <= 0x2069)) {
            // dropped
        } else {
            out.append(in, start, i - start);
        }
    }
    return out;
}

RichText parseMarkdown(std::string_view input) {
    const std::string text = normaliseText(input);
    RichText out;
    BlockBuilder blocks(out, /*markdown=*/true);
    forEachLine(text, [&](std::string_view raw) {
        const std::string_view line = trimRight(raw);
        const std::string_view content = trimLeft(line);
        if (content.empty()) return blocks.blankLine();
        BlockKind kind;
        long number = 0;
        std::string_view rest;
        if (listMarker(content, kind, number, rest)) return blocks.start(kind, number, rest);
        const bool indented = content.size() < line.size();
        if (blocks.open() && (blocks.kind() == BlockKind::Paragraph || indented)) return blocks.continueLine(content);
        blocks.start(BlockKind::Paragraph, 0, content);
    });
    blocks.flush();
    fillLinkTexts(out);
    return out;
}

RichText parsePlainText(std::string_view input) {
    const std::string text = normaliseText(input);
    RichText out;
    BlockBuilder blocks(out, /*markdown=*/false);
    forEachLine(text, [&](std::string_view raw) {
        const std::string_view line = trimRight(raw);
        if (line.empty()) return blocks.blankLine();
        if (blocks.open()) return blocks.continueLine(line);
        blocks.start(BlockKind::Paragraph, 0, line);
    });
    blocks.flush();
    fillLinkTexts(out);
    return out;
}

RichText parseMessageText(std::string_view text, std::string_view contentType) {
    if (classifyContentType(contentType) == ContentKind::TextMarkdown) return parseMarkdown(text);
    return parsePlainText(text);
}

std::string plainText(const RichText& rich) {
    std::string out;
    for (const TextBlock& b : rich.blocks) {
        if (!out.empty()) out += b.gapBefore ? "\n\n" : "\n";
        if (b.kind == BlockKind::Bullet) out += kPlainBullet;
        if (b.kind == BlockKind::Numbered) out += decimal(b.number) + ". ";
        for (const TextRun& r : b.runs) out += r.text;
    }
    return out;
}

namespace {

// The authority of an https: URL ("host[:port]") must name its host plainly, the way a customer reads
// it. Refused (issue 8 §5: a hostile or compromised agent's phishing link):
//   - userinfo: "https://acme-bank.example@evil.example/login" opens evil.example;
//   - '%' anywhere in the authority: "%40" is '@' and "%2E" a dot to some parsers and not to others;
//   - non-ASCII and punycode ("xn--") labels: IDN lookalikes ("аcme-bank" with a Cyrillic а);
//   - numeric IPv4 forms (decimal, octal, hex: "https://3232235777/"), which hide who the host is;
//   - anything but letters, digits, '-' and '.' in labels of 1-63 characters, and a port of digits.
// A bracketed IPv6 literal keeps working. Backslashes are refused in the whole URL (below).
bool plainAuthority(std::string_view authority) {
    std::string_view host = authority;
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos || close == 1) return false;
        for (char c : host.substr(1, close - 1))
            if (!(isAlnum(c) || c == ':' || c == '.')) return false;
        host.remove_prefix(close + 1);
        return host.empty() || (host.front() == ':' && host.size() > 1 && host.size() <= 6 &&
                                std::all_of(host.begin() + 1, host.end(), isDigit));
    }
    if (const auto colon = host.find(':'); colon != std::string_view::npos) {
        const std::string_view port = host.substr(colon + 1);
        if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), isDigit)) return false;
        host = host.substr(0, colon);
    }
    if (host.empty()) return false;
    std::string_view last;
    for (std::size_t start = 0; start <= host.size();) {
        const auto dot = std::min(host.find('.', start), host.size());
        const std::string_view label = host.substr(start, dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        if (!std::all_of(label.begin(), label.end(), [](char c) { return isAlnum(c) || c == '-'; })) return false;
        if (startsWithNoCase(label, "xn--")) return false;
        last = label;
        start = dot + 1;
    }
    // The WHATWG URL parser reads a host whose last label is a number (or 0x...) as an IPv4 address.
    const bool numeric = std::all_of(last.begin(), last.end(), isDigit) || startsWithNoCase(last, "0x");
    return !numeric;
}

}  // namespace

bool linkAllowed(std::string_view href) {
    for (char c : href)
        if (static_cast<unsigned char>(c) <= ' ' || c == '\x7F' || c == '\\') return false;
    if (startsWithNoCase(href, "https://")) {
        const std::string_view rest = href.substr(8);
        return plainAuthority(rest.substr(0, rest.find_first_of("/?#")));
    }
    if (startsWithNoCase(href, "mailto:")) return href.size() > 7;
    if (startsWithNoCase(href, "tel:")) return std::any_of(href.begin() + 4, href.end(), isDigit);
    return false;
}

std::string linkTarget(std::string_view href) {
    if (startsWithNoCase(href, "https://")) return hostOf(href);
    std::string_view rest = href.substr(std::min(href.find(':') + 1, href.size()));
    if (startsWithNoCase(href, "mailto:")) rest = rest.substr(0, rest.find('?'));
    std::string out(rest);
    for (char& c : out) c = lower(c);
    return out;
}

}  // namespace finchat
