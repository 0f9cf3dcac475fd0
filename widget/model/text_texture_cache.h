// text_texture_cache.h: the bitmaps of browser-rasterised message text, bounded by bytes.
//
// Message bodies are shaped and rasterised by the browser (web/src/text-raster.js) into textures,
// one per tile of a message. A transcript of 10,000 messages must not keep 10,000 textures on the
// GPU: this cache holds them least-recently-drawn first and, at the end of each frame, releases the
// oldest ones that were not drawn in that frame until the total is under the cap. What is on screen
// is never released (a screen larger than the cap still draws; the cap is then exceeded only by it).
// The GL side is the caller's: `release` deletes a texture.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <string>
#include <map>

namespace finchat::widget {

class TextTextureCache {
public:
    struct Entry {
        std::uint32_t texture = 0;
        int width = 0, height = 0;   // device pixels
    };
    using Release = std::function<void(std::uint32_t texture)>;

    TextTextureCache(std::size_t capBytes, Release release);
    ~TextTextureCache();
    TextTextureCache(const TextTextureCache&) = delete;
    TextTextureCache& operator=(const TextTextureCache&) = delete;

    // The entry for `key`, marked as drawn in this frame; nullptr if absent.
    const Entry* find(const std::string& key);
    // Adds (or replaces) an entry, marked as drawn in this frame.
    const Entry* insert(const std::string& key, Entry entry);
    // Ends the frame: releases least-recently-drawn entries not drawn in it while over the cap.
    void endFrame();
    // Releases everything (fonts, colours or the device pixel ratio changed).
    void clear();
    // Forgets everything without releasing (the GL context was lost with its textures).
    void forget();

    std::size_t bytes() const { return bytes_; }
    std::size_t size() const { return map_.size(); }
    std::size_t capBytes() const { return cap_; }
    std::size_t evicted() const { return evicted_; }   // entries released by endFrame so far

    static std::size_t bytesOf(const Entry& e) {
        return static_cast<std::size_t>(e.width) * static_cast<std::size_t>(e.height) * 4u;
    }

private:
    struct Node {
        std::string key;
        Entry entry;
        std::uint64_t frame = 0;   // the frame it was last drawn in
    };
    using List = std::list<Node>;   // front = most recently drawn

    void touch(List::iterator it);

    std::size_t cap_;
    Release release_;
    List lru_;
    std::map<std::string, List::iterator> map_;
    std::size_t bytes_ = 0;
    std::uint64_t frame_ = 1;
    std::size_t evicted_ = 0;
};

}  // namespace finchat::widget
