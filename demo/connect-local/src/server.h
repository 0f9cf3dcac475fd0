// connect_local/server.h: the network face of ChatService: HTTP/1.1 and websockets over Beast.
//
// Everything runs on ONE io_context and one thread, because ChatService (like the core) is
// single-threaded. The server only parses, routes and moves bytes; every answer comes from
// ChatService. What it adds is transport: CORS, request ids, body/header/time limits, static files,
// the loopback-only test API, and the websocket frame faults (delay, duplicate, reorder) that
// ChatService::faults() asks for.
//
// Routes (see server.cpp for the details):
//   OPTIONS *                                  CORS preflight
//   PUT  /contact/chat                         StartChatContact (SigV4 headers ignored)
//   POST /participant/...                      participant service, by X-Amz-Bearer
//   PUT|GET /attachments/{id}?sig=...          presigned-style upload / download
//   GET  /ws?...  (websocket upgrade)          websocket gateway
//   GET  /agent-api/queues?instance=X, POST /agent-api/accept, POST /agent-api/transfer,
//   GET  /agent-api/contacts/{id}              agent console API (contact details: X-Amz-Bearer of its agent)
//   POST /bots/{bot}/botAliases/{alias}/botLocales/{locale}/sessions/{session}/text
//                                              Lex V2 RecognizeText (ServerOptions::lexBots; SigV4 ignored)
//   POST /finaptic/v1/escalations (x-api-key)  Finaptic Support API
//   POST /acme/api/chat-token                  demo partner backend
//   POST /test/faults, /test/close-sockets     test control, loopback peers only
//   GET  /connect-local/                       the endpoint list (also at / when nothing is mounted there)
//   GET  anything else                         static files from the mounts (ServerOptions::mounts)
//
// Static files: each mount serves one directory under a URL prefix, the longest matching prefix
// wins (connect-local's defaults: / and /agent/ from demo/site, /finaptic-chat/ from the widget's
// dist directory, /themes/ from themes/). Paths are built segment by segment from decoded names:
// "..", ".", hidden names, encoded separators and NULs are refused, and a file reached through a
// symlink must still lie inside its mount. Responses carry the content type by extension,
// "Cache-Control: no-cache" with an ETag (files are rebuilt while the server runs; an unchanged file
// revalidates with 304), "X-Content-Type-Options: nosniff", and, for /csp.html or every file when
// cspEverywhere is set (--csp), the strict Content-Security-Policy of kStrictCsp. A mount whose
// directory does not exist (yet) answers 404, so the server starts before the widget is built.
//
// Test recording (ServerOptions::recordFile, `--record FILE`; off unless asked for): one JSON line
// per event is appended to the file, for side-by-side comparisons of clients (reference §11.3):
//   {"t": ms since the server started, "kind": "http"|"ws-open"|"ws-in"|"ws-out"|"ws-close",
//    "conn"|"socket": connection/websocket number, "method", "path", "headers" (names lower-case),
//    "body", "frame" (JSON parsed where possible), "status", "errorType", "response", "code", "by"}
// Credentials never reach the file: the values of x-amz-bearer, authorization, x-api-key,
// x-amz-security-token and cookie headers and of token-bearing query parameters are "<redacted>",
// and token fields in bodies (ParticipantToken, ConnectionToken, URL query values) become
// "<token#N>", N numbering the distinct values of the run, so a comparison can still tell which
// credential was used ("bearer": "<token#N>" on requests and websockets) without knowing it.
// Message text IS kept: this is an explicit test option, never on by default, not for production
// use (elsewhere tokens and message text are never logged).
//
// Errors look like Connect's: status + x-amzn-ErrorType + {"message": ...}. Transport errors of the
// server's own: 400 BadRequestException (malformed HTTP, then close), 404 UnknownOperationException
// (no route; ResourceNotFoundException for a GET of a missing file), 413
// RequestEntityTooLargeException (JSON body > 1 MiB, upload > 25 MiB; then close), 431
// RequestHeaderFieldsTooLargeException (then close), 426 UpgradeRequiredException (GET /ws without
// an upgrade), 403 AccessDeniedException (/test/* from a non-loopback peer, refused websocket upgrade).
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connect_local/chat_service.h"
#include "connect_local/lex_runtime.h"

namespace boost::asio { class io_context; }

namespace connect_local {

// One directory served under a URL prefix.
struct StaticMount {
    std::string prefix;   // "/", "/finaptic-chat/": starts and ends with '/' (added if missing)
    std::string dir;
};

// The policy of pages served with cspEverywhere or at /csp.html: what the widget needs, nothing more.
inline constexpr const char* kStrictCsp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "connect-src 'self' ws://127.0.0.1:* ws://localhost:*; img-src 'self' data:; font-src 'self'";

struct ServerOptions {
    std::string host = "127.0.0.1";        // address or name to listen on
    std::uint16_t port = 0;                 // 0: an ephemeral port (see Server::port())
    std::string staticDir;                  // served at "/" (must exist; overrides a "/" mount)
    std::vector<StaticMount> mounts;        // more directories; none: GET / shows the endpoint list
    bool cspEverywhere = false;             // every static file with kStrictCsp, not only /csp.html
    std::optional<std::uint32_t> seed;      // fault randomness; unset: from std::random_device

    std::size_t maxJsonBody = 1u << 20;     // every route except attachment upload
    std::size_t maxUploadBody = 25u << 20;  // PUT /attachments/{id}
    std::size_t maxHeaderBytes = 16u << 10;
    std::chrono::milliseconds headerTimeout{30'000};   // a request's header, incl. keep-alive idle time
    std::chrono::milliseconds bodyTimeout{60'000};     // the body after its header
    std::chrono::milliseconds writeTimeout{60'000};    // one response

    std::size_t maxWsMessage = 64u << 10;
    std::size_t maxWsQueueFrames = 1'000;   // a websocket whose peer stops reading is closed (1008)
    std::size_t maxWsQueueBytes = 4u << 20; // when its outgoing queue passes either bound
    std::chrono::milliseconds wsIdleTimeout{120'000};  // no data at all (pings are sent at half)
    std::chrono::milliseconds wsCloseTimeout{5'000};   // close handshake + queued frames, then drop
    std::chrono::milliseconds reorderHold{200};        // a held-back frame goes out alone after this

    LexBots* lexBots = nullptr;   // RecognizeText's bots (must outlive the Server); none: every bot is unknown

    std::string recordFile;   // non-empty: append the test recording described above (tests only)
};

struct ServerStats {
    std::uint64_t connectionsAccepted = 0;
    std::uint64_t requests = 0;
    std::uint64_t websocketsOpened = 0;
    std::uint64_t websocketOverflows = 0;  // closed with 1008 because the peer did not read
    std::size_t openConnections = 0;       // HTTP connections, not counting upgraded ones
    std::size_t openWebsockets = 0;
};

namespace detail { struct ServerState; }

class Server {
public:
    // `service` must outlive the Server. Nothing happens before start().
    Server(boost::asio::io_context& io, ChatService& service, ServerOptions options = {});
    // Closes every connection and websocket (ChatService::socketClosed for each open one). Pending
    // handlers may still run on the io_context afterwards; they touch neither the service nor *this.
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds, listens, and tells the service its public base (ChatService::setPublicBase). Returns
    // false with a reason in `error` if the address cannot be used.
    bool start(std::string& error);
    // Stops accepting and closes every connection. Idempotent; the destructor calls it.
    void stop();

    std::uint16_t port() const;        // the bound port, after start()
    std::string httpBase() const;      // "http://127.0.0.1:PORT": what websocket/attachment URLs use
    ServerStats stats() const;

private:
    std::shared_ptr<detail::ServerState> state_;
};

}  // namespace connect_local
