#!/usr/bin/env bash
# Runs the benchmarks side by side in one run and writes docs/benchmarks.md and docs/benchmarks.svg.
#   benchmarks/run.sh            the headline set (about 7 minutes on 2 cores)
#   benchmarks/run.sh full       every provider x workload x value size x store mode x 1 and 2 threads (hours)
# Extra JMH arguments can follow, e.g. benchmarks/run.sh quick -wi 1 -i 2
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-headline}"
shift || true

mvn -B -q install -DskipTests -pl benchmarks -am
classpath="$(cat benchmarks/target/classpath.txt):benchmarks/target/classes"
out=benchmarks/target/results
mkdir -p "$out"
flags="--add-modules=java.se --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Dhazelcast.logging.type=none"
all="strata_l1,strata_l2,strata_client,caffeine,ehcache,hazelcast_member,hazelcast_client_nearcache,chm"

uptime > "$out/load-before.txt"
case "$mode" in
  full)
    for threads in 1 2; do
      java $flags -cp "$classpath" org.openjdk.jmh.Main -t "$threads" -rf csv -rff "$out/cache-t$threads.csv" \
        -p provider="$all" CacheBenchmark "$@"
    done
    ;;
  *)
    java $flags -cp "$classpath" org.openjdk.jmh.Main -t 1 -wi 2 -w 1s -i 3 -r 1s -rf csv -rff "$out/cache-t1.csv" \
      -p provider="$all" -p valueSize=100 -p storeByValue=true 'CacheBenchmark\.(get|getZipf|put|mix|getAll)$' "$@"
    java $flags -cp "$classpath" org.openjdk.jmh.Main -t 2 -wi 2 -w 1s -i 3 -r 1s -rf csv -rff "$out/cache-t2.csv" \
      -p provider=strata_l1,caffeine,hazelcast_client_nearcache,hazelcast_member,chm -p valueSize=100 -p storeByValue=true \
      'CacheBenchmark\.(get|mix)$' "$@"
    java $flags -cp "$classpath" org.openjdk.jmh.Main -t 1 -wi 2 -w 1s -i 3 -r 1s -rf csv -rff "$out/cache-byref.csv" \
      -p provider=strata_l1,caffeine,chm -p valueSize=100 -p storeByValue=false 'CacheBenchmark\.get$' "$@"
    ;;
esac
java $flags -cp "$classpath" org.openjdk.jmh.Main -rf csv -rff "$out/interceptor.csv" InterceptorBenchmark "$@"
java $flags -Dhazelcast.phone.home.enabled=false -cp "$classpath" dev.strata.benchmarks.InvalidationLatency 2000 "$out/invalidation.txt"
uptime > "$out/load-after.txt"
python3 benchmarks/report.py "$out" docs
