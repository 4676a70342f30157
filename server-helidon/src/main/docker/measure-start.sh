#!/usr/bin/env bash
# Prints, for each of N runs, the ms from `docker run` to the first HTTP 200 from /health, then the median.
set -euo pipefail
IMAGE="${1:-tabrelay/server:dev}"; RUNS="${2:-7}"; PORT="${3:-3099}"
times=()
for _ in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  cid=$(docker run -d -p "127.0.0.1:$PORT:3025" "$IMAGE")
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; do sleep 0.02; done
  end=$(date +%s%N)
  docker rm -f "$cid" >/dev/null
  times+=($(( (end - start) / 1000000 )))
done
echo "runs (ms): ${times[*]}"
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median (ms): " a[int((NR+1)/2)]}'
