// The PII detector's name table: the Bloom filter isKnownName() answers from, compiled in or loaded
// at run time (pii.h loadPiiNameTable). The hashing matches core/names/gen_name_table.py.
#include <cstring>
#include <string_view>

#include "finchat/pii.h"
#include "pii_scan.h"

namespace finchat {
namespace pii_detail {
namespace {

constexpr std::uint32_t kBits = kNameTableBytes * 8, kProbes = 4;
constexpr std::string_view kMagic = "FCNAMES1";

std::uint8_t loadedTable[kNameTableBytes];   // zero-initialised: no bytes in the wasm file

const std::uint8_t*& table() {
    static const std::uint8_t* current = compiledNameTable();
    return current;
}

std::uint32_t fnv1a(std::string_view w, std::uint32_t h) {
    for (char c : w) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

}  // namespace

bool isKnownName(std::string_view lowerWord) {
    const std::uint8_t* filter = table();
    if (!filter || lowerWord.size() < 2) return false;
    const std::uint32_t h1 = fnv1a(lowerWord, 2166136261u), h2 = fnv1a(lowerWord, 0x811C9DC6u ^ 0x5BD1E995u) | 1u;
    for (std::uint32_t i = 0; i < kProbes; ++i) {
        const std::uint32_t k = (h1 + i * h2) & (kBits - 1);
        if (!(filter[k >> 3] & (1u << (k & 7)))) return false;
    }
    return true;
}

}  // namespace pii_detail

bool loadPiiNameTable(std::string_view bytes) {
    using namespace pii_detail;
    if (bytes.size() != kMagic.size() + kNameTableBytes || bytes.substr(0, kMagic.size()) != kMagic) return false;
    std::memcpy(loadedTable, bytes.data() + kMagic.size(), kNameTableBytes);
    table() = loadedTable;
    return true;
}

bool piiNameTableLoaded() { return pii_detail::table() != nullptr; }

}  // namespace finchat
