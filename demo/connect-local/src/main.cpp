// connect-local: a local stand-in for Amazon Connect's customer-chat APIs (see server.h for the
// routes and chat_service.h for the behaviour). One process, one thread, one port.
//
// stdout carries exactly one line, "connect-local listening on http://HOST:PORT", which scripts and
// tests parse; everything else goes to stderr. Tokens and message text are never printed. The one
// exception is opt-in and for tests only: --record FILE writes requests and websocket frames with
// message text (credentials still replaced; see server.h). It is never on by default.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "connect_local/chat_service.h"
#include "connect_local/config.h"
#include "finchat_native/asio_clock.h"
#include "finchat_native/system_random.h"
#include "server.h"

#ifndef CONNECT_LOCAL_DEFAULT_CONFIG
#define CONNECT_LOCAL_DEFAULT_CONFIG "config.json"
#endif

namespace {

void usage(std::FILE* out) {
    std::fprintf(out,
                 "usage: connect-local [options]\n"
                 "  --port P        port to listen on (default 8080; 0 = any free port)\n"
                 "  --host H        address to listen on (default 127.0.0.1)\n"
                 "  --config FILE   instances, flows, partners (default %s)\n"
                 "  --static DIR    serve the demo page and agent console from DIR\n"
                 "  --agent echo    a scripted agent accepts every contact and echoes customer text\n"
                 "  --seed N        seed for the websocket frame faults set through /test/faults\n"
                 "  --record FILE   tests only: append every request and websocket frame to FILE as JSON\n"
                 "                  lines (credentials redacted, message text kept; see server.h)\n"
                 "  --help          this text\n",
                 CONNECT_LOCAL_DEFAULT_CONFIG);
}

std::optional<unsigned long> number(std::string_view text, unsigned long max) {
    if (text.empty() || text.size() > 10) return std::nullopt;
    unsigned long v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<unsigned long>(c - '0');
    }
    if (v > max) return std::nullopt;
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    connect_local::ServerOptions options;
    options.port = 8080;
    std::optional<std::string> configPath;
    bool echoAgent = false;

    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> std::optional<std::string_view> {
            if (i + 1 >= argc) return std::nullopt;
            return std::string_view(argv[++i]);
        };
        std::optional<std::string_view> v;
        if (arg == "--help" || arg == "-h") {
            usage(stdout);
            return 0;
        } else if (arg == "--port" && (v = value())) {
            const auto port = number(*v, 65535);
            if (!port) {
                std::fprintf(stderr, "connect-local: --port needs a number 0-65535\n");
                return 2;
            }
            options.port = static_cast<std::uint16_t>(*port);
        } else if (arg == "--host" && (v = value())) {
            options.host = std::string(*v);
        } else if (arg == "--config" && (v = value())) {
            configPath = std::string(*v);
        } else if (arg == "--static" && (v = value())) {
            options.staticDir = std::string(*v);
        } else if (arg == "--agent" && (v = value())) {
            if (*v != "echo") {
                std::fprintf(stderr, "connect-local: the only scripted agent is 'echo'\n");
                return 2;
            }
            echoAgent = true;
        } else if (arg == "--record" && (v = value())) {
            options.recordFile = std::string(*v);
        } else if (arg == "--seed" && (v = value())) {
            const auto seed = number(*v, 0xffffffffUL);
            if (!seed) {
                std::fprintf(stderr, "connect-local: --seed needs a number 0-4294967295\n");
                return 2;
            }
            options.seed = static_cast<std::uint32_t>(*seed);
        } else {
            std::fprintf(stderr, "connect-local: unknown or incomplete option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }

    // An explicit --config must work; the built-in default may be missing (a binary copied
    // elsewhere), and then the same topology compiled in is used.
    connect_local::Config config;
    {
        const std::string path = configPath.value_or(CONNECT_LOCAL_DEFAULT_CONFIG);
        auto loaded = connect_local::Config::load(path);
        if (loaded) {
            config = std::move(*loaded);
        } else if (configPath) {
            std::fprintf(stderr, "connect-local: %s\n", loaded.error().describe().c_str());
            return 1;
        } else {
            std::fprintf(stderr, "connect-local: %s; using the built-in demo configuration\n",
                         loaded.error().describe().c_str());
            config = connect_local::Config::demo();
        }
    }

    // Every chat holds a websocket per participant: lift the soft descriptor limit to the hard one
    // (commonly 1024 of 524288), or a few hundred chats would end in EMFILE.
    if (rlimit rl{}; getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }

    boost::asio::io_context io;
    finchat_native::AsioClock clock(io);
    finchat_native::SystemRandom random;
    connect_local::ChatService service(std::move(config), clock, random);
    if (echoAgent) service.setEchoAgent(true);

    connect_local::Server server(io, service, options);
    std::string error;
    if (!server.start(error)) {
        std::fprintf(stderr, "connect-local: %s\n", error.c_str());
        return 1;
    }
    std::printf("connect-local listening on %s\n", server.httpBase().c_str());
    std::fflush(stdout);

    // The service keeps timers (idle, chat duration) on the io_context, so run() would not return
    // by itself: a signal stops the server, then the loop.
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int) {
        if (ec) return;
        server.stop();
        io.stop();
    });
    io.run();
    return 0;
}
