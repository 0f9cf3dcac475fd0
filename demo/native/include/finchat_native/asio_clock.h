// finchat_native/asio_clock.h: finchat::Clock over one Asio io_context.
//
// Wall time comes from system_clock (Connect timestamps are wall time); timers run on steady_timer
// so a wall-clock jump does not stretch or skip a heartbeat. Timer callbacks run from the
// io_context, never inside setTimer().
#pragma once
#include <cstddef>
#include <memory>

#include "finchat/platform.h"

namespace boost::asio { class io_context; }

namespace finchat_native {

namespace detail { struct ClockState; }

class AsioClock final : public finchat::Clock {
public:
    explicit AsioClock(boost::asio::io_context& io);
    ~AsioClock() override;   // pending timers are dropped without running
    AsioClock(const AsioClock&) = delete;
    AsioClock& operator=(const AsioClock&) = delete;

    std::int64_t nowMs() const override;
    TimerId setTimer(std::int64_t delayMs, std::function<void()> fn) override;
    void cancelTimer(TimerId id) override;

    std::size_t pendingTimers() const;

private:
    std::shared_ptr<detail::ClockState> state_;
};

}  // namespace finchat_native
