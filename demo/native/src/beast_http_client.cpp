#include "finchat_native/beast_http_client.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "finchat_native/url.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace finchat_native {
namespace detail {

struct HttpConnection {
    explicit HttpConnection(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    beast::flat_buffer buffer;   // bytes read past one answer belong to the next
    std::chrono::steady_clock::time_point idleSince;
};

struct HttpExchange;

struct HttpPool {
    HttpPool(asio::io_context& io, HttpClientOptions options) : io(io), options(options) {}
    asio::io_context& io;
    HttpClientOptions options;
    HttpClientStats stats;
    std::unordered_map<std::string, std::vector<std::unique_ptr<HttpConnection>>> idle;
    std::unordered_set<HttpExchange*> active;   // each is kept alive by its own pending handlers

    std::unique_ptr<HttpConnection> takeIdle(const std::string& key);
    void putIdle(const std::string& key, std::unique_ptr<HttpConnection> c);
};

// A peer that closed an idle connection has left a FIN (or stray bytes) in the receive queue; a
// non-blocking peek sees it without consuming anything. Cheaper than a failed request and a retry.
static bool stillUsable(HttpConnection& c) {
    if (c.buffer.size() != 0) return false;
    error_code ec;
    c.socket.non_blocking(true, ec);
    if (ec) return false;
    char byte;
    c.socket.receive(asio::buffer(&byte, 1), tcp::socket::message_peek, ec);
    error_code ignored;
    c.socket.non_blocking(false, ignored);
    return ec == asio::error::would_block;
}

std::unique_ptr<HttpConnection> HttpPool::takeIdle(const std::string& key) {
    const auto it = idle.find(key);
    if (it == idle.end()) return nullptr;
    auto& list = it->second;
    const auto now = std::chrono::steady_clock::now();
    std::unique_ptr<HttpConnection> found;
    // Most recently used first: the one least likely to have hit the server's idle timeout.
    while (!list.empty() && !found) {
        auto c = std::move(list.back());
        list.pop_back();
        if (now - c->idleSince <= options.maxIdleTime && stillUsable(*c)) found = std::move(c);
    }
    if (list.empty()) idle.erase(it);
    return found;
}

void HttpPool::putIdle(const std::string& key, std::unique_ptr<HttpConnection> c) {
    auto& list = idle[key];
    if (list.size() >= options.maxIdlePerHost) return;
    c->idleSince = std::chrono::steady_clock::now();
    list.push_back(std::move(c));
}

static std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return out;
}

static finchat::HttpResponse networkFailure(std::string why) {
    finchat::HttpResponse r;
    r.networkError = std::move(why);
    return r;
}

// One request from send() to its callback. Every handler checks `finished` first: after a timeout
// or the client's destruction, operations still complete (aborted) but must change nothing.
struct HttpExchange : std::enable_shared_from_this<HttpExchange> {
    HttpExchange(const std::shared_ptr<HttpPool>& p, Url u, http::request<http::string_body> r,
                 std::function<void(finchat::HttpResponse)> d)
        : pool(p), io(p->io), options(p->options), url(std::move(u)), key(url.authority()), req(std::move(r)),
          done(std::move(d)), resolver(io), deadline(io) {}

    std::weak_ptr<HttpPool> pool;
    asio::io_context& io;
    HttpClientOptions options;
    Url url;
    std::string key;
    http::request<http::string_body> req;
    std::function<void(finchat::HttpResponse)> done;
    tcp::resolver resolver;
    asio::steady_timer deadline;
    // Beast's composed operations hold references into the connection and the parser, so both
    // live as long as the exchange: on timeout the socket is closed, never destroyed.
    std::unique_ptr<HttpConnection> conn;
    std::optional<http::response_parser<http::string_body>> parser;
    bool reused = false;
    bool retried = false;
    bool finished = false;

    void start() {
        if (auto p = pool.lock()) {
            p->active.insert(this);
            ++p->stats.requests;
        }
        deadline.expires_after(options.timeout);
        deadline.async_wait([self = shared_from_this()](error_code ec) {
            if (ec || self->finished) return;
            self->finish(networkFailure("timeout after " + std::to_string(self->options.timeout.count()) + " ms"));
        });
        if (auto p = pool.lock()) conn = p->takeIdle(key);
        if (conn) {
            reused = true;
            if (auto p = pool.lock()) ++p->stats.connectionsReused;
            write();
        } else {
            connect();
        }
    }

    void connect() {
        reused = false;
        conn = std::make_unique<HttpConnection>(io);
        if (auto p = pool.lock()) ++p->stats.connectionsOpened;
        error_code ec;
        const auto address = asio::ip::make_address(url.host, ec);
        if (!ec) {   // an IP literal (the usual 127.0.0.1): no resolver round trip
            const tcp::endpoint endpoint(address, static_cast<unsigned short>(std::stoi(url.port)));
            conn->socket.async_connect(endpoint, [self = shared_from_this()](error_code ec) { self->onConnected(ec); });
            return;
        }
        resolver.async_resolve(url.host, url.port,
                               [self = shared_from_this()](error_code ec, tcp::resolver::results_type results) {
            if (self->finished) return;
            if (ec) return self->failed(ec, "resolve");
            asio::async_connect(self->conn->socket, results,
                                [self](error_code ec, const tcp::endpoint&) { self->onConnected(ec); });
        });
    }

    void onConnected(error_code ec) {
        if (finished) return;
        if (ec) return failed(ec, "connect");
        // Request/response traffic: Nagle plus delayed ACK would add tens of milliseconds per call.
        conn->socket.set_option(tcp::no_delay(true), ec);
        write();
    }

    void write() {
        parser.emplace();
        parser->body_limit(options.maxResponseBytes);
        parser->header_limit(64 * 1024);
        if (req.method() == http::verb::head) parser->skip(true);
        http::async_write(conn->socket, req, [self = shared_from_this()](error_code ec, std::size_t) {
            if (self->finished) return;
            if (ec) return self->failed(ec, "write");
            http::async_read(self->conn->socket, self->conn->buffer, *self->parser,
                             [self](error_code ec, std::size_t) {
                if (self->finished) return;
                if (ec) return self->failed(ec, "read");
                self->succeeded();
            });
        });
    }

    void failed(error_code ec, const char* stage) {
        if (reused && !retried && !(parser && parser->got_some())) {
            // The pooled connection died under us before any answer: nothing reached the
            // application, so one attempt on a fresh connection is safe.
            retried = true;
            if (auto p = pool.lock()) ++p->stats.staleRetries;
            conn.reset();   // no operation is pending on it: the one that failed has completed
            connect();
            return;
        }
        finish(networkFailure(std::string(stage) + ": " + ec.message()));
    }

    void succeeded() {
        auto& res = parser->get();
        finchat::HttpResponse out;
        out.status = static_cast<int>(res.result_int());
        for (const auto& field : res) out.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
        out.body = std::move(res.body());
        if (options.keepAlive && parser->keep_alive()) {
            if (auto p = pool.lock()) p->putIdle(key, std::move(conn));
        }
        finish(std::move(out));
    }

    void cancelIo() {
        error_code ignored;
        deadline.cancel();
        resolver.cancel();
        if (conn) conn->socket.close(ignored);
    }

    void finish(finchat::HttpResponse response) {
        if (finished) return;
        finished = true;
        cancelIo();
        auto p = pool.lock();
        if (p) p->active.erase(this);
        auto fn = std::move(done);
        if (p && fn) fn(std::move(response));
    }

    void abandon() {
        finished = true;
        done = nullptr;
        cancelIo();
    }
};

}  // namespace detail

BeastHttpClient::BeastHttpClient(asio::io_context& io, HttpClientOptions options)
    : pool_(std::make_shared<detail::HttpPool>(io, options)) {}

BeastHttpClient::~BeastHttpClient() {
    const std::vector<detail::HttpExchange*> active(pool_->active.begin(), pool_->active.end());
    for (detail::HttpExchange* e : active) e->abandon();
    pool_->active.clear();
    pool_->idle.clear();
}

void BeastHttpClient::send(finchat::HttpRequest request, std::function<void(finchat::HttpResponse)> done) {
    const auto fail = [&](std::string why) {
        asio::post(pool_->io, [weak = std::weak_ptr<detail::HttpPool>(pool_), done = std::move(done),
                               why = std::move(why)]() mutable {
            if (!weak.expired() && done) done(detail::networkFailure(std::move(why)));
        });
    };
    auto url = parseUrl(request.url);
    if (!url) return fail("invalid URL");
    if (url->scheme != "http") return fail("unsupported URL scheme " + url->scheme + ": only http:// is supported");
    const http::verb verb = http::string_to_verb(request.method);
    if (verb == http::verb::unknown) return fail("unsupported HTTP method");

    http::request<http::string_body> req{verb, url->target, 11};
    try {   // the core runs without exceptions: Beast's length_error must not reach it
        req.set(http::field::host, url->hostHeader());
        for (const auto& [name, value] : request.headers) {
            // Framing headers are ours to set: a caller's value could contradict the body we send.
            const http::field f = http::string_to_field(name);
            if (f == http::field::host || f == http::field::content_length || f == http::field::transfer_encoding ||
                f == http::field::connection)
                continue;
            req.insert(name, value);
        }
        req.keep_alive(pool_->options.keepAlive);
        req.body() = std::move(request.body);
        req.prepare_payload();
    } catch (const std::exception& e) {
        return fail(std::string("invalid request: ") + e.what());
    }

    auto exchange = std::make_shared<detail::HttpExchange>(pool_, std::move(*url), std::move(req), std::move(done));
    exchange->start();
}

HttpClientStats BeastHttpClient::stats() const {
    return pool_->stats;
}

std::size_t BeastHttpClient::idleConnections() const {
    std::size_t n = 0;
    for (const auto& [key, list] : pool_->idle) n += list.size();
    return n;
}

std::size_t BeastHttpClient::inFlight() const {
    return pool_->active.size();
}

}  // namespace finchat_native
