// widget/platform/page_token_provider.h: the partner's tokenProvider (an async JS function on the
// page) as the core's TokenProvider, for every module that runs a Conversation in the browser (the
// widget and the headless SDK). A request goes out through the module's own host function; the page
// answers later with the JSON its tokenProvider returned ({participantToken, participantId,
// contactId, endpoint, displayName?}) or {error}. Answers to unknown or answered ids are ignored.
#pragma once
#include <functional>
#include <map>
#include <string>

#include "finchat/providers.h"

namespace finchat::browser {

class PageTokenProvider final : public TokenProvider {
public:
    // The module's JS half: asks the page (host.requestToken) for request `id`.
    using Ask = void (*)(int id, const char* level, const char* reason, const char* transcriptJson);
    explicit PageTokenProvider(Ask ask) : ask_(ask) {}

    void request(TokenRequest request, std::function<void(Result<ChatDetails>)> done) override;
    // The page's answer; `displayName` is used when the answer names none.
    void answer(int requestId, const std::string& json, const std::string& displayName);

private:
    Ask ask_;
    int next_ = 1;
    std::map<int, std::function<void(Result<ChatDetails>)>> pending_;
};

}  // namespace finchat::browser
