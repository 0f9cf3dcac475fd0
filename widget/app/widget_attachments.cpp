// widget/app/widget_attachments.cpp: the widget's side of Conversation's attachments (BRIDGE.md
// fc_attach, fc_upload, host.uploads, host.download). The rules (Connect's types and limits, the
// upload steps, cancel and retry) are the core's; this file turns them into labelled state for the
// shim, which owns the file picker, drag and drop, paste, and the upload list's real buttons.
#include <algorithm>

#include "finchat/attachments.h"
#include "finchat/json.h"
#include "widget_app.h"

namespace finchat::widget {

int WidgetApp::attach(const std::string& name, const std::string& type, std::string bytes) {
    if (!conv_) return 2;
    const AttachmentSendResult r = conv_->sendAttachment(name, type, std::move(bytes));
    loop_->wake(2);
    if (!r.refused) {
        notice_.clear();
        window_->scrollToBottom();
        return 0;
    }
    // The composer's text and the other uploads are untouched; the reason shows above the composer.
    notice_ = strings_.format(attachmentProblemKey(*r.refused), {{"max", std::to_string(kMaxAttachmentBytes >> 20)}});
    announce(notice_, "error");
    return 2;
}

void WidgetApp::uploadAction(const std::string& uploadId, int op) {
    if (!conv_) return;
    if (op == 0) conv_->cancelAttachment(uploadId);
    else if (op == 1) conv_->retryAttachment(uploadId);
    else conv_->removeAttachment(uploadId);
    loop_->wake(2);
}

// What the shim lists under the messages: [{id, name, size, type, stage, percent, label, error,
// canCancel, canRetry, canRemove, cancelLabel, retryLabel, removeLabel}], every text localized here.
void WidgetApp::publishUploads() {
    Json items = Json::array();
    for (const OutgoingAttachment& u : conv_->uploads()) {
        const int percent = u.sizeInBytes > 0 ? static_cast<int>(u.sentBytes * 100 / u.sizeInBytes) : 0;
        std::string label, error;
        switch (u.stage) {
        case UploadStage::Uploading:
            label = u.sentBytes > 0 ? strings_.format(key::kAttachmentProgress, {{"count", std::to_string(percent)}})
                                    : str(key::kAttachmentSending);
            break;
        case UploadStage::Starting:
        case UploadStage::Completing: label = str(key::kAttachmentSending); break;
        case UploadStage::Scanning: label = str(key::kAttachmentChecking); break;
        case UploadStage::Failed:
            error = strings_.format(attachmentProblemKey(u.problem.value_or(AttachmentProblem::UploadFailed)),
                                    {{"max", std::to_string(kMaxAttachmentBytes >> 20)}});
            label = error;
            break;
        }
        const bool failed = u.stage == UploadStage::Failed;
        Json item = Json::object({{"id", u.uploadId}, {"name", u.name}, {"type", u.contentType},
                                  {"size", u.sizeInBytes}, {"stage", toString(u.stage)},
                                  {"percent", percent}, {"label", label}, {"error", error},
                                  {"canCancel", u.stage == UploadStage::Starting || u.stage == UploadStage::Uploading},
                                  {"canRetry", failed && u.problem && attachmentRetryable(*u.problem)},
                                  {"canRemove", failed},
                                  {"cancelLabel", str(key::kAttachmentCancel)},
                                  {"retryLabel", str(key::kAttachmentRetry)},
                                  {"removeLabel", str(key::kAttachmentRemove)}});
        items.push(std::move(item));
    }
    fc_js_uploads(items.dump().c_str());
}

void WidgetApp::download(const std::string& attachmentId, const std::string& label) {
    if (!conv_) return;
    // The file name as the chat shows it (the row of that attachment), for the saved file.
    std::string name = label;
    for (std::size_t i = 0; i < model_->size(); ++i)
        if (model_->row(i).attachmentId == attachmentId) name = model_->row(i).sourceContent;
    conv_->attachmentLink(attachmentId, [this, name](Result<GetAttachmentResponse> r) {
        if (!r || r->url.empty()) {
            announce(str(key::kAttachmentDownloadFailed), "error");
            return;
        }
        fc_js_download(r->url.c_str(), name.c_str());
    });
}

}  // namespace finchat::widget
