#!/usr/bin/env bash
# The demo: builds what is missing, starts connect-local (the local Amazon Connect stand-in) with the
# scripted echo agent, prints its URLs, and opens a chat in the terminal with finchat-cli (the C++ core
# over native transports). Type lines to chat; /quit or Ctrl-D ends the chat; the server stops with it.
#   PORT=8080 ./scripts/demo.sh          # default port 8080
#   AGENT=none ./scripts/demo.sh         # no echo agent: accept chats from the agent API yourself
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh" >/dev/null
port=${PORT:-8080}
agent=${AGENT:-echo}

cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFINCHAT_WASM_BUILD_DIR="$root/build/wasm" >/dev/null
cmake --build build/native -j "$(nproc)" --target connect-local finchat-cli

server_args=(--port "$port")
[ "$agent" = "echo" ] && server_args+=(--agent echo)
build/native/demo/connect-local/connect-local "${server_args[@]}" > build/connect-local.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q "listening on" build/connect-local.log 2>/dev/null && break; sleep 0.1; done
if ! grep -q "listening on" build/connect-local.log; then cat build/connect-local.log; exit 1; fi

base="http://127.0.0.1:$port"
cat <<INFO

connect-local is running ($(grep -o 'listening on.*' build/connect-local.log)), agent: $agent
  Connect API         PUT  $base/contact/chat
  participant service POST $base/participant/...
  agent API           GET  $base/agent-api/queues?instance=acme
  demo partner token  POST $base/acme/api/chat-token
  server log          build/connect-local.log

Starting a chat as "Dana" on the Acme L1 flow (a demo bot answers first; 'balance', 'agent' and
'specialist' are its intents; with the echo agent anything else goes to an agent). /quit to end.

INFO
build/native/demo/finchat-cli --endpoint "$base" --instance acme --flow acme-l1 --name Dana
