"""spaCy entry points: every Communique component can be added to a plain spaCy pipeline
by name, in a fresh environment where only `pip install .` was run."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import textwrap
import tomllib
import venv
from pathlib import Path

import pytest
import spacy

from communique.pipeline.components import COMPONENTS

ROOT = Path(__file__).resolve().parents[2]


def entry_points() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["entry-points"]["spacy_factories"]


def test_every_component_has_an_entry_point_to_its_factory() -> None:
    points = entry_points()
    assert sorted(points) == sorted(COMPONENTS)
    nlp = spacy.blank("en")
    for name, target in points.items():
        module, function = target.split(":")
        assert callable(getattr(importlib.import_module(module), function))
        assert type(nlp.add_pipe(name)).__module__ == module


# What a spaCy user writes: no `import communique` anywhere.
USER_SCRIPT = textwrap.dedent("""
    import sys
    import spacy
    from spacy.lang.en import English
    from thinc.api import Config

    nlp = spacy.blank("en")
    nlp.add_pipe("communique_dates")
    doc = nlp("The talks were held on 13 March 2019 in the capital.")
    print([(s.text, s._.date.start) for s in doc.spans["communique_dates"]])
    config = Config().from_str('''
    [nlp]
    lang = "en"
    pipeline = ["communique_dates"]
    [components]
    [components.communique_dates]
    factory = "communique_dates"
    date_order = "DMY"
    ''')
    nlp = English.from_config(config)
    print(nlp.pipe_names, nlp.get_pipe("communique_dates").date_order)
    print(all("site-packages" in m.__file__ for n, m in sys.modules.items()
              if n.startswith("communique")))
""")


def source_copy(tmp_path: Path) -> Path:
    """What `pip install .` needs, copied out of the clone: building there would leave
    a build/ folder in the working tree."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "communique", copy / "communique",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    return copy


@pytest.mark.slow
def test_a_fresh_environment_adds_a_component_by_name(tmp_path: Path) -> None:
    env = tmp_path / "env"
    venv.create(env, with_pip=True, system_site_packages=False)
    python = env / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(source_copy(tmp_path))],
                   check=True, capture_output=True, timeout=1200)
    found = subprocess.run([str(python), "-c", USER_SCRIPT], check=True, capture_output=True,
                           text=True, cwd=tmp_path, timeout=300)
    assert found.stdout.splitlines() == [
        "[('13 March 2019', '2019-03-13')]",
        "['communique_dates'] DMY",
        "True",
    ]
