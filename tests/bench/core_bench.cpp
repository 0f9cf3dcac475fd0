// Core throughput benchmark (prints figures; asserts nothing). Built natively and as wasm (node).
//
//   decode          decodeServerFrame on realistic aws/chat frames (double-encoded items)
//   decode+ingest   ... merged into a Transcript (dedup map, ordered insert)
//   session path    frames fed through a live ChatSession's socket (typing, receipts, events)
//   markdown        hostile 200,000-byte inputs (marker floods, deep nesting): parse time each; a
//                   quadratic parser would take minutes (markdown_tests checks the output, not the time)
// Allocation figures come from a counting global operator new.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "fake_platform.h"
#include "finchat/chat_session.h"
#include "finchat/markdown.h"
#include "finchat/protocol.h"
#include "finchat/transcript.h"
#include "finchat/util.h"

namespace {
std::size_t g_allocBytes = 0, g_allocCount = 0;
}
void* operator new(std::size_t n) {
    g_allocBytes += n;
    ++g_allocCount;
    if (void* p = std::malloc(n ? n : 1)) return p;
    std::abort();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {
using namespace finchat;
using Clock = std::chrono::steady_clock;

std::vector<std::string> makeFrames(int n) {
    fake::SeededRandom rnd(7);
    const std::string text =
        "Thanks, I can see the card payment from yesterday. It is still pending; it usually settles within 2 days.";
    std::vector<std::string> frames;
    frames.reserve(n);
    const std::int64_t t0 = 1'746'093'600'000;
    for (int i = 0; i < n; ++i) {
        Item item;
        item.id = uuidV4(rnd);
        item.type = ItemType::Message;
        item.contentType = "text/plain";
        item.content = text;
        item.absoluteTime = formatIsoTime(t0 + i * 250);
        const bool agent = i % 2 == 0;
        item.participantId = agent ? "4f1c8a7e-agent-participant" : "9b2d6c1f-customer-participant";
        item.displayName = agent ? "Sam" : "Dana";
        item.participantRole = agent ? ParticipantRole::Agent : ParticipantRole::Customer;
        item.initialContactId = "c0ffee00-contact";
        item.contactId = "c0ffee00-contact";
        frames.push_back(chatFrame(item));
    }
    return frames;
}

struct Figures { double seconds; std::size_t bytes, allocs; };

template <class F>
Figures measure(F&& body) {
    const auto b0 = g_allocBytes, a0 = g_allocCount;
    const auto start = Clock::now();
    body();
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    return {secs, g_allocBytes - b0, g_allocCount - a0};
}

void report(const char* name, int n, const Figures& f, std::size_t frameBytes) {
    std::printf("%-16s %8d frames  %10.0f frames/s  %7.2f MB/s  %7.0f B alloc/msg  %5.1f allocs/msg\n", name, n,
                n / f.seconds, static_cast<double>(frameBytes) / f.seconds / 1e6,
                static_cast<double>(f.bytes) / n, static_cast<double>(f.allocs) / n);
}
}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
#ifdef __EMSCRIPTEN__
    const char* target = "wasm (node)";
#else
    const char* target = "native";
#endif
    std::printf("finaptic-chat core benchmark, %s, %d chat frames\n", target, n);
    const auto frames = makeFrames(n);
    std::size_t frameBytes = 0;
    for (const auto& f : frames) frameBytes += f.size();
    std::printf("average frame %zu bytes\n", frameBytes / frames.size());

    std::size_t sink = 0;
    report("decode", n, measure([&] {
        for (const auto& f : frames) sink += decodeServerFrame(f)->item.content.size();
    }), frameBytes);

    Transcript transcript("9b2d6c1f-customer-participant");
    const auto before = g_allocBytes;
    report("decode+ingest", n, measure([&] {
        for (const auto& f : frames) transcript.ingest(decodeServerFrame(f)->item);
    }), frameBytes);
    (void)before;

    report("re-ingest (dup)", n, measure([&] {
        for (const auto& f : frames) transcript.ingest(decodeServerFrame(f)->item);
    }), frameBytes);

    fake::World w;
    ChatDetails details{"c0ffee00-contact", "9b2d6c1f-customer-participant", "PT", "http://127.0.0.1:1", "Dana"};
    ChatSession session(w.platform(), details);
    session.connect();
    auto cpc = w.http.take("/participant/connection");
    CreateParticipantConnectionResponse r;
    r.websocket = WebsocketInfo{"ws://127.0.0.1:1/ws", formatIsoTime(w.clock.nowMs() + 100000)};
    r.connectionCredentials = ConnectionCredentials{"CT", formatIsoTime(w.clock.nowMs() + 86400000)};
    cpc->done(fake::FakeHttp::ok(encode(r)));
    w.sockets.last()->serverOpen();
    w.sockets.last()->ackSubscribe();
    w.http.requests.clear();
    report("session path", n, measure([&] {
        for (const auto& f : frames) w.sockets.last()->serverSend(f);
    }), frameBytes);
    std::printf("transcript entries %zu (session %zu), checksum %zu\n", transcript.size(), session.transcript().size(), sink);

    const std::size_t mdBytes = 200'000;
    const std::pair<const char*, std::string> hostile[] = {
        {"'*' flood", std::string(mdBytes, '*')},
        {"'[' flood", std::string(mdBytes, '[')},
        {"'`' flood", std::string(mdBytes, '`')},
        {"'*a ' runs", [&] { std::string s; while (s.size() < mdBytes) s += "*a "; return s; }()},
        {"'[a](x' runs", [&] { std::string s; while (s.size() < mdBytes) s += "[a](x"; return s; }()},
        {"20,000 list items", [] { std::string s; for (int i = 0; i < 20'000; ++i) s += "- item\n"; return s; }()},
    };
    for (const auto& [name, input] : hostile) {
        const auto start = std::chrono::steady_clock::now();
        sink += plainText(parseMarkdown(input)).size();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        std::printf("markdown %-18s %7zu bytes %9.1f ms\n", name, input.size(), ms);
    }
    std::printf("checksum %zu\n", sink);
    return 0;
}
