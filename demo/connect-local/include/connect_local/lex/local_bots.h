// connect_local/lex/local_bots.h: connect-local's LexBots: the bots of bot_definition.h, run turn by
// turn the way Lex V2 runs a bot without code hooks.
//
// A turn (recognizeText):
//   1. The session (per bot, locale and session id) is dropped when idle for longer than the bot's
//      idleSessionTTLInSeconds. Session attributes passed in replace the stored ones when not empty.
//   2. While a slot is being elicited, a reply that names one of its slot type's values or synonyms
//      fills it. Otherwise the reply is classified: an utterance clearly meant for another intent
//      (confidence at or above max(threshold, 0.5)) switches to it; otherwise the reply is taken as
//      it stands for an ORIGINAL_VALUE slot type, AMAZON.FreeFormInput or (with digits)
//      AMAZON.Number, or the prompt is repeated, and after maxRetries failed tries the
//      FallbackIntent answers (as Lex invokes it after failed elicitation).
//   3. Otherwise the text is classified: below nluConfidenceThreshold the FallbackIntent is
//      inserted first (without a confidence, as Lex does); slots whose values appear in the
//      utterance are filled from it.
//   4. Then: the intent's initial response (first turn of the intent), the prompt of the first
//      Required slot still empty in slotPriorities order (ElicitSlot, InProgress), or the closing
//      response (Close, Fulfilled), after which the session forgets the intent but keeps its
//      session attributes.
// Each message group answers with its message or one of its variations, chosen at random as Lex
// does; the generator is seeded per session from the bots' message seed and the session's key, so
// a session's replies are reproducible and tests can see every variation.
// In messages, {SlotName} is replaced by the slot's interpreted value, as Lex does; other braces
// (the data-bound templates' {id}) are left for the widget.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "connect_local/lex/bot_definition.h"
#include "connect_local/lex_runtime.h"
#include "finchat/platform.h"

namespace connect_local::lex {

class LocalLexBots final : public LexBots {
public:
    explicit LocalLexBots(const finchat::Clock& clock, std::uint64_t messageSeed = 0) : clock_(clock), messageSeed_(messageSeed) {}

    // A bot with the same name or identifier as one already added replaces it.
    void add(BotDefinition bot);
    const std::vector<BotDefinition>& bots() const { return bots_; }
    std::size_t sessionCount() const { return sessions_.size(); }

    bool hasBot(std::string_view botId) const override;
    std::variant<LexTurn, LexError> recognizeText(std::string_view botId, std::string_view aliasId,
                                                  std::string_view localeId, std::string_view sessionId,
                                                  std::string_view text,
                                                  const std::map<std::string, std::string>& sessionAttributes) override;

private:
    struct Session {
        int intent = -1;   // index into the locale's intents while one is in progress
        std::string slotToElicit;
        int retries = 0;
        std::map<std::string, LexSlotValue> slots;
        std::map<std::string, std::string> attributes;
        std::int64_t lastActiveMs = 0;
        std::uint64_t variationState = 0;   // picks message variations (splitmix64)
    };
    const BotDefinition* find(std::string_view botId) const;
    void sweep(std::int64_t nowMs);

    const finchat::Clock& clock_;
    std::uint64_t messageSeed_;
    std::vector<BotDefinition> bots_;
    std::map<std::string, Session> sessions_;   // bot name '\n' locale '\n' session id
    std::uint64_t turns_ = 0;
};

// The stand-in for the one code hook the demo bot needs. Lex V2 has no notion of "now", so a
// TimePicker of a specialist's free call slots cannot live in a bot export: in AWS a dialog code
// hook (a Lambda asking the bank's calendar) returns the prompt with its slots. connect-local runs
// no Lambdas; instead, a TimePicker custom payload whose `timeslots` is an EMPTY array is filled
// here with upcomingCallSlots(now): the next two working days (UTC, Monday to Friday, from
// tomorrow) at 09:00, 11:00, 14:00 and 16:00 UTC, 30 minutes each. So every slot offered is in the
// future, on the Clock connect-local runs on. Any other payload is returned unchanged.
std::vector<std::int64_t> upcomingCallSlots(std::int64_t nowMs);
std::string fillCallSlots(const std::string& payload, std::int64_t nowMs);

// Matches `text` against a slot type's values and synonyms (case and punctuation ignored): the
// whole text first, else the longest value appearing in it as whole words. nullopt: no match.
std::optional<LexSlotValue> matchSlotValue(const SlotTypeDefinition& type, std::string_view text, bool wholeOnly);

}  // namespace connect_local::lex
