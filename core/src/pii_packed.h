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

// Range-for over a table with size() and operator[] (entries by value).
template <class T>
struct IndexIterator {
    const T* t;
    std::size_t k;
    FINCHAT_PII_INLINE constexpr auto operator*() const { return (*t)[k]; }
    FINCHAT_PII_INLINE constexpr IndexIterator& operator++() { ++k; return *this; }
    FINCHAT_PII_INLINE constexpr bool operator==(const IndexIterator& o) const { return k == o.k; }
};

// Any packed word list, its size erased (one function takes them all: no copy per table).
class WordList {
public:
    FINCHAT_PII_INLINE constexpr WordList(const char* chars, const std::uint16_t* off, std::size_t n) : chars_(chars), off_(off), n_(n) {}
    FINCHAT_PII_INLINE constexpr std::size_t size() const { return n_; }
    FINCHAT_PII_INLINE constexpr std::string_view operator[](std::size_t k) const {
        return {chars_ + off_[k], static_cast<std::size_t>(off_[k + 1] - off_[k])};
    }
    // Entry k's length and first byte without building its string_view (the hot table walks test these).
    FINCHAT_PII_INLINE constexpr std::size_t length(std::size_t k) const { return static_cast<std::size_t>(off_[k + 1] - off_[k]); }
    FINCHAT_PII_INLINE constexpr char first(std::size_t k) const { return chars_[off_[k]]; }
    FINCHAT_PII_INLINE constexpr IndexIterator<WordList> begin() const { return {this, 0}; }
    FINCHAT_PII_INLINE constexpr IndexIterator<WordList> end() const { return {this, n_}; }

private:
    const char* chars_;
    const std::uint16_t* off_;
    std::size_t n_;
};

template <class E, std::size_t C, std::size_t N>
class PackedWords {
    static constexpr bool kPlain = std::is_same_v<E, std::string_view>;
    struct NoRest {};
    using Rest = std::conditional_t<kPlain, NoRest, std::array<E, N>>;

public:
    static constexpr std::size_t size() { return N; }
    FINCHAT_PII_INLINE constexpr std::string_view word(std::size_t k) const { return words()[k]; }
    FINCHAT_PII_INLINE constexpr WordList words() const { return {chars_.data(), off_.data(), N}; }
    FINCHAT_PII_INLINE constexpr operator WordList() const requires kPlain { return words(); }
    FINCHAT_PII_INLINE constexpr auto operator[](std::size_t k) const {
        if constexpr (kPlain) return word(k);
        else return rest_[k].map([&](PackedSlot) __attribute__((always_inline)) { return word(k); });
    }
    FINCHAT_PII_INLINE constexpr IndexIterator<PackedWords> begin() const { return {this, 0}; }
    FINCHAT_PII_INLINE constexpr IndexIterator<PackedWords> end() const { return {this, N}; }

    template <const auto& L>
    friend consteval auto packWords();

private:
    std::array<char, C == 0 ? 1 : C> chars_{};
    std::array<std::uint16_t, N + 1> off_{};
    [[no_unique_address]] Rest rest_{};
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
}  // namespace packed_detail

template <const auto& L>
consteval auto packWords() {
    using namespace packed_detail;
    using E = decltype(restOf(L[0]));
    constexpr std::size_t C = charsOf<L>(), N = std::size(L);
    static_assert(C <= 0xFFFF, "a packed table holds at most 64 KB of text");
    PackedWords<E, C, N> p;
    std::size_t c = 0;
    for (std::size_t k = 0; k < N; ++k) {
        p.off_[k] = static_cast<std::uint16_t>(c);
        for (char ch : textOf(L[k])) p.chars_[c++] = ch;
        if constexpr (!std::is_same_v<E, std::string_view>) p.rest_[k] = restOf(L[k]);
    }
    p.off_[N] = static_cast<std::uint16_t>(c);
    return p;
}

}  // namespace finchat::pii_detail
