#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail). Builds like scripts/test.sh, then prints each target's numbers.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh"
export NODE_PATH=/usr/share/nodejs
cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFINCHAT_WASM_BUILD_DIR="$root/build/wasm" >/dev/null
cmake --build build/native -j "$(nproc)" --target finchat_core_bench connect-local connect_local_bench
emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j "$(nproc)" --target finchat_core_bench finchat_browser_smoke finaptic_chat_dist finaptic_chat_dist_bench
echo; build/native/tests/finchat_core_bench "$@"
echo; node --no-experimental-fetch build/wasm/tests/finchat_core_bench.js "$@"
# Download sizes (raw / gzip -9 / brotli 11): the core over the browser platform layer (the smoke
# build), and the packaged widget when web/'s build has produced build/wasm/dist.
echo; node tests/bench/size_report.mjs --pair build/wasm/widget/finchat_browser_smoke.js
echo; node tests/bench/size_report.mjs build/wasm/dist
# The widget's frames in headless Chromium: CPU ms per frame at 10/1,000/10,000 messages, idle frames
# (over build/wasm/dist-bench, the widget linked with fc_bench; the shipped dist has no benchmark code).
echo; CONNECT_LOCAL=build/native/demo/connect-local/connect-local node tests/bench/widget_frames.js
# The L1 → L2 handoff through the headless SDK in Node: escalate() → L2 live, p50/p99 over 50 runs.
echo; CONNECT_LOCAL=build/native/demo/connect-local/connect-local node tests/bench/handoff_bench.mjs
# connect-local under load: the server binary in its own process, the load generator in this one.
echo; build/native/tests/connect_local_bench
