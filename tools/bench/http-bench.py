#!/usr/bin/env python3
"""`GET /api/search` through a loopback HTTP client: starts `bulletin serve` over an index, runs
the analyst queries of tools/bench/queries.tsv (their flags become API parameters) first from
one client, then from N concurrent clients (keep-alive connections), and prints p50/p99 and
errors. Facet counts are on (the API's default) unless --no-facets; with --facets-as-listed,
only the queries whose flags in queries.tsv say --facets count them (what `make bench` runs,
so that each set compares with raw Xapian's in-process figures for the same queries).

    python3 tools/bench/http-bench.py --bin .build/release/bulletin-serve --index .bench/index \
        [--rounds 5] [--clients 8] [--no-facets | --facets-as-listed] [--json]

--bin may name `bulletin` (it execs bulletin-serve) or `bulletin-serve`.

Exit 1 when any request fails (a non-200 answer or a broken connection).
"""
import argparse
import http.client
import json
import os
import shlex
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))

FLAGS = {"--country": "country", "--type": "type", "--source": "source", "--person": "person", "--weapon": "weapon",
         "--from": "from", "--to": "to", "--year": "year", "--sort": "sort", "--limit": "limit"}


def load_queries(path, facets):
    """(path, counts facets) per query; `facets` is True, False or "listed"."""
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip("\n"):
                continue
            cols = line.rstrip("\n").split("\t")
            query, flags = cols[0], shlex.split(cols[1]) if len(cols) > 1 else []
            params = []
            if query:
                params.append(("q", query))
            i = 0
            while i < len(flags):
                flag = flags[i]
                if flag in FLAGS and i + 1 < len(flags):
                    params.append((FLAGS[flag], flags[i + 1]))
                    i += 2
                    continue
                if flag == "--all-words":
                    params.append(("all_words", "true"))
                i += 1
            counted = ("--facets" in flags) if facets == "listed" else facets
            params.append(("facets", "true" if counted else "false"))
            queries.append(("/api/search?" + urllib.parse.urlencode(params), counted))
    return queries


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1)))))
    return ordered[k]


def search_ms(header):
    """The library call's time from `Server-Timing: queue;dur=…, search;dur=…`."""
    for part in (header or "").split(","):
        name, _, dur = part.strip().partition(";dur=")
        if name == "search":
            return float(dur) / 1000.0
    return None


def client_run(host, port, paths, latencies, errors, lock, searches):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    mine, bad, inner = [], [], []
    for path, counted in paths:
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - start
            if response.status != 200:
                bad.append("%d %s: %s" % (response.status, path, body[:200]))
            mine.append((elapsed, counted))
            t = search_ms(response.getheader("Server-Timing"))
            if t is not None:
                inner.append(t)
        except Exception as e:  # a reset or timeout is an error of the run, counted
            bad.append("%s: %r" % (path, e))
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.close()
    with lock:
        latencies.extend(mine)
        errors.extend(bad)
        searches.extend(inner)


def run_phase(host, port, paths, clients):
    latencies, errors, lock, searches = [], [], threading.Lock(), []
    shares = [paths[i::clients] for i in range(clients)]
    threads = [threading.Thread(target=client_run, args=(host, port, share, latencies, errors, lock, searches)) for share in shares]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    run_phase.searches = searches
    return latencies, errors, wall


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query list per phase")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--no-facets", action="store_true")
    parser.add_argument("--facets-as-listed", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--server-args", default="", help="more arguments for the server, e.g. --no-parallel-facets")
    args = parser.parse_args()

    paths = load_queries(args.queries, "listed" if args.facets_as_listed else not args.no_facets)
    command = [args.bin] if os.path.basename(args.bin) == "bulletin-serve" else [args.bin, "serve"]
    server = subprocess.Popen(command + ["--index", args.index, "--port", "0"] + args.server_args.split(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        if "http://" not in line:
            raise SystemExit("http-bench: `bulletin serve` printed no URL: %r %s" % (line, server.stderr.read()))
        url = urllib.parse.urlparse(line[line.index("http://"):].split()[0])
        host, port = url.hostname, url.port
        # Warm-up: one pass, not measured (opens the workers' Xapian readers).
        run_phase(host, port, paths, 2)
        single, single_errors, single_wall = run_phase(host, port, paths * args.rounds, 1)
        single_search = run_phase.searches
        multi, multi_errors, multi_wall = run_phase(host, port, paths * args.rounds, args.clients)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    ms = lambda s: round(s * 1000, 2)
    split = {str(flag).lower(): [t for t, c in single if c == flag] for flag in (False, True)}
    single = [t for t, _ in single]
    multi = [t for t, _ in multi]
    result = {
        "queries": len(paths), "facets": "listed" if args.facets_as_listed else not args.no_facets,
        "samples": {k: [round(t * 1000, 3) for t in v] for k, v in split.items()},
        "one_client": {"requests": len(single), "p50_ms": ms(percentile(single, 50)), "p95_ms": ms(percentile(single, 95)), "p99_ms": ms(percentile(single, 99)),
                       "mean_ms": ms(statistics.mean(single)), "rps": round(len(single) / single_wall, 1), "errors": len(single_errors),
                       "library_p50_ms": ms(percentile(single_search, 50)) if single_search else None,
                       "library_p99_ms": ms(percentile(single_search, 99)) if single_search else None},
        "clients": args.clients,
        "concurrent": {"requests": len(multi), "p50_ms": ms(percentile(multi, 50)), "p95_ms": ms(percentile(multi, 95)), "p99_ms": ms(percentile(multi, 99)),
                       "rps": round(len(multi) / multi_wall, 1), "errors": len(multi_errors)},
        "server_exit": server.returncode,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        label = {True: "with facets", False: "no facets", "listed": "facets where listed"}[result["facets"]]
        o, c = result["one_client"], result["concurrent"]
        print("| HTTP GET /api/search, %d analyst queries, %s, 1 client | %.1f ms | %.1f ms | %.0f req/s |" % (len(paths), label, o["p50_ms"], o["p99_ms"], o["rps"]))
        if o["library_p50_ms"] is not None:
            print("| of which the library call (Server-Timing), 1 client | %.1f ms | %.1f ms | |" % (o["library_p50_ms"], o["library_p99_ms"]))
        print("| HTTP GET /api/search, same, %d concurrent clients | %.1f ms | %.1f ms | %.0f req/s, %d errors |" % (args.clients, c["p50_ms"], c["p99_ms"], c["rps"], c["errors"]))
    for e in (single_errors + multi_errors)[:5]:
        print("http-bench: error: " + e, file=sys.stderr)
    return 1 if single_errors or multi_errors else 0


if __name__ == "__main__":
    sys.exit(main())
