#!/usr/bin/env bash
# Runs the whole JMH suite with durations sane for a 2-core machine (about 10-15 minutes) and writes
# benchmarks/results/jmh-<date>.json and report-<date>.md; then the bridge load run (about 2 minutes: 200 concurrent
# streams straight to a fake upstream and through bridge/target/crosswalk.jar), which writes bridge-load-<date>.md.
# Run from anywhere; builds first. Arguments go to JMH.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=$(date -u +%Y-%m-%d)
out=benchmarks/results
mkdir -p "$out"
mvn -B -q -DskipTests -pl benchmarks,bridge -am package
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs) ($(nproc) cores)"
  echo "jdk: $(java -version 2>&1 | sed -n 1p)"
} > "$out/machine-$stamp.txt"
java -jar benchmarks/target/benchmarks.jar -prof gc -rf json -rff "$out/jmh-$stamp.json" "$@" \
  | tee "$out/jmh-$stamp.log"
java -cp benchmarks/target/benchmarks.jar dev.crosswalk.benchmarks.Report "$out/jmh-$stamp.json" "$out/report-$stamp.md"
echo "wrote $out/report-$stamp.md"
java -cp benchmarks/target/benchmarks.jar dev.crosswalk.benchmarks.load.BridgeLoadRun --out "$out/bridge-load-$stamp.md"
