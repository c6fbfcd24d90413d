"""EDGAR's rendered Form 3/4/5 page (the xslF345 HTML) and the text copied from it, read into records.

What is checked:

* the seed (the project's founding filing, copied with its table cells run together) reads into
  exactly the facts of the filing;
* every page in ``corpus/html`` and every copy in ``corpus/text`` reads, and a page and its copy give
  the same record (but for the CIKs, which only the page's links carry);
* the three pages that pair with an XML in ``corpus/xml`` give the facts the XML gives, field for
  field, less what the page does not show (each exclusion is named where it is made);
* hand-checked values of three pages without an XML (BAM Partners' joint Form 3, Evans, Microsoft);
* a hand-made page in the layout of SEC's older stylesheet (tests/data/rendered/README.md);
* the sniffer, and the errors for what is not a rendered form.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from form4graph import model
from form4graph.errors import InvalidValueError, NotOwnershipDocumentError
from form4graph.read import read_filing
from form4graph.read.rendered import looks_like_rendered, parse_rendered
from form4graph.read.rendered_html import html_to_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "ault-form4-2024-03-11.txt"
DATA = Path(__file__).resolve().parent / "data" / "rendered"
OLD_STYLE = DATA / "oldstyle_joint_form4.html"
INDEX_HEADERS = CORPUS / "submissions" / "0001062993-24-012217.index-headers.html"

PAGES = sorted(path.stem for path in (CORPUS / "html").glob("*.html"))
PAIRED = ("edgartools_form3_snow_garrett", "edgartools_form4_374water_melkote", "edgartools_form5_snow_mcmahon")
"""The pages with their XML in corpus/xml (PROVENANCE.tsv: 'SEC rendering of xml/...'). The Microsoft
page has no XML in the corpus (its provenance names none, and no corpus XML is that filing)."""

A, D = model.AcquiredDisposed.ACQUIRED, model.AcquiredDisposed.DISPOSED
DIRECT, INDIRECT = model.OwnershipForm.DIRECT, model.OwnershipForm.INDIRECT
JOINT_WARNING = "the page shows the relationship to the issuer of the first reporting person only; the others' are left unset"


def html(stem: str) -> Path:
    return CORPUS / "html" / f"{stem}.html"


def text(stem: str) -> Path:
    return CORPUS / "text" / f"{stem}.txt"


def parse(path: Path) -> model.Filing:
    return parse_rendered(path.read_bytes(), str(path))


def provenance_form_types() -> dict[str, str]:
    with (CORPUS / "PROVENANCE.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row["form_type"] for row in csv.DictReader(handle, delimiter="\t")}


# --- the seed -------------------------------------------------------------------------------------

SEED_FOOTNOTES = (
    model.Footnote("F1", (
        "Each share of Series C Convertible Preferred Stock has a stated value of $1,000.00 and is convertible into shares "
        "of Common Stock at a conversion price equal to the greater of (i) $0.10 per share and (ii) the lesser of (A) "
        "$5.245 or (B) 105% of the volume weighted average price of the Common Stock during the ten trading days "
        'immediately prior to the date of conversion (the "Conversion Price"). The Conversion Price is subject to '
        "adjustment in the event of an issuance of Common Stock at a price per share lower than the Conversion Price "
        "then in effect, as well as upon customary stock splits, stock dividends, combinations or similar events."
    )),
    model.Footnote("F2", "The Series C Convertible Preferred Stock has no expiration date."),
    model.Footnote("F3", (
        "As of March 11, 2024, the Conversion Price is approximately $0.61 a share, so each share of Series C "
        "Convertible Preferred Stock is convertible into approximately 1,639 shares of Common Stock."
    )),
    model.Footnote("F4", (
        "The Issuer is restricted from issuing shares of Common Stock upon conversion of the Series C Convertible "
        "Preferred Stock and /or exercise of the Series C Warrants to the extent such issuances would result in an "
        "aggregate number of shares of Common Stock exceeding 452,214, which represents 19.99% of the total shares of "
        "Common Stock issued and outstanding as of November 6, 2023, the execution date of the purchase agreement "
        "pursuant to which the shares of Series C Convertible Preferred Stock and Series C Warrants are issued, in "
        "accordance with the rules and regulations of the NYSE American unless the Issuer first obtains stockholder "
        "approval, which has not yet been obtained."
    )),
    model.Footnote("F5", (
        'Milton C. Ault, III, is the Chief Executive Officer of Ault & Company, Inc. ("Ault & Co.") and is deemed to '
        "beneficially own the shares held by Ault & Co."
    )),
)


def preferred(day: date, shares: str, following: str) -> model.DerivativeTransaction:
    """A purchase of Series C Convertible Preferred: conversion price, expiration and underlying amount
    are given only by footnotes (1), (2) and (3)(4)."""
    return model.DerivativeTransaction(
        security_title="Series C Convertible Preferred Stock", conversion_or_exercise_price=None,
        transaction_date=day, form_type="4", code="P", shares=Decimal(shares), price_per_share=Decimal("1000"),
        acquired_disposed=A, exercise_date=day, expiration_date=None, underlying_security_title="Common Stock",
        underlying_shares=None, shares_owned_following=Decimal(following), direct_indirect=INDIRECT,
        nature_of_ownership="By Ault & Company, Inc.",
        footnote_refs={
            "conversion_or_exercise_price": ("F1",), "expiration_date": ("F2",),
            "underlying_shares": ("F3", "F4"), "nature_of_ownership": ("F5",),
        },
    )


def warrants(day: date, shares: str, exercisable: date, expires: date, following: str) -> model.DerivativeTransaction:
    return model.DerivativeTransaction(
        security_title="Series C Warrants", conversion_or_exercise_price=Decimal("3.3825"), transaction_date=day,
        form_type="4", code="P", shares=Decimal(shares), price_per_share=Decimal("0"), acquired_disposed=A,
        exercise_date=exercisable, expiration_date=expires, underlying_security_title="Common Stock",
        underlying_shares=Decimal(shares), shares_owned_following=Decimal(following), direct_indirect=INDIRECT,
        nature_of_ownership="By Ault & Company, Inc.",
        footnote_refs={"underlying_shares": ("F4",), "nature_of_ownership": ("F5",)},
    )


SEED_ROWS = (
    preferred(date(2023, 12, 14), "41500", "41500"),
    warrants(date(2023, 12, 14), "12269032", date(2024, 5, 14), date(2028, 12, 13), "12269032"),
    preferred(date(2024, 3, 7), "500", "42000"),
    warrants(date(2024, 3, 7), "147820", date(2024, 9, 7), date(2029, 3, 6), "12416852"),
    preferred(date(2024, 3, 8), "500", "42500"),
    warrants(date(2024, 3, 8), "147820", date(2024, 9, 8), date(2029, 3, 7), "12564672"),
)


def test_the_seed_reads_into_the_founding_filing() -> None:
    filing = parse(SEED)
    assert b"\t" not in SEED.read_bytes()  # the copy runs its cells together: the hard case
    assert filing.document_type == "4" and not filing.is_amendment
    assert filing.issuer == model.Issuer(cik="", name="Ault Alliance, Inc.", trading_symbol="AULT")
    assert filing.period_of_report == date(2023, 12, 14)
    assert filing.date_of_original_submission is None
    assert filing.reporting_owners == (
        model.ReportingOwner(
            cik=None, name="AULT MILTON C III",
            address=model.Address(
                street1="11411 SOUTHERN HIGHLANDS PARKWAY", street2="SUITE 240", city="LAS VEGAS", state="NV",
                zip_code="89141",
            ),
            is_director=True, is_officer=True, is_ten_percent_owner=False, is_other=False,
            officer_title="Executive Chairman", other_text=None,
        ),
    )
    assert filing.non_derivative_transactions == () and filing.non_derivative_holdings == ()
    assert filing.derivative_holdings == ()
    assert filing.derivative_transactions == SEED_ROWS
    assert filing.footnotes == SEED_FOOTNOTES
    assert filing.signatures == (model.Signature("/s/ Milton C. Ault, III", date(2024, 3, 11)),)
    assert filing.remarks is None
    # Both boxes are on the page, unchecked.
    assert filing.not_subject_to_section16 is False and filing.aff10b5_one is False
    assert filing.warnings == ()


def test_the_seed_is_sniffed_as_a_rendered_page() -> None:
    assert looks_like_rendered(SEED.read_bytes()[:4096])
    assert read_filing(SEED) == parse(SEED)


# --- every page and every copy ---------------------------------------------------------------------

@pytest.mark.parametrize("path", [html(stem) for stem in PAGES] + [text(stem) for stem in PAGES], ids=lambda p: p.name)
def test_every_page_and_copy_reads(path: Path) -> None:
    filing = read_filing(path)  # through the sniffer, as the CLI reads it
    relative = f"{path.parent.name}/{path.name}"
    assert filing.document_type == provenance_form_types()[relative]
    assert filing.issuer.name and filing.issuer.trading_symbol
    assert filing.reporting_owners and all(owner.name for owner in filing.reporting_owners)
    assert filing.period_of_report is not None
    assert filing.rows and filing.signatures
    assert [note.id for note in filing.footnotes] == [f"F{n}" for n in range(1, len(filing.footnotes) + 1)]
    cited = {ref for row in filing.rows for refs in row.footnote_refs.values() for ref in refs}
    assert cited == {note.id for note in filing.footnotes}
    expected_warnings = (JOINT_WARNING,) if "bampartners" in path.name else ()
    assert filing.warnings == expected_warnings


@pytest.mark.parametrize("stem", PAGES)
def test_the_page_reads_as_the_text_a_browser_copies_from_it(stem: str) -> None:
    """The HTML page is read through the text a browser shows for it: that text is, byte for byte, the
    innerText headless Chromium gave for the page (corpus/text; the file adds a final line break)."""
    page_text, _ = html_to_text(html(stem).read_bytes(), stem)
    assert page_text + "\n" == text(stem).read_text(encoding="utf-8")


def without_ciks(filing: model.Filing) -> model.Filing:
    owners = tuple(dataclasses.replace(owner, cik=None) for owner in filing.reporting_owners)
    return dataclasses.replace(filing, source="", issuer=dataclasses.replace(filing.issuer, cik=""), reporting_owners=owners)


@pytest.mark.parametrize("stem", PAGES)
def test_a_page_and_its_copy_give_the_same_record(stem: str) -> None:
    page, copy = parse(html(stem)), parse(text(stem))
    # The page links the issuer and every reporting owner to EDGAR by CIK; the copied text has no links.
    assert re.fullmatch(r"\d{10}", page.issuer.cik)
    assert all(owner.cik and re.fullmatch(r"\d{10}", owner.cik) for owner in page.reporting_owners)
    assert copy.issuer.cik == "" and all(owner.cik is None for owner in copy.reporting_owners)
    assert without_ciks(page) == without_ciks(copy)


# --- the pages against their XML -------------------------------------------------------------------

FLAGS = ("no_securities_owned", "not_subject_to_section16", "form3_holdings_reported", "form4_transactions_reported", "aff10b5_one")


def facts(filing: model.Filing, *, ciks: bool) -> dict[str, Any]:
    """The record as a comparable dict, less what a rendered page cannot show."""
    view = dataclasses.asdict(filing)
    # Not on the page: the file name, the schema version, and what only an EDGAR submission header adds.
    for name in ("source", "schema_version", "accession_number", "filing_date", "filer_ciks", "warnings"):
        del view[name]
    # The page draws a box, checked or empty; the XML may leave an unchecked flag out (None) or write 0.
    for name in FLAGS:
        view[name] = bool(view[name])
    if not ciks:  # a copied text carries no CIK
        view["issuer"]["cik"] = None
        for owner in view["reporting_owners"]:
            owner["cik"] = None
    for kind in ("non_derivative_transactions", "non_derivative_holdings", "derivative_transactions", "derivative_holdings"):
        for row in view[kind]:
            row.pop("equity_swap_involved", None)  # the current stylesheet does not show equitySwapInvolved
    for note in view["footnotes"]:
        note["text"] = " ".join(note["text"].split())
    view["remarks"] = " ".join(view["remarks"].split()) if view["remarks"] else None
    return view


@pytest.mark.parametrize("form", ["html", "text"])
@pytest.mark.parametrize("stem", PAIRED)
def test_a_page_gives_the_facts_of_its_xml(stem: str, form: str) -> None:
    xml = read_filing(CORPUS / "xml" / f"{stem}.xml")
    rendered = parse(html(stem) if form == "html" else text(stem))
    assert facts(rendered, ciks=form == "html") == facts(xml, ciks=form == "html")
    # Spelled out for the fields where a slip would be easiest to miss.
    assert rendered.rows and len(rendered.rows) == len(xml.rows)
    for ours, theirs in zip(rendered.rows, xml.rows, strict=True):
        assert type(ours) is type(theirs)
        assert ours.footnote_refs == theirs.footnote_refs


def test_what_the_pages_lack_against_their_xml() -> None:
    """The exclusions above are real, and nothing else differs."""
    for stem in PAIRED:
        xml, page = read_filing(CORPUS / "xml" / f"{stem}.xml"), parse(html(stem))
        assert xml.schema_version and page.schema_version is None
        assert all(row.equity_swap_involved is False for row in xml.non_derivative_transactions + xml.derivative_transactions)
        assert all(
            row.equity_swap_involved is None for row in page.non_derivative_transactions + page.derivative_transactions
        )
    # 374Water's XML leaves notSubjectToSection16 out; the page shows the box, empty.
    water_xml, water_page = (read_filing(CORPUS / "xml" / "edgartools_form4_374water_melkote.xml"),
                             parse(html("edgartools_form4_374water_melkote")))
    assert water_xml.not_subject_to_section16 is None and water_page.not_subject_to_section16 is False
    # Garrett's Form 3 XML says noSecuritiesOwned=0; the page shows only the positive statement.
    garrett_xml, garrett_page = read_filing(CORPUS / "xml" / "edgartools_form3_snow_garrett.xml"), parse(html("edgartools_form3_snow_garrett"))
    assert garrett_xml.no_securities_owned is False and garrett_page.no_securities_owned is None


# --- hand-checked pages without an XML --------------------------------------------------------------

BAM_OWNERS = (
    ("BROOKFIELD Corp /ON/", "0001001085"), ("BAM Partners Trust", "0001861643"), ("BIPC Holding LP", "0001996787"),
    ("BIPC GP Holdings Inc.", "0001996785"), ("Brookfield Infrastructure Partners L.P.", "0001406234"),
    ("Brookfield Infrastructure Partners Ltd", "0001996567"), ("Brookfield Infrastructure Corp", "0001788348"),
    ("BIF V Bermuda GP Ltd", "0001996577"), ("BIF V Carry Splitter L.P.", "0001996608"), ("BIF V Thanos Carry L.P.", "0001996610"),
)


def test_bam_partners_joint_form3() -> None:
    filing = parse(html("edgartools_form3_bampartners"))
    assert filing.document_type == "3"
    assert filing.issuer == model.Issuer(cik="0001660734", name="Triton International Ltd", trading_symbol="TRTN")
    assert filing.period_of_report == date(2023, 9, 28)
    assert tuple((owner.name, owner.cik) for owner in filing.reporting_owners) == BAM_OWNERS
    first, second = filing.reporting_owners[:2]
    assert first.address == model.Address(
        street1="BROOKFIELD PLACE", street2="181 BAY ST SUITE 100", city="TORONTO ONTARIO", state="A6", zip_code="M5J2T3"
    )
    assert first.is_ten_percent_owner and not (first.is_director or first.is_officer or first.is_other)
    assert second.address == model.Address(
        street1="C/O BROOKFIELD CORPORATION", street2="BROOKFIELD PLACE 181 BAY ST SUITE 100", city="TORONTO ONTARIO",
        state="A6", zip_code="M5J2T3",
    )
    # The page shows box 4 for the first reporting person only; the others' relationships stay unset.
    assert not any(o.is_director or o.is_officer or o.is_ten_percent_owner or o.is_other for o in filing.reporting_owners[1:])
    assert filing.warnings == (JOINT_WARNING,)
    assert filing.non_derivative_holdings == (
        model.NonDerivativeHolding(
            security_title="Common Shares, par value $0.01 per share", shares_owned_following=Decimal("101158891"),
            direct_indirect=INDIRECT, nature_of_ownership="See Footnotes",
            footnote_refs={"shares_owned_following": ("F1",), "nature_of_ownership": ("F2", "F3")},
        ),
    )
    assert filing.non_derivative_transactions == () and filing.derivative_holdings == () and filing.derivative_transactions == ()
    assert filing.footnotes == tuple(
        model.Footnote(f"F{n}", f"See Exhibit 99.1 for text of footnote ({n}).") for n in (1, 2, 3)
    )
    assert filing.remarks is not None
    assert filing.remarks.startswith("On September 28, 2023, Brookfield Infrastructure Corporation, a corporation organized")
    assert filing.remarks.endswith("The two filings relate to the same transactions described above. // Form 1 of 2")
    assert filing.signatures == (model.Signature("/s/ See Signatures Included in Exhibit 99.2", date(2023, 10, 10)),)
    assert filing.not_subject_to_section16 is None  # Form 3 has no such box


def test_evans_form4() -> None:
    filing = parse(html("edgartools_form4_evans"))
    assert filing.document_type == "4"
    assert filing.issuer == model.Issuer(cik="0000842518", name="EVANS BANCORP INC", trading_symbol="EVBN")
    assert filing.period_of_report == date(2023, 1, 24)
    assert filing.reporting_owners == (
        model.ReportingOwner(
            cik="0001057067", name="SULLIVAN NORA B",
            address=model.Address(street1="6460 MAIN STREET", city="WILLIAMSVILLE", state="NY", zip_code="14221"),
            is_director=True,
        ),
    )
    assert filing.non_derivative_transactions == (
        model.NonDerivativeTransaction(
            security_title="Common Stock", transaction_date=date(2023, 1, 24), form_type="4", code="A",
            shares=Decimal("519"), price_per_share=Decimal("39.52"), acquired_disposed=A,
            shares_owned_following=Decimal("5381.2"), direct_indirect=DIRECT, footnote_refs={"shares": ("F1",)},
        ),
    )
    assert filing.derivative_transactions == () and filing.derivative_holdings == ()
    assert filing.footnotes == (model.Footnote("F1", (
        "The Restricted Stock shall be vested according to the following schedule: 100% of the shares of Common Stock "
        "subject, to the Restricted Stock Award will vest on the first anniversary of the date of the award."
    )),)
    assert filing.remarks is None
    assert filing.signatures == (
        model.Signature("/s/Jessica L. Brosius, Attorney in Fact for Nora B. Sullivan", date(2023, 1, 26)),
    )
    assert filing.not_subject_to_section16 is False and filing.aff10b5_one is None  # a 2023 page: no 10b5-1 box


def test_microsoft_form4() -> None:
    filing = parse(text("edgar4j_msft_form4_rendered"))
    assert (filing.document_type, filing.period_of_report) == ("4", date(2016, 6, 2))
    assert filing.issuer == model.Issuer(cik="", name="MICROSOFT CORP", trading_symbol="MSFT")
    owner = filing.reporting_owners[0]
    assert (owner.name, owner.is_director, owner.is_officer, owner.address.zip_code) == ("List Teri L.", True, False, "98052-6399")
    assert filing.non_derivative_holdings == (
        model.NonDerivativeHolding(security_title="Common Stock", shares_owned_following=Decimal("3398"), direct_indirect=DIRECT),
    )
    assert filing.derivative_transactions == (
        model.DerivativeTransaction(
            security_title="Restricted Stock Units", transaction_date=date(2016, 6, 2), form_type="4", code="A",
            shares=Decimal("1619"), price_per_share=Decimal("0"), acquired_disposed=A,
            underlying_security_title="Common Stock", underlying_shares=Decimal("1619"),
            shares_owned_following=Decimal("4172"), direct_indirect=DIRECT,
            footnote_refs={
                "conversion_or_exercise_price": ("F1",), "exercise_date": ("F2",), "expiration_date": ("F2",),
                "shares_owned_following": ("F3",),
            },
        ),
    )
    assert filing.signatures == (
        model.Signature("Keith R. Dolliver, Attorney-in-fact for Teri L. List-Stoll", date(2016, 6, 3)),
    )


# --- the older stylesheet, and copies that lost their tabs ------------------------------------------

def test_a_page_in_the_older_stylesheet() -> None:
    """Boxes drawn as ``__X__`` and checkboxes, Table I's title beside box 1, the 'Reporting Owners' table
    with each joint filer's relationships, one caption per signature, and footnotes written ``(n)``."""
    filing = read_filing(OLD_STYLE)
    assert filing.document_type == "4/A" and filing.date_of_original_submission == date(2024, 3, 12)
    assert filing.aff10b5_one is True and filing.not_subject_to_section16 is False
    chairman, company = filing.reporting_owners
    assert chairman == model.ReportingOwner(
        cik=None, name="AULT MILTON C III",
        address=model.Address(street1="11411 SOUTHERN HIGHLANDS PARKWAY", street2="SUITE 240", city="LAS VEGAS", state="NV", zip_code="89141"),
        is_director=True, is_officer=True, officer_title="Executive Chairman",
    )
    assert company == model.ReportingOwner(
        cik=None, name="Ault & Company, Inc.",
        address=model.Address(street1="11411 SOUTHERN HIGHLANDS PARKWAY", city="LAS VEGAS", state="NV", zip_code="89141"),
        is_ten_percent_owner=True, is_other=True, other_text="Member of a Section 13(d) group",
    )
    assert filing.non_derivative_transactions == (
        model.NonDerivativeTransaction(
            security_title="Common Stock", transaction_date=date(2024, 3, 8), form_type="4", code="J",
            equity_swap_involved=True, timeliness=model.Timeliness.EARLY, shares=Decimal("1000"),
            price_per_share=Decimal("0.55"), acquired_disposed=D, shares_owned_following=Decimal("9000"),
            direct_indirect=DIRECT, footnote_refs={"code": ("F6",)},
        ),
    )
    assert filing.derivative_transactions == SEED_ROWS[:2]
    assert [note.id for note in filing.footnotes] == ["F1", "F2", "F3", "F4", "F5", "F6"]
    assert filing.remarks == "This amendment adds the Table I row of 3/8/2024. Exhibit 24 - Power of Attorney"
    assert filing.signatures == (
        model.Signature("/s/ Milton C. Ault, III", date(2024, 3, 11)),
        model.Signature("/s/ Milton C. Ault, III, Chief Executive Officer of Ault & Company, Inc.", date(2024, 3, 11)),
    )
    assert filing.warnings == ()


@pytest.mark.parametrize("stem", PAGES)
def test_a_copy_whose_tabs_became_spaces_reads_the_same(stem: str) -> None:
    """Pasted into an editor that turns tabs into spaces, every cell still falls in its column."""
    original = text(stem).read_text(encoding="utf-8")
    spaced = parse_rendered(original.replace("\t", "    ").encode(), "spaced")
    assert dataclasses.replace(spaced, source="") == dataclasses.replace(parse(text(stem)), source="")


def edited(stem: str, *replacements: tuple[str, str]) -> bytes:
    body = text(stem).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in body, old
        body = body.replace(old, new, 1)
    return body.encode()


def test_amendment_voluntary_report_and_checked_box_in_a_copy() -> None:
    data = edited(
        "edgartools_form4_374water_melkote",
        ("4. If Amendment, Date of Original Filed (Month/Day/Year)\n", "4. If Amendment, Date of Original Filed (Month/Day/Year)\n05/01/2025\n"),
        ("\xa0\xa0\n\tCheck this box to indicate", "X\n\tCheck this box to indicate"),
        ("04/30/2025\t\tA\t\t757,756(1)", "04/30/2025\t\tA\tV\t757,756(1)"),
    )
    filing = parse_rendered(data, "amended")
    assert filing.document_type == "4/A" and filing.date_of_original_submission == date(2025, 5, 1)
    assert filing.aff10b5_one is True and filing.not_subject_to_section16 is False
    assert filing.non_derivative_transactions[0].timeliness == model.Timeliness.EARLY
    assert filing.derivative_transactions[0].timeliness is None


def test_an_untabbed_derivative_row_takes_acquired_or_disposed_from_its_code() -> None:
    """Without tabs the (A) and (D) columns cannot be told apart: a sale disposes, a purchase acquires,
    and a code that can go either way is left unset with a warning."""
    seed = SEED.read_text(encoding="utf-8").replace("\xa0", " ")  # the copy pads its cells with no-break spaces
    assert "12/14/2023  P   41,500" in seed
    sold = parse_rendered(seed.replace("12/14/2023  P   41,500", "12/14/2023  S   41,500", 1).encode(), "sold")
    assert sold.derivative_transactions[0].acquired_disposed == D
    other = parse_rendered(seed.replace("12/14/2023  P   41,500", "12/14/2023  J   41,500", 1).encode(), "other")
    assert other.derivative_transactions[0].acquired_disposed is None
    assert other.warnings == ("Table II row 1: the copied text does not show whether code J acquired (A) or disposed of (D) the securities",)


# --- the sniffer and the errors -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "path", [html(stem) for stem in PAGES] + [text(stem) for stem in PAGES] + [SEED, OLD_STYLE], ids=lambda p: p.name
)
def test_rendered_pages_are_recognised(path: Path) -> None:
    assert looks_like_rendered(path.read_bytes()[:4096])


NOT_RENDERED = sorted((CORPUS / "xml").glob("*.xml")) + sorted(p for p in (CORPUS / "submissions").iterdir() if p.is_file())


@pytest.mark.parametrize("path", NOT_RENDERED, ids=lambda p: p.name)
def test_ownership_xml_and_submissions_are_not_taken_for_rendered_pages(path: Path) -> None:
    assert not looks_like_rendered(path.read_bytes()[:4096])


def test_an_edgar_index_header_page_is_not_a_rendered_form() -> None:
    with pytest.raises(NotOwnershipDocumentError, match="not a rendered Form 3/4/5"):
        parse(INDEX_HEADERS)


@pytest.mark.parametrize(
    "data",
    [b"<html><body><p>Quarterly report</p></body></html>", b"FORM 4\nThis is a note about a form.\n", b""],
    ids=["other-html", "other-text", "empty"],
)
def test_other_pages_are_not_rendered_forms(data: bytes) -> None:
    assert not looks_like_rendered(data)
    with pytest.raises(NotOwnershipDocumentError):
        parse_rendered(data, "other")


def test_a_page_without_issuer_or_reporting_person_is_refused() -> None:
    no_issuer = edited("edgartools_form4_evans", ("EVANS BANCORP INC [ EVBN ]", ""))
    with pytest.raises(InvalidValueError, match="names no issuer"):
        parse_rendered(no_issuer, "no-issuer")
    no_owner = edited("edgartools_form4_evans", ("SULLIVAN NORA B\n", ""), ("(Last)\t(First)\t(Middle)\n", ""),
                      ("6460 MAIN STREET\n", ""))
    with pytest.raises(InvalidValueError, match="names no reporting person"):
        parse_rendered(no_owner, "no-owner")


def test_bad_cells_are_reported_with_their_row() -> None:
    short = edited("edgartools_form4_evans", ("Common Stock\t01/24/2023\t\tA\t\t519(1)\tA\t$39.52\t5,381.2\tD\t", "Common Stock\t01/24/2023\t\tA\t\t519(1)\tA\t$39.52\t5,381.2\tD\t\tX\tY\tZ"))
    with pytest.raises(InvalidValueError, match="Table I row 1 has 14 cells"):
        parse_rendered(short, "short")
    not_a_number = edited("edgartools_form4_evans", ("$39.52", "$39.5x"))
    with pytest.raises(InvalidValueError, match=re.escape("price_per_share: '$39.5x' is not a number")):
        parse_rendered(not_a_number, "nan")
    bad_ownership = edited("edgartools_form4_evans", ("5,381.2\tD\t", "5,381.2\tQ\t"))
    with pytest.raises(InvalidValueError, match="direct_indirect: 'Q' is not one of"):
        parse_rendered(bad_ownership, "bad-ownership")
    seed = SEED.read_text(encoding="utf-8").replace("\xa0", " ")
    garbled = seed.replace("12/14/2023  P   41,500", "whenever", 1).encode()
    with pytest.raises(InvalidValueError, match=r"Table II row 1: the cells of .* could not be told apart"):
        parse_rendered(garbled, "garbled")
