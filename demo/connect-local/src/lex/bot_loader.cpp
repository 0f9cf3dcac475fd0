// Reading a Lex V2 bot export (folder or zip) into a BotDefinition: see bot_definition.h for the
// layout and what is supported. Every error names the file and the field.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "connect_local/lex/bot_definition.h"
#include "finchat/json.h"

namespace connect_local::lex {
namespace {

using finchat::Json;
namespace fs = std::filesystem;

constexpr std::size_t kMaxCustomPayload = 1000;   // Lex model API CustomPayload.value
constexpr std::size_t kMaxVariations = 2;         // Lex model API MessageGroup.variations
constexpr std::uintmax_t kMaxBotFileBytes = 16u << 20;

// The file being read, and the first error found in it.
struct Reader {
    std::string file;
    std::string error;

    bool fail(std::string_view field, std::string_view what) {
        if (error.empty()) error = file + ": " + std::string(field) + ": " + std::string(what);
        return false;
    }
    // A member that is present and not null.
    static const Json* get(const Json& o, std::string_view key) {
        const Json* v = o.find(key);
        return v && !v->isNull() ? v : nullptr;
    }
    bool string(const Json& o, std::string_view key, std::string_view field, std::string& out, bool required) {
        const Json* v = get(o, key);
        if (!v) return required ? fail(field, "missing (a string is required)") : true;
        if (!v->isString()) return fail(field, "expected a string");
        out = v->asString();
        if (required && out.empty()) return fail(field, "must not be empty");
        return true;
    }
    // A member that is absent, null, or of the expected kind (else the error, and nullptr).
    const Json* typed(const Json& o, std::string_view key, std::string_view field, bool (Json::*is)() const, std::string_view kind) {
        const Json* v = get(o, key);
        if (v && !(v->*is)()) {
            fail(field, std::string("expected ") + std::string(kind));
            return nullptr;
        }
        return v;
    }
    const Json* object(const Json& o, std::string_view key, std::string_view field) {
        return typed(o, key, field, &Json::isObject, "an object");
    }
    const Json* array(const Json& o, std::string_view key, std::string_view field) {
        return typed(o, key, field, &Json::isArray, "an array");
    }
    bool ok() const { return error.empty(); }
};

Json parseFile(const BotFiles& files, const std::string& path, Reader& r) {
    r.file = path;
    const auto it = files.find(path);
    if (it == files.end()) {
        r.fail("(file)", "missing");
        return Json::invalid();
    }
    Json j = Json::parse(it->second);
    if (!j.valid()) r.fail("(file)", "not valid JSON");
    else if (!j.isObject()) r.fail("(file)", "expected a JSON object");
    return j;
}

std::string indexed(std::string_view field, std::size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }

// One message object ({plainTextMessage | customPayload}), at `at`.
bool readMessage(Reader& r, const Json& message, const std::string& at, LexMessage& m) {
    if (!message.isObject()) return r.fail(at, "expected an object");
    if (Reader::get(message, "ssmlMessage")) return r.fail(at + ".ssmlMessage", "not supported in chat (use plainTextMessage)");
    if (Reader::get(message, "imageResponseCard"))
        return r.fail(at + ".imageResponseCard", "not supported (use a customPayload with a Connect interactive template)");
    if (const Json* text = r.object(message, "plainTextMessage", at + ".plainTextMessage")) {
        if (!r.string(*text, "value", at + ".plainTextMessage.value", m.content, true)) return false;
        m.kind = LexMessage::Kind::PlainText;
    } else if (const Json* payload = r.object(message, "customPayload", at + ".customPayload")) {
        if (!r.string(*payload, "value", at + ".customPayload.value", m.content, true)) return false;
        if (m.content.size() > kMaxCustomPayload) return r.fail(at + ".customPayload.value", "longer than Lex's 1000 characters");
        m.kind = LexMessage::Kind::CustomPayload;
    } else {
        return r.ok() ? r.fail(at, "needs plainTextMessage or customPayload") : false;
    }
    return true;
}

// A messageGroupsList: each group's `message` and its `variations` (Lex's random alternatives).
bool readMessageGroups(Reader& r, const Json& holder, const std::string& field, std::vector<LexMessageGroup>& out) {
    const Json* groups = r.array(holder, "messageGroupsList", field + ".messageGroupsList");
    if (!groups) return r.ok();
    for (std::size_t i = 0; i < groups->items().size(); ++i) {
        const std::string at = indexed(field + ".messageGroupsList", i);
        const Json& group = groups->items()[i];
        const Json* message = group.isObject() ? Reader::get(group, "message") : nullptr;
        if (!message) return r.fail(at + ".message", "expected an object");
        LexMessageGroup g;
        if (!readMessage(r, *message, at + ".message", g.message)) return false;
        if (const Json* variations = r.array(group, "variations", at + ".variations")) {
            if (variations->items().size() > kMaxVariations)
                return r.fail(at + ".variations", "more than Lex's " + std::to_string(kMaxVariations) + " variations");
            for (std::size_t v = 0; v < variations->items().size(); ++v) {
                LexMessage m;
                if (!readMessage(r, variations->items()[v], indexed(at + ".variations", v), m)) return false;
                g.variations.push_back(std::move(m));
            }
        } else if (!r.ok()) {
            return false;
        }
        out.push_back(std::move(g));
    }
    return true;
}

// {"isActive": false, ...} switches a setting off; absent isActive means on (as Lex treats it).
bool active(const Json& setting) {
    const Json* a = setting.find("isActive");
    return !a || !a->isBool() || a->asBool();
}

bool readSlotType(Reader& r, const Json& j, SlotTypeDefinition& t) {
    if (!r.string(j, "name", "name", t.name, true)) return false;
    std::string parent;
    if (!r.string(j, "parentSlotTypeSignature", "parentSlotTypeSignature", parent, false)) return false;
    if (!parent.empty()) return r.fail("parentSlotTypeSignature", "extending a built-in slot type (" + parent + ") is not supported");
    if (const Json* values = r.array(j, "slotTypeValues", "slotTypeValues")) {
        for (std::size_t i = 0; i < values->items().size(); ++i) {
            const Json& v = values->items()[i];
            const std::string at = indexed("slotTypeValues", i);
            if (!v.isObject()) return r.fail(at, "expected an object");
            const Json* sample = r.object(v, "sampleValue", at + ".sampleValue");
            if (!sample) return r.ok() ? r.fail(at + ".sampleValue", "missing") : false;
            SlotTypeValue value;
            if (!r.string(*sample, "value", at + ".sampleValue.value", value.value, true)) return false;
            if (const Json* synonyms = r.array(v, "synonyms", at + ".synonyms")) {
                for (std::size_t s = 0; s < synonyms->items().size(); ++s) {
                    const Json& syn = synonyms->items()[s];
                    std::string text;
                    if (!syn.isObject()) return r.fail(indexed(at + ".synonyms", s), "expected an object");
                    if (!r.string(syn, "value", indexed(at + ".synonyms", s) + ".value", text, true)) return false;
                    value.synonyms.push_back(std::move(text));
                }
            }
            if (!r.ok()) return false;
            t.values.push_back(std::move(value));
        }
    }
    if (!r.ok()) return false;
    if (const Json* selection = r.object(j, "valueSelectionSetting", "valueSelectionSetting")) {
        std::string strategy;
        if (!r.string(*selection, "resolutionStrategy", "valueSelectionSetting.resolutionStrategy", strategy, false)) return false;
        if (strategy == "TOP_RESOLUTION") t.topResolution = true;
        else if (!strategy.empty() && strategy != "ORIGINAL_VALUE")
            return r.fail("valueSelectionSetting.resolutionStrategy", "'" + strategy + "' is not supported (ORIGINAL_VALUE or TOP_RESOLUTION)");
        if (Reader::get(*selection, "regexFilter"))
            return r.fail("valueSelectionSetting.regexFilter", "not supported");
    }
    if (!r.ok()) return false;
    if (t.values.empty()) return r.fail("slotTypeValues", "a custom slot type needs at least one value");
    return true;
}

bool readSlot(Reader& r, const Json& j, SlotDefinition& s) {
    if (!r.string(j, "name", "name", s.name, true)) return false;
    if (!r.string(j, "slotTypeName", "slotTypeName", s.slotTypeName, true)) return false;
    const Json* elicitation = r.object(j, "valueElicitationSetting", "valueElicitationSetting");
    if (!elicitation) return r.ok() ? r.fail("valueElicitationSetting", "missing") : false;
    std::string constraint;
    if (!r.string(*elicitation, "slotConstraint", "valueElicitationSetting.slotConstraint", constraint, true)) return false;
    if (constraint != "Required" && constraint != "Optional")
        return r.fail("valueElicitationSetting.slotConstraint", "expected Required or Optional");
    s.required = constraint == "Required";
    if (const Json* prompt = r.object(*elicitation, "promptSpecification", "valueElicitationSetting.promptSpecification")) {
        if (!readMessageGroups(r, *prompt, "valueElicitationSetting.promptSpecification", s.prompts)) return false;
        if (const Json* retries = Reader::get(*prompt, "maxRetries")) {
            if (!retries->isInteger() || retries->asInt() < 0 || retries->asInt() > 5)
                return r.fail("valueElicitationSetting.promptSpecification.maxRetries", "expected an integer 0-5");
            s.maxRetries = static_cast<int>(retries->asInt());
        }
    }
    if (!r.ok()) return false;
    if (s.required && s.prompts.empty())
        return r.fail("valueElicitationSetting.promptSpecification", "a Required slot needs a prompt");
    return true;
}

bool readIntent(Reader& r, const Json& j, IntentDefinition& in) {
    if (!r.string(j, "name", "name", in.name, true)) return false;
    if (!r.string(j, "identifier", "identifier", in.identifier, false)) return false;
    std::string parent;
    if (!r.string(j, "parentIntentSignature", "parentIntentSignature", parent, false)) return false;
    if (parent == "AMAZON.FallbackIntent") in.isFallback = true;
    else if (!parent.empty()) return r.fail("parentIntentSignature", "built-in intent '" + parent + "' is not supported");
    if (const Json* utterances = r.array(j, "sampleUtterances", "sampleUtterances")) {
        if (in.isFallback && !utterances->items().empty())
            return r.fail("sampleUtterances", "AMAZON.FallbackIntent cannot have sample utterances");
        for (std::size_t i = 0; i < utterances->items().size(); ++i) {
            const Json& u = utterances->items()[i];
            std::string text;
            if (!u.isObject()) return r.fail(indexed("sampleUtterances", i), "expected an object");
            if (!r.string(u, "utterance", indexed("sampleUtterances", i) + ".utterance", text, true)) return false;
            in.sampleUtterances.push_back(std::move(text));
        }
    }
    if (!r.ok()) return false;
    if (const Json* confirmation = r.object(j, "intentConfirmationSetting", "intentConfirmationSetting"); confirmation && active(*confirmation))
        return r.fail("intentConfirmationSetting", "confirmation prompts are not supported (set it to null or isActive false)");
    if (const Json* initial = r.object(j, "initialResponseSetting", "initialResponseSetting")) {
        if (const Json* response = r.object(*initial, "initialResponse", "initialResponseSetting.initialResponse"))
            if (!readMessageGroups(r, *response, "initialResponseSetting.initialResponse", in.initialResponse)) return false;
    }
    if (const Json* closing = r.object(j, "intentClosingSetting", "intentClosingSetting"); closing && active(*closing)) {
        if (const Json* response = r.object(*closing, "closingResponse", "intentClosingSetting.closingResponse"))
            if (!readMessageGroups(r, *response, "intentClosingSetting.closingResponse", in.closingResponse)) return false;
    }
    return r.ok();
}

// "a/b/c" split on '/'.
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (true) {
        const std::size_t slash = path.find('/', at);
        out.push_back(path.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at));
        if (slash == std::string_view::npos) return out;
        at = slash + 1;
    }
}

// Sample utterances may reference slots ("my {cardType} card is lost"): trained with the slot
// type's first value in place, as an example of what goes there.
std::string utteranceForTraining(const std::string& u, const IntentDefinition& intent, const BotLocaleDefinition& locale) {
    std::string out;
    for (std::size_t i = 0; i < u.size(); ++i) {
        const std::size_t close = u[i] == '{' ? u.find('}', i) : std::string::npos;
        if (close == std::string::npos) {
            out += u[i];
            continue;
        }
        const std::string slotName = u.substr(i + 1, close - i - 1);
        for (const auto& s : intent.slots) {
            const auto type = locale.slotTypes.find(s.slotTypeName);
            if (s.name == slotName && type != locale.slotTypes.end() && !type->second.values.empty())
                out += type->second.values.front().value;
        }
        i = close;
    }
    return out;
}

bool builtInSlotType(std::string_view name) { return name == "AMAZON.FreeFormInput" || name == "AMAZON.Number"; }

}  // namespace

BotLoadResult loadBot(const BotFiles& files, std::string source, const ClassifierOptions& options) {
    BotLoadResult result;
    Reader r;
    auto failed = [&] {
        result.error = r.error;
        return result;
    };
    // The manifest nearest the top is the root (a zip made of the folder itself has one level more).
    std::string manifest;
    for (const auto& [path, content] : files) {
        const auto parts = segments(path);
        if (parts.back() != "Manifest.json" && parts.back() != "manifest.json") continue;
        if (manifest.empty() || segments(manifest).size() > parts.size()) manifest = path;
    }
    if (manifest.empty()) {
        r.file = "Manifest.json";
        r.fail("(file)", "missing (neither Manifest.json nor manifest.json found)");
        return failed();
    }
    const std::string root = manifest.substr(0, manifest.size() - std::string("Manifest.json").size());
    {
        const Json j = parseFile(files, manifest, r);
        if (!r.ok()) return failed();
        const Json* meta = r.object(j, "metaData", "metaData");
        if (!meta) meta = r.object(j, "metadata", "metadata");
        if (!meta) return r.ok() ? (r.fail("metaData", "missing (metaData or metadata)"), failed()) : failed();
        std::string format, type;
        if (!r.string(*meta, "fileFormat", "metaData.fileFormat", format, false) ||
            !r.string(*meta, "resourceType", "metaData.resourceType", type, false))
            return failed();
        if (!format.empty() && format != "LexJson") return (r.fail("metaData.fileFormat", "expected LexJson"), failed());
        std::string lower;
        for (char c : type) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!type.empty() && lower != "bot")
            return (r.fail("metaData.resourceType", "'" + type + "' is not supported (a whole-bot export, resourceType BOT)"), failed());
    }

    // {root}{Bot}/Bot.json: exactly one.
    std::string botDir;
    for (const auto& [path, content] : files) {
        if (path.compare(0, root.size(), root) != 0) continue;
        const auto parts = segments(std::string_view(path).substr(root.size()));
        if (parts.size() != 2 || parts[1] != "Bot.json") continue;
        if (!botDir.empty()) {
            r.file = path;
            r.fail("(file)", "a second Bot.json: one bot per folder or zip");
            return failed();
        }
        botDir = root + std::string(parts[0]) + "/";
    }
    if (botDir.empty()) {
        r.file = root + "{BotName}/Bot.json";
        r.fail("(file)", "missing");
        return failed();
    }
    BotDefinition bot;
    bot.source = std::move(source);
    {
        const Json j = parseFile(files, botDir + "Bot.json", r);
        if (!r.ok() || !r.string(j, "name", "name", bot.name, true) || !r.string(j, "identifier", "identifier", bot.identifier, false) ||
            !r.string(j, "description", "description", bot.description, false))
            return failed();
        if (const Json* ttl = Reader::get(j, "idleSessionTTLInSeconds")) {
            if (!ttl->isInteger() || ttl->asInt() < 60 || ttl->asInt() > 86400)
                return (r.fail("idleSessionTTLInSeconds", "expected an integer 60-86400 (seconds)"), failed());
            bot.idleSessionTTLInSeconds = static_cast<int>(ttl->asInt());
        }
    }

    // Locales, and in each its slot types, intents and their slots.
    const std::string localesDir = botDir + "BotLocales/";
    for (const auto& [path, content] : files) {
        if (path.compare(0, localesDir.size(), localesDir) != 0) continue;
        const auto parts = segments(std::string_view(path).substr(localesDir.size()));
        if (parts.size() != 2 || parts[1] != "BotLocale.json") continue;
        const std::string localeDir = localesDir + std::string(parts[0]) + "/";
        BotLocaleDefinition locale;
        {
            const Json j = parseFile(files, path, r);
            if (!r.ok() || !r.string(j, "identifier", "identifier", locale.localeId, false)) return failed();
            if (locale.localeId.empty()) locale.localeId = std::string(parts[0]);
            if (const Json* t = Reader::get(j, "nluConfidenceThreshold")) {
                if (!t->isNumber() || t->asDouble() < 0 || t->asDouble() > 1)
                    return (r.fail("nluConfidenceThreshold", "expected a number 0-1"), failed());
                locale.nluConfidenceThreshold = t->asDouble();
            }
        }
        std::map<std::string, std::vector<SlotDefinition>> slotsByIntentDir;
        std::vector<std::pair<std::string, IntentDefinition>> intents;   // (intent dir, intent)
        std::map<std::string, std::vector<std::string>> priorities;     // intent dir -> slot names
        for (const auto& [file, text] : files) {
            if (file.compare(0, localeDir.size(), localeDir) != 0) continue;
            const auto p = segments(std::string_view(file).substr(localeDir.size()));
            if (p.size() == 3 && p[0] == "SlotTypes" && p[2] == "SlotType.json") {
                SlotTypeDefinition type;
                const Json j = parseFile(files, file, r);
                if (!r.ok() || !readSlotType(r, j, type)) return failed();
                if (locale.slotTypes.count(type.name)) return (r.fail("name", "a second slot type named " + type.name), failed());
                locale.slotTypes[type.name] = std::move(type);
            } else if (p.size() == 3 && p[0] == "Intents" && p[2] == "Intent.json") {
                IntentDefinition intent;
                const Json j = parseFile(files, file, r);
                if (!r.ok() || !readIntent(r, j, intent)) return failed();
                std::vector<std::string> order;
                if (const Json* prio = r.array(j, "slotPriorities", "slotPriorities")) {
                    std::vector<std::pair<std::int64_t, std::string>> ranked;
                    for (std::size_t i = 0; i < prio->items().size(); ++i) {
                        const Json& e = prio->items()[i];
                        std::string name;
                        if (!e.isObject()) return (r.fail(indexed("slotPriorities", i), "expected an object"), failed());
                        if (!r.string(e, "slotName", indexed("slotPriorities", i) + ".slotName", name, true)) return failed();
                        const Json* n = Reader::get(e, "priority");
                        ranked.emplace_back(n && n->isInteger() ? n->asInt() : static_cast<std::int64_t>(i), name);
                    }
                    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
                    for (auto& e : ranked) order.push_back(std::move(e.second));
                }
                if (!r.ok()) return failed();
                const std::string dir = localeDir + "Intents/" + std::string(p[1]) + "/";
                priorities[dir] = std::move(order);
                intents.emplace_back(dir, std::move(intent));
            } else if (p.size() == 5 && p[0] == "Intents" && p[2] == "Slots" && p[4] == "Slot.json") {
                SlotDefinition slot;
                const Json j = parseFile(files, file, r);
                if (!r.ok() || !readSlot(r, j, slot)) return failed();
                slotsByIntentDir[localeDir + "Intents/" + std::string(p[1]) + "/"].push_back(std::move(slot));
            }
        }
        std::set<std::string> intentNames;
        for (auto& [dir, intent] : intents) {
            r.file = dir + "Intent.json";
            if (!intentNames.insert(intent.name).second) return (r.fail("name", "a second intent named " + intent.name), failed());
            auto slots = std::move(slotsByIntentDir[dir]);
            for (const auto& s : slots) {
                if (!builtInSlotType(s.slotTypeName) && !locale.slotTypes.count(s.slotTypeName)) {
                    r.file = dir + "Slots/" + s.name + "/Slot.json";
                    return (r.fail("slotTypeName", "'" + s.slotTypeName +
                                                       "' is neither a slot type of this locale nor a supported built-in "
                                                       "(AMAZON.FreeFormInput, AMAZON.Number)"),
                            failed());
                }
            }
            if (intent.isFallback && !slots.empty()) return (r.fail("(slots)", "AMAZON.FallbackIntent cannot have slots"), failed());
            // slotPriorities order first, then any other slot by name (files come sorted).
            for (const auto& name : priorities[dir]) {
                auto it = std::find_if(slots.begin(), slots.end(), [&](const SlotDefinition& s) { return s.name == name; });
                if (it == slots.end()) return (r.fail("slotPriorities", "names a slot '" + name + "' that has no Slot.json"), failed());
                intent.slots.push_back(std::move(*it));
                slots.erase(it);
            }
            for (auto& s : slots) intent.slots.push_back(std::move(s));
            if (intent.isFallback) {
                if (locale.fallbackIntent >= 0) return (r.fail("parentIntentSignature", "a second AMAZON.FallbackIntent"), failed());
                locale.fallbackIntent = static_cast<int>(locale.intents.size());
            }
            locale.intents.push_back(std::move(intent));
        }
        // Train: one class per intent that has sample utterances.
        std::vector<std::string> texts;
        std::vector<int> labels;
        for (std::size_t i = 0; i < locale.intents.size(); ++i) {
            const auto& intent = locale.intents[i];
            if (intent.sampleUtterances.empty()) continue;
            const int label = static_cast<int>(locale.classIntent.size());
            locale.classIntent.push_back(static_cast<int>(i));
            for (const auto& u : intent.sampleUtterances) {
                texts.push_back(utteranceForTraining(u, intent, locale));
                labels.push_back(label);
            }
        }
        locale.classifier = std::make_shared<IntentClassifier>(
            IntentClassifier::train(texts, labels, static_cast<int>(locale.classIntent.size()), options));
        const std::string id = locale.localeId;
        bot.locales.emplace(id, std::move(locale));
    }
    if (bot.locales.empty()) {
        r.file = localesDir + "{locale}/BotLocale.json";
        r.fail("(file)", "missing: the bot has no locale");
        return failed();
    }
    result.bot = std::move(bot);
    return result;
}

BotDirectoryLoad loadBotDirectory(const std::string& dir, const ClassifierOptions& options) {
    BotDirectoryLoad out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        out.errors.push_back(dir + ": not a directory");
        return out;
    }
    auto readFile = [](const fs::path& p, std::string& content) {
        std::error_code sizeEc;
        if (fs::file_size(p, sizeEc) > kMaxBotFileBytes || sizeEc) return false;
        std::ifstream in(p, std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        content = buffer.str();
        return static_cast<bool>(in);
    };
    auto readTree = [&](const fs::path& top, BotFiles& files) {
        for (auto it = fs::recursive_directory_iterator(top, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (!it->is_regular_file()) continue;
            const std::string rel = fs::relative(it->path(), top, ec).generic_string();
            if (rel.empty() || rel[0] == '.') continue;
            std::string content;
            if (readFile(it->path(), content)) files[rel] = std::move(content);
        }
    };
    auto add = [&](const BotFiles& files, const std::string& source) {
        BotLoadResult r = loadBot(files, source, options);
        if (!r.bot) {
            out.errors.push_back(source + ": " + r.error);
            return;
        }
        for (const auto& b : out.bots) {
            if (b.name == r.bot->name || (!r.bot->identifier.empty() && b.identifier == r.bot->identifier)) {
                out.errors.push_back(source + ": a bot named " + r.bot->name + " (or with its identifier) is already loaded from " + b.source);
                return;
            }
        }
        out.bots.push_back(std::move(*r.bot));
    };
    // DIR itself may be one bot.
    if (fs::exists(fs::path(dir) / "Manifest.json") || fs::exists(fs::path(dir) / "manifest.json")) {
        BotFiles files;
        readTree(dir, files);
        add(files, dir);
        return out;
    }
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries) {
        const std::string name = p.filename().string();
        if (name.empty() || name[0] == '.') continue;
        if (fs::is_directory(p, ec)) {
            BotFiles files;
            readTree(p, files);
            add(files, p.string());
        } else if (p.extension() == ".zip") {
            std::string archive;
            if (!readFile(p, archive)) {
                out.errors.push_back(p.string() + ": cannot read (or larger than 16 MiB)");
                continue;
            }
            ZipRead zip = readZip(archive);
            if (!zip.error.empty()) out.errors.push_back(p.string() + ": " + zip.error);
            else add(zip.files, p.string());
        }
    }
    return out;
}

}  // namespace connect_local::lex
