"""Write the export corpus: one invented company, saved as HR systems save it.

Run ``python tests/data/exports/make_exports.py`` to rewrite the files beside
it and ``expected.json``, which says for every file who reports to whom (by
person name, since each system has ids of its own) and who was set aside as a
leaver. The files are committed, so a reader can see what each system's
export looks like; this script is how they were made.

Every name is invented. The company, Lumen Robotics, is the whole company
(finance, engineering, IT, people, production, sales, customer success,
legal and marketing), not only marketing, because that is what an HR export
holds.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def words(text: str) -> list[str]:
    return text.split()


FIRST = words(
    "Amara Bastian Celine Dario Elif Farid Greta Hollis Ines Jonah Kaia Lorcan Mireille "
    "Nikolai Odile Pavel Quilla Rashid Selma Tobias Ulla Vesna Wendell Ximena Yusuf Zofia "
    "Anselm Brisa Cosimo Delphine Emeric Fenna Gideon Halima Ivo Jorun Kasimir Leonie "
    "Matthias Nadia Osric Priya Quentin Rosalind Soren Talia Umberto Valeska Wilhelmina Xavi "
    "Yara Zeno Aurelio Beatrix Cyprian Dagny Eero Florentyna Gaspard Hedda Ilario Jessamy "
    "Kenji Lavinia Mateo Nerys "
)
LAST = words(
    "Abernathy Brightwater Castellanos Dunmore Eskildsen Fairweather Galloway Haverford "
    "Ibarra Jankowski Kowalczyk Lindqvist Marchetti Nakamura Oyelaran Pemberton Quintero "
    "Rasmussen Szabo Thorburn Underhill Vasquez Whitlock Xiong Yilmaz Zamora Ashcombe "
    "Bergstrom Carrow Delacroix Ellingham Fontaine Gutierrez Holloway Iversen Jovanovic "
    "Kettering Lachance Montague Nordqvist Ostrowski Pellegrini Rothwell Sandoval Trevelyan "
    "Valdivia Wexford "
)


@dataclass
class Person:
    key: int
    title: str
    department: str
    manager: Person | None
    first: str = ""
    last: str = ""
    left: bool = False
    """Left the company: an HR export still lists them, marked as a leaver."""
    reports: list[Person] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def email(self) -> str:
        return f"{self.first}.{self.last}@lumen-robotics.example".lower()


# (title, department, reports); a number before a title repeats it.
Tree = tuple[str, str, list["Tree"]] | tuple[int, str, str, list["Tree"]]

COMPANY: Tree = (
    "Chief Executive Officer",
    "Executive",
    [
        ("Executive Assistant to the CEO", "Executive", []),
        (
            "Chief Financial Officer",
            "Finance",
            [
                (
                    "VP Finance",
                    "Finance",
                    [
                        (
                            "Finance Director",
                            "Finance",
                            [
                                (
                                    "Accounting Manager",
                                    "Finance",
                                    [
                                        ("Senior Accountant", "Finance", []),
                                        (2, "Accountant", "Finance", []),
                                        ("Payroll Specialist", "Finance", []),
                                    ],
                                ),
                                (
                                    "FP&A Manager",
                                    "Finance",
                                    [(2, "Financial Analyst", "Finance", [])],
                                ),
                            ],
                        ),
                    ],
                ),
                (
                    "Legal Director",
                    "Legal",
                    [(2, "Corporate Counsel", "Legal", []), ("Paralegal", "Legal", [])],
                ),
            ],
        ),
        (
            "Chief Technology Officer",
            "Engineering",
            [
                (
                    "SVP Engineering",
                    "Engineering",
                    [
                        (
                            "VP Engineering",
                            "Engineering",
                            [
                                (
                                    "Senior Director, Platform Engineering",
                                    "Engineering",
                                    [
                                        (
                                            "Director of Engineering",
                                            "Engineering",
                                            [
                                                (
                                                    "Engineering Manager",
                                                    "Engineering",
                                                    [
                                                        (
                                                            "Senior Software Engineer",
                                                            "Engineering",
                                                            [],
                                                        ),
                                                        (3, "Software Engineer", "Engineering", []),
                                                        ("QA Engineer", "Engineering", []),
                                                    ],
                                                ),
                                            ],
                                        ),
                                    ],
                                ),
                                (
                                    "Engineering Manager",
                                    "Engineering",
                                    [
                                        (2, "Software Engineer", "Engineering", []),
                                        ("Design Engineer", "Engineering", []),
                                    ],
                                ),
                            ],
                        ),
                        (
                            "VP Information Technology",
                            "IT",
                            [
                                (
                                    "IT Director",
                                    "IT",
                                    [
                                        (
                                            "IT Manager",
                                            "IT",
                                            [
                                                (2, "IT Support Technician", "IT", []),
                                                ("Systems Administrator", "IT", []),
                                                ("Network Engineer", "IT", []),
                                            ],
                                        ),
                                    ],
                                ),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        (
            "Chief People Officer",
            "People",
            [
                (
                    "HR Director",
                    "People",
                    [
                        (
                            "HR Manager",
                            "People",
                            [
                                ("HR Generalist", "People", []),
                                (2, "Recruiter", "People", []),
                                ("HR Coordinator", "People", []),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        (
            "Chief Operating Officer",
            "Operations",
            [
                (
                    "VP Operations",
                    "Operations",
                    [
                        (
                            "Operations Director",
                            "Operations",
                            [
                                (
                                    "Operations Manager",
                                    "Operations",
                                    [
                                        ("Operations Analyst", "Operations", []),
                                        ("Logistics Coordinator", "Operations", []),
                                    ],
                                ),
                            ],
                        ),
                        (
                            "Director of Production",
                            "Production",
                            [
                                (
                                    "Production Manager",
                                    "Production",
                                    [
                                        (
                                            "Production Supervisor",
                                            "Production",
                                            [(3, "Machine Operator", "Production", [])],
                                        ),
                                        (
                                            "Senior Tool Designer",
                                            "Production",
                                            [(2, "Tool Designer", "Production", [])],
                                        ),
                                    ],
                                ),
                            ],
                        ),
                    ],
                ),
                (
                    "Director of Customer Success",
                    "Customer Success",
                    [(2, "Customer Success Manager", "Customer Success", [])],
                ),
            ],
        ),
        (
            "EVP Sales",
            "Sales",
            [
                (
                    "SVP Sales",
                    "Sales",
                    [
                        (
                            "VP Sales, EMEA",
                            "Sales",
                            [
                                (
                                    "Regional Sales Director",
                                    "Sales",
                                    [
                                        (
                                            "Sales Manager",
                                            "Sales",
                                            [
                                                (3, "Account Executive", "Sales", []),
                                                ("Sales Representative", "Sales", []),
                                                ("Sales Assistant", "Sales", []),
                                            ],
                                        ),
                                    ],
                                ),
                            ],
                        ),
                        (
                            "VP Sales, Americas",
                            "Sales",
                            [
                                (
                                    "Sales Director",
                                    "Sales",
                                    [
                                        (2, "Account Executive", "Sales", []),
                                        (2, "Sales Development Representative", "Sales", []),
                                    ],
                                ),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        (
            "Chief Marketing Officer",
            "Marketing",
            [
                (
                    "VP Marketing",
                    "Marketing",
                    [
                        (
                            "Marketing Manager",
                            "Marketing",
                            [
                                ("Content Specialist", "Marketing", []),
                                ("SEO Specialist", "Marketing", []),
                                ("Social Media Specialist", "Marketing", []),
                                ("Email Marketing Specialist", "Marketing", []),
                            ],
                        ),
                        ("Brand Manager", "Marketing", [("Marketing Designer", "Marketing", [])]),
                        ("Product Marketing Manager", "Marketing", []),
                    ],
                ),
                (
                    "Marketing Operations Manager",
                    "Marketing",
                    [("Marketing Operations Specialist", "Marketing", [])],
                ),
                ("Market Research Analyst", "Marketing", []),
            ],
        ),
    ],
)

LEAVERS = ("Sales Manager", "Software Engineer", "Recruiter", "Machine Operator")
"""The first person of each of these titles has left; the Sales Manager leaves a team behind."""


def build(tree: Tree = COMPANY, leavers: tuple[str, ...] = LEAVERS) -> list[Person]:
    people: list[Person] = []

    def add(node: Tree, manager: Person | None) -> None:
        count, title, department, reports = node if len(node) == 4 else (1, *node)
        for _ in range(count):
            person = Person(len(people) + 1, title, department, manager)
            people.append(person)
            if manager is not None:
                manager.reports.append(person)
            for report in reports:
                add(report, person)

    add(tree, None)
    names = random.Random(7)
    pairs = [(first, last) for first in FIRST for last in LAST]
    names.shuffle(pairs)
    for person, (first, last) in zip(people, pairs, strict=False):
        person.first, person.last = first, last
    for title in leavers:
        next(p for p in people if p.title == title).left = True
    return people


def current_manager(person: Person) -> Person | None:
    """Who a person reports to once leavers are gone: a leaver's manager takes their team."""
    manager = person.manager
    while manager is not None and manager.left:
        manager = manager.manager
    return manager


def expected(people: list[Person], lists_leavers: bool) -> dict[str, object]:
    """Who each person still at the company reports to (a list, since two people
    may share a name), and the leavers the import must set aside (none when the
    file does not list them)."""
    return {
        "reports_to": sorted(
            [p.name, m.name if (m := current_manager(p)) else None] for p in people if not p.left
        ),
        "leavers": sorted(p.name for p in people if p.left and lists_leavers),
    }


def csv_text(rows: list[list[str]], delimiter: str = ",", quote_all: bool = False) -> str:
    buffer = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def workday(people: list[Person]) -> str:
    """Workday's worker report: manager by name and by employee id; no leavers."""
    rows = [
        [
            "Employee ID",
            "Worker",
            "Business Title",
            "Supervisory Organization",
            "Manager",
            "Manager ID",
            "Worker Type",
            "Time Type",
            "Hire Date",
        ],
    ]
    for p in people:
        if p.left:
            continue
        m = current_manager(p)
        rows.append(
            [
                f"W{100200 + p.key}",
                p.name,
                p.title,
                f"{p.department} (Supervisory)",
                m.name if m else "",
                f"W{100200 + m.key}" if m else "",
                "Employee",
                "Full time",
                f"20{10 + p.key % 14}-0{1 + p.key % 9}-1{p.key % 9}",
            ]
        )
    return csv_text(rows)


def bamboohr(people: list[Person]) -> str:
    """BambooHR: 'Employment Status' is the kind of contract, 'Status' says who left."""
    rows = [
        [
            "Employee #",
            "First Name",
            "Last Name",
            "Job Title",
            "Department",
            "Division",
            "Reports To",
            "Work Email",
            "Employment Status",
            "Status",
        ],
    ]
    for p in people:
        rows.append(
            [
                str(p.key),
                p.first,
                p.last,
                p.title,
                p.department,
                "Lumen Robotics",
                p.manager.name if p.manager else "",
                p.email,
                "Part-Time" if p.key % 17 == 0 else "Full-Time",
                "Inactive" if p.left else "Active",
            ]
        )
    return csv_text(rows)


def personio(people: list[Person]) -> str:
    """Personio, saved by a German Excel: semicolons, supervisor by e-mail."""
    rows = [
        ["ID", "First name", "Last name", "Email", "Position", "Department", "Supervisor", "Status"]
    ]
    for p in people:
        rows.append(
            [
                str(4000 + p.key),
                p.first,
                p.last,
                p.email,
                p.title,
                p.department,
                p.manager.email if p.manager else "",
                "inactive" if p.left else "active",
            ]
        )
    return csv_text(rows, delimiter=";")


def hibob(people: list[Person]) -> str:
    """HiBob: 'Reports to' by display name, lifecycle status for leavers."""
    rows = [
        [
            "Employee ID",
            "Display name",
            "Email",
            "Job title",
            "Department",
            "Reports to",
            "Lifecycle status",
        ]
    ]
    for p in people:
        rows.append(
            [
                f"{3_100_000 + p.key * 7}",
                p.name,
                p.email,
                p.title,
                p.department,
                p.manager.name if p.manager else "",
                "Terminated" if p.left else "Employed",
            ]
        )
    return csv_text(rows, quote_all=True)


def salesforce_id(key: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    digits = ""
    value = key * 7919 + 104_729
    while value:
        value, digit = divmod(value, 62)
        digits = alphabet[digit] + digits
    return f"0058d00000{digits:0>5}AAQ"[:18].ljust(18, "A")


def salesforce(people: list[Person]) -> str:
    """Salesforce User export: 18-character ids; the top's ManagerId is a sentinel."""
    rows = [["Id", "Name", "Title", "ManagerId", "Email", "Department", "IsActive", "UserRoleId"]]
    for p in people:
        rows.append(
            [
                salesforce_id(p.key),
                p.name,
                p.title,
                salesforce_id(p.manager.key) if p.manager else "000000000000000AAA",
                p.email,
                p.department,
                "false" if p.left else "true",
                f"00E8d000000{p.key % 40:04d}AAA"[:18],
            ]
        )
    return csv_text(rows)


def active_directory(people: list[Person]) -> str:
    """Get-ADUser ... | Export-Csv under Windows PowerShell 5: a #TYPE line first,
    managers as distinguished names, disabled accounts for leavers."""
    shared = next(p for p in people if p.title == "Account Executive")
    twin = [p for p in people if p.title == "Software Engineer" and not p.left][1]
    twin.first, twin.last = shared.first, shared.last  # two people, one name

    def dn(p: Person) -> str:
        ou = ",".join(f"OU={part}" for part in (p.department.replace(" ", ""), "Staff"))
        return f"CN={p.name},{ou},DC=lumen,DC=example"

    rows = [
        [
            "DistinguishedName",
            "Enabled",
            "GivenName",
            "Name",
            "ObjectClass",
            "SamAccountName",
            "Surname",
            "Title",
            "Department",
            "Manager",
            "UserPrincipalName",
        ]
    ]
    taken: set[str] = set()
    for p in people:
        # Account names are unique in a domain: a second J. Smith is jsmith2.
        base = f"{p.first[0]}{p.last}".lower()[:18]
        sam = next(f"{base}{n or ''}" for n in range(100) if f"{base}{n or ''}" not in taken)
        taken.add(sam)
        rows.append(
            [
                dn(p),
                "False" if p.left else "True",
                p.first,
                p.name,
                "user",
                sam,
                p.last,
                p.title,
                p.department,
                dn(p.manager) if p.manager else "",
                f"{sam}@lumen.example",
            ]
        )
    return "#TYPE Microsoft.ActiveDirectory.Management.ADUser\r\n" + csv_text(rows, quote_all=True)


def d3_org_chart(people: list[Person]) -> str:
    """d3-org-chart's flat data: id and parentId, the root's parentId empty.

    The chart holds only current staff, and every parentId is a node of it:
    d3-org-chart stratifies the list and refuses a parent it cannot find, so
    a leaver's team already hangs under the leaver's manager."""
    nodes = [
        {
            "id": f"n{p.key}",
            "parentId": f"n{m.key}" if (m := current_manager(p)) else "",
            "name": p.name,
            "positionName": p.title,
            "area": p.department,
            "imageUrl": "",
        }
        for p in people
        if not p.left
    ]
    return json.dumps(nodes, indent=1)


def report_with_title_rows(people: list[Person]) -> str:
    """A spreadsheet report saved as CSV: a title, a date and a blank row above the header."""
    rows = [
        ["Lumen Robotics - Headcount by manager", "", "", ""],
        ["Run on 30 Nov 2026 by Valeska Ostrowski", "", "", ""],
        ["", "", "", ""],
        ["Employee Number", "Employee Name", "Job Title", "Line Manager Number"],
    ]
    for p in people:
        if p.left:
            continue
        m = current_manager(p)
        rows.append([f"{p.key:05d}", p.name, p.title, f"{m.key:05d}" if m else ""])
    return csv_text(rows)


def hr_dataset(people: list[Person]) -> str:
    """An HR analytics dataset: names as 'Last, First'; ManagerID counts managers
    1, 2, 3, ... (another id space than EmpID, and colliding with other id columns),
    so only ManagerName links a row to its manager."""
    managers = [p for p in people if p.reports]
    manager_number = {p.key: i + 1 for i, p in enumerate(managers)}
    rows = [
        [
            "Employee_Name",
            "EmpID",
            "MarriedID",
            "DeptID",
            "PositionID",
            "Position",
            "Department",
            "ManagerName",
            "ManagerID",
            "EmploymentStatus",
            "DateofTermination",
        ]
    ]
    for p in people:
        status = "Active"
        ended = ""
        if p.left:
            status = "Voluntarily Terminated" if p.key % 2 else "Terminated for Cause"
            ended = "6/30/2025"
        rows.append(
            [
                f"{p.last}, {p.first}",
                str(10000 + p.key),
                str(p.key % 2),
                str(1 + p.key % 6),
                str(1 + p.key % 30),
                p.title,
                p.department,
                p.manager.name if p.manager else "",
                str(manager_number[p.manager.key]) if p.manager else "",
                status,
                ended,
            ]
        )
    return csv_text(rows)


AGENCY: Tree = (
    "SECRETARY",
    "Office of the Secretary",
    [
        (
            "DEPUTY SECRETARY",
            "Office of the Secretary",
            [
                (
                    "CHIEF OPERATING OFFICER",
                    "Operations",
                    [
                        (
                            "OPERATIONS MANAGER",
                            "Operations",
                            [(2, "PROGRAM ANALYST", "Operations", [])],
                        )
                    ],
                ),
            ],
        ),
        (
            "CHIEF MARKETING OFFICER",
            "Communications",
            [
                (
                    "MARKETING MANAGER",
                    "Communications",
                    [
                        ("SOCIAL MEDIA SPECIALIST", "Communications", []),
                        ("CONTENT SPECIALIST", "Communications", []),
                        ("EVENTS SPECIALIST", "Communications", []),
                    ],
                ),
            ],
        ),
        ("CHIEF FINANCIAL OFFICER", "Budget", [(2, "BUDGET ANALYST", "Budget", [])]),
    ],
)


def agency(people: list[Person]) -> str:
    """A public agency's published staff list, in capitals, headed by its Secretary."""
    rows = [["Position Number", "Name", "Position Title", "Reports To Position", "Division"]]
    for p in people:
        rows.append(
            [
                f"P-{700 + p.key}",
                f"{p.last.upper()}, {p.first.upper()}",
                p.title,
                f"P-{700 + p.manager.key}" if p.manager else "",
                p.department,
            ]
        )
    return csv_text(rows)


def successfactors(people: list[Person]) -> str:
    """SAP SuccessFactors' user data file: 'User ID' and 'Manager User ID', the
    top's manager NO_MANAGER, a Division beside the Department, and a second
    id column (the HR partner's) that is not who anyone reports to."""
    partner = people[-1]
    rows = [
        [
            "STATUS",
            "USERID",
            "USERNAME",
            "FIRSTNAME",
            "LASTNAME",
            "Job Title",
            "Division",
            "Department",
            "Manager User ID",
            "HR User ID",
        ]
    ]
    for p in people:
        rows.append(
            [
                "inactive" if p.left else "active",
                f"u{70_000 + p.key}",
                p.email.split("@")[0],
                p.first,
                p.last,
                p.title,
                "Corporate",
                p.department,
                f"u{70_000 + p.manager.key}" if p.manager else "NO_MANAGER",
                f"u{70_000 + partner.key}" if p is not partner else "NO_HR",
            ]
        )
    return csv_text(rows)


def personio_german(people: list[Person]) -> str:
    """Personio with German column names, as a German account exports it:
    semicolons, the supervisor by e-mail, 'inaktiv' for leavers."""
    rows = [
        [
            "ID",
            "Vorname",
            "Nachname",
            "E-Mail",
            "Position",
            "Abteilung",
            "Vorgesetzter",
            "Status",
            "Beschäftigungsart",
        ]
    ]
    for p in people:
        rows.append(
            [
                str(9000 + p.key),
                p.first,
                p.last,
                p.email,
                p.title,
                p.department,
                p.manager.email if p.manager else "",
                "inaktiv" if p.left else "aktiv",
                "Vollzeit",
            ]
        )
    return csv_text(rows, delimiter=";")


def adp(people: list[Person]) -> str:
    """ADP Workforce Now: names as 'Last, First', managers by legal name and by
    associate id, ADP's long column names, 'Terminated' in Position Status."""
    rows = [
        [
            "Position ID",
            "Associate ID",
            "Legal Name",
            "Job Title Description",
            "Home Department Description",
            "Reports To Legal Name",
            "Reports To Associate ID",
            "Position Status",
            "Worker Category Description",
        ]
    ]
    for p in people:
        rows.append(
            [
                f"HX{1_000_000 + p.key}",
                f"G3HX{p.key:05d}",
                f"{p.last}, {p.first}",
                p.title,
                p.department,
                f"{p.manager.last}, {p.manager.first}" if p.manager else "",
                f"G3HX{p.manager.key:05d}" if p.manager else "",
                "Terminated" if p.left else "Active",
                "Full Time",
            ]
        )
    return csv_text(rows)


FILES: dict[str, tuple[Callable[[list[Person]], str], bool]] = {
    # file name -> (writer, whether the file lists leavers for the import to set aside)
    "workday-workers.csv": (workday, False),
    "bamboohr-employees.csv": (bamboohr, True),
    "personio-employees.csv": (personio, True),
    "hibob-people.csv": (hibob, True),
    "salesforce-users.csv": (salesforce, True),
    "ad-users.csv": (active_directory, True),
    "d3-org-chart.json": (d3_org_chart, False),
    "headcount-report.csv": (report_with_title_rows, False),
    "hr-dataset.csv": (hr_dataset, True),
    "successfactors-users.csv": (successfactors, True),
    "personio-de-mitarbeiter.csv": (personio_german, True),
    "adp-workforce-now.csv": (adp, True),
}


def write_all() -> Iterator[str]:
    expectations: dict[str, dict[str, Any]] = {}
    for name, (writer, lists_leavers) in FILES.items():
        people = build()
        text = writer(people)
        (HERE / name).write_text(text, encoding="utf-8", newline="")
        # A writer may rename people (two of one name); expectations follow it.
        expectations[name] = expected(people, lists_leavers)
        yield name
    people = build(AGENCY, leavers=())
    (HERE / "agency-staff.csv").write_text(agency(people), encoding="utf-8", newline="")

    def capitals(p: Person) -> str:
        return f"{p.last.upper()}, {p.first.upper()}"

    expectations["agency-staff.csv"] = {
        "reports_to": sorted(
            [capitals(p), capitals(p.manager) if p.manager else None] for p in people
        ),
        "leavers": [],
    }
    yield "agency-staff.csv"
    # One reporting line a row, so a change to the company reads as a small diff.
    files = []
    for name, wanted in expectations.items():
        rows = ",\n".join(
            f"   {json.dumps(pair, ensure_ascii=False)}" for pair in wanted["reports_to"]
        )
        leavers = json.dumps(wanted["leavers"], ensure_ascii=False)
        files.append(f' "{name}": {{\n  "leavers": {leavers},\n  "reports_to": [\n{rows}\n  ]\n }}')
    (HERE / "expected.json").write_text("{\n" + ",\n".join(files) + "\n}\n", encoding="utf-8")


if __name__ == "__main__":
    for written in write_all():
        print(written)
