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

template <class E, std::size_t C, std::size_t N, bool ByLetter>
class PackedWords {
    static constexpr bool kPlain = std::is_same_v<E, std::string_view>;
    struct NoRest {};
    using Rest = std::conditional_t<kPlain, NoRest, std::array<E, N>>;
    using Group = std::conditional_t<(N < 256), std::uint8_t, std::uint16_t>;
    using Groups = std::conditional_t<ByLetter, std::array<Group, kLetterGroups + 1>, NoRest>;

public:
    static constexpr std::size_t size() { return N; }
    FINCHAT_PII_INLINE constexpr std::string_view word(std::size_t k) const {
        return {chars_.data() + off_[k], static_cast<std::size_t>(off_[k + 1] - off_[k])};
    }
    FINCHAT_PII_INLINE constexpr operator WordList() const requires(kPlain && ByLetter && N < 256) {
        return {chars_.data(), off_.data(), groups_.data()};
    }
    // The entries whose first byte is c's (any case) can only be among these (see "First-letter groups").
    FINCHAT_PII_INLINE constexpr EntryRange startingWith(char c) const requires ByLetter {
        const std::size_t g = letterGroup(c);
        return {groups_[g], groups_[g + 1]};
    }
    FINCHAT_PII_INLINE constexpr auto operator[](std::size_t k) const {
        if constexpr (kPlain) return word(k);
        else return rest_[k].map([&](PackedSlot) __attribute__((always_inline)) { return word(k); });
    }
    FINCHAT_PII_INLINE constexpr IndexIterator<PackedWords> begin() const { return {this, 0}; }
    FINCHAT_PII_INLINE constexpr IndexIterator<PackedWords> end() const { return {this, N}; }

    template <const auto& L, bool G>
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
consteval bool noEmptyEntry() {
    for (const auto& e : L)
        if (textOf(e).empty()) return false;
    return true;
}
}  // namespace packed_detail

// ByLetter: see packByLetter.
template <const auto& L, bool ByLetter = false>
consteval auto packWords() {
    using namespace packed_detail;
    using E = decltype(restOf(L[0]));
    constexpr std::size_t C = charsOf<L>(), N = std::size(L);
    static_assert(C <= 0xFFFF, "a packed table holds at most 64 KB of text");
    static_assert(!ByLetter || noEmptyEntry<L>(), "every entry of a table grouped by letter has a first letter");
    PackedWords<E, C, N, ByLetter> p;
    // from[k]: the list's entry stored k-th: the list's order, or grouped by first letter (stably).
    std::array<std::size_t, N> from{};
    std::size_t k = 0;
    for (std::size_t g = 0; g < (ByLetter ? kLetterGroups : 1); ++g) {
        if constexpr (ByLetter) p.groups_[g] = static_cast<std::remove_cvref_t<decltype(p.groups_[g])>>(k);
        for (std::size_t j = 0; j < N; ++j)
            if (!ByLetter || letterGroup(textOf(L[j])[0]) == g) from[k++] = j;
    }
    if constexpr (ByLetter) p.groups_[kLetterGroups] = static_cast<std::remove_cvref_t<decltype(p.groups_[0])>>(k);
    std::size_t c = 0;
    for (k = 0; k < N; ++k) {
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
    return packWords<L, true>();
}

}  // namespace finchat::pii_detail
