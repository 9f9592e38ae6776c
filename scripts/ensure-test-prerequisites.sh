#!/usr/bin/env bash
# What `npm test` runs first: Redis on 127.0.0.1:6379, PostgreSQL on 127.0.0.1:5432 with the
# database `test`, and Chromium at /usr/bin/chromium. Whatever is missing is started or
# installed by the scripts CI runs (scripts/start-services.sh, scripts/install-chromium.sh);
# when this user cannot (not root, or no apt-get), it stops with one line saying what to run.
# Finding everything in place takes a few milliseconds, so CI, which ran those scripts already,
# pays nothing for the second look.
# TEST_CHROMIUM_PATH: where to look for Chromium instead (only to test this script).
set -uo pipefail
cd "$(dirname "$0")/.."

chromium="${TEST_CHROMIUM_PATH:-/usr/bin/chromium}"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

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
  [ -x "$chromium" ] || echo "Chromium ($chromium)"
}

# The scripts that set up the missing items, as one command line.
commands_for() {
  local commands=()
  grep -qv '^Chromium' <<<"$1" && commands+=('bash scripts/start-services.sh')
  grep -q '^Chromium' <<<"$1" && commands+=('bash scripts/install-chromium.sh')
  local joined
  printf -v joined ' && sudo %s' "${commands[@]}"
  echo "${joined# && }"
}

listed() { paste -sd ';' <<<"$1" | sed 's/;/, /g'; }

absent="$(missing)"
[ -z "$absent" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "npm test needs $(listed "$absent"): run \`$(commands_for "$absent")\`, then npm test again." >&2
  exit 1
fi
if [ ! -x "$(type -P apt-get)" ]; then
  echo "npm test needs $(listed "$absent"), and without apt-get it cannot install them: start or install them yourself (scripts/start-services.sh shows how), then npm test again." >&2
  exit 1
fi

echo "npm test: setting up $(listed "$absent") ..." >&2
if grep -qv '^Chromium' <<<"$absent"; then
  bash scripts/start-services.sh >&2 || {
    echo 'npm test: scripts/start-services.sh failed (see above); fix that, then npm test again.' >&2
    exit 1
  }
fi
if grep -q '^Chromium' <<<"$absent"; then
  bash scripts/install-chromium.sh >&2 || {
    echo 'npm test: scripts/install-chromium.sh failed (see above); fix that, then npm test again.' >&2
    exit 1
  }
fi

still="$(missing)"
if [ -n "$still" ]; then
  echo "npm test still lacks $(listed "$still") after running \`$(commands_for "$still" | sed 's/sudo //g')\`; set it up by hand, then npm test again." >&2
  exit 1
fi
