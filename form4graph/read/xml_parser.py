"""Safe XML parsing for every reader: no DTDs, no entities, no network, bounded size.

Ownership documents never carry a DTD, so any ``<!DOCTYPE``/``<!ENTITY`` is refused before lxml sees
the bytes: that stops entity-expansion bombs and external entities (local files or URLs) alike.
"""

from __future__ import annotations

import re

from lxml import etree

from form4graph.errors import NotXMLError, UnsafeXMLError

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""Largest XML document accepted. Real ownership documents are under 1 MB (at most 60 rows)."""

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_SPLIT_CLOSING_TAG = re.compile(rb"</([A-Za-z][A-Za-z0-9]*)\r?\n([A-Za-z0-9]*)>")
_ENCODING_DECL = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")
_UTF8_BOM = b"\xef\xbb\xbf"
# Byte patterns of UTF-32/UTF-16 documents (with or without a byte order mark) and their codec.
_WIDE_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le"),
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


_REFUSED = "the XML declares a DTD or entities; ownership documents never do, so it is refused unread"


def parse_xml(
    data: bytes, source: str, known_tags: frozenset[str] = frozenset(), first_line: int = 1
) -> tuple[etree._Element, list[str]]:
    """Parse ``data`` into an element tree; return it with a list of repair warnings.

    A closing tag split by a hard line break (``</fo`` newline ``otnote>``, seen in EDGAR filings of
    2006) is repaired when the joined name is one of ``known_tags``, with a warning that says so.
    ``first_line`` is the line of ``source`` on which ``data`` starts (an XML block inside a
    submission), so that the warning points at the line of the file.
    Anything else that is not well-formed raises :class:`NotXMLError`.
    """
    if _declares_dtd(data):
        raise UnsafeXMLError(source, _REFUSED)
    data, skipped_lines = _strip(data)
    first_line += skipped_lines
    data = _declared_encoding_fixup(data)
    try:
        return _checked(etree.fromstring(data, _parser()), source), []
    except etree.XMLSyntaxError as exc:
        repaired, warnings = _repair_split_tags(data, known_tags, first_line)
        if warnings:
            try:
                return _checked(etree.fromstring(repaired, _parser()), source), warnings
            except etree.XMLSyntaxError:
                pass
        raise NotXMLError(source, f"not well-formed XML ({_describe(exc, data)})") from exc


def _strip(data: bytes) -> tuple[bytes, int]:
    """``data`` without surrounding whitespace (also between a UTF-8 byte order mark and the XML
    declaration, which must follow the mark directly), and how many lines were dropped in front."""
    body = data.lstrip()
    bom = body.startswith(_UTF8_BOM)
    if bom:
        body = body[len(_UTF8_BOM):].lstrip()
    skipped = data.count(b"\n", 0, len(data) - len(body))
    body = body.rstrip()
    return (_UTF8_BOM + body if bom else body), skipped


def _declares_dtd(data: bytes) -> bool:
    """``<!DOCTYPE``/``<!ENTITY`` in the bytes, or in their text when they are UTF-16 or UTF-32 (which the
    byte pattern cannot see, but lxml reads all the same)."""
    if _DTD.search(data):
        return True
    head = data[:4]
    for mark, codec in _WIDE_ENCODINGS:
        if head.startswith(mark):
            text = data[len(mark) if b"<" not in mark else 0:].decode(codec, errors="replace")
            return _DTD.search(text.encode("utf-8", errors="replace")) is not None
    return False


def _checked(root: etree._Element, source: str) -> etree._Element:
    """Refuse a document type declaration that got past the byte check (an encoding it missed)."""
    if root.getroottree().docinfo.internalDTD is not None:  # set by any <!DOCTYPE>, with or without a subset
        raise UnsafeXMLError(source, _REFUSED)
    return root


def _describe(exc: etree.XMLSyntaxError, data: bytes) -> str:
    message = str(exc.msg) if getattr(exc, "msg", None) else str(exc)
    lowered = message.lower()
    if "end of data" in lowered or "premature end" in lowered or "EndTag" in message or _at_end(exc, data):
        return f"truncated or unclosed element: {message}"
    return message


def _at_end(exc: etree.XMLSyntaxError, data: bytes) -> bool:
    """The error stands at the very end of the data: the document stops in the middle of a tag."""
    line, column = getattr(exc, "position", None) or (0, 0)
    lines = data.split(b"\n")
    return line == len(lines) and len(lines[-1]) - (column - 1) <= 1


def _repair_split_tags(data: bytes, known_tags: frozenset[str], first_line: int = 1) -> tuple[bytes, list[str]]:
    warnings: list[str] = []

    def join(match: re.Match[bytes]) -> bytes:
        name = (match.group(1) + match.group(2)).decode("ascii")
        if name not in known_tags:
            return match.group(0)
        line = data.count(b"\n", 0, match.start()) + first_line
        warnings.append(
            f"repaired closing tag </{name}> split by a line break at line {line}"
            f" (read as '</{match.group(1).decode()}' + newline + '{match.group(2).decode()}>')"
        )
        return b"</" + name.encode("ascii") + b">"

    return _SPLIT_CLOSING_TAG.sub(join, data), warnings


def _declared_encoding_fixup(data: bytes) -> bytes:
    """Drop an encoding declaration that the bytes contradict (a UTF-8 file labelled otherwise is common)."""
    match = _ENCODING_DECL.match(data)
    if not match:
        return data
    declared = match.group(1).decode("ascii").lower()
    if declared in ("utf-8", "utf8"):
        return data
    try:
        b"".join([data]).decode(declared)
    except (LookupError, UnicodeDecodeError):
        # Unknown or wrong label: let lxml detect the encoding from the bytes instead.
        end = data.index(b"?>") + 2
        return data[end:].lstrip()
    return data
