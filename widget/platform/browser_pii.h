// widget/platform/browser_pii.h: the core's PiiDetector (finchat/platform.h) in the browser builds.
// The widget's and the headless SDK's wasm do not link the core's scanners (~45 KB gzip each,
// cmake/wasm_size.cmake): the detector is its own wasm (finaptic-chat-pii.wasm, widget/pii), which
// the shim loads when a Conversation first asks (PiiWanted → host.pii(), web/src/pii-module.js) and
// hands to this module instance; browser_platform.js reaches it. Until then ready() is false and
// messages that need the guard wait in the Conversation's queue (Conversation::piiReady sends them).
#pragma once
#include "finchat/platform.h"

namespace finchat::browser {

class BrowserPiiDetector final : public PiiDetector {
public:
    bool ready() const override;
    // The page's detector's matches. If it fails mid-call (a trap in its wasm, no memory), the whole
    // text is one PASSWORD entity: the guard fails closed (masked, or asked about) rather than letting
    // the text go out unchecked; the shim is told (ready() false) and loads a fresh detector.
    std::vector<PiiMatch> detect(std::string_view text) override;
};

}  // namespace finchat::browser
