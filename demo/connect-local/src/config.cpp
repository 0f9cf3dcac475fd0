#include "connect_local/config.h"

#include <nlohmann/json.hpp>

#include "demo_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace connect_local {

using nlohmann::json;

namespace {
// An id, its ARN, or an ARN whose last path segment is the id ("arn:...:instance/I/queue/<id>").
template <class T>
const T* byIdOrArn(const std::vector<T>& list, std::string_view ref) {
    for (const auto& x : list)
        if (x.id == ref || (!x.arn.empty() && x.arn == ref)) return &x;
    if (ref.rfind("arn:", 0) != 0) return nullptr;
    const std::string_view tail = ref.substr(ref.rfind('/') + 1);
    for (const auto& x : list)
        if (x.id == tail) return &x;
    return nullptr;
}
}  // namespace

const FlowConfig* InstanceConfig::flow(std::string_view ref) const { return byIdOrArn(flows, ref); }
const QueueConfig* InstanceConfig::queue(std::string_view ref) const { return byIdOrArn(queues, ref); }
const HoursConfig* InstanceConfig::hoursOfOperation(std::string_view ref) const { return byIdOrArn(hours, ref); }

bool HoursConfig::openAt(std::int64_t epochMs) const {
    const std::int64_t minutes = epochMs / 60'000 + utcOffsetMinutes;
    const std::int64_t days = minutes >= 0 ? minutes / 1'440 : (minutes - 1'439) / 1'440;
    const int minuteOfDay = static_cast<int>(minutes - days * 1'440);
    const int day = static_cast<int>(((days + 4) % 7 + 7) % 7);   // 1970-01-01 was a Thursday
    for (const auto& r : ranges)
        if (r.day == day && minuteOfDay >= r.startMinute && minuteOfDay < r.endMinute) return true;
    return false;
}

std::string Config::botForAlias(std::string_view aliasArn) const {
    for (const auto& b : bots)
        if (b.aliasArn == aliasArn) return b.bot;
    if (auto at = aliasArn.find(":bot-alias/"); at != std::string_view::npos) {
        const std::string_view rest = aliasArn.substr(at + 11);
        return std::string(rest.substr(0, rest.find('/')));
    }
    return std::string(aliasArn);
}

const InstanceConfig* Config::instance(std::string_view id) const {
    for (const auto& i : instances)
        if (i.id == id) return &i;
    return nullptr;
}
const PartnerConfig* Config::partnerByKey(std::string_view key) const {
    // Every configured key is compared in full, so the answer's timing does not tell how much of a
    // guessed key was right.
    const PartnerConfig* found = nullptr;
    for (const auto& p : partners) {
        unsigned char diff = p.apiKey.size() != key.size() || p.apiKey.empty() ? 1 : 0;
        for (std::size_t i = 0; i < p.apiKey.size(); ++i)
            diff |= static_cast<unsigned char>(p.apiKey[i] ^ (i < key.size() ? key[i] : 0));
        if (!diff) found = &p;
    }
    return found;
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

// {"id", "name", "arn", "utcOffsetMinutes", "days": {"MONDAY": "09:00-17:00" or ["09:00-12:00", ...]}}
finchat::Result<HoursConfig> parseHours(const json& jh) {
    static const char* const kDays[] = {"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"};
    HoursConfig h{str(jh, "id"), str(jh, "name"), str(jh, "arn"), 0, {}};
    num(jh, "utcOffsetMinutes", h.utcOffsetMinutes);
    auto bad = [&](const std::string& what) {
        return finchat::Error{finchat::ErrorCode::InvalidValue, "hours " + h.id + ": " + what};
    };
    auto minute = [](std::string_view hhmm) -> int {   // "HH:MM" -> minutes, -1 if malformed
        if (hhmm.size() != 5 || hhmm[2] != ':') return -1;
        for (int i : {0, 1, 3, 4})
            if (hhmm[i] < '0' || hhmm[i] > '9') return -1;
        const int hh = (hhmm[0] - '0') * 10 + (hhmm[1] - '0'), mm = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
        return hh > 24 || mm > 59 || (hh == 24 && mm > 0) ? -1 : hh * 60 + mm;
    };
    auto days = jh.find("days");
    if (days == jh.end() || !days->is_object()) return bad("days: required, an object of day names");
    for (auto it = days->begin(); it != days->end(); ++it) {
        const auto d = std::find(std::begin(kDays), std::end(kDays), it.key());
        if (d == std::end(kDays)) return bad("days: unknown day " + it.key());
        const json ranges = it->is_array() ? *it : json::array({*it});
        for (const auto& r : ranges) {
            const std::string text = r.is_string() ? r.get<std::string>() : std::string();
            const int start = text.size() == 11 && text[5] == '-' ? minute(std::string_view(text).substr(0, 5)) : -1;
            const int end = start >= 0 ? minute(std::string_view(text).substr(6)) : -1;
            if (start < 0 || end <= start) return bad(it.key() + ": expected \"HH:MM-HH:MM\"");
            h.ranges.push_back({static_cast<int>(d - std::begin(kDays)), start, end});
        }
    }
    return h;
}
}  // namespace

finchat::Result<Config> Config::parse(std::string_view text) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return finchat::Error{finchat::ErrorCode::MalformedJson, "config is not a JSON object"};
    Config c;
    c.region = str(j, "region", c.region);
    for (const auto& ji : arr(j, "instances")) {
        if (!ji.is_object()) continue;
        InstanceConfig inst{str(ji, "id"), str(ji, "name"), {}, {}, {}};
        if (inst.id.empty()) return finchat::Error{finchat::ErrorCode::MissingField, "instances[].id: required"};
        for (const auto& jf : arr(ji, "flows"))
            if (jf.is_object()) {
                const std::string id = str(jf, "id");
                inst.flows.push_back({id, str(jf, "name"), str(jf, "arn"), str(jf, "file", id + ".json")});
            }
        for (const auto& jh : arr(ji, "hours")) {
            if (!jh.is_object()) continue;
            auto hours = parseHours(jh);
            if (!hours) return hours.error();
            inst.hours.push_back(std::move(*hours));
        }
        for (const auto& jq : arr(ji, "queues"))
            if (jq.is_object()) {
                QueueConfig q{str(jq, "id"), str(jq, "name"), str(jq, "arn"), str(jq, "hours")};
                num(jq, "staffedAgents", q.staffedAgents);
                num(jq, "maxContacts", q.maxContacts);
                if (!q.hours.empty() && !inst.hoursOfOperation(q.hours))
                    return finchat::Error{finchat::ErrorCode::InvalidValue, "queue " + q.id + " names unknown hours " + q.hours};
                inst.queues.push_back(std::move(q));
            }
        if (auto r = ji.find("InFlightChatRedactionConfiguration"); r != ji.end()) {
            auto rules = finchat::parsePiiRedaction(r->dump());
            if (!rules) return finchat::Error{rules.error().code, "instance " + inst.id + ": " + rules.error().detail};
            inst.redaction = *rules;
        }
        c.instances.push_back(std::move(inst));
    }
    for (const auto& jp : arr(j, "partners"))
        if (jp.is_object())
            c.partners.push_back({str(jp, "id"), str(jp, "name"), str(jp, "apiKey"), str(jp, "l1Instance"), str(jp, "l1Flow")});
    for (const auto& jb : arr(j, "bots"))
        if (jb.is_object()) c.bots.push_back({str(jb, "aliasArn"), str(jb, "bot")});
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
        num(*l, "maxAttachmentBytesPerContact", c.limits.maxAttachmentBytesPerContact);
        num(*l, "maxAttachmentBytesTotal", c.limits.maxAttachmentBytesTotal);
        num(*l, "customerIdleMinutes", c.limits.customerIdleMinutes);
        num(*l, "chatDurationMinutes", c.limits.chatDurationMinutes);
        num(*l, "maxEscalationTranscriptItems", c.limits.maxEscalationTranscriptItems);
        num(*l, "maxEscalationTranscriptBytes", c.limits.maxEscalationTranscriptBytes);
        num(*l, "maxEscalationRecords", c.limits.maxEscalationRecords);
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
    // config.json itself, compiled in (demo_files.h): one description of the demo topology.
    auto parsed = parse(demo_files::kConfig);
    return parsed ? std::move(*parsed) : Config{};
}

}  // namespace connect_local
