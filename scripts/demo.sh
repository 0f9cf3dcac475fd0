#!/usr/bin/env bash
# The demo: builds what is missing (native tree: connect-local; wasm tree: the widget and its dist),
# starts connect-local (the local Amazon Connect stand-in) with the scripted echo agent, and prints
# the URLs: the Acme Bank page with the widget, the agent consoles, the strict-CSP and two-widget
# pages. Ctrl-C stops it.
#   PORT=8080 ./scripts/demo.sh          # default port 8080
#   AGENT=none ./scripts/demo.sh         # no echo agent: answer chats yourself in the agent console
#   CLI=1 ./scripts/demo.sh              # also chat from this terminal (finchat-cli, the core natively)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh" >/dev/null
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten finds its node modules here
port=${PORT:-8080}
agent=${AGENT:-echo}
jobs=$(nproc)

cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFINCHAT_WASM_BUILD_DIR="$root/build/wasm" >/dev/null
cmake --build build/native -j "$jobs" --target connect-local finchat-cli
emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j "$jobs" --target finaptic_chat_dist

server_args=(--port "$port")
# The demo runs the model home: the flow files and the banking-assistant Lex bot (named explicitly,
# since `--agent echo` alone keeps the keyword bot of the test harness).
[ "$agent" = "echo" ] && server_args+=(--agent echo --bots demo/connect-local/bots)
build/native/demo/connect-local/connect-local "${server_args[@]}" > build/connect-local.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 50); do grep -q "listening on" build/connect-local.log 2>/dev/null && break; sleep 0.1; done
if ! grep -q "listening on" build/connect-local.log; then cat build/connect-local.log; exit 1; fi

base="http://127.0.0.1:$port"
cat <<INFO

connect-local is running ($(grep -o 'listening on.*' build/connect-local.log)), agent: $agent

  Acme Bank (the widget)   $base/
  agent console, L1        $base/agent/?instance=acme
  agent console, L2        $base/agent/?instance=finaptic
  strict CSP page          $base/csp.html
  two widgets on a page    $base/two-widgets.html
  endpoints                $base/connect-local/
  server log               build/connect-local.log

In the chat: the demo bot answers first ('balance', 'agent', 'specialist' are its intents); with the
echo agent anything else goes to an agent who answers "echo: ...". Ctrl-C stops the server.

INFO
if [ "${CLI:-0}" = "1" ]; then
  build/native/demo/finchat-cli --endpoint "$base" --instance acme --flow acme-l1 --name Dana
else
  wait "$server"
fi
