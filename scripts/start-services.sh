#!/usr/bin/env bash
# Starts the servers the store tests and benchmarks use, on loopback ports, installing them from
# Debian's packages when they are missing, and creates the tests' database `test` when it is
# missing. Safe to re-run: what already listens is left alone.
#   Redis        127.0.0.1:6379
#   PostgreSQL   127.0.0.1:5432 (user postgres, trust authentication, database `test`)
#   Redis Cluster  three masters on 127.0.0.1:7001, 7002 and 7003 (no replicas)
#   Redis Sentinel  master `sessions` on 127.0.0.1:6380, its replica on 6381, a sentinel on 26379
set -euo pipefail

CLUSTER_PORTS=(7001 7002 7003)
SENTINEL_MASTER_PORT=6380
SENTINEL_REPLICA_PORT=6381
SENTINEL_PORT=26379
SENTINEL_MASTER_NAME=sessions

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

# A redis-server on loopback port $1 keeping nothing on disk, with its files in $2; the rest of
# the arguments are its own.
start_redis() {
  local port="$1" dir="$2"
  shift 2
  mkdir -p "$dir" /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$dir" --logfile "/var/log/redis/$port.log" "$@"
  wait_for_port "$port"
}

command -v redis-server >/dev/null || install_packages redis-server

if ! port_open 6379; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for_port 6379
fi

# Redis Cluster: three masters. cluster-require-full-coverage no keeps the other masters serving
# while one is down, as the README recommends.
for port in "${CLUSTER_PORTS[@]}"; do
  port_open "$port" ||
    start_redis "$port" "/var/lib/redis-cluster/$port" --cluster-enabled yes \
      --cluster-config-file nodes.conf --cluster-node-timeout 2000 \
      --cluster-require-full-coverage no
done
cluster_ok() { redis-cli -p "${CLUSTER_PORTS[0]}" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; }
# Whether the server on port $1 is a node this script started (its files in its folder).
ours() { redis-cli -p "$1" config get dir 2>/dev/null | grep -qx "/var/lib/redis-cluster/$1"; }
if ! cluster_ok; then
  # Nodes of this script that are not one cluster of all the slots (a first start, or a node
  # that lost its configuration) are emptied and joined again; a server this script did not
  # start is never touched.
  for port in "${CLUSTER_PORTS[@]}"; do
    ours "$port" || {
      echo "127.0.0.1:$port runs a Redis that scripts/start-services.sh did not start, and the" \
        "tests need a Redis Cluster of ports ${CLUSTER_PORTS[*]} there: stop it, then run this again" >&2
      exit 1
    }
  done
  for port in "${CLUSTER_PORTS[@]}"; do
    redis-cli -p "$port" flushall >/dev/null
    redis-cli -p "$port" cluster reset hard >/dev/null
  done
  nodes=()
  for port in "${CLUSTER_PORTS[@]}"; do nodes+=("127.0.0.1:$port"); done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
  for _ in $(seq 1 40); do
    cluster_ok && break
    sleep 0.25
  done
  cluster_ok || {
    echo "the Redis Cluster on ports ${CLUSTER_PORTS[*]} did not become ready" >&2
    exit 1
  }
fi

# Redis Sentinel: a master, a replica of it, and one sentinel that watches them (quorum 1).
port_open "$SENTINEL_MASTER_PORT" ||
  start_redis "$SENTINEL_MASTER_PORT" /var/lib/redis-sentinel/master
port_open "$SENTINEL_REPLICA_PORT" ||
  start_redis "$SENTINEL_REPLICA_PORT" /var/lib/redis-sentinel/replica \
    --replicaof 127.0.0.1 "$SENTINEL_MASTER_PORT"
if ! port_open "$SENTINEL_PORT"; then
  # Sentinel rewrites its configuration file as it learns the setup: a fresh one at each start.
  mkdir -p /var/lib/redis-sentinel
  cat >/var/lib/redis-sentinel/sentinel.conf <<CONF
port $SENTINEL_PORT
bind 127.0.0.1
daemonize yes
dir /var/lib/redis-sentinel
logfile /var/log/redis/$SENTINEL_PORT.log
sentinel monitor $SENTINEL_MASTER_NAME 127.0.0.1 $SENTINEL_MASTER_PORT 1
CONF
  redis-server /var/lib/redis-sentinel/sentinel.conf --sentinel
  wait_for_port "$SENTINEL_PORT"
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
