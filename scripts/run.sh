#!/usr/bin/env bash
# Installs what Gõ Cửa needs on Debian 12, builds it, starts the sandbox
# portal on 127.0.0.1:8787 and opens the app pointed at it. Close the window
# (or press Ctrl-C) to stop both.
#
#   bash scripts/run.sh [--data-dir DIR]
. "$(dirname "$0")/lib.sh"

install_apt_packages "${RUN_APT_PACKAGES[@]}"
check_rust
npm_install ui
build_ui

step "Building Gõ Cửa"
cargo build --locked --workspace --bins

target_dir=${CARGO_TARGET_DIR:-$REPO_ROOT/target}
export GOCUA_PORTAL_URL=${GOCUA_PORTAL_URL:-http://127.0.0.1:8787}
portal_pid=""
cleanup() { [ -n "$portal_pid" ] && kill "$portal_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if "$target_dir/debug/gocua" probe --json 2>/dev/null | grep -q '"online"'; then
  echo "A sandbox portal already answers at $GOCUA_PORTAL_URL; using it."
else
  step "Starting the sandbox portal at $GOCUA_PORTAL_URL"
  "$target_dir/debug/gocua-portal" --listen "${GOCUA_PORTAL_URL#http://}" &
  portal_pid=$!
fi

step "Opening Gõ Cửa"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: the window opens on a virtual screen (Xvfb). Press Ctrl-C to stop."
fi
with_display "$target_dir/debug/gocua-desktop" "$@"
