// finchat_native/beast_http_client.h: finchat::HttpClient over Boost.Beast, plain http:// only.
//
// The native build only talks to the local Connect stand-in, so TLS is left out on purpose: an
// https:// URL fails like a network error (status 0). Connections are kept alive and reused per
// host:port, because load tests send thousands of requests a second and a fresh TCP handshake for
// each would measure the kernel rather than the server. A request that fails on a reused connection
// before any byte of the answer arrived is retried once on a fresh one (the server may have closed
// the idle connection just as we wrote); the core's ClientTokens make that retry harmless.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "finchat/platform.h"

namespace boost::asio { class io_context; }

namespace finchat_native {

struct HttpClientOptions {
    std::chrono::milliseconds timeout{15'000};       // the whole exchange: resolve, connect, write, read
    bool keepAlive = true;
    std::size_t maxIdlePerHost = 64;
    std::chrono::milliseconds maxIdleTime{30'000};   // older idle connections are not reused
    std::uint64_t maxResponseBytes = 64u << 20;
};

struct HttpClientStats {
    std::uint64_t requests = 0;
    std::uint64_t connectionsOpened = 0;
    std::uint64_t connectionsReused = 0;
    std::uint64_t staleRetries = 0;
};

namespace detail { struct HttpPool; }

class BeastHttpClient final : public finchat::HttpClient {
public:
    explicit BeastHttpClient(boost::asio::io_context& io, HttpClientOptions options = {});
    ~BeastHttpClient() override;   // requests in flight are abandoned: their callbacks never run
    BeastHttpClient(const BeastHttpClient&) = delete;
    BeastHttpClient& operator=(const BeastHttpClient&) = delete;

    // `done` always runs later from the io_context, never inside send(). Network failures, timeouts,
    // unsupported URLs and methods give status 0 with `networkError` set.
    void send(finchat::HttpRequest request, std::function<void(finchat::HttpResponse)> done) override;

    HttpClientStats stats() const;
    std::size_t idleConnections() const;
    std::size_t inFlight() const;

private:
    std::shared_ptr<detail::HttpPool> pool_;
};

}  // namespace finchat_native
