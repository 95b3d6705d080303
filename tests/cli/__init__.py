"""Tests of the cli room (communique/pipeline/cli/)."""
