"""Analyst queries for the evaluation set, with the facets that define
relevance and the stories planted so that each query has relevant bulletins.

Facets: types (accepted primary types), countries (ISO, all required),
cat (weapon category), weapon (canonical), exhibition (key), year, org
(organisation label).

Grade 2 (exactly on topic): primary type accepted, every country is a main
actor of the story, the weapon/category is the story's main weapon, the
exhibition/organisation is named, the year matches.
Grade 1 (partially relevant): every country, weapon, category, exhibition and
organisation facet is named somewhere in the bulletin and the year matches,
whatever the document type (or, when the query lists partial_types, one of
the bulletin's types is among them).
"""

from entities import WEAPONS


def Q(text, plants, **facets):
    return {"query": text, "facets": facets, "plants": plants}


def rep(n, spec):
    return [dict(spec) for _ in range(n)]


QUERIES = [
    Q("поставка вертолетов Индии", rep(2, {"type": "delivery", "A": "IN", "cat": "helicopter"}),
      types=["delivery"], countries=["IN"], cat="helicopter"),
    Q("учения Беларусь Китай", rep(2, {"type": "exercise", "B": "BY", "A": "CN"}),
      types=["exercise"], countries=["BY", "CN"], partial_types=["exercise", "visit", "meeting"]),
    Q("контракт Египет вертолеты", rep(2, {"type": "contract", "A": "EG", "cat": "helicopter"}),
      types=["contract"], countries=["EG"], cat="helicopter"),
    Q("МАКС выставка 2021", rep(2, {"type": "exhibition", "exhibition": "MAKS", "year": 2021}),
      types=["exhibition"], exhibition="MAKS", year=2021),
    Q("ВТС Венесуэла", [{"type": "meeting", "A": "VE", "B": "BY"}, {"type": "agreement", "A": "VE", "B": "RU"}],
      types=["meeting", "agreement", "visit"], countries=["VE"]),
    Q("ОАЭ IDEX", rep(2, {"type": "exhibition", "exhibition": "IDEX"}),
      types=["exhibition"], exhibition="IDEX"),
    Q("Су-30МКИ", [{"type": "production", "A": "IN", "W": "Су-30МКИ"}, {"type": "delivery", "A": "DZ", "W": "Су-30МКИ"}],
      weapon="Су-30МКИ"),
    Q("С-400 Турция", [{"type": "delivery", "A": "TR", "W": "С-400"}, {"type": "statement", "A": "TR", "W": "С-400", "B": "RU"}],
      countries=["TR"], weapon="С-400"),
    Q("поставки С-400 Индии", rep(2, {"type": "delivery", "A": "IN", "W": "С-400"}),
      types=["delivery"], countries=["IN"], weapon="С-400"),
    Q("комиссия Беларусь Куба", rep(2, {"type": "meeting", "B": "BY", "A": "CU"}),
      types=["meeting"], countries=["BY", "CU"]),
    Q("межправкомиссия Россия Вьетнам", rep(2, {"type": "meeting", "B": "RU", "A": "VN"}),
      types=["meeting"], countries=["RU", "VN"]),
    Q("Рособоронэкспорт контракт Алжир", rep(2, {"type": "contract", "B": "RU", "A": "DZ", "cat": "air_defence"}),
      types=["contract"], countries=["DZ"], org="Рособоронэкспорт"),
    Q("поставки танков Т-90С", rep(2, {"type": "delivery", "W": "Т-90С"}),
      types=["delivery"], weapon="Т-90С"),
    Q("Армия-2022", rep(2, {"type": "exhibition", "exhibition": "ARMY", "year": 2022}),
      types=["exhibition"], exhibition="ARMY", year=2022),
    Q("MILEX Минск", rep(2, {"type": "exhibition", "exhibition": "MILEX"}),
      types=["exhibition"], exhibition="MILEX"),
    Q("Airshow China Чжухай", rep(2, {"type": "exhibition", "exhibition": "AIRSHOW"}),
      types=["exhibition"], exhibition="AIRSHOW"),
    Q("Aero India 2023", rep(2, {"type": "exhibition", "exhibition": "AEROINDIA", "year": 2023}),
      types=["exhibition"], exhibition="AEROINDIA", year=2023),
    Q("лицензионное производство Индия", [{"type": "production", "A": "IN", "W": "Т-90С"}, {"type": "production", "A": "IN", "W": "АК-203"}],
      types=["production"], countries=["IN"], partial_types=["production", "agreement", "contract"]),
    Q("производство автоматов АК-203", [{"type": "production", "A": "IN", "W": "АК-203"}],
      types=["production"], weapon="АК-203", partial_types=["production", "agreement", "contract", "delivery"]),
    Q("испытания БраМос", rep(2, {"type": "test", "B": "IN", "W": "БраМос"}),
      types=["test"], weapon="БраМос"),
    Q("совместные учения Россия Индия", rep(2, {"type": "exercise", "B": "RU", "A": "IN"}),
      types=["exercise"], countries=["RU", "IN"], partial_types=["exercise", "visit", "meeting"]),
    Q("учения Египет", rep(2, {"type": "exercise", "B": "RU", "A": "EG"}),
      types=["exercise"], countries=["EG"], partial_types=["exercise", "visit", "meeting"]),
    Q("визит делегации Мьянма", [{"type": "visit", "A": "MM", "B": "RU"}, {"type": "visit", "A": "MM", "B": "BY"}],
      types=["visit"], countries=["MM"]),
    Q("вертолеты для Мьянмы", [{"type": "contract", "A": "MM", "cat": "helicopter"}, {"type": "delivery", "A": "MM", "cat": "helicopter"}],
      countries=["MM"], cat="helicopter"),
    Q("Сербия ПВО", [{"type": "delivery", "A": "RS", "cat": "air_defence", "B": "RU"}, {"type": "contract", "A": "RS", "cat": "air_defence", "B": "RU"}],
      countries=["RS"], cat="air_defence"),
    Q("Панцирь-С1 поставка", rep(2, {"type": "delivery", "W": "Панцирь-С1"}),
      types=["delivery"], weapon="Панцирь-С1"),
    Q("контракт Ми-17В-5", rep(2, {"type": "contract", "W": "Ми-17В-5"}),
      types=["contract"], weapon="Ми-17В-5"),
    Q("Пакистан китайские истребители", [{"type": "contract", "A": "PK", "B": "CN", "cat": "fighter"}, {"type": "delivery", "A": "PK", "B": "CN", "cat": "fighter"}],
      countries=["PK", "CN"], cat="fighter"),
    Q("турецкие беспилотники", [{"type": "delivery", "B": "TR", "cat": "uav"}, {"type": "contract", "B": "TR", "cat": "uav"}],
      countries=["TR"], cat="uav"),
    Q("Bayraktar TB2", [], weapon="Bayraktar TB2"),
    Q("ЮАР сотрудничество", [{"type": "meeting", "A": "ZA", "B": "RU"}, {"type": "visit", "A": "ZA", "B": "BY"}],
      types=["meeting", "agreement", "visit"], countries=["ZA"]),
    Q("соглашение Саудовская Аравия", rep(2, {"type": "agreement", "A": "SA", "B": "RU"}),
      types=["agreement"], countries=["SA"]),
    Q("Алжир истребители", [{"type": "contract", "A": "DZ", "cat": "fighter"}, {"type": "delivery", "A": "DZ", "cat": "fighter"}],
      countries=["DZ"], cat="fighter"),
    Q("Вьетнам Як-130", [{"type": "delivery", "A": "VN", "W": "Як-130"}, {"type": "contract", "A": "VN", "W": "Як-130"}],
      countries=["VN"], weapon="Як-130"),
    Q("поставка Як-130", [{"type": "delivery", "A": "LA", "W": "Як-130"}],
      types=["delivery"], weapon="Як-130"),
    Q("Мали вертолеты", rep(2, {"type": "delivery", "A": "ML", "cat": "helicopter"}),
      countries=["ML"], cat="helicopter"),
    Q("поставки Буркина-Фасо", rep(2, {"type": "delivery", "A": "BF"}),
      types=["delivery"], countries=["BF"]),
    Q("ЦАР военное сотрудничество", [{"type": "visit", "A": "CF", "B": "RU"}, {"type": "delivery", "A": "CF", "B": "RU"}],
      countries=["CF"]),
    Q("Гвинея-Бисау", [{"type": "visit", "A": "GW", "B": "RU"}, {"type": "agreement", "A": "GW", "B": "RU"}],
      countries=["GW"]),
    Q("Экваториальная Гвинея", [{"type": "meeting", "A": "GQ", "B": "RU"}, {"type": "delivery", "A": "GQ", "B": "RU"}],
      countries=["GQ"]),
    Q("Республика Конго", [{"type": "agreement", "A": "CG", "B": "RU"}, {"type": "visit", "A": "CG", "B": "RU"}],
      countries=["CG"]),
    Q("ДРК вооружение", [{"type": "contract", "A": "CD", "B": "RU"}, {"type": "delivery", "A": "CD", "B": "RU"}],
      countries=["CD"]),
    Q("Нигерия вертолеты", [{"type": "delivery", "A": "NG", "cat": "helicopter"}, {"type": "contract", "A": "NG", "cat": "helicopter"}],
      countries=["NG"], cat="helicopter"),
    Q("Ангола истребители", [{"type": "delivery", "A": "AO", "cat": "fighter", "B": "RU"}, {"type": "contract", "A": "AO", "cat": "fighter", "B": "RU"}],
      countries=["AO"], cat="fighter"),
    Q("Бразилия вертолеты", [{"type": "contract", "A": "BR", "cat": "helicopter"}, {"type": "delivery", "A": "BR", "cat": "helicopter"}],
      countries=["BR"], cat="helicopter"),
    Q("Никарагуа", [{"type": "meeting", "A": "NI", "B": "RU"}, {"type": "delivery", "A": "NI", "B": "RU"}],
      countries=["NI"]),
    Q("Куба военно-техническое сотрудничество", [{"type": "visit", "A": "CU", "B": "RU"}],
      types=["meeting", "agreement", "visit"], countries=["CU"]),
    Q("Иран соглашение", rep(2, {"type": "agreement", "A": "IR", "B": "RU"}),
      types=["agreement"], countries=["IR"]),
    Q("испытания Полонез", rep(2, {"type": "test", "B": "BY", "W": "Полонез"}),
      types=["test"], weapon="Полонез"),
    Q("LIMA Лангкави", rep(2, {"type": "exhibition", "exhibition": "LIMA"}),
      types=["exhibition"], exhibition="LIMA"),
    Q("EDEX Египет", rep(2, {"type": "exhibition", "exhibition": "EDEX"}),
      types=["exhibition"], exhibition="EDEX"),
    Q("Dubai Airshow", rep(2, {"type": "exhibition", "exhibition": "DUBAI"}),
      types=["exhibition"], exhibition="DUBAI"),
    Q("заявление Рособоронэкспорт", rep(2, {"type": "statement", "B": "RU", "cat": "tank"}),
      types=["statement"], org="Рособоронэкспорт", partial_types=["statement"]),
    Q("Казахстан учения", rep(2, {"type": "exercise", "B": "RU", "A": "KZ"}),
      types=["exercise"], countries=["KZ"], partial_types=["exercise", "visit", "meeting"]),
    Q("Монголия танки", rep(2, {"type": "delivery", "A": "MN", "cat": "tank", "B": "RU"}),
      countries=["MN"], cat="tank"),
    Q("Перу вертолеты", rep(2, {"type": "delivery", "A": "PE", "cat": "helicopter", "B": "RU"}),
      countries=["PE"], cat="helicopter"),
    Q("военное сотрудничество Того", [{"type": "delivery", "A": "TG", "B": "RU"}, {"type": "visit", "A": "TG", "B": "RU"}],
      countries=["TG"]),
    Q("Оман сотрудничество", [{"type": "meeting", "A": "OM", "B": "BY"}, {"type": "visit", "A": "OM", "B": "RU"}],
      countries=["OM"]),
    Q("Чад вооружение", [{"type": "delivery", "A": "TD", "B": "TR"}, {"type": "contract", "A": "TD", "B": "RU"}],
      countries=["TD"]),
]


def grade(facets, info):
    """info: structured knowledge of one bulletin (see gencorpus.doc_info)."""
    def cats(ws):
        return {WEAPONS[w].cat for w in ws}
    f = facets
    year_ok = f.get("year") is None or f["year"] == info["year"]
    # loose match: everything named somewhere in the bulletin
    loose = year_ok
    loose = loose and all(c in info["countries"] for c in f.get("countries", []))
    loose = loose and (f.get("weapon") is None or f["weapon"] in info["weapons"])
    loose = loose and (f.get("cat") is None or f["cat"] in cats(info["weapons"]))
    loose = loose and (f.get("exhibition") is None or f["exhibition"] in info["exhibitions"])
    loose = loose and (f.get("org") is None or f["org"] in info["orgs"])
    loose = loose and (f.get("partial_types") is None or any(t in f["partial_types"] for t in info["types"]))
    if not loose:
        return 0
    strict = f.get("types") is None or info["type"] in f["types"]
    strict = strict and all(c in info["actors"] for c in f.get("countries", []))
    core = info["core_weapons"]
    strict = strict and (f.get("weapon") is None or f["weapon"] in core)
    strict = strict and (f.get("cat") is None or f["cat"] in cats(core))
    if f.get("exhibition"):
        strict = strict and info["exhibition"] == f["exhibition"]
    return 2 if strict else 1
