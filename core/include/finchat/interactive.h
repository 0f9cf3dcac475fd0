// finchat/interactive.h: Amazon Connect's interactive messages as typed templates, and the replies
// the customer sends to them (reference connect-chat-protocol.md §7, connect-bots-flows-templates.md §3).
//
// Bots send `application/vnd.amazonaws.connect.message.interactive` content:
//   {"templateType": "ListPicker|Panel|TimePicker|QuickReply|Carousel", "version": "1.0",
//    "data": {"replyMessage": {...}, "content": {...}}}
// parseTemplateMessage() reads the bot's JSON (the wire model, `TemplateMessage`: it came from Connect
// and may contain `$API:` placeholders, filled in by finchat/template_data.h's TemplateResolver). buildTemplate() turns it, together
// with the values a TemplateResolver got from the partner's data provider, into an
// `InteractiveTemplate`: what the views draw and what replies are made from.
//
// Rules taken from the official widget (amazon-connect-chat-interface@40df506, src/utils/helper.js
// INTERACTIVE_MESSAGE_CONSTRAINTS, src/components/Chat/ChatTranscriptor/ChatMessages/InteractiveMessages/*):
//   - display strings are truncated: titles, subtitles and element titles to 400 characters, QuickReply
//     options to 200, with "…" appended (the official widget appends "..."; replies always use the
//     untruncated title, as the official widget does, except a Carousel's listTitle, below);
//   - element counts: ListPicker 1-6, Panel 1-10, TimePicker 1-40 slots, QuickReply 2-5, Carousel 1-5
//     cards (each a ListPicker or Panel with `templateIdentifier`); more are cut to the limit, fewer
//     is an error;
//   - an element `{"type":"hyperlink","url":...}` is a link and sends nothing; its URL must pass the
//     core's link allow-list (finchat/markdown.h linkAllowed), otherwise the element is inert text;
//   - images: imageType "URL" (or absent) with an allow-listed https: imageData; imageDescription is
//     the alt text; any other image is dropped (the text stays);
//   - ViewResource (needs DescribeView, not supported) and unknown template types are errors.
// Everything malformed is an Error (no exceptions); views show finchat/template_text.h's readable
// fallback for it.
//
// Data-bound elements (any of whose fields came from a data provider) reply with their opaque `id`
// only, as text/plain: for them the reply is built from the id and nothing else (system.md §4).
// InteractiveTemplate deliberately has no encoder (no toJson, no snapshot): it may hold what a
// partner's data provider returned, which never leaves the browser. What leaves is a TemplateReply,
// built in one place (buildTemplate) from bot-supplied fields or an id.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finchat/json.h"
#include "finchat/result.h"

namespace finchat {

enum class TemplateType { ListPicker, Panel, TimePicker, QuickReply, Carousel };
const char* toString(TemplateType type);

inline constexpr std::string_view kInteractiveContentType = "application/vnd.amazonaws.connect.message.interactive";
inline constexpr std::string_view kInteractiveResponseContentType =
    "application/vnd.amazonaws.connect.message.interactive.response";

// The official widget's limits (see above).
struct TemplateLimits {
    static constexpr std::size_t kTextChars = 400;         // title, subtitle, element title/subtitle
    static constexpr std::size_t kQuickReplyOptionChars = 200;
    static constexpr std::size_t kListPickerElements = 6;
    static constexpr std::size_t kPanelElements = 10;
    static constexpr std::size_t kTimeSlots = 40;
    static constexpr std::size_t kQuickReplyMin = 2;
    static constexpr std::size_t kQuickReplyElements = 5;
    static constexpr std::size_t kCarouselCards = 5;
};

// What the customer's choice sends (SendMessage's ContentType and Content), byte for byte.
struct TemplateReply {
    std::string contentType;          // "text/plain" or kInteractiveResponseContentType
    std::string content;
    bool shownInTranscript = true;    // false for SHOW_MORE / PREVIOUS_OPTIONS: the next list replaces this one
    bool dataBound = false;           // content is an opaque id: the customer's bubble reads the title
                                      // from PickedTitles (template_data.h), never from the wire
    bool operator==(const TemplateReply&) const = default;
};

struct TemplateImage {
    std::string url;                  // allow-listed https: URL; empty: no image
    std::string altText;              // imageDescription (truncated); may be empty
    bool operator==(const TemplateImage&) const = default;
};

enum class ElementKind {
    Option,            // a choice: `reply` is set
    ShowMore,          // actionDetail SHOW_MORE: asks the bot for the next page (`reply` is set)
    PreviousOptions,   // actionDetail PREVIOUS_OPTIONS
    Hyperlink,         // opens `url`; sends nothing
    Inert,             // a hyperlink whose URL the allow-list refused: shown as text, does nothing
};

struct TemplateElement {
    ElementKind kind = ElementKind::Option;
    std::string title;                // display text (markdown allowed), truncated
    std::string subtitle;
    TemplateImage image;
    std::string url;                  // Hyperlink only
    std::string id;                   // data-bound elements: the opaque id (the reply)
    bool dataBound = false;
    std::optional<TemplateReply> reply;   // what choosing it sends (Option, ShowMore, PreviousOptions)
};

struct TimeSlot {
    std::int64_t startMs = 0;         // the instant shown (after the official widget's timeZoneOffset shift)
    int durationMinutes = 0;
    bool dataBound = false;
    TemplateReply reply;
};

// Coordinates as the JSON numbers were written (e.g. "47.6"): converting them would link strtod and
// soft-float long double into the wasm (json.h), and nothing here computes with them.
struct TemplateLocation {
    std::string latitude, longitude;
    std::string title;
    std::string radius;               // empty when absent
};

struct ReplyMessage {                 // data.replyMessage (shown once answered, e.g. Apple Messages)
    std::string title, subtitle;
    TemplateImage image;
};

struct InteractiveTemplate {
    TemplateType type = TemplateType::ListPicker;
    std::string templateIdentifier;   // a Carousel card's id (the Carousel reply names it)
    std::string title;                // truncated; markdown allowed
    std::string subtitle;
    TemplateImage image;
    std::vector<TemplateElement> elements;     // ListPicker, Panel, QuickReply
    std::vector<TimeSlot> slots;               // TimePicker, sorted by time
    int timeZoneOffsetMinutes = 0;             // TimePicker
    std::optional<TemplateLocation> location;  // TimePicker
    std::vector<InteractiveTemplate> cards;    // Carousel: ListPicker/Panel cards
    std::optional<ReplyMessage> replyMessage;
    bool truncated = false;                    // some text or list was cut to the official limits
    bool dataBound = false;                    // some field came from a data provider
};

// ---- The wire model: the bot's message, placeholders unresolved ----------------------------------

// `$API:Name(arg=value,...)`: the partner's data provider fills it in (finchat/template_data.h).
struct Placeholder {
    std::string name;                                          // the data provider function
    std::vector<std::pair<std::string, std::string>> args;     // in order written; values may be "{id}"
    bool operator==(const Placeholder&) const = default;
};

// Parses one placeholder, the whole of a string field:
//   $API:Name             $API:Name()             $API:Name(arg=value,arg2={id})
// Name and argument names: a letter, then letters, digits, '_'. Values: letters, digits and _ - . : ~
// (opaque tokens, no prose), or exactly `{id}`: the opaque id of the item the customer picked last
// (filled in locally by the TemplateResolver). No spaces, no nesting, no duplicate arguments.
// Whether a provider of that name exists is the DataProvider's answer (TemplateResolver).
Result<Placeholder> parsePlaceholder(std::string_view text);

struct PlaceholderUse {
    std::string path;                 // where: "content.elements", "content.cards[1].title"...
    Placeholder placeholder;
    bool wholeList = false;           // the value replaces an `elements` array
};

struct TemplateMessage {
    TemplateType type = TemplateType::ListPicker;
    Json root;                        // the bot's JSON as received (it came over the wire)
    std::vector<PlaceholderUse> placeholders;   // in document order
};

// Reads and checks a template message: JSON, templateType, required fields and placeholder syntax.
// Values of placeholders are checked later (buildTemplate with the provider's answers).
Result<TemplateMessage> parseTemplateMessage(std::string_view json);

// The value of each placeholder use (same order as TemplateMessage::placeholders): a JSON string for
// a string field, an array of element objects for a whole list. Filled by TemplateResolver; kept out
// of public structs so provider data only ever lands in an InteractiveTemplate.
class PlaceholderValues {
public:
    virtual ~PlaceholderValues() = default;
    virtual const Json* valueOf(std::size_t use) const = 0;
};

// The typed template: limits and truncation applied, values of placeholders checked and filled in,
// replies made. `values` may be null when the message has no placeholders.
Result<InteractiveTemplate> buildTemplate(const TemplateMessage& message, const PlaceholderValues* values);

// SHOW_MORE / PREVIOUS_OPTIONS replies ask the bot for another page of the same list: like the official
// widget, no window shows them as the customer's message (they are not in an escalation transcript
// either). True for such an item's content type and content.
bool templateReplyHidden(std::string_view contentType, std::string_view content);

// What a window shows for a template reply whose wire content is not the chosen option's text: a
// Carousel card's reply is text/plain `{"templateIdentifier","listTitle","selectionText"}` (JSON, as the
// official widget sends it); the bubble reads the option chosen, its selectionText. nullopt for anything
// else (the content is shown as written). Data-bound replies (opaque ids) are PickedTitles' business.
std::optional<std::string> templateReplyText(std::string_view contentType, std::string_view content);

// A TimePicker reply is text/plain with the chosen slot's date as ISO-8601 text (the template's own
// `date`, or "…+00:00" when the template has a timeZoneOffset), exactly as the official widget sends
// it: the bot reads that. The customer's bubble reads the time instead, formatted by the view like
// the slot it came from. The instant, or nullopt for anything else (own words stay as typed).
std::optional<std::int64_t> templateReplyTime(std::string_view contentType, std::string_view content);

// Truncation as the official widget's truncateStrFromCharLimit: the first `maxChars` code points, then
// "…" (UTF-8 safe). Returns the text unchanged when it fits.
std::string truncateText(std::string_view text, std::size_t maxChars, bool* truncated = nullptr);

}  // namespace finchat
