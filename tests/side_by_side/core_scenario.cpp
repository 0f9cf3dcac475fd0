// core_scenario: our core (finchat::ChatSession over the native transports) as a remote-controlled
// customer, for the side-by-side comparison with chatjs (tests/conformance/side-by-side/).
//
// The scenario itself (steps, timing, the agent, the fault knobs) lives in one place, the Node
// conductor tests/conformance/side-by-side/scenario.js, which drives chatjs in-process and this
// program through its stdin/stdout, so both clients get exactly the same steps at the same times.
// The session uses SessionConfig's defaults (the chatjs timings of reference §6.3).
//
// stdin, one JSON object per line:
//   {"cmd":"start","endpoint":URL,"contactId":..,"participantId":..,"participantToken":..,"displayName":..}
//   {"cmd":"send","contentType":"text/plain","content":"hello"}
//   {"cmd":"typing"}                       ChatSession::notifyTyping()
//   {"cmd":"read","messageId":ID}          ChatSession::markRead()
//   {"cmd":"transcript"}                   ChatSession::loadOlder() (the core has no other fetch)
//   {"cmd":"disconnect"}
//   {"cmd":"quit"}                         also on end of input
// stdout, one JSON object per line, "t" = wall-clock ms: {"ev":"ready"}, {"ev":"state","state":..},
//   {"ev":"connection-established"|"connection-lost"|"heartbeat-failure"|"ended"},
//   {"ev":"item","localId","id","type","contentType","role","participantId","content","own","delivery"},
//   {"ev":"typing","participantId","active"}, {"ev":"send-failed","localId","error"},
//   {"ev":"error","error"}, and answers {"ev":"sent","localId"} / {"ev":"transcript","requested"}.
// Tokens are never printed; message text is (this is a test driver).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <nlohmann/json.hpp>

#include "finchat/chat_session.h"
#include "finchat/protocol.h"
#include "finchat_native/asio_clock.h"
#include "finchat_native/beast_http_client.h"
#include "finchat_native/beast_websocket.h"
#include "finchat_native/system_random.h"

namespace asio = boost::asio;
using boost::system::error_code;
using json = nlohmann::json;

namespace {

struct Driver {
    explicit Driver(asio::io_context& io) : io(io), clock(io), http(io), sockets(io), input(io) {}

    asio::io_context& io;
    finchat_native::AsioClock clock;
    finchat_native::BeastHttpClient http;
    finchat_native::BeastWebSocketFactory sockets;
    finchat_native::SystemRandom random;
    std::unique_ptr<finchat::ChatSession> session;   // after the platform: destroyed first
    asio::posix::stream_descriptor input;
    std::string buffer;
    bool stopped = false;

    void out(json j) {
        j["t"] = clock.nowMs();
        // replace: message text of any encoding must not abort (JSON_NOEXCEPTION).
        std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << std::endl;
    }

    void start() {
        error_code ec;
        input.assign(::dup(STDIN_FILENO), ec);
        if (ec) {
            std::cerr << "core_scenario: cannot read stdin: " << ec.message() << std::endl;
            return stop();
        }
        out({{"ev", "ready"}});
        readLine();
    }

    void readLine() {
        asio::async_read_until(input, asio::dynamic_buffer(buffer), '\n', [this](error_code ec, std::size_t n) {
            if (stopped) return;
            if (ec) return stop();
            const std::string line = buffer.substr(0, n - 1);
            buffer.erase(0, n);
            command(line);
            if (!stopped) readLine();
        });
    }

    void command(const std::string& line) {
        const json c = json::parse(line, nullptr, false);
        if (!c.is_object() || !c.contains("cmd") || !c["cmd"].is_string()) {
            out({{"ev", "error"}, {"error", "unreadable command"}});
            return;
        }
        auto str = [&](const char* key) { return c.contains(key) && c[key].is_string() ? c[key].get<std::string>() : std::string(); };
        const std::string cmd = c["cmd"].get<std::string>();
        if (cmd == "quit") return stop();
        if (cmd == "start") {
            if (session) return out({{"ev", "error"}, {"error", "already started"}});
            finchat::ChatDetails details{str("contactId"), str("participantId"), str("participantToken"), str("endpoint"),
                                         str("displayName")};
            session = std::make_unique<finchat::ChatSession>(finchat::Platform{http, sockets, clock, random, finchat::builtinPiiDetector(), nullptr},
                                                             std::move(details));
            session->setEventHandler([this](const finchat::SessionEvent& e) { onEvent(e); });
            session->connect();
            return;
        }
        if (!session) return out({{"ev", "error"}, {"error", "not started"}});
        if (cmd == "send") {
            auto r = session->sendMessage(str("content"), str("contentType").empty() ? "text/plain" : str("contentType"));
            if (r) out({{"ev", "sent"}, {"localId", *r}});
            else out({{"ev", "error"}, {"error", r.error().describe()}});
        } else if (cmd == "typing") {
            session->notifyTyping();
        } else if (cmd == "read") {
            session->markRead(str("messageId"));
        } else if (cmd == "transcript") {
            out({{"ev", "transcript"}, {"requested", session->loadOlder()}});
        } else if (cmd == "disconnect") {
            session->disconnect();
        } else {
            out({{"ev", "error"}, {"error", "unknown command " + cmd}});
        }
    }

    void onEvent(const finchat::SessionEvent& e) {
        using T = finchat::SessionEventType;
        switch (e.type) {
            case T::StateChanged: out({{"ev", "state"}, {"state", finchat::toString(session->state())}}); break;
            case T::TranscriptChanged: {
                const finchat::TranscriptEntry* entry = session->transcript().findLocal(e.localId);
                if (!entry) break;
                const finchat::Item& item = entry->item;
                out({{"ev", "item"}, {"added", e.active}, {"localId", entry->localId}, {"id", item.id},
                     {"type", finchat::toString(item.type)}, {"contentType", item.contentType},
                     {"role", finchat::toString(item.role())}, {"participantId", item.participantId},
                     {"content", item.content}, {"own", entry->own}, {"delivery", finchat::toString(entry->delivery)}});
                break;
            }
            case T::TypingChanged: out({{"ev", "typing"}, {"participantId", e.participantId}, {"active", e.active}}); break;
            case T::ConnectionEstablished: out({{"ev", "connection-established"}}); break;
            case T::ConnectionLost: out({{"ev", "connection-lost"}}); break;
            case T::HeartbeatFailure: out({{"ev", "heartbeat-failure"}}); break;
            case T::SendFailed:
                out({{"ev", "send-failed"}, {"localId", e.localId}, {"error", e.error ? e.error->describe() : std::string()}});
                break;
            case T::ChatEnded: out({{"ev", "ended"}}); break;
            case T::Error: out({{"ev", "error"}, {"error", e.error ? e.error->describe() : std::string()}}); break;
            default: out({{"ev", "other"}, {"type", static_cast<int>(e.type)}}); break;
        }
    }

    void stop() {
        if (stopped) return;
        stopped = true;
        error_code ignored;
        input.close(ignored);
        // Destroyed on the next turn: never from inside one of the session's own callbacks.
        asio::post(io, [this] {
            session.reset();
            io.stop();
        });
    }
};

}  // namespace

int main() {
    try {
        asio::io_context io;
        {
            Driver driver(io);
            driver.start();
            io.run();
            // Let dropped sockets send their close frames; bounded.
            io.restart();
            io.run_for(std::chrono::milliseconds(500));
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "core_scenario: " << e.what() << std::endl;
        return 1;
    }
}
