#include "browser_date_time_format.h"

#include "host.h"

namespace finchat::widget {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::size_t kMaxCached = 8192;   // a long chat's distinct minutes; then start again

// The shim's text for `what` (host.h fc_js_format_date); false when it cannot format.
bool shimText(int what, double value, std::string& out) {
    char buf[128];
    const int n = fc_js_format_date(what, value, buf, static_cast<int>(sizeof buf));
    if (n <= 0) return false;
    out.assign(buf, static_cast<std::size_t>(n));
    return true;
}

}  // namespace

BrowserDateTimeFormat::BrowserDateTimeFormat(Strings strings, std::int64_t nowMs)
    : fallback_(std::move(strings), fc_js_timezone_offset(static_cast<double>(nowMs))) {}

template <class Map, class Make>
const typename Map::mapped_type& BrowserDateTimeFormat::cached(Map& map, std::int64_t key, Make make) {
    if (auto it = map.find(key); it != map.end()) return it->second;
    if (map.size() >= kMaxCached) map.clear();
    return map.emplace(key, make()).first->second;
}

std::int64_t BrowserDateTimeFormat::localDay(std::int64_t ms) const {
    const std::int64_t minute = floorDiv(ms, kMinuteMs);
    return cached(days_, minute, [&] { return static_cast<std::int64_t>(fc_js_local_day(static_cast<double>(minute * kMinuteMs))); });
}

std::string BrowserDateTimeFormat::time(std::int64_t ms) const {
    const std::int64_t minute = floorDiv(ms, kMinuteMs);
    return cached(times_, minute, [&] {
        std::string text;
        return shimText(0, static_cast<double>(minute * kMinuteMs), text) ? text : fallback_.time(ms);
    });
}

std::string BrowserDateTimeFormat::date(std::int64_t day, bool withYear) const {
    return cached(dates_, day * 2 + (withYear ? 1 : 0), [&] {
        std::string text;
        return shimText(withYear ? 2 : 1, static_cast<double>(day), text) ? text : fallback_.date(day, withYear);
    });
}

}  // namespace finchat::widget
