#!/usr/bin/env python3
"""Hostile query strings for `bulletin search`, and a runner that checks the exit codes.

    tools/fuzz-queries.py --count 1000 --seed 1 > queries.bin      # NUL-separated queries
    tools/fuzz-queries.py --run BIN --index DIR [--count 1000] [--seed 1] [--timeout 20]

With --run, every query goes through the binary (`BIN search QUERY --index DIR --limit 5`)
and must exit 0 or 2 within the timeout, with at most one line on stderr; anything else
(a crash, another exit code, a hang) is printed with the query and the run fails. The
in-process test with 1000 queries is Tests/BulletinSearchTests/IndexingQueryFuzzTests.swift;
this script adds truly huge inputs (thousands of words, 20 000-character tokens), which are
too slow for `make test`.
"""
import argparse
import os
import random
import subprocess
import sys
import time

WORDS = ["танк", "Су-30МКИ", "С-400", "военно-технический", "Кубой", "сотрудничество", "поставка",
         "Индия", "ЦАМТО", "МиГ-29", "ёлка", "contract", "Т-90С", "2019", "30МКИ", "зз", "а", "и", "не"]
OPERATORS = ["AND", "OR", "NOT", "XOR", "NEAR", "ADJ", "and", "Or", "nOt", "NEAR/3", "ADJ/0", "NEAR/999999999"]
PUNCTUATION = ['"', "«", "»", "“", "”", "(", ")", "-", "+", "*", ":", "..", "/", "\\", "'", "&", "|", "!", "~", "^"]
FIELDS = ["title:", "заголовок:", "date:", "year:", "country:", "unknown:", ":", 'title:"', "-title:"]
# No NUL: a command-line argument cannot hold one.
EXOTIC = ["\x01", "\x1b[31m", "\x7f", "\u200b", "\ufeff", "\u00ad", "\u0301", "😀", "\u202e", "ﷺ", "张又侠",
          "جمعة", "\t", "\n", "\r\n", " ", "\u00a0", "Ǆ", "ß", "İ"]
WILDCARDS = ["*", "**", "*а", "а*", "з*", "т*", "с*", '"т*"', "title:*", "-*", "танк* OR с*", "30*", "*:*", "?", "т?нк"]
BLANK = ["", " ", "\t\n", '""', "()", "( )", "-", "+", '"', "«»", "AND", "NOT танк", "-танк", "OR OR", "title:"]


def token(r):
    return r.choice([lambda: r.choice(OPERATORS), lambda: r.choice(PUNCTUATION),
                     lambda: r.choice(FIELDS) + r.choice(WORDS), lambda: r.choice(EXOTIC),
                     lambda: r.choice(WORDS)])()


def query(r):
    kind = r.randrange(12)
    if kind == 0:
        sep = "" if r.randrange(4) == 0 else " "
        return sep.join(token(r) for _ in range(r.randint(1, 8)))
    if kind == 1:
        return " ".join(r.choice(OPERATORS) for _ in range(r.randint(1, 3)))
    if kind == 2:
        opened = r.choice(["(", '"', "«", '("']) * r.randint(1, 4)
        closed = "" if r.randrange(2) == 0 else r.choice([")", '"', "»", '")']) * r.randrange(6)
        return opened + r.choice(WORDS) + " " + r.choice(OPERATORS) + " " + r.choice(WORDS) + closed
    if kind == 3:
        return r.choice(WILDCARDS)
    if kind == 4:
        return r.choice(FIELDS) + r.choice(["", "+", "-"]) + r.choice(WORDS) + " " + r.choice(FIELDS)
    if kind == 5:  # huge: thousands of words
        return " ".join(r.choice(WORDS) for _ in range(r.randint(1000, 5000)))
    if kind == 6:  # huge: deep nesting
        depth = r.randint(100, 3100)
        return "(" * depth + "танк" + ")" * r.randint(0, depth)
    if kind == 7:  # huge: a long token or a long phrase
        if r.randrange(2) == 0:
            return "я" * r.randint(200, 20000)
        return '"' + " ".join(r.choice(WORDS) for _ in range(r.randint(200, 1000))) + '"'
    if kind == 8:
        return "".join(r.choice(EXOTIC + WORDS) for _ in range(r.randint(1, 10)))
    if kind == 9:
        return r.choice(BLANK)
    if kind == 10:
        return " ".join(r.choice(WORDS) if i % 2 == 0 else r.choice(OPERATORS) for i in range(r.randint(1, 200)))
    limit = 0x3000 if r.randrange(3) == 0 else 0x500
    return "".join(chr(c) for c in (r.randrange(1, limit) for _ in range(r.randint(1, 60)))
                   if not 0xD800 <= c <= 0xDFFF)


def queries(count, seed):
    r = random.Random(seed)
    return [query(r) for _ in range(count)]


def run(binary, index, items, timeout):
    failures, slow, counts = [], [], {}
    for number, q in enumerate(items, 1):
        start = time.monotonic()
        try:
            p = subprocess.run([binary, "search", q, "--index", index, "--limit", "5"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               timeout=timeout)
        except subprocess.TimeoutExpired:
            failures.append((number, "no answer in %d s (hang?)" % timeout, q))
            continue
        seconds = time.monotonic() - start
        if seconds > 2:
            slow.append((seconds, q))
        counts[p.returncode] = counts.get(p.returncode, 0) + 1
        lines = p.stderr.decode("utf-8", "replace").strip().splitlines()
        if p.returncode not in (0, 2):
            failures.append((number, "exit %d: %s" % (p.returncode, " / ".join(lines)[:200]), q))
        elif len(lines) > 1:
            failures.append((number, "%d lines on stderr" % len(lines), q))
    print("fuzz: %d queries, exit codes %s" % (len(items), dict(sorted(counts.items()))))
    for seconds, q in sorted(slow, reverse=True)[:10]:
        print("fuzz: slow (%.1f s): %r" % (seconds, q[:120] + ("…[%d chars]" % len(q) if len(q) > 120 else "")))
    for number, problem, q in failures:
        print("fuzz: FAIL #%d %s: %r" % (number, problem, q[:300]), file=sys.stderr)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20251118)
    parser.add_argument("--run", metavar="BIN", help="run every query through this bulletin binary")
    parser.add_argument("--index", default=os.environ.get("BULLETIN_INDEX", "Index"))
    parser.add_argument("--timeout", type=int, default=20)
    args = parser.parse_args()
    items = queries(args.count, args.seed)
    if args.run:
        sys.exit(run(args.run, args.index, items, args.timeout))
    out = sys.stdout.buffer
    for q in items:
        out.write(q.encode("utf-8") + b"\0")


if __name__ == "__main__":
    main()
