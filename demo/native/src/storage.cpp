#include "finchat_native/storage.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace finchat_native {

std::optional<std::string> MemoryStorage::get(const std::string& key) {
    const auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

void MemoryStorage::set(const std::string& key, const std::string& value) {
    values_[key] = value;
}

void MemoryStorage::remove(const std::string& key) {
    values_.erase(key);
}

FileStorage::FileStorage(std::string path) : path_(std::move(path)) {
    std::ifstream in(path_, std::ios::binary);
    if (!in) return;
    std::stringstream text;
    text << in.rdbuf();
    const auto json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) return;
    for (const auto& [key, value] : json.items())
        if (value.is_string()) values_[key] = value.get<std::string>();
}

std::optional<std::string> FileStorage::get(const std::string& key) {
    const auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

void FileStorage::set(const std::string& key, const std::string& value) {
    values_[key] = value;
    save();
}

void FileStorage::remove(const std::string& key) {
    if (values_.erase(key) != 0) save();
}

void FileStorage::save() {
    // Called from inside the core, which must never see an exception.
    try {
        nlohmann::json json = nlohmann::json::object();
        for (const auto& [key, value] : values_) json[key] = value;
        // Invalid UTF-8 would make dump() throw; replacing it keeps the rest of the state.
        const std::string text = json.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
        const std::string tmp = path_ + ".tmp";
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            out << text << '\n';
            out.flush();
            if (!out) {
                writeFailed_ = true;
                return;
            }
        }
        writeFailed_ = std::rename(tmp.c_str(), path_.c_str()) != 0;
    } catch (const std::exception&) {
        writeFailed_ = true;
    }
}

}  // namespace finchat_native
