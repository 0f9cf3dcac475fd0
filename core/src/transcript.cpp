#include "finchat/transcript.h"

#include <algorithm>

#include "finchat/util.h"

namespace finchat {

namespace {
constexpr std::size_t kMaxEarlyReceipts = 256;   // receipts for items we have not seen (yet)

int rank(Delivery d) {
    switch (d) {
        case Delivery::Pending: return 1;
        case Delivery::Sent: return 2;
        case Delivery::Delivered: return 3;
        case Delivery::Read: return 4;
        default: return 0;   // Incoming, Failed
    }
}
}  // namespace

const char* toString(Delivery d) {
    switch (d) {
        case Delivery::Incoming: return "incoming";
        case Delivery::Pending: return "pending";
        case Delivery::Sent: return "sent";
        case Delivery::Delivered: return "delivered";
        case Delivery::Read: return "read";
        case Delivery::Failed: return "failed";
    }
    return "";
}

Transcript::Transcript(std::string ownParticipantId) : ownParticipantId_(std::move(ownParticipantId)) {}

bool Transcript::storable(const Item& item) {
    if (item.type == ItemType::Message || item.type == ItemType::Attachment) return true;
    if (item.type != ItemType::Event) return false;
    switch (item.kind()) {
        case ContentKind::ParticipantJoined:
        case ContentKind::ParticipantLeft:
        case ContentKind::ChatEnded:
        case ContentKind::TransferSucceeded:
        case ContentKind::TransferFailed:
            return true;
        default:
            return false;
    }
}

bool Transcript::before(const TranscriptEntry& a, const TranscriptEntry& b) {
    const bool aWaiting = a.item.id.empty(), bWaiting = b.item.id.empty();
    if (aWaiting != bWaiting) return bWaiting;          // server-confirmed items first
    if (aWaiting) return a.sequence < b.sequence;       // own unsent messages in typing order
    if (a.timeMs != b.timeMs) return a.timeMs < b.timeMs;
    return a.item.id < b.item.id;
}

std::size_t Transcript::insertSorted(TranscriptEntry entry) {
    if (!entry.item.id.empty()) localIdById_[entry.item.id] = entry.localId;
    // Most items are the newest: check the tail before searching.
    auto pos = (entries_.empty() || before(entries_.back(), entry))
                   ? entries_.end()
                   : std::upper_bound(entries_.begin(), entries_.end(), entry, before);
    const auto index = static_cast<std::size_t>(pos - entries_.begin());
    entries_.insert(pos, std::move(entry));
    reindexFrom(index);   // O(1) at the tail; an older item shifts the ones after it
    return index;
}

void Transcript::reindexFrom(std::size_t index) {
    for (std::size_t i = index; i < entries_.size(); ++i) indexByLocal_[entries_[i].localId] = i;
}

void Transcript::eraseAt(std::size_t index) {
    indexByLocal_.erase(entries_[index].localId);
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(index));
    reindexFrom(index);
}

void Transcript::reposition(std::size_t index) {
    TranscriptEntry e = std::move(entries_[index]);
    eraseAt(index);
    insertSorted(std::move(e));
}

TranscriptEntry* Transcript::mutableLocal(const std::string& localId) {
    auto it = indexByLocal_.find(localId);
    return it == indexByLocal_.end() ? nullptr : &entries_[it->second];
}

TranscriptEntry* Transcript::mutableId(const std::string& id) {
    auto it = localIdById_.find(id);
    return it == localIdById_.end() ? nullptr : mutableLocal(it->second);
}

const TranscriptEntry* Transcript::findLocal(const std::string& localId) const {
    return const_cast<Transcript*>(this)->mutableLocal(localId);
}
const TranscriptEntry* Transcript::findId(const std::string& id) const {
    return const_cast<Transcript*>(this)->mutableId(id);
}

void Transcript::upgrade(TranscriptEntry& e, Delivery d) {
    if (!e.own) return;
    if (rank(d) > rank(e.delivery)) e.delivery = d;
}

void Transcript::applyReceipts(const std::string& messageId, const std::vector<Receipt>& receipts) {
    TranscriptEntry* e = mutableId(messageId);
    if (!e) {
        // Metadata can overtake its message (socket vs transcript page): keep it for a while.
        auto [it, inserted] = earlyReceipts_.try_emplace(messageId);
        it->second.insert(it->second.end(), receipts.begin(), receipts.end());
        if (inserted) {
            earlyReceiptOrder_.push_back(messageId);
            if (earlyReceiptOrder_.size() > kMaxEarlyReceipts) {
                earlyReceipts_.erase(earlyReceiptOrder_.front());
                earlyReceiptOrder_.erase(earlyReceiptOrder_.begin());
            }
        }
        return;
    }
    for (const Receipt& r : receipts) {
        // A receipt is about the reader; our own read of someone else's message is not news to us.
        if (!ownParticipantId_.empty() && r.recipientParticipantId == ownParticipantId_) continue;
        if (!r.readTimestamp.empty()) upgrade(*e, Delivery::Read);
        else if (!r.deliveredTimestamp.empty()) upgrade(*e, Delivery::Delivered);
    }
}

std::size_t Transcript::sendsInFlight() const {
    std::size_t n = 0;
    for (auto it = entries_.rbegin(); it != entries_.rend() && it->item.id.empty(); ++it)
        n += it->delivery == Delivery::Pending;
    return n;
}

void Transcript::releaseHeldEchoesIfIdle() {
    if (heldEchoes_.empty() || sendsInFlight() > 0) return;
    // Our echoes that no send claimed: sent from another tab, or before a reload.
    auto held = std::move(heldEchoes_);
    heldEchoes_.clear();
    for (auto& [id, item] : held) ingest(item);
}

Change Transcript::ingest(const Item& item) {
    if (item.type == ItemType::MessageMetadata) {
        if (!item.messageMetadata || item.messageMetadata->messageId.empty()) return Change::None;
        const Delivery before = findId(item.messageMetadata->messageId)
                                    ? findId(item.messageMetadata->messageId)->delivery : Delivery::Incoming;
        applyReceipts(item.messageMetadata->messageId, item.messageMetadata->receipts);
        const TranscriptEntry* e = findId(item.messageMetadata->messageId);
        return e && e->delivery != before ? Change::Updated : Change::None;
    }
    if (!storable(item) || item.id.empty()) return Change::None;

    const bool own = !ownParticipantId_.empty() && item.participantId == ownParticipantId_ &&
                     (item.type == ItemType::Message || item.type == ItemType::Attachment);

    if (TranscriptEntry* e = mutableId(item.id)) {
        // Seen before. Transcript pages carry receipts on message items; an own echo can arrive after
        // the SendMessage answer and brings the server's copy (which may differ, e.g. redacted).
        bool changed = false;
        if (e->item.content != item.content && !item.content.empty()) { e->item.content = item.content; changed = true; }
        // The attachment scanner's verdict (IN_PROGRESS → APPROVED/REJECTED) comes as the same item again.
        if (!item.attachments.empty()) {
            for (std::size_t i = 0; i < item.attachments.size() && i < e->item.attachments.size(); ++i)
                if (item.attachments[i].status && item.attachments[i].status != e->item.attachments[i].status) {
                    e->item.attachments[i].status = item.attachments[i].status;
                    changed = true;
                }
        }
        const Delivery was = e->delivery;
        if (item.messageMetadata) applyReceipts(item.id, item.messageMetadata->receipts);
        return changed || e->delivery != was ? Change::Updated : Change::None;
    }
    if (own && sendsInFlight() > 0) {
        heldEchoes_.emplace(item.id, item);
        return Change::Held;
    }

    TranscriptEntry e;
    e.item = item;
    e.localId = item.id;
    e.own = own;
    e.delivery = own ? Delivery::Sent : Delivery::Incoming;
    e.sequence = nextSequence_++;
    if (auto t = parseIsoTime(item.absoluteTime)) e.timeMs = *t;
    else e.timeMs = newestServerTime().value_or(0);   // no usable time: treat as newest
    insertSorted(std::move(e));
    if (auto early = earlyReceipts_.find(item.id); early != earlyReceipts_.end()) {
        auto receipts = std::move(early->second);
        earlyReceipts_.erase(early);
        std::erase(earlyReceiptOrder_, item.id);
        applyReceipts(item.id, receipts);
    }
    if (item.messageMetadata) applyReceipts(item.id, item.messageMetadata->receipts);
    return Change::Added;
}

std::string Transcript::addPending(std::string contentType, std::string content, std::string clientToken,
                                   std::string displayName, std::int64_t nowMs) {
    TranscriptEntry e;
    e.localId = "local-" + decimal(nextLocal_++);
    e.item.type = ItemType::Message;
    e.item.contentType = std::move(contentType);
    e.item.content = std::move(content);
    e.item.participantId = ownParticipantId_;
    e.item.displayName = std::move(displayName);
    e.item.participantRole = std::nullopt;
    e.timeMs = nowMs;
    e.sequence = nextSequence_++;
    e.delivery = Delivery::Pending;
    e.own = true;
    e.clientToken = std::move(clientToken);
    std::string localId = e.localId;
    insertSorted(std::move(e));
    return localId;
}

Change Transcript::confirmSent(const std::string& localId, const std::string& id, const std::string& absoluteTime) {
    TranscriptEntry* e = mutableLocal(localId);
    if (!e || id.empty()) return Change::None;
    if (!e->item.id.empty() && e->item.id == id) {
        upgrade(*e, Delivery::Sent);
        return Change::None;
    }
    Item server;
    bool haveServerCopy = false;
    if (auto held = heldEchoes_.find(id); held != heldEchoes_.end()) {
        server = std::move(held->second);
        heldEchoes_.erase(held);
        haveServerCopy = true;
    } else if (TranscriptEntry* other = mutableId(id); other && other != e) {
        // The echo was already shown on its own (it came when no send was in flight, e.g. this is a
        // retry after a reload): fold it into this entry so it is shown once.
        server = other->item;
        haveServerCopy = true;
        const Delivery otherDelivery = other->delivery;
        const std::string otherLocal = other->localId;
        localIdById_.erase(id);
        eraseAt(indexByLocal_.find(otherLocal)->second);   // present: it was just found by Id
        e = mutableLocal(localId);
        upgrade(*e, otherDelivery);
    }
    const std::string clientToken = e->clientToken;
    const std::string displayName = e->item.displayName;
    if (haveServerCopy) {
        e->item = std::move(server);
        if (e->item.displayName.empty()) e->item.displayName = displayName;
    } else {
        e->item.id = id;
        e->item.absoluteTime = absoluteTime;
    }
    e->clientToken = clientToken;
    if (auto t = parseIsoTime(e->item.absoluteTime)) e->timeMs = *t;
    if (e->delivery == Delivery::Failed) e->delivery = Delivery::Pending;
    upgrade(*e, Delivery::Sent);
    e->error.reset();
    const auto index = static_cast<std::size_t>(e - entries_.data());
    localIdById_[id] = localId;
    if (e->item.messageMetadata) applyReceipts(id, e->item.messageMetadata->receipts);
    reposition(index);
    if (auto early = earlyReceipts_.find(id); early != earlyReceipts_.end()) {
        auto receipts = std::move(early->second);
        earlyReceipts_.erase(early);
        std::erase(earlyReceiptOrder_, id);
        applyReceipts(id, receipts);
    }
    releaseHeldEchoesIfIdle();
    return Change::Updated;
}

void Transcript::markFailed(const std::string& localId, Error error) {
    TranscriptEntry* e = mutableLocal(localId);
    if (!e || !e->item.id.empty()) return releaseHeldEchoesIfIdle();
    // The server's copy came while this send was out (a 5xx or a lost answer after the server took
    // it): that is the answer. Only when no other send out has the same text (it could be theirs).
    const Item* echo = nullptr;
    for (const auto& [id, item] : heldEchoes_)
        if (item.contentType == e->item.contentType && item.content == e->item.content) echo = echo ? nullptr : &item;
    bool twin = false;
    for (const TranscriptEntry& other : entries_)
        twin = twin || (&other != e && other.own && other.item.id.empty() && other.delivery == Delivery::Pending &&
                        other.item.content == e->item.content);
    if (echo && !twin) {
        const Item server = *echo;
        confirmSent(localId, server.id, server.absoluteTime);
        return;
    }
    e->delivery = Delivery::Failed;
    e->error = std::move(error);
    releaseHeldEchoesIfIdle();
}

void Transcript::markRetrying(const std::string& localId) {
    if (TranscriptEntry* e = mutableLocal(localId); e && e->delivery == Delivery::Failed) {
        e->delivery = Delivery::Pending;
        e->error.reset();
    }
}

bool Transcript::forget(const std::string& localId) {
    auto it = indexByLocal_.find(localId);
    if (it == indexByLocal_.end()) return false;
    const TranscriptEntry& e = entries_[it->second];
    if (!e.own || !e.item.id.empty()) return false;
    eraseAt(it->second);
    releaseHeldEchoesIfIdle();
    return true;
}

std::vector<const TranscriptEntry*> Transcript::unsent() const {
    std::vector<const TranscriptEntry*> out;
    for (const auto& e : entries_)
        if (e.own && e.item.id.empty()) out.push_back(&e);
    return out;
}

std::optional<std::int64_t> Transcript::newestServerTime() const {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
        if (!it->item.id.empty()) return it->timeMs;
    return std::nullopt;
}

std::optional<std::int64_t> Transcript::oldestServerTime() const {
    for (const auto& e : entries_)
        if (!e.item.id.empty()) return e.timeMs;
    return std::nullopt;
}

void Transcript::clear() {
    entries_.clear();
    localIdById_.clear();
    indexByLocal_.clear();
    heldEchoes_.clear();
    earlyReceipts_.clear();
    earlyReceiptOrder_.clear();
}

}  // namespace finchat
