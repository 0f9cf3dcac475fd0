// widget/app/browser_date_time_format.h: the window's dates and times through the browser's
// Intl.DateTimeFormat (date_time_format.h), in the browser's time zone and the widget's locale.
//
// The shim formats (host.formatDate, widget/BRIDGE.md: the same Intl formatters give the mirror's
// <time> text); the local day comes from the browser's zone rules for each instant, so a separator
// follows daylight saving. Answers are cached by minute (times, local days) and by day (headings):
// a frame that draws a TimePicker asks again and again and never leaves wasm for it. A shim that
// cannot format (no host.formatDate) leaves the string table's patterns, at the UTC offset of the
// moment the formatter was made (local days still follow the zone).
#pragma once
#include <cstdint>
#include <string>
#include <map>

#include "model/date_time_format.h"

namespace finchat::widget {

class BrowserDateTimeFormat final : public DateTimeFormat {
public:
    BrowserDateTimeFormat(Strings strings, std::int64_t nowMs);
    std::int64_t localDay(std::int64_t ms) const override;
    std::string time(std::int64_t ms) const override;
    std::string date(std::int64_t day, bool withYear) const override;

private:
    template <class Map, class Make>
    static const typename Map::mapped_type& cached(Map& map, std::int64_t key, Make make);

    PatternDateTimeFormat fallback_;
    mutable std::map<std::int64_t, std::int64_t> days_;     // minute → local day
    mutable std::map<std::int64_t, std::string> times_;     // minute → "14:05"
    mutable std::map<std::int64_t, std::string> dates_;     // day * 2 + withYear → heading
};

}  // namespace finchat::widget
