#include "model/text_texture_cache.h"

#include <utility>

namespace finchat::widget {

TextTextureCache::TextTextureCache(std::size_t capBytes, Release release)
    : cap_(capBytes), release_(std::move(release)) {}

TextTextureCache::~TextTextureCache() { clear(); }

void TextTextureCache::touch(List::iterator it) {
    it->frame = frame_;
    lru_.splice(lru_.begin(), lru_, it);
}

const TextTextureCache::Entry* TextTextureCache::find(const std::string& key) {
    auto it = map_.find(key);
    if (it == map_.end()) return nullptr;
    touch(it->second);
    return &it->second->entry;
}

const TextTextureCache::Entry* TextTextureCache::insert(const std::string& key, Entry entry) {
    if (auto it = map_.find(key); it != map_.end()) {
        bytes_ -= bytesOf(it->second->entry);
        if (release_ && it->second->entry.texture != entry.texture) release_(it->second->entry.texture);
        lru_.erase(it->second);
        map_.erase(it);
    }
    lru_.push_front(Node{key, entry, frame_});
    map_[key] = lru_.begin();
    bytes_ += bytesOf(entry);
    return &lru_.front().entry;
}

void TextTextureCache::endFrame() {
    while (bytes_ > cap_ && !lru_.empty() && lru_.back().frame != frame_) {
        Node& oldest = lru_.back();
        bytes_ -= bytesOf(oldest.entry);
        if (release_) release_(oldest.entry.texture);
        map_.erase(oldest.key);
        lru_.pop_back();
        ++evicted_;
    }
    ++frame_;
}

void TextTextureCache::clear() {
    if (release_)
        for (const auto& n : lru_) release_(n.entry.texture);
    forget();
}

void TextTextureCache::forget() {
    lru_.clear();
    map_.clear();
    bytes_ = 0;
}

}  // namespace finchat::widget
