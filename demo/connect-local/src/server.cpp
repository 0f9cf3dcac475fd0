#include "server.h"

#include "comprehend_api.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "finchat/protocol.h"
#include "finchat/util.h"
#include "lex/recognize_text.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace connect_local {
namespace detail {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
using SteadyClock = std::chrono::steady_clock;

struct HttpSession;
struct WsSession;

// ---------------------------------------------------------------------------------------------
// Small pure helpers
// ---------------------------------------------------------------------------------------------
namespace {

constexpr const char* kAllowMethods = "GET,POST,PUT,OPTIONS";
// What chatjs's preflight asks for (reference §3.1), plus what other AWS SDK builds and our own
// APIs send. Requested headers are echoed on top of these.
constexpr const char* kBaseAllowHeaders =
    "authorization,content-type,x-amz-bearer,x-amz-content-sha256,x-amz-date,x-amz-user-agent,"
    "amz-sdk-invocation-id,amz-sdk-request,x-amz-security-token,x-api-key";
constexpr const char* kExposeHeaders = "x-amzn-requestid,x-amzn-errortype,x-amz-apigw-id,date";

struct Target {
    std::string_view path;
    std::string_view query;   // without '?'
};
Target splitTarget(std::string_view target) {
    const auto q = target.find('?');
    if (q == std::string_view::npos) return {target, {}};
    return {target.substr(0, q), target.substr(q + 1)};
}

// One path segment after a fixed prefix ("/agent-api/contacts/{id}"): decoded, non-empty, no '/'.
std::optional<std::string> pathParam(std::string_view path, std::string_view prefix) {
    if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix) return std::nullopt;
    auto decoded = finchat::percentDecode(path.substr(prefix.size()), false);
    if (!decoded || decoded->empty() || decoded->find('/') != std::string::npos) return std::nullopt;
    return decoded;
}

bool isLoopback(const asio::ip::address& a) {
    if (a.is_v4()) return a.to_v4().is_loopback();   // 127.0.0.0/8
    const auto v6 = a.to_v6();
    if (v6.is_loopback()) return true;                // ::1
    // A dual-stack listener sees IPv4 peers as ::ffff:127.x.y.z.
    return v6.is_v4_mapped() && asio::ip::make_address_v4(asio::ip::v4_mapped, v6).is_loopback();
}

// The Date header changes once a second; every response of that second reuses the text.
std::string httpDate() {
    thread_local std::time_t cachedAt = -1;
    thread_local std::string cached;
    const std::time_t now = std::time(nullptr);
    if (now != cachedAt) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        char buf[64];
        const std::size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cached.assign(buf, n);
        cachedAt = now;
    }
    return cached;
}

bool tokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Base list plus every well-formed header name the preflight asked for, lower-cased, no duplicates.
std::string allowHeaders(std::string_view requested) {
    std::vector<std::string> names;
    auto add = [&](std::string_view raw) {
        while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
        if (raw.empty() || raw.size() > 100 || !std::all_of(raw.begin(), raw.end(), tokenChar)) return;
        std::string name(raw);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
    };
    auto split = [&](std::string_view list) {
        while (!list.empty()) {
            const auto comma = list.find(',');
            add(list.substr(0, comma));
            if (comma == std::string_view::npos) break;
            list.remove_prefix(comma + 1);
        }
    };
    split(kBaseAllowHeaders);
    split(requested.substr(0, 4096));
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ',';
        out += n;
    }
    return out;
}

const char* contentTypeFor(const fs::path& file) {
    std::string ext = file.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::pair<const char*, const char*> kTypes[] = {
        {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"}, {".wasm", "application/wasm"},
        {".json", "application/json"}, {".map", "application/json"},
        {".png", "image/png"}, {".svg", "image/svg+xml"}, {".ico", "image/x-icon"},
        {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"},
        {".woff2", "font/woff2"}, {".woff", "font/woff"}, {".ttf", "font/ttf"}, {".otf", "font/otf"},
        {".txt", "text/plain; charset=utf-8"}, {".md", "text/markdown; charset=utf-8"},
    };
    for (const auto& [e, type] : kTypes)
        if (ext == e) return type;
    return "application/octet-stream";
}

std::string htmlEscape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// The endpoint list: GET /connect-local/, and GET / when no directory is mounted there.
struct MountInfo {
    std::string prefix;
    std::string dir;
    bool present;
};
std::string indexPage(const std::vector<MountInfo>& mounts) {
    std::string page = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>connect-local</title></head>
<body>
<h1>connect-local</h1>
<p>A local stand-in for Amazon Connect's customer-chat APIs, with the demo page, the agent console and the widget's files.</p>
<h2>Pages and files</h2>
<ul>
)";
    if (mounts.empty()) page += "<li>No directories are served (connect-local --static DIR, --widget DIR, --themes DIR).</li>\n";
    for (const auto& m : mounts) {
        page += "<li><a href=\"" + htmlEscape(m.prefix) + "\"><code>" + htmlEscape(m.prefix) + "</code></a> &mdash; <code>" +
                htmlEscape(m.dir) + "</code>" + (m.present ? "" : " <strong>(missing: not built yet?)</strong>") + "</li>\n";
    }
    page += R"(<li><a href="/agent/?instance=acme"><code>/agent/?instance=acme</code></a>, <a href="/agent/?instance=finaptic"><code>/agent/?instance=finaptic</code></a> &mdash; agent console (L1, L2)</li>
<li><code>/csp.html</code> &mdash; served with a strict Content-Security-Policy (every file with <code>--csp</code>)</li>
</ul>
<h2>APIs</h2>
<ul>
<li><code>PUT /contact/chat</code> &mdash; StartChatContact</li>
<li><code>POST /participant/connection|message|event|transcript|disconnect|start-attachment-upload|complete-attachment-upload|attachment</code> &mdash; participant service (<code>X-Amz-Bearer</code>)</li>
<li><code>GET /ws?...</code> &mdash; websocket gateway (URL from CreateParticipantConnection)</li>
<li><code>PUT|GET /attachments/{id}?sig=...</code> &mdash; attachment upload and download</li>
<li><code>GET /agent-api/queues?instance=X</code>, <code>POST /agent-api/accept</code>, <code>POST /agent-api/transfer</code>, <code>GET /agent-api/contacts/{id}</code> (<code>X-Amz-Bearer</code>: the accepting agent's token) &mdash; agent API</li>
<li><code>POST /bots/{botId}/botAliases/{aliasId}/botLocales/{localeId}/sessions/{sessionId}/text</code> &mdash; Lex V2 RecognizeText (<code>--bots</code>)</li>
<li><code>POST /finaptic/v1/escalations</code> &mdash; Finaptic Support API (<code>x-api-key</code>)</li>
<li><code>POST /acme/api/chat-token</code> &mdash; demo partner backend</li>
<li><code>POST /test/faults</code>, <code>POST /test/close-sockets</code> &mdash; test control (loopback only)</li>
<li><code>GET /connect-local/</code> &mdash; this page</li>
</ul>
</body></html>
)";
    return page;
}

// "/x" or "x/" or "/" -> "/x/": a mount prefix always starts and ends with '/'.
std::string mountPrefix(std::string_view p) {
    std::string out(p);
    if (out.empty() || out.front() != '/') out.insert(out.begin(), '/');
    if (out.back() != '/') out += '/';
    return out;
}

// `inner` is `root` or below it (both canonical).
bool within(const fs::path& root, const fs::path& inner) {
    auto r = root.begin(), i = inner.begin();
    for (; r != root.end(); ++r, ++i) {
        if (i == inner.end() || *r != *i) return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Test recording (--record FILE, see server.h): JSON lines, credentials replaced, text kept.
// ---------------------------------------------------------------------------------------------
using json = nlohmann::json;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool secretHeader(std::string_view lowerName) {
    return lowerName == "x-amz-bearer" || lowerName == "authorization" || lowerName == "x-api-key" ||
           lowerName == "x-amz-security-token" || lowerName == "cookie";
}
bool secretQueryName(std::string_view name) {
    const std::string n = lower(name);
    return n == "connection" || n == "sig" || n == "token" || n.find("signature") != std::string::npos ||
           n.find("credential") != std::string::npos || n.find("security-token") != std::string::npos;
}

class Recorder {
public:
    bool open(const std::string& path, std::string& error) {
        out_.open(path, std::ios::out | std::ios::app);
        if (!out_) {
            error = "cannot open the record file " + path;
            return false;
        }
        start_ = SteadyClock::now();
        return true;
    }

    // "<token#N>": the same value always gets the same N within one run.
    std::string alias(const std::string& secret) {
        if (secret.empty()) return {};
        auto [it, added] = aliases_.try_emplace(secret, aliases_.size() + 1);
        return "<token#" + std::to_string(it->second) + ">";
    }

    // Query values of token-bearing parameters replaced: by "<redacted>", or by their alias.
    std::string redactQuery(std::string_view target, bool useAlias) {
        const auto q = target.find('?');
        if (q == std::string_view::npos) return std::string(target);
        std::string out(target.substr(0, q + 1));
        std::string_view query = target.substr(q + 1);
        bool first = true;
        while (true) {
            const auto amp = query.find('&');
            const std::string_view pair = query.substr(0, amp);
            const auto eq = pair.find('=');
            if (!first) out += '&';
            first = false;
            if (eq != std::string_view::npos && secretQueryName(pair.substr(0, eq))) {
                out.append(pair.substr(0, eq + 1));
                out += useAlias ? alias(finchat::percentDecode(pair.substr(eq + 1), true).value_or(std::string(pair.substr(eq + 1))))
                                : std::string("<redacted>");
            } else {
                out.append(pair);
            }
            if (amp == std::string_view::npos) break;
            query.remove_prefix(amp + 1);
        }
        return out;
    }

    // The first credential a request or websocket presents, as its alias.
    std::string bearerOf(std::string_view bearerHeader, std::string_view target) {
        if (!bearerHeader.empty()) return alias(std::string(bearerHeader));
        const auto [path, query] = splitTarget(target);
        const std::string grant = finchat::queryParam(query, "connection");
        return grant.empty() ? std::string() : alias(grant);
    }

    // Bodies and frames: JSON with token fields aliased (URLs keep their shape); other text as is.
    json content(std::string_view text) {
        if (text.empty()) return nullptr;
        json j = json::parse(text.begin(), text.end(), nullptr, false);
        if (j.is_discarded()) return std::string(text);
        scrub(j);
        return j;
    }

    json headers(const Request& req) {
        json h = json::object();
        for (const auto& field : req) {
            const std::string name = lower(field.name_string());
            h[name] = secretHeader(name) ? std::string("<redacted>") : std::string(field.value());
        }
        return h;
    }

    void write(json line) {
        if (!out_) return;
        line["t"] = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start_).count();
        // replace: invalid UTF-8 must not throw (JSON_NOEXCEPTION would abort).
        out_ << line.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
        out_.flush();   // the file is read while the server runs, and after a SIGTERM
    }

private:
    void scrub(json& j) {
        if (j.is_object()) {
            for (auto it = j.begin(); it != j.end(); ++it) {
                const std::string key = lower(it.key());
                if ((key == "participanttoken" || key == "connectiontoken") && it->is_string())
                    *it = alias(it->get<std::string>());
                else
                    scrub(*it);
            }
        } else if (j.is_array()) {
            for (auto& v : j) scrub(v);
        } else if (j.is_string()) {
            const std::string& v = j.get_ref<const std::string&>();
            if ((v.rfind("ws://", 0) == 0 || v.rfind("wss://", 0) == 0 || v.rfind("http://", 0) == 0 ||
                 v.rfind("https://", 0) == 0) && v.find('?') != std::string::npos)
                j = redactQuery(v, true);
        }
    }

    std::ofstream out_;
    SteadyClock::time_point start_;
    std::unordered_map<std::string, std::size_t> aliases_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Shared state: outlives the Server while handlers are pending. `service` is cleared by stop(),
// so a late handler can tell that it must not touch anything any more.
// ---------------------------------------------------------------------------------------------
struct ServerState : std::enable_shared_from_this<ServerState> {
    ServerState(asio::io_context& io, ChatService& service, ServerOptions options)
        : io(io), service(&service), options(std::move(options)), acceptor(io), acceptRetry(io),
          faultRng(this->options.seed ? *this->options.seed : std::random_device{}()),
          idRng(std::random_device{}()) {}

    asio::io_context& io;
    ChatService* service;
    ServerOptions options;
    tcp::acceptor acceptor;
    asio::steady_timer acceptRetry;
    std::vector<StaticMount> mounts;   // normalised, longest prefix first
    std::mt19937 faultRng;        // frame faults only, so a seed reproduces them
    std::mt19937_64 idRng;        // request ids
    std::string httpBase;
    std::uint16_t port = 0;
    bool started = false;
    bool stopped = false;
    ServerStats stats;
    std::uint64_t nextKey = 1;
    std::unordered_map<std::uint64_t, std::weak_ptr<HttpSession>> httpSessions;
    std::unordered_map<std::uint64_t, std::weak_ptr<WsSession>> wsSessions;
    std::unique_ptr<Recorder> recorder;   // --record only

    bool start(std::string& error);
    void stop();
    void accept();
    void onAccept(error_code ec, tcp::socket socket);

    // Request routing: everything but the websocket upgrade.
    Response route(Request& req, const asio::ip::address& peer);
    Response dispatch(Request& req, std::string_view path, std::string_view query, const asio::ip::address& peer);
    Response serveStatic(const Request& req, std::string_view path, std::string_view query);

    double unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(faultRng); }
    std::string requestId();
    // Headers every response carries; sets keep-alive and Content-Length.
    void finalize(Response& res, unsigned version, bool keepAlive, std::string_view origin);
};

Response errorResponse(int status, std::string_view type, std::string_view message) {
    Response res{static_cast<http::status>(status), 11};
    res.set(http::field::content_type, "application/json");
    res.set("x-amzn-ErrorType", type);
    res.body() = finchat::encodeServiceErrorBody(message);
    return res;
}
Response errorResponse(std::string_view type, std::string_view message) {
    return errorResponse(finchat::httpStatusForError(type), type, message);
}

Response fromReply(Reply r) {
    // Beast throws on status codes above 999; a service bug must not become an exception here.
    const int status = r.status >= 100 && r.status <= 999 ? r.status : 500;
    Response res{static_cast<http::status>(status), 11};
    res.set(http::field::content_type, r.contentType.empty() ? std::string("application/json") : r.contentType);
    if (!r.errorType.empty()) res.set("x-amzn-ErrorType", r.errorType);
    // 1xx/204/304 must not have a body (Beast's prepare_payload would throw).
    if (status >= 200 && status != 204 && status != 304) res.body() = std::move(r.body);
    return res;
}

std::string ServerState::requestId() {
    const std::uint64_t a = idRng(), b = idRng();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                  static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffull));
    return buf;
}

void ServerState::finalize(Response& res, unsigned version, bool keepAlive, std::string_view origin) {
    res.version(version);
    res.set(http::field::server, "connect-local");
    res.set(http::field::date, httpDate());
    res.set("x-amzn-RequestId", requestId());
    if (origin.empty()) {
        res.set(http::field::access_control_allow_origin, "*");
    } else {
        res.set(http::field::access_control_allow_origin, origin);
        res.set(http::field::vary, "Origin");
    }
    res.set(http::field::access_control_expose_headers, kExposeHeaders);
    res.keep_alive(keepAlive);
    res.prepare_payload();
    // Beast writes "Content-Length: 0" even where HTTP forbids the header.
    const unsigned status = res.result_int();
    if (status < 200 || status == 204 || status == 304) res.content_length(boost::none);
}

// ---------------------------------------------------------------------------------------------
// WsSession: one accepted websocket, and the service's SocketSink for it.
//
//   Handshake ─accept ok─► Open ─peer close / error / our close done / linger─► Closed
//
// Outgoing frames wait in `outbox` (Beast allows one write at a time); each carries the time it
// may leave (frameDelayMs). A close requested by the service follows the frames queued before it.
// ChatService::socketClosed is called exactly once, from finish(), for every socket it opened.
// ---------------------------------------------------------------------------------------------
struct WsSession : SocketSink, std::enable_shared_from_this<WsSession> {
    enum class Phase { Handshake, Open, Closed };
    struct Frame {
        std::string text;
        SteadyClock::time_point due;
    };

    WsSession(std::shared_ptr<ServerState> state, beast::tcp_stream stream, std::uint64_t key)
        : state(std::move(state)), ws(std::move(stream)), delayTimer(this->state->io),
          holdTimer(this->state->io), linger(this->state->io), key(key) {}

    std::shared_ptr<ServerState> state;
    websocket::stream<beast::tcp_stream> ws;
    beast::flat_buffer inbox;
    std::deque<Frame> outbox;
    std::size_t queuedBytes = 0;
    std::string inFlight;                    // the frame being written (not in outbox any more)
    std::vector<std::string> held;           // reorder fault: waits for the next frame or reorderHold
    std::uint64_t holdGeneration = 0;
    SteadyClock::time_point lastDue{};
    asio::steady_timer delayTimer, holdTimer, linger;
    std::optional<Response> rejection;       // kept alive while the 403 is written
    Phase phase = Phase::Handshake;
    bool writing = false;
    bool waitingDelay = false;
    bool closeRequested = false;
    bool closeStarted = false;
    bool overflowed = false;
    int closeCode = 1000;
    std::optional<SocketId> id;
    std::uint64_t key;
    std::unique_ptr<Request> upgradeRequest;   // --record: logged once the handshake completed
    int peerCloseCode = 0;                     // the code of the peer's close frame, if any

    void start(Request req, std::string_view origin) {
        const auto [path, query] = splitTarget(req.target());
        id = state->service->openSocket(query, *this);
        if (!id) return reject(req, origin);
        if (state->recorder) upgradeRequest = std::make_unique<Request>(req);
        ws.set_option(websocket::stream_base::timeout{
            state->options.headerTimeout,     // the 101 handshake and, later, the close handshake
            state->options.wsIdleTimeout,     // a peer that sends nothing at all (not even pongs)
            true});                           // ping at half the idle time, so quiet peers stay
        ws.set_option(websocket::stream_base::decorator(
            [](websocket::response_type& res) { res.set(http::field::server, "connect-local"); }));
        ws.read_message_max(state->options.maxWsMessage);
        // The websocket's own timers take over; the TCP stream's would race with them.
        beast::get_lowest_layer(ws).expires_never();
        ws.async_accept(req, [self = shared_from_this()](error_code ec) { self->onAccept(ec); });
    }

    // --record: the upgrade request, then every frame and the close.
    json recordLine(const char* kind) {
        json line;
        line["kind"] = kind;
        line["socket"] = key;
        return line;
    }
    void recordOpen(const Request& req, int status) {
        if (!state->recorder) return;
        json line = recordLine("ws-open");
        line["method"] = std::string(req.method_string());
        line["path"] = state->recorder->redactQuery(req.target(), false);
        line["bearer"] = state->recorder->bearerOf({}, req.target());
        line["headers"] = state->recorder->headers(req);
        line["status"] = status;
        state->recorder->write(std::move(line));
    }
    void recordFrame(const char* kind, std::string_view text) {
        if (!state->recorder) return;
        json line = recordLine(kind);
        line["frame"] = state->recorder->content(text);
        state->recorder->write(std::move(line));
    }

    void reject(const Request& req, std::string_view origin) {
        recordOpen(req, 403);
        // API Gateway answers an unusable connect URL with 403 before any websocket exists.
        rejection = errorResponse("AccessDeniedException", "Forbidden");
        state->finalize(*rejection, req.version(), false, origin);
        auto& stream = beast::get_lowest_layer(ws);
        stream.expires_after(state->options.writeTimeout);
        http::async_write(stream, *rejection, [self = shared_from_this()](error_code, std::size_t) {
            error_code ignored;
            beast::get_lowest_layer(self->ws).socket().shutdown(tcp::socket::shutdown_send, ignored);
            self->finish();
        });
    }

    void onAccept(error_code ec) {
        if (phase == Phase::Closed) return;
        if (ec) return finish();
        phase = Phase::Open;
        ++state->stats.websocketsOpened;
        if (upgradeRequest) recordOpen(*upgradeRequest, 101);
        upgradeRequest.reset();
        readNext();
        pump();
    }

    void readNext() {
        ws.async_read(inbox, [self = shared_from_this()](error_code ec, std::size_t) { self->onRead(ec); });
    }

    void onRead(error_code ec) {
        if (phase == Phase::Closed) return;
        // Peer close (Beast already answered it), reset, idle timeout, message over the limit (Beast
        // sends 1009 itself): the socket is gone either way.
        if (ec) {
            if (ec == websocket::error::closed) peerCloseCode = ws.reason().code;
            return finish();
        }
        // Binary frames are not part of the protocol; they are dropped, like unknown topics.
        if (ws.got_text() && !closeRequested && state->service) {
            const std::string text = beast::buffers_to_string(inbox.data());
            inbox.consume(inbox.size());
            recordFrame("ws-in", text);
            state->service->socketMessage(*id, text);   // may send() or close() on us
        } else {
            inbox.consume(inbox.size());
        }
        if (phase != Phase::Closed) readNext();
    }

    // --- SocketSink --------------------------------------------------------------------------
    void send(std::string frame) override {
        if (phase == Phase::Closed || closeRequested || !state->service) return;
        const Faults& f = state->service->faults();
        // Draw only for enabled faults, so a seed gives the same sequence whatever else is on.
        const bool duplicate = f.duplicateFrames > 0 && state->unit() < f.duplicateFrames;
        if (held.empty() && f.reorderFrames > 0 && state->unit() < f.reorderFrames) {
            held.push_back(frame);
            if (duplicate) held.push_back(std::move(frame));
            armHold();
            return;
        }
        if (duplicate) enqueue(frame);
        enqueue(std::move(frame));
        releaseHeld();   // the frame held back goes out right behind this one
    }

    void close(int code) override {
        if (phase == Phase::Closed || closeRequested) return;
        releaseHeld();                 // sent before close(): must not be lost by it
        if (closeRequested) return;    // ...but that overflowed the queue: closing with 1008 already
        closeRequested = true;
        closeCode = code;
        // Bounds everything from here: delayed frames, a peer that never reads (our write never
        // completes), a peer that never answers the close frame.
        linger.expires_after(state->options.wsCloseTimeout + std::chrono::milliseconds(std::max<std::int64_t>(0, frameDelayMs())));
        linger.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec) self->finish();
        });
        pump();
    }

    std::int64_t frameDelayMs() const { return state->service ? state->service->faults().frameDelayMs : 0; }

    void enqueue(std::string text) {
        if (phase == Phase::Closed || overflowed) return;
        if (outbox.size() >= state->options.maxWsQueueFrames ||
            queuedBytes + text.size() > state->options.maxWsQueueBytes)
            return overflow();
        auto due = SteadyClock::now() + std::chrono::milliseconds(std::max<std::int64_t>(0, frameDelayMs()));
        due = std::max(due, lastDue);   // a shorter delay set later must not overtake earlier frames
        lastDue = due;
        queuedBytes += text.size();
        outbox.push_back({std::move(text), due});
        pump();
    }

    // The peer stopped reading: holding its frames would grow without bound. Policy violation.
    void overflow() {
        overflowed = true;
        ++state->stats.websocketOverflows;
        outbox.clear();
        queuedBytes = 0;
        held.clear();
        closeRequested = false;   // a close already pending is replaced by 1008
        close(1008);
    }

    void armHold() {
        const std::uint64_t generation = ++holdGeneration;
        holdTimer.expires_after(state->options.reorderHold);
        holdTimer.async_wait([self = shared_from_this(), generation](error_code ec) {
            if (ec || generation != self->holdGeneration || self->phase == Phase::Closed) return;
            self->releaseHeld();
        });
    }

    void releaseHeld() {
        if (held.empty()) return;
        ++holdGeneration;   // the pending hold timer, if any, is now stale
        holdTimer.cancel();
        for (auto& frame : std::exchange(held, {})) enqueue(std::move(frame));
    }

    // The only place writes and the close frame start.
    void pump() {
        if (writing || phase != Phase::Open) return;
        if (!outbox.empty()) {
            const auto due = outbox.front().due;
            if (due > SteadyClock::now()) {
                if (waitingDelay) return;
                waitingDelay = true;
                delayTimer.expires_at(due);
                delayTimer.async_wait([self = shared_from_this()](error_code ec) {
                    self->waitingDelay = false;
                    if (!ec && self->phase != Phase::Closed) self->pump();
                });
                return;
            }
            inFlight = std::move(outbox.front().text);
            outbox.pop_front();
            queuedBytes -= inFlight.size();
            writing = true;
            recordFrame("ws-out", inFlight);
            ws.text(true);
            ws.async_write(asio::buffer(inFlight), [self = shared_from_this()](error_code ec, std::size_t) {
                self->onWrite(ec);
            });
        } else if (closeRequested && !closeStarted) {
            closeStarted = true;
            ws.async_close(websocket::close_reason(static_cast<std::uint16_t>(closeCode)),
                           [self = shared_from_this()](error_code) { self->finish(); });
        }
    }

    void onWrite(error_code ec) {
        writing = false;
        inFlight.clear();
        if (phase == Phase::Closed) return;
        // The peer's close frame makes writes fail with `closed`; the read side finishes then.
        if (ec == websocket::error::closed) return;
        if (ec) return finish();
        pump();
    }

    void finish() {
        if (phase == Phase::Closed) return;
        const bool wasOpen = phase == Phase::Open;
        phase = Phase::Closed;
        if (wasOpen && state->recorder) {
            // Who closed: we (close() from the service), the peer (its close frame), or nobody (reset, timeout).
            json line = recordLine("ws-close");
            line["by"] = closeStarted ? "server" : peerCloseCode ? "client" : "abnormal";
            line["code"] = closeStarted ? closeCode : peerCloseCode ? peerCloseCode : 1006;
            state->recorder->write(std::move(line));
        }
        delayTimer.cancel();
        holdTimer.cancel();
        linger.cancel();
        beast::get_lowest_layer(ws).close();   // aborts whatever is still pending
        outbox.clear();
        held.clear();
        if (id && state->service) state->service->socketClosed(*id);
        id.reset();
        state->wsSessions.erase(key);
    }
};

// ---------------------------------------------------------------------------------------------
// HttpSession: one connection, requests handled strictly one after another (so pipelined
// requests are answered in order: the next header is only read after the answer was written).
//
//   readHeader ─► (limits by route) ─► [100-continue] ─► readBody ─► route ─► write ─► readHeader
//                                                                   └► websocket upgrade (hand-off)
// ---------------------------------------------------------------------------------------------
struct HttpSession : std::enable_shared_from_this<HttpSession> {
    HttpSession(std::shared_ptr<ServerState> state, tcp::socket socket, asio::ip::address peer, std::uint64_t key)
        : state(std::move(state)), stream(std::move(socket)), peer(std::move(peer)), key(key) {}

    std::shared_ptr<ServerState> state;
    beast::tcp_stream stream;
    asio::ip::address peer;
    std::uint64_t key;
    beast::flat_buffer buffer;
    std::optional<http::request_parser<http::string_body>> parser;
    Response response;
    http::response<http::empty_body> continueResponse;
    std::unique_ptr<char[]> drainBuffer;   // only while closing: most connections never need it
    bool closeAfterWrite = false;
    bool closed = false;

    void start() { readHeader(); }

    void readHeader() {
        if (closed) return;
        parser.emplace();
        parser->header_limit(static_cast<std::uint32_t>(state->options.maxHeaderBytes));
        // Beast checks Content-Length against this while parsing the header, before the route is
        // known; so it starts at the largest limit and is narrowed per route in onHeader().
        parser->body_limit(std::max(state->options.maxJsonBody, state->options.maxUploadBody));
        // Covers keep-alive idle time and a client trickling its header (slowloris).
        stream.expires_after(state->options.headerTimeout);
        http::async_read_header(stream, buffer, *parser,
                                [self = shared_from_this()](error_code ec, std::size_t) { self->onHeader(ec); });
    }

    static bool isUpload(const Request& req) {
        return req.method() == http::verb::put && splitTarget(req.target()).path.substr(0, 13) == "/attachments/";
    }

    void onHeader(error_code ec) {
        if (closed) return;
        if (ec) return onReadError(ec);
        const Request& req = parser->get();
        const std::size_t limit = isUpload(req) ? state->options.maxUploadBody : state->options.maxJsonBody;
        if (const auto length = parser->content_length(); length && *length > limit) return tooLarge();
        parser->body_limit(limit);   // chunked bodies are counted as they arrive
        if (parser->is_done()) return onBody({});
        if (beast::iequals(req[http::field::expect], "100-continue")) {
            // curl and some SDKs wait (up to a second) for this before sending a large body.
            continueResponse = {http::status::continue_, req.version()};
            stream.expires_after(state->options.writeTimeout);
            http::async_write(stream, continueResponse, [self = shared_from_this()](error_code ec, std::size_t) {
                if (self->closed) return;
                if (ec) return self->finish();
                self->readBody();
            });
            return;
        }
        readBody();
    }

    void readBody() {
        stream.expires_after(state->options.bodyTimeout);
        http::async_read(stream, buffer, *parser, [self = shared_from_this()](error_code ec, std::size_t) { self->onBody(ec); });
    }

    void onReadError(error_code ec) {
        if (ec == http::error::body_limit) return tooLarge();
        if (ec == http::error::header_limit)
            return reply(errorResponse(431, "RequestHeaderFieldsTooLargeException", "Request header fields too large"), true);
        // end_of_stream: the client closed between requests; partial_message: mid-request. Neither
        // can read an answer. Timeouts: tcp_stream has already closed the socket.
        if (ec == http::error::end_of_stream || ec == http::error::partial_message || ec == beast::error::timeout)
            return finish();
        if (ec.category() == http::make_error_code(http::error::bad_target).category())
            return reply(errorResponse(400, "BadRequestException", "Malformed HTTP request"), true);
        finish();
    }

    void tooLarge() {
        reply(errorResponse(413, "RequestEntityTooLargeException", "Request body is too large"), true);
    }

    void onBody(error_code ec) {
        if (closed) return;
        if (ec) return onReadError(ec);
        Request req = parser->release();
        parser.reset();
        ++state->stats.requests;
        if (state->stopped || !state->service) return finish();
        if (websocket::is_upgrade(req) && splitTarget(req.target()).path == "/ws") return upgrade(std::move(req));
        response = state->route(req, peer);
        if (state->recorder) record(req);
        closeAfterWrite = !response.keep_alive();
        write();
    }

    // --record: one line per request, with its answer (routing is synchronous: same instant).
    void record(const Request& req) {
        Recorder& r = *state->recorder;
        json line;
        line["kind"] = "http";
        line["conn"] = key;
        line["method"] = std::string(req.method_string());
        line["path"] = r.redactQuery(req.target(), false);
        if (const std::string bearer = r.bearerOf(req["x-amz-bearer"], {}); !bearer.empty()) line["bearer"] = bearer;
        line["headers"] = r.headers(req);
        if (!isUpload(req)) line["body"] = r.content(req.body());
        else line["bodyBytes"] = req.body().size();
        line["status"] = response.result_int();
        if (const auto type = response["x-amzn-ErrorType"]; !type.empty()) line["errorType"] = std::string(type);
        const auto type = response[http::field::content_type];
        if (type.substr(0, 16) == "application/json") line["response"] = r.content(response.body());
        r.write(std::move(line));
    }

    // Answers without a parsed request (transport errors), then closes.
    void reply(Response res, bool close) {
        std::string origin;
        unsigned version = 11;
        if (parser) {
            origin = std::string(parser->get()[http::field::origin]);
            if (parser->is_header_done()) version = parser->get().version();
        }
        response = std::move(res);
        state->finalize(response, version, !close, origin);
        closeAfterWrite = close;
        write();
    }

    void write() {
        stream.expires_after(state->options.writeTimeout);
        http::async_write(stream, response, [self = shared_from_this()](error_code ec, std::size_t) { self->onWrite(ec); });
    }

    void onWrite(error_code ec) {
        if (closed) return;
        if (ec) return finish();
        if (closeAfterWrite || response.need_eof()) return gracefulClose();
        response = {};
        readHeader();
    }

    // Closing a socket with unread input makes the kernel send RST, which can destroy the answer
    // we just wrote (a 413 while the client is still sending). So: FIN first, then read and discard
    // for a short while until the client closes too.
    static constexpr std::size_t kDrainBufferBytes = 16 * 1024;
    void gracefulClose() {
        error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.expires_after(std::chrono::seconds(2));
        drainBuffer = std::make_unique<char[]>(kDrainBufferBytes);
        drain();
    }
    void drain() {
        stream.async_read_some(asio::buffer(drainBuffer.get(), kDrainBufferBytes), [self = shared_from_this()](error_code ec, std::size_t) {
            if (self->closed) return;
            if (ec) return self->finish();
            self->drain();
        });
    }

    void upgrade(Request req) {
        // The connection now belongs to the websocket; this session ends without closing it.
        closed = true;
        state->httpSessions.erase(key);
        const std::uint64_t wsKey = state->nextKey++;
        const std::string origin(req[http::field::origin]);
        auto ws = std::make_shared<WsSession>(state, std::move(stream), wsKey);
        state->wsSessions[wsKey] = ws;
        ws->start(std::move(req), origin);
    }

    void finish() {
        if (closed) return;
        closed = true;
        stream.close();
        state->httpSessions.erase(key);
    }
};

// ---------------------------------------------------------------------------------------------
// Listening
// ---------------------------------------------------------------------------------------------
bool ServerState::start(std::string& error) {
    if (started) {
        error = "already started";
        return false;
    }
    error_code ec;
    tcp::endpoint endpoint;
    const auto address = asio::ip::make_address(options.host, ec);
    if (!ec) {
        endpoint = tcp::endpoint(address, options.port);
    } else {
        tcp::resolver resolver(io);
        const auto results = resolver.resolve(options.host, std::to_string(options.port), ec);
        if (ec || results.empty()) {
            error = "cannot resolve " + options.host + (ec ? ": " + ec.message() : std::string());
            return false;
        }
        endpoint = results.begin()->endpoint();
    }
    // An explicit --static must exist; other mounts may appear later (the widget is built after
    // the server starts), so they are looked up per request.
    mounts.clear();
    if (!options.staticDir.empty()) {
        std::error_code fsError;
        const auto root = fs::canonical(options.staticDir, fsError);
        if (fsError || !fs::is_directory(root, fsError)) {
            error = "static directory " + options.staticDir + " is not a readable directory";
            return false;
        }
        mounts.push_back({"/", root.string()});
    }
    for (const auto& m : options.mounts) {
        if (m.dir.empty()) continue;
        StaticMount normal{mountPrefix(m.prefix), m.dir};
        if (normal.prefix.find("/./") != std::string::npos || normal.prefix.find("/../") != std::string::npos ||
            normal.prefix.find("//") != std::string::npos) {
            error = "mount prefix " + m.prefix + " is not a plain path";
            return false;
        }
        const bool taken = std::any_of(mounts.begin(), mounts.end(), [&](const StaticMount& x) { return x.prefix == normal.prefix; });
        if (!taken) mounts.push_back(std::move(normal));   // --static wins over a default "/"
    }
    std::stable_sort(mounts.begin(), mounts.end(), [](const StaticMount& a, const StaticMount& b) { return a.prefix.size() > b.prefix.size(); });
    if (!options.recordFile.empty()) {
        recorder = std::make_unique<Recorder>();
        if (!recorder->open(options.recordFile, error)) {
            recorder.reset();
            return false;
        }
    }
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        error = "cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " + ec.message();
        error_code ignored;
        acceptor.close(ignored);
        return false;
    }
    const auto local = acceptor.local_endpoint(ec);
    port = local.port();
    // URLs handed to clients: chatjs accepts only ws://127.0.0.1:<port> for plain websockets
    // (reference §4.1), so wildcard and loopback listeners advertise 127.0.0.1.
    const auto bound = local.address();
    std::string host;
    if (bound.is_unspecified() || bound.is_loopback()) host = bound.is_v6() && bound.is_loopback() ? "[::1]" : "127.0.0.1";
    else host = bound.is_v6() ? "[" + bound.to_string() + "]" : bound.to_string();
    httpBase = "http://" + host + ":" + std::to_string(port);
    service->setPublicBase(httpBase, "ws://" + host + ":" + std::to_string(port));
    started = true;
    accept();
    return true;
}

void ServerState::accept() {
    acceptor.async_accept([self = shared_from_this()](error_code ec, tcp::socket socket) {
        self->onAccept(ec, std::move(socket));
    });
}

void ServerState::onAccept(error_code ec, tcp::socket socket) {
    if (stopped) return;
    if (ec) {
        if (ec == asio::error::operation_aborted) return;
        // Out of file descriptors and the like: retry shortly instead of spinning or giving up.
        acceptRetry.expires_after(std::chrono::milliseconds(100));
        acceptRetry.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec && !self->stopped) self->accept();
        });
        return;
    }
    error_code peerError;
    const auto peer = socket.remote_endpoint(peerError);
    if (!peerError) {
        ++stats.connectionsAccepted;
        error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);   // small frames must not wait for Nagle
        const std::uint64_t key = nextKey++;
        auto session = std::make_shared<HttpSession>(shared_from_this(), std::move(socket), peer.address(), key);
        httpSessions[key] = session;
        session->start();
    }
    accept();
}

void ServerState::stop() {
    if (stopped) return;
    stopped = true;
    error_code ignored;
    acceptor.close(ignored);
    acceptRetry.cancel();
    // finish() erases from these maps, so walk copies.
    std::vector<std::shared_ptr<HttpSession>> https;
    for (auto& [key, weak] : httpSessions)
        if (auto s = weak.lock()) https.push_back(std::move(s));
    for (auto& s : https) s->finish();
    std::vector<std::shared_ptr<WsSession>> sockets;
    for (auto& [key, weak] : wsSessions)
        if (auto s = weak.lock()) sockets.push_back(std::move(s));
    for (auto& s : sockets) s->finish();   // ChatService::socketClosed for each, while it still exists
    httpSessions.clear();
    wsSessions.clear();
    service = nullptr;
}

// ---------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------
Response ServerState::route(Request& req, const asio::ip::address& peer) {
    const std::string origin(req[http::field::origin]);
    const auto [path, query] = splitTarget(req.target());
    Response res;
    if (req.method() == http::verb::options) {
        // CORS preflight, for any path: browsers send it before PUT /contact/chat, every participant
        // call (X-Amz-Bearer is not a simple header) and the attachment PUT.
        res = Response{http::status::no_content, 11};
        res.set(http::field::access_control_allow_methods, kAllowMethods);
        res.set(http::field::access_control_allow_headers, allowHeaders(req[http::field::access_control_request_headers]));
        res.set(http::field::access_control_max_age, "600");
        // Chrome's Private Network Access: a page on a public origin calling 127.0.0.1.
        if (!req["Access-Control-Request-Private-Network"].empty()) res.set("Access-Control-Allow-Private-Network", "true");
    } else {
        res = dispatch(req, path, query, peer);
    }
    const bool head = req.method() == http::verb::head;
    const std::size_t bodySize = res.body().size();
    if (head) res.body().clear();
    finalize(res, req.version(), req.keep_alive(), origin);
    if (head) res.content_length(bodySize);   // what GET would have sent
    return res;
}

Response ServerState::dispatch(Request& req, std::string_view path, std::string_view query, const asio::ip::address& peer) {
    ChatService& svc = *service;
    const http::verb method = req.method();
    const bool get = method == http::verb::get || method == http::verb::head;
    const bool post = method == http::verb::post;
    const bool put = method == http::verb::put;

    if (path == "/contact/chat" && put) return fromReply(svc.startChatContact(req.body()));
    // Amazon Comprehend (JSON 1.1: POST / with X-Amz-Target), comprehend_api.h.
    if (path == "/" && post && isComprehendTarget(req["x-amz-target"]))
        return fromReply(comprehendCall(req["x-amz-target"], req.body()));

    if (path.substr(0, 13) == "/participant/") {
        if (auto op = finchat::operationForPath(std::string(req.method_string()), path))
            return fromReply(svc.participant(*op, req["x-amz-bearer"], req.body(), path));
        return errorResponse(404, "UnknownOperationException", "Unknown participant operation");
    }

    if (auto id = pathParam(path, "/attachments/"); id && (put || get)) {
        const std::string sig = finchat::queryParam(query, "sig");
        if (put) return fromReply(svc.uploadAttachment(*id, sig, std::move(req.body())));
        return fromReply(svc.downloadAttachment(*id, sig));
    }

    if (path == "/ws") return errorResponse(426, "UpgradeRequiredException", "Expected a websocket upgrade");

    if (path == "/agent-api/queues" && get) return fromReply(svc.agentQueues(finchat::queryParam(query, "instance")));
    if (path == "/agent-api/accept" && post) return fromReply(svc.agentAccept(req.body()));
    if (path == "/agent-api/transfer" && post) return fromReply(svc.agentTransfer(req.body()));
    if (auto id = pathParam(path, "/agent-api/contacts/"); id && get) return fromReply(svc.agentContact(*id, req["x-amz-bearer"]));

    if (path == "/finaptic/v1/escalations" && post) return fromReply(svc.createEscalation(req["x-api-key"], req.body()));
    if (path == "/acme/api/chat-token" && post) return fromReply(svc.partnerChatToken(req.body()));

    // Lex V2 runtime RecognizeText (SigV4 Authorization ignored, as for the Connect API).
    if (auto lexPath = lex::parseRecognizeTextPath(path); lexPath && post) {
        if (!options.lexBots) return errorResponse("ResourceNotFoundException", "Could not find bot: " + lexPath->botId);
        return fromReply(lex::recognizeText(*options.lexBots, *lexPath, req.body()));
    }

    if ((path == "/test/faults" || path == "/test/close-sockets") && post) {
        // Fault injection can break every chat on the server: only for the machine itself.
        if (!isLoopback(peer)) return errorResponse(403, "AccessDeniedException", "Test control is loopback only");
        return fromReply(path == "/test/faults" ? svc.setFaults(req.body()) : svc.closeSockets(req.body()));
    }

    if (get) return serveStatic(req, path, query);
    return errorResponse(404, "UnknownOperationException", "No route for " + std::string(req.method_string()) + " " + std::string(path));
}

Response ServerState::serveStatic(const Request& req, std::string_view path, std::string_view query) {
    auto notFound = [&](std::string_view why = {}) {
        return errorResponse(404, "ResourceNotFoundException",
                             "Not found: " + std::string(req.method_string()) + " " + std::string(path) + std::string(why));
    };
    auto withQuery = [&](std::string target) { return query.empty() ? target : target + "?" + std::string(query); };
    auto redirect = [&](std::string location) {
        Response res{http::status::moved_permanently, 11};
        res.set(http::field::location, withQuery(std::move(location)));
        return res;
    };
    if (path.empty() || path.front() != '/') return notFound();

    // The longest mount prefix that matches; "/finaptic-chat" goes to "/finaptic-chat/".
    const StaticMount* mount = nullptr;
    for (const auto& m : mounts) {
        if (path.substr(0, m.prefix.size()) == m.prefix) {
            mount = &m;
            break;
        }
        if (m.prefix.size() > 1 && std::string(path) + "/" == m.prefix) return redirect(m.prefix);
    }
    const bool listPage = path == "/connect-local/" || (path == "/" && (!mount || mount->prefix != "/"));
    if (listPage) {
        std::vector<MountInfo> info;
        for (const auto& m : mounts) {
            std::error_code ec;
            info.push_back({m.prefix, m.dir, fs::is_directory(m.dir, ec)});
        }
        std::sort(info.begin(), info.end(), [](const MountInfo& a, const MountInfo& b) { return a.prefix < b.prefix; });
        Response res{http::status::ok, 11};
        res.set(http::field::content_type, "text/html; charset=utf-8");
        res.set(http::field::cache_control, "no-cache");
        res.body() = indexPage(info);
        return res;
    }
    if (path == "/connect-local") return redirect("/connect-local/");
    if (!mount) return notFound();

    std::error_code ec;
    const fs::path root = fs::canonical(mount->dir, ec);
    if (ec || !fs::is_directory(root, ec)) return notFound(" (" + mount->prefix + " is not built yet)");
    // Built segment by segment from decoded names, so nothing can climb out of the root: "..",
    // "." and hidden names are refused, as are encoded separators and NULs.
    fs::path file = root;
    std::string_view rest = path.substr(mount->prefix.size());
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const auto segment = finchat::percentDecode(rest.substr(0, slash), false);
        if (!segment) return notFound();
        if (!segment->empty()) {
            if (segment->front() == '.' || segment->find_first_of(std::string_view("/\\\0", 3)) != std::string::npos)
                return notFound();
            file /= *segment;
        }
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }
    if (path.back() == '/') {
        file /= "index.html";
    } else if (fs::is_directory(file, ec)) {
        // "/agent" -> "/agent/", so the page's relative URLs resolve inside the directory.
        return redirect(std::string(path) + "/");
    }
    // A symlink inside the mount must not lead outside it.
    const fs::path real = fs::canonical(file, ec);
    if (ec || !within(root, real) || !fs::is_regular_file(real, ec)) return notFound();
    const auto size = fs::file_size(real, ec);
    if (ec || size > (256u << 20)) return notFound();
    const auto mtime = fs::last_write_time(real, ec);
    if (ec) return notFound();

    Response res{http::status::ok, 11};
    // Development caching: always revalidate (files are rebuilt while the server runs), but an
    // unchanged file costs a 304, not its bytes.
    char etag[64];
    std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                  static_cast<unsigned long long>(mtime.time_since_epoch().count()));
    res.set(http::field::cache_control, "no-cache");
    res.set(http::field::etag, etag);
    res.set("X-Content-Type-Options", "nosniff");
    if (options.cspEverywhere || path == "/csp.html") res.set("Content-Security-Policy", kStrictCsp);
    if (req[http::field::if_none_match] == etag) {
        res.result(http::status::not_modified);
        return res;
    }
    std::ifstream in(real, std::ios::binary);
    if (!in) return notFound();
    res.set(http::field::content_type, contentTypeFor(real));
    res.body().resize(size);
    in.read(res.body().data(), static_cast<std::streamsize>(size));
    res.body().resize(static_cast<std::size_t>(in.gcount()));
    return res;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------
Server::Server(boost::asio::io_context& io, ChatService& service, ServerOptions options)
    : state_(std::make_shared<detail::ServerState>(io, service, std::move(options))) {}

Server::~Server() { stop(); }

bool Server::start(std::string& error) { return state_->start(error); }
void Server::stop() { state_->stop(); }
std::uint16_t Server::port() const { return state_->port; }
std::string Server::httpBase() const { return state_->httpBase; }

ServerStats Server::stats() const {
    ServerStats s = state_->stats;
    s.openConnections = state_->httpSessions.size();
    s.openWebsockets = state_->wsSessions.size();
    return s;
}

}  // namespace connect_local
