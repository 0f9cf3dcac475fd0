// finchat/attachments.h: what Connect accepts as a chat attachment (reference §3.5, §6.1), checked
// in the browser before a byte is uploaded, and by connect-local on arrival (the same table).
//
// Connect's default limits: 20 MB per file; csv, doc(x), jpg, pdf, png, ppt(x), txt, wav, xls(x),
// and the newer heic, mov, mp4 and rtf. A file whose browser type is empty or generic
// (application/octet-stream) is typed from its name's extension, as the hosted widget does.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finchat {

constexpr std::int64_t kMaxAttachmentBytes = 20LL << 20;   // Connect's default attachment size limit
constexpr std::size_t kMaxAttachmentNameBytes = 256;        // AttachmentName (model: 1-256)
constexpr std::size_t kMaxAttachmentsPerContact = 50;       // connect-local's quota (402 past it)

// Why a file cannot go (views map each to a string-table key, see attachmentProblemKey).
enum class AttachmentProblem {
    TypeNotAllowed,    // not one of Connect's attachment types
    TooLarge,          // over kMaxAttachmentBytes
    Empty,             // 0 bytes (Connect refuses AttachmentSizeInBytes 0)
    BadName,           // empty, or longer than kMaxAttachmentNameBytes
    NotConnected,      // no live chat to send it on (yet)
    Ended,             // the chat is over
    Refused,           // the service refused it (4xx: quota, validation); the Error says which
    ScannerRejected,   // Connect's attachment scanner rejected it (Status REJECTED)
    UploadFailed,      // network or service failure after the retries: retryAttachment() may work
};
const char* toString(AttachmentProblem p);
// The string-table key a view shows for a problem ("attachment.error.type", ...).
const char* attachmentProblemKey(AttachmentProblem p);
// Whether sending the same file again can work (UploadFailed, NotConnected): the others would be
// refused the same way.
bool attachmentRetryable(AttachmentProblem p);

// Connect's allowed attachment MIME types.
const std::vector<std::string>& allowedAttachmentTypes();
bool attachmentTypeAllowed(std::string_view contentType);
// The content type to declare: `browserType` when it is specific, else one from the name's extension
// (".pdf" → application/pdf); "" when neither says anything.
std::string attachmentContentType(std::string_view name, std::string_view browserType);
// A short name for a file's kind, for its card: the extension Connect knows the type by ("PDF",
// "DOCX", "JPG"), else the subtype in capitals ("image/gif" → "GIF", "image/svg+xml" → "SVG"); "" when
// the type says nothing short.
std::string attachmentTypeLabel(std::string_view contentType);
// Whether views may show the file as a picture (a thumbnail): PNG, JPEG, GIF, WebP, the raster
// types every browser decodes (not HEIC).
bool attachmentIsImage(std::string_view contentType);
// The checks Connect would make on StartAttachmentUpload, before anything is sent.
std::optional<AttachmentProblem> checkAttachment(std::string_view name, std::string_view contentType,
                                                 std::int64_t sizeInBytes);

}  // namespace finchat
