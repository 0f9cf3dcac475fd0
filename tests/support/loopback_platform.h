// A platform whose HTTP and websockets lead straight into an in-process connect_local::ChatService,
// with every delivery deferred to the manual clock's next turn (as a real network would). Lets the
// real core talk to the real service logic in unit tests, natively, with no sockets.
#pragma once
#include <memory>
#include <set>
#include <string>

#include "connect_local/chat_service.h"
#include "fake_platform.h"

namespace fake {

class LoopbackNetwork : public finchat::HttpClient, public finchat::WebSocketFactory {
public:
    LoopbackNetwork(ManualClock& clock, connect_local::ChatService& service) : clock_(clock), service_(service) {}

    void send(finchat::HttpRequest request, std::function<void(finchat::HttpResponse)> done) override {
        clock_.setTimer(0, [this, request = std::move(request), done = std::move(done)] {
            const auto path = request.url.substr(request.url.find('/', request.url.find("//") + 2));
            std::string bearer;
            for (const auto& [k, v] : request.headers) if (k == "x-amz-bearer") bearer = v;
            connect_local::Reply r;
            if (request.method == "PUT" && path == "/contact/chat") r = service_.startChatContact(request.body);
            else if (auto op = finchat::operationForPath(request.method, path)) r = service_.participant(*op, bearer, request.body, path);
            else r = connect_local::Reply::error("ResourceNotFoundException", "no route");
            finchat::HttpResponse resp{r.status, {}, r.body, {}};
            if (!r.errorType.empty()) resp.headers.push_back({"x-amzn-errortype", r.errorType});
            clock_.setTimer(0, [done, resp] { done(resp); });
        });
    }

    // Client end (finchat::WebSocket) and server end (connect_local::SocketSink) of one connection.
    class Socket : public finchat::WebSocket {
    public:
        Socket(LoopbackNetwork& net, finchat::WebSocketEvents events)
            : net_(net), events_(std::move(events)), alive_(std::make_shared<bool>(true)), sink_(*this) {}
        ~Socket() override {
            *alive_ = false;
            if (id_) net_.service_.socketClosed(*id_);
        }
        void send(std::string text) override {
            later([this, text] { if (id_) net_.service_.socketMessage(*id_, text); });
        }
        void close(int code) override { later([this, code] { drop(code); }); }
        void connect(const std::string& query) {
            later([this, query] {
                id_ = net_.service_.openSocket(query, sink_);
                if (id_) events_.onOpen();
                else events_.onClose(1006);
            });
        }

    private:
        struct Sink : connect_local::SocketSink {
            explicit Sink(Socket& s) : socket(s) {}
            void send(std::string frame) override {
                socket.later([this, frame] { if (socket.id_) socket.events_.onMessage(frame); });
            }
            void close(int code) override { socket.later([this, code] { socket.drop(code); }); }
            Socket& socket;
        };
        void drop(int code) {
            if (!id_) return;
            net_.service_.socketClosed(*id_);
            id_.reset();
            events_.onClose(code);
        }
        void later(std::function<void()> fn) {
            net_.clock_.setTimer(0, [alive = alive_, fn = std::move(fn)] { if (*alive) fn(); });
        }
        LoopbackNetwork& net_;
        finchat::WebSocketEvents events_;
        std::shared_ptr<bool> alive_;
        Sink sink_;
        std::optional<connect_local::SocketId> id_;
    };

    std::unique_ptr<finchat::WebSocket> open(const std::string& url, finchat::WebSocketEvents events) override {
        auto s = std::make_unique<Socket>(*this, std::move(events));
        s->connect(url.substr(url.find('?') + 1));
        return s;
    }

private:
    ManualClock& clock_;
    connect_local::ChatService& service_;
};

}  // namespace fake
