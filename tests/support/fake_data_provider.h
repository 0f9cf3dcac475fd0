// A partner data provider driven by the test (finchat/providers.h): calls wait in `pending` until the
// test answers them, so ordering, lateness and timeouts are reproducible with the manual clock.
#pragma once
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "finchat/providers.h"

namespace fake {

class FakeDataProvider : public finchat::DataProvider {
public:
    struct Pending {
        std::string name;
        std::string argsJson;
        std::function<void(finchat::Result<std::string>)> done;
    };
    void call(std::string name, std::string argsJson, std::function<void(finchat::Result<std::string>)> done) override {
        log.push_back(name + argsJson);
        if (answerAtOnce) return done(*answerAtOnce);   // breaks providers.h's rule on purpose
        pending.push_back({std::move(name), std::move(argsJson), std::move(done)});
    }
    // Answers the oldest pending call.
    void answer(finchat::Result<std::string> result) {
        Pending p = std::move(pending.front());
        pending.pop_front();
        p.done(std::move(result));
    }
    static finchat::Error failure(std::string detail = "GetAccountList is not a function") {
        return finchat::Error{finchat::ErrorCode::InvalidValue, std::move(detail), 0, {}};
    }
    std::deque<Pending> pending;
    std::vector<std::string> log;             // name + argsJson of every call
    std::optional<finchat::Result<std::string>> answerAtOnce;
};

}  // namespace fake
