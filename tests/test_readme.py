"""The README's Python examples and the public API's docstring examples, run as doctests
(so `make test` fails when the documented API stops doing what it says)."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import communique
from communique import _api, _tables

ROOT = Path(__file__).resolve().parents[1]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.slow
def test_readme_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples read corpus/releases
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False,
                              optionflags=FLAGS, verbose=False)
    assert result.attempted == 19
    assert result.failed == 0


@pytest.mark.parametrize("module", [communique, _api, _tables], ids=lambda m: m.__name__)
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0
