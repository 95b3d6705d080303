"""Row models of the participant rule data (`data/`), validated when the component
is created: a bad row stops start-up with its file and line."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from communique.models import RoleCategory


class TitleRow(BaseModel):
    """A title head (`titles.jsonl`): its role category, a state the title itself
    implies, and whether it belongs to an international body when its body is one."""

    title: str = Field(min_length=1)
    category: RoleCategory
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    international: bool = False


class OrganizationRow(BaseModel):
    """A body a participant can represent (`organizations.jsonl`)."""

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    international: bool = True


CueKind = Literal["modifier", "org_head", "delegation", "not_participant", "name_particle",
                  "participation", "speech", "region", "joint_verb", "bodies", "attribution",
                  "portfolio", "state_noun", "speaker_title"]


class CueRow(BaseModel):
    """Cue words of one kind (`cues.yaml`), matched lower-cased."""

    kind: CueKind
    words: list[str] = Field(min_length=1)


WordKind = Literal["connector", "name_stop", "honorific", "gap_honorific", "not_name_token",
                   "aide_modifier", "aide_noun", "aide_link", "plural_head", "deputy",
                   "foreign_affairs", "subject_dep", "subject_path_dep", "group_noun",
                   "list_opener", "stance_verb", "stance_noun", "head_category",
                   "not_home_category", "international_category", "possessive",
                   "stance_country_dep"]


class WordsRow(BaseModel):
    """A word list of the scanner (`words.yaml`), kept as written and in order
    (some are matched case-sensitively, some build a pattern)."""

    kind: WordKind
    words: list[str] = Field(min_length=1)


class CategoryRow(BaseModel):
    """One role category in diplomatic rank order (`category_rank.yaml`, highest
    first): of two titles held at once, the higher one names the role category."""

    category: RoleCategory


class PublisherRow(BaseModel):
    """An issuing office (`publishers.yaml`): its principal's title and country."""

    host: str = Field(min_length=3)
    role: str
    category: RoleCategory
    country: str = Field(pattern=r"^[A-Z]{2}$")
