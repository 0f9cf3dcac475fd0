// TextTextureCache: the bound on browser-rasterised message text (bytes, LRU, what is on screen stays).
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "model/text_texture_cache.h"

using namespace finchat::widget;

namespace {
struct Gpu {
    std::set<std::uint32_t> live;
    std::vector<std::uint32_t> released;
    std::uint32_t next = 1;
    TextTextureCache::Entry make(int w, int h) {
        live.insert(next);
        return {next++, w, h};
    }
    TextTextureCache::Release release() {
        return [this](std::uint32_t t) {
            REQUIRE(live.erase(t) == 1);   // never released twice, never unknown
            released.push_back(t);
        };
    }
};
constexpr std::size_t kTile = 100 * 100 * 4;
}  // namespace

TEST_CASE("TextTextureCache keeps its bytes under the cap by releasing the least recently drawn") {
    Gpu gpu;
    TextTextureCache cache(3 * kTile, gpu.release());
    // Frames drawing a, b, c, d, e one per frame: after each frame at most three stay.
    std::vector<std::uint32_t> textures;
    for (const char* key : {"a", "b", "c", "d", "e"}) {
        textures.push_back(cache.insert(key, gpu.make(100, 100))->texture);
        cache.endFrame();
        CHECK(cache.bytes() <= cache.capBytes());
    }
    CHECK(cache.size() == 3);
    CHECK(cache.find("a") == nullptr);
    CHECK(cache.find("b") == nullptr);
    CHECK(gpu.released == std::vector<std::uint32_t>{textures[0], textures[1]});
    CHECK(cache.evicted() == 2);
    CHECK(gpu.live.size() == 3);
}

TEST_CASE("TextTextureCache: drawing an entry again makes it the newest") {
    Gpu gpu;
    TextTextureCache cache(3 * kTile, gpu.release());
    const auto a = cache.insert("a", gpu.make(100, 100))->texture;
    cache.insert("b", gpu.make(100, 100));
    cache.insert("c", gpu.make(100, 100));
    cache.endFrame();
    REQUIRE(cache.find("a") != nullptr);   // a drawn again: b is now the oldest
    cache.endFrame();
    cache.insert("d", gpu.make(100, 100));
    cache.endFrame();
    CHECK(cache.find("a") != nullptr);
    CHECK(cache.find("a")->texture == a);
    CHECK(cache.find("b") == nullptr);
}

TEST_CASE("TextTextureCache never releases what was drawn in the current frame, even over the cap") {
    Gpu gpu;
    TextTextureCache cache(2 * kTile, gpu.release());
    cache.insert("old", gpu.make(100, 100));
    cache.endFrame();
    // One frame shows three tiles: the screen is larger than the cap.
    for (const char* key : {"x", "y", "z"}) cache.insert(key, gpu.make(100, 100));
    cache.endFrame();
    CHECK(cache.find("old") == nullptr);   // off screen: released
    CHECK(cache.size() == 3);               // on screen: all kept
    CHECK(cache.bytes() == 3 * kTile);
    // Next frame shows only x: y and z go (oldest first) until under the cap.
    cache.find("x");
    cache.endFrame();
    CHECK(cache.bytes() <= cache.capBytes());
    CHECK(cache.find("x") != nullptr);
}

TEST_CASE("TextTextureCache replaces an entry, clears and forgets") {
    Gpu gpu;
    TextTextureCache cache(10 * kTile, gpu.release());
    const auto first = cache.insert("k", gpu.make(100, 100))->texture;
    const auto second = cache.insert("k", gpu.make(50, 100))->texture;
    CHECK(gpu.released == std::vector<std::uint32_t>{first});
    CHECK(cache.size() == 1);
    CHECK(cache.bytes() == 50 * 100 * 4);
    CHECK(cache.find("k")->texture == second);
    cache.clear();
    CHECK(cache.size() == 0);
    CHECK(cache.bytes() == 0);
    CHECK(gpu.live.empty());
    // A lost GL context takes its textures with it: forget() releases nothing.
    cache.insert("m", gpu.make(10, 10));
    cache.forget();
    CHECK(gpu.live.size() == 1);
    CHECK(cache.size() == 0);
}
