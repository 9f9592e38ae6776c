#!/usr/bin/env bash
# Installs Debian's nginx for the load-balancer tests (test/load-balancer) when it is missing.
# The tests run nginx themselves, from a temporary folder on a loopback port; the package's own
# service is not started (a policy-rc.d that refuses it while the package installs), so nothing
# is left listening on port 80.
set -euo pipefail

if [ -x /usr/sbin/nginx ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  trap '$sudo rm -f "$policy"' EXIT
fi
$sudo apt-get update
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y nginx
