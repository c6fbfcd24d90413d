"""Filing records -> RDF: one named graph per filing, whose name is the filing's IRI.

This is the only module that knows which ontology term represents which record field. It writes
N-Triples term text (see :mod:`form4graph.nquads`), never rdflib objects: the hot path stays cheap.
Nothing in a record is dropped: every field, every owner, every footnote citation on the field it
annotates. A row of a joint filing is one line linked to each reporting owner.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

from form4graph import iris, model
from form4graph import nquads as nt
from form4graph.calendar import business_days_late, day_number, form4_due_date
from form4graph.names import party_kind
from form4graph.namespaces import F4G, RDF_TYPE, code

_TYPE = nt.iri(RDF_TYPE)
_FORM_CLASS = {"3": F4G.Form3, "4": F4G.Form4, "5": F4G.Form5}
_ROW_CLASSES = {
    model.NonDerivativeTransaction: (F4G.NonDerivativeTransaction, F4G.Transaction),
    model.NonDerivativeHolding: (F4G.NonDerivativeHolding, F4G.Holding),
    model.DerivativeTransaction: (F4G.DerivativeTransaction, F4G.Transaction),
    model.DerivativeHolding: (F4G.DerivativeHolding, F4G.Holding),
}
# record field -> (ontology property, code scheme for coded values or None)
_ROW_FIELDS: dict[str, tuple[str, str | None]] = {
    "security_title": (F4G.securityTitle, None),
    "transaction_date": (F4G.transactionDate, None),
    "deemed_execution_date": (F4G.deemedExecutionDate, None),
    "form_type": (F4G.transactionFormType, None),
    "code": (F4G.transactionCode, "transaction"),
    "equity_swap_involved": (F4G.equitySwapInvolved, None),
    "timeliness": (F4G.timeliness, "timeliness"),
    "shares": (F4G.shares, None),
    "total_value": (F4G.totalValue, None),
    "price_per_share": (F4G.pricePerShare, None),
    "acquired_disposed": (F4G.acquiredDisposed, "acquired-disposed"),
    "conversion_or_exercise_price": (F4G.conversionOrExercisePrice, None),
    "exercise_date": (F4G.exerciseDate, None),
    "expiration_date": (F4G.expirationDate, None),
    "underlying_security_title": (F4G.underlyingSecurityTitle, None),
    "underlying_shares": (F4G.underlyingShares, None),
    "underlying_value": (F4G.underlyingValue, None),
    "shares_owned_following": (F4G.sharesOwnedFollowing, None),
    "value_owned_following": (F4G.valueOwnedFollowing, None),
    "direct_indirect": (F4G.ownershipForm, "ownership-form"),
    "nature_of_ownership": (F4G.natureOfOwnership, None),
}
_FILING_FLAGS = {
    "no_securities_owned": F4G.noSecuritiesOwned,
    "not_subject_to_section16": F4G.notSubjectToSection16,
    "form3_holdings_reported": F4G.form3HoldingsReported,
    "form4_transactions_reported": F4G.form4TransactionsReported,
    "aff10b5_one": F4G.aff10b5One,
}
_FILING_DATES = {
    "period_of_report": F4G.periodOfReport,
    "filing_date": F4G.filingDate,
    "date_of_original_submission": F4G.dateOfOriginalSubmission,
}
_ADDRESS_FIELDS = {
    "street1": F4G.street1, "street2": F4G.street2, "city": F4G.city, "state": F4G.state,
    "zip_code": F4G.zipCode, "state_description": F4G.stateDescription,
}
_ROLES = (("is_director", "director"), ("is_officer", "officer"), ("is_ten_percent_owner", "ten-percent-owner"),
          ("is_other", "other"))


FilingGraph = nt.NamedGraph
"""The mapped filing: its IRI (also the graph name), its triples, and a digest of them."""


def literal(value: object) -> str:
    """The canonical N-Triples literal for a record value."""
    if isinstance(value, bool):
        return nt.boolean(value)
    if isinstance(value, Decimal):
        return nt.decimal(value)
    if isinstance(value, date):
        return nt.date_literal(value)
    if isinstance(value, int):
        return nt.integer(value)
    if isinstance(value, Enum):
        return nt.string(str(value.value))
    return nt.string(str(value))


class _Builder:
    def __init__(self) -> None:
        self.triples: list[nt.Triple] = []

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.triples.append((nt.iri(subject), nt.iri(predicate), obj))

    def link(self, subject: str, predicate: str, target: str) -> None:
        self.add(subject, predicate, nt.iri(target))

    def value(self, subject: str, predicate: str, value: object) -> None:
        if value is not None:
            self.add(subject, predicate, literal(value))

    def typed(self, subject: str, *classes: str) -> None:
        for cls in classes:
            self.triples.append((nt.iri(subject), _TYPE, nt.iri(cls)))


def map_filing(filing: model.Filing) -> FilingGraph:
    """All the facts of ``filing`` as triples for its own named graph."""
    b = _Builder()
    f = iris.filing(filing)
    b.typed(f, F4G.Filing, _FORM_CLASS[filing.document_type[0]])
    if filing.is_amendment:
        b.typed(f, F4G.Amendment)
    b.value(f, F4G.documentType, filing.document_type)
    b.value(f, F4G.accessionNumber, filing.accession_number)
    b.value(f, F4G.schemaVersion, filing.schema_version)
    for name, prop in _FILING_DATES.items():
        b.value(f, prop, getattr(filing, name))
    for name, prop in _FILING_FLAGS.items():
        b.value(f, prop, getattr(filing, name))
    b.value(f, F4G.remarks, filing.remarks)
    for warning in filing.warnings:
        b.value(f, F4G.parseWarning, warning)
    if not filing.accession_number:
        b.value(f, F4G.contentDigest, iris.content_digest(filing))
    reported = report_date(filing)
    b.value(f, F4G.reportDate, reported)

    issuer = iris.issuer(filing.issuer)
    b.link(f, F4G.issuer, issuer)
    b.typed(issuer, F4G.Party, F4G.Organization, F4G.Issuer)
    b.value(issuer, F4G.cik, filing.issuer.cik or None)
    b.value(issuer, F4G.name, filing.issuer.name)
    b.value(issuer, F4G.tradingSymbol, filing.issuer.trading_symbol)
    b.value(issuer, F4G.foreignTradingSymbol, filing.issuer.foreign_trading_symbol)
    for cik in filing.filer_ciks:
        b.link(f, F4G.filer, iris.party_by_cik(cik))

    owners = [_map_owner(b, f, issuer, owner, n) for n, owner in enumerate(filing.reporting_owners, start=1)]
    footnote_iris = _map_footnotes(b, f, filing)
    _map_citations(b, f, filing.footnote_refs, footnote_iris, on_line=False)
    positions: dict[type, int] = {}
    for row in filing.rows:
        positions[type(row)] = positions.get(type(row), 0) + 1
        _map_row(b, f, issuer, owners, row, positions[type(row)], footnote_iris, reported)
    for n, sig in enumerate(filing.signatures, start=1):
        s = iris.signature(f, n)
        b.link(f, F4G.signature, s)
        b.typed(s, F4G.Signature)
        b.value(s, F4G.position, n)
        b.value(s, F4G.signatureName, sig.name)
        b.value(s, F4G.signatureDate, sig.date)

    return nt.named_graph(f, b.triples)


def _map_owner(b: _Builder, f: str, issuer: str, owner: model.ReportingOwner, n: int) -> str:
    party = iris.owner(owner)
    kind = party_kind(owner.name)
    b.link(f, F4G.reportingOwner, party)
    b.typed(party, F4G.Party, getattr(F4G, kind))
    b.value(party, F4G.cik, owner.cik)
    b.value(party, F4G.name, owner.name)
    rel = iris.relationship(f, n)
    b.link(f, F4G.relationship, rel)
    b.typed(rel, F4G.InsiderRelationship)
    b.value(rel, F4G.position, n)
    b.link(rel, F4G.insider, party)
    b.link(rel, F4G.issuer, issuer)
    b.link(rel, F4G.reportedIn, f)
    for flag, role in _ROLES:
        if getattr(owner, flag):
            b.link(rel, F4G.role, code("role", role))
    b.value(rel, F4G.officerTitle, owner.officer_title)
    b.value(rel, F4G.otherText, owner.other_text)
    address_values = {prop: getattr(owner.address, name) for name, prop in _ADDRESS_FIELDS.items()}
    if any(v is not None for v in address_values.values()):
        address = f"{rel}/address"
        b.link(rel, F4G.address, address)
        b.typed(address, F4G.Address)
        for prop, value in address_values.items():
            b.value(address, prop, value)
    return party


def _map_footnotes(b: _Builder, f: str, filing: model.Filing) -> dict[str, str]:
    found: dict[str, str] = {}
    for note in filing.footnotes:
        node = iris.footnote(f, note.id)
        found[note.id] = node
        b.link(f, F4G.footnote, node)
        b.typed(node, F4G.Footnote)
        b.value(node, F4G.footnoteId, note.id)
        b.value(node, F4G.text, note.text)
    return found


# Footnote references outside a row's value fields (on the issuer, an owner, a container element):
# the element they stand on -> the property of the filing they annotate.
_FILING_REF_PROPERTIES = (("issuer", F4G.issuer), ("reporting_owner", F4G.reportingOwner),
                          ("rpt_owner", F4G.reportingOwner), ("remarks", F4G.remarks),
                          ("owner_signature", F4G.signature), ("signature", F4G.signature))


def _annotated_property(field_name: str, on_line: bool) -> str:
    """The property a footnote reference annotates: the field's own property; for a reference on a
    row's container element, the line as a whole (``f4g:line``); on the filing, the nearest part."""
    if field_name in _ROW_FIELDS:
        return _ROW_FIELDS[field_name][0]
    if on_line:
        return F4G.line
    return next((prop for prefix, prop in _FILING_REF_PROPERTIES if field_name.startswith(prefix)), F4G.issuer)


def _map_citations(b: _Builder, subject: str, refs: model.FootnoteRefs, footnotes: dict[str, str],
                   *, on_line: bool = True) -> None:
    """Each (field, footnote) pair becomes a FootnoteCitation naming the annotated property."""
    for field_name, ids in refs.items():
        prop = _annotated_property(field_name, on_line)
        local = prop.rsplit("#", 1)[1]
        for footnote_id in ids:
            if footnote_id not in footnotes:
                continue  # dangling reference: the reader recorded a warning on the filing
            node = iris.citation(subject, local, footnote_id)
            b.link(subject, F4G.citation, node)
            b.typed(node, F4G.FootnoteCitation)
            b.link(node, F4G.footnote, footnotes[footnote_id])
            b.link(node, F4G.annotatedProperty, prop)


def report_date(filing: model.Filing) -> date | None:
    """When the filing was made: its EDGAR filing date, else the latest signature date."""
    signed = [s.date for s in filing.signatures if s.date]
    return filing.filing_date or (max(signed) if signed else None)


def _map_row(b: _Builder, f: str, issuer: str, owners: list[str], row: model.Row, position: int,
             footnotes: dict[str, str], reported: date | None) -> None:
    node = iris.row(f, row, position)
    transaction_date = getattr(row, "transaction_date", None)
    if transaction_date is not None:
        b.value(node, F4G.dayNumber, day_number(transaction_date))
        due = form4_due_date(transaction_date, getattr(row, "deemed_execution_date", None))
        b.value(node, F4G.dueDate, due)
        if reported is not None:
            b.value(node, F4G.businessDaysLate, business_days_late(due, reported))
    b.link(f, F4G.line, node)
    b.typed(node, F4G.ReportedLine, *_ROW_CLASSES[type(row)])
    b.value(node, F4G.position, position)
    b.link(node, F4G.reportedIn, f)
    b.link(node, F4G.issuer, issuer)
    for owner in owners:
        b.link(node, F4G.owner, owner)
    for field_name, (prop, scheme) in _ROW_FIELDS.items():
        value = getattr(row, field_name, None)
        if value is None:
            continue
        if scheme is None:
            b.value(node, prop, value)
            continue
        notation = str(value.value if isinstance(value, Enum) else value).strip().upper()
        try:
            b.link(node, prop, code(scheme, notation))
        except KeyError:
            b.value(node, prop, notation)  # an unknown code is kept as text; SHACL reports it
    _map_security(b, issuer, node, row)
    _map_citations(b, node, row.footnote_refs, footnotes)


def _map_security(b: _Builder, issuer: str, node: str, row: model.Row) -> None:
    if isinstance(row, model.DerivativeTransaction | model.DerivativeHolding):
        security = iris.derivative_security(issuer, row.security_title, row.conversion_or_exercise_price,
                                            row.expiration_date)
        b.typed(security, F4G.Security, F4G.DerivativeSecurity)
        if row.underlying_security_title:
            underlying = iris.security(issuer, row.underlying_security_title)
            b.typed(underlying, F4G.Security)
            b.value(underlying, F4G.title, row.underlying_security_title)
            b.link(underlying, F4G.issuedBy, issuer)
            b.link(security, F4G.underlying, underlying)
            b.link(node, F4G.underlyingSecurity, underlying)
    else:
        security = iris.security(issuer, row.security_title)
        b.typed(security, F4G.Security, F4G.NonDerivativeSecurity)
    b.link(node, F4G.security, security)
    b.value(security, F4G.title, row.security_title)
    b.link(security, F4G.issuedBy, issuer)
