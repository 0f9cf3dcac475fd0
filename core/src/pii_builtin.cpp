// builtinPiiDetector(): the detector linked into the binary (finchat/pii.h, platform.h). Its own file
// so that only programs that hand it to a Platform link the scanners through it; the browser builds
// that load the detector as a separate module never reference it.
#include "finchat/pii.h"
#include "finchat/platform.h"

namespace finchat {

namespace {
class BuiltinPiiDetector final : public PiiDetector {
public:
    bool ready() const override { return true; }
    std::vector<PiiMatch> detect(std::string_view text) override { return detectPii(text); }
};
}  // namespace

PiiDetector& builtinPiiDetector() {
    static BuiltinPiiDetector detector;
    return detector;
}

}  // namespace finchat
