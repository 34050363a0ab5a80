"""`make run` registers the app and the .orgm file type with the desktop."""

from __future__ import annotations

import configparser
import subprocess
import xml.etree.ElementTree as ElementTree
from fnmatch import fnmatch
from pathlib import Path

from orgmodel.fileformat import SUFFIX

REPO = Path(__file__).resolve().parents[2]
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def install(tmp_path: Path, gui: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(REPO / "scripts" / "install-desktop.sh"), str(gui)],
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_menu_entry_opens_the_app_on_orgm_files(tmp_path: Path) -> None:
    gui = tmp_path / "my apps" / "orgmodel-gui"
    gui.parent.mkdir()
    gui.touch()
    result = install(tmp_path, gui)
    assert result.returncode == 0, result.stderr

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(tmp_path / "applications" / "orgmodel.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"] == f'"{gui}" %f'

    mime = ElementTree.parse(tmp_path / "mime" / "packages" / "orgmodel.xml")
    mime_type = mime.find("m:mime-type", MIME_NS)
    assert mime_type is not None
    assert desktop["MimeType"].rstrip(";").split(";") == [mime_type.get("type")]
    globs = [g.get("pattern", "") for g in mime_type.findall("m:glob", MIME_NS)]
    assert any(fnmatch(f"chart{SUFFIX}", pattern) for pattern in globs)


def test_a_path_the_entry_cannot_quote_is_refused(tmp_path: Path) -> None:
    gui = tmp_path / "price$" / "orgmodel-gui"
    gui.parent.mkdir()
    gui.touch()
    result = install(tmp_path, gui)
    assert result.returncode == 1
    assert "cannot write a menu entry" in result.stderr
    assert not (tmp_path / "applications" / "orgmodel.desktop").exists()
