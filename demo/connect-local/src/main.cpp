// connect-local: a local stand-in for Amazon Connect's customer-chat APIs (see server.h for the
// routes and chat_service.h for the behaviour). One process, one thread, one port.
//
// stdout carries exactly one line, "connect-local listening on http://HOST:PORT", which scripts and
// tests parse; everything else goes to stderr. Tokens and message text are never printed. The one
// exception is opt-in and for tests only: --record FILE writes requests and websocket frames with
// message text (credentials still replaced; see server.h). It is never on by default.
#include <csignal>
#include <filesystem>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "connect_local/chat_service.h"
#include "connect_local/config.h"
#include "connect_local/lex/bot_definition.h"
#include "connect_local/lex/local_bots.h"
#include "finchat_native/asio_clock.h"
#include "finchat_native/system_random.h"
#include "server.h"

#ifndef CONNECT_LOCAL_DEFAULT_CONFIG
#define CONNECT_LOCAL_DEFAULT_CONFIG "config.json"
#endif
#ifndef CONNECT_LOCAL_DEFAULT_FLOWS
#define CONNECT_LOCAL_DEFAULT_FLOWS ""
#endif
// Directories served by default, compiled in by CMake (absolute paths of the source and wasm trees):
// the demo page and agent console, the widget's dist directory (web/build.mjs output), the themes.
#ifndef CONNECT_LOCAL_DEFAULT_SITE
#define CONNECT_LOCAL_DEFAULT_SITE ""
#endif
#ifndef CONNECT_LOCAL_DEFAULT_WIDGET
#define CONNECT_LOCAL_DEFAULT_WIDGET ""
#endif
#ifndef CONNECT_LOCAL_DEFAULT_THEMES
#define CONNECT_LOCAL_DEFAULT_THEMES ""
#endif
#ifndef CONNECT_LOCAL_DEFAULT_BOTS
#define CONNECT_LOCAL_DEFAULT_BOTS ""
#endif

namespace {

const char* orNone(const char* dir) { return *dir ? dir : "none"; }

void usage(std::FILE* out) {
    std::fprintf(out,
                 "usage: connect-local [options]\n"
                 "  --port P        port to listen on (default 8080; 0 = any free port)\n"
                 "  --host H        address to listen on (default 127.0.0.1)\n"
                 "  --config FILE   instances, flows, queues, hours, bot aliases, partners (default %s)\n"
                 "  --flows DIR     contact flows, one Amazon Connect flow-language file each; config.json\n"
                 "                  names them by file (default %s)\n"
                 "  --static DIR    serve DIR at / instead of the demo site (default %s)\n"
                 "  --widget DIR    serve DIR at /finaptic-chat/: the widget's files, as web/build.mjs lays\n"
                 "                  them out (default %s)\n"
                 "  --themes DIR    serve DIR at /themes/ (default %s)\n"
                 "  --mount P=DIR   serve DIR at the URL prefix P as well (repeatable)\n"
                 "  --no-files      serve no files at all: GET / lists the endpoints\n"
                 "  --csp           send the strict Content-Security-Policy with every file (default: only\n"
                 "                  /csp.html): %s\n"
                 "  --bots DIR      Lex V2 bots: every folder or .zip in DIR in Lex's export layout, served\n"
                 "                  at RecognizeText's path (repeatable; default %s)\n"
                 "  --agent echo    a scripted agent accepts every contact and echoes customer text\n"
                 "  --seed N        seed for the websocket frame faults set through /test/faults\n"
                 "  --record FILE   tests only: append every request and websocket frame to FILE as JSON\n"
                 "                  lines (credentials redacted, message text kept; see server.h)\n"
                 "  --help          this text\n"
                 "Pages: / (Acme Bank demo), /agent/?instance=acme|finaptic (agent console), /csp.html,\n"
                 "/two-widgets.html, /connect-local/ (the endpoint list).\n",
                 CONNECT_LOCAL_DEFAULT_CONFIG, orNone(CONNECT_LOCAL_DEFAULT_FLOWS), orNone(CONNECT_LOCAL_DEFAULT_SITE), orNone(CONNECT_LOCAL_DEFAULT_WIDGET),
                 orNone(CONNECT_LOCAL_DEFAULT_THEMES), connect_local::kStrictCsp, orNone(CONNECT_LOCAL_DEFAULT_BOTS));
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
    std::optional<std::string> configPath, flowsPath;
    bool echoAgent = false;
    std::string site = CONNECT_LOCAL_DEFAULT_SITE, widget = CONNECT_LOCAL_DEFAULT_WIDGET, themes = CONNECT_LOCAL_DEFAULT_THEMES;
    std::vector<connect_local::StaticMount> extraMounts;
    bool noFiles = false;
    std::vector<std::string> botDirs;

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
        } else if (arg == "--flows" && (v = value())) {
            flowsPath = std::string(*v);
        } else if (arg == "--static" && (v = value())) {
            options.staticDir = std::string(*v);   // must exist (checked at start)
        } else if (arg == "--widget" && (v = value())) {
            widget = std::string(*v);
        } else if (arg == "--themes" && (v = value())) {
            themes = std::string(*v);
        } else if (arg == "--mount" && (v = value())) {
            const auto eq = v->find('=');
            if (eq == std::string_view::npos || eq == 0 || eq + 1 == v->size()) {
                std::fprintf(stderr, "connect-local: --mount needs PREFIX=DIR\n");
                return 2;
            }
            extraMounts.push_back({std::string(v->substr(0, eq)), std::string(v->substr(eq + 1))});
        } else if (arg == "--no-files") {
            noFiles = true;
        } else if (arg == "--csp") {
            options.cspEverywhere = true;
        } else if (arg == "--bots" && (v = value())) {
            botDirs.emplace_back(*v);
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

    if (noFiles) {
        options.staticDir.clear();
    } else {
        // Longest prefix wins at request time; --static (options.staticDir) wins over the site at "/".
        options.mounts = std::move(extraMounts);
        options.mounts.push_back({"/finaptic-chat/", widget});
        options.mounts.push_back({"/themes/", themes});
        options.mounts.push_back({"/", site});
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

    // Flows: an explicit --flows directory must exist; the built-in default may be missing, and then
    // the demo's flows compiled in are used. A refused file is reported and the others still run.
    connect_local::FlowLibrary flows;
    {
        const std::string dir = flowsPath.value_or(CONNECT_LOCAL_DEFAULT_FLOWS);
        std::error_code ec;
        if (!flowsPath && (dir.empty() || !std::filesystem::is_directory(dir, ec))) {
            flows = connect_local::FlowLibrary::demo();
        } else {
            flows = connect_local::FlowLibrary::loadDirectory(dir);
            if (flowsPath && flows.flows.empty() && !flows.errors.empty() && flows.errors[0].file == dir) {
                std::fprintf(stderr, "connect-local: --flows %s: not a directory\n", dir.c_str());
                return 1;
            }
        }
        for (const auto& e : flows.errors) std::fprintf(stderr, "connect-local: flow refused: %s\n", e.describe().c_str());
        for (const auto& inst : config.instances)
            for (const auto& f : inst.flows)
                if (!flows.flow(f.file))
                    std::fprintf(stderr, "connect-local: instance %s, flow %s: no loaded flow file %s; StartChatContact answers 404\n",
                                 inst.id.c_str(), f.id.c_str(), f.file.c_str());
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
    service.setFlows(std::move(flows));
    service.setFlowLog([](const std::string& line) { std::fprintf(stderr, "connect-local: %s\n", line.c_str()); });

    // Lex V2 bots: a bot that fails to load is reported and left out; the others run.
    connect_local::lex::LocalLexBots bots(clock);
    const bool defaultBots = botDirs.empty();
    if (defaultBots && *CONNECT_LOCAL_DEFAULT_BOTS) botDirs.emplace_back(CONNECT_LOCAL_DEFAULT_BOTS);
    for (const auto& dir : botDirs) {
        auto loaded = connect_local::lex::loadBotDirectory(dir);
        for (const auto& e : loaded.errors) {
            std::fprintf(stderr, "connect-local: bot not loaded: %s\n", e.c_str());
            if (!defaultBots && e == dir + ": not a directory") return 1;
        }
        for (auto& bot : loaded.bots) {
            std::fprintf(stderr, "connect-local: bot %s (%s) from %s\n", bot.name.c_str(),
                         bot.identifier.empty() ? "no identifier" : bot.identifier.c_str(), bot.source.c_str());
            bots.add(std::move(bot));
        }
    }
    options.lexBots = &bots;
    // Flows talk to the loaded bots. `--agent echo` without `--bots` is the test and load harness: the
    // keyword bot stands in for banking-assistant and hands every text to the echo agent.
    if (!(echoAgent && defaultBots)) service.setLexBots(&bots);

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
