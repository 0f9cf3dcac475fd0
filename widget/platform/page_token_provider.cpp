// widget/platform/page_token_provider.cpp: see page_token_provider.h.
#include "page_token_provider.h"

#include "finchat/json.h"

namespace finchat::browser {
namespace {
std::string field(const Json& j, const char* key, const std::string& fallback = {}) {
    const Json* v = j.find(key);
    return v && v->isString() && !v->asString().empty() ? v->asString() : fallback;
}
}  // namespace

void PageTokenProvider::request(TokenRequest request, std::function<void(Result<ChatDetails>)> done) {
    const int id = next_++;
    pending_[id] = std::move(done);
    ask_(id, toString(request.level), request.reason.c_str(),
         request.transcriptJson.empty() ? "[]" : request.transcriptJson.c_str());
}

void PageTokenProvider::answer(int requestId, const std::string& text, const std::string& displayName) {
    auto it = pending_.find(requestId);
    if (it == pending_.end()) return;   // unknown or answered already
    auto done = std::move(it->second);
    pending_.erase(it);
    const Json j = Json::parse(text);
    ChatDetails d;
    d.participantToken = field(j, "participantToken");
    d.participantId = field(j, "participantId");
    d.contactId = field(j, "contactId");
    d.endpoint = field(j, "endpoint");
    d.displayName = field(j, "displayName", displayName);
    if (d.participantToken.empty() || d.endpoint.empty()) {
        const std::string why = field(j, "error");
        done(Error{ErrorCode::Service, why.empty() ? "the token provider answered no chat" : why});
        return;
    }
    done(std::move(d));
}

}  // namespace finchat::browser
