// connect_local/lex_runtime.h: the one contract between Amazon Lex V2 bots as connect-local runs them
// and their two users: the contact-flow runner (ConnectParticipantWithLexBot relays a chat to a bot
// turn by turn) and the Lex V2 runtime endpoint (RecognizeText at Lex's real REST path).
//
// Field names follow Lex V2's RecognizeText response (messages, sessionState.intent{name,state,slots},
// sessionState.dialogAction, interpretations[].nluConfidence), so the endpoint is a plain encoding of
// a LexTurn and the flow runner reads the same values Connect exposes as $.Lex.IntentName,
// $.Lex.Slots.x and $.Lex.SessionAttributes.x.
//
// Like the rest of connect-local it is single-threaded and synchronous: a turn is computed in the
// call (no Lambda code hooks, no network).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace connect_local {

struct LexMessage {
    enum class Kind { PlainText, CustomPayload };   // Lex's contentType "PlainText" / "CustomPayload"
    Kind kind = Kind::PlainText;
    std::string content;   // CustomPayload: the JSON text (a Connect interactive template)
};

struct LexInterpretation {
    std::string intentName;
    double nluConfidence = 0;   // 0..1; Lex omits it for AMAZON.FallbackIntent
};

// A slot's value as Lex reports it: originalValue is what the customer typed, interpretedValue the
// value used (the slot type's own value with TOP_RESOLUTION), resolvedValues the slot type's values
// it matched.
struct LexSlotValue {
    std::string originalValue;
    std::string interpretedValue;
    std::vector<std::string> resolvedValues;
};

// One answer of the bot to one customer utterance.
struct LexTurn {
    std::vector<LexMessage> messages;
    std::string intentName;    // what Lex settled on (the FallbackIntent's name below the threshold)
    std::string intentState;   // "InProgress" | "ReadyForFulfillment" | "Fulfilled" | "Failed"
    std::string dialogAction;  // "ElicitSlot" | "ElicitIntent" | "ConfirmIntent" | "Close"
    std::string slotToElicit;  // with ElicitSlot
    std::map<std::string, std::string> slots;              // slot name -> interpreted value
    std::map<std::string, std::string> sessionAttributes;  // as passed in, plus what the bot set
    std::vector<LexInterpretation> interpretations;       // best first
    // Every slot of the intent (filled ones with their value; Lex's RecognizeText lists unfilled
    // slots as null), for encoders that need more than `slots`.
    std::map<std::string, std::optional<LexSlotValue>> slotValues;
    // The Lex conversation is over (the intent closed): a flow continues with this turn's intent.
    bool conversationEnded() const { return dialogAction == "Close"; }
};

// A Lex-shaped error: type is ResourceNotFoundException, ValidationException, ...
struct LexError {
    std::string type;
    std::string message;
};

class LexBots {
public:
    virtual ~LexBots() = default;
    // botId: the bot's name or its identifier from Bot.json.
    virtual bool hasBot(std::string_view botId) const = 0;
    // One turn of the session `sessionId` (state is kept per bot and session until the intent closes
    // or the bot's idleSessionTTLInSeconds passes). aliasId: TSTALIASID or any alias id is accepted.
    virtual std::variant<LexTurn, LexError> recognizeText(
        std::string_view botId, std::string_view aliasId, std::string_view localeId,
        std::string_view sessionId, std::string_view text,
        const std::map<std::string, std::string>& sessionAttributes) = 0;
};

}  // namespace connect_local
