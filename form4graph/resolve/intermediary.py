"""The party through which an indirect line is held, read from its nature of ownership ("By Ault &
Company, Inc.", "By Spouse", "By 401(k)") or, for "See footnote", from the footnotes it cites."""

from __future__ import annotations

import re
from dataclasses import dataclass

from form4graph.names import party_kind
from form4graph.resolve.text import Aliases, clean_name, find_aliases, prepare, restore, split_names

# ownership-nature notation for the kinds of party that names.party_kind() knows
KIND_NATURE = {
    "Foundation": "foundation", "RetirementAccount": "retirement-account", "Trust": "trust", "Fund": "fund",
    "LimitedLiabilityCompany": "llc", "LimitedPartnership": "limited-partnership", "Company": "company",
}
# unnamed vehicles: words in the nature text -> ownership-nature notation (first match wins)
_UNNAMED = (
    (r"\b(spouse|wife|husband)\b", "spouse"),
    (r"\b(child|children|son|daughter|minor|kids)\b", "child"),
    (r"\b(custodian|utma|ugma|custodial)\b", "custodian"),
    (r"\b(esop|employee stock|savings plan|stock plan|deferred comp\w*|espp)\b", "employee-plan"),
    (r"\b(401\s*\(?k\)?|ira|roth|pension|profit[- ]sharing|retirement|keogh|sep)\b", "retirement-account"),
    (r"\bfoundation\b", "foundation"),
    (r"\bestate planning\b", "unnamed"),
    (r"\b(trusts?|grat|trustee|living trust|family trust)\b", "trust"),
    (r"\bfunds?\b", "fund"),
    (r"\b(llc|l\.l\.c\.?)\b", "llc"),
    (r"\b(limited partnership|partnership|lp|l\.p\.?)\b", "limited-partnership"),
    (r"\b(family|relative|mother|father|parent|sister|brother|household)\b", "family-member"),
    (r"\b(corporation|company|corp|inc)\b", "company"),
)
_SEE_FOOTNOTE = re.compile(r"^\s*(?:see|refer\s+to)?\s*(?:foot\s*notes?|notes?|explanation|remarks?)\b"
                           r"|^\s*see\b|^\s*\(?\d+\)?\s*$|^\s*footnote", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:(?:held\s+)?(?:indirectly\s+)?(?:by|through|via|thru)\s+)(?:the\s+)?", re.IGNORECASE)
_HOLDER = re.compile(
    r"(?:(?:held|owned)(?:\s+of\s+record|\s+directly|\s+indirectly)*\s+(?:by|through)|held\s+indirectly\s+through|"
    r"held\s+in\s+the\s+name\s+of)\s+(?:each\s+of\s+)?(?P<name>[^;]+?)(?=\s*(?:\.\s|\.$|;|$|,?\s+(?:of|for)\s+which\b|"
    r",\s+an?\s+|,?\s+and\s+(?:accordingly|the\s+reporting|may)\b|\s+with\s+respect\b|,\s+except\b))",
    re.IGNORECASE)
_CUSTODIAN = re.compile(r"\b(?:trust company\b.*\bf\W?b\W?o\b|custodian|merrill lynch|morgan stanley|charles schwab|schwab|"
                        r"fidelity|pershing|ubs|e\W?trade|td ameritrade|vanguard|raymond james|wells fargo advisors)",
                        re.IGNORECASE)
_NON_PARTY = re.compile(r"^(?:the\s+)?(?:reporting\s+person|issuer|various|certain|such|these|it|him|her|them|"
                        r"the\s+trust|trust|the\s+spouse)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Intermediary:
    """Who an indirect line is held through: a named party (``name``) or an unnamed vehicle."""

    name: str | None
    nature: str  # a notation of the ownership-nature code list
    rule: str
    span: str
    confidence: float
    footnote_id: str | None = None


def classify_name(name: str) -> str:
    if _CUSTODIAN.search(name):
        return "custodian"
    return KIND_NATURE.get(party_kind(name), "company")


def unnamed_nature(text: str) -> str:
    lowered = text.lower()
    return next((nature for pattern, nature in _UNNAMED if re.search(pattern, lowered)), "unnamed")


def resolve_intermediaries(nature: str | None, footnotes: list[tuple[str, str]],
                           aliases: Aliases | None = None) -> list[Intermediary]:
    """The intermediaries of one indirect line. ``footnotes`` are the (id, text) pairs cited on its
    nature of ownership; ``aliases`` are those the filing's footnotes define."""
    text = " ".join((nature or "").split())
    from_nature = _from_nature(text) if text and not _SEE_FOOTNOTE.match(text) else None
    if from_nature is not None and from_nature.name:
        return [from_nature]
    for footnote_id, footnote_text in footnotes:  # "See footnote", or a generic "By Trust" the footnote names
        found = holders_in(footnote_text, aliases)
        if found and (from_nature is None or len(found) == 1):
            return [Intermediary(name, classify_name(name), "footnote-names-holder", footnote_text, 0.85, footnote_id)
                    for name in found]
    if from_nature is not None:
        return [from_nature]
    for footnote_id, footnote_text in footnotes:
        kinds = {nature for pattern, nature in _UNNAMED if re.search(pattern, footnote_text.lower())}
        if len(kinds) == 1 and kinds != {"unnamed"}:
            return [Intermediary(None, kinds.pop(), "footnote-describes-vehicle", footnote_text, 0.6, footnote_id)]
    first = footnotes[0][0] if footnotes else None
    return [Intermediary(None, "unnamed", "see-footnote-unresolved", text or "", 0.3, first)]


def _from_nature(text: str) -> Intermediary:
    named = clean_name(_BY.sub("", text))
    vehicle = unnamed_nature(named)
    words = re.findall(r"[A-Za-z0-9]+", named)
    generic = {"trust", "trusts", "spouse", "fund", "funds", "llc", "lp", "ira", "family", "partnership", "limited",
               "living", "estate", "planning", "vehicle", "vehicles", "by", "the", "and", "of", "her", "his", "my",
               "wife", "husband", "child", "children", "custodian", "k", "401", "plan", "retirement", "account",
               "revocable", "irrevocable", "corporation", "company", "foundation", "minor", "son", "daughter"}
    if not words or all(w.lower() in generic for w in words):
        return Intermediary(None, vehicle, "nature-names-vehicle-kind", text, 0.9)
    if party_kind(named) == "Person" and vehicle != "unnamed":
        return Intermediary(None, vehicle, "nature-names-vehicle-kind", text, 0.7)
    return Intermediary(named, classify_name(named), "nature-names-party", text, 0.95)


def holders_in(text: str, aliases: Aliases | None = None) -> list[str]:
    """Names of the parties a footnote says hold the securities ("held of record by X")."""
    prepared, aliases = find_aliases(prepare(text), aliases)
    for match in _HOLDER.finditer(prepared):
        names = []
        slot = match.group("name")
        whole = clean_name(slot)
        pieces = split_names(slot)
        if len(pieces) > 1 and party_kind(whole) in KIND_NATURE and any(party_kind(p) == "Person" for p in pieces):
            pieces = [whole]  # "Reid Hoffman and Michelle Yee Living Trust": one trust, not two parties
        for name in pieces:
            if _NON_PARTY.match(name) or not re.search(r"[A-Z]", name):
                continue
            names += [restore(n) for n in aliases.expand(name)]
        if names:
            return names
    return []
