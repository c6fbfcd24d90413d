"""The rendered Form 3/4/5 HTML page (SEC's xslF345 stylesheets) as the text a browser shows for it.

The page is turned into the text ``document.body.innerText`` gives (table cells separated by tabs,
rows and blocks by line breaks, footnote marks as ``(1)``), so that one reader serves the page and a
copy of it. What the text loses, the EDGAR links to the issuer and the reporting owners, is read
from the ``getcompany&CIK=`` addresses. lxml's HTML parser reads the bytes only: it fetches nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree, html

from form4graph.errors import NotOwnershipDocumentError
from form4graph.read.values import clean_text, to_cik

# Display of the elements, as a browser's default style sheet gives it (what innerText depends on).
_HIDDEN = frozenset({"head", "title", "style", "script", "meta", "link", "noscript", "template", "object"})
_BLOCK = frozenset({
    "html", "body", "div", "table", "center", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dd", "dt",
    "ul", "ol", "li", "form", "blockquote", "pre", "address", "caption", "fieldset", "section", "article",
    "header", "footer", "nav", "main", "aside", "figure",
})
_CIK_LINK = re.compile(r"[?&]CIK=(\d{1,10})\b", re.IGNORECASE)
_SPACES = re.compile(r"[ \n\r\t\f]+")
_LINE_PADDING = re.compile(r" *([\t\n]) *")

_Item = str | int  # a string of text, or a required line break count (the HTML spec's innerText steps)


@dataclass(frozen=True, slots=True)
class PageLinks:
    """CIKs the page links to: the issuer's, and the reporting owners' by the name shown on the link."""

    issuer_cik: str | None = None
    owner_ciks: dict[str, str] = field(default_factory=dict)


def html_to_text(data: bytes, source: str) -> tuple[str, PageLinks]:
    """The page's text as a browser's innerText gives it, and the CIKs its links carry."""
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise NotOwnershipDocumentError(source, f"the HTML page could not be read ({exc})") from exc
    body = root.find("body")
    items: list[_Item] = []
    try:
        _collect(body if body is not None else root, items, _last_rows(root))
    except RecursionError as exc:
        raise NotOwnershipDocumentError(source, "the HTML page nests its elements too deeply to be a rendered form") from exc
    return _join(items), _links(root)


def _last_rows(root: etree._Element) -> set[etree._Element]:
    """The last row of every table (a row ends with a line break unless it is its table's last)."""
    last: dict[etree._Element, etree._Element] = {}
    for row in root.iter("tr"):
        table = next(row.iterancestors("table"), None)
        if table is not None:
            last[table] = row
    return set(last.values())


def _collect(element: etree._Element, items: list[_Item], last_rows: set[etree._Element]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _HIDDEN:
        return
    breaks = 2 if tag == "p" else 1 if tag in _BLOCK else 0
    if breaks:
        items.append(breaks)
    if tag == "br":
        items.append("\n")
    if tag == "input" and (element.get("type") or "").lower() == "checkbox":  # older pages draw the boxes so
        items.append("X" if element.get("checked") is not None else "")
    if element.text and tag:
        items.append(_SPACES.sub(" ", element.text))
    for child in element:
        _collect(child, items, last_rows)
        if child.tail:
            items.append(_SPACES.sub(" ", child.tail))
    if tag in ("td", "th") and _next_sibling(element, ("td", "th")) is not None:
        items.append("\t")
    elif tag == "tr" and element not in last_rows:
        items.append("\n")
    if breaks:
        items.append(breaks)


def _next_sibling(element: etree._Element, tags: tuple[str, ...]) -> etree._Element | None:
    for sibling in element.itersiblings():
        if sibling.tag in tags:
            return sibling
    return None


def _join(items: list[_Item]) -> str:
    """Runs of line break counts become that many line breaks (none at the start or the end).

    Whitespace between blocks (the source's indentation) renders as nothing; between inline
    elements, as one space.
    """
    parts: list[str] = []
    pending = 0
    space = False
    for item in items:
        if isinstance(item, int):
            pending, space = max(pending, item), False
        elif item.strip(" "):
            if pending and parts:
                parts.append("\n" * pending)
            elif space:
                parts.append(" ")
            pending, space = 0, False
            parts.append(item)
        elif item:
            space = not pending
    text = _LINE_PADDING.sub(r"\1", "".join(parts))
    return "\n".join(line.strip(" ") for line in text.split("\n"))


def _links(root: etree._Element) -> PageLinks:
    issuer_cik: str | None = None
    owners: dict[str, str] = {}
    for link in root.iter("a"):
        match = _CIK_LINK.search(link.get("href") or "")
        name = clean_text(_text_of(link))
        if not match or not name:
            continue
        cik = to_cik(match.group(1)) or ""
        cell = next(link.iterancestors("td", "th"), None)
        if issuer_cik is None and cell is not None and "Issuer Name" in " ".join(_text_of(cell).split()):
            issuer_cik = cik
        else:
            owners.setdefault(name, cik)
    return PageLinks(issuer_cik=issuer_cik, owner_ciks=owners)


def _text_of(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext())
