"""Control relationships read from footnote and remark text, by rules over clauses.

Each rule turns one phrasing into statements "X controls (or is deemed to beneficially own what is held
by) Y, as ROLE". Names stay as written (aliases expanded); :mod:`form4graph.resolve.identity` turns
them into parties. ``REPORTING_PERSON`` stands for "the Reporting Person" until the owner is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from form4graph.resolve.text import Aliases, clean_name, find_aliases, last_name_before, prepare, restore, split_names

REPORTING_PERSON = "@reporting-person"

ROLES = (
    "sole managing member", "non-managing member", "managing member", "sole member", "member",
    "managing general partner", "sole general partner", "general partner", "managing partner",
    "chief executive officer", "chief investment officer", "managing director", "director", "president",
    "chairman of the investment committee", "chairman", "co-trustee", "trustee", "sole shareholder",
    "sole stockholder", "controlling stockholder", "controlling shareholder", "stockholder", "shareholder",
    "sole beneficial owner", "beneficial owner", "sole owner", "owner", "investment manager", "investment adviser",
    "investment advisor", "authorized person", "sole limited partner", "limited partner", "manager", "officer",
    "parent",
)
_ROLE = "(?P<role>" + "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in ROLES) + ")s?"
_ARTICLE = r"(?:\((?:i|1)\)\s+)?(?:the\s+|a\s+|an\s+|its\s+|one\s+of\s+the\s+)?(?:indirect\s+)?"
_OF = r"\s+(?:of|for|to)\s+(?:each\s+of\s+)?"
_VERB = r"(?:\s+(?:is|are|was|serves\s+as|serve\s+as|acts\s+as|act\s+as)|,\s*as)\s+"

_COPULAR = re.compile(r"^(?P<subj>.+?)" + _VERB + _ARTICLE + _ROLE + r"(?:\s+and\s+\w+)?" + _OF + r"(?P<obj>.+)$",
                      re.IGNORECASE)
_WHICH = re.compile(r"^(?:which|that|who)(?:,?\s+in\s+turn,?)?" + _VERB + _ARTICLE + _ROLE + _OF + r"(?P<obj>.+)$",
                    re.IGNORECASE)
_ENUMERATED = re.compile(r"^(?:and\s+)?\((?:ii|iii|iv|v|vi|2|3|4)\)\s+" + _ARTICLE + _ROLE + _OF + r"(?P<obj>.+)$",
                         re.IGNORECASE)
_OF_WHICH = re.compile(r"^(?P<obj>.+?),?\s+(?:of|for)\s+which\s+(?P<subj>.+?)\s+(?:is|are|serves?\s+as|acts?\s+as)\s+"
                       + _ARTICLE + r"(?:sole\s+)?" + _ROLE + r"\b", re.IGNORECASE)
_OWNS = re.compile(r"^(?P<subj>.+?)(?:,?\s*which,?\s+in\s+turn,?)?\s+(?:wholly\s+)?owns\s+(?P<obj>.+)$", re.IGNORECASE)
_PASSIVE = re.compile(r"^(?P<obj>.+?)\s+(?:is|are)\s+(?:wholly\s+|indirectly\s+|directly\s+)?"
                      r"(?P<role>owned|controlled|managed)\s+by\s+(?P<subj>.+)$", re.IGNORECASE)
_BENEFICIAL = re.compile(
    r"^(?P<subj>.+?)\s+(?:may\s+be\s+deemed\s+(?:to\s+)?|is\s+deemed\s+(?:to\s+)?|are\s+deemed\s+(?:to\s+)?|"
    r"accordingly,?\s+may\s+be\s+deemed\s+to\s+|has\s+|have\s+|holds\s+|retains\s+|exercises\s+)"
    r"(?P<what>.{0,160}?)\s+(?:held|owned)(?:\s+of\s+record|\s+directly|\s+indirectly)*\s+by\s+(?:each\s+of\s+)?"
    r"(?P<obj>.+)$", re.IGNORECASE)
_BENEFICIAL_WHAT = re.compile(r"beneficial|voting|dispositive|investment\s+power|control", re.IGNORECASE)
_BY_VIRTUE = re.compile(r"^by\s+virtue\s+of\s+being\s+" + _ARTICLE + _ROLE + _OF + r"(?P<obj>.+?),\s+(?P<subj>.+?)\s+"
                        r"(?:may|is|are)\b", re.IGNORECASE)
_THROUGH = re.compile(r"^held\s+indirectly\s+through\s+(?P<obj>.+?),\s+an?\s+entity\s+(?:of\s+)?which\s+(?P<subj>.+?)\s+"
                      r"(?:has|have|holds)\s+(?:sole\s+|shared\s+)?(?:voting|dispositive|investment)", re.IGNORECASE)
_COMMITTEE = re.compile(r"^(?P<subj>.+?)\s+(?:is|are)\s+(?:the\s+|a\s+)?(?:members?|chairman)\s+of\s+the\s+investment\s+"
                        r"committee\s+(?:of|established\s+by)\s+(?P<obj>.+)$", re.IGNORECASE)
_COMMITTEE_INCLUDES = re.compile(r"^voting\s+and\s+dispos\w+\s+decisions\s+at\s+(?P<obj>.+?)\s+with\s+respect.*?"
                                 r"investment\s+committee\s+that\s+includes\s+(?P<subj>.+)$", re.IGNORECASE)
_DISCLAIM = re.compile(r"^(?:each\s+of\s+)?(?P<subj>.+?)\s+disclaims?\s+(?:such\s+)?beneficial\s+ownership"
                       r"(?:.*?\bheld\s+by\s+(?P<obj>.+?)(?:,?\s+except\b|$))?", re.IGNORECASE)
_RP = re.compile(r"^(?:the\s+)?(?:reporting\s+persons?|reporting\s+owner|undersigned)$", re.IGNORECASE)
_MR = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Messrs)\W*\s*", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(
    r";\s*|,\s*(?=(?:which|that)\b)|\s+(?=which,\s+in\s+turn)|,?\s+and\s+(?=\((?:ii|iii|iv)\))|\s+(?=\((?:ii|iii|iv)\)\s)",
    re.IGNORECASE)
_AND_NEW_CLAUSE = re.compile(r",?\s+and\s+(?=[^,;]{1,80}?\s+(?:is|are)\s+(?:the|a|an|one)\s)", re.IGNORECASE)
_HAS_VERB = re.compile(r"\s(?:is|are|was|owns|serves?\s+as|acts?\s+as)\s|,\s*as\s", re.IGNORECASE)
_APPOSITIVE_WHICH = re.compile(r",\s*which\s+is\s+an?\s+[^,]{1,120},\s*(?=is\b)", re.IGNORECASE)
_APPOSITIVE_ROLE = re.compile(r",\s+the\s+" + _ROLE + r"\s+of\s+", re.IGNORECASE)
_SUBSIDIARY = re.compile(r"^(?P<obj>.+?),\s+an?\s+(?:wholly[- ]owned\s+|indirect\s+|direct\s+)?subsidiary\s+of\s+(?P<subj>.+)$",
                         re.IGNORECASE)
_APPOINTED = re.compile(r"^which\s+has\s+been\s+appointed\s+as\s+(?:the\s+)?(?P<role>manager|investment\s+manager|"
                        r"general\s+partner|trustee|investment\s+adviser)\b.*?\bof\s+(?P<obj>[^']+?)'s\b", re.IGNORECASE)
_HELD_BY = re.compile(r"^.*?\b(?:held|owned)(?:\s+of\s+record|\s+directly|\s+indirectly)*\s+by\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Statement:
    """One control statement: ``controller`` controls ``controlled`` as ``role`` (names as written)."""

    controller: str
    controlled: str
    role: str
    rule: str
    span: str
    disclaims: bool = False
    confidence: float = 0.9


def extract_statements(text: str, aliases: Aliases | None = None) -> tuple[list[Statement], Aliases]:
    """All control statements in a footnote or remark (aliases it defines are added to ``aliases``)."""
    prepared, aliases = find_aliases(prepare(text), aliases)
    found: list[Statement] = []
    disclaimers: list[tuple[list[str], list[str] | None]] = []
    for sentence in _sentences(prepared):
        previous_objects: list[str] = []
        enumerated_subjects: list[str] = []
        for clause in _clauses(sentence):
            statements, objects, subjects = _clause_statements(clause, sentence, previous_objects,
                                                               enumerated_subjects, aliases)
            found += statements
            previous_objects = objects or previous_objects
            enumerated_subjects = subjects or enumerated_subjects
        disclaim = _DISCLAIM.search(sentence)
        if disclaim:
            subjects = _names(disclaim.group("subj"), aliases)
            objects = _names(disclaim.group("obj"), aliases) if disclaim.group("obj") else None
            disclaimers.append((subjects, objects))
    return _apply_disclaimers(_dedupe(found), disclaimers), aliases


def _sentences(prepared: str) -> list[str]:
    return [s.rstrip(". ") for s in re.split(r"(?<=[.])\s+(?=[(A-Z\"])", prepared) if s.strip()]


def _clauses(sentence: str) -> list[str]:
    """Split a sentence into clauses: at semicolons, relative "which", enumerations "(ii)", at "and"
    that starts a new "X is the ..." clause after a complete one, and at appositives "X, the ROLE of Y"
    (which become a clause "X is the ROLE of Y" of their own)."""
    sentence = _APPOSITIVE_WHICH.sub(" ", sentence)
    clauses: list[str] = []
    for part in _CLAUSE_SPLIT.split(sentence):
        part = part.strip(" ,")
        if not part:
            continue
        pieces = _AND_NEW_CLAUSE.split(part)
        merged = [pieces[0]]
        for piece in pieces[1:]:
            if _HAS_VERB.search(" " + merged[-1] + " "):
                merged.append(piece)
            else:
                merged[-1] = f"{merged[-1]} and {piece}"
        for clause in merged:
            clauses += _split_appositive(clause)
    return clauses


def _split_appositive(clause: str) -> list[str]:
    match = _APPOSITIVE_ROLE.search(clause)
    if not match:
        return [clause]
    holder = last_name_before(clause[: match.start()])
    if not holder:
        return [clause]
    return [clause[: match.start()], f"{holder} is the {match.group('role')} of {clause[match.end():]}"]


def _clause_statements(clause: str, sentence: str, previous: list[str], enumerated: list[str],
                       aliases: Aliases) -> tuple[list[Statement], list[str], list[str]]:
    span = restore(sentence)

    def make(subjects: list[str], objects: list[str], role: str, rule: str, confidence: float = 0.9) -> list[Statement]:
        return [Statement(s, o, " ".join(role.lower().split()), rule, span, confidence=confidence)
                for s in subjects for o in objects if s and o and s != o]

    for pattern, rule, default_role in (
        (_THROUGH, "held-through-entity-controlled-by", "controls"), (_BY_VIRTUE, "by-virtue-of-role", ""),
        (_OF_WHICH, "of-which-role", ""), (_COMMITTEE_INCLUDES, "investment-committee-includes", ""),
        (_COMMITTEE, "investment-committee-member", ""), (_SUBSIDIARY, "subsidiary-of", "parent"),
    ):
        match = pattern.search(clause)
        if match:
            subjects = _names(match.group("subj"), aliases)
            objects = _names(_HELD_BY.sub("", match.group("obj")), aliases, last_only=rule == "subsidiary-of")
            role = default_role or match.groupdict().get("role") or ""
            if "committee" in rule or "investment committee" in role.lower():
                role = "investment committee member"
            return make(subjects, objects, role, rule), objects, subjects
    match = _APPOINTED.match(clause)
    if match and previous:
        objects = _names(match.group("obj"), aliases)
        return make(previous[-1:], objects, match.group("role"), "appointed-as-role-of", 0.8), objects, []
    match = _WHICH.match(clause)
    if match and previous:
        objects = _names(match.group("obj"), aliases)
        return make(previous[-1:], objects, match.group("role"), "which-is-role-of"), objects, []
    match = _ENUMERATED.match(clause)
    if match and enumerated:
        objects = _names(match.group("obj"), aliases)
        return make(enumerated, objects, match.group("role"), "enumerated-role-of"), objects, enumerated
    match = _COPULAR.match(clause)
    if match and not re.search(r"\bbeneficiar", match.group("subj") + match.group("obj"), re.IGNORECASE):
        plural = re.search(r"\s(?:are|serve|act)\s", clause[match.end("subj"): match.start("role")] + " ")
        subjects = _names(match.group("subj"), aliases, last_only=not plural)
        objects = _names(match.group("obj"), aliases)
        statements = make(subjects, objects, match.group("role"), "is-role-of")
        also = _BENEFICIAL.match(clause)  # "X is the manager of Y and may be deemed to ... held by Z"
        if also and _BENEFICIAL_WHAT.search(also.group("what")):
            statements += make(subjects, _names(also.group("obj"), aliases), "beneficial owner",
                               "deemed-beneficial-owner", 0.8)
        return statements, objects, subjects
    match = _PASSIVE.match(clause)
    if match:
        objects = _names(match.group("obj"), aliases, last_only=True)
        role = {"owned": "owner", "controlled": "controls", "managed": "manager"}[match.group("role").lower()]
        return make(_names(match.group("subj"), aliases), objects, role, "is-owned-by"), objects, []
    match = _BENEFICIAL.match(clause)
    if match and _BENEFICIAL_WHAT.search(match.group("what")):
        objects = _names(match.group("obj"), aliases)
        return make(_names(match.group("subj"), aliases), objects, "beneficial owner", "deemed-beneficial-owner",
                    0.8), objects, []
    match = _OWNS.match(clause)
    if match:
        subject_text = match.group("subj")
        subjects = previous[-1:] if re.search(r"\bwhich\b", subject_text) and previous else _names(subject_text, aliases)
        objects = _names(match.group("obj"), aliases, last_only=False)
        return make(subjects, objects[:1], "owner", "owns"), objects, []
    return [], [], []


def _names(slot: str | None, aliases: Aliases, last_only: bool = False) -> list[str]:
    """Party names in a slot of text, aliases expanded, "the Reporting Person" as REPORTING_PERSON."""
    if not slot:
        return []
    slot = re.split(r",?\s+(?:and\s+)?(?:is|are|may|has|have|as\s+a\s+result|except|by\s+virtue|which|in\s+such)\b",
                    slot, maxsplit=1, flags=re.IGNORECASE)[0]
    slot = re.sub(r"^(?:as\s+a\s+result,?\s+|accordingly,?\s+|in\s+addition,?\s+|each\s+of\s+)", "", slot.strip(),
                  flags=re.IGNORECASE)
    names: list[str] = []
    for raw in split_names(slot) or ([clean_name(slot)] if _RP.match(clean_name(slot)) else []):
        name = clean_name(raw)
        if _RP.match(name):
            names.append(REPORTING_PERSON)
            continue
        name = _MR.sub("", name)
        if re.match(r"^(?:shares|securities|these|such|it|he|she|its|his|her)\b", name, re.IGNORECASE):
            continue
        names += [restore(n) for n in aliases.expand(name)]
    if last_only and len(names) > 1:
        tail = last_name_before(slot)
        return [restore(n) for n in aliases.expand(tail)] if tail else names[-1:]
    return names


def _dedupe(statements: list[Statement]) -> list[Statement]:
    seen: dict[tuple[str, str], Statement] = {}
    for statement in statements:
        seen.setdefault((statement.controller.casefold(), statement.controlled.casefold()), statement)
    return list(seen.values())


def _apply_disclaimers(statements: list[Statement], disclaimers: list[tuple[list[str], list[str] | None]]) -> list[Statement]:
    """A party that disclaims beneficial ownership in a text disclaims it on each of its edges there."""
    disclaiming = {subject for subjects, _objects in disclaimers for subject in subjects}
    out = []
    for statement in statements:
        disclaims = statement.controller in disclaiming
        out.append(Statement(statement.controller, statement.controlled, statement.role, statement.rule,
                             statement.span, disclaims, statement.confidence))
    return out
