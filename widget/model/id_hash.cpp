#include "model/id_hash.h"

namespace finchat::widget {
namespace {

constexpr std::uint32_t kFnvPrime = 16777619u;
std::uint32_t fnvStart(std::uint32_t seed) { return seed ^ 2166136261u; }

}  // namespace

std::uint32_t idHashData(const void* data, std::size_t size, std::uint32_t seed) {
    std::uint32_t h = fnvStart(seed);
    for (const unsigned char* p = static_cast<const unsigned char*>(data); size--; ++p) h = (h ^ *p) * kFnvPrime;
    return h;
}

std::uint32_t idHashText(const char* text, std::size_t size, std::uint32_t seed) {
    const std::uint32_t start = fnvStart(seed);
    std::uint32_t h = start;
    const char* end = size ? text + size : nullptr;
    for (const char* p = text; end ? p < end : *p != 0; ++p) {
        const bool threeLeft = !end || end - p >= 3;   // NUL-terminated: p[2] is only read after p[1] == '#'
        if (*p == '#' && threeLeft && p[1] == '#' && p[2] == '#') h = start;
        h = (h ^ static_cast<unsigned char>(*p)) * kFnvPrime;
    }
    return h;
}

}  // namespace finchat::widget
