#!/usr/bin/env python3
"""Turns JMH CSV results into docs/benchmarks.generated.md (tables, ratios, targets), docs/benchmarks.svg (a chart),
docs/codecs.generated.md (the codec comparison) and, in compare mode, docs/compare.generated.md (a build against
its base)."""
import csv
import glob
import json
import math
import os
import platform
import re
import subprocess
import sys

results_dir, docs_dir = sys.argv[1], sys.argv[2]


def write_sessions_report(results_dir, docs_dir):
    """docs/liberty-sessions.generated.md from sessions.csv (SessionBenchmark)."""
    path = os.path.join(results_dir, "sessions.csv")
    if not os.path.exists(path):
        return
    us = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            us[(r["Benchmark"].rsplit(".", 1)[1], r["Param: provider"])] = (float(r["Score"]), float(r["Score Error (99.9%)"] or 0))
    what = {"read": "read the session on the server that has it (sticky)",
            "write": "change two attributes on that server (what the client waits for)",
            "failover": "a new session written on A, then requests to B until B serves it (B reads it from the store)"}
    out = ["<!-- written by benchmarks/report.py from SessionBenchmark -->", "",
           "| request | Strata, µs | Hazelcast JCache, µs | Hazelcast's time / Strata's |", "|---|---:|---:|---:|"]
    for op, label in what.items():
        if (op, "strata") in us and (op, "hazelcast") in us:
            s_, h = us[(op, "strata")], us[(op, "hazelcast")]
            out.append(f"| {label} | {s_[0]:,.0f} ± {s_[1]:,.0f} | {h[0]:,.0f} ± {h[1]:,.0f} | {h[0] / s_[0]:.2f}× |")
    with open(os.path.join(docs_dir, "liberty-sessions.generated.md"), "w") as f:
        f.write("\n".join(out) + "\n")


def write_codec_report(results_dir, docs_dir):
    """docs/codecs.generated.md from codec.csv (CodecBenchmark) and codec-facts.csv (CodecFacts)."""
    path = os.path.join(results_dir, "codec.csv")
    if not os.path.exists(path):
        return
    codecs, kinds, ns = [], [], {}
    with open(path) as f:
        for r in csv.DictReader(f):
            codec, kind = r["Param: codec"], r["Param: kind"]
            codecs += [codec] if codec not in codecs else []
            kinds += [kind] if kind not in kinds else []
            ns[(r["Benchmark"].rsplit(".", 1)[1], codec, kind)] = (float(r["Score"]), float(r["Score Error (99.9%)"] or 0))
    others = [c for c in codecs if c != "jdk"]
    out = ["<!-- written by benchmarks/report.py from CodecBenchmark and CodecFacts -->", ""]
    what = {"copy": "copy: a deep copy in memory (an L1 hit of a mutable value)",
            "roundTrip": "roundTrip: encode, then decode (a put, then an L2 read)",
            "decode": "decode: bytes to a value (an L2 read)"}
    for op in ("copy", "roundTrip", "decode"):
        if not any(key[0] == op for key in ns):
            continue
        out += [f"### {what[op]}, ns/op (× = JDK's time / this codec's)", "",
                "| value | " + " | ".join(codecs) + " | " + " | ".join(f"{c} ×" for c in others) + " |",
                "|---|" + "---:|" * (len(codecs) + len(others))]
        for kind in kinds:
            cells = [f"{ns[(op, c, kind)][0]:,.0f} ± {ns[(op, c, kind)][1]:,.0f}" if (op, c, kind) in ns else "—"
                     for c in codecs]
            jdk = ns.get((op, "jdk", kind), (None,))[0]
            ratios = [f"{jdk / ns[(op, c, kind)][0]:.1f}×" if jdk and (op, c, kind) in ns else "—" for c in others]
            out.append(f"| {kind} | " + " | ".join(cells + ratios) + " |")
        out.append("")
    facts_path = os.path.join(results_dir, "codec-facts.csv")
    if os.path.exists(facts_path):
        facts = {}
        with open(facts_path) as f:
            for codec, kind, size, first_copy, first_round_trip in csv.reader(f):
                facts[(codec, kind)] = (int(size), int(first_copy), int(first_round_trip))
                kinds += [kind] if kind not in kinds else []
        order = ["STRING", "BYTES_100", "BYTES_1K", "RECORD", "POJO", "LIST_OF_RECORDS"]
        kinds.sort(key=lambda k: order.index(k) if k in order else len(order))
        out += ["### Encoded size, bytes (× = this codec's size / JDK's)", "",
                "| value | " + " | ".join(codecs) + " | " + " | ".join(f"{c} ×" for c in others) + " |",
                "|---|" + "---:|" * (len(codecs) + len(others))]
        for kind in kinds:
            sizes = [facts.get((c, kind), (None,))[0] for c in codecs]
            jdk = facts.get(("jdk", kind), (None,))[0]
            ratios = [f"{facts[(c, kind)][0] / jdk:.2f}×" if jdk and (c, kind) in facts else "—" for c in others]
            out.append(f"| {kind} | " + " | ".join("—" if v is None else str(v) for v in sizes) + " | "
                       + " | ".join(ratios) + " |")
        out += ["", "### First use in a fresh JVM, µs (first copy / first round trip, kinds in this order)", "",
                "| value | " + " | ".join(codecs) + " |", "|---|" + "---:|" * len(codecs)]
        for kind in kinds:
            out.append(f"| {kind} | " + " | ".join(
                f"{facts[(c, kind)][1]:,} / {facts[(c, kind)][2]:,}" if (c, kind) in facts else "—" for c in codecs) + " |")
        out.append("")
    with open(os.path.join(docs_dir, "codecs.generated.md"), "w") as f:
        f.write("\n".join(out) + "\n")
    print("wrote", os.path.join(docs_dir, "codecs.generated.md"))


def t_quantile(df, confidence=0.999):
    """Student's t with df degrees of freedom such that P(|T| < t) = confidence, as JMH's score error uses; by
    bisection on the closed forms for an integer df (Abramowitz and Stegun 26.7.3, 26.7.4)."""
    def inside(t):
        theta = math.atan(t / math.sqrt(df))
        c2, s = math.cos(theta) ** 2, math.sin(theta)
        if df % 2:
            term, total = 1.0, 1.0
            for k in range(1, (df - 1) // 2):
                term *= 2 * k / (2 * k + 1) * c2
                total += term
            return 2 / math.pi * (theta + (s * math.cos(theta) * total if df > 1 else 0))
        term, total = 1.0, 1.0
        for k in range(1, df // 2):
            term *= (2 * k - 1) / (2 * k) * c2
            total += term
        return s * total
    low, high = 0.0, 1e6
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if inside(middle) < confidence else (low, middle)
    return (low + high) / 2


def write_compare_report(results_dir, docs_dir):
    """docs/compare.generated.md from run.sh compare: one JMH JSON file per row, build and fork, named
    <row>.<baseline|current>.<fork>.json. Each side's score and 99.9% error are over every measured iteration of all
    its forks (JMH's formula); the spread between the baseline's forks is what one build measures against itself."""
    sides = {}
    for path in sorted(glob.glob(os.path.join(results_dir, "*.json"))):
        row, side, fork = os.path.basename(path)[:-len(".json")].rsplit(".", 2)
        for result in json.load(open(path)):
            sides.setdefault(row, {}).setdefault(side, []).append((int(fork), result))
    order = open(os.path.join(results_dir, "rows.txt")).read().split() if os.path.exists(
        os.path.join(results_dir, "rows.txt")) else sorted(sides)
    labels = {"strata_l1": "Strata L1 hit", "strata_l2": "Strata L2 read (L1 off)",
              "cacheResultHit": "@CacheResult hit (CDI interceptor)", "directGet": "direct cache.get of that cache"}

    def label(result):
        name, params = result["benchmark"].rsplit(".", 1)[1], result.get("params", {})
        what = labels.get(params.get("provider", name), name)
        return f"{what}, {KIND_NAMES.get(params['valueKind'], params['valueKind'])}" if "valueKind" in params else what

    def summary(forks):
        """mean, 99.9% error (None with one iteration), fork means, unit, mode"""
        values = [v for _, r in forks for fork in r["primaryMetric"]["rawData"] for v in fork]
        fork_means = [sum(f) / len(f) for _, r in forks for f in r["primaryMetric"]["rawData"]]
        mean = sum(values) / len(values)
        error = None
        if len(values) > 1:
            sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
            error = t_quantile(len(values) - 1) * sd / math.sqrt(len(values))
        return mean, error, fork_means, forks[0][1]["primaryMetric"]["scoreUnit"], forks[0][1]["mode"]

    def number(x):
        return "—" if x is None else (f"{x:,.0f}" if x >= 100 else f"{x:.2f}")

    out = ["<!-- written by benchmarks/report.py from benchmarks/run.sh compare -->", "",
           "| row | unit | baseline | current | current / baseline | baseline fork spread | verdict |",
           "|---|---|---:|---:|---:|---:|---|"]
    for row in order:
        both = sides.get(row, {})
        if "baseline" not in both or "current" not in both:
            out.append(f"| {row} | | {'—' if 'baseline' not in both else 'measured'} | "
                       f"{'—' if 'current' not in both else 'measured'} | | | not measured on both builds |")
            continue
        base_mean, base_error, base_forks, unit, mode = summary(both["baseline"])
        cur_mean, cur_error, _, _, _ = summary(both["current"])
        ratio_ = cur_mean / base_mean
        # how far apart the baseline's own forks are: a difference this size is what the machine and JIT give
        spread = max(base_forks) / min(base_forks) - 1 if len(base_forks) > 1 else None
        overlap = None if base_error is None or cur_error is None else (
            cur_mean - cur_error <= base_mean + base_error and base_mean - base_error <= cur_mean + cur_error)
        if overlap or (spread is not None and abs(ratio_ - 1) <= spread):
            verdict_ = "within noise"
        elif overlap is None and spread is None:
            verdict_ = "noise not measured (one iteration, one fork)"
        else:
            # throughput: more is faster; average time: less is faster
            verdict_ = "**slower**" if (ratio_ < 1) == (mode == "thrpt") else "faster"
        out.append(f"| {label(both['baseline'][0][1])} | {unit} | {number(base_mean)} ± {number(base_error)} | "
                   f"{number(cur_mean)} ± {number(cur_error)} | {ratio_:.3f} | "
                   f"{'—' if spread is None else f'{spread * 100:.1f}%'} | {verdict_} |")

    def read(file_name):
        p = os.path.join(results_dir, file_name)
        return open(p).read().strip() if os.path.exists(p) else "not recorded"

    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    seconds = read("seconds.txt")
    out += ["", "Scores are JMH's: ops/s (more is faster) or ns/op (less is faster); ± is the 99.9% error over every "
            "measured iteration of all of that build's forks. The verdict is \"within noise\" when the two intervals "
            "overlap or the ratio is within the spread between the baseline's own forks (largest fork mean / smallest "
            "- 1), else \"slower\" or \"faster\". Forks of the two builds alternate, row by row: baseline, current, "
            "baseline, current.", "",
            f"- baseline: {read('baseline.txt')}", f"- current: {read('current.txt')}",
            f"- JMH settings per build and row: `{read('settings.txt')}`",
            f"- {platform.system()} {platform.machine()}, {os.cpu_count()} cores; {java}",
            f"- load before: `{read('load-before.txt')}`", f"- load after: `{read('load-after.txt')}`"]
    if seconds.isdigit():
        out.append(f"- `benchmarks/run.sh compare` took {int(seconds) // 60} min {int(seconds) % 60} s, both builds included")
    notes = read("notes.txt")
    if notes != "not recorded" and notes:
        out += [f"- {line}" for line in notes.splitlines()]
    with open(os.path.join(docs_dir, "compare.generated.md"), "w") as f:
        f.write("\n".join(out) + "\n")
    print("wrote", os.path.join(docs_dir, "compare.generated.md"))


def write_tags_report(results_dir, docs_dir):
    """docs/tags.generated.md from tags.csv and tags-scan.csv (TagInvalidation)."""
    rows = {}
    for name_ in ("tags.csv", "tags-scan.csv"):
        path = os.path.join(results_dir, name_)
        if os.path.exists(path):
            with open(path) as f:
                for r in csv.DictReader(f):
                    rows[r["Benchmark"].rsplit(".", 1)[1]] = (float(r["Score"]), float(r["Score Error (99.9%)"] or 0),
                                                             r["Param: entries"])
    what = {"invalidateTag": "invalidateTag: the tag index (a member-side query) finds the 10 keys, each removed",
            "scan": "scan: iterate every entry of the cache, remove the user's"}
    out = ["<!-- written by benchmarks/report.py from TagInvalidation -->", "",
           "| one user's 10 entries among | how | ms per call |", "|---|---|---:|"]
    for op, label in what.items():
        if op in rows:
            score, error, entries_ = rows[op]
            out.append(f"| {int(entries_):,} entries | {label} | {score:,.2f} ± {error:,.2f} |")
    if "invalidateTag" in rows and "scan" in rows:
        out += ["", f"The scan takes {rows['scan'][0] / rows['invalidateTag'][0]:,.0f}× as long as the tag."]
    for label, file_ in (("load before", "load-before.txt"), ("load after", "load-after.txt")):
        path = os.path.join(results_dir, file_)
        if os.path.exists(path):
            out.append(f"- {label}: `{open(path).read().strip()}`")
    with open(os.path.join(docs_dir, "tags.generated.md"), "w") as f:
        f.write("\n".join(out) + "\n")
    print("\n".join(out))


def result_lines(results_dir, file_name):
    """The key=value fields of each RESULT line a harness (LongTail, FanOut) printed into file_name."""
    with open(os.path.join(results_dir, file_name)) as f:
        return [dict(part.split("=", 1) for part in line.split()[1:]) for line in f if line.startswith("RESULT")]


def write_generated(docs_dir, file_name, out):
    """Writes a generated page and prints it."""
    with open(os.path.join(docs_dir, file_name), "w") as f:
        f.write("\n".join(out) + "\n")
    print("\n".join(out))


def write_longtail_report(results_dir, docs_dir):
    """docs/longtail.generated.md from longtail.txt (LongTail's RESULT lines)."""
    labels = {"strata": "Strata (embedded member, defaults)",
              "hazelcast_client_nearcache": "Hazelcast JCache client + Near Cache (defaults)",
              "caffeine": "Caffeine jcache, bounded at 10,000"}
    rows = result_lines(results_dir, "longtail.txt")
    out = ["<!-- written by benchmarks/report.py from LongTail -->", "",
           "| keys | gets/s | writes from another JVM | cache | gets served from L1 | reads/s past L1 |",
           "|---:|---:|---:|---|---:|---:|"]
    for r in rows:
        out.append(f"| {int(r['keys']):,} | {int(r['rate']):,} | {r['writes']} | {labels.get(r['subject'], r['subject'])} "
                   f"| {r['l1']} | {int(float(r['l2PerSecond'])):,} |")
    for label, file_ in (("load before", "load-before.txt"), ("load after", "load-after.txt")):
        path = os.path.join(results_dir, file_)
        if os.path.exists(path):
            out.append(f"- {label}: `{open(path).read().strip()}`")
    write_generated(docs_dir, "longtail.generated.md", out)


def write_fanout_report(results_dir, docs_dir):
    """docs/fanout.generated.md from fanout.txt (FanOut's RESULT lines)."""
    labels = {("strata", "members"): "Strata (embedded members, defaults)",
              ("hazelcast", "members"): "Hazelcast members with a Near Cache (defaults)",
              ("strata", "clients"): "Strata clients of 2 plain members (defaults)",
              ("hazelcast", "clients"): "Hazelcast clients with a Near Cache, of the same 2 members"}
    rows = result_lines(results_dir, "fanout.txt")
    out = ["<!-- written by benchmarks/report.py from FanOut -->", "",
           "| other JVMs with a near cache | cluster | loopback bytes per 1 KB put | put µs | idle bytes/s |",
           "|---:|---|---:|---:|---:|"]
    for r in rows:
        label = labels.get((r['subject'], r.get('topology', 'members')), r['subject'])
        out.append(f"| {r['others']} | {label} | {int(float(r['bytesPerPut'])):,} "
                   f"| {float(r['putMicros']):,.1f} | {int(float(r['idleBytesPerSecond'])):,} |")
    write_generated(docs_dir, "fanout.generated.md", out)


def write_hotkey_report(results_dir, docs_dir):
    """docs/hotkey.generated.md from hotkey.csv (JMH sample time) and hotkey-calls.txt (the HOTKEY lines)."""
    labels = {"strata_fresh": "Strata, refresh-after 1 s, single-flight across the cluster (4 JVMs)",
              "strata_plain": "Strata without them: single-flight per JVM (4 JVMs)",
              "caffeine_refresh": "Caffeine refreshAfterWrite 1 s (1 JVM)"}
    percentiles = {}
    with open(os.path.join(results_dir, "hotkey.csv")) as f:
        for row in csv.DictReader(f):
            subject = row["Param: subject"]
            name = row["Benchmark"]
            key = name.split(":", 1)[1] if ":" in name else "mean"
            percentiles.setdefault(subject, {})[key] = float(row["Score"])
    calls = {}
    with open(os.path.join(results_dir, "hotkey-calls.txt")) as f:
        for line in f:
            fields = dict(part.split("=", 1) for part in line.split()[1:])
            calls.setdefault(fields["subject"], []).append(float(fields["calls/s"]))
    out = ["<!-- written by benchmarks/report.py from HotKeyExpiry -->", "",
           "A hot key with a 2 s TTL, read by 32 threads; the method takes 50 ms.", "",
           "| subject | method runs per second (all JVMs; last 3 iterations) | read mean µs | p50 µs | p99 µs | p99.9 µs | p99.99 µs | max µs |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for subject in ("strata_fresh", "strata_plain", "caffeine_refresh"):
        if subject not in percentiles:
            continue
        p = percentiles[subject]
        measured = calls.get(subject, [])[-3:]
        rate = sum(measured) / len(measured) if measured else float("nan")
        def us(key):
            return f"{p[key]:,.1f}" if key in p else "–"
        out.append(f"| {labels[subject]} | {rate:.2f} | {us('mean')} | {us('p0.50')} | {us('p0.99')} "
                   f"| {us('p0.999')} | {us('p0.9999')} | {us('p1.00')} |")
    write_generated(docs_dir, "hotkey.generated.md", out)


if len(sys.argv) > 3 and sys.argv[3] == "hotkey":
    write_hotkey_report(results_dir, docs_dir)
    sys.exit(0)
if len(sys.argv) > 3 and sys.argv[3] == "fanout":
    write_fanout_report(results_dir, docs_dir)
    sys.exit(0)
if len(sys.argv) > 3 and sys.argv[3] == "longtail":
    write_longtail_report(results_dir, docs_dir)
    sys.exit(0)
if len(sys.argv) > 3 and sys.argv[3] == "tags":
    write_tags_report(results_dir, docs_dir)
    sys.exit(0)
if len(sys.argv) > 3 and sys.argv[3] == "sessions":
    write_sessions_report(results_dir, docs_dir)
    sys.exit(0)
write_codec_report(results_dir, docs_dir)
if len(sys.argv) > 3 and sys.argv[3] == "codecs":
    sys.exit(0)

KINDS = ["STRING", "BYTES_100", "BYTES_1K", "RECORD", "POJO", "LIST_OF_RECORDS"]
KIND_NAMES = {"STRING": "String, 100 chars", "BYTES_100": "byte[100]", "BYTES_1K": "byte[1024]", "RECORD": "record",
              "POJO": "mutable bean (POJO)", "LIST_OF_RECORDS": "List of 10 records"}
if len(sys.argv) > 3 and sys.argv[3] == "compare":
    write_compare_report(results_dir, docs_dir)
    sys.exit(0)
NAMES = {
    "strata_l1": "Strata, L1 hit", "strata_l2": "Strata, L1 off (embedded member)",
    "strata_client": "Strata client + L1 (member in another JVM)", "caffeine": "Caffeine jcache (eternal, unbounded)",
    "caffeine_ttl": "Caffeine jcache, 10-minute TTL", "caffeine_bounded": "Caffeine jcache, bounded like Strata's L1",
    "ehcache": "Ehcache 3 heap (JSR-107)", "hazelcast_member": "Hazelcast JCache, embedded member",
    "hazelcast_client_nearcache": "Hazelcast JCache client + Near Cache (BINARY)",
    "hazelcast_client_nearcache_object": "Hazelcast JCache client + Near Cache (OBJECT)", "chm": "ConcurrentHashMap",
}


def name(provider, by_value="true"):
    """By reference, Strata's L1 hands out the instances it holds, and Hazelcast's JCache stays by value."""
    if by_value == "true":
        return NAMES[provider]
    if provider.startswith("strata"):
        return "Strata, store-by-reference (L1 of instances over Hazelcast)" + (
            "" if provider == "strata_l1" else f" [{provider}]")
    if provider.startswith("hazelcast"):
        return NAMES[provider] + ", still store-by-value (Hazelcast's JCache has no by-reference mode)"
    return NAMES[provider]


rows = []
for path in sorted(glob.glob(os.path.join(results_dir, "cache-*.csv"))):
    with open(path) as f:
        for r in csv.DictReader(f):
            rows.append({
                "op": r["Benchmark"].rsplit(".", 1)[1], "threads": int(r["Threads"]), "provider": r["Param: provider"],
                "byValue": r["Param: storeByValue"], "kind": r["Param: valueKind"], "score": float(r["Score"]),
                "staleness": r["Param: maxStaleness"],
            })
# Strata's max-staleness, named in every table's header: it sets how often an L1 entry goes back to L2
staleness = "Strata max-staleness " + (", ".join(sorted({r["staleness"] for r in rows})) or "—")


def score(op, provider, threads=1, by_value="true", kind="STRING"):
    """Operations per second, all threads together."""
    for r in rows:
        if (r["op"], r["provider"], r["threads"], r["byValue"], r["kind"]) == (op, provider, threads, by_value, kind):
            return r["score"]
    return None


def nanos(op, provider, threads=1, by_value="true", kind="STRING"):
    """Time of one operation on one thread."""
    s = score(op, provider, threads, by_value, kind)
    return None if s is None else threads * 1e9 / s


def fmt(x):
    return "—" if x is None else (f"{x/1e6:.2f} M" if x >= 1e5 else f"{x/1e3:.1f} k")


def fmt_ns(x):
    return "—" if x is None else (f"{x:,.0f}" if x >= 100 else f"{x:.1f}")


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def verdict(value, goal):
    return "not measured" if value is None else ("met" if value >= goal else "**missed**")


def times(value):
    return "—" if value is None else f"{value:.2f}×"


lines = []
ops = ["get", "getZipf", "put", "mix", "getAll"]
for threads, by_value in [(1, "true"), (2, "true"), (1, "false"), (2, "false")]:
    present = [p for p in NAMES if any(score(op, p, threads, by_value) for op in ops)]
    if not present:
        continue
    shown = [op for op in ops if any(score(op, p, threads, by_value) for p in present)]
    lines.append(f"### {threads} thread{'s' if threads > 1 else ''}, store-by-{'value' if by_value == 'true' else 'reference'}, "
                 f"100-character String values (ops/s; {staleness})\n")
    lines.append("| provider | " + " | ".join(shown) + " |")
    lines.append("|---|" + "---:|" * len(shown))
    for p in present:
        lines.append(f"| {name(p, by_value)} | " + " | ".join(fmt(score(op, p, threads, by_value)) for op in shown) + " |")
    lines.append("")

# the targets for an L1 hit, by kind of value: against Caffeine's default jcache, its TTL form, the Near Cache
VS_CAFFEINE = {"RECORD": 50.0, "LIST_OF_RECORDS": 20.0, "POJO": 10.0, "BYTES_100": 0.5, "STRING": 0.4}
VS_CAFFEINE_TTL, VS_NEAR_CACHE = 2.0, 3.0
NEAR = ["strata_l1", "caffeine", "caffeine_ttl", "hazelcast_client_nearcache", "hazelcast_client_nearcache_object"]
SHORT = {"strata_l1": "Strata L1", "caffeine": "Caffeine", "caffeine_ttl": "Caffeine, TTL 10 min",
         "hazelcast_client_nearcache": "Near Cache BINARY", "hazelcast_client_nearcache_object": "Near Cache OBJECT"}
kind_lines = []
missed, met = [], []


def cell(value, goal, what):
    if goal is None:
        return times(value)
    if value is not None:
        (missed if value < goal else met).append(what)
    return f"{times(value)} (≥ {goal:g}×: {verdict(value, goal)})"


for threads in (1, 2):
    if not any(nanos("get", p, threads, "true", k) for p in NEAR for k in KINDS if p != "strata_l1"):
        continue
    kind_lines += [f"### L1-hit get, {threads} thread{'s' if threads > 1 else ''}, store-by-value: ns per get on one thread, "
                   f"and Strata's speed as a multiple of each ({staleness})", "",
                   "| value | " + " | ".join(SHORT[p] for p in NEAR)
                   + " | × Caffeine | × Caffeine TTL | × Near Cache BINARY | × Near Cache OBJECT |",
                   "|---|" + "---:|" * len(NEAR) + "---|---|---|---:|"]
    for kind in KINDS:
        ns = {p: nanos("get", p, threads, "true", kind) for p in NEAR}
        if not any(ns.values()):
            continue
        speed = {p: ratio(ns[p], ns["strata_l1"]) for p in NEAR}
        where = f"{KIND_NAMES[kind]}, {threads} thread{'s' if threads > 1 else ''}"
        kind_lines.append(
            f"| {KIND_NAMES[kind]} | " + " | ".join(fmt_ns(ns[p]) for p in NEAR) + " | "
            + cell(speed["caffeine"], VS_CAFFEINE.get(kind), f"L1 hit × Caffeine, {where}") + " | "
            + cell(speed["caffeine_ttl"], VS_CAFFEINE_TTL, f"L1 hit × Caffeine TTL, {where}") + " | "
            + cell(speed["hazelcast_client_nearcache"], VS_NEAR_CACHE, f"L1 hit × Near Cache BINARY, {where}") + " | "
            + times(speed["hazelcast_client_nearcache_object"]) + " |")
    kind_lines.append("")

l2_lines = []
if any(nanos(op, "strata_l2", 1, "true", k) for op in ("get", "put") for k in ("RECORD", "POJO")):
    l2_lines += [f"### The L2 path (L1 off) against Hazelcast's member JCache, 1 thread: ns per operation ({staleness})", "",
                 "| value | Strata get | Hazelcast get | Strata × Hazelcast | Strata put | Hazelcast put | "
                 "Strata × Hazelcast |", "|---|---:|---:|---|---:|---:|---|"]
    for kind in KINDS:
        cells = []
        for op in ("get", "put"):
            strata, hazelcast = nanos(op, "strata_l2", 1, "true", kind), nanos(op, "hazelcast_member", 1, "true", kind)
            if strata is None and hazelcast is None:
                break
            goal = 1.0 if kind in ("RECORD", "POJO") else None
            cells += [fmt_ns(strata), fmt_ns(hazelcast), cell(ratio(hazelcast, strata), goal, f"L2 {op} × Hazelcast member, {KIND_NAMES[kind]}")]
        if len(cells) == 6:
            l2_lines.append(f"| {KIND_NAMES[kind]} | " + " | ".join(cells) + " |")
    l2_lines.append("")

put_lines = []
if any(nanos("put", "strata_l1", 1, "true", k) for k in KINDS if k != "STRING"):
    put_lines += [f"### Strata's write path, 1 thread: ns per put ({staleness})", "",
                  "| value | Strata, L1 on | Strata, L1 off | Hazelcast JCache, embedded member | Caffeine jcache |",
                  "|---|---:|---:|---:|---:|"]
    for kind in KINDS:
        put_lines.append(f"| {KIND_NAMES[kind]} | " + " | ".join(
            fmt_ns(nanos("put", p, 1, "true", kind)) for p in ("strata_l1", "strata_l2", "hazelcast_member", "caffeine")) + " |")
    put_lines.append("")

targets = [
    ("Strata L1-hit get ≥ 1.0× Caffeine jcache get, store-by-reference", ratio(score("get", "strata_l1", 1, "false"), score("get", "caffeine", 1, "false")), 1.0),
    ("Strata L1-hit get ≥ 50× Hazelcast member JCache get", ratio(score("get", "strata_l1"), score("get", "hazelcast_member")), 50.0),
    ("Strata L1 off get ≥ 0.9× Hazelcast member JCache get", ratio(score("get", "strata_l2"), score("get", "hazelcast_member")), 0.9),
    ("Strata L1 off put ≥ 0.9× Hazelcast member JCache put", ratio(score("put", "strata_l2"), score("put", "hazelcast_member")), 0.9),
    ("Strata 90/10 mix ≥ 3× Hazelcast member JCache", ratio(score("mix", "strata_l1"), score("mix", "hazelcast_member")), 3.0),
    ("Strata 90/10 mix ≥ 3× Hazelcast client Near Cache", ratio(score("mix", "strata_l1"), score("mix", "hazelcast_client_nearcache")), 3.0),
]
# like for like, not targets
context = [
    ("Strata L1-hit get / bounded Caffeine jcache get, 1 thread", ratio(score("get", "strata_l1"), score("get", "caffeine_bounded"))),
    ("Strata L1-hit get / bounded Caffeine jcache get, 2 threads", ratio(score("get", "strata_l1", 2), score("get", "caffeine_bounded", 2))),
    ("Strata store-by-reference get / bounded Caffeine jcache get", ratio(score("get", "strata_l1", 1, "false"), score("get", "caffeine_bounded", 1, "false"))),
    ("Strata client + L1 get / Hazelcast client Near Cache (BINARY) get", ratio(score("get", "strata_client"), score("get", "hazelcast_client_nearcache"))),
]
interceptor_ns = {}
interceptor_path = os.path.join(results_dir, "interceptor.csv")
if os.path.exists(interceptor_path):
    with open(interceptor_path) as c:
        for r in csv.DictReader(c):
            interceptor_ns[r["Benchmark"].rsplit(".", 1)[1]] = float(r["Score"])
hit, direct = interceptor_ns.get("cacheResultHit"), interceptor_ns.get("directGet")
latency = None
inv_path = os.path.join(results_dir, "invalidation.txt")
if os.path.exists(inv_path):
    m = re.search(r"p99 ([0-9.]+) ms", open(inv_path).read())
    latency = float(m.group(1)) if m else None
target_lines = ["| target | measured | |", "|---|---:|---|"]
for label, value, goal in targets:
    target_lines.append(f"| {label} | {times(value)} | {verdict(value, goal)} |")
cost = None if hit is None or direct is None else hit / direct
target_lines.append(f"| @CacheResult hit ≤ 1.5× the cost of a direct cache.get | {times(cost)} | "
                    f"{'not measured' if cost is None else ('met' if cost <= 1.5 else '**missed**')} |")
target_lines.append(f"| Invalidation latency between two members, p99 ≤ 5 ms | {'—' if latency is None else f'{latency:.2f} ms'} | "
                    f"{'not measured' if latency is None else ('met' if latency <= 5 else '**missed**')} |")

# the chart: get throughput at 1 thread, String values, log scale, one bar per provider
bars = [(NAMES[p], score("get", p)) for p in NAMES if score("get", p)]
width, bar_h, left = 900, 26, 360
height = 60 + bar_h * len(bars)
top = max(v for _, v in bars) if bars else 1
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
       f'<text x="10" y="22" font-size="15">get, 1 thread, 100-character String values, store-by-value: ops/s (log scale)</text>']
for i, (label, value) in enumerate(bars):
    y = 40 + i * bar_h
    length = (width - left - 110) * math.log10(max(value, 10)) / math.log10(max(top, 10))
    color = "#2b7a4b" if label.startswith("Strata") else "#8899aa"
    svg.append(f'<text x="{left - 8}" y="{y + 17}" text-anchor="end">{label}</text>')
    svg.append(f'<rect x="{left}" y="{y + 4}" width="{length:.0f}" height="{bar_h - 8}" fill="{color}"/>')
    svg.append(f'<text x="{left + length + 6:.0f}" y="{y + 17}">{fmt(value)}</text>')
svg.append("</svg>")
if bars:
    with open(os.path.join(docs_dir, "benchmarks.svg"), "w") as f:
        f.write("\n".join(svg) + "\n")


def read(file_name):
    p = os.path.join(results_dir, file_name)
    return open(p).read().strip() if os.path.exists(p) else "not recorded"


def memory_lines():
    memory_path = os.path.join(results_dir, "memory.csv")
    if not os.path.exists(memory_path):
        return []
    per = {}
    with open(memory_path) as c:
        for provider, kind, by_value, _, per_entry in csv.reader(c):
            per[(provider, kind)] = int(per_entry)
    out = ["## Heap per entry (bytes, this JVM)", "",
           "An L1 entry is Strata in client mode (this JVM holds only L1), beside Caffeine's entry and a Near Cache "
           "entry. Store-by-value.", "",
           "| value | Strata L1 entry | Caffeine jcache | Strata × Caffeine | Near Cache (BINARY) | Near Cache (OBJECT) |",
           "|---|---:|---:|---:|---:|---:|"]
    for kind in KINDS:
        l1, caffeine = per.get(("strata_client", kind)), per.get(("caffeine", kind))
        if l1 is None and caffeine is None:
            continue
        out.append(f"| {KIND_NAMES[kind]} | {l1 or '—'} | {caffeine or '—'} | {times(ratio(l1, caffeine))} | "
                   f"{per.get(('hazelcast_client_nearcache', kind), '—')} | {per.get(('hazelcast_client_nearcache_object', kind), '—')} |")
    out += ["", "Every provider, String values:", "", "| provider | bytes per entry |", "|---|---:|"]
    for provider in NAMES:
        if (provider, "STRING") in per:
            out.append(f"| {NAMES[provider]} | {per[(provider, 'STRING')]} |")
    return out + [""]


java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
with open(os.path.join(docs_dir, "benchmarks.generated.md"), "w") as f:
    f.write("<!-- written by benchmarks/report.py from one run of benchmarks/run.sh -->\n\n")
    f.write("## Results\n\n" + "\n".join(lines) + "\n")
    f.write("![get throughput](benchmarks.svg)\n\n")
    if kind_lines or l2_lines or put_lines:
        f.write("## Every kind of value (targets from the issue marked)\n\n"
                "ns per operation on one thread (2 threads: each thread's time per get). × is how many times faster "
                "Strata is: the other's time divided by Strata's. Caffeine is its jcache with defaults (eternal, "
                "unbounded); Caffeine, TTL 10 min adds `CreatedExpiryPolicy` of 10 minutes; the Near Caches are "
                "Hazelcast's JCache client against a member in another JVM.\n\n")
        f.write("\n".join(kind_lines + l2_lines + put_lines) + "\n")
        f.write(f"Targets by kind of value: {len(met)} met, {len(missed)} missed"
                + (": " + "; ".join(missed) if missed else "") + ".\n\n")
    f.write("## Targets (String values)\n\n" + "\n".join(target_lines) + "\n\n")
    f.write("Like for like (not targets):\n\n| comparison | ratio |\n|---|---:|\n")
    for label, value in context:
        f.write(f"| {label} | {times(value)} |\n")
    f.write("\n")
    f.write("## Invalidation latency\n\n" + read("invalidation.txt") + "\n\n")
    if os.path.exists(os.path.join(results_dir, "own-writes.txt")):
        f.write("## A JVM's own writes (OwnWrites)\n\n" + read("own-writes.txt") + "\n\n")
    if interceptor_ns:
        what = {"directGet": "cache.get(key), called directly", "byHand": "the same lookup written by hand in the bean",
                "byHandUnderPassthrough": "the hand-written lookup under an interceptor that only proceeds",
                "cacheResultHit": "@CacheResult hit"}
        f.write("## @CacheResult against a direct get (ns/op)\n\n| operation | ns/op | × direct get |\n|---|---:|---:|\n")
        for op, ns in interceptor_ns.items():
            f.write(f"| {what.get(op, op)} | {ns:.1f} | {ns / direct:.1f}× |\n" if direct else f"| {what.get(op, op)} | {ns:.1f} | — |\n")
        f.write("\n")
    f.write("\n".join(memory_lines()) + "\n")
    f.write("## Machine\n\n")
    f.write(f"- {platform.system()} {platform.machine()}, {os.cpu_count()} cores; {java}\n")
    f.write(f"- load before: `{read('load-before.txt')}`\n- load after: `{read('load-after.txt')}`\n")
    seconds = read("seconds.txt")
    if seconds.isdigit():
        f.write(f"- `benchmarks/run.sh` took {int(seconds) // 60} min {int(seconds) % 60} s\n")
print("wrote", os.path.join(docs_dir, "benchmarks.generated.md"), "and benchmarks.svg")
