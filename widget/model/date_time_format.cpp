#include "date_time_format.h"

#include <cstdlib>

#include "finchat/util.h"

namespace finchat::widget {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// The calendar pieces of a UTC instant, read back from util's ISO formatter ("YYYY-MM-DDTHH:MM:...").
struct Civil {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0;
};
Civil civil(std::int64_t ms) {
    const std::string iso = formatIsoTime(ms);
    Civil c;
    const auto t = iso.find('T');
    if (t == std::string::npos || t < 6 || iso.size() < t + 6) return c;
    c.year = std::atoi(iso.substr(0, t - 6).c_str());
    c.month = std::atoi(iso.substr(t - 5, 2).c_str());
    c.day = std::atoi(iso.substr(t - 2, 2).c_str());
    c.hour = std::atoi(iso.substr(t + 1, 2).c_str());
    c.minute = std::atoi(iso.substr(t + 4, 2).c_str());
    return c;
}

std::string twoDigits(int v) { return v < 10 ? "0" + decimal(v) : decimal(v); }

}  // namespace

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::int64_t PatternDateTimeFormat::localDay(std::int64_t ms) const {
    return floorDiv(ms + static_cast<std::int64_t>(offsetMinutes_) * 60'000, kDayMs);
}

std::string PatternDateTimeFormat::time(std::int64_t ms) const {
    const Civil c = civil(ms + static_cast<std::int64_t>(offsetMinutes_) * 60'000);
    const std::string hours = twoDigits(c.hour), minutes = twoDigits(c.minute);
    const std::string hours12 = decimal(c.hour % 12 == 0 ? 12 : c.hour % 12);
    return strings_.format(key::kTimeFormat, {{"hours", hours},
                                              {"hours12", hours12},
                                              {"minutes", minutes},
                                              {"ampm", strings_.get(c.hour < 12 ? key::kTimeAm : key::kTimePm)}});
}

std::string PatternDateTimeFormat::date(std::int64_t day, bool withYear) const {
    const Civil c = civil(day * kDayMs);
    const int weekday = static_cast<int>(((day + 4) % 7 + 7) % 7);   // 1970-01-01 was a Thursday
    const std::string dayText = decimal(c.day), year = decimal(c.year);
    const std::string month(strings_.get(monthKey(c.month)));
    const std::string weekdayText(strings_.get(weekdayKey(weekday)));
    return strings_.format(withYear ? key::kDateOtherYear : key::kDateThisYear,
                           {{"weekday", weekdayText}, {"month", month}, {"day", dayText}, {"year", year}});
}

std::string dayLabel(const DateTimeFormat& format, std::int64_t day, std::int64_t today, const Strings& strings) {
    if (today >= 0 && day == today) return std::string(strings.get(key::kDateToday));
    if (today >= 0 && day == today - 1) return std::string(strings.get(key::kDateYesterday));
    const bool thisYear = today >= 0 && civil(today * kDayMs).year == civil(day * kDayMs).year;
    return format.date(day, !thisYear);
}

}  // namespace finchat::widget
