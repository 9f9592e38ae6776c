#!/usr/bin/env bash
# What `npm test` runs first: the servers of scripts/start-services.sh (Redis on 127.0.0.1:6379,
# PostgreSQL on 127.0.0.1:5432 with the database `test`, a Redis Cluster on 7001-7003, a Redis
# Sentinel on 26379 with its master on 6380 and replica on 6381), Chromium at /usr/bin/chromium
# and nginx at /usr/sbin/nginx. Whatever is missing is started or installed by the scripts CI runs
# (scripts/start-services.sh, scripts/install-chromium.sh, scripts/install-nginx.sh); when this
# user cannot (not root, or no apt-get), it stops with one line saying what to run. Finding
# everything in place takes a few milliseconds, so CI, which ran those scripts already, pays
# nothing for the second look.
# TEST_CHROMIUM_PATH, TEST_NGINX_PATH: where to look for them instead (only to test this script).
set -uo pipefail
cd "$(dirname "$0")/.."

chromium="${TEST_CHROMIUM_PATH:-/usr/bin/chromium}"
nginx="${TEST_NGINX_PATH:-/usr/sbin/nginx}"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports_open() {
  for port in "$@"; do port_open "$port" || return 1; done
}

has_test_database() {
  command -v psql >/dev/null &&
    PGCONNECT_TIMEOUT=3 psql -w -h 127.0.0.1 -U postgres -d test -tAc 'SELECT 1' >/dev/null 2>&1
}

# Prints what is missing, one item a line; prints nothing when everything is there.
missing() {
  port_open 6379 || echo 'Redis (127.0.0.1:6379)'
  if ! port_open 5432; then
    echo 'PostgreSQL (127.0.0.1:5432)'
  elif ! has_test_database; then
    echo 'the PostgreSQL database `test` (user postgres, 127.0.0.1:5432)'
  fi
  ports_open 7001 7002 7003 || echo 'a Redis Cluster (127.0.0.1:7001-7003)'
  ports_open 6380 6381 26379 || echo 'a Redis Sentinel (127.0.0.1:26379, master 6380, replica 6381)'
  [ -x "$chromium" ] || echo "Chromium ($chromium)"
  [ -x "$nginx" ] || echo "nginx ($nginx)"
}

# The script that sets up a missing item.
script_for() {
  case "$1" in
    Chromium*) echo scripts/install-chromium.sh ;;
    nginx*) echo scripts/install-nginx.sh ;;
    *) echo scripts/start-services.sh ;;
  esac
}

# The scripts that set up the missing items $1, once each, in the order they are needed.
scripts_for() {
  while IFS= read -r item; do script_for "$item"; done <<<"$1" | awk '!seen[$0]++'
}

# The commands that set up the missing items, as one command line ($2: `sudo ` or nothing).
commands_for() {
  local joined=''
  while IFS= read -r script; do joined+=" && $2bash $script"; done <<<"$(scripts_for "$1")"
  echo "${joined# && }"
}

listed() { paste -sd ';' <<<"$1" | sed 's/;/, /g'; }

absent="$(missing)"
[ -z "$absent" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "npm test needs $(listed "$absent"): run \`$(commands_for "$absent" 'sudo ')\`, then npm test again." >&2
  exit 1
fi
if [ ! -x "$(type -P apt-get)" ]; then
  echo "npm test needs $(listed "$absent"), and without apt-get it cannot install them: start or install them yourself (scripts/start-services.sh shows how), then npm test again." >&2
  exit 1
fi

echo "npm test: setting up $(listed "$absent") ..." >&2
while IFS= read -r script; do
  bash "$script" >&2 || {
    echo "npm test: $script failed (see above); fix that, then npm test again." >&2
    exit 1
  }
done <<<"$(scripts_for "$absent")"

still="$(missing)"
if [ -n "$still" ]; then
  echo "npm test still lacks $(listed "$still") after running \`$(commands_for "$still" '')\`; set it up by hand, then npm test again." >&2
  exit 1
fi
