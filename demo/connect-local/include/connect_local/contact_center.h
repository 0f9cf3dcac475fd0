// connect_local/contact_center.h: the Connect primitives, as one small interface.
//
// Everything in connect-local that acts on a contact does it through these calls: the participant
// service, the agent API, the Finaptic Support API, the contact-flow runner and the bots. ChatService
// implements it over its plain state, so the whole backend stays one clock-driven object that tests
// run with a manual clock and no sockets. Contacts are named by any of their ids (initial or a
// transfer segment's).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "connect_local/config.h"
#include "finchat/platform.h"
#include "finchat/protocol.h"

namespace connect_local {

// Where a contact is in its life: running its flow, waiting in a queue, with an agent, over.
enum class ContactState { InFlow, Queued, WithAgent, Ended };
// The agent API's "stage" names: "flow", "queued", "with-agent", "ended".
inline const char* toString(ContactState s) {
    static const char* const names[] = {"flow", "queued", "with-agent", "ended"};
    return names[static_cast<int>(s)];
}

// A read-only look at one contact.
struct ContactSummary {
    std::string initialId, currentId, instance, queue, customerName;
    ContactState state = ContactState::InFlow;
};

// What a queue looks like right now (CheckMetricData's metrics).
struct QueueMetrics {
    int agentsStaffed = 0, agentsAvailable = 0, agentsOnline = 0;
    int contactsInQueue = 0;
    std::int64_t oldestContactAgeSeconds = 0;
};

// Who of the contact center is speaking: the contact flow (MessageParticipant, a
// ConnectParticipantWithLexBot block's own Text) or the Lex bot the flow connected.
enum class SystemSender { FlowPrompt, LexBot };
// Connect's DisplayName for each: "SYSTEM_MESSAGE" / "BOT".
inline const char* displayName(SystemSender from) { return from == SystemSender::FlowPrompt ? "SYSTEM_MESSAGE" : "BOT"; }

enum class EnqueueResult { Queued, AtCapacity, AlreadyQueued, NoSuchQueue, NoSuchContact };

class ContactCenter {
public:
    using TimerId = finchat::Clock::TimerId;
    virtual ~ContactCenter() = default;

    // The service clock: timers fire on it, hours of operation are evaluated on it.
    virtual std::int64_t nowMs() const = 0;
    virtual TimerId after(std::int64_t ms, std::function<void()> fn) = 0;
    virtual void cancel(TimerId& id) = 0;   // and sets id to 0

    virtual const Config& configuration() const = 0;
    virtual std::optional<ContactSummary> contactSummary(std::string_view contactId) const = 0;

    // A message from the flow or from a Lex bot. Both speak with ParticipantRole SYSTEM; Connect names
    // flow prompts DisplayName "SYSTEM_MESSAGE" and Lex's replies "BOT" (connect-chat-protocol.md §5,
    // §8.1), which is how a chat client tells the two apart.
    virtual void sendSystemMessage(std::string_view contactId, SystemSender from, finchat::ContentKind kind, std::string content) = 0;
    // The contact waits in `queueId` of its instance until an agent accepts it.
    virtual EnqueueResult enqueue(std::string_view contactId, std::string_view queueId) = 0;
    // Ends the chat for everyone (chat.ended).
    virtual void endContact(std::string_view contactId) = 0;

    virtual std::map<std::string, std::string>* attributes(std::string_view contactId) = 0;
    virtual QueueMetrics queueMetrics(std::string_view instanceId, std::string_view queueId) const = 0;
};

}  // namespace connect_local
