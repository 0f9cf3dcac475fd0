#!/usr/bin/env bash
# Every test, on a fresh machine or an old one: setup (idempotent), the native build, the wasm build,
# then one ctest run that covers both targets (the core's unit tests run natively and under node).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh"
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten finds its node modules here
jobs=$(nproc)

cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DFINCHAT_WASM_BUILD_DIR="$root/build/wasm" >/dev/null
cmake --build build/native -j "$jobs"

emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j "$jobs"

ctest --test-dir build/native --output-on-failure
