"""Phrase trimming: an item's token range cut to the noun phrase that names it.

Relative, adverbial and purpose clauses, specifier phrases ("including ..."),
leading determiners and prepositions, trailing qualifiers ("with due regard to
...", stoplist kind "qualifier") and over-long elaborations are not part of a
topic. What splitting lifts out (conjuncts, list members) comes in as `lifted`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.pipeline.components.topics.cues import is_specifier, preceded_by_specifier
from communique.pipeline.components.topics.words import topic_words

#: Dependencies that open a clause, never part of a topic's noun phrase.
CLAUSE_CUT_DEPS = frozenset({"relcl", "advcl", "parataxis", "appos"})
#: Tuning: a phrase longer than this (in tokens) is cut at its first comma.
MAX_ITEM_TOKENS = 24


def trimmed(head: Token, lifted: set[int]) -> tuple[int, int]:
    """The noun phrase of `head`: its subtree without the `lifted` tokens (the other
    items splitting found), clauses and specifiers."""
    drop = set(lifted)
    for child in head.children:
        if cuts_clause(child) or _verb_adjunct(head, child) or (child.dep_ == "prep" and (
            child.lower_ in topic_words().specifier_preps or is_specifier(child)
            or preceded_by_specifier(child)
        )):
            drop.update(t.i for t in child.subtree)
    for token in head.subtree:  # "the accord, the only document for ...": an afterthought
        if token.i != head.i and token.i not in drop and _afterthought(token):
            drop.update(t.i for t in token.subtree)
    tokens = [t for t in head.subtree if t.i not in drop]
    start, end = _contiguous(tokens, head)
    doc = head.doc
    if start + 3 < end and doc[start : start + 3].text.lower() == "as well as":
        start += 3
    while start < end - 1 and (doc[start].pos_ in {"DET", "PUNCT", "CCONJ", "ADP"}
                               or (doc[start].dep_ == "poss" and doc[start].pos_ == "PRON")
                               or doc[start].lower_ in {"to"}):
        start += 1
    while end > start + 1 and doc[end - 1].pos_ in {"PUNCT", "CCONJ", "ADP", "DET"}:
        if doc[end - 1].text in {'"', "”", ")"}:
            break
        end -= 1
    end = before_qualifier(doc, start, end)
    if end - start > MAX_ITEM_TOKENS:
        end = _cut_long(doc, start, end)
    return start, end


def before_qualifier(doc: Doc, start: int, end: int) -> int:
    """Cut a trailing qualifier that is not part of the subject ("the Middle East agenda
    with due regard to ...", "resuming talks as soon as possible"): stoplist kind
    "qualifier", matched on lower-cased words."""
    phrases = topic_words().qualifiers
    firsts = {phrase[0] for phrase in phrases}
    words = [t.lower_ for t in doc[start:end]]
    for j in range(2, len(words)):
        if words[j] in firsts:
            for phrase in phrases:
                if tuple(words[j : j + len(phrase)]) == phrase:
                    return start + j
    return end


def _verb_adjunct(head: Token, child: Token) -> bool:
    """'consistently and fully implementing X', 'not deploying X', 'rolling X back to ...':
    a gerund's adverbs and negation, and what follows its object, are no part of what was
    discussed; a clause with its own subject keeps its negation."""
    if head.pos_ != "VERB":
        return False
    if child.dep_ == "mark":
        return True  # "(the fact) that X happened"
    if child.dep_ not in {"advmod", "neg", "npadvmod"}:
        return False
    if child.i > head.i:  # "rolling X back to where it was", "visiting Oslo these days"
        return any(c.dep_ == "dobj" and c.i < child.i for c in head.children)
    return not any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children)  # "did not" stays


def _afterthought(token: Token) -> bool:
    """An apposition, relative or participle clause, or a specifier ("including ...") after a
    comma deep in the phrase."""
    if token.dep_ == "prep" and is_specifier(token):
        return after_comma(token)
    if token.dep_ not in {"appos", "relcl", "acl"} or not after_comma(token):
        return False
    return not any(c.dep_ == "conj" for c in token.children)  # "X, the economy, science"


def cuts_clause(child: Token) -> bool:
    """Relative, adverbial and purpose clauses are not part of a topic's noun phrase."""
    if child.dep_ == "appos" and _after_name_dash(child):
        return False  # "the Peru – Andean Forum": one name
    if child.dep_ in CLAUSE_CUT_DEPS:
        return child.dep_ != "relcl" or after_comma(child)
    if child.dep_ == "acl" and after_comma(child):
        return True
    return child.dep_ == "punct" and _is_break(child)


def _is_break(token: Token) -> bool:
    """A semicolon, an opening bracket or a free-standing dash ends a noun phrase."""
    if token.text in {";", "("}:
        return True
    spaced = bool(token.whitespace_) or (token.i > 0 and bool(token.nbor(-1).whitespace_))
    return token.text in {"–", "—", "-"} and spaced and not _links_names(token)


def _after_name_dash(token: Token) -> bool:
    """The phrase of `token` follows a dash that joins two names."""
    first = token.left_edge.i
    return first > 0 and token.doc[first - 1].text in {"–", "—", "-"} and _links_names(
        token.doc[first - 1])


def _links_names(dash: Token) -> bool:
    """'the Chile – Peru – Bolivia railway': a dash between two names joins them in a name."""
    doc = dash.doc
    return (0 < dash.i < len(doc) - 1 and doc[dash.i - 1].pos_ == "PROPN"
            and doc[dash.i + 1].pos_ == "PROPN")


def after_comma(token: Token) -> bool:
    """The phrase of `token` follows a comma (an afterthought, not a modifier)."""
    first = min(t.i for t in token.subtree)
    return first > 0 and token.doc[first - 1].text == ","


def _contiguous(tokens: list[Token], head: Token) -> tuple[int, int]:
    """The longest gap-free run of `tokens` around `head`."""
    indices = sorted(t.i for t in tokens)
    start = end = head.i
    present = set(indices)
    while start - 1 in present:
        start -= 1
    while end + 1 in present:
        end += 1
    # a comma or "as well as" left inside still marks a break
    doc = head.doc
    for i in range(head.i + 1, end + 1):
        if _is_break(doc[i]) or (doc[i].text == "," and doc[i].dep_ != "punct"):
            return start, i
    return start, end + 1


def _cut_long(doc: Doc, start: int, end: int) -> int:
    """A long phrase ends at its first comma (the rest is elaboration)."""
    for i in range(start + 3, end):
        if doc[i].text in {",", ";"}:
            return i
    return start + MAX_ITEM_TOKENS

