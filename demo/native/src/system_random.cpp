#include "finchat_native/system_random.h"

#include <array>

namespace finchat_native {

// One 32-bit seed would leave only 2^32 possible token streams; fill more of the state.
static std::mt19937 seededEngine() {
    std::random_device device;
    std::array<std::uint32_t, 8> words{};
    for (auto& w : words) w = device();
    std::seed_seq seq(words.begin(), words.end());
    return std::mt19937(seq);
}

SystemRandom::SystemRandom() : engine_(seededEngine()) {}

}  // namespace finchat_native
