// finchat-cli: a customer chat in the terminal, over the native platform layer.
//
// Starts a chat with StartChatContact (as a site's backend would), then runs a finchat::ChatSession
// on one io_context: stdin lines are sent as messages, whatever the session reports is printed.
// Tokens are never printed. "/quit" or end of input ends the chat politely: pending sends are given
// time to reach the server, then DisconnectParticipant, then exit once the session says Ended.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "finchat/chat_session.h"
#include "finchat/protocol.h"
#include "finchat/util.h"
#include "finchat_native/asio_clock.h"
#include "finchat_native/beast_http_client.h"
#include "finchat_native/beast_websocket.h"
#include "finchat_native/system_random.h"

namespace asio = boost::asio;
using boost::system::error_code;
using namespace std::chrono_literals;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
// After /quit: how long pending sends may take before we disconnect anyway, and how long the
// server may take to confirm the end before we leave regardless.
constexpr auto kSettleLimit = 10s;
constexpr auto kEndLimit = 8s;

struct Options {
    std::string endpoint;
    std::string instance = "acme";
    std::string flow = "acme-l1";
    std::string name = "Dana";
    std::string startUrl;   // default: {endpoint}/contact/chat
};

void printUsage(std::FILE* to) {
    std::fputs(
        "usage: finchat-cli --endpoint URL [--instance ID] [--flow ID] [--name NAME] [--start-url URL]\n"
        "\n"
        "Starts an Amazon Connect customer chat and talks to it from the terminal.\n"
        "\n"
        "  --endpoint URL   participant service base URL, e.g. http://127.0.0.1:8080 (required)\n"
        "  --instance ID    Connect instance id (default: acme)\n"
        "  --flow ID        contact flow id (default: acme-l1)\n"
        "  --name NAME      customer display name (default: Dana)\n"
        "  --start-url URL  StartChatContact URL (default: {endpoint}/contact/chat)\n"
        "  --help           this text\n"
        "\n"
        "Each input line is sent as a message. /quit or end of input ends the chat.\n",
        to);
}

// Returns nullopt after printing why (or the help text, with `helped` set).
std::optional<Options> parseArgs(int argc, char** argv, bool& helped) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            helped = true;
            printUsage(stdout);
            return std::nullopt;
        }
        std::string value;
        std::string_view name = arg;
        if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string_view::npos) {
            name = arg.substr(0, eq);
            value = std::string(arg.substr(eq + 1));
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            std::fprintf(stderr, "finchat-cli: %s needs a value\n", argv[i]);
            return std::nullopt;
        }
        if (name == "--endpoint") o.endpoint = value;
        else if (name == "--instance") o.instance = value;
        else if (name == "--flow") o.flow = value;
        else if (name == "--name") o.name = value;
        else if (name == "--start-url") o.startUrl = value;
        else {
            std::fprintf(stderr, "finchat-cli: unknown option %.*s (see --help)\n", static_cast<int>(name.size()), name.data());
            return std::nullopt;
        }
    }
    if (o.endpoint.empty()) {
        std::fputs("finchat-cli: --endpoint is required (see --help)\n", stderr);
        return std::nullopt;
    }
    // The core appends "/participant/..." to the endpoint as is.
    while (!o.endpoint.empty() && o.endpoint.back() == '/') o.endpoint.pop_back();
    if (o.startUrl.empty()) o.startUrl = o.endpoint + "/contact/chat";
    return o;
}

std::string clockTime(std::int64_t ms) {
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    localtime_r(&secs, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
    return buf;
}

std::string entryText(const finchat::TranscriptEntry& e) {
    using finchat::ContentKind;
    const finchat::Item& item = e.item;
    if (item.type == finchat::ItemType::Attachment) {
        std::string names;
        for (const auto& a : item.attachments) names += (names.empty() ? "" : ", ") + a.attachmentName;
        return "[attachment: " + names + "]";
    }
    switch (item.kind()) {
        case ContentKind::TextPlain:
        case ContentKind::TextMarkdown: return item.content;
        case ContentKind::Interactive: return "[interactive] " + item.content;
        case ContentKind::InteractiveResponse: return "[interactive response] " + item.content;
        case ContentKind::Json: return "[json] " + item.content;
        case ContentKind::ParticipantJoined: return "* joined the chat";
        case ContentKind::ParticipantLeft: return "* left the chat";
        case ContentKind::ChatEnded: return "* chat ended";
        case ContentKind::TransferSucceeded: return "* transfer succeeded";
        case ContentKind::TransferFailed: return "* transfer failed";
        default: return "[" + item.contentType + "] " + item.content;
    }
}

struct Cli {
    explicit Cli(asio::io_context& io, Options options)
        : io(io), options(std::move(options)), clock(io), http(io), sockets(io), input(io), signals(io, SIGINT, SIGTERM),
          quitTimer(io) {}

    asio::io_context& io;
    Options options;
    finchat_native::AsioClock clock;
    finchat_native::BeastHttpClient http;
    finchat_native::BeastWebSocketFactory sockets;
    finchat_native::SystemRandom random;
    std::unique_ptr<finchat::ChatSession> session;   // declared after the platform: destroyed first

    asio::posix::stream_descriptor input;
    std::string inputBuffer;
    std::vector<std::string> early;   // lines read before the chat was started
    asio::signal_set signals;
    asio::steady_timer quitTimer;
    bool quitRequested = false;
    bool disconnectRequested = false;
    bool stopped = false;
    int exitCode = kExitOk;

    static void say(const std::string& line) {
        std::cout << line << std::endl;   // flushed: output is often a pipe read by a test
    }

    void start() {
        finchat::StartChatContactRequest req;
        req.instanceId = options.instance;
        req.contactFlowId = options.flow;
        req.participantDetails.displayName = options.name;
        req.clientToken = finchat::uuidV4(random);
        req.supportedMessagingContentTypes = {
            std::string(finchat::content_type::kTextPlain), std::string(finchat::content_type::kTextMarkdown),
            std::string(finchat::content_type::kInteractive), std::string(finchat::content_type::kInteractiveResponse)};
        finchat::HttpRequest request{"PUT", options.startUrl, {{"content-type", "application/json"}}, finchat::encode(req)};
        say("-- starting chat at " + options.startUrl);
        http.send(std::move(request), [this](finchat::HttpResponse res) { onStarted(std::move(res)); });

        signals.async_wait([this](error_code ec, int) { onSignal(ec); });
        startInput();
    }

    void onStarted(finchat::HttpResponse res) {
        if (res.status != 200) {
            std::cerr << "finchat-cli: StartChatContact failed: " << finchat::errorFromResponse(res).describe() << std::endl;
            return stop(kExitFailure);
        }
        auto started = finchat::decode<finchat::StartChatContactResponse>(res.body);
        if (!started) {
            std::cerr << "finchat-cli: StartChatContact answer unusable: " << started.error().describe() << std::endl;
            return stop(kExitFailure);
        }
        say("-- contact " + started->contactId);
        finchat::ChatDetails details{started->contactId, started->participantId, started->participantToken,
                                     options.endpoint, options.name};
        session = std::make_unique<finchat::ChatSession>(finchat::Platform{http, sockets, clock, random, finchat::builtinPiiDetector(), nullptr},
                                                         std::move(details));
        session->setEventHandler([this](const finchat::SessionEvent& e) { onEvent(e); });
        session->connect();
        // The session queues these until it has a ConnectionToken.
        for (std::string& line : early) send(std::move(line));
        early.clear();
        if (quitRequested) settleThenDisconnect();
    }

    // --- stdin ---------------------------------------------------------------------------------
    void startInput() {
        error_code ec;
        // A duplicate, so closing our end at exit leaves the process's fd 0 alone.
        input.assign(::dup(STDIN_FILENO), ec);
        if (ec) {
            say("-- cannot read stdin (" + ec.message() + "); receiving only");
            return;
        }
        readLine();
    }

    void readLine() {
        asio::async_read_until(input, asio::dynamic_buffer(inputBuffer), '\n', [this](error_code ec, std::size_t n) {
            if (stopped) return;
            if (ec) {
                if (!inputBuffer.empty()) onLine(std::exchange(inputBuffer, {}));   // last line without '\n'
                if (!quitRequested) say("-- end of input");
                return requestQuit();
            }
            std::string line = inputBuffer.substr(0, n - 1);
            inputBuffer.erase(0, n);
            onLine(std::move(line));
            if (!quitRequested) readLine();
        });
    }

    void onLine(std::string line) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) return;
        if (line == "/quit") return requestQuit();
        if (!session) {   // piped input arrives before the chat exists: keep it for later
            early.push_back(std::move(line));
            return;
        }
        send(std::move(line));
    }

    void send(std::string text) {
        auto sent = session->sendMessage(std::move(text));
        if (!sent) say("-- not sent: " + sent.error().describe());
    }

    // --- ending --------------------------------------------------------------------------------
    void onSignal(error_code ec) {
        if (ec || stopped) return;
        if (quitRequested) return stop(130);   // second Ctrl-C: leave now
        say("-- interrupted; ending the chat (again to force)");
        requestQuit();
        signals.async_wait([this](error_code ec, int) { onSignal(ec); });
    }

    void requestQuit() {
        if (quitRequested) return;
        quitRequested = true;
        if (!session) return;   // still starting: onStarted continues from here
        settleThenDisconnect();
    }

    void settleThenDisconnect() {
        quitTimer.expires_after(kSettleLimit);
        quitTimer.async_wait([this](error_code ec) {
            if (ec || stopped) return;
            if (!disconnectRequested) return disconnectNow();
            say("-- the server did not confirm the end; leaving");
            stop(kExitFailure);
        });
        maybeDisconnect();
    }

    // Disconnecting while Connecting would end the chat before queued lines ever reach the server
    // (piped input hits EOF at once), so wait until the session is live and nothing is pending.
    void maybeDisconnect() {
        if (!quitRequested || disconnectRequested || !session || stopped) return;
        const finchat::SessionState s = session->state();
        if (s == finchat::SessionState::Ended || s == finchat::SessionState::Failed) return stop(exitCode);
        if (s != finchat::SessionState::Live) return;
        for (const finchat::TranscriptEntry* e : session->transcript().unsent())
            if (e->delivery == finchat::Delivery::Pending) return;
        disconnectNow();
    }

    void disconnectNow() {
        disconnectRequested = true;
        say("-- disconnecting");
        session->disconnect();
        quitTimer.expires_after(kEndLimit);
        quitTimer.async_wait([this](error_code ec) {
            if (ec || stopped) return;
            say("-- the server did not confirm the end; leaving");
            stop(kExitFailure);
        });
    }

    void stop(int code) {
        if (stopped) return;
        stopped = true;
        exitCode = code;
        io.stop();
    }

    // --- session events ------------------------------------------------------------------------
    void onEvent(const finchat::SessionEvent& e) {
        using T = finchat::SessionEventType;
        switch (e.type) {
            case T::StateChanged: {
                const finchat::SessionState s = session->state();
                std::string line = std::string("-- state: ") + finchat::toString(s);
                if (s == finchat::SessionState::Reconnecting) line += " (attempt " + std::to_string(session->reconnectAttempt()) + ")";
                say(line);
                if (s == finchat::SessionState::Failed) exitCode = kExitFailure;
                break;
            }
            case T::TranscriptChanged:
                if (e.active) printEntry(e.localId);
                break;
            case T::TypingChanged:
                say("-- " + nameOr(e.displayName, "someone") + (e.active ? " is typing" : " stopped typing"));
                break;
            case T::ParticipantIdle: say("-- " + nameOr(e.displayName, "a participant") + " is idle"); break;
            case T::ParticipantReturned: say("-- " + nameOr(e.displayName, "a participant") + " is back"); break;
            case T::AutoDisconnection: say("-- " + nameOr(e.displayName, "a participant") + " was disconnected for inactivity"); break;
            case T::TransferSucceeded: say("-- transferred"); break;
            case T::TransferFailed: say("-- transfer failed"); break;
            case T::EscalationRequested: say("-- escalation requested: " + e.text); break;
            case T::ConnectionEstablished: say("-- connected"); break;
            case T::ConnectionLost: say("-- connection lost"); break;
            case T::HeartbeatFailure: say("-- heartbeat missed; replacing the connection"); break;
            case T::SendFailed: say("-- message not sent" + (e.error ? ": " + e.error->describe() : std::string())); break;
            case T::PiiMasked: say("-- for your safety, masked before sending: " + e.text); break;
            case T::ChatEnded: say("-- chat ended"); break;
            case T::Error: if (e.error) say("-- error: " + e.error->describe()); break;
            case T::ParticipantJoined:
            case T::ParticipantLeft: break;   // shown as transcript entries
        }
        // Never call back into the session from inside its own event: continue on the next turn.
        asio::post(io, [this] { afterEvent(); });
    }

    void afterEvent() {
        if (stopped || !session) return;
        const finchat::SessionState s = session->state();
        if (s == finchat::SessionState::Ended || s == finchat::SessionState::Failed) return stop(exitCode);
        maybeDisconnect();
    }

    static std::string nameOr(const std::string& name, const char* fallback) {
        return name.empty() ? fallback : name;
    }

    void printEntry(const std::string& localId) {
        const finchat::TranscriptEntry* e = session->transcript().findLocal(localId);
        if (!e) return;
        const finchat::Item& item = e->item;
        std::string role = toString(item.role());
        if (role.empty()) role = e->own ? "CUSTOMER" : "SYSTEM";
        const std::string name = nameOr(item.displayName, e->own ? options.name.c_str() : "System");
        say("[" + clockTime(e->timeMs) + "] " + name + " (" + role + "): " + entryText(*e));
    }

    void cleanup() {
        error_code ignored;
        input.close(ignored);
        signals.cancel(ignored);
        quitTimer.cancel();
        session.reset();
    }
};

}  // namespace

int main(int argc, char** argv) {
    bool helped = false;
    auto options = parseArgs(argc, argv, helped);
    if (!options) return helped ? kExitOk : kExitUsage;

    try {
        asio::io_context io;
        int exitCode = kExitOk;
        {
            Cli cli(io, std::move(*options));
            cli.start();
            io.run();
            exitCode = cli.exitCode;
            cli.cleanup();
            // Let the sockets the session dropped send their close frames; bounded, not awaited.
            io.restart();
            io.run_for(2s);
        }
        return exitCode;
    } catch (const std::exception& e) {
        std::cerr << "finchat-cli: " << e.what() << std::endl;
        return kExitFailure;
    }
}
