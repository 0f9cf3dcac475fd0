// Word tables packed at compile time (internal to the PII detector).
//
// A table is written as a constexpr list of string_views (or of structs holding one, see below), and
// packWords<list>() turns it at compile time into one char blob, a uint16 offset per entry and the
// structs' other fields: no pointer and length per entry (8 bytes each in wasm, which compress poorly)
// and no relocation of them. The list itself is only read by the packer (a constant expression), so it
// is not emitted. Reading a packed table: t[k], t.size(), range-for; an entry is the list's type with
// its text as a string_view into the blob.
//
// A struct entry is a template over its text's type with a map() that rebuilds it with the text
// transformed, the text member [[no_unique_address]]:
//     template <class S> struct CueT {
//         [[no_unique_address]] S phrase;
//         bool strong;
//         template <class F> constexpr auto map(F f) const { return CueT<decltype(f(phrase))>{f(phrase), strong}; }
//     };
//     using Cue = CueT<std::string_view>;
//
// A table searched only by a token's first letter is packed with packByLetter<list>() instead: its
// entries grouped by first letter (see "First-letter groups" below).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <type_traits>

#include "pii_scan.h"  // FINCHAT_PII_INLINE: the scanners' hot loops read these; -Oz would leave calls

namespace finchat::pii_detail {

struct PackedSlot {};  // where a struct entry's text was; the text is the blob's k-th word

// ---- First-letter groups ----------------------------------------------------------------------------
// The detector asks most tokens whether they are one of a table's words (listed() in pii_words.cpp, the
// cue and key loops): walking every entry per token was the largest single cost in a profile of the wasm
// build (listed() alone about 6 % of the detector's time, session 5). A table packed by packByLetter
// stores its entries grouped by first letter (stably: table order within a letter) with where each group
// starts, so a token tries only the entries of its own letter (startingWith(c)), each with the same test
// as before. Such a table is a set, or is only ever walked one letter at a time, so its order across
// letters carries no meaning; within a letter it is kept, so the first match stays the first (entries
// that match at one place share their first letter). Done at compile time: 28 bytes per table, no
// start-up work and no guard per call (and no table of entry numbers: the entries themselves are grouped).
// Group 0-25: 'a'-'z' in either case; 26: any other first byte (digits, punctuation, UTF-8).
//
// The cue keywords (pii.cpp's findCueHits, tried at every word start of the text: a letter's group there
// is 10-25 entries) are grouped by their first two letters instead (packByTwoLetters: group
// 27 * first + second, each letter as above), and startingWith(c, d) gives the entries of one pair. That
// reorders a letter's entries by their second letter, so it is only for a table whose entries are tried
// at one place in table order where any two that can both match there share their first two letters
// (exact words of two or more letters: a match fixes both), never for one whose first words may be a
// single letter ("i", "i am").
constexpr std::size_t kLetterGroups = 27;
FINCHAT_PII_INLINE constexpr std::size_t letterGroup(char c) {
    c = toLower(c);
    return isLower(c) ? static_cast<std::size_t>(c - 'a') : kLetterGroups - 1;
}

// Entry numbers [b, e): range-for yields them.
struct EntryRange {
    struct Iterator {
        std::size_t k;
        FINCHAT_PII_INLINE constexpr std::size_t operator*() const { return k; }
        FINCHAT_PII_INLINE constexpr Iterator& operator++() { ++k; return *this; }
        FINCHAT_PII_INLINE constexpr bool operator==(const Iterator& o) const { return k == o.k; }
    };
    std::size_t b, e;
    FINCHAT_PII_INLINE constexpr Iterator begin() const { return {b}; }
    FINCHAT_PII_INLINE constexpr Iterator end() const { return {e}; }
};

// Range-for over a table with size() and operator[] (entries by value).
template <class T>
struct IndexIterator {
    const T* t;
    std::size_t k;
    FINCHAT_PII_INLINE constexpr auto operator*() const { return (*t)[k]; }
    FINCHAT_PII_INLINE constexpr IndexIterator& operator++() { ++k; return *this; }
    FINCHAT_PII_INLINE constexpr bool operator==(const IndexIterator& o) const { return k == o.k; }
};

// Any word list packed by packByLetter (fewer than 256 entries), its size erased (one function takes them
// all: no copy per table). Its size is where its last letter group ends.
class WordList {
public:
    FINCHAT_PII_INLINE constexpr WordList(const char* chars, const std::uint16_t* off, const std::uint8_t* groups)
        : chars_(chars), off_(off), groups_(groups) {}
    FINCHAT_PII_INLINE constexpr std::size_t size() const { return groups_[kLetterGroups]; }
    FINCHAT_PII_INLINE constexpr std::string_view operator[](std::size_t k) const {
        return {chars_ + off_[k], static_cast<std::size_t>(off_[k + 1] - off_[k])};
    }
    // Entry k's length and first byte without building its string_view (the hot table walks test these).
    FINCHAT_PII_INLINE constexpr std::size_t length(std::size_t k) const { return static_cast<std::size_t>(off_[k + 1] - off_[k]); }
    FINCHAT_PII_INLINE constexpr char first(std::size_t k) const { return chars_[off_[k]]; }
    FINCHAT_PII_INLINE constexpr IndexIterator<WordList> begin() const { return {this, 0}; }
    FINCHAT_PII_INLINE constexpr IndexIterator<WordList> end() const { return {this, size()}; }
    // The entries whose first byte is c's (any case) can only be among these (see "First-letter groups").
    FINCHAT_PII_INLINE constexpr EntryRange startingWith(char c) const {
        const std::size_t g = letterGroup(c);
        return {groups_[g], groups_[g + 1]};
    }

private:
    const char* chars_;
    const std::uint16_t* off_;
    const std::uint8_t* groups_;
};

// Letters: how many leading letters the entries are grouped by (0: not grouped, 1: packByLetter, 2:
// packByTwoLetters).
template <class E, std::size_t C, std::size_t N, std::size_t Letters>
class PackedWords {
    static constexpr bool ByLetter = Letters > 0;
    static constexpr std::size_t kGroups = Letters == 0 ? 1 : Letters == 1 ? kLetterGroups : kLetterGroups * kLetterGroups;
    static constexpr bool kPlain = std::is_same_v<E, std::string_view>;
    struct NoRest {};
    using Rest = std::conditional_t<kPlain, NoRest, std::array<E, N>>;
    using Group = std::conditional_t<(N < 256), std::uint8_t, std::uint16_t>;
    using Groups = std::conditional_t<ByLetter, std::array<Group, kGroups + 1>, NoRest>;

public:
    static constexpr std::size_t size() { return N; }
    FINCHAT_PII_INLINE constexpr std::string_view word(std::size_t k) const {
        return {chars_.data() + off_[k], static_cast<std::size_t>(off_[k + 1] - off_[k])};
    }
    FINCHAT_PII_INLINE constexpr operator WordList() const requires(kPlain && Letters == 1 && N < 256) {
        return {chars_.data(), off_.data(), groups_.data()};
    }
    // The entries whose first byte is c's (any case) can only be among these (see "First-letter groups").
    FINCHAT_PII_INLINE constexpr EntryRange startingWith(char c) const requires ByLetter {
        const std::size_t g = letterGroup(c) * (kGroups / kLetterGroups);
        return {groups_[g], groups_[g + kGroups / kLetterGroups]};
    }
    // The entries whose first two bytes are c's and d's (any case; d's group: any other byte shares one).
    FINCHAT_PII_INLINE constexpr EntryRange startingWith(char c, char d) const requires(Letters == 2) {
        const std::size_t g = letterGroup(c) * kLetterGroups + letterGroup(d);
        return {groups_[g], groups_[g + 1]};
    }
    FINCHAT_PII_INLINE constexpr auto operator[](std::size_t k) const {
        if constexpr (kPlain) return word(k);
        else return rest_[k].map([&](PackedSlot) __attribute__((always_inline)) { return word(k); });
    }
    FINCHAT_PII_INLINE constexpr IndexIterator<PackedWords> begin() const { return {this, 0}; }
    FINCHAT_PII_INLINE constexpr IndexIterator<PackedWords> end() const { return {this, N}; }

    template <const auto& L, std::size_t G>
    friend consteval auto packWords();

private:
    std::array<char, C == 0 ? 1 : C> chars_{};
    std::array<std::uint16_t, N + 1> off_{};
    [[no_unique_address]] Rest rest_{};
    [[no_unique_address]] Groups groups_{};
};

namespace packed_detail {
constexpr std::string_view textOf(std::string_view s) { return s; }
template <class T>
constexpr std::string_view textOf(const T& e) {
    std::string_view s;
    e.map([&](std::string_view v) { s = v; return PackedSlot{}; });
    return s;
}
template <class T>
constexpr auto restOf(const T& e) {
    if constexpr (std::is_convertible_v<T, std::string_view>) return std::string_view{};
    else return e.map([](std::string_view) { return PackedSlot{}; });
}
template <const auto& L>
consteval std::size_t charsOf() {
    std::size_t c = 0;
    for (const auto& e : L) c += textOf(e).size();
    return c;
}
template <const auto& L>
consteval bool noShorterEntry(std::size_t letters) {
    for (const auto& e : L)
        if (textOf(e).size() < letters) return false;
    return true;
}
// The group of an entry's text grouped by its first `letters` letters.
constexpr std::size_t groupOf(std::string_view w, std::size_t letters) {
    return letters == 0 ? 0 : letters == 1 ? letterGroup(w[0]) : letterGroup(w[0]) * kLetterGroups + letterGroup(w[1]);
}
}  // namespace packed_detail

// Letters: see packByLetter, packByTwoLetters.
template <const auto& L, std::size_t Letters = 0>
consteval auto packWords() {
    using namespace packed_detail;
    using E = decltype(restOf(L[0]));
    constexpr std::size_t C = charsOf<L>(), N = std::size(L);
    static_assert(C <= 0xFFFF, "a packed table holds at most 64 KB of text");
    static_assert(noShorterEntry<L>(Letters), "every entry of a table grouped by letters has those letters");
    using P = PackedWords<E, C, N, Letters>;
    P p;
    // from[k]: the list's entry stored k-th: the list's order, or grouped by letters (stably: a counting
    // sort, so the 729 groups of two letters cost no pass over the list each at compile time).
    std::array<std::size_t, N> from{};
    std::array<std::size_t, P::kGroups + 1> start{};
    for (std::size_t j = 0; j < N; ++j) ++start[groupOf(textOf(L[j]), Letters) + 1];
    for (std::size_t g = 0; g < P::kGroups; ++g) start[g + 1] += start[g];
    if constexpr (Letters > 0)
        for (std::size_t g = 0; g <= P::kGroups; ++g) p.groups_[g] = static_cast<std::remove_cvref_t<decltype(p.groups_[g])>>(start[g]);
    for (std::size_t j = 0; j < N; ++j) from[start[groupOf(textOf(L[j]), Letters)]++] = j;
    std::size_t c = 0;
    for (std::size_t k = 0; k < N; ++k) {
        p.off_[k] = static_cast<std::uint16_t>(c);
        for (char ch : textOf(L[from[k]])) p.chars_[c++] = ch;
        if constexpr (!std::is_same_v<E, std::string_view>) p.rest_[k] = restOf(L[from[k]]);
    }
    p.off_[N] = static_cast<std::uint16_t>(c);
    return p;
}

// A table searched one first letter at a time: its entries stored grouped by first letter, table order
// kept within each letter, and startingWith(c) (see "First-letter groups"). Only for a table whose order
// across letters means nothing: a set of words, or entries only ever tried by a token's first letter.
template <const auto& L>
consteval auto packByLetter() {
    return packWords<L, 1>();
}
// The same grouped by the first two letters, with startingWith(c, d) (see "First-letter groups": only for
// a table where two entries that can match at one place share their first two letters).
template <const auto& L>
consteval auto packByTwoLetters() {
    return packWords<L, 2>();
}

}  // namespace finchat::pii_detail
