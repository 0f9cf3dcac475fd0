// widget/platform/browser_pii.cpp: see browser_pii.h.
#include "browser_pii.h"

#include <cstdint>
#include <cstdlib>

#include "finchat/pii.h"

extern "C" {
// browser_platform.js
int finchat_js_pii_ready();
std::int32_t* finchat_js_pii_detect(const char* text, int len);   // malloc'd [count, quads...] or null
}

namespace finchat::browser {

bool BrowserPiiDetector::ready() const { return finchat_js_pii_ready() != 0; }

std::vector<PiiMatch> BrowserPiiDetector::detect(std::string_view text) {
    const std::vector<PiiMatch> failClosed{PiiMatch{PiiType::Password, 0, text.size(), 1.0f}};
    if (text.empty()) return {};
    std::int32_t* r = finchat_js_pii_detect(text.data(), static_cast<int>(text.size()));
    if (!r) return failClosed;
    std::vector<PiiMatch> out;
    const std::int32_t n = r[0];
    out.reserve(n > 0 ? std::size_t(n) : 0);
    std::size_t last = 0;
    for (std::int32_t i = 0; i < n; ++i) {
        const std::int32_t* q = r + 1 + 4 * i;
        // Checked as the core's own detectPii guarantees them (pii.h: sorted, within the text, never
        // overlapping), since the quads come from another module.
        if (q[0] < 0 || std::size_t(q[0]) >= kPiiTypeCount || q[1] < 0 || q[2] <= q[1] ||
            std::size_t(q[2]) > text.size() || std::size_t(q[1]) < last) {
            std::free(r);
            return failClosed;
        }
        out.push_back(PiiMatch{static_cast<PiiType>(q[0]), std::size_t(q[1]), std::size_t(q[2]), q[3] / 10000.0f});
        last = std::size_t(q[2]);
    }
    std::free(r);
    return out;
}

}  // namespace finchat::browser
