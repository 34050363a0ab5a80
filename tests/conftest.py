from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Machines here are shared and noisy: a slow example is not a failure (speed
# is measured by `make bench`, not by tests).
settings.register_profile("orgmodel", deadline=None)
settings.load_profile("orgmodel")

# Qt tests run headless unless a display is asked for explicitly.
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "resources" / "samples"


@pytest.fixture
def samples() -> Path:
    return SAMPLES
