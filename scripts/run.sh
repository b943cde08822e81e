#!/usr/bin/env bash
# Installs what Gõ Cửa needs on Debian 12, builds it, starts the sandbox
# portal on 127.0.0.1:8787 and opens the app pointed at it. Close the window
# (or press Ctrl-C) to stop both.
#
#   bash scripts/run.sh [--data-dir DIR]
. "$(dirname "$0")/lib.sh"

install_apt_packages "${RUN_APT_PACKAGES[@]}" dbus-x11 gnome-keyring
check_rust
npm_install ui

step "Building Gõ Cửa (release: the app as volunteers get it, the UI embedded)"
# The Tauri CLI builds the UI and the app with the UI served from inside the
# binary (the same build as the .deb, see scripts/package.sh); the sandbox
# portal is a plain cargo release build.
ui/node_modules/.bin/tauri build --no-bundle --ci
cargo build --locked --release -p gocua-portal -p gocua-cli

target_dir=${CARGO_TARGET_DIR:-$REPO_ROOT/target}
export GOCUA_PORTAL_URL=${GOCUA_PORTAL_URL:-http://127.0.0.1:8787}
portal_pid=""
cleanup() { [ -n "$portal_pid" ] && kill "$portal_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if curl -fsS --max-time 2 "${GOCUA_PORTAL_URL%/}/v1/health" 2>/dev/null | grep -q gocua-portal; then
  echo "A sandbox portal already answers at $GOCUA_PORTAL_URL; using it."
else
  step "Starting the sandbox portal at $GOCUA_PORTAL_URL"
  # Its "office" receives, processes and returns dossiers on its own (one step
  # every 20 s) and asks every third dossier for a supplement, so a newcomer
  # sees the whole loop: queued -> sent -> received -> supplement -> done.
  # Its database outlives a restart (the app remembers what it sent).
  "$target_dir/release/gocua-portal" --listen "${GOCUA_PORTAL_URL#http://}" \
    --data-dir "${GOCUA_SANDBOX_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/gocua-sandbox}" \
    --advance-every 20 --supplement-every 3 &
  portal_pid=$!
fi

step "Opening Gõ Cửa"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: the window opens on a virtual screen (Xvfb). Press Ctrl-C to stop."
fi
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -n "${GOCUA_PASSPHRASE:-}" ]; then
  # A desktop session (its keyring holds the database key) or the explicit
  # passphrase fallback.
  with_display "$target_dir/release/gocua-desktop" "$@"
else
  # No desktop session and no passphrase: there is nowhere safe to keep a
  # database key, so this is a throwaway demo — a temporary keyring and a
  # temporary data folder, both deleted when the app closes.
  echo "No OS keyring here: running a demo session whose data is not kept."
  echo "To keep data on a machine without a keyring, set GOCUA_PASSPHRASE (see README)."
  # A real data folder must not get its key from a keyring that vanishes on exit.
  for arg in "$@"; do
    case "$arg" in --data-dir*) echo "A demo session cannot use --data-dir; set GOCUA_PASSPHRASE instead." >&2; exit 2 ;; esac
  done
  demo=$(mktemp -d)
  export GOCUA_DATA_DIR=$demo/data
  export target_dir demo
  with_display dbus-run-session -- bash -c '
    export XDG_RUNTIME_DIR="$demo/run" XDG_DATA_HOME="$demo/share"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    head -c 24 /dev/urandom | base64 | tr -d "\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$target_dir/release/gocua-desktop" "$@"' bash "$@"
  rm -rf "$demo"
fi
