"""Party names: normalisation for identity (legal forms, punctuation, case) and the kind of party a
name denotes (person, company, LLC, limited partnership, fund, trust, foundation, ...).

Used to mint IRIs for parties known only by name and to type reporting owners, whose XML does not
say whether they are a person or an entity.
"""

from __future__ import annotations

import re
import unicodedata

# Legal-form spellings -> one canonical token (applied to the casefolded, punctuation-free name).
_LEGAL_FORMS: tuple[tuple[str, str], ...] = (
    (r"\bl\s?l\s?c\b|\blimited liability company\b", "llc"),
    (r"\bl\s?l\s?p\b|\blimited liability partnership\b", "llp"),
    (r"\bl\s?p\b|\blimited partnership\b", "lp"),
    (r"\bincorporated\b|\binc\b", "inc"),
    (r"\bcorporation\b|\bcorp\b", "corp"),
    (r"\bcompany\b|\bco\b", "co"),
    (r"\blimited\b|\bltd\b", "ltd"),
    (r"\bpublic limited company\b|\bplc\b", "plc"),
    (r"\bn\s?a\b|\bnational association\b", "na"),
)
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")

# Name patterns -> party kind (first match wins); matched against the normalised name.
_KINDS: tuple[tuple[str, str], ...] = (
    (r"\bfoundation\b", "Foundation"),
    (r"\b(ira|401 ?k|roth|pension|profit sharing|retirement|esop|keogh|sep)\b", "RetirementAccount"),
    (r"\b(trust|trustee|trusts|grat|revocable|irrevocable)\b", "Trust"),
    (r"\b(fund|funds|fonds|portfolio)\b", "Fund"),
    (r"\bllc\b", "LimitedLiabilityCompany"),
    (r"\b(lp|llp|partners|partnership|lllp)\b", "LimitedPartnership"),
    (r"\b(inc|corp|co|ltd|plc|na|ag|sa|nv|bv|gmbh|holdings|holding|group|capital|management|bank|"
     r"ventures|investments|advisors|advisers|associates|securities|technologies|bancorp|enterprises)\b", "Company"),
)
_COMPILED_FORMS = tuple((re.compile(pattern), token) for pattern, token in _LEGAL_FORMS)
_COMPILED_KINDS = tuple((re.compile(pattern), kind) for pattern, kind in _KINDS)


def normalise_name(name: str) -> str:
    """A key under which spellings of one party's name agree.

    NFKC, casefold, ``&`` -> ``and``, punctuation dropped, legal forms unified (Inc./Incorporated,
    Ltd/Limited, L.P./LP, Co./Company, LLC/L.L.C.), a leading "the" dropped, whitespace collapsed.
    """
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    text = re.sub(r"(?<=\b\w)\.(?=\w\.)", "", text)  # L.L.C. -> LLC., L.P. -> LP.
    text = _NON_WORD.sub(" ", text.replace(".", " "))
    text = _SPACES.sub(" ", text).strip()
    for pattern, token in _COMPILED_FORMS:
        text = pattern.sub(token, text)
    text = re.sub(r"^the ", "", text)
    return _SPACES.sub(" ", text).strip()


def slug(text: str) -> str:
    """A readable IRI segment: lower-case ASCII words joined by hyphens (never empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words)[:120] or "unnamed"


def party_kind(name: str | None) -> str:
    """The ontology class local name for a party called ``name``: ``Person`` unless the name carries
    an organisational marker (legal form, trust, fund, foundation, retirement account)."""
    if not name:
        return "Party"
    key = normalise_name(name)
    for pattern, kind in _COMPILED_KINDS:
        if pattern.search(key):
            return kind
    return "Person"


ENTITY_KINDS = frozenset({"Company", "LimitedLiabilityCompany", "LimitedPartnership", "Fund", "Trust",
                          "Foundation", "RetirementAccount"})
