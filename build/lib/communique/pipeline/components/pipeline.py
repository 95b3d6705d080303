"""The whole Communique pipeline: spaCy's statistical pipes, then our components.

`build(settings)` loads the model once per process and adds the components in
the order their findings are needed: the frames that qualify events (planned,
recalled, setting) first, then events, dates, places, participants and topics,
and last the record that gives each finding to its event. `nlp.pipe_names` shows the whole
pipeline, `nlp.analyze_pipes()` what each component assigns; the spaCy-only
baseline is the same object with `nlp.select_pipes(disable=COMPONENTS)`.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from communique.models import DocumentRecord, RawDocument
from communique.pipeline.components.context import make_doc

# importing a factory module registers its component with spaCy
from communique.pipeline.components.dates import factory as _dates  # noqa: F401
from communique.pipeline.components.events import factory as _events  # noqa: F401
from communique.pipeline.components.participants import factory as _participants  # noqa: F401
from communique.pipeline.components.places import factory as _places  # noqa: F401
from communique.pipeline.components.qualifiers import factory as _qualifiers  # noqa: F401
from communique.pipeline.components.record import factory as _record  # noqa: F401
from communique.pipeline.components.topics import factory as _topics  # noqa: F401
from communique.pipeline.settings import Settings

COMPONENTS = (
    "communique_qualifiers",
    "communique_events",
    "communique_dates",
    "communique_places",
    "communique_participants",
    "communique_topics",
    "communique_record",
)


def component_config(name: str, settings: Settings) -> dict:
    """The settings a component takes from the run's settings."""
    return {"date_order": settings.date_order} if name == "communique_dates" else {}


@cache
def _build(settings_json: str) -> Language:
    settings = Settings.model_validate_json(settings_json)
    nlp = spacy.load(settings.model)
    nlp.max_length = 10_000_000  # size is limited by Settings.max_chars, not spaCy
    for name in COMPONENTS:
        nlp.add_pipe(name, config=component_config(name, settings))
    return nlp


def build(settings: Settings | None = None) -> Language:
    """The pipeline for `settings`, built once per process (every component's rule
    data is loaded and every matcher validated here, before the first document)."""
    return _build((settings or Settings()).model_dump_json())


def extract(nlp: Language, raw: RawDocument) -> DocumentRecord:
    """The record of one release: `raw` through the whole pipeline `nlp` (as `build`
    makes it). The runner pipes many documents at once; this is the one-document way."""
    return nlp(make_doc(nlp, raw))._.record
