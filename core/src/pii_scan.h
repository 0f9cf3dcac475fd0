// Internal to the PII detector (pii.cpp, pii_words.cpp): character classes, look-arounds and the
// candidate every scanner proposes. Not part of the public API.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "finchat/pii.h"

namespace finchat::pii_detail {

// The helpers below run for every byte or token. The shipped wasm is built for size (-Oz), where the
// inliner would leave each of them a call: always inlined, they cost a few bytes and save most of the
// detector's time there (see tests/bench/pii_bench.cpp).
#define FINCHAT_PII_INLINE [[gnu::always_inline]] inline

// f(args...) through a pointer no optimiser sees through. The size-optimised wasm link (binaryen)
// inlines every function that has one caller, whatever its size, so all scanners would end up in
// detectPii: one function of ~36 K instructions, which V8's optimising compiler handles badly (about a
// quarter more time per message than the same code as separate functions; tests/bench/pii_bench.cpp).
// The scanners are called through this, so each stays a function of its own; the indirect call costs
// nothing measurable.
template <class... P, class... A>
FINCHAT_PII_INLINE void callApart(void (*f)(P...), A&&... args) {
    void (*volatile g)(P...) = f;
    g(static_cast<A&&>(args)...);
}

// Everything here is ASCII-only on purpose: bytes of multi-byte UTF-8 sequences are >= 0x80 and are
// never digits, letters or separators, so no match can begin or end inside a code point, and a
// non-ASCII character next to a number acts like punctuation ("Karte:4111…", "…1111 ✓").
// (constexpr: the word tables' first-letter index is built with them at compile time, pii_packed.h)
FINCHAT_PII_INLINE constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
FINCHAT_PII_INLINE constexpr bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
FINCHAT_PII_INLINE constexpr bool isLower(char c) { return c >= 'a' && c <= 'z'; }
FINCHAT_PII_INLINE bool isLetter(char c) { return isUpper(c) || isLower(c); }
FINCHAT_PII_INLINE bool isAlnum(char c) { return isDigit(c) || isLetter(c); }
FINCHAT_PII_INLINE bool isWordChar(char c) { return isAlnum(c) || c == '_'; }
FINCHAT_PII_INLINE bool isHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
FINCHAT_PII_INLINE constexpr char toLower(char c) { return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
FINCHAT_PII_INLINE char toUpper(char c) { return isLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// The byte at i / just before i, or '\0' outside the text, so look-arounds need no bounds checks.
FINCHAT_PII_INLINE char at(std::string_view t, std::size_t i) { return i < t.size() ? t[i] : '\0'; }
FINCHAT_PII_INLINE char before(std::string_view t, std::size_t i) { return i > 0 && i <= t.size() ? t[i - 1] : '\0'; }

// Case-insensitive comparison of t[pos...] with a lower-case ASCII word.
inline bool startsWithNoCase(std::string_view t, std::size_t pos, std::string_view lower) {
    if (pos > t.size() || t.size() - pos < lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i)
        if (toLower(t[pos + i]) != lower[i]) return false;
    return true;
}
template <std::size_t N>  // a literal: its length known at compile time, no strlen at -Oz
FINCHAT_PII_INLINE bool startsWithNoCase(std::string_view t, std::size_t pos, const char (&lower)[N]) {
    return startsWithNoCase(t, pos, std::string_view(lower, N - 1));
}

// Where candidates overlap, the lower rank wins (then the earlier, then the longer one). The ranks
// follow how much the shape alone proves: an e-mail address or an IBAN (mod-97) is certain, a
// Luhn-valid card number nearly so, a keyword-backed value less, a name or a phone number least.
// kGuess: a number typed by its message alone (see unexplainedAccount), below everything.
enum Rank { kEmail, kUrl, kIban, kCard, kShape, kSsnShape, kContext, kAddress, kDate, kName, kPhone, kGuess };

struct Candidate {
    PiiType type;
    std::size_t begin, end;
    int rank;
    float score;
};

// Where scanners of both files start to look, found in one pass over the text before they run (pii.cpp,
// findStarts): a loop over every byte costs ~5 ns a byte in the wasm, and each of these scanners had one.
//  - word: every ASCII letter or digit with no letter right before it, and every "::". A cue keyword
//    can start at the first kind (pii.cpp's findCueHits; it skips "::"). A URL, a domain, an IP or a MAC
//    address can start at those with no digit before them either, or at "::" (an IPv6 address's elided
//    head): pii_words.cpp's scanNetwork, whose tests reject every other position.
//  - dotted: where each run of letters, digits, '-' and dots followed by a letter or digit starts that has
//    such a dot in it (the only places a bare domain can start: scanNetwork reads no other word to its end).
//  - numbers: where each run of digits starts (pii.cpp's digitRuns; the numeric dates and ITINs of
//    pii_words.cpp start at one), and every '+' and '(' (where pii.cpp's scanPhones may read a phone
//    number's chain of digit groups too).
struct Starts {
    std::vector<std::size_t> word, dotted, numbers;
};
Starts findStarts(std::string_view t);

// pii_words.cpp: the scanners of words and tokens (names, addresses, dates, credentials, network and
// national identifiers, URLs).
void scanWords(std::string_view text, const Starts& starts, std::vector<Candidate>& out);

// The name table (pii_names.cpp; the bits come from a name list package at build time): whether a
// lower-case ASCII word is a known given name or surname. A Bloom filter: false positives are
// possible (about 3.5 %), so callers only use it together with a cue or a second known name. False
// for every word while no table is there (the browser before pii-names.bin has arrived).
bool isKnownName(std::string_view lowerWord);

// The table's size, and the table compiled into this program, or nullptr. Exactly one of the
// generated pii_name_table.cpp (library finchat_pii_names) and pii_name_table_lazy.cpp
// (finchat_pii_names_lazy: what the browser's wasm links) defines compiledNameTable().
constexpr std::size_t kNameTableBytes = 32768;
const std::uint8_t* compiledNameTable();

// Whether the n bytes of t at p are one deletion, insertion, adjacent swap or substitution (not of the
// last letter) away from the lower-case word w, and not w itself: a mistyped cue word ("acount",
// "pasword", "usernme"). Callers check the first letter first.
bool oneEditAway(std::string_view t, std::size_t p, std::size_t n, std::string_view w);

// The Luhn checksum of a run of ASCII digits (cards, Canadian SINs). False for an empty run.
bool luhnValid(std::string_view digits);

}  // namespace finchat::pii_detail
