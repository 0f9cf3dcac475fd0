// A small Boost.Beast HTTP + websocket server for the native tests, on 127.0.0.1 with an ephemeral
// port. It runs on the caller's io_context (the tests are single-threaded, like the code under
// test) and is scripted through callbacks; it also records what it saw, so tests can check the
// client from the server's side. Destroy it before the io_context, and do not run the io_context
// after destroying it.
#pragma once
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace testsrv {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

enum class Action {
    Answer,           // send the response, keep the connection if both sides said keep-alive
    AnswerThenDrop,   // send it, then close although keep-alive was promised (a server's idle timeout)
    AnswerThenLose,   // send it, keep the connection, but close it unanswered when the next request
                      // arrives (the idle timeout struck just as the client reused the connection)
    Hold,             // never answer (a hung server)
};

struct Server;

// Server side of one websocket. send() queues (Beast allows one write at a time).
struct WsPeer : std::enable_shared_from_this<WsPeer> {
    WsPeer(tcp::socket s, Server& server, std::string target)
        : ws(std::move(s)), server(server), target(std::move(target)) {}
    websocket::stream<tcp::socket> ws;
    beast::flat_buffer buffer;
    std::deque<std::string> outbox;
    bool writing = false;
    bool ended = false;
    bool deaf = false;   // set from onWsMessage: stop reading (a peer that hangs mid-connection)
    Server& server;
    std::string target;

    void accept(Request req);
    void send(std::string text) {
        if (ended) return;
        outbox.push_back(std::move(text));
        pump();
    }
    void close(int code) {
        if (!ended) ws.async_close(websocket::close_reason(static_cast<std::uint16_t>(code)), [self = shared_from_this()](error_code) {});
    }

private:
    void read();
    void pump() {
        if (writing || outbox.empty()) return;
        writing = true;
        ws.text(true);
        ws.async_write(asio::buffer(outbox.front()), [self = shared_from_this()](error_code ec, std::size_t) {
            self->writing = false;
            if (ec) return;
            self->outbox.pop_front();
            self->pump();
        });
    }
};

// Server side of one HTTP connection: several requests in a row while keep-alive holds.
struct HttpConn : std::enable_shared_from_this<HttpConn> {
    HttpConn(tcp::socket s, Server& server) : socket(std::move(s)), server(server) {}
    tcp::socket socket;
    beast::flat_buffer buffer;
    Request req;
    Server& server;
    bool loseNext = false;

    void read() {
        req = {};
        http::async_read(socket, buffer, req, [self = shared_from_this()](error_code ec, std::size_t) {
            if (!ec) self->handle();
        });
    }
    void handle();
};

struct Server {
    explicit Server(asio::io_context& io) : acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
        port = acceptor.local_endpoint().port();
        accept();
    }
    ~Server() {
        error_code ignored;
        acceptor.close(ignored);
    }

    std::string http(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
    std::string ws(const std::string& path) const { return "ws://127.0.0.1:" + std::to_string(port) + path; }

    // Scripting. Without onRequest every request gets 404.
    std::function<Action(const Request&, Response&)> onRequest;
    std::function<bool(const Request&)> acceptUpgrade;   // unset: every upgrade request is accepted
    std::function<void(WsPeer&)> onWsOpen;
    std::function<void(WsPeer&, const std::string&)> onWsMessage;

    // Recorded.
    tcp::acceptor acceptor;
    unsigned short port = 0;
    int connectionsAccepted = 0;
    std::vector<std::string> targets;               // every HTTP request target, in order
    std::vector<std::shared_ptr<HttpConn>> held;    // requests answered with Action::Hold
    std::vector<std::weak_ptr<WsPeer>> peers;
    std::string wsTarget;                           // of the last websocket accepted
    std::vector<std::string> wsReceived;            // text frames from every client, in order
    int wsCloseCode = -1;                           // code in the last client close frame
    int wsEnded = 0;                                // server-side websocket reads that ended

private:
    void accept() {
        acceptor.async_accept([this](error_code ec, tcp::socket s) {
            if (ec) return;
            ++connectionsAccepted;
            std::make_shared<HttpConn>(std::move(s), *this)->read();
            accept();
        });
    }
};

inline void HttpConn::handle() {
    server.targets.push_back(std::string(req.target()));
    if (loseNext) {
        error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
        return;
    }
    if (websocket::is_upgrade(req) && (!server.acceptUpgrade || server.acceptUpgrade(req))) {
        auto peer = std::make_shared<WsPeer>(std::move(socket), server, std::string(req.target()));
        server.wsTarget = peer->target;
        server.peers.push_back(peer);
        peer->accept(std::move(req));
        return;
    }
    auto res = std::make_shared<Response>(http::status::not_found, req.version());
    res->keep_alive(req.keep_alive());
    const Action action = server.onRequest ? server.onRequest(req, *res) : Action::Answer;
    if (action == Action::Hold) {
        server.held.push_back(shared_from_this());
        return;
    }
    res->prepare_payload();
    http::async_write(socket, *res, [self = shared_from_this(), res, action](error_code ec, std::size_t) {
        if (ec) return;
        if (action == Action::AnswerThenDrop || !res->keep_alive()) {
            error_code ignored;
            self->socket.shutdown(tcp::socket::shutdown_both, ignored);
            self->socket.close(ignored);
            return;
        }
        self->loseNext = action == Action::AnswerThenLose;
        self->read();
    });
}

inline void WsPeer::accept(Request req) {
    ws.async_accept(req, [self = shared_from_this()](error_code ec) {
        if (ec) return;
        if (self->server.onWsOpen) self->server.onWsOpen(*self);
        self->read();
    });
}

inline void WsPeer::read() {
    ws.async_read(buffer, [self = shared_from_this()](error_code ec, std::size_t) {
        if (ec) {
            self->ended = true;
            ++self->server.wsEnded;
            if (ec == websocket::error::closed) self->server.wsCloseCode = self->ws.reason().code;
            return;
        }
        std::string text = beast::buffers_to_string(self->buffer.data());
        self->buffer.consume(self->buffer.size());
        self->server.wsReceived.push_back(text);
        if (self->server.onWsMessage) self->server.onWsMessage(*self, text);
        if (!self->deaf) self->read();
    });
}

}  // namespace testsrv
