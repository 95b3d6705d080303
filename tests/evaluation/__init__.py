"""Tests of the evaluation room (communique/pipeline/evaluation/)."""
