#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/browser) when it is missing. Only
# Debian's package: the tests never download a browser of their own.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
$sudo apt-get update
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
