"""Which column says who each row reports to: chosen by evidence, not by count.

Every candidate column (ids, names, e-mails) is resolved; a candidate's
support is how many rows it links, less a heavy penalty for each line that
puts a chief, president or director under an individual contributor or an
assistant. Candidates that name the same manager row by row confirm each
other; one that disagrees is left out, with the reason in the report.
"""

from __future__ import annotations

from attrs import frozen

from orgmodel.importing.managers import Keys, Resolver, Row
from orgmodel.importing.plausibility import Implausible, Ranks, implausible_lines
from orgmodel.importing.shape import Shape
from orgmodel.importing.vocabulary import MANAGER_FIELDS, RESOLVED_METHODS, clean

IMPLAUSIBLE_WEIGHT = 10
"""One senior under a junior outweighs this many resolved lines."""
AGREEING = 0.9
"""Two columns agree when they name the same manager on this share of the rows both resolve."""
SHOWN = 5
"""Rows named in a sentence before "and N more"."""


@frozen
class Reading:
    """One candidate column read as the manager column."""

    field: str
    index: int
    header: str
    results: list[tuple[str, str | None]]
    """(method, row id) per row, as :meth:`Resolver.resolve` returns them."""
    resolved: int
    implausible: list[Implausible]

    @property
    def support(self) -> int:
        return self.resolved - IMPLAUSIBLE_WEIGHT * len(self.implausible)


@frozen
class Managers:
    targets: list[str | None]
    """Each row's manager id, in row order."""
    methods: list[str]
    """How each row's manager was found (id, email, name, none, ...), in row order."""
    column: str | None
    choice: str
    resolved: dict[str, int]
    unresolved: list[tuple[int, str]]
    ambiguous: list[tuple[int, str]]
    tops: list[tuple[int, str]]
    """(position, value) of references read as "reports to nobody"."""
    implausible: tuple[str, ...]
    """Lines of the chosen column that still put a senior under a junior."""
    notes: tuple[str, ...] = ()


def _read(
    field: str,
    index: int,
    rows: list[Row],
    shape: Shape,
    keys: Keys,
    resolver: Resolver,
    ranks: Ranks,
) -> Reading:
    results = [
        resolver.resolve(clean(row.cells[index]) if index < len(row.cells) else "", field, row.id)
        for row in rows
    ]
    titles = [shape.text(row.cells, "title") for row in rows]
    numbers = [keys.number_of.get(t) if t is not None else None for _m, t in results]
    return Reading(
        field=field,
        index=index,
        header=shape.headers[index],
        results=results,
        resolved=sum(1 for method, _ in results if method in RESOLVED_METHODS),
        implausible=implausible_lines(titles, numbers, ranks),
    )


def _agreement(a: Reading, b: Reading) -> tuple[int, int]:
    """(same, both): rows both readings resolve, and how many name the same manager."""
    same = both = 0
    for (ma, ta), (mb, tb) in zip(a.results, b.results, strict=True):
        if ma in RESOLVED_METHODS and mb in RESOLVED_METHODS:
            both += 1
            same += ta == tb
    return same, both


def _lines(positions: list[int], unit: str) -> str:
    shown = ", ".join(str(p) for p in positions[:SHOWN])
    more = f" and {len(positions) - SHOWN} more" if len(positions) > SHOWN else ""
    return f"{unit}{'s' if len(positions) > 1 else ''} {shown}{more}"


def _why_not(other: Reading, best: Reading, rows: list[Row], shape: Shape, unit: str) -> str:
    reasons = []
    same, both = _agreement(other, best)
    if both and same < AGREEING * both:
        reasons.append(f"names a different manager on {both - same} of {both} rows")
    elif both and same == both:
        reasons.append(f"names the same manager on all {both} rows both resolve")
    if not other.resolved:
        against = shape.header("id") if other.field == "manager" else "the names or e-mails"
        what = f"{against!r}" if other.field == "manager" else against
        reasons.append(f"matched no value of {what}")
    else:
        reasons.append(f"resolved {other.resolved}")
    if other.implausible:
        where = _lines([rows[i.row].position for i in other.implausible], unit)
        reasons.append(
            f"would put {len(other.implausible)} chiefs, presidents or directors under an "
            f"individual contributor or an assistant ({where})"
        )
    return f"not {other.header!r}: it {', '.join(reasons)}"


def _named(row: Row, shape: Shape) -> str:
    title = shape.text(row.cells, "title")
    who = row.person or f"id {row.id}"
    return f"{who} ({title})" if title else who


def implausible_report(
    reading: Reading, rows: list[Row], shape: Shape, unit: str
) -> tuple[str, ...]:
    """One sentence per junior manager with seniors under them, naming the rows."""
    under: dict[int, list[int]] = {}
    for line in reading.implausible:
        under.setdefault(line.manager, []).append(line.row)
    sentences = []
    for manager, seniors in under.items():
        boss = rows[manager]
        names = ", ".join(
            f"{_named(rows[s], shape)} on {unit} {rows[s].position}" for s in seniors[:SHOWN]
        )
        more = f" and {len(seniors) - SHOWN} more" if len(seniors) > SHOWN else ""
        sentences.append(
            f"{unit} {boss.position}: {_named(boss, shape)} is the manager of "
            f"{names}{more}; a senior role under a junior one is unlikely, check the "
            f"{reading.header!r} column"
        )
    return tuple(sentences)


def choose_managers(
    rows: list[Row],
    shape: Shape,
    keys: Keys,
    resolver: Resolver,
    ranks: Ranks,
    unit: str = "line",
) -> Managers:
    """Resolve every row's manager from the best-supported candidate column."""
    readings = [_read(f, i, rows, shape, keys, resolver, ranks) for f, i in shape.candidates]
    # On equal support an id beats an e-mail, an e-mail a name: keys are unique, names may not be.
    order = sorted(readings, key=lambda r: (-r.support, MANAGER_FIELDS.index(r.field)))
    best = order[0]
    agreeing = [r for r in order[1:] if _agrees(r, best)]
    choice = ""
    if len(readings) > 1:
        how = f"resolved {best.resolved} of {len(rows)} rows' managers"
        if best.implausible:
            how += f", {len(best.implausible)} of them implausible"
        others = "; ".join(_why_not(r, best, rows, shape, unit) for r in order[1:])
        choice = f"read reporting lines from {best.header!r}, which {how}; {others}"
    targets: list[str | None] = []
    methods: list[str] = []
    resolved = dict.fromkeys(RESOLVED_METHODS, 0)
    unresolved: list[tuple[int, str]] = []
    ambiguous: list[tuple[int, str]] = []
    tops: list[tuple[int, str]] = []
    notes: list[str] = []
    read_as: list[tuple[int, str]] = []
    for number, row in enumerate(rows):
        method, target = best.results[number]
        if method == "none":
            # An empty cell may be filled in a column that agrees with this one.
            for other in agreeing:
                other_method, other_target = other.results[number]
                if other_method in RESOLVED_METHODS:
                    method, target = other_method, other_target
                    break
        value = clean(row.cells[best.index]) if best.index < len(row.cells) else ""
        if method in RESOLVED_METHODS:
            resolved[method] += 1
            if value in resolver.read_as:
                read_as.append((row.position, value))
            if target is not None and (value, row.id) in resolver.not_itself:
                notes.append(
                    f"{unit} {row.position}, column {best.header!r}: {value!r} is the name of "
                    f"this row and of one other ({unit} {keys.position_of[target]}); "
                    "read as the other, as a role does not report to itself"
                )
        elif method == "ambiguous":
            ambiguous.append((row.position, value))
        elif method == "unresolved":
            unresolved.append((row.position, target or ""))
        elif method in ("outside", "placeholder"):
            tops.append((row.position, value))
            meaning = (
                "answers for the company from outside it"
                if method == "outside"
                else "stands for nobody (a placeholder id)"
            )
            notes.append(
                f"{unit} {row.position}, column {best.header!r}: {value!r} is not in the file "
                f"but {meaning}; read as the top of the chart"
            )
        targets.append(target)
        methods.append(method)
    if read_as:
        position, value = read_as[0]
        notes.append(
            f"{_lines([p for p, _v in read_as], unit)}, column {best.header!r}: a manager "
            "written as a name and a part in brackets that no row's name has is read as the "
            f"name alone ({unit} {position}: {value!r} read as {resolver.read_as[value]!r})"
        )
    top = _common_parent_of_the_roots(unresolved, targets, rows)
    if top is not None:
        value, positions = top
        unresolved = [(p, v) for p, v in unresolved if v != value]
        targets = [None if t == value else t for t in targets]
        tops += [(p, value) for p in positions]
        notes.append(
            f"{_lines(positions, unit)}, column {best.header!r}: {value!r} matches no row and "
            "is the manager of the top of the chart only (the organisation itself, or who "
            "owns it); read as reporting to nobody"
        )
    return Managers(
        targets=targets,
        methods=methods,
        column=best.header,
        choice=choice,
        resolved={m: n for m, n in resolved.items() if n},
        unresolved=unresolved,
        ambiguous=ambiguous,
        tops=tops,
        implausible=implausible_report(best, rows, shape, unit),
        notes=tuple(notes),
    )


def _agrees(other: Reading, best: Reading) -> bool:
    same, both = _agreement(other, best)
    return not both or same >= AGREEING * both


TOP_REFERENCES = 2
"""At most this many rows may share a missing manager that is read as the top."""


def _common_parent_of_the_roots(
    unresolved: list[tuple[int, str]], targets: list[str | None], rows: list[Row]
) -> tuple[str, list[int]] | None:
    """The one missing manager reference that the top of the chart shares:
    (value, positions), when no row reports to nobody, that value is the only
    one matching no row, a row or two have it, and each of them heads others."""
    values = {value for _position, value in unresolved}
    if len(values) != 1 or len(unresolved) > TOP_REFERENCES or None in targets:
        return None
    value = values.pop()
    positions = [position for position, _value in unresolved]
    heads = {row.id for row in rows if row.position in positions}
    if len(rows) > len(heads) and not heads <= set(targets):
        return None
    return value, positions
