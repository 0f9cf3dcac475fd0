// keyword_bot.h: the demo's keyword bot behind the LexBots contract, standing in for the
// `banking-assistant` Lex V2 bot when no --bots bot is loaded (so the demo and its tests run
// without one). It answers with the intents the acme-l1 flow branches on: CheckBalance (two turns:
// a ListPicker of `$API:ListAccounts`, then a Panel of `$API:GetBalance(account={id})` for the
// picked account; the bot only ever sees opaque account ids), TalkToSpecialist (text plus Finaptic's escalation signal),
// TalkToAgent, Goodbye, and FallbackIntent for everything else.
#pragma once
#include <map>
#include <string>

#include "connect_local/lex_runtime.h"

namespace connect_local {

class KeywordBot : public LexBots {
public:
    static constexpr const char* kName = "banking-assistant";

    bool hasBot(std::string_view botId) const override { return botId == kName; }
    std::variant<LexTurn, LexError> recognizeText(std::string_view botId, std::string_view aliasId, std::string_view localeId,
                                                  std::string_view sessionId, std::string_view text,
                                                  const std::map<std::string, std::string>& sessionAttributes) override;
    // --agent echo: every text asks for an agent, so each chat reaches the scripted agent at once.
    void setEveryTextAsksForAgent(bool on) { everyTextAsksForAgent_ = on; }

private:
    std::map<std::string, std::string, std::less<>> elicitingAccount_;   // sessions asked "which account?"
    bool everyTextAsksForAgent_ = false;
};

}  // namespace connect_local
