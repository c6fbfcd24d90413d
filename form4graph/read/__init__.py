"""Readers: every input format into :class:`form4graph.model.Filing` records.

``parse_filings`` sniffs the bytes (ownership XML, EDGAR submission, rendered HTML page, rendered
page text) and hands them to the reader for that format; ``iter_filings`` walks paths and yields a
record or an :class:`InputError` per input, so one bad file never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from form4graph import model
from form4graph.errors import InputError, NotOwnershipDocumentError
from form4graph.read import rendered
from form4graph.read.ownership_xml import SubmissionHeader, parse_ownership_xml
from form4graph.read.sources import Input, iter_inputs
from form4graph.read.submission import header_from_sidecar, iter_submission_filings, looks_like_submission

__all__ = ["Input", "iter_filings", "iter_inputs", "parse_filing", "parse_filings", "read_filing"]


def parse_filings(data: bytes, source: str = "<bytes>", path: Path | None = None) -> list[model.Filing]:
    """Every filing in ``data``; raises :class:`InputError` (naming ``source``) if there is none."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise NotOwnershipDocumentError(source, "the file is empty")
    if b"\x00" in data[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotOwnershipDocumentError(source, "binary data, not an ownership document (XML, EDGAR submission or rendered page)")
    if looks_like_submission(head):
        return list(iter_submission_filings(data, source))
    if head.startswith((b"<?xml", b"<ownershipDocument", b"\xff\xfe", b"\xfe\xff")) or (
        head.startswith(b"<") and b"ownershipDocument" in head and not rendered.looks_like_rendered(head)
    ):
        header = header_from_sidecar(path) if path is not None else None
        return [parse_ownership_xml(data, source, header or SubmissionHeader())]
    if rendered.looks_like_rendered(head):
        return [rendered.parse_rendered(data, source)]
    if head.startswith(b"<"):
        return [parse_ownership_xml(data, source)]
    raise NotOwnershipDocumentError(
        source, "not an ownership document: expected ownershipDocument XML, an EDGAR submission (.txt/.nc) or a rendered Form 3/4/5 page"
    )


def parse_filing(data: bytes, source: str = "<bytes>") -> model.Filing:
    """The one filing in ``data`` (the first, if a submission holds several)."""
    return parse_filings(data, source)[0]


def read_filing(path: str | Path) -> model.Filing:
    """Read the filing at ``path`` (XML, submission, rendered page or its text)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"could not be read ({exc.strerror or exc})") from exc
    return parse_filings(data, str(path), path)[0]


def iter_filings(paths: Iterable[str | Path]) -> Iterator[model.Filing | InputError]:
    """Every filing under ``paths``, or an error per input that could not be read, in input order."""
    for item in iter_inputs(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield from parse_filings(item.data, item.source, item.path)
        except InputError as exc:
            yield exc
