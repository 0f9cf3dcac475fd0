#!/usr/bin/env bash
# Installs everything finaptic-chat needs on a fresh Debian bookworm machine, and nothing twice.
# Used by the README's commands, by CI (.ci/run) and by developers. A second run takes seconds:
# every step first checks whether its result is already there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/.deps"            # git-ignored: third-party sources fetched here, never committed
mkdir -p "$deps"

# Root on CI and dev machines; fall back to sudo where a developer is not root.
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

PACKAGES=(
  cmake ninja-build g++ dpkg-dev           # native build; dpkg-dev unpacks `apt-get source`
  emscripten binaryen                      # wasm build (Debian's emscripten 3.1.6)
  nlohmann-json3-dev catch2 libboost-dev   # JSON codecs, unit tests, Beast/Asio transports
  libmd4c-dev                              # markdown subset for message text
  fonts-inter fonts-noto-core              # the demo page's font, and the system fonts the browser draws the widget's text with (tests only)
  chromium brotli                          # browser end-to-end tests, size benchmark
  awscli                                   # AWS CLI v2: proves connect-local speaks AWS's APIs
  zlib1g-dev                               # inflate for Lex V2 bot export .zip files
  fonts-noto-color-emoji fonts-noto-cjk    # fonts a customer's device has (tests only; never shipped)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Dear ImGui comes as Debian *source* (the binary package has no backends), so a deb-src entry is needed.
src_list=/etc/apt/sources.list.d/finaptic-deb-src.sources
need_update=0
if [ ! -f "$src_list" ]; then
  $SUDO tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi
imgui_dir="$deps/imgui"
[ -f "$imgui_dir/imgui.h" ] || need_update=$(( need_update || ${#missing[@]} > 0 ? 1 : 0 ))
[ ${#missing[@]} -eq 0 ] || need_update=1

if [ "$need_update" -eq 1 ]; then
  echo "setup: apt-get update"
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$imgui_dir/imgui.h" ]; then
  echo "setup: fetching Dear ImGui source (apt-get source imgui)"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq imgui >/dev/null 2>&1 || apt-get source imgui)
  src=$(find "$tmp" -maxdepth 1 -type d -name 'imgui-*' | head -1)
  [ -n "$src" ] || { echo "setup: apt-get source imgui produced no source tree" >&2; exit 1; }
  grep -q 'IMGUI_VERSION *"1.86' "$src/imgui.h" || { echo "setup: expected Dear ImGui 1.86, got: $(grep 'define IMGUI_VERSION ' "$src/imgui.h")" >&2; exit 1; }
  rm -rf "$imgui_dir"; mv "$src" "$imgui_dir"; rm -rf "$tmp"
fi

# Node packages (the PII name list the core compiles in, core/names; conformance and browser tests; the Closure Compiler that minifies the shipped wasm
# targets' JS, see cmake/wasm_size.cmake) are installed from committed lock files.
for dir in "$root"/core/names "$root"/web "$root"/demo "$root"/tests "$root"/tests/conformance "$root"/scripts/closure; do
  if [ -f "$dir/package-lock.json" ]; then
    stamp="$dir/node_modules/.finaptic-lock"
    if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
      echo "setup: npm ci in ${dir#$root/}"
      (cd "$dir" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)   # never a browser download
      cp "$dir/package-lock.json" "$stamp"
    fi
  fi
done
echo "setup: ok"
