# Shared set-up steps of scripts/run.sh and scripts/test.sh. Each step checks
# first and does nothing when everything is already in place, so both
# commands are quick the second time.
# shellcheck shell=bash

set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"

# System packages the app needs to build and run (Tauri 2 on WebKitGTK 4.1).
# espeak-ng: the offline voices of "read aloud" (Vietnamese: Northern,
# Central, Southern).
RUN_APT_PACKAGES=(
  build-essential pkg-config curl wget file libssl-dev
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth espeak-ng
)
# Extra packages for the tests: WebKit's WebDriver for the end-to-end tests,
# a D-Bus session and a Secret Service for keyring tests.
# python3-venv: the API fuzzer (schemathesis) runs in its own virtual environment.
# postgresql: the team hub's tests start throwaway clusters of Debian's server;
# chromium + chromium-driver: the hub's web dashboard is tested in a real browser.
TEST_APT_PACKAGES=(webkit2gtk-driver dbus-x11 gnome-keyring python3-venv postgresql chromium chromium-driver)

step() { printf '\n\033[1;31m==>\033[0m \033[1m%s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_apt_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
  if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages: all present"
    return
  fi
  step "Installing system packages: ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

check_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    echo "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
    echo "Gõ Cửa needs Rust 1.95 or newer; Debian's own rustc is too old." >&2
    exit 1
  fi
  echo "rust: $(rustc --version)"
}

# npm ci in $1 unless node_modules already matches package-lock.json.
npm_install() {
  local dir=$1 stamp
  stamp="$dir/node_modules/.gocua-lock-sha256"
  local want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "npm packages in $dir: up to date"
    return
  fi
  step "Installing npm packages in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund)
  echo "$want" > "$stamp"
}

build_ui() {
  step "Building the UI (ui/dist is embedded into the app)"
  npm --prefix ui run build
}

# Run a GUI command on the real display if there is one, else on Xvfb.
with_display() {
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    "$@"
  else
    xvfb-run -a -s "-screen 0 1280x1024x24" "$@"
  fi
}
