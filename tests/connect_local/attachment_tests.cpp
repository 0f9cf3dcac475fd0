// connect-local's attachments: Connect's rules (the same table the widget checks, finchat/attachments.h)
// with Connect's error shapes, files kept in memory within bounds, pre-signed-style PUT and GET URLs,
// and the scanner fault knob. Driven directly through ChatService with a manual clock.
#include <catch2/catch.hpp>

#include "finchat/attachments.h"
#include "finchat/util.h"
#include "service_harness.h"

namespace {
std::string startBody(const std::string& type, std::int64_t size, const std::string& name = "a.txt", const std::string& token = "") {
    StartAttachmentUploadRequest r{type, size, name, token};
    return encode(r);
}

struct Upload {
    Reply start;
    std::string id, sig;
};

// The signature query parameter of a pre-signed-style URL.
std::string sigOf(const std::string& url) { return queryParam(url.substr(url.find('?') + 1), "sig"); }

Upload begin(Svc& s, const std::string& ct, const std::string& type, std::int64_t size, const std::string& name = "a.txt") {
    Upload u{s.service.participant(Operation::StartAttachmentUpload, ct, startBody(type, size, name)), {}, {}};
    if (u.start.status != 200) return u;
    auto r = decode<StartAttachmentUploadResponse>(u.start.body);
    REQUIRE(r);
    REQUIRE(r->uploadMetadata);
    u.id = r->attachmentId;
    u.sig = sigOf(r->uploadMetadata->url);
    return u;
}

Reply complete(Svc& s, const std::string& ct, const std::string& id) {
    return s.service.participant(Operation::CompleteAttachmentUpload, ct, encode(CompleteAttachmentUploadRequest{{id}, ""}));
}

// The last ATTACHMENT item the recording socket saw.
std::optional<Item> lastAttachmentItem(const RecordingSink& sink) {
    std::optional<Item> out;
    for (const Item& i : sink.items())
        if (i.type == ItemType::Attachment) out = i;
    return out;
}
}  // namespace

TEST_CASE("attachments: start → PUT with the signature → complete → item → GetAttachment → the same bytes", "[connect-local][attachments]") {
    Svc s;
    s.service.setPublicBase("http://127.0.0.1:9999", "ws://127.0.0.1:9999");
    Chat dana(s);
    const std::string file = "id,amount\n1,20\n";
    auto u = begin(s, dana.token(), "text/csv", static_cast<std::int64_t>(file.size()), "statement.csv");
    REQUIRE(u.start.status == 200);
    auto meta = decode<StartAttachmentUploadResponse>(u.start.body)->uploadMetadata;
    CHECK(meta->url.rfind("http://127.0.0.1:9999/attachments/" + u.id + "?sig=", 0) == 0);
    CHECK(meta->headersToInclude.at("Content-Type") == "text/csv");
    CHECK(complete(s, dana.token(), u.id).errorType == "ConflictException");   // nothing uploaded yet

    CHECK(s.service.uploadAttachment(u.id, "wrong", file).status == 403);
    CHECK(s.service.uploadAttachment(u.id, u.sig, "short").errorType == "ValidationException");
    REQUIRE(s.service.uploadAttachment(u.id, u.sig, file).status == 200);
    CHECK(s.service.uploadAttachment(u.id, u.sig, file).status == 403);   // a pre-signed PUT works once
    CHECK(s.service.attachmentBytes() == static_cast<std::int64_t>(file.size()));

    CHECK(s.service.downloadAttachment(u.id, u.sig).status == 403);   // not before it is complete
    REQUIRE(complete(s, dana.token(), u.id).status == 200);
    auto item = lastAttachmentItem(dana.sink);
    REQUIRE(item);
    REQUIRE(item->attachments.size() == 1);
    CHECK(item->attachments[0].attachmentId == u.id);
    CHECK(item->attachments[0].attachmentName == "statement.csv");
    CHECK(item->attachments[0].status == AttachmentStatus::Approved);
    CHECK(item->participantRole == ParticipantRole::Customer);

    Reply get = s.service.participant(Operation::GetAttachment, dana.token(), encode(GetAttachmentRequest{u.id, std::nullopt}));
    REQUIRE(get.status == 200);
    auto link = decode<GetAttachmentResponse>(get.body);
    REQUIRE(link);
    CHECK(link->attachmentSizeInBytes == static_cast<std::int64_t>(file.size()));
    Reply bytes = s.service.downloadAttachment(u.id, sigOf(link->url));
    CHECK(bytes.status == 200);
    CHECK(bytes.body == file);
    CHECK(bytes.contentType == "text/csv");
    CHECK(s.service.downloadAttachment(u.id, u.sig).status == 403);   // the upload signature does not download
}

TEST_CASE("attachments: Connect's type, size and name rules are ValidationException; quotas are ServiceQuotaExceededException", "[connect-local][attachments]") {
    connect_local::Config config = connect_local::Config::demo();
    config.limits.maxAttachmentBytesPerContact = 100;
    Svc s(config);
    Chat dana(s);
    const std::string& ct = dana.token();
    auto refused = [&](const std::string& body) { return s.service.participant(Operation::StartAttachmentUpload, ct, body); };
    CHECK(refused(startBody("application/x-msdownload", 10)).errorType == "ValidationException");
    CHECK(refused(startBody("text/plain", 0)).errorType == "ValidationException");
    CHECK(refused(startBody("text/plain", finchat::kMaxAttachmentBytes + 1)).errorType == "ValidationException");
    CHECK(refused(startBody("text/plain", finchat::kMaxAttachmentBytes + 1)).status == 400);
    CHECK(refused(startBody("text/plain", 10, "")).errorType == "ValidationException");
    CHECK(refused(startBody("text/plain", 10, std::string(257, 'a'))).errorType == "ValidationException");
    CHECK(refused(R"({"ContentType":"text/plain"})").errorType == "ValidationException");
    // Every type the widget lets through is accepted here too.
    for (const std::string& type : finchat::allowedAttachmentTypes())
        CHECK(refused(startBody(type, 1, "f")).status == 200);
    // This contact's declared bytes so far: one per type above; 100 in all.
    Reply quota = refused(startBody("text/plain", 100 - static_cast<std::int64_t>(finchat::allowedAttachmentTypes().size()) + 1));
    CHECK(quota.status == 402);
    CHECK(quota.errorType == "ServiceQuotaExceededException");
}

TEST_CASE("attachments: at most 50 per contact, and the same ClientToken gives the same upload", "[connect-local][attachments]") {
    Svc s;
    Chat dana(s);
    Reply a = s.service.participant(Operation::StartAttachmentUpload, dana.token(), startBody("text/plain", 5, "a.txt", "tok-1"));
    Reply b = s.service.participant(Operation::StartAttachmentUpload, dana.token(), startBody("text/plain", 5, "a.txt", "tok-1"));
    CHECK(a.body == b.body);
    for (int i = 1; i < static_cast<int>(finchat::kMaxAttachmentsPerContact); ++i)
        REQUIRE(begin(s, dana.token(), "text/plain", 5).start.status == 200);
    CHECK(begin(s, dana.token(), "text/plain", 5).start.errorType == "ServiceQuotaExceededException");
}

TEST_CASE("attachments: total storage is bounded; files of ended chats are evicted first", "[connect-local][attachments]") {
    connect_local::Config config = connect_local::Config::demo();
    config.limits.maxAttachmentBytesTotal = 1'000;
    Svc s(config);
    Chat dana(s), eve(s);
    const std::string big(600, 'x');
    auto first = begin(s, dana.token(), "text/plain", 600);
    REQUIRE(s.service.uploadAttachment(first.id, first.sig, big).status == 200);
    REQUIRE(complete(s, dana.token(), first.id).status == 200);
    auto second = begin(s, eve.token(), "text/plain", 600);
    Reply full = s.service.uploadAttachment(second.id, second.sig, big);
    CHECK(full.errorType == "ServiceQuotaExceededException");   // Dana's chat is live: her file stays
    CHECK(s.service.attachmentBytes() == 600);

    REQUIRE(s.service.participant(Operation::DisconnectParticipant, dana.token(), R"({"ClientToken":"bye"})").status == 200);
    CHECK(s.service.uploadAttachment(second.id, second.sig, big).status == 200);   // Dana's ended chat made room
    CHECK(s.service.attachmentBytes() == 600);
    CHECK(s.service.downloadAttachment(first.id, first.sig).status == 403);
    CHECK_FALSE(s.service.transcriptOf(dana.ids.contactId).empty());   // her transcript is still there
}

TEST_CASE("attachments: the scanner knob publishes REJECTED, drops the file and GetAttachment refuses it", "[connect-local][attachments]") {
    Svc s;
    Chat dana(s);
    REQUIRE(s.service.setFaults(R"({"rejectAttachments":1})").status == 200);
    auto u = begin(s, dana.token(), "application/pdf", 4, "scan.pdf");
    REQUIRE(s.service.uploadAttachment(u.id, u.sig, "%PDF").status == 200);
    REQUIRE(complete(s, dana.token(), u.id).status == 200);
    auto item = lastAttachmentItem(dana.sink);
    REQUIRE(item);
    CHECK(item->attachments[0].status == AttachmentStatus::Rejected);
    CHECK(s.service.attachmentBytes() == 0);
    CHECK(s.service.participant(Operation::GetAttachment, dana.token(), encode(GetAttachmentRequest{u.id, std::nullopt})).errorType ==
          "ValidationException");
    // The knob counts down: the next file is approved.
    auto next = begin(s, dana.token(), "text/plain", 2);
    REQUIRE(s.service.uploadAttachment(next.id, next.sig, "ok").status == 200);
    REQUIRE(complete(s, dana.token(), next.id).status == 200);
    CHECK(lastAttachmentItem(dana.sink)->attachments[0].status == AttachmentStatus::Approved);
}
