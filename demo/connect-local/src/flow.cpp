#include "connect_local/flow.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "demo_files.h"

namespace connect_local {

using nlohmann::json;

const std::vector<std::string>& supportedFlowActionTypes() {
    static const std::vector<std::string> types = {
        "MessageParticipant", "ConnectParticipantWithLexBot", "UpdateContactTargetQueue", "TransferContactToQueue",
        "DisconnectParticipant", "UpdateContactAttributes", "Compare", "CheckHoursOfOperation", "CheckMetricData",
        "UpdateFlowLoggingBehavior"};
    return types;
}

const std::vector<std::string>& supportedFlowOperators() {
    static const std::vector<std::string> ops = {"Equals", "NumberGreaterThan", "NumberLessThan", "NumberGreaterOrEqualTo",
                                                 "NumberLessOrEqualTo", "TextContains", "TextStartsWith", "TextEndsWith"};
    return ops;
}

const std::string* FlowAction::errorBranch(std::string_view errorType) const {
    for (const auto& e : errors)
        if (e.type == errorType) return &e.next;
    return nullptr;
}

const FlowAction* Flow::action(std::string_view id) const {
    auto it = index.find(std::string(id));
    return it == index.end() ? nullptr : &actions[it->second];
}

std::string FlowLoadError::describe() const {
    return file + (action.empty() ? std::string() : ": action \"" + action + "\"") + ": " + reason;
}

namespace {

bool contains(const std::vector<std::string>& list, std::string_view s) { return std::find(list.begin(), list.end(), s) != list.end(); }

const json* member(const json& o, const char* key) {
    if (!o.is_object()) return nullptr;
    auto it = o.find(key);
    return it == o.end() ? nullptr : &*it;
}
bool isString(const json* j) { return j && j->is_string() && !j->get_ref<const std::string&>().empty(); }

// Connect's rule for Identifier: 1-50 characters, none of % : ( \ / ) = $ , ; [ ] { }, and not a
// name JavaScript objects already carry.
std::string identifierProblem(const std::string& id) {
    if (id.empty()) return "Identifier: required";
    if (id.size() > 50) return "Identifier: longer than 50 characters";
    if (id.find_first_of("%:()\\/=$,;[]{}") != std::string::npos) return "Identifier: contains one of % : ( \\ / ) = $ , ; [ ] { }";
    for (const char* reserved : {"__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf"})
        if (id == reserved) return "Identifier: \"" + id + "\" is reserved";
    return {};
}

// The parameters each action type needs; empty when they are fine.
std::string parameterProblem(const FlowAction& a) {
    const json& p = a.parameters;
    auto needString = [&](const char* key) -> std::string {
        return isString(member(p, key)) ? std::string() : std::string("Parameters.") + key + ": required, a non-empty string";
    };
    if (a.type == "MessageParticipant") return needString("Text");
    if (a.type == "UpdateContactTargetQueue") {
        if (member(p, "AgentId")) return "Parameters.AgentId: agent queues are not supported locally; use QueueId";
        return needString("QueueId");
    }
    if (a.type == "Compare") {
        if (auto e = needString("ComparisonValue"); !e.empty()) return e;
        if (a.conditions.empty()) return "Transitions.Conditions: Compare needs at least one condition";
        return {};
    }
    if (a.type == "UpdateFlowLoggingBehavior") {
        const json* b = member(p, "FlowLoggingBehavior");
        if (!b || !b->is_string() || (*b != "Enabled" && *b != "Disabled"))
            return "Parameters.FlowLoggingBehavior: must be \"Enabled\" or \"Disabled\"";
        return {};
    }
    if (a.type == "UpdateContactAttributes") {
        const json* attrs = member(p, "Attributes");
        if (!attrs || !attrs->is_object() || attrs->empty()) return "Parameters.Attributes: required, an object of strings";
        for (auto it = attrs->begin(); it != attrs->end(); ++it)
            if (!it->is_string()) return "Parameters.Attributes." + it.key() + ": must be a string";
        if (const json* t = member(p, "TargetContact"); t && (!t->is_string() || (*t != "Current" && *t != "Related")))
            return "Parameters.TargetContact: must be \"Current\" or \"Related\"";
        return {};
    }
    if (a.type == "CheckMetricData") {
        static const std::vector<std::string> metrics = {"NumberOfAgentsAvailable", "NumberOfAgentsStaffed", "NumberOfAgentsOnline",
                                                         "OldestContactInQueueAgeSeconds", "NumberOfContactsInQueue"};
        const json* m = member(p, "MetricType");
        if (!m || !m->is_string() || !contains(metrics, m->get<std::string>()))
            return "Parameters.MetricType: must be one of NumberOfAgentsAvailable, NumberOfAgentsStaffed, NumberOfAgentsOnline, "
                   "OldestContactInQueueAgeSeconds, NumberOfContactsInQueue";
        if (member(p, "AgentId")) return "Parameters.AgentId: agent metrics are not supported locally; use QueueId";
        return {};
    }
    if (a.type == "CheckHoursOfOperation") {
        for (const auto& c : a.conditions)
            if (c.op != "Equals" || c.operands.size() != 1 || (c.operands[0] != "True" && c.operands[0] != "False"))
                return "Transitions.Conditions: CheckHoursOfOperation takes only Equals \"True\" and Equals \"False\"";
        return {};
    }
    if (a.type == "ConnectParticipantWithLexBot") {
        const bool v2 = isString(member(member(p, "LexV2Bot") ? *member(p, "LexV2Bot") : json(), "AliasArn"));
        const bool v1 = isString(member(member(p, "LexBot") ? *member(p, "LexBot") : json(), "Name"));
        if (!v2 && !v1) return "Parameters.LexV2Bot.AliasArn (or LexBot.Name): required";
        for (const char* map : {"LexSessionAttributes"})
            if (const json* m = member(p, map); m && !m->is_object()) return std::string("Parameters.") + map + ": must be an object";
        if (const json* t = member(p, "LexTimeoutSeconds")) {
            const json* text = member(*t, "Text");
            const std::string s = isString(text) ? text->get<std::string>() : std::string();
            const bool number = !s.empty() && s.size() <= 6 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!number && s.rfind("$.", 0) != 0) return "Parameters.LexTimeoutSeconds.Text: seconds, a whole number";
        }
        for (const auto& c : a.conditions)
            if (c.op != "Equals") return "Transitions.Conditions: ConnectParticipantWithLexBot branches on the intent name with Equals only";
        return {};
    }
    return {};
}

std::string operandText(const json& o) {
    if (o.is_string()) return o.get<std::string>();
    if (o.is_number() || o.is_boolean()) return o.dump();
    return {};
}

}  // namespace

std::variant<Flow, FlowLoadError> parseFlow(std::string file, std::string_view text) {
    auto fail = [&](std::string action, std::string reason) { return FlowLoadError{file, std::move(action), std::move(reason)}; };
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail({}, "not a JSON object");
    const json* version = member(j, "Version");
    if (!version || *version != "2019-10-30") return fail({}, "Version: must be \"2019-10-30\"");
    const json* actions = member(j, "Actions");
    if (!actions || !actions->is_array() || actions->empty()) return fail({}, "Actions: required, a non-empty array");
    if (actions->size() > kMaxFlowActions)
        return fail({}, "Actions: " + std::to_string(actions->size()) + " actions, more than the limit of " + std::to_string(kMaxFlowActions));
    Flow flow;
    flow.file = file;
    if (const json* start = member(j, "StartAction"); isString(start)) flow.startAction = start->get<std::string>();
    else return fail({}, "StartAction: required");

    for (std::size_t n = 0; n < actions->size(); ++n) {
        const json& ja = (*actions)[n];
        const std::string where = "Actions[" + std::to_string(n) + "]";
        if (!ja.is_object()) return fail(where, "not an object");
        FlowAction a;
        const json* id = member(ja, "Identifier");
        a.id = id && id->is_string() ? id->get<std::string>() : std::string();
        if (auto problem = identifierProblem(a.id); !problem.empty()) return fail(a.id.empty() ? where : a.id, problem);
        if (flow.index.count(a.id)) return fail(a.id, "Identifier: used by more than one action");
        const json* type = member(ja, "Type");
        if (!isString(type)) return fail(a.id, "Type: required");
        a.type = type->get<std::string>();
        if (!contains(supportedFlowActionTypes(), a.type)) return fail(a.id, "Type: " + a.type + " is not supported by connect-local");
        if (const json* p = member(ja, "Parameters")) {
            if (!p->is_object()) return fail(a.id, "Parameters: must be an object");
            a.parameters = *p;
        }
        const json* t = member(ja, "Transitions");
        if (t && !t->is_object()) return fail(a.id, "Transitions: must be an object");
        if (t) {
            if (const json* next = member(*t, "NextAction")) {
                if (!next->is_string()) return fail(a.id, "Transitions.NextAction: must be a string");
                a.next = next->get<std::string>();
            }
            if (const json* conds = member(*t, "Conditions")) {
                if (!conds->is_array()) return fail(a.id, "Transitions.Conditions: must be an array");
                for (const auto& jc : *conds) {
                    const json* cond = member(jc, "Condition");
                    const json* op = cond ? member(*cond, "Operator") : nullptr;
                    const json* operands = cond ? member(*cond, "Operands") : nullptr;
                    const json* next = member(jc, "NextAction");
                    if (!isString(next) || !op || !op->is_string() || !operands || !operands->is_array() || operands->size() != 1)
                        return fail(a.id, "Transitions.Conditions: each needs NextAction and Condition{Operator, Operands[1]}");
                    if (!contains(supportedFlowOperators(), op->get<std::string>()))
                        return fail(a.id, "Transitions.Conditions: operator " + op->get<std::string>() + " is not supported");
                    a.conditions.push_back({op->get<std::string>(), {operandText((*operands)[0])}, next->get<std::string>()});
                }
            }
            if (const json* errs = member(*t, "Errors")) {
                static const std::vector<std::string> known = {"NoMatchingError", "NoMatchingCondition", "QueueAtCapacity",
                                                               "InputTimeLimitExceeded"};
                if (!errs->is_array()) return fail(a.id, "Transitions.Errors: must be an array");
                for (const auto& je : *errs) {
                    const json* et = member(je, "ErrorType");
                    const json* next = member(je, "NextAction");
                    if (!isString(et) || !isString(next)) return fail(a.id, "Transitions.Errors: each needs ErrorType and NextAction");
                    if (!contains(known, et->get<std::string>()))
                        return fail(a.id, "Transitions.Errors: error type " + et->get<std::string>() + " is not supported");
                    a.errors.push_back({et->get<std::string>(), next->get<std::string>()});
                }
            }
        }
        if (auto problem = parameterProblem(a); !problem.empty()) return fail(a.id, problem);
        flow.index[a.id] = flow.actions.size();
        flow.actions.push_back(std::move(a));
    }

    // Every reference must name an action of this flow.
    if (!flow.index.count(flow.startAction)) return fail({}, "StartAction: no action \"" + flow.startAction + "\"");
    for (const auto& a : flow.actions) {
        auto broken = [&](const std::string& next) { return !next.empty() && !flow.index.count(next); };
        if (broken(a.next)) return fail(a.id, "Transitions.NextAction: no action \"" + a.next + "\"");
        for (const auto& c : a.conditions)
            if (broken(c.next)) return fail(a.id, "Transitions.Conditions: no action \"" + c.next + "\"");
        for (const auto& e : a.errors)
            if (broken(e.next)) return fail(a.id, "Transitions.Errors (" + e.type + "): no action \"" + e.next + "\"");
    }
    return flow;
}

const Flow* FlowLibrary::flow(std::string_view file) const {
    auto it = flows.find(std::string(file));
    return it == flows.end() ? nullptr : &it->second;
}

void FlowLibrary::add(std::string file, std::string_view text) {
    auto parsed = parseFlow(file, text);
    if (auto* f = std::get_if<Flow>(&parsed)) flows[file] = std::move(*f);
    else errors.push_back(std::get<FlowLoadError>(std::move(parsed)));
}

FlowLibrary FlowLibrary::loadDirectory(const std::string& dir) {
    namespace fs = std::filesystem;
    FlowLibrary lib;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        lib.errors.push_back({dir, {}, "not a directory"});
        return lib;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec) && entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) lib.errors.push_back({path.filename().string(), {}, "cannot be read"});
        else lib.add(path.filename().string(), text.str());
    }
    return lib;
}

FlowLibrary FlowLibrary::demo() {
    FlowLibrary lib;
    for (const auto& f : demo_files::kFlows) lib.add(f.name, f.text);
    return lib;
}

}  // namespace connect_local
