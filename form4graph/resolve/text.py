"""Text handling for footnotes and remarks: sentences, defined aliases, name slots and lists.

Footnotes write names with commas and periods inside them ("Sequoia Capital U.S. Venture 2010 Fund,
L.P."), define short aliases for them (``("UGP II")``, ``(the "Sponsor")``, ``or collectively, the SC
2010 Funds``) and chain statements over several sentences. These helpers keep names whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEGAL_SUFFIX = r"(?:L\.\s?L\.\s?C\.?|L\.\s?L\.\s?P\.?|L\.\s?P\.?|LLLP|LLC|LLP|LP|Inc\.?|Incorporated|Ltd\.?|Limited|Corp\.?|Corporation|Co\.|N\.\s?A\.|PLC|plc|S\.A\.|AG|GmbH|B\.V\.|N\.V\.)"
_SUFFIX_COMMA = re.compile(r"\s*,\s*(?=" + LEGAL_SUFFIX + r"(?![\w]))")
_JOIN = "\u2063"  # invisible separator standing in for a comma inside a name
# Periods that never end a sentence (titles, initials, "U.S.") and those of legal suffixes that are
# followed by a lower-case word, a comma or a bracket ("Ltd. is", "Inc. (the ...)").
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Messrs|Jr|Sr|No|St|U\.S|dtd|fbo|f/b/o)\.(?=\s)|(?<![\w-])(?<!L\.)(?<!N\.)(?<!S\.)(?<!B\.)[A-Z]\.(?=\s)"
    r"|\b(?:Inc|Ltd|Co|Corp|L\.P|L\.L\.C|N\.A|S\.A|B\.V|N\.V)\.(?=\s+[a-z(\"]|[,;)\"])"
)
_ROLE_OF = re.compile(r"^.*\b(?:Officer|Partner|Member|Manager|Director|President|Trustee|Chairman|Shareholder|"
                      r"Stockholder|Owner|Adviser|Advisor|Committee)s?\s+of\s+", re.IGNORECASE)
_DOT = "\u2024"  # one-dot leader standing in for a period that does not end a sentence
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})
_ALIAS = re.compile(r"\(\s*(?:the\s+|each,?\s+(?:an?\s+)?)?\"?([^\"()]{1,40}?)\"?\s*\)", re.IGNORECASE)
_COLLECTIVE = re.compile(r",?\s*\(?\s*(?:or\s+)?(?:collectively|together),?\s+(?:the\s+)?\"?([A-Z][\w .&/-]{1,40}?)\"?\s*\)?"
                         r"(?=[.;,)]|$)")
_NAME_TOKEN = re.compile(r"^(?:[A-Z0-9\"'(][^\s]*|of|and|&|de|du|del|la|van|von|for|fbo|f/b/o|dated|dtd|FBO|U/T/D|-|the)$")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_LEADING = re.compile(r"^(?:and|or|each of|both of|all of|the|of|by|in|as|which|that|to|with respect to|,|\s|"
                      r"(?:on|as of)\s+" + _MONTH + r"\s+\d{1,2},?\s+\d{4},?|" + _MONTH + r"\s+\d{1,2},?\s+\d{4},?|"
                      r"(?:on the basis of|by virtue of|as a result of|in (?:his|her|its) capacity as)[^,]*,)+",
                      re.IGNORECASE)
_TRAILING = re.compile(r"[\s,;:.]+$")


_CONTINUED = re.compile(r"\(\s*continued\s+(?:from|on)\s+(?:foot\s*note|note)s?\s*\d*\s*\)\s*", re.IGNORECASE)


def prepare(text: str) -> str:
    """Straight quotes, one space, commas before legal suffixes joined, non-final periods protected."""
    text = _CONTINUED.sub("", " ".join(text.translate(_QUOTES).split()))
    text = _SUFFIX_COMMA.sub(_JOIN + " ", text)
    return _ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + _DOT, text)


def restore(text: str) -> str:
    """Undo :func:`prepare` for a span that is shown to users."""
    return text.replace(_JOIN, ",").replace(_DOT, ".")


def sentences(prepared: str) -> list[str]:
    parts = re.split(r"(?<=[.;])\s+(?=[(A-Z\"])", prepared)
    return [p.strip() for p in parts if p.strip()]


@dataclass(slots=True)
class Aliases:
    """Short names a text defines for parties or groups of parties."""

    names: dict[str, list[str]] = field(default_factory=dict)

    def expand(self, name: str) -> list[str]:
        key = _alias_key(name)
        for candidate in (key, _alias_key(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE))):
            if candidate in self.names:
                return self.names[candidate]
        return [name]

    def define(self, alias: str, full: list[str]) -> None:
        key = _alias_key(alias)
        if key and full and key not in {_alias_key(f) for f in full}:
            self.names.setdefault(key, full)


def _alias_key(name: str) -> str:
    key = " ".join(restore(name).replace('"', "").split()).strip(" ,.").casefold()
    return re.sub(r"^(?:the|mr|mrs|ms|dr|messrs)\.?\s+", "", key)


def find_aliases(prepared: str, aliases: Aliases | None = None) -> tuple[str, Aliases]:
    """Record the aliases each sentence defines; return the text with the definitions removed."""
    aliases = aliases or Aliases()
    cleaned = [_sentence_aliases(sentence, aliases) for sentence in sentences(prepared)]
    return " ".join(cleaned), aliases


def _sentence_aliases(prepared: str, aliases: Aliases) -> str:
    out = []
    last = 0
    for match in _ALIAS.finditer(prepared):
        alias = match.group(1).strip()
        quoted = '"' in match.group(0)
        follows = prepared[match.end(): match.end() + 12]
        if not quoted and (follows.startswith(_JOIN) or re.match(r"\s*(?:" + LEGAL_SUFFIX + r"|[A-Z][a-z])", restore(follows))):
            continue  # "SC US (TTGP), Ltd." and "Fund (Q), LP": the bracket is part of the name
        before = prepared[last: match.start()]
        name = last_name_before(before)
        kind_word = alias.split()[-1] if alias.split() else ""
        if name and kind_word in ("Trust", "Fund", "Partnership", "Foundation") and kind_word not in name:
            at = before.rfind(kind_word)  # '... Living Trust dated ... for which ... (the "Living Trust")'
            name = last_name_before(before[: at + len(kind_word)]) if at >= 0 else name
        if not name or not _looks_like_alias(alias):
            continue
        members = aliases.expand(name)
        if re.search(r"(?:Funds|Entities|Partnerships|Trusts|Vehicles|Persons)$", alias):
            clause = re.split(r"\bof each of\b|\beach of\b|\bof\b|\bby\b", prepared[last: match.start()])[-1]
            members = [m for n in split_names(clause) for m in aliases.expand(n)] or members
        aliases.define(alias, members)
        out.append(prepared[last: match.start()].rstrip())
        last = match.end()
    out.append(prepared[last:])
    text = "".join(out)

    def collective(match: re.Match[str]) -> str:
        before = text[: match.start()]
        clause = re.split(r"\bof each of\b|\beach of\b|\bof\b|\bby\b", before)[-1]
        members = [m for name in split_names(clause) for m in aliases.expand(name)]
        if members:
            aliases.define(match.group(1), members)
        return ""

    return _COLLECTIVE.sub(collective, text)


def _looks_like_alias(alias: str) -> bool:
    if re.fullmatch(r"[ivxIVX]+|Q|DE|[a-z]|\d+", alias):
        return False  # "(i)" list markers, "(Q)" and "(DE)" inside names
    words = alias.split()
    return 0 < len(words) <= 5 and (alias[0].isupper() or alias[0].isdigit())


def last_name_before(text: str) -> str | None:
    """The name that ends ``text`` (the words before an alias definition)."""
    from form4graph.names import party_kind

    words = text.rstrip(" ,").split()
    taken: list[str] = []
    for word in reversed(words):
        if not _NAME_TOKEN.match(word) or (word.lower() == "the" and taken):
            break
        if word.lower() in ("and", "&") and taken and party_kind(" ".join(reversed(taken))) == "Person":
            break  # "Royan and Peter Thiel ("Thiel")": the alias names Peter Thiel only
        taken.append(word)
    while taken and taken[-1].lower() in ("of", "and", "&", "for", "-", "dated", "the"):
        taken.pop()
    if not taken:
        return None
    return clean_name(_ROLE_OF.sub("", " ".join(reversed(taken))))


def clean_name(slot: str) -> str:
    name = _LEADING.sub("", slot.strip())
    name = re.sub(r"\s*\((?:the\s+)?\"[^\"]*\"\)\s*$", "", name)
    name = _TRAILING.sub("", name)
    if re.search(r"(?:^|\s)(?:Inc|Ltd|Co|Corp|Jr|Sr|L\.P|L\.L\.C|N\.A|S\.A|B\.V|N\.V)$", restore(name)):
        name += "."  # the period of "Ltd." belongs to the name
    name = re.sub(r"[\s,]+(?:dated|dtd\S*|u/t/d|U/T/D)\s.*$", "", name) if " Trust" in name else name
    return name.strip(" \"'")


def split_names(slot: str) -> list[str]:
    """``A, B and C`` -> [A, B, C], keeping "Fund, L.P." whole (commas before suffixes are joined)."""
    slot = re.sub(r"\s*\([ivx]+\)\s*", " ", slot)
    parts = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+(?=[A-Z0-9\"]|the\s|his\s|her\s|their\s)|\s*&\s*(?=the\s)",
                     slot)
    names = [clean_name(p) for p in parts]
    return [n for n in names if n and (n[0].isupper() or n[0].isdigit())]
