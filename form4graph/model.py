"""Typed records for Section 16 ownership filings (Forms 3, 4, 5 and amendments).

The field set follows the EDGAR Ownership XML Technical Specification (ownershipDocument, schema
X0202 through X0609). Every record is a frozen, slotted dataclass; shares, prices and values are
``Decimal``; dates are ``datetime.date``. A value that the filing leaves empty is ``None``.

Footnotes are attached to the exact field that cites them: every row (and the filing itself) carries
``footnote_refs``, a mapping from the record's own field name (``"price_per_share"``,
``"nature_of_ownership"``, ...) to the footnote ids cited there, in document order. A field may be
``None`` and still be footnoted (the spec's "value given only by a footnote").

This module imports nothing else from form4graph and no RDF or XML library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

FootnoteRefs = Mapping[str, tuple[str, ...]]

DOCUMENT_TYPES = ("3", "3/A", "4", "4/A", "5", "5/A")


class AcquiredDisposed(StrEnum):
    """Column 4 of Table I / column 5 of Table II: acquired (A) or disposed of (D)."""

    ACQUIRED = "A"
    DISPOSED = "D"


class OwnershipForm(StrEnum):
    """Ownership form: direct (D) or indirect (I)."""

    DIRECT = "D"
    INDIRECT = "I"


class Timeliness(StrEnum):
    """transactionTimeliness: early (E, voluntarily reported) or late (L); absent means on time."""

    EARLY = "E"
    LATE = "L"


@dataclass(frozen=True, slots=True)
class Address:
    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    state_description: str | None = None


@dataclass(frozen=True, slots=True)
class Issuer:
    cik: str
    name: str | None = None
    trading_symbol: str | None = None
    foreign_trading_symbol: str | None = None


@dataclass(frozen=True, slots=True)
class ReportingOwner:
    """One reporting person (1 to 10 per filing) and their relationship to the issuer."""

    cik: str | None
    name: str | None
    address: Address = field(default_factory=Address)
    is_director: bool = False
    is_officer: bool = False
    is_ten_percent_owner: bool = False
    is_other: bool = False
    officer_title: str | None = None
    other_text: str | None = None


@dataclass(frozen=True, slots=True)
class NonDerivativeTransaction:
    """A row of Table I that reports a transaction."""

    security_title: str | None
    transaction_date: date | None = None
    deemed_execution_date: date | None = None
    form_type: str | None = None
    code: str | None = None
    equity_swap_involved: bool | None = None
    timeliness: Timeliness | None = None
    shares: Decimal | None = None
    price_per_share: Decimal | None = None
    acquired_disposed: AcquiredDisposed | None = None
    shares_owned_following: Decimal | None = None
    value_owned_following: Decimal | None = None
    direct_indirect: OwnershipForm | None = None
    nature_of_ownership: str | None = None
    footnote_refs: FootnoteRefs = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NonDerivativeHolding:
    """A row of Table I that reports a holding without a transaction."""

    security_title: str | None
    form_type: str | None = None
    shares_owned_following: Decimal | None = None
    value_owned_following: Decimal | None = None
    direct_indirect: OwnershipForm | None = None
    nature_of_ownership: str | None = None
    footnote_refs: FootnoteRefs = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DerivativeTransaction:
    """A row of Table II that reports a transaction (options, warrants, convertibles, ...)."""

    security_title: str | None
    conversion_or_exercise_price: Decimal | None = None
    transaction_date: date | None = None
    deemed_execution_date: date | None = None
    form_type: str | None = None
    code: str | None = None
    equity_swap_involved: bool | None = None
    timeliness: Timeliness | None = None
    shares: Decimal | None = None
    total_value: Decimal | None = None
    price_per_share: Decimal | None = None
    acquired_disposed: AcquiredDisposed | None = None
    exercise_date: date | None = None
    expiration_date: date | None = None
    underlying_security_title: str | None = None
    underlying_shares: Decimal | None = None
    underlying_value: Decimal | None = None
    shares_owned_following: Decimal | None = None
    value_owned_following: Decimal | None = None
    direct_indirect: OwnershipForm | None = None
    nature_of_ownership: str | None = None
    footnote_refs: FootnoteRefs = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DerivativeHolding:
    """A row of Table II that reports a holding without a transaction."""

    security_title: str | None
    conversion_or_exercise_price: Decimal | None = None
    form_type: str | None = None
    exercise_date: date | None = None
    expiration_date: date | None = None
    underlying_security_title: str | None = None
    underlying_shares: Decimal | None = None
    underlying_value: Decimal | None = None
    shares_owned_following: Decimal | None = None
    value_owned_following: Decimal | None = None
    direct_indirect: OwnershipForm | None = None
    nature_of_ownership: str | None = None
    footnote_refs: FootnoteRefs = field(default_factory=dict)


Row = NonDerivativeTransaction | NonDerivativeHolding | DerivativeTransaction | DerivativeHolding


@dataclass(frozen=True, slots=True)
class Footnote:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Signature:
    name: str | None
    date: date | None = None


@dataclass(frozen=True, slots=True)
class Filing:
    """One ownership document, with what its EDGAR submission header adds when it was there."""

    source: str
    document_type: str
    issuer: Issuer
    reporting_owners: tuple[ReportingOwner, ...]
    schema_version: str | None = None
    accession_number: str | None = None
    filing_date: date | None = None
    filer_ciks: tuple[str, ...] = ()
    period_of_report: date | None = None
    date_of_original_submission: date | None = None
    no_securities_owned: bool | None = None
    not_subject_to_section16: bool | None = None
    form3_holdings_reported: bool | None = None
    form4_transactions_reported: bool | None = None
    aff10b5_one: bool | None = None
    non_derivative_transactions: tuple[NonDerivativeTransaction, ...] = ()
    non_derivative_holdings: tuple[NonDerivativeHolding, ...] = ()
    derivative_transactions: tuple[DerivativeTransaction, ...] = ()
    derivative_holdings: tuple[DerivativeHolding, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    remarks: str | None = None
    signatures: tuple[Signature, ...] = ()
    warnings: tuple[str, ...] = ()
    footnote_refs: FootnoteRefs = field(default_factory=dict)

    @property
    def is_amendment(self) -> bool:
        return self.document_type.endswith("/A")

    @property
    def rows(self) -> tuple[Row, ...]:
        """All table rows in document order: Table I transactions, holdings, then Table II."""
        return (
            *self.non_derivative_transactions,
            *self.non_derivative_holdings,
            *self.derivative_transactions,
            *self.derivative_holdings,
        )

    def footnote_text(self, footnote_id: str) -> str | None:
        for note in self.footnotes:
            if note.id == footnote_id:
                return note.text
        return None
