"""The text of EDGAR's rendered Form 3/4/5 page, cut into its boxes, table rows, notes and signatures.

Two shapes of text are read: a browser's innerText of the page (table cells separated by tabs; what
:mod:`rendered_html` also produces) and a copy whose cells run together (no tabs), as in the project's
seed filing. This module only finds and cuts; :mod:`rendered` turns the pieces into typed records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from form4graph.errors import InvalidValueError, NotOwnershipDocumentError
from form4graph.read.values import clean_text

STATEMENTS = {
    "INITIAL STATEMENT OF BENEFICIAL OWNERSHIP": "3",
    "ANNUAL STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP": "5",
    "STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP": "4",
}
DATE = re.compile(r"(?<![\d/])(\d{1,2}/\d{1,2}/\d{4})(?![\d/])")

_LABELS = (  # box label -> segment kind; "(Last)", "(Street)" and "(City)" close the parts of box 1
    ("owner", r"\d\.\s*Name and Address of Reporting Person"),
    ("issuer", r"\d\.\s*Issuer Name"),
    ("period", r"\d\.\s*(?:Date of Earliest Transaction|Date of Event Requiring Statement|Statement for Issuer)"),
    ("amendment", r"\d\.\s*If Amendment"),
    ("relationship", r"\d\.\s*Relationship of Reporting Person"),
    ("joint", r"\d\.\s*Individual or Joint"),
    ("street", r"\(Last\)"),
    ("city", r"\(Street\)"),
    ("end", r"\(City\)"),
)
_LABEL = re.compile("|".join(f"(?P<{kind}>^\\s*{pattern})" for kind, pattern in _LABELS), re.IGNORECASE)
_TAB_BEFORE_LABEL = re.compile(  # a box label that follows another box's text on the same line
    r"(?:\t|\s+)(?=\s*\d\.\s*(?:Name and Address of Reporting|Issuer Name|Date of Earliest|Date of Event"
    r"|Statement for Issuer|If Amendment|Relationship of Reporting|Individual or Joint))"
)
_TABLE_HEADING = re.compile(r"^\s*(?:Table I\b|\((?:e\.g\.|Instr\.|Month|MM/)|\d{1,2}[A-Z]?\.\s?[A-Z]|Code|Amount\b|\(A\)|Date Exercisable)")
_CAPTION = re.compile(r"^\s*\*\*\s*Signature of Reporting Person", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\s*\(?(\d{1,3})[.)]\s*(.*)$")
_CITY_STATE_ZIP = re.compile(r"^(?P<city>.+?),\s*(?P<state>[A-Z][A-Z0-9])\s+(?P<zip>(?=\S*\d)[A-Z0-9][A-Z0-9 -]*)$")
_STOPS = re.compile(
    r"^\s*(?:Explanation of Responses|Remarks:|Reporting Owners\s*$|Signatures\s*$|Reminder:|Note: File three"
    r"|Persons who respond|Potential persons who)",
    re.IGNORECASE,
)
_ADDRESS_CAPTIONS = re.compile(r"\((?:Last|First|Middle|Street|City|State|Zip)\)")
_X_MARK = re.compile(r"(?<![A-Za-z0-9])[Xx](?![A-Za-z0-9])")
_RELATIONSHIP_LABELS = (
    ("director", r"Director"),
    ("ten_percent", r"10%\s*Owner"),
    ("officer", r"Officer\s*\(give title below\)"),
    ("other", r"Other\s*\(specify below\)"),
)
_CHECKBOXES = (
    ("not_subject_to_section16", "no longer subject to Section 16"),
    ("aff10b5_one", "Rule 10b5-1(c)"),
    ("form3_holdings_reported", "Form 3 Holdings Reported"),
    ("form4_transactions_reported", "Form 4 Transactions Reported"),
)


@dataclass(frozen=True, slots=True)
class RawRelationship:
    director: bool = False
    ten_percent: bool = False
    officer: bool = False
    other: bool = False
    officer_title: str | None = None
    other_text: str | None = None


@dataclass(slots=True)
class RawOwner:
    name: str | None
    street: list[str] = field(default_factory=list)
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    relationship: RawRelationship | None = None


@dataclass(slots=True)
class RawPage:
    """What the page shows, as text: each table row is a list of its cells (or one untabbed line)."""

    form: str
    issuer_name: str | None = None
    issuer_symbol: str | None = None
    period: str | None = None
    amendment_date: str | None = None
    owners: list[RawOwner] = field(default_factory=list)
    checkboxes: dict[str, bool | None] = field(default_factory=dict)
    no_securities_owned: bool | None = None
    table1: list[list[str]] = field(default_factory=list)
    table2: list[list[str]] = field(default_factory=list)
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    remarks: str | None = None
    signatures: list[tuple[str, str | None]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def form_of(text: str) -> str | None:
    """3, 4 or 5, from the statement title the page opens with (a footnote may name another form's)."""
    flat = " ".join(text.split()).upper()
    found = [(at, form) for title, form in STATEMENTS.items() if (at := flat.find(title)) >= 0]
    return min(found)[1] if found else None


def read_text(text: str, source: str) -> RawPage:
    lines = [
        part.strip(" \r")
        for line in text.lstrip("\ufeff").replace("\xa0", " ").split("\n")
        for part in re.split(r"\t(?=\s*Table II?\s*-)", line)  # older pages put Table I's title beside box 1
    ]
    form = form_of(text)
    if form is None:
        raise NotOwnershipDocumentError(
            source, "not a rendered Form 3/4/5: no 'FORM 3/4/5' with its statement title (e.g. STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP)"
        )
    page = RawPage(form=form)
    cut = _Cuts(lines)
    t1, t2 = cut.first(r"^\s*Table I\s*-"), cut.first(r"^\s*Table II\s*-")
    header = lines[: next((at for at in (t1, t2) if at is not None), len(lines))]
    segments = _segments(header)
    _read_header(page, header, segments)
    owners = _owner_blocks(segments)
    if not owners or not owners[0].name:
        raise InvalidValueError(source, "the page names no reporting person (box 1, 'Name and Address of Reporting Person')")
    if not page.issuer_name:
        raise InvalidValueError(source, "the page names no issuer (the box 'Issuer Name and Ticker or Trading Symbol')")
    owners[0].relationship = _relationship(segments.get("relationship", []))
    page.owners = _all_owners(cut, owners[0], page.warnings)
    page.table1 = _rows(cut.region(t1)) if t1 is not None else []
    page.table2 = _rows(cut.region(t2)) if t2 is not None else []
    page.footnotes = _footnotes(cut.region(cut.first(r"^\s*Explanation of Responses")))
    remarks_at = cut.first(r"^\s*Remarks:")
    if remarks_at is not None:
        first = re.sub(r"^\s*Remarks:", "", lines[remarks_at])
        page.remarks = clean_text(" ".join([first, *cut.region(remarks_at)]))
    page.signatures = [_signature(lines[i]) for i in cut.signature_lines]
    page.no_securities_owned = True if "No securities are beneficially owned" in text else None
    return page


class _Cuts:
    """Where the page's parts begin; each part runs to the next heading or signature line."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.signature_lines: list[int] = []
        for index, line in enumerate(lines):
            if _CAPTION.match(line):
                self.signature_lines.extend(_signature_rows(lines, index))
        self.stops = sorted(
            {i for i, line in enumerate(lines) if _STOPS.match(line) or _CAPTION.match(line) or re.match(r"^\s*Table II?\s*-", line)}
            | set(self.signature_lines)
            | {i for i, line in enumerate(lines) if _label_of(line) == "owner"}
        )

    def first(self, pattern: str) -> int | None:
        return next((i for i, line in enumerate(self.lines) if re.match(pattern, line, re.IGNORECASE)), None)

    def next_stop(self, after: int) -> int:
        return next((i for i in self.stops if i > after), len(self.lines))

    def region(self, start: int | None) -> list[str]:
        if start is None:
            return []
        return self.lines[start + 1 : self.next_stop(start)]


def _signature_rows(lines: list[str], caption: int) -> list[int]:
    """Signature lines stand just above their caption, tabbed when it is; all but the last are dated."""
    rows: list[int] = []
    tabbed = "\t" in lines[caption]
    index = caption - 1
    while index > 0 and not lines[index].strip():
        index -= 1
    while index >= 0:
        line = lines[index]
        if not line.strip() or ("\t" in line) != tabbed or _STOPS.match(line) or _CAPTION.match(line):
            break
        if rows and not DATE.search(line):
            break
        rows.insert(0, index)
        index -= 1
    return rows


def _signature(line: str) -> tuple[str, str | None]:
    cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
    if len(cells) > 1 and DATE.fullmatch(cells[-1]):
        return " ".join(cells[:-1]), cells[-1]
    joined = " ".join(cells)
    match = re.match(r"^(.*?)\s*((?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])/\d{4})$", joined)
    return (match.group(1), match.group(2)) if match else (joined, None)


def _label_of(line: str) -> str | None:
    match = _LABEL.match(line)
    return match.lastgroup if match else None


def _segments(lines: list[str]) -> dict[str, list[str]]:
    """Header lines by box, each box's first line being what follows its label on the label's line.
    A box that appears again (the joint filers' box 1) gets a numbered key."""
    segments: dict[str, list[str]] = {"preamble": []}
    current = "preamble"
    for raw in lines:
        for line in _TAB_BEFORE_LABEL.split(raw):
            kind = _label_of(line)
            if kind is None:
                segments[current].append(line)
                continue
            count = sum(1 for key in segments if key.split("#")[0] == kind)
            current = f"{kind}#{count}" if count else kind
            segments[current] = [_LABEL.sub("", line, count=1)]
    return segments


def _read_header(page: RawPage, header: list[str], segments: dict[str, list[str]]) -> None:
    issuer_lines = segments.get("issuer", [])[1:]
    for cell in (cell for line in issuer_lines for cell in line.split("\t")):
        match = re.match(r"^(.*?)\s*\[\s*([^\]]*?)\s*\]", cell.strip())
        if match:
            page.issuer_name, page.issuer_symbol = clean_text(match.group(1)), clean_text(match.group(2))
            break
    else:
        page.issuer_name = _first_text(issuer_lines)
    for key, target in (("period", "period"), ("amendment", "amendment_date")):
        found = DATE.search("\n".join(segments.get(key, [])))
        setattr(page, target, found.group(1) if found else None)
    for name, label in _CHECKBOXES:
        page.checkboxes[name] = _checkbox(header, label)


def _first_text(lines: list[str]) -> str | None:
    for line in lines:
        cells = [cell.strip() for cell in line.split("\t") if cell.strip() and cell.strip() != "*"]
        if cells:
            return cells[0]
    return None


def _checkbox(lines: list[str], label: str) -> bool | None:
    """True when the box before ``label`` holds an X (on the label's line or the box's own line above);
    False when the box is shown empty; None when the page has no such box."""
    for index, line in enumerate(lines):
        at = line.find(label)
        if at < 0:
            continue
        sentence = line.rfind("Check", 0, at)
        if _X_MARK.search(line[: sentence if sentence >= 0 else at]):
            return True
        for above in reversed(lines[max(0, index - 3) : index]):
            if above.strip():
                return above.strip() in ("X", "x", "[X]", "[x]")
        return False
    return None


def _relationship(lines: list[str]) -> RawRelationship | None:
    text = "\n".join(lines)
    found: dict[str, bool] = {}
    end = 0
    for name, pattern in _RELATIONSHIP_LABELS:
        match = re.compile(pattern, re.IGNORECASE).search(text, end)
        if match is None:
            return None
        found[name] = bool(_X_MARK.search(text[end : match.start()]))
        end = match.end()
    officer_title = other_text = None
    rest = [line for line in text[end:].split("\n") if line.strip()]
    if rest:
        cells = rest[0].split("\t")
        if len(cells) > 1:
            officer_title = clean_text(cells[1])
            other_text = clean_text(cells[3]) if len(cells) > 3 else None
        elif found["officer"] and found["other"] and " / " in rest[0]:
            officer_title, other_text = (clean_text(part) for part in rest[0].split(" / ", 1))
        elif found["other"] and not found["officer"]:
            other_text = clean_text(rest[0])
        else:
            officer_title = clean_text(rest[0])
    return RawRelationship(
        director=found["director"], ten_percent=found["ten_percent"], officer=found["officer"],
        other=found["other"], officer_title=officer_title, other_text=other_text,
    )


def _owner_blocks(segments: dict[str, list[str]]) -> list[RawOwner]:
    owners: list[RawOwner] = []
    for key, segment in segments.items():
        kind = key.split("#")[0]
        lines = [_ADDRESS_CAPTIONS.sub("", line) for line in segment]
        if kind == "owner":
            owners.append(RawOwner(name=_first_text(lines[1:])))
        elif owners and kind == "street":
            owners[-1].street = [clean_text(line) or "" for line in lines[1:] if line.strip(" \t")][:2]
        elif owners and kind == "city":
            city_line = next((line for line in lines[1:] if line.strip(" \t")), "")
            owners[-1].city, owners[-1].state, owners[-1].zip_code = _city_state_zip(city_line)
    return owners


def _city_state_zip(line: str) -> tuple[str | None, str | None, str | None]:
    if "\t" in line:
        cells = [clean_text(cell) for cell in line.split("\t")] + [None, None]
        return cells[0], cells[1], cells[2]
    match = _CITY_STATE_ZIP.match(line.strip())
    if match:
        return clean_text(match.group("city")), match.group("state"), clean_text(match.group("zip"))
    spaced = re.split(r" {2,}", line.strip())
    if len(spaced) == 3:
        return spaced[0], spaced[1], spaced[2]
    match = re.match(r"^(.+?)\s+([A-Z][A-Z0-9])\s+(\S*\d\S*)$", line.strip())
    if match:
        return match.group(1), match.group(2), match.group(3)
    return clean_text(line), None, None


def _all_owners(cut: _Cuts, first: RawOwner, warnings: list[str]) -> list[RawOwner]:
    """Box 1 shows the first reporting person; a joint filing lists them all after Table II
    (current pages) or in the 'Reporting Owners' table (older pages, with each one's relationships)."""
    table_at = cut.first(r"^\s*Reporting Owners\s*$")
    listed = _reporting_owners_table(cut.region(table_at), first) if table_at is not None else []
    if not listed:
        after = cut.first(r"^\s*Table II\s*-") or 0
        start = next((i for i in cut.stops if i > after and _label_of(cut.lines[i])), None)
        if start is not None:
            end = next((i for i in cut.stops if i > start and not _label_of(cut.lines[i])), len(cut.lines))
            listed = _owner_blocks(_segments(cut.lines[start:end]))
    if not listed:
        return [first]
    for owner in listed:
        if owner.name == first.name and first.relationship is not None:
            owner.relationship = first.relationship
            break
    else:
        listed[0].relationship = listed[0].relationship or first.relationship
    if any(owner.relationship is None for owner in listed):
        warnings.append("the page shows the relationship to the issuer of the first reporting person only; the others' are left unset")
    return listed


def _reporting_owners_table(lines: list[str], first: RawOwner) -> list[RawOwner]:
    """Rows of the older pages' 'Reporting Owners' table: name, street lines and 'CITY, ST ZIP', then
    the Director, 10% Owner, Officer (its title) and Other (its text) cells, after tabs. A copy without
    tabs puts those cells on lines of their own, which cannot be told apart: for the first owner,
    box 5 says how many there are; for the others, only X lines are passed over."""
    body = [line for line in lines if line.strip() and not re.match(r"^\s*(Reporting Owner Name|Relationships|Director)", line)]
    owners: list[RawOwner] = []
    block: list[str] = []
    index = 0
    while index < len(body):
        line, index = body[index], index + 1
        cells = [clean_text(cell) for cell in line.split("\t")]
        if len(cells) == 1 and not _CITY_STATE_ZIP.match(line.strip()):
            block.append(line)
            continue
        owner = RawOwner(name=clean_text(block[0]) if block else None, street=[clean_text(x) or "" for x in block[1:3]])
        owner.city, owner.state, owner.zip_code = _city_state_zip(line.split("\t")[0])
        if len(cells) >= 5:
            director, ten, officer, other = cells[1:5]
            owner.relationship = RawRelationship(
                director=director in ("X", "x"), ten_percent=ten in ("X", "x"), officer=bool(officer),
                other=bool(other), officer_title=officer if officer not in ("X", "x") else None,
                other_text=other if other not in ("X", "x") else None,
            )
        elif len(cells) == 1:
            known = first.relationship if not owners else None
            wanted = sum([known.director, known.ten_percent, bool(known.officer_title), bool(known.other_text)]) if known else 0
            while index < len(body) and (wanted > 0 or body[index].strip() in ("X", "x")):
                index, wanted = index + 1, wanted - 1
        owners.append(owner)
        block = []
    return [owner for owner in owners if owner.name]


def _rows(lines: list[str]) -> list[list[str]]:
    """Data rows of a table: the lines after its headings; a tabbed row is split into its cells."""
    start = 0
    while start < len(lines) and (not lines[start].strip() or _TABLE_HEADING.match(lines[start])):
        start += 1
    rows: list[list[str]] = []
    for line in lines[start:]:
        if not line.strip():
            continue
        if "\t" in line:
            rows.append([cell.strip() for cell in line.split("\t")])
        else:
            rows.append([line.strip()])
    return rows


def _footnotes(lines: list[str]) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    for line in lines:
        match = _FOOTNOTE.match(line)
        if match and (not notes or int(match.group(1)) > int(notes[-1][0])):
            notes.append((match.group(1), match.group(2).strip()))
        elif notes and line.strip() and not line.lstrip().startswith("*"):
            notes[-1] = (notes[-1][0], f"{notes[-1][1]} {line.strip()}")
    return [(number, " ".join(text.split())) for number, text in notes]
