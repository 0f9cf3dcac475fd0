// connect_local/lex/bot_definition.h: a Lex V2 bot as read from its export files (the layout of
// Lex V2's bot export/import zip, reference connect-bots-flows-templates.md §1), and the loader.
//
//   Manifest.json | manifest.json                    {"metaData"|"metadata": {fileFormat: "LexJson", resourceType: "BOT"|"Bot"}}
//   {Bot}/Bot.json                                   name, identifier, idleSessionTTLInSeconds
//   {Bot}/BotLocales/{locale}/BotLocale.json         identifier, nluConfidenceThreshold (default 0.4)
//   .../Intents/{Intent}/Intent.json                 name, parentIntentSignature, sampleUtterances,
//                                                    initialResponseSetting, intentClosingSetting, slotPriorities
//   .../Intents/{Intent}/Slots/{Slot}/Slot.json      name, slotTypeName, valueElicitationSetting
//   .../SlotTypes/{Type}/SlotType.json               slotTypeValues (sampleValue, synonyms), valueSelectionSetting
//
// What connect-local runs of it is what needs no code hook: the classifier trained from the sample
// utterances, initial and closing responses (plain text and custom payloads), elicitation of
// Required slots of custom slot types (and AMAZON.FreeFormInput / AMAZON.Number). Anything else
// that would change the conversation (an active confirmation prompt, a slot of another built-in
// type) is refused at load as unsupported, with the file and the field, rather than silently
// behaving unlike Lex.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connect_local/lex/intent_classifier.h"
#include "connect_local/lex_runtime.h"

namespace connect_local::lex {

// One entry of a messageGroupsList: Lex answers with `message` or one of its `variations`, chosen
// at random for each response (LocalLexBots draws from a per-session seeded generator).
struct LexMessageGroup {
    LexMessage message;
    std::vector<LexMessage> variations;   // Lex allows at most 2
};

struct SlotTypeValue {
    std::string value;
    std::vector<std::string> synonyms;
};

struct SlotTypeDefinition {
    std::string name;
    std::string builtIn;   // "AMAZON.FreeFormInput" / "AMAZON.Number" for built-in types; empty for custom
    std::vector<SlotTypeValue> values;
    bool topResolution = false;   // TOP_RESOLUTION: only listed values (and synonyms); else ORIGINAL_VALUE
};

struct SlotDefinition {
    std::string name;
    std::string slotTypeName;
    bool required = false;
    std::vector<LexMessageGroup> prompts;
    int maxRetries = 2;
};

struct IntentDefinition {
    std::string name;
    std::string identifier;
    bool isFallback = false;   // parentIntentSignature "AMAZON.FallbackIntent"
    std::vector<std::string> sampleUtterances;
    std::vector<LexMessageGroup> initialResponse;   // initialResponseSetting.initialResponse, if active
    std::vector<LexMessageGroup> closingResponse;   // intentClosingSetting.closingResponse, if active
    std::vector<SlotDefinition> slots;         // slotPriorities order, then the rest by name
};

struct BotLocaleDefinition {
    std::string localeId;   // "en_US"
    double nluConfidenceThreshold = 0.4;
    std::vector<IntentDefinition> intents;
    std::map<std::string, SlotTypeDefinition> slotTypes;
    // The model: class i is intents[classIntent[i]] (intents with sample utterances).
    std::shared_ptr<const IntentClassifier> classifier;
    std::vector<int> classIntent;
    int fallbackIntent = -1;   // index into intents, or -1 (then Lex's own AMAZON.FallbackIntent is answered)
};

struct BotDefinition {
    std::string name;
    std::string identifier;
    std::string description;
    int idleSessionTTLInSeconds = 300;
    std::map<std::string, BotLocaleDefinition> locales;   // by locale id
    std::string source;   // the folder or zip it came from
};

// A bot's files, by path relative to the folder or zip root ('/' separators).
using BotFiles = std::map<std::string, std::string>;

// Parses and trains one bot. On failure: "FILE: FIELD: what is wrong" (FILE as in `files`).
struct BotLoadResult {
    std::optional<BotDefinition> bot;
    std::string error;
};
BotLoadResult loadBot(const BotFiles& files, std::string source, const ClassifierOptions& options = {});

// Every bot under `dir`: each sub-folder and each *.zip is one bot (a folder that is itself a bot,
// with a manifest at its top, is one bot too). Bots that fail are left out with their error; the
// others load.
struct BotDirectoryLoad {
    std::vector<BotDefinition> bots;
    std::vector<std::string> errors;   // "PATH: FILE: FIELD: what is wrong"
};
BotDirectoryLoad loadBotDirectory(const std::string& dir, const ClassifierOptions& options = {});

// A zip archive's files (stored or deflated entries; ZIP64 and encryption refused). Empty error on success.
struct ZipRead {
    BotFiles files;
    std::string error;
};
ZipRead readZip(std::string_view archive);

}  // namespace connect_local::lex
