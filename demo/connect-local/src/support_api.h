// support_api.h: the Finaptic Support API (system.md §3): escalation records, and the L2 chats they start.
//
// A partner's backend (never its page: the API key is a server credential) POSTs an escalation with
// the customer's redacted L1 transcript; the API checks the key, bounds and re-redacts what arrives,
// keeps a record, and starts the L2 chat on Finaptic's instance through the Connect API
// (StartChatContact, attributes naming the partner, the L1 contact and the escalation). The L2 agent
// who accepts that chat reads the record through the agent API; nobody else does (ChatService checks
// who asks, this class only keeps records).
//
// Errors are Connect-shaped (status, x-amzn-ErrorType, {"message"}): 403 AccessDeniedException for a
// missing or unknown key, 400 InvalidRequestException for a body that is not a JSON object, 400
// ValidationException for a missing, mistyped or oversized field (the message names the field and the
// limit). Memory is bounded: records of active L2 chats live as long as their chat, records of ended
// chats are kept up to Limits::maxEscalationRecords, oldest dropped first.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "connect_local/chat_service.h"

namespace connect_local {

// One row of the L1 conversation, as the L2 agent reads it: already redacted.
struct EscalationTranscriptEntry {
    std::string role;   // as the partner sent it: "CUSTOMER", "AGENT", "SYSTEM" ...
    std::string name;   // display name shown in the L1 chat
    std::string text;
    std::string time;   // ISO 8601 as sent (may be empty)
};

struct EscalationRecord {
    std::string id, partnerId, partnerName;
    std::string l1ContactId;   // empty when the partner has no L1 chat to name
    std::string l2ContactId;
    std::string reason, customerName;
    std::string agentName;     // the L2 agent who accepted, once one has
    std::vector<EscalationTranscriptEntry> transcript;
    // Milliseconds since the epoch; 0 = not (yet) happened.
    std::int64_t requestedMs = 0, l2StartedMs = 0, acceptedMs = 0, endedMs = 0;
};

class SupportApi {
public:
    // `service` is the Connect stand-in the L2 chat is started on (its public Connect API).
    SupportApi(ChatService& service, const Config& config, finchat::Clock& clock, finchat::Random& random);

    // POST /finaptic/v1/escalations. Answers {escalationId, contactId, participantId, participantToken}.
    Reply create(std::string_view apiKey, std::string_view body);

    // What the service tells it about L2 chats (by initial contact id; other contacts are ignored).
    void agentJoined(std::string_view l2ContactId, std::string_view agentName);
    void contactEnded(std::string_view l2ContactId);

    const EscalationRecord* recordForContact(std::string_view l2ContactId) const;
    std::size_t recordCount() const { return records_.size(); }

    // The record as the agent API answers it (see demo/connect-local/README.md).
    static nlohmann::json toJson(const EscalationRecord& record);

private:
    ChatService& service_;
    const Config& config_;
    finchat::Clock& clock_;
    finchat::Random& random_;
    std::map<std::string, EscalationRecord, std::less<>> records_;   // by L2 contact id
    std::deque<std::string> ended_;                                   // L2 contact ids, oldest first
};

// POST /acme/api/chat-token: the demo partner backend. It holds Acme's credentials and does what a
// partner's server would: level "L1" starts a chat on Acme's instance (StartChatContact), level "L2"
// calls the Finaptic Support API with Acme's key. Answers {contactId, participantId, participantToken,
// region, endpoint} (+ escalationId for L2).
Reply demoPartnerChatToken(ChatService& service, std::string_view body);

}  // namespace connect_local
