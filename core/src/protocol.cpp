#include "finchat/protocol.h"

#include <array>
#include <cstring>

#include "json_fields.h"

namespace finchat {

using detail::json;
using detail::Opt;
using detail::Req;

// ---------------------------------------------------------------------------------------------
// Enum tables. Index 0 of each table is the enum's Other value (written as "").
// ---------------------------------------------------------------------------------------------
namespace {
template <class E, std::size_t N>
struct EnumTable {
    std::array<const char*, N> names;
    const char* name(E v) const {
        auto i = static_cast<std::size_t>(v);
        return i < N ? names[i] : "";
    }
    E parse(std::string_view s) const {
        for (std::size_t i = 1; i < N; ++i)
            if (s == names[i]) return static_cast<E>(i);
        return static_cast<E>(0);
    }
};

constexpr EnumTable<ItemType, 14> kItemTypes{{"", "MESSAGE", "EVENT", "ATTACHMENT", "MESSAGEMETADATA",
    "CONNECTION_ACK", "TYPING", "PARTICIPANT_JOINED", "PARTICIPANT_LEFT", "CHAT_ENDED",
    "TRANSFER_SUCCEEDED", "TRANSFER_FAILED", "MESSAGE_DELIVERED", "MESSAGE_READ"}};
constexpr EnumTable<ParticipantRole, 6> kRoles{{"", "CUSTOMER", "AGENT", "SYSTEM", "CUSTOM_BOT", "SUPERVISOR"}};
constexpr EnumTable<ScanDirection, 3> kScanDirections{{"", "FORWARD", "BACKWARD"}};
constexpr EnumTable<SortOrder, 3> kSortOrders{{"", "ASCENDING", "DESCENDING"}};
constexpr EnumTable<ConnectionType, 4> kConnectionTypes{{"", "WEBSOCKET", "CONNECTION_CREDENTIALS", "WEBRTC_CONNECTION"}};
constexpr EnumTable<AttachmentStatus, 4> kAttachmentStatuses{{"", "APPROVED", "REJECTED", "IN_PROGRESS"}};

// Content kinds: the full wire string for messages, the suffix after kEventPrefix for events.
struct ContentName { ContentKind kind; const char* name; bool event; };
constexpr ContentName kContentNames[] = {
    {ContentKind::TextPlain, "text/plain", false},
    {ContentKind::TextMarkdown, "text/markdown", false},
    {ContentKind::Json, "application/json", false},
    {ContentKind::Interactive, "application/vnd.amazonaws.connect.message.interactive", false},
    {ContentKind::InteractiveResponse, "application/vnd.amazonaws.connect.message.interactive.response", false},
    {ContentKind::Typing, "typing", true},
    {ContentKind::ParticipantJoined, "participant.joined", true},
    {ContentKind::ParticipantLeft, "participant.left", true},
    {ContentKind::ParticipantInvited, "participant.invited", true},
    {ContentKind::ParticipantIdle, "participant.idle", true},
    {ContentKind::ParticipantReturned, "participant.returned", true},
    {ContentKind::ParticipantAutoDisconnection, "participant.autodisconnection", true},
    {ContentKind::ParticipantDisplayNameUpdated, "participant.displayname.updated", true},
    {ContentKind::ParticipantActive, "participant.active", true},
    {ContentKind::ParticipantInactive, "participant.inactive", true},
    {ContentKind::ChatEnded, "chat.ended", true},
    {ContentKind::ChatRehydrated, "chat.rehydrated", true},
    {ContentKind::TransferSucceeded, "transfer.succeeded", true},
    {ContentKind::TransferFailed, "transfer.failed", true},
    {ContentKind::MessageDelivered, "message.delivered", true},
    {ContentKind::MessageRead, "message.read", true},
    {ContentKind::MessageMetadata, "message.metadata", true},
    {ContentKind::ConnectionAcknowledged, "connection.acknowledged", true},
    {ContentKind::AuthenticationInitiated, "authentication.initiated", true},
    {ContentKind::AuthenticationSucceeded, "authentication.succeeded", true},
    {ContentKind::AuthenticationFailed, "authentication.failed", true},
    {ContentKind::AuthenticationTimeout, "authentication.timeout", true},
    {ContentKind::AuthenticationExpired, "authentication.expired", true},
    {ContentKind::AuthenticationCancelled, "authentication.cancelled", true},
    {ContentKind::WorkflowCancelled, "workflow.cancelled", true},
};
}  // namespace

const char* toString(ItemType v) { return kItemTypes.name(v); }
const char* toString(ParticipantRole v) { return kRoles.name(v); }
const char* toString(ScanDirection v) { return kScanDirections.name(v); }
const char* toString(SortOrder v) { return kSortOrders.name(v); }
const char* toString(ConnectionType v) { return kConnectionTypes.name(v); }
const char* toString(AttachmentStatus v) { return kAttachmentStatuses.name(v); }

template <> ItemType enumFromString<ItemType>(std::string_view s) { return kItemTypes.parse(s); }
template <> ParticipantRole enumFromString<ParticipantRole>(std::string_view s) { return kRoles.parse(s); }
template <> ScanDirection enumFromString<ScanDirection>(std::string_view s) { return kScanDirections.parse(s); }
template <> SortOrder enumFromString<SortOrder>(std::string_view s) { return kSortOrders.parse(s); }
template <> ConnectionType enumFromString<ConnectionType>(std::string_view s) { return kConnectionTypes.parse(s); }
template <> AttachmentStatus enumFromString<AttachmentStatus>(std::string_view s) { return kAttachmentStatuses.parse(s); }

ContentKind classifyContentType(std::string_view ct) {
    // Media-type parameters ("text/plain; charset=utf-8") do not change the kind.
    if (auto semi = ct.find(';'); semi != std::string_view::npos) ct = ct.substr(0, semi);
    while (!ct.empty() && ct.back() == ' ') ct.remove_suffix(1);
    const bool event = ct.substr(0, content_type::kEventPrefix.size()) == content_type::kEventPrefix;
    const std::string_view key = event ? ct.substr(content_type::kEventPrefix.size()) : ct;
    for (const auto& c : kContentNames)
        if (c.event == event && key == c.name) return c.kind;
    return ContentKind::Other;
}

std::string contentTypeString(ContentKind kind) {
    for (const auto& c : kContentNames)
        if (c.kind == kind) return c.event ? std::string(content_type::kEventPrefix) + c.name : c.name;
    return {};
}

bool isMessageContent(ContentKind k) {
    return k == ContentKind::TextPlain || k == ContentKind::TextMarkdown || k == ContentKind::Json ||
           k == ContentKind::Interactive || k == ContentKind::InteractiveResponse;
}

// ---------------------------------------------------------------------------------------------
// Field descriptions (JSON names exactly as in the AWS models)
// ---------------------------------------------------------------------------------------------
template <class V, class S> void fieldsOf(V& v, S& x, AttachmentInfo*) {
    v("ContentType", x.contentType); v("AttachmentId", x.attachmentId, Req);
    v("AttachmentName", x.attachmentName); v("Status", x.status);
}
template <class V, class S> void fieldsOf(V& v, S& x, Receipt*) {
    v("DeliveredTimestamp", x.deliveredTimestamp); v("ReadTimestamp", x.readTimestamp);
    v("RecipientParticipantId", x.recipientParticipantId);
}
template <class V, class S> void fieldsOf(V& v, S& x, MessageMetadata*) {
    v("MessageId", x.messageId); v("Receipts", x.receipts);
    v("MessageProcessingStatus", x.messageProcessingStatus);
    v("MessageCompleted", x.messageCompleted); v("ChunkNumber", x.chunkNumber);
}
template <class V, class S> void fieldsOf(V& v, S& x, Item*) {
    v("Id", x.id, Req); v("Type", x.type, Req);
    v("ContentType", x.contentType); v("Content", x.content); v("AbsoluteTime", x.absoluteTime);
    v("ParticipantId", x.participantId); v("DisplayName", x.displayName);
    v("ParticipantRole", x.participantRole); v("InitialContactId", x.initialContactId);
    v("ContactId", x.contactId); v("RelatedContactId", x.relatedContactId);
    v("Attachments", x.attachments); v("MessageMetadata", x.messageMetadata);
}
template <class V, class S> void fieldsOf(V& v, S& x, ParticipantDetails*) { v("DisplayName", x.displayName, Req); }
template <class V, class S> void fieldsOf(V& v, S& x, ChatMessage*) {
    v("ContentType", x.contentType, Req); v("Content", x.content, Req);
}
template <class V, class S> void fieldsOf(V& v, S& x, PersistentChat*) {
    v("RehydrationType", x.rehydrationType); v("SourceContactId", x.sourceContactId);
}
template <class V, class S> void fieldsOf(V& v, S& x, ParticipantConfiguration*) { v("ResponseMode", x.responseMode); }
template <class V, class S> void fieldsOf(V& v, S& x, SegmentAttributeValue*) { v("ValueString", x.valueString); }
template <class V, class S> void fieldsOf(V& v, S& x, StartChatContactRequest*) {
    v("InstanceId", x.instanceId, Req); v("ContactFlowId", x.contactFlowId, Req);
    v("ParticipantDetails", x.participantDetails, Req); v("Attributes", x.attributes);
    v("InitialMessage", x.initialMessage); v("ClientToken", x.clientToken);
    v("ChatDurationInMinutes", x.chatDurationInMinutes);
    v("SupportedMessagingContentTypes", x.supportedMessagingContentTypes);
    v("PersistentChat", x.persistentChat); v("RelatedContactId", x.relatedContactId);
    v("SegmentAttributes", x.segmentAttributes); v("CustomerId", x.customerId);
    v("ParticipantConfiguration", x.participantConfiguration);
    v("DisconnectOnCustomerExit", x.disconnectOnCustomerExit);
}
template <class V, class S> void fieldsOf(V& v, S& x, StartChatContactResponse*) {
    v("ContactId", x.contactId, Req); v("ParticipantId", x.participantId, Req);
    v("ParticipantToken", x.participantToken, Req); v("ContinuedFromContactId", x.continuedFromContactId);
}
template <class V, class S> void fieldsOf(V& v, S& x, CreateParticipantConnectionRequest*) {
    v("Type", x.type, Req); v("ConnectParticipant", x.connectParticipant);
}
template <class V, class S> void fieldsOf(V& v, S& x, WebsocketInfo*) {
    v("Url", x.url); v("ConnectionExpiry", x.connectionExpiry);
}
template <class V, class S> void fieldsOf(V& v, S& x, ConnectionCredentials*) {
    v("ConnectionToken", x.connectionToken); v("Expiry", x.expiry);
}
template <class V, class S> void fieldsOf(V& v, S& x, CreateParticipantConnectionResponse*) {
    v("Websocket", x.websocket); v("ConnectionCredentials", x.connectionCredentials);
}
template <class V, class S> void fieldsOf(V& v, S& x, SendMessageRequest*) {
    v("ContentType", x.contentType, Req); v("Content", x.content, Req); v("ClientToken", x.clientToken);
}
template <class V, class S> void fieldsOf(V& v, S& x, SendMessageMetadata*) {
    v("MessageId", x.messageId); v("MessageProcessingStatus", x.messageProcessingStatus);
}
template <class V, class S> void fieldsOf(V& v, S& x, SendMessageResponse*) {
    v("Id", x.id); v("AbsoluteTime", x.absoluteTime); v("MessageMetadata", x.messageMetadata);
}
template <class V, class S> void fieldsOf(V& v, S& x, SendEventRequest*) {
    v("ContentType", x.contentType, Req); v("Content", x.content); v("ClientToken", x.clientToken);
}
template <class V, class S> void fieldsOf(V& v, S& x, SendEventResponse*) {
    v("Id", x.id); v("AbsoluteTime", x.absoluteTime);
}
template <class V, class S> void fieldsOf(V& v, S& x, ReceiptEventContent*) {
    v("messageId", x.messageId, Req); v("disableThrottle", x.disableThrottle);
}
template <class V, class S> void fieldsOf(V& v, S& x, StartPosition*) {
    v("Id", x.id); v("AbsoluteTime", x.absoluteTime); v("MostRecent", x.mostRecent);
}
template <class V, class S> void fieldsOf(V& v, S& x, GetTranscriptRequest*) {
    v("ContactId", x.contactId); v("MaxResults", x.maxResults); v("NextToken", x.nextToken);
    v("ScanDirection", x.scanDirection); v("SortOrder", x.sortOrder); v("StartPosition", x.startPosition);
}
template <class V, class S> void fieldsOf(V& v, S& x, GetTranscriptResponse*) {
    v("InitialContactId", x.initialContactId); v("Transcript", x.transcript, detail::Always); v("NextToken", x.nextToken);
}
template <class V, class S> void fieldsOf(V& v, S& x, DisconnectParticipantRequest*) { v("ClientToken", x.clientToken); }
template <class V, class S> void fieldsOf(V& v, S& x, StartAttachmentUploadRequest*) {
    v("ContentType", x.contentType, Req); v("AttachmentSizeInBytes", x.attachmentSizeInBytes, Req);
    v("AttachmentName", x.attachmentName, Req); v("ClientToken", x.clientToken);
}
template <class V, class S> void fieldsOf(V& v, S& x, UploadMetadata*) {
    v("Url", x.url); v("UrlExpiry", x.urlExpiry); v("HeadersToInclude", x.headersToInclude);
}
template <class V, class S> void fieldsOf(V& v, S& x, StartAttachmentUploadResponse*) {
    v("AttachmentId", x.attachmentId); v("UploadMetadata", x.uploadMetadata);
}
template <class V, class S> void fieldsOf(V& v, S& x, CompleteAttachmentUploadRequest*) {
    v("AttachmentIds", x.attachmentIds, Req); v("ClientToken", x.clientToken);
}
template <class V, class S> void fieldsOf(V& v, S& x, GetAttachmentRequest*) {
    v("AttachmentId", x.attachmentId, Req); v("UrlExpiryInSeconds", x.urlExpiryInSeconds);
}
template <class V, class S> void fieldsOf(V& v, S& x, GetAttachmentResponse*) {
    v("Url", x.url); v("UrlExpiry", x.urlExpiry); v("AttachmentSizeInBytes", x.attachmentSizeInBytes);
}
template <class V, class S> void fieldsOf(V&, S&, EmptyResponse*) {}
template <class V, class S> void fieldsOf(V& v, S& x, ViewContent*) {
    v("InputSchema", x.inputSchema); v("Template", x.templateText); v("Actions", x.actions);
}
template <class V, class S> void fieldsOf(V& v, S& x, View*) {
    v("Id", x.id); v("Arn", x.arn); v("Name", x.name); v("Version", x.version); v("Content", x.content);
}
template <class V, class S> void fieldsOf(V& v, S& x, DescribeViewResponse*) { v("View", x.view); }
template <class V, class S> void fieldsOf(V& v, S& x, GetAuthenticationUrlRequest*) {
    v("SessionId", x.sessionId, Req); v("RedirectUri", x.redirectUri, Req);
}
template <class V, class S> void fieldsOf(V& v, S& x, GetAuthenticationUrlResponse*) { v("AuthenticationUrl", x.authenticationUrl); }
template <class V, class S> void fieldsOf(V& v, S& x, CancelParticipantAuthenticationRequest*) { v("SessionId", x.sessionId, Req); }

template <class T> Result<T> decode(std::string_view text) { return detail::decodeText<T>(text); }
template <class T> std::string encode(const T& value) { return detail::dumpJson(detail::Writer::write(value)); }

#define FINCHAT_CODEC(T) \
    template Result<T> decode<T>(std::string_view); \
    template std::string encode<T>(const T&);
FINCHAT_CODEC(Item)
FINCHAT_CODEC(StartChatContactRequest)
FINCHAT_CODEC(StartChatContactResponse)
FINCHAT_CODEC(CreateParticipantConnectionRequest)
FINCHAT_CODEC(CreateParticipantConnectionResponse)
FINCHAT_CODEC(SendMessageRequest)
FINCHAT_CODEC(SendMessageResponse)
FINCHAT_CODEC(SendEventRequest)
FINCHAT_CODEC(SendEventResponse)
FINCHAT_CODEC(ReceiptEventContent)
FINCHAT_CODEC(GetTranscriptRequest)
FINCHAT_CODEC(GetTranscriptResponse)
FINCHAT_CODEC(DisconnectParticipantRequest)
FINCHAT_CODEC(StartAttachmentUploadRequest)
FINCHAT_CODEC(StartAttachmentUploadResponse)
FINCHAT_CODEC(CompleteAttachmentUploadRequest)
FINCHAT_CODEC(GetAttachmentRequest)
FINCHAT_CODEC(GetAttachmentResponse)
FINCHAT_CODEC(EmptyResponse)
FINCHAT_CODEC(DescribeViewResponse)
FINCHAT_CODEC(GetAuthenticationUrlRequest)
FINCHAT_CODEC(GetAuthenticationUrlResponse)
FINCHAT_CODEC(CancelParticipantAuthenticationRequest)
#undef FINCHAT_CODEC

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------
namespace {
constexpr OperationInfo kOperations[] = {
    {"CreateParticipantConnection", "POST", "/participant/connection"},
    {"SendMessage", "POST", "/participant/message"},
    {"SendEvent", "POST", "/participant/event"},
    {"GetTranscript", "POST", "/participant/transcript"},
    {"DisconnectParticipant", "POST", "/participant/disconnect"},
    {"StartAttachmentUpload", "POST", "/participant/start-attachment-upload"},
    {"CompleteAttachmentUpload", "POST", "/participant/complete-attachment-upload"},
    {"GetAttachment", "POST", "/participant/attachment"},
    {"DescribeView", "GET", "/participant/views/{ViewToken}"},   // matched by prefix, below
    {"GetAuthenticationUrl", "POST", "/participant/authentication-url"},
    {"CancelParticipantAuthentication", "POST", "/participant/cancel-authentication"},
};
constexpr std::string_view kViewsPrefix = "/participant/views/";
}  // namespace

const OperationInfo& operationInfo(Operation op) { return kOperations[static_cast<int>(op)]; }

std::string_view viewTokenFromPath(std::string_view path) {
    if (auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
    return path.substr(0, kViewsPrefix.size()) == kViewsPrefix ? path.substr(kViewsPrefix.size()) : std::string_view();
}

std::optional<Operation> operationForPath(std::string_view method, std::string_view path) {
    if (auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
    if (method == "GET" && path.size() > kViewsPrefix.size() && path.substr(0, kViewsPrefix.size()) == kViewsPrefix &&
        path.find('/', kViewsPrefix.size()) == std::string_view::npos)
        return Operation::DescribeView;
    for (std::size_t i = 0; i < std::size(kOperations); ++i)
        if (method == kOperations[i].method && path == kOperations[i].path) return static_cast<Operation>(i);
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------
const char* toString(ErrorCode code) {
    switch (code) {
        case ErrorCode::MalformedJson: return "MalformedJson";
        case ErrorCode::MissingField: return "MissingField";
        case ErrorCode::WrongType: return "WrongType";
        case ErrorCode::InvalidValue: return "InvalidValue";
        case ErrorCode::TooLarge: return "TooLarge";
        case ErrorCode::Service: return "Service";
        case ErrorCode::Network: return "Network";
        case ErrorCode::NotConnected: return "NotConnected";
        case ErrorCode::Ended: return "Ended";
        case ErrorCode::Cancelled: return "Cancelled";
        case ErrorCode::PiiDetected: return "PiiDetected";
        case ErrorCode::PiiUnavailable: return "PiiUnavailable";
    }
    return "Unknown";
}

Error makeError(ErrorCode code, const char* detail) { return Error{code, detail, 0, {}}; }

std::string Error::describe() const {
    std::string s = toString(code);
    if (code == ErrorCode::Service) s += " " + decimal(httpStatus) + " " + serviceType;
    if (!detail.empty()) s += ": " + detail;
    return s;
}

const std::string* HttpResponse::header(std::string_view lowerName) const {
    for (const auto& [name, value] : headers) {
        if (name.size() != lowerName.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < name.size() && same; ++i)
            same = (name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]) == lowerName[i];
        if (same) return &value;
    }
    return nullptr;
}

namespace {
// "aws.protocols#ValidationException:http://internal..." -> "ValidationException", exactly as the
// AWS SDK's sanitizeErrorCode: cut at the first ',', then the first ':', then keep what follows the
// first '#' (up to a second one).
std::string sanitizeErrorType(std::string s) {
    if (auto comma = s.find(','); comma != std::string::npos) s.erase(comma);
    if (auto colon = s.find(':'); colon != std::string::npos) s.erase(colon);
    if (auto hash = s.find('#'); hash != std::string::npos) {
        s.erase(0, hash + 1);
        if (auto next = s.find('#'); next != std::string::npos) s.erase(next);
    }
    return s;
}
struct ErrorStatus { const char* type; int status; };
constexpr ErrorStatus kErrorStatuses[] = {
    {"ValidationException", 400}, {"InvalidRequestException", 400}, {"InvalidParameterException", 400},
    {"ServiceQuotaExceededException", 402}, {"AccessDeniedException", 403},
    {"ResourceNotFoundException", 404}, {"ConflictException", 409}, {"ThrottlingException", 429},
    {"LimitExceededException", 429}, {"InternalServerException", 500}, {"InternalServiceException", 500},
};
}  // namespace

int httpStatusForError(std::string_view type) {
    for (const auto& e : kErrorStatuses)
        if (type == e.type) return e.status;
    return 500;
}

Error errorFromResponse(const HttpResponse& r) {
    if (r.status == 0)
        return Error{ErrorCode::Network, r.networkError.empty() ? "no response" : r.networkError};
    Error e{ErrorCode::Service, {}, r.status, {}};
    if (const auto* h = r.header("x-amzn-errortype")) e.serviceType = sanitizeErrorType(*h);
    json body = detail::parseJson(r.body);
    if (body.isObject()) {
        for (const char* key : {"message", "Message"}) {
            const json* it = body.find(key);
            if (it && it->isString()) { e.detail = it->asString(); break; }
        }
        if (e.serviceType.empty()) {
            for (const char* key : {"__type", "code"}) {
                const json* it = body.find(key);
                if (it && it->isString()) { e.serviceType = sanitizeErrorType(it->asString()); break; }
            }
        }
    }
    if (e.serviceType.empty()) e.serviceType = r.status >= 500 ? "InternalServerException" : "UnknownError";
    return e;
}

std::string encodeServiceErrorBody(std::string_view message) {
    return detail::dumpJson(json::object({{"message", message}}));
}

// ---------------------------------------------------------------------------------------------
// Websocket frames
// ---------------------------------------------------------------------------------------------
namespace {
FrameTopic topicFromString(std::string_view t) {
    if (t == "aws/subscribe") return FrameTopic::Subscribe;
    if (t == "aws/unsubscribe") return FrameTopic::Unsubscribe;
    if (t == "aws/heartbeat") return FrameTopic::Heartbeat;
    if (t == "aws/ping") return FrameTopic::Ping;
    if (t == "aws/chat") return FrameTopic::Chat;
    return FrameTopic::Other;
}

std::optional<std::string> stringField(const json& o, const char* key) {
    const json* it = o.find(key);
    if (!it || !it->isString()) return std::nullopt;
    return it->asString();
}

bool readTopics(const json& content, std::vector<std::string>& out) {
    const json* it = content.find("topics");
    if (!it) return true;
    if (!it->isArray()) return false;
    for (const auto& t : it->items()) {
        if (!t.isString()) return false;
        out.push_back(t.asString());
    }
    return true;
}
}  // namespace

std::string subscribeFrame() { return R"({"topic":"aws/subscribe","content":{"topics":["aws/chat"]}})"; }
std::string heartbeatFrame() { return R"({"topic":"aws/heartbeat"})"; }
std::string pingFrame() { return R"({"topic":"aws/ping"})"; }

Result<ClientFrame> decodeClientFrame(std::string_view text) {
    json j = detail::parseJson(text);
    if (!j.valid()) return makeError(ErrorCode::MalformedJson, "frame is not JSON");
    if (!j.isObject()) return makeError(ErrorCode::WrongType, "frame: expected object");
    auto topic = stringField(j, "topic");
    if (!topic) return makeError(ErrorCode::MissingField, "frame.topic: required");
    ClientFrame f;
    f.topic = topicFromString(*topic);
    if (f.topic == FrameTopic::Subscribe || f.topic == FrameTopic::Unsubscribe) {
        const json* it = j.find("content");
        if (!it || !it->isObject()) return makeError(ErrorCode::MissingField, "frame.content: expected object");
        if (!readTopics(*it, f.topics)) return makeError(ErrorCode::WrongType, "frame.content.topics: expected array of strings");
    }
    return f;
}

Result<ServerFrame> decodeServerFrame(std::string_view text) {
    json j = detail::parseJson(text);
    if (!j.valid()) return makeError(ErrorCode::MalformedJson, "frame is not JSON");
    if (!j.isObject()) return makeError(ErrorCode::WrongType, "frame: expected object");
    ServerFrame f;
    auto topic = stringField(j, "topic");
    if (!topic) {
        // API-Gateway style error ({"message":"Forbidden","connectionId":...}); chatjs only logs it.
        if (auto m = stringField(j, "message")) {
            f.topic = FrameTopic::GatewayError;
            f.errorMessage = *m;
            return f;
        }
        return makeError(ErrorCode::MissingField, "frame.topic: required");
    }
    f.topic = topicFromString(*topic);
    switch (f.topic) {
        case FrameTopic::Subscribe: {
            const json* it = j.find("content");
            if (it && it->isObject()) {
                f.subscribeStatus = stringField(*it, "status").value_or("");
                if (!readTopics(*it, f.topics)) return makeError(ErrorCode::WrongType, "frame.content.topics: expected array");
            }
            break;
        }
        case FrameTopic::Ping: {
            const json* it = j.find("statusCode");
            // Range-checked: a plain cast would wrap 4294967496 (2^32 + 200) to a healthy-looking 200.
            if (it) {
                if (Result<int> code = detail::decodeValue<int>(*it)) f.statusCode = *code;
            }
            f.statusContent = stringField(j, "statusContent").value_or("");
            break;
        }
        case FrameTopic::Chat: {
            const json* it = j.find("content");
            if (!it) return makeError(ErrorCode::MissingField, "frame.content: required");
            // The item is double-encoded (a string holding JSON); accept a plain object too.
            Result<Item> item = it->isString() ? decode<Item>(it->asString())
                                                : detail::decodeValue<Item>(*it);
            if (!item) {
                Error e = item.error();
                e.detail = "frame.content: " + e.detail;
                return e;
            }
            f.item = std::move(*item);
            break;
        }
        default: break;
    }
    return f;
}

std::string chatFrame(const Item& item) {
    return detail::dumpJson(json::object({{"topic", "aws/chat"}, {"contentType", "application/json"}, {"content", encode(item)}}));
}
std::string subscribeAckFrame(bool success, const std::vector<std::string>& topics) {
    return detail::dumpJson(json::object({{"topic", "aws/subscribe"},
                                          {"content", json::object({{"status", success ? "success" : "failure"},
                                                                     {"topics", detail::Writer::write(topics)}})}}));
}
std::string heartbeatAckFrame() { return R"({"topic":"aws/heartbeat"})"; }
std::string pingAckFrame() { return R"({"topic":"aws/ping","statusCode":200,"statusContent":"OK"})"; }

// ---------------------------------------------------------------------------------------------
// Finaptic escalation signal
// ---------------------------------------------------------------------------------------------
std::optional<std::string> escalationSignal(const Item& item) {
    if (item.type != ItemType::Message || item.kind() != ContentKind::Json) return std::nullopt;
    json j = detail::parseJson(item.content, 8);
    const json* f = j.find("finaptic");
    if (!f || !f->isObject()) return std::nullopt;
    const json* e = f->find("escalate");
    if (!e || !e->isObject()) return std::nullopt;
    return stringField(*e, "reason").value_or("");
}

std::string escalationSignalContent(std::string_view reason) {
    return detail::dumpJson(json::object({{"finaptic", json::object({{"escalate", json::object({{"reason", reason}})}})}}));
}

}  // namespace finchat
