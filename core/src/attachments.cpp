#include "finchat/attachments.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace finchat {

namespace {
// Extension → type, for files the browser could not type. Every type here is an allowed one.
constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kByExtension{{
    {"csv", "text/csv"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"pdf", "application/pdf"},
    {"png", "image/png"},
    {"ppt", "application/vnd.ms-powerpoint"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"txt", "text/plain"},
    {"wav", "audio/wav"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"heic", "image/heic"},
    {"mov", "video/quicktime"},
    {"mp4", "video/mp4"},
    {"rtf", "application/rtf"},
}};
}  // namespace

const std::vector<std::string>& allowedAttachmentTypes() {
    static const std::vector<std::string> types = {
        "text/csv", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/jpeg", "application/pdf", "image/png", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", "text/plain", "audio/wav",
        "audio/x-wav", "audio/vnd.wave", "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "image/heic", "video/quicktime",
        "video/mp4", "application/rtf"};
    return types;
}

bool attachmentTypeAllowed(std::string_view contentType) {
    const auto& t = allowedAttachmentTypes();
    return std::find(t.begin(), t.end(), contentType) != t.end();
}

std::string attachmentContentType(std::string_view name, std::string_view browserType) {
    if (!browserType.empty() && browserType != "application/octet-stream") return std::string(browserType);
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos) return std::string(browserType);
    std::string ext(name.substr(dot + 1));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [e, type] : kByExtension)
        if (e == ext) return std::string(type);
    return std::string(browserType);
}

std::string attachmentTypeLabel(std::string_view contentType) {
    contentType = contentType.substr(0, contentType.find(';'));
    std::string label;
    for (const auto& [e, type] : kByExtension)
        if (type == contentType) {
            label = std::string(e);
            break;
        }
    if (label.empty()) {
        const auto slash = contentType.find('/');
        if (slash == std::string_view::npos) return {};
        std::string_view sub = contentType.substr(slash + 1);
        sub = sub.substr(0, sub.find('+'));
        if (sub.rfind("x-", 0) == 0) sub.remove_prefix(2);
        if (sub.empty() || sub.size() > 8 ||
            !std::all_of(sub.begin(), sub.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }))
            return {};
        label = std::string(sub);
    }
    for (char& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return label;
}

bool attachmentIsImage(std::string_view contentType) {
    contentType = contentType.substr(0, contentType.find(';'));
    return contentType == "image/png" || contentType == "image/jpeg" || contentType == "image/gif" || contentType == "image/webp";
}

std::optional<AttachmentProblem> checkAttachment(std::string_view name, std::string_view contentType,
                                                 std::int64_t sizeInBytes) {
    if (name.empty() || name.size() > kMaxAttachmentNameBytes) return AttachmentProblem::BadName;
    if (!attachmentTypeAllowed(contentType)) return AttachmentProblem::TypeNotAllowed;
    if (sizeInBytes <= 0) return AttachmentProblem::Empty;
    if (sizeInBytes > kMaxAttachmentBytes) return AttachmentProblem::TooLarge;
    return std::nullopt;
}

const char* toString(AttachmentProblem p) {
    switch (p) {
        case AttachmentProblem::TypeNotAllowed: return "TypeNotAllowed";
        case AttachmentProblem::TooLarge: return "TooLarge";
        case AttachmentProblem::Empty: return "Empty";
        case AttachmentProblem::BadName: return "BadName";
        case AttachmentProblem::NotConnected: return "NotConnected";
        case AttachmentProblem::Ended: return "Ended";
        case AttachmentProblem::Refused: return "Refused";
        case AttachmentProblem::ScannerRejected: return "ScannerRejected";
        case AttachmentProblem::UploadFailed: return "UploadFailed";
    }
    return "";
}

const char* attachmentProblemKey(AttachmentProblem p) {
    switch (p) {
        case AttachmentProblem::TypeNotAllowed: return "attachment.error.type";
        case AttachmentProblem::TooLarge: return "attachment.error.size";
        case AttachmentProblem::Empty: return "attachment.error.empty";
        case AttachmentProblem::BadName: return "attachment.error.name";
        case AttachmentProblem::NotConnected: return "attachment.error.notConnected";
        case AttachmentProblem::Ended: return "attachment.error.ended";
        case AttachmentProblem::Refused: return "attachment.error.refused";
        case AttachmentProblem::ScannerRejected: return "attachment.error.scanner";
        case AttachmentProblem::UploadFailed: return "attachment.error.upload";
    }
    return "attachment.error.upload";
}

bool attachmentRetryable(AttachmentProblem p) {
    return p == AttachmentProblem::UploadFailed || p == AttachmentProblem::NotConnected;
}

}  // namespace finchat
