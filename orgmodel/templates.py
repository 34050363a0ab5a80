"""Stage templates: charts to start from, one per business stage.

Each template is a TOML file in ``resources/templates/``: a name, a business
stage, a paragraph saying when it fits (citing sources by title), and its
roles, every seat vacant and planned, each with the responsibilities it holds.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from attrs import frozen

from orgmodel.model import Chart, Role, Stage

TEMPLATE_ORDER = ("startup", "scale-up", "enterprise")
"""The order templates are listed in: by the size of the organisation."""


class UnknownTemplateError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"there is no template {name!r}; use one of {', '.join(template_names())}")
        self.name = name


@frozen
class Template:
    id: str
    name: str
    stage: Stage
    description: str
    chart: Chart


def _folder() -> Any:
    return resources.files("orgmodel.resources").joinpath("templates")


def template_names() -> list[str]:
    """Ids of the shipped templates, smallest organisation first."""
    found = {
        entry.name.removesuffix(".toml")
        for entry in _folder().iterdir()
        if entry.name.endswith(".toml")
    }
    known = [name for name in TEMPLATE_ORDER if name in found]
    return known + sorted(found - set(known))


def _role(data: dict[str, Any]) -> Role:
    return Role(
        id=data["id"],
        title=data["title"],
        kind=data["kind"],
        manager=data.get("manager"),
        responsibilities=data["holds"],
        planned=True,  # a template is a design: its seats are hires to come
    )


@cache
def load_template(name: str) -> Template:
    """The template ``name``; :class:`UnknownTemplateError` when there is none."""
    if name not in template_names():
        raise UnknownTemplateError(name)
    with _folder().joinpath(f"{name}.toml").open("rb") as file:
        data = tomllib.load(file)
    stage = Stage(data["stage"])
    chart = Chart(data["name"], stage, [_role(r) for r in data["role"]])
    description = " ".join(data["description"].split())
    return Template(name, data["name"], stage, description, chart)


def templates() -> list[Template]:
    return [load_template(name) for name in template_names()]
