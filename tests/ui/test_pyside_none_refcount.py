"""Guard against PySide6 6.12.0's leak of references to None (see pyproject.toml).

On CPython 3.11 that release drops a reference to None on every Qt call that
returns nothing; after a few thousand calls the interpreter aborts with
"Fatal Python error: none_dealloc". The calls run in a child process so that
an abort fails this test rather than the whole run.
"""

from __future__ import annotations

import subprocess
import sys

CALLS = 20_000

PROBE = f"""
import sys
from PySide6.QtCore import QObject

holder = QObject()
before = sys.getrefcount(None)
for _ in range({CALLS}):
    holder.setObjectName("probe")  # returns nothing
after = sys.getrefcount(None)
print(before, after)
"""


def test_void_qt_calls_keep_none_alive() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"the interpreter died: {result.stderr[-500:]}"
    before, after = map(int, result.stdout.split())
    assert after >= before - CALLS // 100, f"None lost {before - after} references"
