"""Row models of the participant rule data (`data/`), validated when the component
is created: a bad row stops start-up with its file and line."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field, field_validator

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
    """An issuing office (`publishers.yaml`): its principal's title and country; a
    host shared by many offices ("gov.uk") names one by the URL path (`path`, a
    regular expression the path starts with)."""

    host: str = Field(min_length=3)
    path: str | None = None
    role: str
    category: RoleCategory
    country: str = Field(pattern=r"^[A-Z]{2}$")


class OfficeStyleRow(BaseModel):
    """A house style that names the issuing office of a release read without a
    known URL (`office_styles.yaml`): a headline that starts with `pattern` ("PM
    call with ..."), or a letterhead line (one of the first lines) that is
    `pattern` in full ("The White House"); a regular expression, compiled at load.
    A pattern with a group named `country` ("Press Service of the President of
    (?P<country>...)") takes the office's country from the text; else `country`."""

    kind: Literal["headline", "letterhead"]
    pattern: str = Field(min_length=3)
    role: str
    category: RoleCategory
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class MirrorRow(BaseModel):
    """A host that serves another site's pages (`mirrors.yaml`): an archive whose
    path carries the original URL ("web.archive.org/web/<ts>/<url>"), or a proxy
    that spells the original host in its own ("en-kremlin-ru.translate.goog")."""

    host: str = Field(min_length=3)
    kind: Literal["archive", "proxy"]


class InstitutionCueRow(BaseModel):
    """Cue words of the institutional participants (`institutions.yaml`), matched
    lower-cased; read with the cues of cues.yaml."""

    kind: Literal["representatives", "led_by", "met_verb"]
    words: list[str] = Field(min_length=1)


class BareTitleRow(BaseModel):
    """A title that, written bare, names one state's office (`bare_titles.yaml`)."""

    title: str = Field(min_length=1)
    country: str = Field(pattern=r"^[A-Z]{2}$")
