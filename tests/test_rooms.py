"""The rooms of communique/pipeline/: only cli/ imports typer and rich, and no room imports cli.

Checked twice: in the source (every import statement, module level or inside
a function), and by importing each room in a fresh interpreter and looking
at `sys.modules` (spaCy itself imports typer and rich, so the rooms must not
pull spaCy in at import time either: it is loaded when a run first needs it).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PIPELINE = Path(__file__).resolve().parents[1] / "communique" / "pipeline"
ROOMS = ("ingest", "run", "writers", "evaluation")
UI = {"typer", "rich", "click"}


def _imported(path: Path) -> set[str]:
    """Top-level names of every module `path` imports (absolute imports)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _modules_outside_cli() -> list[Path]:
    return [p for p in sorted(PIPELINE.rglob("*.py")) if "cli" not in p.relative_to(PIPELINE).parts]


@pytest.mark.parametrize("path", _modules_outside_cli(), ids=lambda p: str(p.relative_to(PIPELINE)))
def test_no_module_outside_cli_imports_the_ui_or_cli(path: Path) -> None:
    imported = _imported(path)
    assert {name.split(".")[0] for name in imported} & UI == set()
    assert [name for name in imported if name.startswith("communique.pipeline.cli")] == []


@pytest.mark.parametrize("room", ROOMS)
def test_importing_a_room_imports_neither_typer_nor_rich(room: str) -> None:
    code = (f"import sys, communique.pipeline.{room}\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            f"{sorted(UI)!r} or m.startswith('communique.pipeline.cli')))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert found == "[]"


def test_the_cli_room_exposes_the_console_script() -> None:
    from communique.pipeline.cli import app

    assert {c.name for c in app.registered_commands} >= {"run", "evaluate", "review"}
