"""Active Directory exports (Get-ADUser -Properties Manager | Export-Csv): the
manager is a distinguished name. Resolved against the DistinguishedName
column, else its CN against people's names (ambiguity reported, never
guessed); disabled accounts are leavers. All names are invented."""

from __future__ import annotations

import csv
from pathlib import Path

from orgmodel.importing.pipeline import import_csv

from .csvfiles import managers

DOMAIN = "DC=fabrikam,DC=example"
FIRST = ["Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Indigo", "Jules"]
LAST = ["Aldana", "Brisco", "Cordova", "Dunmore", "Eskola", "Fairweather", "Galindo", "Hollis"]
FUNCTIONS = [
    (
        "Marketing",
        "Chief Marketing Officer",
        "Marketing Director",
        "Marketing Manager",
        "Content Specialist",
    ),
    (
        "Operations",
        "Chief Operating Officer",
        "Operations Director",
        "Operations Manager",
        "Operations Analyst",
    ),
    ("Finance", "Chief Financial Officer", "Finance Director", "Finance Manager", "Accountant"),
    ("Sales", "VP Sales", "Sales Director", "Sales Manager", "Sales Representative"),
]
HEADER = [
    "SamAccountName",
    "Name",
    "DisplayName",
    "GivenName",
    "Surname",
    "UserPrincipalName",
    "Title",
    "Department",
    "Manager",
    "DistinguishedName",
    "Enabled",
]


def dn(cn: str, ous: list[str]) -> str:
    return ",".join([f"CN={cn.replace(',', chr(92) + ',')}", *(f"OU={o}" for o in ous), DOMAIN])


def build() -> tuple[list[dict[str, str]], dict[str, str | None]]:
    """About 200 users, their true managers by account name."""
    users: list[dict[str, str]] = []
    truth: dict[str, str | None] = {}
    counter = iter(range(10_000))

    def add(
        title: str,
        department: str,
        ous: list[str],
        boss: dict[str, str] | None,
        name: str | None = None,
        enabled: str = "True",
    ) -> dict[str, str]:
        n = next(counter)
        first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
        if n >= len(FIRST) * len(LAST):
            last += "-" + LAST[(n // (len(FIRST) * len(LAST))) % len(LAST)]
        if name:
            first, last = name.split()
        sam = f"u{n:04d}"
        cn = f"{first} {last}"
        user = {
            "SamAccountName": sam,
            "Name": cn,
            "DisplayName": cn,
            "GivenName": first,
            "Surname": last,
            "UserPrincipalName": f"{sam}@fabrikam.example",
            "Title": title,
            "Department": department,
            "Manager": boss["DistinguishedName"] if boss else "",
            "DistinguishedName": dn(cn, ous),
            "Enabled": enabled,
        }
        users.append(user)
        truth[sam] = boss["SamAccountName"] if boss else None
        return user

    ceo = add("Chief Executive Officer", "Executive", ["Executives", "Users"], None)
    for title in ("Executive Assistant", "Chief of Staff", "General Counsel", "Board Liaison"):
        add(title, "Executive", ["Executives", "Users"], ceo)
    for function, chief, director, manager, ic in FUNCTIONS:
        ous = [function, "Departments", "Users"]
        head = add(chief, function, ous, ceo)
        for d in range(3):
            lead = add(director, function, [f"Team{d}", *ous], head)
            for m in range(3):
                name = (
                    "Jordan Ellis"
                    if (function, d, m) in {("Marketing", 0, 0), ("Sales", 1, 2)}
                    else None
                )
                enabled = "False" if (function, d, m) == ("Operations", 2, 1) else "True"
                boss = add(manager, function, [f"Team{d}", *ous], lead, name, enabled)
                for _ in range(4):
                    add(ic, function, [f"Team{d}", *ous], boss)
    return users, truth


def write(tmp_path: Path, users: list[dict[str, str]], header: list[str]) -> Path:
    path = tmp_path / "ad-users.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as file:
        writer = csv.DictWriter(file, header, extrasaction="ignore", quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(users)
    return path


def test_dn_managers_resolve_against_the_distinguished_name_column(tmp_path: Path) -> None:
    users, truth = build()
    assert len(users) >= 200
    report = import_csv(write(tmp_path, users, HEADER))
    lines = managers(report)
    disabled = next(u for u in users if u["Enabled"] == "False")
    assert disabled["SamAccountName"] not in lines
    assert report.leavers == 1
    for sam, boss in truth.items():
        if sam == disabled["SamAccountName"]:
            continue
        expected = truth[disabled["SamAccountName"]] if boss == disabled["SamAccountName"] else boss
        assert lines[sam] == expected, sam
    assert [s for s, b in lines.items() if b is None] == ["u0000"]
    assert report.managers_resolved == {"dn": len(users) - 2}
    assert report.ambiguous_managers == () and report.unresolved_managers == ()
    assert len(report.reattached) == 4


def test_without_a_dn_column_the_cn_is_matched_by_name_and_a_shared_name_is_reported(
    tmp_path: Path,
) -> None:
    users, truth = build()
    header = [h for h in HEADER if h != "DistinguishedName"]
    report = import_csv(write(tmp_path, users, header))
    lines = managers(report)
    jordans = [u["SamAccountName"] for u in users if u["Name"] == "Jordan Ellis"]
    under_jordan = [s for s, b in truth.items() if b in jordans]
    assert len(under_jordan) == 8
    for sam in under_jordan:
        assert lines[sam] is None  # not guessed
    assert len(report.ambiguous_managers) == 8
    assert all(
        value.startswith("CN=Jordan Ellis,OU=Team") for _, value in report.ambiguous_managers
    )
    disabled = next(u["SamAccountName"] for u in users if u["Enabled"] == "False")
    for sam, boss in truth.items():
        if sam == disabled:
            assert sam not in lines
        elif sam not in under_jordan:
            assert lines[sam] == (truth[disabled] if boss == disabled else boss), sam


def test_an_escaped_comma_in_a_cn(tmp_path: Path) -> None:
    path = tmp_path / "ad.csv"
    path.write_text(
        "SamAccountName,DisplayName,Title,Manager\n"
        'eandrade,"Andrade, Eulalia",Chief Executive Officer,\n'
        "rokafor,Ruben Okafor,Chief Marketing Officer,"
        '"CN=Andrade\\, Eulalia,OU=Users,DC=x,DC=example"\n',
        encoding="utf-8",
    )
    assert managers(import_csv(path)) == {"eandrade": None, "rokafor": "eandrade"}
