"""Every ownership document in the corpus reads into records that match its XML element for element.

The expected numbers come from parsing the raw XML here with lxml, independently of the reader: for a
submission the ``<XML>`` blocks are cut out with a regular expression, and the one broken 2006 filing is
repaired here with the same one-line fix the reader is expected to make.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path

import pytest
from conftest import BROKEN_SUBMISSION, CORPUS, HEADER_ONLY, corpus_submissions, corpus_xml_files
from lxml import etree

from form4graph import model
from form4graph.errors import NotOwnershipDocumentError
from form4graph.read import iter_filings, parse_filings, read_filing

XML_FILES = corpus_xml_files()
SUBMISSIONS = corpus_submissions()
ALL_FILES = XML_FILES + SUBMISSIONS

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_XML_BLOCK = re.compile(rb"<XML>(.*?)</XML>", re.DOTALL | re.IGNORECASE)
_SPLIT_FOOTNOTE_TAG = b"</fo\notnote>"
_ACCESSION = re.compile(r"\d{10}-\d{2}-\d{6}")

ROW_TAGS = ("nonDerivativeTransaction", "nonDerivativeHolding", "derivativeTransaction", "derivativeHolding")
ROW_ATTRIBUTE = {
    "nonDerivativeTransaction": "non_derivative_transactions",
    "nonDerivativeHolding": "non_derivative_holdings",
    "derivativeTransaction": "derivative_transactions",
    "derivativeHolding": "derivative_holdings",
}

# Spec element that holds (or holds the <value> that holds) a footnoteId -> the record field it annotates.
# A footnoteId directly under <transactionCoding> annotates the transaction code (column 3 of the form).
FIELD_OF_ELEMENT = {
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


def _label(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def raw_documents(path: Path) -> list[etree._Element]:
    """The ownershipDocument roots in ``path``, parsed here without the reader."""
    data = path.read_bytes()
    if path.parent.name == "xml":
        blocks = [data.strip()]
    else:
        blocks = [m.group(1).strip() for m in _XML_BLOCK.finditer(data)]
        blocks = [block for block in blocks if b"<ownershipDocument" in block]
    if path.name == BROKEN_SUBMISSION:
        assert [block.count(_SPLIT_FOOTNOTE_TAG) for block in blocks] == [1]
        blocks = [block.replace(_SPLIT_FOOTNOTE_TAG, b"</footnote>") for block in blocks]
    roots = [etree.fromstring(block, _SAFE_PARSER) for block in blocks]
    assert all(root.tag == "ownershipDocument" for root in roots)
    return roots


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split()) or None


def _value_text(root: etree._Element, path: str) -> str | None:
    element = root.find(path)
    if element is not None and element.find("value") is not None:
        element = element.find("value")
    return _text(element)


def _read(path: Path) -> list[model.Filing]:
    return parse_filings(path.read_bytes(), str(path), path)


def expected_row_refs(row: etree._Element) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for ref in row.iter("footnoteId"):
        holder = ref.getparent()
        if holder.tag == "value":
            holder = holder.getparent()
        assert holder.tag in FIELD_OF_ELEMENT, f"footnoteId under unexpected <{holder.tag}>"
        ids = found.setdefault(FIELD_OF_ELEMENT[holder.tag], [])
        footnote_id = ref.get("id").strip()
        if footnote_id not in ids:
            ids.append(footnote_id)
    return {name: tuple(ids) for name, ids in found.items()}


def expected_ref_count(root: etree._Element) -> int:
    """footnoteId elements, counting an id once per field it annotates (per row, or per element outside rows)."""
    tree = root.getroottree()
    keys: set[tuple[str | None, str, str]] = set()
    for ref in root.iter("footnoteId"):
        row = next((a for a in ref.iterancestors() if a.tag in ROW_TAGS), None)
        holder = ref.getparent()
        if holder.tag == "value":
            holder = holder.getparent()
        field = FIELD_OF_ELEMENT.get(holder.tag, holder.tag) if row is not None else holder.tag
        keys.add((tree.getpath(row) if row is not None else None, field, ref.get("id").strip()))
    return len(keys)


def _refs_total(refs: Mapping[str, tuple[str, ...]]) -> int:
    return sum(len(ids) for ids in refs.values())


# -- the corpus as a whole ---------------------------------------------------------------------------


def test_the_corpus_is_where_the_tests_expect_it() -> None:
    assert (CORPUS / "README.md").is_file(), f"corpus not found at {CORPUS}"
    assert len(XML_FILES) == 130
    assert len(SUBMISSIONS) == 30
    assert sorted(p.name for p in (CORPUS / "submissions").iterdir()) == sorted(
        [*HEADER_ONLY, *(p.name for p in SUBMISSIONS)]
    )


def test_every_ownership_document_of_xml_and_submissions_is_read() -> None:
    """160 documents: 130 XML files and one document in each of the 30 submissions (the README's 122 Form 4,
    34 Form 3 and 4 Form 5). The spec sample in corpus/schema is not a filing and is not counted."""
    expected = sum(len(raw_documents(path)) for path in ALL_FILES)
    filings = [filing for path in ALL_FILES for filing in _read(path)]
    assert expected == 160
    assert len(filings) == 160
    types_ = [filing.document_type for filing in filings]
    assert (types_.count("4"), types_.count("3"), types_.count("5")) == (122, 34, 4)


def test_iter_filings_over_both_folders_yields_every_document_and_two_header_only_errors() -> None:
    results = list(iter_filings([CORPUS / "xml", CORPUS / "submissions"]))
    filings = [r for r in results if isinstance(r, model.Filing)]
    errors = [r for r in results if not isinstance(r, model.Filing)]
    assert len(filings) == 160
    assert sorted(Path(e.source).name for e in errors) == sorted(HEADER_ONLY)
    assert all(isinstance(e, NotOwnershipDocumentError) for e in errors)


# -- per document ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=_label)
def test_counts_equal_the_xml_elements(path: Path) -> None:
    roots = raw_documents(path)
    filings = _read(path)
    assert len(filings) == len(roots) == 1
    for root, filing in zip(roots, filings, strict=True):
        assert len(filing.reporting_owners) == len(list(root.iter("reportingOwner")))
        for tag, attribute in ROW_ATTRIBUTE.items():
            assert len(getattr(filing, attribute)) == len(list(root.iter(tag))), tag
        assert len(filing.footnotes) == len(list(root.iter("footnote")))
        assert len(filing.signatures) == len(list(root.iter("ownerSignature")))
        cited = sum(_refs_total(row.footnote_refs) for row in filing.rows) + _refs_total(filing.footnote_refs)
        assert cited == expected_ref_count(root)


@pytest.mark.parametrize("path", ALL_FILES, ids=_label)
def test_footnote_references_land_on_the_exact_field(path: Path) -> None:
    for root, filing in zip(raw_documents(path), _read(path), strict=True):
        for tag, attribute in ROW_ATTRIBUTE.items():
            expected = [expected_row_refs(row) for row in root.iter(tag)]
            assert [dict(row.footnote_refs) for row in getattr(filing, attribute)] == expected, tag
        defined = {note.id for note in filing.footnotes}
        for row in filing.rows:
            for ids in row.footnote_refs.values():
                assert set(ids) <= defined


@pytest.mark.parametrize("path", ALL_FILES, ids=_label)
def test_identity_fields_and_footnote_texts_equal_the_xml(path: Path) -> None:
    for root, filing in zip(raw_documents(path), _read(path), strict=True):
        assert filing.document_type == _text(root.find("documentType"))
        assert filing.schema_version == _text(root.find("schemaVersion"))
        assert filing.issuer.cik == _text(root.find("issuer/issuerCik")).zfill(10)
        assert filing.issuer.name == _text(root.find("issuer/issuerName"))
        assert filing.issuer.trading_symbol == _text(root.find("issuer/issuerTradingSymbol"))
        owners = root.findall("reportingOwner")
        assert [o.cik for o in filing.reporting_owners] == [
            _text(o.find("reportingOwnerId/rptOwnerCik")).zfill(10) for o in owners
        ]
        assert [o.name for o in filing.reporting_owners] == [
            _text(o.find("reportingOwnerId/rptOwnerName")) for o in owners
        ]
        assert [(n.id, n.text) for n in filing.footnotes] == [
            (fn.get("id"), _text(fn) or "") for fn in root.iter("footnote")
        ]
        assert [s.name for s in filing.signatures] == [
            _text(s.find("signatureName")) for s in root.iter("ownerSignature")
        ]
        assert filing.remarks == _text(root.find("remarks"))
        for tag, attribute in ROW_ATTRIBUTE.items():
            assert [row.security_title for row in getattr(filing, attribute)] == [
                _value_text(row, "securityTitle") for row in root.iter(tag)
            ]


@pytest.mark.parametrize("path", ALL_FILES, ids=_label)
def test_document_type_ciks_and_no_warnings(path: Path) -> None:
    for filing in _read(path):
        assert filing.document_type in model.DOCUMENT_TYPES
        assert re.fullmatch(r"\d{10}", filing.issuer.cik)
        for owner in filing.reporting_owners:
            assert owner.cik is not None and re.fullmatch(r"\d{10}", owner.cik)
        for cik in filing.filer_ciks:
            assert re.fullmatch(r"\d{10}", cik)
        if path.name == BROKEN_SUBMISSION:
            assert len(filing.warnings) == 1
        else:
            assert filing.warnings == ()


# -- types ---------------------------------------------------------------------------------------------

_RECORD_TYPES = (
    model.Filing,
    model.Issuer,
    model.ReportingOwner,
    model.Address,
    model.NonDerivativeTransaction,
    model.NonDerivativeHolding,
    model.DerivativeTransaction,
    model.DerivativeHolding,
    model.Footnote,
    model.Signature,
)
_HINTS = {cls: typing.get_type_hints(cls, globalns=vars(model), localns=vars(model)) for cls in _RECORD_TYPES}


def _conforms(value: object, hint: object) -> bool:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is date:
        return type(value) is date  # a datetime would also pass isinstance(date)
    if hint is Decimal:
        return type(value) is Decimal and value.is_finite()
    if hint is bool:
        return type(value) is bool
    if hint is str:
        return type(value) is str
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return type(value) is tuple and all(_conforms(v, item) for v in value)
    if origin in (Mapping, dict):
        key, item = typing.get_args(hint)
        return isinstance(value, Mapping) and all(_conforms(k, key) and _conforms(v, item) for k, v in value.items())
    if isinstance(hint, type) and issubclass(hint, Enum):
        return isinstance(value, hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return type(value) is hint
    raise AssertionError(f"no check for {hint!r}")


def _check_record(record: object) -> None:
    hints = _HINTS[type(record)]
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        hint = hints[field.name]
        assert _conforms(value, hint), f"{type(record).__name__}.{field.name} = {value!r} is not {hint}"
        if type(value) is str and field.name != "source":
            # leaf text is whitespace-normalised: stray spaces and line breaks never reach a record
            assert value == " ".join(value.split()), f"{type(record).__name__}.{field.name} = {value!r}"
        children = value if type(value) is tuple else (value,)
        for child in children:
            if dataclasses.is_dataclass(child):
                _check_record(child)


@pytest.mark.parametrize("path", ALL_FILES, ids=_label)
def test_every_field_has_its_declared_type(path: Path) -> None:
    for filing in _read(path):
        _check_record(filing)


# -- what the header adds --------------------------------------------------------------------------------


def _sidecar(path: Path) -> Path | None:
    match = _ACCESSION.search(path.name)
    if not path.name.startswith("dm_") or not match:
        return None
    return path.with_name(f"dm_{match.group(0)}.metadata.json")


@pytest.mark.parametrize("path", XML_FILES, ids=_label)
def test_xml_files_carry_the_sidecar_header(path: Path) -> None:
    (filing,) = _read(path)
    sidecar = _sidecar(path)
    if sidecar is None:
        assert (filing.accession_number, filing.filing_date, filing.filer_ciks) == (None, None, ())
        return
    meta = json.loads(sidecar.read_text(encoding="utf-8"))["submission"]
    assert filing.accession_number == _ACCESSION.search(path.name).group(0) == meta["ACCESSION-NUMBER"]
    raw = meta["FILING-DATE"]
    assert filing.filing_date == date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    assert filing.issuer.cik in filing.filer_ciks
    assert len(set(filing.filer_ciks)) == len(filing.filer_ciks)
    assert set(filing.filer_ciks) <= set(_every_cik(meta))
    entries = [
        (entry, part)
        for key, part in (("REPORTING-OWNER", "OWNER-DATA"), ("ISSUER", "COMPANY-DATA"))
        for entry in (meta[key] if isinstance(meta[key], list) else [meta[key]])
    ]
    if path.name in MANGLED_SIDECARS:
        # datamule nested the six owners into each other: only one owner's entry is well formed
        assert sum(part in entry for entry, part in entries) == 2
        return
    assert set(filing.filer_ciks) == {entry[part]["CIK"].zfill(10) for entry, part in entries}


# The two six-owner Fractyl filings: their datamule sidecars lost most reporting owners (the SGML was
# parsed into nested dictionaries that overwrite each other), so only part of the filer CIKs survive.
MANGLED_SIDECARS = ("dm_0000950170-24-009914_ownership.xml", "dm_0000950170-24-012830_ownership.xml")


def _every_cik(node: object) -> list[str]:
    if isinstance(node, dict):
        return [
            cik
            for key, value in node.items()
            for cik in ([value.zfill(10)] if key == "CIK" and isinstance(value, str) else _every_cik(value))
        ]
    if isinstance(node, list):
        return [cik for value in node for cik in _every_cik(value)]
    return []


def test_every_dm_xml_file_has_a_sidecar() -> None:
    dm_files = [p for p in XML_FILES if p.name.startswith("dm_")]
    assert len(dm_files) == 124
    assert all(_sidecar(p) is not None and _sidecar(p).is_file() for p in dm_files)


@pytest.mark.parametrize("path", SUBMISSIONS, ids=_label)
def test_submissions_carry_their_header(path: Path) -> None:
    data = path.read_bytes().decode("latin-1")
    header = re.split(r"</SEC-HEADER>|<DOCUMENT>", data, maxsplit=1)[0]
    raw_date = re.search(r"(?:FILED AS OF DATE:\s*|<FILING-DATE>)(\d{8})", header).group(1)
    ciks = {cik.zfill(10) for cik in re.findall(r"(?:CENTRAL INDEX KEY:\s*|<CIK>)(\d+)", header)}
    for filing in _read(path):
        assert filing.accession_number == path.name[:20]
        assert filing.filing_date == date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
        assert set(filing.filer_ciks) == ciks
        assert filing.issuer.cik in filing.filer_ciks


@pytest.mark.parametrize("name", HEADER_ONLY)
def test_header_only_submissions_raise_not_ownership_document(name: str) -> None:
    path = CORPUS / "submissions" / name
    with pytest.raises(NotOwnershipDocumentError) as caught:
        read_filing(path)
    message = str(caught.value)
    assert str(path) in message
    assert name[:20] in message  # the accession number from the header
    assert "holds no <XML> document" in message
    assert caught.value.source == str(path)
