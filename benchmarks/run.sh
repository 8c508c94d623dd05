#!/usr/bin/env bash
# Builds the harness and the broker launchers, then runs the scenarios against every broker.
#   benchmarks/run.sh --quick            a few minutes: every scenario, small sizes
#   benchmarks/run.sh                    the full run documented in docs/performance.md
#   benchmarks/run.sh --help             the options (--brokers, --scenarios, --profile, ...)
# Brokers are pinned to CPU 0 (--broker-cpus), the generator to the other CPUs (BENCH_GENERATOR_CPUS).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ]; then
	sed -n '/^ \* <pre>/,/<\/pre>/p' benchmarks/harness/src/main/java/dev/mqttstack/bench/BenchmarkMain.java | sed '1d;$d;s/^ \* //'
	exit 0
fi
if [ ! -x /usr/sbin/mosquitto ] && ! command -v mosquitto >/dev/null; then
	echo "mosquitto is missing: apt-get install -y mosquitto" >&2
	exit 1
fi
if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
	./mvnw -q -B -pl benchmarks/harness,benchmarks/moquette-launcher,benchmarks/hivemq-launcher -am package -DskipTests
fi
# 15,000 idle clients need that many descriptors in the generator and in the broker.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

cpus=$(nproc)
generator_cpus=${BENCH_GENERATOR_CPUS:-$([ "$cpus" -gt 1 ] && echo "1-$((cpus - 1))" || echo 0)}
classpath="benchmarks/harness/target/classes:$(cat benchmarks/harness/target/classpath.txt)"
exec taskset -c "$generator_cpus" java -Xms512m -Xmx2g -cp "$classpath" -Dbench.home=benchmarks \
	dev.mqttstack.bench.BenchmarkMain "$@"
