"""Template rendering with label recording.

A template is a string with {slot} placeholders. Every slot that names a
country, person, organisation, weapon, venue or year is resolved through
Ctx, which records what was written into the labels of the current
paragraph. That is how the evaluation labels are correct by construction:
a label exists if and only if the generator wrote the corresponding words.

Slots (X = role letter A/B/C/D or an ISO code such as IN):
  {X_case}            country name, any variant (short/long/alt/abbr)
  {X_short_case} {X_long_case} {X_alt_case} {X_ab_case} {X_ab}
  {X_loc}             "в Индии", "на Кубе", "во Вьетнаме"
  {X_adj_g_case}      adjective, g in m f n p, case or "acca"
  {X+Y_cadj_g_case}   compound adjective "российско-индийское"
  {X~получил}         past-tense agreement with the last form of X
  {X~получит/получат} number agreement with the last form of X
  {V_loc} {V_nom} {V_gen}   venue city (recorded as venue); V2 = other city
  {P1_case} smart person reference; P1_full_, P1_name_, P1_sur_, P1_pos_
  {O1_case} {@ROE_case} {@MOD-IN_case}  organisations
  {W} {W_full} {W_s_case} {W_p_case} {W_n_case} {W_noun_s_case}  weapons (W, W2)
  {EX_case} {EXn}     exhibition; {XN} exercise name
  {DT} {DR} {Y} {N} {SUM} {ORD_nom|gen|prep} {BODY_case} {BODYc_case}
  {BODYx_case} {DOC_case} {AREA} {AREA2} {TROOPS}
case is one of nom gen dat acc ins prep.
"""

import re

from morph import CI, adj_k, past, count_form
from countries import COUNTRIES, CITIES
from entities import (NOUNS, WEAPONS, PERSONS, ORGS, EXHIBITIONS, POSHEADS, RANKS,
                      MONTHS_GEN, BODIES, DOCS, LATIN_LOOKALIKE, mod_org)


class NoSlot(Exception):
    """The template needs something this story does not have."""


SLOT_RE = re.compile(r"\{([^{}]+)\}")
MARK_RE = re.compile(r"^\[([^\]]*)\]\s*")


def parse_markers(t):
    """'[E][+agreement] text' -> (set of markers, text)."""
    marks = set()
    while True:
        m = MARK_RE.match(t)
        if not m:
            return marks, t
        marks.add(m.group(1))
        t = t[m.end():]


class Labels:
    def __init__(self):
        self.countries = set()
        self.persons = []      # ordered, nominative full names
        self.weapons = []
        self.orgs = []
        self.venue = None
        self.types = []
        self.years = set()
        self.exhibitions = set()
        self.intro = False     # introduces a person in full

    def add(self, lst, v):
        if v not in lst:
            lst.append(v)

    def merge(self, other):
        self.countries |= other.countries
        for p in other.persons:
            self.add(self.persons, p)
        for w in other.weapons:
            self.add(self.weapons, w)
        for o in other.orgs:
            self.add(self.orgs, o)
        if other.venue and not self.venue:
            self.venue = other.venue
        for t in other.types:
            self.add(self.types, t)
        self.years |= other.years
        self.exhibitions |= other.exhibitions
        self.intro = self.intro or other.intro


class Options:
    """Knobs that differ between the demo corpus and the evaluation set."""

    def __init__(self, p_long=0.15, p_alt=0.12, p_ab=0.12, eval_mode=False):
        self.p_long = p_long
        self.p_alt = p_alt
        self.p_ab = p_ab
        self.eval_mode = eval_mode


class Ctx:
    def __init__(self, story, rng, opts, allow_year, weapon_style="plain"):
        self.s = story
        self.rng = rng
        self.opts = opts
        self.allow_year = allow_year
        self.weapon_style = weapon_style  # plain | latin | lookalike | qmark
        self.state = {"intro": set(), "gender": {}, "wseen": set(), "oseen": set(),
                      "once": set(), "areas": 0}
        self.cur = None

    # ------------------------------------------------------------ paragraphs
    def render(self, template, capitalize=True):
        """Render one template; returns (text, Labels) or None when the
        template needs a slot the story lacks."""
        marks, body = parse_markers(template)
        if "E" in marks and not self.opts.eval_mode:
            return None
        for m in marks:
            if m.startswith("s:") and m[2:] != self.s.source:
                return None
            if m.startswith("t:") and self.s.type not in m[2:].split(","):
                return None
            if m.startswith("k:") and getattr(self.s, "subtype", None) != m[2:]:
                return None
            if m.startswith("r:") and not all(x in self.s.roles for x in m[2:]):
                return None
            if m.startswith("b:") and self.s.roles.get("B") not in m[2:].split(","):
                return None
        saved = {k: (set(v) if isinstance(v, set) else dict(v) if isinstance(v, dict) else v)
                 for k, v in self.state.items()}
        self.cur = Labels()
        try:
            text = SLOT_RE.sub(lambda m: self.slot(m.group(1)), body)
        except NoSlot:
            self.state = saved
            self.cur = None
            return None
        for m in marks:
            if m.startswith("+"):
                self.cur.add(self.cur.types, m[1:])
        lab = self.cur
        self.cur = None
        return (capitalize_sentences(text) if capitalize else text), lab

    def sub(self, template):
        """Render a nested template (person tails, org tails) into the current labels."""
        return SLOT_RE.sub(lambda m: self.slot(m.group(1)), template)

    # ------------------------------------------------------------ slots
    def slot(self, name):
        s = self.s
        if "~" in name:
            role, verb = name.split("~", 1)
            if role in ("P1", "P2", "P3", "P4", "X1"):
                pid = s.persons.get(role)
                if not pid:
                    raise NoSlot(name)
                g = PERSONS[pid].gender
            elif role == "EX":
                if not s.exhibition:
                    raise NoSlot(name)
                g = EXHIBITIONS[s.exhibition].gender
            else:
                g = self.state["gender"].get(role)
            if g is None:
                raise NoSlot(name)
            if "|" in verb:
                return verb.split("|")["mfnp".index(g)]
            if "/" in verb:
                sg, pl = verb.split("/")
                return pl if g == "p" else sg
            return past(verb, g)
        parts = name.split("_")
        head = parts[0]
        if head.startswith("@"):
            return self.org(head[1:], parts[1])
        if "+" in head:
            x, y = head.split("+")
            return self.cadj(x, y, parts[2], parts[3])
        if head in ("A", "B", "C", "D") or (len(head) == 2 and head in COUNTRIES):
            return self.country(head, parts[1:])
        if head in ("V", "V2"):
            key = s.venue if head == "V" else s.city2
            if not key:
                raise NoSlot(name)
            c = CITIES[key]
            if head == "V":
                self.cur.venue = c.iso
            return {"loc": c.loc, "nom": c.nom, "gen": c.gen}[parts[1]]
        if head in ("P1", "P2", "P3", "P4", "X1"):
            return self.person(head, parts[1:])
        if head in ("O1", "O2", "O3"):
            key = s.orgs.get(head)
            if not key:
                raise NoSlot(name)
            return self.org(key, parts[1])
        if head in ("W", "W2"):
            return self.weapon(head, parts[1:])
        if head == "EX":
            return self.exhibition(parts[1])
        if head == "EXn":
            return self.exhibition(None)
        if head == "XN":
            if not s.exercise:
                raise NoSlot(name)
            if self.allow_year and self.rng.random() < 0.5:
                self.cur.years.add(s.year)
                return "«%s-%d»" % (s.exercise, s.year)
            return "«%s»" % s.exercise
        if head == "DT":
            if not s.event_day:
                raise NoSlot(name)
            return "%d %s" % (s.event_day, MONTHS_GEN[s.event_month - 1])
        if head == "DR":
            if not s.event_day:
                raise NoSlot(name)
            if s.event_day2:
                return "%d-%d %s" % (s.event_day, s.event_day2, MONTHS_GEN[s.event_month - 1])
            return "%d %s" % (s.event_day, MONTHS_GEN[s.event_month - 1])
        if head == "Y":
            if not self.allow_year:
                raise NoSlot(name)
            self.cur.years.add(s.year)
            return str(s.year)
        if head == "N":
            if not s.count:
                raise NoSlot(name)
            return str(s.count)
        if head == "SUM":
            if not s.sum or "SUM" in self.state["once"]:
                raise NoSlot(name)
            self.state["once"].add("SUM")
            return s.sum
        if head == "TROOPS":
            if not s.troops:
                raise NoSlot(name)
            return str(s.troops)
        if head == "ORD":
            if not s.ordinal:
                raise NoSlot(name)
            return "%d-%s" % (s.ordinal, {"nom": "е", "gen": "го", "prep": "м", "dat": "му", "ins": "м"}[parts[1]])
        if head in ("BODY", "BODYc", "BODYx"):
            if s.body is None:
                raise NoSlot(name)
            g, f = BODIES[s.body]
            case = parts[1]
            if head == "BODY":
                return f[CI[case]]
            if head == "BODYc":
                return self.cadj("B", "A", g, case) + " " + f[CI[case]]
            return f[CI[case]] + " между " + self.country("B", ["ins"]) + " и " + self.country("A", ["ins"])
        if head == "DOC":
            if s.doc is None:
                raise NoSlot(name)
            return DOCS[s.doc][CI[parts[1]]]
        if head in ("AREA", "AREA2"):
            i = self.state["areas"]
            if i >= len(s.areas):
                raise NoSlot(name)
            self.state["areas"] = i + 1
            return s.areas[i]
        raise ValueError("unknown slot " + name)

    # ------------------------------------------------------------ countries
    def iso_of(self, role):
        if len(role) == 2:
            return role
        iso = self.s.roles.get(role)
        if not iso:
            raise NoSlot(role)
        return iso

    def country(self, role, spec):
        iso = self.iso_of(role)
        c = COUNTRIES[iso]
        variant = spec[0] if spec[0] in ("short", "long", "alt", "ab", "loc", "adj", "any") else "any"
        if variant == "adj":
            if not c.adj:
                raise NoSlot("adj " + iso)
            self.cur.countries.add(iso)
            return adj_k(c.adj, spec[1], spec[2])
        if variant == "loc":
            f, g, kind = self.pick_form(c, "any_loc")
            self.cur.countries.add(iso)
            self.state["gender"][role] = g
            prep = c.loc if kind in ("short",) else "в"
            return prep + " " + f[5]
        if variant == "ab" and len(spec) == 1:
            case = "nom"
        else:
            case = spec[-1]
        f, g, kind = self.pick_form(c, variant)
        self.cur.countries.add(iso)
        self.state["gender"][role] = g
        return f[CI[case]]

    def pick_form(self, c, variant):
        """Returns (six forms, gender, kind)."""
        o = self.opts
        if variant == "short":
            return c.short, c.short_g, "short"
        if variant == "long":
            if c.long:
                return c.long, c.long_g, "long"
            return c.short, c.short_g, "short"
        if variant == "alt":
            if c.alt:
                f, g = c.alt[self.rng.randrange(len(c.alt))]
                return f, g, "alt"
            return c.short, c.short_g, "short"
        if variant == "ab":
            if c.ab:
                return [c.ab] * 6, c.ab_g, "ab"
            return c.short, c.short_g, "short"
        r = self.rng.random()
        if c.ab and r < o.p_ab:
            return [c.ab] * 6, c.ab_g, "ab"
        r = self.rng.random()
        if c.long and r < o.p_long and variant != "any_loc":
            return c.long, c.long_g, "long"
        r = self.rng.random()
        if c.alt and r < o.p_alt:
            f, g = c.alt[self.rng.randrange(len(c.alt))]
            return f, g, "alt"
        return c.short, c.short_g, "short"

    def cadj(self, x, y, g, case):
        cx = COUNTRIES[self.iso_of(x)]
        cy = COUNTRIES[self.iso_of(y)]
        if not cx.cstem or not cy.adj:
            raise NoSlot("cadj")
        self.cur.countries.add(cx.iso)
        self.cur.countries.add(cy.iso)
        return cx.cstem + "-" + adj_k(cy.adj, g, case)

    # ------------------------------------------------------------ people
    def person(self, role, spec):
        pid = self.s.persons.get(role)
        if not pid:
            raise NoSlot(role)
        p = PERSONS[pid]
        mode = spec[0] if len(spec) == 2 else "ref"
        case = CI[spec[-1]]
        if mode == "ref":
            if pid in self.state["intro"]:
                mode = "name" if self.rng.random() < 0.35 else "sur"
            else:
                mode = "full"
        if mode == "sur":
            return p.sur[case]
        if mode == "pos":
            return self.position(p, case)
        self.state["intro"].add(pid)
        self.cur.add(self.cur.persons, p.name[0])
        self.cur.intro = True
        if mode == "name":
            return p.name[case]
        return self.position(p, case) + " " + p.name[case]

    def position(self, p, case):
        out = POSHEADS[p.head][case]
        if p.tail:
            out += " " + self.sub(p.tail)
        if p.rank:
            out += " " + RANKS[p.rank][case]
        return out

    # ------------------------------------------------------------ organisations
    def org(self, key, case):
        if key.startswith("MOD-"):
            o = mod_org(self.iso_of(key[4:]))
        else:
            o = ORGS[key]
        if key in self.state["oseen"] or len(o.variants) == 1:
            v = o.variants[self.rng.randrange(len(o.variants))]
        else:
            v = o.variants[0] if self.rng.random() < 0.6 else o.variants[self.rng.randrange(len(o.variants))]
        self.state["oseen"].add(key)
        head, tail, cc = v
        out = head[CI[case]] + self.sub(tail)
        for iso in cc:
            self.cur.countries.add(iso)
        self.cur.add(self.cur.orgs, o.label)
        return out

    # ------------------------------------------------------------ weapons
    def weapon(self, role, spec):
        canon = self.s.weapons.get(role)
        if not canon:
            raise NoSlot(role)
        w = WEAPONS[canon]
        self.cur.add(self.cur.weapons, canon)
        mode = spec[0] if spec else "d"
        if w.nick:
            disp = canon
        elif "«" in w.full:
            disp = w.full[w.full.index("«"):]
        else:
            disp = canon
        if mode == "d":
            out = disp
        elif mode == "full":
            out = w.full if role not in self.state["wseen"] else disp
        elif mode in ("s", "p"):
            sg, pl, _ = NOUNS[w.cls]
            out = (sg if mode == "s" else pl)[CI[spec[1]]] + " " + disp
        elif mode == "n":
            n = self.s.count
            if not n:
                raise NoSlot("count")
            sg, pl, _ = NOUNS[w.noun]
            case = spec[1]
            if n >= 1000:
                out = "%d тыс. %s %s" % (n // 1000, pl[1], disp)
            else:
                nf = count_form(n, sg[0], sg[1], pl[1], "gen" if case == "gen" else "nom")
                out = "%d %s %s" % (n, nf, disp)
        elif mode == "noun":
            sg, pl, _ = NOUNS[w.cls]
            return (sg if spec[1] == "s" else pl)[CI[spec[2]]]
        else:
            raise ValueError(mode)
        self.state["wseen"].add(role)
        return self.style_designation(out, canon, w)

    def style_designation(self, text, canon, w):
        st = self.weapon_style
        if st == "plain" or canon not in text:
            return text
        if st == "latin" and w.latin:
            return text.replace(canon, w.latin, 1)
        if st == "lookalike":
            for i, ch in enumerate(canon):
                if ch in LATIN_LOOKALIKE:
                    return text.replace(canon, canon[:i] + LATIN_LOOKALIKE[ch] + canon[i + 1:], 1)
        if st == "qmark" and "-" in canon:
            return text.replace(canon, canon.replace("-", "?", 1), 1)
        return text

    # ------------------------------------------------------------ events
    def exhibition(self, case):
        key = self.s.exhibition
        if not key:
            raise NoSlot("EX")
        e = EXHIBITIONS[key]
        self.cur.exhibitions.add(key)
        if self.s.type != "exhibition":
            self.cur.add(self.cur.types, "exhibition")
        if self.allow_year and self.rng.random() < 0.6:
            name = e.yfmt.format(y=self.s.year)
            self.cur.years.add(self.s.year)
        else:
            name = e.name
        if case is None:
            return name
        return e.descr[CI[case]] + " " + name


def capitalize_sentences(text):
    def up(m):
        return m.group(1) + m.group(2).upper()
    text = re.sub(r"(^|(?<!тыс)[.!?] )([а-яёa-z])", up, text)
    return text
