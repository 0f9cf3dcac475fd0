// connect-local's Lex V2 bots: the export reader (folder and zip, both manifest spellings, errors that
// name the file and the field), the classifier with its threshold and fallback, slot elicitation,
// session TTL on a manual clock, the shipped banking-assistant bot, and RecognizeText's JSON.
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>

#include "connect_local/lex/bot_definition.h"
#include "connect_local/lex/local_bots.h"
#include "fake_platform.h"
#include "finchat/interactive.h"
#include "finchat/util.h"
#include "keyword_bot.h"
#include "lex/recognize_text.h"

using namespace connect_local;
using namespace connect_local::lex;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json textMessage(const std::string& v) {
    return {{"message", {{"plainTextMessage", {{"value", v}}}, {"customPayload", nullptr}, {"ssmlMessage", nullptr}, {"imageResponseCard", nullptr}}},
            {"variations", nullptr}};
}
json payloadMessage(const std::string& v) {
    return {{"message", {{"plainTextMessage", nullptr}, {"customPayload", {{"value", v}}}}}, {"variations", nullptr}};
}
json closingSetting(json groups) {
    return {{"isActive", true}, {"closingResponse", {{"messageGroupsList", std::move(groups)}, {"allowInterrupt", true}}},
            {"nextStep", {{"dialogAction", {{"type", "EndConversation"}}}}}};
}
json utterances(std::initializer_list<const char*> list) {
    json out = json::array();
    for (const char* u : list) out.push_back({{"utterance", u}});
    return out;
}

// A small pizza bot in the export layout: Order (slots size then crust, by slotPriorities), Hours,
// and the FallbackIntent. `name` is the bot's name; paths are under `name`/ as in a real export.
struct TestBot {
    std::string name = "PizzaBot";
    bool lowerManifest = false;   // manifest.json + "metadata" (the docs' spelling)
    double threshold = 0.4;
    BotFiles files() const {
        BotFiles f;
        const std::string loc = name + "/BotLocales/en_US/";
        if (lowerManifest) f["manifest.json"] = json{{"metadata", {{"schemaVersion", "1.0"}, {"fileFormat", "LexJson"}, {"resourceType", "Bot"}}}}.dump();
        else f["Manifest.json"] = json{{"metaData", {{"schemaVersion", "1"}, {"fileFormat", "LexJson"}, {"resourceType", "BOT"}}}}.dump();
        f[name + "/Bot.json"] = json{{"name", name}, {"version", "DRAFT"}, {"identifier", "PIZZA" + std::to_string(name.size())},
                                     {"description", nullptr}, {"idleSessionTTLInSeconds", 120}}.dump();
        f[loc + "BotLocale.json"] = json{{"name", "English (US)"}, {"identifier", "en_US"}, {"nluConfidenceThreshold", threshold}}.dump();
        f[loc + "SlotTypes/Size/SlotType.json"] =
            json{{"name", "Size"},
                 {"slotTypeValues", {{{"sampleValue", {{"value", "large"}}}, {"synonyms", {{{"value", "big"}}, {{"value", "family size"}}}}},
                                     {{"sampleValue", {{"value", "small"}}}, {"synonyms", nullptr}}}},
                 {"parentSlotTypeSignature", nullptr},
                 {"valueSelectionSetting", {{"resolutionStrategy", "TOP_RESOLUTION"}}}}.dump();
        f[loc + "SlotTypes/Crust/SlotType.json"] =
            json{{"name", "Crust"}, {"slotTypeValues", {{{"sampleValue", {{"value", "thin"}}}}}},
                 {"valueSelectionSetting", {{"resolutionStrategy", "ORIGINAL_VALUE"}}}}.dump();
        f[loc + "Intents/Order/Intent.json"] =
            json{{"name", "Order"}, {"identifier", "ORD"}, {"parentIntentSignature", nullptr},
                 {"sampleUtterances", utterances({"I want a pizza", "order a pizza", "can I get a {size} pizza", "pizza please",
                                                  "I'd like to order pizza", "get me a pizza delivered"})},
                 {"intentConfirmationSetting", nullptr},
                 {"initialResponseSetting", {{"initialResponse", {{"messageGroupsList", {textMessage("Let's get you a pizza.")}}}}}},
                 {"intentClosingSetting", closingSetting({textMessage("A {size} {crust} pizza is on its way ({id} stays).")})},
                 {"slotPriorities", {{{"priority", 1}, {"slotName", "size"}}, {{"priority", 2}, {"slotName", "crust"}}}}}.dump();
        auto slot = [&](const char* slotName, const char* type, const char* prompt) {
            f[loc + "Intents/Order/Slots/" + slotName + "/Slot.json"] =
                json{{"name", slotName}, {"slotTypeName", type},
                     {"valueElicitationSetting", {{"slotConstraint", "Required"},
                                                  {"promptSpecification", {{"messageGroupsList", {textMessage(prompt)}}, {"maxRetries", 1}}}}}}.dump();
        };
        slot("crust", "Crust", "Which crust?");
        slot("size", "Size", "What size?");
        f[loc + "Intents/Hours/Intent.json"] =
            json{{"name", "Hours"}, {"sampleUtterances", utterances({"when are you open", "opening hours", "what time do you close",
                                                                      "are you open on sunday", "hours"})},
                 {"intentClosingSetting", closingSetting({payloadMessage(R"({"templateType":"QuickReply","version":"1.0"})")})}}.dump();
        f[loc + "Intents/FallbackIntent/Intent.json"] =
            json{{"name", "FallbackIntent"}, {"parentIntentSignature", "AMAZON.FallbackIntent"}, {"sampleUtterances", nullptr},
                 {"intentClosingSetting", closingSetting({textMessage("Sorry, can you please repeat that?")})}}.dump();
        return f;
    }
};

BotDefinition load(const BotFiles& files) {
    auto r = loadBot(files, "test");
    INFO(r.error);
    REQUIRE(r.bot);
    return std::move(*r.bot);
}

std::string loadError(BotFiles files) {
    auto r = loadBot(files, "test");
    REQUIRE_FALSE(r.bot);
    return r.error;
}

// The test bot running on a manual clock.
struct PizzaBots {
    fake::ManualClock clock;
    LocalLexBots bots{clock};
    explicit PizzaBots(const TestBot& bot = {}) { bots.add(load(bot.files())); }
};

LexTurn turn(LocalLexBots& bots, std::string_view text, std::string_view session = "s1", std::string_view bot = "PizzaBot") {
    auto r = bots.recognizeText(bot, "TSTALIASID", "en_US", session, text, {});
    REQUIRE(std::holds_alternative<LexTurn>(r));
    return std::get<LexTurn>(r);
}

// A zip of `files`: each entry deflated (raw) or stored, with a central directory.
std::string zipOf(const BotFiles& files, bool deflated) {
    std::string out, dir;
    auto u16 = [](std::string& s, unsigned v) { s += char(v & 0xff); s += char(v >> 8 & 0xff); };
    auto u32 = [&](std::string& s, unsigned long v) { u16(s, v & 0xffff); u16(s, v >> 16 & 0xffff); };
    for (const auto& [name, content] : files) {
        std::string data = content;
        if (deflated) {
            z_stream z{};
            deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
            data.resize(deflateBound(&z, content.size()));
            z.next_in = (Bytef*)content.data();
            z.avail_in = (uInt)content.size();
            z.next_out = (Bytef*)data.data();
            z.avail_out = (uInt)data.size();
            deflate(&z, Z_FINISH);
            data.resize(z.total_out);
            deflateEnd(&z);
        }
        const unsigned long crc = crc32(0, (const Bytef*)content.data(), (uInt)content.size());
        const unsigned long offset = out.size();
        u32(out, 0x04034b50); u16(out, 20); u16(out, 0); u16(out, deflated ? 8 : 0); u32(out, 0);
        u32(out, crc); u32(out, data.size()); u32(out, content.size()); u16(out, name.size()); u16(out, 0);
        out += name + data;
        u32(dir, 0x02014b50); u16(dir, 20); u16(dir, 20); u16(dir, 0); u16(dir, deflated ? 8 : 0); u32(dir, 0);
        u32(dir, crc); u32(dir, data.size()); u32(dir, content.size()); u16(dir, name.size());
        u16(dir, 0); u16(dir, 0); u16(dir, 0); u16(dir, 0); u32(dir, 0); u32(dir, offset);
        dir += name;
    }
    const unsigned long dirOffset = out.size();
    out += dir;
    u32(out, 0x06054b50); u16(out, 0); u16(out, 0); u16(out, files.size()); u16(out, files.size());
    u32(out, dir.size()); u32(out, dirOffset); u16(out, 0);
    return out;
}

void writeFile(const fs::path& p, const std::string& content) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
}

}  // namespace

TEST_CASE("lex: both manifest spellings load the same bot", "[lex]") {
    TestBot upper, lower;
    lower.lowerManifest = true;
    const auto a = load(upper.files()), b = load(lower.files());
    CHECK(a.name == "PizzaBot");
    CHECK(b.name == "PizzaBot");
    REQUIRE(a.locales.count("en_US"));
    const auto& loc = a.locales.at("en_US");
    CHECK(loc.intents.size() == 3);
    CHECK(loc.nluConfidenceThreshold == Approx(0.4));
    CHECK(loc.intents[loc.fallbackIntent].name == "FallbackIntent");
    // Without nluConfidenceThreshold the locale uses Lex's default, 0.4 (an explicit value is read:
    // see the 0.999 bot in the threshold test).
    auto noThreshold = upper.files();
    json localeJson = json::parse(noThreshold["PizzaBot/BotLocales/en_US/BotLocale.json"]);
    localeJson.erase("nluConfidenceThreshold");
    noThreshold["PizzaBot/BotLocales/en_US/BotLocale.json"] = localeJson.dump();
    CHECK(load(noThreshold).locales.at("en_US").nluConfidenceThreshold == Approx(0.4));
    CHECK(a.idleSessionTTLInSeconds == 120);
    // slotPriorities order (size before crust), not file order.
    const auto& order = *std::find_if(loc.intents.begin(), loc.intents.end(), [](auto& i) { return i.name == "Order"; });
    REQUIRE(order.slots.size() == 2);
    CHECK(order.slots[0].name == "size");
    CHECK(order.slots[1].name == "crust");
}

TEST_CASE("lex: a directory of bots as folders and zips; a broken one does not stop the others", "[lex]") {
    const fs::path dir = fs::temp_directory_path() / ("lex_bots_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    TestBot folder, deflatedZip, storedZip, broken;
    deflatedZip.name = "ZipBot";
    deflatedZip.lowerManifest = true;
    storedZip.name = "StoredBot";
    broken.name = "BrokenBot";
    for (const auto& [path, content] : folder.files()) writeFile(dir / "pizza" / path, content);
    writeFile(dir / "zip-bot.zip", zipOf(deflatedZip.files(), true));
    // A zip made of the folder itself: one level more above the manifest.
    BotFiles nested;
    for (const auto& [path, content] : storedZip.files()) nested["StoredBot-export/" + path] = content;
    writeFile(dir / "stored.zip", zipOf(nested, false));
    BotFiles bad = broken.files();
    bad["BrokenBot/BotLocales/en_US/BotLocale.json"] = R"({"identifier":"en_US","nluConfidenceThreshold":"high"})";
    writeFile(dir / "broken.zip", zipOf(bad, true));
    writeFile(dir / "README.md", "not a bot");

    const auto loaded = loadBotDirectory(dir.string());
    std::vector<std::string> names;
    for (const auto& b : loaded.bots) names.push_back(b.name);
    CHECK(names == std::vector<std::string>{"PizzaBot", "StoredBot", "ZipBot"});
    REQUIRE(loaded.errors.size() == 1);
    CHECK_THAT(loaded.errors[0], Catch::Contains("broken.zip") && Catch::Contains("BrokenBot/BotLocales/en_US/BotLocale.json") &&
                                     Catch::Contains("nluConfidenceThreshold"));

    fake::ManualClock clock;
    LocalLexBots bots(clock);
    for (auto b : loaded.bots) bots.add(std::move(b));
    CHECK(turn(bots, "when are you open", "s1", "ZipBot").intentName == "Hours");
    CHECK(turn(bots, "when are you open", "s1", "StoredBot").intentName == "Hours");
    fs::remove_all(dir);
}

TEST_CASE("lex: malformed and unsupported files name the file and the field", "[lex]") {
    const TestBot bot;
    const std::string order = "PizzaBot/BotLocales/en_US/Intents/Order/Intent.json";
    auto with = [&](const std::string& path, const std::string& content) {
        auto f = bot.files();
        f[path] = content;
        return loadError(f);
    };
    auto edited = [&](const std::string& path, auto&& edit) {
        auto f = bot.files();
        json j = json::parse(f[path]);
        edit(j);
        f[path] = j.dump();
        return loadError(f);
    };
    CHECK(with(order, "{not json") == order + ": (file): not valid JSON");
    CHECK(edited(order, [](json& j) { j["sampleUtterances"][1]["utterance"] = 7; }) ==
          order + ": sampleUtterances[1].utterance: expected a string");
    CHECK(edited(order, [](json& j) { j["intentConfirmationSetting"] = {{"promptSpecification", json::object()}}; }) ==
          order + ": intentConfirmationSetting: confirmation prompts are not supported (set it to null or isActive false)");
    CHECK(edited(order, [](json& j) { j["intentClosingSetting"]["closingResponse"]["messageGroupsList"][0] = payloadMessage(std::string(1001, 'x')); }) ==
          order + ": intentClosingSetting.closingResponse.messageGroupsList[0].message.customPayload.value: longer than Lex's 1000 characters");
    CHECK(edited(order, [](json& j) {
              j["intentClosingSetting"]["closingResponse"]["messageGroupsList"][0]["variations"] =
                  json::array({textMessage("a")["message"], textMessage("b")["message"], textMessage("c")["message"]});
          }) == order + ": intentClosingSetting.closingResponse.messageGroupsList[0].variations: more than Lex's 2 variations");
    CHECK(edited(order, [](json& j) {
              j["intentClosingSetting"]["closingResponse"]["messageGroupsList"][0]["variations"] = json::array({{{"plainTextMessage", nullptr}}});
          }) == order + ": intentClosingSetting.closingResponse.messageGroupsList[0].variations[0]: needs plainTextMessage or customPayload");
    CHECK(edited(order, [](json& j) { j["slotPriorities"].push_back({{"priority", 3}, {"slotName", "topping"}}); }) ==
          order + ": slotPriorities: names a slot 'topping' that has no Slot.json");
    CHECK(edited("PizzaBot/BotLocales/en_US/Intents/Order/Slots/size/Slot.json", [](json& j) { j["slotTypeName"] = "AMAZON.City"; }) ==
          "PizzaBot/BotLocales/en_US/Intents/Order/Slots/size/Slot.json: slotTypeName: 'AMAZON.City' is neither a slot type of this "
          "locale nor a supported built-in (AMAZON.FreeFormInput, AMAZON.Number)");
    CHECK(edited("PizzaBot/BotLocales/en_US/SlotTypes/Size/SlotType.json", [](json& j) { j["valueSelectionSetting"]["resolutionStrategy"] = "Concatenation"; }) ==
          "PizzaBot/BotLocales/en_US/SlotTypes/Size/SlotType.json: valueSelectionSetting.resolutionStrategy: 'Concatenation' is not supported "
          "(ORIGINAL_VALUE or TOP_RESOLUTION)");
    CHECK(edited("PizzaBot/Bot.json", [](json& j) { j.erase("name"); }) == "PizzaBot/Bot.json: name: missing (a string is required)");
    CHECK(edited("Manifest.json", [](json& j) { j["metaData"]["resourceType"] = "BOT_LOCALE"; }) ==
          "Manifest.json: metaData.resourceType: 'BOT_LOCALE' is not supported (a whole-bot export, resourceType BOT)");
    auto noBot = bot.files();
    noBot.erase("PizzaBot/Bot.json");
    CHECK(loadError(noBot) == "{BotName}/Bot.json: (file): missing");
    auto noManifest = bot.files();
    noManifest.erase("Manifest.json");
    CHECK(loadError(noManifest) == "Manifest.json: (file): missing (neither Manifest.json nor manifest.json found)");

    std::string zip = zipOf(bot.files(), true);
    zip[30 + std::string("Manifest.json").size() + 2] ^= 0x55;   // inside the first entry's data
    CHECK_FALSE(readZip(zip).error.empty());
    CHECK(readZip("PK but not a zip at all, no end record here").error == "not a zip archive (no end of central directory)");
}

TEST_CASE("lex: below nluConfidenceThreshold the FallbackIntent answers", "[lex]") {
    PizzaBots pizza;
    auto& bots = pizza.bots;
    auto hours = turn(bots, "what time do you open");
    CHECK(hours.intentName == "Hours");
    CHECK(hours.dialogAction == "Close");
    CHECK(hours.intentState == "Fulfilled");
    REQUIRE(hours.messages.size() == 1);
    CHECK(hours.messages[0].kind == LexMessage::Kind::CustomPayload);
    REQUIRE(hours.interpretations.size() == 2);   // every trained intent, best first
    CHECK(hours.interpretations[0].intentName == "Hours");
    CHECK(hours.interpretations[0].nluConfidence >= 0.4);
    CHECK(hours.interpretations[0].nluConfidence > hours.interpretations[1].nluConfidence);

    auto noise = turn(bots, "quantum giraffe xylophone");
    CHECK(noise.intentName == "FallbackIntent");
    CHECK(noise.dialogAction == "Close");
    REQUIRE(noise.messages.size() == 1);
    CHECK(noise.messages[0].content == "Sorry, can you please repeat that?");
    REQUIRE(noise.interpretations.size() == 3);
    CHECK(noise.interpretations[0].intentName == "FallbackIntent");
    CHECK(noise.interpretations[0].nluConfidence == 0);
    CHECK(noise.interpretations[1].nluConfidence < 0.4);

    // The same words with a threshold above every confidence: always the fallback.
    TestBot strict;
    strict.threshold = 0.999;
    PizzaBots strictBots(strict);
    CHECK(turn(strictBots.bots, "what time do you open").intentName == "FallbackIntent");
}

TEST_CASE("lex: Required slots are elicited in slotPriorities order with their prompts", "[lex]") {
    PizzaBots pizza;
    auto& bots = pizza.bots;
    auto t1 = turn(bots, "I want a pizza");
    CHECK(t1.intentName == "Order");
    CHECK(t1.dialogAction == "ElicitSlot");
    CHECK(t1.slotToElicit == "size");
    CHECK(t1.intentState == "InProgress");
    REQUIRE(t1.messages.size() == 2);
    CHECK(t1.messages[0].content == "Let's get you a pizza.");   // initial response first
    CHECK(t1.messages[1].content == "What size?");
    CHECK(t1.slotValues.size() == 2);
    CHECK_FALSE(t1.slotValues.at("size").has_value());

    // A synonym of a TOP_RESOLUTION type resolves to its value.
    auto t2 = turn(bots, "Family Size!");
    CHECK(t2.slotToElicit == "crust");
    CHECK(t2.slots.at("size") == "large");
    CHECK(t2.slotValues.at("size")->originalValue == "Family Size!");
    CHECK(t2.slotValues.at("size")->resolvedValues == std::vector<std::string>{"large"});
    CHECK(t2.interpretations.at(0).intentName == "Order");

    // ORIGINAL_VALUE accepts what was said; the closing response gets the slot values, not {id}.
    auto t3 = turn(bots, "stuffed");
    CHECK(t3.dialogAction == "Close");
    CHECK(t3.intentState == "Fulfilled");
    CHECK(t3.slots.at("crust") == "stuffed");
    REQUIRE(t3.messages.size() == 1);
    CHECK(t3.messages[0].content == "A large stuffed pizza is on its way ({id} stays).");

    // A value in the first utterance fills its slot; an unresolvable answer to a TOP_RESOLUTION
    // slot repeats the prompt, and after maxRetries (1) the FallbackIntent answers.
    auto u1 = turn(bots, "can I get a big pizza", "s2");
    CHECK(u1.slots.at("size") == "large");
    CHECK(u1.slotToElicit == "crust");
    auto v1 = turn(bots, "I want a pizza", "s3");
    CHECK(v1.slotToElicit == "size");
    auto v2 = turn(bots, "medium", "s3");
    CHECK(v2.dialogAction == "ElicitSlot");
    CHECK(v2.slotToElicit == "size");
    REQUIRE(v2.messages.size() == 1);
    CHECK(v2.messages[0].content == "What size?");
    auto v3 = turn(bots, "medium", "s3");
    CHECK(v3.intentName == "FallbackIntent");
    CHECK(v3.intentState == "Failed");
    CHECK(v3.dialogAction == "Close");

    // Another intent said clearly while a slot is open switches to it.
    turn(bots, "I want a pizza", "s4");
    CHECK(turn(bots, "what are your opening hours", "s4").intentName == "Hours");
}

TEST_CASE("lex: a message group answers with its message or a variation, reproducibly per session", "[lex]") {
    // The fallback's closing group and the size prompt each get two variations (Lex's maximum).
    auto files = TestBot{}.files();
    auto addVariations = [&](const std::string& path, auto&& groups, std::initializer_list<const char*> texts) {
        json j = json::parse(files[path]);
        json& variations = groups(j)[0]["variations"];
        variations = json::array();
        for (const char* t : texts) variations.push_back(textMessage(t)["message"]);
        files[path] = j.dump();
    };
    const std::string loc = "PizzaBot/BotLocales/en_US/";
    addVariations(loc + "Intents/FallbackIntent/Intent.json",
                  [](json& j) -> json& { return j["intentClosingSetting"]["closingResponse"]["messageGroupsList"]; },
                  {"Sorry, I didn't get that.", "Could you say that another way?"});
    addVariations(loc + "Intents/Order/Slots/size/Slot.json",
                  [](json& j) -> json& { return j["valueElicitationSetting"]["promptSpecification"]["messageGroupsList"]; },
                  {"Which size would you like?", "Small or large?"});
    const std::set<std::string> fallbackSet{"Sorry, can you please repeat that?", "Sorry, I didn't get that.", "Could you say that another way?"};
    const std::set<std::string> promptSet{"What size?", "Which size would you like?", "Small or large?"};

    auto run = [&](std::uint64_t seed, const std::string& session, int turns) {
        fake::ManualClock clock;
        LocalLexBots bots{clock, seed};
        bots.add(load(files));
        std::vector<std::string> said;
        for (int i = 0; i < turns; ++i) {
            auto t = turn(bots, "quantum giraffe xylophone", session);
            REQUIRE(t.messages.size() == 1);
            said.push_back(t.messages[0].content);
            auto p = turn(bots, "I want a pizza", session);
            REQUIRE(p.messages.size() == 2);
            said.push_back(p.messages[1].content);
            turn(bots, "small", session);
            turn(bots, "thin", session);   // closes the order
        }
        return said;
    };
    const auto said = run(7, "s1", 30);
    std::set<std::string> fallbacks, prompts;
    for (std::size_t i = 0; i < said.size(); ++i) (i % 2 == 0 ? fallbacks : prompts).insert(said[i]);
    CHECK(fallbacks == fallbackSet);   // every variant appears, nothing else does
    CHECK(prompts == promptSet);
    CHECK(run(7, "s1", 30) == said);   // same seed and session: the same replies
    CHECK(run(8, "s1", 30) != said);   // another seed draws differently
    CHECK(run(7, "s2", 30) != said);   // and so does another session
    // A group without variations always answers with its message ("Let's get you a pizza.").
    for (int i = 0; i < 5; ++i) {
        fake::ManualClock clock;
        LocalLexBots bots{clock, static_cast<std::uint64_t>(i)};
        bots.add(load(files));
        CHECK(turn(bots, "I want a pizza").messages.at(0).content == "Let's get you a pizza.");
    }
}

TEST_CASE("lex: a session idle longer than idleSessionTTLInSeconds starts over", "[lex]") {
    PizzaBots pizza;
    auto& bots = pizza.bots;
    CHECK(turn(bots, "I want a pizza").slotToElicit == "size");
    pizza.clock.advance(119'000);   // within the bot's 120 s
    CHECK(turn(bots, "small").slotToElicit == "crust");
    pizza.clock.advance(121'000);   // past it: "thin" is classified afresh, not taken as the crust
    const auto late = turn(bots, "thin");
    CHECK(late.intentName != "Order");
    CHECK(late.slots.empty());
    // Session attributes passed in are kept and returned.
    auto r = bots.recognizeText("PizzaBot", "TSTALIASID", "en_US", "s9", "hours", {{"customer", "c-1"}});
    CHECK(std::get<LexTurn>(r).sessionAttributes.at("customer") == "c-1");
    CHECK(turn(bots, "hours", "s9").sessionAttributes.at("customer") == "c-1");
}

TEST_CASE("lex: the classifier is deterministic and independent of the thread count", "[lex]") {
    const std::vector<std::string> texts{"open an account", "new account please", "close my account", "shut my account down",
                                         "what is my balance", "how much money"};
    const std::vector<int> labels{0, 0, 1, 1, 2, 2};
    ClassifierOptions one, two;
    one.threads = 1;
    two.threads = 2;
    const auto a = IntentClassifier::train(texts, labels, 3, one), b = IntentClassifier::train(texts, labels, 3, two);
    for (const char* q : {"open account", "balance", "close it", "zzz"}) {
        const auto x = a.classify(q), y = b.classify(q);
        REQUIRE(x.size() == 3);
        for (int i = 0; i < 3; ++i) {
            CHECK(x[i].label == y[i].label);
            CHECK(x[i].margin == y[i].margin);
        }
    }
    CHECK(a.classify("how much money do I have").front().label == 2);
    CHECK(tokenizeUtterance("Hasn't ARRIVED, card #1234!") == std::vector<std::string>{"hasnt", "arrived", "card", "0000"});
}

TEST_CASE("lex: re-ranking moves one of the top candidates first and keeps every intent's score", "[lex]") {
    const std::vector<std::string> texts{"open an account", "new account please", "i want an account", "start a savings account",
                                         "close my account", "shut my account down", "end my account",
                                         "what is my balance", "balance please",
                                         "lost my card", "my card was stolen", "card missing", "cannot find my card",
                                         "someone took my card"};
    const std::vector<int> labels{0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3};
    ClassifierOptions plain;
    plain.rerankTop = 0;
    const auto base = IntentClassifier::train(texts, labels, 4, plain);
    auto withRule = [&](double pairs, double nb, double prior) {
        ClassifierOptions o;
        o.rerankTop = pairs > 0 ? 3 : 0;
        o.nbWeight = nb;
        o.priorCorrection = prior;
        return IntentClassifier::train(texts, labels, 4, o);
    };
    const std::vector<IntentClassifier> models{withRule(1, 0, 0), withRule(1, 1, 0), withRule(1, 0, 0.5), withRule(1, 1e6, 0),
                                               withRule(1, 0, 1e6)};
    const std::vector<std::string> queries{"open account", "close it", "my balance", "card", "account card", "zzz",
                                           "lost account balance", "new card please", "stolen"};
    for (const auto& q : queries) {
        INFO(q);
        const auto ref = base.classify(q);
        REQUIRE(ref.size() == 4);
        for (std::size_t i = 1; i < ref.size(); ++i) CHECK(ref[i - 1].margin >= ref[i].margin);
        for (const auto& model : models) {
            const auto got = model.classify(q);
            REQUIRE(got.size() == 4);
            // The winner is one of the three best by margin; the others follow by margin.
            const auto top = {ref[0].label, ref[1].label, ref[2].label};
            CHECK(std::find(top.begin(), top.end(), got[0].label) != top.end());
            for (std::size_t i = 2; i < got.size(); ++i) CHECK(got[i - 1].margin >= got[i].margin);
            // Every intent keeps the margin and confidence the fallback threshold reads.
            for (const auto& r : ref) {
                const auto it = std::find_if(got.begin(), got.end(), [&](const ScoredClass& g) { return g.label == r.label; });
                REQUIRE(it != got.end());
                CHECK(it->margin == Approx(r.margin).margin(1e-6));
                CHECK(it->confidence == Approx(r.confidence).margin(1e-6));
            }
        }
        // An overwhelming prior correction puts the candidate with the fewest utterances first.
        const auto rare = models[4].classify(q).front().label;
        for (int c : {ref[0].label, ref[1].label, ref[2].label})
            CHECK(std::count(labels.begin(), labels.end(), rare) <= std::count(labels.begin(), labels.end(), c));
    }
    // Overwhelming naive Bayes: a word only one intent used decides among the candidates that include it.
    CHECK(models[3].classify("savings account card").front().label == 0);
    CHECK(models[3].classify("stolen card account").front().label == 3);
    // And the rules do reorder: on some query each one's winner is not the one-vs-rest winner.
    for (std::size_t m : {3u, 4u}) {
        INFO(m);
        CHECK(std::any_of(queries.begin(), queries.end(), [&](const std::string& q) {
            return models[m].classify(q).front().label != base.classify(q).front().label;
        }));
    }
}

TEST_CASE("lex: the banking-assistant bot", "[lex]") {
    const auto loaded = loadBotDirectory(FINCHAT_SOURCE_DIR "/demo/connect-local/bots");
    INFO((loaded.errors.empty() ? std::string() : loaded.errors[0]));
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.bots.size() == 1);
    const auto& def = loaded.bots[0];
    CHECK(def.name == "banking-assistant");
    std::set<std::string> intentNames;
    for (const auto& intent : def.locales.at("en_US").intents) {
        intentNames.insert(intent.name);
        if (!intent.isFallback) CHECK(intent.sampleUtterances.size() >= 30);
    }
    // The intents issue 10 asks of the model home's bot.
    for (const char* required : {"CheckBalance", "RecentTransactions", "OpenAccount", "LostOrStolenCard", "CardNotArrived",
                                 "TransferStatus", "Fees", "ChangePin", "ReportFraud", "TalkToAgent", "TalkToSpecialist",
                                 "Greeting", "Goodbye"}) {
        INFO(required);
        CHECK(intentNames.count(required) == 1);
    }
    CHECK(def.locales.at("en_US").fallbackIntent >= 0);
    fake::ManualClock clock;
    LocalLexBots bots(clock);
    bots.add(def);
    auto bank = [&](std::string_view text, std::string_view session) { return turn(bots, text, session, "banking-assistant"); };
    CHECK(bank("hello", "s-a").intentName == "Greeting");
    CHECK(bank("agent", "s-b").intentName == "TalkToAgent");
    const auto specialist = bank("specialist", "s-c");
    CHECK(specialist.intentName == "TalkToSpecialist");
    REQUIRE(specialist.messages.size() == 2);
    CHECK(json::parse(specialist.messages[1].content)["finaptic"]["escalate"]["reason"].is_string());
    // By identifier too; the balance: a data-bound ListPicker, then the data-bound follow-up.
    const auto balance = turn(bots, "balance", "s-d", "FNBANKAST1");
    CHECK(balance.intentName == "CheckBalance");
    CHECK(balance.slotToElicit == "account");
    REQUIRE(balance.messages.size() == 1);
    const auto picker = json::parse(balance.messages[0].content);
    CHECK(picker["templateType"] == "ListPicker");
    CHECK(picker["data"]["content"]["elements"] == "$API:ListAccounts");
    const auto follow = bank("acct-7Q2", "s-d");
    CHECK(follow.dialogAction == "Close");
    CHECK(follow.slots.at("account") == "acct-7Q2");
    CHECK(json::parse(follow.messages.at(0).content)["data"]["content"]["title"] == "$API:GetBalance(account={id})");
    // A customer who names the account in words is still asked to pick it: the AccountId slot type's
    // sample value is an opaque id, never a word customers say.
    const auto named = bank("how much money is in my checking account", "s-g");
    CHECK(named.intentName == "CheckBalance");
    CHECK(named.slotToElicit == "account");
    CHECK(bank("I lost my card", "s-e").intentName == "LostOrStolenCard");
    CHECK(bank("purple monkey dishwasher", "s-f").intentName == "FallbackIntent");
}

TEST_CASE("lex: RecognizeText's path, body and errors", "[lex]") {
    CHECK_FALSE(parseRecognizeTextPath("/bots/b/botAliases/a/botLocales/en_US/sessions/s/text/x"));
    CHECK_FALSE(parseRecognizeTextPath("/bots/b/botAliases//botLocales/en_US/sessions/s/text"));
    const auto path = parseRecognizeTextPath("/bots/PizzaBot/botAliases/TSTALIASID/botLocales/en_US/sessions/user%3A1/text");
    REQUIRE(path);
    CHECK(path->sessionId == "user:1");
    PizzaBots pizza;
    auto& bots = pizza.bots;
    const Reply ok = recognizeText(bots, *path, R"({"text":"I want a pizza","sessionState":{"sessionAttributes":{"k":"v"}},"requestAttributes":{"r":"1"}})");
    REQUIRE(ok.status == 200);
    const auto j = json::parse(ok.body);
    CHECK(j["sessionId"] == "user:1");
    CHECK(j["messages"][1] == json{{"content", "What size?"}, {"contentType", "PlainText"}});
    CHECK(j["sessionState"]["dialogAction"] == json{{"type", "ElicitSlot"}, {"slotToElicit", "size"}});
    CHECK(j["sessionState"]["intent"]["name"] == "Order");
    CHECK(j["sessionState"]["intent"]["state"] == "InProgress");
    CHECK(j["sessionState"]["intent"]["confirmationState"] == "None");
    CHECK(j["sessionState"]["intent"]["slots"] == json{{"crust", nullptr}, {"size", nullptr}});
    CHECK(j["sessionState"]["sessionAttributes"] == json{{"k", "v"}});
    CHECK(j["requestAttributes"] == json{{"r", "1"}});
    CHECK(j["interpretations"][0]["intent"]["name"] == "Order");
    CHECK(j["interpretations"][0]["nluConfidence"]["score"].get<double>() > 0.4);
    const Reply filled = recognizeText(bots, *path, R"({"text":"big"})");
    CHECK(json::parse(filled.body)["sessionState"]["intent"]["slots"]["size"] ==
          json{{"value", {{"originalValue", "big"}, {"interpretedValue", "large"}, {"resolvedValues", {"large"}}}}});

    auto missingBot = *path;
    missingBot.botId = "NoSuchBot";
    const Reply notFound = recognizeText(bots, missingBot, R"({"text":"hi"})");
    CHECK(notFound.status == 404);
    CHECK(notFound.errorType == "ResourceNotFoundException");
    auto badLocale = *path;
    badLocale.localeId = "fr_FR";
    CHECK(recognizeText(bots, badLocale, R"({"text":"hi"})").errorType == "ResourceNotFoundException");
    for (const char* body : {R"({})", R"({"text":""})", R"({"text":5})", "[", R"({"text":"hi","sessionState":{"sessionAttributes":{"a":1}}})"}) {
        const Reply bad = recognizeText(bots, *path, body);
        CHECK(bad.status == 400);
        CHECK(bad.errorType == "ValidationException");
        CHECK(json::parse(bad.body)["message"].is_string());
    }
}

namespace {
// Every custom payload a bot definition can send: initial and closing responses, slot prompts.
std::vector<std::string> payloadsOf(const BotDefinition& def) {
    std::vector<std::string> out;
    auto add = [&](const std::vector<LexMessageGroup>& groups) {
        for (const auto& g : groups) {
            if (g.message.kind == LexMessage::Kind::CustomPayload) out.push_back(g.message.content);
            for (const auto& v : g.variations)
                if (v.kind == LexMessage::Kind::CustomPayload) out.push_back(v.content);
        }
    };
    for (const auto& [id, locale] : def.locales) {
        for (const auto& intent : locale.intents) {
            add(intent.initialResponse);
            add(intent.closingResponse);
            for (const auto& slot : intent.slots) add(slot.prompts);
        }
    }
    return out;
}

bool isEscalationSignal(const std::string& payload) {
    const auto j = json::parse(payload, nullptr, false);
    return j.is_object() && j.contains("finaptic");
}
}  // namespace

TEST_CASE("lex: every template the demo bots can send parses as the widget parses it", "[lex]") {
    const auto loaded = loadBotDirectory(FINCHAT_SOURCE_DIR "/demo/connect-local/bots");
    REQUIRE(loaded.bots.size() == 1);
    fake::ManualClock clock;
    std::vector<std::string> templates;
    for (const auto& p : payloadsOf(loaded.bots[0]))
        if (!isEscalationSignal(p)) templates.push_back(fillCallSlots(p, clock.nowMs()));   // as sent
    // The keyword bot (no --bots): its balance flow, both turns.
    KeywordBot keyword;
    auto say = [&](std::string_view text) {
        auto r = keyword.recognizeText(KeywordBot::kName, "A", "en_US", "kw-1", text, {});
        REQUIRE(std::holds_alternative<LexTurn>(r));
        for (const auto& m : std::get<LexTurn>(r).messages)
            if (m.kind == LexMessage::Kind::CustomPayload && !isEscalationSignal(m.content)) templates.push_back(m.content);
    };
    say("what's my balance?");
    say("acc_kQvTmw");

    std::set<finchat::TemplateType> types;
    std::set<std::string> providers;
    for (const auto& t : templates) {
        INFO(t);
        CHECK(t.size() <= 1000);   // Lex's customPayload limit
        const auto parsed = finchat::parseTemplateMessage(t);
        REQUIRE(parsed);
        types.insert(parsed->type);
        for (const auto& use : parsed->placeholders) providers.insert(use.placeholder.name);
        if (parsed->placeholders.empty()) CHECK(finchat::buildTemplate(*parsed, nullptr));
    }
    // Each of Connect's five templates, in some banking flow.
    CHECK(types == std::set<finchat::TemplateType>{finchat::TemplateType::ListPicker, finchat::TemplateType::Panel,
                                                   finchat::TemplateType::TimePicker, finchat::TemplateType::QuickReply,
                                                   finchat::TemplateType::Carousel});
    // Every $API name is one the Acme page's data provider answers (demo/site/acme-backend.js).
    std::ifstream in(FINCHAT_SOURCE_DIR "/demo/site/acme-backend.js");
    const std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(providers == std::set<std::string>{"GetBalance", "GetTransactions", "ListAccounts"});
    for (const auto& name : providers) CHECK(page.find("async " + name + "(") != std::string::npos);
}

TEST_CASE("lex: booking a call offers slots in the future, whatever the day", "[lex]") {
    constexpr std::int64_t kDay = 24LL * 3600 * 1000;
    // Friday 2025-05-02 23:59 UTC: the next slots are on Monday and Tuesday, never at the weekend.
    const std::int64_t friday = 1'746'230'340'000;
    const auto slots = upcomingCallSlots(friday);
    REQUIRE(slots.size() == 8);
    CHECK(finchat::formatIsoTime(slots.front()) == "2025-05-05T09:00:00.000Z");
    CHECK(finchat::formatIsoTime(slots.back()) == "2025-05-06T16:00:00.000Z");
    for (std::int64_t start = friday; start < friday + 7 * kDay; start += kDay / 3) {
        for (std::int64_t t : upcomingCallSlots(start)) {
            CHECK(t > start + 3600 * 1000);
            const int weekday = static_cast<int>((t / kDay + 4) % 7);
            CHECK((weekday >= 1 && weekday <= 5));
        }
    }
    // Not a TimePicker with an empty list: unchanged.
    const std::string fixed = R"({"templateType":"TimePicker","version":"1.0","data":{"content":{"title":"T","timeslots":[{"date":"2030-01-01T09:00+00:00","duration":30}]}}})";
    CHECK(fillCallSlots(fixed, friday) == fixed);
    CHECK(fillCallSlots("not json \"TimePicker\"", friday) == "not json \"TimePicker\"");
    CHECK(fillCallSlots(R"({"templateType":5,"x":"TimePicker"})", friday) == R"({"templateType":5,"x":"TimePicker"})");

    // The shipped bot, through a conversation on a clock that moves on.
    const auto loaded = loadBotDirectory(FINCHAT_SOURCE_DIR "/demo/connect-local/bots");
    REQUIRE(loaded.bots.size() == 1);
    fake::ManualClock clock;
    clock.advance(400 * kDay);
    LocalLexBots bots(clock);
    bots.add(loaded.bots[0]);
    const auto ask = turn(bots, "book a call with a specialist", "s-call", "banking-assistant");
    CHECK(ask.intentName == "BookCall");
    CHECK(ask.slotToElicit == "callTime");
    REQUIRE(ask.messages.size() == 1);
    const auto picker = finchat::parseTemplateMessage(ask.messages[0].content);
    REQUIRE(picker);
    CHECK(picker->type == finchat::TemplateType::TimePicker);
    const auto built = finchat::buildTemplate(*picker, nullptr);
    REQUIRE(built);
    REQUIRE(built->slots.size() == 8);
    for (const auto& slot : built->slots) CHECK(slot.startMs > clock.nowMs());
    // The customer's pick (the slot's date, as the widget sends it) closes with "anything else?".
    const auto done = turn(bots, built->slots[0].reply.content, "s-call", "banking-assistant");
    CHECK(done.dialogAction == "Close");
    REQUIRE(done.messages.size() == 1);
    const auto anything = finchat::parseTemplateMessage(done.messages[0].content);
    REQUIRE(anything);
    CHECK(anything->type == finchat::TemplateType::QuickReply);
    // The slot holds the date as sent; the bot says it as a time (as a fulfilment Lambda would).
    CHECK(done.slots.at("callTime") == built->slots[0].reply.content);
    CHECK(done.messages[0].content.find(built->slots[0].reply.content) == std::string::npos);
    CHECK(done.messages[0].content.find(" at " + finchat::formatIsoTime(built->slots[0].startMs).substr(11, 5) + " UTC") !=
          std::string::npos);

    // Opening an account: the Carousel's reply (JSON text, as the official widget sends it) fills
    // the product slot; the slot's reply fills callTime; "anything else?" names both.
    const auto products = turn(bots, "I want to open a new account", "s-open", "banking-assistant");
    REQUIRE(products.slotToElicit == "product");
    const auto carousel = finchat::buildTemplate(*finchat::parseTemplateMessage(products.messages.at(0).content), nullptr);
    REQUIRE(carousel);
    REQUIRE(carousel->cards.size() == 3);
    const auto saver = turn(bots, carousel->cards[1].elements.at(0).reply->content, "s-open", "banking-assistant");
    CHECK(saver.slots.at("product") == "Saver");
    REQUIRE(saver.slotToElicit == "callTime");
    const auto openSlots = finchat::buildTemplate(*finchat::parseTemplateMessage(saver.messages.at(0).content), nullptr);
    REQUIRE(openSlots);
    const auto opened = turn(bots, openSlots->slots.at(2).reply.content, "s-open", "banking-assistant");
    CHECK(opened.dialogAction == "Close");
    CHECK(opened.messages.at(0).content.find("new Saver account") != std::string::npos);
}
