#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1, run from the project's own class path (no Spark download):
#
#   tools/spark/standalone.sh start [--workers N] [--cores C] [--memory 2g]
#       starts a master and N workers (default 2, 1 core and 2g each) and prints the master URL, spark://127.0.0.1:PORT
#   tools/spark/standalone.sh stop
#       stops exactly the processes `start` started (their executors stop with them)
#
# Then: ./zoo4j train resnet20 --spark spark://127.0.0.1:PORT ...
# The class path is $ZOO4J_CLASSPATH, else the built command line's (cli/target/zoo4j-cli.jar and cli/target/lib/*;
# build it with ./mvnw package -DskipTests). Every server binds to 127.0.0.1 (RPC, web UIs on random ports).
# State, logs and the URL are in ${ZOO4J_SPARK_DIR:-/tmp/zoo4j-spark-$(id -un)}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="${ZOO4J_SPARK_DIR:-/tmp/zoo4j-spark-$(id -un)}"
classes=(org.apache.spark.deploy.master.Master org.apache.spark.deploy.worker.Worker)

die() { echo "standalone.sh: $*" >&2; exit 1; }

# pid files whose process is still the Spark daemon we started (a recycled pid is left alone)
live_pids() {
  local f pid
  for f in "$state"/*.pid; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "org.apache.spark.deploy"; then
      echo "$pid"
    fi
  done
}

wait_for() { # file pattern seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -qE "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

start() {
  local workers=2 cores=1 memory=2g
  while [ $# -gt 0 ]; do
    case "$1" in
      --workers) workers="$2"; shift 2 ;;
      --cores) cores="$2"; shift 2 ;;
      --memory) memory="$2"; shift 2 ;;
      *) die "unknown option $1 (start takes --workers N, --cores C, --memory M)" ;;
    esac
  done
  [[ "$workers" =~ ^[1-9][0-9]*$ ]] || die "--workers must be a number >= 1, got $workers"
  [ -z "$(live_pids)" ] || die "a cluster started from $state is running: stop it first"
  local cp="${ZOO4J_CLASSPATH:-}"
  if [ -z "$cp" ]; then
    [ -f "$root/cli/target/zoo4j-cli.jar" ] || die "no class path: build with ./mvnw package -DskipTests, or set ZOO4J_CLASSPATH"
    cp="$root/cli/target/zoo4j-cli.jar:$root/cli/target/lib/*"
  fi
  rm -rf "$state"
  mkdir -p "$state/home/jars" "$state/home/conf"
  local opens
  opens=$(sed 's|.*|--add-opens=java.base/&=ALL-UNNAMED|' "$root/tools/spark/jdk-opens.txt" | tr '\n' ' ')
  export SPARK_HOME="$state/home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
  # executors inherit the workers' environment: ND4J's math on the worker's cores only, tcmalloc when installed
  export OMP_NUM_THREADS="$cores"
  local tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
  [ -f "$tcmalloc" ] && export LD_PRELOAD="$tcmalloc${LD_PRELOAD:+:$LD_PRELOAD}"
  local java=(java $opens -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp "$cp")

  "${java[@]}" "${classes[0]}" --host 127.0.0.1 --port 0 --webui-port 0 > "$state/master.log" 2>&1 &
  echo $! > "$state/master.pid"
  wait_for "$state/master.log" "Starting Spark master at spark://" 90 \
    || { stop; die "the master did not start; see $state/master.log"; }
  local url
  url=$(grep -oE "spark://127\.0\.0\.1:[0-9]+" "$state/master.log" | head -1)
  local i
  for ((i = 1; i <= workers; i++)); do
    "${java[@]}" "${classes[1]}" --host 127.0.0.1 --port 0 --webui-port 0 --cores "$cores" --memory "$memory" \
      --work-dir "$state/work-$i" "$url" > "$state/worker-$i.log" 2>&1 &
    echo $! > "$state/worker-$i.pid"
  done
  for ((i = 1; i <= workers; i++)); do
    wait_for "$state/worker-$i.log" "Successfully registered with master" 90 \
      || { stop; die "worker $i did not register; see $state/worker-$i.log"; }
  done
  echo "$url" > "$state/master-url"
  echo "$url"
}

stop() {
  local pids
  pids=$(live_pids)
  if [ -n "$pids" ]; then
    kill $pids 2>/dev/null || true
    local i
    for ((i = 0; i < 300; i++)); do
      [ -z "$(live_pids)" ] && break
      sleep 0.1
    done
    pids=$(live_pids)
    [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
  fi
  rm -f "$state"/*.pid "$state/master-url"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) die "usage: standalone.sh start [--workers N] [--cores C] [--memory M] | stop" ;;
esac
