#!/usr/bin/env python3
"""`make bench`: bulletin beside raw Xapian on the same generated corpus, in one run.

    python3 tools/bench/bench.py --count 20000 --bulletin .build/release/bulletin \\
        --raw .bench/rawxapian --querybench Benchmarks/.build/release/QueryBench

1. Writes (or reuses) N bulletins with tools/bench/make-corpus.py (.bench/corpus-N).
2. Indexes them into fresh directories under .bench/run-N/ with `bulletin index` and with
   the raw C++ Xapian loop (tools/bench/rawxapian.cc: same Russian stemmer, same text, no
   extraction), each under /usr/bin/time -v (wall clock, peak RSS).
3. Sizes on disk, then `xapian-compact` of both indexes and their sizes again.
4. Runs the analyst queries of tools/bench/queries.tsv through both: in-process
   (Benchmarks/QueryBench vs `rawxapian bench`, one warm-up pass, then --reps passes) and as
   whole processes with `hyperfine -N` (`bulletin search Q --json`, `bulletin search Q`,
   `rawxapian search DB Q`, Xapian's `quest`; one warm-up run, then --process-runs runs each).
5. Prints one Markdown table with the ratio bulletin/raw on each row, and writes it with the
   raw figures to .bench/results-N.md and .bench/results-N.json.

Queries whose flags include --facets count facets over every match in both engines (bulletin
with `--facets`, raw Xapian with a ValueCountMatchSpy over every match); the others count none.
Timings are wall clock on a machine that may be shared: the table says the load average.
"""

import argparse
import json
import math
import os
import platform
import shlex
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def du(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
    return total


def corpus_bytes(path):
    total = n = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            if f.endswith(".txt"):
                total += os.path.getsize(os.path.join(dirpath, f))
                n += 1
    return n, total


def timed(cmd, label, out_dir):
    """Runs cmd under /usr/bin/time -v; returns (wall s, peak RSS bytes)."""
    tfile = os.path.join(out_dir, f"time-{label}.txt")
    with open(os.path.join(out_dir, f"out-{label}.txt"), "w") as out:
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", tfile] + cmd, stdout=out, stderr=subprocess.STDOUT)
    if proc.returncode not in (0, 4):
        sys.exit(f"bench: {' '.join(cmd)} exited {proc.returncode} (see {out_dir}/out-{label}.txt)")
    return parse_time(tfile)


def parse_time(tfile):
    """(wall s, peak RSS bytes) from a `/usr/bin/time -v` report."""
    wall = rss = None
    for line in open(tfile):
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            parts = line.rsplit(" ", 1)[1].split(":")
            wall = sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1]) * 1024
    return wall, rss


def pct(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, math.ceil(p / 100 * len(s)) - 1)
    return s[k]


def stats(values):
    return {"n": len(values), "p50": pct(values, 50), "p95": pct(values, 95), "p99": pct(values, 99)}


def load_queries(path):
    queries = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        q, flags, raw = cols[0], cols[1] if len(cols) > 1 else "", cols[2] if len(cols) > 2 else cols[0]
        queries.append({"query": q, "flags": flags.split(), "raw": raw, "facets": "--facets" in flags.split()})
    return queries


def in_process(cmd, reps, nq):
    """Runs a `bench` command with reps+1 passes; drops the warm-up pass; returns {facets: [ms]}."""
    out = run(cmd + [], capture_output=True, text=True).stdout.splitlines()
    out = out[nq:]  # warm-up pass
    times = {True: [], False: []}
    for line in out:
        f, ms = line.split("\t")
        times[f == "1"].append(float(ms))
    return times


def hyperfine(commands, runs, json_path):
    cmd = ["hyperfine", "-N", "--warmup", "1", "--runs", str(runs), "--style", "none", "-i",
           "--export-json", json_path] + [" ".join(shlex.quote(a) for a in c) for c in commands]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = json.load(open(json_path))["results"]
    return [[t * 1000 for t in r["times"]] for r in results]


def fmt_ms(s):
    if not s["n"]:
        return "–"
    return f"{s['p50']:.1f} / {s['p95']:.1f} / {s['p99']:.1f}"


def ratio3(a, b):
    if not a["n"] or not b["n"]:
        return "–"
    return " / ".join(f"{a[k] / b[k]:.2f}" if b[k] else "–" for k in ("p50", "p95", "p99"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", "-n", type=int, default=20000)
    ap.add_argument("--bulletin", default=os.path.join(ROOT, ".build/release/bulletin"))
    ap.add_argument("--raw", default=os.path.join(ROOT, ".bench/rawxapian"))
    ap.add_argument("--querybench", default=os.path.join(ROOT, "Benchmarks/.build/release/QueryBench"))
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--reps", type=int, default=5, help="in-process passes over the queries (after one warm-up)")
    ap.add_argument("--process-runs", type=int, default=3, help="runs of each query as a process (after one warm-up)")
    ap.add_argument("--skip-index", action="store_true", help="reuse the indexes of the last run for this N")
    ap.add_argument("--http-rounds", type=int, default=3, help="passes over the queries through `bulletin serve` (0: none)")
    ap.add_argument("--skip-raw", action="store_true",
                    help="bulletin only (no raw-Xapian index, queries or quest): for runs too long to make twice; "
                         "with --skip-index it also resumes from a finished `bulletin index` of an interrupted run")
    ap.add_argument("--skip-compact", action="store_true", help="no `xapian-compact` of the indexes (its rows say –)")
    ap.add_argument("--index-args", default="", help="more arguments for `bulletin index`, e.g. '--shard-by year'")
    args = ap.parse_args()

    n = args.count
    bench_dir = os.path.join(ROOT, ".bench")
    corpus = os.path.join(bench_dir, f"corpus-{n}")
    run_dir = os.path.join(bench_dir, f"run-{n}")
    os.makedirs(run_dir, exist_ok=True)
    run([sys.executable, os.path.join(HERE, "make-corpus.py"), "--count", str(n), "--quiet"])
    docs, text_bytes = corpus_bytes(corpus)
    log(f"corpus {corpus}: {docs} files, {text_bytes / 1e6:.1f} MB")

    b_index, r_index = os.path.join(run_dir, "bulletin"), os.path.join(run_dir, "raw")
    b_compact, r_compact = b_index + "-compact", r_index + "-compact"
    res = {"count": n, "docs": docs, "text_bytes": text_bytes}
    saved = os.path.join(run_dir, "index.json")
    b_time = os.path.join(run_dir, "time-bulletin-index.txt")
    if args.skip_index and os.path.exists(saved):
        res.update(json.load(open(saved)))
    elif args.skip_index and args.skip_raw and os.path.exists(b_time) and os.path.isdir(b_index):
        log("reusing the finished `bulletin index` of the last run")
        res["b_wall"], res["b_rss"] = parse_time(b_time)
        res["index_args"] = args.index_args
        res["b_size"] = du(b_index)
        res["b_csize"] = None
        if not args.skip_compact:
            shutil.rmtree(b_compact, ignore_errors=True)
            run(["xapian-compact", b_index, b_compact], stdout=subprocess.DEVNULL)
            res["b_csize"] = du(b_compact)
        res["r_wall"] = res["r_rss"] = res["r_size"] = res["r_csize"] = None
        json.dump({k: res[k] for k in res if k[:2] in ("b_", "r_") or k == "index_args"}, open(saved, "w"))
    else:
        for d in (b_index, r_index, b_compact, r_compact):
            shutil.rmtree(d, ignore_errors=True)
        run(["sync"])
        log("indexing with bulletin")
        res["b_wall"], res["b_rss"] = timed([args.bulletin, "index", corpus, "--index", b_index, "--quiet"] + shlex.split(args.index_args),
                                            "bulletin-index", run_dir)
        res["index_args"] = args.index_args
        run(["sync"])
        res["r_wall"] = res["r_rss"] = res["r_size"] = res["r_csize"] = None
        if not args.skip_raw:
            log("indexing with raw Xapian")
            res["r_wall"], res["r_rss"] = timed([args.raw, "index", r_index, corpus], "raw-index", run_dir)
            res["r_size"] = du(r_index)
        res["b_size"] = du(b_index)
        res["b_csize"] = None
        if not args.skip_compact:
            log("compacting")
            # A sharded index (its directory holds a stub, XAPIANDB) is compacted into one database.
            run(["xapian-compact", b_index, b_compact], stdout=subprocess.DEVNULL)
            res["b_csize"] = du(b_compact)
        if not args.skip_raw and not args.skip_compact:
            run(["xapian-compact", r_index, r_compact], stdout=subprocess.DEVNULL)
            res["r_csize"] = du(r_compact)
        json.dump({k: res[k] for k in res if k[:2] in ("b_", "r_") or k == "index_args"}, open(saved, "w"))

    queries = load_queries(args.queries)
    nq = len(queries)
    raw_file = os.path.join(run_dir, "raw-queries.tsv")
    with open(raw_file, "w", encoding="utf-8") as f:
        for q in queries:
            f.write(f"{1 if q['facets'] else 0}\t{q['raw']}\n")

    log(f"{nq} queries in-process, {args.reps} passes each engine")
    b_in = in_process([args.querybench, b_index, str(args.reps + 1), args.queries], args.reps, nq)
    r_in = {True: [], False: []} if args.skip_raw else in_process([args.raw, "bench", r_index, str(args.reps + 1), raw_file], args.reps, nq)

    log(f"{nq} queries as processes, {args.process_runs} runs each (hyperfine)")
    commands, kinds = [], []
    for q in queries:
        base = [args.bulletin, "search"] + ([q["query"]] if q["query"] else []) + q["flags"] + ["--index", b_index]
        commands.append(base + ["--json"]); kinds.append(("b_json", q["facets"]))
        commands.append(base); kinds.append(("b_text", q["facets"]))
        if args.skip_raw:
            continue
        commands.append([args.raw, "search", r_index] + (["--facets"] if q["facets"] else []) + [q["raw"]]); kinds.append(("r_proc", q["facets"]))
        if not q["facets"]:
            commands.append(["quest", "-s", "russian", "-d", r_index, q["raw"]]); kinds.append(("quest", False))
    commands.append([args.bulletin, "--version"]); kinds.append(("version", False))
    times = hyperfine(commands, args.process_runs, os.path.join(run_dir, "hyperfine.json"))
    proc = {}
    for kind, t in zip(kinds, times):
        proc.setdefault(kind, []).extend(t)

    http = None
    if args.http_rounds > 0:
        log(f"{nq} queries through `bulletin serve` (GET /api/search, keep-alive), {args.http_rounds} passes")
        server = os.path.join(os.path.dirname(args.bulletin), "bulletin-serve")
        out = run([sys.executable, os.path.join(HERE, "http-bench.py"), "--bin", server, "--index", b_index,
                   "--rounds", str(args.http_rounds), "--facets-as-listed", "--json"], stdout=subprocess.PIPE, text=True)
        http = json.loads(out.stdout)

    load = os.getloadavg()[0]
    mb = text_bytes / 1e6
    rows = []

    def row(what, b, r, ratio):
        rows.append(f"| {what} | {b} | {r} | {ratio} |")

    def per(x, y, fmt="{:.2f}"):
        """x / y, or – when the raw side was not run."""
        return fmt.format(x / y) if x is not None and y else "–"

    b_dps = docs / res["b_wall"]
    r_dps = docs / res["r_wall"] if res.get("r_wall") else None
    raw = lambda v, fmt: fmt.format(v) if v is not None else "–"
    row("indexing, docs/s (wall clock)", f"{b_dps:.0f}", raw(r_dps, "{:.0f}"), per(b_dps, r_dps))
    row("indexing, MB/s of text", f"{mb / res['b_wall']:.2f}", raw(res.get("r_wall") and mb / res["r_wall"], "{:.2f}"), per(b_dps, r_dps))
    row("indexing, peak RSS (MB)", f"{res['b_rss'] / 1e6:.0f}", raw(res.get("r_rss") and res["r_rss"] / 1e6, "{:.0f}"), per(res["b_rss"], res.get("r_rss")))
    for key, what in (("size", "index on disk, MB (× text)"), ("csize", "after `xapian-compact`, MB (× text)")):
        b_v, r_v = res["b_" + key], res.get("r_" + key)
        row(what, f"{b_v / 1e6:.0f} ({b_v / text_bytes:.2f}×)" if b_v else "–",
            f"{r_v / 1e6:.0f} ({r_v / text_bytes:.2f}×)" if r_v else "–", per(b_v, r_v))
    summary = {}
    for facets in (False, True):
        tag = "facets on" if facets else "facets off"
        b, r = stats(b_in[facets]), stats(r_in[facets])
        summary[f"in-process {tag}"] = (b, r)
        row(f"in-process query, {tag}: p50 / p95 / p99 ms", fmt_ms(b), fmt_ms(r), ratio3(b, r))
    for facets in (False, True):
        tag = "facets on" if facets else "facets off"
        r = stats(proc.get(("r_proc", facets), []))
        for kind, label in (("b_json", "`search --json`"), ("b_text", "`search` (text)")):
            b = stats(proc[(kind, facets)])
            summary[f"process {label} {tag}"] = (b, r)
            row(f"process {label}, {tag}: p50 / p95 / p99 ms", fmt_ms(b), fmt_ms(r), ratio3(b, r))
    if http:
        for facets in (False, True):
            tag = "facets on" if facets else "facets off"
            b = stats(http["samples"][str(facets).lower()])
            r = stats(r_in[facets])
            summary[f"http {tag}"] = (b, r)
            row(f"HTTP `GET /api/search` (one keep-alive client) vs raw in-process, {tag}: p50 / p95 / p99 ms", fmt_ms(b), fmt_ms(r), ratio3(b, r))
        c = http["concurrent"]
        row(f"HTTP, {http['clients']} concurrent clients: p50 / p95 / p99 ms, errors",
            f"{c['p50_ms']:.1f} / {c['p95_ms']:.1f} / {c['p99_ms']:.1f}, {c['errors']} errors ({c['rps']:.0f} req/s)", "", "")
    q = stats(proc.get(("quest", False), []))
    v = stats(proc[("version", False)])
    row("process, Xapian's `quest` (facets off, no snippets): p50 / p95 / p99 ms", "", fmt_ms(q), "")
    row("process, `bulletin --version` (the floor): p50 / p95 / p99 ms", fmt_ms(v), "", "")

    nproc = os.cpu_count()
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    header = [
        f"N = {docs} bulletins from tools/bench/make-corpus.py ({mb:.1f} MB, mean {text_bytes / docs / 1000:.1f} KB), "
        f"{nq} queries ({sum(q['facets'] for q in queries)} with facets); "
        f"{'`bulletin index ' + res['index_args'] + '`; ' if res.get('index_args') else ''}in-process {args.reps} passes, "
        f"processes {args.process_runs} runs each (hyperfine -N), one warm-up; {nproc} cores, {cpu}, "
        f"load average {load:.1f} at the end.",
        "",
        "| what | bulletin | raw Xapian (same run) | bulletin / raw |",
        "|---|--:|--:|--:|",
    ]
    table = "\n".join(header + rows)
    print(table)
    with open(os.path.join(bench_dir, f"results-{n}.md"), "w") as f:
        f.write(table + "\n")
    res.update({"in_process": {str(k): v for k, v in b_in.items()}, "raw_in_process": {str(k): v for k, v in r_in.items()},
                "process": {f"{k[0]}:{k[1]}": v for k, v in proc.items()}, "http": http, "load": load, "cpu": cpu, "cores": nproc,
                "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())})
    json.dump(res, open(os.path.join(bench_dir, f"results-{n}.json"), "w"))


if __name__ == "__main__":
    main()
