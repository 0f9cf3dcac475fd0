// connect_local/flow_runner.h: runs contact flows (flow.h) on contacts, through the Connect
// primitives (contact_center.h) and the Lex bots (lex_runtime.h).
//
// A contact runs its flow from StartAction, action after action, until the flow hands it to a queue
// (TransferContactToQueue), ends it (DisconnectParticipant, or a transition to nowhere, as in
// Connect), or waits for the customer in ConnectParticipantWithLexBot. There customer texts go to the
// bot turn by turn (sessionId = the contact id) and the bot's messages come back into the chat as
// SYSTEM "BOT"; when the bot's conversation ends the intent, slots and session attributes become
// $.Lex.* and the block branches on the intent name. Everything happens on the service clock.
//
// Errors a flow meets at run time take the action's error branch (NoMatchingError, ...); an action
// without that branch, or a flow that runs 200 actions without waiting for the customer, ends the
// contact (Connect disconnects a contact whose flow fails) and is logged with the file and action.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "connect_local/contact_center.h"
#include "connect_local/flow.h"
#include "connect_local/lex_runtime.h"

namespace connect_local {

// How a Lex message appears in the chat: PlainText -> text/plain; CustomPayload with `templateType`
// -> an interactive message; CustomPayload with a top-level `finaptic` key (the escalation signal)
// -> application/json; any other CustomPayload -> its text as text/plain.
finchat::ContentKind chatKindOfLexMessage(const LexMessage& m);

class FlowRunner {
public:
    explicit FlowRunner(ContactCenter& center) : center_(center) {}
    ~FlowRunner();

    void setLexBots(LexBots* bots) { bots_ = bots; }
    // Lines for the operator (stderr in connect-local): action ids, types, branches; never message text.
    void setLog(std::function<void(const std::string&)> log) { log_ = std::move(log); }

    // Runs `flow` for a contact that has just started; `initialMessage` is $.Media.InitialMessage.
    void start(const std::string& contactId, const Flow& flow, std::string initialMessage);
    // A customer's text message. True when a Lex block of the contact's flow takes it.
    bool customerText(const std::string& contactId, const std::string& text);
    // The contact ended (or left the flow): drop its state and timers.
    void forget(const std::string& contactId);
    bool running(const std::string& contactId) const { return runs_.count(contactId) != 0; }

private:
    struct LexState {
        std::string intentName, confidence;
        std::map<std::string, std::string> slots, sessionAttributes;
    };
    struct Waiting {   // a ConnectParticipantWithLexBot block waiting for the customer
        std::string action, bot, alias;
        std::map<std::string, std::string> sessionAttributes;
        std::int64_t timeoutMs = 0;
        ContactCenter::TimerId timer = 0;
        std::uint64_t generation = 0;
    };
    struct Run {
        const Flow* flow = nullptr;
        std::string contactId, initialMessage, targetQueue;
        bool logging = false;
        LexState lex;
        std::optional<Waiting> waiting;
        std::uint64_t generation = 0;
    };
    // What an action leads to: the next action, waiting for the customer, or nothing more (the
    // contact was queued or ended).
    struct Step {
        enum Kind { Next, Wait, Done } kind = Done;
        std::string next;
    };

    void advance(const std::string& contactId, std::string next);
    Step execute(Run& run, const FlowAction& action);
    Step branch(Run& run, const FlowAction& action, std::string_view errorType);
    Step connectLexBot(Run& run, const FlowAction& action);
    void lexTurn(const std::string& contactId, std::uint64_t generation, const std::string& text);
    void armTimeout(Run& run);
    void fail(Run& run, const std::string& why);   // ends the contact

    std::string resolve(const Run& run, std::string_view path, bool* found = nullptr) const;
    std::string interpolate(const Run& run, std::string_view text) const;
    const QueueConfig* queueOf(const Run& run, std::string_view ref) const;
    void log(const Run& run, const std::string& line) const;

    ContactCenter& center_;
    LexBots* bots_ = nullptr;
    std::function<void(const std::string&)> log_;
    std::map<std::string, Run> runs_;   // by initial contact id
};

}  // namespace connect_local
