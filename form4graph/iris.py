"""Deterministic IRIs (ARCHITECTURE §5): the same filing always yields the same identities.

Parties with a CIK: one IRI per 10-digit CIK, whatever role they play. Filings by accession number
(or, without one, by a digest of their content). Rows, footnotes, signatures by position within the
filing. Securities by issuer plus normalised title (plus exercise price and expiration for
derivatives). Parties known only by name by their normalised name, scoped to an owner when the name
is not globally unique (a family trust, a spouse).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from form4graph import model
from form4graph.names import normalise_name, slug
from form4graph.namespaces import ID
from form4graph.nquads import canonical_decimal

ROW_SEGMENTS = {
    model.NonDerivativeTransaction: "ndt",
    model.NonDerivativeHolding: "ndh",
    model.DerivativeTransaction: "dt",
    model.DerivativeHolding: "dh",
}
_PAR_VALUE = re.compile(r",?\s*\(?\s*(\$\s*[\d.]+\s*)?par value.*$", re.IGNORECASE)


def party_by_cik(cik: str) -> str:
    return f"{ID}cik/{cik}"


def party_by_name(name: str, scope_cik: str | None = None) -> str:
    """A party known only by name; ``scope_cik`` scopes it to one owner (family vehicles)."""
    key = slug(normalise_name(name))
    return f"{ID}name/{scope_cik}/{key}" if scope_cik else f"{ID}name/{key}"


def issuer(issuer_record: model.Issuer) -> str:
    if issuer_record.cik:
        return party_by_cik(issuer_record.cik)
    return party_by_name(issuer_record.name or "unknown issuer")


def owner(owner_record: model.ReportingOwner) -> str:
    if owner_record.cik:
        return party_by_cik(owner_record.cik)
    return party_by_name(owner_record.name or "unknown reporting owner")


def filing(record: model.Filing) -> str:
    if record.accession_number:
        return f"{ID}filing/{record.accession_number}"
    return f"{ID}filing/content-{content_digest(record)[:32]}"


def content_digest(record: model.Filing) -> str:
    """SHA-256 of the filing's facts (not its source name or reader warnings): the identity of a
    filing that has no accession number, equal for the same facts read from any format."""
    facts = dataclasses.asdict(record)
    for key in ("source", "warnings", "accession_number", "filing_date", "filer_ciks", "schema_version"):
        facts.pop(key, None)
    blob = json.dumps(facts, sort_keys=True, default=_json_default, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _json_default(value: Any) -> str:
    if isinstance(value, Decimal):
        return canonical_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def row(filing_iri: str, row_record: model.Row, position: int) -> str:
    return f"{filing_iri}/{ROW_SEGMENTS[type(row_record)]}/{position}"


def footnote(filing_iri: str, footnote_id: str) -> str:
    return f"{filing_iri}/footnote/{quote(footnote_id, safe='')}"


def citation(subject_iri: str, property_local: str, footnote_id: str) -> str:
    return f"{subject_iri}/citation/{property_local}/{quote(footnote_id, safe='')}"


def signature(filing_iri: str, position: int) -> str:
    return f"{filing_iri}/signature/{position}"


def relationship(filing_iri: str, position: int) -> str:
    return f"{filing_iri}/rel/{position}"


def security_key(title: str) -> str:
    return slug(normalise_name(_PAR_VALUE.sub("", title)))


def security(issuer_iri: str, title: str | None) -> str:
    return f"{issuer_iri}/security/{security_key(title or 'untitled security')}"


def derivative_security(issuer_iri: str, title: str | None, price: Decimal | None, expiration: date | None) -> str:
    terms = f"{canonical_decimal(price) if price is not None else 'na'}/{expiration.isoformat() if expiration else 'na'}"
    return f"{security(issuer_iri, title)}/{terms}"
