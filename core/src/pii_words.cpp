// The PII scanners of words and tokens (see pii.h for the summary). pii.cpp has the numeric ones.
//
// The text is split once into tokens: words (ASCII letters, bytes of non-ASCII characters, inner
// apostrophes and hyphens), numbers (digits, possibly with letters glued: "12B", "5th") and single
// punctuation characters. Spaces separate tokens. Cue phrases are sequences of lower-case words.
#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "pii_packed.h"
#include "pii_scan.h"

namespace finchat::pii_detail {
namespace {
using namespace std::string_view_literals;

// ---- Tokens ---------------------------------------------------------------------------------------
enum class Kind : std::uint8_t { Word, Number, Mixed, Punct };

struct Token {
    std::size_t begin, end;
    Kind kind;
    std::size_t size() const { return end - begin; }
};

bool isWordByte(char c) { return isLetter(c) || static_cast<unsigned char>(c) >= 0x80; }

// The length of the well-formed UTF-8 sequence of 2 to 4 bytes starting at i (RFC 3629: no overlong
// forms, surrogates or values past U+10FFFF), or 0.
std::size_t wholeLen(std::string_view t, std::size_t i) {
    const auto b = [&](std::size_t k) { return i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0u; };
    const auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return b(k) >= lo && b(k) <= hi; };
    const unsigned c = b(0);
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) return cont(1, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF) && cont(2) ? 3 : 0;
    if (c >= 0xF0 && c <= 0xF4)
        return cont(1, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

// Whether the bytes before b end in ASCII or a whole UTF-8 sequence (b == 0: nothing before).
bool wholeBefore(std::string_view t, std::size_t b) {
    if (b == 0 || static_cast<unsigned char>(t[b - 1]) < 0x80) return true;
    for (std::size_t k = 1; k <= 3 && k < b; ++k) {   // k continuation bytes before b, then the lead
        const auto u = static_cast<unsigned char>(t[b - 1 - k]);
        if ((u & 0xC0) != 0x80) return u >= 0xC2 && wholeLen(t, b - 1 - k) == k + 1;
    }
    return false;
}

// The end of a UTF-8 symbol starting at i (U+2000-U+2FFF, lead byte E2; or a 4-byte sequence, emoji
// mostly) set apart from the bytes around it, or 0. Only where that cuts no broken sequence: what
// precedes it ends whole and no stray continuation byte follows it. In broken text ("\x80\x80🙂\x80")
// it stays inside the run of word bytes, so an entity's edge never falls inside a run of non-ASCII
// bytes that are not whole code points (pii_fuzz's property).
std::size_t symbolEnd(std::string_view t, std::size_t i) {
    const auto u = static_cast<unsigned char>(t[i]);
    if (u != 0xE2 && !(u >= 0xF0 && u <= 0xF4)) return 0;
    const std::size_t len = wholeLen(t, i);
    if (len == 0 || !wholeBefore(t, i)) return 0;
    const std::size_t e = i + len;
    return e < t.size() && (static_cast<unsigned char>(t[e]) & 0xC0) == 0x80 ? 0 : e;
}

std::vector<Token> tokenize(std::string_view t) {
    std::vector<Token> out;
    out.reserve(t.size() / 4 + 4);
    for (std::size_t i = 0; i < t.size();) {
        const char c = t[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        // Typographic punctuation and symbols (U+2000-U+2FFF: curly quotes, dashes, ellipsis, arrows,
        // dingbats; lead byte E2) and emoji (4-byte sequences) are one punctuation token each, not word
        // bytes: "“Dear Renée", "Applicant – ahmed", "it's Priya 🙂" must not glue them to the words.
        // (only a well-formed sequence: broken UTF-8 and Latin-1 bytes stay word bytes, "M\xFCller")
        if (const std::size_t e = static_cast<unsigned char>(c) >= 0xE2 ? symbolEnd(t, i) : 0) {
            out.push_back({i, e, Kind::Punct});
            i = e;
            continue;
        }
        if (isWordByte(c) || isDigit(c)) {
            std::size_t e = i;
            bool letters = false, digits = false;
            while (e < t.size()) {
                const char d = t[e];
                if (isWordByte(d) && !(static_cast<unsigned char>(d) >= 0xE2 && symbolEnd(t, e))) letters = true;
                else if (isDigit(d)) digits = true;
                else if ((d == '\'' || d == '-') && e > i && (isWordByte(at(t, e + 1)) || isDigit(at(t, e + 1))) &&
                         isWordByte(t[e - 1]) == isWordByte(at(t, e + 1)))
                    ;  // inner apostrophe or hyphen between two letters or two digits
                else break;
                ++e;
            }
            out.push_back({i, e, letters && digits ? Kind::Mixed : letters ? Kind::Word : Kind::Number});
            i = e;
            continue;
        }
        out.push_back({i, i + 1, Kind::Punct});
        ++i;
    }
    return out;
}

struct Text {
    std::string_view t;
    std::vector<Token> tok;
    // tok.size(), kept: the bounds test of every token query (in wasm a division by the token's size)
    std::size_t count = tok.size();
    std::string_view str(std::size_t i) const { return t.substr(tok[i].begin, tok[i].size()); }
    // Token i is the word `lower` (any case). Asked of every token against every word list: the length
    // check, always inlined (also in the size-optimised wasm), rejects nearly all of them before a call.
    FINCHAT_PII_INLINE bool is(std::size_t i, std::string_view lower) const {
        return i < count && tok[i].size() == lower.size() && toLower(t[tok[i].begin]) == lower[0] && spells(i, lower);
    }
    // A literal's length is known at compile time (no strlen where the wasm does not inline the
    // string_view constructor).
    template <std::size_t N>
    FINCHAT_PII_INLINE bool is(std::size_t i, const char (&lower)[N]) const { return is(i, std::string_view(lower, N - 1)); }
    [[gnu::noinline]] bool spells(std::size_t i, std::string_view lower) const {
        for (std::size_t k = 0; k < lower.size(); ++k)
            if (toLower(t[tok[i].begin + k]) != lower[k]) return false;
        return true;
    }
    bool punct(std::size_t i, char c) const { return i < count && tok[i].kind == Kind::Punct && t[tok[i].begin] == c; }
    // (asked of nearly every token by every scanner: inlined also in the size-optimised wasm, where a call
    // costs more than the test)
    FINCHAT_PII_INLINE bool word(std::size_t i) const { return i < count && tok[i].kind == Kind::Word; }
    // Capitalised: an ASCII capital, or a Latin-1 or Latin Extended-A capital in UTF-8 ("Émilie",
    // "Łukasz", "Zoë" — the letters names of European languages start with).
    // (asked of most tokens: the ASCII test inlined, the rest a call only for a byte >= 0xC3)
    FINCHAT_PII_INLINE bool capitalized(std::size_t i) const {
        return word(i) && (isUpper(t[tok[i].begin]) || (static_cast<unsigned char>(t[tok[i].begin]) >= 0xC3 && latinCapitalAt(i)));
    }
    [[gnu::noinline]] bool latinCapitalAt(std::size_t i) const {
        return tok[i].size() >= 2 && latinCapital(static_cast<unsigned char>(t[tok[i].begin]), static_cast<unsigned char>(t[tok[i].begin + 1]));
    }
    static bool latinCapital(unsigned lead, unsigned next) {
        if (lead == 0xC3) return next >= 0x80 && next <= 0x9E && next != 0x97;   // À..Þ but ×
        if (lead != 0xC4 && lead != 0xC5) return false;
        const unsigned cp = ((lead & 0x1Fu) << 6) | (next & 0x3Fu);             // U+0100..U+017F
        // Capitals and small letters alternate; the parity shifts at U+0139-0148 and U+0179-017E.
        const bool oddCapitals = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
        return cp == 0x178 || (cp & 1u) == (oddCapitals ? 1u : 0u);
    }
    // A word spelled with a Latin letter beyond ASCII ("björn", "lefèvre", "Łukasz"; UTF-8 lead bytes
    // C3-C5): after a name cue in an English chat, far more often a name than a common word.
    bool accented(std::size_t i) const {
        if (!word(i)) return false;
        for (std::size_t k = tok[i].begin; k < tok[i].end; ++k)
            if (static_cast<unsigned char>(t[k]) >= 0xC3 && static_cast<unsigned char>(t[k]) <= 0xC5) return true;
        return false;
    }
    bool allCaps(std::size_t i) const {
        if (!word(i)) return false;
        for (std::size_t k = tok[i].begin; k < tok[i].end; ++k)
            if (isLower(t[k])) return false;
        return true;
    }
    // Token i .. i+n-1 spell the phrase (words separated by single spaces in `lower`). The detector's hot
    // loop: the first letter first, then the phrase's letters token by token, without splitting it.
    bool phrase(std::size_t i, std::string_view lower) const {
        if (i >= count || lower.empty() || toLower(t[tok[i].begin]) != lower[0]) return false;
        for (std::size_t p = 0;; ++i) {
            if (i >= count || tok[i].size() > lower.size() - p) return false;
            for (std::size_t c = tok[i].begin; c < tok[i].end; ++c, ++p)
                if (toLower(t[c]) != lower[p]) return false;
            if (p == lower.size()) return true;
            if (lower[p++] != ' ') return false;
        }
    }
    // Token i can start the phrase: its length is that of the phrase's first word, and its second byte is
    // the phrase's (the tests the table loops ask before phrase(), inlined: they reject nearly every entry
    // without a call; the loops try only the phrases of the token's first letter, pii_packed.h).
    FINCHAT_PII_INLINE bool startsPhrase(std::size_t i, std::string_view lower) const {
        const std::size_t n = tok[i].size();
        return n <= lower.size() && (n == lower.size() || lower[n] == ' ' || lower[n] == ':') &&
               (n < 2 || toLower(t[tok[i].begin + 1]) == lower[1]);
    }
    // The number of tokens of a phrase.
    static std::size_t words(std::string_view lower) { return static_cast<std::size_t>(std::count(lower.begin(), lower.end(), ' ')) + 1; }
    // A lower-case copy of a word token (ASCII only) into a small buffer; empty if too long.
    std::string_view lower(std::size_t i, std::array<char, 32>& buf) const {
        if (tok[i].size() > buf.size()) return {};
        for (std::size_t k = 0; k < tok[i].size(); ++k) buf[k] = toLower(t[tok[i].begin + k]);
        return {buf.data(), tok[i].size()};
    }
    // is(i, w) for each w, the token's bounds, length and lower-case first byte read once (tokens are never
    // empty, so a word of the token's length has a first byte).
    bool inList(std::size_t i, std::initializer_list<std::string_view> list) const {
        if (i >= count) return false;
        const std::size_t n = tok[i].size();
        const char first = toLower(t[tok[i].begin]);
        for (std::string_view w : list)
            if (w.size() == n && w[0] == first && spells(i, w)) return true;
        return false;
    }
};

// Token i names a password: the words the credential rules share (each adds the ones only it takes,
// "pass", "passcode").
bool passwordWord(const Text& x, std::size_t i) {
    return x.inList(i, {"password"sv, "passwd"sv, "pwd"sv, "pw"sv, "passphrase"sv});
}

// The first token index whose begin is >= pos.
std::size_t tokenAt(const Text& x, std::size_t pos) {
    return static_cast<std::size_t>(std::lower_bound(x.tok.begin(), x.tok.end(), pos,
                                                     [](const Token& k, std::size_t p) { return k.begin < p; }) -
                                    x.tok.begin());
}

void emit(std::vector<Candidate>& out, PiiType type, std::size_t b, std::size_t e, int rank, float score) {
    if (e > b) out.push_back({type, b, e, rank, score});
}
// A name's span without the possessive the tokenizer keeps in its last word: "my late partner Dylan Moreau's
// account" names Dylan Moreau (the span covers the value).
void emitName(const Text& x, std::vector<Candidate>& out, std::size_t b, std::size_t e, float score) {
    if (e >= b + 3 && x.t[e - 2] == '\'' && toLower(x.t[e - 1]) == 's') e -= 2;
    emit(out, PiiType::Name, b, e, kName, score);
}

// ---- Words that are never names -------------------------------------------------------------------
// Common words that name lists also contain (as surnames or nicknames) or that follow name cues
// ("this is urgent", "I'm trying"), banking vocabulary, and brands a bank chat mentions.
constexpr std::string_view kNotNamesList[] = {
    "a", "about", "account", "after", "again", "all", "also", "am", "amex", "an", "and", "any", "app", "are",
    "as", "at", "back", "bank", "be", "because", "been", "before", "best", "bill", "both", "but", "by", "call",
    "can", "card", "cash", "chase", "check", "cheque", "close", "could", "credit", "day", "dear", "debit",
    "did", "do", "does", "done", "down", "each", "else", "email", "even", "ever", "every", "fee", "fine",
    "for", "from", "fraud", "friday", "gold", "good", "got", "grant", "had", "happy", "has", "have", "he",
    "hello", "help", "her", "here", "hey", "hi", "him", "his", "home", "hope", "how", "i", "if", "in", "into",
    "is", "it", "its", "just", "king", "know", "last", "late", "less", "like", "loan", "long", "lost", "mail",
    "many", "mastercard", "may", "me", "message", "miss", "money", "monday", "more", "most", "much", "must",
    "my", "name", "need", "new", "next", "nice", "no", "none", "not", "now", "of", "off", "ok", "okay", "old",
    "on", "once", "one", "only", "or", "other", "our", "out", "over", "paid", "pay", "paypal", "please", "pin",
    "rich", "right", "same", "saturday", "see", "she", "should", "since", "so", "some", "sorry", "still",
    "sunday", "sure", "thank", "thanks", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "thursday", "to", "today", "too", "trying", "tuesday", "two", "under", "up", "urgent", "us",
    "very", "visa", "wait", "want", "was", "way", "we", "wednesday", "well", "were", "what", "when", "where",
    "which", "while", "white", "who", "why", "will", "wire", "with", "would", "yes", "yet", "you", "young",
    "your", "going", "calling", "writing", "looking", "having", "getting", "sure", "sending", "asking",
    "interested", "locked", "unable", "waiting", "warning", "travelling", "traveling", "moving", "abroad", "new", "also",
    "customer", "member", "client", "user", "bot", "agent", "support", "team", "regards", "cheers", "sincerely",
    "morning", "afternoon", "evening", "there", "sir", "madam", "everyone", "all", "folks", "guys",
    // verbs and organisations' words that name lists also hold
    "open", "get", "go", "use", "make", "take", "send", "give", "buy", "sign", "apply", "join", "see", "find",
    "gas", "energy", "water", "electric", "power", "insurance", "airlines", "airways", "ltd", "inc", "corp", "plc",
    "llc", "store", "shop", "market", "pharmacy", "hotel", "british", "american", "national", "international",
    "group", "services", "telecom", "mobile", "express", "direct", "online", "general", "royal", "first", "capital",
    // merchants and banks whose names read like people's ("Uber Eats", "Wells Fargo"): a short list of
    // the ones a bank chat names most, not a directory
    "uber", "eats", "fargo", "amazon", "netflix", "spotify", "tesco", "walmart", "costco", "starbucks",
    "deliveroo", "ebay", "apple", "google", "airbnb", "lyft", "zelle", "venmo", "revolut", "monzo", "barclays",
    "natwest", "hsbc", "lloyds", "santander", "halifax", "nationwide", "citibank", "wharf",
    // an app's list after a role's word ("the payee list") and a card's labels ("Tel:", "Fax:")
    "list", "tel", "fax",
    // what a role's word names ("the recipient details", "payee information")
    "details", "information",
    // demonyms ("Canadian here")
    "canadian", "french", "german", "irish", "scottish", "welsh", "english", "australian", "indian", "spanish",
    "italian", "polish", "mexican", "nigerian", "european", "chinese", "dutch",
    // words that follow a greeting or a sign-off ("Thanks Again!")
    "again", "anyway", "everybody", "guys", "mate", "love", "lots", "much", "heaps", "instead", "alot", "mum", "mom",
    "dad", "bro", "buddy", "pal",
    // chat abbreviations after a name ("name on card François Patel ta")
    "asap", "pls", "plz", "thx", "ta", "tho", "btw", "lol",
    // titles: the cue, never part of the name ("Mr. Okonkwo")
    "mr", "mrs", "ms", "mx", "dr", "prof",
    // contractions that start a clause after a greeting ("hi, I'm Sofia")
    "i'm", "i've", "i'd", "i'll", "it's", "that's", "there's", "what's", "im", "ive", "thats", "theres", "whats",
    // the fields a bank asks for, and verbs, that open a staff turn or follow a cue ("Agent: Never share
    // your PIN", "Hello, BIC: …", "For tax reporting", "the landlord says")
    "never", "routing", "iban", "bic", "dob", "swift", "sort", "tax", "ssn", "cvv", "nhs", "atm", "bsb", "says",
    "said", "told", "reference", "ref", "acc", "acct",
    // contractions typed without the apostrophe ("name doesnt match")
    "doesnt", "dont", "didnt", "isnt", "wasnt", "cant", "wont", "havent", "hasnt",
    // places a shop or a branch is named with ("Bunnings Warehouse", "the Rundle Mall branch")
    "warehouse", "supermarket", "mall", "branch", "cafe", "café", "restaurant", "bakery", "garage", "motors", "cinema",
    "airport", "station", "centre", "center", "outlet", "superstore",
    // a company's or a mailbox's words ("Payee: Electricity Company Ltd", "From: Customer Service <…>")
    "company", "co", "pty", "limited", "electricity", "council", "agency", "service", "security", "alerts", "billing",
    "noreply", "info", "admin",
    // accounts a customer moves money to ("to joint savings 12345678", "to term deposit 998877")
    "savings", "saving", "joint", "deposit", "term", "current", "everyday", "mortgage", "offset", "business", "rent",
    "bills", "isa", "kids", "holiday",
    // places named like people ("Mount Cook", "Lake Taupo", "Port Hills")
    "mount", "lake", "port", "cape", "fort",
    // what a customer says is "here" ("quick question here", "same issue here")
    "question", "problem", "issue", "query", "quick",
    // jobs a customer says they are ("bolt driver here", "courier here")
    "driver", "courier", "rider", "cabbie", "contractor", "freelancer", "landlord", "tenant",
    // currency codes ("paid a landlord AUD 174") and verbs after a relative ("my dad needs it")
    "aud", "usd", "eur", "gbp", "cad", "nzd", "chf", "jpy", "inr", "zar", "needs", "wants",
    // what a greeting may start with ("hi Ticket #99261 still open") and an account's tier ("my Student
    // Silver fee", as "gold" above)
    "ticket", "student", "silver", "platinum", "bronze", "premier",
};
constexpr auto kNotNames = packByLetter<kNotNamesList>();
// Words that end a city name ("..., Seattle can you", "..., Boise thanks").
constexpr std::string_view kCityStopList[] = {"can", "could", "please", "thanks", "thank", "what", "when", "is", "was",
                                          "and", "but", "so", "if", "i", "you", "we", "it", "asap", "now", "today",
                                          "instead", "thx", "pls", "from", "to", "the", "a", "my", "for", "in", "on"};
constexpr auto kCityStop = packByLetter<kCityStopList>();

bool notAName(const Text& x, std::size_t i) {
    std::array<char, 32> buf;
    const std::string_view w = x.lower(i, buf);
    if (w.empty()) return true;
    for (std::size_t k : kNotNames.startingWith(w[0]))
        if (kNotNames[k].size() == w.size() && kNotNames[k] == w) return true;
    return false;
}

constexpr std::string_view kMonthsList[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"};
constexpr auto kMonths = packByLetter<kMonthsList>();
constexpr std::string_view kMonthAbbrList[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept",
                                           "oct", "nov", "dec"};
constexpr auto kMonthAbbr = packByLetter<kMonthAbbrList>();
// Months in Spanish, Portuguese and French (those not spelt as in English).
constexpr std::string_view kMonthsAbroadList[] = {
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
    "noviembre", "diciembre", "janeiro", "fevereiro", "março", "marco", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro", "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
    "septembre", "octobre", "novembre", "décembre", "decembre"};
constexpr auto kMonthsAbroad = packByLetter<kMonthsAbroadList>();
constexpr std::string_view kWeekdaysList[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr auto kWeekdays = packByLetter<kWeekdaysList>();

bool listed(const Text& x, std::size_t i, WordList list);

bool isMonth(const Text& x, std::size_t i, bool allowAbbr) {
    // Every month's name starts with one of "adfjmnos" and has 3-9 letters.
    if (!x.word(i) || x.tok[i].size() < 3 || x.tok[i].size() > 9) return false;
    const std::size_t first = letterGroup(x.t[x.tok[i].begin]);
    constexpr std::uint32_t kMonthInitials = (1u << ('a' - 'a')) | (1u << ('d' - 'a')) | (1u << ('f' - 'a')) |
                                             (1u << ('j' - 'a')) | (1u << ('m' - 'a')) | (1u << ('n' - 'a')) |
                                             (1u << ('o' - 'a')) | (1u << ('s' - 'a'));
    if (first > 25 || !((kMonthInitials >> first) & 1u)) return false;
    return listed(x, i, kMonths) || (allowAbbr && listed(x, i, kMonthAbbr));
}

// ---- Street grammar ---------------------------------------------------------------------------------
constexpr std::string_view kStreetSuffixesList[] = {
    "street", "st", "road", "rd", "avenue", "ave", "av", "boulevard", "blvd", "lane", "ln", "drive", "dr", "way",
    "court", "ct", "place", "pl", "terrace", "ter", "crescent", "cres", "gardens", "gdns", "close", "square", "sq",
    "parkway", "pkwy", "highway", "hwy", "circle", "cir", "trail", "trl", "row", "walk", "mews", "grove", "hill",
    "park", "alley", "plaza", "loop", "path", "pike", "green", "rise", "view", "strasse", "straße", "broadway",
    "parade", "pde", "esplanade", "quay", "circuit", "promenade", "strand",
    "tce",   // Australian for terrace
};
constexpr auto kStreetSuffixes = packByLetter<kStreetSuffixesList>();
constexpr std::string_view kUnitsList[] = {"apt", "apartment", "unit", "suite", "ste", "flat", "floor", "fl", "room", "rm", "bldg",
                                       "level", "lvl"};
constexpr auto kUnits = packByLetter<kUnitsList>();
constexpr std::string_view kUsStatesList[] = {
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la", "me",
    "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa",
    "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc"};
constexpr auto kUsStates = packByLetter<kUsStatesList>();
constexpr std::string_view kStreetStopList[] = {"the", "a", "my", "to", "for", "and", "in", "on", "at", "of", "is",
                                            "was", "from", "with", "it", "by", "or", "your", "this", "that"};
constexpr auto kStreetStop = packByLetter<kStreetStopList>();

// The same test as x.is(i, w) for each entry, with the token's length and lower-case first byte read once
// (asked of most tokens against several lists: only the entries of the token's first letter are tried, see
// pii_packed.h, each with two compares on the packed offsets).
bool listed(const Text& x, std::size_t i, WordList list) {
    if (i >= x.count) return false;
    const std::size_t n = x.tok[i].size();
    const char first = toLower(x.t[x.tok[i].begin]);
    for (std::size_t k : list.startingWith(first))
        if (list.length(k) == n && list.first(k) == first && x.spells(i, list[k])) return true;
    return false;
}

// A UK postcode starting at token i ("OX11 8YT", "BS7 1LX", "SW1A 1AA"): returns the token after it.
std::size_t ukPostcode(const Text& x, std::size_t i) {
    if (i + 1 >= x.tok.size() || x.tok[i].kind != Kind::Mixed || x.tok[i + 1].kind != Kind::Mixed) return 0;
    const std::string_view a = x.str(i), b = x.str(i + 1);
    if (a.size() < 2 || a.size() > 4 || b.size() != 3 || x.tok[i + 1].begin != x.tok[i].end + 1) return 0;
    if (!isLetter(a[0]) || !isDigit(b[0]) || !isLetter(b[1]) || !isLetter(b[2])) return 0;
    std::size_t k = 1;
    if (isLetter(a[k])) ++k;
    if (k >= a.size() || !isDigit(a[k])) return 0;
    ++k;
    if (k < a.size() && (isDigit(a[k]) || isLetter(a[k]))) ++k;
    return k == a.size() ? i + 2 : 0;
}

bool zipAt(const Text& x, std::size_t i) {
    return i < x.tok.size() && x.tok[i].kind == Kind::Number && x.tok[i].size() == 5;
}

// A Canadian postal code "A1A 1A1" at token i: returns the token after it, or 0.
std::size_t caPostcode(const Text& x, std::size_t i) {
    if (i + 1 >= x.tok.size() || x.tok[i].kind != Kind::Mixed || x.tok[i + 1].kind != Kind::Mixed ||
        x.tok[i].size() != 3 || x.tok[i + 1].size() != 3 || x.tok[i + 1].begin != x.tok[i].end + 1)
        return 0;
    const std::string_view a = x.str(i), b = x.str(i + 1);
    return isLetter(a[0]) && isDigit(a[1]) && isLetter(a[2]) && isDigit(b[0]) && isLetter(b[1]) && isDigit(b[2]) ? i + 2 : 0;
}
constexpr std::string_view kProvincesList[] = {"ab", "bc", "mb", "nb", "nl", "ns", "nt", "nu", "on", "pe", "qc", "sk", "yt"};
constexpr auto kProvinces = packByLetter<kProvincesList>();
// Streets named after the word: "27 rue des Lilas", "2150 Rue Sherbrooke O", "14 Avenida Paulista".
constexpr std::string_view kStreetPrefixesList[] = {"rue", "avenue", "av", "boulevard", "bd", "via", "calle", "chemin",
                                                "avenida", "rua", "piazza", "strada", "carrer", "camino", "allee", "place"};
constexpr auto kStreetPrefixes = packByLetter<kStreetPrefixesList>();
// ...and streets written as one word before the number: "Kastanienallee 12", "Hauptstraße 5a".
constexpr std::string_view kGluedSuffixesList[] = {"strasse", "straße", "str.", "allee", "weg", "platz", "gasse", "damm",
                                               "ufer", "ring", "laan", "straat", "gracht", "vej", "gatan", "gata"};
constexpr auto kGluedSuffixes = packWords<kGluedSuffixesList>();
// A line break between token k-1 and k: lines of an address act like commas.
bool lineBreakBefore(const Text& x, std::size_t k) {
    if (k == 0 || k >= x.tok.size()) return false;
    for (std::size_t p = x.tok[k - 1].end; p < x.tok[k].begin; ++p)
        if (x.t[p] == '\n') return true;
    return false;
}
// ", 75019 Paris", ", 10435 Berlin": a 4-5 digit postcode and a capitalised city after a comma at k.
// Returns the city's token, or 0.
std::size_t postcodeCity(const Text& x, std::size_t k) {
    if (!x.punct(k, ',') || k + 2 >= x.tok.size() || x.tok[k + 1].kind != Kind::Number ||
        x.tok[k + 1].size() < 4 || x.tok[k + 1].size() > 5 || !x.capitalized(k + 2) || listed(x, k + 2, kCityStop))
        return 0;
    return k + 2;
}

constexpr std::string_view kAuStatesList[] = {"nsw", "vic", "qld", "wa", "sa", "tas", "act", "nt"};
constexpr auto kAuStates = packByLetter<kAuStatesList>();
// A 4-digit postcode at token i (Australia, New Zealand, South Africa, ...), not the start of a longer number.
bool fourDigitPostcode(const Text& x, std::size_t i) {
    return i < x.tok.size() && x.tok[i].kind == Kind::Number && x.tok[i].size() == 4 && !isDigit(at(x.t, x.tok[i].end + 1)) &&
           !(i + 1 < x.tok.size() && x.tok[i + 1].kind == Kind::Number && x.tok[i + 1].begin == x.tok[i].end + 1);
}
// An Indian PIN code at token i: 6 digits, the first 1-8, not part of a longer number.
bool indianPin(const Text& x, std::size_t i) {
    return i < x.tok.size() && x.tok[i].kind == Kind::Number && x.tok[i].size() == 6 && x.t[x.tok[i].begin] >= '1' &&
           x.t[x.tok[i].begin] <= '8' && !isDigit(at(x.t, x.tok[i].end + 1)) && !isDigit(before(x.t, x.tok[i].begin - 1));
}
// An Irish Eircode at token i ("D06 F933", "H91 E2W6", "D6W 1234"): returns the token after it, or 0.
std::size_t eircode(const Text& x, std::size_t i) {
    if (i + 1 >= x.tok.size() || x.tok[i].kind != Kind::Mixed || x.tok[i].size() != 3 || x.tok[i + 1].size() != 4 ||
        x.tok[i + 1].kind == Kind::Punct || x.tok[i + 1].begin != x.tok[i].end + 1)
        return 0;
    const std::string_view a = x.str(i), b = x.str(i + 1);
    if (!isLetter(a[0]) || !isDigit(a[1]) || !(isDigit(a[2]) || toUpper(a[2]) == 'W')) return 0;
    for (char c : b)
        if (!isAlnum(c)) return 0;
    return i + 2;
}
// Token i a street word glued to "way" ("Kingsway", "Fosse Way" is two words): one word, at least 7 letters.
bool gluedWay(const Text& x, std::size_t i) {
    return x.word(i) && x.tok[i].size() >= 7 && startsWithNoCase(x.t, x.tok[i].end - 3, "way");
}

// A unit and a civic number joined by a dash, as Canada writes them: "12-1060", "1203-455" (each part
// 1-5 digits, one dash).
bool unitCivic(const Text& x, std::size_t i) {
    const std::string_view s = x.str(i);
    const std::size_t dash = s.find('-');
    return x.tok[i].kind == Kind::Number && dash != std::string_view::npos && dash >= 1 && dash <= 5 && s.size() - dash - 1 >= 1 &&
           s.size() - dash - 1 <= 5 && s.find('-', dash + 1) == std::string_view::npos;
}

// ---- Addresses written abroad ------------------------------------------------------------------------
// Street types written before the street's name: Polish "ul."/"al."/"pl."/"os.", Portuguese "Rua"/
// "Avenida"/"Travessa"/"Alameda", Spanish "Calle"/"C/"/"Paseo"/"Carrera", Italian "Via"/"Viale"/"Corso",
// Malay and Indonesian "Jalan"/"Jl.", Argentine and Chilean "Bv."/"Pasaje". The abbreviations count only
// with their '.'.
constexpr std::string_view kLeadStreetsList[] = {"c", "ul", "al", "pl", "os", "av", "avda", "jl", "ulica", "aleja", "plac",
                                                 "rua", "avenida", "travessa", "alameda", "rodovia", "estrada", "calle",
                                                 "paseo", "carrera", "camino", "via", "viale", "corso", "piazza", "jalan",
                                                 "bv", "bulevar", "pasaje", "pje"};
constexpr auto kLeadStreets = packByLetter<kLeadStreetsList>();
// Turkish street and quarter types after the name: "Ataturk Cad.", "Gul Sk.", "Moda Mah.", "Bagdat Caddesi".
constexpr std::string_view kTurkishStreetsList[] = {"cad", "cd", "caddesi", "sok", "sk", "sokak", "sokagi", "mah",
                                                    "mahallesi", "bulvari", "blv"};
constexpr auto kTurkishStreets = packByLetter<kTurkishStreetsList>();
// Units as other countries write them ("apto 96", "bloco B", "m. 4", "D:12", "piso 3", "Daire 5").
// One-letter ones only with their '.' or ':'.
constexpr std::string_view kUnitsAbroadList[] = {"apto", "ap", "bloco", "bl", "casa", "piso", "depto", "dpto", "lok",
                                                 "m", "d", "daire", "kat", "int", "andar", "blok", "sala"};
constexpr auto kUnitsAbroad = packByLetter<kUnitsAbroadList>();
// Districts and wards named after a street: "Quan 1", "Phuong Ben Nghe", "District 7", "Brgy. San Roque",
// "Col. Roma Norte", "Bairro Centro", Pakistan's "Block N" and "Phase 5": the locality that proves a number and
// capitalised words a street.
constexpr std::string_view kDivisionsList[] = {"quan", "phuong", "district", "ward", "barangay", "brgy", "colonia",
                                               "col", "bairro", "sector", "huyen", "kelurahan", "kecamatan", "block", "phase"};
constexpr auto kDivisions = packByLetter<kDivisionsList>();

// A postcode at token i: 4-6 digits, or digits joined by one dash as Poland ("00-558"), Brazil
// ("01845-000") and Portugal ("1100-148") write them, or Argentina's CPA, a province's capital and four
// digits ("S2000", "C1425DKB"). Returns the token after it, or 0.
std::size_t postcodeAbroad(const Text& x, std::size_t i) {
    if (i < x.tok.size() && x.tok[i].kind == Kind::Mixed && (x.tok[i].size() == 5 || x.tok[i].size() == 8)) {
        const std::string_view s = x.str(i);
        bool cpa = isUpper(s[0]);
        for (std::size_t c = 1; c < s.size() && cpa; ++c) cpa = c <= 4 ? isDigit(s[c]) : isUpper(s[c]);
        return cpa ? i + 1 : 0;
    }
    if (i >= x.tok.size() || x.tok[i].kind != Kind::Number || isDigit(before(x.t, x.tok[i].begin))) return 0;
    const std::string_view s = x.str(i);
    const std::size_t dash = s.find('-');
    if (dash == std::string_view::npos) return s.size() >= 4 && s.size() <= 6 ? i + 1 : 0;
    const std::size_t tail = s.size() - dash - 1;
    return ((dash == 2 && tail == 3) || ((dash == 4 || dash == 5) && tail == 3)) ? i + 1 : 0;
}

// A locality's words from token c: capitalised words with lower-case particles between them ("Sao Paulo",
// "Rio de Janeiro", "Ho Chi Minh City"), an abbreviation's '.' ("Col. Roma"), a ward's number ("Quan 1",
// "Dublin 6"), a state after a dash ("- SP"). Returns the token after it (c if none).
std::size_t localityFrom(const Text& x, std::size_t c) {
    const std::size_t n = x.tok.size();
    std::size_t end = c;
    for (std::size_t w = c; w < n && w - c < 7;) {
        // (a turn's label or a field's name ends the locality: "... City Bot: ...", ", Phone +84 ...")
        if (x.capitalized(w) && !x.punct(w + 1, ':') && !listed(x, w, kCityStop) && !listed(x, w, kStreetStop) &&
            !x.inList(w, {"phone"sv, "tel"sv, "mobile"sv, "email"sv, "iban"sv, "account"sv, "card"sv, "born"sv, "dob"sv})) {
            end = ++w;
            if (x.punct(w, '.') && x.tok[w].begin == x.tok[w - 1].end && x.tok[w - 1].size() <= 4 && x.capitalized(w + 1)) ++w;
        } else if (w > c && x.tok[w].kind == Kind::Number && x.tok[w].size() <= 2 && x.word(w - 1)) {
            end = ++w;
        } else if (w > c && x.inList(w, {"de"sv, "do"sv, "da"sv, "dos"sv, "das"sv, "di"sv, "del"sv, "la"sv}) && x.capitalized(w + 1)) {
            ++w;
        } else if (w > c && x.punct(w, '-') && x.allCaps(w + 1) && x.tok[w + 1].size() == 2 && end == w) {
            end = w += 2;
        } else if (w > c && end == w && x.punct(w, '/') && x.tok[w].begin == x.tok[w - 1].end && x.capitalized(w + 1)) {
            ++w;   // "Umraniye/Istanbul": a district and its city joined by a slash
        } else {
            break;
        }
    }
    return end;
}

// What follows the house number of an address written abroad (k: the token after the number): units,
// localities after commas, a postcode and its city ("..., apto 96, Sao Paulo - SP, 01845-000",
// "... 23/18, 00-558 Warszawa", "... No:105 D:12, Kadikoy, Istanbul"). Returns the token after the
// address; `localities`: how many localities it read.
std::size_t regionalTail(const Text& x, std::size_t k, int& localities) {
    const std::size_t n = x.tok.size();
    std::size_t end = k;
    for (int seg = 0; seg < 6 && end < n; ++seg) {
        // (an abbreviation's '.' before the comma: "Mabini St., Brgy. San Isidro")
        if (end > k && x.punct(end, '.') && x.tok[end].begin == x.tok[end - 1].end && x.word(end - 1) && x.punct(end + 1, ',')) ++end;
        const bool comma = x.punct(end, ',');
        const std::size_t s = comma ? end + 1 : end;
        if (listed(x, s, kUnits) || listed(x, s, kUnitsAbroad)) {
            std::size_t v = s + 1;
            const bool mark = x.punct(v, '.') || x.punct(v, ':');
            if (mark) ++v;
            if (x.punct(v, '#')) ++v;
            if ((mark || x.tok[s].size() > 1) && v < n &&
                (x.tok[v].kind == Kind::Number || x.tok[v].kind == Kind::Mixed || (x.word(v) && x.tok[v].size() == 1))) {
                end = v + 1;
                continue;
            }
        }
        if (std::size_t p = postcodeAbroad(x, s)) {
            end = localityFrom(x, p);
            if (end > p) ++localities;
            continue;
        }
        // (right after the number without a comma only where the locality ends the clause: "No:12/3
        // Umraniye/Istanbul", not "12 Thanks")
        const bool bare = !comma && !lineBreakBefore(x, s);
        if (bare && seg > 0) break;
        // (a floor or a door between commas: "C/ Mayor 12, 3B, 28013 Madrid")
        if (comma && s + 1 < n && x.tok[s].kind == Kind::Mixed && isDigit(x.t[x.tok[s].begin]) && x.tok[s].size() <= 4 &&
            x.punct(s + 1, ',')) {
            end = s + 1;
            continue;
        }
        const std::size_t c = localityFrom(x, s);
        if (c == s || (bare && !(c >= n || x.tok[c].kind == Kind::Punct || lineBreakBefore(x, c)))) break;
        end = c;
        if (const std::size_t p = postcodeAbroad(x, c)) end = p;   // "Haryana 122001", "Lagos 100001"
        ++localities;
    }
    return end;
}

// A house number at token k: "23", "12a", "23/18" (with its unit), "No:105", "No. 5", "nº 5", "#45".
// Returns the token after it, or 0.
std::size_t houseNumber(const Text& x, std::size_t k) {
    if (x.inList(k, {"no"sv, "nr"sv, "n"sv, "nº"sv, "numero"sv})) {
        ++k;
        if (x.punct(k, ':') || x.punct(k, '.')) ++k;
    } else if (x.punct(k, '#')) {
        ++k;
    }
    if (k >= x.tok.size() || !(x.tok[k].kind == Kind::Number || (x.tok[k].kind == Kind::Mixed && isDigit(x.t[x.tok[k].begin]))) ||
        x.tok[k].size() > 6)
        return 0;
    if (x.punct(k + 1, '/') && k + 2 < x.tok.size() && x.tok[k + 2].kind != Kind::Punct && x.tok[k + 1].begin == x.tok[k].end &&
        x.tok[k + 2].begin == x.tok[k + 1].end && x.tok[k + 2].size() <= 4)
        return k + 3;
    return k + 1;
}

// Addresses whose street type comes first ("ul. Dluga 23/18, 00-558 Warszawa", "Rua das Flores, 76, apto
// 96, Sao Paulo - SP, 01845-000", "Calle Mayor 12, 28013 Madrid"), Turkish ones ("Ataturk Cad. No:105
// D:12, Kadikoy, Istanbul") and a number and street before a district ("139 Nguyen Hue, Quan 1, Ho Chi
// Minh City").
void scanAddressesAbroad(const Text& x, std::vector<Candidate>& out) {
    const std::size_t n = x.tok.size();
    // The token after a street's name from w: capitalised words, lower-case particles among or before them
    // ("Rua das Flores", "Calle de Alcala"), ending in a capitalised word; 0 if none.
    auto nameWords = [&](std::size_t w, std::size_t most) {
        std::size_t last = 0;
        for (std::size_t s = w; w < n && w - s < most; ++w) {
            // ("Jalan Sudirman No. 5": the house number's "No" ends the name)
            if (x.inList(w, {"no"sv, "nr"sv}) && (x.punct(w + 1, ':') || x.punct(w + 1, '.') || (w + 1 < n && x.tok[w + 1].kind == Kind::Number))) break;
            if (x.capitalized(w) && !listed(x, w, kStreetStop)) last = w;
            else if (!x.inList(w, {"das"sv, "dos"sv, "da"sv, "do"sv, "de"sv, "del"sv, "di"sv, "della"sv, "la"sv}))
                break;
        }
        return last ? last + 1 : 0;
    };
    // A house number, a street's capitalised words, then a district's word after a comma: "139 Nguyen Hue,
    // Quan 1, Ho Chi Minh City", "45 Rizal Avenue Extension, Brgy. 5, Manila". Returns the token to go on from.
    auto beforeDistrict = [&](std::size_t i) {
        if (i + 4 >= n || x.tok[i].size() > 5 || !x.capitalized(i + 1) || isDigit(before(x.t, x.tok[i].begin))) return i;
        const std::size_t k = nameWords(i + 1, 4);
        if (!k || !x.punct(k, ',') || !listed(x, k + 1, kDivisions)) return i;
        int localities = 0;
        const std::size_t e = regionalTail(x, k, localities);
        if (localities == 0) return i;
        emit(out, PiiType::Address, x.tok[i].begin, x.tok[e - 1].end, kAddress, 0.85f);
        return e - 1;
    };
    // A house number (its letter after a dash: "18-B") set apart by a comma before a division and more
    // localities, as Pakistan writes them: "18-B, Block N, Gulberg III, Lahore 54660" (two localities at
    // least). Returns the token after the address, or 0.
    auto numberDivision = [&](std::size_t i) -> std::size_t {
        std::size_t k = i + 1;
        if (x.tok[i].size() > 5 || isDigit(before(x.t, x.tok[i].begin))) return 0;
        if (x.punct(k, '-') && k + 1 < n && x.tok[k].begin == x.tok[i].end && x.tok[k + 1].begin == x.tok[k].end &&
            x.tok[k + 1].kind != Kind::Punct && x.tok[k + 1].size() <= 2)
            k += 2;
        if (!x.punct(k, ',') || !x.capitalized(k + 1) || !listed(x, k + 1, kDivisions)) return 0;
        int localities = 0;
        const std::size_t e = regionalTail(x, k, localities);
        return localities >= 2 ? e : 0;
    };
    // (the per-token tests first: a street type's first letter, then the list; most tokens go no further)
    constexpr auto initials = [](std::string_view letters) {
        std::uint32_t m = 0;
        for (char c : letters) m |= 1u << (c - 'a');
        return m;
    };
    constexpr std::uint32_t kLeadInitials = initials("uapojrtecvb"), kTurkishInitials = initials("csmb"),
                            kPlotInitials = initials("hplfdv");
    for (std::size_t i = 0; i + 2 < n; ++i) {
        // (one pass, the cheapest tests first: a number may start a street before a district; a word only
        // with an ASCII capital or right before a '.' or '/' ("ul.", "C/") is a street type, a plot or a house)
        const Token& tk = x.tok[i];
        if (tk.kind == Kind::Number) {
            if (const std::size_t e = numberDivision(i)) {
                emit(out, PiiType::Address, tk.begin, x.tok[e - 1].end, kAddress, 0.85f);
                i = e - 1;
                continue;
            }
            i = beforeDistrict(i);
            continue;
        }
        const char c0 = x.t[tk.begin], after = at(x.t, tk.end);
        if (tk.kind != Kind::Word || !(isUpper(c0) || after == '.' || after == '/')) continue;
        const std::size_t first = letterGroup(c0);
        if (first > 25) continue;
        // (Spanish "C/ Mayor 12": the abbreviated "Calle" with a slash, as a '.')
        const bool dot = (x.punct(i + 1, '.') || (x.tok[i].size() == 1 && x.t[x.tok[i].begin] == 'C' && x.punct(i + 1, '/'))) &&
                         x.tok[i + 1].begin == x.tok[i].end;
        // Street type first: the abbreviation with its '.', the word capitalised.
        auto lead = [&] {
            for (std::size_t k : kLeadStreets.startingWith(x.t[x.tok[i].begin]))
                if (x.is(i, kLeadStreets[k])) return true;
            return false;
        };
        if (((kLeadInitials >> first) & 1u) && (dot || (x.capitalized(i) && x.tok[i].size() > 2)) && lead()) {
            std::size_t k = nameWords(dot ? i + 2 : i + 1, 5);
            if (!k) continue;
            if (x.punct(k, ',')) ++k;
            const std::size_t num = houseNumber(x, k);
            if (!num) continue;
            int localities = 0;
            const std::size_t e = regionalTail(x, num, localities);
            // ("via" is an English word too: "via Zelle 50" needs a locality or a postcode after it; a bare
            // number ends its clause: "at Rua Bar 12 times" counts times)
            if (e == num && (x.is(i, "via") || !(num >= n || x.tok[num].kind == Kind::Punct || lineBreakBefore(x, num)))) continue;
            emit(out, PiiType::Address, x.tok[i].begin, x.tok[e - 1].end, kAddress, 0.9f);
            i = e - 1;
            continue;
        }
        // A plot or a house with its number before the street and localities, as India, Nigeria and the
        // Philippines write them: "House No. 12, Sector 15, Gurugram, Haryana 122001", "Plot 5, Admiralty
        // Way, Lekki Phase 1, Lagos", "Blk 5 Lot 12, Mabini St., Brgy. San Isidro, Makati City" (two
        // localities at least, or one and a postcode).
        if (((kPlotInitials >> first) & 1u) && x.capitalized(i) && x.inList(i, {"house"sv, "plot"sv, "lot"sv, "flat"sv, "door"sv, "villa"sv})) {
            const std::size_t num = houseNumber(x, i + 1);
            if (!num || !x.punct(num, ',')) continue;
            int localities = 0;
            const std::size_t e = regionalTail(x, num, localities);
            if (localities < 2 && !(localities == 1 && postcodeAbroad(x, e - 1))) continue;
            std::size_t b = i;
            if (i >= 2 && x.tok[i - 1].kind == Kind::Number && x.inList(i - 2, {"blk"sv, "block"sv})) b = i - 2;
            if (b == i && x.is(i, "lot")) continue;   // (a lot alone is an auction's as often: "Lot 5, Item 3, Box 2")
            emit(out, PiiType::Address, x.tok[b].begin, x.tok[e - 1].end, kAddress, 0.85f);
            i = e - 1;
            continue;
        }
        // Turkish: the street type after its name's words (one or two: "Moda Mah. Bahariye Cad."), then
        // "No" and the number. Found at the type, the name's words read backwards.
        if (!((kTurkishInitials >> first) & 1u) || x.tok[i].size() > 9 || !x.capitalized(i) || !listed(x, i, kTurkishStreets)) continue;
        const std::size_t k = dot ? i + 2 : i + 1;
        const std::size_t num = x.inList(k, {"no"sv, "nr"sv}) ? houseNumber(x, k) : 0;
        if (!num) continue;
        std::size_t b = i, words = 0;
        for (; b > 0 && words < 3; --b) {
            if (x.punct(b - 1, '.') && b >= 2 && listed(x, b - 2, kTurkishStreets)) {
                words = 0;   // the quarter before the street: "Moda Mah. Bahariye Cad."
                continue;
            }
            if (!x.capitalized(b - 1) || listed(x, b - 1, kStreetStop)) break;
            ++words;
        }
        if (b == i || !x.capitalized(b)) continue;
        int localities = 0;
        const std::size_t e = regionalTail(x, num, localities);
        emit(out, PiiType::Address, x.tok[b].begin, x.tok[e - 1].end, kAddress, 0.9f);
        i = e - 1;
    }
}

// ADDRESS: [unit ","] number street-words suffix ["."] [direction] [[","] unit number] ["," city]
// [[","] state [zip] | zip | postcode]. Street words: 1-4 words or ordinals, none a stop word.
void scanAddresses(const Text& x, std::vector<Candidate>& out) {
    const std::size_t n = x.tok.size();
    for (std::size_t i = 0; i < n; ++i) {
        const Token& h = x.tok[i];
        // (or a Canadian unit and civic number joined by a dash: "28-2082 Rue Sainte-Catherine")
        if (!(h.kind == Kind::Number || (h.kind == Kind::Mixed && isDigit(x.t[h.begin]) && h.size() <= 6)) ||
            (h.size() > 6 && !unitCivic(x, i)))
            continue;
        if (isDigit(before(x.t, h.begin)) || before(x.t, h.begin) == '$' || before(x.t, h.begin) == '.' ||
            before(x.t, h.begin) == ',')
            continue;
        // "15, MG Road, Bengaluru 560025": an Indian house number set apart by a comma, taken only with a
        // city and its 6-digit PIN code after the street.
        const bool commaNumber = x.punct(i + 1, ',') && i + 2 < n && x.tok[i + 1].begin == h.end;
        std::size_t k = i + (commaNumber ? 2 : 1), streetWords = 0;
        bool lowerCase = true, suffix = false, prefixed = false;
        if (listed(x, k, kStreetPrefixes)) {
            // ("paid 45 via Zelle": after a number, lower-case "via" is the English word)
            if (x.is(k, "via") && !x.capitalized(k)) continue;
            // "rue des Lilas": the name's capitalised words and lower-case particles, at most four.
            lowerCase = false;
            std::size_t w = k + 1, last = 0;
            while (w < n && w - k <= 4 && x.word(w) && x.tok[w].size() > 1 && !listed(x, w, kStreetStop) &&
                   (x.capitalized(w) || x.inList(w, {"des"sv, "de"sv, "du"sv, "la"sv, "le"sv, "del"sv, "di"sv, "do"sv, "da"sv})))
            {
                if (x.capitalized(w)) last = w;
                ++w;
            }
            if (last == 0) continue;
            k = last;
            suffix = prefixed = true;
            streetWords = 5;  // skips the loop below
        }
        while (!suffix && k < n && streetWords < 5) {
            if ((listed(x, k, kStreetSuffixes) && streetWords > 0) || (streetWords == 0 && gluedWay(x, k))) {
                suffix = true;
                break;
            }
            // (or a numbered street without its ordinal's letters, right before a capitalised suffix and a city's
            // quadrant, as in Canadian grids: "1843 17 Ave SW"; not "paid 150 12 Ave")
            const bool ordinal = (x.tok[k].kind == Kind::Mixed && isDigit(x.t[x.tok[k].begin])) ||
                                 (streetWords == 0 && x.tok[k].kind == Kind::Number && x.tok[k].size() <= 3 && x.capitalized(k + 1) &&
                                  listed(x, k + 1, kStreetSuffixes) && x.allCaps(k + 2) && x.inList(k + 2, {"sw"sv, "se"sv, "nw"sv, "ne"sv}));
            // ("The Crescent", "The Strand": "the" names a street only right before its suffix)
            const bool theStreet = streetWords == 0 && x.is(k, "the") && x.capitalized(k) && x.capitalized(k + 1) &&
                                   listed(x, k + 1, kStreetSuffixes);
            // ... or a street named "The" and one or two capitalised words, no suffix, where a unit opens the
            // address: "Flat 19, 202 The Paddocks", "Apt 4, 17 The Old Maltings"
            if (streetWords == 0 && x.is(k, "the") && x.capitalized(k) && x.capitalized(k + 1) && !listed(x, k + 1, kStreetStop) &&
                i >= 3 && x.punct(i - 1, ',') && x.tok[i - 2].kind == Kind::Number &&
                x.inList(i - 3, {"flat"sv, "apt"sv, "apartment"sv, "unit"sv})) {
                k += x.capitalized(k + 2) && !listed(x, k + 2, kCityStop) && x.tok[k + 2].begin == x.tok[k + 1].end + 1 ? 2 : 1;
                suffix = true;
                lowerCase = false;
                break;
            }
            if (!(x.word(k) || ordinal) || (listed(x, k, kStreetStop) && !theStreet)) break;
            if (x.capitalized(k)) lowerCase = false;
            ++k, ++streetWords;
        }
        if (!suffix) continue;
        // "Highland Road" capitalised or "forest way" lower case: the suffix follows the street's case.
        if (lowerCase && !isLower(x.t[x.tok[k].begin])) lowerCase = false;
        std::size_t end = x.tok[k].end;
        ++k;
        if (x.punct(k, '.') && x.tok[k].begin == end) end = x.tok[k++].end;
        // "Maple Grove Dr" (a suffix-named street and its suffix), "Mount Street Upper", "Kingsway North"
        if ((listed(x, k, kStreetSuffixes) || x.inList(k, {"upper"sv, "lower"sv, "north"sv, "south"sv, "east"sv, "west"sv})) &&
            x.capitalized(k) != lowerCase && !listed(x, k, kStreetStop)) {
            end = x.tok[k++].end;
            if (x.punct(k, '.') && x.tok[k].begin == end) end = x.tok[k++].end;
        }
        if (x.inList(k, {"n"sv, "s"sv, "e"sv, "w"sv, "ne"sv, "nw"sv, "se"sv, "sw"sv, "o"sv}) && x.allCaps(k)) end = x.tok[k++].end;
        // A street's own number after its suffix, then a unit or a comma: "Blk 224 Tampines St 21 #06-74"
        if (k + 1 < n && x.tok[k].kind == Kind::Number && x.tok[k].size() <= 3 && (x.punct(k + 1, '#') || x.punct(k + 1, ',')))
            end = x.tok[k++].end;
        auto unitAt = [&](std::size_t u) -> std::size_t {  // returns the token after the unit, or 0
            if (x.punct(u, '#') && u + 1 < n && x.tok[u + 1].begin == x.tok[u].end && x.tok[u + 1].kind != Kind::Punct)
                return u + 2;
            if (!listed(x, u, kUnits)) return 0;
            std::size_t v = u + 1;
            if (x.punct(v, '.')) ++v;
            if (x.punct(v, '#')) ++v;
            return v < n && (x.tok[v].kind == Kind::Number || x.tok[v].kind == Kind::Mixed ||
                             (x.tok[v].size() == 1 && x.word(v)))
                       ? v + 1
                       : 0;
        };
        std::size_t u = unitAt(k);
        if (!u && x.punct(k, ',')) u = unitAt(k + 1);
        if (u) end = x.tok[u - 1].end, k = u;
        // City: after a comma or a line break, 1-3 words in the street's case, not stop words, not a state
        // before its ZIP or postcode ("Fitzroy VIC 3065").
        auto stateAt = [&](std::size_t w) {
            return (listed(x, w, kUsStates) && zipAt(x, w + 1)) || (listed(x, w, kAuStates) && fourDigitPostcode(x, w + 1));
        };
        auto cityFrom = [&](std::size_t c) {   // the token after the city's words
            for (std::size_t words = 0; c < n && words < 3 && x.word(c) && !listed(x, c, kCityStop) && !listed(x, c, kStreetStop) &&
                                        (lowerCase || x.capitalized(c)) && !(words > 0 && stateAt(c));
                 ++words)
                ++c;
            return c;
        };
        std::size_t c = k;
        bool cityFound = false;
        if (x.punct(c, ',') || lineBreakBefore(x, c)) {
            if (x.punct(c, ',')) ++c;
            const std::size_t from = c;
            c = cityFrom(c);
            // Two letters and a ZIP right after the comma are the state, not a city.
            if (c > from && !(c == from + 1 && stateAt(from))) {
                end = x.tok[c - 1].end;
                k = c;
                cityFound = true;
            } else {
                c = k;
            }
        }
        // Without a comma, city words right before a state and ZIP or postcode: "... apt 3c new york ny 10019",
        // "Unit 5/78 Oxford St Paddington NSW 2021".
        // ... or a postcode: "12 smith st auckland 1010", "7 Elm Road London SW1A 1AA".
        if (c == k && !x.punct(k, ','))
            for (std::size_t w = k; w < k + 4 && w < n; ++w) {
                if (w > k && ((stateAt(w) && (x.allCaps(w) || lowerCase)) || fourDigitPostcode(x, w) || ukPostcode(x, w) || eircode(x, w))) {
                    cityFound = !stateAt(w);
                    k = w;
                    break;
                }
                // ... or the city, then a comma before the state and ZIP: "1879 W Willow Dr Madison, WI 58243"
                if (w > k && x.punct(w, ',') && stateAt(w + 1) && x.allCaps(w + 1)) {
                    k = w;
                    break;
                }
                if (!x.word(w) || listed(x, w, kCityStop) || listed(x, w, kStreetStop) || !(lowerCase || x.capitalized(w))) break;
            }
        // The token after a postcode at k (after a comma or not), or 0: a state and ZIP or Australian postcode,
        // a ZIP alone, a postcode and city, a province and postal code, a UK postcode, an Irish postal
        // district and Eircode, or after a city a 4-digit postcode ("Hamilton 3204").
        auto postcodeEnd = [&](std::size_t k, bool city) -> std::size_t {
            std::size_t s = x.punct(k, ',') ? k + 1 : k;
            // (the province in brackets before the postal code: "Montréal (Québec) H6P 0L8")
            if (x.punct(s, '(') && x.capitalized(s + 1)) {
                std::size_t w = s + 1;
                while (w < n && w < s + 4 && x.capitalized(w)) ++w;
                if (x.punct(w, ')')) s = w + 1;
            }
            if (listed(x, s, kAuStates) && (x.allCaps(s) || lowerCase) && fourDigitPostcode(x, s + 1)) return s + 2;
            if (listed(x, s, kUsStates) && (x.allCaps(s) || lowerCase) && (zipAt(x, s + 1) || x.punct(s + 1, ',')))
                return zipAt(x, s + 1) ? s + 2 : s + 1;
            if (std::size_t cityAfter = postcodeCity(x, k)) return cityAfter + 1;
            if (zipAt(x, s)) return s + 1;
            if (std::size_t q = listed(x, s, kProvinces) && x.allCaps(s) ? caPostcode(x, s + 1) : caPostcode(x, s)) return q;
            if (std::size_t p = ukPostcode(x, s)) return p;
            std::size_t d = s;
            if (city && s == k && x.tok[s].kind == Kind::Number && x.tok[s].size() <= 2) d = x.punct(s + 1, ',') ? s + 2 : s + 1;
            if (std::size_t e = eircode(x, d)) return e;
            return city && s == k && (fourDigitPostcode(x, s) || indianPin(x, s)) ? s + 1 : 0;
        };
        std::size_t post = k < n ? postcodeEnd(k, cityFound) : 0;
        // A second locality before the postcode: "Rathmines, Dublin 6, D06 F933", "Rondebosch, Cape Town 7700".
        if (!post && cityFound && x.punct(k, ',')) {
            const std::size_t c2 = cityFrom(k + 1);
            if (c2 > k + 1 && c2 < n) post = postcodeEnd(c2, true);
            // ... or a city after a district, ending the clause: "21 Adeola Odeku Street, Victoria Island, Lagos".
            if (!post && c2 > k + 1 && !x.punct(c2, ':') && (c2 >= n || x.tok[c2].kind == Kind::Punct || lineBreakBefore(x, c2)))
                end = x.tok[c2 - 1].end;
        }
        // (or a Québec civic number before "rue"/"avenue"/..., with its postal code: "2863, rue Saint-Denis, Montréal
        // (Québec) H6P 0L8")
        if (commaNumber && !(post && (indianPin(x, post - 1) || prefixed))) continue;
        if (post) end = x.tok[post - 1].end;
        // A unit before the number: "Flat 3, 19 Marlowe Road", "Apartment 12, 301 ...", a Singapore block "Blk 224".
        std::size_t begin = h.begin;
        if (i >= 1 && x.inList(i - 1, {"blk"sv, "block"sv})) begin = x.tok[i - 1].begin;
        if (i >= 3 && x.punct(i - 1, ',') && x.tok[i - 2].kind != Kind::Punct && x.tok[i - 2].size() <= 4 &&
            !x.word(i - 2) && listed(x, i - 3, kUnits))
            begin = x.tok[i - 3].begin;
        // A unit and the house number with a slash: "12/48 Beach Road", "Unit 5/14 Beach St".
        if (i >= 2 && x.punct(i - 1, '/') && x.tok[i - 1].begin + 1 == h.begin && x.tok[i - 2].kind != Kind::Punct &&
            x.tok[i - 2].end == x.tok[i - 1].begin && x.tok[i - 2].size() <= 4 && !x.word(i - 2) && isDigit(x.t[x.tok[i - 2].begin])) {
            begin = x.tok[i - 2].begin;
            if (i >= 3 && listed(x, i - 3, kUnits)) begin = x.tok[i - 3].begin;
        }
        emit(out, PiiType::Address, begin, end, kAddress, 0.9f);
    }
    // A unit in a named building, no street number: "Unit 5, Parkway Business Centre, Leicester LE4 1BZ",
    // "Suite 210, Harbour House, Leeds, LS1 4AP", "Apt 60, The Maltings, Bishop Street, Cork, T12 N0D8": unit,
    // number, the building's capitalised words, then its street and city (capitalised words between commas:
    // one at least after a building word, two otherwise) and a postcode, Eircode, postal code or ZIP (required:
    // the proof that this is an address).
    for (std::size_t i = 0; i + 6 < n; ++i) {
        // (cheapest test first: this runs for every token)
        if ((x.tok[i + 1].kind != Kind::Number && x.tok[i + 1].kind != Kind::Mixed) || !x.punct(i + 2, ',') ||
            !x.capitalized(i) || !listed(x, i, kUnits))
            continue;
        std::size_t k = i + 3;
        while (k < n && k - i < 8 && x.capitalized(k)) ++k;
        if (k == i + 3) continue;
        const bool building = x.inList(k - 1, {"centre"sv, "center"sv, "house"sv, "building"sv, "estate"sv, "park"sv, "tower"sv,
                                               "court"sv, "plaza"sv, "mews"sv, "works"sv, "chambers"sv});
        if (x.punct(k, ',')) ++k;
        std::size_t segments = 0, e = 0;
        for (; k < n && segments < 3; ++segments) {
            if ((e = ukPostcode(x, k)) || (e = eircode(x, k)) || (e = caPostcode(x, k)) || (zipAt(x, k) && (e = k + 1))) break;
            const std::size_t from = k;
            while (k < n && k - from < 3 && x.capitalized(k) && !listed(x, k, kCityStop)) ++k;
            if (k == from) break;
            if (x.punct(k, ',')) ++k;
        }
        if (e && segments >= (building ? 1u : 2u)) emit(out, PiiType::Address, x.tok[i].begin, x.tok[e - 1].end, kAddress, 0.85f);
    }
    // "Kastanienallee 12, 10435 Berlin", "Hauptstraße 5a": a street word ending in a German, Dutch or
    // Nordic street suffix, a house number, and optionally the postcode and city.
    // ("Goethestr. 29, 50667 Köln": the suffix abbreviated, its '.' a token of its own)
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const bool dot = x.punct(i + 1, '.') && x.tok[i + 1].begin == x.tok[i].end;
        const std::size_t num = dot ? i + 2 : i + 1;
        if (num >= n || !(x.tok[num].kind == Kind::Number || (x.tok[num].kind == Kind::Mixed && isDigit(x.t[x.tok[num].begin]))) ||
            x.tok[num].size() > 4 || !x.capitalized(i))
            continue;
        // German streets named with a preposition, "Am Markt 35, 78210 Berlin", "An der Alster 4, 20099 Hamburg",
        // "Im Winkel 3": the preposition (and article), one or two capitalised words, the number, then the
        // postcode and city (required: the proof that this is an address).
        // (the preposition is 2-3 letters: the cheap test first, this runs at every capitalised word before a number)
        auto preposition = [&](std::size_t p) {
            return x.tok[p].size() <= 3 && x.capitalized(p) && x.inList(p, {"am"sv, "im"sv, "an"sv, "auf"sv, "zum"sv, "zur"sv});
        };
        if (!dot && i >= 2 && x.word(i - 1)) {
            std::size_t p = i - 1;
            if (x.capitalized(p) && !preposition(p)) --p;   // a second word
            if (p >= 1 && x.tok[p].size() == 3 && x.inList(p, {"der"sv, "dem"sv, "den"sv})) --p;
            if (preposition(p))
                if (const std::size_t city = postcodeCity(x, num + 1)) {
                    emit(out, PiiType::Address, x.tok[p].begin, x.tok[city].end, kAddress, 0.85f);
                    continue;
                }
        }
        if (x.tok[i].size() < 6) continue;
        const std::string_view w = x.str(i);
        bool street = false;
        for (std::string_view suf : kGluedSuffixes) {
            if (dot != (suf.back() == '.')) continue;
            if (dot) suf.remove_suffix(1);
            street = street || (w.size() > suf.size() + 2 && startsWithNoCase(w, w.size() - suf.size(), suf));
        }
        if (!street) continue;
        std::size_t end = x.tok[num].end;
        if (std::size_t city = postcodeCity(x, num + 1)) end = x.tok[city].end;
        emit(out, PiiType::Address, x.tok[i].begin, end, kAddress, 0.85f);
    }
    // A UK postcode on its own ("postcode SW1A 2AA"): upper case, or any case after "postcode"; a US ZIP
    // after "zip"/"zip code"/"postal code".
    for (std::size_t i = 0; i < n; ++i) {
        // "postcode SW1A 2AA", "zip code is 94105", "post code: ls1 4ap": a keyword up to 3 tokens before
        // (looked for only at a postcode or a ZIP).
        const std::size_t e = ukPostcode(x, i);
        if (!e && !zipAt(x, i)) continue;
        bool postalCue = false;
        for (std::size_t back = 1; back <= 3 && back <= i && !postalCue; ++back)
            postalCue = x.inList(i - back, {"postcode"sv, "zip"sv, "zipcode"sv, "postal"sv, "post"sv});
        if (e) {
            bool upper = true;
            for (std::size_t k = x.tok[i].begin; k < x.tok[e - 1].end; ++k) upper = upper && !isLower(x.t[k]);
            if (upper || postalCue) emit(out, PiiType::Address, x.tok[i].begin, x.tok[e - 1].end, kAddress, 0.85f);
        } else if (postalCue && !isDigit(at(x.t, x.tok[i].end))) {
            emit(out, PiiType::Address, x.tok[i].begin, x.tok[i].end, kAddress, 0.85f);
        }
    }
    // PO Box NNN
    for (std::size_t i = 0; i + 2 < n; ++i)
        if ((x.is(i, "po") || x.is(i, "p.o.")) && x.is(i + 1, "box") && x.tok[i + 2].kind == Kind::Number)
            emit(out, PiiType::Address, x.tok[i].begin, x.tok[i + 2].end, kAddress, 0.9f);
}

// ---- DATE_TIME ----------------------------------------------------------------------------------------
int numberValue(const Text& x, std::size_t i) {
    int v = 0;
    for (std::size_t k = x.tok[i].begin; k < x.tok[i].end && isDigit(x.t[k]) && v < 100000; ++k) v = v * 10 + (x.t[k] - '0');
    return v;
}
// A day number, possibly an ordinal ("4th", "1st").
bool dayAt(const Text& x, std::size_t i) {
    if (i >= x.tok.size()) return false;
    const Token& k = x.tok[i];
    std::string_view s = x.str(i);
    if (k.kind == Kind::Mixed) {
        if (s.size() < 3) return false;
        const std::string_view suf = s.substr(s.size() - 2);
        // (and the French "1er", the Spanish and Portuguese "1º")
        if (!(startsWithNoCase(suf, 0, "st") || startsWithNoCase(suf, 0, "nd") || startsWithNoCase(suf, 0, "rd") ||
              startsWithNoCase(suf, 0, "th") || startsWithNoCase(suf, 0, "er") || suf == "\xC2\xBA"sv))
            return false;
        s = s.substr(0, s.size() - 2);
        for (char c : s)
            if (!isDigit(c)) return false;
    } else if (k.kind != Kind::Number) {
        return false;
    }
    if (s.empty() || s.size() > 2) return false;
    const int d = numberValue(x, i);
    return d >= 1 && d <= 31;
}
bool yearAt(const Text& x, std::size_t i) {
    if (i >= x.tok.size() || x.tok[i].kind != Kind::Number || x.tok[i].size() != 4) return false;
    const int y = numberValue(x, i);
    return y >= 1900 && y <= 2099;
}

// A card's expiry cue up to three tokens before token i: "exp", "expiry"/"expires"/"expiration",
// "valid thru/through/until", "good thru" ("expiry is may 2028", "expires: June 2027").
// An identity document named in the 12 tokens before i, no card after it: what "expires" there is a
// date, not a card's expiry ("my passport no is N1104, expires dec 19").
bool documentBefore(const Text& x, std::size_t i) {
    for (std::size_t k = i; k-- > 0 && i - k <= 12;) {
        if (x.inList(k, {"card"sv, "visa"sv, "mastercard"sv, "amex"sv, "debit"sv, "credit"sv})) return false;
        if (x.inList(k, {"passport"sv, "licence"sv, "license"sv, "permit"sv})) return true;
    }
    return false;
}

bool expiryCueBefore(const Text& x, std::size_t i) {
    for (std::size_t back = 1; back <= 3 && back <= i; ++back) {
        const std::size_t k = i - back;
        if (x.is(k, "exp") || (x.word(k) && x.tok[k].size() >= 5 && startsWithNoCase(x.t, x.tok[k].begin, "expir")) ||
            (x.inList(k, {"thru"sv, "through"sv, "until"sv}) && k > 0 && x.inList(k - 1, {"valid"sv, "good"sv})))
            return true;
    }
    return false;
}

// "birth", "born" or "dob" in the 120 bytes before pos.
bool birthBefore(std::string_view t, std::size_t pos) {
    for (std::size_t p = pos > 120 ? pos - 120 : 0; p < pos; ++p)
        if (!isLetter(before(t, p)) && (startsWithNoCase(t, p, "birth") || startsWithNoCase(t, p, "born") ||
                                        (startsWithNoCase(t, p, "dob") && !isLetter(at(t, p + 3)))))
            return true;
    return false;
}

// "am"/"pm" or "a.m."/"p.m." starting at token j: where it ends (0: none).
std::size_t meridiem(const Text& x, std::size_t j) {
    if (x.is(j, "am") || x.is(j, "pm")) return x.tok[j].end;
    if (!(x.is(j, "a") || x.is(j, "p")) || !x.punct(j + 1, '.') || !x.is(j + 2, "m") || x.tok[j + 2].begin != x.tok[j].end + 1) return 0;
    return x.punct(j + 3, '.') && x.tok[j + 3].begin == x.tok[j + 2].end ? x.tok[j + 3].end : x.tok[j + 2].end;
}

void scanDates(const Text& x, const Starts& starts, std::vector<Candidate>& out) {
    const std::string_view t = x.t;
    const std::size_t n = x.tok.size();
    const std::size_t first = out.size();
    // Numeric: D/M/Y or M/D/Y (one separator kind: / . -), Y-M-D; valid day and month either way.
    // (only where a run of digits starts, Starts::numbers: no byte loop; each date found is passed over)
    std::size_t resume = 0;   // after the last date's end
    for (std::size_t p : starts.numbers) {
        if (p < resume || !isDigit(t[p]) || isLetter(before(t, p))) continue;
        std::size_t q = p;
        int part[3] = {0, 0, 0};
        std::size_t len[3] = {0, 0, 0};
        char sep = 0;
        int parts = 0;
        while (parts < 3) {
            std::size_t s = q;
            while (isDigit(at(t, q)) && q - s < 5) part[parts] = part[parts] * 10 + (t[q++] - '0');
            len[parts] = q - s;
            if (len[parts] == 0 || isDigit(at(t, q))) break;
            ++parts;
            if (parts == 3) break;
            const char c = at(t, q);
            if (!(c == '/' || c == '.' || c == '-') || (sep && c != sep) || !isDigit(at(t, q + 1))) break;
            sep = c;
            ++q;
        }
        if (parts != 3 || isAlnum(at(t, q)) || (at(t, q) == sep && isDigit(at(t, q + 1)))) {
            // A day and month without the year after "on"/"dated"/"since"/"until" or a statement's "DATE" column:
            // "bounced on 24/7", "paid on 3/11" (never a
            // card's expiry: "exp on 05/29").
            if (parts == 2 && sep == '/' && len[0] <= 2 && len[1] <= 2 && !isAlnum(at(t, q)) && at(t, q) != '/' &&
                ((part[0] >= 1 && part[0] <= 31 && part[1] >= 1 && part[1] <= 12) || (part[0] >= 1 && part[0] <= 12 && part[1] >= 1 && part[1] <= 31))) {
                const std::size_t ti = tokenAt(x, p);
                if (ti >= 1 && (x.inList(ti - 1, {"on"sv, "dated"sv, "since"sv, "until"sv}) || (x.is(ti - 1, "date") && x.allCaps(ti - 1))) &&
                    !expiryCueBefore(x, ti) &&
                    !x.is(tokenAt(x, q), "of"))   // not "on 3/4 of them"
                    emit(out, PiiType::DateTime, p, q, kDate, 0.8f);
                else if (expiryCueBefore(x, ti) && documentBefore(x, ti))   // "passport ... expires 12/22"
                    emit(out, PiiType::DateTime, p, q, kDate, 0.8f);
            }
            continue;
        }
        bool ok = false;
        if (len[0] == 4) {
            ok = len[1] <= 2 && len[2] <= 2 && part[1] >= 1 && part[1] <= 12 && part[2] >= 1 && part[2] <= 31;
        } else if (len[0] <= 2 && len[1] <= 2 && (len[2] == 4 || len[2] == 2)) {
            const bool mdy = part[0] >= 1 && part[0] <= 12 && part[1] >= 1 && part[1] <= 31;
            const bool dmy = part[1] >= 1 && part[1] <= 12 && part[0] >= 1 && part[0] <= 31;
            // D-M-YY and D.M.YY only when the text asks or speaks of a birth date ("date of birth? 26-2-64").
            ok = (mdy || dmy) && (len[2] == 4 ? part[2] >= 1900 && part[2] <= 2099 : sep == '/' || birthBefore(t, p));
        }
        if (ok) emit(out, PiiType::DateTime, p, q, kDate, 0.9f);
        resume = q + 1;
    }
    // Month names: "January 10, 2025", "June 4th", "may 14", "18 November", "20 April 1985",
    // "the 5th of May", "March 2024". Lower-case "may"/"march" only with a day next to them.
    for (std::size_t i = 0; i < n; ++i) {
        if (!isMonth(x, i, true)) {
            // A day and a month named in Spanish, Portuguese or French, with or without the year: "13 de febrero de
            // 2026", "3 de maio de 2025", "12 mars 1985", "agosto de 2024" (a day before it or a year after it:
            // "mayo" alone is a word). (A number before it, or a number or "de" after it, first: most words go no further.)
            if (i == 0 || !x.word(i) || x.tok[i].size() < 3 ||
                !(x.tok[i - 1].kind == Kind::Number || x.tok[i - 1].kind == Kind::Mixed ||
                  (i + 1 < n && (x.tok[i + 1].kind == Kind::Number || x.is(i + 1, "de") || x.is(i + 1, "del")))))
                continue;
            const bool dayBefore = dayAt(x, i - 1) || (i >= 2 && x.is(i - 1, "de") && dayAt(x, i - 2));
            const std::size_t y = x.inList(i + 1, {"de"sv, "del"sv}) ? i + 2 : i + 1;
            if (!(dayBefore || yearAt(x, y)) || !listed(x, i, kMonthsAbroad)) continue;
            const std::size_t b = !dayBefore ? i : dayAt(x, i - 1) ? i - 1 : i - 2;
            emit(out, PiiType::DateTime, x.tok[b].begin, x.tok[yearAt(x, y) ? y : i].end, kDate, 0.9f);
            continue;
        }
        const bool abbr = !isMonth(x, i, false);
        std::size_t b = x.tok[i].begin, e = x.tok[i].end;
        bool found = false;
        std::size_t k = i + 1;
        if (x.punct(k, '.') && abbr) ++k;
        if (dayAt(x, k)) {
            e = x.tok[k].end;
            found = true;
            std::size_t y = k + 1;
            if (x.punct(y, ',')) ++y;
            if (yearAt(x, y)) e = x.tok[y].end;
        } else if (yearAt(x, k)) {
            e = x.tok[k].end;
            found = true;
        }
        // Day before the month: "18 November", "5th of May"
        std::size_t d = i;
        if (d >= 2 && x.is(d - 1, "of") && dayAt(x, d - 2)) d -= 2;
        else if (d >= 1 && dayAt(x, d - 1)) d -= 1;
        if (d != i) {
            b = x.tok[d].begin;
            if (!found && yearAt(x, i + 1)) e = x.tok[i + 1].end;
            found = true;
        }
        if (!found) continue;
        // Lower-case "may"/"march" are verbs more often than months: only after a date preposition or
        // with a year ("on may 14", "due may 7, 2024"), never "I may 2 times".
        if ((x.is(i, "may") || x.is(i, "march")) && !x.capitalized(i) && d == i &&
            !(i > 0 && x.inList(i - 1, {"on"sv, "since"sv, "by"sv, "until"sv, "till"sv, "from"sv, "before"sv, "after"sv, "due"sv, "of"sv,
                                        "in"sv, "dated"sv, "dob"sv, "date"sv})) &&
            !(e > x.tok[i].end && yearAt(x, tokenAt(x, e) - 1)))
            continue;
        // Month and year after an expiry cue: the card's expiry, not a date ("expiry: may 29" is a
        // two-digit year there).
        if (d == i && (!dayAt(x, k) || x.tok[k].size() == 2) && expiryCueBefore(x, i) && !documentBefore(x, i)) {
            emit(out, PiiType::CreditDebitExpiry, b, e, kContext, 0.85f);
            continue;
        }
        emit(out, PiiType::DateTime, b, e, kDate, 0.9f);
    }
    for (std::size_t i = 1; i < n; ++i) {
        // A month alone after a date preposition: "in August", "since Jan", "statements for Sept to
        // March 2025" (capitalised; lower-case "may"/"march" are verbs too often, and capitalised "May" and
        // "March" only after a preposition of time: "cancelled in March", not "for May I").
        if (x.tok[i].kind == Kind::Word && x.capitalized(i) && isMonth(x, i, true) &&
            (!(x.is(i, "may") || x.is(i, "march")) ||
             x.inList(i - 1, {"in"sv, "since"sv, "during"sv, "until"sv, "till"sv, "before"sv, "after"sv, "early"sv, "late"sv, "mid"sv})) &&
            x.inList(i - 1, {"in"sv, "since"sv, "during"sv, "until"sv, "till"sv, "by"sv, "from"sv, "before"sv, "after"sv, "for"sv,
                             "of"sv, "early"sv, "late"sv, "mid"sv, "last"sv, "next"sv, "this"sv, "until"sv}))
            emit(out, PiiType::DateTime, x.tok[i].begin, x.tok[i].end, kDate, 0.75f);
        // An ordinal day after "the", after a preposition, ending the clause: "lands on the 28th",
        // "from the 2nd to the 9th, ...", but not "on the 2nd floor".
        if (i >= 2 && x.tok[i].kind == Kind::Mixed && dayAt(x, i) && x.is(i - 1, "the") &&
            x.inList(i - 2, {"on"sv, "to"sv, "from"sv, "by"sv, "until"sv, "till"sv, "before"sv, "after"sv, "since"sv, "until"sv}) &&
            (i + 1 >= n || x.tok[i + 1].kind == Kind::Punct || x.inList(i + 1, {"and"sv, "or"sv, "but"sv, "please"sv, "pls"sv, "so"sv, "then"sv, "instead"sv, "to"sv, "until"sv, "till"sv})))
            emit(out, PiiType::DateTime, x.tok[i].begin, x.tok[i].end, kDate, 0.75f);
    }
    // A year alone after a preposition of time, "born" or "issued": "born in 1957", "back in 2016", "issued
    // 2019" (not "card ending in 1933", not an amount: "in 2000 dollars").
    for (std::size_t i = 1; i < n; ++i) {
        if (!yearAt(x, i) || !x.inList(i - 1, {"in"sv, "since"sv, "until"sv, "till"sv, "before"sv, "after"sv, "during"sv, "issued"sv,
                                               "born"sv, "circa"sv, "dob"sv}))
            continue;
        const char next = at(t, x.tok[i].end);
        if ((next == '/' || next == '.' || next == '-' || next == ',' || next == ':') && isDigit(at(t, x.tok[i].end + 1))) continue;
        // ("put in 2000", "paid in 2000": an amount keyed or paid in)
        if ((i >= 2 && x.is(i - 1, "in") && x.inList(i - 2, {"ending"sv, "ends"sv, "end"sv, "put"sv, "paid"sv, "pay"sv, "typed"sv,
                                                             "keyed"sv, "punched"sv, "cash"sv, "cashed"sv, "deposit"sv, "deposited"sv,
                                                             "send"sv, "sent"sv, "bring"sv, "brought"sv})) ||
            x.inList(i + 1, {"dollars"sv, "euros"sv, "pounds"sv, "bucks"sv, "quid"sv, "usd"sv, "eur"sv, "gbp"sv, "aud"sv, "cad"sv,
                             "times"sv, "transactions"sv, "payments"sv, "people"sv, "customers"sv, "points"sv, "miles"sv, "items"sv}))
            continue;
        emit(out, PiiType::DateTime, x.tok[i].begin, x.tok[i].end, kDate, 0.75f);
    }
    // Weekdays after on/last/next/this/by/until, or capitalised.
    for (std::size_t i = 0; i < n; ++i) {
        // (every weekday's name has 6-9 letters and ends in "day": most tokens go no further)
        if (x.tok[i].size() < 6 || x.tok[i].size() > 9 || !startsWithNoCase(x.t, x.tok[i].end - 3, "day") || !listed(x, i, kWeekdays))
            continue;
        if (!(x.capitalized(i) || (i > 0 && x.inList(i - 1, {"on"sv, "last"sv, "next"sv, "this"sv, "by"sv, "until"sv, "since"sv, "do"sv,
                                                             "before"sv, "after"sv, "till"sv, "every"sv, "from"sv, "to"sv}))))
            continue;
        emit(out, PiiType::DateTime, x.tok[i].begin, x.tok[i].end, kDate, 0.8f);
    }
    // Clock times: "10:30", "10:30 am", "3pm", "3 p.m."
    for (std::size_t i = 0; i < n; ++i) {
        const Token& k = x.tok[i];
        // "10:30am": the minutes and the suffix are one token
        const bool gluedSuffix = i + 2 < n && x.tok[i + 2].kind == Kind::Mixed && x.tok[i + 2].size() == 4 &&
                                 isDigit(x.t[x.tok[i + 2].begin]) && isDigit(x.t[x.tok[i + 2].begin + 1]) &&
                                 (startsWithNoCase(x.t, x.tok[i + 2].begin + 2, "am") ||
                                  startsWithNoCase(x.t, x.tok[i + 2].begin + 2, "pm"));
        // ("3.50 PM", "11.05am": a dot between hours and minutes only with am/pm, an amount has none)
        auto dotted = [&] { return x.punct(i + 1, '.') && (gluedSuffix || meridiem(x, i + 3) != 0) && numberValue(x, i) <= 12; };
        if (k.kind == Kind::Number && k.size() <= 2 && (x.punct(i + 1, ':') || dotted()) && i + 2 < n &&
            ((x.tok[i + 2].kind == Kind::Number && x.tok[i + 2].size() == 2) || gluedSuffix) && x.tok[i + 1].begin == k.end &&
            x.tok[i + 2].begin == k.end + 1 && numberValue(x, i) <= 24 && numberValue(x, i + 2) < 60 &&
            !isDigit(before(t, k.begin)) && before(t, k.begin) != ':' && at(t, x.tok[i + 2].end) != ':') {
            std::size_t e = x.tok[i + 2].end;
            if (const std::size_t m = meridiem(x, i + 3)) e = m;
            emit(out, PiiType::DateTime, k.begin, e, kDate, 0.85f);
            i += 2;   // not "30am" again below
        } else if (k.kind == Kind::Mixed && k.size() <= 4) {
            const std::string_view s = x.str(i);
            const std::string_view suf = s.substr(s.size() - 2);
            if ((startsWithNoCase(suf, 0, "am") || startsWithNoCase(suf, 0, "pm")) && isDigit(s[0]) &&
                (s.size() == 3 || isDigit(s[1])))
                emit(out, PiiType::DateTime, k.begin, k.end, kDate, 0.85f);
        } else if (k.kind == Kind::Number && k.size() <= 2 && numberValue(x, i) <= 12 && numberValue(x, i) >= 1 && meridiem(x, i + 1) != 0) {
            emit(out, PiiType::DateTime, k.begin, meridiem(x, i + 1), kDate, 0.85f);
        }
    }
    // Parts of one date side by side are one entity: "Friday 7 June", "3 October 2025, 10:30am",
    // (not "Monday at 3pm": the dev set's convention keeps those apart). Candidates from above, by their start; each chain also as a whole (the longer
    // candidate wins where they overlap).
    // An insertion sort: a message has a handful of dates (std::sort would add its code to the wasm).
    const std::size_t last = out.size();
    for (std::size_t a = first + 1; a < last; ++a)
        for (std::size_t b = a; b > first && (out[b].begin < out[b - 1].begin ||
                                               (out[b].begin == out[b - 1].begin && out[b].end > out[b - 1].end)); --b)
            std::swap(out[b], out[b - 1]);
    for (std::size_t a = first; a < last;) {
        std::size_t end = out[a].end, b = a + 1;
        for (; b < last; ++b) {
            if (out[b].begin < end) continue;
            std::size_t p = end;
            while (p < out[b].begin && (t[p] == ' ' || t[p] == ',')) ++p;
            if (p != out[b].begin || out[b].begin - end > 4) break;
            end = out[b].end;
        }
        if (b > a + 1 && end > out[a].end) out.push_back({PiiType::DateTime, out[a].begin, end, kDate, 0.9f});
        a = b;
    }
}

// ---- Values after a keyword -------------------------------------------------------------------------
// Fillers between a keyword and its value: "passport number: X", "username is X", "the old one was X".
constexpr std::string_view kFillersList[] = {
    "is", "was", "number", "no", "num", "nr", "nbr", "id", "my", "it's", "its", "it", "the", "of", "to", "be", "will", "should", "i",
    "use", "used", "now", "code", "would", "currently", "details", "reads", "says", "says:", "set", "as", "today",
    "down",   // "i wrote my password down as X"
    // "is" in the languages of the keys ("la contraseña es X", "hasło jest X"), and which of two a value is
    // ("Password lama X": Malay "old")
    "es", "est", "é", "jest", "ist", "old", "new", "current", "lama", "baru", "antigua", "nueva", "actual", "ancien", "nouveau"};
constexpr auto kFillers = packByLetter<kFillersList>();
bool filler(const Text& x, std::size_t i) {
    if (i >= x.tok.size()) return false;
    if (x.tok[i].kind == Kind::Punct) {
        const char c = x.t[x.tok[i].begin];
        if (c == '.') return i > 0 && x.inList(i - 1, {"no"sv, "nr"sv, "num"sv, "nbr"sv});  // "passport no. X"
        return c == ':' || c == '=' || c == '#' || c == '-' || c == '(' || c == '"' || c == '\'';
    }
    return listed(x, i, kFillers);
}

// The value token after the keyword ending at token index k (exclusive): a run of non-space bytes,
// without trailing ',', ';', ')' or quotes (and without a trailing '.', '?' or '!' unless keepEnd).
struct Value {
    std::size_t begin = 0, end = 0;
    bool found() const { return end > begin; }
};
// A value in quotes or backticks opening at token i: "`^Copp388~`", "\"!Haze896=\"", "“lime tree river 7”"
// (inside, a passphrase keeps its spaces): the bytes between the quotes, which touch no space, on one
// line, up to 64 bytes. The closing quote ends a word ("'Tulip!74'" but not the apostrophe of "it's").
Value quotedAt(const Text& x, std::size_t i) {
    if (i >= x.count || x.tok[i].kind != Kind::Punct) return {};
    const std::string_view t = x.t;
    const std::size_t q = x.tok[i].begin;
    std::string_view close;
    if (t[q] == '"' || t[q] == '`' || t[q] == '\'') close = t.substr(q, 1);
    else if (startsWithNoCase(t, q, "\xE2\x80\x9C")) close = "\xE2\x80\x9D";   // “ ”
    else if (startsWithNoCase(t, q, "\xE2\x80\x98")) close = "\xE2\x80\x99";   // ‘ ’
    else return {};
    const std::size_t b = x.tok[i].end;
    if (b >= t.size() || t[b] == ' ' || t[b] == '\n') return {};
    for (std::size_t e = b + 1; e < t.size() && e - b <= 64 && t[e] != '\n'; ++e)
        if (startsWithNoCase(t, e, close) && !isAlnum(at(t, e + close.size())))
            return t[e - 1] == ' ' ? Value{} : Value{b, e};
    return {};
}

Value valueAfter(const Text& x, std::size_t k, bool keepEnd, std::size_t maxFillers = 4) {
    std::size_t f = 0;
    // (a word glued to '_' or '.' and more is a handle's start, no filler: "username the_volga")
    auto glued = [&](std::size_t i) {
        const std::size_t e = x.tok[i].end;
        return x.word(i) && (at(x.t, e) == '_' || at(x.t, e) == '.') && isAlnum(at(x.t, e + 1));
    };
    for (;; ++k, ++f) {
        if (k >= x.count) return {};
        if (x.tok[k].kind == Kind::Punct)
            if (const Value q = quotedAt(x, k); q.found()) return q;
        // A remark in brackets between a label and its colon: "Username (case sensitive): X".
        if (x.punct(k, '(') && f < maxFillers)
            for (std::size_t j = k + 1; j < x.count && j <= k + 5 && x.word(j); ++j)
                if (x.punct(j + 1, ')') && x.punct(j + 2, ':')) {
                    k = j + 2;
                    break;
                }
        // (a password's '#' glued to the rest is its first symbol: "a password #Otte120!")
        const bool symbol = keepEnd && x.punct(k, '#') && k + 1 < x.count && x.tok[k + 1].begin == x.tok[k].end &&
                            x.tok[k + 1].kind != Kind::Punct;
        if (!(f < maxFillers && filler(x, k) && !glued(k) && !symbol)) break;
    }
    if (k >= x.tok.size()) return {};
    std::size_t b = x.tok[k].begin, e = b;
    const std::string_view t = x.t;
    // (a password may start with any of its symbols: "$RS4K1L", "%Nutm41#", "^Copp38~")
    if (x.tok[k].kind == Kind::Punct && !(t[b] == '@' || t[b] == '!' || t[b] == '$' || t[b] == '*' || t[b] == '#' ||
                                          t[b] == '%' || t[b] == '^' || t[b] == '~' || t[b] == '&'))
        return {};
    while (e < t.size() && t[e] != ' ' && t[e] != '\n' && t[e] != '\t') ++e;
    auto trim = [&](char c) {
        return c == ',' || c == ';' || c == ')' || c == '"' || c == '\'' || c == ':' ||
               (!keepEnd && (c == '.' || c == '?' || c == '!'));
    };
    while (e > b && trim(t[e - 1])) --e;
    return {b, e};
}

bool hasDigit(std::string_view s) { return std::any_of(s.begin(), s.end(), isDigit); }
// Not a plain word: a digit, '_' or '.', or a capital after a small letter ("SakuraKwame").
bool handleShape(std::string_view s) {
    bool inner = hasDigit(s) || s.find_first_of("_.") != std::string_view::npos;
    for (std::size_t c = 1; c < s.size() && !inner; ++c) inner = isUpper(s[c]) && isLower(s[c - 1]);
    return inner;
}
std::size_t countDigits(std::string_view s) { return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), isDigit)); }

// A keyword found at token index i spanning `len` tokens (phrase), with its type.
template <class S>
struct KeyPhraseT {
    [[no_unique_address]] S phrase;
    PiiType type;
    template <class F> FINCHAT_PII_INLINE constexpr auto map(F f) const { return KeyPhraseT<decltype(f(phrase))>{f(phrase), type}; }
};
using KeyPhrase = KeyPhraseT<std::string_view>;  // pii_packed.h
constexpr KeyPhrase kValueKeysList[] = {
    {"username", PiiType::Username},       {"user name", PiiType::Username},   {"user id", PiiType::Username},
    {"userid", PiiType::Username},         {"login id", PiiType::Username},    {"login name", PiiType::Username},
    {"login", PiiType::Username},          {"screen name", PiiType::Username}, {"handle", PiiType::Username},
    {"user-id", PiiType::Username},        {"log in as", PiiType::Username},   {"logged in as", PiiType::Username},
    {"logging in as", PiiType::Username},  {"sign in as", PiiType::Username},  {"signed in as", PiiType::Username},
    {"signing in as", PiiType::Username},  {"user is", PiiType::Username},   // "user is TacoqueenRaj" (a handle's shape)
    // "cant login with user reuben_x" (a handle's shape; not a turn's "User:"); a password's short word after
    // a login's value: "Login name: A / pass: B" (only so: "boarding pass: X" is none)
    {"user", PiiType::Username},           {"pass", PiiType::Password},
    {"my pass is", PiiType::Password},     {"my pass was", PiiType::Password},  // "my pass is x7Kq!" (not "my boarding pass is")
    {"password", PiiType::Password},       {"passwd", PiiType::Password},      {"pwd", PiiType::Password},
    {"passphrase", PiiType::Password},     {"pw", PiiType::Password},          {"old one was", PiiType::Password},
    // ("new one" then fillers: "new one is X", "new one will be X", "new one X"; what "one" stands for: oneRefersTo)
    {"new one", PiiType::Password},        {"old one is", PiiType::Password},  {"current one is", PiiType::Password},
    // the password and the login in the languages customers write in ("Hasło X", "la contraseña del home
    // banking es X", "mon mot de passe X", "usuario X", "utilisateur X")
    {"hasło", PiiType::Password},          {"haslo", PiiType::Password},       {"contraseña", PiiType::Password},
    {"contrasena", PiiType::Password},     {"mot de passe", PiiType::Password}, {"senha", PiiType::Password},
    {"passwort", PiiType::Password},       {"kennwort", PiiType::Password},    {"wachtwoord", PiiType::Password},
    {"kata laluan", PiiType::Password},    {"kata sandi", PiiType::Password},
    {"usuario", PiiType::Username},        {"usuário", PiiType::Username},     {"utilisateur", PiiType::Username},
    {"d'utilisateur", PiiType::Username},  {"identifiant", PiiType::Username}, {"benutzername", PiiType::Username},
    {"użytkownik", PiiType::Username},     {"uzytkownik", PiiType::Username},

    // an app's passcode with letters in it is a password (digits only: a PIN, pii.cpp); a bank's login
    // named by the service ("my online banking id is mruiz")
    {"passcode", PiiType::Password},       {"banking id", PiiType::Username},  {"online id", PiiType::Username},
    {"passport", PiiType::PassportNumber}, {"pasport", PiiType::PassportNumber}, {"passort", PiiType::PassportNumber},
    {"memorable word", PiiType::Password}, {"memorable", PiiType::Password}, {"secret word", PiiType::Password},
    {"driver's licence", PiiType::DriverId}, {"driver's license", PiiType::DriverId},
    {"drivers licence", PiiType::DriverId}, {"drivers license", PiiType::DriverId},
    {"driver licence", PiiType::DriverId}, {"driver license", PiiType::DriverId},
    {"driving licence", PiiType::DriverId}, {"driving license", PiiType::DriverId},
    {"licence", PiiType::DriverId},        {"license", PiiType::DriverId},     {"dl", PiiType::DriverId},
    {"drivers lic", PiiType::DriverId},    {"driver's lic", PiiType::DriverId}, {"driving lic", PiiType::DriverId},
    {"driver lic", PiiType::DriverId},
    // the licence in French ("Quebec permis de conduire P8919..."); a passport's page named for it ("the number
    // on my passport photo page is U4482412"); "log in name: X"; "my password has been Tulip!74 for years"
    // (each entry is tried by every token of its first letter: only the phrasings customers use)
    {"permis de conduire", PiiType::DriverId}, {"photo page", PiiType::PassportNumber},
    {"log in name", PiiType::Username},        {"password has been", PiiType::Password},
    // a document's new or old number where the document was named before ("I renewed my passport last month,
    // the new number is X"): the type of what was named (oneRefersTo), only a passport's or a licence's
    {"new number", PiiType::PassportNumber}, {"old number", PiiType::PassportNumber},
    {"itin", PiiType::UsIndividualTaxIdentificationNumber},
    {"tax id", PiiType::UsIndividualTaxIdentificationNumber},
    {"taxpayer id", PiiType::UsIndividualTaxIdentificationNumber},
    {"ni", PiiType::UkNationalInsuranceNumber}, {"national insurance", PiiType::UkNationalInsuranceNumber},
    {"nino", PiiType::UkNationalInsuranceNumber},
    {"sin", PiiType::CaSocialInsuranceNumber}, {"social insurance", PiiType::CaSocialInsuranceNumber},
    {"nhs", PiiType::UkNationalHealthServiceNumber},
    {"secret", PiiType::AwsSecretKey},     {"secret key", PiiType::AwsSecretKey},     {"key", PiiType::AwsSecretKey},
    {"aws_secret_access_key", PiiType::AwsSecretKey}, {"secret access key", PiiType::AwsSecretKey},
    {"age", PiiType::Age},                 {"aged", PiiType::Age},             {"i'm", PiiType::Age},
    {"i am", PiiType::Age},                {"im", PiiType::Age},               {"she is", PiiType::Age},
    {"he is", PiiType::Age},               {"she's", PiiType::Age},            {"he's", PiiType::Age},
    {"is", PiiType::Age},                  {"turned", PiiType::Age},   // "my son Kai is 13", "i turned 65" (see Age below)
};
constexpr auto kValueKeys = packByLetter<kValueKeysList>();

std::string_view digitsOf(std::string_view s, std::array<char, 32>& buf) {
    std::size_t n = 0;
    for (char c : s) {
        if (isDigit(c)) {
            if (n == buf.size()) return {};
            buf[n++] = c;
        } else if (c != ' ' && c != '-') {
            return {};
        }
    }
    return {buf.data(), n};
}
// UK NHS number: 10 digits, weights 10..2, check = 11 - sum mod 11 (11 -> 0, 10 invalid).
bool nhsValid(std::string_view d) {
    if (d.size() != 10) return false;
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (d[i] - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    return check != 10 && check == d[9] - '0';
}
// ITIN: 9XX-XX-XXXX with group 50-65, 70-88, 90-92 or 94-99.
bool itinValid(std::string_view d) {
    if (d.size() != 9 || d[0] != '9') return false;
    const int g = (d[3] - '0') * 10 + (d[4] - '0');
    return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}
// UK National Insurance number: two letters (first not D F I Q U V, second not D F I O Q U V; not BG
// GB KN NK NT TN ZZ), six digits, suffix A-D. Spaces between pairs allowed: "PX 48 15 31 C".
std::size_t ninoAt(std::string_view t, std::size_t p, bool strict = true) {
    auto bad1 = [](char c) { return std::string_view("DFIQUV").find(c) != std::string_view::npos; };
    auto bad2 = [](char c) { return std::string_view("DFIOQUV").find(c) != std::string_view::npos; };
    const char a = toUpper(at(t, p)), b = toUpper(at(t, p + 1));
    if (!isUpper(a) || !isUpper(b) || isWordChar(before(t, p))) return 0;
    if (!isDigit(at(t, p + 2)) && !(at(t, p + 2) == ' ' && isDigit(at(t, p + 3)))) return 0;   // most words stop here
    // After "NI number"/"national insurance" the prefix rules are waived: HMRC's own example QQ123456C
    // breaks them, and customers copy it.
    if (strict && (bad1(a) || bad2(b))) return 0;
    for (std::string_view no : {"BG"sv, "GB"sv, "KN"sv, "NK"sv, "NT"sv, "TN"sv, "ZZ"sv})
        if (strict && no[0] == a && no[1] == b) return 0;
    // Letters in one case: "SJ901065D", "mm503731b" (not "Hi123456A")
    if (isUpper(t[p]) != isUpper(t[p + 1])) return 0;
    std::size_t q = p + 2, digits = 0;
    const bool spaced = at(t, q) == ' ';
    while (digits < 6) {
        if (spaced) {
            if (at(t, q) != ' ') return 0;
            ++q;
        }
        if (!isDigit(at(t, q)) || !isDigit(at(t, q + 1))) return 0;
        q += 2, digits += 2;
    }
    if (spaced && at(t, q) == ' ') ++q;
    const char s = toUpper(at(t, q));
    if (s < 'A' || s > 'D' || (isUpper(at(t, q)) != isUpper(t[p]))) return 0;
    return isWordChar(at(t, q + 1)) ? 0 : q + 1;
}

// A word naming a relative ("my son", "her brother").
bool relativeAt(const Text& x, std::size_t b) {
    return x.inList(b, {"neighbour"sv, "neighbor"sv, "son"sv, "daughter"sv, "child"sv, "kid"sv, "grandson"sv, "granddaughter"sv, "nan"sv, "grandad"sv, "grandma"sv,
                        "grandpa"sv, "grandmother"sv, "grandfather"sv, "mum"sv, "mom"sv, "dad"sv, "mother"sv, "father"sv, "husband"sv,
                        "wife"sv, "partner"sv, "brother"sv, "sister"sv});
}

// The value of `key` whose first token after the keyword is k. `reply`: k starts the customer's turn
// after a bot asked for this (no fillers, and the whole turn's first token is the answer).
[[gnu::noinline]] void valueOfKey(const Text& x, const KeyPhrase& key, std::size_t k, bool reply, std::vector<Candidate>& out) {
    const std::size_t n = x.tok.size();
    const std::string_view t = x.t;
    {
        {
            Value v = valueAfter(x, k, key.type == PiiType::Password, reply ? 0 : 4);
            // A document's or a login's value set off by a comma: "passport, 43RK08281", "a new license,
            // 65399126", "passport, the new number is X", "made me a login, nebula26_aal, and ..." (a login's
            // then only in a handle's shape).
            const bool afterComma = !v.found() && !reply && x.punct(k, ',') &&
                                    (key.type == PiiType::PassportNumber || key.type == PiiType::DriverId || key.type == PiiType::Username);
            if (afterComma) v = valueAfter(x, k + 1, false);
            if (!v.found()) return;
            const std::string_view s = t.substr(v.begin, v.end - v.begin);
            const std::size_t vt = tokenAt(x, v.begin);
            switch (key.type) {
                case PiiType::Username: {
                    // (a stop word only as the whole value: "the_volga" is a handle)
                    if (s.size() < 3 || s.size() > 40 || (x.tok[vt].end == v.end && notAName(x, vt)) ||
                        x.inList(vt, {"password"sv, "and"sv, "name"sv, "instead"sv, "please"sv, "pls"sv, "though"sv,
                                      "again"sv, "first"sv, "either"sv, "change"sv, "changed"sv, "reset"sv, "field"sv,
                                      "mean"sv, "means"sv, "different"sv, "wrong"sv, "invalid"sv, "incorrect"sv, "case"sv, "sensitive"sv,
                                      // who one logs in as: "log in as myself", "signed in as someone else"
                                      "myself"sv, "yourself"sv, "himself"sv, "herself"sv, "themselves"sv, "ourselves"sv,
                                      "someone"sv, "somebody"sv, "anyone"sv, "anybody"sv}))
                        break;
                    bool ok = std::all_of(s.begin(), s.end(), [](char c) {
                        return isAlnum(c) || c == '_' || c == '.' || c == '-' || c == '@';
                    });
                    // A bare word after "login" is usually a verb's object ("login page"), after "user is" a
                    // state ("the user is blocked"): needs a digit, '_', '.' or inner capitals ("SakuraKwame"),
                    // unless the keyword is "username"/"user id".
                    // (nor after a login's word in another language: "usuario bloqueado" is a state)
                    const bool strong = key.phrase != "login"sv && key.phrase != "handle"sv && key.phrase != "user is"sv &&
                                        key.phrase != "user"sv &&
                                        key.phrase != "reset"sv && key.phrase.substr(0, 3) != "usu"sv &&
                                        key.phrase.find("tilisateur"sv) == std::string_view::npos &&
                                        key.phrase.find("ytkownik"sv) == std::string_view::npos && key.phrase != "identifiant"sv &&
                                        key.phrase != "benutzername"sv;
                    if (ok && ((strong && !afterComma) || handleShape(s))) {
                        emit(out, PiiType::Username, v.begin, v.end, kContext, strong ? 0.9f : 0.8f);
                        // The other of two the customer is unsure of: "my login is A or B" (a handle's shape).
                        if (const std::size_t o = tokenAt(x, v.end); x.is(o, "or") && o + 1 < n) {
                            const Value w = valueAfter(x, o + 1, false, 0);
                            const std::string_view ws = t.substr(w.begin, w.end - w.begin);
                            if (w.found() && ws.size() >= 3 && ws.size() <= 40 && handleShape(ws) &&
                                std::all_of(ws.begin(), ws.end(), [](char c) { return isAlnum(c) || c == '_' || c == '.' || c == '-'; }))
                                emit(out, PiiType::Username, w.begin, w.end, kContext, 0.8f);
                        }
                    }
                    break;
                }
                case PiiType::Password: {
                    if (key.phrase == "passcode"sv && !std::any_of(s.begin(), s.end(), isLetter)) break;
                    // A question's word is no value: "what is your memorable date? User: ..." (the '?' kept
                    // with the word is not a password's symbol). A word in a password's shape before the '?' is
                    // one, without the '?': "I told a caller my password EcycyZHsJ? They said ...".
                    std::size_t trim = 0;   // (the sentence's full stop or question mark after it, not its last symbol)
                    if (x.word(vt) && x.punct(vt + 1, '?') && v.end == x.tok[vt + 1].end) {
                        if (!handleShape(x.str(vt))) break;
                        trim = 1;
                    }
                    // "I used"/"I tried" + a value: a password only where one is named up to 24 tokens before,
                    // and only in a password's shape (letters and a digit or a symbol: "I tried 3 times" is none).
                    // (the sentence's full stop after a value told in passing, not its last symbol: "I tried X.",
                    // "...on a sticky note: X. Someone...")
                    if (trim == 0 && (reply || (key.phrase[0] == 'i' && key.phrase[1] == ' ')) && s.size() > 4 &&
                        (s.back() == '.' || s.back() == ',') && !isWordChar(at(t, v.end)))
                        trim = 1;
                    if (key.phrase[0] == 'i' && key.phrase[1] == ' ') {
                        bool named = false;
                        for (std::size_t b = k; b-- > 0 && k - b <= 24 && !named;)
                            named = passwordWord(x, b);
                        // Typed in quotes, in a password's full shape (letters, a digit and a symbol), it is one
                        // without the word: "I typed \"!Haze896=\" exactly and it won't let me in".
                        const bool symbol = s.find_first_of("!@#$%^&*+=_~") != std::string_view::npos;
                        const bool quotedValue = v.begin > 0 && v.begin == x.tok[k].end && quotedAt(x, k).found();
                        if (!(named || (quotedValue && hasDigit(s) && symbol)) || !std::any_of(s.begin(), s.end(), isLetter) ||
                            !(hasDigit(s) || symbol))
                            break;
                    }
                    if (s.size() < 4 || s.size() > 64 || (x.word(vt) && notAName(x, vt) && !hasDigit(s))) break;
                    // What happened to it, not what it is: "my password was reset yesterday", "was changed".
                    if (x.word(vt) && x.tok[vt].end == v.end && !x.capitalized(vt) &&
                        (startsWithNoCase(t, v.end - 2, "ed") || x.inList(vt, {"reset"sv, "wrong"sv, "incorrect"sv, "correct"sv})))
                        break;
                    // Right after "password is"/":" anything goes; otherwise it must look like one
                    // (a digit or a symbol or inner capitals), so "password yesterday" is not one.
                    bool looks = hasDigit(s) || s.find_first_of("!@#$%^&*+=?_~") != std::string_view::npos;
                    for (std::size_t c = 1; c < s.size() && !looks; ++c) looks = isUpper(s[c]) && isLower(s[c - 1]);
                    // A reply to the bot must look like one ("nope" is not a password).
                    // (not after "passcode", an app's as often as a password's: "the app passcode is separate")
                    const bool explicitValue = !reply && key.phrase != "passcode"sv && (x.punct(k, ':') || x.is(k, "is") || x.is(k, "was"));
                    // A memorable word is a plain word: only as the clause's last ("was hard to remember" is not one).
                    const bool plainKey = key.phrase.substr(0, 3) == "mem"sv || key.phrase == "secret word"sv;
                    if (plainKey && !looks && !(vt + 1 >= n || x.tok[vt + 1].kind == Kind::Punct || x.tok[vt + 1].begin > v.end + 1 ||
                                                x.inList(vt + 1, {"and"sv, "but"sv, "so"sv})))
                        break;
                    if (looks || explicitValue) emit(out, PiiType::Password, v.begin, v.end - trim, kContext, 0.85f);
                    break;
                }
                case PiiType::PassportNumber:
                case PiiType::DriverId: {
                    // 5-20 letters and digits, at least 5 digits, at most 3 letters in front
                    // ("LX6867661", "749492492", "T20722745214"); UK licences "MORGA753116SM9IJ"; groups
                    // joined by single dashes ("D5412-88217-40391").
                    auto document = [](std::string_view d) {
                        bool grouped = !d.empty() && isAlnum(d.front()) && isAlnum(d.back());
                        for (std::size_t c = 0; c < d.size() && grouped; ++c)
                            grouped = isAlnum(d[c]) || (d[c] == '-' && isAlnum(d[c + 1]));
                        if (grouped && d.size() >= 5 && d.size() <= 24 && countDigits(d) >= 5) return true;
                        // A number written in capitals and digits, as passports and most US-state licences
                        // are ("C1Z72T0YJ", "WDLS6FIXYU99"), or in capitals alone ("CTJXFJLWT"): then a run
                        // of four consonants, which no upper-case word ("EXPIRED", "CANCELLED") has.
                        // (also from a digit: "0XTL7Z8FR", NSW's "20VR93")
                        if (d.size() < 6 || d.size() > 16 || !(isUpper(d.front()) || isDigit(d.front())) ||
                            !std::all_of(d.begin(), d.end(), [](char c) { return isUpper(c) || isDigit(c); }))
                            return false;
                        std::size_t run = 0, longest = 0;
                        for (char c : d) {
                            run = isUpper(c) && std::string_view("AEIOUY").find(c) == std::string_view::npos ? run + 1 : 0;
                            longest = std::max(longest, run);
                        }
                        return countDigits(d) >= 1 || longest >= 4;
                    };
                    Value w = v;
                    // Digits in groups set apart by single spaces, as state licences are printed: "licence: 746
                    // 862 497", Pennsylvania's "03 967 089", Michigan's "C 157 268 392 916", New Jersey's "T9348
                    // 96315 85892" (a capital, then digits); the UK's DVLA number as its card spaces it, "MORGA
                    // 753116 SM9IJ" (five capitals or 9s of the surname, six digits, five capitals and digits).
                    auto capsOrDigits = [](std::string_view g) {
                        return std::all_of(g.begin(), g.end(), [](char c) { return isUpper(c) || isDigit(c); });
                    };
                    const std::size_t head = countDigits(s);
                    const bool dvlaHead = s.size() == 5 && capsOrDigits(s) && isUpper(s[0]) && isUpper(s[1]);
                    if ((head == s.size() && s.size() >= 2 && s.size() <= 5) ||
                        (isUpper(s[0]) && head + 1 == s.size() && s.size() <= 6) || dvlaHead)
                        for (std::size_t tk = vt; tk + 1 < n && x.tok[tk].end == w.end && x.tok[tk + 1].begin == x.tok[tk].end + 1 &&
                                                  t[x.tok[tk].end] == ' ' && w.end - w.begin < 20;
                             ++tk) {
                            const std::string_view g = x.str(tk + 1);
                            const bool digits = x.tok[tk + 1].kind == Kind::Number && g.size() >= 3 && g.size() <= 6 &&
                                                (!dvlaHead || (tk == vt && g.size() == 6));
                            const bool dvlaTail = dvlaHead && tk == vt + 1 && g.size() == 5 && capsOrDigits(g);
                            if (!digits && !dvlaTail) break;
                            w.end = x.tok[tk + 1].end;
                        }
                    // ...or the number in the clause after ("my drivers licence instead? number is X"): a
                    // "number"/"no" up to four tokens after the first word, no other field's ("the account number").
                    if (!document(t.substr(w.begin, w.end - w.begin)) && !reply)
                        for (std::size_t j = vt + 1; j < n && j <= vt + 4; ++j)
                            if (x.inList(j, {"number"sv, "no"sv, "num"sv}) &&
                                (x.tok[j - 1].kind == Kind::Punct || j == vt + 1 || x.inList(j - 1, {"the"sv, "its"sv, "it's"sv, "and"sv}))) {
                                w = valueAfter(x, j, false, 3);
                                break;
                            }
                    const bool groups = w.end > v.end && countDigits(t.substr(w.begin, w.end - w.begin)) >= 7;
                    if (!w.found() || !(groups || document(t.substr(w.begin, w.end - w.begin)))) break;
                    emit(out, key.type, w.begin, w.end, kContext, 0.88f);
                    break;
                }
                case PiiType::UsIndividualTaxIdentificationNumber:
                case PiiType::CaSocialInsuranceNumber:
                case PiiType::UkNationalHealthServiceNumber: {
                    // Grouped with spaces: take up to three tokens "123 456 789"
                    std::size_t e = v.end, tk = vt;
                    std::array<char, 32> buf;
                    std::string_view d = digitsOf(s, buf);
                    while (tk + 1 < n && x.tok[tk + 1].kind == Kind::Number && x.tok[tk + 1].begin == x.tok[tk].end + 1 &&
                           t[x.tok[tk].end] == ' ' && d.size() < 10 && x.tok[tk].end == e) {
                        ++tk;
                        e = x.tok[tk].end;
                        d = digitsOf(t.substr(v.begin, e - v.begin), buf);
                    }
                    const bool ok = key.type == PiiType::UsIndividualTaxIdentificationNumber ? itinValid(d)
                                    : key.type == PiiType::CaSocialInsuranceNumber         ? d.size() == 9 && luhnValid(d)
                                                                                           : nhsValid(d);
                    if (ok) emit(out, key.type, v.begin, e, kContext, 0.9f);
                    break;
                }
                case PiiType::UkNationalInsuranceNumber:  // strict shapes are found without a keyword below
                    if (std::size_t e = ninoAt(t, v.begin, false))
                        emit(out, PiiType::UkNationalInsuranceNumber, v.begin, e, kContext, 0.9f);
                    break;
                case PiiType::AwsSecretKey: {
                    const bool shape = s.size() == 40 && std::all_of(s.begin(), s.end(), [](char c) {
                        return isAlnum(c) || c == '/' || c == '+';
                    }) && hasDigit(s);
                    if (shape) emit(out, PiiType::AwsSecretKey, v.begin, v.end, kContext, 0.9f);
                    break;
                }
                case PiiType::Age: {
                    if (x.tok[vt].kind != Kind::Number || x.tok[vt].size() > 3 || countDigits(s) != x.tok[vt].size()) break;
                    const int age = numberValue(x, vt);
                    if (age < 1 || age > 120) break;
                    std::size_t e = x.tok[vt].end;
                    const bool years = x.inList(vt + 1, {"years"sv, "yrs"sv, "year"sv, "y/o"sv, "yo"sv});
                    if (years) e = x.tok[vt + 1].end;
                    // "is N" only of a relative named up to three words before ("my daughter is 16", "my son Kai
                    // is 13"); "turned N" of a person ("i turned 65 last month", not "it turned 5").
                    const std::size_t kw = vt >= 1 ? vt - 1 : 0;   // the keyword's last token (no filler between)
                    if (key.phrase == "is"sv) {
                        bool relative = false;
                        for (std::size_t b = kw; b-- > 0 && kw - b <= 3 && !relative;) relative = relativeAt(x, b);
                        if (!relative || !x.is(kw, "is")) break;
                    }
                    if (key.phrase == "turned"sv && !(kw >= 1 && x.is(kw, "turned") && x.inList(kw - 1, {"i"sv, "he"sv, "she"sv, "just"sv, "recently"sv})))
                        break;
                    // "I'm 34" alone is an age only at the end of a clause; "aged 34", "age: 34", "i turned 65" always.
                    const bool strong = key.phrase == "age"sv || key.phrase == "aged"sv || key.phrase == "turned"sv;
                    // Not a time or a decimal ("he is 17:30", "she is 16.5%").
                    if (vt + 1 < n && x.tok[vt + 1].begin == x.tok[vt].end &&
                        (x.punct(vt + 1, ':') || x.punct(vt + 1, '%') || x.punct(vt + 1, '/') || isDigit(at(t, x.tok[vt + 1].end))))
                        break;
                    if (strong || years || vt + 1 >= n || x.tok[vt + 1].kind == Kind::Punct ||
                        x.inList(vt + 1, {"and"sv, "but"sv, "so"sv, "now"sv, "too"sv, "can"sv, "could"sv}))
                        emit(out, PiiType::Age, x.tok[vt].begin, e, kContext, 0.85f);
                    break;
                }
                default:
                    break;
            }
        }
    }
}

// ---- Credentials told around their word, not after it ----------------------------------------------
// The space-delimited run of bytes that ends before pos (spaces skipped), without a trailing ',' or ';'.
Value runBefore(std::string_view t, std::size_t pos) {
    while (pos > 0 && t[pos - 1] == ' ') --pos;
    std::size_t b = pos;
    while (b > 0 && t[b - 1] != ' ' && t[b - 1] != '\n') --b;
    std::size_t e = pos;
    while (e > b && (t[e - 1] == ',' || t[e - 1] == ';')) --e;
    return {b, e};
}
bool runIs(std::string_view t, const Value& r, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words)
        if (r.end - r.begin == w.size() && startsWithNoCase(t, r.begin, w)) return true;
    return false;
}
// A password's shape: letters and a digit or a symbol, no spaces ("Fennel-Kiwi-5932", "f@lc0n85").
bool passwordShape(std::string_view s) {
    return s.size() >= 5 && s.size() <= 64 && std::any_of(s.begin(), s.end(), isLetter) &&
           (hasDigit(s) || s.find_first_of("!@#$%^&*+=_~?") != std::string_view::npos) && s.find(' ') == std::string_view::npos;
}
bool loginShape(std::string_view s) {
    return s.size() >= 3 && s.size() <= 40 && handleShape(s) &&
           std::all_of(s.begin(), s.end(), [](char c) { return isAlnum(c) || c == '_' || c == '.' || c == '-'; });
}

// What "it" (token i) stands for where a customer changed it: the nearest login or password named before
// (up to 24 tokens), Password where nothing is named (`none` set), Unknown where a card, PIN, address or
// another field is nearer ("my pin, I changed it to 4821").
std::optional<PiiType> changedOf(const Text& x, std::size_t i, bool& none) {
    none = false;
    for (std::size_t b = i; b-- > 0 && i - b <= 24;) {
        if (x.inList(b, {"username"sv, "login"sv, "handle"sv, "userid"sv}) || (x.is(b, "user") && x.inList(b + 1, {"id"sv, "name"sv})))
            return PiiType::Username;
        if (passwordWord(x, b) || x.is(b, "pass")) return PiiType::Password;
        static constexpr std::string_view kFieldsList[] = {"card", "pin", "account", "number", "phone", "mobile", "address", "email",
                                                           "limit", "name", "code", "date", "currency", "language", "plan"};
        static constexpr auto kFields = packByLetter<kFieldsList>();
        if (listed(x, b, kFields)) return std::nullopt;
    }
    none = true;
    return PiiType::Password;
}

// "is X a strong enough password?" (the password's word at i): the run between "is" and "a", in a
// password's shape.
void strongEnoughBefore(const Text& x, std::size_t i, std::vector<Candidate>& out) {
    std::size_t b = i - 1;
    for (std::size_t adj = 0; adj < 3 && b > 0 &&
                              x.inList(b, {"strong"sv, "good"sv, "secure"sv, "safe"sv, "enough"sv, "decent"sv, "valid"sv, "ok"sv,
                                           "okay"sv, "weak"sv, "better"sv, "long"sv});
         ++adj)
        --b;
    if (b <= 1 || !x.inList(b, {"a"sv, "an"sv})) return;
    const Value v = runBefore(x.t, x.tok[b].begin);
    const std::size_t vt = tokenAt(x, v.begin);
    if (v.found() && vt > 0 && x.inList(vt - 1, {"is"sv, "be"sv}) && passwordShape(x.t.substr(v.begin, v.end - v.begin)))
        emit(out, PiiType::Password, v.begin, v.end, kContext, 0.85f);
}

// "is X strong enough?" with no password's word ("strong" at i): the run between "is" and "strong", in a
// password's fuller shape (no leading digit, a small letter, two digits or a symbol: "is it strong enough",
// "is 12 strong enough" are none).
void strongEnoughAfter(const Text& x, std::size_t i, std::vector<Candidate>& out) {
    if (i < 2 || !x.is(i, "strong") || !x.is(i + 1, "enough")) return;
    const Value v = runBefore(x.t, x.tok[i].begin);
    const std::size_t vt = tokenAt(x, v.begin);
    if (!v.found() || vt == 0 || !x.inList(vt - 1, {"is"sv, "be"sv})) return;
    const std::string_view s = x.t.substr(v.begin, v.end - v.begin);
    if (passwordShape(s) && !isDigit(s[0]) && std::any_of(s.begin(), s.end(), isLower) &&
        (countDigits(s) >= 2 || s.find_first_of("!@#$%^&*+=~") != std::string_view::npos))
        emit(out, PiiType::Password, v.begin, v.end, kContext, 0.85f);
}

// "Tried A and B as passwords", "used X, Y or Z as my password" ("as" at i): every value back to the verb.
void listedAsPasswords(const Text& x, std::size_t i, std::vector<Candidate>& out) {
    if (!(x.inList(i + 1, {"passwords"sv, "password"sv, "passphrases"sv}) ||
          (x.inList(i + 1, {"my"sv, "the"sv}) && x.inList(i + 2, {"password"sv, "passwords"sv}))))
        return;
    const std::string_view t = x.t;
    std::array<Value, 4> found{};
    std::size_t count = 0;
    for (Value r = runBefore(t, x.tok[i].begin); r.found() && count < found.size(); r = runBefore(t, r.begin)) {
        if (runIs(t, r, {"tried"sv, "used"sv, "typed"sv, "entered"sv, "tried:"sv})) {
            for (std::size_t k = 0; k < count; ++k) emit(out, PiiType::Password, found[k].begin, found[k].end, kContext, 0.85f);
            return;
        }
        if (runIs(t, r, {"and"sv, "or"sv, "&"sv})) continue;
        if (!passwordShape(t.substr(r.begin, r.end - r.begin))) return;
        found[count++] = r;
    }
}

// A change told with "it" or the credential as its object (the verb at i): "I changed it to X on the
// website", "someone changed my password from X to something else", "I reset it twice: first X, then
// Y", "my old username was A, I want to change it to B". The values follow "to", "from", "first" or
// "then" in the clause; "it" is what was named before (changedOf).
void changedTo(const Text& x, std::size_t i, std::vector<Candidate>& out) {
    const std::size_t n = x.count;
    const std::string_view t = x.t;
    std::size_t j = i + 1;
    std::optional<PiiType> type;
    bool none = false;
    if (x.is(j, "it")) {
        type = changedOf(x, i, none);
        ++j;
    } else if (x.inList(j, {"my"sv, "the"sv}) && passwordWord(x, j + 1)) {
        type = PiiType::Password;
        j += 2;
    } else if (x.inList(j, {"my"sv, "the"sv}) && x.inList(j + 1, {"username"sv, "login"sv})) {
        type = PiiType::Username;
        j += 2;
    }
    if (!type) return;
    for (const std::size_t last = j + 10; j < n && j < last; ++j) {
        if (x.punct(j, '.') || x.punct(j, '?') || x.punct(j, '!') || x.inList(j, {"but"sv, "because"sv, "so"sv}) ||
            (x.is(j, "and") && !x.is(j + 1, "then")))
            break;
        if (!x.inList(j, {"to"sv, "from"sv, "first"sv, "then"sv})) continue;
        const Value v = valueAfter(x, j + 1, *type == PiiType::Password, 0);
        if (!v.found()) continue;
        std::size_t e = v.end;
        while (e > v.begin && (t[e - 1] == '.' || t[e - 1] == '!' || t[e - 1] == '?') && !isWordChar(at(t, e))) --e;
        const std::string_view s = t.substr(v.begin, e - v.begin);
        // (with nothing named, a password's fuller shape: a small letter among letters and two digits or a
        // symbol, no leading digit: "set it to 5000EUR" is a limit)
        const bool ok = *type == PiiType::Username
                            ? loginShape(s)
                            : passwordShape(s) && (!none || (!isDigit(s[0]) && std::any_of(s.begin(), s.end(), isLower) &&
                                                             (countDigits(s) >= 2 || s.find_first_of("!@#$%^&*+=~") != std::string_view::npos)));
        if (!ok) continue;
        emit(out, *type, v.begin, e, kContext, 0.85f);
        j = tokenAt(x, v.end) - 1;
    }
}

// "for" and "is" in the languages of the credentials' keys ("la contraseña del home banking es X").
constexpr std::string_view kServiceOfList[] = {"for", "on", "del", "de", "para", "pour", "du", "do", "da", "dla", "für", "voor"};
constexpr auto kServiceOf = packByLetter<kServiceOfList>();
constexpr std::string_view kIsWordsList[] = {"is", "es", "est", "é", "jest", "ist"};
constexpr auto kIsWords = packByLetter<kIsWordsList>();

// What "the new one"/"the old one" (at token i) stands for: the nearest document or credential named before
// it in the message ("My old licence 71515883 was replaced, the new one is T4579912", "old password X new
// one Y"). A card, PIN, code, account or phone number is no password (pii.cpp reads those): nullptr. Nothing
// named: a password where "is"/":" gives the value ("the new one is X"), nothing where the value follows bare
// ("send a new one to 4382 Lake St", "get a new one 779452"). A login named as old or new is what "one" contrasts
// with ("old username A, new one should be B"); one named with its value is not ("reset my password, username A,
// the old one was B": the password's).
const KeyPhrase* oneRefersTo(const Text& x, std::size_t i, bool bare) {
    static constexpr KeyPhrase kLicence{"licence", PiiType::DriverId}, kPassport{"passport", PiiType::PassportNumber},
        kPassword{"password", PiiType::Password}, kUsername{"username", PiiType::Username};
    for (std::size_t b = i; b-- > 0 && i - b <= 24;) {
        if (x.inList(b, {"username"sv, "login"sv, "user"sv, "handle"sv, "userid"sv, "usuario"sv, "utilisateur"sv}) && b > 0 &&
            x.inList(b - 1, {"old"sv, "new"sv, "current"sv, "previous"sv}))
            return &kUsername;
        if (x.inList(b, {"licence"sv, "license"sv, "dl"sv})) return &kLicence;
        if (x.is(b, "passport")) return &kPassport;
        if (passwordWord(x, b) || x.is(b, "passcode")) return &kPassword;
        static constexpr std::string_view kOtherList[] = {"card", "pin", "account", "number", "phone", "mobile", "sim", "code", "otp",
                                                          "visa", "mastercard", "amex"};
        static constexpr auto kOther = packByLetter<kOtherList>();
        // (the document's "new number"/"old number" is still the document's: "I renewed my passport, the new
        // number is X and the old one was Y")
        if (listed(x, b, kOther) && !(x.is(b, "number") && b > 0 && x.inList(b - 1, {"new"sv, "old"sv, "previous"sv})))
            return nullptr;
        // A "new one" after an "old one" stands for what that one did: "old one was A new one B".
        if (x.is(b, "one") && b > 0 && x.inList(b - 1, {"old"sv, "previous"sv}) && b + 1 < i) return oneRefersTo(x, b - 1, false);
    }
    return bare ? nullptr : &kPassword;
}

// A login and its password asked for together, then both given in that order: "username + password: A / B",
// "login and password: A, B" (the password's word at i): A is the login (in a handle's shape), B the password.
// False where the pair is not so written (the password's word then reads its value as usual).
bool loginPasswordPair(const Text& x, std::size_t i, std::vector<Candidate>& out) {
    if (i < 2 || !(x.punct(i - 1, '+') || x.punct(i - 1, '&') || x.punct(i - 1, '/') || x.is(i - 1, "and"))) return false;
    const char c = toLower(x.t[x.tok[i - 2].begin]);
    if (!((c == 'u' && x.inList(i - 2, {"username"sv, "user"sv, "userid"sv})) || (c == 'l' && x.is(i - 2, "login")) ||
          (c == 'n' && x.is(i - 2, "name") && i >= 3 && x.inList(i - 3, {"user"sv, "login"sv}))))
        return false;
    const Value login = valueAfter(x, i + 1, false, 1);
    if (!login.found() || !loginShape(x.t.substr(login.begin, login.end - login.begin))) return false;
    const std::size_t o = tokenAt(x, login.end);
    if (!(x.punct(o, '/') || x.punct(o, ',') || x.punct(o, '|'))) return false;
    const Value pass = valueAfter(x, o + 1, true, 0);
    if (!pass.found() || !passwordShape(x.t.substr(pass.begin, pass.end - pass.begin))) return false;
    emit(out, PiiType::Username, login.begin, login.end, kContext, 0.9f);
    emit(out, PiiType::Password, pass.begin, pass.end, kContext, 0.9f);
    return true;
}

void scanValues(const Text& x, const Starts& starts, std::vector<Candidate>& out) {
    const std::size_t n = x.tok.size();
    const std::string_view t = x.t;
    for (std::size_t i = 0; i < n; ++i) {
        if (x.tok[i].kind != Kind::Word) continue;
        // An age in brackets after a relative: "my little brother (19)", "my son (7)".
        if (i + 3 < n && x.punct(i + 1, '(') && x.tok[i + 2].kind == Kind::Number && x.punct(i + 3, ')') &&
            x.tok[i + 2].end - x.tok[i + 2].begin <= 3 && relativeAt(x, i)) {
            int age = 0;
            for (std::size_t p = x.tok[i + 2].begin; p < x.tok[i + 2].end; ++p) age = age * 10 + (t[p] - '0');
            if (age >= 1 && age <= 120) emit(out, PiiType::Age, x.tok[i + 2].begin, x.tok[i + 2].end, kContext, 0.85f);
        }
        // What a customer who forgot it last typed ("I forgot my password ... Last time I used Istanbul34*"):
        // a password only with one named before (valueOfKey). (Apart from the key table: "I" is frequent.)
        if (x.tok[i].size() == 1 && toLower(t[x.tok[i].begin]) == 'i' && i + 2 < n && x.word(i + 1))
            for (std::string_view verb : {"used"sv, "tried"sv, "typed"sv, "entered"sv})
                if (x.is(i + 1, verb)) valueOfKey(x, {"i tried", PiiType::Password}, i + 2, false, out);
        for (std::size_t keyIndex : kValueKeys.startingWith(t[x.tok[i].begin])) {
            const KeyPhrase& key = kValueKeys[keyIndex];
            // Phrases are matched per token; "passport no." has a '.' token, "driver's" is one token.
            if (!x.startsPhrase(i, key.phrase) || !x.phrase(i, key.phrase)) continue;
            // ("is"/"turned" give an age only right before a number: most "is" go no further)
            if ((key.phrase == "is"sv || key.phrase == "turned"sv) && !(i + 1 < n && x.tok[i + 1].kind == Kind::Number)) continue;
            // ("user" only before a word: "User: (214) 555-0106" is a turn; "pass" only as "/ pass: X")
            if (key.phrase == "user"sv && !x.word(i + 1)) continue;
            if (key.phrase == "pass"sv && !(x.punct(i + 1, ':') && i > 0 && (x.punct(i - 1, '/') || x.punct(i - 1, ',') || x.punct(i - 1, '|'))))
                continue;
            if (key.type == PiiType::Password && loginPasswordPair(x, i, out)) continue;
            // (a code the bank sends is no password: "one-time passcode", "sms passcode")
            if (key.phrase == "passcode"sv && i > 0 && x.inList(i - 1, {"one-time"sv, "time"sv, "sms"sv, "text"sv, "temporary"sv, "verification"sv}))
                continue;
            std::size_t k = i + Text::words(key.phrase);
            const KeyPhrase* as = &key;
            if (key.phrase.size() == 10 && key.phrase.substr(3) == " number"sv) {
                if (!(as = oneRefersTo(x, i, true)) || !(as->type == PiiType::PassportNumber || as->type == PiiType::DriverId)) continue;
            } else if (key.phrase.find(" one") != std::string_view::npos) {
                // ("new one" then "is"/"will be"/':' or the value itself; not "a new one to 4382 Lake St")
                const bool bare = key.phrase == "new one"sv &&
                                  !(x.inList(k, {"is"sv, "was"sv, "will"sv, "should"sv, "would"sv}) || x.punct(k, ':') || x.punct(k, '='));
                if ((bare && filler(x, k)) || !(as = oneRefersTo(x, i, bare))) continue;
            }
            // The credential of a service, then its value: "my passcode for the app is X", "password for
            // online banking: X" (up to four words after "for", then "is" or ':').
            // (and in the languages of the keys: "la contraseña del home banking es X", "le mot de passe pour
            // l'appli est X")
            if ((key.type == PiiType::Password || key.type == PiiType::Username) && listed(x, k, kServiceOf))
                for (std::size_t j = k + 1; j < n && j <= k + 5; ++j) {
                    if (listed(x, j, kIsWords) || x.punct(j, ':')) {
                        k = j;
                        break;
                    }
                    if (!x.word(j)) break;
                }
            // A relative clause between a password and its value: "the password he chose is X", "the password I
            // use was X" (a pronoun, one verb, "is"/"was"); the value must look like one (as a reply's must).
            if (key.type == PiiType::Password && x.inList(k, {"he"sv, "she"sv, "they"sv, "i"sv, "we"sv, "you"sv}) && x.word(k + 1) &&
                x.inList(k + 2, {"is"sv, "was"sv})) {
                valueOfKey(x, key, k + 3, true, out);
                continue;
            }
            valueOfKey(x, *as, k, false, out);
        }
        // A mistyped credential word ("pasword", "passsword", "usernme"; oneEditAway), then its value as after
        // the word itself. Not a plural ("passwords", "usernames"): a list, not one value. (first letter and
        // length first: asked of every word)
        if (const std::size_t len = x.tok[i].size(); len >= 7 && len <= 9) {
            const char c = toLower(t[x.tok[i].begin]);
            if ((c == 'p' || c == 'u') && toLower(t[x.tok[i].end - 1]) != 's') {
                static constexpr KeyPhrase kPassword{"password", PiiType::Password}, kUsername{"username", PiiType::Username};
                const KeyPhrase& key = c == 'p' ? kPassword : kUsername;
                if (oneEditAway(t, x.tok[i].begin, len, key.phrase) && !loginPasswordPair(x, i, out)) valueOfKey(x, key, i + 1, false, out);
            }
        }
    }
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (x.tok[i].kind != Kind::Number || x.tok[i].size() > 3) continue;
        if (x.inList(i + 1, {"years"sv, "yrs"sv, "year"sv}) && x.is(i + 2, "old")) {
            const int age = numberValue(x, i);
            if (age >= 1 && age <= 120) emit(out, PiiType::Age, x.tok[i].begin, x.tok[i + 1].end, kContext, 0.9f);
        }
        // The calque of "tengo/j'ai/ho N años/ans/anni": "I have 68 years and I want a pension account". Only
        // where the clause ends there ("I have 5 years to repay", "I have 10 years with you" are no age).
        if (i >= 2 && x.is(i - 2, "i") && x.is(i - 1, "have") && x.is(i + 1, "years") &&
            (i + 2 >= n || x.tok[i + 2].kind == Kind::Punct || x.is(i + 2, "and"))) {
            const int age = numberValue(x, i);
            if (age >= 16 && age <= 120) emit(out, PiiType::Age, x.tok[i].begin, x.tok[i].end, kContext, 0.85f);
        }
    }
    // A password named earlier in the message, its value after "was"/"it's"/"typed"/"entered"/"tried": "forgot
    // the password, I think it was Kangaroo!88", "Never share your password. Customer: too late, I typed
    // Blu3Moon#77" (the value must look like one: a digit, a symbol or inner capitals).
    // A reset asked for ("pwd reset pls, it's kwame.volga", "reset my password - its the_moonpie"): what
    // "it's" gives then is the account's login, not the password the customer has lost.
    // A login named instead ("user name is akinyi.1115 and i keep typing Y4mjrdajun5", "cant log in, i typed
    // X"): what is typed after it is the password; "it says X" only of a password named ("wrote my password
    // on a post-it, it says Summer2021!").
    bool reset = false;
    for (std::size_t i = 0, named = n, logged = n; i + 1 < n; ++i) {   // named/logged: the last password/login word's token, or n
        const char c = toLower(x.t[x.tok[i].begin]);
        const std::size_t len = x.tok[i].size();
        // The credentials told around their word rather than after it (first letter and length first: this
        // runs for every token): "Tried A and B as passwords", "I changed it to X", "is X a strong password?".
        // (each through callApart: inlined, they would grow this hot loop's function for the rare message
        // that has them, which costs V8 more than the call)
        if (c == 'a' ? len == 2 && toLower(x.t[x.tok[i].begin + 1]) == 's'
                     : (c == 'c' && len >= 6 && len <= 8) || (c == 'r' && len == 5) || (c == 's' && (len == 3 || len == 6))) {
            if (c == 'a') {
                if (i + 1 < n && (toLower(x.t[x.tok[i + 1].begin]) == 'p' || x.inList(i + 1, {"my"sv, "the"sv})))
                    callApart(listedAsPasswords, x, i, out);
            }
            else if (len == 6 && c == 's') callApart(strongEnoughAfter, x, i, out);
            else if (x.inList(i, {"changed"sv, "change"sv, "changing"sv, "reset"sv, "set"sv})) callApart(changedTo, x, i, out);
        }
        if (c == 'p' && (x.inList(i, {"password"sv, "passcode"sv, "passwd"sv, "pwd"sv, "passphrase"sv}) ||
                         (len == 4 && x.is(i, "pass") && i > 0 && x.is(i - 1, "my") && x.inList(i + 1, {"is"sv, "was"sv})))) {
            if (i > 2 && len >= 8 && x.inList(i, {"password"sv, "passphrase"sv})) callApart(strongEnoughBefore, x, i, out);
            named = i;
            reset = x.is(i + 1, "reset") || (i >= 1 && x.is(i - 1, "reset")) || (i >= 2 && x.is(i - 2, "reset") && x.is(i - 1, "my"));
            continue;
        }
        // (by first letter and length first: asked of every token)
        if ((c == 'u' && len == 8 && x.is(i, "username")) || (c == 'l' && len == 5 && x.is(i, "login")) ||
            (c == 'u' && len == 4 && x.is(i, "user") && x.word(i + 1)) ||
            (((c == 'l' && len == 3) || (c == 's' && len == 4)) && x.inList(i, {"log"sv, "sign"sv}) && x.is(i + 1, "in")) ||
            (c == 'n' && len == 4 && x.is(i, "name") && i > 0 && x.is(i - 1, "user")))
            logged = i;
        // (asked of every token: nothing named yet, the common case, costs no word comparisons)
        if (named == n && logged == n) continue;
        // (the next token must hold a letter: "it was 2023" is a year, "entered 123456" a code)
        const bool nearNamed = named != n && i - named <= 16, nearLogin = logged != n && i - logged <= 16;
        if (!nearNamed && !nearLogin) continue;
        // The value's first token j: after "or maybe" ("my pass is A or maybe $RS4K1L"); a value in quotes or
        // backticks ("it's `^Copp388~`"), or one that starts with a symbol after "or maybe".
        std::size_t j = i + 1;
        const bool maybe = x.is(i, "or") && x.inList(j, {"maybe"sv, "perhaps"sv, "possibly"sv});
        if (maybe) ++j;
        // The password given away, in brackets: "asked for my password and I gave it (X)", "told him it (X)".
        const bool given = nearNamed && x.is(i, "it") && i > 0 && x.inList(i - 1, {"gave"sv, "told"sv, "sent"sv, "read"sv}) &&
                           x.punct(j, '(');
        if (given) {
            // (the bytes up to the closing bracket, no space in them)
            const std::size_t vb = x.tok[j].end, ve = x.t.find(')', vb);
            if (ve != std::string_view::npos && passwordShape(x.t.substr(vb, ve - vb)))
                emit(out, PiiType::Password, vb, ve, kContext, 0.85f);
            continue;
        }
        const Value quoted = quotedAt(x, j);
        if (j >= n || (!quoted.found() && (x.tok[j].kind == Kind::Number || (x.tok[j].kind == Kind::Punct && !maybe)))) continue;
        static constexpr std::string_view kTypedList[] = {"typed", "typing", "entered", "entering", "tried", "trying"};
        static constexpr auto kTyped = packByLetter<kTypedList>();
        const bool typed = listed(x, i, kTyped);
        // Also, of a password named, what "one" refers to ("..., the last one I remember is brisk96"), the value a
        // correction rejects ("the password is A, not B", "A or B"), and what a colon announces in the password's
        // own clause ("I wrote my password on a sticky note: X"; not "password change failed: error E4012").
        auto oneBefore = [&] {
            for (std::size_t b = i; b-- > 0 && i - b <= 4;)
                if (x.is(b, "one")) return true;
            return false;
        };
        auto clauseColon = [&] {
            if (i - named > 8) return false;
            for (std::size_t b = named + 1; b < i; ++b)
                if (x.tok[b].kind == Kind::Punct || x.inList(b, {"error"sv, "code"sv, "message"sv, "status"sv, "reason"sv, "says"sv}))
                    return false;
            return true;
        };
        if (!(typed || (nearNamed && (x.inList(i, {"was"sv, "it's"sv, "its"sv, "says"sv, "reads"sv, "not"sv, "or"sv}) ||
                                      (x.is(i, "is") && oneBefore()) || (x.punct(i, ':') && clauseColon())))))
            continue;
        // ("it says expired??" is what the app says: a value read off a note has a digit)
        if (x.inList(i, {"says"sv, "reads"sv}) && !hasDigit(x.t.substr(x.tok[i + 1].begin, x.t.find(' ', x.tok[i + 1].begin) - x.tok[i + 1].begin)))
            continue;
        static constexpr KeyPhrase kNamedBefore{"named before", PiiType::Password};
        static constexpr KeyPhrase kResetLogin{"reset", PiiType::Username};
        const bool login = reset && x.inList(i, {"it's"sv, "its"sv});
        const std::size_t was = out.size();
        const std::size_t vb = quoted.found() ? quoted.begin : x.tok[j].begin;
        const std::size_t ve = quoted.found() ? quoted.end : std::min(x.t.size(), x.t.find(' ', vb));
        if (std::any_of(x.t.begin() + static_cast<std::ptrdiff_t>(vb), x.t.begin() + static_cast<std::ptrdiff_t>(ve), isLetter)) {
            valueOfKey(x, login ? kResetLogin : kNamedBefore, j, true, out);
            if (login && out.size() == was) valueOfKey(x, kNamedBefore, j, true, out);   // "...its Summer24!": a password
        }
    }
    // UK NI numbers by shape; AWS access keys (AKIA/ASIA + 16 upper-case letters or digits).
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t p = x.tok[i].begin;
        // (the cheap tests inline: two letters and a digit start an NI number; 20 bytes an access key)
        if (isLetter(t[p]) && isLetter(at(t, p + 1)) && (isDigit(at(t, p + 2)) || isDigit(at(t, p + 3))))
            if (std::size_t e = ninoAt(t, p)) emit(out, PiiType::UkNationalInsuranceNumber, p, e, kShape, 0.9f);
        if (x.tok[i].size() != 20 || t[p] != 'A') continue;
        const std::string_view s = x.str(i);
        if ((s.substr(0, 4) == "AKIA" || s.substr(0, 4) == "ASIA") &&
            std::all_of(s.begin(), s.end(), [](char c) { return isUpper(c) || isDigit(c); })) {
            emit(out, PiiType::AwsAccessKey, p, x.tok[i].end, kShape, 0.95f);
            // its secret right after it: "AKIA… / pVNy…", "AKIA…, pVNy…"
            std::size_t k = i + 1;
            while (k < n && k <= i + 2 && (x.punct(k, '/') || x.punct(k, ',') || x.punct(k, ':') || x.punct(k, '|'))) ++k;
            static constexpr KeyPhrase kSecret{"secret", PiiType::AwsSecretKey};
            if (k < n) valueOfKey(x, kSecret, k, true, out);
        }
    }
    // ITIN by shape: 9XX-XX-XXXX (the SSN scanner never takes area 9XX), at the start of a run of digits.
    for (std::size_t p : starts.numbers) {
        if (p + 11 > t.size()) break;
        if (t[p] != '9' || isAlnum(before(t, p)) || at(t, p + 3) != '-' || at(t, p + 6) != '-' || isAlnum(at(t, p + 11)))
            continue;
        std::array<char, 32> buf;
        const std::string_view d = digitsOf(t.substr(p, 11), buf);
        if (d.size() == 9 && itinValid(d)) emit(out, PiiType::UsIndividualTaxIdentificationNumber, p, p + 11, kShape, 0.9f);
    }
}

// ---- URL, IP_ADDRESS, MAC_ADDRESS ------------------------------------------------------------------
bool isUrlChar(char c) {
    return isAlnum(c) || std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(c) != std::string_view::npos;
}

// A card statement's merchant descriptor, not a link: "APPLE.COM/BILL" (a domain and "/bill"), or a bare
// domain with a path right after a charge's "by"/"from"/"at" ("charged €21 by Apple.com/bill", "a pending
// hold of €16 from amzn.com/bill"). The domain is at [p, e), its path up to f. A link with a scheme or
// "www." is always a URL (the loop before).
bool merchantDescriptor(std::string_view t, std::size_t p, std::size_t e, std::size_t f) {
    if (f == e + 5 && startsWithNoCase(t, e, "/bill")) return true;
    std::size_t q = p;
    while (q > 0 && t[q - 1] == ' ') --q;
    auto wordBefore = [&](std::string_view w) { return q > w.size() && t[q - w.size() - 1] == ' ' && startsWithNoCase(t, q - w.size(), w); };
    if (!(wordBefore("by") || wordBefore("from") || wordBefore("at"))) return false;
    for (std::size_t b = q; b-- > (q > 48 ? q - 48 : 0);) {
        if (t[b] == '?' || t[b] == '!' || t[b] == '\n') return false;
        if (isLetter(before(t, b)) || !isLetter(t[b])) continue;
        static constexpr std::string_view kChargeList[] = {"charge", "billed", "debited", "hold", "pending", "refund", "subscription",
                                                           "transaction", "purchase"};
        static constexpr auto kCharge = packWords<kChargeList>();
        for (std::string_view w : kCharge)
            if (startsWithNoCase(t, b, w)) return true;
    }
    return false;
}

// The four scans of scanNetwork visit only the positions where a URL, a domain, an IP or a MAC address can
// start (Starts::word, pii_scan.h: a few dozen per message), each with its own, narrower tests.
void scanNetwork(std::string_view t, const Starts& found, std::vector<Candidate>& out) {
    const std::vector<std::size_t>& starts = found.word;
    // (each scan goes on after what it matched: from `next` on)
    std::size_t next = 0;
    for (std::size_t p : starts) {
        if (p < next) continue;
        // URL: scheme:// or www.
        const char c = toLower(t[p]);
        // (a URL starts a word: most 'h', 'f' and 'w' bytes are inside one and need no comparison; each
        // prefix only tried at its own first letter)
        if ((c != 'h' && c != 'f' && c != 'w') || isWordChar(before(t, p))) continue;
        const bool scheme = c == 'h' ? startsWithNoCase(t, p, "https://") || startsWithNoCase(t, p, "http://")
                                     : c == 'f' && startsWithNoCase(t, p, "ftp://");
        const bool www = c == 'w' && startsWithNoCase(t, p, "www.") && isAlnum(at(t, p + 4));
        if (scheme || www) {
            std::size_t e = p;
            while (e < t.size() && isUrlChar(t[e])) ++e;
            while (e > p && std::string_view(".,;:!?)'\"").find(t[e - 1]) != std::string_view::npos) --e;
            if (e > p + 8) emit(out, PiiType::Url, p, e, kUrl, 0.95f);
            next = e + 1;
            continue;
        }
    }
    // Bare domains with a path: "harbor-bank.example.com/login". Letters, digits, '-' labels, 2+ dots
    // or a '/' right after; never the domain of an e-mail address.
    next = 0;
    std::size_t d = 0;   // found.dotted[d]: the next dotted run
    for (std::size_t p : starts) {
        if (p < next) continue;
        if (!isAlnum(t[p]) || isWordChar(before(t, p)) || before(t, p) == '@' || before(t, p) == '.' ||
            before(t, p) == '/' || before(t, p) == '-')
            continue;
        // (the tests above leave no letter, digit, '-' or '.' before p, so a run with such a dot that holds p
        // starts at p, Starts::dotted; in any other run the walk below would find no dot, and skipping it
        // passes over no later start: `next` would only have passed the run's own bytes)
        while (d < found.dotted.size() && found.dotted[d] < p) ++d;
        if (d == found.dotted.size() || found.dotted[d] != p) continue;
        std::size_t e = p, dots = 0;
        while (e < t.size() && (isAlnum(t[e]) || t[e] == '-' || (t[e] == '.' && isAlnum(at(t, e + 1))))) dots += t[e++] == '.';
        if (at(t, e) == '@' || dots == 0) {
            next = e + 1;
            continue;
        }
        std::size_t lastDot = t.rfind('.', e);
        const std::string_view tld = t.substr(lastDot + 1, e - lastDot - 1);
        const bool tldOk = tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), isLetter);
        if (tldOk && at(t, e) == '/' && isUrlChar(at(t, e + 1))) {
            std::size_t f = e;
            while (f < t.size() && isUrlChar(t[f])) ++f;
            while (f > e && std::string_view(".,;:!?)'\"").find(t[f - 1]) != std::string_view::npos) --f;
            if (!merchantDescriptor(t, p, e, f)) emit(out, PiiType::Url, p, f, kUrl, 0.85f);
            e = f;
        }
        next = e + 1;
    }
    // IPv4: four numbers 0-255 joined by single dots, not part of a longer dotted number.
    next = 0;
    for (std::size_t p : starts) {
        if (p < next) continue;
        if (!isDigit(t[p]) || isDigit(before(t, p)) || before(t, p) == '.' || isLetter(before(t, p))) continue;
        std::size_t q = p;
        int parts = 0;
        bool ok = true;
        while (parts < 4 && ok) {
            std::size_t s = q;
            int v = 0;
            while (isDigit(at(t, q)) && q - s < 4) v = v * 10 + (t[q++] - '0');
            ok = q > s && q - s <= 3 && v <= 255 && !(q - s > 1 && t[s] == '0');
            ++parts;
            if (parts < 4 && ok) {
                ok = at(t, q) == '.' && isDigit(at(t, q + 1));
                ++q;
            }
        }
        if (ok && parts == 4 && !isAlnum(at(t, q)) && !(at(t, q) == '.' && isDigit(at(t, q + 1)))) {
            emit(out, PiiType::IpAddress, p, q, kShape, 0.95f);
            next = q + 1;
        }
    }
    // MAC (6 pairs of hex digits, ':' or '-') and IPv6 (hex groups of 1-4 and ':', with "::" or 8 groups).
    next = 0;
    for (std::size_t p : starts) {
        if (p < next) continue;
        if (!(isHex(t[p]) || (t[p] == ':' && at(t, p + 1) == ':')) || isWordChar(before(t, p)) || before(t, p) == ':' ||
            before(t, p) == '-' || before(t, p) == '.')
            continue;
        // MAC in Cisco's dotted form, three groups of four hex digits ("eedf.88f6.89c3"); a letter among
        // them, so no dotted number ("2024.0312.1000") is one.
        if (p + 14 <= t.size() && t[p + 4] == '.' && t[p + 9] == '.' && !isWordChar(at(t, p + 14)) &&
            !(at(t, p + 14) == '.' && isAlnum(at(t, p + 15)))) {
            bool mac = true, letter = false;
            for (std::size_t q = p; q < p + 14 && mac; ++q) {
                mac = q == p + 4 || q == p + 9 || isHex(t[q]);
                letter = letter || isLetter(t[q]);
            }
            if (mac && letter) {
                emit(out, PiiType::MacAddress, p, p + 14, kShape, 0.95f);
                next = p + 14;
                continue;
            }
        }
        // MAC
        if (p + 17 <= t.size()) {
            const char sep = t[p + 2];
            bool mac = sep == ':' || sep == '-';
            for (std::size_t g = 0; g < 6 && mac; ++g) {
                mac = isHex(t[p + 3 * g]) && isHex(t[p + 3 * g + 1]) && (g == 5 || t[p + 3 * g + 2] == sep);
            }
            if (mac && !isWordChar(at(t, p + 17)) && !(at(t, p + 17) == sep && isHex(at(t, p + 18)))) {
                emit(out, PiiType::MacAddress, p, p + 17, kShape, 0.95f);
                next = p + 17;
                continue;
            }
        }
        // IPv6
        std::size_t q = p, groups = 0;
        bool dbl = false;
        while (q < t.size()) {
            std::size_t s = q;
            while (isHex(at(t, q)) && q - s < 5) ++q;
            if (q - s > 4) break;
            if (q > s) ++groups;
            if (at(t, q) == ':' && at(t, q + 1) == ':' && !dbl) {
                dbl = true;
                q += 2;
                if (!isHex(at(t, q))) break;
            } else if (at(t, q) == ':' && isHex(at(t, q + 1)) && q > s) {
                ++q;
            } else {
                break;
            }
        }
        if (!isWordChar(at(t, q)) && ((dbl && groups >= 2) || groups == 8) && groups <= 8) {
            emit(out, PiiType::IpAddress, p, q, kShape, 0.9f);
            next = q + 1;
        }
    }
}

// ---- NAME ---------------------------------------------------------------------------------------------
bool known(const Text& x, std::size_t i) {
    std::array<char, 32> buf;
    const std::string_view w = x.lower(i, buf);
    if (w.empty()) return false;
    if (isKnownName(w)) return true;
    // A double-barrelled name ("anna-maria", "bowes-lyon"): a part of it known, every part 3+ letters
    // ("e-transfer", "top-up", "sign-in" are no names).
    const std::size_t dash = w.find('-');
    if (dash == std::string_view::npos) return false;
    bool any = false;
    for (std::size_t b = 0; b <= w.size();) {
        std::size_t e = w.find('-', b);
        if (e == std::string_view::npos) e = w.size();
        if (e - b < 3) return false;
        any = any || isKnownName(w.substr(b, e - b));
        b = e + 1;
    }
    return any;
}

// Known, or spelled with a non-ASCII Latin letter (the name list is ASCII): "björn", "lefèvre".
bool nameLike(const Text& x, std::size_t i) { return x.accented(i) || known(x, i); }

// Lower-case particles inside a surname: "van den Berg", "de la Cruz", "al Farsi".
bool particle(const Text& x, std::size_t k) {
    return x.inList(k, {"de"sv, "van"sv, "von"sv, "der"sv, "den"sv, "da"sv, "di"sv, "del"sv, "la"sv, "le"sv, "al"sv, "bin"sv, "ter"sv,
                        "du"sv, "dos"sv, "das"sv});
}

// A nationality ("it's Chilean", "Brazilian here"): a word of 6+ letters ending in -ian, -ean or -ese that the
// name list does not hold ("Julian", "Christian" are names; -ish ends too many given names: "Manish", "Girish").
bool demonym(const Text& x, std::size_t i) {
    const std::size_t e = x.tok[i].end;
    if (x.tok[i].size() < 6 || !(startsWithNoCase(x.t, e - 3, "ian") || startsWithNoCase(x.t, e - 3, "ean") ||
                                 startsWithNoCase(x.t, e - 3, "ese")))
        return false;
    return !known(x, i);
}

// A name-like word: a word of 2+ letters (an initial "A." counts), not a stop word, and capitalised or
// on the name list. The first word after a strong cue may be anything but a stop word.
bool nameWord(const Text& x, std::size_t i, bool anyCase) {
    // An initial: "A." or, between capitalised words, "A" ("JOHN A SMITH")
    // ("j. O'Neill" as the answer to "your name?")
    if (x.word(i) && x.tok[i].size() == 1)
        return (x.capitalized(i) || (anyCase && x.punct(i + 1, '.'))) &&
               (x.punct(i + 1, '.') || (x.capitalized(i + 1) && x.tok[i + 1].size() > 1));
    // (two capitals are an abbreviation, a state's or a document's: "NY DL# 888034554")
    if (!x.word(i) || notAName(x, i) || isMonth(x, i, false) || listed(x, i, kStreetSuffixes) || listed(x, i, kStreetPrefixes) ||
        demonym(x, i) || (x.tok[i].size() == 2 && isUpper(x.t[x.tok[i].begin]) && isUpper(x.t[x.tok[i].begin + 1])))
        return false;
    return anyCase || x.capitalized(i) || nameLike(x, i);
}

// Street suffixes that are also common surnames ("Jordan Pike", "Ella Green") continue a name that no
// house number comes before (then "Pike" is a street: "12 Jordan Pike").
bool surnameSuffix(const Text& x, std::size_t k, std::size_t first) {
    if (!x.inList(k, {"pike"sv, "hill"sv, "park"sv, "green"sv, "lane"sv, "grove"sv})) return false;
    for (std::size_t b = first; b-- > 0 && first - b <= 4;)
        if (x.tok[b].kind == Kind::Number || (x.tok[b].kind == Kind::Mixed && isDigit(x.t[x.tok[b].begin]))) return false;
    return true;
}

// The name starting at token i: up to 4 name words (initials with their '.'). Returns the end token.
// `reply`: the customer's answer to "what is your name?", where lower-case words need not be known.
// Two or three ASCII capitals: "USD", "BIC".
bool abbreviation(const Text& x, std::size_t k) {
    if (x.tok[k].size() < 2 || x.tok[k].size() > 3) return false;
    for (std::size_t c = x.tok[k].begin; c < x.tok[k].end; ++c)
        if (!isUpper(x.t[c])) return false;
    return true;
}

// Token k ends a clause: the text's end, a punctuation mark or a line break after it.
bool lastOfClause(const Text& x, std::size_t k) {
    return k + 1 >= x.tok.size() || x.tok[k + 1].kind == Kind::Punct || lineBreakBefore(x, k + 1);
}

std::size_t nameFrom(const Text& x, std::size_t i, bool strong, bool reply = false) {
    const bool capitals = x.capitalized(i);
    // A surname with its particles first, as a form has it, and the given name after a comma: "van der
    // Merwe, Pieter" (after a strong cue or in a reply).
    if ((strong || reply) && particle(x, i)) {
        std::size_t p = i + 1;
        if (particle(x, p)) ++p;
        if (!x.capitalized(p) || !nameWord(x, p, false)) return i;
        return x.punct(p + 1, ',') && x.capitalized(p + 2) && nameWord(x, p + 2, false) && lastOfClause(x, p + 2) ? p + 3 : p + 1;
    }
    // After a weak cue a lower-case name starts with a known word, or an unknown one before a known
    // surname: "my wife olu khan", "send it to ngaire lefèvre".
    const bool beforeSurname = !capitals && x.tok[i].size() > 2 && x.word(i + 1) && !x.capitalized(i + 1) && nameLike(x, i + 1) &&
                               nameWord(x, i + 1, false);
    if (!nameWord(x, i, strong || beforeSurname)) return i;
    if (!strong && !capitals && !nameLike(x, i) && !beforeSurname) return i;
    std::size_t k = i + 1;
    if (x.tok[i].size() == 1 && x.punct(k, '.')) ++k;  // initial's '.'
    while (k < x.tok.size() && k - i < 5) {
        if (!x.word(k) || x.tok[k].begin > x.tok[k - 1].end + 1 || lineBreakBefore(x, k)) break;
        // Following words keep the first one's case: "Claire A. Moreau", "zoe mensah"; lower case
        // continues only with known names ("ethan petrov lost" stops at "lost"). After a strong cue or
        // in a reply the case may change where the word is a name: "jo Singh-Patel", "Björn nguyen".
        // Particles inside a name, one or two: "Pieter de Vries", "Lachlan van den Berg", "aroha van der berg".
        std::size_t p = k;
        while (p < k + 2 && p + 1 < x.tok.size() && particle(x, p) && x.tok[p + 1].begin == x.tok[p].end + 1) ++p;
        if (p > k && (capitals ? x.capitalized(p) && nameWord(x, p, false) : !x.capitalized(p) && nameLike(x, p) && nameWord(x, p, true))) {
            k = p + 1;
            continue;
        }
        // (an abbreviation in capitals ends a name: "pay Hannah USD 201")
        const bool sameCase = capitals ? x.capitalized(k) && (nameWord(x, k, false) || surnameSuffix(x, k, i)) &&
                                             !(abbreviation(x, k) && !x.allCaps(i))
                                       : !x.capitalized(k) && (nameLike(x, k) || reply || (strong && lastOfClause(x, k))) &&
                                             nameWord(x, k, reply || strong);
        // A lower-case given name may go on with a capitalised surname ("jo Singh-Patel", "j. O'Neill"); a
        // capitalised one with a lower-case name after a strong cue or in a reply ("From: Björn nguyen").
        const bool caseChange = x.capitalized(k) != capitals && nameWord(x, k, false) && !x.allCaps(k) &&
                                (!capitals || ((strong || reply) && nameLike(x, k)));
        if (!sameCase && !caseChange) break;
        k += x.tok[k].size() == 1 && x.punct(k + 1, '.') ? 2 : 1;
    }
    return k;
}

template <class S>
struct NameCueT {
    [[no_unique_address]] S phrase;
    bool strong;   // the next word is a name whatever its case
    bool before;   // the cue follows the name ("Emma here")
    template <class F> FINCHAT_PII_INLINE constexpr auto map(F f) const { return NameCueT<decltype(f(phrase))>{f(phrase), strong, before}; }
};
using NameCue = NameCueT<std::string_view>;  // pii_packed.h
constexpr NameCue kNameCuesList[] = {
    {"my name is", true, false},   {"name is", true, false},     {"name:", true, false},      {"name", true, false},
    {"name as", false, false},     // "write my name as Lucia X. Eze on the card" (capitalised: "name as shown" is none)
    {"names", false, false},       {"this is", false, false},    {"i am", false, false},      {"i'm", false, false},
    {"im", false, false},          {"call me", true, false},     {"it's", false, false},      {"mr", true, false},
    {"mrs", true, false},          {"ms", true, false},          {"miss", false, false},      {"dr", true, false},
    {"mx", true, false},           {"prof", true, false},        {"husband", false, false},   {"wife", false, false},
    {"son", false, false},         {"daughter", false, false},   {"mother", false, false},    {"father", false, false},
    {"mom", false, false},         {"mum", false, false},        {"dad", false, false},       {"partner", false, false},
    {"brother", false, false},     {"sister", false, false},     {"friend", false, false},    {"spouse", false, false},
    {"landlord", false, false},    {"beneficiary", false, false}, {"payee", false, false},    {"remove", false, false},
    {"add", false, false},         {"regards", false, false},    {"thanks", false, false},    {"cheers", false, false},
    {"sincerely", false, false},   {"best", false, false},       {"holder", false, false},    {"cardholder", false, false},
    {"grandson", false, false},    {"granddaughter", false, false},
    {"dear", false, false},        {"grandmother", false, false}, {"grandfather", false, false}, {"boss", false, false},
    {"grandma", false, false},     {"grandpa", false, false},    {"granny", false, false},    {"ex-wife", false, false},
    {"ex-husband", false, false},  {"cousin", false, false},     {"its", false, false},       {"hi", false, false},
    {"hello", false, false},       {"hey", false, false},
    {"colleague", false, false},   {"fiance", false, false},     {"fiancée", false, false},   {"girlfriend", false, false},
    {"boyfriend", false, false},   {"nephew", false, false},     {"niece", false, false},     {"uncle", false, false},
    {"aunt", false, false},        {"named", true, false},       {"signed", false, false},    {"from", false, false},
    {"to", false, false},          {"for", false, false},        {"with", false, false},      {"pay", false, false},
    {"agent", false, false},       {"advisor", false, false},    {"adviser", false, false},   {"manager", false, false},
    {"banker", false, false},      {"representative", false, false}, {"officer", false, false},
    {"ex", false, false},          {"attn", false, false},       {"fao", false, false},      {"attention", false, false},
    {"soy", false, false},         {"me llamo", true, false},    {"je m'appelle", true, false},  // "hola, soy Aroha"
    {"here", false, true},         {"speaking", false, true},
    // labels on a card or a transfer form: "name on card françois maccarthy", "Name on account: Zoë Te Whata"
    {"name on", true, false},      {"account name", true, false}, {"account holder", true, false},   // "name on (the) card/account"
    {"recipient", false, false},   {"flatmate", false, false},   {"roommate", false, false},  {"housemate", false, false},
    {"mein name ist", true, false}, {"je suis", false, false},   {"name's", true, false},     {"me chamo", true, false},
    {"jag heter", true, false},    {"nazywam się", true, false},
    {"name of", true, false},      {"behalf of", false, false},   // "in the name of Aroha Ngata", "on behalf of ngaire smith"
    // people a customer acts for or about ("my neighbour Thandiwe Adeyemi", "I am his executor, Pieter Botha",
    // "employee Rajesh Nkosi") and a German sign-off ("Mit freundlichen Grüßen, Aoife Tan")
    {"neighbour", false, false},   {"neighbor", false, false},   {"tenant", false, false},    {"employee", false, false},
    {"executor", false, false},    {"executrix", false, false},  {"carer", false, false},     {"caregiver", false, false},
    {"grüßen", false, false}, {"grüssen", false, false},
    // "She is Margaret.", "she's Mei Dlamini": one unknown capitalised word only at a clause's end (below)
    {"she is", false, false},      {"he is", false, false},      {"she's", false, false},     {"he's", false, false},
    // whom a customer asks to check: "verify: chukwuemeka mensah, 1st January 1986, ..."
    {"verify", false, false},
    // a pasted form's applicant, a bereavement's deceased, the professional who acts for a customer
    // ("Applicant – ana silva", "deceased: rowan pike", "our accountant is Dara Okoye"), and the
    // calque of "soy X"/"sono X" ("Is me Mei, I write from ...")
    {"applicant", false, false},   {"deceased", false, false},   {"accountant", false, false}, {"bookkeeper", false, false},
    {"solicitor", false, false},   {"lawyer", false, false},     {"attorney", false, false},   {"is me", false, false},
    // introductions in other languages ("Ola, sou Joao", "Dzien dobry, jestem Ewa", "ich bin Jonas", "sono
    // Marco"), a wire's other party ("sender Joao Carvalho", "remitter Ada Obi"), a name told in the past
    // ("my late spouse's name was Elif Demir") and formal sign-offs ("Yours faithfully, Reginald Whitcombe")
    {"sou", false, false},         {"jestem", false, false},     {"ich bin", false, false},    {"sono", false, false},
    {"sender", false, false},      {"remitter", false, false},   {"originator", false, false}, {"name was", false, false},
    {"faithfully", false, false},  {"truly", false, false},      {"respectfully", false, false},
    // children by their casual names ("my kid guadalupe used my card", "our child Iñigo"); someone of the
    // bank's asked for ("ask Lea from the branch", "tell Tom from your fraud team"; see askFrom)
    {"kid", false, false},         {"child", false, false},      {"grandkid", false, false},  {"grandchild", false, false},
    {"teen", false, false},        {"teenager", false, false},   {"stepson", false, false},   {"stepdaughter", false, false},
    {"ask", false, false},         {"tell", false, false},       {"call", false, false},
    // someone of the bank's asked for after a modal ("can chinedu horvat from your fraud team call me back?"; see staffAsked)
    {"can", false, false},         {"could", false, false},
};
constexpr auto kNameCues = packByLetter<kNameCuesList>();

// A shop's place: "at Harvey Norman", "charged AU$439.94 by Harvey Norman" (a charge's verb up to six
// tokens before "by"/"from" at i-1).
bool merchantBefore(const Text& x, std::size_t i) {
    if (i == 0) return false;
    if (x.is(i - 1, "at") || x.is(i - 1, "chez")) return true;   // "Le paiement chez Jean Coutu"
    // "it had to be returned to Pet Smart": what is returned goes back to a shop.
    if (x.is(i - 1, "to") && i >= 2 && x.inList(i - 2, {"returned"sv, "return"sv, "returning"sv})) return true;
    if (!x.inList(i - 1, {"by"sv, "from"sv})) return false;
    for (std::size_t b = i - 1; b-- > 0 && i - 1 - b <= 6;)
        if (x.inList(b, {"charged"sv, "billed"sv, "debited"sv, "refunded"sv, "purchase"sv, "payment"sv, "transaction"sv})) return true;
    return false;
}

// Token i follows "from" after a verb of where one is ("writing from Sao Paulo", "here from San Fernando"):
// a place, not a person.
// So is where one travels: "travelling to Ireland", "Going to Portugal 2025-07-09", "on holiday in Spain".
constexpr std::string_view kTravelVerbsList[] = {"travelling", "traveling", "going", "flying", "trip", "travel", "moving",
                                                 "heading", "holiday", "vacation", "relocating", "returning"};
constexpr auto kTravelVerbs = packByLetter<kTravelVerbsList>();
bool placeAt(const Text& x, std::size_t i) {
    if (i >= 2 && x.inList(i - 1, {"to"sv, "in"sv}))
        return listed(x, i - 2, kTravelVerbs);
    return i >= 2 && x.is(i - 1, "from") &&
           x.inList(i - 2, {"here"sv, "writing"sv, "calling"sv, "texting"sv, "messaging"sv, "based"sv, "originally"sv, "moved"sv,
                            "relocated"sv, "visiting"sv, "travelling"sv, "traveling"sv});
}

// Tokens k, k+1: two lower-case name-like words after "pay" or after "to" with a transfer's verb up to
// four tokens before it (at i), then the account's number or the amount.
bool payeeBefore(const Text& x, std::size_t i, std::size_t k) {
    if (k + 2 >= x.tok.size() || x.capitalized(k) || x.capitalized(k + 1) || x.tok[k].size() < 2 || x.tok[k + 1].size() < 2 ||
        !nameWord(x, k, true) || !nameWord(x, k + 1, true) || x.tok[k + 2].kind == Kind::Word || x.tok[k + 2].kind == Kind::Punct)
        return false;
    if (x.is(i, "pay")) return true;
    for (std::size_t b = i; b-- > 0 && i - b <= 4;)
        if (x.inList(b, {"send"sv, "sent"sv, "transfer"sv, "transferred"sv, "wire"sv, "wired"sv, "pay"sv, "paid"sv, "move"sv, "moved"sv}))
            return true;
    return false;
}

// "pay Mei 4092 AUD", "to Hannah USD 201": one capitalised known name after "pay"/"to" with the amount
// right after it (the cue at i, the name k..e).
// (an amount, not a date: "Going to Portugal 2025-07-09", "to Ireland 24/08/2026")
bool paidTo(const Text& x, std::size_t i, std::size_t k, std::size_t e) {
    return x.inList(i, {"pay"sv, "to"sv}) && e == k + 1 && x.capitalized(k) && known(x, k) && e < x.tok.size() &&
           ((x.tok[e].kind == Kind::Number && x.str(e).find('-') == std::string_view::npos && at(x.t, x.tok[e].end) != '/') ||
            (x.allCaps(e) && x.tok[e].size() == 3) || x.punct(e, '$'));
}

// "ask Lea from the branch", "tell Tom at your fraud team", "speak to Ana from the bank": one capitalised
// word (k) after "ask"/"tell"/"call", or "to" after a verb of speaking (cue at i), then "from the/your/our".
// Not "ask Google" or "call Visa" (nothing from an organisation after them).
bool askFrom(const Text& x, std::size_t i, std::size_t k) {
    const bool asking = x.inList(i, {"ask"sv, "tell"sv, "call"sv}) ||
                        (x.is(i, "to") && i > 0 && x.inList(i - 1, {"speak"sv, "talk"sv, "spoke"sv, "talked"sv, "speaking"sv, "talking"sv}));
    return asking && x.capitalized(k) && !x.allCaps(k) && x.inList(k + 1, {"from"sv, "at"sv}) &&
           x.inList(k + 2, {"the"sv, "your"sv, "our"sv, "ur"sv});
}

// Someone of the bank's asked for after a modal at i-1, the name from k: "can chinedu horvat from your fraud
// team call me back?", "could Ana Lima from the branch ring me": one or two capitalised name words, or two
// lower-case ones, then "from the/your" and the bank's team, branch or desk. Sets end to the name's end,
// or k. (A function of its own, called through callApart: see the call.)
void staffAsked(const Text& x, std::size_t k, std::size_t& end) {
    end = k;
    const std::size_t n = x.count;
    std::size_t e = x.capitalized(k) ? nameFrom(x, k, false) : k;
    if (e == k && k + 1 < n && !x.capitalized(k) && !x.capitalized(k + 1) && x.tok[k].size() > 2 && x.tok[k + 1].size() > 2 &&
        nameWord(x, k, true) && nameWord(x, k + 1, true))
        e = k + 2;
    if (e == k || e - k > 2 || x.allCaps(k) || !x.is(e, "from") || !x.inList(e + 1, {"your"sv, "the"sv, "ur"sv})) return;
    for (std::size_t j = e + 2; j < n && j <= e + 4; ++j)
        if (x.inList(j, {"team"sv, "branch"sv, "bank"sv, "department"sv, "office"sv, "desk"sv})) {
            end = e;
            return;
        }
}

// Two people asked about together after a modal (k after "can"/"could"): "can Lakshmi Yamamoto and Hamish
// McAllister both be authorised users?" Each a capitalised given name and a surname, one of their words one
// the table knows; then "both", "be" or "also" (not "can Visa Debit and Apple Pay both be used").
void namesAsked(const Text& x, std::size_t k, std::size_t& taken, std::vector<Candidate>& out) {
    auto person = [&](std::size_t b) {
        const std::size_t e = x.capitalized(b) && !notAName(x, b) ? nameFrom(x, b, false) : b;
        return e - b == 2 || e - b == 3 ? e : b;
    };
    const std::size_t e1 = person(k);
    if (e1 == k || !x.is(e1, "and")) return;
    const std::size_t e2 = person(e1 + 1);
    if (e2 == e1 + 1 || !x.inList(e2, {"both"sv, "be"sv, "also"sv})) return;
    bool anyKnown = false;
    for (std::size_t w = k; w < e2 && !anyKnown; ++w) anyKnown = w != e1 && known(x, w);
    if (!anyKnown) return;
    emitName(x, out, x.tok[k].begin, x.tok[e1 - 1].end, 0.85f);
    emitName(x, out, x.tok[e1 + 1].begin, x.tok[e2 - 1].end, 0.85f);
    taken = e2;
}

// The name starting at k that a correction rejects ("..., not Nikhil Nguyễn"): emitted, taken moved past it.
void rejectedName(const Text& x, std::size_t k, std::size_t& taken, std::vector<Candidate>& out) {
    const std::size_t f = nameFrom(x, k, true);
    if (f == k) return;
    emitName(x, out, x.tok[k].begin, x.tok[f - 1].end, 0.9f);
    taken = f;
}

// At token i a customer's turn begins ("User:"/"Customer:"): what did the bot's turn before it ask for?
enum class Asked { Nothing, Name, Username, Age, Password, Passport, Sin, Nhs, DriverId };
Asked askedBefore(const Text& x, std::size_t i);
FINCHAT_PII_INLINE Asked botAsked(const Text& x, std::size_t i) {  // asked of every token: the check inlined
    if (!(x.is(i, "user") || x.is(i, "customer")) || !x.punct(i + 1, ':') || i + 2 >= x.tok.size()) return Asked::Nothing;
    return askedBefore(x, i);
}
Asked askedBefore(const Text& x, std::size_t i) {
    Asked asked = Asked::Nothing;
    for (std::size_t j = i; j-- > 0;) {
        if ((x.is(j, "bot") || x.is(j, "agent")) && x.punct(j + 1, ':')) break;
        if (x.is(j, "username") || x.is(j, "login") || ((x.is(j, "name") || x.is(j, "id")) && j > 0 && x.is(j - 1, "user")))
            return Asked::Username;
        // "pw: Gr33nT3a! user: rosie_w": a credential pair, not a question; the "user:" labels a username.
        const bool passwordWord = x.is(j, "password") || x.is(j, "pw") || x.is(j, "pwd") || x.is(j, "passwd");
        if (passwordWord && (x.punct(j + 1, ':') || x.punct(j + 1, '=')) && i - j <= 6) return Asked::Username;
        if (passwordWord || x.is(j, "passcode") || x.is(j, "passphrase") || (x.is(j, "word") && j > 0 && x.is(j - 1, "memorable")))
            return Asked::Password;
        if (x.is(j, "passport")) return Asked::Passport;
        if (x.is(j, "sin") || (x.is(j, "insurance") && j > 0 && x.is(j - 1, "social"))) return Asked::Sin;
        if (x.is(j, "nhs")) return Asked::Nhs;
        if (x.is(j, "licence") || x.is(j, "license")) return Asked::DriverId;
        if ((x.is(j, "old") && j > 0 && x.is(j - 1, "how")) || x.is(j, "age")) asked = Asked::Age;
        if ((x.is(j, "name") && !(j > 0 && (x.is(j - 1, "account") || x.is(j - 1, "bank")))) || x.is(j, "payee") ||
            x.is(j, "beneficiary") || (x.is(j, "speaking") && x.is(j + 1, "with")) || x.is(j, "identity") ||
            (x.is(j, "who") && (x.phrase(j + 1, "am i") || x.phrase(j + 1, "is this"))))
            asked = Asked::Name;
    }
    return asked;
}

// ---- What follows a weak name cue but is no name ---------------------------------------------------
// A name cue's weak forms are common words ("I'm", "to", "my son", "this is"), and the name table holds
// many ordinary English words (it is a Bloom filter over given names and surnames). After them a
// lower-case word that says how someone is, or what they do, is no name: "I'm pretty sure", "I am sick of
// it", "my daughter eligible", "to another account", "for foreign cards".
constexpr std::string_view kStatesList[] = {
    "pretty", "certain", "sick", "stuck", "low", "curious", "eligible", "sad", "unhappy", "upset", "angry", "glad", "afraid",
    "aware", "able", "ready", "unsure", "positive", "confident", "tired", "broke", "quite", "rather", "really", "totally",
    "actually", "literally", "basically", "especially", "usually", "finally", "generally", "fully", "another", "foreign",
    "such", "almost", "already", "always", "soon", "shown", "given", "written", "printed", "listed", "spelled", "spelt",
    "due", "free", "alone", "overseas", "important", "desperate", "furious", "short", "entitled", "allowed", "unable",
    "hoping", "wondering", "unclear", "new", "local", "international", "correct", "wrong", "different", "same", "other",
    "drunk", "drunken", "lesser", "bigger", "smaller", "higher", "lower", "better", "worse", "cheaper", "bad", "poor"};
constexpr auto kStates = packByLetter<kStatesList>();
// Verbs in their base form, the ones a banking chat puts after "to" ("need to change details", "how to
// stop payment") or after a relation ("can my beneficiary fail?"); verbs that are also common given names
// ("mark", "bill", "sue", "grant", "chase", "drew") are left out.
constexpr std::string_view kVerbsList[] = {
    "change", "exchange", "update", "stop", "cancel", "allow", "resolve", "return", "verify", "block", "unblock", "expire",
    "ask", "fail", "transfer", "move", "receive", "withdraw", "order", "activate", "freeze", "unfreeze", "report", "dispute",
    "replace", "reset", "confirm", "delete", "edit", "link", "unlink", "set", "view", "access", "convert", "spend", "keep",
    "request", "remove", "add", "top", "track", "increase", "reduce", "avoid", "prevent", "accept", "decline", "refund",
    "contact", "speak", "talk", "reach", "upgrade", "switch", "deposit", "pay", "send", "get", "use", "make", "open", "close",
    "check", "know", "understand", "fix", "sort", "sign", "log", "apply", "begin", "start", "finish", "complete", "go",
    "come", "buy", "sell", "withdrawal", "receive", "show", "tell", "find", "see", "put", "hold", "release", "approve"};
constexpr auto kVerbs = packByLetter<kVerbsList>();

// Token k, a lower-case word after a weak name cue at i, ends in -ing, -ly or -ed as a participle or an
// adverb does ("I'm running low", "I am extremely unhappy", "I'm worried someone ..."), and does not end
// the clause (a name alone after "I'm" may: "i am sterling.", "i'm channing again"). Names with these endings kept: 4-letter
// ones ("ming"), "-erly"/"-lly" ("kimberly", "shelly"; "really" is in kStates), "-eed"/"-med"/"-hmed"
// ("rasheed", "mohammed", "ahmed").
bool participleLike(const Text& x, std::size_t k) {
    const std::size_t n = x.tok[k].size(), e = x.tok[k].end;
    // (not "here": "I'm standing here")
    if (n < 5 || lastOfClause(x, k) || x.inList(k + 1, {"again"sv, "from"sv, "and"sv, "calling"sv})) return false;
    const std::string_view t = x.t;
    if (startsWithNoCase(t, e - 3, "ing")) return true;
    if (n >= 6 && startsWithNoCase(t, e - 2, "ly")) return !startsWithNoCase(t, e - 4, "erly") && !startsWithNoCase(t, e - 3, "lly");
    if (n >= 6 && startsWithNoCase(t, e - 2, "ed"))
        return !startsWithNoCase(t, e - 3, "eed") && !startsWithNoCase(t, e - 3, "med") && !startsWithNoCase(t, e - 4, "hmed");
    return false;
}

// The lower-case word k after the weak name cue at i is no name: a state or an adverb, a verb (after "to"
// the first or second word: "to quickly cancel", "to drunken block"), a participle or an -ing form, or a
// comparative before "than" ("its lesser than it should be").
// (a function of its own, called through callApart: see the call)
void notNameAfterCue(const Text& x, std::size_t i, std::size_t k, bool& no) {
    no = listed(x, k, kStates) || listed(x, k, kVerbs) || participleLike(x, k) || x.is(k + 1, "than") ||
         (x.is(i, "to") && x.word(k + 1) && !x.capitalized(k + 1) && listed(x, k + 1, kVerbs));
}

void scanNames(const Text& x, std::vector<Candidate>& out) {
    const std::size_t n = x.tok.size(), first = out.size();
    std::size_t taken = 0;  // first token a new name may start at
    // All in lower case, apart from a lone "I" and the message's first letter.
    bool lowerText = true;
    for (std::size_t i = 1; i < x.t.size() && lowerText; ++i)
        lowerText = !isUpper(x.t[i]) || (x.t[i] == 'I' && !isLetter(at(x.t, i + 1)) && !isLetter(before(x.t, i)));
    for (std::size_t i = 0; i < n; ++i) {
        if (!x.word(i)) continue;
        for (std::size_t cueIndex : kNameCues.startingWith(x.t[x.tok[i].begin])) {
            const NameCue& cue = kNameCues[cueIndex];
            if (cue.before || !x.startsPhrase(i, cue.phrase)) continue;
            // "name:" is two tokens (the only cue ending in ':'), every other cue a phrase of words.
            const bool colon = cue.phrase.back() == ':';
            if (colon ? !(x.is(i, "name") && x.punct(i + 1, ':')) : !x.phrase(i, cue.phrase)) continue;
            std::size_t k = i + (colon ? 2 : Text::words(cue.phrase));
            if (cue.phrase == "can"sv || cue.phrase == "could"sv) {   // a modal: only staff asked for (staffAsked)
                // (through callApart: inlined, the rare case would grow this hot function)
                std::size_t e = k;
                if (k >= taken && k + 4 < n && (x.is(k + 1, "from") || x.is(k + 2, "from"))) callApart(staffAsked, x, k, e);
                if (e == k && k >= taken && k + 4 < n && x.capitalized(k)) {
                    const std::size_t before = taken;
                    callApart(namesAsked, x, k, taken, out);
                    if (taken != before) break;
                }
                if (e == k) continue;
                emitName(x, out, x.tok[k].begin, x.tok[e - 1].end, 0.85f);
                taken = e;
                break;
            }
            if (k < n && x.punct(k, '.') && cue.strong) ++k;  // "Mr." "Dr."
            if (cue.phrase == "name on"sv) {   // "name on card", "name on the account"
                if (x.is(k, "the")) ++k;
                if (!x.inList(k, {"card"sv, "account"sv})) continue;
                ++k;
                if (x.inList(k, {"is"sv, "reads"sv, "says"sv})) ++k;   // "name on the card is OMAR-ANN CHUKWU"
            }
            // "payee name should be Abigail V. Goldberg": what a name must be is the name.
            if (cue.phrase == "name"sv && x.is(k, "should") && x.is(k + 1, "be")) k += 2;
            if (x.inList(k, {"pls"sv, "please"sv}) && (x.punct(k + 1, ':') || x.punct(k + 1, ','))) ++k;  // "payee pls: X"
            // A wallet named after its maker: "apple Pay keeps failing", "Google Pay", "Samsung Pay".
            if (cue.phrase == "pay"sv && x.capitalized(i) && i > 0 && x.word(i - 1)) continue;
            if (x.inList(i, {"payee"sv, "beneficiary"sv, "recipient"sv}) && x.inList(k, {"details"sv, "setup"sv, "info"sv, "name"sv}) &&
                x.punct(k + 1, ':'))
                ++k;   // "Payee details: anna kowalski, 20-31-44, ...", "Payee setup: Isla Fraser, IBAN ..."
            // A turn's label is no cue: "Agent: Never share your PIN", "Manager: Routing and account please".
            const bool labelled = x.punct(k, ':');
            if (labelled && x.inList(i, {"agent"sv, "advisor"sv, "adviser"sv, "manager"sv, "banker"sv, "representative"sv, "officer"sv}))
                continue;
            // A form's label ends in a dash as often as in a colon: "Applicant – ana silva", "Payee - Kai Tan".
            const bool dashLabel = k + 1 < n && x.tok[k].kind == Kind::Punct &&
                                   (x.punct(k, '-') || startsWithNoCase(x.t, x.tok[k].begin, "\xe2\x80\x93") ||
                                    startsWithNoCase(x.t, x.tok[k].begin, "\xe2\x80\x94"));
            if (k < n && (x.punct(k, ',') || x.punct(k, ':') || dashLabel)) ++k;   // "Thanks, Emma", "Beneficiary: Ahmed"
            // A professional named by "is": "our accountant is Dara Okoye", "my solicitor is r. mensah".
            if (x.is(k, "is") && x.inList(i, {"accountant"sv, "bookkeeper"sv, "solicitor"sv, "lawyer"sv, "attorney"sv, "advisor"sv,
                                                "adviser"sv, "landlord"sv, "executor"sv}))
                ++k;
            // A name quoted after its cue: "My name is “Kemi Dubé”", "name: \"Ana Silva\"".
            if (k < n && (x.punct(k, '"') || startsWithNoCase(x.t, x.tok[k].begin, "\xe2\x80\x9c"))) ++k;
            if (k < taken || k >= n) continue;
            // (a bare "name" before a lower-case word is weak too: "that name shown")
            // (through callApart: inlined, the rare case would grow this hot function)
            if (!x.capitalized(k) && (!cue.strong || cue.phrase == "name"sv)) {
                bool no = false;
                callApart(notNameAfterCue, x, i, k, no);
                if (no) continue;
            }
            // A shop a purchase goes back to: "returned it to Pet Smart" (see merchantBefore).
            if (cue.phrase == "to"sv && merchantBefore(x, k)) continue;
            // "the best exchange rate": an adjective, no sign-off.
            if (cue.phrase == "best"sv && i > 0 && x.inList(i - 1, {"the"sv, "your"sv, "my"sv, "our"sv, "a"sv})) continue;
            // Weak cues that are common words ("to", "for", "from", "with", "pay", "add", "remove", sign-offs)
            // need the name capitalised and known, or two known words.
            const bool common = x.inList(i, {"to"sv, "for"sv, "from"sv, "with"sv, "pay"sv, "add"sv, "remove"sv, "best"sv, "thanks"sv, "is"sv,
                                             "cheers"sv, "regards"sv, "sincerely"sv, "signed"sv, "dear"sv, "it's"sv, "its"sv,
                                             "hi"sv, "hello"sv, "hey"sv, "grüßen"sv, "grüssen"sv, "faithfully"sv, "truly"sv,
                                             "respectfully"sv,
                                             // (roles a product or a team is named after too: "employee Portal", "verify Wise")
                                             "neighbour"sv, "neighbor"sv, "tenant"sv, "employee"sv, "executor"sv, "executrix"sv,
                                             "carer"sv, "caregiver"sv, "verify"sv, "ask"sv, "tell"sv, "call"sv});
            // "T83247456, it's Chilean": "it" is the value just given, not the customer.
            if (x.inList(i, {"it's"sv, "its"sv}) && i >= 2 && x.punct(i - 1, ',') &&
                (x.tok[i - 2].kind == Kind::Number || x.tok[i - 2].kind == Kind::Mixed))
                continue;
            // "I bank with ABN AMRO": the bank, not a person.
            if (x.is(i, "with") && i > 0 && x.inList(i - 1, {"bank"sv, "banks"sv, "banked"sv, "banking"sv})) continue;
            // "name" alone ("name kofi murphy", "name Jamal Reddy") but not "name change": the word after
            // it is capitalised or a known name, or the one after that is.
            // A form's field: "Payee: chloé ngata", "From: Björn nguyen <b@example.com>" (the name whatever its case).
            const bool field = ((labelled || dashLabel) && x.inList(i, {"payee"sv, "beneficiary"sv, "recipient"sv, "holder"sv, "cardholder"sv,
                                                                         "from"sv, "to"sv, "attn"sv, "fao"sv, "applicant"sv})) ||
                               // (the deceased's name in any case, one of its two words a known name: "deceased
                               // haruto achterberg"; "deceased estate account" is none)
                               (x.is(i, "deceased") && x.word(k + 1) && (nameLike(x, k) || nameLike(x, k + 1)) &&
                                !notAName(x, k) && !notAName(x, k + 1));
            const bool strong = field || (cue.strong && !(cue.phrase == "name"sv && !x.capitalized(k) && !nameLike(x, k) &&
                                                !(x.word(k + 1) && known(x, k + 1) && !notAName(x, k + 1))));
            if (cue.phrase == "name"sv && x.inList(k, {"is"sv, "was"sv})) continue;  // handled by "name is"/"name was"
            if (cue.phrase == "name as"sv && !x.capitalized(k)) continue;   // ("my name as shown on ...": a capital only)
            // An introduction right after a greeting or at a clause's start: "hi its björn thompson, ...",
            // "Dia duit, this is pádraig singh", "Hi it's Émilie Davies": a name-like first word, then the
            // name's words in any case up to the clause's end.
            const bool intro = !strong && x.inList(i, {"its"sv, "it's"sv, "this"sv, "i'm"sv, "im"sv, "i"sv, "is"sv}) &&
                               (i == 0 || x.tok[i - 1].kind == Kind::Punct || lineBreakBefore(x, i) ||
                                x.inList(i - 1, {"hi"sv, "hello"sv, "hey"sv, "hiya"sv, "morning"sv, "afternoon"sv, "evening"sv}));
            if (intro && (x.capitalized(k) || nameLike(x, k) || (x.word(k + 1) && nameLike(x, k + 1) && nameWord(x, k + 1, false)))) {
                const std::size_t e = nameFrom(x, k, true);
                // (one lower-case word only with "again"/"here"/"from": "its jess again", not "its bent")
                const bool again = x.inList(e, {"again"sv, "here"sv, "from"sv, "calling"sv});
                if (e > k && (again || ((x.capitalized(k) || e > k + 1) &&
                                        (e >= n || x.tok[e].kind == Kind::Punct || lineBreakBefore(x, e))))) {
                    emitName(x, out, x.tok[k].begin, x.tok[e - 1].end, 0.9f);
                    taken = e;
                    break;
                }
            }
            // "can my son ring instead?": after a modal the relation's next word is a verb.
            if (i >= 2 && !x.capitalized(k) && x.inList(i - 1, {"my"sv, "our"sv}) &&
                x.inList(i - 2, {"can"sv, "could"sv, "will"sv, "would"sv, "should"sv, "may"sv, "might"sv, "must"sv, "does"sv, "did"sv, "shall"sv}))
                continue;
            // A shop an order came from: "order #1234 from Tim Hortons was cancelled", "ordered it from Blue Apron".
            if (x.is(i, "from") && !strong) {
                bool order = false;
                for (std::size_t b = i; b-- > 0 && i - b <= 4;) order = order || x.inList(b, {"order"sv, "ordered"sv, "delivery"sv});
                if (order) continue;
            }
            // Where a customer writes from is a place: "Ana here, writing from Sao Paulo", "here from San Fernando".
            if (!strong && placeAt(x, k)) continue;
            // ("for"/"with"/"from" and an unknown lower-case word: "for interest reporting" is no name)
            if (!strong && !x.capitalized(k) && !nameLike(x, k) && x.inList(i, {"for"sv, "with"sv, "from"sv})) continue;
            std::size_t e = nameFrom(x, k, strong);
            // A surname and the given name after a comma, as a record lists them: "payee record for Brooks,
            // Walter." (one capitalised word, ',', a capitalised known given name ending the clause).
            if (e == k + 1 && x.capitalized(k) && x.punct(e, ',') && x.capitalized(e + 1) && known(x, e + 1) &&
                nameWord(x, e + 1, false) && lastOfClause(x, e + 1))
                e += 2;
            // A payee in a transfer, two lower-case words before the account's number: "send it to tane
            // parata 12-3102-0456789-00", "pay rewi ngata 4092 AUD".
            if (e == k && x.inList(i, {"to"sv, "pay"sv}) && payeeBefore(x, i, k)) e = k + 2;
            if (e == k) continue;
            if (common && !strong) {
                // Sign-offs and greetings: the name ends the clause ("Thanks Ngozi, that worked", "hi
                // Tunde Bakare, ...", "hi its jess again") but not "hi Card services"; then one
                // capitalised word is enough, known or not, or a known one in lower case.
                const bool greeting = x.inList(i, {"thanks"sv, "cheers"sv, "regards"sv, "best"sv, "sincerely"sv, "signed"sv, "hi"sv,
                                                   "hello"sv, "hey"sv, "grüßen"sv, "grüssen"sv, "faithfully"sv, "truly"sv,
                                                   "respectfully"sv});
                // (a chat sign-off after the name: "thanks, Charlotte Lloyd-Jones thx")
                const bool clauseEnd = e >= n || x.tok[e].kind == Kind::Punct || x.inList(e, {"again"sv, "here"sv, "thx"sv, "ty"sv, "ta"sv});
                const bool capitalKnown = (x.capitalized(k) && nameLike(x, k)) || e - k >= 2;
                // "it's Tom from ...", "its jess again" (a known name; "its bent" is not one)
                const bool introduced = x.inList(i, {"it's"sv, "its"sv, "dear"sv}) && nameLike(x, k) &&
                                        (x.capitalized(k) ? clauseEnd : x.inList(e, {"again"sv, "here"sv, "from"sv, "calling"sv}));
                const bool asked = e == k + 1 && askFrom(x, i, k);
                if (x.inList(i, {"ask"sv, "tell"sv, "call"sv}) ? !asked
                    : greeting ? !clauseEnd || !(x.capitalized(k) || nameLike(x, k) || e - k >= 2)
                               : !(capitalKnown || introduced || asked) ||
                                     (x.inList(i, {"to"sv, "for"sv, "from"sv, "with"sv, "pay"sv}) && e - k < 2 && !paidTo(x, i, k, e) && !asked))
                    continue;
            }
            // A lower-case word with its object after it is a verb: "my kid posted this on discord", "my son
            // sent it", not a name.
            static constexpr std::string_view kObjectsList[] = {"this", "that", "it", "my", "the", "a", "an", "me", "him", "her",
                                                                "us", "them", "some", "all", "our", "your", "his"};
            static constexpr auto kObjects = packByLetter<kObjectsList>();
            if (!x.capitalized(k) && listed(x, k + 1, kObjects)) continue;
            // A lower-case name after a weak cue: only from a customer who types all in lower case, or two
            // known names ("my son open an account" is not a name; "my husband ethan petrov" is).
            if (!strong && !x.capitalized(k) && !(lowerText || e - k >= 2)) continue;
            // "I'm/I am/this is" + one unknown capitalised word: a name only if it ends the clause.
            // ("She is Ready to sign": after "she is"/"he's" even a known word must end the clause)
            if (e - k == 1 && x.inList(i, {"she"sv, "he"sv, "she's"sv, "he's"sv}) &&
                !(e >= n || x.tok[e].kind == Kind::Punct || lineBreakBefore(x, e)))
                continue;
            if (!strong && !nameLike(x, k) && e - k == 1 &&
                x.inList(i, {"i"sv, "i'm"sv, "im"sv, "this"sv, "it's"sv, "its"sv, "soy"sv, "sou"sv, "jestem"sv, "ich"sv, "sono"sv,
                             "she"sv, "he"sv, "she's"sv, "he's"sv}) &&
                !(e >= n || x.tok[e].kind == Kind::Punct || x.inList(e, {"again"sv, "here"sv})))
                continue;
            emitName(x, out, x.tok[k].begin, x.tok[e - 1].end, strong ? 0.95f : 0.9f);
            taken = e;
            // The name a correction rejects after a cued one: "payee name should be A, not B" (capitalised).
            // (through callApart: inlined, the rare case would grow this hot function)
            if (strong && x.punct(e, ',') && x.is(e + 1, "not") && x.capitalized(e + 2)) callApart(rejectedName, x, e + 2, taken, out);
            break;
        }
        // "Emma here", "Kofi speaking": a name-like word at the start of a clause before the cue.
        // Two capitalised words too: "Fatou Diallo here".
        auto clauseStart = [&](std::size_t s) {
            return s == 0 || x.tok[s - 1].kind == Kind::Punct || x.inList(s - 1, {"hi"sv, "hello"sv, "hey"sv, "sorry"sv});
        };
        if (x.inList(i + 1, {"here"sv, "speaking"sv}) && i >= taken && nameWord(x, i, true)) {
            // ... or two lower-case words, one of them a name: "Kia ora, niamh henare here"
            const bool two = i > taken && clauseStart(i - 1) &&
                             (x.capitalized(i) ? x.capitalized(i - 1) && nameWord(x, i - 1, false)
                                               : !x.capitalized(i - 1) && nameWord(x, i - 1, true) &&
                                                     (nameLike(x, i) || nameLike(x, i - 1)));
            if (!two && !nameWord(x, i, false)) continue;
            if (two || clauseStart(i)) {
                emitName(x, out, x.tok[two ? i - 1 : i].begin, x.tok[i].end, 0.85f);
                taken = i + 1;
            }
        }
        // Two or three capitalised known names in a row: "Kevin Jackson" (not a shop: "charged by Harvey Norman").
        if (i >= taken && x.capitalized(i) && known(x, i) && nameWord(x, i, false) && x.capitalized(i + 1) &&
            known(x, i + 1) && nameWord(x, i + 1, false) && !x.allCaps(i) && !abbreviation(x, i + 1) && !merchantBefore(x, i) &&
            !placeAt(x, i)) {
            std::size_t e = i + 2;
            if (x.capitalized(e) && known(x, e) && nameWord(x, e, false)) ++e;
            emitName(x, out, x.tok[i].begin, x.tok[e - 1].end, 0.8f);
            taken = e;
        }
    }
    // A name labelled in brackets after it, as the values before it were: "12345678 (account) Ann Lee (name)":
    // 1-3 capitalised name words right before "(name)", two of them or one a known name.
    for (std::size_t i = 1; i + 2 < n; ++i) {
        if (!x.punct(i, '(') || !x.is(i + 1, "name") || !x.punct(i + 2, ')')) continue;
        std::size_t b = i;
        while (b > taken && i - b < 3 && x.capitalized(b - 1) && !x.allCaps(b - 1) && nameWord(x, b - 1, false)) --b;
        if (b < i && (i - b >= 2 || nameLike(x, b))) {
            emitName(x, out, x.tok[b].begin, x.tok[i - 1].end, 0.85f);
            taken = i;
        }
    }
    // A name labelling a number in a list: "the kids' accounts: Mia - 12345678; Leo - 87654321", "for
    // my staff: Ana Berg, 34812-004, acct 1234567", "Ana Berg - Routing: 021000021": one or two
    // capitalised names (one of them known) opening a clause, then '-' or ',' and a number of 5+ characters
    // or a bank field.
    for (std::size_t i = 0; i + 2 < n; ++i) {
        if (i < taken || !(i == 0 || x.tok[i - 1].kind == Kind::Punct || lineBreakBefore(x, i) || x.inList(i - 1, {"please"sv, "pls"sv}) ||
                           (i >= 2 && x.tok[i - 1].kind == Kind::Number && x.punct(i - 2, '-'))) ||   // "...; Leo - 8765"
            !x.capitalized(i) || !nameWord(x, i, false) || x.allCaps(i))
            continue;
        std::size_t e = i + 1;
        if (x.capitalized(e) && nameWord(x, e, false) && !x.allCaps(e)) ++e;
        if (!known(x, i) && !(e == i + 2 && known(x, i + 1))) continue;   // one of them a known name
        if (!(x.punct(e, '-') || x.punct(e, ',')) || e + 1 >= n) continue;
        if ((x.tok[e + 1].kind == Kind::Number && x.tok[e + 1].size() >= 5) ||
            x.inList(e + 1, {"routing"sv, "account"sv, "acct"sv, "transit"sv})) {
            emitName(x, out, x.tok[i].begin, x.tok[e - 1].end, 0.8f);
            taken = e;
        }
    }
    // A business, not a person: a name whose words or the word after it say what trade it is ("Bright
    // Smiles Dental", "Castillo Landscaping", "Golden Dragon Restaurant", "Canada Child Benefit").
    out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                             [&](const Candidate& c) {
                                 if (c.type != PiiType::Name) return false;
                                 for (std::size_t k = tokenAt(x, c.begin), e = tokenAt(x, c.end); k <= e && k < n; ++k)   // and the word after
                                     if (x.word(k) && x.inList(k, {"dental"sv, "landscaping"sv, "plumbing"sv, "cleaning"sv, "repair"sv,
                                                                   "restaurant"sv, "llc"sv, "inc"sv, "ltd"sv, "hardware"sv, "mart"sv,
                                                                   "benefit"sv, "roofing"sv, "construction"sv, "salon"sv, "bakery"sv,
                                                                   "clinic"sv, "auto"sv, "flooring"sv, "painting"sv, "catering"sv,
                                                                   "consulting"sv, "trucking"sv, "electrical"sv, "lawn"sv,
                                                                   // company forms abroad: "Müller Verpackung GmbH", "Hollandse Bloemen BV"
                                                                   "gmbh"sv, "bv"sv, "nv"sv, "ag"sv, "sarl"sv, "srl"sv, "oy"sv,
                                                                   // a place ("here from Quezon City", "Victoria Island")
                                                                   "city"sv, "town"sv, "island"sv, "district"sv, "province"sv,
                                                                   "county"sv, "village"sv,
                                                                   // people of a place ("to United States Residents")
                                                                   "states"sv, "residents"sv, "citizens"sv, "nationals"sv}))
                                         return true;
                                 return false;
                             }),
              out.end());
    // A display name before an e-mail address in angle brackets: "From: Björn nguyen <bjorn.l@example.com>".
    // An address-book line: a capitalised name opening a clause, a comma, then an address ("Liam Z.
    // Fitzgerald, 35 Ponsonby Road, Leeds …"; scanAddresses has run).
    for (std::size_t i = x.t.find('<') == std::string_view::npos ? n : 1; i < n; ++i) {
        if (x.punct(i, '<') && x.word(i - 1) && i - 1 >= taken) {
            const std::size_t close = x.t.find('>', x.tok[i].end);
            if (close == std::string_view::npos || close - x.tok[i].end > 80 || x.t.find('@', x.tok[i].end) > close) continue;
            std::size_t b = i;
            while (b > taken && i - b < 4 && x.word(b - 1) && nameWord(x, b - 1, true)) --b;
            if (b < i) emitName(x, out, x.tok[b].begin, x.tok[i - 1].end, 0.9f);
        }
    }
    const bool addresses = std::any_of(out.begin(), out.end(), [](const Candidate& c) { return c.type == PiiType::Address; });
    for (std::size_t i = 0; addresses && i + 3 < n; ++i) {
        if (!x.capitalized(i) || !(i == 0 || x.tok[i - 1].kind == Kind::Punct || lineBreakBefore(x, i))) continue;
        const std::size_t e = nameFrom(x, i, false);
        if (e < i + 2 || !x.punct(e, ',') || e + 1 >= n) continue;
        const std::size_t a = x.tok[e + 1].begin;
        if (std::any_of(out.begin(), out.end(), [a](const Candidate& c) { return c.type == PiiType::Address && c.begin == a; }))
            emitName(x, out, x.tok[i].begin, x.tok[e - 1].end, 0.85f);
    }
    // Bot/user turns: "Bot: ... your (full) name? User: kofi mensah", "Bot: who is the payee? User: ..."
    for (std::size_t i = 0; i + 2 < n; ++i) {
        if (botAsked(x, i) != Asked::Name) continue;
        // (after a few words of assent or introduction: "sure, it's aroha ngata", "yes this is Tom Hale")
        std::size_t k = i + 2;
        while (k < n && k < i + 6 && (x.punct(k, ',') || x.inList(k, {"sure"sv, "yes"sv, "yeah"sv, "yep"sv, "ok"sv, "okay"sv, "it's"sv,
                                                                          "its"sv, "this"sv, "is"sv, "i'm"sv, "im"sv, "my"sv, "name"sv, "name's"sv, "for"sv, "to"sv})))
            ++k;
        const std::size_t e = k < n ? nameFrom(x, k, true, true) : k;
        if (e > k) emitName(x, out, x.tok[k].begin, x.tok[e - 1].end, 0.9f);
    }
    // A formal statement's "I, Fairbairn, Beatrice, born on ..." / "I, Beatrice Fairbairn, hereby ...": the
    // capitalised name words between "I," and the next comma (a surname and a given name with a comma
    // between them too), at a clause's start.
    for (std::size_t i = 0; i + 3 < n; ++i) {
        if (i < taken || !(x.t[x.tok[i].begin] == 'I' && x.tok[i].size() == 1) || !x.punct(i + 1, ',') ||
            !(i == 0 || x.tok[i - 1].kind == Kind::Punct || lineBreakBefore(x, i)) || !x.capitalized(i + 2))
            continue;
        std::size_t e = nameFrom(x, i + 2, false);
        if (e == i + 3 && x.punct(e, ',') && x.capitalized(e + 1) && nameWord(x, e + 1, false) && !x.punct(e + 2, ':')) e += 2;
        if (e > i + 2 && x.punct(e, ',') && (e > i + 3 || nameLike(x, i + 2))) {
            emitName(x, out, x.tok[i + 2].begin, x.tok[e - 1].end, 0.85f);
            taken = e;
        }
    }
    // An age right after a name: "my son Finn (14)", "Aoife here (26)", after an introduction "hi I'm
    // Nomvula, 19, first job" (a number 1-120 alone between commas).
    for (std::size_t c = first; c < out.size(); ++c) {
        if (out[c].type != PiiType::Name) continue;
        std::size_t e = tokenAt(x, out[c].end);
        if (x.inList(e, {"here"sv, "speaking"sv})) ++e;
        const bool paren = x.punct(e, '(') && x.punct(e + 2, ')');
        const std::size_t b = tokenAt(x, out[c].begin);
        const bool intro = x.punct(e, ',') && b > 0 && x.inList(b - 1, {"i'm"sv, "im"sv, "am"sv, "is"sv}) &&
                           (e + 2 >= n || x.punct(e + 2, ',') || x.punct(e + 2, '.'));
        if ((paren || intro) && e + 1 < n && x.tok[e + 1].kind == Kind::Number && x.tok[e + 1].size() <= 3 &&
            numberValue(x, e + 1) >= 1 && numberValue(x, e + 1) <= 120)
            emit(out, PiiType::Age, x.tok[e + 1].begin, x.tok[e + 1].end, kContext, 0.8f);
    }
}

// The customer's turn answering a bot's question about a username or an age: "Bot: Your username?
// User: petra_k", "Bot: How old are you? User: 45".
void scanReplies(const Text& x, std::vector<Candidate>& out) {
    const std::size_t n = x.tok.size();
    for (std::size_t i = 0; i + 2 < n; ++i) {
        // "a widow of 82", "a pensioner of 76": a person's noun, "of", a number 1-120 not read as an amount
        // ("a balance of 82", "a fee of 76" name no person) nor part of a longer number ("82.50", "82%").
        if (x.is(i + 1, "of") && x.tok[i + 2].kind == Kind::Number && x.tok[i + 2].size() <= 3 &&
            x.inList(i, {"widow"sv, "widower"sv, "man"sv, "woman"sv, "lady"sv, "gentleman"sv, "pensioner"sv, "retiree"sv,
                         "boy"sv, "girl"sv, "person"sv}) &&
            !(i + 3 < n && x.tok[i + 3].begin == x.tok[i + 2].end && (x.punct(i + 3, '.') || x.punct(i + 3, '%') || x.punct(i + 3, ',')) &&
              i + 4 < n && x.tok[i + 4].kind == Kind::Number && x.tok[i + 4].begin == x.tok[i + 3].end) &&
            !x.punct(i + 3, '%')) {
            const int age = numberValue(x, i + 2);
            if (age >= 1 && age <= 120) emit(out, PiiType::Age, x.tok[i + 2].begin, x.tok[i + 2].end, kContext, 0.85f);
        }
        const Asked asked = botAsked(x, i);
        if (asked == Asked::Username) {
            // The turn's first token, or the first after "it's"/"its" ("Bot: your user ID? User: it's ccosta71").
            const std::size_t k = x.inList(i + 2, {"it's"sv, "its"sv}) ? i + 3 : i + 2;
            const Value v = valueAfter(x, k, false, 0);
            const std::string_view s = x.t.substr(v.begin, v.end - v.begin);
            if (v.found() && s.size() >= 3 && s.size() <= 40 && !(x.tok[k].end == v.end && notAName(x, k)) && (k == i + 2 || handleShape(s)) &&
                std::all_of(s.begin(), s.end(), [](char c) { return isAlnum(c) || c == '_' || c == '.' || c == '-'; }))
                emit(out, PiiType::Username, v.begin, v.end, kContext, 0.85f);
        } else if (asked >= Asked::Password) {
            // The same checks as after the keyword ("password: X"), the turn's first token the value, or
            // the first after a few words of assent ("its A1230800 pls", "sure, it's X", "it is X").
            std::size_t k = i + 2;
            static constexpr std::string_view kAssentList[] = {"sure", "yes", "yeah", "yep", "ok", "okay", "here", "it's", "its", "it", "is"};
            static constexpr auto kAssent = packByLetter<kAssentList>();
            while (k < n && k < i + 6 && (x.punct(k, ',') || x.punct(k, ':') || listed(x, k, kAssent)))
                ++k;
            static constexpr KeyPhrase kAsked[] = {{"password", PiiType::Password},
                                                   {"passport", PiiType::PassportNumber},
                                                   {"sin", PiiType::CaSocialInsuranceNumber},
                                                   {"nhs", PiiType::UkNationalHealthServiceNumber},
                                                   {"licence", PiiType::DriverId}};
            if (k < n) valueOfKey(x, kAsked[static_cast<int>(asked) - static_cast<int>(Asked::Password)], k, true, out);
        } else if (asked == Asked::Age && x.tok[i + 2].kind == Kind::Number && x.tok[i + 2].size() <= 3) {
            const int age = numberValue(x, i + 2);
            if (age >= 1 && age <= 120) emit(out, PiiType::Age, x.tok[i + 2].begin, x.tok[i + 2].end, kContext, 0.85f);
        }
    }
}

}  // namespace

void scanWords(std::string_view text, const Starts& starts, std::vector<Candidate>& out) {
    Text x{text, tokenize(text)};
    scanNetwork(text, starts, out);
    callApart(scanValues, x, starts, out);   // (see callApart)
    callApart(scanAddresses, x, out);
    callApart(scanAddressesAbroad, x, out);
    callApart(scanDates, x, starts, out);
    callApart(scanNames, x, out);
    callApart(scanReplies, x, out);
}

}  // namespace finchat::pii_detail
