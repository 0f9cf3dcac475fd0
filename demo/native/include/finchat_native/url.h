// finchat_native/url.h: the few parts of an absolute URL the native transports need.
//
// Only what a request line and a Host header need: scheme, host, port and the request target.
// Userinfo ("user@host") is rejected rather than silently sent in the clear.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace finchat_native {

struct Url {
    std::string scheme;       // lower-case: "http", "https", "ws", "wss"
    std::string host;         // IPv6 literals without their brackets
    std::string port;         // explicit, or the scheme's default ("80"/"443")
    std::string target;       // path + query, never empty ("/" at least); the fragment is dropped
    bool explicitPort = false;

    bool secure() const { return scheme == "https" || scheme == "wss"; }
    // Host header value: the port only when given, brackets back around IPv6 literals.
    std::string hostHeader() const;
    // "host:port", the key under which keep-alive connections are pooled.
    std::string authority() const;
};

std::optional<Url> parseUrl(std::string_view text);

}  // namespace finchat_native
