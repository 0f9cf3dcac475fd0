// A minimal Amazon Connect stand-in for the native end-to-end tests: just enough of StartChatContact,
// the participant service and the websocket gateway (reference §2-§4) for one customer chat, with
// an "agent" that greets on the first subscription and answers every message with "echo: <text>".
// Built on testsrv::Server and the core's own codecs. Not the project's Connect emulator: no paging,
// no receipts, no validation beyond the bearer tokens.
#pragma once
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "finchat/protocol.h"
#include "finchat/util.h"
#include "test_server.h"

namespace testsrv {

struct MiniConnect {
    static constexpr const char* kContactId = "contact-1";
    static constexpr const char* kCustomerId = "participant-customer";
    static constexpr const char* kAgentId = "participant-agent";
    static constexpr const char* kParticipantToken = "PT-secret";
    static constexpr const char* kConnectionToken = "CT-secret";

    explicit MiniConnect(asio::io_context& io) : server(io) {
        server.onRequest = [this](const Request& req, Response& res) { return handle(req, res); };
        server.onWsMessage = [this](WsPeer& peer, const std::string& text) { onFrame(peer, text); };
    }

    std::string endpoint() const { return server.http(""); }

    Server server;
    std::string customerName = "Customer";
    std::vector<finchat::Item> items;            // everything said, in order (GetTranscript answers all)
    std::vector<std::string> operations;         // "StartChatContact", "SendMessage", ... in order
    std::vector<std::string> refused;         // operations answered 403 (wrong token, or after the end)
    bool ended = false;

private:
    static std::int64_t nowMs() {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }

    static std::string bearerOf(const Request& req) { return std::string(req["x-amz-bearer"]); }

    static Action json(Response& res, std::string body) {
        res.result(http::status::ok);
        res.set(http::field::content_type, "application/json");
        res.body() = std::move(body);
        return Action::Answer;
    }

    static Action error(Response& res, http::status status, const char* type, const char* message) {
        res.result(status);
        res.set("x-amzn-ErrorType", type);
        res.set(http::field::content_type, "application/json");
        res.body() = finchat::encodeServiceErrorBody(message);
        return Action::Answer;
    }

    finchat::Item say(finchat::ItemType type, std::string contentType, std::string content, const char* participantId,
                      std::string displayName, finchat::ParticipantRole role) {
        finchat::Item item;
        item.id = "item-" + std::to_string(items.size() + 1);
        item.type = type;
        item.contentType = std::move(contentType);
        item.content = std::move(content);
        // Strictly increasing times keep the transcript order obvious even within one millisecond.
        const std::int64_t last = items.empty() ? 0 : finchat::parseIsoTime(items.back().absoluteTime).value_or(0);
        item.absoluteTime = finchat::formatIsoTime(std::max(nowMs(), last + 1));
        item.participantId = participantId;
        item.displayName = std::move(displayName);
        item.participantRole = role;
        item.initialContactId = kContactId;
        item.contactId = kContactId;
        items.push_back(item);
        for (const auto& weak : server.peers)
            if (auto peer = weak.lock()) peer->send(finchat::chatFrame(item));
        return item;
    }

    Action handle(const Request& req, Response& res) {
        const std::string target(req.target());
        if (req.method() == http::verb::put && target == "/contact/chat") {
            operations.push_back("StartChatContact");
            auto start = finchat::decode<finchat::StartChatContactRequest>(req.body());
            if (!start) return error(res, http::status::bad_request, "InvalidRequestException", "bad request");
            customerName = start->participantDetails.displayName;
            return json(res, finchat::encode(finchat::StartChatContactResponse{kContactId, kCustomerId, kParticipantToken, {}}));
        }
        const auto op = finchat::operationForPath(std::string(req.method_string()), target);
        if (!op) return Action::Answer;   // 404
        operations.push_back(finchat::operationInfo(*op).name);
        const bool cpc = *op == finchat::Operation::CreateParticipantConnection;
        if (bearerOf(req) != (cpc ? kParticipantToken : kConnectionToken) || (ended && !cpc)) {
            refused.push_back(finchat::operationInfo(*op).name);
            return error(res, http::status::forbidden, "AccessDeniedException", "Access denied");
        }
        switch (*op) {
            case finchat::Operation::CreateParticipantConnection: {
                if (ended) return error(res, http::status::forbidden, "AccessDeniedException", "Access denied");
                finchat::CreateParticipantConnectionResponse r;
                r.websocket = finchat::WebsocketInfo{server.ws("/gateway?X-Amz-Security-Token=ws-secret"),
                                                     finchat::formatIsoTime(nowMs() + 100'000)};
                r.connectionCredentials = finchat::ConnectionCredentials{kConnectionToken, finchat::formatIsoTime(nowMs() + 86'400'000)};
                return json(res, finchat::encode(r));
            }
            case finchat::Operation::SendMessage: {
                auto m = finchat::decode<finchat::SendMessageRequest>(req.body());
                if (!m) return error(res, http::status::bad_request, "ValidationException", "bad message");
                const auto mine = say(finchat::ItemType::Message, m->contentType, m->content, kCustomerId, customerName,
                                      finchat::ParticipantRole::Customer);
                say(finchat::ItemType::Message, "text/plain", "echo: " + m->content, kAgentId, "Alex", finchat::ParticipantRole::Agent);
                return json(res, finchat::encode(finchat::SendMessageResponse{mine.id, mine.absoluteTime, std::nullopt}));
            }
            case finchat::Operation::SendEvent: {
                const auto t = finchat::formatIsoTime(nowMs());
                return json(res, finchat::encode(finchat::SendEventResponse{"event-" + std::to_string(items.size()), t}));
            }
            case finchat::Operation::GetTranscript: {
                finchat::GetTranscriptResponse r;
                r.initialContactId = kContactId;
                r.transcript = items;
                return json(res, finchat::encode(r));
            }
            case finchat::Operation::DisconnectParticipant: {
                say(finchat::ItemType::Event, "application/vnd.amazonaws.connect.event.participant.left", "", kCustomerId,
                    customerName, finchat::ParticipantRole::Customer);
                say(finchat::ItemType::Event, "application/vnd.amazonaws.connect.event.chat.ended", "", "", "",
                    finchat::ParticipantRole::System);
                ended = true;
                return json(res, finchat::encode(finchat::EmptyResponse{}));
            }
            default:
                return error(res, http::status::bad_request, "ValidationException", "not supported here");
        }
    }

    void onFrame(WsPeer& peer, const std::string& text) {
        auto frame = finchat::decodeClientFrame(text);
        if (!frame) return;
        switch (frame->topic) {
            case finchat::FrameTopic::Subscribe: {
                peer.send(finchat::subscribeAckFrame(true, {"aws/chat"}));
                const bool first = std::none_of(items.begin(), items.end(), [](const finchat::Item& i) {
                    return i.participantId == kAgentId;
                });
                if (first) {
                    say(finchat::ItemType::Event, "application/vnd.amazonaws.connect.event.participant.joined", "", kAgentId,
                        "Alex", finchat::ParticipantRole::Agent);
                    say(finchat::ItemType::Message, "text/plain", "Hi, I'm Alex. How can I help?", kAgentId, "Alex",
                        finchat::ParticipantRole::Agent);
                }
                break;
            }
            case finchat::FrameTopic::Heartbeat: peer.send(finchat::heartbeatAckFrame()); break;
            case finchat::FrameTopic::Ping: peer.send(finchat::pingAckFrame()); break;
            default: break;
        }
    }
};

}  // namespace testsrv
