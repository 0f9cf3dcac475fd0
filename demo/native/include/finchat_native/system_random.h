// finchat_native/system_random.h: finchat::Random from std::random_device.
//
// The core only needs jitter and UUIDv4 ClientTokens, whose job is uniqueness, not secrecy, so a
// Mersenne Twister seeded once from the OS is enough. A fixed seed makes load tests repeatable.
#pragma once
#include <cstdint>
#include <random>

#include "finchat/platform.h"

namespace finchat_native {

class SystemRandom final : public finchat::Random {
public:
    SystemRandom();
    explicit SystemRandom(std::uint32_t seed) : engine_(seed) {}
    std::uint32_t next() override { return static_cast<std::uint32_t>(engine_()); }

private:
    std::mt19937 engine_;
};

}  // namespace finchat_native
