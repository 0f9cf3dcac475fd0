#include "finchat/template_data.h"

#include <algorithm>

#include "finchat/json.h"
#include "finchat/template_text.h"
#include "finchat/util.h"

namespace finchat {

namespace {

constexpr int kMaxAnswerDepth = 16;            // a list of flat objects needs 3
constexpr std::size_t kMaxAnswerBytes = 256 * 1024;

Error dataError(ErrorCode code, std::string detail) { return Error{code, std::move(detail), 0, {}}; }

}  // namespace

// The answers of one attempt, by placeholder use. Private to the resolver: provider data lives here
// only until the template is built.
class TemplateResolver::Values : public PlaceholderValues {
public:
    explicit Values(std::size_t calls) : answers(calls) {}
    const Json* valueOf(std::size_t use) const override {
        if (use >= callOfUse->size()) return nullptr;
        const auto& a = answers[(*callOfUse)[use]];
        return a ? &*a : nullptr;
    }
    std::vector<std::optional<Json>> answers;   // by call
    const std::vector<std::size_t>* callOfUse = nullptr;
};

TemplateResolver::TemplateResolver(DataProvider& provider, Clock& clock, std::string_view messageJson,
                                   ResolverOptions options)
    : provider_(provider), clock_(clock), options_(std::move(options)), fallbackSource_(messageJson),
      self_(std::make_shared<TemplateResolver*>(this)) {
    Result<TemplateMessage> m = parseTemplateMessage(messageJson);
    if (!m) {
        fail(FailureKind::Template, m.error(), false);
        return;
    }
    message_ = std::move(*m);
    for (const PlaceholderUse& use : message_->placeholders) {
        Json args = Json::object();
        for (const auto& [key, value] : use.placeholder.args) {
            if (value == "{id}") {
                if (!options_.pickedId) {
                    fail(FailureKind::Template,
                         dataError(ErrorCode::MissingField, use.path + ": {id} but nothing was picked"), false);
                    return;
                }
                args.set(key, *options_.pickedId);
            } else {
                args.set(key, value);
            }
        }
        Call call{use.placeholder.name, args.dump()};
        auto it = std::find(calls_.begin(), calls_.end(), call);
        callOfUse_.push_back(static_cast<std::size_t>(it - calls_.begin()));
        if (it == calls_.end()) calls_.push_back(std::move(call));
    }
}

TemplateResolver::~TemplateResolver() {
    if (timer_) clock_.cancelTimer(*timer_);
}

void TemplateResolver::start() {
    if (started_ || state_ != State::Loading) return;
    started_ = true;
    attempt();
}

void TemplateResolver::retry() {
    if (state_ != State::Failed || !failure_.retryable) return;
    state_ = State::Loading;
    changed();
    attempt();
}

void TemplateResolver::attempt() {
    const int current = ++attempt_;
    values_ = std::make_unique<Values>(calls_.size());
    values_->callOfUse = &callOfUse_;
    pending_ = calls_.size();
    if (pending_ == 0) return finish();
    std::weak_ptr<TemplateResolver*> weak = self_;
    timer_ = clock_.setTimer(options_.timeoutMs, [weak, current] {
        if (auto self = weak.lock()) (*self)->timedOut(current);
    });
    for (std::size_t i = 0; i < calls_.size(); ++i) {
        // A provider that (against the rule of providers.h) answers synchronously may end this attempt
        // inside the loop: then stop issuing its calls.
        if (attempt_ != current || state_ != State::Loading) return;
        provider_.call(calls_[i].name, calls_[i].argsJson, [weak, current, i](Result<std::string> result) {
            if (auto self = weak.lock()) (*self)->answered(current, i, std::move(result));
        });
    }
}

void TemplateResolver::answered(int attempt, std::size_t call, Result<std::string> result) {
    if (attempt != attempt_ || state_ != State::Loading || values_->answers[call]) return;   // late or repeated
    const std::string& name = calls_[call].name;
    if (!result) {
        // The provider's own message may name the partner's internals: only its kind is kept.
        return fail(FailureKind::Provider,
                    dataError(result.error().code, "$API:" + name + ": the data provider failed (" +
                                                     toString(result.error().code) + ")"),
                    true);
    }
    if (result->size() > kMaxAnswerBytes)
        return fail(FailureKind::BadData, dataError(ErrorCode::TooLarge, "$API:" + name + ": answer too large"), true);
    Json answer = Json::parse(*result, kMaxAnswerDepth);
    if (!answer.valid())
        return fail(FailureKind::BadData, dataError(ErrorCode::MalformedJson, "$API:" + name + ": answer is not JSON"), true);
    values_->answers[call] = std::move(answer);
    if (--pending_ == 0) finish();
}

void TemplateResolver::timedOut(int attempt) {
    timer_.reset();
    if (attempt != attempt_ || state_ != State::Loading) return;
    fail(FailureKind::Timeout,
         dataError(ErrorCode::Network, "data provider: no answer within " + decimal(options_.timeoutMs) + " ms"),
         true);
}

void TemplateResolver::finish() {
    if (timer_) clock_.cancelTimer(*timer_);
    timer_.reset();
    Result<InteractiveTemplate> built = buildTemplate(*message_, values_.get());
    values_.reset();   // the answers live on only inside the built template
    if (!built) return fail(FailureKind::BadData, built.error(), true);
    template_ = std::move(*built);
    state_ = State::Ready;
    changed();
}

void TemplateResolver::fail(FailureKind kind, Error error, bool retryable) {
    if (timer_) clock_.cancelTimer(*timer_);
    timer_.reset();
    values_.reset();
    template_.reset();
    failure_.kind = kind;
    failure_.error = std::move(error);
    failure_.retryable = retryable;
    const auto summary = summarizeTemplate(fallbackSource_);
    failure_.fallbackText = summary ? templateFallbackText(*summary) : std::string();
    state_ = State::Failed;
    changed();
}

void TemplateResolver::changed() {
    if (onChange) onChange();
}

// ---- PickedTitles ------------------------------------------------------------------------------

PickedTitles::PickedTitles(Storage* storage, std::string key) : storage_(storage), key_(std::move(key)) {}

void PickedTitles::remember(const std::string& id, const std::string& title) {
    if (id.empty()) return;
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.first == id; }),
                   entries_.end());
    entries_.emplace_back(id, truncateText(title, TemplateLimits::kTextChars));
    if (entries_.size() > kMaxEntries) entries_.erase(entries_.begin(), entries_.end() - kMaxEntries);
    save();
}

std::optional<std::string> PickedTitles::titleFor(std::string_view id) const {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
        if (it->first == id) return it->second;
    return std::nullopt;
}

void PickedTitles::clear() {
    entries_.clear();
    if (storage_) storage_->remove(key_);
}

std::string PickedTitles::snapshot() const {
    // An array of [id, title] pairs keeps the order (oldest first), which decides what is dropped.
    Json out = Json::array();
    for (const auto& [id, title] : entries_) {
        Json pair = Json::array();
        pair.push(id);
        pair.push(title);
        out.push(std::move(pair));
    }
    return out.dump();
}

void PickedTitles::restore(std::string_view snapshot) {
    entries_.clear();
    const Json in = Json::parse(snapshot, 4);
    for (const Json& pair : in.items()) {
        const auto& p = pair.items();
        if (p.size() != 2 || !p[0].isString() || !p[1].isString() || p[0].asString().empty()) continue;
        entries_.emplace_back(p[0].asString(), truncateText(p[1].asString(), TemplateLimits::kTextChars));
    }
    if (entries_.size() > kMaxEntries) entries_.erase(entries_.begin(), entries_.end() - kMaxEntries);
}

void PickedTitles::restore() {
    if (!storage_) return;
    if (auto saved = storage_->get(key_)) restore(*saved);
}

void PickedTitles::save() {
    if (storage_) storage_->set(key_, snapshot());
}

}  // namespace finchat
