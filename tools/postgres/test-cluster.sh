#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the test suite, from Debian's postgresql package.
#   tools/postgres/test-cluster.sh start   -> prints the TEST_DATABASE_URL to use
#   tools/postgres/test-cluster.sh stop
# PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' system user.
set -euo pipefail

PORT="${PGTEST_PORT:-54329}"
DATA_DIR="${PGTEST_DIR:-/tmp/kunskapsbanken-pgtest}"
BIN_DIR="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    if [ -z "$BIN_DIR" ] || [ ! -x "$BIN_DIR/initdb" ]; then
        echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2
        exit 3
    fi
    if ! as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
        rm -rf "$DATA_DIR"
        mkdir -p "$DATA_DIR"
        [ "$(id -u)" = 0 ] && chown postgres: "$DATA_DIR"
        as_owner "$BIN_DIR/initdb" -D "$DATA_DIR" -U postgres --auth=trust -E UTF8 \
            --locale=C.UTF-8 >/dev/null
        as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w \
            -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA_DIR -c fsync=off" start >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$PORT/kunskapsbanken"
    ;;
stop)
    if [ -n "$BIN_DIR" ] && [ -d "$DATA_DIR" ]; then
        as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -m fast stop >/dev/null 2>&1 || true
    fi
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
