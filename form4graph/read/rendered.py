"""Reader for EDGAR's rendered Form 3/4/5 page (HTML, or the text a browser copies from it).

The HTML page is first turned into the text a browser shows for it (:mod:`rendered_html`), so the
page and a copy of it go through the same reader (:mod:`rendered_text`), which cuts the text into
boxes, table rows, footnotes and signatures. This module turns those pieces into :mod:`model`
records, attaching each ``(n)`` footnote mark to the field of the cell that carries it, as the XML
reader does.

What the page does not show stays unset: the schema version, ``equitySwapInvolved`` (shown only by
older pages, as a code such as ``P/K``), the holdings' form type, and in a copied text every CIK (the
issuer's CIK is then ``""``, unknown). A check box the page draws empty reads as False.

Limits of a copy whose cells run together (no tabs): Table II's (A) and (D) columns cannot be told
apart, so acquired or disposed follows from the transaction code (a warning when the code does not
decide it); a footnote mark is taken as a cell of its own only after two spaces or another mark, so
with single spaces a mark-only cell next to a text cell is read as that text's footnote.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import cache
from typing import Any

from form4graph import model
from form4graph.errors import InvalidValueError
from form4graph.read.rendered_html import PageLinks, html_to_text
from form4graph.read.rendered_text import RawOwner, RawPage, form_of, read_text
from form4graph.read.values import clean_text, to_date, to_decimal

__all__ = ["looks_like_rendered", "parse_rendered"]

_HTML = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
_FORM_NUMBER = re.compile(r"\bFORM\s+[345]\b", re.IGNORECASE)

# Columns of the tables as the page lays them out: (record field or column, kind). "shares:A" and
# "shares:D" are Table II's two amount columns, headed (A) and (D).
_T1_4 = (
    ("security_title", "text"), ("transaction_date", "date"), ("deemed_execution_date", "date"), ("code", "code"),
    ("timeliness", "v"), ("shares", "num"), ("acquired_disposed", "ad"), ("price_per_share", "num"),
    ("shares_owned_following", "num"), ("direct_indirect", "di"), ("nature_of_ownership", "text"),
)
_T2_4 = (
    ("security_title", "text"), ("conversion_or_exercise_price", "num"), ("transaction_date", "date"),
    ("deemed_execution_date", "date"), ("code", "code"), ("timeliness", "v"), ("shares:A", "num"), ("shares:D", "num"),
    ("exercise_date", "date"), ("expiration_date", "date"), ("underlying_security_title", "text"),
    ("underlying_shares", "num"), ("price_per_share", "num"), ("shares_owned_following", "num"),
    ("direct_indirect", "di"), ("nature_of_ownership", "text"),
)
_T1_3 = (("security_title", "text"), ("shares_owned_following", "num"), ("direct_indirect", "di"), ("nature_of_ownership", "text"))
_T2_3 = (
    ("security_title", "text"), ("exercise_date", "date"), ("expiration_date", "date"),
    ("underlying_security_title", "text"), ("underlying_shares", "num"), ("conversion_or_exercise_price", "num"),
    ("direct_indirect", "di"), ("nature_of_ownership", "text"),
)
_Layout = tuple[tuple[str, str], ...]
_KIND_OF = dict(_T1_4 + _T2_4 + _T1_3 + _T2_3 + (("shares", "num"),))


def _without_v(layout: _Layout) -> _Layout:
    """Form 5 pages have no V column."""
    return tuple(column for column in layout if column[0] != "timeliness")


_LAYOUTS: dict[tuple[str, int], tuple[_Layout, ...]] = {
    ("4", 1): (_T1_4, _without_v(_T1_4)), ("5", 1): (_without_v(_T1_4), _T1_4), ("3", 1): (_T1_3,),
    ("4", 2): (_T2_4, _without_v(_T2_4)), ("5", 2): (_without_v(_T2_4), _T2_4), ("3", 2): (_T2_3,),
}
_REQUIRED = frozenset({"security_title", "shares_owned_following", "direct_indirect", "underlying_security_title"})
_TRANSACTION_COLUMNS = frozenset({
    "transaction_date", "deemed_execution_date", "code", "timeliness", "shares", "shares:A", "shares:D",
    "acquired_disposed", "price_per_share",
})

# A copy without tabs runs the cells together; a cell is matched by its shape. A footnote mark belongs
# to the value just before it (at most one space away); a mark after two spaces (or after another
# cell's mark) is a cell by itself, one that shows only a footnote.
_MARK = r"\(\d{1,3}\)"
_ALONE = rf"(?:(?<=\s\s)|(?<=\)\s))(?:{_MARK})+"
_WORDS = rf"(?:(?!\s\s|\d{{1,2}}/\d{{1,2}}/\d{{4}}|{_MARK}).)"
_SHAPES = {
    "num": r"(?:\$ ?)?\d[\d,]*(?:\.\d+)?(?![\d/.,])",
    "date": r"\d{1,2}/\d{1,2}/\d{4}(?![\d/])",
    "code": r"[A-Z](?:/K)?(?=V(?![A-Za-z])|[^A-Za-z0-9]|$)",
    "v": r"V(?![A-Za-z])",
    "ad": r"[AD](?![A-Za-z0-9])",
    "di": r"[DI](?![A-Za-z0-9])",
}
_LETTERS: dict[str, dict[str, Any]] = {  # one-letter columns; the V column marks a voluntary (early) report
    "v": {"V": model.Timeliness.EARLY, "E": model.Timeliness.EARLY, "L": model.Timeliness.LATE},
    "ad": {"A": model.AcquiredDisposed.ACQUIRED, "D": model.AcquiredDisposed.DISPOSED},
    "di": {"D": model.OwnershipForm.DIRECT, "I": model.OwnershipForm.INDIRECT},
}
_TRAILING_MARKS = re.compile(rf"((?:\s*{_MARK})+)\s*$")
# Untabbed Table II shows the amount without its column: acquired or disposed follows from the code
# where the code decides it (purchase, grant, small acquisition; sale, tax or price paid in securities,
# disposition to the issuer, exercise or conversion, expiration, tender). G, J, I, K, W, Z can go either way.
_ACQUIRING_CODES = frozenset("APL")
_DISPOSING_CODES = frozenset("SFDMXOHCU")


def looks_like_rendered(head: bytes) -> bool:
    """True for a rendered Form 3/4/5 page, as HTML or as the text copied from it."""
    text = _decode(head).lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        if not _HTML.match(text):
            return False
        return form_of(text) is not None or re.search(r"<title>\s*SEC\s+FORM\s+[345]\b", text, re.IGNORECASE) is not None
    return _FORM_NUMBER.search(text) is not None and form_of(text) is not None


def parse_rendered(data: bytes, source: str) -> model.Filing:
    """Read a rendered page (HTML or its text) into the record the XML reader gives for the filing."""
    text = _decode(data)
    links = PageLinks()
    if _HTML.match(text.lstrip("\ufeff")):
        text, links = html_to_text(data, source)
    page = read_text(text, source)
    return _Builder(page, source, links).filing()


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _split_marks(cell: str) -> tuple[str | None, tuple[str, ...]]:
    """``'757,756(1)'`` -> ``('757,756', ('F1',))``: the cell's value and the footnotes it cites."""
    match = _TRAILING_MARKS.search(cell)
    if not match:
        return clean_text(cell), ()
    refs = tuple(dict.fromkeys(f"F{number}" for number in re.findall(r"\d+", match.group(1))))
    return clean_text(cell[: match.start()]), refs


@cache
def _untabbed_pattern(layout: _Layout, transaction: bool) -> tuple[list[str], re.Pattern[str]]:
    """A pattern for a row run together: a transaction row must show its date and code; a holding
    row shows none of the transaction's columns. Table II's two amount columns become one.

    A required cell must hold a value (not only a footnote mark). A text cell other than the last
    starts and ends between words, holds no date and no run of spaces, and has marks only at its end.
    """
    required = _REQUIRED | ({"transaction_date", "code"} if transaction else set())
    columns = [
        (name, kind) for name, kind in layout
        if name != "shares:D" and (transaction or name not in _TRANSACTION_COLUMNS)
    ]
    cells: list[str] = []
    for index, (name, kind) in enumerate(columns):
        if kind == "text" and index == len(columns) - 1:
            cells.append("(.*)")
        elif kind == "text":
            text = rf"(?:(?<=\s)|(?<=\))|^)(?=\S)(?!{_MARK}){_WORDS}*?(?: ?{_MARK})*(?:(?=\s|\(|\$|$)|(?<=\)))"
            cells.append(f"({text})" if name in required else f"({text}|)")
        else:
            value = f"{_SHAPES[kind]}(?: ?{_MARK})*"
            cells.append(f"({value})" if name in required else f"({value}|{_ALONE}|)")
    names = ["shares" if name == "shares:A" else name for name, _ in columns]
    return names, re.compile(r"^\s*" + r"\s*+".join(cells) + r"\s*$")


class _Builder:
    def __init__(self, page: RawPage, source: str, links: PageLinks) -> None:
        self.page = page
        self.source = source
        self.links = links
        self.warnings = list(page.warnings)
        self.cited: list[str] = []

    def filing(self) -> model.Filing:
        page, source = self.page, self.source
        rows: dict[type, list[Any]] = {cls: [] for cls in (
            model.NonDerivativeTransaction, model.NonDerivativeHolding, model.DerivativeTransaction, model.DerivativeHolding)}
        for table, table_rows in ((1, page.table1), (2, page.table2)):
            for number, cells in enumerate(table_rows, start=1):
                record = self.row(table, number, cells)
                rows[type(record)].append(record)
        footnotes = tuple(model.Footnote(id=f"F{number}", text=clean_text(text) or "") for number, text in page.footnotes)
        dangling = sorted(set(self.cited) - {note.id for note in footnotes}, key=lambda ref: int(ref[1:]))
        if dangling:
            self.warnings.append(f"footnote ids cited but not defined: {', '.join(dangling)}")
        amended = to_date(page.amendment_date, source, "date original filed (If Amendment)")
        return model.Filing(
            source=source,
            document_type=page.form + ("/A" if amended else ""),
            issuer=model.Issuer(cik=self.links.issuer_cik or "", name=page.issuer_name, trading_symbol=page.issuer_symbol),
            reporting_owners=tuple(self.owner(owner) for owner in page.owners),
            period_of_report=to_date(page.period, source, "period of report"),
            date_of_original_submission=amended,
            no_securities_owned=page.no_securities_owned,
            not_subject_to_section16=page.checkboxes.get("not_subject_to_section16"),
            form3_holdings_reported=page.checkboxes.get("form3_holdings_reported"),
            form4_transactions_reported=page.checkboxes.get("form4_transactions_reported"),
            aff10b5_one=page.checkboxes.get("aff10b5_one"),
            non_derivative_transactions=tuple(rows[model.NonDerivativeTransaction]),
            non_derivative_holdings=tuple(rows[model.NonDerivativeHolding]),
            derivative_transactions=tuple(rows[model.DerivativeTransaction]),
            derivative_holdings=tuple(rows[model.DerivativeHolding]),
            footnotes=footnotes,
            remarks=page.remarks,
            signatures=tuple(
                model.Signature(name=clean_text(name), date=to_date(signed, source, "signature date"))
                for name, signed in page.signatures
            ),
            warnings=tuple(self.warnings),
        )

    def owner(self, owner: RawOwner) -> model.ReportingOwner:
        relation = owner.relationship
        street = [*owner.street, None, None]
        return model.ReportingOwner(
            cik=self.links.owner_ciks.get(owner.name or ""),
            name=owner.name,
            address=model.Address(
                street1=street[0] or None, street2=street[1] or None, city=owner.city, state=owner.state,
                zip_code=owner.zip_code,
            ),
            is_director=bool(relation and relation.director),
            is_officer=bool(relation and relation.officer),
            is_ten_percent_owner=bool(relation and relation.ten_percent),
            is_other=bool(relation and relation.other),
            officer_title=relation.officer_title if relation else None,
            other_text=relation.other_text if relation else None,
        )

    def cells(self, table: int, number: int, cells: list[str]) -> dict[str, str]:
        """The row's cells by column: tabbed cells by their count, an untabbed line by its shape."""
        layouts = _LAYOUTS[(self.page.form, table)]
        where = f"Table {'I' * table} row {number}"
        if len(cells) == 1 and len(layouts[0]) > 1:
            for candidate, transaction in ((lay, tx) for tx in (self.page.form != "3", False) for lay in layouts):
                names, pattern = _untabbed_pattern(candidate, transaction)
                match = pattern.match(cells[0])
                if match:
                    return dict(zip(names, match.groups(), strict=True))
            raise InvalidValueError(self.source, f"{where}: the cells of {cells[0]!r} could not be told apart")
        while len(cells) > len(layouts[0]) and not cells[-1]:
            cells = cells[:-1]
        layout: _Layout | None = next((lay for lay in layouts if len(lay) == len(cells)), None)
        layout = layout or next((lay for lay in layouts if len(lay) > len(cells)), None)
        if layout is None:
            raise InvalidValueError(self.source, f"{where} has {len(cells)} cells; a Form {self.page.form} table has {len(layouts[0])}")
        return {name: text for (name, _), text in zip(layout, [*cells, *[""] * len(layout)], strict=False)}

    def row(self, table: int, number: int, raw: list[str]) -> Any:
        where = f"Table {'I' * table} row {number}"
        values: dict[str, Any] = {}
        refs: dict[str, list[str]] = {}
        for column, cell in self.cells(table, number, raw).items():
            value, cited = _split_marks(cell)
            if value is None and not cited:
                continue
            name = self.field(column, value, table)
            if value is not None:
                values[name] = self.convert(_KIND_OF[column], value, f"{where} {name}")
            if name == "code" and values.get("code", "").endswith("/K"):  # older pages: code P/K = equity swap
                values["code"], values["equity_swap_involved"] = values["code"][0], True
            if column in ("shares:A", "shares:D"):
                if "acquired_disposed" in values:
                    self.warnings.append(f"{where}: amounts in both the (A) and the (D) column; the (D) one is kept")
                values["acquired_disposed"] = model.AcquiredDisposed(column[-1])
            if cited:
                refs.setdefault(name, []).extend(ref for ref in cited if ref not in refs.get(name, []))
                self.cited.extend(cited)
        if table == 2 and "shares" in values and "acquired_disposed" not in values and values.get("code"):
            values["acquired_disposed"] = self.infer_acquired(values["code"], where)
        transaction_fields = {"transaction_date", "deemed_execution_date", "code", "shares", "total_value", "price_per_share", "acquired_disposed"}
        is_transaction = self.page.form != "3" and any(values.get(name) is not None for name in transaction_fields)
        cls: type = {
            (1, True): model.NonDerivativeTransaction, (1, False): model.NonDerivativeHolding,
            (2, True): model.DerivativeTransaction, (2, False): model.DerivativeHolding,
        }[(table, is_transaction)]
        if is_transaction:
            values["form_type"] = self.page.form
        allowed = {f.name for f in fields(cls)}
        kept = {name: value for name, value in values.items() if name in allowed}
        return cls(**kept, footnote_refs={name: tuple(ids) for name, ids in refs.items()})

    @staticmethod
    def field(column: str, value: str | None, table: int) -> str:
        """The record field a column's value goes to; a ``$`` amount is a value, not a number of shares."""
        dollars = bool(value and value.startswith("$"))
        if column.startswith("shares:") or column == "shares":
            return "total_value" if dollars and table == 2 else "shares"
        if column == "shares_owned_following" and dollars:
            return "value_owned_following"
        if column == "underlying_shares" and dollars:
            return "underlying_value"
        return column

    def convert(self, kind: str, value: str, what: str) -> Any:
        source = self.source
        if kind == "num":
            return to_decimal(value, source, what)
        if kind == "date":
            return to_date(value, source, what)
        if kind == "text":
            return value
        letter = value.upper()
        if kind == "code":
            if not re.fullmatch(r"[A-Z](?:/K)?", letter):
                raise InvalidValueError(source, f"{what}: {value!r} is not a one-letter transaction code")
            return letter
        allowed = _LETTERS[kind]
        if letter not in allowed:
            raise InvalidValueError(source, f"{what}: {value!r} is not one of {sorted(allowed)}")
        return allowed[letter]

    def infer_acquired(self, code: str, where: str) -> model.AcquiredDisposed | None:
        if code in _ACQUIRING_CODES:
            return model.AcquiredDisposed.ACQUIRED
        if code in _DISPOSING_CODES:
            return model.AcquiredDisposed.DISPOSED
        self.warnings.append(f"{where}: the copied text does not show whether code {code} acquired (A) or disposed of (D) the securities")
        return None
