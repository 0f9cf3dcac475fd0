// The demo partner backend (POST /acme/api/chat-token): Acme's server, as a partner would write it.
// It only uses what a partner has: Connect's StartChatContact (L1, on its own instance) and the
// Finaptic Support API with its API key (L2). Declared in support_api.h.
#include <nlohmann/json.hpp>

#include "finchat/protocol.h"
#include "support_api.h"

namespace connect_local {

using nlohmann::json;

namespace {
constexpr const char* kDemoPartner = "acme";
constexpr const char* kDefaultCustomerName = "Dana";
// What the customer's app sends when it escalates without saying why (handle.escalate()).
constexpr const char* kDefaultReason = "The customer asked for a banking specialist";

std::string stringField(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

Reply demoPartnerChatToken(ChatService& service, std::string_view body) {
    const json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (!j.is_object()) return Reply::error("InvalidRequestException", "The body must be a JSON object");
    const PartnerConfig* acme = service.config().partner(kDemoPartner);
    if (!acme) return Reply::error("ResourceNotFoundException", "The demo partner is not configured");
    const std::string level = stringField(j, "level").empty() ? "L1" : stringField(j, "level");
    std::string name = stringField(j, "displayName");
    if (name.empty()) name = kDefaultCustomerName;

    json out;
    if (level == "L1") {
        finchat::StartChatContactRequest start;
        start.instanceId = acme->l1Instance;
        start.contactFlowId = acme->l1Flow;
        start.participantDetails.displayName = name;
        start.supportedMessagingContentTypes = supportedMessagingContentTypes();
        Reply started = service.startChatContact(finchat::encode(start));
        if (started.status != 200) return started;
        auto ids = finchat::decode<finchat::StartChatContactResponse>(started.body);
        if (!ids) return Reply::error("InternalServerException", "StartChatContact answered an unreadable body");
        out = {{"contactId", ids->contactId}, {"participantId", ids->participantId}, {"participantToken", ids->participantToken}};
    } else if (level == "L2") {
        // The widget's tokenProvider passes the redacted L1 transcript as an array; a page may also
        // hand over the JSON text of one (the core's TokenRequest::transcriptJson).
        json transcript = json::array();
        if (auto t = j.find("transcript"); t != j.end()) {
            transcript = t->is_string() ? json::parse(t->get<std::string>(), nullptr, false) : *t;
            if (t->is_null()) transcript = json::array();
            if (transcript.is_discarded()) transcript = nullptr;   // the Support API answers 400
        }
        std::string reason = stringField(j, "reason");
        if (reason.empty()) reason = kDefaultReason;
        json escalation = {{"reason", reason}, {"displayName", name}, {"transcript", std::move(transcript)}};
        if (const std::string l1 = stringField(j, "l1ContactId"); !l1.empty()) escalation["l1ContactId"] = l1;
        Reply r = service.createEscalation(acme->apiKey, escalation.dump(-1, ' ', false, json::error_handler_t::replace));
        if (r.status != 200) return r;
        out = json::parse(r.body, nullptr, false);
    } else {
        return Reply::error("ValidationException", "level must be L1 or L2");
    }
    out["region"] = service.config().region;
    out["endpoint"] = service.httpBase();
    return Reply::ok(out.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace connect_local
