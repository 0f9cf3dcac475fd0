#include "finchat/pii.h"

#include "finchat/json.h"
#include "finchat/util.h"
#include "pii_packed.h"
#include "pii_scan.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>

namespace finchat {
namespace {
using namespace pii_detail;
using namespace std::string_view_literals;

// Characters that join digits into one larger number: "1,234.56", "10:30", "01/05/2025".
bool isNumberJoiner(char c) { return c == '.' || c == ',' || c == ':' || c == '/'; }

bool startsWith(std::string_view t, std::size_t pos, std::string_view s) {
    if (pos > t.size() || t.size() - pos < s.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (t[pos + i] != s[i]) return false;
    return true;
}
bool endsWith(std::string_view t, std::size_t pos, std::string_view s) {
    return pos <= t.size() && pos >= s.size() && startsWith(t, pos - s.size(), s);
}

// The letters t[p, e) are the lower-case word w (any case) / one of the words of a list.
FINCHAT_PII_INLINE bool lettersAre(std::string_view t, std::size_t p, std::size_t e, std::string_view w) {
    return e - p == w.size() && startsWithNoCase(t, p, w);
}
bool lettersIn(std::string_view t, std::size_t p, std::size_t e, WordList list) {
    // (only the words of t[p]'s letter: pii_packed.h, "First-letter groups")
    for (std::size_t k : list.startingWith(at(t, p)))
        if (lettersAre(t, p, e, list[k])) return true;
    return false;
}

constexpr std::string_view kEuro = "\xE2\x82\xAC", kPound = "\xC2\xA3", kYen = "\xC2\xA5";

// An amount: a currency sign (optionally one space) right before `pos`...
bool currencyBefore(std::string_view t, std::size_t pos) {
    if (before(t, pos) == ' ') --pos;
    return before(t, pos) == '$' || endsWith(t, pos, kEuro) || endsWith(t, pos, kPound) ||
           endsWith(t, pos, kYen);
}
// ...or a currency sign or ISO code right after it ("1234567890 EUR").
bool currencyAfter(std::string_view t, std::size_t pos) {
    if (at(t, pos) == ' ') ++pos;
    if (at(t, pos) == '$' || startsWith(t, pos, kEuro) || startsWith(t, pos, kPound) ||
        startsWith(t, pos, kYen))
        return true;
    // (the currencies of the places customers write from: "move 111 EUR from ...", "sent 2500 KES")
    // (ISO 4217 codes, three letters each, one string: smaller in the wasm than a list of views)
    if (!isUpper(at(t, pos))) return false;
    constexpr std::string_view kCodes = "EURUSDGBPCHFCADAUDNZDINRZARKESNGNMXNBRLPLNTRYSGDJPYSEKNOKDKKHKDAEDPHPVND";
    for (std::size_t c = 0; c < kCodes.size(); c += 3)
        if (startsWith(t, pos, kCodes.substr(c, 3)) && !isLetter(at(t, pos + 3))) return true;
    return false;
}

// ---- Digit runs -----------------------------------------------------------------------------------
struct Run {
    std::size_t begin, end;
    bool wordGlued;    // touches a letter or '_': "cvv2", "12th", "A1234" are not numbers of their own
    bool numberGlued;  // part of a larger number: "1,234.56", "10:30", "01/05/2025"
    std::size_t size() const { return end - begin; }
    bool clean() const { return !wordGlued && !numberGlued; }
};

std::vector<Run> digitRuns(std::string_view t, const Starts& starts) {
    std::vector<Run> runs;
    for (std::size_t i : starts.numbers) {
        if (!isDigit(t[i])) continue;   // ('+', '(')
        std::size_t e = i;
        while (e < t.size() && isDigit(t[e])) ++e;
        Run r{i, e, false, false};
        r.wordGlued = isWordChar(before(t, i)) || isWordChar(at(t, e));
        r.numberGlued = (isNumberJoiner(before(t, i)) && i >= 2 && isDigit(t[i - 2])) ||
                        (isNumberJoiner(at(t, e)) && isDigit(at(t, e + 1)));
        runs.push_back(r);
    }
    return runs;
}

}  // namespace
// (pii_scan.h)
Starts pii_detail::findStarts(std::string_view t) {
    Starts s;
    s.word.reserve(t.size() / 4 + 4);   // (about one per word: no growing on the way)
    // (whether the byte before is a letter / a digit, carried along)
    bool afterLetter = false, afterDigit = false;
    for (std::size_t p = 0; p < t.size(); ++p) {
        const char c = t[p];
        const bool alnum = isAlnum(c), digit = isDigit(c);
        if ((digit && !afterDigit) || c == '+' || c == '(') s.numbers.push_back(p);
        afterDigit = digit;
        if ((alnum && !afterLetter) || (c == ':' && at(t, p + 1) == ':')) s.word.push_back(p);
        afterLetter = isLetter(c);
        if (c == '.' && isAlnum(at(t, p + 1))) {
            // (a dot inside a word is rare: where its run starts is found by walking back from it)
            std::size_t run = p;
            while (run > 0 && (isAlnum(t[run - 1]) || t[run - 1] == '-' || (t[run - 1] == '.' && isAlnum(t[run])))) --run;
            if (s.dotted.empty() || s.dotted.back() != run) s.dotted.push_back(run);
        }
    }
    return s;
}
namespace {

// Up to 19 digits of runs[first..last] (the separators dropped); 0 if there are more.
struct Digits {
    std::array<char, 20> d{};
    std::size_t n = 0;
};
Digits collectDigits(std::string_view t, const std::vector<Run>& runs, std::size_t first, std::size_t last) {
    Digits out;
    for (std::size_t r = first; r <= last; ++r) {
        if (out.n + runs[r].size() > 19) return Digits{};
        for (std::size_t i = runs[r].begin; i < runs[r].end; ++i) out.d[out.n++] = t[i];
    }
    return out;
}

// ---- Checksums ------------------------------------------------------------------------------------

// ABA routing transit number: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10), and the first two
// digits are a Federal Reserve routing symbol (00-12, 21-32) or a thrift/electronic range (61-72, 80)
// (any prefix where the customer calls it a routing number: customers and test data invent numbers).
bool abaValid(const Digits& ds, bool named = false) {
    if (ds.n != 9) return false;
    int prefix = (ds.d[0] - '0') * 10 + (ds.d[1] - '0');
    if (!named && !(prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix == 80))
        return false;
    static constexpr int kWeights[] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += kWeights[i] * (ds.d[i] - '0');
    return sum % 10 == 0;
}

// US SSN ranges the SSA never issues: area 000, 666 and 900-999, group 00, serial 0000.
bool ssnValid(const Digits& ds) {
    if (ds.n != 9) return false;
    int area = (ds.d[0] - '0') * 100 + (ds.d[1] - '0') * 10 + (ds.d[2] - '0');
    int group = (ds.d[3] - '0') * 10 + (ds.d[4] - '0');
    bool serialZero = ds.d[5] == '0' && ds.d[6] == '0' && ds.d[7] == '0' && ds.d[8] == '0';
    return area != 0 && area != 666 && area < 900 && group != 0 && !serialZero;
}

// ---- Keywords -------------------------------------------------------------------------------------
// Numbers that are only PII by context need a keyword *before* them: case-insensitive, starting a word
// (no ASCII letter before it), ending at most kKeywordReach bytes before the number, and with no other
// number between keyword and number ("cvv 123 and 456 more" flags only 123) but counts of one or two
// digits ("pin locked after 3 tries, i used 4821") and values given as alternatives (alternativeGap) or
// as a change "from X to Y" (fromToGap). Whole-word keywords must
// also end a word ("pin" is not "pink"; "cvv" still matches "CVV2", a digit is not a letter).
enum Cue : std::uint8_t { kCueSsn, kCueRouting, kCueTransit, kCueSortCode, kCueExpiry, kCueCvv, kCuePin, kCueAccount, kCuePhone,
           kCueSwift, kCueCard, kCueInstitution, kCueCount };

template <class S>
struct KeywordT {
    [[no_unique_address]] S word;  // lower case
    Cue cue;
    bool wholeWord;
    template <class F> FINCHAT_PII_INLINE constexpr auto map(F f) const { return KeywordT<decltype(f(word))>{f(word), cue, wholeWord}; }
};
using Keyword = KeywordT<std::string_view>;  // pii_packed.h

constexpr Keyword kKeywordsList[] = {
    {"ssn", kCueSsn, true},          {"social security", kCueSsn, false},
    {"routing", kCueRouting, false}, {"aba", kCueRouting, true},
    {"rtn", kCueRouting, true},      {"transit", kCueTransit, false},   // ABA, or a Canadian 5-digit transit
    {"sort code", kCueSortCode, false}, {"sortcode", kCueSortCode, false},
    {"sort", kCueSortCode, true},    {"my social", kCueSsn, true},
    {"s/c", kCueSortCode, true},     {"bsb", kCueSortCode, true},     // bsb: Australia's sort code, NNN-NNN
    {"nsc", kCueSortCode, true},     // Ireland's national sort code
    {"branch code", kCueSortCode, false},   // South Africa's (universal) branch code: 6 digits, as a sort code
    {"srot code", kCueSortCode, false},   // a transposition typo of "sort code"
    {"exp", kCueExpiry, true},       {"expir", kCueExpiry, false},   // exp., expiry, expires, expiration
    {"valid thru", kCueExpiry, false}, {"valid through", kCueExpiry, false},
    {"good thru", kCueExpiry, false},
    {"cvv", kCueCvv, true},          {"cvc", kCueCvv, true},
    {"ccv", kCueCvv, true},          {"rtg", kCueRouting, true},      // a common typo; "rtg#" on forms
    {"rtng", kCueRouting, true},
    {"cvn", kCueCvv, true},          {"cid", kCueCvv, true},
    {"csc", kCueCvv, true},          {"security code", kCueCvv, false},
    {"card verification", kCueCvv, false},
    {"pin", kCuePin, true},          {"passcode", kCuePin, false},
    {"pin code", kCuePin, false},    {"pincode", kCuePin, false},
    {"back says", kCueCvv, false},   {"on the back", kCueCvv, false},
    {"on back", kCueCvv, false},     {"3-digit", kCueCvv, false},
    // the back of the card in a learner's words: "behind is written 099", "at the back it says 940"
    {"behind is", kCueCvv, false},   {"behind it", kCueCvv, false},   {"written behind", kCueCvv, false},
    {"at the back", kCueCvv, false}, {"on the reverse", kCueCvv, false},
    {"3 digit", kCueCvv, false},     {"three digit", kCueCvv, false},
    {"4 digit code", kCueCvv, false}, {"4-digit code", kCueCvv, false},   // Amex's CID, on the front
    {"four digit code", kCueCvv, false}, {"four-digit code", kCueCvv, false},
    {"three-digit", kCueCvv, false}, {"security number", kCueCvv, false},
    {"security digits", kCueCvv, false},
    {"verification code", kCueCvv, false}, {"verification number", kCueCvv, false},
    {"valid until", kCueExpiry, false}, {"valid to", kCueExpiry, false},
    {"caduc", kCueExpiry, false},    {"venc", kCueExpiry, false},      // "caduca el 01/32", "vence", "vencimiento"
    {"g\xC3\xBCltig bis", kCueExpiry, false}, {"gultig bis", kCueExpiry, false}, {"valable", kCueExpiry, false},
    {"scadenza", kCueExpiry, false},
    {"sec code", kCueCvv, false},    {"security no", kCueCvv, true},
    {"p.i.n", kCuePin, false},       {"secure code", kCuePin, false},   // "enter your 6-digit secure code"
    {"institution", kCueInstitution, false},   // Canada: the 3-digit institution number
    {"inst", kCueInstitution, true},  {"swft", kCueSwift, true},       // "transit 12345 inst 004", a typo
    {"swfit", kCueSwift, true},      {"securty code", kCueCvv, false},  // typos: "swfit code", "securty code"
    {"xp", kCueExpiry, true},        {"experation", kCueExpiry, false},   // "xp 06-28", a typo
    {"fund it from", kCueAccount, false}, {"fund from", kCueAccount, false}, {"funded from", kCueAccount, false},
    {"account", kCueAccount, false}, {"acct", kCueAccount, false},
    {"acc", kCueAccount, true},      {"a/c", kCueAccount, false},      {"accnt", kCueAccount, true},
    {"dda", kCueAccount, true},      // demand deposit account
    {"kontonummer", kCueAccount, false}, {"konto", kCueAccount, true},
    {"pay from", kCueAccount, false}, {"paid from", kCueAccount, false},
    {"pay it from", kCueAccount, false}, {"transfer from", kCueAccount, false},
    {"transfer to", kCueAccount, false}, {"transferred to", kCueAccount, false},
    {"send to", kCueAccount, false}, {"sent to", kCueAccount, false},
    {"sent it to", kCueAccount, false}, {"pay into", kCueAccount, false},
    {"paid into", kCueAccount, false}, {"deposit into", kCueAccount, false},
    {"savings", kCueAccount, false}, {"checking", kCueAccount, false},
    {"chequing", kCueAccount, false},
    {"out of", kCueAccount, true},  {"taken from", kCueAccount, false},   // "keeps coming out of X"
    {"debited from", kCueAccount, false}, {"withdrawn from", kCueAccount, false},
    {"balance on", kCueAccount, false},   // "whats the balance on 09460830555"
    // a loan's number named by its kind is its account's ("help with my home loan 22690624985"; a bare "loan
    // no X" is not labelled so), as is the one a fee was charged on ("reverse the overdraft fee on 22021483")
    {"home loan", kCueAccount, true}, {"car loan", kCueAccount, true}, {"personal loan", kCueAccount, true},
    {"student loan", kCueAccount, true}, {"fee on", kCueAccount, false}, {"fees on", kCueAccount, false},
    // statements are of an account: "statements for 30418822 going back 6 months", "statement on 5512093"
    {"statements for", kCueAccount, false}, {"statement for", kCueAccount, false},
    {"statements on", kCueAccount, false}, {"statement on", kCueAccount, false},
    {"statements of", kCueAccount, false}, {"statement of", kCueAccount, false},
    {"history for", kCueAccount, false},   {"history on", kCueAccount, false},   // "transaction history for 5512093"
    // a bill or a loan that draws its payment from an account ("autopay pulls from 57381370")
    {"pulls from", kCueAccount, false}, {"pulled from", kCueAccount, false}, {"draws from", kCueAccount, false},
    {"drafts from", kCueAccount, false}, {"deducted from", kCueAccount, false}, {"withdraws from", kCueAccount, false},
    {"debits from", kCueAccount, false},
    // the account in the languages customers write in: "número de cuenta", "número da conta", "numéro de
    // compte", "numer konta"/"rachunku", "numero di conto", "rekeningnummer"
    {"cuenta", kCueAccount, true},   {"conta", kCueAccount, true},     {"compte", kCueAccount, true},
    {"konta", kCueAccount, true},    {"rachunku", kCueAccount, true},  {"conto", kCueAccount, true},
    {"rekening", kCueAccount, false},
    {"phone", kCuePhone, false},     {"telephone", kCuePhone, false},
    {"tel", kCuePhone, true},        {"mobile", kCuePhone, false},
    {"cell", kCuePhone, true},       {"cellphone", kCuePhone, false},
    {"call", kCuePhone, false},      {"fax", kCuePhone, true},
    {"whatsapp", kCuePhone, false},
    // who a text or a call came from ("I got a text from 2085550160"); a mobile in Spanish and Portuguese
    {"text from", kCuePhone, false}, {"texts from", kCuePhone, false}, {"sms from", kCuePhone, false},
    {"celular", kCuePhone, false},   {"m\xC3\xB3vil", kCuePhone, true},
    {"movil", kCuePhone, true},
    // texts that do not arrive ("sms not arriving on 13945105108", a mainland China mobile) and where a
    // person can be reached ("she can be reached on 13954191153")
    {"sms", kCuePhone, true},        {"reached on", kCuePhone, false},
    {"swift", kCueSwift, false},     {"bic", kCueSwift, true},
    {"bank code", kCueSwift, false}, {"bank identifier", kCueSwift, false},
    {"iban", kCueSwift, true},
    // Only for card numbers whose Luhn check fails (a customer's typo): see scanCards.
    {"card", kCueCard, false},       {"visa", kCueCard, true},
    {"mastercard", kCueCard, true},  {"amex", kCueCard, true},
    {"debit", kCueCard, true},       {"credit", kCueCard, true},
};
// (grouped by first two letters: findCueHits tries at a word start only the keywords of its two letters;
// two keywords that match at one place share their first two letters, so their order stays the list's)
constexpr auto kKeywords = packByTwoLetters<kKeywordsList>();
constexpr std::size_t kKeywordReach = 40;
constexpr std::size_t kSwiftReach = 90;
constexpr std::size_t kLongestKeyword = 19;  // "verification number"
static_assert(std::all_of(std::begin(kKeywordsList), std::end(kKeywordsList),
                          [](const Keyword& k) { return k.word.size() <= kLongestKeyword; }));      // "the SWIFT code for my branch? The other bank says X"

// For each cue, the end of its nearest keyword before `pos` (0 = none; a keyword never ends at 0).
struct Cues {
    std::array<std::size_t, kCueCount> end{};
    FINCHAT_PII_INLINE bool has(Cue c) const { return end[c] != 0; }
    bool any() const {
        return std::any_of(end.begin(), end.end(), [](std::size_t e) { return e != 0; });
    }
};

bool keywordAt(std::string_view t, std::size_t p, const Keyword& k) {
    if (p + k.word.size() > t.size()) return false;
    for (std::size_t i = 0; i < k.word.size(); ++i)
        if (toLower(t[p + i]) != k.word[i]) return false;
    if (isLetter(before(t, p))) return false;
    return !k.wholeWord || !isLetter(at(t, p + k.word.size()));
}

// Every keyword in the text, found in one pass before the scanners run (they ask for the keywords
// before each number): at each byte that starts a word, only the keywords with that first letter.
struct CueHit {
    std::size_t begin, end;
    Cue cue;
};
using CueHits = std::vector<CueHit>;

// Customers mistype cue words ("acount", "acocunt", "rounting"): the longer single-word cues also match
// a word one deletion, insertion, adjacent swap or substitution away (a substitution not in the last
// letter, so "routine" is not "routing"), if it starts with the same letter.
constexpr Keyword kFuzzyKeywordsList[] = {
    {"account", kCueAccount, false},  {"routing", kCueRouting, false},  {"checking", kCueAccount, false},
    {"chequing", kCueAccount, false}, {"passcode", kCuePin, false},     {"transit", kCueTransit, false},
};
constexpr auto kFuzzyKeywords = packWords<kFuzzyKeywordsList>();

// "one-time passcode", "one time pin": a code the bank sends for one login or payment (an OTP), not
// the customer's PIN.
bool oneTimeBefore(std::string_view t, std::size_t p) {
    return p >= 9 && (t[p - 1] == ' ' || t[p - 1] == '-') && startsWithNoCase(t, p - 9, "one") && !isLetter(before(t, p - 9)) &&
           (t[p - 6] == '-' || t[p - 6] == ' ') && startsWithNoCase(t, p - 5, "time");
}

bool oneTimeCodeAsked(std::string_view t, std::size_t pos);   // below, with the turns
bool oneTimeCodeWord(std::string_view t, std::size_t q, std::size_t e);

// A transfer's verb or noun and then an amount ("$50", "111 EUR") in the 32 bytes before p, in the same sentence
// (or the verb alone, where `longNumber`: "move everything from 199731567 into 7463501262").
bool transferBefore(std::string_view t, std::size_t p, bool longNumber) {
    bool amount = false;
    for (std::size_t q = p; q-- > (p > 32 ? p - 32 : 0);) {
        const char c = t[q];
        if (c == '!' || c == '?' || c == '\n' || (c == '.' && !isDigit(at(t, q + 1)))) return false;
        amount = amount || (isDigit(c) && (currencyBefore(t, q) || (!isDigit(at(t, q + 1)) && currencyAfter(t, q + 1))));
        if (isLetter(before(t, q)) || !isLetter(c)) continue;
        for (std::string_view v : {"transfer"sv, "send"sv, "sent"sv, "move"sv, "moved"sv, "wire"sv, "pay"sv, "shift"sv, "xfer"sv})
            if (startsWithNoCase(t, q, v)) return amount || longNumber;
    }
    return false;
}

// A label a PDF spaced out letter by letter ("A c c o u n t  N o .  76830134   R o u t i n g  295061016"):
// single letters set apart by single spaces (its words by wider gaps) spell a keyword as if typed whole.
// p: the first letter (no letter before it). At most ten letters: the hit stays within kLongestKeyword.
void spacedKeyword(std::string_view t, std::size_t p, CueHits& hits) {
    if (before(t, p) == ' ' && isLetter(before(t, p - 1)) && !isLetter(before(t, p - 2))) return;   // inside such a word
    std::array<char, 10> w{};
    std::size_t n = 0;
    for (std::size_t q = p; isLetter(at(t, q)) && !isLetter(at(t, q + 1)); q += 2) {
        if (n == w.size()) return;
        w[n++] = toLower(t[q]);
        if (at(t, q + 1) != ' ') break;
    }
    if (n < 3) return;
    const std::string_view spelt(w.data(), n);
    for (std::size_t k : kKeywords.startingWith(spelt[0], spelt[1])) {   // (the first match: the list's order within a pair)
        const Keyword kw = kKeywords[k];
        if (kw.word.size() >= 3 && (kw.wholeWord ? spelt == kw.word : spelt.substr(0, kw.word.size()) == kw.word) &&
            kw.word.find(' ') == std::string_view::npos) {
            hits.push_back({p, p + 2 * kw.word.size() - 1, kw.cue});
            return;
        }
    }
}

CueHits findCueHits(std::string_view t, const Starts& starts) {
    CueHits hits;
    for (std::size_t p : starts.word) {
        // (a keyword starts with a letter or a digit, "3-digit", not "::"; s: the letter's group, 26 for a digit)
        if (!isAlnum(t[p])) continue;
        const std::size_t s = letterGroup(t[p]);
        const std::size_t before = hits.size();
        const char second = toLower(at(t, p + 1));
        for (std::size_t k : kKeywords.startingWith(t[p], second)) {
            // (the second byte, inline: the pair's group holds any non-letter second byte)
            if (kKeywords.word(k)[1] != second) continue;
            const Keyword kw = kKeywords[k];
            if (keywordAt(t, p, kw) && !(kw.cue == kCuePin && oneTimeBefore(t, p))) hits.push_back({p, p + kw.word.size(), kw.cue});
        }
        // "Transfer of S$119.59 from 231-532623-4 to 961-365087-8", "move 111 EUR from X into Y": "from"/
        // "to"/"into" after a transfer's verb and its amount name accounts as "transfer from" does.
        if (hits.size() == before && (s == 5 || s == 19 || s == 8)) {
            // (each word tried only in its own letter's bucket: s is the first letter)
            const std::size_t w = s == 5    ? (startsWithNoCase(t, p, "from") ? 4 : 0)
                                  : s == 8  ? (startsWithNoCase(t, p, "into") ? 4 : 0)
                                            : (startsWithNoCase(t, p, "to") ? 2 : 0);
            // (only right before the number: "send $50 to Ann Lee, 12 34 56 ..." names a payee first)
            // (a run of 8+ digits after "from" is the account money leaves even where no amount is named; the
            // one it goes "into" then follows it, see intoGap)
            std::size_t d = p + w + 1;
            while (isDigit(at(t, d))) ++d;
            const bool longFrom = s == 5 && d - (p + w + 1) >= 8 && !isAlnum(at(t, d));
            if (w != 0 && at(t, p + w) == ' ' && d > p + w + 1 && transferBefore(t, p, longFrom))
                hits.push_back({p, p + w, kCueAccount});
        }
        if (hits.size() == before && at(t, p + 1) == ' ' && isLetter(t[p]) && isLetter(at(t, p + 2)) && at(t, p + 3) == ' ')
            spacedKeyword(t, p, hits);
        if (hits.size() != before || (s != 0 && s != 2 && s != 15 && s != 17 && s != 19)) continue;  // a c p r t
        std::size_t e = p;
        while (isLetter(at(t, e))) ++e;
        if (e - p < 6 || e - p > 9) continue;
        for (const Keyword& kw : kFuzzyKeywords)
            if (kw.word[0] == toLower(t[p]) && oneEditAway(t, p, e - p, kw.word)) {
                hits.push_back({p, e, kw.cue});
                break;
            }
    }
    return hits;
}

// The keywords that cue a number at `pos`: starting at or after `floor`, ending at most `reach`
// bytes before `pos`.
Cues findCues(const CueHits& hits, std::size_t floor, std::size_t pos, std::size_t reach = kKeywordReach) {
    Cues cues;
    // Hits are sorted by their start; no keyword is longer than kLongestKeyword.
    const std::size_t lo = pos > reach + kLongestKeyword ? pos - reach - kLongestKeyword : 0;
    auto first = std::lower_bound(hits.begin(), hits.end(), lo, [](const CueHit& h, std::size_t p) { return h.begin < p; });
    for (auto it = first; it != hits.end(); ++it) {
        const CueHit& h = *it;
        if (h.begin >= pos) break;
        if (h.begin < floor || h.end > pos || pos - h.end > reach) continue;
        cues.end[h.cue] = std::max(cues.end[h.cue], h.end);
    }
    return cues;
}

// ---- CREDIT_DEBIT_NUMBER --------------------------------------------------------------------------
// Card numbers (ISO/IEC 7812) have 13-19 digits, written contiguously or in groups joined by single
// spaces or single dashes, one kind per number ("4111 1111 1111 1111", "4111-1111-1111-1111", Amex
// "3782 822463 10005"). A candidate:
//  - consists of whole digit groups: it never starts or ends inside a run of digits, and never inside
//    a dash-joined number ("4111-1111-1111-1111-1234" is a 20-digit number, not a card); inside a
//    longer space-joined sequence it starts and ends at spaces;
//  - when grouped, has groups of 3-6 digits (the last one 1-6), so lists of small numbers never
//    combine into a card;
//  - passes the Luhn check and starts with 2-6 (Mastercard 2/5, Amex/Diners/JCB 3, Visa 4,
//    Discover/UnionPay/Maestro 6) — 13+ digit numbers starting 0, 1, 7, 8, 9 are not payment cards;
//  - is not glued to letters or to a decimal/time/date ("4111111111111111.50") and does not follow '+'
//    (that is an international phone number) or an IBAN's head ("DE89 3704 0044 0532 0130 01" with a
//    wrong check digit is a mistyped IBAN, not a card whose digits happen to pass Luhn).
bool ibanHeadBefore(std::string_view t, std::size_t pos) {
    return pos >= 5 && t[pos - 1] == ' ' && isLetter(t[pos - 5]) && isLetter(t[pos - 4]) &&
           isDigit(t[pos - 3]) && isDigit(t[pos - 2]) && !isWordChar(before(t, pos - 5));
}

void cardsInChain(std::string_view t, const std::vector<Run>& runs, const CueHits& hits, std::size_t first,
                  std::size_t last, std::vector<Candidate>& out) {
    // Groups after an IBAN's head belong to it, however many there are: "IBAN PL66 9024 8416 5763 5656
    // 6988 8752 99" (two digits too many) holds no card at its third group either.
    bool ibanGroups = false;
    for (std::size_t s = first; s <= last; ++s) {
        ibanGroups = ibanHeadBefore(t, runs[s].begin) || (ibanGroups && s > first && t[runs[s].begin - 1] == ' ' &&
                                                         runs[s].begin == runs[s - 1].end + 1);
        if (ibanGroups) continue;
        if (s > first && t[runs[s].begin - 1] != ' ') continue;
        if (s == first && before(t, runs[s].begin) == '+') continue;
        std::size_t digits = 0;
        char gap = 0;
        for (std::size_t e = s; e <= last; ++e) {
            if (e > s) {
                char g = t[runs[e].begin - 1];
                if (gap == 0) gap = g;
                if (g != gap) break;
                if (runs[e - 1].size() < 3 || runs[e - 1].size() > 6) break;
                if (runs[e].size() > 6) break;
            }
            digits += runs[e].size();
            if (digits > 19) break;
            if (digits < 13) continue;
            if (e != last && t[runs[e].end] != ' ') continue;
            Digits ds = collectDigits(t, runs, s, e);
            if (ds.d[0] < '2' || ds.d[0] > '6') continue;
            if (pii_detail::luhnValid(std::string_view(ds.d.data(), ds.n)))
                out.push_back({PiiType::CreditDebitNumber, runs[s].begin, runs[e].end, kCard, 0.98f});
            else if (ds.n == 16 && (s == e || e - s == 3) && findCues(hits, 0, runs[s].begin).has(kCueCard))
                out.push_back({PiiType::CreditDebitNumber, runs[s].begin, runs[e].end, kContext, 0.75f});
        }
    }
}

// Card numbers in fixed groups that the single-separator chain above does not join: dot groups
// ("4702.0513.2968.0181") and groups set apart by a wider gap of spaces or tabs, as a number copied
// from a formatted field arrives ("4457  3238  1282  1227"). Only the two shapes cards are printed in,
// 4.4.4.4 and Amex 4.6.5, Luhn-valid and starting 2-6; decimals, amounts, IP addresses and tables of
// small numbers never have these groups. A wide-gap candidate has at least one gap other than a single
// space (2-3 blanks, or a tab; all single spaces is the chain's case) and no digit group within such a gap before or after it.
enum class CardGap : std::uint8_t { Dot, Blank };

// The gap between two runs: one '.' (Dot) or 1-3 spaces/tabs (Blank); its width, or 0 if it is neither.
std::size_t cardGap(std::string_view t, std::size_t from, std::size_t to, CardGap kind) {
    if (to <= from) return 0;
    if (kind == CardGap::Dot) return to == from + 1 && t[from] == '.' ? 1 : 0;
    if (to - from > 3) return 0;
    for (std::size_t k = from; k < to; ++k)
        if (t[k] != ' ' && t[k] != '\t') return 0;
    return to - from;
}

void groupedCard(std::string_view t, const std::vector<Run>& runs, std::size_t i, CardGap kind,
                 std::vector<Candidate>& out) {
    static constexpr std::array<std::array<std::uint8_t, 4>, 2> kShapes = {{{4, 4, 4, 4}, {4, 6, 5, 0}}};
    for (const auto& sizes : kShapes) {
        const std::size_t groups = sizes[3] == 0 ? 3 : 4;
        if (i + groups > runs.size()) continue;
        bool ok = true, wide = false;
        for (std::size_t k = 0; k < groups && ok; ++k) {
            ok = runs[i + k].size() == sizes[k];
            if (ok && k > 0) {
                const std::size_t gap = cardGap(t, runs[i + k - 1].end, runs[i + k].begin, kind);
                ok = gap > 0;
                wide = wide || gap > 1 || t[runs[i + k - 1].end] != ' ';   // not the chain's single space
            }
        }
        if (!ok || (kind == CardGap::Blank && !wide)) continue;
        const Run& last = runs[i + groups - 1];
        if (isWordChar(at(t, last.end)) || (isNumberJoiner(at(t, last.end)) && isDigit(at(t, last.end + 1)))) continue;
        if (kind == CardGap::Blank && ((i + groups < runs.size() && cardGap(t, last.end, runs[i + groups].begin, kind)) ||
                                       (i > 0 && cardGap(t, runs[i - 1].end, runs[i].begin, kind))))
            continue;
        Digits ds = collectDigits(t, runs, i, i + groups - 1);
        if (ds.d[0] >= '2' && ds.d[0] <= '6' && pii_detail::luhnValid(std::string_view(ds.d.data(), ds.n)))
            out.push_back({PiiType::CreditDebitNumber, runs[i].begin, last.end, kCard, 0.95f});
    }
}

void scanCards(std::string_view t, const std::vector<Run>& runs, const CueHits& hits, std::vector<Candidate>& out) {
    for (std::size_t i = 0; i < runs.size();) {
        if (runs[i].size() == 4 && !isWordChar(before(t, runs[i].begin)) && !isNumberJoiner(before(t, runs[i].begin))) {
            if (at(t, runs[i].end) == '.') groupedCard(t, runs, i, CardGap::Dot, out);
            else if (at(t, runs[i].end) == ' ' || at(t, runs[i].end) == '\t') groupedCard(t, runs, i, CardGap::Blank, out);
        }
        if (!runs[i].clean()) {
            ++i;
            continue;
        }
        std::size_t j = i;  // the chain: clean runs joined by exactly one ' ' or '-'
        while (j + 1 < runs.size() && runs[j + 1].clean() && runs[j + 1].begin == runs[j].end + 1 &&
               (t[runs[j].end] == ' ' || t[runs[j].end] == '-'))
            ++j;
        cardsInChain(t, runs, hits, i, j, out);
        i = j + 1;
    }
}

// A card number sent in two halves ("first half of the card is 42597341 and the rest, hang on, 06391497",
// "card is 6011 7686 / Customer: 2206 1535"): two pieces (one run of 4-10 digits, or two groups of 4) with
// no other digits between them, at most 60 bytes apart, after a card keyword, whose digits together are
// a card number (13-19, issuer 2-6, Luhn-valid). Each half is a CREDIT_DEBIT_NUMBER of its own; a whole
// card number there wins (kCard).
void scanSplitCards(std::string_view t, const std::vector<Run>& runs, const CueHits& hits, std::vector<Candidate>& out) {
    if (std::none_of(hits.begin(), hits.end(), [](const CueHit& h) { return h.cue == kCueCard; })) return;
    struct Piece {
        std::size_t first, last, digits;
    };
    Piece prev{0, 0, 0};
    for (std::size_t i = 0; i < runs.size(); ++i) {
        Piece p{i, i, runs[i].size()};
        if (runs[i].size() == 4 && i + 1 < runs.size() && runs[i + 1].size() == 4 && runs[i + 1].begin == runs[i].end + 1 &&
            (t[runs[i].end] == ' ' || t[runs[i].end] == '-'))
            p = {i, i + 1, 8};
        const bool piece = p.digits >= 4 && p.digits <= 10 && !runs[p.first].wordGlued && !runs[p.last].wordGlued &&
                           !runs[p.first].numberGlued && !runs[p.last].numberGlued;
        if (piece && prev.digits != 0 && prev.last + 1 == p.first && prev.digits + p.digits >= 13 && prev.digits + p.digits <= 19 &&
            runs[p.first].begin - runs[prev.last].end <= 60) {
            Digits ds = collectDigits(t, runs, prev.first, p.last);
            if (ds.n >= 13 && ds.d[0] >= '2' && ds.d[0] <= '6' && pii_detail::luhnValid(std::string_view(ds.d.data(), ds.n)) &&
                findCues(hits, 0, runs[prev.first].begin).has(kCueCard)) {
                out.push_back({PiiType::CreditDebitNumber, runs[prev.first].begin, runs[prev.last].end, kContext, 0.7f});
                out.push_back({PiiType::CreditDebitNumber, runs[p.first].begin, runs[p.last].end, kContext, 0.7f});
            }
        }
        prev = piece ? p : Piece{0, 0, 0};
        i = p.last;
    }
}

// A CVV or PIN spelt in words after its keyword: "the security code as seven three seven", "pin is one four
// six three": 3-4 (CVV) or 4-6 (PIN) digit words, zero to nine, after at most a few fillers.
std::size_t digitWordAt(std::string_view t, std::size_t p) {
    static constexpr std::string_view kDigitWordsList[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    static constexpr auto kDigitWords = packWords<kDigitWordsList>();
    if (isLetter(before(t, p))) return 0;
    for (std::string_view w : kDigitWords)
        if (startsWithNoCase(t, p, w) && !isLetter(at(t, p + w.size()))) return w.size();
    return 0;
}
void scanSpelledDigits(std::string_view t, const CueHits& hits, std::vector<Candidate>& out) {
    for (const CueHit& h : hits) {
        if (h.cue != kCueCvv && h.cue != kCuePin) continue;
        std::size_t p = h.end;
        while (isLetter(at(t, p))) ++p;
        for (int k = 0; k < 4; ++k) {   // fillers: "is", "as", "was", "number", ':'
            while (at(t, p) == ' ' || at(t, p) == ':') ++p;
            std::size_t e = p;
            while (isLetter(at(t, e))) ++e;
            if (!(lettersAre(t, p, e, "is") || lettersAre(t, p, e, "as") || lettersAre(t, p, e, "was") || lettersAre(t, p, e, "number")))
                break;
            p = e;
        }
        std::size_t n = 0, end = p, q = p;
        for (std::size_t w; (w = digitWordAt(t, q)) != 0; ++n) {
            end = q + w;
            q = end;
            if (at(t, q) == ' ' || at(t, q) == '-') ++q;
        }
        if (h.cue == kCueCvv ? n >= 3 && n <= 4 : n >= 4 && n <= 6)
            out.push_back({h.cue == kCueCvv ? PiiType::CreditDebitCvv : PiiType::Pin, p, end, kContext, 0.8f});
    }
}

// ---- INTERNATIONAL_BANK_ACCOUNT_NUMBER ------------------------------------------------------------
// ISO 13616: a country code, two check digits (02-98) and the BBAN, exactly as long as the IBAN
// registry says for that country; upper or lower case; written compactly or in groups of four
// separated by single spaces or single dashes ("DE89 3704 0044 0532 0130 00", "DE89-3704-…"). Moving the first four characters to the
// end and reading letters as 10..35, the number mod 97 must be 1. Countries outside the registry are
// not matched (an IBAN-shaped word from elsewhere is more likely a product code).
struct IbanCountry {
    char a, b;
    unsigned char length;
};
constexpr IbanCountry kIbanCountries[] = {
    {'A','D',24}, {'A','E',23}, {'A','L',28}, {'A','T',20}, {'A','Z',28}, {'B','A',20}, {'B','E',16},
    {'B','G',22}, {'B','H',22}, {'B','I',27}, {'B','R',29}, {'B','Y',28}, {'C','H',21}, {'C','R',22},
    {'C','Y',28}, {'C','Z',24}, {'D','E',22}, {'D','J',27}, {'D','K',18}, {'D','O',28}, {'E','E',20},
    {'E','G',29}, {'E','S',24}, {'F','I',18}, {'F','K',18}, {'F','O',18}, {'F','R',27}, {'G','B',22},
    {'G','E',22}, {'G','I',23}, {'G','L',18}, {'G','R',27}, {'G','T',28}, {'H','R',21}, {'H','U',28},
    {'I','E',22}, {'I','L',23}, {'I','Q',23}, {'I','S',26}, {'I','T',27}, {'J','O',30}, {'K','W',30},
    {'K','Z',20}, {'L','B',28}, {'L','C',32}, {'L','I',21}, {'L','T',20}, {'L','U',20}, {'L','V',21},
    {'L','Y',25}, {'M','C',27}, {'M','D',24}, {'M','E',22}, {'M','K',19}, {'M','N',20}, {'M','R',27},
    {'M','T',31}, {'M','U',30}, {'N','I',28}, {'N','L',18}, {'N','O',15}, {'O','M',23}, {'P','K',24},
    {'P','L',28}, {'P','S',29}, {'P','T',25}, {'Q','A',29}, {'R','O',24}, {'R','S',22}, {'R','U',33},
    {'S','A',24}, {'S','C',31}, {'S','D',18}, {'S','E',24}, {'S','I',19}, {'S','K',24}, {'S','M',27},
    {'S','O',23}, {'S','T',25}, {'S','V',28}, {'T','L',23}, {'T','N',24}, {'T','R',26}, {'U','A',29},
    {'V','A',22}, {'V','G',24}, {'X','K',20}, {'Y','E',30},
};

std::size_t ibanLength(char a, char b) {
    for (const IbanCountry& c : kIbanCountries)
        if (c.a == a && c.b == b) return c.length;
    return 0;
}

bool ibanChecksumValid(std::string_view t, std::size_t begin, std::size_t end) {
    unsigned r = 0;
    auto feed = [&r](char c) {
        c = toUpper(c);
        if (isDigit(c)) r = (r * 10 + static_cast<unsigned>(c - '0')) % 97;
        else if (isUpper(c)) r = (r * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
    };
    for (std::size_t i = begin + 4; i < end; ++i) feed(t[i]);  // spaces are ignored by feed
    for (std::size_t i = begin; i < begin + 4; ++i) feed(t[i]);
    return r == 1;
}

// (an IBAN's two check digits begin a run of digits right after its two letters: only those places are
// tried, not every byte of the text)
void scanIbans(std::string_view t, const std::vector<Run>& runs, std::vector<Candidate>& out) {
    std::size_t next = 0;   // the end of the last IBAN found
    for (const Run& r : runs) {
        if (r.begin < 2 || r.begin - 2 < next || r.size() < 2) continue;
        const std::size_t p = r.begin - 2;
        if (!isLetter(t[p]) || !isLetter(t[p + 1])) continue;
        if (isWordChar(before(t, p))) continue;
        std::size_t length = ibanLength(toUpper(t[p]), toUpper(t[p + 1]));
        int check = (t[p + 2] - '0') * 10 + (t[p + 3] - '0');
        if (length == 0 || check < 2 || check > 98) continue;
        std::size_t q = p + 4, count = 4, end = 0;
        if (const char sep = at(t, q); sep == ' ' || sep == '-') {  // grouped: " XXXX XXXX ... X" or "-XXXX-XXXX..."
            bool ok = true;
            while (ok && count < length) {
                if (at(t, q) != sep) {
                    ok = false;
                    break;
                }
                ++q;
                std::size_t want = std::min<std::size_t>(4, length - count);
                for (std::size_t k = 0; k < want && ok; ++k) ok = isAlnum(at(t, q + k));
                q += want;
                count += want;
            }
            if (ok) end = q;
        } else {
            while (count < length && isAlnum(at(t, q))) ++q, ++count;
            if (count == length) end = q;
        }
        if (end == 0 || isWordChar(at(t, end)) || !ibanChecksumValid(t, p, end)) continue;
        out.push_back({PiiType::InternationalBankAccountNumber, p, end, kIban, 0.99f});
        next = end;
    }
}

// ---- EMAIL ----------------------------------------------------------------------------------------
// Conservative, ASCII only: local@domain.tld. The local part is letters, digits and . _ % + - (it
// starts with a letter or digit, has no "..", does not end with '.', at most 64 bytes); the domain is
// two or more dot-separated labels of letters, digits and inner hyphens (at most 253 bytes), the last
// an all-letter top-level domain of 2+ letters. A trailing dot (end of sentence) is not included.
bool isLocalChar(char c) {
    return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool validDomain(std::string_view d) {
    std::size_t labels = 0, start = 0;
    while (start <= d.size()) {
        std::size_t dot = d.find('.', start);
        std::size_t stop = dot == std::string_view::npos ? d.size() : dot;
        std::string_view label = d.substr(start, stop - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        ++labels;
        if (dot == std::string_view::npos) {
            if (label.size() < 2) return false;
            return labels >= 2 && std::all_of(label.begin(), label.end(), isLetter);
        }
        start = dot + 1;
    }
    return false;
}

void scanEmails(std::string_view t, std::vector<Candidate>& out) {
    // (from one '@' to the next: find is memchr, a word at a time, where a loop over every byte is slow in the
    // wasm, see Starts in pii_scan.h)
    for (std::size_t a = t.find('@'); a < t.size(); a = t.find('@', a + 1)) {
        std::size_t l = a;
        while (l > 0 && a - l <= 64 && isLocalChar(t[l - 1])) --l;
        if (a - l > 64) continue;
        while (l < a && !isAlnum(t[l])) ++l;
        std::string_view local = t.substr(l, a - l);
        if (local.empty() || local.back() == '.' || local.find("..") != std::string_view::npos) continue;
        std::size_t d = a + 1, e = d;
        while (e < t.size() && e - d <= 253 && (isAlnum(t[e]) || t[e] == '-' || t[e] == '.')) ++e;
        if (e - d > 253) continue;
        while (e > d && t[e - 1] == '.') --e;
        if (at(t, e) == '@' || at(t, e) == '_' || !validDomain(t.substr(d, e - d))) continue;
        out.push_back({PiiType::Email, l, e, kEmail, 0.99f});
        a = e - 1;
    }
}

// ---- SWIFT_CODE -----------------------------------------------------------------------------------
// BIC (ISO 9362): 4 letters (institution), 2 letters (a country code in use), 2 letters or digits
// (location), optionally 3 more (branch) — 8 or 11 characters forming a word of their own. Upper case
// only, and only after "SWIFT"/"BIC"/"bank code"/"bank identifier"/"IBAN": eight capital letters alone
// ("TRANSFER") are too often a word; a digit in the location code is never one (see scanSwift).
constexpr std::string_view kCountries =  // ISO 3166-1 alpha-2, plus XK (Kosovo) as SWIFT uses it
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCN"
    "COCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHM"
    "HNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMK"
    "MLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURW"
    "SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI"
    "VNVUWFWSXKYEYTZAZMZW";

bool isCountry(char a, char b) {
    for (std::size_t i = 0; i + 1 < kCountries.size(); i += 2)
        if (kCountries[i] == a && kCountries[i + 1] == b) return true;
    return false;
}

// "BNPAFRPP BIC", "HSBCGB2L is the swift code": a keyword shortly after the code counts too.
constexpr std::size_t kSwiftAfterReach = 24;
bool swiftWordAfter(const CueHits& hits, std::size_t e) {
    auto it = std::lower_bound(hits.begin(), hits.end(), e, [](const CueHit& h, std::size_t p) { return h.begin < p; });
    for (; it != hits.end() && it->begin <= e + kSwiftAfterReach; ++it)
        if (it->cue == kCueSwift) return true;
    return false;
}

// The word before p names another kind of code: order, reference, invoice, tracking, product... (over
// "no"/"number"/"is": "tracking no 752-764-6011" is no phone number, "order KEYBUS12" no BIC).
constexpr std::string_view kCodeWordsList[] = {"ref", "reference", "order", "invoice", "tracking", "item", "product", "model",
                                           "serial", "voucher", "promo", "coupon", "booking", "case", "ticket", "parcel",
                                           "shipment", "confirmation", "transaction", "receipt", "claim", "policy", "loan",
                                           "mortgage", "contract", "membership"};
constexpr auto kCodeWords = packByLetter<kCodeWordsList>();
bool otherCodeBefore(std::string_view t, std::size_t p) {
    for (int k = 0; k < 2; ++k) {
        std::size_t f = p;
        while (f > 0 && !isAlnum(t[f - 1])) --f;
        std::size_t b = f;
        while (b > 0 && isLetter(t[b - 1])) --b;
        if (lettersIn(t, b, f, kCodeWords)) return true;
        if (!(lettersAre(t, b, f, "no") || lettersAre(t, b, f, "number") || lettersAre(t, b, f, "is") || lettersAre(t, b, f, "nr")))
            return false;
        p = b;
    }
    return false;
}

// The word before p or after e is in capitals too (2+ letters, no lower case).
bool capitalWordNear(std::string_view t, std::size_t p, std::size_t e) {
    auto capitals = [&](std::size_t b, std::size_t f) {
        if (f < b + 2) return false;
        for (std::size_t k = b; k < f; ++k)
            if (!isUpper(t[k]) && !isDigit(t[k])) return false;
        return true;
    };
    std::size_t f = p;
    while (f > 0 && !isAlnum(t[f - 1])) --f;
    std::size_t b = f;
    while (b > 0 && isAlnum(t[b - 1])) --b;
    std::size_t g = e;
    while (g < t.size() && !isAlnum(t[g])) ++g;
    std::size_t h = g;
    while (h < t.size() && isAlnum(t[h])) ++h;
    return capitals(b, f) || capitals(g, h);
}

// "DK50 0040 0440 1162 43, DABADKKK": listed right after an IBAN (by ", ", "; " or " / ").
bool listedAfterIban(std::string_view t, const std::vector<Candidate>& out, std::size_t p) {
    std::size_t q = p;
    while (q > 0 && t[q - 1] == ' ') --q;
    if (q == 0 || (t[q - 1] != ',' && t[q - 1] != ';' && t[q - 1] != '/')) return false;
    --q;
    while (q > 0 && t[q - 1] == ' ') --q;
    return std::any_of(out.begin(), out.end(), [q](const Candidate& c) {
        return c.type == PiiType::InternationalBankAccountNumber && c.end == q;
    });
}

bool onlyFillers(std::string_view t, std::size_t a, std::size_t b);
std::size_t wordEnd(std::string_view t, std::size_t p);

void scanSwift(std::string_view t, const Starts& starts, const CueHits& hits, std::vector<Candidate>& out) {
    // Each word of letters, digits and '_' that starts with a letter (Starts::word, pii_scan.h: no byte loop
    // of its own; both shapes below start with a letter), read to its end only if it has 8 characters or
    // more and then up to 12 (a word of 12 or more is none).
    for (std::size_t p : starts.word) {
        if (!isLetter(t[p]) || isWordChar(before(t, p)) || !isWordChar(at(t, p + 7))) continue;
        std::size_t e = p;
        while (e < t.size() && isWordChar(t[e]) && e - p < 12) ++e;
        std::string_view w = t.substr(p, e - p);
        bool shape = (w.size() == 8 || w.size() == 11) &&
                     std::all_of(w.begin(), w.begin() + 6, isUpper) &&
                     std::all_of(w.begin() + 6, w.end(), [](char c) { return isUpper(c) || isDigit(c); });
        // In lower case only right after its keyword (fillers between) and with a digit in the location
        // or the "xxx" branch: "swift code is chasus33", "bic: deutdeffxxx" ("swift code is required" is not one).
        if (!shape && (w.size() == 8 || w.size() == 11) && std::all_of(w.begin(), w.begin() + 6, isLower) &&
            std::all_of(w.begin() + 6, w.end(), [](char c) { return isLower(c) || isDigit(c); }) &&
            (isDigit(w[6]) || isDigit(w[7]) || (w.size() == 11 && w.substr(8) == "xxx"sv)) &&
            isCountry(toUpper(w[4]), toUpper(w[5]))) {
            const Cues c = findCues(hits, 0, p, kKeywordReach);
            if (c.has(kCueSwift) && onlyFillers(t, wordEnd(t, c.end[kCueSwift]), p))
                out.push_back({PiiType::SwiftCode, p, e, kContext, 0.9f});
        }
        // A digit in the location code ("NWBKGB2L") is never an English word: no keyword needed, unless
        // the text around is shouted in capitals (a product code among other capitals).
        // Nor after a word that names another kind of code ("order KEYBUS12", "ref ABCDUS33").
        const bool digitInLocation = shape && (isDigit(w[6]) || isDigit(w[7])) && !otherCodeBefore(t, p);
        if (shape && isCountry(w[4], w[5]) &&
            ((digitInLocation && !capitalWordNear(t, p, e)) || findCues(hits, 0, p, kSwiftReach).has(kCueSwift) ||
             swiftWordAfter(hits, e) || listedAfterIban(t, out, p)))
            out.push_back({PiiType::SwiftCode, p, e, kContext, 0.95f});
    }
}

// ---- Numbers by context: SSN, BANK_ROUTING, BANK_ACCOUNT_NUMBER, CVV, PIN, EXPIRY -------------------
// A number here is a clean digit run, or several joined by one kind of single separator (' ' or '-').
//  - SSN: "AAA-GG-SSSS" needs no keyword (the shape is specific enough); 9 digits or "AAA GG SSSS"
//    need "SSN"/"social security". Never-issued ranges are excluded (see ssnValid).
//  - BANK_ROUTING: 9 contiguous digits with a valid ABA checksum after "routing"/"ABA"/"RTN"/
//    "transit" (or named right after it: namedAfter); a Canadian transit (5 digits, or 5-3) right after
//    "transit"; a UK sort code (6 digits, "NN-NN-NN", "NN NN NN") after "sort code"/"s/c", or by its
//    shape alone (sortCodeAlone); an Australian BSB (6 digits, "NNN-NNN") after "bsb".
//  - CREDIT_DEBIT_CVV: 3-4 contiguous digits after "CVV"/"CVC"/"CVN"/"CID"/"CSC"/"security code"/"sec code",
//    or right before "on the back".
//  - PIN: 4-6 contiguous digits after "PIN"/"p.i.n."/"secure code", or 4-6 single digits spelt out
//    ("pin is 9 1 5 8"), or keyed in ("put in 2604") with "pin" nearby.
//  - A number opening the customer's turn answers the turn before: keywords reach kReplyReach there.
//  - BANK_ACCOUNT_NUMBER: 6-17 digits after "account"/"acct"/"acc"/"a/c"/"Konto(nummer)".
//  - PHONE: 10-15 unseparated digits after "phone"/"tel"/"mobile"/"cell"/"call"/"fax"/"WhatsApp" (this is how
//    an unseparated "5551234567" is found; separated forms need no keyword, see scanPhones).
//  - CREDIT_DEBIT_EXPIRY: MM/YY or MM/YYYY (month 1-12, year 2000-2099) after "exp"/"expiry"/
//    "expires"/"valid thru"; also "MM / YY" and MM.YY there; not part of a date ("12/05/2025"), not a
//    passport's or licence's expiry.
//  - BANK_ROUTING also: a Canadian institution number (3 digits right after "institution").
// Checksummed or shape-specific cues (SSN, routing, sort code) are tried first; among the others
// (CVV, PIN, account, phone) the nearest keyword decides. Numbers next to a currency sign or code are
// amounts and are skipped, numbers after '+' are left to the phone scanner. Space-joined numbers must
// look printed (equal groups of 2-6 digits, the last no longer); if one fits no rule as a whole, its
// first group is tried alone ("account 12345678 2 days ago").
// Between a and b only "number"/"no"/"num"/"nr"/"is"/"code" and punctuation.
bool onlyFillers(std::string_view t, std::size_t a, std::size_t b) {
    for (std::size_t p = a; p < b; ++p) {
        if (!isLetter(t[p])) continue;
        std::size_t e = p;
        while (e < b && isLetter(t[e])) ++e;
        bool filler = false;
        for (std::string_view w : {"number"sv, "no"sv, "num"sv, "nr"sv, "is"sv, "code"sv, "date"sv, "institution"sv})
            filler = filler || (e - p == w.size() && startsWithNoCase(t, p, w));
        if (!filler) return false;
        p = e;
    }
    return true;
}

// An identity document named between a keyword and the number: the number is the document's ("the Premier
// Current Account. Driver's license 19753308": a licence, not an account).
bool documentBetween(std::string_view t, std::size_t from, std::size_t to) {
    for (std::size_t p = from; p < to; ++p)
        if (!isLetter(before(t, p)))
            for (std::string_view w : {"licen"sv, "passport"sv, "permit"sv})
                if (startsWithNoCase(t, p, w)) return true;
    return false;
}

bool unitAfter(std::string_view t, std::size_t e);   // below, with the words of amounts

// A North American area code in brackets right before p: "(214) 555-0106" is a phone number's local part,
// never an account's, whatever the bot's question named ("the phone number registered to the account").
bool areaCodeBefore(std::string_view t, std::size_t p) {
    if (p > 0 && t[p - 1] == ' ') --p;
    return p >= 5 && t[p - 1] == ')' && t[p - 5] == '(' && isDigit(t[p - 4]) && isDigit(t[p - 3]) && isDigit(t[p - 2]);
}

bool tryContextNumber(std::string_view t, const std::vector<Run>& runs, std::size_t first, std::size_t last,
                      const Cues& cues, std::vector<Candidate>& out) {
    std::size_t digits = 0;
    for (std::size_t r = first; r <= last; ++r) digits += runs[r].size();
    if (digits > 17 || currencyAfter(t, runs[last].end)) return false;
    Digits ds = collectDigits(t, runs, first, last);
    const bool single = first == last;
    const std::size_t groups = last - first + 1;
    auto sizes = [&](std::initializer_list<std::size_t> want) {
        if (want.size() != groups) return false;
        std::size_t r = first;
        for (std::size_t w : want)
            if (runs[r++].size() != w) return false;
        return true;
    };
    auto emit = [&](PiiType type) {
        out.push_back({type, runs[first].begin, runs[last].end, kContext, 0.9f});
        return true;
    };
    // An ISO date, "on 2026-01-10", is no account, whatever keyword came before ("transfer from ... on
    // 2026-01-10"): year 19xx/20xx, month 01-12, day 01-31, joined by '-' or '/'.
    if (sizes({4, 2, 2}) && t[runs[first].end] == t[runs[first + 1].end] && (t[runs[first].end] == '-' || t[runs[first].end] == '/') &&
        runs[first + 1].begin == runs[first].end + 1 && runs[last].begin == runs[first + 1].end + 1) {
        const int year = (ds.d[0] - '0') * 10 + (ds.d[1] - '0'), month = (ds.d[4] - '0') * 10 + (ds.d[5] - '0'),
                  day = (ds.d[6] - '0') * 10 + (ds.d[7] - '0');
        if ((year == 19 || year == 20) && month >= 1 && month <= 12 && day >= 1 && day <= 31) return false;
    }
    // ...nor a year and month, "statement for 2029-11".
    if (sizes({4, 2}) && (t[runs[first].end] == '-' || t[runs[first].end] == '/') && (ds.d[0] == '1' || ds.d[0] == '2') &&
        (ds.d[4] == '0' ? ds.d[5] != '0' : ds.d[4] == '1' && ds.d[5] <= '2'))
        return false;
    if (cues.has(kCueSsn) && digits == 9 && (single || sizes({3, 2, 4})) && ssnValid(ds))
        return emit(PiiType::Ssn);
    if ((cues.has(kCueRouting) || cues.has(kCueTransit)) && single && abaValid(ds, cues.has(kCueRouting))) return emit(PiiType::BankRouting);
    // Canadian transit number: 5 digits ("transit 01234"), or with the institution ("01234-003"), only
    // right after the keyword ("transit number: 01234", not "transit time 12345").
    if (cues.has(kCueTransit) && (single ? digits == 5 : sizes({5, 3})) && onlyFillers(t, cues.end[kCueTransit], runs[first].begin))
        return emit(PiiType::BankRouting);
    if (cues.has(kCueSortCode) && digits == 6 && (single || sizes({2, 2, 2}) || sizes({3, 3})))
        return emit(PiiType::BankRouting);
    if (cues.has(kCueInstitution) && single && digits == 3 && onlyFillers(t, cues.end[kCueInstitution], runs[first].begin))
        return emit(PiiType::BankRouting);
    // A PIN spelt digit by digit, "pin is 9 1 5 8", when "pin" is the nearest keyword; a CVV likewise ("CVV: 5 5 5").
    if (cues.has(kCuePin) && groups >= 4 && groups <= 6 && digits == groups && t[runs[first].end] == ' ' &&
        std::none_of(cues.end.begin(), cues.end.end(), [&](std::size_t e) { return e > cues.end[kCuePin]; }))
        return emit(PiiType::Pin);
    if (cues.has(kCueCvv) && groups >= 3 && groups <= 4 && digits == groups && t[runs[first].end] == ' ' &&
        std::none_of(cues.end.begin(), cues.end.end(), [&](std::size_t e) { return e > cues.end[kCueCvv]; }))
        return emit(PiiType::CreditDebitCvv);

    // Space-joined numbers must look printed: equal groups of 2-6 digits, the last one no longer
    // ("1234 5678 90"), so "12345678 2 days" is 12345678 and then a 2.
    // (and a New Zealand account, bank-branch-account-suffix: "02 3100 9546337 658")
    // (and an account read out as a phone number is, "589 842 2657", where no phone is named)
    bool printed = single || t[runs[first].end] == '-' || sizes({2, 4, 7, 3}) || sizes({2, 4, 7, 2}) ||
                   (sizes({3, 3, 4}) && cues.has(kCueAccount) && !cues.has(kCuePhone));
    if (!printed) {
        const std::size_t g = runs[first].size();
        printed = g >= 2 && g <= 6 && runs[last].size() <= g;
        for (std::size_t r = first; r < last && printed; ++r) printed = runs[r].size() == g;
    }
    if (!printed) return false;

    std::array<Cue, 5> weak = {kCueCvv, kCuePin, kCueAccount, kCuePhone, kCueExpiry};
    // Nearest keyword first, ties in the order above: a stable insertion sort of five items
    // (std::stable_sort would add ~2.5 KB of merge code to the wasm for this).
    for (std::size_t i = 1; i < weak.size(); ++i)
        for (std::size_t j = i; j > 0 && cues.end[weak[j]] > cues.end[weak[j - 1]]; --j) std::swap(weak[j], weak[j - 1]);
    for (Cue cue : weak) {
        if (!cues.has(cue)) continue;
        if (cue == kCueCvv && single && digits >= 3 && digits <= 4) return emit(PiiType::CreditDebitCvv);
        if (cue == kCuePin && single && digits >= 4 && digits <= 6) return emit(PiiType::Pin);
        // (not a North American phone number after a verb, "e-transfer to 416-555-0199": money goes to
        // phone numbers too; "account 416-555-0199" is still an account)
        if (cue == kCueAccount && digits >= 6 && digits <= 17 && !oneTimeCodeAsked(t, runs[first].begin) &&
            !documentBetween(t, cues.end[kCueAccount], runs[first].begin) && !unitAfter(t, runs[last].end) &&
            !(sizes({3, 4}) && areaCodeBefore(t, runs[first].begin)) &&
            !(sizes({3, 3, 4}) && t[runs[first].begin] >= '2' && (endsWith(t, cues.end[kCueAccount], "to"sv) ||
                                                                  endsWith(t, cues.end[kCueAccount], "from"sv))))
            return emit(PiiType::BankAccountNumber);
        if (cue == kCuePhone && single && digits >= 10 && digits <= 15) return emit(PiiType::Phone);
        // MMYY without a separator: "exp 0527"
        if (cue == kCueExpiry && single && digits == 4 && (ds.d[0] == '0' ? ds.d[1] != '0' : ds.d[0] == '1' && ds.d[1] <= '2'))
            return emit(PiiType::CreditDebitExpiry);
    }
    return false;
}

// A number written as an alternative to, or a sibling of, the previous one takes that one's keywords:
// "pin is 4821, or maybe 4812", "account 1234567, actually 1234576", "my savings is X. my wife's is Y".
// The gap between them: at most 40 bytes without digits, with such a word in it.
bool alternativeGap(std::string_view t, std::size_t from, std::size_t to) {
    if (to <= from || to - from > 40) return false;
    bool possessive = false;
    for (std::size_t p = from; p < to; ++p) {
        if (isDigit(t[p])) return false;
        if (isLetter(before(t, p)) || !isLetter(t[p])) {
            possessive = possessive || (t[p] == '\'' && at(t, p + 1) == 's' && !isLetter(at(t, p + 2)));
            continue;
        }
        std::size_t e = p;
        while (e < to && isLetter(t[e])) ++e;
        const std::string_view w = t.substr(p, e - p);
        for (std::string_view a : {"or"sv, "maybe"sv, "actually"sv, "mean"sv, "sorry"sv, "other"sv, "another"sv,
                                   "correction"sv, "perhaps"sv, "either"sv, "wait"sv, "meant"sv, "oops"sv, "possibly"sv, "new"sv,
                                   "old"sv, "not"sv, "no"sv, "but"sv, "should"sv, "instead"sv, "rather"sv, "real"sv, "right"sv})
            if (w.size() == a.size() && startsWithNoCase(t, p, a)) return true;
        p = e - 1;
    }
    // "my wife's is", "hers is", "the joint one:"
    std::size_t e = to;
    while (e > from && (t[e - 1] == ' ' || t[e - 1] == ':')) --e;
    return possessive && e >= from + 2 && startsWithNoCase(t, e - 2, "is") && !isLetter(before(t, e - 2));
}

// A change "from X to Y": the new value takes the old one's keywords ("change my pin from 1234 to 5678").
bool fromToGap(std::string_view t, std::size_t lastBegin, std::size_t from, std::size_t to) {
    return to == from + 4 && startsWithNoCase(t, from, " to ") && lastBegin >= 5 &&
           startsWithNoCase(t, lastBegin - 5, "from ") && !isLetter(before(t, lastBegin - 5));
}

// A new PIN asked for after the old one: "current pin 3919, i want 0460", "pin 1234, change it to 5678",
// "pin 1234 and the new one 5678": at most 24 bytes without digits, with "want", "it to" or "one" in them,
// and the new value ends the clause ("i want 5000 withdrawn" is an amount).
bool newPinGap(std::string_view t, std::size_t from, std::size_t to, std::size_t valueEnd) {
    if (to <= from || to - from > 24) return false;
    std::size_t q = valueEnd;
    while (at(t, q) == ' ') ++q;
    if (isAlnum(at(t, q)) && !startsWithNoCase(t, q, "please"sv) && !startsWithNoCase(t, q, "instead"sv)) return false;
    for (std::size_t p = from; p < to; ++p)
        if (isDigit(t[p])) return false;
    for (std::size_t p = from; p < to; ++p) {
        if (isLetter(before(t, p))) continue;
        for (std::string_view w : {"want"sv, "it to"sv, "one"sv})
            if (p + w.size() <= to && startsWithNoCase(t, p, w) && !isLetter(at(t, p + w.size()))) return true;
    }
    return false;
}

// A UK sort code by its shape alone: "NN-NN-NN" (not inside a longer dash-joined number) that cannot be
// a date, or that stands next to an 8-digit account number ("20-45-77, 41234567").
bool sortCodeShape(std::string_view t, const std::vector<Run>& runs, std::size_t i) {
    if (i + 2 >= runs.size()) return false;
    for (std::size_t k = i; k <= i + 2; ++k)
        if (runs[k].size() != 2 || runs[k].wordGlued || (k > i && (runs[k].begin != runs[k - 1].end + 1 || t[runs[k].begin - 1] != '-')))
            return false;
    return !(at(t, runs[i + 2].end) == '-' && isDigit(at(t, runs[i + 2].end + 1))) &&
           !(before(t, runs[i].begin) == '-' && isDigit(before(t, runs[i].begin - 1)));
}
// Runs a and b (a before b) are separated only by a short gap of spaces and punctuation: ", " or " / ".
bool besideEachOther(std::string_view t, const Run& a, const Run& b) {
    if (b.begin < a.end || b.begin - a.end > 3) return false;
    for (std::size_t p = a.end; p < b.begin; ++p)
        if (!(t[p] == ' ' || t[p] == ',' || t[p] == '/' || t[p] == ';' || t[p] == '|')) return false;
    return true;
}
bool accountBesideSortCode(std::string_view t, const std::vector<Run>& runs, std::size_t i) {
    if (runs[i].size() != 8 || !runs[i].clean()) return false;
    return (i + 3 < runs.size() && sortCodeShape(t, runs, i + 1) && besideEachOther(t, runs[i], runs[i + 1])) ||
           (i >= 3 && sortCodeShape(t, runs, i - 3) && besideEachOther(t, runs[i - 1], runs[i]));
}
bool sortCodeAlone(std::string_view t, const std::vector<Run>& runs, std::size_t i) {
    if (!sortCodeShape(t, runs, i)) return false;
    auto v = [&](std::size_t k) { return (t[runs[k].begin] - '0') * 10 + (t[runs[k].begin + 1] - '0'); };
    const bool dateLike = (v(i) >= 1 && v(i) <= 31 && v(i + 1) >= 1 && v(i + 1) <= 12) ||
                          (v(i) >= 1 && v(i) <= 12 && v(i + 1) >= 1 && v(i + 1) <= 31);
    return !dateLike || (i + 3 < runs.size() && accountBesideSortCode(t, runs, i + 3)) ||
           (i > 0 && accountBesideSortCode(t, runs, i - 1));
}

// The number is named right after it: "is 021000021 the right routing number?", "12345678 the correct
// account number", "12345678 is my savings account", "12-11-10 is the sort code", "4821 was my pin":
// " the", or "is"/"was"/"-"/"=" and then "the"/"my"/"our"/"your", an optional "right"/"correct"/"new"/
// "old"/"main"/"joint", then the keyword. The keyword there, whether "is"/"was" named it, or nullptr.
// `asked`: the number follows "is", a question's "is 4821 my card PIN or the app one?": "my" then names it.
const CueHit* keywordNamingBefore(std::string_view t, const CueHits& hits, std::size_t e, bool& said, bool asked = false) {
    if (at(t, e) != ' ') return nullptr;
    std::size_t p = e + 1;
    said = asked;
    for (std::string_view v : {"is "sv, "was "sv, "- "sv, "= "sv})
        if (startsWithNoCase(t, p, v)) {
            p += v.size();
            said = true;
            break;
        }
    for (std::string_view v : {"that's "sv, "thats "sv, "that is "sv})   // "5203 - that's the pin"
        if (startsWithNoCase(t, p, v)) {
            p += v.size();
            said = true;
            break;
        }
    std::size_t q = p;
    for (std::string_view a : {"the "sv, "my "sv, "our "sv, "your "sv})
        if (startsWithNoCase(t, p, a) && (said || a == "the "sv)) {
            p += a.size();
            break;
        }
    if (p == q) return nullptr;
    for (std::string_view a : {"right "sv, "correct "sv, "new "sv, "old "sv, "main "sv, "joint "sv})
        if (startsWithNoCase(t, p, a)) {
            p += a.size();
            break;
        }
    // (the card whose PIN it is: "my card PIN", "the debit card pin")
    if (asked)
        for (std::string_view a : {"card "sv, "debit card "sv, "credit card "sv})
            if (startsWithNoCase(t, p, a) && startsWithNoCase(t, p + a.size(), "pin")) {
                p += a.size();
                break;
            }
    auto it = std::lower_bound(hits.begin(), hits.end(), p, [](const CueHit& h, std::size_t q) { return h.begin < q; });
    return it != hits.end() && it->begin == p ? &*it : nullptr;
}
bool namedAfter(std::string_view t, const std::vector<Run>& runs, const CueHits& hits, std::size_t first, std::size_t last,
                PiiType& type) {
    bool said = false;
    const Digits ds = collectDigits(t, runs, first, last);
    // The label right after the value, and no value of its own after it: "91530 transit, 6311176 account."
    // (not "routing 021000021 account 123456789").
    if (at(t, runs[last].end) == ' ' && (first == last || ds.n == 6)) {
        const std::size_t p = runs[last].end + (at(t, runs[last].end + 1) == '(' ? 2 : 1);   // "405790597 (ssn)"
        auto it = std::lower_bound(hits.begin(), hits.end(), p, [](const CueHit& h, std::size_t q) { return h.begin < q; });
        std::size_t v = it != hits.end() ? it->end : 0, ve = 0;
        while (at(t, v) == ' ' || at(t, v) == ':' || at(t, v) == '#') ++v;
        // (after "number"/"no": "sort code 294510 account number 96019873666" names the next number)
        for (std::string_view f : {"number"sv, "no"sv, "num"sv})
            if (startsWithNoCase(t, v, f) && !isLetter(at(t, v + f.size()))) {
                v += f.size();
                while (at(t, v) == ' ' || at(t, v) == ':' || at(t, v) == '#' || at(t, v) == '.') ++v;
                break;
            }
        for (ve = v; isDigit(at(t, ve));) ++ve;   // the keyword's own value, if any
        if (it != hits.end() && it->begin == p && !isLetter(at(t, it->end)) &&
            (it->cue == kCueTransit ? ve - v != 5 && ve - v != 9 : ve == v)) {
            if (it->cue == kCueSortCode && ds.n == 6) type = PiiType::BankRouting;   // "281159 (sort code)", "85-41-57 sort code"
            else if (first != last) return false;
            else if (it->cue == kCueTransit && ds.n == 5) type = PiiType::BankRouting;
            else if (it->cue == kCueSsn && ds.n == 9 && ssnValid(ds)) type = PiiType::Ssn;
            else if (it->cue == kCueAccount && ds.n >= 6 && ds.n <= 17 &&
                     (lettersAre(t, it->begin, it->end, "account") || lettersAre(t, it->begin, it->end, "acct") ||
                      (p == runs[last].end + 2 && at(t, it->end) == ')')))   // "62229957 (checking)", "(savings)"
                type = PiiType::BankAccountNumber;
            else return false;
            return true;
        }
    }
    const std::size_t b = runs[first].begin;
    const bool asked = b >= 3 && startsWithNoCase(t, b - 3, "is ") && !isLetter(before(t, b - 3));
    const CueHit* h = keywordNamingBefore(t, hits, runs[last].end, said, asked);
    if (h == nullptr) return false;
    const std::size_t n = ds.n;
    const bool single = first == last;
    if (h->cue == kCueSortCode && ds.n == 6) type = PiiType::BankRouting;
    else if (h->cue == kCueAccount && n >= 6 && n <= 17 &&
             (said || startsWithNoCase(t, h->end, " number") || startsWithNoCase(t, h->end, " no") || startsWithNoCase(t, h->end, " #")))
        type = PiiType::BankAccountNumber;   // "0056 0644 is the acct", "40310601 the account no."
    else if (!single) return false;
    else if (h->cue == kCueRouting && n == 9 && abaValid(ds, true)) type = PiiType::BankRouting;
    else if (said && h->cue == kCueCvv && n >= 3 && n <= 4) type = PiiType::CreditDebitCvv;
    else if (said && h->cue == kCuePin && n >= 4 && n <= 6) type = PiiType::Pin;
    else return false;
    return true;
}

// A value the sentence announces with a colon: "the account number, I'll read it out in groups: 73 74 03 30".
// A field's name ("account number") reaches back to the sentence's start (at most 100 bytes).
std::size_t colonReach(std::string_view t, std::size_t pos) {
    std::size_t c = pos;
    while (c > 0 && t[c - 1] == ' ') --c;
    if (c < 2 || t[c - 1] != ':' || !isLetter(t[c - 2])) return 0;
    for (std::size_t q = c - 1; q-- > 0 && pos - q <= 100;)
        if (t[q] == '.' || t[q] == '?' || t[q] == '!' || t[q] == '\n' || t[q] == '|' || t[q] == '"') return pos - q - 1;
    return pos <= 100 ? pos : 100;
}

// A customer's turn label ("User:", "Customer:") ends at `colon`.
bool customerLabelAt(std::string_view t, std::size_t colon) {
    std::size_t b = colon;
    while (b > 0 && isLetter(t[b - 1])) --b;
    return (colon - b == 4 && startsWithNoCase(t, b, "user")) || (colon - b == 8 && startsWithNoCase(t, b, "customer"));
}
// The number at `pos` opens the customer's turn: it answers the question the turn before ended with
// ("Agent: ...the account number the check went into? Customer: 8588844256"), so keywords reach further.
constexpr std::size_t kReplyReach = 120;
bool opensCustomerTurn(std::string_view t, std::size_t pos) {
    while (pos > 0 && t[pos - 1] == ' ') --pos;
    return pos > 0 && t[pos - 1] == ':' && customerLabelAt(t, pos - 1);
}
// A staff turn label ("Agent:", "Bot:") ends at `colon`: a question starts after it.
bool staffLabelAt(std::string_view t, std::size_t colon) {
    std::size_t b = colon;
    while (b > 0 && isLetter(t[b - 1])) --b;
    return (colon - b == 5 && startsWithNoCase(t, b, "agent")) || (colon - b == 3 && startsWithNoCase(t, b, "bot"));
}
// The customer's answer to the question of the turn before: "Agent: Routing and account please.
// Customer: 805256716 then 04859066", "BSB and account number? User: 088036 6798503345", "name, DOB and
// the account number? Customer: N. Khan 8/4/1947 477736892". Every number of an answer that is a list
// (numbers, names, dates and a few joining words, nothing else) may take what the question named, the
// fields already given by earlier numbers of the answer taken out; so may a value the customer states
// ("I told the caller it was 1509" after "Never share your PIN").
struct Turns {
    std::size_t next = 0;            // the next ':' not yet looked at
    std::size_t question = 0;        // where the staff turn before the customer's began
    std::size_t colon = std::string_view::npos;  // the customer's label, while in a customer's turn
    Cues asked;                      // the question's keywords
    std::uint32_t given = 0;         // cues answered by earlier numbers of this turn
};
void advanceTurns(std::string_view t, const CueHits& hits, Turns& s, std::size_t pos) {
    for (; (s.next = t.find(':', s.next)) < pos; ++s.next) {
        if (customerLabelAt(t, s.next)) {
            s.colon = s.next;
            s.asked = findCues(hits, s.question, s.next, s.next - s.question);
            s.given = 0;
        } else if (staffLabelAt(t, s.next)) {
            s.colon = std::string_view::npos;
            s.question = s.next + 1;
        }
    }
}
bool answerList(std::string_view t, std::size_t from, std::size_t to) {
    if (to - from > 80) return false;
    for (std::size_t p = from; p < to; ++p) {
        if (!isLower(t[p]) || isLetter(before(t, p))) continue;
        std::size_t e = p;
        while (e < to && isLetter(t[e])) ++e;
        bool joining = e - p == 1;
        for (std::string_view w : {"then"sv, "and"sv, "is"sv, "its"sv, "my"sv, "the"sv, "ok"sv, "sure"sv, "yes"sv, "here"sv,
                                   "it"sv, "s"sv, "number"sv, "no"sv, "plus"sv, "also"sv})
            joining = joining || lettersAre(t, p, e, w);
        if (!joining) return false;
        p = e;
    }
    return true;
}
bool statedValue(std::string_view t, std::size_t pos) {
    for (std::string_view v : {"it was "sv, "it's "sv, "it is "sv, "that was "sv, "its "sv, "number is "sv})
        if (endsWith(t, pos, v) && !isLetter(before(t, pos - v.size()))) return true;
    return false;
}
// A value listed right after typed values (", ", " and ", " then ", " / ", ", and "): "the card number,
// the three digits and my pin: 4111…, 737 and 9999". The list takes the keywords named before its first
// value, in turn: each value the nearest one that fits and that no earlier value of the list answered.
// Where the list starts (pos itself if nothing typed is listed right before it), and the cues answered.
bool listGap(std::string_view t, std::size_t from, std::size_t to) {
    if (to < from || to - from > 7) return false;
    std::size_t p = from;
    while (p < to && (t[p] == ' ' || t[p] == ',' || t[p] == '/' || t[p] == ';' || t[p] == '&')) ++p;
    if (startsWithNoCase(t, p, "and ")) p += 4;
    else if (startsWithNoCase(t, p, "then ")) p += 5;
    return p == to && to > from;
}
std::uint32_t cuesOf(PiiType type);
std::size_t listStart(const std::vector<Candidate>& out, std::string_view t, std::size_t pos, std::uint32_t& given) {
    for (bool more = true; more;) {
        more = false;
        for (const Candidate& c : out)
            if (c.end <= pos && c.rank < kName && listGap(t, c.end, pos)) {
                given |= cuesOf(c.type);
                pos = c.begin;
                more = true;
                break;
            }
    }
    return pos;
}

// The cues an answered field takes out of the question's.
std::uint32_t cuesOf(PiiType type) {
    switch (type) {
        case PiiType::BankRouting: return 1u << kCueRouting | 1u << kCueTransit | 1u << kCueSortCode | 1u << kCueInstitution;
        case PiiType::BankAccountNumber: return 1u << kCueAccount;
        case PiiType::CreditDebitCvv: return 1u << kCueCvv;
        case PiiType::Pin: return 1u << kCuePin;
        case PiiType::CreditDebitExpiry: return 1u << kCueExpiry;
        case PiiType::Phone: return 1u << kCuePhone;
        case PiiType::Ssn: return 1u << kCueSsn;
        case PiiType::CreditDebitNumber: return 1u << kCueCard;
        default: return 0;
    }
}

// ---- An unexplained account-like number in a message about money -------------------------------------
// Every new writer names accounts in ways no keyword list foresees ("keeps coming out of 67370204", "sent
// £40 to 85384069 instead"). A lone run of 6-17 digits that no keyword explains (none within reach at
// all) and no other scanner types, in a message that speaks of accounts, cards or payments, is taken as
// an account number (a 9-digit ABA number as a routing number when the message says "routing" or the
// number comes first of a pair), unless it reads as something else: an amount (a unit, currency or
// plural noun after it, a round number ending 000, an amount verb right before it), a date (YYYYMMDD), a
// national phone number (0 and 10-11 digits), or another kind of id named in the three words before it
// ("order", "ref", "case", "ticket", "version", "#"...). Lowest rank: whatever else is found there wins.
constexpr std::string_view kMoneyWordsList[] = {"transfer", "pay", "paid", "deposit", "wire", "sent", "send", "refund", "beneficiary",
                                            "direct debit", "standing order", "bank", "money", "funds", "salary"};
constexpr auto kMoneyWords = packByLetter<kMoneyWordsList>();
constexpr std::string_view kUnitWordsList[] = {
    "times", "people", "customers", "users", "items", "points", "miles", "km", "steps", "days", "months", "years", "hours",
    "minutes", "transactions", "payments", "members", "dollars", "euros", "pounds", "bucks", "quid", "rupees", "yen", "usd",
    "eur", "gbp", "aud", "cad", "nzd", "inr", "jpy", "sgd", "zar", "naira", "pesos", "rs", "k", "m", "units", "shares"};
constexpr auto kUnitWords = packByLetter<kUnitWordsList>();
// A unit or a currency's word right after the number at e: an amount or a count ("450000 pesos").
bool unitAfter(std::string_view t, std::size_t e) {
    while (at(t, e) == ' ') ++e;
    return lettersIn(t, e, wordEnd(t, e), kUnitWords);
}
constexpr std::string_view kVerbsInSList[] = {"keeps", "says", "shows", "does", "gets", "goes", "needs", "looks", "seems", "belongs",
                                          "thanks", "plus", "always", "perhaps", "sometimes", "hers", "yours", "bounces",
                                          "fails", "works", "appears", "exists", "thats", "whats", "heres", "theres"};   // and contractions typed without the apostrophe
constexpr auto kVerbsInS = packByLetter<kVerbsInSList>();
constexpr std::string_view kOtherIdsList[] = {
    "ref", "reference", "order", "case", "ticket", "invoice", "transaction", "txn", "tracking", "confirmation", "conf", "auth",
    "authorisation", "authorization", "approval", "request", "complaint", "claim", "policy", "member", "membership",
    "customer", "client", "booking", "reservation", "receipt", "voucher", "serial", "model", "item", "product", "parcel",
    "shipment", "cheque", "check", "employee", "staff", "loyalty", "code", "otp", "id", "pin", "password", "passport",
    "licence", "license", "nhs", "sin", "ssn", "ni", "tax", "itin", "phone", "tel", "mobile", "cell", "call", "text", "fax",
    "whatsapp", "ending", "last", "dispute", "chargeback", "mandate", "contract", "application", "registration", "vat",
    "company", "student", "limit", "salary", "balance", "income", "worth", "about", "around", "approx", "total", "amount",
    "sum", "card", "visa", "mastercard", "amex", "trace", "batch", "meter", "bill", "version", "build", "release", "error",
    "page", "room", "flight", "store", "branch", "terminal", "device", "app"};
constexpr auto kOtherIds = packByLetter<kOtherIdsList>();
constexpr std::string_view kAmountVerbsList[] = {"paid", "pay", "spent", "spend", "cost", "costs", "owe", "owed", "borrowed",
                                             "lent", "earn", "earned", "withdrew", "transfer", "transferred", "send", "sent",
                                             "wire", "wired", "deposited", "of", "x"};
constexpr auto kAmountVerbs = packByLetter<kAmountVerbsList>();

[[gnu::noinline]] bool moneyTalk(std::string_view t, const CueHits& hits) {
    for (const CueHit& h : hits)
        if (h.cue == kCueAccount || h.cue == kCueRouting || h.cue == kCueSortCode || h.cue == kCueSwift) return true;
    for (std::size_t p = 0; p < t.size(); ++p) {
        if (!isLetter(t[p]) || isLetter(before(t, p))) continue;
        // (a word start tries only the words it can begin, see pii_packed.h, "First-letter groups")
        for (std::size_t k : kMoneyWords.startingWith(t[p]))
            if (startsWithNoCase(t, p, kMoneyWords.word(k))) return true;
    }
    return false;
}
// The word of letters that ends at e (blanks and punctuation other than . ? ! skipped before it).
std::size_t wordStartBefore(std::string_view t, std::size_t& e) {
    while (e > 0 && !isAlnum(t[e - 1]) && t[e - 1] != '.' && t[e - 1] != '?' && t[e - 1] != '!') --e;
    std::size_t b = e;
    while (b > 0 && isLetter(t[b - 1])) --b;
    return b;
}
// The number at pos opens a customer's turn whose staff turn before asked for a code ("code", "OTP",
// "passcode"; not a sort, bank, branch, routing or postal code) and for no account.
bool oneTimeCodeAsked(std::string_view t, std::size_t pos) {
    if (!opensCustomerTurn(t, pos)) return false;
    bool code = false;
    for (std::size_t q = pos, floor = pos > kReplyReach ? pos - kReplyReach : 0; q-- > floor;) {
        if (t[q] == ':' && staffLabelAt(t, q)) break;
        if (!isLetter(t[q]) || isLetter(before(t, q))) continue;
        std::size_t e = q;
        while (isLetter(at(t, e))) ++e;
        if (lettersAre(t, q, e, "account") || lettersAre(t, q, e, "acct")) return false;
        code = code || oneTimeCodeWord(t, q, e);
    }
    return code;
}
// The word t[q, e) names a code sent for one login or payment: "OTP", "passcode", or "code" but not a sort,
// bank, branch, routing, postal or SWIFT code.
bool oneTimeCodeWord(std::string_view t, std::size_t q, std::size_t e) {
    if (lettersAre(t, q, e, "otp") || lettersAre(t, q, e, "passcode")) return true;
    if (!lettersAre(t, q, e, "code")) return false;
    std::size_t b = q;
    while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '-')) --b;
    std::size_t w = b;
    while (w > 0 && isLetter(t[w - 1])) --w;
    return !(lettersAre(t, w, b, "sort") || lettersAre(t, w, b, "bank") || lettersAre(t, w, b, "branch") ||
             lettersAre(t, w, b, "routing") || lettersAre(t, w, b, "postal") || lettersAre(t, w, b, "post") ||
             lettersAre(t, w, b, "zip") || lettersAre(t, w, b, "swift") || lettersAre(t, w, b, "bic"));
}
// Such a code named earlier in the number's sentence: "The code you sent me was 574885 but it expired".
bool oneTimeCodeInSentence(std::string_view t, std::size_t pos) {
    for (std::size_t q = pos, floor = pos > 60 ? pos - 60 : 0; q-- > floor;) {
        if (t[q] == '.' || t[q] == '?' || t[q] == '!' || t[q] == '\n' || t[q] == ':') return false;
        if (isLetter(t[q]) && !isLetter(before(t, q)) && oneTimeCodeWord(t, q, wordEnd(t, q))) return true;
    }
    return false;
}

// r: the number's span (one run, or groups: see the caller); n: its digits.
[[gnu::noinline]] bool unexplainedAccount(std::string_view t, const Run& r, std::size_t n) {
    if (n < 6 || n > 17 || !r.clean() || before(t, r.begin) == '#' || currencyAfter(t, r.end) || at(t, r.end) == '%') return false;
    if (before(t, r.begin) == '-' && r.begin >= 2 && isLetter(t[r.begin - 2])) return false;   // an id: "CB-772731", "INV-123456"
    if (endsWith(t, r.end, "000"sv) || (t[r.begin] == '0' && n >= 10 && n <= 11)) return false;
    if (n == 8 && (startsWith(t, r.begin, "19"sv) || startsWith(t, r.begin, "20"sv)) && at(t, r.begin + 4) <= '1' &&
        at(t, r.begin + 6) <= '3')
        return false;  // YYYYMMDD
    // The word after: a unit or a currency ("120000 miles", "250000 naira"), or any plural noun ("1234567
    // reasons"; verbs in -s, "keeps", "shows", and a few words are not).
    std::size_t a = r.end;
    while (at(t, a) == ' ') ++a;
    std::size_t ae = a;
    while (isLetter(at(t, ae))) ++ae;
    if (lettersIn(t, a, ae, kUnitWords) ||
        (ae - a >= 4 && toLower(t[ae - 1]) == 's' && toLower(t[ae - 2]) != 's' && !lettersIn(t, a, ae, kVerbsInS)))
        return false;
    // ...nor in the three words after ("12345678 was the reference").
    for (int k = 0; k < 3 && ae > a; ++k) {
        if (k > 0 && lettersIn(t, a, ae, kOtherIds)) return false;
        for (a = ae; at(t, a) == ' '; ++a) {}
        for (ae = a; isLetter(at(t, ae)); ++ae) {}
    }
    // The bare answer to a question for a code the bank sent ("Bot: What's the one-time code we sent you?
    // User: 020645"): no account, unless the question asks for one ("sort code and account number?").
    if (oneTimeCodeAsked(t, r.begin) || oneTimeCodeInSentence(t, r.begin)) return false;
    // The three words before: none names another kind of number; the one right before is no amount verb.
    std::size_t e = r.begin;
    for (int k = 0; k < 3; ++k) {
        const std::size_t b = wordStartBefore(t, e);
        if (b == e) break;
        if (lettersIn(t, b, e, kOtherIds) || (k == 0 && lettersIn(t, b, e, kAmountVerbs))) return false;
        e = b;
    }
    return true;
}

// "cheque"/"check" in the three words before pos ("my cheque says 34699-004").
bool chequeBefore(std::string_view t, std::size_t pos) {
    for (int k = 0; k < 3; ++k) {
        const std::size_t b = wordStartBefore(t, pos);
        if (b == pos) return false;
        if (lettersAre(t, b, pos, "cheque") || lettersAre(t, b, pos, "check")) return true;
        pos = b;
    }
    return false;
}
// The message is about paying staff: "payroll", "direct deposit", "employee(s)", "staff" (a row
// "Name 021000021 123456789" there is a routing and an account number, as on a cheque).
[[gnu::noinline]] bool payrollTalk(std::string_view t) {
    for (std::size_t p = 0; p < t.size(); ++p) {
        if (isLetter(before(t, p)) || !isLetter(t[p])) continue;
        const char c = toLower(t[p]);   // (the first letter compared inline: most words need no call)
        for (std::string_view w : {"payroll"sv, "direct deposit"sv, "employee"sv, "staff"sv})
            if (w[0] == c && startsWithNoCase(t, p, w)) return true;
    }
    return false;
}
// The catch-all's cases: one run of 6-17 digits, or a number of groups an account is written in (two
// dash-joined groups of 3+ digits, "9174-1643"; New Zealand's 2-4-7-3); a sort code and an account side
// by side ("11 56 66 68737534", "609155 97708243"); a Canadian transit and institution ("34699-004", from a
// cheque: two numbers).
void unexplained(std::string_view t, const std::vector<Run>& runs, const CueHits& hits, std::size_t i, std::size_t j,
                 std::vector<Candidate>& out) {
    const Run& r = runs[i];
    auto size = [&](std::size_t k) { return k <= j ? runs[k].size() : 0; };
    const char sep = j > i ? t[r.end] : 0;
    bool said = false;
    int rank = kGuess;   // a cheque's line outranks a phone number's shape
    auto push = [&](PiiType type, std::size_t a, std::size_t b) { out.push_back({type, runs[a].begin, runs[b].end, rank, 0.6f}); };
    auto clear = [&](std::size_t a, std::size_t b, std::size_t digits) {
        return unexplainedAccount(t, Run{runs[a].begin, runs[b].end, runs[a].wordGlued || runs[b].wordGlued, false}, digits) &&
               !keywordNamingBefore(t, hits, runs[b].end, said);
    };
    // "92 52 88 / 72497604", "19-59-61 / 7734 6563": a sort code in pairs, " / ", an 8-digit account.
    auto sortCodeBefore = [&] {
        if (i < 3 || runs[i - 3].size() != 2 || runs[i - 2].size() != 2 || runs[i - 1].size() != 2) return false;
        const char c = at(t, runs[i - 3].end);
        if ((c != ' ' && c != '-') || isDigit(before(t, runs[i - 3].begin)) || runs[i - 2].begin != runs[i - 3].end + 1 ||
            at(t, runs[i - 2].end) != c || runs[i - 1].begin != runs[i - 2].end + 1)
            return false;
        const std::string_view gap = t.substr(runs[i - 1].end, r.begin - runs[i - 1].end);
        return gap == " / "sv || gap == "/"sv;
    };
    if (((j == i && r.size() == 8) || (j == i + 1 && sep == ' ' && size(i) == 4 && size(j) == 4)) && sortCodeBefore() &&
        clear(i, j, 8)) {
        if (out.empty() || out.back().end != runs[i - 1].end) push(PiiType::BankRouting, i - 3, i - 1);
        push(PiiType::BankAccountNumber, i, j);
    } else if (j == i && r.size() == 6 && i > 0 && runs[i - 1].size() == 8 && besideEachOther(t, runs[i - 1], r) &&
        t.substr(runs[i - 1].end, r.begin - runs[i - 1].end).find('/') != std::string_view::npos && !out.empty() &&
        out.back().type == PiiType::BankAccountNumber && out.back().end == runs[i - 1].end) {
        push(PiiType::BankRouting, i, i);       // "91282122 / 404784": an account and its sort code
    } else if (j == i + 3 && sep == ' ' && size(i) == 2 && size(i + 1) == 2 && size(i + 2) == 2 && size(i + 3) == 8 && clear(i, j, 14)) {
        push(PiiType::BankRouting, i, i + 2);   // "11 56 66 68737534"
        push(PiiType::BankAccountNumber, j, j);
    } else if (j == i + 1 && sep == ' ' && size(i) == 6 && size(j) == 8 && clear(i, j, 14)) {
        push(PiiType::BankRouting, i, i);       // "609155 97708243"
        push(PiiType::BankAccountNumber, j, j);
    } else if (j == i + 1 && sep == '-' && size(i) == 5 && size(j) == 3 && !currencyAfter(t, runs[j].end) &&
               (chequeBefore(t, r.begin) || payrollTalk(t))) {
        rank = kContext;
        if (chequeBefore(t, r.begin)) {
            push(PiiType::BankRouting, i, i);   // "34699-004": transit, institution
            push(PiiType::BankRouting, j, j);
        } else {
            push(PiiType::BankRouting, i, j);   // "Name, 13638-001, acct 9696401" for payroll: one routing
        }
    } else if (j > i && sep == ' ' && size(i) == 9 && abaValid(collectDigits(t, runs, i, i)) && size(i + 1) >= 6 &&
               size(i + 1) <= 17 && (chequeBefore(t, r.begin) || (j == i + 1 && payrollTalk(t)))) {
        rank = kContext;
        push(PiiType::BankRouting, i, i);       // a cheque's line: "021000021 123456789 1001"
        push(PiiType::BankAccountNumber, i + 1, i + 1);
    } else if (j > i + 1 && sep == ' ' && chequeBefore(t, r.begin) && size(i) == 5 && size(i + 1) == 3 && size(i + 2) >= 5 &&
               size(i + 2) <= 12) {
        rank = kContext;
        push(PiiType::BankRouting, i, i);       // a Canadian cheque: transit, institution, account
        push(PiiType::BankRouting, i + 1, i + 1);
        push(PiiType::BankAccountNumber, i + 2, i + 2);
    } else if (const std::size_t digits = collectDigits(t, runs, i, j).n;
               (j == i || (j == i + 1 && sep == '-' && size(i) >= 3 && size(j) >= 3) ||
                (j == i + 3 && size(i) == 2 && size(i + 1) == 4 && size(i + 2) == 7 && (size(j) == 2 || size(j) == 3))) &&
               clear(i, j, digits)) {
        // An ABA number where the message says "routing", or as the first of a pair ("021000021 / 123456789").
        const bool routing = j == i && r.size() == 9 && abaValid(collectDigits(t, runs, i, i)) &&
                             (std::any_of(hits.begin(), hits.end(), [](const CueHit& h) { return h.cue == kCueRouting; }) ||
                              (i + 1 < runs.size() && runs[i + 1].size() >= 6 && besideEachOther(t, r, runs[i + 1])));
        push(routing ? PiiType::BankRouting : PiiType::BankAccountNumber, i, j);
    }
}

// A second number sent "into"/"to" somewhere after an account number is one too: "close account X and
// move everything into Y", "autopay pulls from X on the 15th, can I move it to Y" (at most 40 bytes
// between them, no digits but a day's ordinal).
bool intoGap(std::string_view t, std::size_t from, std::size_t to) {
    if (to <= from || to - from > 40) return false;
    for (std::size_t p = from; p < to; ++p)
        if (isDigit(t[p])) {
            std::size_t e = p;
            while (e < to && isDigit(t[e])) ++e;
            if (e - p > 2 || !(startsWithNoCase(t, e, "st") || startsWithNoCase(t, e, "nd") || startsWithNoCase(t, e, "rd") ||
                               startsWithNoCase(t, e, "th")) || isLetter(at(t, e + 2)))
                return false;
            p = e;
        }
    return endsWith(t, to, " into "sv) || endsWith(t, to, " to "sv);
}

// An identity document's expiry, not a card's: "passport ... expires 08/2031" (the document named in
// the 60 bytes before, and no card keyword after it).
bool documentExpiry(std::string_view t, const CueHits& hits, std::size_t pos) {
    const std::size_t from = pos > 60 ? pos - 60 : 0;
    for (std::size_t p = pos; p-- > from;) {
        if (isLetter(before(t, p))) continue;
        for (std::string_view w : {"passport"sv, "licence"sv, "license"sv, "permit"sv})
            if (startsWithNoCase(t, p, w))
                return std::none_of(hits.begin(), hits.end(), [&](const CueHit& h) { return h.cue == kCueCard && h.begin > p && h.begin < pos; });
    }
    return false;
}

// 4-6 digits keyed in ("put in 2604 twice", "entered 4821") with "pin" at most 60 bytes before or after.
bool keyedInPin(std::string_view t, const CueHits& hits, const Run& r) {
    if (r.size() < 4 || r.size() > 6) return false;
    bool verb = false;
    for (std::string_view v : {"put in "sv, "entered "sv, "typed in "sv, "keyed in "sv, "punched in "sv})
        verb = verb || (endsWith(t, r.begin, v) && !isLetter(before(t, r.begin - v.size())));
    return verb && !currencyAfter(t, r.end) && std::any_of(hits.begin(), hits.end(), [&](const CueHit& h) {
        return h.cue == kCuePin && (h.end <= r.begin ? r.begin - h.end : h.begin - r.end) <= 60;
    });
}

// The end of the word that goes on at p ("expir|y").
std::size_t wordEnd(std::string_view t, std::size_t p) {
    while (isLetter(at(t, p))) ++p;
    return p;
}
// The word right before pos (over blanks, ':' and "is") is `w`: "date 10/31", "the code: 178".
bool wordBefore(std::string_view t, std::size_t pos, std::string_view w) {
    while (pos > 0 && (t[pos - 1] == ' ' || t[pos - 1] == ':')) --pos;
    if (pos >= 3 && startsWithNoCase(t, pos - 2, "is") && t[pos - 3] == ' ') {
        pos -= 2;
        while (pos > 0 && t[pos - 1] == ' ') --pos;
    }
    return pos >= w.size() && startsWithNoCase(t, pos - w.size(), w) && !isLetter(before(t, pos - w.size()));
}
// The last candidate so far of `type` ends right before pos, only blanks or a ',', '/', '|' or ';' between:
// "4242… 12/30 123" is a card, its expiry and its CVV.
bool rightAfter(const std::vector<Candidate>& out, PiiType type, std::string_view t, std::size_t pos) {
    for (auto c = out.rbegin(); c != out.rend(); ++c)
        if (c->type == type) {
            if (c->end > pos || pos - c->end > 3) return false;
            for (std::size_t p = c->end; p < pos; ++p)
                if (t[p] != ' ' && t[p] != ',' && t[p] != '/' && t[p] != '|' && t[p] != ';') return false;
            return true;
        }
    return false;
}
// The last candidate so far of `type` is one the value at pos is given as an alternative to (alternativeGap:
// "04/29 not 12-30", "9/26, or maybe 01/2027").
bool alternativeTo(const std::vector<Candidate>& out, PiiType type, std::string_view t, std::size_t pos) {
    for (auto c = out.rbegin(); c != out.rend(); ++c)
        if (c->type == type) return c->end <= pos && alternativeGap(t, c->end, pos);
    return false;
}
// A card number (scanCards has run) ends at most 60 bytes before pos: what follows names its fields.
bool cardBefore(const std::vector<Candidate>& out, std::size_t pos) {
    return std::any_of(out.begin(), out.end(), [pos](const Candidate& c) {
        return c.type == PiiType::CreditDebitNumber && c.end <= pos && pos - c.end <= 60;
    });
}

// A Canadian SIN, 9 digits or three groups of 3 ("953 942 596", "222-855-678"), Luhn-valid, is one when "SIN",
// "S.I.N." or "social insurance" is within 80 bytes before or after it ("953 942 596 that's my sin").
bool sinNear(std::string_view t, std::size_t b, std::size_t e) {
    const std::size_t from = b > 80 ? b - 80 : 0, to = std::min(t.size(), e + 80);
    for (std::size_t p = from; p < to; ++p) {
        if (isLetter(before(t, p)) || (toLower(t[p]) != 's')) continue;
        if ((startsWithNoCase(t, p, "sin") && !isLetter(at(t, p + 3))) || startsWithNoCase(t, p, "s.i.n") ||
            startsWithNoCase(t, p, "social insurance"))
            return true;
    }
    return false;
}

constexpr std::string_view kMicrTransit = "\xE2\x91\x86", kMicrOnUs = "\xE2\x91\x88";   // ⑆ ⑈
// The MICR symbols as OCR reads them off a cheque's photo: the transit symbol ⑆ as "|:" or ":|", the
// on-us symbol ⑈ as '"' or "||" ("|:118431189|:  7806660788"   1042").
bool micrTransitBefore(std::string_view t, std::size_t p) {
    return endsWith(t, p, kMicrTransit) || endsWith(t, p, "|:"sv) || endsWith(t, p, ":|"sv);
}
bool micrTransitAfter(std::string_view t, std::size_t p) {
    return startsWith(t, p, kMicrTransit) || startsWith(t, p, "|:"sv) || startsWith(t, p, ":|"sv);
}
bool micrOnUsAfter(std::string_view t, std::size_t p) {
    return startsWith(t, p, kMicrOnUs) || at(t, p) == '"' || startsWith(t, p, "||"sv);
}

[[gnu::noinline]] void scanContextNumbers(std::string_view t, const std::vector<Run>& runs, const CueHits& hits,
                        std::vector<Candidate>& out) {
    std::size_t floor = 0;  // end of the previous number: keywords before it belong to that one
    // The previous number that took a keyword: its end and keywords (see alternativeGap).
    std::size_t lastBegin = 0, lastEnd = 0;
    Cues lastCues;
    Turns turns;
    int money = -1;  // whether the message speaks of money (moneyTalk), once asked
    for (std::size_t i = 0; i < runs.size();) {
        const Run& r = runs[i];
        // "cvv2", "12th": not a number, does not end a keyword's reach; nor digits a dash glues to a code of
        // letters ("fails with BIO-219", "error E-4012"), unless those letters are the keyword ("pin-4821").
        if (r.wordGlued || (before(t, r.begin) == '-' && isLetter(before(t, r.begin - 1)) &&
                            std::none_of(hits.begin(), hits.end(), [&](const CueHit& h) { return h.end == r.begin - 1; }))) {
            ++i;
            continue;
        }
        // YYYY-MM or YYYY/MM (a year 20YY and a month) after an expiry keyword: "expires 2028-02".
        if (r.size() == 4 && (at(t, r.end) == '-' || at(t, r.end) == '/') && i + 1 < runs.size() &&
            runs[i + 1].begin == r.end + 1 && runs[i + 1].size() == 2 && !runs[i + 1].wordGlued && t[r.begin] == '2' &&
            t[r.begin + 1] == '0' && !isNumberJoiner(before(t, r.begin)) && before(t, r.begin) != '-' &&
            !((isNumberJoiner(at(t, runs[i + 1].end)) || at(t, runs[i + 1].end) == '-') && isDigit(at(t, runs[i + 1].end + 1)))) {
            const char m0 = t[runs[i + 1].begin], m1 = t[runs[i + 1].begin + 1];
            if ((m0 == '0' ? m1 != '0' : m0 == '1' && m1 <= '2') && findCues(hits, floor, r.begin).has(kCueExpiry)) {
                out.push_back({PiiType::CreditDebitExpiry, r.begin, runs[i + 1].end, kContext, 0.93f});
                floor = runs[i + 1].end;
                i += 2;
                continue;
            }
        }
        // MM/YY, MM/YYYY; MM-YY and MM-YYYY only right after an expiry keyword ("Exp: 11-26"), as a
        // dash-joined pair is otherwise a range or part of a phone number.
        // "12 / 27" and MM.YY ("valid until 09.29") only after an expiry keyword too.
        // An expiry keyword, or "date" right after a card number ("4111… the code 123 and date 10/31").
        // Or the expiry the question asked for ("…and your card's expiry? Customer: $45.20 and 08/29").
        // Or the value a correction puts beside an expiry ("the expiry is 04/29 not 12-30").
        auto expiryCue = [&] {
            return findCues(hits, floor, r.begin).has(kCueExpiry) || (wordBefore(t, r.begin, "date"sv) && cardBefore(out, r.begin)) ||
                   rightAfter(out, PiiType::CreditDebitNumber, t, r.begin) || alternativeTo(out, PiiType::CreditDebitExpiry, t, r.begin) ||
                   (advanceTurns(t, hits, turns, r.begin), turns.colon < r.begin && turns.asked.has(kCueExpiry) &&
                                                           !(turns.given >> kCueExpiry & 1u) && answerList(t, turns.colon + 1, r.begin));
        };
        const bool spacedSlash = at(t, r.end) == ' ' && at(t, r.end + 1) == '/' && at(t, r.end + 2) == ' ' &&
                                 i + 1 < runs.size() && runs[i + 1].begin == r.end + 3 &&
                                 (runs[i + 1].size() == 2 || runs[i + 1].size() == 4) && expiryCue();
        // "exp 04 28": two 2-digit groups right after an expiry keyword (nothing but fillers between),
        // not followed by a third group.
        const bool spacedPair = r.size() == 2 && !r.numberGlued && at(t, r.end) == ' ' && i + 1 < runs.size() && runs[i + 1].begin == r.end + 1 &&
                                runs[i + 1].size() == 2 && !runs[i + 1].numberGlued &&
                                !((at(t, runs[i + 1].end) == ' ' || at(t, runs[i + 1].end) == '-') && isDigit(at(t, runs[i + 1].end + 1))) &&
                                findCues(hits, floor, r.begin).has(kCueExpiry) && onlyFillers(t, wordEnd(t, findCues(hits, floor, r.begin).end[kCueExpiry]), r.begin);
        // (the year's group, "exp: 09-2028" too, not followed by another: "09-20-28" is no expiry)
        const std::size_t ye = i + 1 < runs.size() && runs[i + 1].begin == r.end + 1 ? runs[i + 1].end : r.end;
        const bool yearEnds = ye > r.end && !((isNumberJoiner(at(t, ye)) || at(t, ye) == '-') && isDigit(at(t, ye + 1)));
        // ("01-29 the expiry": named right after it)
        bool namedSaid = false;
        const CueHit* namedPair = yearEnds ? keywordNamingBefore(t, hits, ye, namedSaid) : nullptr;
        const bool slashPair = at(t, r.end) == '/' ||
                               ((at(t, r.end) == '-' || (at(t, r.end) == '.' && r.size() == 2 && !currencyBefore(t, r.begin))) &&
                                yearEnds && (expiryCue() || (namedPair && namedPair->cue == kCueExpiry &&
                                                           !startsWithNoCase(t, wordEnd(t, namedPair->end), " of "))));
        if (r.size() <= 2 && (slashPair || spacedSlash || spacedPair) && i + 1 < runs.size() &&
            runs[i + 1].begin == r.end + (spacedSlash ? 3 : 1) &&
            !runs[i + 1].wordGlued && (runs[i + 1].size() == 2 || runs[i + 1].size() == 4)) {
            const Run& y = runs[i + 1];
            bool inDate = (isNumberJoiner(at(t, y.end)) && isDigit(at(t, y.end + 1))) ||
                          (isNumberJoiner(before(t, r.begin)) && r.begin >= 2 && isDigit(t[r.begin - 2]));
            int month = 0;
            for (std::size_t k = r.begin; k < r.end; ++k) month = month * 10 + (t[k] - '0');
            bool yearOk = y.size() == 2 || (t[y.begin] == '2' && t[y.begin + 1] == '0');
            bool said = false;   // "01/26 is the expiry"
            const CueHit* named = keywordNamingBefore(t, hits, y.end, said);
            if (!inDate && month >= 1 && month <= 12 && yearOk && (expiryCue() || (named && named->cue == kCueExpiry)) &&
                !documentExpiry(t, hits, r.begin)) {
                out.push_back({PiiType::CreditDebitExpiry, r.begin, y.end, kContext, 0.93f});
                if (turns.colon < r.begin) turns.given |= 1u << kCueExpiry;
            } else {
                // An item of a customer's answer that fits nothing ("13/27") ends what the question names.
                advanceTurns(t, hits, turns, r.begin);
                if (turns.colon < r.begin) turns.given = ~0u;
            }
            floor = y.end;
            i += 2;
            continue;
        }
        // "routing/account 021000021/123456789": an ABA number and an account joined by '/' after "routing"
        // (and maybe the check number after them: "rtn/acct/check: 021000021/123456789/1001").
        if (r.size() == 9 && at(t, r.end) == '/' && i + 1 < runs.size() && runs[i + 1].begin == r.end + 1 &&
            runs[i + 1].size() >= 6 && runs[i + 1].size() <= 17 && !isWordChar(before(t, r.begin)) &&
            !isNumberJoiner(before(t, r.begin)) && !runs[i + 1].wordGlued &&
            !(isNumberJoiner(at(t, runs[i + 1].end)) && isDigit(at(t, runs[i + 1].end + 1)) &&
              !(at(t, runs[i + 1].end) == '/' && i + 2 < runs.size() && runs[i + 2].size() <= 6 &&
                !(isNumberJoiner(at(t, runs[i + 2].end)) && isDigit(at(t, runs[i + 2].end + 1))))) &&
            findCues(hits, floor, r.begin).has(kCueRouting) && abaValid(collectDigits(t, runs, i, i), true)) {
            out.push_back({PiiType::BankRouting, r.begin, r.end, kContext, 0.85f});
            out.push_back({PiiType::BankAccountNumber, runs[i + 1].begin, runs[i + 1].end, kContext, 0.85f});
            floor = runs[i + 1].end;
            i += 2;
            continue;
        }
        // A cheque's MICR line: "⑆routing⑆ account⑈ check" (U+2446 transit, U+2448 on-us symbols).
        if (r.size() == 9 && micrTransitBefore(t, r.begin) && micrTransitAfter(t, r.end) &&
            abaValid(collectDigits(t, runs, i, i), true)) {
            out.push_back({PiiType::BankRouting, r.begin, r.end, kContext, 0.9f});
            if (i + 1 < runs.size() && runs[i + 1].size() >= 4 && runs[i + 1].size() <= 17 && micrOnUsAfter(t, runs[i + 1].end)) {
                ++i;
                out.push_back({PiiType::BankAccountNumber, runs[i].begin, runs[i].end, kContext, 0.9f});
            }
            floor = runs[i].end;
            ++i;
            continue;
        }
        if (r.numberGlued) {
            floor = r.end;
            ++i;
            continue;
        }
        std::size_t j = i;  // one kind of single separator throughout
        while (j + 1 < runs.size() && !runs[j + 1].wordGlued && !runs[j + 1].numberGlued &&
               runs[j + 1].begin == runs[j].end + 1 && (t[runs[j].end] == ' ' || t[runs[j].end] == '-') &&
               (j == i || t[runs[j].end] == t[runs[i].end]) &&
               !(runs[j].size() >= 13 && runs[j + 1].size() <= 2 && at(t, runs[j + 1].end) == '-'))   // "4111… 07-32"
            ++j;
        bool dashes = j == i + 2 && t[runs[i].end] == '-';
        if (dashes && runs[i].size() == 3 && runs[i + 1].size() == 2 && runs[j].size() == 4 &&
            ssnValid(collectDigits(t, runs, i, j))) {
            out.push_back({PiiType::Ssn, runs[i].begin, runs[j].end, kSsnShape, 0.95f});
            // (an SSN by its shape names the field for a corrected value after it: "I gave SSN A on the form,
            // the real one is 260348843")
            lastBegin = runs[i].begin;
            lastEnd = runs[j].end;
            lastCues = Cues{};
            lastCues.end[kCueSsn] = runs[i].begin + 1;
        } else if (((j == i + 2 && runs[i].size() == 3 && runs[i + 1].size() == 3 && runs[j].size() == 3) || (j == i && r.size() == 9)) &&
                   sinNear(t, r.begin, runs[j].end) && pii_detail::luhnValid(std::string_view(collectDigits(t, runs, i, j).d.data(), 9))) {
            out.push_back({PiiType::CaSocialInsuranceNumber, runs[i].begin, runs[j].end, kContext, 0.9f});
        } else if (!currencyBefore(t, r.begin) && before(t, r.begin) != '+') {  // '+': a phone number
            const bool reply = opensCustomerTurn(t, r.begin);
            Cues cues = findCues(hits, floor, r.begin, reply ? kReplyReach : kKeywordReach);
            if (const std::size_t reach = reply ? 0 : colonReach(t, r.begin); reach > kKeywordReach) {
                // ("the account number, I'll read it out: X": a field named as such, "... number", not any
                // keyword: "account - I'd like to know about this number: X" stays too far)
                const Cues far = findCues(hits, floor, r.begin, reach);
                for (std::size_t c = 0; c < kCueCount; ++c)
                    if (far.end[c] > cues.end[c] && (startsWithNoCase(t, far.end[c], " number") ||
                                                   (startsWithNoCase(t, far.end[c], " no") && !isLetter(at(t, far.end[c] + 3)))))
                        cues.end[c] = far.end[c];
            }
            // (unless the gap names a field of its own: "ssn 123-45-6789 and my account no 123456789", "... but the
            // order no 123456789" are not a second SSN)
            const bool gapNamesField = std::any_of(cues.end.begin(), cues.end.end(), [&](std::size_t e) { return e > lastEnd; });
            if (lastEnd != 0 && !gapNamesField &&
                (alternativeGap(t, lastEnd, r.begin) || fromToGap(t, lastBegin, lastEnd, r.begin) ||
                 (lastCues.has(kCueAccount) && intoGap(t, lastEnd, r.begin))))
                for (std::size_t c = 0; c < kCueCount; ++c) cues.end[c] = std::max(cues.end[c], lastCues.end[c]);
            else if (lastEnd != 0 && lastCues.has(kCuePin) && newPinGap(t, lastEnd, r.begin, r.end))
                cues.end[kCuePin] = std::max(cues.end[kCuePin], lastCues.end[kCuePin]);
            // A value listed right after typed ones takes what was named before the list's first value.
            std::uint32_t listed = 0;
            if (const std::size_t first = listStart(out, t, r.begin, listed); first != r.begin) {
                const Cues named = findCues(hits, floor > first ? 0 : floor, first, kReplyReach);
                // ...each value a field of its own, but after a plural ("close these accounts: X Y Z")
                // every value is one of them.
                const std::size_t ae = named.end[kCueAccount];
                if (ae != 0 && toLower(at(t, ae)) == 's' && !isLetter(at(t, ae + 1))) listed &= ~(1u << kCueAccount);
                for (std::size_t c = 0; c < kCueCount; ++c)
                    if (!(listed >> c & 1u)) cues.end[c] = std::max(cues.end[c], named.end[c]);
            }
            advanceTurns(t, hits, turns, r.begin);
            const bool answer = turns.colon < r.begin && (answerList(t, turns.colon + 1, r.begin) || statedValue(t, r.begin));
            // (an account the turn names itself before the number is what it gives, not the SSN or routing number
            // asked for, which would be tried first: "...your SSN? Customer: I can't find it, my checking account
            // number is X")
            const Cues own = turns.colon < r.begin ? findCues(hits, turns.colon, r.begin, r.begin - turns.colon) : Cues{};
            if (answer)
                for (std::size_t c = 0; c < kCueCount; ++c)
                    if (!(turns.given >> c & 1u) && !(own.has(kCueAccount) && (c == kCueSsn || c == kCueRouting)))
                        cues.end[c] = std::max(cues.end[c], turns.asked.end[c]);
            // A checksummed field asked for is answered whatever the customer says around it ("...the last four of
            // your SSN? Customer: I'd rather give the whole thing, 730718438"), where the turn names no field of its own.
            if (!answer && !own.any() && turns.colon < r.begin && collectDigits(t, runs, i, j).n == 9)
                for (Cue c : {kCueSsn, kCueRouting})
                    if (!(turns.given >> c & 1u)) cues.end[c] = std::max(cues.end[c], turns.asked.end[c]);
            const std::size_t before = out.size();
            std::size_t alone = j;  // the chain's first group(s) taken alone: the rest is looked at again
            // A keyword right after the number names it before any keyword before it, which names the one
            // before: "12345678 is my savings account and 021000021 is the routing number".
            PiiType named{};
            if ((j > i || r.size() >= 3) && namedAfter(t, runs, hits, i, j, named))
                out.push_back({named, r.begin, runs[j].end, kContext, 0.85f});
            else if (cues.any() && !tryContextNumber(t, runs, i, j, cues, out) && j > i && t[runs[i].end] == ' ') {
                // its first group, or a spaced sort code first ("40 47 84 12345678")
                if (tryContextNumber(t, runs, i, i, cues, out)) {
                    alone = i;
                } else if (j >= i + 3 && runs[i].size() == 2 && runs[i + 1].size() == 2 && runs[i + 2].size() == 2 &&
                           runs[i + 3].size() >= 6 && tryContextNumber(t, runs, i, i + 2, cues, out)) {
                    alone = i + 2;
                } else if (runs[i].size() >= 13) {
                    // A card number and then its PIN or CVV: "card number and PIN. User: 4877107125290895 2280"
                    Cues rest = findCues(hits, floor, runs[i].begin, kReplyReach);
                    tryContextNumber(t, runs, i + 1, j, rest, out);
                }
            }
            if (out.size() == before && j == i && (r.size() == 3 || r.size() == 4) &&
                (startsWithNoCase(t, r.end, " on the back") || startsWithNoCase(t, r.end, " the code on the back") ||
                 startsWithNoCase(t, r.end, " is the code on the back") ||   // "and 276 on the back", "403 the code on the back"
                 (wordBefore(t, r.begin, "code"sv) && cardBefore(out, r.begin)) ||   // "4111… the code 178"
                 (rightAfter(out, PiiType::CreditDebitExpiry, t, r.begin) && cardBefore(out, r.begin))))   // "4242… 12/30 123"
                out.push_back({PiiType::CreditDebitCvv, r.begin, r.end, kContext, 0.85f});
            else if (out.size() == before && j == i && keyedInPin(t, hits, r))
                out.push_back({PiiType::Pin, r.begin, r.end, kContext, 0.8f});
            if (out.size() != before) {
                lastBegin = out.back().begin;
                lastEnd = out.back().end;
                lastCues = cues;
            } else if (dashes && sortCodeAlone(t, runs, i)) {
                out.push_back({PiiType::BankRouting, runs[i].begin, runs[j].end, kContext, 0.8f});
            } else if (j == i && accountBesideSortCode(t, runs, i)) {
                out.push_back({PiiType::BankAccountNumber, r.begin, r.end, kContext, 0.8f});
            } else if (!cues.any() && runs[j].end - r.begin >= 6 &&
                       ((money < 0 ? (money = moneyTalk(t, hits)) : money) || chequeBefore(t, r.begin))) {
                unexplained(t, runs, hits, i, j, out);
            }
            if (out.size() != before && turns.colon < r.begin) turns.given |= cuesOf(out.back().type);
            j = alone;
        }
        // A count or a short number ("after 3 attempts", "2 days ago") does not take the keyword's reach.
        if (j > i || r.size() > 2) floor = runs[j].end;
        i = j + 1;
    }
}

// ---- A bot's request for several card fields, answered as a list ------------------------------------
// "Bot: Type the card number, expiry and CVV separated by commas. User: 4111111111111111, 03/28, 581":
// when the bot's turn names two or more of card number, expiry and CVV, the customer's comma-separated
// reply ("User:"/"Customer:") gives them in the order asked, each item only if it has its field's shape:
// a Luhn-valid card number (scanCards finds it itself), MM/YY or MM/YYYY, 3-4 digits. The first item
// that does not fit ends the list.
bool fitsAskedField(std::string_view item, Cue cue) {
    if (cue == kCueCvv) return (item.size() == 3 || item.size() == 4) && std::all_of(item.begin(), item.end(), isDigit);
    if (cue == kCueExpiry) {
        const std::size_t slash = item.find('/');
        if (slash == std::string_view::npos || slash == 0 || slash > 2) return false;
        const std::string_view m = item.substr(0, slash), y = item.substr(slash + 1);
        if (!std::all_of(m.begin(), m.end(), isDigit) || !std::all_of(y.begin(), y.end(), isDigit)) return false;
        const int month = slash == 1 ? m[0] - '0' : (m[0] - '0') * 10 + (m[1] - '0');
        return month >= 1 && month <= 12 && (y.size() == 2 || (y.size() == 4 && y[0] == '2' && y[1] == '0'));
    }
    Digits ds;  // a card number: 13-19 digits, spaces or dashes between groups, issuer 2-6, Luhn-valid
    for (char c : item) {
        if (isDigit(c) && ds.n < 19) ds.d[ds.n++] = c;
        else if (isDigit(c) || (c != ' ' && c != '-')) return false;
    }
    return ds.n >= 13 && ds.d[0] >= '2' && ds.d[0] <= '6' && pii_detail::luhnValid(std::string_view(ds.d.data(), ds.n));
}

void scanAskedList(std::string_view t, const CueHits& hits, std::vector<Candidate>& out) {
    auto field = [&](const CueHit& h) {
        return h.cue == kCueExpiry || h.cue == kCueCvv || (h.cue == kCueCard && startsWithNoCase(t, h.end, " number"));
    };
    const auto first = std::find_if(hits.begin(), hits.end(), field);
    if (first == hits.end()) return;
    // The customer's turn: the first "User:" or "Customer:" after the bot named a field.
    std::size_t colon = first->end;
    for (;; ++colon) {
        colon = t.find(':', colon);
        if (colon == std::string_view::npos) return;
        if (customerLabelAt(t, colon)) break;
    }
    std::array<Cue, 3> asked{};
    std::size_t n = 0;
    for (auto it = first; it != hits.end() && it->begin < colon && n < asked.size(); ++it)
        if (field(*it) && std::find(asked.begin(), asked.begin() + n, it->cue) == asked.begin() + n) asked[n++] = it->cue;
    if (n < 2) return;
    std::size_t p = colon + 1;
    for (std::size_t k = 0; k < n; ++k) {
        while (at(t, p) == ' ') ++p;
        std::size_t e = std::min(t.find(',', p), t.size());
        std::size_t e2 = std::min(t.find(" and "sv, p), t.size());  // "10/28 and 382"
        const std::size_t skip = e2 < e ? 5 : 1;
        e = std::min(e, e2);
        std::size_t end = e;
        while (end > p && (t[end - 1] == ' ' || t[end - 1] == '.')) --end;
        if ((k == 0 && e == t.size()) || !fitsAskedField(t.substr(p, end - p), asked[k])) return;  // a list, of fitting items
        if (asked[k] != kCueCard)
            out.push_back({asked[k] == kCueCvv ? PiiType::CreditDebitCvv : PiiType::CreditDebitExpiry, p, end, kContext, 0.85f});
        if (e == t.size()) return;
        p = e + skip;
    }
}

// ---- PHONE ----------------------------------------------------------------------------------------
// Without a keyword, a phone number needs a recognisable written form (separators: single ' ', '-',
// '.', '/', and parentheses around an area code):
//  - international: '+' and 9-15 digits (E.164 allows 15; a "(0)" trunk digit is not counted), any
//    grouping: "+44 20 7946 0958", "+49 (0)30 1234567", "+1 (555) 123-4567", "+4930123456";
//  - North American: [1] NPA NXX XXXX as 3-3-4 digits with one kind of separator, the area code
//    optionally in parentheses and starting 2-9: "(555) 123-4567", "1-800-555-0199";
//  - national with a trunk prefix: the first group starts with 0 ("030 12345678", "020 7946 0958",
//    "06 12 34 56 78", "0049 30 1234567"), 10-15 digits (17 after "00"), 2-6 groups of at most 8
//    digits, one kind of separator.
// Never: a run of digits without separators (order numbers; only with a keyword, see above), anything
// that starts like a date (dd.mm.yyyy, yyyy-mm-dd), an amount (currency sign or code next to it, or a
// decimal part), or a number glued to letters. A phone number does not start inside a longer number;
// it may end before a space that is followed by more digits only if it has no spaces of its own
// ("555-123-4567 12 times"), so "555 123 4567 8901" is one 14-digit number, not a phone.
struct PhoneGroup {
    std::size_t begin, end;  // digits only (without parentheses)
    char gap;                // separator before it: 0, ' ', '-', '.', '/', or ')' right after "(...)"
    bool paren;
    std::size_t size() const { return end - begin; }
};

bool isPhoneSeparator(char c) { return c == ' ' || c == '-' || c == '.' || c == '/'; }

// Reads the chain of digit groups starting at pos; returns where it ends.
std::size_t readPhoneChain(std::string_view t, std::size_t pos, std::vector<PhoneGroup>& groups) {
    groups.clear();
    char gap = 0;
    std::size_t end = pos;
    for (;;) {
        if (at(t, pos) == '(') {
            std::size_t q = pos + 1;
            while (isDigit(at(t, q))) ++q;
            if (q == pos + 1 || q - pos - 1 > 5 || at(t, q) != ')') break;
            groups.push_back({pos + 1, q, gap, true});
            pos = end = q + 1;
            if ((at(t, pos) == ' ' || at(t, pos) == '-') && isDigit(at(t, pos + 1))) ++pos;
            if (!isDigit(at(t, pos))) break;
            gap = ')';
            continue;
        }
        if (!isDigit(at(t, pos))) break;
        std::size_t q = pos;
        while (isDigit(at(t, q))) ++q;
        groups.push_back({pos, q, gap, false});
        pos = end = q;
        if (isPhoneSeparator(at(t, pos)) && (isDigit(at(t, pos + 1)) || at(t, pos + 1) == '(')) {
            gap = at(t, pos++);
        } else if (at(t, pos) == '(') {
            gap = 0;
        } else {
            break;
        }
    }
    return end;
}

bool looksLikeDate(const std::vector<PhoneGroup>& g, std::size_t last) {
    // (five pairs or more set apart by dots are a French number, "07.32.88.82.43", not a date with more after it)
    if (last < 2 || (last >= 4 && std::all_of(g.begin(), g.begin() + static_cast<std::ptrdiff_t>(last) + 1,
                                               [](const PhoneGroup& p) { return p.size() == 2 && (p.gap == 0 || p.gap == '.'); })))
        return false;
    auto sep = [&](std::size_t k) { return g[k].gap == '.' || g[k].gap == '/' || g[k].gap == '-'; };
    if (!sep(1) || !sep(2)) return false;
    bool dmy = g[0].size() <= 2 && g[1].size() <= 2 && (g[2].size() == 4 || g[2].size() == 2);
    bool ymd = g[0].size() == 4 && g[1].size() <= 2 && g[2].size() <= 2;
    return dmy || ymd;
}

// A phone's word in the 48 bytes before pos, in the same sentence: "I'm waiting for a callback, I'm on
// 555.0162", "phone 555-0136", "a call last night from 555.0130".
bool phoneWordBefore(std::string_view t, std::size_t pos) {
    for (std::size_t q = pos; q-- > (pos > 48 ? pos - 48 : 0);) {
        if (t[q] == '.' || t[q] == '?' || t[q] == '!' || t[q] == '\n') return false;
        if (isLetter(before(t, q)) || !isLetter(t[q])) continue;
        for (std::string_view w : {"phone"sv, "call"sv, "mobile"sv, "cell"sv, "tel"sv, "ring"sv, "text"sv, "sms"sv, "whatsapp"sv,
                                   "celular"sv, "movil"sv, "m\xC3\xB3vil"sv})
            if (startsWithNoCase(t, q, w)) return true;
    }
    return false;
}

bool phoneShape(std::string_view t, const std::vector<PhoneGroup>& g, std::size_t last, bool plus) {
    std::size_t digits = 0;
    for (std::size_t k = 0; k <= last; ++k) {
        bool trunk = plus && k > 0 && g[k].paren && g[k].size() == 1 && t[g[k].begin] == '0';
        if (!trunk) digits += g[k].size();
    }
    if (plus) return !g[0].paren && digits >= 9 && digits <= 15;
    // A North American number typed without separators, ten digits (area code and exchange 2-9), only after
    // a phone's word: "text me at 5125550132", "call me on A or 3125550166".
    if (last == 0)
        return g[0].size() == 10 && !g[0].paren && t[g[0].begin] >= '2' && t[g[0].begin + 3] >= '2' && phoneWordBefore(t, g[0].begin);
    char sep = 0;
    for (std::size_t k = 1; k <= last; ++k) {
        if (g[k].gap == ')') continue;
        if (g[k].gap == 0 || (sep != 0 && g[k].gap != sep)) return false;
        sep = g[k].gap;
    }
    // North American: [1] (NPA) XXX-XXXX. Area codes start 2-9; the exchange is not checked, as
    // customers (and tests) happily type 555-123-4567.
    std::size_t a = (last == 3 && g[0].size() == 1 && t[g[0].begin] == '1' && !g[0].paren) ? 1 : 0;
    if (last - a == 2 && g[a].size() == 3 && g[a + 1].size() == 3 && g[a + 2].size() == 4 &&
        t[g[a].begin] >= '2' && !g[a + 1].paren && !g[a + 2].paren &&
        (a == 0 || !g[0].paren))
        return true;
    // A North American local number without its area code, XXX-XXXX or XXX.XXXX, only after a phone's word.
    if (last == 1 && g[0].size() == 3 && g[1].size() == 4 && !g[0].paren && !g[1].paren && (g[1].gap == '-' || g[1].gap == '.') &&
        t[g[0].begin] >= '2' && phoneWordBefore(t, g[0].begin))
        return true;
    // A Mexican number, a two-digit area code and eight digits (55, 33, 81: "55 9894 0790"), or any 2-4-4
    // written alike, only after a phone's word ("the text came from 33 1234 5678").
    if (last == 2 && g[0].size() == 2 && g[1].size() == 4 && g[2].size() == 4 && !g[0].paren && t[g[0].begin] != '0' &&
        phoneWordBefore(t, g[0].begin))
        return true;
    // National with trunk prefix 0 (or international prefix 00)
    if (t[g[0].begin] != '0' || last + 1 > 6 || looksLikeDate(g, last)) return false;
    for (std::size_t k = 0; k <= last; ++k)
        if (g[k].size() > 8 || (k > 0 && g[k].paren)) return false;
    std::size_t maxDigits = (g[0].size() >= 2 && t[g[0].begin + 1] == '0') ? 17 : 15;
    // (nine digits with the trunk's area code in brackets, after a phone's word: "text me at (01) 397 1514")
    const bool shortArea = digits == 9 && g[0].paren && last >= 2 && phoneWordBefore(t, g[0].begin);
    return (digits >= 10 || shortArea) && digits <= maxDigits;
}

// A national number in three groups of 1-4 digits set apart by single spaces, 9-11 digits, as Chile ("9 5201
// 9772") and Poland ("512 713 711") write mobiles: only after a phone's word in the sentence, or given as
// an alternative to the phone number before it ("+48 601 682 892, the other one 512 713 711").
bool spacedNationalPhone(std::string_view t, const std::vector<PhoneGroup>& g, std::size_t start, std::size_t previous) {
    if (g.size() != 3 || t[g[0].begin] == '0') return false;
    std::size_t digits = 0;
    for (std::size_t k = 0; k < 3; ++k) {
        if (g[k].paren || g[k].size() > 4 || (k > 0 && g[k].gap != ' ')) return false;
        digits += g[k].size();
    }
    return digits >= 9 && digits <= 11 && (phoneWordBefore(t, start) || (previous != 0 && alternativeGap(t, previous, start)));
}

void scanPhones(std::string_view t, const Starts& starts, std::vector<Candidate>& out) {
    std::vector<PhoneGroup> g;
    std::size_t previous = 0;   // the end of the last phone number found
    // A chain starts at a '+', a '(' or the first digit of a run (Starts::numbers: no byte loop; a chain
    // read never ends inside a run of digits), and the next one after it.
    std::size_t next = 0;
    for (std::size_t i : starts.numbers) {
        if (i < next) continue;
        const bool plus = t[i] == '+' && (isDigit(at(t, i + 1)) || at(t, i + 1) == '(');
        if (!plus && t[i] != '(' && !isDigit(t[i])) continue;
        const std::size_t start = i;
        const std::size_t chainEnd = readPhoneChain(t, plus ? i + 1 : i, g);
        if (g.empty()) continue;
        next = std::max(chainEnd, i + 1);
        char prev = before(t, start);
        if (isWordChar(prev) || prev == '+' || (isNumberJoiner(prev) && isDigit(before(t, start - 1))) ||
            currencyBefore(t, start) || otherCodeBefore(t, start))
            continue;
        // Longest acceptable prefix of the chain (at most 17 digits are ever considered).
        std::size_t last = 0, digits = g[0].size();
        while (last + 1 < g.size() && digits + g[last + 1].size() <= 17) digits += g[++last].size();
        for (std::size_t k = last + 1; k-- > 0;) {
            if (k < g.size() - 1) {
                if (g[k + 1].gap != ' ' || t[g[k].end] != ' ') continue;
                bool innerSpace = false;
                for (std::size_t m = 1; m <= k; ++m) innerSpace = innerSpace || g[m].gap == ' ';
                if (innerSpace && !plus) continue;
            }
            std::size_t end = g[k].paren ? g[k].end + 1 : g[k].end;
            if (isWordChar(at(t, end)) || (isNumberJoiner(at(t, end)) && isDigit(at(t, end + 1))) ||
                currencyAfter(t, end))
                continue;
            if (phoneShape(t, g, k, plus) || (k == last && !plus && spacedNationalPhone(t, g, start, previous))) {
                out.push_back({PiiType::Phone, start, end, kPhone, 0.85f});
                previous = end;
                break;
            }
        }
    }
}

// ---- Replacing ------------------------------------------------------------------------------------
constexpr std::string_view kBullets = "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2";  // ••••

template <class Replace>
std::string replaceMatches(std::string_view text, const std::vector<PiiMatch>& matches, Replace replace) {
    std::string out;
    out.reserve(text.size());
    std::size_t cursor = 0;
    for (const PiiMatch& m : matches) {
        if (m.begin < cursor || m.end < m.begin || m.end > text.size()) continue;  // defensive
        out.append(text.substr(cursor, m.begin - cursor));
        replace(out, m, text.substr(m.begin, m.end - m.begin));
        cursor = m.end;
    }
    out.append(text.substr(cursor));
    return out;
}

}  // namespace

// Comprehend's names, in PiiType order.
constexpr const char* kTypeNames[kPiiTypeCount] = {
    "CREDIT_DEBIT_NUMBER",
    "CREDIT_DEBIT_CVV",
    "CREDIT_DEBIT_EXPIRY",
    "BANK_ACCOUNT_NUMBER",
    "BANK_ROUTING",
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER",
    "SWIFT_CODE",
    "SSN",
    "PIN",
    "EMAIL",
    "PHONE",
    "NAME",
    "ADDRESS",
    "DATE_TIME",
    "AGE",
    "USERNAME",
    "PASSWORD",
    "URL",
    "IP_ADDRESS",
    "MAC_ADDRESS",
    "DRIVER_ID",
    "PASSPORT_NUMBER",
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
    "UK_NATIONAL_INSURANCE_NUMBER",
    "CA_SOCIAL_INSURANCE_NUMBER",
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    "AWS_ACCESS_KEY",
    "AWS_SECRET_KEY",
};

const char* comprehendName(PiiType type) {
    const auto i = static_cast<std::size_t>(type);
    return i < kPiiTypeCount ? kTypeNames[i] : "UNKNOWN";
}

std::optional<PiiType> piiTypeFromName(std::string_view name) {
    for (std::size_t i = 0; i < kPiiTypeCount; ++i)
        if (name == kTypeNames[i]) return static_cast<PiiType>(i);
    return std::nullopt;
}

std::vector<std::pair<std::size_t, std::size_t>> codePointOffsets(std::string_view text,
                                                                  const std::vector<PiiMatch>& matches) {
    // Matches are sorted and never overlap, but count from the start for each one that is not, so any
    // vector is answered correctly. A code point starts at every byte that is not 10xxxxxx.
    std::vector<std::pair<std::size_t, std::size_t>> out;
    out.reserve(matches.size());
    std::size_t byte = 0, points = 0;
    auto advanceTo = [&](std::size_t target) {
        if (target < byte) byte = points = 0;
        target = std::min(target, text.size());
        for (; byte < target; ++byte)
            if ((static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80) ++points;
        return points;
    };
    for (const PiiMatch& m : matches) {
        const std::size_t b = advanceTo(m.begin);
        out.emplace_back(b, advanceTo(m.end));
    }
    return out;
}

namespace {
// detectPii's orders, total (for sortBy, finchat/util.h). Candidates are sorted as pointers into
// their vector: the same span and type found twice keeps the order the scanners found them in.
bool candidateFirst(const Candidate* const& x, const Candidate* const& y) {
    const Candidate &a = *x, &b = *y;
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    if (a.type != b.type) return a.type < b.type;
    return x < y;
}

bool startsFirst(const PiiMatch& a, const PiiMatch& b) { return a.begin < b.begin; }   // matches never overlap
}  // namespace

std::vector<PiiMatch> detectPii(std::string_view text) {
    std::vector<Candidate> candidates;
    const Starts starts = findStarts(text);
    const std::vector<Run> runs = digitRuns(text, starts);
    const CueHits hits = findCueHits(text, starts);
    // Each scanner a function of its own (see callApart).
    callApart(scanEmails, text, candidates);
    callApart(scanIbans, text, runs, candidates);
    callApart(scanCards, text, runs, hits, candidates);
    callApart(scanSplitCards, text, runs, hits, candidates);
    callApart(scanSpelledDigits, text, hits, candidates);
    callApart(scanContextNumbers, text, runs, hits, candidates);
    callApart(scanAskedList, text, hits, candidates);
    callApart(scanSwift, text, starts, hits, candidates);
    callApart(scanPhones, text, starts, candidates);
    callApart(scanWords, text, starts, candidates);

    std::vector<const Candidate*> order(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) order[i] = &candidates[i];
    sortBy<const Candidate*, candidateFirst>(order);
    // Every candidate is short (at most a few hundred bytes), so marking taken bytes keeps this linear.
    std::vector<bool> taken(text.size(), false);
    std::vector<PiiMatch> matches;
    for (const Candidate* cp : order) {
        const Candidate& c = *cp;
        bool free = true;
        for (std::size_t i = c.begin; i < c.end && free; ++i) free = !taken[i];
        if (!free) continue;
        for (std::size_t i = c.begin; i < c.end; ++i) taken[i] = true;
        matches.push_back({c.type, c.begin, c.end, c.score});
    }
    sortBy<PiiMatch, startsFirst>(matches);
    return matches;
}

std::string redactPii(std::string_view text) { return redactPii(text, detectPii(text)); }

std::string redactPii(std::string_view text, const std::vector<PiiMatch>& matches) {
    return replaceMatches(text, matches, [](std::string& out, const PiiMatch& m, std::string_view) {
        out += '[';
        out += comprehendName(m.type);
        out += ']';
    });
}

std::string redactPii(std::string_view text, const PiiRedaction& rules) {
    if (!rules.enabled) return std::string(text);
    std::vector<PiiMatch> kept;
    for (const PiiMatch& m : detectPii(text))
        if (rules.entities.has(m.type)) kept.push_back(m);
    if (rules.maskMode == PiiMaskMode::EntityType) return redactPii(text, kept);
    return replaceMatches(text, kept, [](std::string& out, const PiiMatch&, std::string_view) { out += "[PII]"; });
}

std::string maskPii(std::string_view text) { return maskPii(text, detectPii(text)); }

std::string maskPii(std::string_view text, const std::vector<PiiMatch>& matches) {
    return replaceMatches(text, matches, [](std::string& out, const PiiMatch& m, std::string_view entity) {
        out += kBullets;
        bool keepLast4 = m.type == PiiType::CreditDebitNumber || m.type == PiiType::BankAccountNumber ||
                         m.type == PiiType::InternationalBankAccountNumber ||
                         m.type == PiiType::BankRouting || m.type == PiiType::Phone;
        if (!keepLast4) return;
        std::string significant;
        for (char c : entity)
            if (isAlnum(c)) significant += toUpper(c);
        if (significant.size() < 8) return;
        out += ' ';
        out += significant.substr(significant.size() - 4);
    });
}

}  // namespace finchat

namespace finchat {

PiiTypePolicy::PiiTypePolicy() {
    for (PiiAction& a : action) a = PiiAction::Send;
    for (PiiType t : {PiiType::CreditDebitNumber, PiiType::CreditDebitCvv, PiiType::CreditDebitExpiry,
                      PiiType::BankAccountNumber, PiiType::BankRouting, PiiType::InternationalBankAccountNumber,
                      PiiType::SwiftCode, PiiType::Ssn, PiiType::Pin, PiiType::Password, PiiType::DriverId,
                      PiiType::PassportNumber, PiiType::UsIndividualTaxIdentificationNumber,
                      PiiType::UkNationalInsuranceNumber, PiiType::CaSocialInsuranceNumber,
                      PiiType::UkNationalHealthServiceNumber, PiiType::AwsAccessKey, PiiType::AwsSecretKey})
        action[static_cast<std::size_t>(t)] = PiiAction::Mask;
}

PiiTypeSet PiiTypePolicy::withAction(PiiAction a) const {
    PiiTypeSet set;
    for (std::size_t i = 0; i < kPiiTypeCount; ++i)
        if (action[i] == a) set.add(static_cast<PiiType>(i));
    return set;
}

Result<PiiTypePolicy> parsePiiPolicy(std::string_view json) {
    const Json doc = Json::parse(json);
    if (!doc.isObject()) return makeError(ErrorCode::MalformedJson, "piiPolicy: expected a JSON object");
    auto actionOf = [](const Json& v) -> std::optional<PiiAction> {
        if (!v.isString()) return std::nullopt;
        if (v.asString() == "send") return PiiAction::Send;
        if (v.asString() == "mask") return PiiAction::Mask;
        if (v.asString() == "ask") return PiiAction::AskFirst;
        return std::nullopt;
    };
    PiiTypePolicy policy;
    if (const Json* all = doc.find("ALL")) {
        const auto a = actionOf(*all);
        if (!a) return Error{ErrorCode::InvalidValue, "piiPolicy.ALL: expected \"send\", \"mask\" or \"ask\""};
        for (PiiAction& x : policy.action) x = *a;
    }
    for (const Json::Member& m : doc.members()) {
        if (m.key == "ALL") continue;
        const auto type = piiTypeFromName(m.key);
        if (!type) return Error{ErrorCode::InvalidValue, "piiPolicy." + m.key + ": unknown entity type"};
        const auto a = actionOf(m.value);
        if (!a) return Error{ErrorCode::InvalidValue, "piiPolicy." + m.key + ": expected \"send\", \"mask\" or \"ask\""};
        policy.action[static_cast<std::size_t>(*type)] = *a;
    }
    return policy;
}

}  // namespace finchat

namespace finchat {

PiiTypeSet PiiRedaction::defaultEntities() {
    PiiTypeSet set = PiiTypePolicy().withAction(PiiAction::Mask);
    return set.add(PiiType::Email).add(PiiType::Phone);
}

Result<PiiRedaction> parsePiiRedaction(std::string_view json) {
    const Json doc = Json::parse(json);
    if (!doc.isObject()) return makeError(ErrorCode::MalformedJson, "InFlightChatRedactionConfiguration: expected a JSON object");
    PiiRedaction rules;
    if (const Json* v = doc.find("Enabled")) {
        if (v->type() != Json::Type::Boolean) return makeError(ErrorCode::WrongType, "Enabled: expected true or false");
        rules.enabled = v->asBool();
    }
    if (const Json* v = doc.find("RedactionMaskMode")) {
        if (!v->isString() || (v->asString() != "PII" && v->asString() != "EntityType"))
            return Error{ErrorCode::InvalidValue, "RedactionMaskMode: expected \"PII\" or \"EntityType\""};
        rules.maskMode = v->asString() == "PII" ? PiiMaskMode::Pii : PiiMaskMode::EntityType;
    }
    if (const Json* v = doc.find("RedactionEntities")) {
        if (!v->isArray()) return makeError(ErrorCode::WrongType, "RedactionEntities: expected an array of entity types");
        rules.entities = {};
        for (const Json& e : v->items()) {
            if (e.isString() && e.asString() == "ALL") {
                rules.entities = PiiTypeSet::all();
                continue;
            }
            const auto type = e.isString() ? piiTypeFromName(e.asString()) : std::nullopt;
            if (!type) return Error{ErrorCode::InvalidValue, "RedactionEntities: unknown entity type " + e.dump()};
            rules.entities.add(*type);
        }
    }
    return rules;
}

}  // namespace finchat

namespace finchat::pii_detail {
bool luhnValid(std::string_view digits) {
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        int d = digits[digits.size() - 1 - i] - '0';
        if (i % 2 == 1 && (d *= 2) > 9) d -= 9;
        sum += d;
    }
    return !digits.empty() && sum % 10 == 0;
}
bool oneEditAway(std::string_view t, std::size_t p, std::size_t n, std::string_view w) {
    auto c = [&](std::size_t i) { return toLower(t[p + i]); };
    std::size_t i = 0;
    const std::size_t m = std::min(n, w.size());
    while (i < m && c(i) == w[i]) ++i;
    if (n == w.size()) {
        if (i == n) return false;  // equal: an exact hit already
        auto same = [&](std::size_t from) {
            for (std::size_t k = from; k < n; ++k)
                if (c(k) != w[k]) return false;
            return true;
        };
        if (i + 1 < n && c(i) == w[i + 1] && c(i + 1) == w[i] && same(i + 2)) return true;  // swap
        return i + 1 < n && same(i + 1);                                                   // substitution
    }
    if (n + 1 == w.size()) {  // a letter dropped
        for (std::size_t k = i; k < n; ++k)
            if (c(k) != w[k + 1]) return false;
        return true;
    }
    if (n == w.size() + 1) {  // a letter doubled or added
        for (std::size_t k = i + 1; k < n; ++k)
            if (c(k) != w[k - 1]) return false;
        return true;
    }
    return false;
}
}  // namespace finchat::pii_detail
