#!/usr/bin/env bash
# Starts the Redis and PostgreSQL servers the store tests and benchmarks use, on their default
# local ports, installing them from Debian's packages when they are missing, and creates the
# tests' database `test` when it is missing. Safe to re-run.
set -euo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
  for _ in $(seq 1 60); do
    port_open "$1" && return 0
    sleep 0.5
  done
  echo "service on port $1 did not start" >&2
  return 1
}

apt_updated=false
install_packages() {
  if [ "$apt_updated" = false ]; then
    apt-get update -qq
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! port_open 6379; then
  command -v redis-server >/dev/null || install_packages redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for_port 6379
fi

if ! port_open 5432; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    install_packages postgresql
  fi
  version=$(ls /etc/postgresql | sort -V | tail -1)
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_for_port 5432
fi

# Also when PostgreSQL was already running: a server started by hand lacks the tests' database.
command -v psql >/dev/null || install_packages postgresql-client
psql -w -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" |
  grep -q 1 || psql -w -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE DATABASE test'
