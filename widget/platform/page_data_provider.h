// widget/platform/page_data_provider.h: the partner's dataProvider (an object of async JS functions on
// the page) as the core's DataProvider, for every module that runs a Conversation in the browser (the
// widget and the headless SDK). A call goes out through the module's own host function; the page
// answers later (never inside the call) with the JSON its function returned, or with the failure's
// message. Answers to unknown or answered ids are ignored; a call still open when the module goes away
// is never answered (the TemplateResolver's time limit covers it).
//
// What the page answers is the customer's banking data: it goes to the waiting TemplateResolver and
// nowhere else (no log, no storage, no event; system.md §4).
#pragma once
#include <functional>
#include <map>
#include <string>

#include "finchat/providers.h"

namespace finchat::browser {

class PageDataProvider final : public DataProvider {
public:
    // The module's JS half: asks the page (host.callData) to run dataProvider[name](args) for call `id`.
    using Ask = void (*)(int id, const char* name, const char* argsJson);
    explicit PageDataProvider(Ask ask) : ask_(ask) {}

    void call(std::string name, std::string argsJson, std::function<void(Result<std::string>)> done) override;
    // The page's answer: ok with the result as JSON, or not ok with the failure's message (which only
    // ever reaches the resolver's error kind, never a customer or a log).
    void answer(int id, bool ok, std::string text);

private:
    Ask ask_;
    int next_ = 1;
    std::map<int, std::function<void(Result<std::string>)>> pending_;
};

}  // namespace finchat::browser
