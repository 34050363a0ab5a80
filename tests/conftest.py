from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

import pytest
from hypothesis import settings

# Machines here are shared and noisy: a slow example is not a failure (speed
# is measured by `make bench`, not by tests).
settings.register_profile("orgmodel", deadline=None)
settings.load_profile("orgmodel")

# The core installs without Qt (`pip install orgmodel`): there, only the app's
# tests are left out, and the Qt test settings in pyproject.toml (read by
# pytest-qt) are declared so that they are not reported as unknown.
QT_INSTALLED = find_spec("PySide6") is not None
collect_ignore = [] if QT_INSTALLED else ["ui"]


def pytest_addoption(parser: pytest.Parser) -> None:
    if find_spec("pytestqt") is None:
        for name in ("qt_api", "qt_log_level_fail", "qt_log_ignore"):
            parser.addini(name, "a pytest-qt setting; pytest-qt is not installed")


# Qt tests run headless unless a display is asked for explicitly.
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "resources" / "samples"


@pytest.fixture
def samples() -> Path:
    return SAMPLES
