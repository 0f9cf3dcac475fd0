// Lex V2 runtime RecognizeText over HTTP: the request and response bodies of
//   POST /bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}/text
// encoded from and to a LexTurn (connect_local/lex_runtime.h). The server routes here; SigV4
// headers are not checked (as elsewhere in connect-local).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "connect_local/chat_service.h"
#include "connect_local/lex_runtime.h"

namespace connect_local::lex {

struct RecognizeTextPath {
    std::string botId, botAliasId, localeId, sessionId;
};
// The path's parameters (percent-decoded), or nullopt when it is not a RecognizeText path.
std::optional<RecognizeTextPath> parseRecognizeTextPath(std::string_view path);

// Runs the turn; errors as Lex answers them (status, x-amzn-ErrorType, {"message"}).
Reply recognizeText(LexBots& bots, const RecognizeTextPath& path, std::string_view body);

}  // namespace connect_local::lex
