"""Tests of the writers room (communique/pipeline/writers/)."""
