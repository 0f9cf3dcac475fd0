#include "keyword_bot.h"

#include <nlohmann/json.hpp>

#include "finchat/protocol.h"

namespace connect_local {

using nlohmann::json;

namespace {
bool mentions(std::string_view text, std::initializer_list<const char*> words) {
    std::string l(text);
    for (char& c : l) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    for (const char* w : words)
        if (l.find(w) != std::string::npos) return true;
    return false;
}
LexMessage plain(std::string text) { return {LexMessage::Kind::PlainText, std::move(text)}; }
LexMessage payload(const json& j) { return {LexMessage::Kind::CustomPayload, j.dump()}; }

LexTurn closed(std::string intent, std::vector<LexMessage> messages, const std::map<std::string, std::string>& attributes) {
    LexTurn t;
    t.messages = std::move(messages);
    t.intentName = std::move(intent);
    t.intentState = t.intentName == "FallbackIntent" ? "Failed" : "Fulfilled";
    t.dialogAction = "Close";
    t.sessionAttributes = attributes;
    t.interpretations.push_back({t.intentName, t.intentName == "FallbackIntent" ? 0.0 : 1.0});
    return t;
}
}  // namespace

std::variant<LexTurn, LexError> KeywordBot::recognizeText(std::string_view botId, std::string_view, std::string_view,
                                                          std::string_view sessionId, std::string_view text,
                                                          const std::map<std::string, std::string>& attributes) {
    if (!hasBot(botId)) return LexError{"ResourceNotFoundException", "bot not found"};
    if (auto asked = elicitingAccount_.find(sessionId); asked != elicitingAccount_.end()) {
        elicitingAccount_.erase(asked);
        if (!text.empty() && text.find(' ') == std::string_view::npos) {
            // The customer picked an account; the reply carries only its opaque id. The panel is
            // filled from the partner app by the widget (`{id}`: the id it picked): the bot never
            // sees the balance.
            json tpl = {{"templateType", "Panel"}, {"version", "1.0"},
                        {"data", {{"content", {{"title", "$API:GetBalance(account={id})"},
                                               {"elements", json::array({{{"title", "Recent transactions"}},
                                                                         {{"title", "That's all, thanks"}}})}}}}}};
            LexTurn t = closed("CheckBalance", {payload(tpl)}, attributes);
            t.slots["account"] = std::string(text);
            return t;
        }
    }
    if (mentions(text, {"balance", "how much"})) {
        json tpl = {{"templateType", "ListPicker"}, {"version", "1.0"},
                    {"data", {{"content", {{"title", "Which account would you like to see the balance on?"},
                                           {"subtitle", "Tap to select option"},
                                           {"elements", "$API:ListAccounts"}}}}}};
        elicitingAccount_.emplace(std::string(sessionId), "account");
        LexTurn t;
        t.messages = {payload(tpl)};
        t.intentName = "CheckBalance";
        t.intentState = "InProgress";
        t.dialogAction = "ElicitSlot";
        t.slotToElicit = "account";
        t.sessionAttributes = attributes;
        t.interpretations.push_back({t.intentName, 1.0});
        return t;
    }
    if (mentions(text, {"specialist", "escalate", "dispute", "fraud", "stolen"}))
        return closed("TalkToSpecialist",
                      {plain("I'll bring in a Finaptic banking specialist for this."),
                       {LexMessage::Kind::CustomPayload, finchat::escalationSignalContent(text)}},
                      attributes);
    if (everyTextAsksForAgent_ || mentions(text, {"agent", "human", "person", "someone"}))
        return closed("TalkToAgent", {plain("Connecting you to an agent. Please hold on.")}, attributes);
    if (mentions(text, {"goodbye", "bye bye"}) || text == "bye")
        return closed("Goodbye", {plain("Thanks for chatting with us. Goodbye!")}, attributes);
    return closed("FallbackIntent",
                  {plain("I can show your balance, or connect you with an agent (type 'agent'). "
                         "For card disputes or fraud, ask for a specialist.")},
                  attributes);
}

}  // namespace connect_local
