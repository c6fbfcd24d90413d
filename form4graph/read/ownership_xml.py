"""Reader for the EDGAR ownershipDocument XML (schemas X0202 to X0609) into :class:`model.Filing`.

Footnote references are attached by where the ``footnoteId`` element stands: the element that holds
it (or holds its ``value``) names the record field, so every reference lands on the exact field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from lxml import etree

from form4graph import model
from form4graph.errors import InvalidValueError, NotOwnershipDocumentError
from form4graph.read.values import clean_text, to_bool, to_cik, to_date, to_decimal
from form4graph.read.xml_parser import parse_xml


@dataclass(frozen=True, slots=True)
class SubmissionHeader:
    """What an EDGAR submission header (or a sidecar of it) adds to the document."""

    accession_number: str | None = None
    filing_date: date | None = None
    filer_ciks: tuple[str, ...] = ()


# Element name -> record field name, for values and for attaching footnote references.
FIELD_OF_TAG: dict[str, str] = {
    "securityTitle": "security_title",
    "conversionOrExercisePrice": "conversion_or_exercise_price",
    "transactionDate": "transaction_date",
    "deemedExecutionDate": "deemed_execution_date",
    "transactionCoding": "code",
    "transactionFormType": "form_type",
    "transactionCode": "code",
    "equitySwapInvolved": "equity_swap_involved",
    "transactionTimeliness": "timeliness",
    "transactionShares": "shares",
    "transactionTotalValue": "total_value",
    "transactionPricePerShare": "price_per_share",
    "transactionAcquiredDisposedCode": "acquired_disposed",
    "exerciseDate": "exercise_date",
    "expirationDate": "expiration_date",
    "underlyingSecurityTitle": "underlying_security_title",
    "underlyingSecurityShares": "underlying_shares",
    "underlyingSecurityValue": "underlying_value",
    "sharesOwnedFollowingTransaction": "shares_owned_following",
    "valueOwnedFollowingTransaction": "value_owned_following",
    "directOrIndirectOwnership": "direct_indirect",
    "natureOfOwnership": "nature_of_ownership",
}

KNOWN_TAGS = frozenset(
    set(FIELD_OF_TAG)
    | {
        "ownershipDocument", "schemaVersion", "documentType", "periodOfReport", "dateOfOriginalSubmission",
        "noSecuritiesOwned", "notSubjectToSection16", "form3HoldingsReported", "form4TransactionsReported",
        "issuer", "issuerCik", "issuerName", "issuerTradingSymbol", "issuerForeignTradingSymbol",
        "reportingOwner", "reportingOwnerId", "rptOwnerCik", "rptOwnerCcc", "rptOwnerName",
        "reportingOwnerAddress", "rptOwnerStreet1", "rptOwnerStreet2", "rptOwnerCity", "rptOwnerState",
        "rptOwnerZipCode", "rptOwnerStateDescription", "rptOwnerGoodAddress", "reportingOwnerRelationship",
        "isDirector", "isOfficer", "isTenPercentOwner", "isOther", "officerTitle", "otherText", "aff10b5One",
        "nonDerivativeTable", "nonDerivativeTransaction", "nonDerivativeHolding", "derivativeTable",
        "derivativeTransaction", "derivativeHolding", "transactionAmounts", "postTransactionAmounts",
        "ownershipNature", "underlyingSecurity", "footnotes", "footnote", "footnoteId", "remarks",
        "ownerSignature", "signatureName", "signatureDate", "value",
    }
)

# field name -> (path under the row element, kind)
_NON_DERIVATIVE_TRANSACTION = {
    "security_title": ("securityTitle/value", "text"),
    "transaction_date": ("transactionDate/value", "date"),
    "deemed_execution_date": ("deemedExecutionDate/value", "date"),
    "form_type": ("transactionCoding/transactionFormType", "text"),
    "code": ("transactionCoding/transactionCode", "text"),
    "equity_swap_involved": ("transactionCoding/equitySwapInvolved", "bool"),
    "timeliness": ("transactionTimeliness", "timeliness"),
    "shares": ("transactionAmounts/transactionShares/value", "decimal"),
    "price_per_share": ("transactionAmounts/transactionPricePerShare/value", "decimal"),
    "acquired_disposed": ("transactionAmounts/transactionAcquiredDisposedCode/value", "acquired"),
    "shares_owned_following": ("postTransactionAmounts/sharesOwnedFollowingTransaction/value", "decimal"),
    "value_owned_following": ("postTransactionAmounts/valueOwnedFollowingTransaction/value", "decimal"),
    "direct_indirect": ("ownershipNature/directOrIndirectOwnership/value", "ownership"),
    "nature_of_ownership": ("ownershipNature/natureOfOwnership/value", "text"),
}
_NON_DERIVATIVE_HOLDING = {
    name: _NON_DERIVATIVE_TRANSACTION[name]
    for name in ("security_title", "form_type", "shares_owned_following", "value_owned_following",
                 "direct_indirect", "nature_of_ownership")
}
_DERIVATIVE_EXTRA = {
    "conversion_or_exercise_price": ("conversionOrExercisePrice/value", "decimal"),
    "exercise_date": ("exerciseDate/value", "date"),
    "expiration_date": ("expirationDate/value", "date"),
    "underlying_security_title": ("underlyingSecurity/underlyingSecurityTitle/value", "text"),
    "underlying_shares": ("underlyingSecurity/underlyingSecurityShares/value", "decimal"),
    "underlying_value": ("underlyingSecurity/underlyingSecurityValue/value", "decimal"),
}
_DERIVATIVE_TRANSACTION = {
    **_NON_DERIVATIVE_TRANSACTION,
    **_DERIVATIVE_EXTRA,
    "total_value": ("transactionAmounts/transactionTotalValue/value", "decimal"),
}
_DERIVATIVE_HOLDING = {**_NON_DERIVATIVE_HOLDING, **_DERIVATIVE_EXTRA}

_ROW_KINDS: tuple[tuple[str, type, dict[str, tuple[str, str]]], ...] = (
    ("nonDerivativeTable/nonDerivativeTransaction", model.NonDerivativeTransaction, _NON_DERIVATIVE_TRANSACTION),
    ("nonDerivativeTable/nonDerivativeHolding", model.NonDerivativeHolding, _NON_DERIVATIVE_HOLDING),
    ("derivativeTable/derivativeTransaction", model.DerivativeTransaction, _DERIVATIVE_TRANSACTION),
    ("derivativeTable/derivativeHolding", model.DerivativeHolding, _DERIVATIVE_HOLDING),
)

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def parse_ownership_xml(
    data: bytes, source: str, header: SubmissionHeader | None = None, first_line: int = 1
) -> model.Filing:
    """Read one ownershipDocument from ``data``; ``source`` names it in errors and in the record.
    ``first_line`` is the line of ``source`` where ``data`` starts (warnings cite lines of the file)."""
    root, warnings = parse_xml(data, source, KNOWN_TAGS, first_line)
    return read_ownership_element(root, source, header, warnings)


def read_ownership_element(
    root: etree._Element, source: str, header: SubmissionHeader | None = None, warnings: list[str] | None = None
) -> model.Filing:
    if not isinstance(root.tag, str) or etree.QName(root).localname != "ownershipDocument":
        raise NotOwnershipDocumentError(source, f"root element is <{_local(root)}>, not <ownershipDocument>")
    if root.nsmap and None in root.nsmap:
        root = _strip_namespaces(root)
    reader = _Reader(source, list(warnings or []))
    return reader.filing(root, header or SubmissionHeader())


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else "?"


def _joined_text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return "".join(t if isinstance(t, str) else t.decode() for t in element.itertext())


def _strip_namespaces(root: etree._Element) -> etree._Element:
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname
    return root


class _Reader:
    def __init__(self, source: str, warnings: list[str]) -> None:
        self.source = source
        self.warnings = warnings
        self.cited: list[str] = []
        self.converters: dict[str, Callable[[str | None, str], Any]] = {
            "text": lambda text, what: clean_text(text),
            "date": lambda text, what: to_date(text, source, what),
            "decimal": lambda text, what: to_decimal(text, source, what),
            "bool": lambda text, what: to_bool(text, source, what),
            "timeliness": self._enum(model.Timeliness),
            "acquired": self._enum(model.AcquiredDisposed),
            "ownership": self._enum(model.OwnershipForm),
        }

    def _enum(self, enum: Any) -> Callable[[str | None, str], Any]:
        allowed = {member.value for member in enum}

        def convert(text: str | None, what: str) -> Any:
            value = clean_text(text)
            if value is None:
                return None
            value = value.upper()
            if value not in allowed:
                raise InvalidValueError(self.source, f"{what}: {value!r} is not one of {sorted(allowed)}")
            return enum(value)

        return convert

    def text(self, element: etree._Element, path: str) -> str | None:
        found = element.find(path)
        if found is None:
            return None
        if len(found) and found.find("value") is not None:
            found = found.find("value")
        return clean_text(_joined_text(found))

    def filing(self, root: etree._Element, header: SubmissionHeader) -> model.Filing:
        source = self.source
        document_type = self.text(root, "documentType")
        if document_type is None:
            raise NotOwnershipDocumentError(source, "ownershipDocument has no documentType")
        document_type = document_type.upper().replace(" ", "")
        if document_type not in model.DOCUMENT_TYPES:
            raise InvalidValueError(source, f"documentType {document_type!r} is not one of {', '.join(model.DOCUMENT_TYPES)}")
        issuer_cik = to_cik(self.text(root, "issuer/issuerCik"))
        if issuer_cik is None:
            raise InvalidValueError(source, "the issuer has no issuerCik; every ownership document names its issuer by CIK")
        if not issuer_cik.isdigit():
            raise InvalidValueError(source, f"issuerCik {issuer_cik!r} is not a number")
        issuer = model.Issuer(
            cik=issuer_cik,
            name=self.text(root, "issuer/issuerName"),
            trading_symbol=self.text(root, "issuer/issuerTradingSymbol"),
            foreign_trading_symbol=self.text(root, "issuer/issuerForeignTradingSymbol"),
        )
        owners = tuple(self.owner(element) for element in root.iterfind("reportingOwner"))
        if not owners:
            self.warnings.append("the document names no reporting owner")
        rows: dict[str, tuple[Any, ...]] = {}
        for (path, cls, spec), key in zip(_ROW_KINDS, ("ndt", "ndh", "dt", "dh"), strict=True):
            rows[key] = tuple(self.row(element, cls, spec) for element in root.iterfind(path))
        footnotes = self.footnotes(root)
        filing_refs = self.refs_outside_rows(root)
        self.check_citations(footnotes)
        flag = self.flag
        return model.Filing(
            source=source,
            document_type=document_type,
            issuer=issuer,
            reporting_owners=owners,
            schema_version=self.text(root, "schemaVersion"),
            accession_number=header.accession_number,
            filing_date=header.filing_date,
            filer_ciks=header.filer_ciks,
            period_of_report=to_date(self.text(root, "periodOfReport"), source, "periodOfReport"),
            date_of_original_submission=to_date(
                self.text(root, "dateOfOriginalSubmission"), source, "dateOfOriginalSubmission"
            ),
            no_securities_owned=flag(root, "noSecuritiesOwned"),
            not_subject_to_section16=flag(root, "notSubjectToSection16"),
            form3_holdings_reported=flag(root, "form3HoldingsReported"),
            form4_transactions_reported=flag(root, "form4TransactionsReported"),
            aff10b5_one=flag(root, "aff10b5One"),
            non_derivative_transactions=rows["ndt"],
            non_derivative_holdings=rows["ndh"],
            derivative_transactions=rows["dt"],
            derivative_holdings=rows["dh"],
            footnotes=footnotes,
            remarks=self.remarks(root),
            signatures=tuple(
                model.Signature(
                    name=self.text(sig, "signatureName"),
                    date=to_date(self.text(sig, "signatureDate"), source, "signatureDate"),
                )
                for sig in root.iterfind("ownerSignature")
            ),
            warnings=tuple(self.warnings),
            footnote_refs=filing_refs,
        )

    def flag(self, element: etree._Element, path: str) -> bool | None:
        return to_bool(self.text(element, path), self.source, path)

    def owner(self, element: etree._Element) -> model.ReportingOwner:
        relationship = "reportingOwnerRelationship/"
        address = "reportingOwnerAddress/rptOwner"
        return model.ReportingOwner(
            cik=to_cik(self.text(element, "reportingOwnerId/rptOwnerCik")),
            name=self.text(element, "reportingOwnerId/rptOwnerName"),
            address=model.Address(
                street1=self.text(element, address + "Street1"),
                street2=self.text(element, address + "Street2"),
                city=self.text(element, address + "City"),
                state=self.text(element, address + "State"),
                zip_code=self.text(element, address + "ZipCode"),
                state_description=self.text(element, address + "StateDescription"),
            ),
            is_director=bool(self.flag(element, relationship + "isDirector")),
            is_officer=bool(self.flag(element, relationship + "isOfficer")),
            is_ten_percent_owner=bool(self.flag(element, relationship + "isTenPercentOwner")),
            is_other=bool(self.flag(element, relationship + "isOther")),
            officer_title=self.text(element, relationship + "officerTitle"),
            other_text=self.text(element, relationship + "otherText"),
        )

    def row(self, element: etree._Element, cls: type, spec: dict[str, tuple[str, str]]) -> Any:
        values: dict[str, Any] = {}
        for name, (path, kind) in spec.items():
            values[name] = self.converters[kind](self.text(element, path), f"{_local(element)} {name}")
        values["footnote_refs"] = self.refs(element)
        return cls(**values)

    def refs(self, element: etree._Element) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for ref in element.iter("footnoteId"):
            footnote_id = (ref.get("id") or "").strip()
            if not footnote_id:
                self.warnings.append(f"a footnoteId without an id in <{_local(element)}> was ignored")
                continue
            holder = ref.getparent()
            if holder is not None and holder.tag == "value":
                holder = holder.getparent()
            tag = _local(holder) if holder is not None else "?"
            name = FIELD_OF_TAG.get(tag) or _CAMEL.sub("_", tag).lower()
            ids = found.setdefault(name, [])
            if footnote_id not in ids:
                ids.append(footnote_id)
            self.cited.append(footnote_id)
        return {name: tuple(ids) for name, ids in found.items()}

    def refs_outside_rows(self, root: etree._Element) -> dict[str, tuple[str, ...]]:
        """References outside the tables (rare: on the issuer, an owner, remarks), keyed by element."""
        outside = [
            ref for ref in root.iter("footnoteId")
            if not any(_local(a) in ("nonDerivativeTable", "derivativeTable") for a in ref.iterancestors())
        ]
        found: dict[str, list[str]] = {}
        for ref in outside:
            footnote_id = (ref.get("id") or "").strip()
            holder = ref.getparent()
            if holder is not None and holder.tag == "value":
                holder = holder.getparent()
            name = _CAMEL.sub("_", _local(holder) if holder is not None else "?").lower()
            if footnote_id:
                found.setdefault(name, []).append(footnote_id)
                self.cited.append(footnote_id)
        return {name: tuple(ids) for name, ids in found.items()}

    def footnotes(self, root: etree._Element) -> tuple[model.Footnote, ...]:
        notes: list[model.Footnote] = []
        seen: set[str] = set()
        for element in root.iterfind("footnotes/footnote"):
            footnote_id = (element.get("id") or "").strip()
            text = clean_text(_joined_text(element)) or ""
            if not footnote_id:
                self.warnings.append(f"a footnote without an id was kept as text only: {text[:80]!r}")
                footnote_id = f"F?{len(notes) + 1}"
            if footnote_id in seen:
                self.warnings.append(f"duplicate footnote id {footnote_id}; the later text is kept as {footnote_id}-dup")
                footnote_id = f"{footnote_id}-dup"
            seen.add(footnote_id)
            notes.append(model.Footnote(id=footnote_id, text=text))
        return tuple(notes)

    def check_citations(self, footnotes: tuple[model.Footnote, ...]) -> None:
        defined = {note.id for note in footnotes}
        dangling = sorted(set(self.cited) - defined)
        if dangling:
            self.warnings.append(f"footnote ids cited but not defined: {', '.join(dangling)}")

    def remarks(self, root: etree._Element) -> str | None:
        element = root.find("remarks")
        if element is None:
            return None
        return clean_text(_joined_text(element))
