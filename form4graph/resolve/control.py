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
_ENUMERATED = re.compile(r"^(?:and\s+)?(?:\((?:ii|iii|iv|v|vi|2|3|4)\)\s+|(?:is|are)\s+)" + _ARTICLE + _ROLE + _OF
                         + r"(?P<obj>.+)$", re.IGNORECASE)
_OF_WHICH = re.compile(r"^(?P<obj>.+?),?\s+(?:of|for)\s+which\s+(?P<subj>.+?)\s+(?:is|are|serves?\s+as|acts?\s+as)\s+"
                       + _ARTICLE + r"(?:sole\s+)?" + _ROLE + r"\b", re.IGNORECASE)
_OWNS = re.compile(r"^(?P<subj>.+?)(?:,?\s*which,?\s+in\s+turn,?)?\s+(?:wholly\s+)?owns\s+(?P<obj>.+)$", re.IGNORECASE)
_PASSIVE = re.compile(r"^(?P<obj>.+?)\s+(?:is|are)\s+(?:wholly\s+|indirectly\s+|directly\s+)?"
                      r"(?P<role>owned|controlled|managed)\s+by\s+(?P<subj>.+)$", re.IGNORECASE)
_BENEFICIAL = re.compile(
    r"^(?P<subj>.+?)\s+(?:may\s+be\s+deemed\s+(?:to\s+)?|is\s+deemed\s+(?:to\s+)?|are\s+deemed\s+(?:to\s+)?|"
    r"accordingly,?\s+may\s+be\s+deemed\s+to\s+|has\s+|have\s+|holds\s+|retains\s+|exercises\s+)"
    r"(?P<what>.{0,160}?)\s+(?:held|owned)(?:\s+of\s+record|\s+directly|\s+indirectly|\s+presently)*\s+(?:by|in)\s+"
    r"(?:each\s+of\s+)?(?P<obj>.+)$", re.IGNORECASE)
_BENEFICIAL_THE_SHARES = re.compile(
    r"^(?P<subj>.+?)\s+(?:holds|has|have|retains|exercises)\s+(?:sole\s+|shared\s+)?(?:voting|dispositive|investment)"
    r"[\w\s,]*?\s+(?:power|control)\s+(?:over|with\s+respect\s+to)\s+(?:the|such|these)\s+(?:shares|securities)$",
    re.IGNORECASE)
_HOLDER_STATEMENT = re.compile(r"\b(?:held|owned)(?:\s+of\s+record|\s+directly|\s+indirectly)*\s+by\s+(?:the\s+)?"
                               r"(?P<obj>[A-Z][^;]*?)(?=,\s+an?\s|,?\s+(?:of|for)\s+which|\s+for\s+which|$)")
_BACK_REFERENCE = re.compile(r"^(?:the|such|said)\s+(?:subsidiary|entity|trust|partnership|fund|company|shares)$",
                             re.IGNORECASE)
_THESE_ENTITIES = re.compile(r"^(?:each\s+of\s+)?(?:these|such|the\s+foregoing)\s+(?:entities|persons|parties)$",
                             re.IGNORECASE)
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
_AND_NEW_CLAUSE = re.compile(r",?\s+and\s+(?=(?:(?:(?!\sand\s)[^,;]){1,80}?\s+)?(?:is|are)\s+(?:the|a|an|one)\s)"
                             r"|,?\s+and\s+(?=the\s+" + _ROLE.replace("(?P<role>", "(?:") + r"\s+of\s)|,\s+and\s+(?=(?:each|both)\s+of\b)",
                             re.IGNORECASE)
_AND_THE_ROLE = re.compile(r"^(?:and\s+)?the\s+" + _ROLE + _OF + r"(?P<obj>.+)$", re.IGNORECASE)
_ROLE_OF_HOLDER = re.compile(r"^(?P<subj>.+?)" + _VERB + r"(?:the\s+|a\s+|an\s+)?(?:sole\s+)?" + _ROLE + r"$", re.IGNORECASE)
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
    holders: list[str] = []
    for sentence in _sentences(prepared):
        previous_objects: list[str] = []
        enumerated_subjects: list[str] = []
        last_subjects: list[str] = []
        holder = _HOLDER_STATEMENT.search(sentence)
        if holder:
            holders = _names(holder.group("obj"), aliases, single=True) or holders
        for clause in _clauses(sentence):
            coordinated = _AND_THE_ROLE.match(clause)
            if coordinated and last_subjects:  # "..., which is the GP of A and the managing member of B"
                objects = _names(coordinated.group("obj"), aliases)
                statements = [Statement(s, o, " ".join(coordinated.group("role").lower().split()), "and-the-role-of",
                                        restore(sentence)) for s in last_subjects for o in objects if s != o]
                subjects: list[str] = []
            else:
                statements, objects, subjects = _clause_statements(clause, sentence, previous_objects,
                                                                   enumerated_subjects, aliases)
            statements = _resolve_references(statements, holders, found)
            found += statements
            if statements:
                last_subjects = list(dict.fromkeys(s.controller for s in statements))
            previous_objects = objects or previous_objects
            enumerated_subjects = subjects or enumerated_subjects
        disclaim = _DISCLAIM.search(sentence)
        if disclaim:
            disclaimers.append((_names(disclaim.group("subj"), aliases),
                                _names(disclaim.group("obj"), aliases) if disclaim.group("obj") else None))
    return _apply_disclaimers(_dedupe(found), disclaimers), aliases


def _resolve_references(statements: list[Statement], holders: list[str], earlier: list[Statement]) -> list[Statement]:
    """"the shares" / "such subsidiary" -> the holder the text named; "each of these entities" -> every
    controller named so far; statements about the Issuer itself are dropped (insider roles are known)."""
    out = []
    for statement in statements:
        controlled = [statement.controlled]
        if _BACK_REFERENCE.match(statement.controlled):
            controlled = holders
        controllers = [statement.controller]
        if _THESE_ENTITIES.match(statement.controller):
            controllers = list(dict.fromkeys(s.controller for s in earlier if s.controller != REPORTING_PERSON))
        for controller in controllers:
            for target in controlled:
                if controller == target or re.match(r"^(?:the\s+)?issuer\b", target, re.IGNORECASE):
                    continue
                out.append(Statement(controller, target, statement.role, statement.rule, statement.span,
                                     statement.disclaims, statement.confidence))
    return out


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

    match = _BENEFICIAL_THE_SHARES.match(clause)
    if match:
        return make(_names(match.group("subj"), aliases), ["the shares"], "beneficial owner", "power-over-the-shares",
                    0.8), [], []
    for pattern, rule, default_role in (
        (_THROUGH, "held-through-entity-controlled-by", "controls"), (_BY_VIRTUE, "by-virtue-of-role", ""),
        (_OF_WHICH, "of-which-role", ""), (_COMMITTEE_INCLUDES, "investment-committee-includes", ""),
        (_COMMITTEE, "investment-committee-member", ""), (_SUBSIDIARY, "subsidiary-of", "parent"),
    ):
        match = pattern.search(clause)
        if match:
            subjects = _names(match.group("subj"), aliases)
            objects = _names(_HELD_BY.sub("", match.group("obj")), aliases, last_only=rule == "subsidiary-of",
                             single=rule == "of-which-role")
            role = default_role or match.groupdict().get("role") or ""
            if "committee" in rule or "investment committee" in role.lower():
                role = "investment committee member"
            statements = make(subjects, objects, role, rule)
            also = _BENEFICIAL.match(clause)  # "By virtue of being ..., the reporting person may be deemed ..."
            if also and rule in ("by-virtue-of-role", "investment-committee-member") \
                    and _BENEFICIAL_WHAT.search(also.group("what")):
                statements += make(subjects, _names(also.group("obj"), aliases), "beneficial owner",
                                   "deemed-beneficial-owner", 0.8)
            return statements, objects, subjects
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
    match = _ROLE_OF_HOLDER.match(clause)  # "Mr. Hoffman and his spouse serve as trustees" (of the holder)
    if match and not re.search(r"\bbeneficiar", clause, re.IGNORECASE):
        subjects = _names(match.group("subj"), aliases)
        return make(subjects, ["the trust"], match.group("role"), "is-role-of-holder", 0.8), [], subjects
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


def _names(slot: str | None, aliases: Aliases, last_only: bool = False, single: bool = False) -> list[str]:
    """Party names in a slot of text, aliases expanded, "the Reporting Person" as REPORTING_PERSON.
    ``single``: the slot names one party even if it has "and" in it ("Reid Hoffman and Michelle Yee
    Living Trust")."""
    if not slot:
        return []
    slot = re.sub(r"^(?:on\s+the\s+basis\s+of|by\s+virtue\s+of|as\s+a\s+result\s+of|in\s+(?:his|her|its)\s+capacity\s+as)"
                  r"[^,]*,\s*", "", slot.strip(), flags=re.IGNORECASE)
    slot = re.split(r",?\s+(?:and,?\s+)?(?:accordingly|is|are|may|has|have|as\s+a\s+result|except|by\s+virtue|which|"
                    r"in\s+such|for\s+which|of\s+which)\b|,\s+and\s+(?:each|both|all)\s+of\b", slot, maxsplit=1,
                    flags=re.IGNORECASE)[0]
    reference = clean_name(re.sub(r"^each\s+of\s+", "", slot.strip(), flags=re.IGNORECASE))
    if _BACK_REFERENCE.match(reference) or _THESE_ENTITIES.match(reference):
        return [reference]
    if single:
        name = clean_name(slot)
        return [REPORTING_PERSON] if _RP.match(name) else ([restore(n) for n in aliases.expand(name)] if name else [])
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
