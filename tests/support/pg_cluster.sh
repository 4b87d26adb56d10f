#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on loopback only.
#   pg_cluster.sh start DIR   initdb into a fresh folder under /tmp (as the postgres user when run as
#                             root: the build tree may be in a home the server cannot enter), start it
#                             on a free port, create database caseflow_test, write its URI to DIR/uri
#                             and the cluster's folder to DIR/cluster
#   pg_cluster.sh stop DIR    stop it and remove DIR
# When CASEFLOW_PG_URI is set the tests use that server and `start` does nothing. The cluster runs
# with fsync=off (tests need no durability across a power cut) unless CASEFLOW_PG_FSYNC=on (benchmarks).
# Without Debian's postgresql installed, `start` exits 77 (ctest reports the tests skipped, with this
# reason) - unless CI=true, where the tests must run and a missing server is a failure.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?directory}


bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

case "$action" in
start)
  if [ -n "${CASEFLOW_PG_URI:-}" ]; then
    echo "pg_cluster: using CASEFLOW_PG_URI"
    exit 0
  fi
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "pg_cluster: SKIPPED: PostgreSQL is not installed (Debian package postgresql; setup.sh installs it)"
    [ "${CI:-}" = "true" ] && { echo "pg_cluster: CI=true: the PostgreSQL tests must run" >&2; exit 1; }
    exit 77
  fi
  "$0" stop "$dir" >/dev/null 2>&1 || true
  mkdir -p "$dir"
  cluster=$(mktemp -d /tmp/caseflow-pg.XXXXXX)
  echo "$cluster" >"$dir/cluster"
  if [ ${#as_owner[@]} -gt 0 ]; then chown postgres: "$cluster"; fi
  "${as_owner[@]}" "$bin/initdb" -D "$cluster/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  # A free loopback port: ask the kernel for one, then hand it to the server.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $cluster -c fsync=${CASEFLOW_PG_FSYNC:-off} -c max_connections=200" start >/dev/null ||
    { cat "$cluster/server.log" >&2; exit 1; }
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt -c "CREATE DATABASE caseflow_test" >/dev/null
  echo "postgresql://postgres@127.0.0.1:$port/caseflow_test" >"$dir/uri"
  echo "pg_cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
  ;;
stop)
  if [ -f "$dir/cluster" ]; then
    cluster=$(cat "$dir/cluster")
    if [ -d "$cluster/data" ] && [ -n "$bin" ]; then
      "${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    case "$cluster" in /tmp/caseflow-pg.*) rm -rf "$cluster" ;; esac
  fi
  rm -rf "$dir"
  echo "pg_cluster: stopped"
  ;;
*)
  echo "pg_cluster: unknown action '$action'" >&2
  exit 2
  ;;
esac
