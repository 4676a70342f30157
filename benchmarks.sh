#!/usr/bin/env bash
# TabRelay benchmarks, run on demand (never part of ./mvnw verify).
#
# Adding a scenario: write its Java side (a BenchmarkMain.Scenario registered under the same name), then add
# the name to SCENARIOS and a one-line description to describe_scenario below. `all` picks it up automatically;
# a scenario that needs more than the JMH runner (e.g. a server to start) gets its own run_<name> function.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
MAIN=dev.tabrelay.benchmarks.BenchmarkMain
SERVER_JAR="$ROOT/server-helidon/target/tabrelay-server.jar"
OUT="$ROOT/docs/benchmarks"

# Implemented scenarios, in the order `all` runs them.
SCENARIOS=(codec fanout chat connections startup)

describe_scenario() {
  case "$1" in
    codec) echo "FrameCodec decode+validate / encode vs a plain Moshi Map baseline, per frame kind (JMH, ~1.5 min; --full ~6 min)" ;;
    fanout) echo "relay fan-out: one extension to 1/10/100/1,000 MCP subscribers vs a bare Helidon WebSocket echo (~1.2 min)" ;;
    chat)   echo "chat relay: POST /v1/chat/completions to 1/8/64 tabs, plain + streamed, vs GET /health, in alternating slices; the relay in its own JVM (~2 min)" ;;
    connections) echo "10,000 idle extension connections: heap per connection (server -Xmx512m), accept time (~1 min)" ;;
    startup) echo "process start to /health 200: jar (launcher flags / none), image vs a hello-world JVM (~1 min)" ;;
    *) echo "" ;;
  esac
}

usage() {
  cat <<USAGE
Usage: ./benchmarks.sh <scenario|all|summary> [options]
       ./benchmarks.sh --help | --list

Builds the shaded benchmark jar, runs the scenario on a JDK 21+, prints a table and writes
docs/benchmarks/<scenario>.json and docs/benchmarks/<scenario>.md.

Scenarios:
$(for s in "${SCENARIOS[@]}"; do printf '  %-8s %s\n' "$s" "$(describe_scenario "$s")"; done)
  all      every scenario above, in order, then the summary table and docs/benchmarks/summary.svg
  summary  only the summary table and chart, from the reports already in docs/benchmarks
  compare BEFORE.jar AFTER.jar
           two builds of the server jar side by side, 64 tabs each, alternating 2 s rounds of /health and plain
           chat: the relayed/trivial ratio and the relay's CPU per request of each, and B vs A (prints only;
           --repeat N sets the measured rounds, default 10; ~1.5 min). On a shared VM separate runs of the same
           jar differ by more than most changes; this is how to tell whether a relay change helped.

Options:
  --full          longer run for publishable numbers (2 forks, 4 x 1 s warmup, 5 x 2 s measurement);
                  default is short: 1 fork, 2 x 1 s warmup, 3 x 1 s measurement
                  (fanout: 3 s warmup + 10 s measurement per point instead of 1.5 s + 5 s)
  --repeat N      run the scenario N times; report medians (ops/s and per-run ratios) (default 1)
  --only A,B      scenario-specific subset (codec: frame kinds console-log,network-request,CHAT_RESPONSE_CHUNK;
                  fanout: subscriber counts, e.g. 1,10; chat: tab counts, e.g. 64; connections: one count, e.g. 2000)
  --prof NAME     attach a JMH profiler (stack, gc, ...); fanout, chat: "jfr" (JFR recording to \$TMPDIR);
                  connections: "jfr" (the server JVM records itself) or "heap" (the server's class histogram);
                  reports are not written in profiling runs
  --check         exit 3 when a scenario misses its target (also after the summary)
  --no-write      print only, leave docs/benchmarks untouched
  --no-build      use the existing benchmarks/target/benchmarks.jar
  --out DIR       report directory (default docs/benchmarks)
  -h, --help      this help

Environment: JAVA_HOME is used when it is a JDK 21+, otherwise the newest JDK 21+ under /usr/lib/jvm.
BENCHMARKS_JAVA_OPTS adds JVM flags to the load generator (fanout, chat, connections);
BENCHMARKS_RELAY_JAVA_OPTS to the chat relay's own JVM, in chat and compare (e.g. -XX:+UseZGC).
The machine should be otherwise idle; numbers from a 2-core box are noisy, so prefer --repeat 3.

Examples:
  ./benchmarks.sh codec
  ./benchmarks.sh codec --repeat 3
  ./benchmarks.sh codec --only network-request --prof stack --no-write
  ./benchmarks.sh fanout
  ./benchmarks.sh fanout --repeat 3
  ./benchmarks.sh fanout --only 10 --prof jfr
  ./benchmarks.sh chat --only 64 --prof jfr
  ./benchmarks.sh connections --only 2000 --prof heap
  cp server-helidon/target/tabrelay-server.jar /tmp/before.jar   # then change the relay, rebuild, and:
  ./benchmarks.sh compare /tmp/before.jar server-helidon/target/tabrelay-server.jar --repeat 20
  ./benchmarks.sh all --repeat 3 --check      # what the README publishes (~12 min on 2 CPUs)

Docker: startup also times the container image (TABRELAY_IMAGE_NAME, default tabrelay/server:bench, built with
./tabrelay image unless --no-build); without a Docker engine that variant is skipped with a message.
USAGE
}

die() { echo "benchmarks: $*" >&2; exit 2; }

java_major() { # prints the feature version of the given java binary, or 0
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  echo "${v:-0}" | cut -d. -f1
}

find_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]]; then
    echo "$JAVA_HOME/bin/java"; return
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/bin/java; do
    [[ -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    if [[ "$major" -ge 21 && "$major" -gt "$best_major" ]]; then best="$candidate"; best_major="$major"; fi
  done
  [[ -n "$best" ]] || die "no JDK 21+ found: set JAVA_HOME to one, or install one under /usr/lib/jvm"
  echo "$best"
}

build() {
  echo "benchmarks: building $JAR"
  (cd "$ROOT" && ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dtabrelay.image.skip=true)
}

# Default for a scenario: run its JMH-based Java side. Override with run_<name>() when one needs more.
run_jmh_scenario() {
  local name="$1"; shift
  BENCHMARKS_COMMAND="$COMMAND" "$JAVA" -cp "$JAR" "$MAIN" "$name" --out "$OUT" "$@"
}

run_codec() { run_jmh_scenario codec "$@"; }
# The fanout load generator starts the relay and the echo baseline in its own JVM (127.0.0.1, ephemeral ports)
# and stops them itself. Fixed heap so GC sizing does not vary between runs; BENCHMARKS_JAVA_OPTS adds flags
# (e.g. -XX:StartFlightRecording=filename=/tmp/fanout.jfr); `--prof jfr` records a JFR profile in-process.
run_fanout() {
  # shellcheck disable=SC2086
  BENCHMARKS_COMMAND="$COMMAND" "$JAVA" -Xms1g -Xmx1g ${BENCHMARKS_JAVA_OPTS:-} -cp "$JAR" "$MAIN" fanout --out "$OUT" "$@"
}

# The relay is the server jar in a child process (1 GiB fixed heap, plus BENCHMARKS_RELAY_JAVA_OPTS); fake tabs
# and a JDK HttpClient load it from this JVM (same fixed heap as fanout, plus BENCHMARKS_JAVA_OPTS).
run_chat() {
  # shellcheck disable=SC2086
  BENCHMARKS_COMMAND="$COMMAND" "$JAVA" -Xms1g -Xmx1g ${BENCHMARKS_JAVA_OPTS:-} -Dtabrelay.serverJar="$SERVER_JAR" \
    -Dtabrelay.relayJvm="${BENCHMARKS_RELAY_JAVA_OPTS:-}" -cp "$JAR" "$MAIN" chat --out "$OUT" "$@"
}

# 10,000 client sockets live in this JVM (the server is a child process with its own limit): raise the soft
# file-descriptor limit to the hard one when it is lower than what the connections need.
raise_fd_limit() {
  local need=12000 soft hard
  soft="$(ulimit -Sn)"; hard="$(ulimit -Hn)"
  if [[ "$soft" != unlimited && "$soft" -lt "$need" ]]; then
    if [[ "$hard" == unlimited || "$hard" -ge "$need" ]]; then
      ulimit -Sn "$hard" 2>/dev/null || ulimit -Sn "$need"
    else
      echo "benchmarks: open-file limit $soft (hard $hard) is below $need; connections may fail (raise it: ulimit -n)" >&2
    fi
  fi
}

run_connections() {
  raise_fd_limit
  echo "benchmarks: open-file limit $(ulimit -Sn)"
  # shellcheck disable=SC2086
  BENCHMARKS_COMMAND="$COMMAND" "$JAVA" -Xmx1g ${BENCHMARKS_JAVA_OPTS:-} -Dtabrelay.serverJar="$SERVER_JAR" \
    -cp "$JAR" "$MAIN" connections --out "$OUT" "$@"
}

# Times the jar (child processes) and, with Docker, the image; builds the image first unless --no-build.
run_startup() {
  export TABRELAY_IMAGE_NAME="${TABRELAY_IMAGE_NAME:-tabrelay/server:bench}"
  if [[ -n "$DO_BUILD" ]] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    echo "benchmarks: building the image $TABRELAY_IMAGE_NAME"
    "$ROOT/tabrelay" image --tag "$TABRELAY_IMAGE_NAME" >/dev/null
  fi
  BENCHMARKS_COMMAND="$COMMAND" "$JAVA" -Dtabrelay.serverJar="$SERVER_JAR" -cp "$JAR" "$MAIN" startup --out "$OUT" "$@"
}

run_summary() {
  "$JAVA" -cp "$JAR" "$MAIN" summary --out "$OUT" "$@"
}

# ./benchmarks.sh compare BEFORE.jar AFTER.jar [--repeat N] [--no-build]
compare() {
  [[ $# -ge 2 ]] || die "compare needs two server jars: compare BEFORE.jar AFTER.jar [--repeat N]"
  local before="$1" after="$2" rounds=10 build_first=1; shift 2
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --repeat) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--repeat needs a positive number"; rounds="$2"; shift ;;
      --no-build) build_first="" ;;
      *) die "unknown option '$1' for compare (see --help)" ;;
    esac
    shift
  done
  [[ -f "$before" ]] || die "no server jar at $before"
  [[ -f "$after" ]] || die "no server jar at $after"
  JAVA="$(find_java)"
  echo "benchmarks: using $JAVA ($("$JAVA" -version 2>&1 | head -1))"
  if [[ -n "$build_first" ]]; then build; fi
  # shellcheck disable=SC2086
  "$JAVA" -Xms1g -Xmx1g ${BENCHMARKS_JAVA_OPTS:-} -Dtabrelay.relayJvm="${BENCHMARKS_RELAY_JAVA_OPTS:-}" \
    -cp "$JAR" dev.tabrelay.benchmarks.chat.RelayComparison "$before" "$after" "$rounds"
}

main() {
  [[ $# -gt 0 ]] || { usage; exit 2; }
  case "$1" in
    -h|--help|help) usage; exit 0 ;;
    --list) for s in "${SCENARIOS[@]}"; do printf '%s\t%s\n' "$s" "$(describe_scenario "$s")"; done; exit 0 ;;
  esac
  local target="$1"; shift
  if [[ "$target" == compare ]]; then compare "$@"; exit $?; fi
  local selected=()
  if [[ "$target" == summary ]]; then
    selected=()
  elif [[ "$target" == all ]]; then
    selected=("${SCENARIOS[@]}")
  else
    local s found=""
    for s in "${SCENARIOS[@]}"; do [[ "$s" == "$target" ]] && found=1; done
    [[ -n "$found" ]] || { echo "benchmarks: unknown scenario '$target'" >&2; usage >&2; exit 2; }
    selected=("$target")
  fi

  DO_BUILD=1
  local pass=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --no-build) DO_BUILD="" ;;
      --out) [[ $# -ge 2 ]] || die "--out needs a value"; OUT="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
      --repeat|--only|--prof) [[ $# -ge 2 ]] || die "$1 needs a value"; pass+=("$1" "$2"); shift ;;
      --full|--check|--no-write) pass+=("$1") ;;
      -h|--help) usage; exit 0 ;;
      *) die "unknown option '$1' (see --help)" ;;
    esac
    shift
  done

  COMMAND="./benchmarks.sh $target${pass[*]:+ ${pass[*]}}"
  JAVA="$(find_java)"
  echo "benchmarks: using $JAVA ($("$JAVA" -version 2>&1 | head -1))"
  if [[ -n "$DO_BUILD" ]]; then build; fi
  [[ -f "$JAR" ]] || die "$JAR is missing; run without --no-build"

  local status=0 s
  for s in "${selected[@]}"; do
    "run_$s" "${pass[@]}" || status=$?
  done
  # The one table over every report and docs/benchmarks/summary.svg (not after profiling or --no-write runs).
  if [[ "$target" == summary || ( "$target" == all && ! " ${pass[*]} " =~ " --no-write " && ! " ${pass[*]} " =~ " --prof " ) ]]; then
    local check=()
    [[ " ${pass[*]} " =~ " --check " ]] && check=(--check)
    run_summary "${check[@]}" || status=$?
  fi
  exit "$status"
}

main "$@"
