"""Tests of the run room (communique/pipeline/run/)."""
