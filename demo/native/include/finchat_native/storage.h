// finchat_native/storage.h: finchat::Storage for native programs.
//
// MemoryStorage lives as long as the process (tests, load generators). FileStorage plays the part of
// sessionStorage for the CLI: a small JSON object of strings, rewritten as a whole on every change
// (values are a few kilobytes of session snapshot), via a temporary file and rename so a crash never
// leaves half a file. Storage has no error channel, so a failed write keeps the value in memory and
// is visible only through lastWriteFailed().
#pragma once
#include <map>
#include <optional>
#include <string>

#include "finchat/platform.h"

namespace finchat_native {

class MemoryStorage final : public finchat::Storage {
public:
    std::optional<std::string> get(const std::string& key) override;
    void set(const std::string& key, const std::string& value) override;
    void remove(const std::string& key) override;
    std::size_t size() const { return values_.size(); }

private:
    std::map<std::string, std::string> values_;
};

class FileStorage final : public finchat::Storage {
public:
    // Loads `path` if it exists; an unreadable or damaged file starts empty (and is replaced on the
    // first write).
    explicit FileStorage(std::string path);

    std::optional<std::string> get(const std::string& key) override;
    void set(const std::string& key, const std::string& value) override;
    void remove(const std::string& key) override;

    const std::string& path() const { return path_; }
    bool lastWriteFailed() const { return writeFailed_; }

private:
    void save();

    std::string path_;
    std::map<std::string, std::string> values_;
    bool writeFailed_ = false;
};

}  // namespace finchat_native
