// finchat/protocol.h: the Amazon Connect customer-chat protocol as plain C++ types.
//
// One struct per JSON shape of the Connect API (StartChatContact), the participant service and the
// websocket gateway (../shared/reference/connect-chat-protocol.md §2-§4). Member names are the JSON
// names in camelCase. Conventions, chosen to match how Connect itself serialises:
//   - std::optional<T> : may be absent; encoded only when set (StartPosition{} is sent as {}).
//   - plain string/vector/map members that the model marks optional: absent == empty; empty is
//     not encoded (Connect omits absent fields, never sends null).
//   - enums decode unknown strings to `Other` instead of failing, so new Connect values are tolerated.
// Unknown JSON fields are ignored. decode<T>() never throws: bad input is an Error value.
//
// The same codecs serve the client (core) and the server (connect-local), so both speak one shape.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finchat/platform.h"
#include "finchat/result.h"

namespace finchat {

// ---------------------------------------------------------------------------------------------
// Enumerations (string-valued on the wire)
// ---------------------------------------------------------------------------------------------
enum class ItemType {
    Other, Message, Event, Attachment, MessageMetadata, ConnectionAck,
    // Listed by the API model but not seen on the wire (events use Type EVENT):
    Typing, ParticipantJoined, ParticipantLeft, ChatEnded, TransferSucceeded, TransferFailed,
    MessageDelivered, MessageRead,
};
enum class ParticipantRole { Other, Customer, Agent, System, CustomBot, Supervisor };
enum class ScanDirection { Other, Forward, Backward };
enum class SortOrder { Other, Ascending, Descending };
enum class ConnectionType { Other, Websocket, ConnectionCredentials, WebrtcConnection };
enum class AttachmentStatus { Other, Approved, Rejected, InProgress };

const char* toString(ItemType v);
const char* toString(ParticipantRole v);
const char* toString(ScanDirection v);
const char* toString(SortOrder v);
const char* toString(ConnectionType v);
const char* toString(AttachmentStatus v);
// Parse a wire string; unknown strings give Other.
template <class E> E enumFromString(std::string_view s);

// ---------------------------------------------------------------------------------------------
// Content types (§4.5). Items keep the raw string; ContentKind classifies it.
// ---------------------------------------------------------------------------------------------
namespace content_type {
inline constexpr std::string_view kTextPlain = "text/plain";
inline constexpr std::string_view kTextMarkdown = "text/markdown";
inline constexpr std::string_view kJson = "application/json";
inline constexpr std::string_view kInteractive = "application/vnd.amazonaws.connect.message.interactive";
inline constexpr std::string_view kInteractiveResponse =
    "application/vnd.amazonaws.connect.message.interactive.response";
inline constexpr std::string_view kEventPrefix = "application/vnd.amazonaws.connect.event.";
}  // namespace content_type

enum class ContentKind {
    Other,
    // messages
    TextPlain, TextMarkdown, Json, Interactive, InteractiveResponse,
    // events
    Typing, ParticipantJoined, ParticipantLeft, ParticipantInvited, ParticipantIdle,
    ParticipantReturned, ParticipantAutoDisconnection, ParticipantDisplayNameUpdated,
    ParticipantActive, ParticipantInactive, ChatEnded, ChatRehydrated, TransferSucceeded,
    TransferFailed, MessageDelivered, MessageRead, MessageMetadata, ConnectionAcknowledged,
    AuthenticationInitiated, AuthenticationSucceeded, AuthenticationFailed, AuthenticationTimeout,
    AuthenticationExpired, AuthenticationCancelled, WorkflowCancelled,
};
ContentKind classifyContentType(std::string_view contentType);
// The wire string of a kind ("" for Other).
std::string contentTypeString(ContentKind kind);
bool isMessageContent(ContentKind kind);   // one of the five message types

// ---------------------------------------------------------------------------------------------
// Items: what arrives on the websocket (inside aws/chat frames) and in GetTranscript (§4.4)
// ---------------------------------------------------------------------------------------------
struct AttachmentInfo {
    std::string contentType;
    std::string attachmentId;                 // required
    std::string attachmentName;
    std::optional<AttachmentStatus> status;
};

struct Receipt {
    std::string deliveredTimestamp;
    std::string readTimestamp;
    std::string recipientParticipantId;
};

struct MessageMetadata {
    std::string messageId;
    std::vector<Receipt> receipts;
    std::string messageProcessingStatus;      // PROCESSING | FAILED | REJECTED
    std::optional<bool> messageCompleted;     // streamed bot replies (§4.8)
    std::optional<int> chunkNumber;
};

struct Item {
    std::string id;                           // required
    ItemType type = ItemType::Other;          // required
    std::string contentType;
    std::string content;
    std::string absoluteTime;                 // ISO-8601 UTC with ms
    std::string participantId;
    std::string displayName;
    std::optional<ParticipantRole> participantRole;
    std::string initialContactId;
    std::string contactId;
    std::string relatedContactId;
    std::vector<AttachmentInfo> attachments;
    std::optional<MessageMetadata> messageMetadata;

    ContentKind kind() const { return classifyContentType(contentType); }
    ParticipantRole role() const { return participantRole.value_or(ParticipantRole::Other); }
};

// ---------------------------------------------------------------------------------------------
// Connect API: StartChatContact (PUT /contact/chat) (§2)
// ---------------------------------------------------------------------------------------------
struct ParticipantDetails { std::string displayName; };             // required
struct ChatMessage { std::string contentType; std::string content; };  // both required
struct PersistentChat { std::string rehydrationType; std::string sourceContactId; };
struct ParticipantConfiguration { std::string responseMode; };      // COMPLETE | INCREMENTAL
struct SegmentAttributeValue { std::string valueString; };

struct StartChatContactRequest {
    std::string instanceId;                   // required
    std::string contactFlowId;                // required
    ParticipantDetails participantDetails;    // required
    std::map<std::string, std::string> attributes;
    std::optional<ChatMessage> initialMessage;
    std::string clientToken;
    std::optional<int> chatDurationInMinutes;
    std::vector<std::string> supportedMessagingContentTypes;
    std::optional<PersistentChat> persistentChat;
    std::string relatedContactId;
    std::map<std::string, SegmentAttributeValue> segmentAttributes;
    std::string customerId;
    std::optional<ParticipantConfiguration> participantConfiguration;
    std::vector<std::string> disconnectOnCustomerExit;
};

struct StartChatContactResponse {
    std::string contactId;                    // required
    std::string participantId;                // required
    std::string participantToken;             // required
    std::string continuedFromContactId;
};

// ---------------------------------------------------------------------------------------------
// Participant service (§3)
// ---------------------------------------------------------------------------------------------
struct CreateParticipantConnectionRequest {
    std::vector<ConnectionType> type;         // required, >= 1
    std::optional<bool> connectParticipant;   // customers never send it
};
struct WebsocketInfo { std::string url; std::string connectionExpiry; };
struct ConnectionCredentials { std::string connectionToken; std::string expiry; };
struct CreateParticipantConnectionResponse {
    std::optional<WebsocketInfo> websocket;
    std::optional<ConnectionCredentials> connectionCredentials;
};

struct SendMessageRequest {
    std::string contentType;                  // required
    std::string content;                      // required
    std::string clientToken;
};
struct SendMessageMetadata { std::string messageId; std::string messageProcessingStatus; };
struct SendMessageResponse {
    std::string id;
    std::string absoluteTime;
    std::optional<SendMessageMetadata> messageMetadata;
};

struct SendEventRequest {
    std::string contentType;                  // required
    std::string content;                      // absent for typing
    std::string clientToken;
};
struct SendEventResponse { std::string id; std::string absoluteTime; };

// Content of message.delivered / message.read events: {"messageId":"..."} (lowerCamel on the wire).
struct ReceiptEventContent {
    std::string messageId;                    // required
    std::optional<bool> disableThrottle;
};

struct StartPosition {
    std::string id;
    std::string absoluteTime;
    std::optional<int> mostRecent;
};
struct GetTranscriptRequest {
    std::string contactId;
    std::optional<int> maxResults;            // 0-100, API default 10
    std::string nextToken;
    std::optional<ScanDirection> scanDirection;
    std::optional<SortOrder> sortOrder;
    std::optional<StartPosition> startPosition;
};
struct GetTranscriptResponse {
    std::string initialContactId;
    std::vector<Item> transcript;
    std::string nextToken;                    // "" and absent both mean "no more"
};

struct DisconnectParticipantRequest { std::string clientToken; };

struct StartAttachmentUploadRequest {
    std::string contentType;                  // required
    std::int64_t attachmentSizeInBytes = 0;   // required
    std::string attachmentName;               // required
    std::string clientToken;
};
struct UploadMetadata {
    std::string url;
    std::string urlExpiry;
    std::map<std::string, std::string> headersToInclude;
};
struct StartAttachmentUploadResponse {
    std::string attachmentId;
    std::optional<UploadMetadata> uploadMetadata;
};
struct CompleteAttachmentUploadRequest {
    std::vector<std::string> attachmentIds;   // required
    std::string clientToken;
};
struct GetAttachmentRequest {
    std::string attachmentId;                 // required
    std::optional<int> urlExpiryInSeconds;
};
struct GetAttachmentResponse {
    std::string url;
    std::string urlExpiry;
    std::optional<std::int64_t> attachmentSizeInBytes;
};
struct EmptyResponse {};                      // DisconnectParticipant, CompleteAttachmentUpload

// DescribeView (GET /participant/views/{ViewToken}): the view a ViewResource interactive message names.
struct ViewContent {
    std::string inputSchema;
    std::string templateText;                 // "Template" on the wire
    std::vector<std::string> actions;
};
struct View {
    std::string id, arn, name, version;
    std::optional<ViewContent> content;
};
struct DescribeViewResponse { std::optional<View> view; };

// Customer authentication (§8.5): the SessionId comes from an authentication.initiated event.
struct GetAuthenticationUrlRequest {
    std::string sessionId;                    // required, 36 characters
    std::string redirectUri;                  // required, <= 1024
};
struct GetAuthenticationUrlResponse { std::string authenticationUrl; };
struct CancelParticipantAuthenticationRequest { std::string sessionId; };   // required

// ---------------------------------------------------------------------------------------------
// Codecs. Defined for every struct above.
// ---------------------------------------------------------------------------------------------
template <class T> Result<T> decode(std::string_view json);
template <class T> std::string encode(const T& value);

// ---------------------------------------------------------------------------------------------
// Participant-service operations: method, path and request/response types in one place.
// ---------------------------------------------------------------------------------------------
enum class Operation {
    CreateParticipantConnection, SendMessage, SendEvent, GetTranscript, DisconnectParticipant,
    StartAttachmentUpload, CompleteAttachmentUpload, GetAttachment,
    DescribeView,                             // GET, the ViewToken is the last path segment
    GetAuthenticationUrl, CancelParticipantAuthentication,
};
struct OperationInfo {
    const char* name;     // "SendMessage"
    const char* method;   // "POST"
    const char* path;     // "/participant/message"
};
const OperationInfo& operationInfo(Operation op);
std::optional<Operation> operationForPath(std::string_view method, std::string_view path);
// The ViewToken of a DescribeView path ("/participant/views/{ViewToken}"), percent-decoding left to the caller.
std::string_view viewTokenFromPath(std::string_view path);

// ---------------------------------------------------------------------------------------------
// Connect errors (§3.1): HTTP status + x-amzn-ErrorType header + {"message": ...} body.
// ---------------------------------------------------------------------------------------------
// Turns any non-200 answer (or a network failure) into a typed Error.
Error errorFromResponse(const HttpResponse& response);
// Server side: the body of an error answer.
std::string encodeServiceErrorBody(std::string_view message);
// Status code Connect uses for an error name (ValidationException -> 400 ...); 500 if unknown.
int httpStatusForError(std::string_view errorType);

// ---------------------------------------------------------------------------------------------
// Websocket frames (§4.2, §4.3)
// ---------------------------------------------------------------------------------------------
enum class FrameTopic { Other, Subscribe, Unsubscribe, Heartbeat, Ping, Chat, GatewayError };

// Client -> server frames, exactly as chatjs sends them.
std::string subscribeFrame();                 // {"topic":"aws/subscribe","content":{"topics":["aws/chat"]}}
std::string heartbeatFrame();                 // {"topic":"aws/heartbeat"}
std::string pingFrame();                      // {"topic":"aws/ping"}

struct ClientFrame {
    FrameTopic topic = FrameTopic::Other;
    std::vector<std::string> topics;          // subscribe
};
Result<ClientFrame> decodeClientFrame(std::string_view text);   // server side

struct ServerFrame {
    FrameTopic topic = FrameTopic::Other;
    std::string subscribeStatus;              // Subscribe ack: "success" or something else
    std::vector<std::string> topics;
    int statusCode = 0;                       // Ping ack
    std::string statusContent;
    Item item;                                // Chat
    std::string errorMessage;                 // GatewayError ({"message":"Forbidden",...})
};
Result<ServerFrame> decodeServerFrame(std::string_view text);   // client side
// Server side encoders.
std::string chatFrame(const Item& item);
std::string subscribeAckFrame(bool success, const std::vector<std::string>& topics);
std::string heartbeatAckFrame();
std::string pingAckFrame();

// ---------------------------------------------------------------------------------------------
// Finaptic in-band signals carried on a chat (system.md §3)
// ---------------------------------------------------------------------------------------------
// An L1 tool or bot asks for escalation with an application/json message whose body is
// {"finaptic":{"escalate":{"reason":"..."}}}. Returns the reason when the item is such a signal.
std::optional<std::string> escalationSignal(const Item& item);
std::string escalationSignalContent(std::string_view reason);

}  // namespace finchat
