#!/usr/bin/env python3
"""Turns JMH CSV results into docs/benchmarks.md (tables, ratios, targets) and docs/benchmarks.svg (a chart)."""
import csv
import glob
import os
import platform
import subprocess
import sys

results_dir, docs_dir = sys.argv[1], sys.argv[2]


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


write_codec_report(results_dir, docs_dir)
NAMES = {
    "strata_l1": "Strata, L1 hit", "strata_l2": "Strata, L1 off (embedded member)",
    "strata_client": "Strata client + L1 (member in another JVM)", "caffeine": "Caffeine jcache",
    "caffeine_bounded": "Caffeine jcache, bounded like Strata's L1",
    "ehcache": "Ehcache 3 heap (JSR-107)", "hazelcast_member": "Hazelcast JCache, embedded member",
    "hazelcast_client_nearcache": "Hazelcast JCache client + Near Cache", "chm": "ConcurrentHashMap",
}

rows = []
for path in sorted(glob.glob(os.path.join(results_dir, "cache-*.csv"))):
    threads = os.path.basename(path)
    with open(path) as f:
        for r in csv.DictReader(f):
            rows.append({
                "file": threads, "op": r["Benchmark"].rsplit(".", 1)[1], "threads": int(r["Threads"]),
                "provider": r["Param: provider"], "byValue": r["Param: storeByValue"], "size": r["Param: valueSize"],
                "score": float(r["Score"]), "error": float(r["Score Error (99.9%)"] or 0),
            })

def score(op, provider, threads=1, by_value="true", size="100"):
    for r in rows:
        if (r["op"] == op and r["provider"] == provider and r["threads"] == threads and r["byValue"] == by_value
                and r["size"] == size):
            return r["score"]
    return None

def fmt(x):
    return "—" if x is None else (f"{x/1e6:.2f} M" if x >= 1e5 else f"{x/1e3:.1f} k")

ops = ["get", "getZipf", "put", "mix", "getAll"]
lines = []
for threads, by_value, size in [(1, "true", "100"), (2, "true", "100"), (1, "true", "1024"), (2, "true", "1024"),
                                (1, "false", "100"), (2, "false", "100"), (1, "false", "1024"), (2, "false", "1024")]:
    present = [p for p in NAMES if any(score(op, p, threads, by_value, size) for op in ops)]
    if not present:
        continue
    shown = [op for op in ops if any(score(op, p, threads, by_value, size) for p in present)]
    size_text = "100-byte" if size == "100" else "1 KB"
    title = (f"{threads} thread{'s' if threads > 1 else ''}, store-by-{'value' if by_value == 'true' else 'reference'}, "
             f"{size_text} String values")
    lines.append(f"### {title} (ops/s)\n")
    lines.append("| provider | " + " | ".join(shown) + " |")
    lines.append("|---|" + "---:|" * len(shown))
    for p in present:
        lines.append(f"| {NAMES[p]} | " + " | ".join(fmt(score(op, p, threads, by_value, size)) for op in shown) + " |")
    lines.append("")

def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b

targets = [
    ("Strata L1-hit get ≥ 1.0× Caffeine jcache get, 1 thread", ratio(score("get", "strata_l1"), score("get", "caffeine")), 1.0),
    ("Strata L1-hit get ≥ 1.0× Caffeine jcache get, 2 threads", ratio(score("get", "strata_l1", 2), score("get", "caffeine", 2)), 1.0),
    ("Strata L1-hit get ≥ 1.0× Caffeine jcache get, store-by-reference", ratio(score("get", "strata_l1", 1, "false"), score("get", "caffeine", 1, "false")), 1.0),
    ("Strata L1-hit get ≥ 5× Hazelcast client Near Cache get", ratio(score("get", "strata_l1"), score("get", "hazelcast_client_nearcache")), 5.0),
    ("Strata L1-hit get ≥ 50× Hazelcast member JCache get", ratio(score("get", "strata_l1"), score("get", "hazelcast_member")), 50.0),
    ("Strata L1 off get ≥ 0.9× Hazelcast member JCache get", ratio(score("get", "strata_l2"), score("get", "hazelcast_member")), 0.9),
    ("Strata L1 off put ≥ 0.9× Hazelcast member JCache put", ratio(score("put", "strata_l2"), score("put", "hazelcast_member")), 0.9),
    ("Strata 90/10 mix ≥ 3× Hazelcast member JCache", ratio(score("mix", "strata_l1"), score("mix", "hazelcast_member")), 3.0),
    ("Strata 90/10 mix ≥ 3× Hazelcast client Near Cache", ratio(score("mix", "strata_l1"), score("mix", "hazelcast_client_nearcache")), 3.0),
]
# like for like, not targets: Caffeine's jcache with the same size bound as L1
context = [
    ("Strata L1-hit get / bounded Caffeine jcache get, 1 thread", ratio(score("get", "strata_l1"), score("get", "caffeine_bounded"))),
    ("Strata L1-hit get / bounded Caffeine jcache get, 2 threads", ratio(score("get", "strata_l1", 2), score("get", "caffeine_bounded", 2))),
    ("Strata L1-hit get / bounded Caffeine jcache get, store-by-reference", ratio(score("get", "strata_l1", 1, "false"), score("get", "caffeine_bounded", 1, "false"))),
    ("Strata L1-hit get / Caffeine jcache get, 1 KB values", ratio(score("get", "strata_l1", 1, "true", "1024"), score("get", "caffeine", 1, "true", "1024"))),
    ("Strata client + L1 get / Hazelcast client Near Cache get", ratio(score("get", "strata_client"), score("get", "hazelcast_client_nearcache"))),
]
interceptor_ns = {}
interceptor_path = os.path.join(results_dir, "interceptor.csv")
if os.path.exists(interceptor_path):
    with open(interceptor_path) as c:
        for r in csv.DictReader(c):
            interceptor_ns[r["Benchmark"].rsplit(".", 1)[1]] = float(r["Score"])
hit, direct = interceptor_ns.get("cacheResultHit"), interceptor_ns.get("directGet")
import re
latency = None
inv_path = os.path.join(results_dir, "invalidation.txt")
if os.path.exists(inv_path):
    m = re.search(r"p99 ([0-9.]+) ms", open(inv_path).read())
    latency = float(m.group(1)) if m else None
target_lines = ["| target | measured | |", "|---|---:|---|"]
for name, value, goal in targets:
    verdict = "not measured" if value is None else ("met" if value >= goal else "**missed**")
    target_lines.append(f"| {name} | {'—' if value is None else f'{value:.2f}×'} | {verdict} |")
cost = None if hit is None or direct is None else hit / direct
target_lines.append(f"| @CacheResult hit ≤ 1.5× the cost of a direct cache.get | {'—' if cost is None else f'{cost:.2f}×'} | "
                    f"{'not measured' if cost is None else ('met' if cost <= 1.5 else '**missed**')} |")

# the chart: get throughput at 1 thread, log scale, one bar per provider
bars = [(NAMES[p], score("get", p)) for p in NAMES if score("get", p)]
import math
width, bar_h, left = 900, 26, 330
height = 60 + bar_h * len(bars)
top = max(v for _, v in bars) if bars else 1
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
       f'<text x="10" y="22" font-size="15">get, 1 thread, 100-byte values, store-by-value: ops/s (log scale)</text>']
for i, (name, value) in enumerate(bars):
    y = 40 + i * bar_h
    length = (width - left - 110) * math.log10(max(value, 10)) / math.log10(max(top, 10))
    color = "#2b7a4b" if name.startswith("Strata") else "#8899aa"
    svg.append(f'<text x="{left - 8}" y="{y + 17}" text-anchor="end">{name}</text>')
    svg.append(f'<rect x="{left}" y="{y + 4}" width="{length:.0f}" height="{bar_h - 8}" fill="{color}"/>')
    svg.append(f'<text x="{left + length + 6:.0f}" y="{y + 17}">{fmt(value)}</text>')
svg.append("</svg>")
with open(os.path.join(docs_dir, "benchmarks.svg"), "w") as f:
    f.write("\n".join(svg) + "\n")

def read(name):
    p = os.path.join(results_dir, name)
    return open(p).read().strip() if os.path.exists(p) else "not recorded"

java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
with open(os.path.join(docs_dir, "benchmarks.generated.md"), "w") as f:
    f.write("<!-- written by benchmarks/report.py from one run of benchmarks/run.sh -->\n\n")
    f.write("## Results\n\n" + "\n".join(lines) + "\n")
    f.write("![get throughput](benchmarks.svg)\n\n")
    target_lines.append(f"| Invalidation latency between two members, p99 ≤ 5 ms | {'—' if latency is None else f'{latency:.2f} ms'} | "
                    f"{'not measured' if latency is None else ('met' if latency <= 5 else '**missed**')} |")
    f.write("## Targets\n\n" + "\n".join(target_lines) + "\n\n")
    f.write("Like for like (not targets):\n\n| comparison | ratio |\n|---|---:|\n")
    for name, value in context:
        f.write(f"| {name} | {'—' if value is None else f'{value:.2f}×'} |\n")
    f.write("\n")
    f.write("## Invalidation latency\n\n" + read("invalidation.txt") + "\n\n")
    if interceptor_ns:
        what = {"directGet": "cache.get(key), called directly", "byHand": "the same lookup written by hand in the bean",
                "byHandUnderPassthrough": "the hand-written lookup under an interceptor that only proceeds",
                "cacheResultHit": "@CacheResult hit"}
        f.write("## @CacheResult against a direct get (ns/op)\n\n| operation | ns/op | × direct get |\n|---|---:|---:|\n")
        for op, ns in interceptor_ns.items():
            f.write(f"| {what.get(op, op)} | {ns:.1f} | {ns / direct:.1f}× |\n" if direct else f"| {what.get(op, op)} | {ns:.1f} | — |\n")
        f.write("\n")
    memory_path = os.path.join(results_dir, "memory.csv")
    if os.path.exists(memory_path):
        f.write("## Heap per entry (bytes, this JVM)\n\n| provider | store-by | 100-byte values | 1 KB values |\n|---|---|---:|---:|\n")
        per = {}
        with open(memory_path) as c:
            for provider, size, by_value, _, per_entry in csv.reader(c):
                per[(provider, by_value, size)] = per_entry
        for provider in NAMES:
            for by_value in ("true", "false"):
                if (provider, by_value, "100") in per or (provider, by_value, "1024") in per:
                    f.write(f"| {NAMES[provider]} | {'value' if by_value == 'true' else 'reference'} | "
                            f"{per.get((provider, by_value, '100'), '—')} | {per.get((provider, by_value, '1024'), '—')} |\n")
        f.write("\n")
    f.write("## Machine\n\n")
    f.write(f"- {platform.system()} {platform.machine()}, {os.cpu_count()} cores; {java}\n")
    f.write(f"- load before: `{read('load-before.txt')}`\n- load after: `{read('load-after.txt')}`\n")
print("wrote", os.path.join(docs_dir, "benchmarks.generated.md"), "and benchmarks.svg")
