#!/usr/bin/env bash
# A team lead's machine: installs PostgreSQL (Debian's), creates the hub's
# database, builds and starts the team hub (gocua-hub) over TLS with a
# self-signed certificate made at first start, creates the team when there
# is none, prints the dashboard's first admin set-up link (once) and an
# enrolment code (valid 24 h, usable once) for each laptop to join with
# `gocua hub join CODE --name "…"`.
#
#   bash scripts/hub.sh                    # team "Tổ công nghệ số", province 01
#   GOCUA_HUB_TEAM="Tổ CNS thôn Đông" GOCUA_HUB_PROVINCE=79 bash scripts/hub.sh
#   bash scripts/hub.sh status             # is it running? (exit 0, or 3 when not)
#   bash scripts/hub.sh stop               # stop it and wait until it has stopped
#
# Settings (environment, or a file of KEY=value lines given as $1):
#   GOCUA_HUB_PUBLIC_URL  how laptops reach it (default https://<this host's address>:8443)
#   GOCUA_HUB_LISTEN      address to listen on (default 0.0.0.0:8443)
#   GOCUA_HUB_DATA_DIR    certificate and logs (default /var/lib/gocua-hub)
. "$(dirname "$0")/lib.sh"

action=start
case "${1:-}" in
  stop|status) action=$1; shift ;;
esac
if [ $# -ge 1 ] && [ -f "$1" ]; then
  set -a; . "$1"; set +a
fi
export GOCUA_HUB_DATA_DIR=${GOCUA_HUB_DATA_DIR:-/var/lib/gocua-hub}
HUB="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/release/gocua-hub"
# The hub writes its own pid (hub.pid in its data folder) once it holds its
# port; `status` and `stop` read it.
hub_status() { [ -x "$HUB" ] && as_root "$HUB" status --data-dir "$GOCUA_HUB_DATA_DIR"; }
if [ "$action" != start ]; then
  if [ ! -x "$HUB" ]; then
    echo "not running (gocua-hub is not built here)"
    [ "$action" = stop ] && exit 0 || exit 3
  fi
  as_root "$HUB" "$action" --data-dir "$GOCUA_HUB_DATA_DIR"
  exit $?
fi

install_apt_packages build-essential pkg-config libssl-dev openssl curl postgresql
check_rust

step "PostgreSQL: the cluster running, the hub's database"
if command -v pg_lsclusters >/dev/null 2>&1; then
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
  if [ -n "$cluster" ] && ! pg_lsclusters --no-header | awk 'NR==1 {print $4}' | grep -q online; then
    # shellcheck disable=SC2086
    as_root pg_ctlcluster $cluster start
  fi
fi
as_root runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_database WHERE datname = 'gocua_hub'" | grep -q 1 \
  || as_root runuser -u postgres -- psql -qc "CREATE DATABASE gocua_hub"
# Peer authentication over the local socket: the hub runs as the `postgres`
# system user, so no database password is stored anywhere.
export DATABASE_URL=${DATABASE_URL:-"host=/var/run/postgresql user=postgres dbname=gocua_hub"}

step "Building gocua-hub (release)"
cargo build --locked --release -p gocua-hub

export GOCUA_HUB_LISTEN=${GOCUA_HUB_LISTEN:-0.0.0.0:8443}
address=$(hostname -I 2>/dev/null | awk '{print $1}')
address=${address:-127.0.0.1}
export GOCUA_HUB_PUBLIC_URL=${GOCUA_HUB_PUBLIC_URL:-"https://$address:${GOCUA_HUB_LISTEN##*:}"}
export GOCUA_HUB_NAMES=${GOCUA_HUB_NAMES:-"localhost,127.0.0.1,$address"}
as_root mkdir -p "$GOCUA_HUB_DATA_DIR"

hub_fingerprint() { openssl x509 -in "$GOCUA_HUB_DATA_DIR/hub-cert.pem" -noout -fingerprint -sha256 2>/dev/null | cut -d= -f2; }
hub() { as_root env DATABASE_URL="$DATABASE_URL" GOCUA_HUB_DATA_DIR="$GOCUA_HUB_DATA_DIR" \
  GOCUA_HUB_LISTEN="$GOCUA_HUB_LISTEN" GOCUA_HUB_NAMES="$GOCUA_HUB_NAMES" GOCUA_HUB_PUBLIC_URL="$GOCUA_HUB_PUBLIC_URL" \
  runuser -u postgres -- "$HUB" "$@"; }
as_root chown postgres "$GOCUA_HUB_DATA_DIR"
hub migrate >/dev/null

step "Starting the hub on $GOCUA_HUB_LISTEN (log: $GOCUA_HUB_DATA_DIR/hub.log)"
if running=$(hub_status); then
  echo "already $running"
else
  hub serve >>"$GOCUA_HUB_DATA_DIR/hub.log" 2>&1 &
  started=
  for _ in $(seq 1 150); do
    # Started means: this hub holds the port (its own pid file) and answers.
    if hub_status >/dev/null && curl -skf "https://127.0.0.1:${GOCUA_HUB_LISTEN##*:}/healthz" >/dev/null; then
      started=1
      break
    fi
    kill -0 $! 2>/dev/null || break # it exited: a taken port, bad settings
    sleep 0.2
  done
  if [ -z "$started" ]; then
    echo "The hub did not start. The end of its log ($GOCUA_HUB_DATA_DIR/hub.log):" >&2
    tail -n 5 "$GOCUA_HUB_DATA_DIR/hub.log" >&2
    exit 1
  fi
  hub_status
fi

step "The team and an enrolment code"
team=$(as_root runuser -u postgres -- psql -qtA -d gocua_hub -c "SELECT id FROM team ORDER BY created_at LIMIT 1")
if [ -z "$team" ]; then
  team=$(hub team-create --name "${GOCUA_HUB_TEAM:-Tổ công nghệ số}" --province "${GOCUA_HUB_PROVINCE:-01}")
fi
code=$(hub enrol-code --team "$team" --url "$GOCUA_HUB_PUBLIC_URL" --cert "$GOCUA_HUB_DATA_DIR/hub-cert.pem")
province=${GOCUA_HUB_PROVINCE:-01}
admins=$(as_root runuser -u postgres -- psql -qtA -d gocua_hub -c "SELECT count(*) FROM web_user WHERE role = 'province_admin'")
if [ "$admins" = "0" ]; then
  setup=$(hub setup-link --province "$province" --url "$GOCUA_HUB_PUBLIC_URL")
  cat <<TEXT

The dashboard's first admin (province $province): open this link once, within 24 hours, in a browser
(the certificate is self-signed: its SHA-256 is $(hub_fingerprint)):

  $setup
TEXT
fi
cat <<TEXT

Team hub: $GOCUA_HUB_PUBLIC_URL   (team $team)
On each laptop (valid 24 hours, once):

  gocua hub join $code --name "Máy của …"

A new code for the next laptop: bash scripts/hub.sh
Is it running: bash scripts/hub.sh status      Stop it: bash scripts/hub.sh stop
TEXT
