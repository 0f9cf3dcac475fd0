// widget/app/widget_attachments.cpp: the widget's side of Conversation's attachments (BRIDGE.md
// fc_attach, fc_upload, host.uploads, host.download). The rules (Connect's types and limits, the
// upload steps, cancel and retry) are the core's; this file turns them into labelled state for the
// shim, which owns the file picker, drag and drop, paste, and the upload list's real buttons.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include "finchat/attachments.h"
#include "finchat/json.h"
#include "finchat/util.h"
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
    notice_ = strings_.format(attachmentProblemKey(*r.refused), {{"max", decimal(kMaxAttachmentBytes >> 20)}});
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

// What the shim lists under the messages: [{id, name, size, sizeText, type, stage, percent, label, error,
// canCancel, canRetry, canRemove, cancelLabel, retryLabel, removeLabel}], every text localized here.
void WidgetApp::publishUploads() {
    Json items = Json::array();
    for (const OutgoingAttachment& u : conv_->uploads()) {
        const int percent = u.sizeInBytes > 0 ? static_cast<int>(u.sentBytes * 100 / u.sizeInBytes) : 0;
        std::string label, error;
        switch (u.stage) {
        case UploadStage::Uploading:
            label = u.sentBytes > 0 ? strings_.format(key::kAttachmentProgress, {{"count", decimal(percent)}})
                                    : str(key::kAttachmentSending);
            break;
        case UploadStage::Starting:
        case UploadStage::Completing: label = str(key::kAttachmentSending); break;
        case UploadStage::Scanning: label = str(key::kAttachmentChecking); break;
        case UploadStage::Failed:
            error = strings_.format(attachmentProblemKey(u.problem.value_or(AttachmentProblem::UploadFailed)),
                                    {{"max", decimal(kMaxAttachmentBytes >> 20)}});
            label = error;
            break;
        }
        const bool failed = u.stage == UploadStage::Failed;
        Json item = Json::object({{"id", u.uploadId}, {"name", u.name}, {"type", u.contentType},
                                  {"size", u.sizeInBytes}, {"sizeText", sizeLabel(u.sizeInBytes, strings_)},
                                  {"stage", toString(u.stage)},
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

namespace {
constexpr float kThumbW = 200.f, kThumbH = 120.f, kThumbGap = 6.f;   // CSS px; decoded at 2x
}

float WidgetApp::previewHeight(const Row& row, float) const {
    const bool picture = row.attachmentStatus == AttachmentStatus::Approved && attachmentIsImage(row.attachmentType);
    return picture ? kThumbH + kThumbGap : 0.f;
}

void WidgetApp::drawPreview(ImDrawList* dl, const Row& row, ImVec2 at, float height, float listWidth) {
    if (!conv_) return;
    const std::string id = row.attachmentId;
    Thumbnail& t = thumbs_[id];
    t.lastDrawn = emscripten_get_now();
    const bool picture = height > 0;
    // On screen for the first time: its size (unless known: our own files), an image's pixels.
    if (!t.asked && row.attachmentStatus == AttachmentStatus::Approved && (picture || !conv_->attachmentSize(id))) {
        t.asked = true;
        conv_->attachmentLink(id, [this, id, picture](Result<GetAttachmentResponse> r) {
            auto it = thumbs_.find(id);
            if (!picture || !r || r->url.empty() || it == thumbs_.end()) return;   // the size is the core's now
            it->second.id = nextImageId_++;
            fc_js_thumbnail(it->second.id, r->url.c_str(), static_cast<int>(kThumbW * 2), static_cast<int>(kThumbH * 2));
        });
    }
    if (!picture) return;
    const float boxW = std::min(kThumbW, std::floor(listWidth * 0.7f)), boxH = height - kThumbGap;
    float w = boxW, h = boxH;
    if (t.texture && t.w > 0 && t.h > 0) {   // the whole picture, as large as fits, on the row's side
        const float scale = std::min(boxW / static_cast<float>(t.w), boxH / static_cast<float>(t.h));
        w = std::max(8.f, std::round(static_cast<float>(t.w) * scale));
        h = std::max(8.f, std::round(static_cast<float>(t.h) * scale));
    }
    const float x = row.own ? at.x + listWidth - w : at.x;
    const ImVec2 mn(x, at.y), mx(x + w, at.y + h);
    if (t.texture) {
        dl->AddImageRounded(textureId(t.texture), mn, mx, ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, palette_.bubbleRadius);
    } else {   // loading, or it could not be loaded: the row below still names and downloads it
        dl->AddRectFilled(mn, mx, mix(color(palette_.surface), color(palette_.border), 0.35f), palette_.bubbleRadius);
    }
    dl->AddRect(mn, mx, color(palette_.border), palette_.bubbleRadius);
}

bool WidgetApp::setThumbnail(int id, unsigned char* rgba, int w, int h) {
    auto it = std::find_if(thumbs_.begin(), thumbs_.end(), [&](const auto& kv) { return kv.second.id == id; });
    if (it == thumbs_.end()) return false;
    Thumbnail& t = it->second;
    t.id = 0;
    if (!t.texture) {
        t.texture = uploadRgba(rgba, w, h);   // 0 (not decodable): the placeholder stays
        t.w = w;
        t.h = h;
    }
    std::free(rgba);
    // Bounded: the least recently drawn texture goes (drawn again later, it loads again).
    std::size_t textures = 0;
    for (const auto& kv : thumbs_) textures += kv.second.texture ? 1 : 0;
    while (textures-- > kMaxThumbnails) {
        auto oldest = thumbs_.end();
        for (auto i = thumbs_.begin(); i != thumbs_.end(); ++i)
            if (i->second.texture && i != it && (oldest == thumbs_.end() || i->second.lastDrawn < oldest->second.lastDrawn)) oldest = i;
        if (oldest == thumbs_.end()) break;
        glDeleteTextures(1, &oldest->second.texture);
        oldest->second = Thumbnail{};
    }
    loop_->wake(2);
    return true;
}

}  // namespace finchat::widget
