"""Reading job titles: one test per family of resources/titles.toml, and the traps.

Every family of level words, seniority modifiers and functions has examples
here (a test fails when a family is added without them), each read for its
kind, level and seniority within the level.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.catalogue import load_catalogue
from orgmodel.model import UNCLASSIFIED, Role
from orgmodel.open_chart import read_chart
from orgmodel.titles import TitleReading

CATALOGUE = load_catalogue()
TITLE_FIXTURES = Path(__file__).resolve().parents[1] / "data" / "titles"


def read(title: str) -> TitleReading:
    return CATALOGUE.read_title(title)


# family -> titles of it, each with the (level, seniority within the level) it reads as.
LEVEL_WORDS: dict[str, list[tuple[str, int, int]]] = {
    "chair of the board": [("Chairman", 0, 1), ("Chair of the Board", 0, 1)],
    "head of a government department": [
        ("Permanent Secretary", 0, 0),
        ("Cabinet Secretary", 0, 0),
    ],
    "minister": [("Secretary of State", 0, 2), ("Secretary of State for Health", 0, 2)],
    "chief": [
        ("Chief Information Officer", 1, 0),
        ("CISO", 1, 0),
        ("Co-Founder", 1, 0),
        ("Owner", 1, 0),
        ("Commissioner", 1, 0),
        ("General Counsel", 1, 0),
        ("Director Financiero", 1, 0),
        ("Vorstand Technik", 1, 0),
        ("Chief of Police", 1, 0),
        ("Director General Communications", 1, 0),
        ("Director-General for Trade", 1, 0),
    ],
    "controller": [
        ("Controller", 4, 3),
        ("Financial Controller", 4, 3),
        ("Corporate Comptroller", 4, 3),
        ("Assistant Controller", 4, 2),
        ("Senior Financial Controller", 4, 5),
    ],
    "company president and coo": [
        ("President & COO", 1, 2),
        ("President and Chief Operating Officer", 1, 2),
        ("COO / President", 1, 2),
    ],
    "deputy chief executive": [
        ("Deputy Secretary", 1, 1),
        ("President, Europe", 1, 1),
        ("Managing Director, Germany", 1, 1),
        ("Directeur Général Délégué", 1, 1),
        ("Vice Chair", 1, 1),
        ("DEPUTY ADMINISTRATOR", 1, 1),
        ("Second Permanent Secretary", 1, 1),
    ],
    "vice president": [
        ("VP of Engineering", 2, 0),
        ("Vice-President, Finance", 2, 0),
        ("Vicepresidente de Finanzas", 2, 0),
        ("Vizepräsidentin Personal", 2, 0),
        ("Assistant Secretary for Administration", 2, 0),
    ],
    "senior vice president": [("SVP, Engineering", 2, 2), ("Senior Vice President, IT", 2, 2)],
    "executive vice president": [("EVP Technology", 2, 3), ("Executive Vice President", 2, 3)],
    "assistant vice president": [("AVP Data", 2, -1), ("Assistant Vice President", 2, -1)],
    "director": [
        ("IT Director", 3, 0),
        ("Head of Finance", 3, 0),
        ("Directora de Recursos Humanos", 3, 0),
        ("Diretor de TI", 3, 0),
        ("Directeur Informatique", 3, 0),
        ("Direktor Produktion", 3, 0),
        ("Leiter Finanzen", 3, 0),
        ("Bereichsleiterin Einkauf", 3, 0),
        ("Chief of Staff", 3, 0),
        ("Plant Manager", 3, 0),
        ("BUREAU CHIEF", 3, 0),
        ("Chief, Division of Licensing", 3, 0),
        ("Principal Private Secretary", 3, 0),
        ("Senior Director, Finance", 3, 2),
        ("Associate Director of HR", 3, -1),
    ],
    "executive director": [
        ("Executive Director", 3, 3),
        ("General Manager", 3, 3),
        ("Gerente General", 3, 3),
        ("Director Ejecutivo de Tecnología", 3, 3),
    ],
    "deputy director": [("Subdirector de Producción", 3, -1), ("Sous-directrice RH", 3, -1)],
    "manager": [
        ("Accounting Manager", 4, 0),
        ("Senior Manager, Accounting", 4, 2),
        ("Gerente de Finanzas", 4, 0),
        ("Gestora de Projetos", 4, 0),
        ("Responsable RH", 4, 0),
        ("Jefe de Producción", 4, 0),
        ("Chef de Projet", 4, 0),
        ("Abteilungsleiter Produktion", 4, 0),
        ("Produktmanagerin", 4, 0),
        ("Superintendent", 4, 0),
        ("SECTION CHIEF", 4, 0),
    ],
    "deputy or office manager": [("Office Manager", 4, -1), ("Subgerente Comercial", 4, -1)],
    "supervisor or lead": [
        ("Production Supervisor", 4, -2),
        ("Team Lead, Support", 4, -2),
        ("Teamleiterin Buchhaltung", 4, -2),
        ("Foreman", 4, -2),
        ("Encargado de Almacén", 4, -2),
        ("Coordenador de Sistemas", 4, -2),
    ],
    "individual contributor named manager": [
        ("Customer Success Manager", 5, 0),
        ("Relationship Manager", 5, 0),
        ("Product Owner", 5, 0),
    ],
    "individual contributor": [
        ("Data Analyst", 5, 0),
        ("Analista de Sistemas", 5, 0),
        ("Ingénieure Qualité", 5, 0),
        ("Vertriebsmitarbeiter", 5, 0),
        ("Sachbearbeiter Personal", 5, 0),
        ("Machine Operator", 5, 0),
        ("Mozo de almacén", 5, 0),
        ("Magasinier", 5, 0),
        ("Senior Software Engineer", 5, 2),
        ("Principal Data Architect", 5, 3),
        ("Accountant II", 5, 1),
        ("Credit Controller", 5, 0),
        ("Stock Controller", 5, 0),
    ],
    "lawyer": [("Corporate Counsel", 5, 1), ("Senior Attorney", 5, 3), ("Abogada", 5, 1)],
    "assistant": [
        ("Administrative Assistant", 5, -1),
        ("Legal Assistant", 5, -1),
        ("Warehouse Associate", 5, -1),
        ("Auxiliar Administrativo", 5, -1),
    ],
    "trainee": [("Engineering Intern", 5, -2), ("Estagiária de Finanças", 5, -2)],
}

MODIFIERS: dict[str, list[tuple[str, str]]] = {
    # family -> (a title with the modifier, the same title without)
    "senior": [
        ("Senior Recruiter", "Recruiter"),
        ("Sr. DBA", "DBA"),
        ("Analista Sênior", "Analista"),
    ],
    "principal": [("Principal Engineer", "Engineer")],
    "junior, assistant, associate or deputy": [
        ("Junior Accountant", "Accountant"),
        ("Assistant Manager", "Manager"),
        ("Associate Director", "Director"),
        ("Deputy Director", "Director"),
        ("Directeur Adjoint", "Directeur"),
    ],
    "grade II": [("Production Technician II", "Production Technician I")],
    "grade III": [("Software Engineer III", "Software Engineer")],
    "grade IV": [("Software Engineer IV", "Software Engineer")],
}

AREAS: dict[str, list[str]] = {
    "marketing": ["Marketing Intern", "Gerente de Marketing", "Marketingleiterin"],
    "operations": ["Operations Coordinator", "Gerente de Operaciones"],
    "sales": ["Gerente de Ventas", "Vertriebsleiter", "Directeur Commercial", "Sales Assistant"],
    "it": ["IT Support", "Help Desk Technician", "Diretor de TI", "Sr. DBA", "CIO"],
    "engineering": ["Design Engineer", "Tool Designer", "Software Developer", "Ingeniero"],
    "production": [
        "Production Technician I",
        "Jefe de Producción",
        "Plant Manager",
        "Mozo de almacén",
        "Lagerleiter",
        "Responsable d'entrepôt",
    ],
    "finance": ["Accountant I", "Analista Financiero", "Teamleiterin Buchhaltung", "CFO"],
    "hr": ["HR Business Partner", "Recruiter", "Responsable RH", "Personalreferentin"],
    "legal": ["Paralegal", "Corporate Counsel", "Compliance Officer", "Abogada"],
    "customer-success": ["Customer Success Manager", "Customer Support Specialist"],
    "administration": ["Receptionist", "Secretary", "Executive Assistant", "Office Manager"],
    "product": ["Product Manager", "UX Designer"],
}


def test_every_family_of_titles_toml_has_examples_here() -> None:
    words = CATALOGUE.words
    assert {g.family for g in words.level_words} == set(LEVEL_WORDS)
    assert {g.family for g in words.modifiers} == set(MODIFIERS)
    assert {a.id for a in words.areas} == set(AREAS)


@pytest.mark.parametrize("family", sorted(LEVEL_WORDS))
def test_level_words_give_a_level_and_a_seniority(family: str) -> None:
    for title, level, seniority in LEVEL_WORDS[family]:
        reading = read(title)
        assert (reading.level, reading.seniority) == (level, seniority), title
        assert reading.kind != UNCLASSIFIED, title


@pytest.mark.parametrize("family", sorted(MODIFIERS))
def test_modifiers_make_a_title_more_or_less_senior_within_its_level(family: str) -> None:
    step = next(g.seniority for g in CATALOGUE.words.modifiers if g.family == family)
    for modified, plain in MODIFIERS[family]:
        assert read(modified).level == read(plain).level, modified
        assert read(modified).seniority - read(plain).seniority == step, modified


@pytest.mark.parametrize("area", sorted(AREAS))
def test_function_words_name_the_function(area: str) -> None:
    for title in AREAS[area]:
        assert read(title).area == area, title


def test_seniority_orders_the_titles_of_one_level() -> None:
    order = [
        "Executive Vice President, Sales",
        "Senior Vice President, Sales",
        "VP Sales",
        "Assistant Vice President, Sales",
    ]
    assert [read(t).seniority for t in order] == sorted(
        (read(t).seniority for t in order), reverse=True
    )
    assert len({read(t).seniority for t in order}) == len(order)
    assert {read(t).level for t in order} == {2}
    for senior, junior in [
        ("Executive Director", "Senior Director"),
        ("Senior Director", "Director"),
        ("Senior Manager", "Manager"),
        ("Manager", "Supervisor"),
        ("Senior Tool Designer", "Tool Designer"),
        ("Senior Accountant", "Accountant II"),
        ("Controller", "Accounting Manager"),
        ("Controller", "Senior Manager, Accounting"),
        ("Assistant Controller", "Accounting Manager"),
        ("President & COO", "Managing Director EMEA"),
        ("President & COO", "President, Europe"),
    ]:
        assert read(senior).level == read(junior).level, senior
        assert read(senior).seniority > read(junior).seniority, senior


def test_the_whole_company_gets_kinds_outside_marketing() -> None:
    kinds = {
        "Chief Information Officer": "chief-officer",
        "SVP, Engineering": "vice-president",
        "Senior Director, Finance": "director",
        "IT Manager - DB": "manager",
        "Production Technician I": "staff",
        "Sales Director": "sales-director",
        "Head of Sales": "sales-director",
        "Area Sales Manager": "sales-manager",
        "Gerente de Ventas": "sales-manager",
        "Sales Assistant": "sales-representative",
    }
    for title, kind in kinds.items():
        assert CATALOGUE.classify(title) == kind, title
        assert CATALOGUE.kinds[kind].function != "marketing", title


@pytest.mark.parametrize(
    "title",
    [
        "Tool Designer",
        "Senior Tool Designer",
        "Design Engineer",
        "Sales Assistant",
        "Brand Ambassador",
        "Web Developer",
        "CRM Developer",
        "UX Designer",
        "Product Designer",
    ],
)
def test_a_marketing_word_alone_makes_no_marketing_role(title: str) -> None:
    kind = CATALOGUE.kinds[CATALOGUE.classify(title)]
    assert kind.function != "marketing"
    assert read(title).area != "marketing"


def test_marketing_titles_stay_marketing_roles() -> None:
    kinds = {
        "Graphic Designer": "marketing-designer",
        "Designer": "marketing-designer",
        "SVP Marketing": "vp-marketing",
        "Directeur Marketing": "marketing-director",
        "Director de Marketing": "marketing-director",
        "Marketing Lead": "marketing-manager",
        "Senior Brand Manager": "brand-manager",
        # A director of a specialist's work leads it; a "PR Manager" stays the specialist.
        "Director of SEO": "marketing-director",
        "Head of PR": "marketing-director",
        "Director of Logistics": "operations-director",
        "PR Manager": "pr-specialist",
        # Directors of a marketing discipline are marketing directors.
        "Director of Demand Generation": "marketing-director",
        "Senior Director Demand Generation": "marketing-director",
        "Head of Brand": "marketing-director",
        "Director of Communications": "marketing-director",
        "Director of Events": "marketing-director",
        "Director of Field Marketing": "marketing-director",
        "Head of Internal Communications": "director",
        "Director of Sales Operations": "operations-director",
    }
    for title, kind in kinds.items():
        assert CATALOGUE.classify(title) == kind, title


def test_heads_of_organisations_in_any_language_are_chief_executives() -> None:
    for title in [
        "President",
        "President & CEO",
        "Managing Director",
        "Geschäftsführer",
        "Geschäftsführerin",
        "Président-directeur général",
        "PDG",
        "Director General",
        "Diretor-Presidente",
        "Chairman & CEO",
        "Mayor",
    ]:
        assert CATALOGUE.classify(title) == "ceo", title


def test_a_director_general_of_a_function_is_in_the_executive_team_not_its_head() -> None:
    # Under a department's Permanent Secretary, as in a UK organogram.
    assert CATALOGUE.classify("Director General Operations") == "coo"
    assert CATALOGUE.classify("Director General Marketing") == "cmo"
    assert CATALOGUE.classify("Director General Communications") == "chief-officer"
    assert read("Permanent Secretary").level == 0
    assert read("Secretary of State").seniority > read("Permanent Secretary").seniority
    # A Private Secretary or a bare Secretary is still a clerk.
    assert read("Private Secretary").level == 5
    assert read("Secretary").level == 5


def test_a_title_with_neither_a_function_nor_a_level_word_is_unclassified() -> None:
    for title in ["Vibes Curator", "Barista", "Chief Happiness Wrangler", "", "   "]:
        assert CATALOGUE.classify(title) == UNCLASSIFIED, title


def test_units_and_companies_are_no_roles_but_a_head_of_one_is() -> None:
    units = ["Abteilung Vertrieb", "Quistwerk GmbH", "Department of Finance", "Marketing Team"]
    for title in units:
        assert CATALOGUE.classify(title) == UNCLASSIFIED, title
    assert read("Department Head, Finance").level == 3


def test_whom_a_role_serves_is_not_its_role() -> None:
    assert CATALOGUE.classify("Executive Assistant to the CEO") == "staff"
    assert CATALOGUE.classify("EA to the CFO") == "staff"
    assert CATALOGUE.classify("Chief of Staff to the President") == "director"
    assert CATALOGUE.classify("Office of the CEO") == UNCLASSIFIED


def test_generic_kinds_have_the_function_and_level_they_are_listed_under() -> None:
    for function, by_level in CATALOGUE.words.generic_kinds.items():
        assert set(by_level) == {0, 1, 2, 3, 4, 5}, function
        for level, kind_id in by_level.items():
            kind = CATALOGUE.kinds[kind_id]
            assert kind.level == level, kind_id
            assert level == 0 or kind.function == function, kind_id


def test_a_roles_seniority_is_read_at_the_level_of_its_kind() -> None:
    # "Events Manager" is an Events Specialist who outranks the specialists.
    manager = Role("a", "Events Manager", "events-specialist")
    specialist = Role("b", "Events Coordinator", "events-specialist")
    assert CATALOGUE.seniority(manager) > CATALOGUE.seniority(specialist)
    # A kind set by hand keeps the seniority the title gives within its level.
    assert CATALOGUE.seniority(Role("c", "SVP Growth", "vp-marketing")) == 2
    assert CATALOGUE.seniority(Role("d", "Vibes Curator", UNCLASSIFIED)) == 0


def test_titles_are_read_once() -> None:
    catalogue = load_catalogue()
    first = catalogue.read_title("Senior Cartographer of Finance")
    assert catalogue.read_title("Senior Cartographer of Finance") is first


def test_the_text_a_pattern_is_skipped_without_is_in_every_title_it_matches() -> None:
    words = CATALOGUE.words
    probes = [p for g in (*words.level_words, *words.modifiers) for p in g.probes]
    probes += [p for a in words.areas for p in a.probes]
    probes += [(needle, pattern) for _, needle, pattern in words.kind_patterns]
    titles = {t for examples in LEVEL_WORDS.values() for t, _, _ in examples}
    titles |= {t for pairs in MODIFIERS.values() for pair in pairs for t in pair}
    titles |= {t for examples in AREAS.values() for t in examples}
    for name in ("whole-company.csv", "agency.csv"):
        titles |= {r.title for r in read_chart(TITLE_FIXTURES / name).chart.roles}
    assert sum(bool(needle) for needle, _ in probes) > 0.9 * len(probes)
    for needle, pattern in probes:
        for title in titles:
            if pattern.search(title):
                assert needle in title.lower(), (pattern.pattern, title)


def test_a_cell_of_thousands_of_characters_is_read_by_its_start() -> None:
    assert read("Senior Director of " * 5000) == read(("Senior Director of " * 5000)[:200])
    assert CATALOGUE.classify("Chief Marketing Officer " * 4000) == "cmo"
