"""docs/BAD_INPUT.md quotes the messages the code gives for the hostile cases."""

from __future__ import annotations

from pathlib import Path

from communique.pipeline.ingest.decode import DecodeError, check_nesting
from communique.pipeline.run import NothingProcessed, orchestrate

DOC = (Path(__file__).resolve().parents[2] / "docs" / "BAD_INPUT.md").read_text(encoding="utf-8")


def test_the_doc_quotes_the_worker_death_error():
    assert f"`{orchestrate.WORKER_DIED}`" in DOC
    assert f"`{orchestrate.WORKER_DIED_HINT}`" in DOC


def test_the_doc_quotes_the_nothing_processed_lines():
    assert f"`error: {NothingProcessed(0)}`" in DOC
    assert f"`error: {NothingProcessed(7)}`".replace("(7)", "(N)") in DOC


def test_the_doc_quotes_the_html_depth_error():
    try:
        check_nesting("<div>" * 1001)
    except DecodeError as exc:
        assert (f"`{exc.reason}`", f"`{exc.hint}`") == (
            "`HTML nested too deep (over 1,000 levels)`",
            "`this is not an ordinary page: save its text as .txt`")
        assert f"`{exc.reason}`" in DOC and f"`{exc.hint}`" in DOC
    else:
        raise AssertionError("1,001 levels were accepted")
