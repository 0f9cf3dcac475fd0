#include "connect_local/config.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace connect_local {

using nlohmann::json;

const FlowConfig* InstanceConfig::flow(std::string_view flowId) const {
    for (const auto& f : flows)
        if (f.id == flowId) return &f;
    return nullptr;
}
bool InstanceConfig::hasQueue(std::string_view queueId) const {
    for (const auto& q : queues)
        if (q.id == queueId) return true;
    return false;
}
const InstanceConfig* Config::instance(std::string_view id) const {
    for (const auto& i : instances)
        if (i.id == id) return &i;
    return nullptr;
}
const PartnerConfig* Config::partnerByKey(std::string_view key) const {
    for (const auto& p : partners)
        if (!key.empty() && p.apiKey == key) return &p;
    return nullptr;
}
const PartnerConfig* Config::partner(std::string_view id) const {
    for (const auto& p : partners)
        if (p.id == id) return &p;
    return nullptr;
}

namespace {
std::string str(const json& o, const char* key, std::string fallback = {}) {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : fallback;
}
template <class T>
void num(const json& o, const char* key, T& out) {
    auto it = o.find(key);
    if (it != o.end() && it->is_number_integer()) out = it->get<T>();
}
const json& arr(const json& o, const char* key) {
    static const json empty = json::array();
    auto it = o.find(key);
    return it != o.end() && it->is_array() ? *it : empty;
}
}  // namespace

finchat::Result<Config> Config::parse(std::string_view text) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return finchat::Error{finchat::ErrorCode::MalformedJson, "config is not a JSON object"};
    Config c;
    c.region = str(j, "region", c.region);
    for (const auto& ji : arr(j, "instances")) {
        if (!ji.is_object()) continue;
        InstanceConfig inst{str(ji, "id"), str(ji, "name"), {}, {}};
        for (const auto& jf : arr(ji, "flows"))
            if (jf.is_object())
                inst.flows.push_back({str(jf, "id"), str(jf, "name"), str(jf, "queue"), str(jf, "bot"), str(jf, "greeting")});
        for (const auto& jq : arr(ji, "queues"))
            if (jq.is_object()) inst.queues.push_back({str(jq, "id"), str(jq, "name")});
        if (inst.id.empty()) return finchat::Error{finchat::ErrorCode::MissingField, "instances[].id: required"};
        if (auto r = ji.find("InFlightChatRedactionConfiguration"); r != ji.end()) {
            auto rules = finchat::parsePiiRedaction(r->dump());
            if (!rules) return finchat::Error{rules.error().code, "instance " + inst.id + ": " + rules.error().detail};
            inst.redaction = *rules;
        }
        for (const auto& f : inst.flows)
            if (!f.queue.empty() && !inst.hasQueue(f.queue))
                return finchat::Error{finchat::ErrorCode::InvalidValue, "flow " + f.id + " names unknown queue " + f.queue};
        c.instances.push_back(std::move(inst));
    }
    for (const auto& jp : arr(j, "partners"))
        if (jp.is_object())
            c.partners.push_back({str(jp, "id"), str(jp, "name"), str(jp, "apiKey"), str(jp, "l1Instance"), str(jp, "l1Flow")});
    if (auto f = j.find("finaptic"); f != j.end() && f->is_object()) {
        c.finapticInstance = str(*f, "instance", c.finapticInstance);
        c.finapticFlow = str(*f, "flow", c.finapticFlow);
    }
    if (auto l = j.find("limits"); l != j.end() && l->is_object()) {
        num(*l, "maxContacts", c.limits.maxContacts);
        num(*l, "maxItemsPerContact", c.limits.maxItemsPerContact);
        num(*l, "maxParticipantsPerContact", c.limits.maxParticipantsPerContact);
        num(*l, "maxSocketsPerParticipant", c.limits.maxSocketsPerParticipant);
        num(*l, "maxAttachmentBytes", c.limits.maxAttachmentBytes);
        num(*l, "maxAttachmentBytesTotal", c.limits.maxAttachmentBytesTotal);
        num(*l, "customerIdleMinutes", c.limits.customerIdleMinutes);
        num(*l, "chatDurationMinutes", c.limits.chatDurationMinutes);
    }
    const InstanceConfig* fin = c.instance(c.finapticInstance);
    if (!fin || !fin->flow(c.finapticFlow))
        return finchat::Error{finchat::ErrorCode::InvalidValue, "finaptic.instance/flow must name a configured flow"};
    return c;
}

finchat::Result<Config> Config::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return finchat::Error{finchat::ErrorCode::NotConnected, "cannot read " + path};
    std::ostringstream s;
    s << in.rdbuf();
    return parse(s.str());
}

Config Config::demo() {
    Config c;
    c.instances.push_back({"acme", "Acme Bank (partner L1)",
                           {{"acme-l1", "Acme L1 chat", "acme-support", "acme-demo-bot",
                             "Hi! I'm Acme's virtual assistant. Ask me about your balance, or type 'agent' to talk to a person."}},
                           {{"acme-support", "Acme support"}}});
    c.instances.push_back({"finaptic", "Finaptic L2",
                           {{"finaptic-l2", "Finaptic banking specialists", "banking-specialists", "",
                             "Thanks for waiting. A banking specialist will be with you shortly."}},
                           {{"banking-specialists", "Banking specialists"}}});
    c.partners.push_back({"acme", "Acme Bank", "acme-demo-key", "acme", "acme-l1"});
    return c;
}

}  // namespace connect_local
