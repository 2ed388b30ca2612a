#!/usr/bin/env python3
"""Generate the synthetic demo corpus (Corpora/) and the labelled evaluation
set (eval/) for the bulletin search engine.

    python3 tools/gencorpus/gencorpus.py            # regenerate both
    python3 tools/gencorpus/gencorpus.py --check    # regenerate into a temp dir and compare

Standard library only; fixed seeds; output is byte-identical on every run.
All text comes from this project's own templates and word tables.
"""

import argparse
import datetime
import filecmp
import json
import os
import random
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))

from countries import COUNTRIES, CITIES  # noqa: E402
from entities import MONTHS_GEN, WEAPONS, LATIN_LOOKALIKE  # noqa: E402
from render import Ctx, Labels, Options  # noqa: E402
from stories import (SOURCES, SOURCE_SLUG, make_story, assign_dates, EXHIBITIONS)  # noqa: E402
from templates import T, SHARED, REWORD  # noqa: E402
import queries as Qmod  # noqa: E402

DEMO_SEED = 20190101
EVAL_SEED = 77031
YEARS = list(range(2019, 2026))
DEMO_PER_YEAR = 54
DEMO_DUPS = 6
DEMO_NOCOUNTRY = 5
EVAL_TOTAL = 246
EVAL_DUPS = 6
EVAL_NOCOUNTRY = 8
MIN_BYTES, MAX_BYTES = 1100, 3950
# a few fixed stories so that every continent (Oceania too) is present
DEMO_EXTRA = {2020: {"type": "contract", "B": "KR", "A": "AU", "W": "K9 Thunder"},
              2023: {"type": "exercise", "B": "US", "A": "AU"},
              2024: {"type": "delivery", "B": "KR", "A": "AU", "W": "K9 Thunder"}}
EVAL_EXTRA = [{"type": "exercise", "B": "US", "A": "AU"},
              {"type": "contract", "B": "US", "A": "AU", "W": "F-16V"}]
YEAR_RE = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


class Doc:
    def __init__(self):
        self.story = None
        self.ctx = None
        self.paras = []          # list of (kind, text, Labels)
        self.source = None
        self.pub = None
        self.header = None       # None | "inline" | "newline"
        self.header_date = None
        self.dup_of = None
        self.path = None
        self.order = 0

    # ------------------------------------------------------------------
    def labels(self):
        lab = Labels()
        for _, _, l in self.paras:
            lab.merge(l)
        return lab

    def date(self):
        return self.header_date if self.header else self.pub

    def dateline(self, rng_city):
        d = "%d %s" % (self.pub.day, MONTHS_GEN[self.pub.month - 1])
        src = self.source
        if src == "ЦАМТО":
            return "ЦАМТО, %s. " % d
        if src == "ТАСС":
            return "%s, %s. /ТАСС/. " % (rng_city, d)
        if src == "РИА Новости":
            return "РИА Новости, %s. " % d
        if src == "Интерфакс-АВН":
            return "Интерфакс-АВН, %s. " % d
        if src == "БЕЛТА":
            return "Минск, %s. /БЕЛТА/. " % d
        raise ValueError(src)

    def text(self):
        body = [self.dl + self.paras[0][1]] + [p[1] for p in self.paras[1:]]
        out = "\n\n".join(body) + "\n"
        if self.header:
            sep = " " if self.header == "inline" else "\n"
            out = " date %s%s%s" % (self.header_date.isoformat(), sep, out)
        return out

    def date_source(self):
        if self.header:
            return "header"
        return "dateline+text" if self.labels().years else "dateline+path"


# ---------------------------------------------------------------------- rendering
def take(ctx, rng, pool, used, capitalize=True):
    cands = [t for t in pool if t not in used]
    rng.shuffle(cands)
    for t in cands:
        r = ctx.render(t, capitalize)
        if r:
            used.add(t)
            return r
    return None


def bullets(ctx, rng, pools, used):
    intro = take(ctx, rng, pools["bullets_intro"], used)
    if not intro:
        return None
    items = []
    cands = list(pools["bullets"])
    rng.shuffle(cands)
    for t in cands:
        r = ctx.render(t, False)
        if r:
            items.append(r)
        if len(items) >= rng.choice([3, 4, 4, 5]):
            break
    if len(items) < 3:
        return None
    lab = Labels()
    lab.merge(intro[1])
    lines = [intro[0]]
    for i, (txt, l) in enumerate(items):
        lab.merge(l)
        lines.append("- " + txt + ("." if i == len(items) - 1 else ";"))
    return "\n\n".join(lines), lab


def plan_paragraphs(doc, rng, opts, need_year):
    s = doc.story
    ctx = doc.ctx
    pools = T[s.type]
    used = set()
    paras = []

    def add(kind, pool, where=None):
        r = take(ctx, rng, pool, used)
        if r:
            if where is None:
                paras.append((kind, r[0], r[1]))
            else:
                paras.insert(where, (kind, r[0], r[1]))
            return True
        return False

    if not add("lead", pools["lead"]):
        return None
    for _ in range(rng.choice([1, 2, 2, 3, 3, 4])):
        add("detail", pools["detail"])
    if "bullets" in pools and rng.random() < 0.3:
        b = bullets(ctx, rng, pools, used)
        if b:
            paras.append(("bullets", b[0], b[1]))
    for _ in range(rng.choice([0, 1, 1, 2])):
        add("result", pools["result"])
    if rng.random() < 0.5 and s.type != "other":
        add("background", SHARED["background"])
    if rng.random() < (0.3 if opts.eval_mode else 0.15):
        add("expert", SHARED["expert"])
    if rng.random() < 0.4 and s.type != "other":
        add("outlook", SHARED["outlook"])
    if rng.random() < 0.55:
        add("close", SHARED["close"])
    doc.paras = paras
    # year sentence before the closing attribution
    if need_year and not doc.labels().years:
        where = len(paras) - 1 if paras[-1][0] == "close" else len(paras)
        if not add("year", SHARED["year"], where):
            return None
    # size control
    fill = [("detail", pools["detail"]), ("background", SHARED["background"]),
            ("result", pools["result"]), ("outlook", SHARED["outlook"])]
    if s.type == "other":
        fill = [("detail", pools["detail"]), ("result", pools["result"]), ("expert", SHARED["expert"])]
    guard = 0
    while len(doc.text().encode("utf-8")) < MIN_BYTES and guard < 12:
        kind, pool = fill[0] if guard < 3 else fill[guard % len(fill)]
        guard += 1
        if kind == "detail":
            where = max(i for i, p in enumerate(paras) if p[0] in ("lead", "detail")) + 1
        else:
            where = len(paras) - 1 if paras[-1][0] == "close" else len(paras)
        add(kind, pool, where)
    while len(doc.text().encode("utf-8")) > MAX_BYTES and len(paras) > 2:
        # drop the last paragraph that does not carry the year or introduce someone
        for i in range(len(paras) - 1, 0, -1):
            k, _, l = paras[i]
            if (need_year and l.years) or l.intro:
                continue
            del paras[i]
            break
        else:
            return None
    doc.paras = paras = merge_paragraphs(paras, rng)
    return paras


MERGEABLE = {"detail", "result", "background", "outlook", "expert", "year"}


def merge_paragraphs(paras, rng):
    """Join some neighbouring one-sentence paragraphs into longer ones."""
    out = [paras[0]]
    for k, t, l in paras[1:]:
        pk, pt, pl = out[-1]
        ok = k in MERGEABLE and len(pt) + len(t) < 650 and (
            pk in MERGEABLE or (pk == "lead" and len(out) == 1 and rng.random() < 0.35))
        if ok and rng.random() < 0.55:
            lab = Labels()
            lab.merge(pl)
            lab.merge(l)
            out[-1] = (pk, pt + " " + t, lab)
        else:
            out.append((k, t, l))
    return out


def doc_info(doc):
    s = doc.story
    lab = doc.labels()
    core = [s.weapons["W"]] if "W" in s.weapons else []
    if s.type == "exhibition" and "W2" in s.weapons:
        core.append(s.weapons["W2"])
    core = [w for w in core if w in lab.weapons]
    types = [s.type] + sorted(t for t in set(lab.types) if t != s.type)
    return {"type": s.type, "types": types, "actors": set(s.actors),
            "countries": lab.countries, "weapons": set(lab.weapons), "core_weapons": set(core),
            "exhibitions": lab.exhibitions,
            "exhibition": s.exhibition if s.exhibition in lab.exhibitions else None,
            "orgs": set(lab.orgs), "year": s.year}


def valid(doc, need_year, allow_year, must):
    s = doc.story
    lab = doc.labels()
    if not set(s.actors) <= lab.countries:
        return False
    if getattr(s, "no_country", False) and lab.countries:
        return False
    if s.type in ("contract", "delivery", "test", "production", "exhibition") and s.weapons.get("W") not in lab.weapons:
        return False
    if s.type == "exhibition" and s.exhibition not in lab.exhibitions:
        return False
    if need_year and s.year not in lab.years:
        return False
    if not allow_year and lab.years:
        return False
    text = doc.text()
    years = {int(m.group(0)) for m in YEAR_RE.finditer(text)}
    if years - {s.year} - ({doc.header_date.year} if doc.header else set()):
        return False
    if not years and not doc.header and doc.date_source() != "dateline+path":
        return False
    n = len(text.encode("utf-8"))
    if n < 1024 or n > 4096:
        return False
    if must and not must(doc_info(doc)):
        return False
    return True


def pick_source(rng, s):
    r = rng.random()
    if "BY" in s.actors and r < 0.25:
        return "БЕЛТА"
    r = rng.random()
    for src, w in (("ЦАМТО", 0.62), ("ТАСС", 0.13), ("РИА Новости", 0.13), ("Интерфакс-АВН", 0.12)):
        if r < w:
            return src
        r -= w
    return "ЦАМТО"


def tass_city(rng, s):
    if s.venue and rng.random() < 0.3:
        return CITIES[s.venue].nom
    return "Москва"


def build_doc(seed, year, opts, spec=None, header_p=0.25, text_year_p=0.5, weapon_style="plain",
              must=None, forced_source=None):
    """Make one bulletin; retries with derived seeds until it validates."""
    for attempt in range(80):
        rng = random.Random("%s/%d" % (seed, attempt))
        s = make_story(rng, year, spec)
        assign_dates(rng, s)
        doc = Doc()
        doc.story = s
        doc.source = forced_source or pick_source(rng, s)
        s.source = doc.source
        doc.pub = s.pub
        hr = rng.random()
        if hr < header_p:
            doc.header = "inline" if rng.random() < 0.5 else "newline"
            nxt = s.pub + datetime.timedelta(days=1)
            doc.header_date = nxt if (rng.random() < 0.35 and nxt.year == s.pub.year) else s.pub
            allow_year, need_year = rng.random() < 0.5, False
        else:
            need_year = rng.random() < text_year_p
            allow_year = need_year
        doc.allow_year, doc.need_year = allow_year, need_year
        doc.dl = doc.dateline(tass_city(rng, s))
        doc.ctx = Ctx(s, rng, opts, allow_year, weapon_style)
        doc.rng = rng
        if plan_paragraphs(doc, rng, opts, need_year) is None:
            continue
        if valid(doc, need_year, allow_year, must):
            return doc
    raise RuntimeError("could not build a valid bulletin for %s %r" % (seed, spec))


def reword(text, rng):
    for a, b in REWORD:
        if a in text and rng.random() < 0.7:
            text = text.replace(a, b)
    return text


def make_duplicate(orig, seed, opts):
    """The same story retold by another agency, same date or one day later."""
    for attempt in range(40):
        rng = random.Random("%s/dup/%d" % (seed, attempt))
        d = Doc()
        s = orig.story
        d.story = s
        d.ctx = orig.ctx
        d.source = rng.choice([x for x in SOURCES if x != orig.source and (x != "БЕЛТА" or "BY" in s.actors)])
        nxt = orig.pub + datetime.timedelta(days=rng.choice([0, 1]))
        d.pub = nxt if nxt.year == orig.pub.year else orig.pub
        d.dup_of = orig
        if rng.random() < 0.3:
            d.header = "inline" if rng.random() < 0.5 else "newline"
            d.header_date = d.pub
        saved_src = s.source
        s.source = d.source
        d.dl = d.dateline(tass_city(rng, s))
        paras = [(k, reword(t, rng), l) for k, t, l in orig.paras if k != "close"]
        droppable = [i for i, (k, t, l) in enumerate(paras)
                     if i > 0 and k in ("detail", "background", "outlook", "expert", "result")
                     and not l.intro and not l.years]
        if len(paras) >= 4 and droppable:
            i = rng.choice(droppable)
            if sum(len(p[1].encode("utf-8")) for p in paras) - len(paras[i][1].encode("utf-8")) > 1300:
                del paras[i]
        if rng.random() < 0.6:
            r = take(orig.ctx, rng, SHARED["close"], set())
            if r:
                paras.append(("close", r[0], r[1]))
        s.source = saved_src
        d.paras = paras
        n = len(d.text().encode("utf-8"))
        lab_o, lab_d = orig.labels(), d.labels()
        if 1024 <= n <= 4096 and set(s.actors) <= lab_d.countries and \
                (s.year in lab_d.years or not lab_o.years or d.header or True):
            return d
    raise RuntimeError("duplicate failed")


# ---------------------------------------------------------------------- corpora
def assign_paths(docs):
    docs.sort(key=lambda d: (d.date(), d.order))
    for i, d in enumerate(docs, 1):
        dt = d.date()
        d.path = "%d/%s-%s-%04d.txt" % (dt.year, dt.isoformat(), SOURCE_SLUG[d.source], i)


def write_docs(docs, base):
    for d in docs:
        p = os.path.join(base, d.path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8", newline="\n") as f:
            f.write(d.text())


def gen_demo(out):
    opts = Options(p_long=0.12, p_alt=0.10, p_ab=0.10, eval_mode=False)
    rng = random.Random(DEMO_SEED)
    docs = []
    order = 0
    for y in YEARS:
        for i in range(DEMO_PER_YEAR):
            order += 1
            docs.append((y, i))
    nocountry = set(rng.sample(range(len(docs)), DEMO_NOCOUNTRY))
    out_docs = []
    for idx, (y, i) in enumerate(docs):
        spec = {"no_country": True} if idx in nocountry else None
        if i == 7 and y in DEMO_EXTRA:
            spec = DEMO_EXTRA[y]
        d = build_doc("demo/%d/%d/%d" % (DEMO_SEED, y, i), y, opts, spec)
        d.order = idx
        out_docs.append(d)
    # near-duplicates replace some of the generated bulletins to keep the count
    cands = [k for k, d in enumerate(out_docs) if k not in nocountry
             and len(d.text().encode("utf-8")) > 1600]
    picks = rng.sample(cands, DEMO_DUPS * 2)
    for j in range(DEMO_DUPS):
        o, r = picks[2 * j], picks[2 * j + 1]
        orig = out_docs[o]
        dup = make_duplicate(orig, "demo/%d/dup/%d" % (DEMO_SEED, j), opts)
        dup.order = out_docs[r].order
        out_docs[r] = dup
    assign_paths(out_docs)
    write_docs(out_docs, out)
    return out_docs


def gen_eval(out):
    opts = Options(p_long=0.22, p_alt=0.2, p_ab=0.18, eval_mode=True)
    rng = random.Random(EVAL_SEED)
    docs = []
    order = 0
    plant_of = {}
    # planted stories for the queries
    for qi, q in enumerate(Qmod.QUERIES):
        for pi, spec in enumerate(q["plants"]):
            spec = dict(spec)
            if spec.get("type") == "exhibition" and "year" not in spec:
                spec["year"] = rng.choice(sorted(EXHIBITIONS[spec["exhibition"]].schedule))
            year = spec.pop("year", None) or rng.choice(YEARS)
            facets = q["facets"]
            d = build_doc("eval/%d/q%d/%d" % (EVAL_SEED, qi, pi), year, opts, spec,
                          header_p=0.3, text_year_p=0.4,
                          must=lambda info, f=facets: Qmod.grade(f, info) == 2)
            order += 1
            d.order = order
            docs.append(d)
            plant_of[id(d)] = qi
    # filler with hard cases
    n_fill = EVAL_TOTAL - len(docs) - EVAL_DUPS
    styles = ["lookalike"] * 5 + ["qmark"] * 4 + ["latin"] * 4
    for i in range(n_fill):
        y = YEARS[i % len(YEARS)]
        spec = {"no_country": True} if i % 17 == 5 and i // 17 < EVAL_NOCOUNTRY else None
        style = "plain"
        must = None
        if spec is None and i % 9 == 3 and styles:
            style = styles.pop(0)
            if style == "latin":
                pool = sorted(w for w in WEAPONS if WEAPONS[w].latin)
            elif style == "lookalike":
                pool = sorted(w for w in WEAPONS if w[0] in LATIN_LOOKALIKE)
            else:
                pool = sorted(w for w in WEAPONS if "-" in w and re.match("[А-Я]", w))
            spec = {"W": rng.choice(pool), "type": rng.choice(["delivery", "contract", "test"])}
            must = (lambda info: bool(info["core_weapons"]))
        if i in (20, 60):
            spec = EVAL_EXTRA[0 if i == 20 else 1]
        d = build_doc("eval/%d/fill/%d" % (EVAL_SEED, i), y, opts, spec, header_p=0.3,
                      text_year_p=0.4, weapon_style=style, must=must)
        d.style = style
        order += 1
        d.order = order
        docs.append(d)
    assert not styles, styles
    # near-duplicate pairs
    cands = [d for d in docs if d.story.actors and id(d) not in plant_of
             and len(d.text().encode("utf-8")) > 1600]
    for j, orig in enumerate(rng.sample(cands, EVAL_DUPS)):
        dup = make_duplicate(orig, "eval/%d/dup/%d" % (EVAL_SEED, j), opts)
        order += 1
        dup.order = order
        docs.append(dup)
    assign_paths(docs)
    base = os.path.join(out, "corpus")
    write_docs(docs, base)
    # truth
    with open(os.path.join(base, "truth.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for d in docs:
            f.write(json.dumps(truth_row(d), ensure_ascii=False) + "\n")
    # queries
    infos = [(d.path, doc_info(d)) for d in docs]
    with open(os.path.join(out, "queries.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for qi, q in enumerate(Qmod.QUERIES, 1):
            rel = {}
            for path, info in infos:
                g = Qmod.grade(q["facets"], info)
                if g:
                    rel[path] = g
            n2 = sum(1 for g in rel.values() if g == 2)
            if len(rel) < 2 or n2 < 1:
                raise RuntimeError("query %r has too few relevant docs: %r" % (q["query"], rel))
            row = {"id": "q%02d" % qi, "query": q["query"], "relevant": dict(sorted(rel.items()))}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return docs


def truth_row(d):
    lab = d.labels()
    s = d.story
    types = [s.type] + sorted(t for t in set(lab.types) if t != s.type)
    return {
        "path": d.path,
        "date": d.date().isoformat(),
        "date_source": d.date_source(),
        "source": d.source,
        "countries": sorted(lab.countries),
        "venue": lab.venue,
        "types": types,
        "persons": sorted(lab.persons),
        "weapons": sorted(lab.weapons),
        "organisations": sorted(lab.orgs),
        "duplicate_of": d.dup_of.path if d.dup_of else None,
    }


def clean(dirpath, keep=("README.md",)):
    if not os.path.isdir(dirpath):
        return
    for name in sorted(os.listdir(dirpath)):
        if name in keep:
            continue
        p = os.path.join(dirpath, name)
        if os.path.isdir(p):
            shutil.rmtree(p)
        else:
            os.remove(p)


def generate(root):
    corp = os.path.join(root, "Corpora")
    ev = os.path.join(root, "eval")
    os.makedirs(corp, exist_ok=True)
    os.makedirs(ev, exist_ok=True)
    clean(corp)
    clean(ev)
    demo = gen_demo(corp)
    with open(os.path.join(corp, "DUPLICATES.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# near-duplicate pairs: retelling <TAB> original\n")
        for d in sorted((d for d in demo if d.dup_of), key=lambda d: d.path):
            f.write("%s\t%s\n" % (d.path, d.dup_of.path))
    evd = gen_eval(ev)
    return demo, evd


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=ROOT, help="repository root (default: this checkout)")
    ap.add_argument("--check", action="store_true",
                    help="generate into a temporary directory and compare with the checked-in files")
    a = ap.parse_args()
    if a.check:
        tmp = tempfile.mkdtemp()
        try:
            generate(tmp)
            bad = compare_trees(tmp, a.root)
            if bad:
                print("differs: %d files, e.g. %s" % (len(bad), bad[:5]))
                return 1
            print("Corpora/ and eval/ match the generator")
            return 0
        finally:
            shutil.rmtree(tmp)
    demo, evd = generate(a.root)
    print("Corpora: %d bulletins; eval/corpus: %d bulletins; %d queries" %
          (len(demo), len(evd), len(Qmod.QUERIES)))
    for name, docs in (("Corpora", demo), ("eval", evd)):
        print("  %s: %s" % (name, summary(docs)))
    return 0


def summary(docs):
    """A one-line description of a generated set, checked against the brief."""
    from collections import Counter
    per_year = Counter(d.date().year for d in docs)
    countries = set()
    conts = set()
    for d in docs:
        for iso in d.labels().countries:
            countries.add(iso)
            conts.add(COUNTRIES[iso].cont)
    sizes = [len(d.text().encode("utf-8")) for d in docs]
    hdr = sum(1 for d in docs if d.header)
    assert len(countries) >= 45 and len(conts) >= 5, (len(countries), conts)
    assert 1024 <= min(sizes) and max(sizes) <= 4096
    return ("per year %s; %d countries on %d continents; %d with crawl header; "
            "%d near-duplicates; %d naming no country; sizes %d-%d bytes; types %s" % (
                dict(sorted(per_year.items())), len(countries), len(conts), hdr,
                sum(1 for d in docs if d.dup_of), sum(1 for d in docs if not d.labels().countries),
                min(sizes), max(sizes),
                dict(sorted(Counter(d.story.type for d in docs).items()))))


def compare_trees(a, b):
    bad = []
    for sub in ("Corpora", "eval"):
        for dirpath, _, files in os.walk(os.path.join(a, sub)):
            for fn in files:
                pa = os.path.join(dirpath, fn)
                rel = os.path.relpath(pa, a)
                pb = os.path.join(b, rel)
                if not os.path.exists(pb) or not filecmp.cmp(pa, pb, shallow=False):
                    bad.append(rel)
        for dirpath, _, files in os.walk(os.path.join(b, sub)):
            for fn in files:
                rel = os.path.relpath(os.path.join(dirpath, fn), b)
                if fn != "README.md" and not os.path.exists(os.path.join(a, rel)):
                    bad.append(rel)
    return sorted(bad)


if __name__ == "__main__":
    sys.exit(main())
