"""Formatting of records and query rows for the terminal and for pipes (table, CSV, TSV, JSON)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from form4graph import model
from form4graph.nquads import canonical_decimal

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")


def json_value(value: Any) -> Any:
    """A JSON-friendly value: Decimals as numbers when that is exact, else as strings."""
    if isinstance(value, Decimal):
        text = canonical_decimal(value)
        if "." not in text and "E" not in text:
            return int(text)
        as_float = float(text)
        return as_float if Decimal(repr(as_float)) == value else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


def filing_to_dict(filing: model.Filing) -> dict[str, Any]:
    """The filing as a JSON object with snake_case keys (``source`` and ``accession_number`` first)."""
    raw = {f.name: getattr(filing, f.name) for f in dataclasses.fields(filing)}
    converted = {k: _record_value(v) for k, v in raw.items()}
    first = {k: converted.pop(k) for k in ("source", "accession_number", "document_type")}
    return {**first, **converted}


def _record_value(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _record_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_record_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _record_value(v) for k, v in value.items()}
    return json_value(value)


def text_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return canonical_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def format_rows(columns: Sequence[str], rows: Sequence[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([{c: json_value(r.get(c)) for c in columns} for r in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([text_value(row.get(c)) for c in columns])
        return buffer.getvalue()
    return format_table(columns, [[text_value(r.get(c)) for c in columns] for r in rows])


def format_table(columns: Sequence[str], cells: Sequence[Sequence[str]], max_width: int = 48) -> str:
    clipped = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(col)] + [len(row[i]) for row in clipped]) for i, col in enumerate(columns)]
    lines = ["  ".join(col.ljust(w) for col, w in zip(columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in clipped]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"
