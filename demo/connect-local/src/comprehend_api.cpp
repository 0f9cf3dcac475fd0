#include "comprehend_api.h"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "finchat/pii.h"
#include "finchat/util.h"

namespace connect_local {
namespace {
using json = nlohmann::json;
constexpr const char* kAmzJson = "application/x-amz-json-1.1";

Reply reply(int status, std::string_view type, json body) {
    Reply r;
    r.status = status;
    r.errorType = std::string(type);
    r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    r.contentType = kAmzJson;
    return r;
}
Reply error(std::string_view type, std::string_view message) {
    return reply(400, type, json{{"__type", type}, {"Message", message}});
}

// Scores go out rounded to four decimals, so a float's noise (0.8999999762) never shows.
double score(float s) { return static_cast<double>(static_cast<int>(s * 10000.0f + 0.5f)) / 10000.0; }
}  // namespace

bool isComprehendTarget(std::string_view target) { return target.substr(0, kComprehendTargetPrefix.size()) == kComprehendTargetPrefix; }

Reply comprehendCall(std::string_view target, std::string_view body) {
    const std::string_view op = target.substr(std::min(target.size(), kComprehendTargetPrefix.size()));
    const bool detect = op == "DetectPiiEntities", contains = op == "ContainsPiiEntities";
    if (!detect && !contains) return error("UnknownOperationException", "Unknown operation " + std::string(op));
    const json req = json::parse(body, nullptr, false);
    if (req.is_discarded() || !req.is_object()) return error("SerializationException", "Request body is not a JSON object");
    const auto text = req.find("Text");
    const auto language = req.find("LanguageCode");
    if (text == req.end() || !text->is_string())
        return error("ValidationException", "1 validation error detected: Value null at 'text' failed to satisfy constraint: Member must not be null");
    if (language == req.end() || !language->is_string())
        return error("ValidationException", "1 validation error detected: Value null at 'languageCode' failed to satisfy constraint: Member must not be null");
    const std::string& t = text->get_ref<const std::string&>();
    if (t.empty())
        return error("ValidationException", "1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length greater than or equal to 1");
    if (t.size() > kComprehendMaxTextBytes)
        return error("TextSizeLimitExceededException", "Input text size exceeds limit. Max length of request text allowed is " + std::to_string(kComprehendMaxTextBytes) +
                         " bytes while in this request the text size is " + std::to_string(t.size()) + " bytes");
    const std::string& lang = language->get_ref<const std::string&>();
    if (lang != "en")
        return error("UnsupportedLanguageException", "The language code '" + lang + "' is not supported for this operation; supported: en");
    if (finchat::toValidUtf8(t) != t) return error("InvalidRequestException", "Text is not valid UTF-8");

    const auto matches = finchat::detectPii(t);
    if (contains) {
        json labels = json::array();
        float best[finchat::kPiiTypeCount] = {};
        for (const auto& m : matches) best[static_cast<std::size_t>(m.type)] = std::max(best[static_cast<std::size_t>(m.type)], m.score);
        for (std::size_t i = 0; i < finchat::kPiiTypeCount; ++i)
            if (best[i] > 0) labels.push_back({{"Name", finchat::comprehendName(static_cast<finchat::PiiType>(i))}, {"Score", score(best[i])}});
        return reply(200, "", json{{"Labels", std::move(labels)}});
    }
    json entities = json::array();
    const auto offsets = finchat::codePointOffsets(t, matches);
    for (std::size_t i = 0; i < matches.size(); ++i)
        entities.push_back({{"BeginOffset", offsets[i].first},
                            {"EndOffset", offsets[i].second},
                            {"Score", score(matches[i].score)},
                            {"Type", finchat::comprehendName(matches[i].type)}});
    return reply(200, "", json{{"Entities", std::move(entities)}});
}

}  // namespace connect_local
