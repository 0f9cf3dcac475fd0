// widget/pii/pii_module.cpp: the PII detector as its own small wasm (finaptic-chat-pii.wasm).
//
// The widget's and the headless SDK's wasm keep the core's scanners out of their link (LTO drops
// them: ~45 KB gzip each, cmake/wasm_size.cmake) and ask this module through their platform's
// PiiDetector (widget/platform/browser_pii.cpp) once the shim has loaded it, on demand: when a
// Conversation first needs the guard (web/src/pii-module.js). A standalone wasm with a C ABI and no
// JS glue: any page, worker or Node process can instantiate it with no imports of ours.
//
//   fp_alloc(n) -> p          n bytes of this module's memory (0 if it cannot grow)
//   fp_free(p)
//   fp_detect(text, len) -> n the entities of the UTF-8 text [text, text+len) (finchat::detectPii),
//                             written to fp_results() as n int32 quads: type (the PiiType value),
//                             begin, end (byte offsets), score * 10000 rounded. -1: no memory for them.
//   fp_results() -> p         the quads of the last fp_detect (valid until the next call)
//   fp_names(bytes, len) -> 1 pii-names.bin accepted (finchat::loadPiiNameTable copies it: the caller
//                             frees its buffer); 0 if the bytes are not a name table (the table it
//                             had is kept: names are then found by their cues alone).
// The exports are listed in widget/CMakeLists.txt (finaptic_chat_pii). The caller owns and frees
// what it fp_alloc'd. Scores are fixed point because a float's four
// decimals (the detector's scores are such literals) come back as the same float after the division.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "finchat/pii.h"

namespace {
std::int32_t* results = nullptr;
std::size_t capacity = 0;   // quads
}  // namespace

extern "C" {

void* fp_alloc(int n) { return std::malloc(n > 0 ? std::size_t(n) : 1); }

void fp_free(void* p) { std::free(p); }

const std::int32_t* fp_results() { return results; }

int fp_detect(const char* text, int len) {
    if (!text || len <= 0) return 0;
    const auto matches = finchat::detectPii(std::string_view(text, std::size_t(len)));
    if (matches.size() > capacity) {
        auto* grown = static_cast<std::int32_t*>(std::realloc(results, matches.size() * 4 * sizeof(std::int32_t)));
        if (!grown) return -1;
        results = grown;
        capacity = matches.size();
    }
    std::int32_t* q = results;
    for (const finchat::PiiMatch& m : matches) {
        *q++ = static_cast<std::int32_t>(m.type);
        *q++ = static_cast<std::int32_t>(m.begin);
        *q++ = static_cast<std::int32_t>(m.end);
        *q++ = static_cast<std::int32_t>(m.score * 10000.0f + 0.5f);   // scores are in (0, 1]
    }
    return static_cast<int>(matches.size());
}

int fp_names(const char* bytes, int len) {
    return bytes && len > 0 && finchat::loadPiiNameTable(std::string_view(bytes, std::size_t(len))) ? 1 : 0;
}

}  // extern "C"
