// finchat/transcript.h: the ordered, de-duplicated list of what a chat shows.
//
// Items arrive from three places that overlap: the websocket (live, may repeat or reorder across a
// socket swap), GetTranscript pages (re-sync after every reconnect), and our own sends (shown at once
// as pending, before the server has an Id for them). Transcript merges them into one list:
//   - keyed by the server Id: an item seen twice is stored once (receipts are merged);
//   - ordered by (AbsoluteTime, Id); own messages still waiting for the server stay last, in the
//     order they were typed;
//   - own messages move pending -> sent -> delivered -> read, never backwards; failed ones keep
//     their ClientToken so a retry cannot create a duplicate on the server.
// Own echoes (our message coming back on the websocket) are held back while one of our sends is
// still in flight: the SendMessage answer says which Id is ours, so the echo never shows twice.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "finchat/protocol.h"

namespace finchat {

enum class Delivery { Incoming, Pending, Sent, Delivered, Read, Failed };
const char* toString(Delivery d);

struct TranscriptEntry {
    std::string localId;          // stable key for views: "local-N" for own sends, else the server Id
    Item item;                    // item.id is empty while an own message is pending
    std::int64_t timeMs = 0;      // parsed AbsoluteTime (send time while pending)
    std::uint64_t sequence = 0;   // arrival order; orders pending entries and equal timestamps
    Delivery delivery = Delivery::Incoming;
    bool own = false;             // sent by this participant
    std::string clientToken;      // own sends: reused by every retry
    std::optional<Error> error;   // why the last send attempt failed
};

enum class Change { None, Added, Updated, Held };

class Transcript {
public:
    explicit Transcript(std::string ownParticipantId = {});
    void setOwnParticipantId(std::string id) { ownParticipantId_ = std::move(id); }
    const std::string& ownParticipantId() const { return ownParticipantId_; }

    // Items a chat window shows: messages, attachments and the lifecycle events people read as a
    // system line (joined, left, ended, transfer). Typing, receipts and acks are not stored.
    static bool storable(const Item& item);

    // Merge one server item (websocket or GetTranscript). MESSAGEMETADATA items update receipts.
    Change ingest(const Item& item);

    // Own sends.
    std::string addPending(std::string contentType, std::string content, std::string clientToken,
                           std::string displayName, std::int64_t nowMs);
    Change confirmSent(const std::string& localId, const std::string& id, const std::string& absoluteTime);
    // The send failed; but if the server's copy of exactly this text came while it was out (held
    // back), the server has it: confirmed with that copy instead (not shown twice, never re-sent).
    void markFailed(const std::string& localId, Error error);
    void markRetrying(const std::string& localId);
    // Drops an own message the server never took (pending or failed): it moved to another chat.
    // False for anything else.
    bool forget(const std::string& localId);

    const std::vector<TranscriptEntry>& entries() const { return entries_; }
    const TranscriptEntry* findLocal(const std::string& localId) const;
    const TranscriptEntry* findId(const std::string& id) const;
    bool containsId(const std::string& id) const { return findId(id) != nullptr; }
    // Own messages not yet accepted by the server (pending or failed), oldest first.
    std::vector<const TranscriptEntry*> unsent() const;
    // AbsoluteTime of the newest server-confirmed item, if any.
    std::optional<std::int64_t> newestServerTime() const;
    std::optional<std::int64_t> oldestServerTime() const;
    std::size_t size() const { return entries_.size(); }
    void clear();

private:
    void applyReceipts(const std::string& messageId, const std::vector<Receipt>& receipts);
    void upgrade(TranscriptEntry& e, Delivery d);
    std::size_t insertSorted(TranscriptEntry entry);
    void reposition(std::size_t index);
    void eraseAt(std::size_t index);
    void reindexFrom(std::size_t index);
    void releaseHeldEchoesIfIdle();
    std::size_t sendsInFlight() const;
    TranscriptEntry* mutableLocal(const std::string& localId);
    TranscriptEntry* mutableId(const std::string& id);
    static bool before(const TranscriptEntry& a, const TranscriptEntry& b);

    std::string ownParticipantId_;
    std::vector<TranscriptEntry> entries_;
    // Ordered maps and a vector, not unordered_map and deque: the browser's wasm then carries one
    // container family (cmake/wasm_size.cmake, measured levers); lookups stay O(log n).
    std::map<std::string, std::string> localIdById_;              // server Id -> localId
    std::map<std::string, std::size_t> indexByLocal_;             // localId -> position in entries_
    std::map<std::string, Item> heldEchoes_;                       // own echoes awaiting their send
    std::map<std::string, std::vector<Receipt>> earlyReceipts_;    // receipts for items not seen yet
    std::vector<std::string> earlyReceiptOrder_;                   // bounds earlyReceipts_ (oldest first)
    std::uint64_t nextSequence_ = 1;
    std::uint64_t nextLocal_ = 1;
};

}  // namespace finchat
