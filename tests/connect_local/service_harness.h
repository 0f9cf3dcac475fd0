// ChatService driven directly, without sockets: a manual clock, a seeded random, and customers that
// are connected and subscribed through a recording socket. Shared by the connect_local_tests files.
#pragma once
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "connect_local/chat_service.h"
#include "fake_platform.h"
#include "finchat/protocol.h"
#include "recording_sink.h"

using namespace finchat;
using connect_local::ChatService;
using connect_local::Reply;
using nlohmann::json;

namespace harness {

using RecordingSink = testsupport::RecordingSink;

struct Svc {
    fake::ManualClock clock;
    fake::SeededRandom random;
    ChatService service;
    explicit Svc(connect_local::Config config = connect_local::Config::demo()) : service(std::move(config), clock, random) {}

    Reply start(const std::string& name = "Dana", const std::string& instance = "finaptic", const std::string& flow = "finaptic-l2",
                std::vector<std::string> types = {"text/plain", "text/markdown"}) {
        StartChatContactRequest r;
        r.instanceId = instance;
        r.contactFlowId = flow;
        r.participantDetails.displayName = name;
        r.supportedMessagingContentTypes = std::move(types);
        return service.startChatContact(encode(r));
    }
    StartChatContactResponse started(const Reply& r) {
        auto d = decode<StartChatContactResponse>(r.body);
        REQUIRE(d.ok());
        return *d;
    }
    CreateParticipantConnectionResponse connect(const std::string& participantToken) {
        Reply r = service.participant(Operation::CreateParticipantConnection, participantToken,
                                      R"({"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]})");
        REQUIRE(r.status == 200);
        return *decode<CreateParticipantConnectionResponse>(r.body);
    }
    connect_local::SocketId subscribe(const CreateParticipantConnectionResponse& c, RecordingSink& sink) {
        auto id = service.openSocket(c.websocket->url.substr(c.websocket->url.find('?') + 1), sink);
        REQUIRE(id.has_value());
        service.socketMessage(*id, subscribeFrame());
        return *id;
    }
    Reply send(const std::string& ct, const std::string& text, const std::string& clientToken = "", const std::string& type = "text/plain") {
        return service.participant(Operation::SendMessage, ct, encode(SendMessageRequest{type, text, clientToken}));
    }
    Reply transcript(const std::string& ct, const std::string& body) { return service.participant(Operation::GetTranscript, ct, body); }
};

// A customer, connected and subscribed.
struct Chat {
    Svc& s;
    StartChatContactResponse ids;
    CreateParticipantConnectionResponse conn;
    RecordingSink sink;
    connect_local::SocketId socket = 0;
    explicit Chat(Svc& svc, const std::string& instance = "finaptic", const std::string& flow = "finaptic-l2") : s(svc) {
        ids = s.started(s.start("Dana", instance, flow));
        conn = s.connect(ids.participantToken);
        socket = s.subscribe(conn, sink);
    }
    const std::string& token() const { return conn.connectionCredentials->connectionToken; }
};

}  // namespace harness
using namespace harness;
