"""Small hand-made Russian morphology helpers for the corpus generator.

Only what the generator needs: six-case paradigms for a few word classes.
Case order everywhere: nom, gen, dat, acc, ins, prep (index 0..5).
"""

CASES = ("nom", "gen", "dat", "acc", "ins", "prep")
CI = {c: i for i, c in enumerate(CASES)}

SIBILANT = "жшчщц"
VELAR_SIB = "гкхжшчщ"


def forms(s):
    """'a|b|c|d|e|f' -> list of six forms."""
    parts = s.split("|")
    assert len(parts) == 6, s
    return parts


def indecl(s):
    return [s] * 6


def decline_word(w, kind):
    """Decline one word of a personal name or a simple noun.

    kinds: m   hard-consonant masculine (Олег, Чжан, Родригес)
           mE  masculine ending in a sibilant, unstressed (Курилович -> Куриловичем)
           mS  masculine in -ь (Игорь, Рауль)
           mj  masculine in -й (Андрей, Санджай)
           mij masculine in -ий (Дмитрий, Геннадий)
           ov  surname in -ов/-ев/-ин/-ын (Петров -> Петровым)
           sk  surname in -ский/-цкий (Лисовский)
           a   noun in -а (Никита, Мехра, Ортега)
           ja  noun in -я after a vowel (Прия, Илья-type not used)
           ia  noun in -ия (Мария)
           fov female surname in -ова/-ева/-ина (Громова)
           i   indeclinable
    """
    if kind == "i":
        return [w] * 6
    if kind == "m":
        return [w, w + "а", w + "у", w + "а", w + "ом", w + "е"]
    if kind == "mE":
        return [w, w + "а", w + "у", w + "а", w + "ем", w + "е"]
    if kind == "mS":
        s = w[:-1]
        return [w, s + "я", s + "ю", s + "я", s + "ем", s + "е"]
    if kind == "mj":
        s = w[:-1]
        return [w, s + "я", s + "ю", s + "я", s + "ем", s + "е"]
    if kind == "mij":
        s = w[:-1]
        return [w, s + "я", s + "ю", s + "я", s + "ем", s + "и"]
    if kind == "ov":
        return [w, w + "а", w + "у", w + "а", w + "ым", w + "е"]
    if kind == "sk":
        s = w[:-2]
        return [w, s + "ого", s + "ому", s + "ого", s + "им", s + "ом"]
    if kind == "a":
        s = w[:-1]
        gen = s + ("и" if s[-1] in VELAR_SIB else "ы")
        ins = s + ("ей" if s[-1] in SIBILANT else "ой")
        return [w, gen, s + "е", s + "у", ins, s + "е"]
    if kind == "ja":
        s = w[:-1]
        return [w, s + "и", s + "е", s + "ю", s + "ей", s + "е"]
    if kind == "ia":
        s = w[:-1]
        return [w, s + "и", s + "и", s + "ю", s + "ей", s + "и"]
    if kind == "fov":
        s = w[:-1]
        return [w, s + "ой", s + "ой", s + "у", s + "ой", s + "ой"]
    raise ValueError(kind)


def decline_name(parts):
    """parts: list of (word, kind). Returns six full-name forms."""
    cols = [decline_word(w, k) for w, k in parts]
    return [" ".join(col[i] for col in cols) for i in range(6)]


# Adjectives with a stem in -к (российск-, турецк-, американск-): one paradigm.
_ADJ_K = {
    "m": ["ий", "ого", "ому", "ий", "им", "ом"],
    "f": ["ая", "ой", "ой", "ую", "ой", "ой"],
    "n": ["ое", "ого", "ому", "ое", "им", "ом"],
    "p": ["ие", "их", "им", "ие", "ими", "их"],
}


def adj_k(stem, gender, case):
    """stem ends in к: 'индийск' + ('m','gen') -> 'индийского'.
    case may be 'acca' (animate accusative = genitive for m and p)."""
    if case == "acca":
        case = "gen" if gender in ("m", "p") else "acc"
    return stem + _ADJ_K[gender][CI[case]]


# Feminine/neuter/masculine/plural hard adjectives (-ая/-ое/-ый/-ые) for long
# official forms: Китайская Народная Республика, Объединенные Арабские Эмираты.
def _adj_hard(word):
    if word.endswith("ая"):
        s = word[:-2]
        return [word, s + "ой", s + "ой", s + "ую", s + "ой", s + "ой"]
    if word.endswith("ое"):
        s = word[:-2]
        soft = s[-1] in "кгх"
        return [word, s + "ого", s + "ому", word, s + ("им" if soft else "ым"), s + "ом"]
    if word.endswith("ий"):
        s = word[:-2]
        return [word, s + "ого", s + "ому", word, s + "им", s + "ом"]
    if word.endswith("ый"):
        s = word[:-2]
        return [word, s + "ого", s + "ому", word, s + "ым", s + "ом"]
    if word.endswith("ие"):
        s = word[:-2]
        return [word, s + "их", s + "им", word, s + "ими", s + "их"]
    if word.endswith("ые"):
        s = word[:-2]
        return [word, s + "ых", s + "ым", word, s + "ыми", s + "ых"]
    return None


HEAD_NOUNS = {
    "Республика": forms("Республика|Республики|Республике|Республику|Республикой|Республике"),
    "Королевство": forms("Королевство|Королевства|Королевству|Королевство|Королевством|Королевстве"),
    "Государство": forms("Государство|Государства|Государству|Государство|Государством|Государстве"),
    "Султанат": forms("Султанат|Султаната|Султанату|Султанат|Султанатом|Султанате"),
    "Федерация": forms("Федерация|Федерации|Федерации|Федерацию|Федерацией|Федерации"),
    "Союз": forms("Союз|Союза|Союзу|Союз|Союзом|Союзе"),
    "Эмираты": forms("Эмираты|Эмиратов|Эмиратам|Эмираты|Эмиратами|Эмиратах"),
    "Штаты": forms("Штаты|Штатов|Штатам|Штаты|Штатами|Штатах"),
}

HEAD_GENDER = {"Республика": "f", "Королевство": "n", "Государство": "n", "Султанат": "m",
               "Федерация": "f", "Союз": "m", "Эмираты": "p", "Штаты": "p"}


def phrase_forms(spec):
    """'Социалистическая Республика|Вьетнам' -> six forms; the part after '|'
    stays as is. Returns (forms, gender)."""
    if "|" in spec:
        head, tail = spec.split("|", 1)
        tail = " " + tail
    else:
        head, tail = spec, ""
    cols = []
    gender = None
    for w in head.split(" "):
        if w in HEAD_NOUNS:
            cols.append(HEAD_NOUNS[w])
            gender = HEAD_GENDER[w]
        else:
            f = _adj_hard(w)
            if f is None:
                raise ValueError("cannot decline %r in %r" % (w, spec))
            cols.append(f)
    assert gender, spec
    return [" ".join(c[i] for c in cols) + tail for i in range(6)], gender


def past(verb, gender):
    """Past-tense agreement: 'получил' -> получила/получило/получили;
    'обратился' -> обратилась..."""
    if verb.endswith("лся"):
        s = verb[:-3]
        return s + {"m": "лся", "f": "лась", "n": "лось", "p": "лись"}[gender]
    assert verb.endswith("л"), verb
    return verb + {"m": "", "f": "а", "n": "о", "p": "и"}[gender]


def count_form(n, sg_nom, sg_gen, pl_gen, case):
    """Noun form after a number written in digits, for case nom/acc
    (inanimate) or gen."""
    last2 = n % 100
    last = n % 10
    if case == "gen":
        if last == 1 and last2 != 11:
            return sg_gen
        return pl_gen
    if 11 <= last2 <= 14:
        return pl_gen
    if last == 1:
        return sg_nom
    if 2 <= last <= 4:
        return sg_gen
    return pl_gen
