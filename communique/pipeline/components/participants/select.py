"""Which mentions take part in an event (called by the record's assembly).

The component finds mentions over the whole release; an event's participants
are the mentions in the sentences that report it (and the headline), those who
act in its other sentences, and the release's principal for the main event --
one participant per person (or per unnamed role and country).
"""

from __future__ import annotations

from communique.models import Participant
from communique.pipeline.components.participants import country
from communique.pipeline.components.participants.lexicon import lexicon
from communique.pipeline.components.participants.mentions import Mention, person_tokens


def participation_sents(event_type: str, sentences: list[int], text: str,
                        bounds: list[tuple[int, int]]) -> list[int]:
    """Sentences of the event that say who took part ("X took part in its work",
    "the Japanese side was represented by"), and, for meetings, who spoke there
    ("according to the Prime Minister")."""
    cues = lexicon().cue("participation")
    if event_type != "phone_call":
        cues = cues | lexicon().cue("speech")
    found = []
    for s in sentences:
        if s < len(bounds):
            low = text[bounds[s][0] : bounds[s][1]].lower()
            if any(cue in low for cue in cues):
                found.append(s)
    return found


def participants(text: str, event_sents: list[int], mentions: list[Mention],
                 trigger_sents: list[int], index: int) -> list[Participant]:
    """Mentions in the sentences that report the event (`trigger_sents`), people who
    act in its other sentences (`event_sents`: "the Minister and P. Szijjarto
    considered ..."), plus the release's principal for the main event (`index` 0)
    unless someone else of the principal's country stands for it there (a Deputy
    Head of the Office on the phone); one participant per person (or per country)."""
    named = [m for m in mentions if m.name and m.role and m.country]
    joint, met = lexicon().cue("joint_verb"), lexicon().cue("met_verb")
    chosen: list[Mention] = []
    for m in mentions:
        if m.mentioned_only:
            continue
        acting = m.sent in event_sents and (m.subject_of in joint or bool(m.object_of & met))
        if any(s in trigger_sents for s in m.sents or (m.sent,)) or acting:
            chosen.append(country.named_counterpart(m, named))
    principal = next((m for m in mentions if m.principal and not m.mentioned_only), None)
    if index == 0 and principal and not any(
            m.name and m.country == principal.country for m in chosen):
        chosen.insert(0, principal)  # named elsewhere, the office's principal took part
    return dedupe(text, chosen)


def dedupe(text: str, chosen: list[Mention]) -> list[Participant]:
    """One entry per person (shared name token), per unnamed role and country."""
    not_name = lexicon().word_set("not_name_token")
    out: list[Participant] = []
    keys: list[set[str]] = []
    seen_unnamed: set[tuple] = set()
    for m in chosen:
        if m.name:
            toks = person_tokens(m.name, not_name)
            match = next((n for n, k in enumerate(keys) if k & toks), None)
            if match is not None:
                if not out[match].role and m.role:
                    out[match] = m.to_participant(text)
                    keys[match] = toks
                continue
            keys.append(toks)
            out.append(m.to_participant(text))
        else:
            key = (m.kind, (m.role or "").lower(), m.country.code if m.country else None)
            if key in seen_unnamed or not country.unnamed_needs_country(m):
                continue
            seen_unnamed.add(key)
            keys.append(set())
            out.append(m.to_participant(text))
    return out
