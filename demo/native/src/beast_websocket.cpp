#include "finchat_native/beast_websocket.h"

#include <deque>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>

#include "finchat_native/url.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace finchat_native {
namespace detail {

// Outlives the BeastWebSocket while operations are pending: every handler holds a shared_ptr, and
// `detached` tells it the owner is gone. onClose is reported exactly once, by finish().
struct WsSession : std::enable_shared_from_this<WsSession> {
    enum class Phase { Connecting, Open, Closing, Closed };

    WsSession(asio::io_context& io, WebSocketOptions options, finchat::WebSocketEvents events)
        : io(io), options(std::move(options)), events(std::move(events)), resolver(io), ws(io), linger(io) {}

    asio::io_context& io;
    WebSocketOptions options;
    finchat::WebSocketEvents events;
    tcp::resolver resolver;
    websocket::stream<beast::tcp_stream> ws;
    // Bounds Closing: Beast's handshake timeout covers the close frame exchange, but not writes
    // queued before it to a peer that has stopped reading.
    asio::steady_timer linger;
    beast::flat_buffer inbox;
    std::deque<std::string> outbox;   // front() is being written while `writing`
    Url url;
    Phase phase = Phase::Connecting;
    bool writing = false;
    bool closeStarted = false;        // our close frame is on its way: the close operation reports
    int closeCode = 1000;
    bool detached = false;

    void start(const std::string& text) {
        auto parsed = parseUrl(text);
        if (!parsed || parsed->scheme != "ws") {
            // Still asynchronous: the owner must hold its unique_ptr before any event arrives.
            asio::post(io, [self = shared_from_this()] { self->finish(1006); });
            return;
        }
        url = std::move(*parsed);
        error_code ec;
        const auto address = asio::ip::make_address(url.host, ec);
        if (!ec) {
            auto& stream = beast::get_lowest_layer(ws);
            stream.expires_after(options.openTimeout);
            stream.async_connect(tcp::endpoint(address, static_cast<unsigned short>(std::stoi(url.port))),
                                 [self = shared_from_this()](error_code ec) { self->onConnected(ec); });
            return;
        }
        resolver.async_resolve(url.host, url.port,
                               [self = shared_from_this()](error_code ec, tcp::resolver::results_type results) {
            if (self->phase != Phase::Connecting || ec) return self->finish(1006);
            auto& stream = beast::get_lowest_layer(self->ws);
            stream.expires_after(self->options.openTimeout);
            stream.async_connect(results, [self](error_code ec, const tcp::endpoint&) { self->onConnected(ec); });
        });
    }

    void onConnected(error_code ec) {
        if (phase != Phase::Connecting || ec) return finish(1006);
        auto& stream = beast::get_lowest_layer(ws);
        // From here the websocket's own timer bounds the handshakes; both timers at once would race.
        stream.expires_never();
        stream.socket().set_option(tcp::no_delay(true), ec);
        ws.set_option(websocket::stream_base::timeout{options.openTimeout, websocket::stream_base::none(), false});
        ws.set_option(websocket::stream_base::decorator(
            [ua = options.userAgent](websocket::request_type& req) { req.set(http::field::user_agent, ua); }));
        ws.read_message_max(options.maxMessageBytes);
        ws.async_handshake(url.hostHeader(), url.target, [self = shared_from_this()](error_code ec) {
            self->onHandshake(ec);
        });
    }

    void onHandshake(error_code ec) {
        if (phase != Phase::Connecting || ec) return finish(1006);
        phase = Phase::Open;
        if (!detached && events.onOpen) events.onOpen();
        // onOpen may have sent, closed or destroyed us; the read loop also serves a close handshake.
        readNext();
        pump();
    }

    void readNext() {
        ws.async_read(inbox, [self = shared_from_this()](error_code ec, std::size_t) { self->onRead(ec); });
    }

    void onRead(error_code ec) {
        if (phase == Phase::Closed) return;
        if (ec) {
            if (ec == websocket::error::closed) {
                const int theirs = static_cast<int>(ws.reason().code);
                return finish(closeStarted ? closeCode : theirs != 0 ? theirs : 1005);
            }
            if (closeStarted) return;
            return finish(1006);
        }
        // A browser drops messages that arrive after close() was called; so do we. Binary frames
        // are handed over as they are: the core only ever expects text, and would reject junk.
        std::string text = beast::buffers_to_string(inbox.data());
        inbox.consume(inbox.size());
        if (phase == Phase::Open && !detached && events.onMessage) events.onMessage(std::move(text));
        if (phase != Phase::Closed) readNext();
    }

    // The only place writes and the close frame are started: Beast allows one write at a time, and
    // the close frame must follow everything sent before close().
    void pump() {
        if (writing || phase == Phase::Connecting || phase == Phase::Closed) return;
        if (!outbox.empty()) {
            writing = true;
            ws.text(true);
            ws.async_write(asio::buffer(outbox.front()),
                           [self = shared_from_this()](error_code ec, std::size_t) { self->onWrite(ec); });
        } else if (phase == Phase::Closing && !closeStarted) {
            closeStarted = true;
            ws.async_close(websocket::close_reason(static_cast<std::uint16_t>(closeCode)),
                           [self = shared_from_this()](error_code ec) { self->finish(ec ? 1006 : self->closeCode); });
        }
    }

    void onWrite(error_code ec) {
        writing = false;
        if (phase == Phase::Closed) return;
        if (ec) {
            // The peer's close frame makes writes fail with `closed`; the read side reports its code.
            if (ec == websocket::error::closed) return;
            return finish(1006);
        }
        outbox.pop_front();
        pump();
    }

    void send(std::string text) {
        if (phase == Phase::Closing || phase == Phase::Closed) return;   // as a browser: silently dropped
        outbox.push_back(std::move(text));
        pump();
    }

    void close(int code) {
        switch (phase) {
            case Phase::Connecting: {
                // Like a browser: closing a socket that is not open yet fails it with 1006. The pending
                // resolve/connect/handshake completes aborted and reports through finish().
                phase = Phase::Closing;
                resolver.cancel();
                beast::get_lowest_layer(ws).close();
                break;
            }
            case Phase::Open:
                phase = Phase::Closing;
                closeCode = code;
                linger.expires_after(2 * options.openTimeout);
                linger.async_wait([self = shared_from_this()](error_code ec) {
                    if (!ec) self->finish(1006);
                });
                pump();
                break;
            case Phase::Closing:
            case Phase::Closed:
                break;
        }
    }

    void detach() {
        detached = true;
        close(1000);
    }

    void finish(int code) {
        if (phase == Phase::Closed) return;
        phase = Phase::Closed;
        resolver.cancel();
        linger.cancel();
        beast::get_lowest_layer(ws).close();   // noexcept; aborts whatever is still pending
        outbox.clear();
        // finish() only runs from completion handlers, never inside one of our own callbacks, so
        // the std::functions can be released here; onClose may destroy the owner.
        finchat::WebSocketEvents handlers = std::move(events);
        events = {};
        if (!detached && handlers.onClose) handlers.onClose(code);
    }
};

}  // namespace detail

BeastWebSocket::BeastWebSocket(asio::io_context& io, const std::string& url, finchat::WebSocketEvents events,
                               const WebSocketOptions& options)
    : session_(std::make_shared<detail::WsSession>(io, options, std::move(events))) {
    session_->start(url);
}

BeastWebSocket::~BeastWebSocket() {
    session_->detach();
}

void BeastWebSocket::send(std::string text) {
    session_->send(std::move(text));
}

void BeastWebSocket::close(int code) {
    session_->close(code);
}

std::unique_ptr<finchat::WebSocket> BeastWebSocketFactory::open(const std::string& url, finchat::WebSocketEvents events) {
    return std::make_unique<BeastWebSocket>(io_, url, std::move(events), options_);
}

}  // namespace finchat_native
