#!/usr/bin/env python3
"""Deterministic benchmark corpus for bulletin.

Writes N synthetic bulletins (default 20 000) to .bench/corpus-N/YYYY/*.txt by
recombining the paragraphs and sentences of the shipped Corpora/ files, with new
publication dates, day-month dates, years and numbers. The vocabulary, datelines,
country/person/weapon mentions and document types are those of the demo corpus, so
indexing and extraction do realistic work; each file is about 3 to 5 KB
(mean ≈3.9 KB, like a real bulletin with its crawl header).

Document i depends only on (seed, i) and the Corpora/ files: corpus-20000 is the first
20 000 documents of corpus-100000, and a rerun writes the same bytes. About 25% of the
files start with a crawl header, about 2% are retellings of an earlier document
(near-duplicates under another agency's dateline).

    python3 tools/bench/make-corpus.py                 # .bench/corpus-20000
    python3 tools/bench/make-corpus.py --count 100000  # .bench/corpus-100000
    python3 tools/bench/make-corpus.py --count 2000 --out /tmp/c

An existing complete corpus with the same parameters is left as it is (its
`.bench-corpus` stamp says so); --force rewrites it. Python standard library only.
"""

import argparse
import datetime
import hashlib
import os
import random
import re
import shutil
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
GENERATOR_VERSION = "1"

MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря"]
MONTH_RE = "|".join(MONTHS)
HEADER_RE = re.compile(r"^ date (\d{4})-(\d\d)-(\d\d)[ \n]?")
DATELINE_RE = re.compile(r"^(?P<place>[^\n,]{2,40}), (?P<day>\d{1,2}) (?P<month>" + MONTH_RE + r")\.(?P<agency> /[^/\n]{2,20}/\.)? ")
DAY_MONTH_RE = re.compile(r"\b(\d{1,2})(?:-(\d{1,2}))? (" + MONTH_RE + r")\b")
YEAR_RE = re.compile(r"(?<!\d)(20[12]\d)(?!\d)")
# Standalone numbers: not part of a designation (Су-30МКИ, Т-90С, 24-е) nor a decimal.
NUMBER_RE = re.compile(r"(?<![\w\-.,])(\d{1,4})(?![\w\-]|[.,]\d)")
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?»])\s+(?=[«А-ЯЁA-Z0-9])")

FIRST_YEAR, LAST_YEAR = 2012, 2025


class Bulletin:
    """One source file: dateline, lead text, body paragraphs and closing paragraph."""

    def __init__(self, path, text):
        self.path = path
        name = os.path.basename(path)
        parts = name[:-4].split("-")
        self.source = parts[3] if len(parts) >= 5 else "ctamto"
        self.year = int(name[:4]) if name[:4].isdigit() else 2022
        text = HEADER_RE.sub("", text.replace("\r\n", "\n"), count=1).strip()
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        first = paragraphs[0]
        m = DATELINE_RE.match(first)
        if m:
            self.place = m.group("place")
            self.agency = m.group("agency") or ""
            self.lead = first[m.end():]
        else:
            self.place, self.agency, self.lead = None, "", first
        rest = paragraphs[1:]
        self.closing = rest[-1] if len(rest) >= 2 else None
        self.body = rest[:-1] if self.closing else rest

    def dateline(self, day, month):
        if self.place is None:
            return ""
        return f"{self.place}, {day} {MONTHS[month - 1]}.{self.agency} "


def load(corpus_dir):
    bulletins = []
    for year in sorted(os.listdir(corpus_dir)):
        folder = os.path.join(corpus_dir, year)
        if not (year.isdigit() and os.path.isdir(folder)):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".txt"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    bulletins.append(Bulletin(os.path.join(year, name), f.read()))
    if not bulletins:
        sys.exit(f"make-corpus: no bulletins under {corpus_dir}")
    return bulletins


def is_list_item(paragraph):
    return paragraph.startswith("- ") or paragraph.endswith(":")


class Generator:
    def __init__(self, bulletins, seed):
        self.bulletins = bulletins
        self.seed = seed
        self.dated = [b for b in bulletins if b.place is not None]
        self.pool = [p for b in bulletins for p in b.body if not is_list_item(p)]
        self.sentences = [s for p in self.pool for s in SENTENCE_SPLIT_RE.split(p) if len(s) > 20]
        self.closings = [b.closing for b in bulletins if b.closing and not is_list_item(b.closing)]
        self.start = datetime.date(FIRST_YEAR, 1, 1).toordinal()
        self.days = datetime.date(LAST_YEAR, 12, 31).toordinal() - self.start + 1

    def rng(self, i, salt=""):
        return random.Random(f"{self.seed}:{i}{salt}")

    def document(self, i):
        """(publication date, source, text) of document i."""
        rng = self.rng(i)
        if i >= 50 and rng.random() < 0.02:
            return self.retelling(i, rng)
        date = datetime.date.fromordinal(self.start + rng.randrange(self.days))
        base = rng.choice(self.dated)
        paragraphs = self.paragraphs(base, rng)
        return date, base.source, self.render(base, date, paragraphs, rng)

    def paragraphs(self, base, rng):
        target = rng.triangular(3000, 5000, 3900)
        body = [p for p in base.body if is_list_item(p) or rng.random() < 0.8]
        closing = base.closing if rng.random() < 0.7 else rng.choice(self.closings)
        size = lambda: len(base.lead.encode()) + sum(len(p.encode()) + 2 for p in body) + len((closing or "").encode())
        while size() < target:
            if rng.random() < 0.35:
                sentences = [rng.choice(self.sentences) for _ in range(rng.randint(2, 3))]
                paragraph = " ".join(sentences)
            else:
                paragraph = rng.choice(self.pool)
            body.insert(rng.randint(0, len(body)), paragraph)
        while len(body) > 1 and size() > 5000:
            body.pop(rng.randrange(len(body)))
        return [base.lead] + body + ([closing] if closing else [])

    def render(self, base, date, paragraphs, rng, place_of=None):
        year_shift = date.year
        text = "\n\n".join(paragraphs)
        text = self.substitute(text, date, year_shift, rng)
        dateline_source = place_of or base
        text = dateline_source.dateline(date.day, date.month) + text
        roll = rng.random()
        if roll < 0.125:
            text = f" date {date.isoformat()}\n{text}"
        elif roll < 0.25:
            text = f" date {date.isoformat()} {text}"
        return text + "\n"

    def substitute(self, text, date, year, rng):
        def day_month(m):
            # An event shortly before publication: this month or the one before.
            month = date.month if rng.random() < 0.7 else (date.month - 2) % 12 + 1
            day = rng.randint(1, date.day if month == date.month else 28)
            if m.group(2):
                return f"{day}-{min(day + rng.randint(1, 3), 28)} {MONTHS[month - 1]}"
            return f"{day} {MONTHS[month - 1]}"

        def number(m):
            n = int(m.group(1))
            if n <= 1:
                return m.group(1)
            return str(max(2, int(n * rng.uniform(0.5, 2.0))))

        # Protect dates and years from the number pass with placeholders.
        held = []

        def hold(value):
            held.append(value)
            return f"\x00H{len(held) - 1}H\x00"

        text = DAY_MONTH_RE.sub(lambda m: hold(day_month(m)), text)
        text = YEAR_RE.sub(lambda m: hold(str(year)), text)
        text = NUMBER_RE.sub(number, text)
        return re.sub(r"\x00H(\d+)H\x00", lambda m: held[int(m.group(1))], text)

    def retelling(self, i, rng):
        """A near-duplicate of an earlier document under another agency's dateline."""
        j = i - 1 - rng.randrange(50)
        date, source, text = self.document(j)
        if rng.random() < 0.4:
            date += datetime.timedelta(days=1)
        others = [b for b in self.dated if b.source != source]
        other = rng.choice(others)
        text = HEADER_RE.sub("", text, count=1)
        m = DATELINE_RE.match(text)
        paragraphs = (text[m.end():] if m else text).strip().split("\n\n")
        if len(paragraphs) > 3 and rng.random() < 0.6:
            paragraphs.pop(rng.randrange(1, len(paragraphs) - 1))
        text = other.dateline(date.day, date.month) + "\n\n".join(paragraphs) + "\n"
        return date, other.source, text


def stamp_text(args, corpus_dir):
    digest = hashlib.sha256()
    for b in load(corpus_dir):
        digest.update(b.path.encode())
    with open(os.path.abspath(__file__), "rb") as f:
        digest.update(f.read())
    return f"count={args.count} seed={args.seed} generator={GENERATOR_VERSION} inputs={digest.hexdigest()[:16]}\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", "-n", type=int, default=20000, help="number of bulletins (default 20000)")
    parser.add_argument("--out", help="output directory (default .bench/corpus-COUNT in the repository)")
    parser.add_argument("--corpus", default=os.path.join(ROOT, "Corpora"), help="source bulletins (default Corpora/)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--force", action="store_true", help="rewrite even if a complete corpus is there")
    parser.add_argument("--quiet", "-q", action="store_true")
    args = parser.parse_args()

    out = args.out or os.path.join(ROOT, ".bench", f"corpus-{args.count}")
    stamp_path = os.path.join(out, ".bench-corpus")
    stamp = stamp_text(args, args.corpus)
    if not args.force and os.path.exists(stamp_path):
        with open(stamp_path) as f:
            if f.read() == stamp:
                if not args.quiet:
                    print(f"make-corpus: {out} is up to date ({args.count} bulletins)")
                return

    generator = Generator(load(args.corpus), args.seed)
    tmp = out.rstrip("/") + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    total = 0
    for i in range(args.count):
        date, source, text = generator.document(i)
        folder = os.path.join(tmp, str(date.year))
        os.makedirs(folder, exist_ok=True)
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(folder, f"{date.isoformat()}-{source}-{i:06d}.txt"), "wb") as f:
            f.write(data)
    with open(os.path.join(tmp, ".bench-corpus"), "w") as f:
        f.write(stamp)
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    if not args.quiet:
        print(f"make-corpus: wrote {args.count} bulletins, {total / 1e6:.1f} MB, to {out}")


if __name__ == "__main__":
    main()
