// finchat_native/beast_websocket.h: finchat::WebSocket over Boost.Beast, plain ws:// only.
//
// Behaves like a browser WebSocket as far as the core can tell: events arrive from the io_context
// (never inside open/send/close), text frames only on the way out, sends made before the socket is
// open are queued, close(code) drains what was sent before it and ends with onClose, and any failure
// to connect or a connection that dies without a close handshake reports 1006.
//
// Destroying a BeastWebSocket stops every further event at once, even when called from inside one of
// its own callbacks. An open connection is then closed politely in the background (close frame,
// bounded by the handshake timeout) so the server sees a clean goodbye; nothing else lingers.
#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "finchat/platform.h"

namespace boost::asio { class io_context; }

namespace finchat_native {

struct WebSocketOptions {
    std::chrono::milliseconds openTimeout{15'000};       // TCP connect and each handshake; twice this bounds a close
    std::size_t maxMessageBytes = 16u << 20;
    std::string userAgent = "finaptic-chat-native";
};

namespace detail { struct WsSession; }

class BeastWebSocket final : public finchat::WebSocket {
public:
    BeastWebSocket(boost::asio::io_context& io, const std::string& url, finchat::WebSocketEvents events,
                   const WebSocketOptions& options = {});
    ~BeastWebSocket() override;
    BeastWebSocket(const BeastWebSocket&) = delete;
    BeastWebSocket& operator=(const BeastWebSocket&) = delete;

    void send(std::string text) override;
    void close(int code = 1000) override;

private:
    std::shared_ptr<detail::WsSession> session_;
};

class BeastWebSocketFactory final : public finchat::WebSocketFactory {
public:
    explicit BeastWebSocketFactory(boost::asio::io_context& io, WebSocketOptions options = {})
        : io_(io), options_(std::move(options)) {}
    std::unique_ptr<finchat::WebSocket> open(const std::string& url, finchat::WebSocketEvents events) override;

private:
    boost::asio::io_context& io_;
    WebSocketOptions options_;
};

}  // namespace finchat_native
