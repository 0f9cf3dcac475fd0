// Builders for Connect items and frames used across tests.
#pragma once
#include <string>

#include "finchat/protocol.h"
#include "finchat/util.h"

namespace fake {

inline constexpr std::int64_t kT0 = 1'746'093'600'000;   // 2025-05-01T10:00:00.000Z

inline finchat::Item message(std::string id, std::string participantId, finchat::ParticipantRole role,
                             std::string text, std::int64_t atMs, std::string contactId = "c-1") {
    finchat::Item i;
    i.id = std::move(id);
    i.type = finchat::ItemType::Message;
    i.contentType = "text/plain";
    i.content = std::move(text);
    i.absoluteTime = finchat::formatIsoTime(atMs);
    i.participantId = std::move(participantId);
    i.displayName = role == finchat::ParticipantRole::Customer ? "Dana" : role == finchat::ParticipantRole::Agent ? "Sam" : "BOT";
    i.participantRole = role;
    i.initialContactId = contactId;
    i.contactId = std::move(contactId);
    return i;
}

inline finchat::Item event(std::string id, finchat::ContentKind kind, std::int64_t atMs, std::string participantId = {},
                           finchat::ParticipantRole role = finchat::ParticipantRole::Agent, std::string contactId = "c-1") {
    finchat::Item i;
    i.id = std::move(id);
    i.type = finchat::ItemType::Event;
    i.contentType = finchat::contentTypeString(kind);
    i.absoluteTime = finchat::formatIsoTime(atMs);
    if (!participantId.empty()) {
        i.participantId = std::move(participantId);
        i.displayName = role == finchat::ParticipantRole::Customer ? "Dana" : "Sam";
        i.participantRole = role;
    }
    i.initialContactId = contactId;
    i.contactId = std::move(contactId);
    return i;
}

inline finchat::Item receipt(std::string id, std::string messageId, std::string recipient, bool read, std::int64_t atMs) {
    finchat::Item i;
    i.id = std::move(id);
    i.type = finchat::ItemType::MessageMetadata;
    i.contentType = finchat::contentTypeString(finchat::ContentKind::MessageMetadata);
    i.absoluteTime = finchat::formatIsoTime(atMs);
    finchat::MessageMetadata md;
    md.messageId = std::move(messageId);
    finchat::Receipt r;
    r.recipientParticipantId = std::move(recipient);
    r.deliveredTimestamp = finchat::formatIsoTime(atMs);
    if (read) r.readTimestamp = finchat::formatIsoTime(atMs);
    md.receipts.push_back(r);
    i.messageMetadata = md;
    return i;
}

}  // namespace fake
