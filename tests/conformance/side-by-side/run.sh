#!/usr/bin/env bash
# Side by side (reference §11.3): the same scenario driven by chatjs 5.0.0 and by our core, each
# against a fresh connect-local --record, run in parallel (~40 s), then compared.
#
#   tests/conformance/side-by-side/run.sh
#
# Builds nothing. Expects the binaries of build/native (override with the variables below) and the
# lock-file install of tests/conformance (scripts/setup.sh):
#   CONNECT_LOCAL   connect-local binary   (default build/native/demo/connect-local/connect-local)
#   CORE_SCENARIO   core_scenario binary   (default build/native/tests/core_scenario)
#   SBS_OUT         output directory       (default build/side-by-side)
# Writes SBS_OUT/{chatjs,core}.record.jsonl (connect-local's records: credentials redacted, message
# text kept), SBS_OUT/{chatjs,core}.events.json, the drivers' logs and SBS_OUT/report.txt.
# Exit status: 0 when every difference is listed in expected-differences.json, 1 otherwise.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
export CONNECT_LOCAL="${CONNECT_LOCAL:-$root/build/native/demo/connect-local/connect-local}"
export CORE_SCENARIO="${CORE_SCENARIO:-$root/build/native/tests/core_scenario}"
out="${SBS_OUT:-$root/build/side-by-side}"

for f in "$CONNECT_LOCAL" "$CORE_SCENARIO"; do
  if [[ ! -x "$f" ]]; then
    echo "side-by-side: $f is missing (build connect-local and core_scenario first)" >&2
    exit 2
  fi
done
if [[ ! -d "$here/../node_modules/amazon-connect-chatjs" ]]; then
  echo "side-by-side: tests/conformance/node_modules is missing (run scripts/setup.sh)" >&2
  exit 2
fi

mkdir -p "$out"
rm -f "$out"/*.record.jsonl "$out"/*.events.json "$out/report.txt"
cd "$here"
# Both clients at once: the heartbeat-loss step alone needs 10-20 s per client.
node chatjs-scenario.js --out "$out" >"$out/chatjs.log" 2>&1 &
chatjs_pid=$!
node core-scenario.js --out "$out" >"$out/core.log" 2>&1 &
core_pid=$!
wait "$chatjs_pid"; chatjs_rc=$?
wait "$core_pid"; core_rc=$?
cat "$out/chatjs.log" "$out/core.log"
if [[ ! -s "$out/chatjs.record.jsonl" || ! -s "$out/core.record.jsonl" ]]; then
  echo "side-by-side: a run left no record (chatjs exit $chatjs_rc, core exit $core_rc)" >&2
  exit 1
fi
# A failed step is reported by the comparison (as an unexplained difference), so it runs regardless.
node compare.js --dir "$out" --report "$out/report.txt"
rc=$?
echo "report: $out/report.txt"
exit "$rc"
