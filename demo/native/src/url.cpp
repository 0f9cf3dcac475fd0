#include "finchat_native/url.h"

#include <algorithm>
#include <cctype>

namespace finchat_native {

std::string Url::hostHeader() const {
    std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (explicitPort) h += ":" + port;
    return h;
}

std::string Url::authority() const {
    return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + port;
}

std::optional<Url> parseUrl(std::string_view text) {
    const auto schemeEnd = text.find("://");
    if (schemeEnd == std::string_view::npos || schemeEnd == 0) return std::nullopt;
    Url u;
    u.scheme.assign(text.substr(0, schemeEnd));
    std::transform(u.scheme.begin(), u.scheme.end(), u.scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string defaultPort;
    if (u.scheme == "http" || u.scheme == "ws") defaultPort = "80";
    else if (u.scheme == "https" || u.scheme == "wss") defaultPort = "443";
    else return std::nullopt;

    std::string_view rest = text.substr(schemeEnd + 3);
    if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
    const auto authEnd = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, authEnd);
    std::string_view target = authEnd == std::string_view::npos ? std::string_view{} : rest.substr(authEnd);
    if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;

    std::string_view port;
    if (authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos || close == 1) return std::nullopt;
        u.host.assign(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return std::nullopt;
            port = after.substr(1);
            u.explicitPort = true;
        }
    } else {
        const auto colon = authority.find(':');
        u.host.assign(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
            u.explicitPort = true;
        }
    }
    if (u.host.empty()) return std::nullopt;
    if (u.explicitPort) {
        if (port.empty() || port.size() > 5 ||
            !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        const int n = std::stoi(std::string(port));
        if (n < 1 || n > 65535) return std::nullopt;
        u.port = std::to_string(n);
    } else {
        u.port = defaultPort;
    }
    // "http://h?x=1" has an empty path; the request line still needs the leading slash.
    u.target = target.empty() || target.front() == '?' ? "/" + std::string(target) : std::string(target);
    return u;
}

}  // namespace finchat_native
