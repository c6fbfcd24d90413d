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


def parse_xml(data: bytes, source: str, known_tags: frozenset[str] = frozenset()) -> tuple[etree._Element, list[str]]:
    """Parse ``data`` into an element tree; return it with a list of repair warnings.

    A closing tag split by a hard line break (``</fo`` newline ``otnote>``, seen in EDGAR filings of
    2006) is repaired when the joined name is one of ``known_tags``, with a warning that says so.
    Anything else that is not well-formed raises :class:`NotXMLError`.
    """
    if _DTD.search(data):
        raise UnsafeXMLError(source, "the XML declares a DTD or entities; ownership documents never do, so it is refused unread")
    data = _declared_encoding_fixup(data.strip())
    try:
        return etree.fromstring(data, _parser()), []
    except etree.XMLSyntaxError as exc:
        repaired, warnings = _repair_split_tags(data, known_tags)
        if warnings:
            try:
                return etree.fromstring(repaired, _parser()), warnings
            except etree.XMLSyntaxError:
                pass
        raise NotXMLError(source, f"not well-formed XML ({_describe(exc, data)})") from exc


def _describe(exc: etree.XMLSyntaxError, data: bytes) -> str:
    message = str(exc.msg) if getattr(exc, "msg", None) else str(exc)
    if "end of data" in message.lower() or "premature end" in message.lower() or "EndTag" in message:
        return f"truncated or unclosed element: {message}"
    return message


def _repair_split_tags(data: bytes, known_tags: frozenset[str]) -> tuple[bytes, list[str]]:
    warnings: list[str] = []

    def join(match: re.Match[bytes]) -> bytes:
        name = (match.group(1) + match.group(2)).decode("ascii")
        if name not in known_tags:
            return match.group(0)
        line = data.count(b"\n", 0, match.start()) + 1
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
