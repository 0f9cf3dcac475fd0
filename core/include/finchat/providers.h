// finchat/providers.h: what a Conversation asks of the partner's page (system.md §3, §4).
//
// Both are partner callbacks: in the browser they are the `tokenProvider` and `dataProvider` options
// of the widget and the headless SDK (async JS functions), natively and in tests they are fakes.
// The re-entrancy rule of platform.h holds: `done` is called exactly once, on the thread that drives
// the core, and never from inside the call that started the request (deliver it on a later turn).
// A request whose owner goes away is simply never answered to it: owners guard their callbacks.
#pragma once
#include <functional>
#include <string>

#include "finchat/chat_session.h"
#include "finchat/result.h"

namespace finchat {

// Level of support a chat is asked for: the partner's own first line, or Finaptic's specialists.
enum class SupportLevel { L1, L2 };
inline const char* toString(SupportLevel level) { return level == SupportLevel::L2 ? "L2" : "L1"; }

struct TokenRequest {
    SupportLevel level = SupportLevel::L1;
    std::string reason;           // L2: why the customer is escalated
    std::string transcriptJson;   // L2: the L1 transcript, PII-redacted, as a JSON array of
                                  // {"role","name","text","time"} (never data-provider results)
};

// Asks the partner's backend (through the page) for a chat: it calls StartChatContact (L1) or the
// Finaptic Support API (L2) and answers with the participant's details. An Error says the partner
// refused or failed (its message is never shown verbatim to the customer).
class TokenProvider {
public:
    virtual ~TokenProvider() = default;
    virtual void request(TokenRequest request, std::function<void(Result<ChatDetails>)> done) = 0;
};

// The partner app's client-side API that fills `$API:Name(arg=value,...)` template placeholders.
// Results stay in the browser: they are never logged, persisted, put in an event payload that
// leaves the page, or sent to any server (system.md §4).
class DataProvider {
public:
    virtual ~DataProvider() = default;
    // `argsJson` is a JSON object of string arguments; the answer is the provider's JSON result.
    virtual void call(std::string name, std::string argsJson,
                      std::function<void(Result<std::string>)> done) = 0;
};

}  // namespace finchat
