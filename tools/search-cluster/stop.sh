#!/usr/bin/env bash
# Stop a cluster started by start.sh.
#   stop.sh [--dir DIR | --port P] [--node I] [--keep]
# DIR defaults to $SEARCH_DIR, else the dir recorded by start.sh for port P (default 9200).
# --node I stops only node I (SIGTERM, SIGKILL after 30 s); restart it with start.sh --dir DIR --node I.
# Stopping all nodes removes DIR if start.sh created it (mktemp), unless --keep is given.
set -euo pipefail

DIR="${SEARCH_DIR:-}"
PORT="${SEARCH_PORT:-9200}"
ONLY_NODE=""
KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --node) ONLY_NODE="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "stop.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
POINTER="${TMPDIR:-/tmp}/search-cluster-$PORT.dir"
if [[ -z "$DIR" && -f "$POINTER" ]]; then DIR="$(cat "$POINTER")"; fi
if [[ -z "$DIR" || ! -f "$DIR/cluster.env" ]]; then
  echo "stop.sh: no cluster found (dir '${DIR}')" >&2; exit 0
fi
# shellcheck disable=SC1091
source "$DIR/cluster.env"

stop_node() {
  local i="$1" pidf="$DIR/node-$1.pid" pid
  [[ -f "$pidf" ]] || return 0
  pid="$(cat "$pidf")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "[search-cluster] node-$i (pid $pid) ignored SIGTERM, sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "[search-cluster] stopped node-$i (pid $pid)" >&2
  fi
  rm -f "$pidf"
}

if [[ -n "$ONLY_NODE" ]]; then
  stop_node "$ONLY_NODE"
  exit 0
fi
for ((i = 1; i <= CLUSTER_NODES; i++)); do stop_node "$i" & done
wait
if [[ "$(cat "$POINTER" 2>/dev/null || true)" == "$DIR" ]]; then rm -f "$POINTER"; fi
if [[ $KEEP == 0 && -f "$DIR/.created-by-start" ]]; then
  rm -rf "$DIR"
  echo "[search-cluster] removed $DIR" >&2
fi
