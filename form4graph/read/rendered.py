"""Reader for EDGAR's rendered Form 3/4/5 page (HTML, or the text a browser copies from it)."""

from __future__ import annotations

from form4graph import model
from form4graph.errors import NotOwnershipDocumentError


def looks_like_rendered(head: bytes) -> bool:
    return False


def parse_rendered(data: bytes, source: str) -> model.Filing:
    raise NotOwnershipDocumentError(source, "rendered pages are not read yet")
