// Protocol layer: the JSON shapes of the Connect participant protocol as executable documentation.
//
// The wire examples of shared/reference/connect-chat-protocol.md (§2, §3.3, §4.2-§4.7, §5) are the
// oracles: requests are decoded exactly as chatjs sends them, and encoding gives chatjs's bodies byte
// for byte. Each SECTION states one behaviour.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "finchat/protocol.h"
#include "finchat/result.h"

using namespace finchat;
using namespace std::string_literals;

namespace {

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

// Decodes text that must be valid; fails the test with the error description otherwise.
template <class T>
T decodeOk(std::string_view text) {
    Result<T> r = decode<T>(text);
    if (!r) FAIL_CHECK("decode failed: " << r.error().describe() << "\ninput: " << text);
    REQUIRE(r.ok());
    return std::move(*r);
}

// Decodes text that must be rejected; returns the error.
template <class T>
Error decodeErr(std::string_view text) {
    Result<T> r = decode<T>(text);
    INFO("input: " << text);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

ServerFrame serverFrameOk(std::string_view text) {
    Result<ServerFrame> r = decodeServerFrame(text);
    if (!r) FAIL_CHECK("decodeServerFrame failed: " << r.error().describe() << "\ninput: " << text);
    REQUIRE(r.ok());
    return std::move(*r);
}

Error serverFrameErr(std::string_view text) {
    Result<ServerFrame> r = decodeServerFrame(text);
    INFO("input: " << text);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

// Field-by-field equality for the protocol structs (they have no operator==). Every member is
// listed, so a field lost by encode or decode makes a round trip fail.
auto fields(const AttachmentInfo& x) { return std::tie(x.contentType, x.attachmentId, x.attachmentName, x.status); }
auto fields(const Receipt& x) { return std::tie(x.deliveredTimestamp, x.readTimestamp, x.recipientParticipantId); }
auto fields(const MessageMetadata& x) {
    return std::tie(x.messageId, x.receipts, x.messageProcessingStatus, x.messageCompleted, x.chunkNumber);
}
auto fields(const Item& x) {
    return std::tie(x.id, x.type, x.contentType, x.content, x.absoluteTime, x.participantId, x.displayName,
                    x.participantRole, x.initialContactId, x.contactId, x.relatedContactId, x.attachments,
                    x.messageMetadata);
}
auto fields(const ParticipantDetails& x) { return std::tie(x.displayName); }
auto fields(const ChatMessage& x) { return std::tie(x.contentType, x.content); }
auto fields(const PersistentChat& x) { return std::tie(x.rehydrationType, x.sourceContactId); }
auto fields(const ParticipantConfiguration& x) { return std::tie(x.responseMode); }
auto fields(const SegmentAttributeValue& x) { return std::tie(x.valueString); }
auto fields(const StartChatContactRequest& x) {
    return std::tie(x.instanceId, x.contactFlowId, x.participantDetails, x.attributes, x.initialMessage,
                    x.clientToken, x.chatDurationInMinutes, x.supportedMessagingContentTypes, x.persistentChat,
                    x.relatedContactId, x.segmentAttributes, x.customerId, x.participantConfiguration,
                    x.disconnectOnCustomerExit);
}
auto fields(const StartChatContactResponse& x) {
    return std::tie(x.contactId, x.participantId, x.participantToken, x.continuedFromContactId);
}
auto fields(const CreateParticipantConnectionRequest& x) { return std::tie(x.type, x.connectParticipant); }
auto fields(const WebsocketInfo& x) { return std::tie(x.url, x.connectionExpiry); }
auto fields(const ConnectionCredentials& x) { return std::tie(x.connectionToken, x.expiry); }
auto fields(const CreateParticipantConnectionResponse& x) { return std::tie(x.websocket, x.connectionCredentials); }
auto fields(const SendMessageRequest& x) { return std::tie(x.contentType, x.content, x.clientToken); }
auto fields(const SendMessageMetadata& x) { return std::tie(x.messageId, x.messageProcessingStatus); }
auto fields(const SendMessageResponse& x) { return std::tie(x.id, x.absoluteTime, x.messageMetadata); }
auto fields(const SendEventRequest& x) { return std::tie(x.contentType, x.content, x.clientToken); }
auto fields(const SendEventResponse& x) { return std::tie(x.id, x.absoluteTime); }
auto fields(const ReceiptEventContent& x) { return std::tie(x.messageId, x.disableThrottle); }
auto fields(const StartPosition& x) { return std::tie(x.id, x.absoluteTime, x.mostRecent); }
auto fields(const GetTranscriptRequest& x) {
    return std::tie(x.contactId, x.maxResults, x.nextToken, x.scanDirection, x.sortOrder, x.startPosition);
}
auto fields(const GetTranscriptResponse& x) { return std::tie(x.initialContactId, x.transcript, x.nextToken); }
auto fields(const DisconnectParticipantRequest& x) { return std::tie(x.clientToken); }
auto fields(const StartAttachmentUploadRequest& x) {
    return std::tie(x.contentType, x.attachmentSizeInBytes, x.attachmentName, x.clientToken);
}
auto fields(const UploadMetadata& x) { return std::tie(x.url, x.urlExpiry, x.headersToInclude); }
auto fields(const StartAttachmentUploadResponse& x) { return std::tie(x.attachmentId, x.uploadMetadata); }
auto fields(const CompleteAttachmentUploadRequest& x) { return std::tie(x.attachmentIds, x.clientToken); }
auto fields(const GetAttachmentRequest& x) { return std::tie(x.attachmentId, x.urlExpiryInSeconds); }
auto fields(const GetAttachmentResponse& x) { return std::tie(x.url, x.urlExpiry, x.attachmentSizeInBytes); }
auto fields(const EmptyResponse&) { return std::tie(); }

template <class T> struct IsVec : std::false_type {};
template <class T> struct IsVec<std::vector<T>> : std::true_type {};
template <class T> struct IsOpt : std::false_type {};
template <class T> struct IsOpt<std::optional<T>> : std::true_type {};
template <class T> struct IsMap : std::false_type {};
template <class K, class V> struct IsMap<std::map<K, V>> : std::true_type {};

template <class T> bool same(const T& a, const T& b);

template <class Tuple, std::size_t... I>
bool sameTuple(const Tuple& a, const Tuple& b, std::index_sequence<I...>) {
    return (same(std::get<I>(a), std::get<I>(b)) && ...);
}

template <class T>
bool same(const T& a, const T& b) {
    if constexpr (IsOpt<T>::value) {
        if (a.has_value() != b.has_value()) return false;
        return !a.has_value() || same(*a, *b);
    } else if constexpr (IsVec<T>::value) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!same(a[i], b[i])) return false;
        return true;
    } else if constexpr (IsMap<T>::value) {
        if (a.size() != b.size()) return false;
        for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
            if (ia->first != ib->first || !same(ia->second, ib->second)) return false;
        return true;
    } else if constexpr (requires { fields(a); }) {
        using Tuple = decltype(fields(a));
        return sameTuple(fields(a), fields(b), std::make_index_sequence<std::tuple_size_v<Tuple>>{});
    } else {
        return a == b;
    }
}

// encode -> decode must give back every field.
template <class T>
void checkRoundTrip(const T& original) {
    const std::string wire = encode(original);
    INFO("wire: " << wire);
    Result<T> back = decode<T>(wire);
    if (!back) FAIL_CHECK("decode failed: " << back.error().describe());
    REQUIRE(back.ok());
    CHECK(same(original, *back));
    CHECK(encode(*back) == wire);   // and encoding is stable
    CHECK_FALSE(contains(wire, "null"));
}

// Fully populated values (every optional set, strings with characters that need escaping).
Item fullItem() {
    Item i;
    i.id = "m-77";
    i.type = ItemType::Message;
    i.contentType = "text/plain";
    i.content = "Hi \"Dana\"\n\tcaf\xC3\xA9 \xF0\x9F\x98\x80 \\ / <b>";
    i.absoluteTime = "2025-05-01T10:00:07.010Z";
    i.participantId = "p-agent";
    i.displayName = "Sam";
    i.participantRole = ParticipantRole::Agent;
    i.initialContactId = "c-111";
    i.contactId = "c-222";
    i.relatedContactId = "c-000";
    i.attachments = {AttachmentInfo{"image/png", "att-1", "shot.png", AttachmentStatus::Approved},
                     AttachmentInfo{"text/plain", "att-2", "a.txt", AttachmentStatus::InProgress}};
    MessageMetadata md;
    md.messageId = "m-77";
    md.receipts = {Receipt{"2025-05-01T10:00:08.900Z", "2025-05-01T10:00:08.950Z", "p-cust"},
                   Receipt{"2025-05-01T10:00:09.000Z", "", "p-sup"}};
    md.messageProcessingStatus = "PROCESSING";
    md.messageCompleted = false;
    md.chunkNumber = 3;
    i.messageMetadata = md;
    return i;
}

}  // namespace

// =============================================================================================
// §2 StartChatContact
// =============================================================================================
TEST_CASE("StartChatContact (reference §2)", "[protocol]") {
    const char* request = R"({"InstanceId":"inst-1","ContactFlowId":"flow-1",
 "ParticipantDetails":{"DisplayName":"Dana"},
 "Attributes":{"tier":"gold"},
 "SupportedMessagingContentTypes":["text/plain","text/markdown",
   "application/vnd.amazonaws.connect.message.interactive",
   "application/vnd.amazonaws.connect.message.interactive.response"]})";

    SECTION("the composed request decodes field by field; absent optionals stay unset") {
        auto r = decodeOk<StartChatContactRequest>(request);
        CHECK(r.instanceId == "inst-1");
        CHECK(r.contactFlowId == "flow-1");
        CHECK(r.participantDetails.displayName == "Dana");
        CHECK(r.attributes == std::map<std::string, std::string>{{"tier", "gold"}});
        CHECK(r.supportedMessagingContentTypes ==
              std::vector<std::string>{"text/plain", "text/markdown",
                                       "application/vnd.amazonaws.connect.message.interactive",
                                       "application/vnd.amazonaws.connect.message.interactive.response"});
        CHECK_FALSE(r.initialMessage.has_value());
        CHECK(r.clientToken.empty());
        CHECK_FALSE(r.chatDurationInMinutes.has_value());
        CHECK_FALSE(r.persistentChat.has_value());
        CHECK(r.relatedContactId.empty());
        CHECK(r.segmentAttributes.empty());
        CHECK(r.customerId.empty());
        CHECK_FALSE(r.participantConfiguration.has_value());
        CHECK(r.disconnectOnCustomerExit.empty());
    }

    SECTION("the request encodes with sorted keys and without the absent optionals") {
        auto r = decodeOk<StartChatContactRequest>(request);
        CHECK(encode(r) ==
              R"({"Attributes":{"tier":"gold"},"ContactFlowId":"flow-1","InstanceId":"inst-1",)"
              R"("ParticipantDetails":{"DisplayName":"Dana"},"SupportedMessagingContentTypes":["text/plain",)"
              R"("text/markdown","application/vnd.amazonaws.connect.message.interactive",)"
              R"("application/vnd.amazonaws.connect.message.interactive.response"]})");
    }

    SECTION("all newer and nested fields decode") {
        auto r = decodeOk<StartChatContactRequest>(R"({"InstanceId":"i","ContactFlowId":"f",
            "ParticipantDetails":{"DisplayName":"Dana"},
            "InitialMessage":{"ContentType":"text/plain","Content":"hi"},"ClientToken":"ct",
            "ChatDurationInMinutes":60,"PersistentChat":{"RehydrationType":"ENTIRE_PAST_SESSION","SourceContactId":"c-0"},
            "SegmentAttributes":{"connect:Subtype":{"ValueString":"connect:Guide"}},"CustomerId":"cust-9",
            "ParticipantConfiguration":{"ResponseMode":"INCREMENTAL"},"DisconnectOnCustomerExit":["AGENT"]})");
        REQUIRE(r.initialMessage.has_value());
        CHECK(r.initialMessage->contentType == "text/plain");
        CHECK(r.initialMessage->content == "hi");
        CHECK(r.clientToken == "ct");
        CHECK(r.chatDurationInMinutes == 60);
        REQUIRE(r.persistentChat.has_value());
        CHECK(r.persistentChat->rehydrationType == "ENTIRE_PAST_SESSION");
        CHECK(r.persistentChat->sourceContactId == "c-0");
        REQUIRE(r.segmentAttributes.count("connect:Subtype") == 1);
        CHECK(r.segmentAttributes.at("connect:Subtype").valueString == "connect:Guide");
        CHECK(r.customerId == "cust-9");
        REQUIRE(r.participantConfiguration.has_value());
        CHECK(r.participantConfiguration->responseMode == "INCREMENTAL");
        CHECK(r.disconnectOnCustomerExit == std::vector<std::string>{"AGENT"});
    }

    SECTION("the response decodes; ContinuedFromContactId is optional") {
        auto r = decodeOk<StartChatContactResponse>(R"({"ContactId":"c-111","ParticipantId":"p-cust","ParticipantToken":"PT..."})");
        CHECK(r.contactId == "c-111");
        CHECK(r.participantId == "p-cust");
        CHECK(r.participantToken == "PT...");
        CHECK(r.continuedFromContactId.empty());
        CHECK(encode(r) == R"({"ContactId":"c-111","ParticipantId":"p-cust","ParticipantToken":"PT..."})");
    }

    SECTION("required fields are enforced, with the path of the missing field") {
        CHECK(decodeErr<StartChatContactRequest>(R"({"ContactFlowId":"f","ParticipantDetails":{"DisplayName":"D"}})").detail ==
              "InstanceId: required");
        Error e = decodeErr<StartChatContactRequest>(R"({"InstanceId":"i","ContactFlowId":"f","ParticipantDetails":{}})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(e.detail == "ParticipantDetails.DisplayName: required");
        e = decodeErr<StartChatContactRequest>(R"({"InstanceId":"i","ContactFlowId":"f","ParticipantDetails":{"DisplayName":"D"},"InitialMessage":{"ContentType":"text/plain"}})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(e.detail == "InitialMessage.Content: required");
        CHECK(decodeErr<StartChatContactResponse>(R"({"ContactId":"c","ParticipantId":"p"})").detail ==
              "ParticipantToken: required");
    }

    SECTION("map values have their key in the error path") {
        Error e = decodeErr<StartChatContactRequest>(
            R"({"InstanceId":"i","ContactFlowId":"f","ParticipantDetails":{"DisplayName":"D"},"Attributes":{"tier":1}})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "Attributes.tier: expected string");
    }
}

// =============================================================================================
// §3.3 Participant-service requests exactly as chatjs sends them
// =============================================================================================
TEST_CASE("CreateParticipantConnection (reference §3.3)", "[protocol]") {
    SECTION("chatjs's request decodes to the two connection types, without ConnectParticipant") {
        auto r = decodeOk<CreateParticipantConnectionRequest>(R"({"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]})");
        CHECK(r.type == std::vector<ConnectionType>{ConnectionType::Websocket, ConnectionType::ConnectionCredentials});
        CHECK_FALSE(r.connectParticipant.has_value());
    }
    SECTION("encoding gives chatjs's body exactly") {
        CreateParticipantConnectionRequest r;
        r.type = {ConnectionType::Websocket, ConnectionType::ConnectionCredentials};
        CHECK(encode(r) == R"({"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]})");
    }
    SECTION("ConnectParticipant is encoded when set, also when false") {
        CreateParticipantConnectionRequest r;
        r.type = {ConnectionType::WebrtcConnection};
        r.connectParticipant = false;
        CHECK(encode(r) == R"({"ConnectParticipant":false,"Type":["WEBRTC_CONNECTION"]})");
    }
    SECTION("Type is required") {
        Error e = decodeErr<CreateParticipantConnectionRequest>(R"({"ConnectParticipant":true})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(e.detail == "Type: required");
    }
    SECTION("the response decodes field by field") {
        auto r = decodeOk<CreateParticipantConnectionResponse>(
            R"({"Websocket":{"Url":"wss://…","ConnectionExpiry":"2025-05-01T10:01:40.000Z"},
   "ConnectionCredentials":{"ConnectionToken":"CT…","Expiry":"2025-05-02T10:00:00.000Z"}})");
        REQUIRE(r.websocket.has_value());
        CHECK(r.websocket->url == "wss://…");
        CHECK(r.websocket->connectionExpiry == "2025-05-01T10:01:40.000Z");
        REQUIRE(r.connectionCredentials.has_value());
        CHECK(r.connectionCredentials->connectionToken == "CT…");
        CHECK(r.connectionCredentials->expiry == "2025-05-02T10:00:00.000Z");
    }
    SECTION("a response with only credentials leaves Websocket unset") {
        auto r = decodeOk<CreateParticipantConnectionResponse>(R"({"ConnectionCredentials":{"ConnectionToken":"CT1"}})");
        CHECK_FALSE(r.websocket.has_value());
        REQUIRE(r.connectionCredentials.has_value());
        CHECK(r.connectionCredentials->expiry.empty());
    }
}

TEST_CASE("SendMessage (reference §3.3)", "[protocol]") {
    SECTION("chatjs's request decodes") {
        auto r = decodeOk<SendMessageRequest>(R"({"ClientToken":"9c14…","Content":"hello","ContentType":"text/plain"})");
        CHECK(r.clientToken == "9c14…");
        CHECK(r.content == "hello");
        CHECK(r.contentType == "text/plain");
    }
    SECTION("encoding gives chatjs's body exactly (alphabetical keys)") {
        CHECK(encode(SendMessageRequest{"text/plain", "hello", "9c14…"}) ==
              R"({"ClientToken":"9c14…","Content":"hello","ContentType":"text/plain"})");
    }
    SECTION("without a ClientToken the key is omitted, never null") {
        CHECK(encode(SendMessageRequest{"text/plain", "hello", ""}) == R"({"Content":"hello","ContentType":"text/plain"})");
    }
    SECTION("ContentType and Content are required (and encoded even when empty)") {
        CHECK(decodeErr<SendMessageRequest>(R"({"Content":"hello"})").detail == "ContentType: required");
        CHECK(decodeErr<SendMessageRequest>(R"({"ContentType":"text/plain"})").detail == "Content: required");
        CHECK(encode(SendMessageRequest{}) == R"({"Content":"","ContentType":""})");
    }
    SECTION("special characters are escaped as JSON requires and survive") {
        SendMessageRequest r{"text/plain", "line1\nline2 \"quoted\" \\ \x01 caf\xC3\xA9", "t"};
        const std::string wire = encode(r);
        CHECK(wire == "{\"ClientToken\":\"t\",\"Content\":\"line1\\nline2 \\\"quoted\\\" \\\\ \\u0001 caf\xC3\xA9\",\"ContentType\":\"text/plain\"}");
        CHECK(decodeOk<SendMessageRequest>(wire).content == r.content);
    }
    SECTION("the response decodes; MessageMetadata is optional") {
        auto r = decodeOk<SendMessageResponse>(R"({"AbsoluteTime":"2025-05-01T10:00:05.123Z","Id":"9e41…"})");
        CHECK(r.absoluteTime == "2025-05-01T10:00:05.123Z");
        CHECK(r.id == "9e41…");
        CHECK_FALSE(r.messageMetadata.has_value());
        CHECK(encode(r) == R"({"AbsoluteTime":"2025-05-01T10:00:05.123Z","Id":"9e41…"})");

        auto m = decodeOk<SendMessageResponse>(R"({"Id":"i","AbsoluteTime":"t","MessageMetadata":{"MessageId":"i","MessageProcessingStatus":"PROCESSING"}})");
        REQUIRE(m.messageMetadata.has_value());
        CHECK(m.messageMetadata->messageId == "i");
        CHECK(m.messageMetadata->messageProcessingStatus == "PROCESSING");
    }
}

TEST_CASE("SendEvent (reference §3.3)", "[protocol]") {
    const std::string typing = "application/vnd.amazonaws.connect.event.typing";
    const std::string read = "application/vnd.amazonaws.connect.event.message.read";

    SECTION("typing: chatjs's body has no Content key at all") {
        auto r = decodeOk<SendEventRequest>(R"({"ClientToken":"0299…","ContentType":"application/vnd.amazonaws.connect.event.typing"})");
        CHECK(r.clientToken == "0299…");
        CHECK(r.contentType == typing);
        CHECK(r.content.empty());
        CHECK(encode(r) == R"({"ClientToken":"0299…","ContentType":"application/vnd.amazonaws.connect.event.typing"})");
    }
    SECTION("read receipt: Content is a JSON string holding {\"messageId\":...}") {
        const char* wire = R"({"ClientToken":"INCOMING_READ_RECEIPT","Content":"{\"messageId\":\"m-1\"}",)"
                           R"("ContentType":"application/vnd.amazonaws.connect.event.message.read"})";
        auto r = decodeOk<SendEventRequest>(wire);
        CHECK(r.clientToken == "INCOMING_READ_RECEIPT");
        CHECK(r.contentType == read);
        CHECK(r.content == R"({"messageId":"m-1"})");
        auto receipt = decodeOk<ReceiptEventContent>(r.content);
        CHECK(receipt.messageId == "m-1");
        CHECK_FALSE(receipt.disableThrottle.has_value());

        SendEventRequest out{read, encode(ReceiptEventContent{"m-1", std::nullopt}), "INCOMING_READ_RECEIPT"};
        CHECK(encode(out) == wire);
    }
    SECTION("receipt content keeps its lowerCamel keys, and extra keys such as disableThrottle") {
        CHECK(encode(ReceiptEventContent{"m-1", std::nullopt}) == R"({"messageId":"m-1"})");
        CHECK(encode(ReceiptEventContent{"m-1", true}) == R"({"disableThrottle":true,"messageId":"m-1"})");
        auto r = decodeOk<ReceiptEventContent>(R"({"messageId":"m-2","disableThrottle":true})");
        CHECK(r.messageId == "m-2");
        CHECK(r.disableThrottle == true);
        CHECK(decodeErr<ReceiptEventContent>(R"({"MessageId":"m-2"})").detail == "messageId: required");
    }
    SECTION("ContentType is required") {
        CHECK(decodeErr<SendEventRequest>(R"({"ClientToken":"x"})").code == ErrorCode::MissingField);
    }
    SECTION("the response decodes") {
        auto r = decodeOk<SendEventResponse>(R"({"AbsoluteTime":"2025-05-01T10:00:06.000Z","Id":"e-1"})");
        CHECK(r.id == "e-1");
        CHECK(r.absoluteTime == "2025-05-01T10:00:06.000Z");
    }
}

TEST_CASE("GetTranscript (reference §3.3, §3.4)", "[protocol]") {
    SECTION("chatjs's defaults decode; the empty StartPosition is present but empty") {
        auto r = decodeOk<GetTranscriptRequest>(R"({"MaxResults":15,"ScanDirection":"BACKWARD","SortOrder":"ASCENDING","StartPosition":{}})");
        CHECK(r.maxResults == 15);
        CHECK(r.scanDirection == ScanDirection::Backward);
        CHECK(r.sortOrder == SortOrder::Ascending);
        REQUIRE(r.startPosition.has_value());
        CHECK(r.startPosition->id.empty());
        CHECK(r.startPosition->absoluteTime.empty());
        CHECK_FALSE(r.startPosition->mostRecent.has_value());
        CHECK(r.contactId.empty());
        CHECK(r.nextToken.empty());
    }
    SECTION("encoding gives chatjs's body exactly, StartPosition as {}") {
        GetTranscriptRequest r;
        r.maxResults = 15;
        r.scanDirection = ScanDirection::Backward;
        r.sortOrder = SortOrder::Ascending;
        r.startPosition = StartPosition{};
        CHECK(encode(r) == R"({"MaxResults":15,"ScanDirection":"BACKWARD","SortOrder":"ASCENDING","StartPosition":{}})");
    }
    SECTION("an unset StartPosition is not sent at all; a request with nothing set is {}") {
        CHECK(encode(GetTranscriptRequest{}) == "{}");
        GetTranscriptRequest r;
        r.nextToken = "nt-1";
        r.contactId = "c-1";
        CHECK(encode(r) == R"({"ContactId":"c-1","NextToken":"nt-1"})");
    }
    SECTION("a StartPosition with values; MostRecent 0 is a value, not absence") {
        GetTranscriptRequest r;
        r.startPosition = StartPosition{"m-1", "2025-05-01T10:00:00.000Z", 0};
        r.scanDirection = ScanDirection::Forward;
        r.sortOrder = SortOrder::Descending;
        CHECK(encode(r) == R"({"ScanDirection":"FORWARD","SortOrder":"DESCENDING","StartPosition":{"AbsoluteTime":"2025-05-01T10:00:00.000Z","Id":"m-1","MostRecent":0}})");
    }
    SECTION("the response decodes items; an empty NextToken means the same as none") {
        auto r = decodeOk<GetTranscriptResponse>(R"({"InitialContactId":"c-111","NextToken":"",
            "Transcript":[{"Id":"a","Type":"MESSAGE","Content":"x","ContentType":"text/plain"},
                          {"Id":"b","Type":"EVENT","ContentType":"application/vnd.amazonaws.connect.event.participant.joined"}]})");
        CHECK(r.initialContactId == "c-111");
        CHECK(r.nextToken.empty());
        REQUIRE(r.transcript.size() == 2);
        CHECK(r.transcript[0].id == "a");
        CHECK(r.transcript[0].kind() == ContentKind::TextPlain);
        CHECK(r.transcript[1].id == "b");
        CHECK(r.transcript[1].type == ItemType::Event);
        CHECK(r.transcript[1].kind() == ContentKind::ParticipantJoined);
        CHECK(encode(r) == R"({"InitialContactId":"c-111","Transcript":[{"Content":"x","ContentType":"text/plain","Id":"a","Type":"MESSAGE"},{"ContentType":"application/vnd.amazonaws.connect.event.participant.joined","Id":"b","Type":"EVENT"}]})");
    }
    SECTION("an item missing a required field is reported with its index") {
        Error e = decodeErr<GetTranscriptResponse>(R"({"Transcript":[{"Id":"a","Type":"MESSAGE"},{"Type":"MESSAGE"}]})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(e.detail == "Transcript[1].Id: required");
        e = decodeErr<GetTranscriptResponse>(R"({"Transcript":[{"Id":"a","Type":"MESSAGE","MessageMetadata":{"Receipts":[{},"x"]}}]})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "Transcript[0].MessageMetadata.Receipts[1]: expected object");
    }
}

TEST_CASE("DisconnectParticipant and attachments (reference §3.3)", "[protocol]") {
    SECTION("DisconnectParticipant carries only the ClientToken") {
        CHECK(decodeOk<DisconnectParticipantRequest>(R"({"ClientToken":"dac6…"})").clientToken == "dac6…");
        CHECK(encode(DisconnectParticipantRequest{"dac6…"}) == R"({"ClientToken":"dac6…"})");
    }
    SECTION("DisconnectParticipant and CompleteAttachmentUpload answer {}; EmptyResponse ignores whatever it gets") {
        CHECK(encode(EmptyResponse{}) == "{}");
        CHECK(decode<EmptyResponse>("{}").ok());
        CHECK(decode<EmptyResponse>(R"({"anything":[1,2,3]})").ok());
        CHECK(decode<EmptyResponse>("[]").error().code == ErrorCode::WrongType);
    }
    SECTION("StartAttachmentUpload: chatjs's body decodes and encodes exactly") {
        const char* wire = R"({"AttachmentName":"a.txt","AttachmentSizeInBytes":10,"ClientToken":"6303…","ContentType":"text/plain"})";
        auto r = decodeOk<StartAttachmentUploadRequest>(wire);
        CHECK(r.attachmentName == "a.txt");
        CHECK(r.attachmentSizeInBytes == 10);
        CHECK(r.clientToken == "6303…");
        CHECK(r.contentType == "text/plain");
        CHECK(encode(r) == wire);
    }
    SECTION("StartAttachmentUpload: all three of name, size and type are required; size is a 64-bit long") {
        CHECK(decodeErr<StartAttachmentUploadRequest>(R"({"AttachmentName":"a","ContentType":"text/plain"})").detail ==
              "AttachmentSizeInBytes: required");
        CHECK(decodeErr<StartAttachmentUploadRequest>(R"({"AttachmentSizeInBytes":1,"ContentType":"text/plain"})").detail ==
              "AttachmentName: required");
        auto big = decodeOk<StartAttachmentUploadRequest>(R"({"AttachmentName":"a","AttachmentSizeInBytes":21474836480,"ContentType":"x"})");
        CHECK(big.attachmentSizeInBytes == 21474836480LL);
        // a required integer is encoded even when 0
        CHECK(encode(StartAttachmentUploadRequest{}) == R"({"AttachmentName":"","AttachmentSizeInBytes":0,"ContentType":""})");
    }
    SECTION("StartAttachmentUpload response with upload headers") {
        auto r = decodeOk<StartAttachmentUploadResponse>(R"({"AttachmentId":"att-1","UploadMetadata":{"Url":"https://s3/x",
            "UrlExpiry":"2025-05-01T10:05:00.000Z","HeadersToInclude":{"Content-Type":"text/plain","x-amz-meta":"v"}}})");
        CHECK(r.attachmentId == "att-1");
        REQUIRE(r.uploadMetadata.has_value());
        CHECK(r.uploadMetadata->url == "https://s3/x");
        CHECK(r.uploadMetadata->urlExpiry == "2025-05-01T10:05:00.000Z");
        CHECK(r.uploadMetadata->headersToInclude ==
              std::map<std::string, std::string>{{"Content-Type", "text/plain"}, {"x-amz-meta", "v"}});
    }
    SECTION("CompleteAttachmentUpload: chatjs's body decodes and encodes exactly") {
        const char* wire = R"({"AttachmentIds":["att-…"],"ClientToken":"611d…"})";
        auto r = decodeOk<CompleteAttachmentUploadRequest>(wire);
        CHECK(r.attachmentIds == std::vector<std::string>{"att-…"});
        CHECK(r.clientToken == "611d…");
        CHECK(encode(r) == wire);
        CHECK(decodeErr<CompleteAttachmentUploadRequest>(R"({"ClientToken":"x"})").detail == "AttachmentIds: required");
    }
    SECTION("GetAttachment: chatjs's body; UrlExpiryInSeconds is optional") {
        auto r = decodeOk<GetAttachmentRequest>(R"({"AttachmentId":"att-…"})");
        CHECK(r.attachmentId == "att-…");
        CHECK_FALSE(r.urlExpiryInSeconds.has_value());
        CHECK(encode(r) == R"({"AttachmentId":"att-…"})");
        CHECK(encode(GetAttachmentRequest{"att-1", 300}) == R"({"AttachmentId":"att-1","UrlExpiryInSeconds":300})");
    }
    SECTION("GetAttachment response; AttachmentSizeInBytes is optional") {
        auto r = decodeOk<GetAttachmentResponse>(R"({"Url":"https://s3/y","UrlExpiry":"2025-05-01T10:05:00.000Z","AttachmentSizeInBytes":10})");
        CHECK(r.url == "https://s3/y");
        CHECK(r.urlExpiry == "2025-05-01T10:05:00.000Z");
        CHECK(r.attachmentSizeInBytes == 10);
        CHECK_FALSE(decodeOk<GetAttachmentResponse>(R"({"Url":"u"})").attachmentSizeInBytes.has_value());
    }
}

// =============================================================================================
// §4.4, §4.6, §4.7 Items
// =============================================================================================
TEST_CASE("Items (reference §4.4, §4.6, §4.7)", "[protocol]") {
    SECTION("the MESSAGEMETADATA receipt example decodes field by field") {
        auto i = decodeOk<Item>(R"({"AbsoluteTime":"2025-05-01T10:00:09.001Z",
 "ContentType":"application/vnd.amazonaws.connect.event.message.metadata",
 "Id":"md-1","Type":"MESSAGEMETADATA",
 "MessageMetadata":{"MessageId":"m-77","Receipts":[{"DeliveredTimestamp":"2025-05-01T10:00:08.900Z",
   "ReadTimestamp":"2025-05-01T10:00:08.950Z","RecipientParticipantId":"p-agent"}]}})");
        CHECK(i.absoluteTime == "2025-05-01T10:00:09.001Z");
        CHECK(i.contentType == "application/vnd.amazonaws.connect.event.message.metadata");
        CHECK(i.kind() == ContentKind::MessageMetadata);
        CHECK(i.id == "md-1");
        CHECK(i.type == ItemType::MessageMetadata);
        CHECK(i.content.empty());
        CHECK(i.participantId.empty());
        CHECK_FALSE(i.participantRole.has_value());
        CHECK(i.role() == ParticipantRole::Other);
        REQUIRE(i.messageMetadata.has_value());
        CHECK(i.messageMetadata->messageId == "m-77");
        REQUIRE(i.messageMetadata->receipts.size() == 1);
        CHECK(i.messageMetadata->receipts[0].deliveredTimestamp == "2025-05-01T10:00:08.900Z");
        CHECK(i.messageMetadata->receipts[0].readTimestamp == "2025-05-01T10:00:08.950Z");
        CHECK(i.messageMetadata->receipts[0].recipientParticipantId == "p-agent");
        CHECK(i.messageMetadata->messageProcessingStatus.empty());
        CHECK_FALSE(i.messageMetadata->messageCompleted.has_value());
        CHECK_FALSE(i.messageMetadata->chunkNumber.has_value());
    }

    SECTION("the ATTACHMENT example decodes field by field (no ContentType on the item)") {
        auto i = decodeOk<Item>(R"({"AbsoluteTime":"2025-05-01T10:02:00.000Z","Id":"i-9","Type":"ATTACHMENT",
 "Attachments":[{"ContentType":"image/png","AttachmentId":"att-1","AttachmentName":"shot.png","Status":"APPROVED"}],
 "ParticipantId":"p-cust","DisplayName":"Dana","ParticipantRole":"CUSTOMER",
 "InitialContactId":"c-111","ContactId":"c-111"})");
        CHECK(i.absoluteTime == "2025-05-01T10:02:00.000Z");
        CHECK(i.id == "i-9");
        CHECK(i.type == ItemType::Attachment);
        CHECK(i.contentType.empty());
        CHECK(i.kind() == ContentKind::Other);
        REQUIRE(i.attachments.size() == 1);
        CHECK(i.attachments[0].contentType == "image/png");
        CHECK(i.attachments[0].attachmentId == "att-1");
        CHECK(i.attachments[0].attachmentName == "shot.png");
        CHECK(i.attachments[0].status == AttachmentStatus::Approved);
        CHECK(i.participantId == "p-cust");
        CHECK(i.displayName == "Dana");
        CHECK(i.participantRole == ParticipantRole::Customer);
        CHECK(i.initialContactId == "c-111");
        CHECK(i.contactId == "c-111");
        CHECK(i.relatedContactId.empty());
        CHECK_FALSE(i.messageMetadata.has_value());
    }

    SECTION("attachment statuses: IN_PROGRESS and REJECTED; AttachmentId is required") {
        auto i = decodeOk<Item>(R"({"Id":"i","Type":"ATTACHMENT","Attachments":[{"AttachmentId":"a","Status":"IN_PROGRESS"},{"AttachmentId":"b","Status":"REJECTED"},{"AttachmentId":"c"}]})");
        REQUIRE(i.attachments.size() == 3);
        CHECK(i.attachments[0].status == AttachmentStatus::InProgress);
        CHECK(i.attachments[1].status == AttachmentStatus::Rejected);
        CHECK_FALSE(i.attachments[2].status.has_value());
        Error e = decodeErr<Item>(R"({"Id":"i","Type":"ATTACHMENT","Attachments":[{"AttachmentName":"x"}]})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(e.detail == "Attachments[0].AttachmentId: required");
    }

    SECTION("a streamed bot chunk carries MessageCompleted and ChunkNumber (§4.8)") {
        auto i = decodeOk<Item>(R"({"Id":"s-1","Type":"MESSAGE","ContentType":"text/plain","Content":"Hel","ParticipantRole":"SYSTEM",
            "MessageMetadata":{"MessageId":"s-1","MessageCompleted":false,"ChunkNumber":1,"MessageProcessingStatus":"PROCESSING"}})");
        CHECK(i.role() == ParticipantRole::System);
        REQUIRE(i.messageMetadata.has_value());
        CHECK(i.messageMetadata->messageCompleted == false);
        CHECK(i.messageMetadata->chunkNumber == 1);
        CHECK(i.messageMetadata->messageProcessingStatus == "PROCESSING");
    }

    SECTION("persistent-chat items carry RelatedContactId") {
        CHECK(decodeOk<Item>(R"({"Id":"a","Type":"MESSAGE","RelatedContactId":"c-old"})").relatedContactId == "c-old");
    }

    SECTION("Id and Type are required") {
        Error e = decodeErr<Item>(R"({"Type":"MESSAGE"})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(e.detail == "Id: required");
        e = decodeErr<Item>(R"({"Id":"x"})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(e.detail == "Type: required");
    }

    SECTION("encoding an item omits every empty field") {
        Item i;
        i.id = "i";
        i.type = ItemType::Event;
        CHECK(encode(i) == R"({"Id":"i","Type":"EVENT"})");
        i.messageMetadata = MessageMetadata{};
        CHECK(encode(i) == R"({"Id":"i","MessageMetadata":{},"Type":"EVENT"})");
    }

    SECTION("every role of the reference decodes") {
        const std::pair<const char*, ParticipantRole> roles[] = {
            {"CUSTOMER", ParticipantRole::Customer}, {"AGENT", ParticipantRole::Agent},
            {"SYSTEM", ParticipantRole::System}, {"CUSTOM_BOT", ParticipantRole::CustomBot},
            {"SUPERVISOR", ParticipantRole::Supervisor}};
        for (const auto& [name, role] : roles) {
            auto i = decodeOk<Item>(R"({"Id":"a","Type":"MESSAGE","ParticipantRole":")"s + name + "\"}");
            CHECK(i.role() == role);
        }
    }
}

// =============================================================================================
// Round trips: encode -> decode gives every field back, for every struct with a codec
// =============================================================================================
TEST_CASE("every codec round-trips all of its fields", "[protocol]") {
    SECTION("Item, fully populated") { checkRoundTrip(fullItem()); }
    SECTION("Item, minimal") {
        Item i;
        i.id = "x";
        i.type = ItemType::ConnectionAck;
        checkRoundTrip(i);
    }
    SECTION("Item with an unknown type and role (Other survives as Other)") {
        Item i = fullItem();
        i.type = ItemType::Other;
        i.participantRole = ParticipantRole::Other;
        checkRoundTrip(i);
    }
    SECTION("StartChatContactRequest") {
        StartChatContactRequest r;
        r.instanceId = "inst-1";
        r.contactFlowId = "flow-1";
        r.participantDetails.displayName = "Dana \xC3\x98";
        r.attributes = {{"tier", "gold"}, {"lang", "de"}};
        r.initialMessage = ChatMessage{"text/plain", "Hello"};
        r.clientToken = "ct-1";
        r.chatDurationInMinutes = 1500;
        r.supportedMessagingContentTypes = {"text/plain", "text/markdown"};
        r.persistentChat = PersistentChat{"FROM_SEGMENT", "c-0"};
        r.relatedContactId = "c-rel";
        r.segmentAttributes = {{"connect:Subtype", SegmentAttributeValue{"connect:Guide"}}};
        r.customerId = "cust-1";
        r.participantConfiguration = ParticipantConfiguration{"INCREMENTAL"};
        r.disconnectOnCustomerExit = {"AGENT"};
        checkRoundTrip(r);
    }
    SECTION("StartChatContactResponse") { checkRoundTrip(StartChatContactResponse{"c-1", "p-1", "PT", "c-0"}); }
    SECTION("CreateParticipantConnectionRequest") {
        checkRoundTrip(CreateParticipantConnectionRequest{
            {ConnectionType::Websocket, ConnectionType::ConnectionCredentials, ConnectionType::WebrtcConnection}, true});
    }
    SECTION("CreateParticipantConnectionResponse") {
        checkRoundTrip(CreateParticipantConnectionResponse{WebsocketInfo{"wss://x/y?z=1", "2025-05-01T10:01:40.000Z"},
                                                           ConnectionCredentials{"CT1", "2025-05-02T10:00:00.000Z"}});
        checkRoundTrip(CreateParticipantConnectionResponse{});
    }
    SECTION("SendMessageRequest") { checkRoundTrip(SendMessageRequest{"text/markdown", "**hi**\n", "tok"}); }
    SECTION("SendMessageResponse") {
        checkRoundTrip(SendMessageResponse{"m-1", "2025-05-01T10:00:05.123Z", SendMessageMetadata{"m-1", "FAILED"}});
    }
    SECTION("SendEventRequest") {
        checkRoundTrip(SendEventRequest{"application/vnd.amazonaws.connect.event.message.delivered", R"({"messageId":"m"})", "t"});
    }
    SECTION("SendEventResponse") { checkRoundTrip(SendEventResponse{"e-1", "2025-05-01T10:00:05.123Z"}); }
    SECTION("ReceiptEventContent") { checkRoundTrip(ReceiptEventContent{"m-1", false}); }
    SECTION("GetTranscriptRequest") {
        checkRoundTrip(GetTranscriptRequest{"c-1", 100, "nt", ScanDirection::Forward, SortOrder::Descending,
                                            StartPosition{"m-1", "2025-05-01T10:00:00.000Z", 7}});
    }
    SECTION("GetTranscriptResponse") {
        Item second = fullItem();
        second.id = "m-78";
        second.type = ItemType::Attachment;
        checkRoundTrip(GetTranscriptResponse{"c-111", {fullItem(), second}, "next"});
    }
    SECTION("DisconnectParticipantRequest") { checkRoundTrip(DisconnectParticipantRequest{"dac6"}); }
    SECTION("StartAttachmentUploadRequest") {
        checkRoundTrip(StartAttachmentUploadRequest{"application/pdf", std::numeric_limits<std::int64_t>::max(), "r.pdf", "t"});
    }
    SECTION("StartAttachmentUploadResponse") {
        checkRoundTrip(StartAttachmentUploadResponse{
            "att-1", UploadMetadata{"https://s3/x", "2025-05-01T10:05:00.000Z", {{"Content-Type", "application/pdf"}}}});
    }
    SECTION("CompleteAttachmentUploadRequest") { checkRoundTrip(CompleteAttachmentUploadRequest{{"att-1", "att-2"}, "t"}); }
    SECTION("GetAttachmentRequest") { checkRoundTrip(GetAttachmentRequest{"att-1", 60}); }
    SECTION("GetAttachmentResponse") {
        checkRoundTrip(GetAttachmentResponse{"https://s3/y", "2025-05-01T10:05:00.000Z", std::int64_t{0}});
    }
    SECTION("EmptyResponse") { checkRoundTrip(EmptyResponse{}); }
}

// =============================================================================================
// Tolerance: what Connect may add later must not break the client
// =============================================================================================
TEST_CASE("unknown fields and values are tolerated", "[protocol]") {
    SECTION("unknown fields are ignored, whatever their type") {
        auto i = decodeOk<Item>(R"({"Id":"a","Type":"MESSAGE","NewField":{"x":[1,2,{"y":null}]},"Other":null,"Flag":true,
            "MessageMetadata":{"MessageId":"m","Future":1.5}})");
        CHECK(i.id == "a");
        REQUIRE(i.messageMetadata.has_value());
        CHECK(i.messageMetadata->messageId == "m");
        CHECK(encode(i) == R"({"Id":"a","MessageMetadata":{"MessageId":"m"},"Type":"MESSAGE"})");
    }
    SECTION("field names are case-sensitive: a differently-cased key is just an unknown field") {
        Error e = decodeErr<Item>(R"({"id":"a","Type":"MESSAGE"})");
        CHECK(e.code == ErrorCode::MissingField);
    }
    SECTION("an unknown Type decodes to Other, and an empty one too") {
        CHECK(decodeOk<Item>(R"({"Id":"a","Type":"HOLOGRAM"})").type == ItemType::Other);
        CHECK(decodeOk<Item>(R"({"Id":"a","Type":""})").type == ItemType::Other);
        CHECK(decodeOk<Item>(R"({"Id":"a","Type":"message"})").type == ItemType::Other);   // enum strings are exact
    }
    SECTION("an unknown ParticipantRole is present but Other") {
        auto i = decodeOk<Item>(R"({"Id":"a","Type":"MESSAGE","ParticipantRole":"ROBOT"})");
        REQUIRE(i.participantRole.has_value());
        CHECK(*i.participantRole == ParticipantRole::Other);
        CHECK(i.role() == ParticipantRole::Other);
    }
    SECTION("unknown attachment statuses, scan directions, sort orders and connection types decode to Other") {
        auto i = decodeOk<Item>(R"({"Id":"a","Type":"ATTACHMENT","Attachments":[{"AttachmentId":"x","Status":"QUARANTINED"}]})");
        CHECK(i.attachments.at(0).status == AttachmentStatus::Other);
        auto t = decodeOk<GetTranscriptRequest>(R"({"ScanDirection":"SIDEWAYS","SortOrder":"RANDOM"})");
        CHECK(t.scanDirection == ScanDirection::Other);
        CHECK(t.sortOrder == SortOrder::Other);
        auto c = decodeOk<CreateParticipantConnectionRequest>(R"({"Type":["WEBSOCKET","CARRIER_PIGEON"]})");
        CHECK(c.type == std::vector<ConnectionType>{ConnectionType::Websocket, ConnectionType::Other});
    }
    SECTION("enum values still need the right JSON type") {
        Error e = decodeErr<Item>(R"({"Id":"a","Type":7})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "Type: expected string");
    }
    SECTION("a JSON null counts as absent") {
        auto i = decodeOk<Item>(R"({"Id":"a","Type":"MESSAGE","Content":null,"ContentType":null,"ParticipantRole":null,
            "Attachments":null,"MessageMetadata":null})");
        CHECK(i.content.empty());
        CHECK(i.contentType.empty());
        CHECK_FALSE(i.participantRole.has_value());
        CHECK(i.attachments.empty());
        CHECK_FALSE(i.messageMetadata.has_value());
        auto t = decodeOk<GetTranscriptResponse>(R"({"InitialContactId":"c","NextToken":null,"Transcript":null})");
        CHECK(t.nextToken.empty());
        CHECK(t.transcript.empty());
    }
    SECTION("...so a null required field is missing") {
        Error e = decodeErr<Item>(R"({"Id":null,"Type":"MESSAGE"})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(e.detail == "Id: required");
    }
    SECTION("...but a null inside an array is not an element of the right type") {
        Error e = decodeErr<Item>(R"({"Id":"a","Type":"ATTACHMENT","Attachments":[null]})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "Attachments[0]: expected object");
        e = decodeErr<StartChatContactRequest>(
            R"({"InstanceId":"i","ContactFlowId":"f","ParticipantDetails":{"DisplayName":"D"},"SupportedMessagingContentTypes":["text/plain",null]})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "SupportedMessagingContentTypes[1]: expected string");
    }
    SECTION("whitespace around and inside the document is fine") {
        CHECK(decodeOk<Item>(" \r\n\t{ \"Id\" : \"a\" ,\n \"Type\" : \"EVENT\" } \n").type == ItemType::Event);
    }
}

TEST_CASE("enum strings", "[protocol]") {
    SECTION("every ItemType round-trips through its wire string; Other is \"\"") {
        CHECK(std::string(toString(ItemType::Other)).empty());
        const std::pair<ItemType, const char*> all[] = {
            {ItemType::Message, "MESSAGE"}, {ItemType::Event, "EVENT"}, {ItemType::Attachment, "ATTACHMENT"},
            {ItemType::MessageMetadata, "MESSAGEMETADATA"}, {ItemType::ConnectionAck, "CONNECTION_ACK"},
            {ItemType::Typing, "TYPING"}, {ItemType::ParticipantJoined, "PARTICIPANT_JOINED"},
            {ItemType::ParticipantLeft, "PARTICIPANT_LEFT"}, {ItemType::ChatEnded, "CHAT_ENDED"},
            {ItemType::TransferSucceeded, "TRANSFER_SUCCEEDED"}, {ItemType::TransferFailed, "TRANSFER_FAILED"},
            {ItemType::MessageDelivered, "MESSAGE_DELIVERED"}, {ItemType::MessageRead, "MESSAGE_READ"}};
        for (const auto& [value, name] : all) {
            CHECK(std::string(toString(value)) == name);
            CHECK(enumFromString<ItemType>(name) == value);
        }
    }
    SECTION("every ParticipantRole, ScanDirection, SortOrder, ConnectionType and AttachmentStatus round-trips") {
        for (auto v : {ParticipantRole::Customer, ParticipantRole::Agent, ParticipantRole::System,
                       ParticipantRole::CustomBot, ParticipantRole::Supervisor})
            CHECK(enumFromString<ParticipantRole>(toString(v)) == v);
        CHECK(std::string(toString(ParticipantRole::CustomBot)) == "CUSTOM_BOT");
        for (auto v : {ScanDirection::Forward, ScanDirection::Backward})
            CHECK(enumFromString<ScanDirection>(toString(v)) == v);
        for (auto v : {SortOrder::Ascending, SortOrder::Descending})
            CHECK(enumFromString<SortOrder>(toString(v)) == v);
        for (auto v : {ConnectionType::Websocket, ConnectionType::ConnectionCredentials, ConnectionType::WebrtcConnection})
            CHECK(enumFromString<ConnectionType>(toString(v)) == v);
        CHECK(std::string(toString(ConnectionType::WebrtcConnection)) == "WEBRTC_CONNECTION");
        for (auto v : {AttachmentStatus::Approved, AttachmentStatus::Rejected, AttachmentStatus::InProgress})
            CHECK(enumFromString<AttachmentStatus>(toString(v)) == v);
        CHECK(std::string(toString(AttachmentStatus::InProgress)) == "IN_PROGRESS");
    }
    SECTION("unknown strings parse to Other") {
        CHECK(enumFromString<ItemType>("") == ItemType::Other);
        CHECK(enumFromString<ParticipantRole>("BOT") == ParticipantRole::Other);
        CHECK(enumFromString<ScanDirection>("backward") == ScanDirection::Other);
        CHECK(enumFromString<SortOrder>("ASC") == SortOrder::Other);
        CHECK(enumFromString<ConnectionType>("WEBSOCKET ") == ConnectionType::Other);
        CHECK(enumFromString<AttachmentStatus>(std::string_view("APPROVED\0", 9)) == AttachmentStatus::Other);
    }
}

TEST_CASE("content types (reference §4.5)", "[protocol]") {
    const auto first = static_cast<int>(ContentKind::TextPlain);
    const auto last = static_cast<int>(ContentKind::WorkflowCancelled);

    SECTION("every kind has a distinct wire string that classifies back to it") {
        std::map<std::string, ContentKind> seen;
        for (int k = first; k <= last; ++k) {
            const auto kind = static_cast<ContentKind>(k);
            const std::string s = contentTypeString(kind);
            INFO("kind #" << k << " = " << s);
            CHECK_FALSE(s.empty());
            CHECK(classifyContentType(s) == kind);
            CHECK(seen.emplace(s, kind).second);
        }
        CHECK(seen.size() == static_cast<std::size_t>(last - first + 1));
    }
    SECTION("Other has no wire string") { CHECK(contentTypeString(ContentKind::Other).empty()); }
    SECTION("message kinds are the five message content types; all others are events") {
        for (int k = first; k <= last; ++k) {
            const auto kind = static_cast<ContentKind>(k);
            const std::string s = contentTypeString(kind);
            INFO(s);
            const bool event = s.rfind("application/vnd.amazonaws.connect.event.", 0) == 0;
            CHECK(isMessageContent(kind) == !event);
        }
        CHECK_FALSE(isMessageContent(ContentKind::Other));
    }
    SECTION("the catalogue strings of the reference") {
        CHECK(contentTypeString(ContentKind::TextPlain) == "text/plain");
        CHECK(contentTypeString(ContentKind::TextMarkdown) == "text/markdown");
        CHECK(contentTypeString(ContentKind::Json) == "application/json");
        CHECK(contentTypeString(ContentKind::Interactive) == "application/vnd.amazonaws.connect.message.interactive");
        CHECK(contentTypeString(ContentKind::InteractiveResponse) == "application/vnd.amazonaws.connect.message.interactive.response");
        CHECK(contentTypeString(ContentKind::Typing) == "application/vnd.amazonaws.connect.event.typing");
        CHECK(contentTypeString(ContentKind::ParticipantDisplayNameUpdated) == "application/vnd.amazonaws.connect.event.participant.displayname.updated");
        CHECK(contentTypeString(ContentKind::ParticipantAutoDisconnection) == "application/vnd.amazonaws.connect.event.participant.autodisconnection");
        CHECK(contentTypeString(ContentKind::ChatEnded) == "application/vnd.amazonaws.connect.event.chat.ended");
        CHECK(contentTypeString(ContentKind::MessageMetadata) == "application/vnd.amazonaws.connect.event.message.metadata");
        CHECK(contentTypeString(ContentKind::ConnectionAcknowledged) == "application/vnd.amazonaws.connect.event.connection.acknowledged");
        CHECK(contentTypeString(ContentKind::AuthenticationCancelled) == "application/vnd.amazonaws.connect.event.authentication.cancelled");
        CHECK(contentTypeString(ContentKind::WorkflowCancelled) == "application/vnd.amazonaws.connect.event.workflow.cancelled");
    }
    SECTION("media-type parameters do not change the kind") {
        CHECK(classifyContentType("text/plain; charset=utf-8") == ContentKind::TextPlain);
        CHECK(classifyContentType("text/plain;charset=UTF-8") == ContentKind::TextPlain);
        CHECK(classifyContentType("text/markdown ; charset=utf-8") == ContentKind::TextMarkdown);
        CHECK(classifyContentType("application/json; charset=utf-8") == ContentKind::Json);
        CHECK(classifyContentType("application/vnd.amazonaws.connect.event.typing;v=1") == ContentKind::Typing);
    }
    SECTION("unknown content types classify as Other") {
        CHECK(classifyContentType("") == ContentKind::Other);
        CHECK(classifyContentType("image/png") == ContentKind::Other);
        CHECK(classifyContentType("text/html") == ContentKind::Other);
        CHECK(classifyContentType("text/plainish") == ContentKind::Other);
        CHECK(classifyContentType("application/vnd.amazonaws.connect.event.") == ContentKind::Other);
        CHECK(classifyContentType("application/vnd.amazonaws.connect.event.hologram.projected") == ContentKind::Other);
        CHECK(classifyContentType("typing") == ContentKind::Other);              // an event suffix alone is not a type
        CHECK(classifyContentType("chat.ended") == ContentKind::Other);
        CHECK(classifyContentType("application/vnd.amazonaws.connect.event.text/plain") == ContentKind::Other);
        Item i;
        i.contentType = "application/x-future";
        CHECK(i.kind() == ContentKind::Other);
    }
}

// =============================================================================================
// Malformed input: typed errors, never a crash
// =============================================================================================
TEST_CASE("malformed input gives typed errors", "[protocol]") {
    SECTION("text that is not JSON is MalformedJson") {
        CHECK(decodeErr<Item>("not json").code == ErrorCode::MalformedJson);
        CHECK(decodeErr<Item>("<html><body>502 Bad Gateway</body></html>").code == ErrorCode::MalformedJson);
        CHECK(decodeErr<Item>("{'Id':'a'}").code == ErrorCode::MalformedJson);          // single quotes
        CHECK(decodeErr<Item>(R"({"Id":"a",})").code == ErrorCode::MalformedJson);      // trailing comma
        CHECK(decodeErr<Item>(R"({/*c*/"Id":"a","Type":"EVENT"})").code == ErrorCode::MalformedJson);   // comments
    }
    SECTION("the empty string and whitespace are MalformedJson") {
        CHECK(decodeErr<Item>("").code == ErrorCode::MalformedJson);
        CHECK(decodeErr<Item>("   \n").code == ErrorCode::MalformedJson);
        CHECK(decodeErr<EmptyResponse>("").code == ErrorCode::MalformedJson);
    }
    SECTION("truncated JSON is MalformedJson, wherever it is cut") {
        const std::string whole = encode(fullItem());
        for (std::size_t n = 0; n < whole.size(); ++n) {
            Result<Item> r = decode<Item>(std::string_view(whole).substr(0, n));
            INFO("cut at " << n);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == ErrorCode::MalformedJson);
        }
        CHECK(decode<Item>(whole).ok());
    }
    SECTION("trailing garbage after the document is MalformedJson") {
        CHECK(decodeErr<Item>(R"({"Id":"a","Type":"EVENT"} x)").code == ErrorCode::MalformedJson);
        CHECK(decodeErr<Item>(R"({"Id":"a","Type":"EVENT"}{})").code == ErrorCode::MalformedJson);
    }
    SECTION("a NUL byte ends the input (nlohmann's rule): after a complete document the rest is not read") {
        const std::string complete("{\"Id\":\"a\",\"Type\":\"EVENT\"}\0garbage", 32);
        CHECK(decodeOk<Item>(complete).id == "a");
        const std::string cut("{\"Id\":\"a\"\0,\"Type\":\"EVENT\"}", 26);
        CHECK(decodeErr<Item>(cut).code == ErrorCode::MalformedJson);
    }
    SECTION("a root that is not an object is WrongType at (root)") {
        for (const char* root : {"[]", "\"Id\"", "42", "true", "null", "[{\"Id\":\"a\",\"Type\":\"EVENT\"}]"}) {
            Error e = decodeErr<Item>(root);
            CHECK(e.code == ErrorCode::WrongType);
            CHECK(e.detail == "(root): expected object");
        }
    }
    SECTION("wrong member types are WrongType, with the path") {
        Error e = decodeErr<Item>(R"({"Id":1,"Type":"MESSAGE"})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "Id: expected string");
        e = decodeErr<Item>(R"({"Id":"a","Type":"MESSAGE","Attachments":{}})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "Attachments: expected array");
        e = decodeErr<Item>(R"({"Id":"a","Type":"MESSAGE","MessageMetadata":[]})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "MessageMetadata: expected object");
        e = decodeErr<Item>(R"({"Id":"a","Type":"MESSAGE","MessageMetadata":{"MessageCompleted":"true"}})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "MessageMetadata.MessageCompleted: expected boolean");
        e = decodeErr<GetTranscriptRequest>(R"({"MaxResults":"15"})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "MaxResults: expected integer");
        e = decodeErr<GetTranscriptRequest>(R"({"MaxResults":1.5})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "MaxResults: expected integer");
        e = decodeErr<GetTranscriptRequest>(R"({"MaxResults":true})");
        CHECK(e.code == ErrorCode::WrongType);
        e = decodeErr<GetTranscriptResponse>(R"({"Transcript":{"Id":"a"}})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(e.detail == "Transcript: expected array");
    }
    SECTION("the first error wins") {
        Error e = decodeErr<Item>(R"({"Id":1,"Type":2,"Content":3})");
        CHECK(e.detail == "Id: expected string");
    }
    SECTION("integers out of the member's range are InvalidValue; the limits themselves are fine") {
        CHECK(decodeOk<GetTranscriptRequest>(R"({"MaxResults":2147483647})").maxResults == 2147483647);
        CHECK(decodeOk<GetTranscriptRequest>(R"({"MaxResults":-2147483648})").maxResults == std::numeric_limits<int>::min());
        Error e = decodeErr<GetTranscriptRequest>(R"({"MaxResults":2147483648})");
        CHECK(e.code == ErrorCode::InvalidValue);
        CHECK(e.detail == "MaxResults: integer out of range");
        CHECK(decodeErr<GetTranscriptRequest>(R"({"MaxResults":-2147483649})").code == ErrorCode::InvalidValue);
        CHECK(decodeErr<Item>(R"({"Id":"a","Type":"MESSAGE","MessageMetadata":{"ChunkNumber":4294967297}})").detail ==
              "MessageMetadata.ChunkNumber: integer out of range");

        const char* maxLong = R"({"AttachmentName":"a","AttachmentSizeInBytes":9223372036854775807,"ContentType":"x"})";
        CHECK(decodeOk<StartAttachmentUploadRequest>(maxLong).attachmentSizeInBytes == std::numeric_limits<std::int64_t>::max());
        const char* minLong = R"({"AttachmentName":"a","AttachmentSizeInBytes":-9223372036854775808,"ContentType":"x"})";
        CHECK(decodeOk<StartAttachmentUploadRequest>(minLong).attachmentSizeInBytes == std::numeric_limits<std::int64_t>::min());
        CHECK(decodeErr<StartAttachmentUploadRequest>(
                  R"({"AttachmentName":"a","AttachmentSizeInBytes":9223372036854775808,"ContentType":"x"})")
                  .code == ErrorCode::InvalidValue);
        CHECK(decodeErr<StartAttachmentUploadRequest>(
                  R"({"AttachmentName":"a","AttachmentSizeInBytes":18446744073709551615,"ContentType":"x"})")
                  .code == ErrorCode::InvalidValue);
    }
    SECTION("huge numbers: beyond 64 bits they are floats (WrongType); beyond double they are not JSON") {
        CHECK(decodeErr<GetAttachmentResponse>(R"({"AttachmentSizeInBytes":18446744073709551616})").code == ErrorCode::WrongType);
        CHECK(decodeErr<GetAttachmentResponse>(R"({"AttachmentSizeInBytes":-9223372036854775809})").code == ErrorCode::WrongType);
        CHECK(decodeErr<GetAttachmentResponse>(R"({"AttachmentSizeInBytes":1e400})").code == ErrorCode::MalformedJson);
        CHECK(decodeErr<GetAttachmentResponse>(R"({"AttachmentSizeInBytes":1e3})").code == ErrorCode::WrongType);
        // in a field the client ignores, a big number is fine as long as a double can hold it
        CHECK(decodeOk<Item>(R"({"Id":"a","Type":"EVENT","Unknown":)" + std::string(300, '9') + "}").id == "a");
        CHECK(decodeErr<Item>(R"({"Id":"a","Type":"EVENT","Unknown":)" + std::string(400, '9') + "}").code ==
              ErrorCode::MalformedJson);
    }
    SECTION("nesting deeper than 64 levels is rejected as MalformedJson, even in ignored fields") {
        auto nested = [](int arrays) {
            return R"({"Id":"a","Type":"EVENT","Deep":)" + std::string(arrays, '[') + std::string(arrays, ']') + "}";
        };
        CHECK(decodeOk<Item>(nested(63)).id == "a");   // 1 object + 63 arrays = 64 levels
        Error e = decodeErr<Item>(nested(64));
        CHECK(e.code == ErrorCode::MalformedJson);
        CHECK(decodeErr<Item>(std::string(100000, '[') + std::string(100000, ']')).code == ErrorCode::MalformedJson);
        CHECK(decodeErr<Item>(std::string(100000, '{')).code == ErrorCode::MalformedJson);
    }
    SECTION("brackets inside strings do not count as nesting (escaped quotes included)") {
        const std::string brackets(200, '[');
        auto i = decodeOk<Item>(R"({"Id":"a\")" + brackets + R"(","Type":"EVENT","Content":")" + std::string(200, '{') + "\"}");
        CHECK(i.id == "a\"" + brackets);
        CHECK(i.content == std::string(200, '{'));
    }
    SECTION("invalid UTF-8 inside strings is MalformedJson") {
        CHECK(decodeErr<Item>("{\"Id\":\"\xFF\",\"Type\":\"EVENT\"}").code == ErrorCode::MalformedJson);
        CHECK(decodeErr<Item>("{\"Id\":\"a\xC3\",\"Type\":\"EVENT\"}").code == ErrorCode::MalformedJson);       // truncated sequence
        CHECK(decodeErr<Item>("{\"Id\":\"\xC0\xAF\",\"Type\":\"EVENT\"}").code == ErrorCode::MalformedJson);    // overlong
        CHECK(decodeErr<Item>("{\"Id\":\"\xED\xA0\x80\",\"Type\":\"EVENT\"}").code == ErrorCode::MalformedJson); // UTF-8 surrogate
        CHECK(decodeErr<Item>(R"({"Id":"\ud800","Type":"EVENT"})").code == ErrorCode::MalformedJson);            // lone escaped surrogate
        CHECK(decodeErr<Item>("{\"Id\":\"a\nb\",\"Type\":\"EVENT\"}").code == ErrorCode::MalformedJson);          // raw control char
    }
    SECTION("valid escapes decode to UTF-8") {
        auto i = decodeOk<Item>(R"({"Id":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \n","Type":"EVENT"})");
        CHECK(i.id == "caf\xC3\xA9 \xF0\x9F\x98\x80 \"q\" \\ / \n");
    }
    SECTION("large strings are accepted (no size limit in the codec)") {
        const std::string big(1 << 20, 'x');
        CHECK(decodeOk<Item>(R"({"Id":"a","Type":"MESSAGE","Content":")" + big + "\"}").content == big);
    }
    SECTION("error descriptions name the code and the path") {
        Error e = decodeErr<GetTranscriptResponse>(R"({"Transcript":[{"Id":"a","Type":"MESSAGE"},{"Type":"MESSAGE"}]})");
        CHECK(e.describe() == "MissingField: Transcript[1].Id: required");
        CHECK(std::string(toString(ErrorCode::MalformedJson)) == "MalformedJson");
    }
}

// =============================================================================================
// Encoding never aborts
// =============================================================================================
TEST_CASE("encoding text that is not valid UTF-8", "[protocol]") {
    // A JS string with a lone surrogate, a truncated paste or a non-UTF-8 file name reaches the
    // encoder as invalid UTF-8. The body must still be produced (the core must not abort); invalid
    // bytes become U+FFFD, as a browser's TextEncoder does.
    SECTION("invalid bytes are replaced by U+FFFD and the result is valid JSON") {
        const std::string wire = encode(SendMessageRequest{"text/plain", "a\xFF" "b", "t"});
        CHECK(wire == "{\"ClientToken\":\"t\",\"Content\":\"a\xEF\xBF\xBD" "b\",\"ContentType\":\"text/plain\"}");
        CHECK(decodeOk<SendMessageRequest>(wire).content == "a\xEF\xBF\xBD" "b");
    }
    SECTION("a CESU-style lone surrogate (what a JS lone surrogate becomes) is replaced too") {
        const std::string wire = encode(StartAttachmentUploadRequest{"text/plain", 1, "x\xED\xA0\x80.txt", ""});
        auto back = decodeOk<StartAttachmentUploadRequest>(wire);
        CHECK(back.attachmentName.find("\xEF\xBF\xBD") != std::string::npos);
        CHECK(back.attachmentName.find("\xED\xA0\x80") == std::string::npos);
    }
    SECTION("invalid UTF-8 in map keys, frames, signals and error bodies") {
        StartChatContactRequest r;
        r.attributes = {{"k\xC3", "v\x80"}};
        auto back = decodeOk<StartChatContactRequest>(encode(r));
        CHECK(back.attributes == std::map<std::string, std::string>{{"k\xEF\xBF\xBD", "v\xEF\xBF\xBD"}});
        Item i;
        i.id = "\xFE";
        i.type = ItemType::Message;
        CHECK(decodeServerFrame(chatFrame(i)).ok());
        CHECK(encodeServiceErrorBody("bad \xC0") == "{\"message\":\"bad \xEF\xBF\xBD\"}");
        CHECK(escalationSignalContent("\xFF") == "{\"finaptic\":{\"escalate\":{\"reason\":\"\xEF\xBF\xBD\"}}}");
        CHECK(decodeServerFrame(subscribeAckFrame(true, {"aws/\xFF"})).ok());
    }
}

// =============================================================================================
// §4.2-§4.3, §5 Websocket frames
// =============================================================================================
TEST_CASE("client frames (reference §4.2)", "[protocol]") {
    SECTION("the client frames are exactly chatjs's texts") {
        CHECK(subscribeFrame() == R"({"topic":"aws/subscribe","content":{"topics":["aws/chat"]}})");
        CHECK(heartbeatFrame() == R"({"topic":"aws/heartbeat"})");
        CHECK(pingFrame() == R"({"topic":"aws/ping"})");
    }
    SECTION("the server decodes the three client frames") {
        auto s = decodeClientFrame(subscribeFrame());
        REQUIRE(s.ok());
        CHECK(s->topic == FrameTopic::Subscribe);
        CHECK(s->topics == std::vector<std::string>{"aws/chat"});
        auto h = decodeClientFrame(heartbeatFrame());
        REQUIRE(h.ok());
        CHECK(h->topic == FrameTopic::Heartbeat);
        CHECK(h->topics.empty());
        auto p = decodeClientFrame(pingFrame());
        REQUIRE(p.ok());
        CHECK(p->topic == FrameTopic::Ping);
    }
    SECTION("unsubscribe is decoded like subscribe; unknown topics are Other") {
        auto u = decodeClientFrame(R"({"topic":"aws/unsubscribe","content":{"topics":["aws/chat"]}})");
        REQUIRE(u.ok());
        CHECK(u->topic == FrameTopic::Unsubscribe);
        CHECK(u->topics == std::vector<std::string>{"aws/chat"});
        auto o = decodeClientFrame(R"({"topic":"aws/teleport","content":42})");
        REQUIRE(o.ok());
        CHECK(o->topic == FrameTopic::Other);
    }
    SECTION("a subscribe without topics subscribes to nothing") {
        auto s = decodeClientFrame(R"({"topic":"aws/subscribe","content":{}})");
        REQUIRE(s.ok());
        CHECK(s->topics.empty());
    }
    SECTION("bad client frames give typed errors") {
        CHECK(decodeClientFrame("").error().code == ErrorCode::MalformedJson);
        CHECK(decodeClientFrame("hello").error().code == ErrorCode::MalformedJson);
        CHECK(decodeClientFrame("[]").error().code == ErrorCode::WrongType);
        CHECK(decodeClientFrame("{}").error().code == ErrorCode::MissingField);
        CHECK(decodeClientFrame(R"({"topic":5})").error().code == ErrorCode::MissingField);
        CHECK(decodeClientFrame(R"({"topic":"aws/subscribe"})").error().code == ErrorCode::MissingField);
        CHECK(decodeClientFrame(R"({"topic":"aws/subscribe","content":"aws/chat"})").error().code == ErrorCode::MissingField);
        CHECK(decodeClientFrame(R"({"topic":"aws/subscribe","content":{"topics":"aws/chat"}})").error().code == ErrorCode::WrongType);
        CHECK(decodeClientFrame(R"({"topic":"aws/subscribe","content":{"topics":["aws/chat",1]}})").error().code == ErrorCode::WrongType);
    }
}

TEST_CASE("server frames (reference §4.3, §5)", "[protocol]") {
    SECTION("subscribe ack, success") {
        auto f = serverFrameOk(R"({"topic":"aws/subscribe","content":{"status":"success","topics":["aws/chat"]}})");
        CHECK(f.topic == FrameTopic::Subscribe);
        CHECK(f.subscribeStatus == "success");
        CHECK(f.topics == std::vector<std::string>{"aws/chat"});
    }
    SECTION("subscribe ack, failure: any status but success; status and topics may be missing") {
        auto f = serverFrameOk(R"({"topic":"aws/subscribe","content":{"status":"failure","topics":[]}})");
        CHECK(f.topic == FrameTopic::Subscribe);
        CHECK(f.subscribeStatus == "failure");
        CHECK(f.topics.empty());
        auto bare = serverFrameOk(R"({"topic":"aws/subscribe"})");
        CHECK(bare.topic == FrameTopic::Subscribe);
        CHECK(bare.subscribeStatus.empty());
        CHECK(serverFrameErr(R"({"topic":"aws/subscribe","content":{"status":"success","topics":"aws/chat"}})").code ==
              ErrorCode::WrongType);
    }
    SECTION("heartbeat ack: any frame with that topic") {
        CHECK(serverFrameOk(R"({"topic":"aws/heartbeat"})").topic == FrameTopic::Heartbeat);
        CHECK(serverFrameOk(R"({"topic":"aws/heartbeat","content":{"whatever":1}})").topic == FrameTopic::Heartbeat);
    }
    SECTION("ping ack carries statusCode and statusContent") {
        auto f = serverFrameOk(R"({"topic":"aws/ping","statusCode":200,"statusContent":"OK"})");
        CHECK(f.topic == FrameTopic::Ping);
        CHECK(f.statusCode == 200);
        CHECK(f.statusContent == "OK");
        auto bad = serverFrameOk(R"({"topic":"aws/ping","statusCode":500,"statusContent":"Internal"})");
        CHECK(bad.statusCode == 500);
        CHECK(bad.statusContent == "Internal");
    }
    SECTION("a ping ack without a numeric statusCode has statusCode 0, never 200") {
        CHECK(serverFrameOk(R"({"topic":"aws/ping"})").statusCode == 0);
        CHECK(serverFrameOk(R"({"topic":"aws/ping","statusCode":"200"})").statusCode == 0);
        CHECK(serverFrameOk(R"({"topic":"aws/ping","statusCode":null})").statusCode == 0);
        // 2^32 + 200 must not wrap around to a healthy 200
        CHECK(serverFrameOk(R"({"topic":"aws/ping","statusCode":4294967496})").statusCode == 0);
    }
    SECTION("the concrete chat frame of §5: double-encoded content") {
        auto f = serverFrameOk(R"({"topic":"aws/chat","contentType":"application/json",
 "content":"{\"AbsoluteTime\":\"2025-05-01T10:00:07.010Z\",\"Content\":\"Hi Dana\",\"ContentType\":\"text/plain\",\"Id\":\"m-77\",\"Type\":\"MESSAGE\",\"ParticipantId\":\"p-agent\",\"DisplayName\":\"Sam\",\"ParticipantRole\":\"AGENT\",\"InitialContactId\":\"c-111\",\"ContactId\":\"c-111\"}"})");
        CHECK(f.topic == FrameTopic::Chat);
        const Item& i = f.item;
        CHECK(i.absoluteTime == "2025-05-01T10:00:07.010Z");
        CHECK(i.content == "Hi Dana");
        CHECK(i.contentType == "text/plain");
        CHECK(i.kind() == ContentKind::TextPlain);
        CHECK(i.id == "m-77");
        CHECK(i.type == ItemType::Message);
        CHECK(i.participantId == "p-agent");
        CHECK(i.displayName == "Sam");
        CHECK(i.role() == ParticipantRole::Agent);
        CHECK(i.initialContactId == "c-111");
        CHECK(i.contactId == "c-111");
        CHECK(i.attachments.empty());
        CHECK_FALSE(i.messageMetadata.has_value());
    }
    SECTION("a chat frame whose content is a plain object is accepted too") {
        auto f = serverFrameOk(R"({"topic":"aws/chat","content":{"Id":"e-1","Type":"EVENT",
            "ContentType":"application/vnd.amazonaws.connect.event.chat.ended"}})");
        CHECK(f.topic == FrameTopic::Chat);
        CHECK(f.item.id == "e-1");
        CHECK(f.item.kind() == ContentKind::ChatEnded);
    }
    SECTION("a chat frame with bad inner content is an error that names frame.content") {
        Error e = serverFrameErr(R"({"topic":"aws/chat","content":"{not json"})");
        CHECK(e.code == ErrorCode::MalformedJson);
        CHECK(contains(e.detail, "frame.content"));
        e = serverFrameErr(R"({"topic":"aws/chat","content":"{\"Type\":\"MESSAGE\"}"})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(e.detail == "frame.content: Id: required");
        e = serverFrameErr(R"({"topic":"aws/chat","content":"[]"})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(contains(e.detail, "frame.content"));
        e = serverFrameErr(R"({"topic":"aws/chat","content":42})");
        CHECK(e.code == ErrorCode::WrongType);
        CHECK(contains(e.detail, "frame.content"));
        e = serverFrameErr(R"({"topic":"aws/chat","content":{"Id":"a","Type":"MESSAGE","Attachments":[{}]}})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(e.detail == "frame.content: Attachments[0].AttachmentId: required");
        e = serverFrameErr(R"({"topic":"aws/chat"})");
        CHECK(e.code == ErrorCode::MissingField);
        CHECK(contains(e.detail, "frame.content"));
    }
    SECTION("the API-Gateway error frame has no topic") {
        auto f = serverFrameOk(R"({"message":"Forbidden","connectionId":"abc=","requestId":"r-1"})");
        CHECK(f.topic == FrameTopic::GatewayError);
        CHECK(f.errorMessage == "Forbidden");
        CHECK(serverFrameOk(R"({"message": "Internal server error"})").errorMessage == "Internal server error");
    }
    SECTION("unknown topics are Other (tolerated)") {
        auto f = serverFrameOk(R"({"topic":"aws/future","content":"anything"})");
        CHECK(f.topic == FrameTopic::Other);
        CHECK(serverFrameOk(R"({"topic":"aws/unsubscribe"})").topic == FrameTopic::Unsubscribe);
    }
    SECTION("frames that are not JSON objects or lack a topic are errors") {
        CHECK(serverFrameErr("").code == ErrorCode::MalformedJson);   // chatjs ignores empty frames; the caller decides
        CHECK(serverFrameErr("ping").code == ErrorCode::MalformedJson);
        CHECK(serverFrameErr(R"({"topic":"aws/heartbeat")").code == ErrorCode::MalformedJson);
        CHECK(serverFrameErr("[]").code == ErrorCode::WrongType);
        CHECK(serverFrameErr("\"aws/heartbeat\"").code == ErrorCode::WrongType);
        CHECK(serverFrameErr("{}").code == ErrorCode::MissingField);
        CHECK(serverFrameErr(R"({"message":42})").code == ErrorCode::MissingField);
        CHECK(serverFrameErr(R"({"topic":null})").code == ErrorCode::MissingField);
    }
    SECTION("the server-side encoders produce what the client decodes") {
        auto ok = serverFrameOk(subscribeAckFrame(true, {"aws/chat"}));
        CHECK(ok.topic == FrameTopic::Subscribe);
        CHECK(ok.subscribeStatus == "success");
        CHECK(ok.topics == std::vector<std::string>{"aws/chat"});
        auto failed = serverFrameOk(subscribeAckFrame(false, {}));
        CHECK(failed.subscribeStatus == "failure");
        CHECK(failed.topics.empty());
        CHECK(heartbeatAckFrame() == R"({"topic":"aws/heartbeat"})");
        CHECK(pingAckFrame() == R"({"topic":"aws/ping","statusCode":200,"statusContent":"OK"})");
        CHECK(serverFrameOk(pingAckFrame()).statusCode == 200);
    }
    SECTION("chatFrame double-encodes the item, and the client gets every field back") {
        const Item original = fullItem();
        const std::string frame = chatFrame(original);
        CHECK(contains(frame, R"("topic":"aws/chat")"));
        CHECK(contains(frame, R"("contentType":"application/json")"));
        CHECK(contains(frame, R"("content":"{\"AbsoluteTime\":)"));   // a string holding JSON
        auto f = serverFrameOk(frame);
        CHECK(f.topic == FrameTopic::Chat);
        CHECK(same(f.item, original));
    }
}

// =============================================================================================
// §3.1 Errors
// =============================================================================================
TEST_CASE("service errors (reference §3.1)", "[protocol]") {
    auto response = [](int status, Headers headers, std::string body) {
        HttpResponse r;
        r.status = status;
        r.headers = std::move(headers);
        r.body = std::move(body);
        return r;
    };

    SECTION("the §3.1 example: 403 AccessDeniedException") {
        Error e = errorFromResponse(response(403, {{"x-amzn-errortype", "AccessDeniedException"}}, R"({"message":"Access denied"})"));
        CHECK(e.code == ErrorCode::Service);
        CHECK(e.httpStatus == 403);
        CHECK(e.serviceType == "AccessDeniedException");
        CHECK(e.detail == "Access denied");
        CHECK(e.accessDenied());
        CHECK_FALSE(e.retryable());
        CHECK(e.describe() == "Service 403 AccessDeniedException: Access denied");
    }
    SECTION("the header name matches in any case") {
        for (const char* name : {"x-amzn-ErrorType", "X-Amzn-Errortype", "X-AMZN-ERRORTYPE", "x-amzn-errortype"}) {
            INFO(name);
            CHECK(errorFromResponse(response(429, {{"content-type", "application/json"}, {name, "ThrottlingException"}}, "{}"))
                      .serviceType == "ThrottlingException");
        }
        CHECK(errorFromResponse(response(400, {{"x-amzn-errortypes", "ValidationException"}}, "{}")).serviceType == "UnknownError");
    }
    SECTION("the header is sanitised as the SDK does: cut at ',' then ':', keep what follows the first '#'") {
        auto typeOf = [&](const char* header) {
            return errorFromResponse(response(400, {{"x-amzn-errortype", header}}, "")).serviceType;
        };
        CHECK(typeOf("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/") == "ValidationException");
        CHECK(typeOf("aws.protocols#ThrottlingException") == "ThrottlingException");
        CHECK(typeOf("com.amazonaws.connectparticipant#ConflictException:http://x#y") == "ConflictException");
        CHECK(typeOf("ValidationException") == "ValidationException");
        CHECK(typeOf("ThrottlingException,ValidationException") == "ThrottlingException");
        CHECK(typeOf("a#ConflictException#b") == "ConflictException");
    }
    SECTION("the body message comes from message, or else Message") {
        CHECK(errorFromResponse(response(400, {}, R"({"Message":"Bad token"})")).detail == "Bad token");
        CHECK(errorFromResponse(response(400, {}, R"({"message":"lower","Message":"upper"})")).detail == "lower");
        CHECK(errorFromResponse(response(400, {}, R"({"message":42,"Message":"upper"})")).detail == "upper");
    }
    SECTION("without the header the type comes from __type, then code (sanitised)") {
        CHECK(errorFromResponse(response(400, {}, R"({"__type":"com.amazonaws.connectparticipant#ValidationException","message":"m"})"))
                  .serviceType == "ValidationException");
        CHECK(errorFromResponse(response(429, {}, R"({"code":"ThrottlingException"})")).serviceType == "ThrottlingException");
        CHECK(errorFromResponse(response(400, {}, R"({"__type":"A","code":"B"})")).serviceType == "A");
    }
    SECTION("the header wins over the body") {
        CHECK(errorFromResponse(response(409, {{"x-amzn-errortype", "ConflictException"}}, R"({"__type":"ValidationException"})"))
                  .serviceType == "ConflictException");
    }
    SECTION("with no type anywhere: UnknownError for 4xx, InternalServerException for 5xx") {
        CHECK(errorFromResponse(response(418, {}, "")).serviceType == "UnknownError");
        CHECK(errorFromResponse(response(502, {}, "<html>Bad Gateway</html>")).serviceType == "InternalServerException");
    }
    SECTION("a body that is not JSON (or not an object) gives no detail and no crash") {
        Error e = errorFromResponse(response(503, {}, "<html>Service Unavailable</html>"));
        CHECK(e.code == ErrorCode::Service);
        CHECK(e.httpStatus == 503);
        CHECK(e.detail.empty());
        CHECK(errorFromResponse(response(500, {}, R"(["message","x"])")).detail.empty());
        CHECK(errorFromResponse(response(500, {}, "\xFF\xFE")).detail.empty());
    }
    SECTION("status 0 is a Network error: no HTTP answer") {
        HttpResponse r;
        r.networkError = "connection refused";
        Error e = errorFromResponse(r);
        CHECK(e.code == ErrorCode::Network);
        CHECK(e.detail == "connection refused");
        CHECK(e.retryable());
        CHECK_FALSE(e.accessDenied());
        CHECK(errorFromResponse(HttpResponse{}).detail == "no response");
    }
    SECTION("retryable: 429, 5xx and network failures; not other 4xx") {
        for (int status : {429, 500, 502, 503, 504}) {
            INFO(status);
            CHECK(errorFromResponse(response(status, {}, "")).retryable());
        }
        for (int status : {400, 401, 402, 403, 404, 409, 413}) {
            INFO(status);
            CHECK_FALSE(errorFromResponse(response(status, {}, "")).retryable());
        }
        CHECK_FALSE(Error{ErrorCode::MalformedJson, "x"}.retryable());
        CHECK_FALSE(Error{ErrorCode::Ended, "x"}.retryable());
    }
    SECTION("accessDenied: only a Service 403") {
        CHECK(errorFromResponse(response(403, {}, "")).accessDenied());
        CHECK_FALSE(errorFromResponse(response(401, {}, "")).accessDenied());
        CHECK_FALSE(Error{ErrorCode::InvalidValue, "", 403, ""}.accessDenied());
    }
    SECTION("httpStatusForError: the status Connect uses for each error name") {
        const std::pair<const char*, int> table[] = {
            {"ValidationException", 400}, {"InvalidRequestException", 400}, {"InvalidParameterException", 400},
            {"ServiceQuotaExceededException", 402}, {"AccessDeniedException", 403},
            {"ResourceNotFoundException", 404}, {"ConflictException", 409}, {"ThrottlingException", 429},
            {"LimitExceededException", 429}, {"InternalServerException", 500}, {"InternalServiceException", 500}};
        for (const auto& [name, status] : table) {
            INFO(name);
            CHECK(httpStatusForError(name) == status);
            // the server side and the client side agree on the name
            Error e = errorFromResponse(response(status, {{"x-amzn-errortype", name}}, encodeServiceErrorBody("m")));
            CHECK(e.serviceType == name);
            CHECK(e.detail == "m");
        }
        CHECK(httpStatusForError("SomethingNewException") == 500);
        CHECK(httpStatusForError("") == 500);
        CHECK(httpStatusForError("validationexception") == 500);
    }
    SECTION("encodeServiceErrorBody writes {\"message\": ...}, escaped") {
        CHECK(encodeServiceErrorBody("Access denied") == R"({"message":"Access denied"})");
        CHECK(encodeServiceErrorBody("say \"hi\"\n") == R"({"message":"say \"hi\"\n"})");
        CHECK(encodeServiceErrorBody("") == R"({"message":""})");
    }
}

// =============================================================================================
// §3.2 Operations
// =============================================================================================
TEST_CASE("participant-service operations (reference §3.2)", "[protocol]") {
    struct Row { Operation op; const char* name; const char* path; };
    const Row rows[] = {
        {Operation::CreateParticipantConnection, "CreateParticipantConnection", "/participant/connection"},
        {Operation::SendMessage, "SendMessage", "/participant/message"},
        {Operation::SendEvent, "SendEvent", "/participant/event"},
        {Operation::GetTranscript, "GetTranscript", "/participant/transcript"},
        {Operation::DisconnectParticipant, "DisconnectParticipant", "/participant/disconnect"},
        {Operation::StartAttachmentUpload, "StartAttachmentUpload", "/participant/start-attachment-upload"},
        {Operation::CompleteAttachmentUpload, "CompleteAttachmentUpload", "/participant/complete-attachment-upload"},
        {Operation::GetAttachment, "GetAttachment", "/participant/attachment"},
        {Operation::GetAuthenticationUrl, "GetAuthenticationUrl", "/participant/authentication-url"},
        {Operation::CancelParticipantAuthentication, "CancelParticipantAuthentication", "/participant/cancel-authentication"},
    };

    SECTION("DescribeView is the one GET: the ViewToken is the last path segment") {
        CHECK(std::string(operationInfo(Operation::DescribeView).method) == "GET");
        CHECK(operationForPath("GET", "/participant/views/tok-1") == Operation::DescribeView);
        CHECK(operationForPath("GET", "/participant/views/tok-1?x=1") == Operation::DescribeView);
        CHECK(viewTokenFromPath("/participant/views/tok-1?x=1") == "tok-1");
        CHECK_FALSE(operationForPath("GET", "/participant/views/").has_value());
        CHECK_FALSE(operationForPath("GET", "/participant/views/a/b").has_value());
    }
    SECTION("every other operation is a POST to its path") {
        for (const auto& row : rows) {
            INFO(row.name);
            const OperationInfo& info = operationInfo(row.op);
            CHECK(std::string(info.name) == row.name);
            CHECK(std::string(info.method) == "POST");
            CHECK(std::string(info.path) == row.path);
        }
    }
    SECTION("operationForPath finds each operation from method and path") {
        for (const auto& row : rows) {
            INFO(row.name);
            CHECK(operationForPath("POST", row.path) == row.op);
        }
    }
    SECTION("the query string is ignored") {
        CHECK(operationForPath("POST", "/participant/message?x=1&y=2") == Operation::SendMessage);
        CHECK(operationForPath("POST", "/participant/transcript?") == Operation::GetTranscript);
    }
    SECTION("a wrong method, an unknown or almost-right path gives nullopt") {
        CHECK_FALSE(operationForPath("GET", "/participant/message").has_value());
        CHECK_FALSE(operationForPath("PUT", "/participant/connection").has_value());
        CHECK_FALSE(operationForPath("post", "/participant/message").has_value());
        CHECK_FALSE(operationForPath("POST", "/participant/views/abc").has_value());
        CHECK_FALSE(operationForPath("POST", "/participant/message/").has_value());
        CHECK_FALSE(operationForPath("POST", "/participant/Message").has_value());
        CHECK_FALSE(operationForPath("POST", "/contact/chat").has_value());
        CHECK_FALSE(operationForPath("POST", "").has_value());
        CHECK_FALSE(operationForPath("", "").has_value());
    }
}

// =============================================================================================
// Finaptic escalation signal
// =============================================================================================
TEST_CASE("escalation signal", "[protocol]") {
    auto item = [](ItemType type, std::string contentType, std::string content) {
        Item i;
        i.id = "m-1";
        i.type = type;
        i.contentType = std::move(contentType);
        i.content = std::move(content);
        return i;
    };
    const std::string signal = R"({"finaptic":{"escalate":{"reason":"x"}}})";

    SECTION("an application/json MESSAGE with the signal gives the reason") {
        CHECK(escalationSignal(item(ItemType::Message, "application/json", signal)) == "x");
        CHECK(escalationSignal(item(ItemType::Message, "application/json; charset=utf-8", signal)) == "x");
        CHECK(escalationSignal(item(ItemType::Message, "application/json",
                                    R"({"other":1,"finaptic":{"escalate":{"reason":"billing dispute","priority":2}}})")) ==
              "billing dispute");
    }
    SECTION("an escalate object without a reason still escalates, with an empty reason") {
        CHECK(escalationSignal(item(ItemType::Message, "application/json", R"({"finaptic":{"escalate":{}}})")) == "");
        CHECK(escalationSignal(item(ItemType::Message, "application/json", R"({"finaptic":{"escalate":{"reason":5}}})")) == "");
    }
    SECTION("not on text/plain, markdown or interactive messages") {
        CHECK_FALSE(escalationSignal(item(ItemType::Message, "text/plain", signal)).has_value());
        CHECK_FALSE(escalationSignal(item(ItemType::Message, "text/markdown", signal)).has_value());
        CHECK_FALSE(escalationSignal(item(ItemType::Message, "application/vnd.amazonaws.connect.message.interactive", signal)).has_value());
    }
    SECTION("not on EVENT, ATTACHMENT or other item types, whatever the content type") {
        CHECK_FALSE(escalationSignal(item(ItemType::Event, "application/json", signal)).has_value());
        CHECK_FALSE(escalationSignal(item(ItemType::Attachment, "application/json", signal)).has_value());
        CHECK_FALSE(escalationSignal(item(ItemType::Other, "application/json", signal)).has_value());
    }
    SECTION("not on other JSON") {
        for (const char* content : {"{}", "[]", "null", "\"finaptic\"", R"({"finaptic":1})", R"({"finaptic":{}})",
                                    R"({"finaptic":{"escalate":"now"}})", R"({"finaptic":{"escalate":null}})",
                                    R"({"escalate":{"reason":"x"}})", R"([{"finaptic":{"escalate":{"reason":"x"}}}])",
                                    R"({"Finaptic":{"escalate":{"reason":"x"}}})", "", "{not json", "\xFF"}) {
            INFO(content);
            CHECK_FALSE(escalationSignal(item(ItemType::Message, "application/json", content)).has_value());
        }
    }
    SECTION("deeply nested JSON content is not parsed past a small depth") {
        const std::string deep = R"({"finaptic":{"escalate":{"reason":"x","pad":)" + std::string(10, '[') + std::string(10, ']') + "}}}";
        CHECK_FALSE(escalationSignal(item(ItemType::Message, "application/json", deep)).has_value());
    }
    SECTION("escalationSignalContent writes the signal, which round-trips through escalationSignal") {
        CHECK(escalationSignalContent("x") == signal);
        for (const char* reason : {"", "x", "customer asked for a human", "quote \" backslash \\ newline \n", "\xE2\x82\xAC 100"}) {
            INFO(reason);
            CHECK(escalationSignal(item(ItemType::Message, "application/json", escalationSignalContent(reason))) == reason);
        }
    }
}
