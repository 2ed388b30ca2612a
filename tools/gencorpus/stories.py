"""Structured stories: what a bulletin is about, before any wording.

A Story holds the event type, the countries in their roles, the people,
organisations, weapons, venue, dates and numbers. The renderer turns it into
text; the evaluation labels and query relevance are computed from the story
and from what the renderer recorded, never from string matching.
"""

import datetime

from countries import COUNTRIES, CAPITAL, CITIES_OF
from entities import (WEAPONS, PERSONS_OF, EXPERTS, MAKERS, EXPORTER, EXHIBITIONS,
                      EXERCISE_NAMES, BODIES, DOCS, AREAS)

TYPES = ["meeting", "agreement", "contract", "delivery", "exhibition", "exercise",
         "visit", "test", "production", "statement", "other"]
TYPE_WEIGHTS = [14, 8, 14, 15, 11, 9, 8, 6, 5, 6, 6]

SOURCES = ["ЦАМТО", "ТАСС", "РИА Новости", "Интерфакс-АВН", "БЕЛТА"]
SOURCE_SLUG = {"ЦАМТО": "ctamto", "ТАСС": "tass", "РИА Новости": "ria",
               "Интерфакс-АВН": "interfax", "БЕЛТА": "belta"}

# Partners of each supplier side (who buys from / cooperates with whom).
PARTNERS = {
    "RU": ["IN", "CN", "VN", "EG", "DZ", "VE", "CU", "MM", "LA", "ID", "MY", "IR", "TR", "AE",
           "SA", "RS", "KZ", "UZ", "KG", "TJ", "AM", "MN", "ML", "BF", "NE", "CF", "AO", "UG",
           "NG", "ET", "SD", "BR", "AR", "NI", "BO", "PE", "PK", "BD", "LK", "TH", "PH", "IQ",
           "SY", "JO", "QA", "OM", "KH", "MZ", "TZ", "KE", "SN", "CI", "TG", "GN", "GW", "GQ",
           "CD", "CG", "ZA", "MA", "LY", "TD", "CL", "CO", "EC", "UY", "MX", "BY"],
    "BY": ["CN", "VE", "CU", "VN", "MM", "RS", "KZ", "UZ", "EG", "DZ", "AE", "NG", "ZA", "SD",
           "KG", "TJ", "AM", "ID", "PK", "OM", "NI", "BO", "RU"],
    "CN": ["PK", "TH", "MM", "BD", "DZ", "NG", "EG", "SA", "AE", "KH", "LA", "RS", "VE", "BO",
           "AR", "ID", "IR", "KE", "TZ", "ET", "ZA"],
    "TR": ["AZ", "QA", "PK", "ID", "MY", "NG", "ML", "BF", "NE", "TD", "AE", "SA", "KE", "PL",
           "UZ", "KZ"],
    "FR": ["IN", "EG", "AE", "QA", "ID", "BR", "MA", "GE"],
    "US": ["PL", "TH", "PH", "SA", "AE", "QA", "JP", "KR", "MA", "JO", "AU", "CO", "IN"],
    "KR": ["PL", "AU", "EG", "IN", "PH", "ID", "TR"],
    "IN": ["PH", "VN", "ID", "AM", "MY"],
}
OWN_WEIGHTS = [("RU", 60), ("BY", 18), ("CN", 7), ("TR", 5), ("FR", 3), ("US", 3), ("KR", 2), ("IN", 2)]

GOV = {"RU": ["ru_fsvts", "ru_fsvts2", "ru_fsvts3", "ru_mod"],
       "BY": ["by_gkvp", "by_gkvp1", "by_gkvp2", "by_mod"]}
IND = {"RU": ["ru_roe", "ru_roe2", "ru_rostec", "ru_hr", "ru_uvz", "ru_kalash", "ru_almaz"],
       "BY": ["by_gkvp", "by_gkvp1", "by_gkvp2"]}
GOV_ORG = {"RU": "FSVTS", "BY": "GKVP"}
# people who speak for an organisation
ORG_PERSONS = {"ROE": ["ru_roe", "ru_roe2"], "HR": ["ru_hr"], "UVZ": ["ru_uvz"],
               "KALASH": ["ru_kalash"], "ALMAZ": ["ru_almaz"], "ROSTEC": ["ru_rostec"],
               "UAC": ["ru_rostec"], "OSK": ["ru_rostec"], "KTRV": ["ru_rostec"],
               "GKVP": ["by_gkvp", "by_gkvp1", "by_gkvp2"], "MZKT": ["by_gkvp1"],
               "NORINCO": ["cn_norinco"], "AVIC": ["cn_norinco"], "HAL": ["in_hal"],
               "DRDO": ["in_drdo"], "BRAHMOS": ["in_drdo"], "EDGE": ["ae_edge"],
               "BAYKAR": ["tr_ssb"], "ASELSAN": ["tr_ssb"]}
# who makes what under licence (licensee countries per licensor)
PROD_PARTNERS = {"RU": ["IN", "CN", "VN", "DZ", "EG", "KZ", "UZ", "BY", "RS", "MY", "ID", "IR"],
                 "BY": ["CN", "VN", "KZ", "UZ", "RS", "VE"],
                 "CN": ["PK", "BD", "TH", "MM"], "TR": ["AZ", "PK", "ID", "QA"],
                 "FR": ["IN", "BR"], "US": ["PL", "JP", "KR"], "KR": ["PL", "IN", "AU"],
                 "IN": ["VN", "PH"]}
PROD_CATS = ["small_arms", "armour", "tank", "helicopter", "uav", "radar", "artillery", "missile"]
CAT_COUNT = {
    "fighter": [2, 4, 6, 8, 10, 12, 14, 16, 18, 21, 24, 30],
    "trainer": [4, 6, 8, 12, 16, 24], "transport": [2, 3, 4, 5],
    "helicopter": [2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 22, 24],
    "air_defence": [2, 3, 4, 5, 6, 8, 12, 18, 24],
    "tank": [10, 24, 31, 40, 50, 64, 100, 120, 150, 200],
    "armour": [20, 32, 44, 50, 70, 100, 120, 150],
    "artillery": [4, 6, 8, 12, 18, 24, 36],
    "uav": [2, 3, 4, 6, 8, 12, 18, 24], "ship": [2, 3, 4], "radar": [2, 3, 4, 6, 8],
    "missile": [10, 24, 50, 80, 100, 150, 200], "small_arms": [5000, 10000, 20000, 35000, 70000],
}
SUMS_SMALL = ["около 120 млн долларов", "более 200 млн долларов", "около 350 млн долларов",
              "450 млн долларов", "свыше 600 млн долларов", "около 800 млн долларов",
              "1,2 млрд долларов", "около 1,5 млрд долларов", "2,3 млрд долларов",
              "около 3 млрд долларов", "270 млн долларов", "около 1 млрд долларов"]
SUMS_RUB = ["14 млрд рублей", "около 9 млрд рублей", "более 20 млрд рублей"]
SUMS_BIG = ["50 млрд долларов", "55 млрд долларов", "60 млрд долларов", "57 млрд долларов"]
NOT_EXERCISE = {"Корва", "Насик", "Жуковский", "Кубинка", "Лангкави", "Гандинагар", "Лакхнау",
                "Бангалор", "Чжухай", "Кронштадт", "Кельце", "Дубай", "Шанхай", "Санкт-Петербург",
                "Ижевск", "Казань", "Рио-де-Жанейро", "Александрия", "Стамбул"}
TROOPS = [300, 450, 600, 800, 1200, 1500, 2500, 3000, 4000]


class Story:
    def __init__(self, type_, year):
        self.type = type_
        self.year = year
        self.source = "ЦАМТО"
        self.roles = {}
        self.persons = {}
        self.orgs = {}
        self.weapons = {}
        self.count = None
        self.sum = None
        self.venue = None
        self.city2 = None
        self.exhibition = None
        self.exercise = None
        self.event_day = self.event_day2 = self.event_month = None
        self.ordinal = None
        self.body = None
        self.doc = None
        self.areas = []
        self.troops = None
        self.pub = None
        self.actors = []

    def actor_set(self):
        return set(self.actors)


def pick_weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for v, w in pairs:
        r -= w
        if r < 0:
            return v
    return pairs[-1][0]


def weapons_of(origin, cats=None):
    out = [w.canon for w in WEAPONS.values() if w.origin == origin and (cats is None or w.cat in cats)]
    return sorted(out)


def make_story(rng, year, spec=None):
    """Make a random story for a year. spec overrides: type, A, B, C, W,
    cat, exhibition, source, no_country."""
    spec = spec or {}
    t = spec.get("type") or pick_weighted(rng, list(zip(TYPES, TYPE_WEIGHTS)))
    s = Story(t, year)
    s.areas = rng.sample(AREAS, 4)
    s.subtype = rng.choice(["conf", "appoint", "market", "seminar"]) if t == "other" else None

    if spec.get("no_country"):
        return _no_country_story(rng, s, spec)

    # ---------------- sides
    if t == "exhibition":
        ex = spec.get("exhibition") or _pick_exhibition(rng, year)
        if ex is None:
            t = s.type = "contract"
        else:
            s.exhibition = ex
    if t == "exhibition":
        e = EXHIBITIONS[s.exhibition]
        host = CITIES_OF_KEY(e.city)
        s.roles["A"] = spec.get("A", host)
        b = spec.get("B") or pick_weighted(rng, OWN_WEIGHTS[:4])
        if b == s.roles["A"]:
            b = "RU" if b != "RU" else "BY"
        s.roles["B"] = b
        s.venue = e.city
    else:
        b = spec.get("B")
        if not b and spec.get("W"):
            b = WEAPONS[spec["W"]].origin
        if not b and spec.get("cat"):
            b = "RU" if weapons_of("RU", [spec["cat"]]) else sorted(
                w.origin for w in WEAPONS.values() if w.cat == spec["cat"])[0]
        if not b:
            own = OWN_WEIGHTS if t in ("contract", "delivery", "statement", "test", "other") else OWN_WEIGHTS[:3]
            b = pick_weighted(rng, own)
        a = spec.get("A") or rng.choice(PROD_PARTNERS[b] if t == "production" else PARTNERS[b])
        if a == b:
            a = rng.choice([x for x in PARTNERS[b] if x != b])
        s.roles["B"] = b
        s.roles["A"] = a
    a, b = s.roles["A"], s.roles["B"]
    others = sorted(set(PARTNERS.get(b, [])) - {a, b}) or sorted(set(COUNTRIES) - {a, b})
    c = spec.get("C") or rng.choice(others)
    d = rng.choice([x for x in others if x != c])
    if spec.get("C") or rng.random() < 0.5:
        s.roles["C"] = c
        if rng.random() < 0.6:
            s.roles["D"] = d

    # ---------------- weapons
    cats = [spec["cat"]] if spec.get("cat") else None
    if spec.get("W"):
        s.weapons["W"] = spec["W"]
    else:
        origin = b
        pool = weapons_of(origin, cats) or weapons_of("RU", cats) or weapons_of(origin)
        if t == "production" and not spec.get("W"):
            ok = PROD_CATS + (["fighter"] if a in ("IN", "CN") else [])
            pool = [w for w in pool if WEAPONS[w].cat in ok] or pool
        s.weapons["W"] = rng.choice(pool)
    w = WEAPONS[s.weapons["W"]]
    pool2 = [x for x in weapons_of(w.origin) if x != w.canon]
    if pool2 and (t == "exhibition" or rng.random() < 0.5):
        s.weapons["W2"] = rng.choice(pool2)
    s.count = rng.choice(CAT_COUNT[w.cat])
    s.sum = rng.choice(SUMS_BIG if t == "statement" else SUMS_SMALL + (SUMS_RUB if b == "RU" else []))

    # ---------------- organisations, then people
    gov = t in ("meeting", "agreement", "visit", "exercise")
    if gov and b in GOV_ORG:
        s.orgs["O1"] = GOV_ORG[b]
    elif b in EXPORTER and t not in ("test",):
        s.orgs["O1"] = EXPORTER[b]
        if b == "RU" and w.cat == "helicopter" and rng.random() < 0.4:
            s.orgs["O1"] = "HR"
    makers = MAKERS.get(w.origin, {}).get(w.cat)
    if makers:
        s.orgs["O2"] = makers[0]
        if "O1" not in s.orgs:
            s.orgs["O1"] = makers[0]
    if "O1" not in s.orgs:
        s.orgs["O1"] = "MOD-" + b
    if t == "production":
        _production_setup(rng, s, a)
    s.orgs["O3"] = "MOD-" + a

    if gov:
        p1pool = GOV.get(b) or PERSONS_OF.get(b, [])
    else:
        p1pool = []
        for o in ("O1", "O2"):
            p1pool += ORG_PERSONS.get(s.orgs.get(o), [])
        if t == "production":
            p1pool = ORG_PERSONS.get(s.orgs["O1"], [])
        p1pool = sorted(set(p1pool)) or PERSONS_OF.get(b, [])
    if p1pool:
        s.persons["P1"] = rng.choice(p1pool)
    apool = PERSONS_OF.get(a, [])
    if apool and rng.random() < 0.85:
        s.persons["P2"] = rng.choice(apool)
        rest = [p for p in apool if p != s.persons["P2"]]
        if rest and rng.random() < 0.5:
            s.persons["P3"] = rng.choice(rest)
    s.persons["X1"] = rng.choice(EXPERTS)

    # ---------------- venue
    if t in ("meeting", "agreement"):
        host, other = (a, b) if rng.random() < 0.5 else (b, a)
        s.venue = CAPITAL.get(host)
        s.city2 = CAPITAL.get(other)
    elif t == "visit":
        s.venue = CAPITAL.get(a)
        s.city2 = CAPITAL.get(b)
    elif t == "delivery":
        s.venue = CAPITAL.get(a) if rng.random() < 0.7 else None
    elif t == "contract":
        if spec.get("exhibition"):
            s.exhibition = spec["exhibition"]
        elif rng.random() < 0.25:
            s.exhibition = _pick_exhibition(rng, year)
        if s.exhibition:
            s.venue = EXHIBITIONS[s.exhibition].city
        else:
            s.venue = CAPITAL.get(rng.choice([a, b]))
    elif t == "exercise":
        host = rng.choice([a, b])
        s.venue = rng.choice([c for c in CITIES_OF.get(host, []) if c not in NOT_EXERCISE] or [None])
        s.city2 = CAPITAL.get(a if host == b else b)
        s.exercise = rng.choice(EXERCISE_NAMES)
        s.troops = rng.choice(TROOPS)
    elif t == "test":
        s.venue = rng.choice(CITIES_OF.get(b, [None])) if rng.random() < 0.6 else None
    elif t in ("statement",):
        s.venue = None
    elif t == "other":
        s.venue = CAPITAL.get(b) if rng.random() < 0.5 else None
    if s.venue and CITIES_OF_KEY(s.venue) is None:
        s.venue = None

    # ---------------- misc
    if t in ("meeting",):
        s.body = rng.randrange(len(BODIES))
        s.ordinal = rng.randint(2, 24)
    s.doc = rng.randrange(len(DOCS))
    if t == "meeting" and rng.random() < 0.5:
        s.doc = 0

    # ---------------- actors (for relevance)
    if t == "exercise":
        if "C" in s.roles and (spec.get("C") or rng.random() < 0.3):
            s.actors = [a, b, s.roles["C"]]
            s.roles.pop("D", None)
        else:
            s.actors = [a, b]
            s.roles.pop("C", None)
    elif t == "other":
        s.actors = []
    elif t == "statement":
        s.actors = [a]
    elif t == "test":
        s.actors = [b]
        if spec.get("A") or rng.random() < 0.4:
            s.actors = [b, a]
        else:
            for r in ("A", "C", "D"):
                s.roles.pop(r, None)
            s.persons.pop("P2", None)
            s.persons.pop("P3", None)
            s.orgs.pop("O3", None)
    else:
        s.actors = [a, b]
    return s


def CITIES_OF_KEY(city):
    from countries import CITIES
    c = CITIES.get(city)
    return c.iso if c else None


def _pick_exhibition(rng, year):
    keys = sorted(k for k, e in EXHIBITIONS.items() if year in e.schedule)
    if not keys:
        return None
    return rng.choice(keys)


def _production_setup(rng, s, a):
    w = s.weapons["W"]
    if a == "IN" and w == "Су-30МКИ":
        s.orgs["O2"] = "HAL"
        s.venue = "Насик"
    elif a == "IN" and w == "АК-203":
        s.orgs["O2"] = "IRRPL"
        s.venue = "Корва"
    elif a == "IN":
        s.orgs["O2"] = "HAL" if WEAPONS[w].cat in ("fighter", "helicopter") else "MOD-IN"
        s.venue = "Бангалор"
    else:
        s.orgs["O2"] = "MOD-" + a
        s.venue = CAPITAL.get(a)


def _no_country_story(rng, s, spec):
    """A bulletin that names no country: an industry or test item."""
    s.type = spec.get("type") or rng.choice(["test", "other"])
    cands = sorted(c for c in WEAPONS if WEAPONS[c].origin == "RU")
    s.weapons["W"] = spec.get("W") or rng.choice(cands)
    w = WEAPONS[s.weapons["W"]]
    s.count = rng.choice(CAT_COUNT[w.cat])
    org = {"fighter": "UAC", "trainer": "UAC", "transport": "UAC", "helicopter": "ROSTEC",
           "air_defence": "ALMAZ", "tank": "UVZ", "armour": "UVZ", "artillery": "UVZ",
           "uav": "ROSTEC", "ship": "OSK", "radar": "ROSTEC", "small_arms": "KALASH",
           "missile": "KTRV"}[w.cat]
    s.orgs["O1"] = org
    s.orgs["O2"] = org
    s.persons["P1"] = rng.choice(ORG_PERSONS[org])
    s.persons["P2"] = rng.choice(["ru_roe2", "ru_kalash", "ru_almaz"])
    s.persons["X1"] = rng.choice(["x_gruz", "x_chad", "x_malin", "x_roman"])
    s.venue = None
    s.actors = []
    s.no_country = True
    return s


def assign_dates(rng, s, forced_month=None):
    """Publication date and event dates (the event precedes publication)."""
    y = s.year
    month = forced_month
    if s.exhibition and s.type in ("exhibition",) or (s.exhibition and forced_month is None and s.type == "contract"):
        month = EXHIBITIONS[s.exhibition].schedule[y]
    if month is None:
        month = rng.randint(1, 12)
    day = rng.randint(3, 28)
    pub = datetime.date(y, month, day)
    lag = rng.choice([0, 1, 1, 2, 3])
    ev = pub - datetime.timedelta(days=lag)
    s.pub = pub
    s.event_month = ev.month
    if s.type in ("meeting", "exercise", "visit", "exhibition") and ev.day > 2 and rng.random() < 0.6:
        span = rng.choice([1, 1, 2])
        s.event_day, s.event_day2 = ev.day - span, ev.day
    else:
        s.event_day, s.event_day2 = ev.day, None
