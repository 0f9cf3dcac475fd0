#include "support_api.h"

#include <nlohmann/json.hpp>

#include "finchat/pii.h"
#include "finchat/protocol.h"
#include "finchat/util.h"

namespace connect_local {

using nlohmann::json;

namespace {
constexpr std::size_t kMaxReasonChars = 1'024;
constexpr std::size_t kMaxNameChars = 256;
constexpr std::size_t kMaxIdChars = 256;
constexpr std::size_t kMaxRoleChars = 32;
constexpr std::size_t kMaxTimeChars = 64;

Reply invalid(std::string message) { return Reply::error("ValidationException", message); }

// An optional string member: absent (or null) is "", anything but a string is an error for `what`.
bool optionalString(const json& object, const char* key, std::string& out) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
}
}  // namespace

SupportApi::SupportApi(ChatService& service, const Config& config, finchat::Clock& clock, finchat::Random& random)
    : service_(service), config_(config), clock_(clock), random_(random) {}

Reply SupportApi::create(std::string_view apiKey, std::string_view body) {
    const PartnerConfig* partner = config_.partnerByKey(apiKey);
    if (!partner) return Reply::error("AccessDeniedException", apiKey.empty() ? "Missing x-api-key" : "Unknown x-api-key");
    const json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (!j.is_object()) return Reply::error("InvalidRequestException", "The body must be a JSON object");

    EscalationRecord record;
    record.partnerId = partner->id;
    record.partnerName = partner->name;
    record.requestedMs = clock_.nowMs();

    auto reason = j.find("reason");
    if (reason == j.end() || !reason->is_string()) return invalid("reason is required (a string of 1-1024 characters)");
    const std::size_t reasonChars = finchat::utf8Length(reason->get_ref<const std::string&>());
    if (reasonChars == 0 || reasonChars > kMaxReasonChars) return invalid("reason must be 1-1024 characters");
    record.reason = service_.redactCustomerText(config_.finapticInstance, reason->get_ref<const std::string&>());

    if (!optionalString(j, "l1ContactId", record.l1ContactId) || record.l1ContactId.size() > kMaxIdChars)
        return invalid("l1ContactId must be a string of at most 256 characters");
    if (!optionalString(j, "displayName", record.customerName) || finchat::utf8Length(record.customerName) > kMaxNameChars)
        return invalid("displayName must be a string of at most 256 characters");
    if (record.customerName.empty()) record.customerName = "Customer";

    // The transcript arrives redacted by the customer's widget; it is redacted again here, because
    // the partner's backend is not ours to trust and the record outlives the L1 chat.
    auto transcript = j.find("transcript");
    if (transcript == j.end() || !transcript->is_array())
        return invalid("transcript is required (an array of {role, name, text, time}; it may be empty)");
    const auto maxItems = static_cast<std::size_t>(std::max(0, config_.limits.maxEscalationTranscriptItems));
    if (transcript->size() > maxItems)
        return invalid("transcript has " + std::to_string(transcript->size()) + " entries; the limit is " + std::to_string(maxItems));
    std::int64_t textBytes = 0;
    for (std::size_t i = 0; i < transcript->size(); ++i) {
        const json& row = (*transcript)[i];
        const std::string at = "transcript[" + std::to_string(i) + "]";
        if (!row.is_object()) return invalid(at + " must be an object {role, name, text, time}");
        EscalationTranscriptEntry entry;
        if (!optionalString(row, "role", entry.role) || entry.role.empty() || entry.role.size() > kMaxRoleChars)
            return invalid(at + ".role is required (a string of 1-32 characters)");
        if (!optionalString(row, "text", entry.text)) return invalid(at + ".text must be a string");
        if (!optionalString(row, "name", entry.name) || finchat::utf8Length(entry.name) > kMaxNameChars)
            return invalid(at + ".name must be a string of at most 256 characters");
        if (!optionalString(row, "time", entry.time) || entry.time.size() > kMaxTimeChars)
            return invalid(at + ".time must be an ISO 8601 string");
        textBytes += static_cast<std::int64_t>(entry.text.size());
        if (textBytes > config_.limits.maxEscalationTranscriptBytes)
            return invalid("transcript text exceeds " + std::to_string(config_.limits.maxEscalationTranscriptBytes) + " bytes");
        entry.text = service_.redactCustomerText(config_.finapticInstance, entry.text);   // the Finaptic instance's rules
        record.transcript.push_back(std::move(entry));
    }

    // Start the L2 chat through the Connect API, as Finaptic's backend would.
    record.id = finchat::uuidV4(random_);
    finchat::StartChatContactRequest start;
    start.instanceId = config_.finapticInstance;
    start.contactFlowId = config_.finapticFlow;
    start.participantDetails.displayName = record.customerName;
    start.attributes = {{"partnerId", record.partnerId}, {"escalationId", record.id}, {"escalationReason", record.reason}};
    if (!record.l1ContactId.empty()) start.attributes["l1ContactId"] = record.l1ContactId;
    start.supportedMessagingContentTypes = supportedMessagingContentTypes();
    Reply started = service_.startChatContact(finchat::encode(start));
    if (started.status != 200) return started;
    auto ids = finchat::decode<finchat::StartChatContactResponse>(started.body);
    if (!ids) return Reply::error("InternalServerException", "StartChatContact answered an unreadable body");
    record.l2ContactId = ids->contactId;
    record.l2StartedMs = clock_.nowMs();
    const std::string escalationId = record.id;
    records_.emplace(record.l2ContactId, std::move(record));

    json out = {{"escalationId", escalationId}, {"contactId", ids->contactId}, {"participantId", ids->participantId},
                {"participantToken", ids->participantToken}};
    return Reply::ok(out.dump(-1, ' ', false, json::error_handler_t::replace));
}

void SupportApi::agentJoined(std::string_view l2ContactId, std::string_view agentName) {
    auto it = records_.find(l2ContactId);
    if (it == records_.end()) return;
    it->second.agentName = std::string(agentName);
    it->second.acceptedMs = clock_.nowMs();
}

void SupportApi::contactEnded(std::string_view l2ContactId) {
    auto it = records_.find(l2ContactId);
    if (it == records_.end() || it->second.endedMs) return;
    it->second.endedMs = clock_.nowMs();
    ended_.push_back(it->first);
    const auto keep = static_cast<std::size_t>(std::max(0, config_.limits.maxEscalationRecords));
    while (ended_.size() > keep) {
        records_.erase(ended_.front());
        ended_.pop_front();
    }
}

const EscalationRecord* SupportApi::recordForContact(std::string_view l2ContactId) const {
    auto it = records_.find(l2ContactId);
    return it == records_.end() ? nullptr : &it->second;
}

nlohmann::json SupportApi::toJson(const EscalationRecord& r) {
    json transcript = json::array();
    for (const auto& e : r.transcript) transcript.push_back({{"role", e.role}, {"name", e.name}, {"text", e.text}, {"time", e.time}});
    json times = json::object();
    for (auto [key, ms] : {std::pair{"requested", r.requestedMs}, std::pair{"l2Started", r.l2StartedMs},
                           std::pair{"accepted", r.acceptedMs}, std::pair{"ended", r.endedMs}})
        if (ms) times[key] = finchat::formatIsoTime(ms);
    json out = {{"escalationId", r.id},        {"partnerId", r.partnerId},       {"partnerName", r.partnerName},
                {"l1ContactId", r.l1ContactId}, {"l2ContactId", r.l2ContactId},   {"reason", r.reason},
                {"customerName", r.customerName}, {"transcript", std::move(transcript)}, {"times", std::move(times)}};
    if (!r.agentName.empty()) out["agentName"] = r.agentName;
    return out;
}

}  // namespace connect_local
