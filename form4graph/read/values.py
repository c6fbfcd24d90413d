"""Converters from the text of an ownership document's leaves to typed values.

Each raises :class:`InvalidValueError` naming the source, the field and the offending text, so that
"numbers that are not numbers" and impossible dates are reported, never silently dropped.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from form4graph.errors import InvalidValueError

_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_US_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_TRUE = frozenset({"1", "true", "y", "yes", "x"})
_FALSE = frozenset({"0", "false", "n", "no", ""})


def to_decimal(text: str | None, source: str, what: str) -> Decimal | None:
    if text is None:
        return None
    cleaned = text.strip().replace(",", "").replace("$", "").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise InvalidValueError(source, f"{what}: {text.strip()!r} is not a number") from exc
    if not value.is_finite():
        raise InvalidValueError(source, f"{what}: {text.strip()!r} is not a finite number")
    return value


def to_date(text: str | None, source: str, what: str) -> date | None:
    """ISO dates (``2024-03-11``, also with a trailing zone) and US dates (``3/11/2024``)."""
    if text is None or not text.strip():
        return None
    match = _DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        us = _US_DATE.match(text)
        if not us:
            raise InvalidValueError(source, f"{what}: {text.strip()!r} is not a date (expected YYYY-MM-DD)")
        month, day, year = (int(g) for g in us.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InvalidValueError(source, f"{what}: {text.strip()!r} is an impossible date ({exc})") from exc


def to_bool(text: str | None, source: str, what: str) -> bool | None:
    """Flags are written 1/0 and true/false (any case); empty means not given."""
    if text is None:
        return None
    lowered = text.strip().lower()
    if lowered == "":
        return None
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise InvalidValueError(source, f"{what}: {text.strip()!r} is not a flag (expected 1/0/true/false)")


def to_cik(text: str | None) -> str | None:
    """A CIK as 10 zero-padded digits; ``None`` when empty."""
    if text is None:
        return None
    digits = text.strip()
    if not digits:
        return None
    return digits.zfill(10) if digits.isdigit() else digits


def clean_text(text: str | None) -> str | None:
    """Collapse runs of whitespace; empty becomes ``None``."""
    if text is None:
        return None
    collapsed = " ".join(text.split())
    return collapsed or None
