"""Corpus-level linking: who is who and which event is which across releases.

Runs after extraction over a run's finished records (records.jsonl), never
inside the per-document pipeline: it needs the whole run to decide that
"Putin" in one release and "Vladimir Putin" in another are one person, or
that two presidencies' readouts report one call. Everything here streams
over records and keeps state per distinct person / event, not per document.
"""
