#!/usr/bin/env bash
# Runs the benchmarks side by side in one run and writes docs/benchmarks.generated.md, docs/benchmarks.svg
# and docs/codecs.generated.md.
#   benchmarks/run.sh            the headline set (about 25 minutes on 2 cores)
#   benchmarks/run.sh full       every provider x workload x value size x store mode x 1 and 2 threads (hours)
# Extra JMH arguments can follow, e.g. benchmarks/run.sh quick -wi 1 -i 2
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-headline}"
shift || true

# package, not install: the reactor's jars are on the classpath file, and the shared local repository is left alone
mvn -B -q package -DskipTests -pl benchmarks -am
classpath="$(cat benchmarks/target/classpath.txt):benchmarks/target/classes"
out=benchmarks/target/results
mkdir -p "$out"
flags="--add-modules=java.se --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Dhazelcast.logging.type=none"
all="strata_l1,strata_l2,strata_client,caffeine,caffeine_bounded,ehcache,hazelcast_member,hazelcast_client_nearcache,chm"
jmh="java $flags -cp $classpath org.openjdk.jmh.Main -wi 2 -w 1s -i 3 -r 1s"

uptime > "$out/load-before.txt"
case "$mode" in
  full)
    for threads in 1 2; do
      java $flags -cp "$classpath" org.openjdk.jmh.Main -t "$threads" -rf csv -rff "$out/cache-t$threads.csv" \
        -p provider="$all" CacheBenchmark "$@"
    done
    ;;
  *)
    # every provider and workload at 1 and 2 threads: 100-byte values, store-by-value (the spec's default)
    for threads in 1 2; do
      $jmh -t "$threads" -rf csv -rff "$out/cache-t$threads.csv" -p provider="$all" -p valueSize=100 -p storeByValue=true \
        'CacheBenchmark\.(get|getZipf|put|mix|getAll)$' "$@"
    done
    # 1 KB values, and store-by-reference: the read and write paths of every provider at 1 thread
    $jmh -t 1 -rf csv -rff "$out/cache-1k.csv" -p provider="$all" -p valueSize=1024 -p storeByValue=true \
      'CacheBenchmark\.(get|put|mix)$' "$@"
    $jmh -t 1 -rf csv -rff "$out/cache-byref.csv" -p provider="$all" -p valueSize=100 -p storeByValue=false \
      'CacheBenchmark\.(get|put|mix)$' "$@"
    ;;
esac
java $flags -cp "$classpath" org.openjdk.jmh.Main -rf csv -rff "$out/interceptor.csv" InterceptorBenchmark "$@"
# the codec comparison (docs/codecs.md): sizes, first use and checks, then the timings with the benchmark's own
# warmup (8 x 1 s: Java serialization takes that long to reach its steady state)
rm -f "$out/codec-facts.csv"
for codec in jdk fory kryo; do
  java -cp "$classpath" dev.strata.benchmarks.CodecFacts "$codec" "$out/codec-facts.csv"
done
java -cp "$classpath" org.openjdk.jmh.Main -rf csv -rff "$out/codec.csv" CodecBenchmark "$@"
java $flags -Dhazelcast.phone.home.enabled=false -cp "$classpath" dev.strata.benchmarks.InvalidationLatency 2000 "$out/invalidation.txt"
rm -f "$out/memory.csv"
for provider in ${all//,/ }; do
  for size in 100 1024; do
    java $flags -Dhazelcast.phone.home.enabled=false -Xms2g -Xmx2g -cp "$classpath" dev.strata.benchmarks.MemoryPerEntry \
      "$provider" "$size" true 10000 "$out/memory.csv"
  done
done
uptime > "$out/load-after.txt"
python3 benchmarks/report.py "$out" docs
