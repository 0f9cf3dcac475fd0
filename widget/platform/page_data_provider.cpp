// widget/platform/page_data_provider.cpp: see page_data_provider.h.
#include "page_data_provider.h"

namespace finchat::browser {

void PageDataProvider::call(std::string name, std::string argsJson, std::function<void(Result<std::string>)> done) {
    const int id = next_++;
    pending_[id] = std::move(done);
    ask_(id, name.c_str(), argsJson.c_str());
}

void PageDataProvider::answer(int id, bool ok, std::string text) {
    auto it = pending_.find(id);
    if (it == pending_.end()) return;   // unknown or answered already
    auto done = std::move(it->second);
    pending_.erase(it);
    if (ok) done(std::move(text));
    else done(Error{ErrorCode::Service, std::move(text), 0, {}});
}

}  // namespace finchat::browser
