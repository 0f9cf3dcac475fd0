// Files of the source tree that tests check (shipped themes, string tables, their docs). The test
// target defines FINCHAT_SOURCE_DIR; under node the wasm tests reach it through NODERAWFS.
#pragma once
#include <fstream>
#include <sstream>
#include <string>

namespace fake {

// The whole file, or "" if it cannot be read.
inline std::string readSourceFile(const std::string& relative) {
    std::ifstream in(std::string(FINCHAT_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace fake
