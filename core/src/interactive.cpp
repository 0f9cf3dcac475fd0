#include "finchat/interactive.h"

#include <algorithm>
#include <tuple>

#include "finchat/markdown.h"
#include "finchat/util.h"

namespace finchat {

namespace {

constexpr std::string_view kApi = "$API:";
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";   // "…"
constexpr std::size_t kMaxIdBytes = 128;
constexpr std::size_t kMaxProviderItems = 200;           // more is not a list a customer picks from
constexpr std::size_t kMaxNameBytes = 64;

Error failure(ErrorCode code, std::string detail) { return Error{code, std::move(detail), 0, {}}; }

bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isIdentChar(char c) { return isIdentStart(c) || (c >= '0' && c <= '9') || c == '_'; }
// Opaque ids and placeholder argument values: letters, digits and a few separators, nothing that
// could carry prose or markup.
bool isTokenChar(char c) { return isIdentChar(c) || c == '-' || c == '.' || c == ':' || c == '~'; }

// Images load from allow-listed https: URLs only (not mailto:/tel:, which linkAllowed also accepts).
bool isHttpsLink(std::string_view url) {
    if (url.size() < 8 || !linkAllowed(url)) return false;
    std::string scheme(url.substr(0, 8));
    for (char& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return scheme == "https://";
}

std::optional<TemplateType> typeNamed(std::string_view name) {
    for (TemplateType t : {TemplateType::ListPicker, TemplateType::Panel, TemplateType::TimePicker,
                           TemplateType::QuickReply, TemplateType::Carousel})
        if (name == toString(t)) return t;
    return std::nullopt;
}

// JSON.stringify of a value the bot sent (SHOW_MORE's preIndex, nextIndex...): numbers as written when
// integers, strings quoted as JSON.stringify does (our writer escapes the same characters).
void appendJsValue(std::string& out, const Json& v) { v.dumpTo(out); }

void appendMember(std::string& out, std::string_view key, bool& first) {
    if (!first) out += ',';
    first = false;
    appendJsonString(out, key);
    out += ':';
}

// The official widget's listTitle for a Carousel reply: truncateStrFromCharLimit(title, CAROUSEL) =
// DOMPurify.sanitize(title) (for text without tags: &, <, > and U+00A0 as HTML entities), then the
// first 400 UTF-16 code units and "...". Markup tags in a Carousel title are not reproduced.
std::string officialListTitle(std::string_view title) {
    std::string escaped;
    for (std::size_t i = 0; i < title.size();) {
        const std::size_t start = i;
        const std::int32_t cp = nextCodePoint(title, i);
        if (cp == '&') escaped += "&amp;";
        else if (cp == '<') escaped += "&lt;";
        else if (cp == '>') escaped += "&gt;";
        else if (cp == 0xA0) escaped += "&nbsp;";
        else escaped.append(title, start, i - start);
    }
    std::size_t units = 0, end = 0;
    for (std::size_t i = 0; i < escaped.size();) {
        const std::int32_t cp = nextCodePoint(escaped, i);
        units += cp > 0xFFFF ? 2 : 1;
        if (units > TemplateLimits::kTextChars) return escaped.substr(0, end) + "...";
        end = i;
    }
    return escaped;
}

std::string carouselReply(const std::string& templateIdentifier, bool hasIdentifier, std::string_view listTitle,
                          std::string_view selection) {
    // createInteractiveMessagePayload: JSON.stringify({templateIdentifier, listTitle, selectionText});
    // an undefined templateIdentifier is left out.
    std::string out = "{";
    bool first = true;
    if (hasIdentifier) {
        appendMember(out, "templateIdentifier", first);
        appendJsonString(out, templateIdentifier);
    }
    appendMember(out, "listTitle", first);
    appendJsonString(out, officialListTitle(listTitle));
    appendMember(out, "selectionText", first);
    appendJsonString(out, selection);
    return out + "}";
}

// createInteractiveMessagePayload for actionDetail SHOW_MORE / PREVIOUS_OPTIONS:
// JSON.stringify({version, data: {actionName, preIndex, nextIndex, listId, templateType, referenceId},
// action}) in that key order; members whose value is undefined are left out.
std::string pagingReply(std::string_view action, const Json& content, TemplateType type) {
    std::string out = "{\"version\":\"1.0\",\"data\":{";
    bool first = true;
    appendMember(out, "actionName", first);
    appendJsonString(out, action);
    for (const char* key : {"preIndex", "nextIndex", "listId"}) {
        if (const Json* v = content.find(key)) {
            appendMember(out, key, first);
            appendJsValue(out, *v);
        }
    }
    appendMember(out, "templateType", first);
    appendJsonString(out, toString(type));
    if (const Json* v = content.find("referenceId")) {
        appendMember(out, "referenceId", first);
        appendJsValue(out, *v);
    }
    out += "},\"action\":";
    appendJsonString(out, action);
    return out + "}";
}

TemplateReply textReply(std::string text, bool dataBound = false) {
    return TemplateReply{"text/plain", std::move(text), true, dataBound};
}

// The slot's `date` as the official widget sends it (TimePicker.js applyTimeZoneOffset): unchanged
// without an offset; otherwise new Date(ms + offset·60000).toISOString().slice(0, -2) + "+00:00",
// i.e. "2025-05-02T01:30:00.00+00:00".
std::string slotReplyText(const std::string& date, std::int64_t ms, int offsetMinutes) {
    if (offsetMinutes == 0) return date;
    const std::string iso = formatIsoTime(ms + std::int64_t{offsetMinutes} * 60000);   // ...SS.mmmZ
    return iso.substr(0, iso.size() - 2) + "+00:00";
}

// Where a string comes from decides what it may be used for.
enum class Field {
    Display,   // shown only: a placeholder may fill it
    Wire,      // sent back (or decides what is sent): literal only
};

// One walk over a template, used twice: by parseTemplateMessage (collect: placeholders are recorded
// and their fields count as present) and by buildTemplate (values are looked up and checked). Both
// walks meet the placeholders in the same order, which is how a use's index finds its value.
class Reader {
public:
    Reader(const PlaceholderValues* values, std::vector<PlaceholderUse>* collect)
        : values_(values), collect_(collect) {}

    std::optional<Error> error;

    InteractiveTemplate read(const Json& root, TemplateType type) {
        InteractiveTemplate t;
        const Json* data = root.find("data");
        const Json* content = data ? data->find("content") : nullptr;
        if (!content || !content->isObject()) {
            fail(ErrorCode::MissingField, "data.content");
            return t;
        }
        t.type = type;
        readContent(t, *content, "content", {});
        if (const Json* reply = data->find("replyMessage")) readReplyMessage(t, *reply);
        return t;
    }

private:
    struct Card {
        bool inCarousel = false;
        bool titleFromProvider = false;
        bool hasIdentifier = false;
        std::string identifier;
        std::string rawTitle;
    };

    bool failed() const { return error.has_value(); }
    void fail(ErrorCode code, std::string detail) {
        if (!error) error = failure(code, std::move(detail));
    }
    // `path` and a literal: the message is built here, once, not at each of ~20 call sites.
    void fail(ErrorCode code, const std::string& path, const char* what) {
        if (!error) error = failure(code, path + what);
    }

    // A placeholder at `path`: recorded (collect) or looked up (build). Returns its value, or null
    // while collecting.
    const Json* placeholder(std::string_view text, const std::string& path, bool wholeList) {
        Result<Placeholder> p = parsePlaceholder(text);
        if (!p) {
            fail(p.error().code, path + ": " + p.error().detail);
            return nullptr;
        }
        const std::size_t use = uses_++;
        if (collect_) collect_->push_back(PlaceholderUse{path, std::move(*p), wholeList});
        if (!values_) return nullptr;
        const Json* v = values_->valueOf(use);
        if (!v) fail(ErrorCode::MissingField, path + ": no value for $API:" + p->name);
        return v;
    }

    // A string member. `fromProvider`: the value came from a data provider (or, while collecting,
    // will). `required`: absence is an error. Returns nullopt when absent or on error.
    std::optional<std::string> str(const Json& obj, const char* key, const std::string& path, Field field,
                                   bool required, bool& fromProvider, bool providerData = false) {
        const Json* v = obj.find(key);
        const std::string where = path + "." + key;
        if (!v) {
            if (required) fail(ErrorCode::MissingField, where);
            return std::nullopt;
        }
        if (!v->isString()) {
            fail(ErrorCode::WrongType, where, ": expected a string");
            return std::nullopt;
        }
        const std::string& s = v->asString();
        const auto api = s.find(kApi);
        if (api == std::string::npos) return s;
        if (providerData) {
            fail(ErrorCode::InvalidValue, where, ": a data provider's value may not contain a placeholder");
            return std::nullopt;
        }
        if (api != 0) {
            fail(ErrorCode::InvalidValue, where, ": a placeholder must be the whole field");
            return std::nullopt;
        }
        if (field == Field::Wire) {
            fail(ErrorCode::InvalidValue, where, ": no placeholder here (this field is sent back)");
            return std::nullopt;
        }
        const Json* value = placeholder(s, where, false);
        fromProvider = true;
        if (!value) return failed() ? std::nullopt : std::optional<std::string>(std::string());
        if (!value->isString()) {
            fail(ErrorCode::WrongType, where, ": the data provider's value is not a string");
            return std::nullopt;
        }
        if (value->asString().find(kApi) != std::string::npos) {
            fail(ErrorCode::InvalidValue, where, ": a data provider's value may not contain a placeholder");
            return std::nullopt;
        }
        return value->asString();
    }

    std::string shown(const std::optional<std::string>& s, std::size_t limit, InteractiveTemplate& t) {
        bool cut = false;
        std::string out = s ? truncateText(*s, limit, &cut) : std::string();
        t.truncated |= cut;
        return out;
    }

    void readImage(const Json& obj, const std::string& path, TemplateImage& image, bool& fromProvider,
                   InteractiveTemplate& t, bool providerData = false) {
        bool ignored = false;
        const auto type = str(obj, "imageType", path, Field::Wire, false, ignored, providerData);
        const auto data = str(obj, "imageData", path, Field::Display, false, fromProvider, providerData);
        const auto alt = str(obj, "imageDescription", path, Field::Display, false, fromProvider, providerData);
        if (failed() || !data || (type && *type != "URL") || !isHttpsLink(*data)) return;
        image.url = *data;
        image.altText = shown(alt, TemplateLimits::kTextChars, t);
    }

    void readReplyMessage(InteractiveTemplate& t, const Json& reply) {
        if (!reply.isObject()) return fail(ErrorCode::WrongType, "replyMessage: expected an object");
        ReplyMessage m;
        bool bound = false;
        m.title = shown(str(reply, "title", "replyMessage", Field::Display, true, bound), TemplateLimits::kTextChars, t);
        m.subtitle = shown(str(reply, "subtitle", "replyMessage", Field::Display, false, bound), TemplateLimits::kTextChars, t);
        readImage(reply, "replyMessage", m.image, bound, t);
        t.dataBound |= bound;
        if (!failed()) t.replyMessage = std::move(m);
    }

    static std::size_t maxElements(TemplateType type) {
        switch (type) {
            case TemplateType::ListPicker: return TemplateLimits::kListPickerElements;
            case TemplateType::Panel: return TemplateLimits::kPanelElements;
            case TemplateType::QuickReply: return TemplateLimits::kQuickReplyElements;
            case TemplateType::Carousel: return TemplateLimits::kCarouselCards;
            case TemplateType::TimePicker: return TemplateLimits::kTimeSlots;
        }
        return 0;
    }
    static std::size_t minElements(TemplateType type) {
        return type == TemplateType::QuickReply ? TemplateLimits::kQuickReplyMin : 1;
    }

    // The array at content[key] (or a provider's, for `elements: "$API:..."`), cut to the limit.
    // `providerList` says where it came from. Null while collecting a whole-list placeholder.
    const Json* list(const Json& content, const char* key, const std::string& path, TemplateType type,
                     InteractiveTemplate& t, bool& providerList) {
        const Json* v = content.find(key);
        const std::string where = path + "." + key;
        if (!v) {
            fail(ErrorCode::MissingField, where);
            return nullptr;
        }
        if (v->isString() && key == std::string_view("elements") && type != TemplateType::Carousel &&
            v->asString().compare(0, kApi.size(), kApi) == 0) {
            providerList = true;
            v = placeholder(v->asString(), where, true);
            if (!v) return nullptr;
            if (!v->isArray()) {
                fail(ErrorCode::WrongType, where, ": the data provider's value is not a list");
                return nullptr;
            }
            if (v->items().size() > kMaxProviderItems) {
                fail(ErrorCode::TooLarge, where, ": the data provider returned too many items");
                return nullptr;
            }
        } else if (v->isString() && v->asString().find(kApi) != std::string::npos) {
            fail(ErrorCode::InvalidValue, where, ": no placeholder here");
            return nullptr;
        } else if (!v->isArray()) {
            fail(ErrorCode::WrongType, where, ": expected an array");
            return nullptr;
        }
        const std::size_t n = v->items().size();
        if (n < minElements(type)) {
            fail(ErrorCode::InvalidValue, where + ": needs at least " + decimal(minElements(type)) +
                                              (providerList ? " (the data provider returned " + decimal(n) + ")" : ""));
            return nullptr;
        }
        if (n > maxElements(type)) t.truncated = true;
        return v;
    }

    // Calls f(item, path) for each item of list() that is within the limit, until an error.
    template <class F>
    void eachItem(const Json& content, const char* key, const std::string& path, TemplateType type,
                  InteractiveTemplate& t, bool& providerList, F f) {
        const Json* items = list(content, key, path, type, t, providerList);
        if (!items) return;
        const std::size_t n = std::min(items->items().size(), maxElements(type));
        for (std::size_t i = 0; i < n && !failed(); ++i)
            f(items->items()[i], path + "." + key + "[" + decimal(i) + "]");
    }

    void readContent(InteractiveTemplate& t, const Json& content, const std::string& path, const Card& card) {
        bool titleBound = false, bound = false;
        const auto title = str(content, "title", path, Field::Display, true, titleBound);
        t.title = shown(title, TemplateLimits::kTextChars, t);
        if (t.type != TemplateType::QuickReply && t.type != TemplateType::Carousel) {
            t.subtitle = shown(str(content, "subtitle", path, Field::Display, false, bound), TemplateLimits::kTextChars, t);
        }
        if (t.type == TemplateType::ListPicker || t.type == TemplateType::Panel) readImage(content, path, t.image, bound, t);
        t.dataBound |= titleBound || bound;
        if (failed()) return;
        for (const char* wire : {"listId", "referenceId"}) {
            bool unused = false;
            if (const Json* v = content.find(wire); v && v->isString()) (void)str(content, wire, path, Field::Wire, false, unused);
        }
        if (failed()) return;

        switch (t.type) {
            case TemplateType::TimePicker: return readTimePicker(t, content, path);
            case TemplateType::Carousel: return readCarousel(t, content, path);
            default: break;
        }
        Card here = card;
        here.titleFromProvider = card.inCarousel && titleBound;
        here.rawTitle = title.value_or(std::string());
        bool providerList = false;
        eachItem(content, "elements", path, t.type, t, providerList, [&](const Json& e, const std::string& where) {
            t.elements.push_back(readElement(e, where, t, content, here, providerList));
        });
        t.dataBound |= providerList;
    }

    TemplateElement readElement(const Json& e, const std::string& path, InteractiveTemplate& t, const Json& content,
                                const Card& card, bool providerItem) {
        TemplateElement el;
        if (!e.isObject()) {
            fail(ErrorCode::WrongType, path, ": expected an object");
            return el;
        }
        bool titleBound = providerItem, bound = providerItem, unused = false;
        const auto title = str(e, "title", path, Field::Display, true, titleBound, providerItem);
        if (title && title->empty() && (values_ || !titleBound)) fail(ErrorCode::InvalidValue, path, ".title: empty");
        const bool quickReply = t.type == TemplateType::QuickReply;
        el.title = shown(title, quickReply ? TemplateLimits::kQuickReplyOptionChars : TemplateLimits::kTextChars, t);
        if (t.type == TemplateType::ListPicker) {
            el.subtitle = shown(str(e, "subtitle", path, Field::Display, false, bound, providerItem), TemplateLimits::kTextChars, t);
            readImage(e, path, el.image, bound, t, providerItem);
        }
        bool idBound = false;
        const auto id = str(e, "id", path, Field::Display, false, idBound, providerItem);
        bound |= idBound;
        std::optional<std::string> action, kind, url;
        if (!providerItem && !quickReply) {
            action = str(e, "actionDetail", path, Field::Wire, false, unused);
            kind = str(e, "type", path, Field::Wire, false, unused);
            url = str(e, "url", path, Field::Display, false, bound);
        }
        if (failed()) return el;
        el.dataBound = titleBound || bound;
        t.dataBound |= el.dataBound;

        if (kind && *kind == "hyperlink" && url && !url->empty()) {
            // A link sends nothing; one the allow-list refuses is inert text.
            el.kind = linkAllowed(*url) ? ElementKind::Hyperlink : ElementKind::Inert;
            if (el.kind == ElementKind::Hyperlink) el.url = *url;
            return el;
        }
        const bool paging = action && (*action == "SHOW_MORE" || *action == "PREVIOUS_OPTIONS");
        if (paging) el.kind = *action == "SHOW_MORE" ? ElementKind::ShowMore : ElementKind::PreviousOptions;
        // The reply, in the official widget's order of precedence (Carousel, then paging, then the
        // title), except that anything a data provider filled into what would be sent is replaced by
        // the element's opaque id.
        const bool replyNeedsId =
            providerItem || (card.inCarousel ? titleBound || card.titleFromProvider : !paging && titleBound);
        if (replyNeedsId) {
            // While collecting, an id a placeholder will fill is checked once the values are known.
            const bool known = values_ || !idBound;
            if (known && (!id || !validId(*id))) {
                fail(id ? ErrorCode::InvalidValue : ErrorCode::MissingField,
                     path, ".id: a data-bound option needs an opaque id (1-128 of A-Z a-z 0-9 _ - . : ~)");
                return el;
            }
            if (!values_) return el;
            el.id = *id;
            el.kind = ElementKind::Option;
            el.reply = textReply(*id, /*dataBound=*/true);
        } else if (card.inCarousel) {
            el.reply = textReply(carouselReply(card.identifier, card.hasIdentifier, card.rawTitle, title.value_or("")));
        } else if (paging) {
            el.reply = TemplateReply{std::string(kInteractiveResponseContentType), pagingReply(*action, content, t.type),
                                     false, false};
        } else {
            el.reply = textReply(title.value_or(""));
        }
        return el;
    }

    static bool validId(const std::string& id) {
        return !id.empty() && id.size() <= kMaxIdBytes && std::all_of(id.begin(), id.end(), isTokenChar);
    }

    void readTimePicker(InteractiveTemplate& t, const Json& content, const std::string& path) {
        if (const Json* offset = content.find("timeZoneOffset")) {
            if (!offset->isInteger()) return fail(ErrorCode::WrongType, path, ".timeZoneOffset: expected minutes");
            if (offset->asInt() < -24 * 60 || offset->asInt() > 24 * 60)
                return fail(ErrorCode::InvalidValue, path, ".timeZoneOffset: out of range");
            t.timeZoneOffsetMinutes = static_cast<int>(offset->asInt());
        }
        if (const Json* loc = content.find("location")) readLocation(t, *loc, path + ".location");
        bool providerList = false;
        eachItem(content, "timeslots", path, TemplateType::TimePicker, t, providerList, [&](const Json& s, const std::string& where) {
            if (!s.isObject()) return fail(ErrorCode::WrongType, where, ": expected an object");
            bool unused = false;
            // The date is the reply: literal only.
            const auto date = str(s, "date", where, Field::Wire, true, unused);
            const Json* duration = s.find("duration");
            if (failed()) return;
            if (!duration) return fail(ErrorCode::MissingField, where, ".duration");
            if (!duration->isInteger() || duration->asInt() <= 0 || duration->asInt() > 7 * 24 * 60)
                return fail(ErrorCode::InvalidValue, where, ".duration: expected minutes");
            const auto ms = parseIsoTime(*date);
            if (!ms) return fail(ErrorCode::InvalidValue, where, ".date: not an ISO-8601 time with a zone");
            TimeSlot slot;
            slot.startMs = *ms + std::int64_t{t.timeZoneOffsetMinutes} * 60000;
            slot.durationMinutes = static_cast<int>(duration->asInt());
            slot.reply = textReply(slotReplyText(*date, *ms, t.timeZoneOffsetMinutes));
            t.slots.push_back(std::move(slot));
        });
        // By time, equal times in the order written (at most 40: an insertion sort, small in the wasm).
        for (std::size_t i = 1; i < t.slots.size(); ++i)
            for (std::size_t j = i; j > 0 && t.slots[j].startMs < t.slots[j - 1].startMs; --j)
                std::swap(t.slots[j], t.slots[j - 1]);
    }

    void readLocation(InteractiveTemplate& t, const Json& loc, const std::string& path) {
        if (!loc.isObject()) return fail(ErrorCode::WrongType, path, ": expected an object");
        TemplateLocation l;
        for (auto [key, out, required] : {std::tuple<const char*, std::string*, bool>{"latitude", &l.latitude, true},
                                          {"longitude", &l.longitude, true}, {"radius", &l.radius, false}}) {
            const Json* v = loc.find(key);
            if (!v) {
                if (required) return fail(ErrorCode::MissingField, path + "." + key);
                continue;
            }
            if (!v->isNumber()) return fail(ErrorCode::WrongType, path + "." + key + ": expected a number");
            *out = v->dump();
        }
        bool bound = false;
        l.title = shown(str(loc, "title", path, Field::Display, true, bound), TemplateLimits::kTextChars, t);
        t.dataBound |= bound;
        if (!failed()) t.location = std::move(l);
    }

    void readCarousel(InteractiveTemplate& t, const Json& content, const std::string& path) {
        bool providerList = false;
        eachItem(content, "elements", path, TemplateType::Carousel, t, providerList, [&](const Json& c, const std::string& where) {
            const Json* type = c.find("templateType");
            const auto cardType = type && type->isString() ? typeNamed(type->asString()) : std::nullopt;
            if (!cardType || (*cardType != TemplateType::ListPicker && *cardType != TemplateType::Panel))
                return fail(ErrorCode::InvalidValue, where, ".templateType: a Carousel holds ListPickers and Panels");
            const Json* data = c.find("data");
            const Json* inner = data ? data->find("content") : nullptr;
            if (!inner || !inner->isObject()) return fail(ErrorCode::MissingField, where, ".data.content");
            Card card;
            card.inCarousel = true;
            bool unused = false;
            if (const auto ident = str(c, "templateIdentifier", where, Field::Wire, false, unused)) {
                card.hasIdentifier = true;
                card.identifier = *ident;
            }
            InteractiveTemplate cardTemplate;
            cardTemplate.type = *cardType;
            cardTemplate.templateIdentifier = card.identifier;
            readContent(cardTemplate, *inner, where + ".data.content", card);
            t.truncated |= cardTemplate.truncated;
            t.dataBound |= cardTemplate.dataBound;
            t.cards.push_back(std::move(cardTemplate));
        });
    }

    const PlaceholderValues* values_;
    std::vector<PlaceholderUse>* collect_;
    std::size_t uses_ = 0;
};

// The parts every entry point checks first: JSON object, a template type we render.
Result<TemplateType> checkEnvelope(const Json& root) {
    if (!root.valid()) return failure(ErrorCode::MalformedJson, "interactive message: not JSON");
    if (!root.isObject()) return failure(ErrorCode::WrongType, "interactive message: expected an object");
    const Json* type = root.find("templateType");
    if (!type) return failure(ErrorCode::MissingField, "templateType");
    if (!type->isString()) return failure(ErrorCode::WrongType, "templateType: expected a string");
    const auto t = typeNamed(type->asString());
    if (!t) {
        // ViewResource needs DescribeView and the view renderer; others are not Connect's.
        return failure(ErrorCode::InvalidValue, "templateType: unsupported \"" + toValidUtf8(type->asString().substr(0, 40)) + "\"");
    }
    const Json* data = root.find("data");
    if (!data) return failure(ErrorCode::MissingField, "data");
    if (!data->isObject()) return failure(ErrorCode::WrongType, "data: expected an object");
    return *t;
}

}  // namespace

const char* toString(TemplateType type) {
    switch (type) {
        case TemplateType::ListPicker: return "ListPicker";
        case TemplateType::Panel: return "Panel";
        case TemplateType::TimePicker: return "TimePicker";
        case TemplateType::QuickReply: return "QuickReply";
        case TemplateType::Carousel: return "Carousel";
    }
    return "";
}

Result<Placeholder> parsePlaceholder(std::string_view text) {
    auto bad = [&](std::string why) { return failure(ErrorCode::InvalidValue, "bad placeholder: " + why); };
    if (text.substr(0, kApi.size()) != kApi) return bad("expected \"$API:Name\"");
    std::size_t i = kApi.size();
    Placeholder p;
    const std::size_t nameStart = i;
    if (i >= text.size() || !isIdentStart(text[i])) return bad("the name must start with a letter");
    while (i < text.size() && isIdentChar(text[i])) ++i;
    p.name = std::string(text.substr(nameStart, i - nameStart));
    if (p.name.size() > kMaxNameBytes) return bad("name too long");
    if (i == text.size()) return p;
    if (text[i] != '(') return bad("unexpected '" + std::string(1, text[i]) + "' after the name");
    ++i;
    if (i < text.size() && text[i] == ')' && i + 1 == text.size()) return p;   // "$API:Name()"
    for (;;) {
        const std::size_t keyStart = i;
        if (i >= text.size() || !isIdentStart(text[i])) return bad("expected an argument name");
        while (i < text.size() && isIdentChar(text[i])) ++i;
        std::string key(text.substr(keyStart, i - keyStart));
        if (i >= text.size() || text[i] != '=') return bad("expected '=' after " + key);
        ++i;
        const std::size_t valueStart = i;
        if (text.substr(i, kApi.size()) == kApi || text.substr(i).find(kApi) != std::string_view::npos)
            return bad("placeholders cannot be nested");
        if (text.substr(i, 4) == "{id}") {
            i += 4;   // the picked item's opaque id
        } else if (i < text.size() && text[i] == '{') {
            return bad("only {id} may refer to the picked item");
        } else {
            while (i < text.size() && isTokenChar(text[i])) ++i;
            if (i == valueStart) return bad("empty value for " + key);
        }
        for (const auto& [k, v] : p.args)
            if (k == key) return bad("argument " + key + " given twice");
        p.args.emplace_back(std::move(key), std::string(text.substr(valueStart, i - valueStart)));
        if (i >= text.size()) return bad("missing ')'");
        if (text[i] == ')') {
            if (i + 1 != text.size()) return bad("text after ')'");
            return p;
        }
        if (text[i] != ',') return bad("unexpected '" + std::string(1, text[i]) + "' in the arguments");
        ++i;
    }
}

Result<TemplateMessage> parseTemplateMessage(std::string_view jsonText) {
    TemplateMessage m;
    m.root = Json::parse(jsonText);
    Result<TemplateType> type = checkEnvelope(m.root);
    if (!type) return type.error();
    m.type = *type;
    Reader reader(nullptr, &m.placeholders);
    (void)reader.read(m.root, m.type);
    if (reader.error) return *reader.error;
    return m;
}

Result<InteractiveTemplate> buildTemplate(const TemplateMessage& message, const PlaceholderValues* values) {
    struct None : PlaceholderValues {
        const Json* valueOf(std::size_t) const override { return nullptr; }
    } none;
    Reader reader(values ? values : &none, nullptr);
    InteractiveTemplate t = reader.read(message.root, message.type);
    if (reader.error) return *reader.error;
    return t;
}

bool templateReplyHidden(std::string_view contentType, std::string_view content) {
    if (contentType != kInteractiveResponseContentType) return false;
    const Json root = Json::parse(content, 4);
    const Json* data = root.find("data");
    const Json* action = data ? data->find("actionName") : nullptr;
    return action && action->isString() &&
           (action->asString() == "SHOW_MORE" || action->asString() == "PREVIOUS_OPTIONS");
}

std::optional<std::string> templateReplyText(std::string_view contentType, std::string_view content) {
    if (contentType != "text/plain" || content.empty() || content.front() != '{') return std::nullopt;
    const Json root = Json::parse(content, 2);
    if (!root.isObject()) return std::nullopt;
    // Exactly carouselReply's members: a customer's own JSON-looking text stays as typed.
    const Json* selection = root.find("selectionText");
    const Json* listTitle = root.find("listTitle");
    const Json* identifier = root.find("templateIdentifier");
    if (!selection || !selection->isString() || !listTitle || !listTitle->isString() ||
        (identifier && !identifier->isString()) || root.members().size() != (identifier ? 3u : 2u))
        return std::nullopt;
    return selection->asString();
}

std::optional<std::int64_t> templateReplyTime(std::string_view contentType, std::string_view content) {
    // A date and a time with a zone and nothing else ("2026-12-03T14:00+00:00"); parseIsoTime checks
    // the whole text, a space instead of the 'T' is someone's typing.
    if (contentType != "text/plain" || content.size() < 16 || content[10] != 'T') return std::nullopt;
    return parseIsoTime(content);
}

std::string truncateText(std::string_view text, std::size_t maxChars, bool* truncated) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        (void)nextCodePoint(text, i);
        if (++chars > maxChars) {
            if (truncated) *truncated = true;
            return toValidUtf8(text.substr(0, start)) + std::string(kEllipsis);
        }
    }
    if (truncated) *truncated = false;
    return toValidUtf8(text);
}

}  // namespace finchat
