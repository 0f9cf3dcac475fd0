// Contact flows in connect-local: loading Amazon Connect flow-language files (and refusing broken
// ones with the file, the action's Identifier and the reason), and running every supported action,
// transition, condition operator and error branch on a ChatService with a manual clock and a fake
// Lex bot. The demo's own flow files (acme-l1, finaptic-l2) are run at the end.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "connect_local/chat_service.h"
#include "connect_local/flow.h"
#include "connect_local/flow_runner.h"
#include "fake_platform.h"
#include "finchat/protocol.h"
#include "recording_sink.h"

using namespace finchat;
using connect_local::ChatService;
using connect_local::FlowLibrary;
using connect_local::LexBots;
using connect_local::LexError;
using connect_local::LexMessage;
using connect_local::LexTurn;
using nlohmann::json;

namespace {

constexpr const char* kQueueArn = "arn:aws:connect:us-east-1:111122223333:instance/bank-0001/queue/8d1c5d7e-0000-4000-8000-000000000001";
constexpr const char* kAliasArn = "arn:aws:lex:us-east-1:111122223333:bot-alias/BOTID0001/ALIAS0001";

// One instance "bank": queue `main` (by ARN, weekday hours, 2 agents), queue `small` (holds one
// contact), queue `anytime` (no hours); the alias ARN above names the local bot "helper".
connect_local::Config testConfig() {
    auto c = connect_local::Config::parse(json{
        {"instances", json::array({{{"id", "bank"}, {"name", "Bank"},
                                    {"flows", json::array({{{"id", "test-flow"}, {"file", "test.json"}}})},
                                    {"hours", json::array({{{"id", "weekdays"}, {"arn", "arn:aws:connect:us-east-1:111122223333:instance/bank-0001/operating-hours/hh-1"},
                                                            {"days", {{"MONDAY", "09:00-17:00"}, {"TUESDAY", "09:00-17:00"},
                                                                      {"WEDNESDAY", "09:00-17:00"}, {"THURSDAY", json::array({"09:00-12:00", "13:00-17:00"})},
                                                                      {"FRIDAY", "09:00-17:00"}}}}})},
                                    {"queues", json::array({{{"id", "main"}, {"name", "Main"}, {"arn", kQueueArn}, {"hours", "weekdays"}, {"staffedAgents", 2}},
                                                            {{"id", "small"}, {"name", "Small"}, {"maxContacts", 1}},
                                                            {{"id", "anytime"}, {"name", "Anytime"}}})}}})},
        {"bots", json::array({{{"aliasArn", kAliasArn}, {"bot", "helper"}}})},
        {"finaptic", {{"instance", "bank"}, {"flow", "test-flow"}}}}.dump());
    REQUIRE(c.ok());
    return *c;
}

// A Lex bot that answers from a script: utterance -> turn. Records every call.
struct FakeBots : LexBots {
    struct Call { std::string bot, alias, locale, session, text; std::map<std::string, std::string> attributes; };
    std::set<std::string> bots = {"helper", "V1Bot"};
    std::map<std::string, LexTurn> script;
    std::set<std::string> failing;   // utterances answered with a Lex error
    std::vector<Call> calls;
    bool hasBot(std::string_view id) const override { return bots.count(std::string(id)) != 0; }
    std::variant<LexTurn, LexError> recognizeText(std::string_view bot, std::string_view alias, std::string_view locale,
                                                  std::string_view session, std::string_view text,
                                                  const std::map<std::string, std::string>& attributes) override {
        calls.push_back({std::string(bot), std::string(alias), std::string(locale), std::string(session), std::string(text), attributes});
        if (failing.count(std::string(text))) return LexError{"ValidationException", "no"};
        auto it = script.find(std::string(text));
        if (it != script.end()) return it->second;
        LexTurn t;   // anything else: the fallback, closed
        t.intentName = "FallbackIntent";
        t.dialogAction = "Close";
        t.messages = {{LexMessage::Kind::PlainText, "Sorry?"}};
        t.sessionAttributes = attributes;
        return t;
    }
};

LexTurn closedTurn(std::string intent, std::vector<LexMessage> messages = {}, std::map<std::string, std::string> slots = {}) {
    LexTurn t;
    t.intentName = std::move(intent);
    t.dialogAction = "Close";
    t.intentState = "Fulfilled";
    t.messages = std::move(messages);
    t.slots = std::move(slots);
    t.interpretations = {{t.intentName, 0.87}};
    return t;
}

// Flow-language helpers: actions as Connect writes them.
json action(std::string id, std::string type, json params = json::object(), json transitions = json::object()) {
    return {{"Identifier", std::move(id)}, {"Type", std::move(type)}, {"Parameters", std::move(params)}, {"Transitions", std::move(transitions)}};
}
json say(std::string id, std::string text, std::string next = {}) {
    json t = json::object();
    if (!next.empty()) t["NextAction"] = next;
    return action(std::move(id), "MessageParticipant", {{"Text", std::move(text)}}, t);
}
json to(std::string next, json conditions = json::array(), json errors = json::array()) {
    json t = {{"NextAction", std::move(next)}};
    if (!conditions.empty()) t["Conditions"] = std::move(conditions);
    if (!errors.empty()) t["Errors"] = std::move(errors);
    return t;
}
json when(std::string op, std::string operand, std::string next) {
    return {{"NextAction", std::move(next)}, {"Condition", {{"Operator", std::move(op)}, {"Operands", json::array({std::move(operand)})}}}};
}
json onError(std::string type, std::string next) { return {{"ErrorType", std::move(type)}, {"NextAction", std::move(next)}}; }
json flowOf(std::string start, json actions) {
    return {{"Version", "2019-10-30"}, {"StartAction", std::move(start)}, {"Actions", std::move(actions)}};
}
json end(std::string id = "end") { return action(std::move(id), "DisconnectParticipant"); }

// What the agent console would show of a contact (stage, queue, attributes), read through the
// ContactCenter seam: the agent API itself answers only the contact's own agent.
json inspect(ChatService& service, const std::string& contactId) {
    auto& center = service.contactCenter();
    auto summary = center.contactSummary(contactId);
    if (!summary) return json::object();
    json out = {{"stage", connect_local::toString(summary->state)}, {"queue", summary->queue}, {"instance", summary->instance}};
    if (auto* attrs = center.attributes(contactId)) out["attributes"] = *attrs;
    return out;
}

struct FlowChat {
    fake::ManualClock clock;
    fake::SeededRandom random;
    FakeBots bots;
    std::vector<std::string> log;
    ChatService service;
    testsupport::RecordingSink sink;
    StartChatContactResponse ids;
    std::string connectionToken;

    explicit FlowChat(const json& flow, connect_local::Config config = testConfig()) : service(std::move(config), clock, random) {
        FlowLibrary flows;
        flows.add("test.json", flow.dump());
        INFO((flows.errors.empty() ? std::string() : flows.errors[0].describe()));
        REQUIRE(flows.errors.empty());
        service.setFlows(std::move(flows));
        service.setLexBots(&bots);
        service.setFlowLog([this](const std::string& line) { log.push_back(line); });
    }
    // Starts the contact (attributes, optional initial message), connects and subscribes the customer.
    void start(std::map<std::string, std::string> attributes = {}, std::string initialMessage = {}) {
        json req = {{"InstanceId", "bank"}, {"ContactFlowId", "test-flow"}, {"ParticipantDetails", {{"DisplayName", "Dana"}}},
                    {"Attributes", attributes}};
        if (!initialMessage.empty()) req["InitialMessage"] = {{"ContentType", "text/plain"}, {"Content", initialMessage}};
        connect_local::Reply r = service.startChatContact(req.dump());
        REQUIRE(r.status == 200);
        ids = *decode<StartChatContactResponse>(r.body);
        connectionToken.clear();
        connect_local::Reply cpc =
            service.participant(Operation::CreateParticipantConnection, ids.participantToken, R"({"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]})");
        if (cpc.status != 200) {   // the flow may have ended the chat already
            REQUIRE(ended());
            return;
        }
        auto conn = decode<CreateParticipantConnectionResponse>(cpc.body);
        REQUIRE(conn.ok());
        connectionToken = conn->connectionCredentials->connectionToken;
        auto socket = service.openSocket(conn->websocket->url.substr(conn->websocket->url.find('?') + 1), sink);
        REQUIRE(socket);
        service.socketMessage(*socket, subscribeFrame());
        clock.advance(0);
    }
    void send(const std::string& text) {
        REQUIRE(service.participant(Operation::SendMessage, connectionToken, encode(SendMessageRequest{"text/plain", text, ""})).status == 200);
        clock.advance(0);
    }
    // Every SYSTEM message of the contact so far (from its stored transcript: what came before
    // subscribing too, and after the chat ended).
    std::vector<Item> systemMessages() {
        std::vector<Item> out;
        for (const auto& i : service.transcriptOf(ids.contactId))
            if (i.type == ItemType::Message && i.role() == ParticipantRole::System) out.push_back(i);
        return out;
    }
    std::vector<std::string> said() {
        std::vector<std::string> out;
        for (const auto& i : systemMessages()) out.push_back(i.content);
        return out;
    }
    std::string stage() { return inspect(service, ids.contactId).value("stage", ""); }
    json contact() { return inspect(service, ids.contactId); }
    bool ended() { return stage() == "ended"; }
};

std::string loadError(const json& flow) {
    auto parsed = connect_local::parseFlow("broken.json", flow.dump());
    auto* e = std::get_if<connect_local::FlowLoadError>(&parsed);
    return e ? e->describe() : std::string("(loaded)");
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------
TEST_CASE("flows: broken files are refused with the file, the action's Identifier and the reason", "[connect-local][flows]") {
    const json good = flowOf("a", {say("a", "hi", "b"), end("b")});
    CHECK(loadError(good) == "(loaded)");

    auto with = [&](auto change) { json f = good; change(f); return loadError(f); };
    CHECK(with([](json& f) { f["Actions"][0]["Type"] = "InvokeLambdaFunction"; }) ==
          "broken.json: action \"a\": Type: InvokeLambdaFunction is not supported by connect-local");
    CHECK(with([](json& f) { f.erase("StartAction"); }) == "broken.json: StartAction: required");
    CHECK(with([](json& f) { f["StartAction"] = "nowhere"; }) == "broken.json: StartAction: no action \"nowhere\"");
    CHECK(with([](json& f) { f["Actions"][0]["Transitions"]["NextAction"] = "gone"; }) ==
          "broken.json: action \"a\": Transitions.NextAction: no action \"gone\"");
    CHECK(with([](json& f) { f["Actions"][0]["Transitions"]["Errors"] = json::array({onError("NoMatchingError", "gone")}); }) ==
          "broken.json: action \"a\": Transitions.Errors (NoMatchingError): no action \"gone\"");
    CHECK(with([](json& f) { f["Actions"][0]["Transitions"]["Errors"] = json::array({onError("Surprise", "b")}); }) ==
          "broken.json: action \"a\": Transitions.Errors: error type Surprise is not supported");
    CHECK(with([](json& f) { f["Actions"][1]["Identifier"] = "a"; }) == "broken.json: action \"a\": Identifier: used by more than one action");
    CHECK(with([](json& f) { f["Actions"][1]["Identifier"] = "b/c"; }).find("action \"b/c\": Identifier: contains one of") != std::string::npos);
    CHECK(with([](json& f) { f["Actions"][1]["Identifier"] = std::string(51, 'x'); })
              .find("Identifier: longer than 50 characters") != std::string::npos);
    CHECK(with([](json& f) { f["Actions"][1]["Identifier"] = "__proto__"; }).find("is reserved") != std::string::npos);
    CHECK(with([](json& f) { f["Actions"][1].erase("Identifier"); }) == "broken.json: action \"Actions[1]\": Identifier: required");
    CHECK(with([](json& f) { f["Version"] = "2020-01-01"; }) == "broken.json: Version: must be \"2019-10-30\"");
    CHECK(with([](json& f) { f["Actions"][0]["Parameters"].erase("Text"); }) ==
          "broken.json: action \"a\": Parameters.Text: required, a non-empty string");
    CHECK(with([](json& f) { f["Actions"][0]["Transitions"]["Conditions"] = json::array({when("Matches", "x", "b")}); }) ==
          "broken.json: action \"a\": Transitions.Conditions: operator Matches is not supported");
    CHECK(loadError(flowOf("l", {action("l", "ConnectParticipantWithLexBot", {{"LexV2Bot", {{"AliasArn", kAliasArn}}}},
                                        to("l", {when("TextContains", "x", "l")}))})) ==
          "broken.json: action \"l\": Transitions.Conditions: ConnectParticipantWithLexBot branches on the intent name with Equals only");
    CHECK(loadError(flowOf("l", {action("l", "ConnectParticipantWithLexBot", json::object(), to("l"))})) ==
          "broken.json: action \"l\": Parameters.LexV2Bot.AliasArn (or LexBot.Name): required");
    CHECK(loadError(flowOf("m", {action("m", "CheckMetricData", {{"MetricType", "Mood"}}, to("m"))})).find("MetricType: must be one of") !=
          std::string::npos);
    CHECK(loadError(flowOf("h", {action("h", "CheckHoursOfOperation", json::object(), to("h", {when("Equals", "Maybe", "h")}))}))
              .find("only Equals \"True\" and Equals \"False\"") != std::string::npos);
    CHECK(loadError(flowOf("u", {action("u", "UpdateFlowLoggingBehavior", {{"FlowLoggingBehavior", "Loud"}}, to("u"))}))
              .find("FlowLoggingBehavior: must be") != std::string::npos);
    CHECK(loadError(json::array()) == "broken.json: not a JSON object");

    json many = flowOf("m0", json::array());
    for (int i = 0; i < 251; ++i) many["Actions"].push_back(say("m" + std::to_string(i), "x", i < 250 ? "m" + std::to_string(i + 1) : ""));
    CHECK(loadError(many) == "broken.json: Actions: 251 actions, more than the limit of 250");
    many["Actions"].erase(many["Actions"].size() - 1);
    many["Actions"][249]["Transitions"] = json::object();
    CHECK(loadError(many) == "(loaded)");   // 250 is fine
}

TEST_CASE("flows: a directory loads its good files and lists the refused ones; the demo flows load", "[connect-local][flows]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("connect-local-flows-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "good.json") << flowOf("a", {say("a", "hi", "b"), end("b")}).dump();
    std::ofstream(dir / "bad.json") << flowOf("a", {say("a", "hi", "zz")}).dump();
    std::ofstream(dir / "notes.txt") << "not a flow";
    FlowLibrary lib = FlowLibrary::loadDirectory(dir.string());
    CHECK(lib.flow("good.json") != nullptr);
    CHECK(lib.flow("bad.json") == nullptr);
    REQUIRE(lib.errors.size() == 1);
    CHECK(lib.errors[0].describe() == "bad.json: action \"a\": Transitions.NextAction: no action \"zz\"");
    fs::remove_all(dir);
    CHECK(FlowLibrary::loadDirectory(dir.string()).errors.at(0).reason == "not a directory");

    FlowLibrary demo = FlowLibrary::demo();
    CHECK(demo.errors.empty());
    CHECK(demo.flow("acme-l1.json") != nullptr);
    CHECK(demo.flow("finaptic-l2.json") != nullptr);
    // The config names its flows, queues and bot alias by the ARNs the flow files use.
    auto config = connect_local::Config::demo();
    REQUIRE(config.instance("acme"));
    CHECK(config.instance("acme")->flow("acme-l1")->file == "acme-l1.json");
    CHECK(config.botForAlias("arn:aws:lex:us-east-1:111122223333:bot-alias/BANKASSIST/TSTALIASID") == "banking-assistant");
    const auto& setQueue = demo.flow("acme-l1.json")->action("set-queue")->parameters["QueueId"];
    CHECK(config.instance("acme")->queue(setQueue.get<std::string>())->id == "acme-support");
}

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------
TEST_CASE("flows: MessageParticipant interpolates $. references; DisconnectParticipant and the end of a flow end the chat",
          "[connect-local][flows]") {
    FlowChat f(flowOf("hi", {say("hi", "Hello $.Attributes.name, your tier is $.Attributes.tier. Unknown:[$.Attributes.nope] $.Channel", "bye"),
                             say("bye", "Bye $.Attributes.name.", "end"), end()}));
    f.start({{"name", "Dana"}, {"tier", "gold"}});
    CHECK(f.said() == std::vector<std::string>{"Hello Dana, your tier is gold. Unknown:[] CHAT", "Bye Dana."});
    CHECK(f.ended());
    CHECK(f.service.transcriptOf(f.ids.contactId).back().kind() == ContentKind::ChatEnded);

    FlowChat g(flowOf("only", {say("only", "one thing")}));   // no NextAction: Connect disconnects
    g.start();
    CHECK(g.said() == std::vector<std::string>{"one thing"});
    CHECK(g.ended());

    FlowChat h(flowOf("empty", {action("empty", "MessageParticipant", {{"Text", "$.Attributes.missing"}},
                                       to("", {}, {onError("NoMatchingError", "said-nothing")})),
                                say("said-nothing", "nothing to say")}));
    h.start();
    CHECK(h.said() == std::vector<std::string>{"nothing to say"});   // an empty message takes NoMatchingError
}

TEST_CASE("flows: UpdateContactAttributes then Compare with every operator", "[connect-local][flows]") {
    struct Case { const char* op; const char* operand; const char* value; bool match; };
    const Case cases[] = {
        {"Equals", "gold", "gold", true},          {"Equals", "gold", "Gold", false},
        {"NumberGreaterThan", "5", "7", true},     {"NumberGreaterThan", "7", "7", false},
        {"NumberLessThan", "5", "3.5", true},      {"NumberLessThan", "5", "5", false},
        {"NumberGreaterOrEqualTo", "7", "7", true}, {"NumberGreaterOrEqualTo", "7", "6.9", false},
        {"NumberLessOrEqualTo", "7", "7", true},   {"NumberLessOrEqualTo", "7", "8", false},
        {"NumberGreaterThan", "5", "lots", false},  // not a number: no match
        {"TextContains", "card", "my card is lost", true}, {"TextContains", "card", "my account", false},
        {"TextStartsWith", "my", "my card", true}, {"TextStartsWith", "card", "my card", false},
        {"TextEndsWith", "lost", "card lost", true}, {"TextEndsWith", "card", "card lost", false},
    };
    for (const auto& c : cases) {
        INFO(c.op << " " << c.operand << " on " << c.value);
        FlowChat f(flowOf("set", {action("set", "UpdateContactAttributes", {{"Attributes", {{"x", c.value}, {"copy", "$.Attributes.seed"}}}},
                                         to("cmp", {}, {onError("NoMatchingError", "no")})),
                                  action("cmp", "Compare", {{"ComparisonValue", "$.Attributes.x"}},
                                         to("no", {when(c.op, c.operand, "yes")}, {onError("NoMatchingCondition", "no")})),
                                  say("yes", "matched", "end"), say("no", "not matched", "end"), end()}));
        f.start({{"seed", "s1"}});
        CHECK(f.said() == std::vector<std::string>{c.match ? "matched" : "not matched"});
        CHECK(f.contact()["attributes"]["x"] == c.value);
        CHECK(f.contact()["attributes"]["copy"] == "s1");
    }
}

TEST_CASE("flows: Compare without a NoMatchingCondition branch ends the contact and logs why", "[connect-local][flows]") {
    FlowChat f(flowOf("cmp", {action("cmp", "Compare", {{"ComparisonValue", "$.Attributes.x"}}, to("", {when("Equals", "1", "one")})),
                              say("one", "one")}));
    f.start({{"x", "2"}});
    CHECK(f.said().empty());
    CHECK(f.ended());
    REQUIRE(f.log.size() == 1);   // logging is off, errors are logged anyway
    CHECK(f.log[0].find("test.json") != std::string::npos);
    CHECK(f.log[0].find("action \"cmp\" (Compare): NoMatchingCondition and no branch for it") != std::string::npos);
}

TEST_CASE("flows: UpdateContactTargetQueue by ARN or id, TransferContactToQueue, QueueAtCapacity, NoMatchingError",
          "[connect-local][flows]") {
    auto queueFlow = [](std::string queue) {
        return flowOf("set", {action("set", "UpdateContactTargetQueue", {{"QueueId", queue}}, to("xfer", {}, {onError("NoMatchingError", "no-queue")})),
                              action("xfer", "TransferContactToQueue", json::object(),
                                     {{"Errors", {onError("QueueAtCapacity", "full"), onError("NoMatchingError", "no-queue")}}}),
                              say("full", "queue is full", "end"), say("no-queue", "no such queue", "end"), end()});
    };
    {
        FlowChat f(queueFlow(kQueueArn));
        f.start();
        CHECK(f.said().empty());
        CHECK(f.stage() == "queued");
        CHECK(f.contact()["queue"] == "main");
        auto queues = json::parse(f.service.agentQueues("bank").body)["queues"];
        CHECK(queues[0]["contacts"].size() == 1);
    }
    {
        FlowChat f(queueFlow("small"));
        f.start();
        CHECK(f.stage() == "queued");
        const std::string first = f.ids.contactId;
        f.start();   // a second contact: the queue holds one
        CHECK(f.said() == std::vector<std::string>{"queue is full"});
        CHECK(f.ended());
        // The first one is accepted: room again.
        REQUIRE(f.service.agentAccept(json{{"contactId", first}, {"instance", "bank"}, {"agentName", "Sam"}}.dump()).status == 200);
        f.start();
        CHECK(f.stage() == "queued");
    }
    {
        FlowChat f(queueFlow("arn:aws:connect:us-east-1:111122223333:instance/bank-0001/queue/anytime"));   // an ARN ending in the id
        f.start();
        CHECK(f.contact()["queue"] == "anytime");
    }
    {
        FlowChat f(queueFlow("nope"));
        f.start();
        CHECK(f.said() == std::vector<std::string>{"no such queue"});
    }
    {
        FlowChat f(flowOf("xfer", {action("xfer", "TransferContactToQueue", json::object(), {{"Errors", {onError("NoMatchingError", "no-queue")}}}),
                                   say("no-queue", "no target queue")}));
        f.start();
        CHECK(f.said() == std::vector<std::string>{"no target queue"});
    }
}

TEST_CASE("flows: CheckHoursOfOperation on the service clock, the target queue's hours or an explicit id", "[connect-local][flows]") {
    auto hoursFlow = [](json params, std::string queue = "main") {
        return flowOf("set", {action("set", "UpdateContactTargetQueue", {{"QueueId", queue}}, to("hours")),
                              action("hours", "CheckHoursOfOperation", std::move(params),
                                     to("open", {when("Equals", "True", "open"), when("Equals", "False", "closed")},
                                        {onError("NoMatchingError", "unknown")})),
                              say("open", "open"), say("closed", "closed"), say("unknown", "unknown hours")});
    };
    // The manual clock starts on Thursday 2025-05-01 10:00 UTC; Thursday's hours are 09-12 and 13-17.
    FlowChat f(hoursFlow(json::object()));
    f.start();
    CHECK(f.said() == std::vector<std::string>{"open"});
    f.clock.advance(2 * 3'600'000LL + 30 * 60'000);   // 12:30: the lunch gap
    f.start();
    CHECK(f.said() == std::vector<std::string>{"closed"});
    f.clock.advance(60 * 60'000);                      // 13:30
    f.start();
    CHECK(f.said() == std::vector<std::string>{"open"});
    f.clock.advance(2 * 24 * 3'600'000LL);             // Saturday
    f.start();
    CHECK(f.said() == std::vector<std::string>{"closed"});

    FlowChat byArn(hoursFlow({{"HoursOfOperationId", "arn:aws:connect:us-east-1:111122223333:instance/bank-0001/operating-hours/hh-1"}}, "anytime"));
    byArn.start();
    CHECK(byArn.said() == std::vector<std::string>{"open"});
    FlowChat noHours(hoursFlow(json::object(), "anytime"));   // a queue without hours is always open
    noHours.clock.advance(2 * 24 * 3'600'000LL);
    noHours.start();
    CHECK(noHours.said() == std::vector<std::string>{"open"});
    FlowChat unknown(hoursFlow({{"HoursOfOperationId", "holidays"}}));
    unknown.start();
    CHECK(unknown.said() == std::vector<std::string>{"unknown hours"});
}

TEST_CASE("flows: CheckMetricData reads agents staffed, available, online and the queue's contacts", "[connect-local][flows]") {
    auto metricFlow = [](std::string metric, std::string op, std::string operand) {
        return flowOf("set", {action("set", "UpdateContactTargetQueue", {{"QueueId", "main"}}, to("m")),
                              action("m", "CheckMetricData", {{"MetricType", metric}},
                                     to("no", {when(op, operand, "yes")}, {onError("NoMatchingCondition", "no"), onError("NoMatchingError", "err")})),
                              say("yes", "yes", "xfer"), say("no", "no", "xfer"), say("err", "error"),
                              action("xfer", "TransferContactToQueue", json::object(), {{"Errors", {onError("NoMatchingError", "err")}}})});
    };
    auto answer = [&](std::string metric, std::string op, std::string operand, int queuedBefore = 0, std::int64_t waitMs = 0) {
        FlowChat f(metricFlow(std::move(metric), std::move(op), std::move(operand)));
        for (int i = 0; i < queuedBefore; ++i) f.start();
        f.clock.advance(waitMs);
        f.start();
        return f.said().at(0);
    };
    CHECK(answer("NumberOfAgentsStaffed", "Equals", "2") == "yes");
    CHECK(answer("NumberOfAgentsOnline", "Equals", "2") == "yes");
    CHECK(answer("NumberOfAgentsAvailable", "NumberGreaterThan", "0") == "yes");
    CHECK(answer("NumberOfContactsInQueue", "Equals", "0") == "yes");
    CHECK(answer("NumberOfContactsInQueue", "Equals", "3", 3) == "yes");
    CHECK(answer("OldestContactInQueueAgeSeconds", "NumberGreaterOrEqualTo", "90", 1, 90'000) == "yes");
    CHECK(answer("OldestContactInQueueAgeSeconds", "NumberGreaterThan", "90", 1, 90'000) == "no");
    {
        // Agents with a contact are not available.
        FlowChat f(metricFlow("NumberOfAgentsAvailable", "Equals", "0"));
        for (int i = 0; i < 2; ++i) {
            f.start();
            REQUIRE(f.service.agentAccept(json{{"contactId", f.ids.contactId}, {"instance", "bank"}, {"agentName", "A"}}.dump()).status == 200);
        }
        f.start();
        CHECK(f.said().at(0) == "yes");
    }
    FlowChat noQueue(flowOf("m", {action("m", "CheckMetricData", {{"MetricType", "NumberOfContactsInQueue"}},
                                         to("x", {when("Equals", "0", "x")}, {onError("NoMatchingError", "err")})),
                                  say("x", "x"), say("err", "no queue")}));
    noQueue.start();
    CHECK(noQueue.said() == std::vector<std::string>{"no queue"});
}

TEST_CASE("flows: UpdateFlowLoggingBehavior turns the flow log on and off; the log has no message text", "[connect-local][flows]") {
    FlowChat f(flowOf("quiet", {say("quiet", "secret greeting 1", "on"),
                                action("on", "UpdateFlowLoggingBehavior", {{"FlowLoggingBehavior", "Enabled"}}, to("loud")),
                                say("loud", "secret greeting 2", "off"),
                                action("off", "UpdateFlowLoggingBehavior", {{"FlowLoggingBehavior", "Disabled"}}, to("last")),
                                say("last", "secret greeting 3", "end"), end()}));
    f.start();
    CHECK(f.said().size() == 3);
    // From the action that enables logging up to the one that disables it.
    const std::string prefix = "flow test.json contact " + f.ids.contactId + ": ";
    CHECK(f.log == std::vector<std::string>{prefix + "action \"on\" (UpdateFlowLoggingBehavior) -> \"loud\"",
                                            prefix + "action \"loud\" (MessageParticipant) -> \"off\""});
    for (const auto& line : f.log) CHECK(line.find("secret") == std::string::npos);
}

TEST_CASE("flows: a loop that never waits for the customer ends the contact", "[connect-local][flows]") {
    FlowChat f(flowOf("a", {action("a", "UpdateContactAttributes", {{"Attributes", {{"k", "v"}}}}, to("b")),
                            action("b", "UpdateContactAttributes", {{"Attributes", {{"k", "w"}}}}, to("a"))}));
    f.start();
    CHECK(f.ended());
    REQUIRE(!f.log.empty());
    CHECK(f.log.back().find("200 actions without waiting for the customer") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// ConnectParticipantWithLexBot
// ---------------------------------------------------------------------------------------------
namespace {
json lexBlock(std::string id, json extraParams = json::object(), json conditions = json::array(), json errors = json::array(),
              std::string next = "after") {
    json params = {{"LexV2Bot", {{"AliasArn", kAliasArn}}}};
    params.update(extraParams);
    if (errors.empty())
        errors = {onError("NoMatchingCondition", "no-match"), onError("NoMatchingError", "bot-error"),
                  onError("InputTimeLimitExceeded", "timeout")};
    return action(std::move(id), "ConnectParticipantWithLexBot", params, to(std::move(next), std::move(conditions), std::move(errors)));
}
json lexFlow(json block) {
    return flowOf("lex", {std::move(block),
                          say("agent", "intent $.Lex.IntentName at $.Lex.IntentConfidence.Score, account $.Lex.Slots.account, tier $.Lex.SessionAttributes.tier", "end"),
                          say("no-match", "no match for $.Lex.IntentName", "end"), say("bot-error", "bot error", "end"),
                          say("timeout", "timed out", "end"), say("after", "after", "end"), end()});
}
}  // namespace

TEST_CASE("flows: ConnectParticipantWithLexBot relays turns, maps payloads to content types, branches on the intent",
          "[connect-local][flows][lex]") {
    FlowChat f(lexFlow(lexBlock("lex", {{"Text", "How can I help, $.Attributes.name?"}, {"LexSessionAttributes", {{"tier", "$.Attributes.tier"}}}},
                                {when("Equals", "TalkToAgent", "agent")})));
    LexTurn ask;   // the bot asks for a slot: the conversation goes on
    ask.intentName = "TalkToAgent";
    ask.dialogAction = "ElicitSlot";
    ask.slotToElicit = "account";
    ask.messages = {{LexMessage::Kind::PlainText, "Which account?"},
                    {LexMessage::Kind::CustomPayload, R"({"templateType":"ListPicker","version":"1.0","data":{"content":{"title":"Pick","elements":[]}}})"}};
    ask.sessionAttributes = {{"tier", "gold"}, {"asked", "account"}};
    f.bots.script["agent please"] = ask;
    LexTurn done = closedTurn("TalkToAgent", {{LexMessage::Kind::CustomPayload, finchat::escalationSignalContent("card dispute")},
                                              {LexMessage::Kind::CustomPayload, R"({"note":"not a template"})"}},
                              {{"account", "acc-7"}});
    done.sessionAttributes = {{"tier", "gold"}, {"asked", "account"}};
    f.bots.script["acc-7"] = done;

    f.start({{"name", "Dana"}, {"tier", "gold"}});
    CHECK(f.said() == std::vector<std::string>{"How can I help, Dana?"});
    CHECK(f.stage() == "flow");
    f.send("agent please");
    REQUIRE(f.bots.calls.size() == 1);
    CHECK(f.bots.calls[0].bot == "helper");          // the alias ARN maps to the local bot through config
    CHECK(f.bots.calls[0].alias == "ALIAS0001");
    CHECK(f.bots.calls[0].locale == "en_US");
    CHECK(f.bots.calls[0].session == f.ids.contactId);
    CHECK(f.bots.calls[0].text == "agent please");
    CHECK(f.bots.calls[0].attributes == std::map<std::string, std::string>{{"tier", "gold"}});
    auto messages = f.systemMessages();
    REQUIRE(messages.size() == 3);
    // Connect's names: the flow's own prompt is "SYSTEM_MESSAGE", Lex's replies are "BOT"; both SYSTEM.
    CHECK(messages[0].displayName == "SYSTEM_MESSAGE");
    CHECK(messages[1].content == "Which account?");
    CHECK(messages[1].contentType == "text/plain");
    CHECK(messages[1].displayName == "BOT");
    CHECK(messages[2].contentType == "application/vnd.amazonaws.connect.message.interactive");
    CHECK(messages[2].displayName == "BOT");
    CHECK(f.stage() == "flow");   // still in the bot

    f.send("acc-7");
    REQUIRE(f.bots.calls.size() == 2);
    CHECK(f.bots.calls[1].attributes.at("asked") == "account");   // what the bot kept comes back to it
    messages = f.systemMessages();
    REQUIRE(messages.size() == 6);
    CHECK(messages[3].contentType == "application/json");
    CHECK(escalationSignal(messages[3]) == std::optional<std::string>("card dispute"));
    CHECK(messages[4].contentType == "text/plain");
    CHECK(messages[4].content == R"({"note":"not a template"})");
    CHECK(messages[5].content == "intent TalkToAgent at 0.87, account acc-7, tier gold");
    CHECK(f.ended());
}

TEST_CASE("flows: the Lex block's error branches: NoMatchingCondition, NoMatchingError, InputTimeLimitExceeded",
          "[connect-local][flows][lex]") {
    SECTION("an intent without a condition") {
        FlowChat f(lexFlow(lexBlock("lex", json::object(), {when("Equals", "TalkToAgent", "agent")})));
        f.start();
        f.send("what?");
        CHECK(f.said() == std::vector<std::string>{"Sorry?", "no match for FallbackIntent"});
    }
    SECTION("a bot that is not loaded") {
        FlowChat f(lexFlow(lexBlock("lex", {{"LexV2Bot", {{"AliasArn", "arn:aws:lex:us-east-1:111122223333:bot-alias/MISSING/TSTALIASID"}}}})));
        f.start();
        CHECK(f.said() == std::vector<std::string>{"bot error"});
        CHECK(f.bots.calls.empty());
    }
    SECTION("the bot answers with an error") {
        FlowChat f(lexFlow(lexBlock("lex")));
        f.bots.failing.insert("boom");
        f.start();
        f.send("boom");
        CHECK(f.said() == std::vector<std::string>{"bot error"});
    }
    SECTION("the customer stays silent for LexTimeoutSeconds; each message restarts the wait") {
        LexTurn more;
        more.intentName = "CheckBalance";
        more.dialogAction = "ElicitSlot";
        FlowChat f(lexFlow(lexBlock("lex", {{"LexTimeoutSeconds", {{"Text", "60"}}}})));
        f.bots.script["balance"] = more;
        f.start();
        f.clock.advance(50'000);
        f.send("balance");
        f.clock.advance(50'000);   // 100 s after the start, 50 s after the message
        CHECK(f.said().empty());
        f.clock.advance(10'000);
        CHECK(f.said() == std::vector<std::string>{"timed out"});
        CHECK(f.ended());
    }
    SECTION("no timeout: the block waits") {
        FlowChat f(lexFlow(lexBlock("lex")));
        f.start();
        f.clock.advance(9 * 60'000);
        CHECK(f.stage() == "flow");
        CHECK(f.said().empty());
    }
}

TEST_CASE("flows: V1 LexBot by name, LexInitializationData.InitialMessage, Compare on $.Lex values", "[connect-local][flows][lex]") {
    FlowChat f(flowOf("lex", {action("lex", "ConnectParticipantWithLexBot",
                                     {{"LexBot", {{"Name", "V1Bot"}, {"Region", "us-east-1"}, {"Alias", "live"}}},
                                      {"LexInitializationData", {{"InitialMessage", "$.Media.InitialMessage"}}}},
                                     {{"Errors", {onError("NoMatchingCondition", "slot"), onError("NoMatchingError", "err")}}}),
                              action("slot", "Compare", {{"ComparisonValue", "$.Lex.Slots.card"}},
                                     to("other", {when("Equals", "debit", "intent")}, {onError("NoMatchingCondition", "other")})),
                              action("intent", "Compare", {{"ComparisonValue", "$.Lex.IntentName"}},
                                     to("other", {when("TextStartsWith", "Lost", "lost")}, {onError("NoMatchingCondition", "other")})),
                              say("lost", "blocking your $.Lex.Slots.card card", "end"), say("other", "other"), say("err", "err"), end()}));
    f.bots.script["I lost my debit card"] = closedTurn("LostOrStolenCard", {}, {{"card", "debit"}});
    f.start({}, "I lost my debit card");   // the customer's first words, given to StartChatContact
    REQUIRE(f.bots.calls.size() == 1);
    CHECK(f.bots.calls[0].bot == "V1Bot");
    CHECK(f.bots.calls[0].alias == "live");
    CHECK(f.bots.calls[0].text == "I lost my debit card");
    CHECK(f.said() == std::vector<std::string>{"blocking your debit card"});
    CHECK(f.ended());
}

TEST_CASE("flows: chatKindOfLexMessage", "[connect-local][flows][lex]") {
    using connect_local::chatKindOfLexMessage;
    CHECK(chatKindOfLexMessage({LexMessage::Kind::PlainText, R"({"templateType":"x"})"}) == ContentKind::TextPlain);
    CHECK(chatKindOfLexMessage({LexMessage::Kind::CustomPayload, R"({"templateType":"QuickReply"})"}) == ContentKind::Interactive);
    CHECK(chatKindOfLexMessage({LexMessage::Kind::CustomPayload, R"({"finaptic":{"escalate":{"reason":"r"}}})"}) == ContentKind::Json);
    CHECK(chatKindOfLexMessage({LexMessage::Kind::CustomPayload, "not json"}) == ContentKind::TextPlain);
}

// ---------------------------------------------------------------------------------------------
// The demo's flow files
// ---------------------------------------------------------------------------------------------
TEST_CASE("flows: acme-l1 with the banking-assistant bot: greeting, intents, TalkToAgent queues, Goodbye ends",
          "[connect-local][flows][demo]") {
    fake::ManualClock clock;
    fake::SeededRandom random;
    ChatService service(connect_local::Config::demo(), clock, random);   // the demo flows are the default
    FakeBots bots;
    bots.bots = {"banking-assistant"};
    bots.script["talk to a person"] = closedTurn("TalkToAgent", {{LexMessage::Kind::PlainText, "Connecting you."}});
    bots.script["card dispute"] = closedTurn("TalkToSpecialist", {{LexMessage::Kind::CustomPayload, escalationSignalContent("card dispute")}});
    bots.script["bye"] = closedTurn("Goodbye", {{LexMessage::Kind::PlainText, "Goodbye!"}});
    service.setLexBots(&bots);

    auto chat = [&](const std::vector<std::string>& texts) {
        StartChatContactRequest r;
        r.instanceId = "acme";
        r.contactFlowId = "acme-l1";
        r.participantDetails.displayName = "Dana";
        auto ids = *decode<StartChatContactResponse>(service.startChatContact(encode(r)).body);
        auto conn = *decode<CreateParticipantConnectionResponse>(
            service.participant(Operation::CreateParticipantConnection, ids.participantToken, R"({"Type":["CONNECTION_CREDENTIALS"]})").body);
        for (const auto& t : texts) {
            service.participant(Operation::SendMessage, conn.connectionCredentials->connectionToken, encode(SendMessageRequest{"text/plain", t, ""}));
            clock.advance(0);
        }
        return inspect(service, ids.contactId);
    };
    auto agentWay = chat({"hello", "card dispute", "talk to a person"});
    CHECK(agentWay["stage"] == "queued");
    CHECK(agentWay["queue"] == "acme-support");
    CHECK(bots.calls.size() == 3);
    CHECK(bots.calls[0].attributes.at("partner") == "acme");
    CHECK(chat({"bye"})["stage"] == "ended");
}

TEST_CASE("flows: the demo's keyword bot stands in for banking-assistant when no bot is loaded", "[connect-local][flows][demo]") {
    fake::ManualClock clock;
    fake::SeededRandom random;
    ChatService service(connect_local::Config::demo(), clock, random);
    StartChatContactRequest r;
    r.instanceId = "acme";
    r.contactFlowId = "acme-l1";
    r.participantDetails.displayName = "Dana";
    auto ids = *decode<StartChatContactResponse>(service.startChatContact(encode(r)).body);
    auto conn = *decode<CreateParticipantConnectionResponse>(
        service.participant(Operation::CreateParticipantConnection, ids.participantToken, R"({"Type":["CONNECTION_CREDENTIALS"]})").body);
    auto send = [&](const std::string& t) {
        service.participant(Operation::SendMessage, conn.connectionCredentials->connectionToken, encode(SendMessageRequest{"text/plain", t, ""}));
        clock.advance(0);
        return inspect(service, ids.contactId)["stage"].get<std::string>();
    };
    CHECK(send("what's my balance") == "flow");
    CHECK(send("acc-1") == "flow");
    CHECK(send("hmm") == "flow");
    CHECK(send("goodbye") == "ended");
}
