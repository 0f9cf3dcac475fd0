#include "chat_view_model.h"

#include <algorithm>
#include <cstdlib>

#include "finchat/attachments.h"
#include "finchat/interactive.h"
#include "finchat/template_text.h"
#include "finchat/util.h"

namespace finchat::widget {

namespace {

constexpr std::size_t kMaxNameBytes = 80;   // a display name is a label, not a paragraph

// Display names come from the wire: valid UTF-8, one line, bounded (cut at a character boundary).
std::string cleanName(std::string_view raw) {
    std::string s = toValidUtf8(raw);
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    const auto first = s.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    s = s.substr(first, s.find_last_not_of(' ') - first + 1);
    if (s.size() > kMaxNameBytes) {
        std::size_t cut = kMaxNameBytes;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        s = s.substr(0, cut) + "\xE2\x80\xA6";   // …
    }
    return s;
}

bool isEntryRow(const Row& r) { return r.kind == RowKind::Message || r.kind == RowKind::System; }


// An attachment row: "Attachment: statement.pdf" as one link to "attachment:<id>" whose accessible
// name says what activating it does ("Download statement.pdf (application/pdf)"); a file the scanner
// is still checking or rejected is plain text saying so.
RichText attachmentBody(const Row& row, const Strings& strings) {
    const std::string name = cleanName(row.sourceContent);
    if (row.attachmentStatus == AttachmentStatus::Rejected)
        return parsePlainText(strings.format(key::kAttachmentRejected, {{"name", name}}));
    if (row.attachmentStatus == AttachmentStatus::InProgress)
        return parsePlainText(strings.format(key::kAttachmentScanning, {{"name", name}}));
    RichText rich = parsePlainText(strings.format(key::kMessageAttachment, {{"name", name}}));
    if (row.attachmentId.empty() || rich.empty()) return rich;
    const std::string what = row.attachmentType.empty() ? name : name + " (" + cleanName(row.attachmentType) + ")";
    rich.links = {Link{"attachment:" + row.attachmentId, strings.format(key::kAttachmentDownload, {{"name", what}})}};
    for (TextBlock& b : rich.blocks)
        for (TextRun& r : b.runs) r.link = 0;
    return rich;
}

void appendParagraph(RichText& rich, std::string_view text, bool gap = true) {
    RichText part = parsePlainText(text);
    const int base = static_cast<int>(rich.links.size());
    rich.links.insert(rich.links.end(), part.links.begin(), part.links.end());
    for (TextBlock& b : part.blocks) {
        for (TextRun& r : b.runs)
            if (r.link >= 0) r.link += base;
        b.gapBefore = gap && !rich.blocks.empty();
        rich.blocks.push_back(std::move(b));
    }
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

template <class T>
void assign(T& field, T value, bool& changed) {
    if (field != value) {
        field = std::move(value);
        changed = true;
    }
}

}  // namespace

const char* toString(SenderRole role) {
    switch (role) {
        case SenderRole::Customer: return "customer";
        case SenderRole::Agent: return "agent";
        case SenderRole::Bot: return "bot";
        case SenderRole::System: return "system";
    }
    return "system";
}

std::string_view deliveryLabel(Delivery d, const Strings& strings) {
    switch (d) {
        case Delivery::Pending: return strings.get(key::kDeliverySending);
        case Delivery::Sent: return strings.get(key::kDeliverySent);
        case Delivery::Delivered: return strings.get(key::kDeliveryDelivered);
        case Delivery::Read: return strings.get(key::kDeliveryRead);
        case Delivery::Failed: return strings.get(key::kDeliveryFailed);
        case Delivery::Incoming: break;
    }
    return {};
}

std::string sizeLabel(std::int64_t bytes, const Strings& strings) {
    if (bytes < 1024) return strings.format(key::kAttachmentSizeBytes, {{"count", decimal(std::max<std::int64_t>(bytes, 0))}});
    const bool mega = bytes >= 1024 * 1024;
    const std::int64_t unit = mega ? 1024 * 1024 : 1024;
    // One decimal under 10 ("3.1 KB"), whole units above ("245 KB"); rounded half up.
    std::string count;
    if (bytes < 10 * unit) {
        const std::int64_t tenths = (bytes * 10 + unit / 2) / unit;
        count = decimal(tenths / 10);
        if (tenths % 10 != 0) count += std::string(strings.get(key::kAttachmentSizeDecimal)) + decimal(tenths % 10);
    } else {
        count = decimal((bytes + unit / 2) / unit);
    }
    return strings.format(mega ? key::kAttachmentSizeMb : key::kAttachmentSizeKb, {{"count", count}});
}

ChatViewModel::ChatViewModel(Strings strings, ViewOptions options)
    : strings_(std::move(strings)), options_(std::move(options)), patternDates_(!options_.dates) {
    if (patternDates_) options_.dates = std::make_shared<PatternDateTimeFormat>(strings_);
}

// ---------------------------------------------------------------------------------------------
// Following the Transcript
// ---------------------------------------------------------------------------------------------
void ChatViewModel::update(const Transcript& t, const std::string& localId) {
    const TranscriptEntry* e = t.findLocal(localId);
    const auto known = entries_.find(localId);
    // Every entry must be known but this one: otherwise something changed without an event. And the
    // confirmation of an own send may merge its echo away and release held echoes in one go (the
    // only change that can remove an entry), so it always gets the full look.
    if (!e || entries_.size() + (known == entries_.end() ? 1 : 0) != t.size() ||
        (known != entries_.end() && !known->second.confirmed && !e->item.id.empty()))
        return sync(t);
    bool needSync = false;
    place(t, *e, needSync);
    if (needSync) sync(t);
}

void ChatViewModel::sync(const Transcript& t) {
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (t.findLocal(it->first)) {
            ++it;
            continue;
        }
        if (it->second.row) removeEntryRow(it->second.row);
        it = entries_.erase(it);
    }
    // In transcript order each entry's predecessor is already in place, so a row that is not right
    // after it moves there; rows already in order stay (see place()).
    bool needSync = false;
    for (const TranscriptEntry& e : t.entries()) place(t, e, needSync);
}

void ChatViewModel::clear() {
    rows_.clear();
    byKey_.clear();
    entries_.clear();
    segment_ = 0;
    segmentStart_ = 0;
    changes_.push_back(ListChange{ListChangeKind::Reset, 0, 0, {}});
}

void ChatViewModel::startSegment(const std::string& dividerId, const std::string& dividerText) {
    entries_.clear();   // the previous chat's rows stay, no longer tracked
    ++segment_;
    if (!dividerText.empty()) {
        auto divider = std::make_unique<Row>();
        divider->kind = RowKind::HandoffDivider;
        divider->key = "handoff:" + dividerId;
        divider->segment = segment_;
        divider->role = SenderRole::System;
        divider->text = dividerText;
        divider->timeMs = rows_.empty() ? 0 : rows_.back()->timeMs;
        insertRow(std::move(divider), rows_.size());
    }
    segmentStart_ = rows_.size();
}

void ChatViewModel::setQueued(const std::vector<QueuedText>& queued) {
    for (std::size_t i = rows_.size(); i-- > 0;)
        if (rows_[i]->key.rfind("queued:", 0) == 0) removeEntryRow(rows_[i].get());
    for (const QueuedText& q : queued) {
        auto row = std::make_unique<Row>();
        row->segment = segment_;
        row->key = "queued:" + q.id;
        row->kind = RowKind::Message;
        TranscriptEntry e;
        e.item.type = ItemType::Message;
        e.item.contentType = "text/plain";
        e.item.content = q.text;
        e.own = true;
        e.delivery = Delivery::Pending;
        e.timeMs = q.timeMs;
        fill(*row, e);
        Row* placed = row.get();
        insertRow(std::move(row), rows_.size());
        fixAround(placed);
    }
}

std::string ChatViewModel::keyOf(int segment, const std::string& localId) {
    return segment == 0 ? localId : decimal(segment) + ":" + localId;
}

std::string ChatViewModel::rowKey(const std::string& localId) const { return keyOf(segment_, localId); }

bool ChatViewModel::hidden(const Transcript& t, const TranscriptEntry& e) const {
    const Item& item = e.item;
    if (item.type == ItemType::Event) {
        // Our own "joined"/"left" is not news to us.
        const ContentKind k = item.kind();
        return (k == ContentKind::ParticipantJoined || k == ContentKind::ParticipantLeft) &&
               !item.participantId.empty() && item.participantId == t.ownParticipantId();
    }
    if (item.type == ItemType::Attachment) return false;
    if (escalationSignal(item)) return true;   // consumed by the session, never a bubble
    if (templateReplyHidden(item.contentType, item.content)) return true;   // asks for a list's next page
    return blank(item.content);
}

void ChatViewModel::place(const Transcript& t, const TranscriptEntry& e, bool& needSync) {
    Tracked& tracked = entries_[e.localId];
    tracked.confirmed = !e.item.id.empty();
    if (hidden(t, e)) {
        if (tracked.row) removeEntryRow(tracked.row);
        tracked.row = nullptr;
        return;
    }
    Row* prev = previousShown(t, e, needSync);
    if (needSync) return;
    const std::size_t at = prev ? prev->index + 1 : segmentStart_;
    if (!tracked.row) {
        auto row = std::make_unique<Row>();
        row->segment = segment_;
        row->localId = e.localId;
        row->key = rowKey(e.localId);
        row->kind = e.item.type == ItemType::Event ? RowKind::System : RowKind::Message;
        fill(*row, e);
        tracked.row = row.get();
        insertRow(std::move(row), at);
        fixAround(tracked.row);
        return;
    }
    Row* row = tracked.row;
    const bool changed = fill(*row, e);
    if (previousEntryRow(row->index) != prev) {
        // It moved (an own message got its server time, an older item arrived late): take it out
        // and put it back after its new predecessor.
        std::unique_ptr<Row> owned = removeEntryRow(row);
        insertRow(std::move(owned), prev ? prev->index + 1 : segmentStart_);
        fixAround(row);
    } else if (changed) {
        touch(*row);
        fixAround(row);
    }
}

Row* ChatViewModel::previousShown(const Transcript& t, const TranscriptEntry& e, bool& needSync) const {
    const auto& all = t.entries();
    for (std::size_t j = static_cast<std::size_t>(&e - all.data()); j > 0; --j) {
        auto it = entries_.find(all[j - 1].localId);
        if (it == entries_.end()) {
            needSync = true;
            return nullptr;
        }
        if (it->second.row) return it->second.row;
    }
    return nullptr;
}

Row* ChatViewModel::previousEntryRow(std::size_t index) const {
    for (std::size_t i = index; i > segmentStart_; --i)
        if (isEntryRow(*rows_[i - 1])) return rows_[i - 1].get();
    return nullptr;
}

Row* ChatViewModel::nextEntryRow(std::size_t index) const {
    for (std::size_t i = index + 1; i < rows_.size(); ++i)
        if (isEntryRow(*rows_[i])) return rows_[i].get();
    return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Row contents
// ---------------------------------------------------------------------------------------------
bool ChatViewModel::fill(Row& row, const TranscriptEntry& e) {
    const Item& item = e.item;
    bool changed = row.version == 0;
    bool bodyChanged = row.version == 0;
    assign(row.sourceItemType, item.type, bodyChanged);
    assign(row.sourceContentType, item.contentType, bodyChanged);
    const AttachmentInfo* file = item.type == ItemType::Attachment && !item.attachments.empty() ? &item.attachments.front() : nullptr;
    assign(row.sourceContent, file ? file->attachmentName : item.content, bodyChanged);
    assign(row.attachmentId, file ? file->attachmentId : std::string(), bodyChanged);
    assign(row.attachmentType, file ? file->contentType : std::string(), bodyChanged);
    assign(row.attachmentStatus, file ? file->status.value_or(AttachmentStatus::Approved) : AttachmentStatus::Approved, bodyChanged);
    assign(row.displayName, cleanName(item.displayName), changed);
    assign(row.participantRole, item.role(), changed);
    assign(row.participantId, item.participantId, changed);
    assign(row.own, e.own, changed);
    assign(row.delivery, e.own ? e.delivery : Delivery::Incoming, changed);
    assign(row.timeMs, e.timeMs, changed);
    if (changed || bodyChanged) render(row, bodyChanged);
    return changed || bodyChanged;
}

void ChatViewModel::render(Row& row, bool body) {
    if (!isEntryRow(row)) return;
    row.role = roleOf(row);
    row.sender = senderName(row);
    row.timeLabel = options_.dates->time(row.timeMs);
    row.canRetry = row.own && row.delivery == Delivery::Failed;
    if (row.kind == RowKind::System) row.text = systemLine(row);
    else if (body) renderBody(row);
}

void ChatViewModel::renderBody(Row& row) {
    ++parses_;
    row.templateType.clear();
    RichText rich;
    const ContentKind kind = classifyContentType(row.sourceContentType);
    if (row.sourceItemType == ItemType::Attachment) {
        const auto size = attachmentSizes_ && !row.attachmentId.empty() ? attachmentSizes_(row.attachmentId) : std::nullopt;
        row.attachmentSize = size.value_or(-1);
        rich = attachmentBody(row, strings_);
        if (row.attachmentStatus == AttachmentStatus::Approved && !rich.empty()) {
            const std::string type = attachmentTypeLabel(row.attachmentType);
            const std::string bytes = row.attachmentSize >= 0 ? sizeLabel(row.attachmentSize, strings_) : std::string();
            if (!type.empty() && !bytes.empty())
                appendParagraph(rich, strings_.format(key::kAttachmentDetails, {{"type", type}, {"size", bytes}}), false);
            else if (!type.empty() || !bytes.empty())
                appendParagraph(rich, type + bytes, false);
        }
    } else if (kind == ContentKind::TextMarkdown) {
        rich = parseMarkdown(row.sourceContent);
    } else if (kind == ContentKind::TextPlain) {
        // A template reply reads the option chosen: a data-bound one the title picked on this device
        // (never the id from the wire), a Carousel card's its selectionText (not the JSON sent).
        std::optional<std::string> chosen;
        if (row.own && localTitles_) chosen = localTitles_(row.sourceContent);
        if (!chosen) chosen = templateReplyText(row.sourceContentType, row.sourceContent);
        // A TimePicker reply (the slot's ISO date on the wire, for the bot) reads as the slot did.
        if (!chosen && row.own) {
            if (auto at = templateReplyTime(row.sourceContentType, row.sourceContent)) {
                chosen = strings_.format(key::kTemplatePickedTime,
                                         {{"day", dayLabel(*options_.dates, options_.dates->localDay(*at), today(), strings_)},
                                          {"time", options_.dates->time(*at)}});
            }
        }
        rich = parsePlainText(chosen ? *chosen : row.sourceContent);
    } else if (kind == ContentKind::Other && row.sourceContentType.compare(0, 5, "text/") == 0) {
        rich = parsePlainText(row.sourceContent);
    } else if (kind == ContentKind::Interactive || kind == ContentKind::InteractiveResponse ||
               kind == ContentKind::Json) {
        if (auto summary = summarizeTemplate(row.sourceContent)) {
            row.templateType = summary->templateType;
            rich = templateFallback(*summary);
            // Options from a data provider exist only once the template view resolves them.
            if (summary->dataBound && summary->options.empty())
                appendParagraph(rich, strings_.get(key::kMessageOptionsUnavailable));
        }
    }
    if (rich.empty()) rich = parsePlainText(strings_.get(key::kMessageUnsupported));
    row.text = plainText(rich);
    row.rich = std::move(rich);
}

SenderRole ChatViewModel::roleOf(const Row& row) const {
    if (row.kind == RowKind::System) return SenderRole::System;
    if (row.own) {
        const ParticipantRole v = options_.viewerRole;
        return v == ParticipantRole::Agent || v == ParticipantRole::Supervisor ? SenderRole::Agent : SenderRole::Customer;
    }
    switch (row.participantRole) {
        case ParticipantRole::Customer: return SenderRole::Customer;
        // Connect's flows and Lex bots speak as SYSTEM (connect-local's demo bot does too).
        case ParticipantRole::System:
        case ParticipantRole::CustomBot: return SenderRole::Bot;
        default: return SenderRole::Agent;   // agents, supervisors, and anyone unnamed on the other side
    }
}

std::string ChatViewModel::senderName(const Row& row) const {
    if (row.own) return std::string(strings_.get(key::kRoleYou));
    switch (row.role) {
        case SenderRole::Bot: return automatedName(row);
        case SenderRole::Agent:
            return row.displayName.empty() ? std::string(strings_.get(key::kRoleAgent)) : row.displayName;
        case SenderRole::Customer:
            return row.displayName.empty() ? std::string(strings_.get(key::kRoleCustomer)) : row.displayName;
        case SenderRole::System: break;
    }
    return std::string(strings_.get(key::kRoleSystem));
}

// Connect's automated senders (ParticipantRole SYSTEM) carry a generic DisplayName instead of a
// person's: "SYSTEM_MESSAGE" for the contact flow's prompts, "BOT" for the Lex bot the flow
// connected (connect-chat-protocol.md §5, §8.1). Each gets its own localized label.
std::string ChatViewModel::automatedName(const Row& row) const {
    if (row.displayName == "SYSTEM_MESSAGE") return std::string(strings_.get(key::kRoleFlow));
    if (row.displayName.empty() || row.displayName == "BOT") return std::string(strings_.get(key::kRoleBot));
    return row.displayName;
}

std::string ChatViewModel::participantName(const Row& row) const {
    switch (row.participantRole) {
        case ParticipantRole::System:
        case ParticipantRole::CustomBot: return automatedName(row);
        case ParticipantRole::Customer:
            return row.displayName.empty() ? std::string(strings_.get(key::kRoleCustomer)) : row.displayName;
        default:
            return row.displayName.empty() ? std::string(strings_.get(key::kRoleAgent)) : row.displayName;
    }
}

std::string ChatViewModel::systemLine(const Row& row) const {
    const std::string name = participantName(row);
    switch (classifyContentType(row.sourceContentType)) {
        case ContentKind::ParticipantJoined: return strings_.format(key::kSystemJoined, {{"name", name}});
        case ContentKind::ParticipantLeft: return strings_.format(key::kSystemLeft, {{"name", name}});
        case ContentKind::ChatEnded: return std::string(strings_.get(key::kSystemEnded));
        case ContentKind::TransferSucceeded: return std::string(strings_.get(key::kSystemTransferred));
        case ContentKind::TransferFailed: return std::string(strings_.get(key::kSystemTransferFailed));
        default: return std::string(strings_.get(key::kMessageUnsupported));
    }
}

// ---------------------------------------------------------------------------------------------
// The row list
// ---------------------------------------------------------------------------------------------
void ChatViewModel::reindexFrom(std::size_t at) {
    for (std::size_t i = at; i < rows_.size(); ++i) rows_[i]->index = i;
}

void ChatViewModel::insertRow(std::unique_ptr<Row> row, std::size_t at) {
    ++row->version;
    changes_.push_back(ListChange{ListChangeKind::Inserted, at, 1, row->key});
    byKey_[row->key] = row.get();
    rows_.insert(rows_.begin() + static_cast<std::ptrdiff_t>(at), std::move(row));
    reindexFrom(at);   // O(1) at the end, where new messages go
}

std::unique_ptr<Row> ChatViewModel::eraseRow(std::size_t at) {
    std::unique_ptr<Row> row = std::move(rows_[at]);
    changes_.push_back(ListChange{ListChangeKind::Removed, at, 1, row->key});
    byKey_.erase(row->key);
    rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(at));
    reindexFrom(at);
    return row;
}

std::unique_ptr<Row> ChatViewModel::removeEntryRow(Row* row) {
    std::size_t at = row->index;
    std::unique_ptr<Row> owned = eraseRow(at);
    // The date separator right above an entry row is that row's own.
    if (at > 0 && rows_[at - 1]->kind == RowKind::DateSeparator) eraseRow(--at);
    Row* next = nullptr;
    for (std::size_t i = at; i < rows_.size() && !next; ++i)
        if (isEntryRow(*rows_[i])) next = rows_[i].get();
    if (next) fixSeparator(next);
    regroup(at >= 2 ? at - 2 : 0, std::min(rows_.size(), at + 3));
    return owned;
}

void ChatViewModel::touch(Row& row) {
    ++row.version;
    changes_.push_back(ListChange{ListChangeKind::Updated, row.index, 1, row.key});
}

std::int64_t ChatViewModel::today() const {
    return options_.nowMs > 0 ? options_.dates->localDay(options_.nowMs) : -1;
}

void ChatViewModel::fixAround(Row* row) {
    fixSeparator(row);
    if (Row* next = nextEntryRow(row->index)) fixSeparator(next);
    const std::size_t i = row->index;
    regroup(i >= 2 ? i - 2 : 0, std::min(rows_.size(), i + 3));
}

// A date separator stands right above the first entry row of each local day (across segments: a
// specialist joining on the same day needs no new date).
void ChatViewModel::fixSeparator(Row* entry) {
    const std::size_t at = entry->index;
    const Row* prev = nullptr;
    for (std::size_t i = at; i > 0 && !prev; --i)
        if (isEntryRow(*rows_[i - 1])) prev = rows_[i - 1].get();
    const std::int64_t day = options_.dates->localDay(entry->timeMs);
    const bool want = !prev || options_.dates->localDay(prev->timeMs) != day;
    Row* sep = at > 0 && rows_[at - 1]->kind == RowKind::DateSeparator ? rows_[at - 1].get() : nullptr;
    if (!want) {
        if (sep) eraseRow(at - 1);
        return;
    }
    std::string text = dayLabel(*options_.dates, day, today(), strings_);
    const std::string key = "date:" + entry->key;
    if (!sep) {
        auto row = std::make_unique<Row>();
        row->kind = RowKind::DateSeparator;
        row->key = key;
        row->segment = entry->segment;
        row->timeMs = entry->timeMs;
        row->text = std::move(text);
        insertRow(std::move(row), at);
    } else if (sep->text != text || sep->key != key || options_.dates->localDay(sep->timeMs) != day) {
        sep->text = std::move(text);
        byKey_.erase(sep->key);
        sep->key = key;
        byKey_[key] = sep;
        sep->timeMs = entry->timeMs;
        touch(*sep);
    }
}

bool ChatViewModel::continues(const Row& a, const Row& b) const {
    return a.kind == RowKind::Message && b.kind == RowKind::Message && a.segment == b.segment && a.own == b.own &&
           a.role == b.role && a.participantId == b.participantId && a.sender == b.sender &&
           std::llabs(b.timeMs - a.timeMs) <= options_.groupWindowMs;
}

void ChatViewModel::regroup(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to && i < rows_.size(); ++i) {
        Row& r = *rows_[i];
        const bool first = r.kind != RowKind::Message || i == 0 || !continues(*rows_[i - 1], r);
        const bool last = r.kind != RowKind::Message || i + 1 >= rows_.size() || !continues(r, *rows_[i + 1]);
        if (first != r.firstInRun || last != r.lastInRun) {
            r.firstInRun = first;
            r.lastInRun = last;
            touch(r);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Relabelling
// ---------------------------------------------------------------------------------------------
void ChatViewModel::setLocalTitles(LocalTitles titles) {
    localTitles_ = std::move(titles);
    for (const auto& r : rows_) {
        if (r->kind != RowKind::Message || !r->own || classifyContentType(r->sourceContentType) != ContentKind::TextPlain)
            continue;
        const std::string before = r->text;
        renderBody(*r);
        if (r->text != before) touch(*r);
    }
}

void ChatViewModel::attachmentSizesChanged() {
    if (!attachmentSizes_) return;
    for (const auto& r : rows_) {
        if (r->sourceItemType != ItemType::Attachment || r->attachmentId.empty()) continue;
        if (attachmentSizes_(r->attachmentId).value_or(-1) == r->attachmentSize) continue;
        renderBody(*r);
        touch(*r);
    }
}

void ChatViewModel::setStrings(Strings strings) {
    strings_ = std::move(strings);
    if (patternDates_) options_.dates = std::make_shared<PatternDateTimeFormat>(strings_);
    relabelAll();
}

void ChatViewModel::setDateTimeFormat(std::shared_ptr<const DateTimeFormat> dates) {
    patternDates_ = !dates;
    options_.dates = dates ? std::move(dates) : std::make_shared<PatternDateTimeFormat>(strings_);
    relabelAll();
}

void ChatViewModel::setNow(std::int64_t nowMs) {
    const std::int64_t before = today();
    options_.nowMs = nowMs;
    if (today() == before) return;
    for (auto& r : rows_) {
        if (r->kind != RowKind::DateSeparator) continue;
        std::string text = dayLabel(*options_.dates, options_.dates->localDay(r->timeMs), today(), strings_);
        if (text != r->text) {
            r->text = std::move(text);
            touch(*r);
        }
    }
}

void ChatViewModel::relabelAll() {
    // Separators are rebuilt in one pass (the time zone decides where days begin); every entry row
    // is labelled again, bodies only where they contain strings (attachments, fallbacks).
    std::vector<std::unique_ptr<Row>> rebuilt;
    rebuilt.reserve(rows_.size());
    std::size_t newSegmentStart = 0;
    const Row* prevEntry = nullptr;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (i == segmentStart_) newSegmentStart = rebuilt.size();
        std::unique_ptr<Row>& r = rows_[i];
        if (r->kind == RowKind::DateSeparator) continue;
        if (isEntryRow(*r)) {
            // Bodies made of strings (attachments, fallbacks) are made again; message text is not.
            const ContentKind k = classifyContentType(r->sourceContentType);
            render(*r, r->sourceItemType == ItemType::Attachment ||
                           (k != ContentKind::TextPlain && k != ContentKind::TextMarkdown));
            ++r->version;
            const std::int64_t day = options_.dates->localDay(r->timeMs);
            if (!prevEntry || options_.dates->localDay(prevEntry->timeMs) != day) {
                auto sep = std::make_unique<Row>();
                sep->kind = RowKind::DateSeparator;
                sep->key = "date:" + r->key;
                sep->segment = r->segment;
                sep->timeMs = r->timeMs;
                sep->text = dayLabel(*options_.dates, day, today(), strings_);
                sep->version = 1;
                rebuilt.push_back(std::move(sep));
            }
            prevEntry = r.get();
        }
        rebuilt.push_back(std::move(r));
    }
    if (segmentStart_ >= rows_.size()) newSegmentStart = rebuilt.size();
    rows_ = std::move(rebuilt);
    segmentStart_ = newSegmentStart;
    reindexFrom(0);
    byKey_.clear();
    for (const auto& r : rows_) byKey_[r->key] = r.get();
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        Row& r = *rows_[i];
        r.firstInRun = r.kind != RowKind::Message || i == 0 || !continues(*rows_[i - 1], r);
        r.lastInRun = r.kind != RowKind::Message || i + 1 >= rows_.size() || !continues(r, *rows_[i + 1]);
    }
    changes_.push_back(ListChange{ListChangeKind::Reset, 0, rows_.size(), {}});
}

const Row* ChatViewModel::find(const std::string& key) const {
    auto it = byKey_.find(key);
    return it == byKey_.end() ? nullptr : it->second;
}

std::vector<ListChange> ChatViewModel::takeChanges() {
    std::vector<ListChange> out;
    out.swap(changes_);
    return out;
}

std::string templateRowText(const Row& row, const TemplateView* view, const Strings& strings) {
    if (!view) return row.text;
    switch (view->state) {
        case TemplateResolver::State::Ready: {
            if (!view->ready) break;
            std::string text = view->ready->title;
            if (!view->ready->subtitle.empty()) text += (text.empty() ? "" : "\n") + view->ready->subtitle;
            return text.empty() ? row.text : text;
        }
        case TemplateResolver::State::Loading: return std::string(strings.get(key::kTemplateLoading));
        case TemplateResolver::State::Failed: break;
    }
    return row.text + "\n" + std::string(strings.get(key::kTemplateFailed));
}

}  // namespace finchat::widget
