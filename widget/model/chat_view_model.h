// chat_view_model.h: what the message list shows, as rows, kept in step with the Transcript.
//
// The Transcript (core) holds what the chat *is*; ChatViewModel turns it into what the window *draws*:
//   - a date separator before the first row of each local day ("Today", "Yesterday", "Mon, May 5");
//   - one row per message: who (customer / agent / bot, the sender's name on the first message of a
//     run by one sender within 5 minutes), the local time ("14:05"), the delivery state of own
//     messages, and the text parsed once into RichText (markdown for text/markdown, links only for
//     text/plain, a readable fallback for interactive messages and templates);
//   - a system line for participants joining and leaving, transfers and the end of the chat;
//   - a divider where a handoff moved the conversation to another chat (startSegment()).
// Not shown: the in-band escalation signal (system.md §3), this participant's own joined/left events,
// empty messages.
//
// Changes are incremental: ChatSession's TranscriptChanged events go to update(), which touches only
// that entry's row and its neighbours (separator, grouping) and re-parses text only when the content
// changed, so a 10,000-message chat costs the same per message as a short one. Every structural change
// is recorded for RowLayout::apply() and the accessibility mirror (takeChanges()).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <map>
#include <vector>

#include "finchat/conversation.h"
#include "finchat/markdown.h"
#include "finchat/protocol.h"
#include "finchat/transcript.h"
#include "date_time_format.h"
#include "row_layout.h"
#include "strings.h"

namespace finchat::widget {

enum class RowKind { DateSeparator, Message, System, HandoffDivider };
enum class SenderRole { Customer, Agent, Bot, System };
const char* toString(SenderRole role);   // "customer" | "agent" | "bot" | "system" (the mirror's roles)

struct Row {
    RowKind kind = RowKind::Message;
    // Unique among the rows and stable while the row exists: the entry's localId (prefixed "<n>:" in
    // segment n > 0), "date:<key of the row it heads>", "handoff:<divider id>".
    std::string key;
    std::size_t index = 0;            // position in the list (kept current)
    int segment = 0;                  // which chat of the window (0 = the first)

    // Message and System rows.
    std::string localId;              // the TranscriptEntry's localId in its segment's Transcript
    std::string participantId;
    SenderRole role = SenderRole::System;
    bool own = false;                 // sent by this participant
    std::string sender;               // display name; "You" for own messages
    // Runs of messages by one sender within ViewOptions::groupWindowMs: draw the sender's name on the
    // first row of a run (unless own), tighten the spacing inside a run.
    bool firstInRun = true;
    bool lastInRun = true;
    std::int64_t timeMs = 0;
    std::string timeLabel;            // "14:05", local time
    Delivery delivery = Delivery::Incoming;
    bool canRetry = false;            // own message that failed: offer "Retry"

    RichText rich;                    // Message: the body as drawn
    std::string text;                 // plain text: the body (copy, mirror), or the system/date/divider line
    std::string templateType;         // interactive message or template ("ListPicker"...); "" otherwise
    std::uint64_t version = 0;        // increases whenever anything above changes

    // What the row was made from, so labels can be redone (new strings, another time zone) without the
    // Transcript, and the body is parsed again only when the content changes.
    ItemType sourceItemType = ItemType::Message;
    std::string sourceContentType;
    std::string sourceContent;        // the message content; for attachments the file name
    // Attachments: the service's id and type, and the scanner's verdict. An approved file is a link
    // "attachment:<id>" (the window downloads it through a signed URL; see WidgetApp::action).
    std::string attachmentId;
    std::string attachmentType;
    AttachmentStatus attachmentStatus = AttachmentStatus::Approved;
    std::int64_t attachmentSize = -1; // bytes, where known (ChatViewModel::setAttachmentSizes); -1 not yet
    std::string displayName;          // as the server sent it (made valid UTF-8, one line)
    ParticipantRole participantRole = ParticipantRole::Other;
};

struct ViewOptions {
    ParticipantRole viewerRole = ParticipantRole::Customer;   // whose window this is
    // Times, day headings and local days (date_time_format.h): the customer's zone and locale.
    // nullptr: the string table's patterns in UTC (PatternDateTimeFormat, following setStrings()).
    std::shared_ptr<const DateTimeFormat> dates;
    std::int64_t nowMs = 0;                                   // for "Today"/"Yesterday"; 0: always dates
    std::int64_t groupWindowMs = 5 * 60'000;
};

// Labels shared with the rest of the window (and dayLabel(), date_time_format.h).
std::string_view deliveryLabel(Delivery d, const Strings& strings);           // "" for incoming messages
// A file size as people read it, in the table's units and decimal separator: "812 B", "3.1 KB", "24 MB".
std::string sizeLabel(std::int64_t bytes, const Strings& strings);

class ChatViewModel {
public:
    explicit ChatViewModel(Strings strings, ViewOptions options = {});

    // One entry of the current segment's Transcript was added or changed (SessionEventType::
    // TranscriptChanged). Falls back to sync() when the Transcript changed in ways no event told
    // (entries merged away, echoes released without an event), so any sequence of calls ends right;
    // the server's confirmation of an own message always takes that path (O(n), nothing re-parsed).
    void update(const Transcript& transcript, const std::string& localId);
    // Brings the current segment in line with the whole Transcript: after a reload or a re-sync, or
    // when unsure. O(n); text is parsed again only where it changed.
    void sync(const Transcript& transcript);
    void clear();                                   // no rows, segment 0 (a new chat)

    // Handoff: the rows so far stay as they are (that chat is over); `dividerText` (if not empty)
    // follows as a HandoffDivider row keyed "handoff:<dividerId>", and from now on update()/sync()
    // take the new chat's Transcript, whose rows go below it.
    void startSegment(const std::string& dividerId, const std::string& dividerText);
    int segment() const { return segment_; }

    // Own messages that wait for a chat (typed while the conversation connects or hands off): drawn
    // as pending rows keyed "queued:<id>" after everything else, replaced as a whole on each call.
    struct QueuedText {
        std::string id;
        std::string text;
        std::int64_t timeMs = 0;
    };
    void setQueued(const std::vector<QueuedText>& queued);

    // The customer's own reply to a data-bound template option is its opaque id on the wire (the
    // server, the agent and the transcript see only "acc_7Hq2"); the option's title is known only on
    // this device (Conversation::pickedTitle). Own text/plain rows whose content has a local title
    // show that title, in the canvas and the mirror (Row::text) alike; the wire content (and
    // Row::sourceContent) stays the id. Rows already shown are redrawn when the hook is set.
    using LocalTitles = std::function<std::optional<std::string>(std::string_view content)>;
    void setLocalTitles(LocalTitles titles);
    // Attachment rows read "Attachment: name" with a second line "PDF · 3.1 KB": the size where this
    // hook knows it (Conversation::attachmentSize). attachmentSizesChanged(): rows whose size became
    // known are redrawn (O(rows), nothing parsed for other rows).
    using AttachmentSizes = std::function<std::optional<std::int64_t>(const std::string& attachmentId)>;
    void setAttachmentSizes(AttachmentSizes sizes) { attachmentSizes_ = std::move(sizes); }
    void attachmentSizesChanged();

    // Settings that relabel every row (and so Reset the list).
    void setStrings(Strings strings);
    // Another time zone or locale (nullptr: the string table's patterns in UTC).
    void setDateTimeFormat(std::shared_ptr<const DateTimeFormat> dates);
    const DateTimeFormat& dates() const { return *options_.dates; }
    // The clock moved on: date separators may now read differently ("Today" -> "Yesterday").
    // Cheap when the local day did not change.
    void setNow(std::int64_t nowMs);

    std::size_t size() const { return rows_.size(); }
    const Row& row(std::size_t index) const { return *rows_[index]; }
    const Row* find(const std::string& key) const;
    // The key of the row of entry `localId` of segment `segment` (Row::key).
    static std::string keyOf(int segment, const std::string& localId);
    const Strings& strings() const { return strings_; }
    const ViewOptions& options() const { return options_; }

    // Changes since the last call, in order (feed them to RowLayout::apply()).
    std::vector<ListChange> takeChanges();
    // How many message bodies were parsed so far (tests check that updates do not re-parse).
    std::uint64_t parseCount() const { return parses_; }

private:
    struct Tracked {
        Row* row = nullptr;                  // nullptr: the entry is not shown
        bool confirmed = false;              // has a server Id
    };

    void place(const Transcript& t, const TranscriptEntry& e, bool& needSync);
    bool hidden(const Transcript& t, const TranscriptEntry& e) const;
    bool fill(Row& row, const TranscriptEntry& e);       // sources from the entry; true if the row changed
    void render(Row& row, bool body);                    // labels (and the body) from the row's sources
    void renderBody(Row& row);
    SenderRole roleOf(const Row& row) const;
    std::string senderName(const Row& row) const;
    std::string participantName(const Row& row) const;  // for "{name} joined the chat"
    std::string automatedName(const Row& row) const;    // a SYSTEM / CUSTOM_BOT sender's label
    std::string systemLine(const Row& row) const;
    std::string rowKey(const std::string& localId) const;

    // The row of the previous shown entry of `e` in `t`; nullptr if none; sets needSync if an
    // earlier entry was never placed.
    Row* previousShown(const Transcript& t, const TranscriptEntry& e, bool& needSync) const;
    Row* previousEntryRow(std::size_t index) const;      // nearest Message/System row above, same segment
    Row* nextEntryRow(std::size_t index) const;          // nearest Message/System row below

    void insertRow(std::unique_ptr<Row> row, std::size_t at);
    std::unique_ptr<Row> eraseRow(std::size_t at);
    std::unique_ptr<Row> removeEntryRow(Row* row);       // and its date separator
    void reindexFrom(std::size_t at);
    void touch(Row& row);                                // version++ and an Updated change
    void fixAround(Row* row);
    void fixSeparator(Row* entryRow);
    void regroup(std::size_t from, std::size_t to);
    bool continues(const Row& before, const Row& after) const;
    void relabelAll();                                   // Reset
    std::int64_t today() const;

    Strings strings_;
    ViewOptions options_;                                // options_.dates is never null
    bool patternDates_ = false;                          // options_.dates is the string table's (follows setStrings)
    LocalTitles localTitles_;
    AttachmentSizes attachmentSizes_;
    std::vector<std::unique_ptr<Row>> rows_;
    std::map<std::string, Tracked> entries_;   // current segment, by localId
    std::map<std::string, Row*> byKey_;
    std::size_t segmentStart_ = 0;                       // first row index of the current segment
    int segment_ = 0;
    std::vector<ListChange> changes_;
    std::uint64_t parses_ = 0;
};

// The text twin (the mirror's log entry) of a template row as the window draws it: Ready, the
// resolved title and subtitle (the options are controls of their own); Loading, "Loading options…";
// Failed, the readable fallback and why. Without a view (not resolving yet), the row's own text.
// It may hold what a partner's data provider returned: for this page's DOM only, never an event.
std::string templateRowText(const Row& row, const TemplateView* view, const Strings& strings);

}  // namespace finchat::widget
