"""Tests of the ingest room (communique/pipeline/ingest/)."""
