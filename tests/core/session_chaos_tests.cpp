// Randomized fault injection: a simulated Connect server and a ChatSession, many seeds.
//
// The server keeps the authoritative transcript. While faults are on, frames are duplicated,
// reordered, or lost together with the socket that carried them (TCP loses nothing on a live socket),
// requests get 429/5xx or lose their answer after the server acted, sockets are killed, heartbeats go
// unanswered, the clock jumps. Then the faults stop and the session settles. Whatever happened, both
// sides must hold the same items in the same order, and each customer message exactly once.
#include <catch2/catch.hpp>

#include <set>

#include "finchat/util.h"
#include "session_harness.h"

using namespace finchat;

namespace {

using fake::Dice;

struct SimServer {
    fake::World& w;
    Dice& dice;
    std::vector<Item> log;                              // what GetTranscript serves, in order
    std::map<std::string, std::string> idByClientToken;  // SendMessage idempotency
    // Sockets are known by their index in w.sockets.all: addresses of destroyed ones get reused.
    std::map<std::size_t, std::size_t> seen;            // client frames handled per socket
    std::set<std::size_t> opened, subscribed;
    std::vector<std::pair<std::size_t, std::string>> delayed;
    int nextId = 1, nextToken = 1;
    std::int64_t lastTime = 0;
    bool faults = true, heartbeatsDead = false;

    bool chance(double p) { return dice.chance(p); }
    fake::FakeSocket* socket(std::size_t i) const { return i < w.sockets.all.size() ? w.sockets.all[i] : nullptr; }
    bool live(std::size_t i) const { return socket(i) != nullptr; }

    Item& append(Item item) {
        char id[16];
        std::snprintf(id, sizeof id, "s-%05d", nextId++);
        item.id = id;
        lastTime = std::max(lastTime + 1, w.clock.nowMs());
        item.absoluteTime = formatIsoTime(lastTime);
        log.push_back(std::move(item));
        fanOut(log.back());
        return log.back();
    }

    void fanOut(const Item& item) {
        const std::string frame = chatFrame(item);
        for (std::size_t s : std::vector<std::size_t>(subscribed.begin(), subscribed.end())) {
            if (!live(s)) continue;
            if (faults && chance(0.05)) { kill(s); continue; }         // lost with its socket
            if (faults && chance(0.10)) { delayed.push_back({s, frame}); continue; }
            socket(s)->serverSend(frame);
            if (faults && chance(0.10) && live(s)) socket(s)->serverSend(frame);   // duplicate
        }
    }

    void kill(std::size_t s) {
        subscribed.erase(s);
        std::erase_if(delayed, [&](const auto& d) { return d.first == s; });
        if (live(s)) socket(s)->serverClose(1001);
    }

    void deliverDelayed() {
        dice.shuffle(delayed);
        auto batch = std::move(delayed);
        delayed.clear();
        for (auto& [s, frame] : batch)
            if (live(s) && subscribed.count(s)) socket(s)->serverSend(frame);
    }

    void serviceSockets() {
        for (std::size_t s = 0; s < w.sockets.all.size(); ++s) {
            if (!live(s)) continue;
            if (!opened.count(s)) {
                if (faults && chance(0.1)) continue;   // slow to open: the 1 s check may give up on it
                opened.insert(s);
                socket(s)->serverOpen();
            }
            for (std::size_t& i = seen[s]; live(s) && i < socket(s)->sent.size(); ++i) {
                auto frame = decodeClientFrame(socket(s)->sent[i]);
                REQUIRE(frame.ok());
                if (frame->topic == FrameTopic::Subscribe) {
                    subscribed.insert(s);
                    socket(s)->serverSend(subscribeAckFrame(true, frame->topics));
                } else if (!heartbeatsDead && frame->topic == FrameTopic::Ping) {
                    socket(s)->serverSend(pingAckFrame());
                } else if (!heartbeatsDead && frame->topic == FrameTopic::Heartbeat) {
                    socket(s)->serverSend(heartbeatAckFrame());
                }
            }
        }
    }

    void serviceHttp() {
        dice.shuffle(w.http.requests);
        auto batch = std::move(w.http.requests);
        w.http.requests.clear();
        for (auto& req : batch) {
            if (faults && chance(0.08)) { req.done(fake::FakeHttp::error(chance(0.5) ? 500 : 429, "ThrottlingException")); continue; }
            if (faults && chance(0.04)) { req.done(fake::FakeHttp::networkFailure()); continue; }
            auto answer = handle(req);
            if (faults && chance(0.04)) { req.done(fake::FakeHttp::networkFailure()); continue; }   // acted, answer lost
            req.done(std::move(answer));
        }
    }

    HttpResponse handle(const fake::PendingRequest& req) {
        const std::string path = req.path();
        if (path == "/participant/connection") {
            CreateParticipantConnectionResponse r;
            r.websocket = WebsocketInfo{"ws://127.0.0.1:9/ws?t=" + std::to_string(nextToken), formatIsoTime(w.clock.nowMs() + 100'000)};
            r.connectionCredentials = ConnectionCredentials{"CT-" + std::to_string(nextToken++), formatIsoTime(w.clock.nowMs() + 86'400'000)};
            return fake::FakeHttp::ok(encode(r));
        }
        if (path == "/participant/message") {
            auto m = decode<SendMessageRequest>(req.request.body);
            REQUIRE(m.ok());
            auto known = idByClientToken.find(m->clientToken);
            if (known == idByClientToken.end()) {
                Item item = fake::message("", "p-cust", ParticipantRole::Customer, m->content, 0);
                const Item& stored = append(item);
                known = idByClientToken.emplace(m->clientToken, stored.id).first;
            }
            const Item& stored = *std::find_if(log.begin(), log.end(), [&](const Item& i) { return i.id == known->second; });
            return fake::FakeHttp::ok(encode(SendMessageResponse{stored.id, stored.absoluteTime, std::nullopt}));
        }
        if (path == "/participant/event") return fake::FakeHttp::ok(encode(SendEventResponse{"ev", formatIsoTime(w.clock.nowMs())}));
        if (path == "/participant/transcript") {
            auto t = decode<GetTranscriptRequest>(req.request.body);
            REQUIRE(t.ok());
            const std::size_t end = t->nextToken.empty() ? log.size() : std::stoul(t->nextToken);
            const std::size_t max = static_cast<std::size_t>(t->maxResults.value_or(10));
            const std::size_t start = end > max ? end - max : 0;
            GetTranscriptResponse r;
            r.transcript.assign(log.begin() + static_cast<std::ptrdiff_t>(start), log.begin() + static_cast<std::ptrdiff_t>(end));
            if (start > 0) r.nextToken = std::to_string(start);
            return fake::FakeHttp::ok(encode(r));
        }
        FAIL("unexpected request " << path);
        return {};
    }
};

}  // namespace

TEST_CASE("randomized faults: nothing lost, nothing doubled, same order on both sides", "[session][chaos]") {
    const auto seed = GENERATE(range(1, 401));
    INFO("seed " << seed);
    Dice dice{fake::SeededRandom(static_cast<std::uint64_t>(seed))};
    fake::Harness h;
    SimServer server{h.w, dice, {}, {}, {}, {}, {}, {}};
    h.session->connect();

    int customerMessages = 0;
    for (int step = 0; step < 400; ++step) {
        switch (dice.between(0, 9)) {
            case 0: case 1: {
                Item m = fake::message("", "p-agent", ParticipantRole::Agent, "agent " + std::to_string(step), 0);
                server.append(m);
                break;
            }
            case 2:
                if (h.session->sendMessage("customer " + std::to_string(step)).ok()) ++customerMessages;
                break;
            case 3: case 4: server.serviceHttp(); break;
            case 5: server.serviceSockets(); break;
            case 6:
                if (server.chance(0.3) && !server.subscribed.empty()) server.kill(*server.subscribed.begin());
                else server.deliverDelayed();
                break;
            case 7: server.heartbeatsDead = server.chance(0.2); break;
            default: h.w.clock.advance(dice.between(0, 4000)); break;
        }
    }

    // Faults stop; the network heals. Failed sends are retried by the customer (same ClientToken).
    // Settling may take a while: a socket that failed to open several times backs off up to ~64 s.
    server.faults = false;
    server.heartbeatsDead = false;
    server.deliverDelayed();
    auto settle = [&] {
        for (int i = 0; i < 2000; ++i) {   // at most 1,000 simulated seconds
            for (const TranscriptEntry* e : h.session->transcript().unsent())
                if (e->delivery == Delivery::Failed) (void)h.session->retrySend(e->localId);
            server.serviceSockets();
            server.serviceHttp();
            if (h.session->state() == SessionState::Live && h.w.http.requests.empty() &&
                h.session->transcript().unsent().empty())
                return;
            h.w.clock.advance(500);
        }
    };
    settle();
    // One more loss and re-sync catches whatever the last socket missed before the faults stopped.
    if (!server.subscribed.empty()) server.kill(*server.subscribed.begin());
    settle();
    // The first sync loads one page; older history comes when the customer scrolls back.
    for (int i = 0; i < 100 && h.session->hasOlderHistory(); ++i) {
        h.session->loadOlder();
        server.serviceHttp();
    }

    REQUIRE(h.session->state() == SessionState::Live);
    std::vector<std::string> clientIds, serverIds;
    for (const auto& e : h.session->transcript().entries()) clientIds.push_back(e.item.id);
    for (const auto& i : server.log) serverIds.push_back(i.id);
    CHECK(clientIds == serverIds);
    CHECK(server.idByClientToken.size() == static_cast<std::size_t>(customerMessages));
    const auto customerInLog = std::count_if(server.log.begin(), server.log.end(),
                                             [](const Item& i) { return i.participantId == "p-cust"; });
    CHECK(customerInLog == customerMessages);
}
