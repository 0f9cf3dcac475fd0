// comprehend_api.h: Amazon Comprehend's DetectPiiEntities and ContainsPiiEntities, as connect-local
// answers them at the real service's path (POST /, JSON 1.1 protocol), over the core's detector.
//
//   X-Amz-Target: Comprehend_20171127.DetectPiiEntities     Content-Type: application/x-amz-json-1.1
//   {"Text": "...", "LanguageCode": "en"} -> {"Entities":[{"BeginOffset","EndOffset","Score","Type"}]}
//   ContainsPiiEntities: the same request -> {"Labels":[{"Name","Score"}]}
//
// Offsets count Unicode code points, as Comprehend's do (its docs: "the position of each UTF-8 code
// point"), so the JS SDK's String.prototype.slice differs from them only outside the BMP (emoji).
// LanguageCode "en" only: the detector's cues are English (Comprehend itself also takes "es").
// Errors are Comprehend's: {"__type": "...", "Message": "..."} with HTTP 400 and x-amzn-ErrorType:
// TextSizeLimitExceededException (Text over 100 KB of UTF-8), UnsupportedLanguageException,
// InvalidRequestException (Text not valid UTF-8), ValidationException (missing or empty fields),
// SerializationException (not JSON), UnknownOperationException (another target).
#pragma once
#include <string_view>

#include "connect_local/chat_service.h"

namespace connect_local {

constexpr std::string_view kComprehendTargetPrefix = "Comprehend_20171127.";
constexpr std::size_t kComprehendMaxTextBytes = 100 * 1024;

// Whether a request's X-Amz-Target names the Comprehend service (any operation of it).
bool isComprehendTarget(std::string_view target);

// Answers one Comprehend call; the reply's content type is application/x-amz-json-1.1.
Reply comprehendCall(std::string_view target, std::string_view body);

}  // namespace connect_local
