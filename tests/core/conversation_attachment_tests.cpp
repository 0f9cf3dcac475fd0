// Conversation's attachments (conversation.h, "attachments"): the customer's file goes
// StartAttachmentUpload → PUT to the pre-signed URL with HeadersToInclude → CompleteAttachmentUpload,
// refused files never reach the network, and nothing else is lost. Driven step by step through the
// fake platform and the manual clock; the server's answers are given by hand.
#include <catch2/catch.hpp>

#include "fake_platform.h"
#include "finchat/conversation.h"
#include "finchat/util.h"
#include "items.h"

using namespace finchat;
using fake::FakeHttp;

namespace {
const std::string START = "/participant/start-attachment-upload";
const std::string COMPLETE = "/participant/complete-attachment-upload";
const std::string GET = "/participant/attachment";
const std::string UPLOAD_URL = "http://127.0.0.1:8080/attachments/att-1?sig=up";

struct OneChatTokens : TokenProvider {
    void request(TokenRequest, std::function<void(Result<ChatDetails>)> done) override {
        done(ChatDetails{"c-1", "p-cust", "PT-1", "http://127.0.0.1:8080", "Dana"});
    }
};

struct Uploads {
    fake::World w;
    OneChatTokens tokens;
    std::unique_ptr<Conversation> conv;
    std::vector<std::string> changed;   // uploadIds of AttachmentChanged events

    Uploads() {
        ConversationConfig config;
        config.session.timings.heartbeatIntervalMs = 1LL << 40;
        config.session.timings.transportLifetimeMs = 1LL << 40;
        conv = std::make_unique<Conversation>(w.platform(), tokens, config);
        conv->setEventHandler([this](const ConversationEvent& e) {
            if (e.type == ConversationEventType::AttachmentChanged) changed.push_back(e.text);
        });
        conv->start();
        CreateParticipantConnectionResponse cpc;
        cpc.websocket = WebsocketInfo{"ws://127.0.0.1:8080/ws", formatIsoTime(w.clock.nowMs() + 100'000)};
        cpc.connectionCredentials = ConnectionCredentials{"CT-1", formatIsoTime(w.clock.nowMs() + 86'400'000)};
        w.http.take("/participant/connection")->done(FakeHttp::ok(encode(cpc)));
        w.sockets.last()->serverOpen();
        w.sockets.last()->ackSubscribe();
        w.http.take("/participant/transcript")->done(FakeHttp::ok(R"({"InitialContactId":"c-1","Transcript":[]})"));
        REQUIRE(conv->sessionState() == SessionState::Live);
    }
    fake::PendingRequest take(const std::string& path) {
        auto r = w.http.take(path);
        INFO("expected a pending request to " << path);
        REQUIRE(r.has_value());
        return std::move(*r);
    }
    std::optional<fake::PendingRequest> takePut() {
        for (auto it = w.http.requests.begin(); it != w.http.requests.end(); ++it)
            if (it->request.method == "PUT") {
                fake::PendingRequest r = std::move(*it);
                w.http.requests.erase(it);
                return r;
            }
        return std::nullopt;
    }
    void answerStart(const std::string& attachmentId = "att-1") {
        StartAttachmentUploadResponse r;
        r.attachmentId = attachmentId;
        r.uploadMetadata = UploadMetadata{UPLOAD_URL, formatIsoTime(w.clock.nowMs() + 300'000), {{"Content-Type", "application/pdf"}}};
        take(START).done(FakeHttp::ok(encode(r)));
    }
    const OutgoingAttachment& only() const {
        REQUIRE(conv->uploads().size() == 1);
        return conv->uploads().front();
    }
    void pushAttachmentItem(const std::string& itemId, const std::string& attachmentId, AttachmentStatus status) {
        Item item;
        item.id = itemId;
        item.type = ItemType::Attachment;
        item.absoluteTime = formatIsoTime(w.clock.nowMs());
        item.participantId = "p-cust";
        item.participantRole = ParticipantRole::Customer;
        item.attachments.push_back({"application/pdf", attachmentId, "statement.pdf", status});
        w.sockets.last()->serverSend(chatFrame(item));
    }
};
}  // namespace

TEST_CASE("attachments: start → PUT with HeadersToInclude and progress → complete → the item ends the upload", "[attachments]") {
    Uploads h;
    const std::string bytes(1000, 'x');
    auto sent = h.conv->sendAttachment("statement.pdf", "", bytes);   // no browser type: typed from the name
    REQUIRE_FALSE(sent.refused);
    CHECK(h.only().stage == UploadStage::Starting);
    CHECK(h.only().contentType == "application/pdf");

    auto start = h.take(START);
    auto req = decode<StartAttachmentUploadRequest>(start.request.body);
    REQUIRE(req);
    CHECK(req->attachmentName == "statement.pdf");
    CHECK(req->attachmentSizeInBytes == 1000);
    CHECK(req->contentType == "application/pdf");
    CHECK_FALSE(req->clientToken.empty());
    CHECK(start.bearer() == "CT-1");
    h.w.http.requests.push_front(std::move(start));
    h.answerStart();

    auto put = h.takePut();
    REQUIRE(put);
    CHECK(put->request.url == UPLOAD_URL);
    CHECK(put->request.body == bytes);
    CHECK(std::find(put->request.headers.begin(), put->request.headers.end(), std::pair<std::string, std::string>{"Content-Type", "application/pdf"}) !=
          put->request.headers.end());
    CHECK(h.only().stage == UploadStage::Uploading);
    CHECK(h.only().attachmentId == "att-1");
    REQUIRE(put->request.uploadProgress);
    put->request.uploadProgress(400, 1000);
    CHECK(h.only().sentBytes == 400);
    CHECK(h.w.http.count(COMPLETE) == 0);   // nothing completes before the PUT is answered
    put->done({200, {}, {}, {}});

    CHECK(h.only().stage == UploadStage::Completing);
    auto complete = h.take(COMPLETE);
    auto creq = decode<CompleteAttachmentUploadRequest>(complete.request.body);
    REQUIRE(creq);
    CHECK(creq->attachmentIds == std::vector<std::string>{"att-1"});
    complete.done(FakeHttp::ok("{}"));
    CHECK(h.only().stage == UploadStage::Scanning);

    h.pushAttachmentItem("i-9", "att-1", AttachmentStatus::Approved);
    CHECK(h.conv->uploads().empty());   // the transcript's row shows it now
    const Transcript& t = h.conv->transcript(0);
    REQUIRE(t.size() == 1);
    CHECK(t.entries()[0].own);
    CHECK(t.entries()[0].item.attachments[0].attachmentName == "statement.pdf");
    CHECK(std::count(h.changed.begin(), h.changed.end(), sent.uploadId) >= 5);
    CHECK(h.conv->attachmentSize("att-1") == 1000);   // our own file's card knows its size
    CHECK_FALSE(h.conv->attachmentSize("att-other"));
}

TEST_CASE("attachments: Connect's type, size and name rules refuse a file before any request", "[attachments]") {
    Uploads h;
    const std::size_t before = h.w.http.log.size();
    CHECK(h.conv->sendAttachment("virus.exe", "application/x-msdownload", "MZ").refused == AttachmentProblem::TypeNotAllowed);
    CHECK(h.conv->sendAttachment("noext", "", "abc").refused == AttachmentProblem::TypeNotAllowed);
    CHECK(h.conv->sendAttachment("big.pdf", "application/pdf", std::string(static_cast<std::size_t>(kMaxAttachmentBytes) + 1, 'x')).refused ==
          AttachmentProblem::TooLarge);
    CHECK(h.conv->sendAttachment("empty.txt", "text/plain", "").refused == AttachmentProblem::Empty);
    CHECK(h.conv->sendAttachment(std::string(300, 'a') + ".txt", "text/plain", "hi").refused == AttachmentProblem::BadName);
    CHECK(h.w.http.log.size() == before);
    CHECK(h.conv->uploads().empty());
    // Exactly the limit is fine, and so is an upper-case extension.
    CHECK_FALSE(h.conv->sendAttachment("edge.PNG", "", std::string(static_cast<std::size_t>(kMaxAttachmentBytes), 'x')).refused);
}

TEST_CASE("attachments: a service refusal fails the upload with its Connect error, text messages still go", "[attachments]") {
    Uploads h;
    auto sent = h.conv->sendAttachment("a.txt", "text/plain", "hello");
    h.take(START).done(FakeHttp::error(402, "ServiceQuotaExceededException", "Too many attachments in this chat"));
    REQUIRE(h.only().stage == UploadStage::Failed);
    CHECK(h.only().problem == AttachmentProblem::Refused);
    REQUIRE(h.only().error);
    CHECK(h.only().error->serviceType == "ServiceQuotaExceededException");
    CHECK_FALSE(h.conv->retryAttachment(sent.uploadId));   // the same file would be refused again
    CHECK(h.conv->send("still here").outcome == SendOutcome::Sent);
    CHECK(h.conv->removeAttachment(sent.uploadId));
    CHECK(h.conv->uploads().empty());
}

TEST_CASE("attachments: a failed PUT can be retried from the start with the same file", "[attachments]") {
    Uploads h;
    auto sent = h.conv->sendAttachment("a.txt", "text/plain", "hello");
    h.answerStart();
    h.takePut()->done(FakeHttp::networkFailure());
    REQUIRE(h.only().stage == UploadStage::Failed);
    CHECK(h.only().problem == AttachmentProblem::UploadFailed);
    CHECK(h.w.http.count(COMPLETE) == 0);
    REQUIRE(h.conv->retryAttachment(sent.uploadId));
    CHECK(h.only().stage == UploadStage::Starting);
    h.answerStart("att-2");
    auto put = h.takePut();
    REQUIRE(put);
    CHECK(put->request.body == "hello");
    put->done({200, {}, {}, {}});
    h.take(COMPLETE).done(FakeHttp::ok("{}"));
    CHECK(h.only().attachmentId == "att-2");
}

TEST_CASE("attachments: cancel before completing: the answers that come later change nothing", "[attachments]") {
    Uploads h;
    auto sent = h.conv->sendAttachment("a.txt", "text/plain", "hello");
    h.answerStart();
    auto put = h.takePut();
    REQUIRE(put);
    REQUIRE(put->request.abort);
    int stopped = 0;
    put->request.abort->stop = [&] { ++stopped; };   // what a platform that can abort sets
    REQUIRE(h.conv->cancelAttachment(sent.uploadId));
    CHECK(stopped == 1);   // the PUT is stopped on the wire, once
    CHECK(h.conv->uploads().empty());
    put->done({200, {}, {}, {}});
    CHECK(h.w.http.sent(COMPLETE) == 0);   // the agent never sees it
    CHECK(h.conv->uploads().empty());
    CHECK_FALSE(h.conv->cancelAttachment(sent.uploadId));
}

TEST_CASE("attachments: the scanner's REJECTED fails the upload; IN_PROGRESS keeps it scanning", "[attachments]") {
    Uploads h;
    auto sent = h.conv->sendAttachment("a.txt", "text/plain", "hello");
    h.answerStart();
    h.takePut()->done({200, {}, {}, {}});
    // The websocket beats the REST answer: the item is there before CompleteAttachmentUpload answers.
    h.pushAttachmentItem("i-1", "att-1", AttachmentStatus::InProgress);
    h.take(COMPLETE).done(FakeHttp::ok("{}"));
    CHECK(h.only().stage == UploadStage::Scanning);
    REQUIRE(h.conv->uploadFor("att-1") != nullptr);   // views draw the upload, not the row
    h.pushAttachmentItem("i-1", "att-1", AttachmentStatus::Rejected);   // the verdict: same item again
    CHECK(h.only().stage == UploadStage::Failed);
    CHECK(h.only().problem == AttachmentProblem::ScannerRejected);
    CHECK_FALSE(h.conv->retryAttachment(sent.uploadId));
    CHECK(h.conv->transcript(0).entries()[0].item.attachments[0].status == AttachmentStatus::Rejected);
}

TEST_CASE("attachments: no chat yet or an ended chat refuses; a download link comes from GetAttachment", "[attachments]") {
    {
        fake::World w;
        OneChatTokens tokens;
        Conversation idle(w.platform(), tokens, ConversationConfig{});
        CHECK(idle.sendAttachment("a.txt", "text/plain", "x").refused == AttachmentProblem::NotConnected);
        std::optional<Result<GetAttachmentResponse>> link;
        idle.attachmentLink("att-1", [&](Result<GetAttachmentResponse> r) { link = std::move(r); });
        CHECK_FALSE(link);   // never answered from inside the call
        w.clock.advance(0);
        REQUIRE(link);
        CHECK_FALSE(link->ok());
    }
    Uploads h;
    std::optional<Result<GetAttachmentResponse>> link;
    h.conv->attachmentLink("att-7", [&](Result<GetAttachmentResponse> r) { link = std::move(r); });
    auto get = h.take(GET);
    auto req = decode<GetAttachmentRequest>(get.request.body);
    REQUIRE(req);
    CHECK(req->attachmentId == "att-7");
    get.done(FakeHttp::ok(R"({"Url":"http://127.0.0.1:8080/attachments/att-7?sig=dl","UrlExpiry":"2025-05-01T10:05:00.000Z","AttachmentSizeInBytes":12})"));
    REQUIRE(link);
    REQUIRE(link->ok());
    CHECK((*link)->url == "http://127.0.0.1:8080/attachments/att-7?sig=dl");
    CHECK((*link)->attachmentSizeInBytes == 12);
    CHECK(h.conv->attachmentSize("att-7") == 12);   // remembered for the file's card
    CHECK(std::count(h.changed.begin(), h.changed.end(), "att-7") == 1);
}

TEST_CASE("attachments: a card's short type name and which files show as pictures", "[attachments]") {
    CHECK(attachmentTypeLabel("application/pdf") == "PDF");
    CHECK(attachmentTypeLabel("application/vnd.openxmlformats-officedocument.wordprocessingml.document") == "DOCX");
    CHECK(attachmentTypeLabel("image/jpeg") == "JPG");
    CHECK(attachmentTypeLabel("image/gif") == "GIF");
    CHECK(attachmentTypeLabel("image/svg+xml") == "SVG");
    CHECK(attachmentTypeLabel("text/csv; charset=utf-8") == "CSV");
    CHECK(attachmentTypeLabel("application/vnd.some.thing") == "");
    CHECK(attachmentTypeLabel("nonsense") == "");
    CHECK(attachmentIsImage("image/png"));
    CHECK(attachmentIsImage("image/gif"));
    CHECK_FALSE(attachmentIsImage("image/heic"));
    CHECK_FALSE(attachmentIsImage("application/pdf"));
}
