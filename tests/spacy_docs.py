"""Docs for tests that call one stage's functions: spaCy's statistical pipes only.

The pipeline is `components.build()` (built once per process); Communique's own
components are left out with `disable=COMPONENTS`, as the runner does before it
runs them one by one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline.components import COMPONENTS, build


def parse(text: str) -> Doc:
    """`text` tagged, parsed and split into sentences, with no Communique finding."""
    return next(build().pipe([text], disable=list(COMPONENTS)))


@contextmanager
def statistical() -> Iterator[Language]:
    """The pipeline with Communique's components disabled, for a test module that
    calls `nlp(text)` itself (restored when the module is done)."""
    nlp = build()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        yield nlp
