"""Reader for EDGAR full submissions: ``.txt`` (SEC-HEADER + documents, also PEM-wrapped ones from
2006) and the ``.nc`` dissemination format. A submission may hold several ownership documents; each
becomes a :class:`model.Filing` carrying the header's accession number, filing date and filer CIKs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from form4graph import model
from form4graph.errors import NotOwnershipDocumentError, NotXMLError
from form4graph.read.ownership_xml import SubmissionHeader, parse_ownership_xml
from form4graph.read.values import to_cik, to_date

_SUBMISSION_MARKERS = (b"<SEC-DOCUMENT>", b"<SEC-HEADER>", b"<SUBMISSION>", b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----",
                       b"<ACCEPTANCE-DATETIME>", b"<IMS-HEADER>")
_XML_BLOCK = re.compile(rb"<XML>\s*(.*?)\s*</XML>", re.DOTALL | re.IGNORECASE)
_XML_OPEN = re.compile(rb"<XML>", re.IGNORECASE)
_DOCUMENT_TYPE = re.compile(rb"<TYPE>\s*([^\s<]+)")
# Text header ("ACCESSION NUMBER:\t\t0000019446-06-000081") and SGML header ("<ACCESSION-NUMBER>0001...").
_ACCESSION = re.compile(rb"(?:ACCESSION NUMBER:|<ACCESSION-NUMBER>)\s*(\d{10}-\d{2}-\d{6})")
_FILING_DATE = re.compile(rb"(?:FILED AS OF DATE:|<FILING-DATE>)\s*(\d{8})")
_CIK = re.compile(rb"(?:CENTRAL INDEX KEY:|<CIK>)\s*(\d{1,10})")
_HEADER_END = re.compile(rb"</SEC-HEADER>|<DOCUMENT>", re.IGNORECASE)
_ACCESSION_IN_NAME = re.compile(r"(\d{10}-\d{2}-\d{6})")


def looks_like_submission(data: bytes) -> bool:
    head = data[:4096].lstrip()
    return any(head.startswith(marker) or marker in head[:600] for marker in _SUBMISSION_MARKERS)


def parse_submission_header(data: bytes, source: str) -> SubmissionHeader:
    end = _HEADER_END.search(data)
    head = data[: end.start()] if end else data[:65536]
    accession = _ACCESSION.search(head)
    filed = _FILING_DATE.search(head)
    ciks: list[str] = []
    for match in _CIK.finditer(head):
        cik = to_cik(match.group(1).decode("ascii"))
        if cik and cik not in ciks:
            ciks.append(cik)
    filing_date = None
    if filed:
        raw = filed.group(1).decode("ascii")
        filing_date = to_date(f"{raw[:4]}-{raw[4:6]}-{raw[6:]}", source, "FILED AS OF DATE")
    return SubmissionHeader(
        accession_number=accession.group(1).decode("ascii") if accession else None,
        filing_date=filing_date,
        filer_ciks=tuple(ciks),
    )


def iter_submission_filings(data: bytes, source: str) -> Iterator[model.Filing]:
    """Yield every ownership document in a submission; raise if it holds none."""
    header = parse_submission_header(data, source)
    matches = list(_XML_BLOCK.finditer(data))
    blocks = [(m.group(1), data.count(b"\n", 0, m.start(1)) + 1) for m in matches]
    ownership = [(block, line) for block, line in blocks if b"ownershipDocument" in block]
    unclosed = _XML_OPEN.search(data, matches[-1].end() if matches else 0)
    if unclosed and (not ownership or b"ownershipDocument" in data[unclosed.start():]):
        line = data.count(b"\n", 0, unclosed.start()) + 1
        raise NotXMLError(
            source, f"truncated: the <XML> block that opens at line {line} never closes with </XML> (the file ends early)"
        )
    if not ownership:
        what = "no <XML> document" if not blocks else "XML documents, but none is an ownershipDocument"
        raise NotOwnershipDocumentError(
            source, f"EDGAR submission {header.accession_number or ''} holds {what} (a header-only or paper filing?)".replace("  ", " ")
        )
    many = len(ownership) > 1
    for index, (block, line) in enumerate(ownership, start=1):
        name = f"{source}#{index}" if many else source
        yield parse_ownership_xml(block, name, header, first_line=line)


def header_from_sidecar(xml_path: Path) -> SubmissionHeader | None:
    """The SEC header of a document saved by datamule (``dm_<accession>_*.xml`` beside
    ``dm_<accession>.metadata.json``), or the accession of an EDGAR archive folder
    (``.../edgar/data/<cik>/<18-digit accession>/doc.xml``); ``None`` when neither is there."""
    match = _ACCESSION_IN_NAME.search(xml_path.name)
    if match:
        sidecar = xml_path.with_name(f"dm_{match.group(1)}.metadata.json")
        if sidecar.is_file():
            return _read_datamule_sidecar(sidecar, match.group(1))
    folder = xml_path.parent.name
    if len(folder) == 18 and folder.isdigit() and xml_path.parent.parent.name.isdigit():
        return SubmissionHeader(accession_number=f"{folder[:10]}-{folder[10:12]}-{folder[12:]}")
    return None


def _read_datamule_sidecar(path: Path, accession: str) -> SubmissionHeader:
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("submission", {})
    except (OSError, ValueError, AttributeError):
        return SubmissionHeader(accession_number=accession)
    raw_date = str(meta.get("FILING-DATE") or "")
    filing_date = to_date(f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:]}", str(path), "FILING-DATE") if len(raw_date) == 8 else None
    ciks: list[str] = []
    for key, part in (("REPORTING-OWNER", "OWNER-DATA"), ("ISSUER", "COMPANY-DATA")):
        entries = meta.get(key) or []
        for entry in entries if isinstance(entries, list) else [entries]:
            cik = to_cik(str((entry.get(part) or {}).get("CIK") or ""))
            if cik and cik not in ciks:
                ciks.append(cik)
    return SubmissionHeader(
        accession_number=str(meta.get("ACCESSION-NUMBER") or accession),
        filing_date=filing_date,
        filer_ciks=tuple(ciks),
    )
