// demo_files.h: the demo's config.json and flows/*.json, compiled in by CMake (demo_files.cpp is
// generated from the files themselves), so Config::demo() and FlowLibrary::demo() are the same
// topology and flows a partner edits, and a binary copied elsewhere still runs the demo.
#pragma once
#include <span>

namespace connect_local::demo_files {

struct EmbeddedFile {
    const char* name;   // the file name (flows: as in the flows directory)
    const char* text;
};

extern const char* const kConfig;
extern const std::span<const EmbeddedFile> kFlows;

}  // namespace connect_local::demo_files
