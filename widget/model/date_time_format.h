// date_time_format.h: how the window writes instants, in the customer's time zone and locale.
//
// Three things the window shows are made of a time: a message's time of day ("14:05", "2:05 PM"), the
// heading of a day ("Mon, May 5", "Mo., 5. Mai") and, to put date separators and TimePicker days in
// the right place, the local calendar day an instant falls on. All three follow the customer's time
// zone with the offset of that instant (daylight saving included, not today's offset) and the
// locale's conventions. ChatViewModel and TemplateViews ask a DateTimeFormat for each; the words
// "Today" and "Yesterday" stay the string table's (dayLabel()).
//
// Implementations: PatternDateTimeFormat (below) fills the string table's patterns (time.format,
// date.thisYear, month.N...) at a fixed UTC offset: natively (tests) and in a browser whose shim
// cannot format. In the browser, BrowserDateTimeFormat (widget/app) asks Intl.DateTimeFormat through
// the shim (host.formatDate, widget/BRIDGE.md) in the browser's time zone, with caches.
//
// Contract: calls are synchronous, on the thread that drives the widget, from inside model updates and
// frames (a TimePicker asks every frame: answer from a cache). An implementation never calls back into
// the model or the window, and its answers are a function of the arguments alone for the object's
// whole life (rows keep the labels they were given): another zone or locale is another object, set
// with ChatViewModel::setDateTimeFormat (which relabels every row). Ownership is shared
// (std::shared_ptr): the model keeps its formatter alive; TemplateViews borrows the model's for a frame.
#pragma once
#include <cstdint>
#include <string>

#include "strings.h"

namespace finchat::widget {

class DateTimeFormat {
public:
    virtual ~DateTimeFormat() = default;
    // The local calendar day of instant `ms` (ms since the Unix epoch), as days since 1970-01-01:
    // two instants share a date separator when this is equal.
    virtual std::int64_t localDay(std::int64_t ms) const = 0;
    // The local time of day of instant `ms`: "14:05", "2:05 PM".
    virtual std::string time(std::int64_t ms) const = 0;
    // The heading of local day `day` (days since 1970-01-01): weekday, month and day ("Mon, May 5"),
    // or with `withYear` month, day and year ("May 5, 2024").
    virtual std::string date(std::int64_t day, bool withYear) const = 0;
};

// The string table's patterns at a fixed offset (minutes east of UTC). Keeps its own copy of the table.
class PatternDateTimeFormat final : public DateTimeFormat {
public:
    explicit PatternDateTimeFormat(Strings strings, int utcOffsetMinutes = 0)
        : strings_(std::move(strings)), offsetMinutes_(utcOffsetMinutes) {}
    std::int64_t localDay(std::int64_t ms) const override;
    std::string time(std::int64_t ms) const override;
    std::string date(std::int64_t day, bool withYear) const override;

private:
    Strings strings_;
    int offsetMinutes_;
};

// A date separator's text: "Today", "Yesterday" (the string table's), else `format.date()`, with the
// year unless it is today's year. `today` < 0 (no clock): always the full date.
std::string dayLabel(const DateTimeFormat& format, std::int64_t day, std::int64_t today, const Strings& strings);

// a / b rounded towards minus infinity (instants before 1970 fall on the right minute and day).
std::int64_t floorDiv(std::int64_t a, std::int64_t b);

}  // namespace finchat::widget
