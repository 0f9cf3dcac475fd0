// libFuzzer target: every decoder of the protocol layer gets arbitrary bytes (what a broken proxy, a
// hostile server or a bit flip can deliver), and whatever decodes is encoded again. Built only with
// -DFINCHAT_FUZZ=ON (clang); the core is then compiled with ASan+UBSan, so a crash, a leak, undefined
// behaviour or an abort (a throw under JSON_NOEXCEPTION) is a finding. On top of "no crash" it checks
// properties: a decoded value re-encodes to JSON that decodes to the same encoding, and the
// server-side frame encoders produce what the client-side decoder reads back.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "finchat/protocol.h"
#include "finchat/util.h"

using namespace finchat;

namespace {

[[noreturn]] void violated(const char* what, std::string_view detail) {
    std::fprintf(stderr, "property violated: %s\n  %.*s\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

// decode -> encode -> decode -> encode must reach a fixed point after the first encode.
template <class T>
void roundTrip(std::string_view text) {
    Result<T> r = decode<T>(text);
    if (!r) {
        (void)r.error().describe();
        return;
    }
    const std::string wire = encode(*r);
    Result<T> back = decode<T>(wire);
    if (!back) violated("an encoded value decodes", back.error().describe() + " in " + wire);
    if (encode(*back) != wire) violated("encode(decode(encode(x))) == encode(x)", wire);
}

void serverFrame(std::string_view text) {
    Result<ServerFrame> r = decodeServerFrame(text);
    if (!r) return;
    switch (r->topic) {
        case FrameTopic::Chat: {
            // The server encoder double-encodes the item; the client gets the same item back.
            Result<ServerFrame> again = decodeServerFrame(chatFrame(r->item));
            if (!again || again->topic != FrameTopic::Chat) violated("chatFrame decodes as a chat frame", chatFrame(r->item));
            if (encode(again->item) != encode(r->item)) violated("chatFrame keeps the item", encode(r->item));
            (void)escalationSignal(r->item);
            (void)r->item.kind();
            break;
        }
        case FrameTopic::Subscribe: {
            const bool success = r->subscribeStatus == "success";
            Result<ServerFrame> again = decodeServerFrame(subscribeAckFrame(success, r->topics));
            if (!again || again->topic != FrameTopic::Subscribe || again->topics != r->topics ||
                (again->subscribeStatus == "success") != success)
                violated("subscribeAckFrame round-trips", text);
            break;
        }
        default: break;
    }
}

void isoTime(std::string_view text) {
    const auto ms = parseIsoTime(text);
    if (!ms) return;
    const std::string formatted = formatIsoTime(*ms);
    // formatIsoTime writes four-digit years; within those an instant survives format -> parse.
    constexpr std::int64_t kYear0 = -62'167'219'200'000;      // 0000-01-01T00:00:00.000Z
    constexpr std::int64_t kYear9999 = 253'402'300'799'999;   // 9999-12-31T23:59:59.999Z
    if (*ms >= kYear0 && *ms <= kYear9999 && parseIsoTime(formatted) != ms)
        violated("parseIsoTime(formatIsoTime(t)) == t", formatted);
}

void serviceError(std::string_view text, std::uint8_t selector) {
    HttpResponse response;
    response.status = selector % 8 == 0 ? 0 : 400 + selector % 200;
    if (selector & 1) response.headers.emplace_back("x-amzn-errortype", std::string(text.substr(0, 80)));
    response.body = std::string(text);
    const Error e = errorFromResponse(response);
    (void)e.describe();
    (void)e.retryable();
    (void)e.accessDenied();
    (void)httpStatusForError(e.serviceType);
    // What the server writes for a message, the client reads back as that message.
    HttpResponse echoed;
    echoed.status = 400;
    echoed.body = encodeServiceErrorBody(e.detail);
    if (errorFromResponse(echoed).detail != e.detail) violated("encodeServiceErrorBody round-trips", e.detail);
}

// Arbitrary bytes reach the encoders too: message text, file names and attribute values come from
// the app, and JS strings with lone surrogates arrive as invalid UTF-8. Encoding must not abort, and
// its output must be JSON.
void encoders(std::string_view text) {
    const std::string s(text);
    if (!decode<SendMessageRequest>(encode(SendMessageRequest{s, s, s})).ok()) violated("SendMessage body decodes", s);
    StartChatContactRequest start;
    start.instanceId = s;
    start.contactFlowId = s;
    start.participantDetails.displayName = s;
    start.attributes[s] = s;
    if (!decode<StartChatContactRequest>(encode(start)).ok()) violated("StartChatContact body decodes", s);
    if (!decode<StartAttachmentUploadRequest>(encode(StartAttachmentUploadRequest{s, 1, s, s})).ok())
        violated("StartAttachmentUpload body decodes", s);
    (void)encodeServiceErrorBody(s);
    Item signal;
    signal.id = "m";
    signal.type = ItemType::Message;
    signal.contentType = "application/json";
    signal.content = escalationSignalContent(s);
    if (!escalationSignal(signal)) violated("escalationSignalContent is recognised", s);
    signal.content = s;
    (void)escalationSignal(signal);
    (void)classifyContentType(text);
    (void)operationForPath("POST", text);
    (void)httpStatusForError(text);
    if (utf8Length(text) > text.size()) violated("utf8Length <= bytes", s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    serverFrame(text);
    (void)decodeClientFrame(text);
    roundTrip<Item>(text);
    roundTrip<GetTranscriptResponse>(text);
    roundTrip<StartChatContactRequest>(text);
    roundTrip<CreateParticipantConnectionResponse>(text);
    roundTrip<SendMessageResponse>(text);
    roundTrip<GetTranscriptRequest>(text);
    roundTrip<ReceiptEventContent>(text);
    isoTime(text);
    serviceError(text, size ? data[0] : 0);
    encoders(text);
    return 0;
}
