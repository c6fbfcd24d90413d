"""Inputs that are not ownership filings, or are broken, raise an InputError naming the file and the problem.

The bad files in tests/data/read/bad are edits of one real filing (Affirm, accession 0001628280-24-030951)
or of a real submission (0001137693-14-000001, 0001179110-14-007110); tests/data/read/README.md lists them.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import BAD, CORPUS, HEADER_ONLY, SEED
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from form4graph import model
from form4graph.errors import (
    Form4GraphError,
    InputError,
    InvalidValueError,
    NotOwnershipDocumentError,
    NotXMLError,
    UnsafeXMLError,
)
from form4graph.read import iter_filings, parse_filings, read_filing

AFFIRM = CORPUS / "xml" / "dm_0001628280-24-030951_wk-form4_1719957769.xml"
SUBMISSION = CORPUS / "submissions" / "0001179110-14-007110.txt"


def _raises(path: Path, error: type[InputError]) -> str:
    with pytest.raises(InputError) as caught:
        read_filing(path)
    assert type(caught.value) is error, f"{type(caught.value).__name__}: {caught.value}"
    message = str(caught.value)
    assert str(path) in message
    assert caught.value.source == str(path)
    return message


# -- not an ownership document at all -------------------------------------------------------------------


def test_empty_file() -> None:
    assert "the file is empty" in _raises(BAD / "empty.xml", NotOwnershipDocumentError)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.xml"
    path.write_bytes(b"\xef\xbb\xbf \n\t\r\n")
    assert "the file is empty" in _raises(path, NotOwnershipDocumentError)


def test_binary_garbage() -> None:
    assert b"\x00" in (BAD / "garbage.xml").read_bytes()[:4096]
    message = _raises(BAD / "garbage.xml", NotOwnershipDocumentError)
    assert "binary data, not an ownership document" in message


def test_plain_text_is_not_an_ownership_document(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Insider bought 1,000 shares of ACME on 2024-03-11.\n")
    message = _raises(path, NotOwnershipDocumentError)
    assert "not an ownership document: expected ownershipDocument XML, an EDGAR submission" in message


def test_wrong_root_element() -> None:
    message = _raises(BAD / "wrong_root.xml", NotOwnershipDocumentError)
    assert "root element is <edgarSubmission>, not <ownershipDocument>" in message


def test_edgar_submission_without_an_xml_document() -> None:
    """An 8-K press release submission: an EDGAR document, but no <XML> and no ownershipDocument."""
    message = _raises(BAD / "submission_without_xml.txt", NotOwnershipDocumentError)
    assert "EDGAR submission 0001137693-14-000001 holds no <XML> document" in message


def test_edgar_submission_whose_xml_is_not_an_ownership_document() -> None:
    """A Form D submission: its <XML> block is an <edgarSubmission>, not an ownershipDocument."""
    message = _raises(BAD / "submission_form_d_xml.txt", NotOwnershipDocumentError)
    assert "holds XML documents, but none is an ownershipDocument" in message


@pytest.mark.parametrize("name", HEADER_ONLY)
def test_header_only_submission(name: str) -> None:
    message = _raises(CORPUS / "submissions" / name, NotOwnershipDocumentError)
    assert f"EDGAR submission {name[:20]} holds no <XML> document" in message


# -- broken XML -------------------------------------------------------------------------------------------


def test_truncated_xml_cut_in_half() -> None:
    message = _raises(BAD / "truncated_half.xml", NotXMLError)
    assert "not well-formed XML (truncated" in message


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
def test_truncated_xml_says_truncated_wherever_it_is_cut(tmp_path: Path, fraction: float) -> None:
    data = AFFIRM.read_bytes()
    path = tmp_path / f"cut_at_{int(fraction * 100)}.xml"
    path.write_bytes(data[: int(len(data) * fraction)])
    assert "truncated" in _raises(path, NotXMLError)


def test_truncated_submission() -> None:
    """A submission cut in the middle of its ownership document: the <XML> block never closes."""
    message = _raises(BAD / "submission_truncated.txt", NotXMLError)
    assert "truncated" in message
    assert "header-only" not in message


def test_mismatched_tags_are_not_well_formed(tmp_path: Path) -> None:
    path = tmp_path / "mismatch.xml"
    path.write_bytes(AFFIRM.read_bytes().replace(b"</issuerName>", b"</issuerNam>"))
    message = _raises(path, NotXMLError)
    assert "not well-formed XML" in message
    assert "issuerName" in message


# -- values that are not what the specification allows -------------------------------------------------------


def test_number_that_is_not_a_number() -> None:
    message = _raises(BAD / "number_12x.xml", InvalidValueError)
    assert "nonDerivativeTransaction shares: '12x' is not a number" in message


def test_impossible_date() -> None:
    message = _raises(BAD / "date_2024-02-30.xml", InvalidValueError)
    assert "transaction_date: '2024-02-30' is an impossible date" in message


def test_missing_issuer_cik() -> None:
    message = _raises(BAD / "missing_issuer_cik.xml", InvalidValueError)
    assert "the issuer has no issuerCik" in message


def test_flag_that_is_not_a_flag(tmp_path: Path) -> None:
    path = tmp_path / "flag.xml"
    path.write_bytes(AFFIRM.read_bytes().replace(b"<isDirector>1</isDirector>", b"<isDirector>maybe</isDirector>"))
    message = _raises(path, InvalidValueError)
    assert "isDirector: 'maybe' is not a flag (expected 1/0/true/false)" in message


def test_document_type_that_is_not_a_section16_form(tmp_path: Path) -> None:
    path = tmp_path / "doctype.xml"
    path.write_bytes(
        AFFIRM.read_bytes().replace(b"<documentType>4</documentType>", b"<documentType>10-K</documentType>")
    )
    message = _raises(path, InvalidValueError)
    assert "documentType '10-K' is not one of 3, 3/A, 4, 4/A, 5, 5/A" in message


def test_acquired_disposed_code_outside_the_enumeration(tmp_path: Path) -> None:
    path = tmp_path / "ad.xml"
    path.write_bytes(
        AFFIRM.read_bytes().replace(
            b"<value>D</value>\n                </transactionAcquiredDisposedCode>",
            b"<value>X</value>\n                </transactionAcquiredDisposedCode>",
        )
    )
    message = _raises(path, InvalidValueError)
    assert "acquired_disposed: 'X' is not one of ['A', 'D']" in message


# -- unsafe XML ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["billion_laughs.xml", "billion_laughs_utf16.xml"])
def test_billion_laughs_is_refused_quickly(name: str) -> None:
    started = time.perf_counter()
    message = _raises(BAD / name, UnsafeXMLError)
    assert time.perf_counter() - started < 1.0
    assert "declares a DTD or entities" in message
    assert "refused unread" in message


@pytest.mark.parametrize("name", ["external_entity.xml", "external_entity_utf16.xml"])
def test_external_entity_is_refused_and_never_read(name: str) -> None:
    message = _raises(BAD / name, UnsafeXMLError)
    assert "declares a DTD or entities" in message
    assert "root:x:0:0" not in message
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        first = passwd.read_text(errors="replace").splitlines()[0]
        assert first not in message


def test_bomb_inside_a_submission_is_refused(tmp_path: Path) -> None:
    data = SUBMISSION.read_bytes()
    bomb = (BAD / "billion_laughs.xml").read_bytes()
    start, end = data.index(b"<XML>") + len(b"<XML>"), data.index(b"</XML>")
    path = tmp_path / "0001179110-14-007110.txt"
    path.write_bytes(data[:start] + b"\n" + bomb + b"\n" + data[end:])
    started = time.perf_counter()
    message = _raises(path, UnsafeXMLError)
    assert time.perf_counter() - started < 1.0
    assert "declares a DTD or entities" in message


# -- missing files ---------------------------------------------------------------------------------------------


def test_read_filing_of_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.xml"
    with pytest.raises(InputError) as caught:
        read_filing(path)
    assert str(path) in str(caught.value)
    assert "could not be read" in str(caught.value)


# -- a batch goes on past bad files ----------------------------------------------------------------------------


GOOD = {
    "dm_0001628280-24-030951_wk-form4_1719957769.xml": "0001628280-24-030951",
    "dm_0001415889-23-006657_form4-04182023_080404.xml": "0001415889-23-006657",
    "edgartools_form3_snow_berkshire_nonderiv.xml": None,
    "0001209191-06-055343.txt": "0001209191-06-055343",
    "0001127602-25-004598.nc": "0001127602-25-004598",
}
BAD_FILES = {
    "empty.xml": (NotOwnershipDocumentError, "the file is empty"),
    "garbage.xml": (NotOwnershipDocumentError, "binary data"),
    "truncated_half.xml": (NotXMLError, "not well-formed XML"),
    "wrong_root.xml": (NotOwnershipDocumentError, "root element is <edgarSubmission>"),
    "number_12x.xml": (InvalidValueError, "'12x' is not a number"),
    "date_2024-02-30.xml": (InvalidValueError, "impossible date"),
    "missing_issuer_cik.xml": (InvalidValueError, "no issuerCik"),
    "billion_laughs.xml": (UnsafeXMLError, "declares a DTD or entities"),
    "external_entity.xml": (UnsafeXMLError, "declares a DTD or entities"),
    "submission_without_xml.txt": (NotOwnershipDocumentError, "holds no <XML> document"),
    HEADER_ONLY[1]: (NotOwnershipDocumentError, "holds no <XML> document"),
}


def _batch_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in GOOD:
        source = CORPUS / ("xml" if name.endswith(".xml") else "submissions") / name
        shutil.copy(source, folder / name)
        sidecar = source.with_name(f"dm_{GOOD[name]}.metadata.json")
        if name.startswith("dm_") and sidecar.is_file():
            shutil.copy(sidecar, folder / sidecar.name)
    for name in BAD_FILES:
        source = CORPUS / "submissions" / name if name in HEADER_ONLY else BAD / name
        shutil.copy(source, folder / name)
    return folder


def test_batch_over_a_folder_reads_the_good_files_and_names_each_bad_one(tmp_path: Path) -> None:
    folder = _batch_folder(tmp_path)
    results = list(iter_filings([folder]))

    filings = [r for r in results if isinstance(r, model.Filing)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(results) == len(filings) + len(errors) == len(GOOD) + len(BAD_FILES)
    assert {Path(f.source).name: f.accession_number for f in filings} == GOOD
    assert {Path(e.source).name for e in errors} == set(BAD_FILES)
    for error in errors:
        name = Path(error.source).name
        kind, phrase = BAD_FILES[name]
        assert type(error) is kind, f"{name}: {type(error).__name__}: {error}"
        assert str(folder / name) in str(error)
        assert phrase in str(error)
    # results come in path order, errors in their place
    assert [Path(r.source).name for r in results] == sorted(Path(r.source).name for r in results)


def test_batch_over_explicit_paths_keeps_their_order_and_reports_a_missing_one(tmp_path: Path) -> None:
    folder = _batch_folder(tmp_path)
    paths = [
        folder / "empty.xml",
        folder / "0001209191-06-055343.txt",
        tmp_path / "missing.xml",
        folder / "billion_laughs.xml",
        folder / "dm_0001628280-24-030951_wk-form4_1719957769.xml",
    ]
    results = list(iter_filings(paths))
    assert [type(r).__name__ for r in results] == [
        "NotOwnershipDocumentError",
        "Filing",
        "InputError",
        "UnsafeXMLError",
        "Filing",
    ]
    assert [r.source for r in results] == [str(p) for p in paths]
    assert "no such file or folder" in str(results[2])
    assert results[4].accession_number == "0001628280-24-030951"


# -- nothing but InputError escapes the reader -----------------------------------------------------------------


def test_every_truncation_of_a_real_filing_is_an_input_error() -> None:
    data = AFFIRM.read_bytes()
    for end in range(0, len(data), 7):
        with pytest.raises(InputError) as caught:
            parse_filings(data[:end], f"cut-{end}")
        assert f"cut-{end}" in str(caught.value)


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for position, length, insert in edits:
        position %= max(len(data), 1)
        data = data[:position] + insert + data[position + length :]
    return data


@seed(SEED)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10_000),
            st.integers(min_value=0, max_value=12),
            st.sampled_from(
                [
                    b"",
                    b"<",
                    b">",
                    b"&",
                    b"&amp;",
                    b"</value>",
                    b"<value>",
                    b"\x00",
                    b"\xff",
                    b"x",
                    b"-",
                    b"<!--",
                    b"]]>",
                    b'<footnoteId id="F9"/>',
                    b"\n",
                    b"1",
                    b"2024-13-45",
                ]
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_mangled_filings_raise_only_input_errors(edits: list[tuple[int, int, bytes]]) -> None:
    data = _mutate(AFFIRM.read_bytes(), edits)
    try:
        filings = parse_filings(data, "mangled.xml")
    except Form4GraphError as exc:
        assert isinstance(exc, InputError)
        assert "mangled.xml" in str(exc)
    else:
        assert all(isinstance(f, model.Filing) for f in filings)
