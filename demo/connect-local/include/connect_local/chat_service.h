// connect_local/chat_service.h: Amazon Connect's customer-chat surface, without sockets.
//
// ChatService is the whole emulated backend as plain state: contacts, participants, tokens, the
// transcript of each contact, idempotency, receipts, typing, the websocket gateway's subscriptions
// and fan-out, queues and agents, contact flows (flow_runner.h) and their Lex bots, the Finaptic
// Support API and the demo partner backend. It acts on contacts through the Connect primitives
// (contact_center.h), which it implements. The HTTP/WebSocket server (server.h) only parses requests and moves bytes; every answer
// (status, x-amzn-ErrorType, JSON body) comes from here. Like the core it is single-threaded and
// driven by a finchat::Clock, so tests run it with a manual clock and no network at all.
//
// Shapes and rules follow ../shared/reference/connect-chat-protocol.md §2-§4 and §10, using the
// core's protocol model and codecs (one copy of the protocol for client and server).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "connect_local/config.h"
#include "connect_local/contact_center.h"
#include "connect_local/flow.h"
#include "connect_local/lex_runtime.h"
#include "finchat/platform.h"
#include "finchat/protocol.h"

namespace connect_local {

// An HTTP answer: status, the Connect error name for x-amzn-ErrorType (empty on success), JSON body.
struct Reply {
    int status = 200;
    std::string errorType;
    std::string body = "{}";
    std::string contentType = "application/json";
    static Reply ok(std::string body) { return {200, {}, std::move(body)}; }
    static Reply error(std::string_view type, std::string_view message);   // status from the error name
};

// The server's view of one open websocket: the service pushes frames into it and may close it.
class SocketSink {
public:
    virtual ~SocketSink() = default;
    virtual void send(std::string frame) = 0;
    virtual void close(int code) = 0;
};
using SocketId = std::uint64_t;

// Server-side fault knobs (§10 item 10), set through the loopback-only /test/faults API.
struct Faults {
    std::map<std::string, int> failOperation;      // operation name -> remaining injected failures
    std::map<std::string, int> failAfterProcessing; // ... done, then answered 500: the client never learns
                                                   // it worked, retries, and idempotency must hold
    int failStatus = 500;                          // 500 -> InternalServerException, 429 -> Throttling
    int denyConnection = 0;                        // CreateParticipantConnection answers 403 this many times
    std::optional<std::int64_t> tokenLifetimeMs;   // ConnectionCredentials.Expiry = now + this (>= 61 s for chatjs)
    bool dropHeartbeats = false;                   // stop answering aws/heartbeat and aws/ping
    std::int64_t subscribeAckDelayMs = 0;
    // Connect's attachment scanner (reference §4.7): the next N completed uploads are published with
    // Status REJECTED (the file is dropped, GetAttachment refuses it) instead of APPROVED.
    int rejectAttachments = 0;
    // Frame delivery faults, applied by the server per websocket send (see server.h):
    std::int64_t frameDelayMs = 0;
    double duplicateFrames = 0;                    // probability of sending a frame twice
    double reorderFrames = 0;                      // probability of holding a frame back behind the next one
};

// The content types connect-local's own chats (demo partner backend, Support API) offer.
const std::vector<std::string>& supportedMessagingContentTypes();

class SupportApi;

class ChatService {
public:
    ChatService(Config config, finchat::Clock& clock, finchat::Random& random);
    ~ChatService();

    // Where websocket URLs point: "ws://127.0.0.1:8080". Set by the server once it knows its port.
    void setPublicBase(std::string httpBase, std::string wsBase);
    const std::string& httpBase() const;
    const Config& config() const;

    // --- Connect API ------------------------------------------------------------------------
    Reply startChatContact(std::string_view body);                      // PUT /contact/chat

    // --- Participant service ----------------------------------------------------------------
    // `bearer` is X-Amz-Bearer (ParticipantToken for CreateParticipantConnection, else ConnectionToken);
    // `path` is needed by DescribeView only (its ViewToken is the last segment).
    Reply participant(finchat::Operation op, std::string_view bearer, std::string_view body, std::string_view path = {});

    // --- Attachments: presigned-style URLs served by the server -----------------------------
    Reply uploadAttachment(std::string_view attachmentId, std::string_view signature, std::string body);
    Reply downloadAttachment(std::string_view attachmentId, std::string_view signature);

    // --- Websocket gateway ------------------------------------------------------------------
    // `query` is the query string of the URL CreateParticipantConnection returned. Fails (the server
    // answers 403 to the upgrade) for unknown, expired (100 s) or ended connections.
    std::optional<SocketId> openSocket(std::string_view query, SocketSink& sink);
    void socketMessage(SocketId id, std::string_view text);
    void socketClosed(SocketId id);

    // --- Agents (console and scripts): JSON in, JSON out --------------------------------------
    Reply agentQueues(std::string_view instance);                       // GET  /agent-api/queues?instance=
    Reply agentAccept(std::string_view body);                           // POST /agent-api/accept
    Reply agentTransfer(std::string_view body);                         // POST /agent-api/transfer
    // GET /agent-api/contacts/{id}, X-Amz-Bearer: the ParticipantToken accept answered (or a
    // ConnectionToken of it). Only the contact's agent (the last one, once it ended) may read it, and
    // only on Finaptic's instance does it include the escalation record; anyone else gets 403.
    Reply agentContact(std::string_view contactId, std::string_view bearer);
    void setEchoAgent(bool on);                                         // --agent echo

    // --- Contact flows and bots -----------------------------------------------------------------
    // The flows the config's instances name by file (default: FlowLibrary::demo(), the demo's flows).
    // Set before the first contact starts: running contacts point into the library.
    void setFlows(FlowLibrary flows);
    // The Lex bots flows talk to (not owned; nullptr: the built-in keyword bot, which stands in for
    // `banking-assistant` when no --bots bot is loaded).
    void setLexBots(LexBots* bots);
    // Flow log lines (UpdateFlowLoggingBehavior; errors that end a contact): ids and branches only.
    void setFlowLog(std::function<void(const std::string&)> log);
    // The Connect primitives this service implements (what the flow runner and the bots use).
    ContactCenter& contactCenter();

    // --- Finaptic Support API and the demo partner backend (system.md §3) --------------------
    // Fault knob: /test/faults {"failOperation":{"CreateEscalation":N}} answers 500 N times.
    // Customer text redacted as the instance's InFlightChatRedactionConfiguration says (the defaults of
    // finchat::PiiRedaction for an unknown instance): what every message, and the escalation transcript
    // (under the Finaptic instance's rules), goes through.
    std::string redactCustomerText(std::string_view instanceId, std::string_view text) const;
    Reply createEscalation(std::string_view apiKey, std::string_view body);   // POST /finaptic/v1/escalations
    Reply partnerChatToken(std::string_view body);                      // POST /acme/api/chat-token

    // --- Test control (loopback only) --------------------------------------------------------
    Faults& faults() { return faults_; }
    Reply setFaults(std::string_view body);                             // POST /test/faults
    Reply closeSockets(std::string_view body);                          // POST /test/close-sockets

    // --- Introspection for tests and the benchmark -------------------------------------------
    std::size_t contactCount() const;
    std::size_t openSocketCount() const;
    std::size_t approximateBytes() const;                               // memory held by contacts
    std::int64_t attachmentBytes() const;                               // uploaded files held, all contacts
    std::vector<finchat::Item> transcriptOf(std::string_view contactId) const;   // also of ended contacts
    std::size_t escalationRecordCount() const;

private:
    Reply handleParticipant(finchat::Operation op, std::string_view bearer, std::string_view body, std::string_view path);
    // The injected answer while faults().failOperation[operation] > 0 (and counts it down).
    std::optional<Reply> injectedFailure(const std::string& operation);

    struct Impl;
    std::unique_ptr<Impl> impl_;
    Faults faults_;
    std::unique_ptr<SupportApi> support_;   // the Finaptic Support API's records (support_api.h)
};

}  // namespace connect_local
