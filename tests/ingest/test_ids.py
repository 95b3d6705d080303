"""Doc ids are the user's (issue 11, item 5): any id string comes back exactly as given,
through ingest and through the record written to records.jsonl; only file names
derived from an id are made safe, and two ids never share one."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from communique.models import DocumentRecord, RawDocument
from communique.pipeline.ingest import IngestOptions, iter_documents
from communique.pipeline.ingest.documents import file_name_for

TEXT = ("The Minister of Foreign Affairs met the Ambassador of Japan in the capital. "
        "The sides discussed cooperation in trade, transport and culture.")

# any text but the blank ones (a blank id falls back to "<file>-<line>") and lone
# surrogates (no UTF-8 output can store them; ingest refuses them with an error)
IDS = st.text(min_size=1, max_size=400).filter(lambda s: s.strip() != "")


@settings(max_examples=150, deadline=None)
@given(doc_id=IDS)
def test_any_id_round_trips_unchanged(tmp_path_factory, doc_id: str) -> None:
    path = tmp_path_factory.mktemp("ids") / "rows.jsonl"
    path.write_text(json.dumps({"id": doc_id, "text": TEXT}) + "\n", encoding="utf-8")
    items = list(iter_documents([path], IngestOptions(check_language=False)))
    assert len(items) == 1 and isinstance(items[0], RawDocument)
    assert items[0].doc_id == doc_id
    record = DocumentRecord(doc_id=items[0].doc_id, source=items[0].source)
    line = record.model_dump_json()
    assert DocumentRecord.model_validate_json(line.encode("utf-8")).doc_id == doc_id


def test_a_file_stem_is_the_id_as_written(tmp_path: Path) -> None:
    path = tmp_path / "Press release №7 (final).txt"
    path.write_text(TEXT, encoding="utf-8")
    [doc] = list(iter_documents([path], IngestOptions(check_language=False)))
    assert doc.doc_id == "Press release №7 (final)"


def test_file_names_for_ids_are_safe_and_unique() -> None:
    assert file_name_for("meeting-in-oslo", ".json") == "meeting-in-oslo.json"
    unsafe = file_name_for("../../etc/passwd")
    assert "/" not in unsafe and not unsafe.startswith(".")
    assert unsafe.startswith("_.._etc_passwd-") and len(unsafe) == len("_.._etc_passwd-") + 10
    assert file_name_for("a/b") != file_name_for("a_b")
    long_names = {file_name_for("x" * 300 + str(i)) for i in range(3)}
    assert len(long_names) == 3
    assert all(len(n.encode("utf-8")) == 161 for n in long_names)
