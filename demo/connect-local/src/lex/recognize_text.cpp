// RecognizeText's JSON: see recognize_text.h. Shapes follow the Lex V2 runtime API reference
// (RecognizeText, SessionState, Intent, Slot, Value, Interpretation) as the AWS SDKs decode them.
#include "lex/recognize_text.h"

#include "finchat/json.h"
#include <cmath>

#include "finchat/util.h"

namespace connect_local::lex {
namespace {

using finchat::Json;

std::vector<std::string_view> split(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at <= path.size()) {
        const std::size_t slash = path.find('/', at);
        out.push_back(path.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at));
        if (slash == std::string_view::npos) break;
        at = slash + 1;
    }
    return out;
}

Json intentJson(const std::string& name, const LexTurn* turn) {
    Json intent = Json::object();
    intent.set("name", name);
    Json slots = Json::object();
    if (turn) {
        for (const auto& [slot, value] : turn->slotValues) {
            if (!value) {
                slots.set(slot, nullptr);
                continue;
            }
            Json resolved = Json::array();
            for (const auto& r : value->resolvedValues) resolved.push(r);
            slots.set(slot, Json::object({{"value", Json::object({{"originalValue", value->originalValue},
                                                                    {"interpretedValue", value->interpretedValue},
                                                                    {"resolvedValues", std::move(resolved)}})}}));
        }
        intent.set("state", turn->intentState);
    }
    intent.set("slots", std::move(slots));
    intent.set("confirmationState", "None");
    return intent;
}

Reply validation(std::string_view what) {
    return Reply::error("ValidationException", "1 validation error detected: " + std::string(what));
}

}  // namespace

std::optional<RecognizeTextPath> parseRecognizeTextPath(std::string_view path) {
    const auto s = split(path);
    if (s.size() != 10 || !s[0].empty() || s[1] != "bots" || s[3] != "botAliases" || s[5] != "botLocales" ||
        s[7] != "sessions" || s[9] != "text")
        return std::nullopt;
    RecognizeTextPath p;
    std::string* fields[] = {&p.botId, &p.botAliasId, &p.localeId, &p.sessionId};
    for (int i = 0; i < 4; ++i) {
        auto decoded = finchat::percentDecode(s[2 + 2 * i], false);
        if (!decoded || decoded->empty()) return std::nullopt;
        *fields[i] = std::move(*decoded);
    }
    return p;
}

Reply recognizeText(LexBots& bots, const RecognizeTextPath& path, std::string_view body) {
    const Json request = Json::parse(body);
    if (!request.isObject()) return Reply::error("ValidationException", "The request body is not a JSON object");
    const Json* text = request.find("text");
    if (!text || !text->isString()) return validation("Value null at 'text' failed to satisfy constraint: Member must not be null");
    std::map<std::string, std::string> attributes;
    if (const Json* state = request.find("sessionState"); state && !state->isNull()) {
        if (!state->isObject()) return validation("Value at 'sessionState' failed to satisfy constraint: Member must be an object");
        if (const Json* attrs = state->find("sessionAttributes"); attrs && !attrs->isNull()) {
            if (!attrs->isObject()) return validation("Value at 'sessionState.sessionAttributes' failed to satisfy constraint: Member must be a map");
            for (const auto& m : attrs->members()) {
                if (!m.value.isString())
                    return validation("Value at 'sessionState.sessionAttributes." + m.key + "' failed to satisfy constraint: Member must be a string");
                attributes[m.key] = m.value.asString();
            }
        }
    }
    const Json* requestAttributes = request.find("requestAttributes");
    if (requestAttributes && !requestAttributes->isNull() && !requestAttributes->isObject())
        return validation("Value at 'requestAttributes' failed to satisfy constraint: Member must be a map");

    auto result = bots.recognizeText(path.botId, path.botAliasId, path.localeId, path.sessionId, text->asString(), attributes);
    if (const auto* error = std::get_if<LexError>(&result)) return Reply::error(error->type, error->message);
    const LexTurn& turn = std::get<LexTurn>(result);

    Json messages = Json::array();
    for (const auto& m : turn.messages)
        messages.push(Json::object({{"content", m.content},
                                    {"contentType", m.kind == LexMessage::Kind::CustomPayload ? "CustomPayload" : "PlainText"}}));
    Json dialogAction = Json::object({{"type", turn.dialogAction}});
    if (!turn.slotToElicit.empty()) dialogAction.set("slotToElicit", turn.slotToElicit);
    Json sessionAttributes = Json::object();
    for (const auto& [k, v] : turn.sessionAttributes) sessionAttributes.set(k, v);
    Json interpretations = Json::array();
    for (const auto& i : turn.interpretations) {
        Json one = Json::object({{"intent", intentJson(i.intentName, i.intentName == turn.intentName ? &turn : nullptr)},
                                 {"interpretationSource", "Lex"}});
        // Lex gives AMAZON.FallbackIntent no score when it inserts it below the threshold.
        if (i.nluConfidence > 0) one.set("nluConfidence", Json::object({{"score", std::round(i.nluConfidence * 100) / 100}}));
        interpretations.push(std::move(one));
    }
    Json response = Json::object({
        {"messages", std::move(messages)},
        {"sessionState", Json::object({{"dialogAction", std::move(dialogAction)},
                                       {"intent", intentJson(turn.intentName, &turn)},
                                       {"sessionAttributes", std::move(sessionAttributes)}})},
        {"interpretations", std::move(interpretations)},
        {"sessionId", path.sessionId},
    });
    if (requestAttributes && requestAttributes->isObject()) response.set("requestAttributes", *requestAttributes);
    return Reply::ok(response.dump());
}

}  // namespace connect_local::lex
