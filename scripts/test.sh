#!/usr/bin/env bash
# Installs what the tests need on Debian 12 and runs ALL of them: formatting,
# lints, docs (warnings are errors), unused dependencies, Rust unit and integration tests (incl. stale-bindings and
# translation checks), the sandbox portal fuzzed against its OpenAPI
# document, the UI type check and unit tests, and the end-to-end tests that
# drive the real app window under Xvfb, the team hub's dashboard in Chromium,
# then the Debian package built,
# installed and started.
#
#   bash scripts/test.sh
. "$(dirname "$0")/lib.sh"
started=$SECONDS

# CI runs in a fresh clone each time; keep cargo's build output outside it so
# the next run on the same machine starts warm.
if [ "${CI:-}" = "true" ] && [ -z "${CARGO_TARGET_DIR:-}" ]; then
  export CARGO_TARGET_DIR=/var/cache/gocua/target
fi

install_apt_packages "${RUN_APT_PACKAGES[@]}" "${TEST_APT_PACKAGES[@]}"
check_rust
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt 2>/dev/null || true
npm_install ui
npm_install tests/e2e
if ! command -v tauri-driver >/dev/null 2>&1; then
  step "Installing tauri-driver"
  cargo install tauri-driver --locked
fi
# The unused-dependency check (pinned; built from crates.io once per machine).
MACHETE_VERSION=0.9.2
if ! cargo-machete --version 2>/dev/null | grep -q "$MACHETE_VERSION"; then
  step "Installing cargo-machete $MACHETE_VERSION"
  cargo install cargo-machete --version "$MACHETE_VERSION" --locked
fi

step "cargo fmt --check"
cargo fmt --all -- --check

build_ui

# One package/target selection for every cargo call, so features unify the
# same way and nothing is compiled twice.
step "cargo clippy (warnings are errors)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "cargo build"
cargo build --locked --workspace --all-targets

step "cargo doc (warnings are errors: a broken link in a doc fails)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --workspace --no-deps

step "No unused dependency (cargo-machete)"
cargo machete

# A real Secret Service for the tests (the OS keyring path), in a throwaway
# D-Bus session with a throwaway keyring; GOCUA_EXPECT_KEYRING makes a keyring
# that does not answer a test failure rather than a skipped path.
step "cargo test (with a throwaway Secret Service)"
dbus-run-session -- bash -c '
  set -euo pipefail
  export XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"
  export XDG_DATA_HOME=$(mktemp -d)
  echo -n "gocua-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export GOCUA_EXPECT_KEYRING=1 GOCUA_EXPECT_SPEECH=1
  exec cargo test --locked --workspace --no-fail-fast'

step "The sandbox portal against its OpenAPI document (schemathesis)"
bash scripts/fuzz-portal.sh

step "UI: svelte-check"
npm --prefix ui run check

step "UI: unit tests (vitest)"
npm --prefix ui test

step "End-to-end: the real window through tauri-driver + WebKitWebDriver on Xvfb"
xvfb-run -a -s "-screen 0 1280x1024x24" npm --prefix tests/e2e test

step "The team hub's web dashboard in Chromium (chromedriver; a throwaway PostgreSQL)"
npm --prefix tests/e2e run test:hub

step "The installable app: build the .deb, install it, start the installed app"
# The package as scripts/package.sh makes it, from the debug profile the
# stages above built (only the app and Tauri are rebuilt, with the embedded
# UI's custom protocol): a release build from scratch would take longer than
# every other stage together, and the packaging, the installation and the
# start are what this stage checks.
ui/node_modules/.bin/tauri build --debug --bundles deb --ci
deb=$(ls -t "${CARGO_TARGET_DIR:-$REPO_ROOT/target}"/debug/bundle/deb/*.deb | head -n 1)
dpkg-deb --field "$deb" Package Version Depends Recommends
# dpkg -i reinstalls even the same version (a rebuilt binary); apt fills in
# any dependency the machine lacks.
as_root dpkg -i "$deb" || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -f
GOCUA_E2E_APP=/usr/bin/gocua-desktop xvfb-run -a -s "-screen 0 1280x1024x24" \
  node --test --test-reporter=spec tests/e2e/installed/

step "All tests passed in $((SECONDS - started)) s"
