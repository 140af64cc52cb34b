#!/usr/bin/env bash
# Builds what is missing, then runs a benchmark tool of the bench module.
#
#   bench/run-perf.sh [PerfRun options]          Partita vs Kafka perf run (see --help)
#   bench/run-perf.sh fsync-limit [options]      the disk's fsync-bounded append rate
#   bench/run-perf.sh jmh [JMH options]          JMH micro-benchmarks (e.g. RecordBatchBenchmark)
#
# Set PARTITA_BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
classpath_file="bench/target/bench-classpath.txt"

if [[ "${PARTITA_BENCH_SKIP_BUILD:-0}" != "1" || ! -f "$classpath_file" ]]; then
  echo "building bench and the modules it needs (mvn -B -q -pl bench -am install -DskipTests)..." >&2
  mvn -B -q -pl bench -am install -DskipTests
  mvn -B -q -pl bench dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath_file"
fi

classpath="$root/bench/target/classes:$(cat "$classpath_file")"
main="dev.partita.bench.PerfRun"
case "${1:-}" in
  fsync-limit) main="dev.partita.bench.fsync.FsyncLimit"; shift ;;
  jmh) main="org.openjdk.jmh.Main"; shift ;;
esac

exec java -Xmx1g -cp "$classpath" "$main" "$@"
