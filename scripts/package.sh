#!/usr/bin/env bash
# Builds the installable Debian package of the desktop app (release build,
# the UI embedded): target/release/bundle/deb/gocua_<version>_amd64.deb.
# Install it with `sudo apt install ./target/release/bundle/deb/*.deb`;
# the app is then in the applications menu as "Gõ Cửa" and on the PATH as
# `gocua-desktop`.
#
#   bash scripts/package.sh
. "$(dirname "$0")/lib.sh"

install_apt_packages "${RUN_APT_PACKAGES[@]}"
check_rust
npm_install ui

step "Building the .deb (release)"
# From the repository root: the Tauri CLI looks for tauri.conf.json below
# the current folder. It builds the UI first (beforeBuildCommand).
ui/node_modules/.bin/tauri build --bundles deb --ci

target_dir=${CARGO_TARGET_DIR:-$REPO_ROOT/target}
deb=$(ls -t "$target_dir"/release/bundle/deb/*.deb | head -n 1)
echo "$deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'
