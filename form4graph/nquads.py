"""N-Triples / N-Quads term syntax: the text form the mapping writes and every store loads.

Literals are written in one canonical form so that every store holds the same quads: strings NFC
and stripped, decimals in plain notation without trailing zeros (``1000.0`` -> ``1000``), dates ISO.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from form4graph.namespaces import XSD

Triple = tuple[str, str, str]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def iri(value: str) -> str:
    if _IRI_FORBIDDEN.search(value):
        raise ValueError(f"not a valid IRI: {value!r}")
    return f"<{value}>"


def string(value: str) -> str:
    text = unicodedata.normalize("NFC", value).strip()
    return f'"{text.translate(_ESCAPES)}"'


def canonical_decimal(value: Decimal) -> str:
    """Plain notation, no exponent, no trailing zeros: ``Decimal("1.50E+3")`` -> ``"1500"``."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def decimal(value: Decimal) -> str:
    return f'"{canonical_decimal(value)}"^^<{XSD}decimal>'


def integer(value: int) -> str:
    return f'"{value}"^^<{XSD}integer>'


def boolean(value: bool) -> str:
    return f'"{"true" if value else "false"}"^^<{XSD}boolean>'


def date_literal(value: date) -> str:
    return f'"{value.isoformat()}"^^<{XSD}date>'


def to_nquads(triples: list[Triple], graph: str) -> str:
    """Sorted, de-duplicated N-Quads lines for ``triples`` in named graph ``graph`` (an IRI)."""
    g = iri(graph)
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o in sorted(set(triples)))


@dataclass(frozen=True, slots=True)
class NamedGraph:
    """Triples for one named graph, sorted and de-duplicated, with the SHA-256 of their text."""

    iri: str
    triples: tuple[Triple, ...]
    digest: str

    def to_nquads(self) -> str:
        return to_nquads(list(self.triples), self.iri)


def named_graph(iri_of_graph: str, triples: list[Triple] | set[Triple]) -> NamedGraph:
    ordered = tuple(sorted(set(triples)))
    digest = hashlib.sha256("".join(f"{s} {p} {o}\n" for s, p, o in ordered).encode("utf-8")).hexdigest()
    return NamedGraph(iri_of_graph, ordered, digest)
