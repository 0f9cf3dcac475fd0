#include "connect_local/flow_runner.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace connect_local {

using finchat::ContentKind;
using nlohmann::json;

namespace {
constexpr int kMaxStepsWithoutInput = 200;   // a loop that never waits for the customer ends the contact
constexpr const char* kLocale = "en_US";

std::string text(const json& params, const char* key) {
    auto it = params.find(key);
    return it != params.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::string text(const json& params, const char* object, const char* key) {
    auto it = params.find(object);
    return it != params.end() && it->is_object() ? text(*it, key) : std::string();
}

std::optional<double> number(const std::string& s) {
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return std::nullopt;
    return v;
}

// Connect's condition operators, on the resolved value and the condition's operand.
bool holds(const FlowCondition& c, const std::string& value) {
    const std::string& operand = c.operands.empty() ? std::string() : c.operands[0];
    if (c.op == "Equals") return value == operand;
    if (c.op == "TextContains") return value.find(operand) != std::string::npos;
    if (c.op == "TextStartsWith") return value.rfind(operand, 0) == 0;
    if (c.op == "TextEndsWith") return value.size() >= operand.size() && value.compare(value.size() - operand.size(), operand.size(), operand) == 0;
    const auto a = number(value), b = number(operand);
    if (!a || !b) return false;
    if (c.op == "NumberGreaterThan") return *a > *b;
    if (c.op == "NumberLessThan") return *a < *b;
    if (c.op == "NumberGreaterOrEqualTo") return *a >= *b;
    if (c.op == "NumberLessOrEqualTo") return *a <= *b;
    return false;
}

const FlowCondition* firstHolding(const FlowAction& a, const std::string& value) {
    for (const auto& c : a.conditions)
        if (holds(c, value)) return &c;
    return nullptr;
}

std::string lookup(const std::map<std::string, std::string>& m, std::string_view key, bool* found) {
    auto it = m.find(std::string(key));
    if (it == m.end()) return {};
    if (found) *found = true;
    return it->second;
}
}  // namespace

ContentKind chatKindOfLexMessage(const LexMessage& m) {
    if (m.kind == LexMessage::Kind::PlainText) return ContentKind::TextPlain;
    const json payload = json::parse(m.content, nullptr, false);
    if (payload.is_object() && payload.contains("templateType")) return ContentKind::Interactive;
    if (payload.is_object() && payload.contains("finaptic")) return ContentKind::Json;
    return ContentKind::TextPlain;
}

FlowRunner::~FlowRunner() {
    for (auto& [id, run] : runs_)
        if (run.waiting) center_.cancel(run.waiting->timer);
}

void FlowRunner::log(const Run& run, const std::string& line) const {
    // UpdateFlowLoggingBehavior decides, as in Connect (errors that end a contact are always logged).
    if (log_ && run.logging) log_("flow " + run.flow->file + " contact " + run.contactId + ": " + line);
}

void FlowRunner::start(const std::string& contactId, const Flow& flow, std::string initialMessage) {
    Run run;
    run.flow = &flow;
    run.contactId = contactId;
    run.initialMessage = std::move(initialMessage);
    runs_[contactId] = std::move(run);
    advance(contactId, flow.startAction);
}

void FlowRunner::forget(const std::string& contactId) {
    auto it = runs_.find(contactId);
    if (it == runs_.end()) return;
    if (it->second.waiting) center_.cancel(it->second.waiting->timer);
    runs_.erase(it);
}

void FlowRunner::fail(Run& run, const std::string& why) {
    if (log_) log_("flow " + run.flow->file + " contact " + run.contactId + ": error: " + why + "; the contact is disconnected");
    const std::string id = run.contactId;
    forget(id);
    center_.endContact(id);
}

void FlowRunner::advance(const std::string& contactId, std::string next) {
    for (int steps = 0;; ++steps) {
        auto it = runs_.find(contactId);
        if (it == runs_.end()) return;
        Run& run = it->second;
        auto summary = center_.contactSummary(contactId);
        if (!summary || summary->state == ContactState::Ended) return forget(contactId);
        if (next.empty()) {
            // Connect disconnects a contact whose flow ends without handing it anywhere.
            log(run, "the flow ended; the contact is disconnected");
            forget(contactId);
            return center_.endContact(contactId);
        }
        if (steps >= kMaxStepsWithoutInput)
            return fail(run, std::to_string(kMaxStepsWithoutInput) + " actions without waiting for the customer (a loop?)");
        const FlowAction* action = run.flow->action(next);
        if (!action) return fail(run, "no action \"" + next + "\"");   // parseFlow refuses this; kept for safety
        Step step = execute(run, *action);
        if (step.kind != Step::Next) return;
        if (auto again = runs_.find(contactId); again != runs_.end())
            log(again->second, "action \"" + action->id + "\" (" + action->type + ") -> \"" + step.next + "\"");
        next = std::move(step.next);
    }
}

FlowRunner::Step FlowRunner::branch(Run& run, const FlowAction& action, std::string_view errorType) {
    if (const std::string* next = action.errorBranch(errorType)) {
        log(run, "action \"" + action.id + "\" (" + action.type + "): " + std::string(errorType));
        return {Step::Next, *next};
    }
    fail(run, "action \"" + action.id + "\" (" + action.type + "): " + std::string(errorType) + " and no branch for it");
    return {Step::Done, {}};
}

const QueueConfig* FlowRunner::queueOf(const Run& run, std::string_view ref) const {
    auto summary = center_.contactSummary(run.contactId);
    const InstanceConfig* inst = summary ? center_.configuration().instance(summary->instance) : nullptr;
    return inst ? inst->queue(ref) : nullptr;
}

FlowRunner::Step FlowRunner::execute(Run& run, const FlowAction& a) {
    const json& p = a.parameters;
    const std::string& t = a.type;
    if (t == "UpdateFlowLoggingBehavior") {
        run.logging = text(p, "FlowLoggingBehavior") == "Enabled";
        return {Step::Next, a.next};
    }
    if (t == "MessageParticipant") {
        std::string message = interpolate(run, text(p, "Text"));
        if (message.empty()) return branch(run, a, "NoMatchingError");
        center_.sendSystemMessage(run.contactId, SystemSender::FlowPrompt, ContentKind::TextPlain, std::move(message));
        return {Step::Next, a.next};
    }
    if (t == "UpdateContactTargetQueue") {
        const QueueConfig* q = queueOf(run, interpolate(run, text(p, "QueueId")));
        if (!q) return branch(run, a, "NoMatchingError");
        run.targetQueue = q->id;
        return {Step::Next, a.next};
    }
    if (t == "TransferContactToQueue") {
        if (run.targetQueue.empty()) return branch(run, a, "NoMatchingError");
        switch (center_.enqueue(run.contactId, run.targetQueue)) {
            case EnqueueResult::Queued: {
                // The contact leaves the flow for the queue (the block has no success branch).
                log(run, "action \"" + a.id + "\" (" + t + "): queued in " + run.targetQueue);
                forget(run.contactId);
                return {Step::Done, {}};
            }
            case EnqueueResult::AtCapacity: return branch(run, a, "QueueAtCapacity");
            default: return branch(run, a, "NoMatchingError");
        }
    }
    if (t == "DisconnectParticipant") {
        log(run, "action \"" + a.id + "\" (" + t + ")");
        const std::string id = run.contactId;
        forget(id);
        center_.endContact(id);
        return {Step::Done, {}};
    }
    if (t == "UpdateContactAttributes") {
        auto* attributes = center_.attributes(run.contactId);
        if (!attributes) return branch(run, a, "NoMatchingError");
        // All or nothing: every value is computed before any is set.
        std::map<std::string, std::string> updated = *attributes;
        for (auto it = p["Attributes"].begin(); it != p["Attributes"].end(); ++it)
            updated[it.key()] = interpolate(run, it->get<std::string>());
        std::size_t bytes = 0;
        for (const auto& [k, v] : updated) bytes += k.size() + v.size();
        if (bytes > 32'768) return branch(run, a, "NoMatchingError");
        *attributes = std::move(updated);
        return {Step::Next, a.next};
    }
    if (t == "Compare") {
        const std::string path = text(p, "ComparisonValue");
        const std::string value = path.rfind("$.", 0) == 0 ? resolve(run, path) : interpolate(run, path);
        if (const FlowCondition* c = firstHolding(a, value)) return {Step::Next, c->next};
        return branch(run, a, "NoMatchingCondition");
    }
    if (t == "CheckHoursOfOperation") {
        auto summary = center_.contactSummary(run.contactId);
        const InstanceConfig* inst = summary ? center_.configuration().instance(summary->instance) : nullptr;
        const std::string ref = interpolate(run, text(p, "HoursOfOperationId"));
        const HoursConfig* hours = nullptr;
        bool open = true;   // a queue without hours is open around the clock
        if (!ref.empty()) {
            hours = inst ? inst->hoursOfOperation(ref) : nullptr;
            if (!hours) return branch(run, a, "NoMatchingError");
        } else {
            const QueueConfig* q = run.targetQueue.empty() ? nullptr : queueOf(run, run.targetQueue);
            if (!q) return branch(run, a, "NoMatchingError");
            if (!q->hours.empty()) hours = inst->hoursOfOperation(q->hours);
        }
        if (hours) open = hours->openAt(center_.nowMs());
        if (const FlowCondition* c = firstHolding(a, open ? "True" : "False")) return {Step::Next, c->next};
        return branch(run, a, "NoMatchingCondition");
    }
    if (t == "CheckMetricData") {
        const std::string ref = interpolate(run, text(p, "QueueId"));
        const QueueConfig* q = queueOf(run, ref.empty() ? run.targetQueue : ref);
        auto summary = center_.contactSummary(run.contactId);
        if (!q || !summary) return branch(run, a, "NoMatchingError");
        const QueueMetrics m = center_.queueMetrics(summary->instance, q->id);
        const std::string metric = text(p, "MetricType");
        std::int64_t value = 0;
        if (metric == "NumberOfAgentsAvailable") value = m.agentsAvailable;
        else if (metric == "NumberOfAgentsStaffed") value = m.agentsStaffed;
        else if (metric == "NumberOfAgentsOnline") value = m.agentsOnline;
        else if (metric == "NumberOfContactsInQueue") value = m.contactsInQueue;
        else value = m.oldestContactAgeSeconds;
        if (const FlowCondition* c = firstHolding(a, std::to_string(value))) return {Step::Next, c->next};
        return branch(run, a, "NoMatchingCondition");
    }
    if (t == "ConnectParticipantWithLexBot") return connectLexBot(run, a);
    return branch(run, a, "NoMatchingError");   // parseFlow admits only the types above
}

// --- ConnectParticipantWithLexBot -----------------------------------------------------------
FlowRunner::Step FlowRunner::connectLexBot(Run& run, const FlowAction& a) {
    const json& p = a.parameters;
    Waiting w;
    w.action = a.id;
    if (const std::string arn = text(p, "LexV2Bot", "AliasArn"); !arn.empty()) {
        w.bot = center_.configuration().botForAlias(arn);
        w.alias = arn.substr(arn.rfind('/') + 1);
    } else {
        w.bot = text(p, "LexBot", "Name");
        w.alias = text(p, "LexBot", "Alias");
    }
    if (w.alias.empty() || w.alias == w.bot) w.alias = "TSTALIASID";
    if (!bots_ || !bots_->hasBot(w.bot)) return branch(run, a, "NoMatchingError");

    // Session attributes: what the bot kept from earlier turns, then what this block sets.
    w.sessionAttributes = run.lex.sessionAttributes;
    if (auto s = p.find("LexSessionAttributes"); s != p.end())
        for (auto it = s->begin(); it != s->end(); ++it)
            if (it->is_string()) w.sessionAttributes[it.key()] = interpolate(run, it->get<std::string>());
    if (const std::string seconds = interpolate(run, text(p, "LexTimeoutSeconds", "Text")); !seconds.empty()) {
        const auto n = number(seconds);
        if (!n || *n <= 0) return branch(run, a, "NoMatchingError");
        w.timeoutMs = static_cast<std::int64_t>(*n * 1000);
    }
    if (const std::string prompt = interpolate(run, text(p, "Text")); !prompt.empty())
        center_.sendSystemMessage(run.contactId, SystemSender::FlowPrompt, ContentKind::TextPlain, prompt);

    w.generation = ++run.generation;
    run.waiting = std::move(w);
    armTimeout(run);
    log(run, "action \"" + a.id + "\" (" + a.type + "): waiting for the customer");

    // LexInitializationData.InitialMessage (chat only) primes the bot with the customer's first words.
    if (const std::string first = interpolate(run, text(p, "LexInitializationData", "InitialMessage")); !first.empty()) {
        const std::string id = run.contactId;
        const std::uint64_t generation = run.generation;
        center_.after(0, [this, id, generation, first] { lexTurn(id, generation, first); });
    }
    return {Step::Wait, {}};
}

void FlowRunner::armTimeout(Run& run) {
    Waiting& w = *run.waiting;
    center_.cancel(w.timer);
    if (w.timeoutMs <= 0) return;
    const std::string id = run.contactId;
    const std::uint64_t generation = w.generation;
    w.timer = center_.after(w.timeoutMs, [this, id, generation] {
        auto it = runs_.find(id);
        if (it == runs_.end() || !it->second.waiting || it->second.waiting->generation != generation) return;
        Run& r = it->second;
        r.waiting->timer = 0;
        const FlowAction* a = r.flow->action(r.waiting->action);
        r.waiting.reset();
        Step step = branch(r, *a, "InputTimeLimitExceeded");
        if (step.kind == Step::Next) advance(id, step.next);
    });
}

bool FlowRunner::customerText(const std::string& contactId, const std::string& message) {
    auto it = runs_.find(contactId);
    if (it == runs_.end() || !it->second.waiting) return false;
    Run& run = it->second;
    armTimeout(run);   // the inactivity timeout counts from the customer's last message
    const std::uint64_t generation = run.waiting->generation;
    // The bot answers on the next turn, as it would from another service.
    center_.after(0, [this, contactId, generation, message] { lexTurn(contactId, generation, message); });
    return true;
}

void FlowRunner::lexTurn(const std::string& contactId, std::uint64_t generation, const std::string& message) {
    auto it = runs_.find(contactId);
    if (it == runs_.end() || !it->second.waiting || it->second.waiting->generation != generation) return;
    Run& run = it->second;
    auto summary = center_.contactSummary(contactId);
    if (!summary || summary->state != ContactState::InFlow) return forget(contactId);
    Waiting& w = *run.waiting;
    const FlowAction* a = run.flow->action(w.action);
    auto answer = bots_ ? bots_->recognizeText(w.bot, w.alias, kLocale, contactId, message, w.sessionAttributes)
                        : std::variant<LexTurn, LexError>(LexError{"ResourceNotFoundException", "no bots"});
    if (auto* error = std::get_if<LexError>(&answer)) {
        center_.cancel(w.timer);
        run.waiting.reset();
        log(run, "action \"" + a->id + "\": the bot answered " + error->type);
        Step step = branch(run, *a, "NoMatchingError");
        if (step.kind == Step::Next) advance(contactId, step.next);
        return;
    }
    LexTurn& turn = std::get<LexTurn>(answer);
    for (const auto& m : turn.messages) center_.sendSystemMessage(contactId, SystemSender::LexBot, chatKindOfLexMessage(m), m.content);
    w.sessionAttributes = turn.sessionAttributes;
    run.lex.sessionAttributes = turn.sessionAttributes;
    if (!turn.conversationEnded()) return;   // the bot asks again; keep waiting

    run.lex.intentName = turn.intentName;
    run.lex.slots = turn.slots;
    run.lex.confidence.clear();
    for (const auto& i : turn.interpretations)
        if (i.intentName == turn.intentName && i.nluConfidence > 0) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.2f", i.nluConfidence);
            run.lex.confidence = buf;
            break;
        }
    center_.cancel(w.timer);
    run.waiting.reset();
    log(run, "action \"" + a->id + "\": intent " + turn.intentName);
    const FlowCondition* c = firstHolding(*a, turn.intentName);
    Step step = c ? Step{Step::Next, c->next} : branch(run, *a, "NoMatchingCondition");
    if (step.kind == Step::Next) advance(contactId, step.next);
}

// --- $. references --------------------------------------------------------------------------
std::string FlowRunner::resolve(const Run& run, std::string_view path, bool* found) const {
    auto after = [&](std::string_view prefix, std::string_view& rest) {
        if (path.rfind(prefix, 0) != 0) return false;
        rest = path.substr(prefix.size());
        return true;
    };
    std::string_view key;
    if (after("$.Attributes.", key)) {
        auto* attributes = center_.attributes(run.contactId);
        return attributes ? lookup(*attributes, key, found) : std::string();
    }
    if (after("$.Lex.Slots.", key)) return lookup(run.lex.slots, key, found);
    if (after("$.Lex.SessionAttributes.", key)) return lookup(run.lex.sessionAttributes, key, found);
    auto known = [&](std::string value) {
        if (found) *found = true;
        return value;
    };
    if (path == "$.Lex.IntentName") return known(run.lex.intentName);
    if (path == "$.Lex.IntentConfidence.Score") return known(run.lex.confidence);
    if (path == "$.Media.InitialMessage") return known(run.initialMessage);
    if (path == "$.Channel") return known("CHAT");
    auto summary = center_.contactSummary(run.contactId);
    if (!summary) return {};
    if (path == "$.ContactId") return known(summary->currentId);
    if (path == "$.InitialContactId") return known(summary->initialId);
    if (path == "$.CustomerEndpoint.DisplayName" || path == "$.Customer.DisplayName") return known(summary->customerName);
    if (path == "$.Queue.Name" || path == "$.Queue.ARN") {
        const QueueConfig* q = run.targetQueue.empty() ? nullptr : queueOf(run, run.targetQueue);
        return q ? known(path == "$.Queue.Name" ? q->name : q->arn) : std::string();
    }
    return {};
}

// Connect's `$.` interpolation in text parameters: every `$.Path.To.Value` is replaced by its value
// (empty when unknown). A path is letters, digits, '_', '-' and '.', without a trailing '.' (so a
// reference can end a sentence).
std::string FlowRunner::interpolate(const Run& run, std::string_view in) const {
    std::string out;
    std::size_t i = 0;
    while (i < in.size()) {
        const std::size_t at = in.find("$.", i);
        if (at == std::string_view::npos) break;
        out.append(in.substr(i, at - i));
        std::size_t end = at + 2;
        while (end < in.size() && (std::isalnum(static_cast<unsigned char>(in[end])) || in[end] == '_' || in[end] == '-' || in[end] == '.')) ++end;
        while (end > at + 2 && in[end - 1] == '.') --end;
        if (end == at + 2) {
            out.append("$.");
        } else {
            out.append(resolve(run, in.substr(at, end - at)));
        }
        i = end;
    }
    out.append(in.substr(std::min(i, in.size())));
    return out;
}

}  // namespace connect_local
