#include "finchat_native/asio_clock.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace asio = boost::asio;

namespace finchat_native {

namespace detail {
struct ClockState {
    struct Entry {
        std::unique_ptr<asio::steady_timer> timer;
        std::function<void()> fn;
    };
    explicit ClockState(asio::io_context& io) : io(io) {}
    asio::io_context& io;
    finchat::Clock::TimerId nextId = 1;
    std::unordered_map<finchat::Clock::TimerId, Entry> timers;
};
}  // namespace detail

AsioClock::AsioClock(asio::io_context& io) : state_(std::make_shared<detail::ClockState>(io)) {}

AsioClock::~AsioClock() {
    // Destroying the steady_timers aborts their waits; the handlers find the state gone.
    state_->timers.clear();
}

std::int64_t AsioClock::nowMs() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

finchat::Clock::TimerId AsioClock::setTimer(std::int64_t delayMs, std::function<void()> fn) {
    const TimerId id = state_->nextId++;
    auto timer = std::make_unique<asio::steady_timer>(state_->io, std::chrono::milliseconds(std::max<std::int64_t>(0, delayMs)));
    // The map, not the error code, decides whether to run: a wait that already completed but
    // whose handler is still queued must not run after cancelTimer().
    timer->async_wait([weak = std::weak_ptr<detail::ClockState>(state_), id](const boost::system::error_code&) {
        const auto state = weak.lock();
        if (!state) return;
        const auto it = state->timers.find(id);
        if (it == state->timers.end()) return;
        auto fn = std::move(it->second.fn);
        state->timers.erase(it);   // fn may set new timers or cancel others: no iterator survives
        if (fn) fn();
    });
    state_->timers.emplace(id, detail::ClockState::Entry{std::move(timer), std::move(fn)});
    return id;
}

void AsioClock::cancelTimer(TimerId id) {
    state_->timers.erase(id);
}

std::size_t AsioClock::pendingTimers() const {
    return state_->timers.size();
}

}  // namespace finchat_native
