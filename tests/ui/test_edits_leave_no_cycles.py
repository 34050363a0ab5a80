"""Edits, undo, redo and folds leave no garbage in reference cycles.

What an edit keeps is frozen out of the garbage collector's walks (see
ui.document.chart_update), so a cycle among it that later became garbage
would stay until the next opening. In a process of its own: a test process
holds the garbage of earlier tests' windows, found at any later collection.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

SESSION = textwrap.dedent(
    """
    import gc, json, sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox
    from ui.document import settle_heap
    from ui.main_window import MainWindow

    app = QApplication([])
    QMessageBox.question = staticmethod(lambda *_: QMessageBox.StandardButton.Yes)
    folder = Path(sys.argv[1])
    window = MainWindow(
        settings=QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat),
        autosave_folder=folder / "autosave",
    )
    window.show()
    window.files.open_path(sys.argv[2])
    scene, stack, edits = window.scene, window.document.undo_stack, window.edits
    roles = window.document.chart.roles
    top, first, second = roles[0].id, roles[-2].id, roles[-1].id

    def cycle():
        made = []
        made.append(made)

    steps = [
        ("move", lambda: edits.move_roles([second], first)),
        ("undo", stack.undo),
        ("redo", stack.redo),
        ("undo, then an edit that drops the redo", stack.undo),
        ("add", lambda: edits.add_role_of_kind(roles[-1].kind, top)),
        ("rename", lambda: edits.rename_role(first, "Head of Field Marketing")),
        ("select one", lambda: scene.select_roles([first])),
        ("duplicate", edits.duplicate_selected),
        ("copy and paste", lambda: (edits.copy_selected(), edits.paste())),
        ("select some", lambda: scene.select_roles([role.id for role in roles[10:20]])),
        ("delete", edits.delete_selected),
        ("undo the deletion", stack.undo),
        ("fold", lambda: scene.toggle_collapsed(top)),
        ("unfold", lambda: scene.toggle_collapsed(top)),
        ("show two levels", lambda: scene.show_levels(2)),
        ("show all levels", lambda: scene.show_levels(None)),
        ("a cycle made on purpose", cycle),
    ]

    def settle():
        scene.place_pending()
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        app.processEvents()

    settle()
    settle_heap()  # as the window does once a chart is shown: collects what the opening froze
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds goes to gc.garbage
    left, sizes = {}, {}
    for name, step in steps:
        step()
        settle()
        gc.unfreeze()  # what the step froze is looked at too
        gc.collect()
        sizes[name] = len(window.document.chart)
        if gc.garbage:
            left[name] = sorted({type(found).__name__ for found in gc.garbage})
            gc.garbage.clear()
    gc.set_debug(0)
    print(json.dumps({"left": left, "sizes": sizes, "roles": len(roles)}))
    window.document.undo_stack.setClean()
    """
)


def test_edits_undo_redo_and_folds_leave_no_garbage_in_cycles(
    samples: Path, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(tmp_path), str(samples / "enterprise.orgm")],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    grown = seen["roles"] + 3  # added, duplicated, pasted
    sizes = seen["sizes"]
    assert (sizes["copy and paste"], sizes["delete"], sizes["show all levels"]) == (
        grown,
        grown - 10,
        grown,
    )
    # Only the cycle made on purpose: the check finds cycles, and the window's steps make none.
    assert seen["left"] == {"a cycle made on purpose": ["list"]}
