// finchat/template_data.h: filling a template's `$API:` placeholders from the partner's data provider,
// and remembering what the customer picked (system.md §4).
//
// A bot may put `$API:Name` or `$API:Name(arg=value,...)` in a display field of a template, or as a
// whole `elements` list (grammar: finchat/interactive.h parsePlaceholder). A TemplateResolver does the
// work for one template message:
//   - lists the distinct provider calls it needs (`{id}` arguments filled in with the opaque id of the
//     item the customer picked last, given by the owner);
//   - issues them through finchat::DataProvider (providers.h) with one time limit on the Clock
//     (8 s by default);
//   - checks what came back (JSON; strings for fields; for lists: arrays of objects with an opaque
//     string `id` and a non-empty string `title`, optional string subtitle and image fields; counts
//     and lengths as interactive.h) and builds the InteractiveTemplate;
//   - exposes Loading / Ready(template) / Failed(readable fallback, retry()).
//
// "Nothing a data provider returns leaves the browser" holds by construction:
//   - provider answers are parsed and kept only inside the resolver until the template is built,
//     then dropped; the result is an InteractiveTemplate, which has no encoder of any kind;
//   - the only strings built for the wire are TemplateReply contents, made in buildTemplate from
//     bot-supplied fields or, for data-bound options, from the opaque id alone;
//   - the customer's own bubble for a data-bound pick reads the title from PickedTitles, a local map
//     kept in the platform Storage (sessionStorage), which no request, frame, event or log sees.
// Owners must keep it that way: never put a template's display strings into a request, an event, the
// conversation snapshot, an escalation transcript or a log line.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finchat/interactive.h"
#include "finchat/markdown.h"
#include "finchat/platform.h"
#include "finchat/providers.h"
#include "finchat/result.h"

namespace finchat {

struct ResolverOptions {
    std::int64_t timeoutMs = 8000;            // for all of one attempt's provider calls together
    std::optional<std::string> pickedId;      // what `{id}` means: the id the customer picked last
};

class TemplateResolver {
public:
    enum class State { Loading, Ready, Failed };
    enum class FailureKind {
        Template,   // the bot's message cannot be shown as a template (malformed, unknown type...): final
        Provider,   // the data provider answered with an error (unknown name, partner API down...)
        Timeout,    // no answer within timeoutMs
        BadData,    // the answer had the wrong shape (types, counts, lengths)
    };
    struct Failure {
        FailureKind kind = FailureKind::Template;
        Error error;                 // for logs: names paths and provider names, never values
        std::string fallbackText;    // what is readable in the bot's message (template_text.h
                                     // templateFallbackText; the widget builds its own rich fallback)
        bool retryable = false;      // offer "Try again"
    };
    struct Call {
        std::string name;            // the provider function
        std::string argsJson;        // JSON object of string arguments
        bool operator==(const Call&) const = default;
    };

    // Parses the message; issues nothing until start().
    TemplateResolver(DataProvider& provider, Clock& clock, std::string_view messageJson, ResolverOptions options = {});
    ~TemplateResolver();
    TemplateResolver(const TemplateResolver&) = delete;
    TemplateResolver& operator=(const TemplateResolver&) = delete;

    // Loading → issues the calls (or builds at once when there are none). Once only; later calls do nothing.
    void start();
    // Failed and retryable → Loading: a new attempt with fresh calls; answers to earlier ones are ignored.
    void retry();

    State state() const { return state_; }
    const InteractiveTemplate* ready() const { return state_ == State::Ready ? &*template_ : nullptr; }
    const Failure* failure() const { return state_ == State::Failed ? &failure_ : nullptr; }
    // The distinct calls this template needs (empty for Connect's own templates).
    const std::vector<Call>& calls() const { return calls_; }
    int attempts() const { return attempt_; }

    // Called after every state change (Ready or Failed; Loading again after retry()).
    std::function<void()> onChange;

private:
    class Values;
    void attempt();
    void answered(int attempt, std::size_t call, Result<std::string> result);
    void timedOut(int attempt);
    void finish();
    void fail(FailureKind kind, Error error, bool retryable);
    void changed();

    DataProvider& provider_;
    Clock& clock_;
    ResolverOptions options_;
    std::string fallbackSource_;                     // the bot's JSON, for the readable fallback
    std::optional<TemplateMessage> message_;
    std::vector<Call> calls_;
    std::vector<std::size_t> callOfUse_;             // placeholder use -> index in calls_
    std::unique_ptr<Values> values_;                 // this attempt's answers (dropped when built)
    std::size_t pending_ = 0;
    State state_ = State::Loading;
    bool started_ = false;
    int attempt_ = 0;
    std::optional<Clock::TimerId> timer_;
    std::optional<InteractiveTemplate> template_;
    Failure failure_;
    std::shared_ptr<TemplateResolver*> self_;        // callbacks hold a weak_ptr: safe after destruction
};

// The customer's own bubble for a data-bound pick shows the option's title, which never goes on the
// wire (the reply is its opaque id). This map keeps id → title locally: in memory and in the platform
// Storage under `key` (sessionStorage in the browser), so the bubble still reads "Everyday Checking"
// after a reload. Bounded (the most recent kMaxEntries); titles are truncated as displayed.
class PickedTitles {
public:
    static constexpr std::size_t kMaxEntries = 200;
    PickedTitles(Storage* storage, std::string key);

    void remember(const std::string& id, const std::string& title);
    std::optional<std::string> titleFor(std::string_view id) const;
    void clear();
    // The local snapshot (a JSON object) and its restore; restore() with no argument reads the Storage.
    // A damaged snapshot is ignored (the map starts empty): titles are a convenience, ids still show.
    std::string snapshot() const;
    void restore(std::string_view snapshot);
    void restore();
    std::size_t size() const { return entries_.size(); }

private:
    void save();
    Storage* storage_;
    std::string key_;
    std::vector<std::pair<std::string, std::string>> entries_;   // oldest first
};

}  // namespace finchat
