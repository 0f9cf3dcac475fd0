// Conversation's attachment block (conversation.h, "attachments"): the customer's uploads over the
// current chat, and signed download links. The rules (Connect's types and limits) are attachments.h's.
#include <algorithm>

#include "alive_guard.h"
#include "finchat/conversation.h"
#include "finchat/protocol.h"
#include "finchat/util.h"

namespace finchat {

const char* toString(UploadStage s) {
    switch (s) {
        case UploadStage::Starting: return "starting";
        case UploadStage::Uploading: return "uploading";
        case UploadStage::Completing: return "completing";
        case UploadStage::Scanning: return "scanning";
        case UploadStage::Failed: return "failed";
    }
    return "";
}

namespace {
// A service or network failure of one step: a 4xx (other than 429) is the service saying no to this
// file; everything else may work on a second try.
AttachmentProblem problemOf(const Error& e) {
    if (e.code == ErrorCode::Ended) return AttachmentProblem::Ended;
    if (e.code == ErrorCode::NotConnected) return AttachmentProblem::NotConnected;
    if (e.code == ErrorCode::Service && e.httpStatus >= 400 && e.httpStatus < 500 && e.httpStatus != 429)
        return AttachmentProblem::Refused;
    return AttachmentProblem::UploadFailed;
}

// Whether `run` is still the upload's current attempt: answers of a cancelled or retried one are dropped.
bool runIs(const std::map<std::string, std::uint64_t>& runs, const std::string& uploadId, std::uint64_t run) {
    auto it = runs.find(uploadId);
    return it != runs.end() && it->second == run;
}
}  // namespace

OutgoingAttachment* Conversation::upload(const std::string& uploadId) {
    auto it = std::find_if(uploads_.begin(), uploads_.end(), [&](const OutgoingAttachment& u) { return u.uploadId == uploadId; });
    return it == uploads_.end() ? nullptr : &*it;
}

const OutgoingAttachment* Conversation::uploadFor(const std::string& attachmentId) const {
    if (attachmentId.empty()) return nullptr;
    auto it = std::find_if(uploads_.begin(), uploads_.end(), [&](const OutgoingAttachment& u) { return u.attachmentId == attachmentId; });
    return it == uploads_.end() ? nullptr : &*it;
}

AttachmentSendResult Conversation::sendAttachment(std::string name, std::string contentType, std::string bytes) {
    contentType = attachmentContentType(name, contentType);
    const auto size = static_cast<std::int64_t>(bytes.size());
    if (auto problem = checkAttachment(name, contentType, size)) return {{}, problem};
    if (state_ == ConversationState::Ended) return {{}, AttachmentProblem::Ended};
    const ChatSession* s = session();
    if (!s || s->state() == SessionState::Ended || s->state() == SessionState::Failed)
        return {{}, s ? AttachmentProblem::Ended : AttachmentProblem::NotConnected};

    OutgoingAttachment u;
    u.uploadId = "upload-" + decimal(nextUpload_++);
    u.name = std::move(name);
    u.contentType = std::move(contentType);
    u.sizeInBytes = size;
    u.timeMs = platform_.clock.nowMs();
    const std::string id = u.uploadId;
    uploads_.push_back(std::move(u));
    uploadBytes_[id] = std::move(bytes);
    startUpload(id);
    return {id, std::nullopt};
}

void Conversation::startUpload(const std::string& uploadId) {
    OutgoingAttachment* u = upload(uploadId);
    ChatSession* s = current();
    if (!u) return;
    const std::uint64_t run = nextUploadRun_++;
    uploadRuns_[uploadId] = run;
    uploadSession_[uploadId] = s;
    u->stage = UploadStage::Starting;
    u->sentBytes = 0;
    u->attachmentId.clear();
    u->problem.reset();
    u->error.reset();
    emit(ConversationEvent{ConversationEventType::AttachmentChanged, 0, SupportLevel::L1, nullptr, uploadId, {}});
    if (!s) return failUpload(uploadId, AttachmentProblem::NotConnected, std::nullopt);
    StartAttachmentUploadRequest req{u->contentType, u->sizeInBytes, u->name, {}};
    s->startAttachmentUpload(std::move(req), guard(alive_, [this, uploadId, run](Result<StartAttachmentUploadResponse> r) {
        if (!runIs(uploadRuns_, uploadId, run)) return;   // cancelled or retried meanwhile
        if (!r) return failUpload(uploadId, problemOf(r.error()), r.error());
        if (r->attachmentId.empty() || !r->uploadMetadata || r->uploadMetadata->url.empty())
            return failUpload(uploadId, AttachmentProblem::UploadFailed,
                              makeError(ErrorCode::MissingField, "StartAttachmentUpload: AttachmentId and UploadMetadata.Url required"));
        putUpload(uploadId, run, std::move(*r));
    }));
}

void Conversation::putUpload(const std::string& uploadId, std::uint64_t run, StartAttachmentUploadResponse started) {
    OutgoingAttachment* u = upload(uploadId);
    if (!u) return;
    u->stage = UploadStage::Uploading;
    u->attachmentId = started.attachmentId;
    emit(ConversationEvent{ConversationEventType::AttachmentChanged, 0, SupportLevel::L1, nullptr, uploadId, {}});
    HttpRequest put;
    put.method = "PUT";
    put.url = started.uploadMetadata->url;
    for (const auto& [k, v] : started.uploadMetadata->headersToInclude) put.headers.emplace_back(k, v);
    put.body = uploadBytes_[uploadId];
    put.abort = uploadPut_[uploadId] = std::make_shared<HttpAbort>();
    put.uploadProgress = guard(alive_, [this, uploadId, run](std::int64_t sent, std::int64_t) {
        OutgoingAttachment* x = upload(uploadId);
        if (!x || !runIs(uploadRuns_, uploadId, run) || x->stage != UploadStage::Uploading) return;
        x->sentBytes = std::clamp<std::int64_t>(sent, 0, x->sizeInBytes);
        emit(ConversationEvent{ConversationEventType::AttachmentChanged, 0, SupportLevel::L1, nullptr, uploadId, {}});
    });
    platform_.http.send(std::move(put), guard(alive_, [this, uploadId, run](HttpResponse resp) {
        if (!runIs(uploadRuns_, uploadId, run)) return;
        uploadPut_.erase(uploadId);
        if (resp.status < 200 || resp.status >= 300) {
            Error e = errorFromResponse(resp);
            return failUpload(uploadId, problemOf(e), e);
        }
        completeUpload(uploadId, run);
    }));
}

void Conversation::completeUpload(const std::string& uploadId, std::uint64_t run) {
    OutgoingAttachment* u = upload(uploadId);
    ChatSession* s = current();
    if (!u) return;
    if (!s || s != uploadSession_[uploadId])
        return failUpload(uploadId, AttachmentProblem::UploadFailed, makeError(ErrorCode::Cancelled, "the chat changed during the upload"));
    u->stage = UploadStage::Completing;
    u->sentBytes = u->sizeInBytes;
    emit(ConversationEvent{ConversationEventType::AttachmentChanged, 0, SupportLevel::L1, nullptr, uploadId, {}});
    s->completeAttachmentUpload(u->attachmentId, guard(alive_, [this, uploadId, run](Result<Unit> r) {
        if (!runIs(uploadRuns_, uploadId, run)) return;
        if (!r) return failUpload(uploadId, problemOf(r.error()), r.error());
        OutgoingAttachment* x = upload(uploadId);
        if (!x) return;
        // The item may already be here (the websocket can beat the REST answer).
        if (x->stage == UploadStage::Completing) x->stage = UploadStage::Scanning;
        uploadBytes_.erase(uploadId);
        emit(ConversationEvent{ConversationEventType::AttachmentChanged, 0, SupportLevel::L1, nullptr, uploadId, {}});
        const ChatSession* cs = session();
        if (cs) {
            for (const TranscriptEntry& e : cs->transcript().entries())
                if (e.own && e.item.type == ItemType::Attachment) noteUploadEcho(cs->transcript(), e.localId);
        }
    }));
}

void Conversation::failUpload(const std::string& uploadId, AttachmentProblem problem, std::optional<Error> error) {
    OutgoingAttachment* u = upload(uploadId);
    if (!u) return;
    u->stage = UploadStage::Failed;
    u->problem = problem;
    u->error = std::move(error);
    uploadRuns_[uploadId] = 0;
    emit(ConversationEvent{ConversationEventType::AttachmentChanged, 0, SupportLevel::L1, nullptr, uploadId, u->error});
}

// The chat's ATTACHMENT item for one of our uploads: APPROVED (or no status) ends the upload,
// REJECTED fails it (the scanner said no), IN_PROGRESS keeps it Scanning.
void Conversation::noteUploadEcho(const Transcript& transcript, const std::string& localId) {
    const TranscriptEntry* e = transcript.findLocal(localId);
    if (!e || !e->own || e->item.type != ItemType::Attachment) return;
    for (const AttachmentInfo& a : e->item.attachments) {
        auto it = std::find_if(uploads_.begin(), uploads_.end(), [&](const OutgoingAttachment& u) {
            return u.attachmentId == a.attachmentId && (u.stage == UploadStage::Scanning || u.stage == UploadStage::Completing);
        });
        if (it == uploads_.end()) continue;
        const std::string id = it->uploadId;
        const AttachmentStatus status = a.status.value_or(AttachmentStatus::Approved);
        if (status == AttachmentStatus::Rejected) {
            failUpload(id, AttachmentProblem::ScannerRejected, std::nullopt);
        } else if (status == AttachmentStatus::InProgress) {
            it->stage = UploadStage::Scanning;
            emit(ConversationEvent{ConversationEventType::AttachmentChanged, 0, SupportLevel::L1, nullptr, id, {}});
        } else if (it->stage == UploadStage::Scanning) {
            // Completing still waits for its answer; the answer re-checks the transcript.
            attachmentSizes_[it->attachmentId] = it->sizeInBytes;
            uploads_.erase(it);
            uploadBytes_.erase(id);
            uploadRuns_.erase(id);
            uploadSession_.erase(id);
            emit(ConversationEvent{ConversationEventType::AttachmentChanged, 0, SupportLevel::L1, nullptr, id, {}});
        }
    }
}

bool Conversation::cancelAttachment(const std::string& uploadId) {
    OutgoingAttachment* u = upload(uploadId);
    if (!u || u->stage == UploadStage::Completing || u->stage == UploadStage::Scanning) return false;
    uploadRuns_[uploadId] = 0;   // answers still on their way are dropped
    if (auto it = uploadPut_.find(uploadId); it != uploadPut_.end()) {
        const std::shared_ptr<HttpAbort> put = std::move(it->second);
        uploadPut_.erase(it);
        put->abort();   // the browser stops sending the file
    }
    return removeAttachment(uploadId);
}

bool Conversation::retryAttachment(const std::string& uploadId) {
    OutgoingAttachment* u = upload(uploadId);
    if (!u || u->stage != UploadStage::Failed || !u->problem || !attachmentRetryable(*u->problem)) return false;
    if (!uploadBytes_.count(uploadId)) return false;
    startUpload(uploadId);
    return true;
}

bool Conversation::removeAttachment(const std::string& uploadId) {
    auto it = std::find_if(uploads_.begin(), uploads_.end(), [&](const OutgoingAttachment& u) { return u.uploadId == uploadId; });
    if (it == uploads_.end()) return false;
    if (it->stage != UploadStage::Failed && !runIs(uploadRuns_, uploadId, 0)) return false;   // still running: cancel first
    uploads_.erase(it);
    uploadBytes_.erase(uploadId);
    uploadRuns_.erase(uploadId);
    uploadSession_.erase(uploadId);
    uploadPut_.erase(uploadId);
    emit(ConversationEvent{ConversationEventType::AttachmentChanged, 0, SupportLevel::L1, nullptr, uploadId, {}});
    return true;
}

void Conversation::attachmentLink(std::string attachmentId, std::function<void(Result<GetAttachmentResponse>)> done) {
    ChatSession* s = current();
    if (!s) {
        platform_.clock.setTimer(0, guard(alive_, [done = std::move(done)] {
            done(makeError(ErrorCode::Ended, "no current chat for this attachment"));
        }));
        return;
    }
    s->getAttachment(attachmentId, guard(alive_, [this, attachmentId, done = std::move(done)](Result<GetAttachmentResponse> r) {
        if (r && r->attachmentSizeInBytes && *r->attachmentSizeInBytes >= 0) {
            const bool known = attachmentSizes_.count(attachmentId) > 0;
            attachmentSizes_[attachmentId] = *r->attachmentSizeInBytes;
            if (!known) emit(ConversationEvent{ConversationEventType::AttachmentChanged, 0, SupportLevel::L1, nullptr, attachmentId, {}});
        }
        done(std::move(r));
    }));
}

std::optional<std::int64_t> Conversation::attachmentSize(const std::string& attachmentId) const {
    auto it = attachmentSizes_.find(attachmentId);
    if (it == attachmentSizes_.end()) return std::nullopt;
    return it->second;
}

}  // namespace finchat
