// Driving a real io_context from a test: until a condition holds, or for a fixed time.
#pragma once
#include <boost/asio/io_context.hpp>

#include <chrono>

namespace fake {

// Runs the loop until `done()` holds or `limit` passes; false on timeout.
template <class Pred>
bool runUntil(boost::asio::io_context& io, Pred done, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        if (io.stopped()) io.restart();
        io.run_one_for(std::chrono::milliseconds(10));
    }
    return true;
}

// Runs the loop for `d` whatever happens (to show that nothing more happens, or to let time pass).
inline void runFor(boost::asio::io_context& io, std::chrono::milliseconds d) {
    const auto deadline = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < deadline) {
        if (io.stopped()) io.restart();
        io.run_one_for(std::chrono::milliseconds(5));
    }
}

}  // namespace fake
