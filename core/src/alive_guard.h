// alive_guard.h: callbacks that outlive their object do nothing. The object owns a shared_ptr
// "alive" token and resets it in its destructor; the callback holds only a weak_ptr to it.
#pragma once
#include <memory>
#include <utility>

namespace finchat {

template <class F>
auto guard(const std::shared_ptr<int>& alive, F f) {
    return [weak = std::weak_ptr<int>(alive), f = std::move(f)](auto&&... args) mutable {
        if (weak.lock()) f(std::forward<decltype(args)>(args)...);
    };
}

}  // namespace finchat
