#!/usr/bin/env bash
# Runs the benchmarks side by side in one run and writes docs/benchmarks.generated.md, docs/benchmarks.svg
# and docs/codecs.generated.md.
#   benchmarks/run.sh            the headline set (about half an hour on 2 cores, see docs/benchmarks.md)
#   benchmarks/run.sh codecs     the codec comparison alone (docs/codecs.md; about 15 minutes)
#   benchmarks/run.sh sessions   Liberty's HTTP sessions on Strata and on Hazelcast's JCache, two servers each
#                                (docs/liberty-sessions.md; about 15 minutes)
#   benchmarks/run.sh tags       tag invalidation of one user's 10 entries among 200,000, against a scan of the cache
#                                (docs/tags.generated.md; about 5 minutes)
#   benchmarks/run.sh longtail   the long-tail read load (a Zipf law, paced, defaults): the fraction of gets L1 served and
#                                the reads per second past it, Strata beside Hazelcast's client Near Cache and Caffeine
#                                jcache, with and without 1 % writes from another JVM (docs/longtail.generated.md; about
#                                12 minutes; LONGTAIL_WARMUP and LONGTAIL_MEASURE set the seconds, default 20 and 30)
#   benchmarks/run.sh fanout     what one 1 KB put costs the cluster with 0, 2, 4 and 8 other JVMs holding a near cache of
#                                the cache: loopback bytes per put and put latency, Strata beside Hazelcast's Near Cache,
#                                every JVM a member, then every JVM a client of two plain members (FANOUT_TOPOLOGIES picks
#                                one; FANOUT_HAZELCAST_BATCH=false makes Hazelcast's members send invalidations unbatched,
#                                as Strata's do), each run in a private network namespace (needs root and unshare; about 20 minutes;
#                                docs/fanout.generated.md)
#   benchmarks/run.sh hotkey     a hot key expiring every 2 s under 4 JVMs x 8 threads (issue 20): how often the method runs
#                                and the read latency percentiles, Strata with refresh-ahead and single-flight across the
#                                cluster, Strata without them, and Caffeine's refreshAfterWrite on one JVM
#                                (docs/hotkey.generated.md; about 4 minutes)
#   benchmarks/run.sh full       every provider x workload x kind of value x store mode x 1 and 2 threads, and the codecs (hours)
#   benchmarks/run.sh compare REV
#                                this work tree against the commit REV (e.g. main, HEAD~1) in one run: Strata's L1 hit
#                                and L2 read (CacheBenchmark.get, String and record values, store-by-value) and the
#                                @CacheResult hit with the direct get it is measured against (InterceptorBenchmark).
#                                REV is exported (git archive) to benchmarks/target/baseline-src, built there with its
#                                own benchmark sources, and removed at the end. Each row runs one fork at a time,
#                                alternating baseline, current, baseline, current..., so drift hits both builds alike.
#                                Default -f 3 -wi 5 -w 1s -i 5 -r 1s (forks per build; about 15 minutes on 2 cores);
#                                -f, -wi, -w, -i and -r override them and other JMH arguments pass through. Writes
#                                docs/compare.generated.md: each row's score on both builds, the ratio and whether the
#                                difference is within the noise measured (see docs/benchmarks.md).
# Extra JMH arguments can follow, e.g. benchmarks/run.sh headline -wi 1 -i 2
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-headline}"
shift || true

began=$(date +%s)
# package, not install: the reactor's jars are on the classpath file, and the shared local repository is left alone
mvn -B -q package -DskipTests -pl benchmarks -am
classpath="$(cat benchmarks/target/classpath.txt):benchmarks/target/classes"
out=benchmarks/target/results
flags="--add-modules=java.se --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Dhazelcast.logging.type=none"

if [ "$mode" = compare ]; then
  rev="${1:?usage: benchmarks/run.sh compare <git-rev> [JMH arguments]}"
  shift
  commit="$(git rev-parse --verify "$rev^{commit}")"
  cmp="$out/compare"
  base_src=benchmarks/target/baseline-src
  rm -rf "$cmp" "$base_src"
  mkdir -p "$cmp/logs" "$base_src"
  trap 'rm -rf "$base_src"' EXIT
  # the baseline as committed, benchmarks included, built the same way in its own tree
  git archive "$commit" | tar -x -C "$base_src"
  (cd "$base_src" && mvn -B -q package -DskipTests -pl benchmarks -am)
  base_classpath="$(cat "$base_src/benchmarks/target/classpath.txt"):$base_src/benchmarks/target/classes"
  # each side must run its own provider: the reactor's jars, never a Strata jar from the local repository
  for side in "$PWD" "$PWD/$base_src"; do
    if tr ':' '\n' < "$side/benchmarks/target/classpath.txt" | grep -E '/strata-[a-z]+-[^/]*\.jar$' | grep -v "^$side/"; then
      echo "a Strata jar above is not the one built in $side" >&2
      exit 1
    fi
  done
  # JMH settings: these defaults, each replaced when given on the command line; -f is the number of forks per build
  declare -A setting=([-f]=3 [-wi]=5 [-w]=1s [-i]=5 [-r]=1s)
  pass=()
  while [ $# -gt 0 ]; do
    if [ -n "${setting[$1]+set}" ] && [ $# -gt 1 ]; then
      setting[$1]="$2"
      shift 2
    else
      pass+=("$1")
      shift
    fi
  done
  forks="${setting[-f]}"
  jmh_settings=(-wi "${setting[-wi]}" -w "${setting[-w]}" -i "${setting[-i]}" -r "${setting[-r]}" ${pass[@]+"${pass[@]}"})
  echo "-f $forks (one at a time, alternating builds) ${jmh_settings[*]}" > "$cmp/settings.txt"
  echo "$(git rev-parse --short "$commit") ($rev): $(git log -1 --format=%s "$commit")" > "$cmp/baseline.txt"
  dirty=""
  # a table left by an earlier comparison is not a change to the code
  [ -z "$(git status --porcelain -- . ':!docs/compare.generated.md')" ] || dirty=", with uncommitted changes"
  echo "this work tree, $(git rev-parse --short HEAD)$dirty: $(git log -1 --format=%s HEAD)" > "$cmp/current.txt"
  git diff --quiet "$commit" -- benchmarks/src || \
    echo "the benchmark sources differ between the two builds: each ran its own" > "$cmp/notes.txt"
  # row|benchmark|parameters: the L1 and L2 reads for a String and a record (5 s of warmup brings the record's copies
  # to their steady state), the @CacheResult hit and the direct get of its cache
  rows=(
    "l1-string|CacheBenchmark\.get$|-p provider=strata_l1 -p valueKind=STRING -p storeByValue=true"
    "l1-record|CacheBenchmark\.get$|-p provider=strata_l1 -p valueKind=RECORD -p storeByValue=true"
    "l2-string|CacheBenchmark\.get$|-p provider=strata_l2 -p valueKind=STRING -p storeByValue=true"
    "l2-record|CacheBenchmark\.get$|-p provider=strata_l2 -p valueKind=RECORD -p storeByValue=true"
    "cache-result-hit|InterceptorBenchmark\.cacheResultHit$|"
    "direct-get|InterceptorBenchmark\.directGet$|"
  )
  uptime > "$cmp/load-before.txt"
  for row in "${rows[@]}"; do
    IFS='|' read -r id benchmark params <<< "$row"
    echo "$id" >> "$cmp/rows.txt"
    for fork in $(seq 1 "$forks"); do
      for side in baseline current; do
        side_classpath="$classpath"
        [ "$side" = current ] || side_classpath="$base_classpath"
        log="$cmp/logs/$id.$side.$fork.log"
        echo "$(date +%T) $id, $side, fork $fork of $forks"
        # shellcheck disable=SC2086 # the parameters are words
        if ! java $flags -cp "$side_classpath" org.openjdk.jmh.Main -f 1 "${jmh_settings[@]}" -foe true \
            -rf json -rff "$cmp/$id.$side.$fork.json" "$benchmark" $params > "$log" 2>&1; then
          echo "failed, the row is left out of this build (last lines of $log):" >&2
          tail -5 "$log" >&2
          rm -f "$cmp/$id.$side.$fork.json"
        fi
      done
    done
  done
  uptime > "$cmp/load-after.txt"
  echo "$(( $(date +%s) - began ))" > "$cmp/seconds.txt"
  python3 benchmarks/report.py "$cmp" docs compare
  cat docs/compare.generated.md
  exit 0
fi

mkdir -p "$out"
rm -f "$out"/*.csv "$out"/*.txt
all="strata_l1,strata_l2,strata_client,caffeine,caffeine_ttl,caffeine_bounded,ehcache,hazelcast_member,hazelcast_client_nearcache,hazelcast_client_nearcache_object,chm"
# the providers of the String rows that came before the other kinds of value
string_rows="strata_l1,strata_l2,strata_client,caffeine,caffeine_bounded,ehcache,hazelcast_member,hazelcast_client_nearcache,chm"
# the in-process tiers an L1 hit is compared with
near="strata_l1,caffeine,caffeine_ttl,hazelcast_client_nearcache,hazelcast_client_nearcache_object"
objects="BYTES_100,BYTES_1K,RECORD,POJO,LIST_OF_RECORDS"
main="java $flags -cp $classpath org.openjdk.jmh.Main"
jmh="$main -wi 2 -w 1s -i 3 -r 1s"
# values that providers copy or encode with Java serialization: it takes about 5 s of use to reach its steady state
jmh_objects="$main -wi 5 -w 1s -i 3 -r 1s"

uptime > "$out/load-before.txt"
date +%s > "$out/start.txt"
case "$mode" in
  hotkey)
    # a hot key expiring under 4 JVMs x 8 threads: method calls per second and read latency percentiles
    $main -rf csv -rff "$out/hotkey.csv" 'HotKeyExpiry' "$@" | tee "$out/hotkey.txt"
    grep '^HOTKEY' "$out/hotkey.txt" > "$out/hotkey-calls.txt" || true
    python3 benchmarks/report.py "$out" docs hotkey
    exit 0
    ;;
  sessions)
    # the Liberty runtime the sample's build installs, and the provider's jars for the servers' library
    mvn -B -q pre-integration-test -DskipTests -pl sample-war -am
    $main -rf csv -rff "$out/sessions.csv" -jvmArgs "-Dliberty.wlp=$PWD/sample-war/target/liberty/wlp" \
      'SessionBenchmark' "$@"
    python3 benchmarks/report.py "$out" docs sessions
    exit 0
    ;;
  fanout)
    : > "$out/fanout.txt"
    for topology in ${FANOUT_TOPOLOGIES:-members clients}; do
      for subject in strata hazelcast; do
        for others in 0 2 4 8; do
          unshare -n sh -c "ip link set lo up && java $flags -Dfanout.hazelcast.batch=${FANOUT_HAZELCAST_BATCH:-true} -Xmx512m -XX:+UseSerialGC -cp '$classpath' \
            dev.strata.benchmarks.FanOut $subject $others 2000 '$out/fanout-$topology-$subject-$others' $topology" \
            | grep '^RESULT' | tee -a "$out/fanout.txt"
        done
      done
    done
    python3 benchmarks/report.py "$out" docs fanout
    exit 0
    ;;
  longtail)
    warm="${LONGTAIL_WARMUP:-20}"
    measure="${LONGTAIL_MEASURE:-30}"
    : > "$out/longtail.txt"
    for row in "10000 2000" "100000 5000"; do
      set -- $row
      for writes in 0 1; do
        for subject in strata hazelcast_client_nearcache caffeine; do
          # a cache in one JVM has no other JVM to write it
          [ "$subject" = caffeine ] && [ "$writes" != 0 ] && continue
          java $flags -Xmx1g -cp "$classpath" dev.strata.benchmarks.LongTail "$subject" "$1" "$2" "$writes" "$warm" "$measure" \
            | grep '^RESULT' | tee -a "$out/longtail.txt"
        done
      done
    done
    uptime > "$out/load-after.txt"
    python3 benchmarks/report.py "$out" docs longtail
    exit 0
    ;;
  tags)
    # each call invalidates a fresh user: AverageTime per call; the scan reads the whole cache, so few of its calls
    $main -f 1 -wi 3 -w 2s -i 5 -r 2s -rf csv -rff "$out/tags.csv" 'TagInvalidation\.invalidateTag$' "$@"
    $main -f 1 -wi 1 -w 1s -i 3 -r 1s -rf csv -rff "$out/tags-scan.csv" 'TagInvalidation\.scan$' "$@"
    uptime > "$out/load-after.txt"
    python3 benchmarks/report.py "$out" docs tags
    exit 0
    ;;
  codecs)
    for codec in jdk fory kryo; do
      java -cp "$classpath" dev.strata.benchmarks.CodecFacts "$codec" "$out/codec-facts.csv"
    done
    $main -rf csv -rff "$out/codec.csv" 'CodecBenchmark\.(copy|roundTrip)$' -p kind=RECORD,POJO,LIST_OF_RECORDS "$@"
    python3 benchmarks/report.py "$out" docs codecs
    exit 0
    ;;
  full)
    for threads in 1 2; do
      $main -t "$threads" -rf csv -rff "$out/cache-t$threads.csv" -p provider="$all" CacheBenchmark "$@"
    done
    codec_benchmarks=CodecBenchmark
    ;;
  *)
    # String values, store-by-value: get and put of every provider at 1 thread, get at 2 threads, and the mix of the
    # targets' providers at both (getZipf, getAll and the rest of the mix: full)
    $jmh -t 1 -rf csv -rff "$out/cache-string-t1.csv" -p provider="$string_rows" -p valueKind=STRING -p storeByValue=true \
      'CacheBenchmark\.(get|put)$' "$@"
    $jmh -t 2 -rf csv -rff "$out/cache-string-t2.csv" -p provider="$string_rows" -p valueKind=STRING -p storeByValue=true \
      'CacheBenchmark\.get$' "$@"
    for threads in 1 2; do
      $jmh -t "$threads" -rf csv -rff "$out/cache-string-mix-t$threads.csv" \
        -p provider=strata_l1,hazelcast_member,hazelcast_client_nearcache -p valueKind=STRING -p storeByValue=true \
        'CacheBenchmark\.mix$' "$@"
    done
    # store-by-reference: Strata's L1 hands out the instances it holds (it has an L1 whatever l1.enabled says), and
    # Hazelcast's JCache has no such mode
    $jmh -t 1 -rf csv -rff "$out/cache-byref.csv" -p provider=strata_l1,caffeine,caffeine_bounded,ehcache,chm \
      -p valueKind=STRING -p storeByValue=false 'CacheBenchmark\.(get|put)$' "$@"
    # the L1 hit for every kind of value against the other in-process tiers, at 1 and 2 threads
    for threads in 1 2; do
      $jmh -t "$threads" -rf csv -rff "$out/cache-near-string-t$threads.csv" \
        -p provider=caffeine_ttl,hazelcast_client_nearcache_object -p valueKind=STRING -p storeByValue=true \
        'CacheBenchmark\.get$' "$@"
      $jmh_objects -t "$threads" -rf csv -rff "$out/cache-near-t$threads.csv" -p provider="$near" -p valueKind="$objects" \
        -p storeByValue=true 'CacheBenchmark\.get$' "$@"
    done
    # the L2 path (L1 off) for a record and a bean, and Strata's write path for every kind of value
    $jmh_objects -t 1 -rf csv -rff "$out/cache-l2.csv" -p provider=strata_l2,hazelcast_member -p valueKind=RECORD,POJO \
      -p storeByValue=true 'CacheBenchmark\.(get|put)$' "$@"
    $jmh_objects -t 1 -rf csv -rff "$out/cache-put.csv" -p provider=strata_l1 -p valueKind="$objects" -p storeByValue=true \
      'CacheBenchmark\.put$' "$@"
    ;;
esac
$main -rf csv -rff "$out/interceptor.csv" InterceptorBenchmark "$@"
java $flags -Dhazelcast.phone.home.enabled=false -cp "$classpath" dev.strata.benchmarks.InvalidationLatency 2000 "$out/invalidation.txt"
java $flags -Dhazelcast.phone.home.enabled=false -cp "$classpath" dev.strata.benchmarks.OwnWrites 2000 "$out/own-writes.txt"
if [ "$mode" = full ]; then
  # the codec comparison (docs/codecs.md): sizes, first use and checks, then the timings with the benchmark's own
  # warmup (8 x 1 s: Java serialization takes that long to reach its steady state)
  for codec in jdk fory kryo; do
    java -cp "$classpath" dev.strata.benchmarks.CodecFacts "$codec" "$out/codec-facts.csv"
  done
  $main -rf csv -rff "$out/codec.csv" CodecBenchmark "$@"
fi
# heap per entry: every kind of value for an L1 entry (Strata in client mode) and Caffeine's; String values for the
# rest (full: the Near Caches' for every kind too)
memory() {
  java $flags -Dhazelcast.phone.home.enabled=false -Xms2g -Xmx2g -cp "$classpath" dev.strata.benchmarks.MemoryPerEntry \
    "$1" "$2" true 10000 "$out/memory.csv"
}
per_kind="strata_client caffeine"
[ "$mode" = full ] && per_kind="$per_kind hazelcast_client_nearcache hazelcast_client_nearcache_object"
for kind in STRING ${objects//,/ }; do
  for provider in $per_kind; do
    memory "$provider" "$kind"
  done
done
for provider in strata_l1 strata_l2 caffeine_ttl caffeine_bounded ehcache hazelcast_member hazelcast_client_nearcache \
    hazelcast_client_nearcache_object chm; do
  [[ " $per_kind " == *" $provider "* ]] || memory "$provider" STRING
done
uptime > "$out/load-after.txt"
echo "$(( $(date +%s) - $(cat "$out/start.txt") ))" > "$out/seconds.txt"
python3 benchmarks/report.py "$out" docs
