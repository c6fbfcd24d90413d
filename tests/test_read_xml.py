"""Exact field values of real filings, read by hand from the corpus files and written down here.

Each test is one filing and says in its name what it shows. The expected literals were copied from the
XML (entities decoded, runs of whitespace collapsed to one space), from the SEC header of the submission
or from the datamule sidecar (``dm_<accession>.metadata.json``) - never from the reader's output.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CORPUS, DATA

from form4graph import model
from form4graph.model import AcquiredDisposed as AD
from form4graph.model import OwnershipForm as OF
from form4graph.read import parse_filing, read_filing

XML = CORPUS / "xml"
SUBMISSIONS = CORPUS / "submissions"


def read(path: Path) -> model.Filing:
    filing = read_filing(path)
    assert filing.source == str(path)
    return filing


# -- Form 3 ---------------------------------------------------------------------------------------------


def test_form3_reinvent_y_derivative_holding_with_values_given_only_by_footnotes() -> None:
    """Form 3 (X0206): Reid Hoffman's Class B founder shares of Reinvent Technology Partners Y; the
    conversion price, exercise and expiration dates are blank and carry footnotes F1 and F2 instead."""
    filing = read(XML / "dm_0000899243-21-011669_doc3.xml")

    assert filing.document_type == "3"
    assert not filing.is_amendment
    assert filing.schema_version == "X0206"
    assert filing.period_of_report == date(2021, 3, 15)
    assert filing.no_securities_owned is False
    assert filing.not_subject_to_section16 is None
    assert filing.aff10b5_one is None
    assert filing.date_of_original_submission is None
    assert filing.issuer == model.Issuer(cik="0001828108", name="Reinvent Technology Partners Y", trading_symbol="RTPY")
    assert filing.reporting_owners == (
        model.ReportingOwner(
            cik="0001519339",
            name="Hoffman Reid",
            address=model.Address(
                street1="C/O REINVENT TECHNOLOGY PARTNERS Y",
                street2="215 PARK AVENUE, FLOOR 11",
                city="NEW YORK",
                state="NY",
                zip_code="10003",
                state_description=None,
            ),
            is_director=False,
            is_officer=False,
            is_ten_percent_owner=True,
            is_other=False,
        ),
    )
    assert filing.non_derivative_transactions == ()
    assert filing.non_derivative_holdings == ()
    assert filing.derivative_transactions == ()
    (holding,) = filing.derivative_holdings
    assert holding == model.DerivativeHolding(
        security_title="Class B ordinary shares",
        conversion_or_exercise_price=None,
        exercise_date=None,
        expiration_date=None,
        underlying_security_title="Class A ordinary shares",
        underlying_shares=Decimal("24317500"),
        shares_owned_following=None,
        direct_indirect=OF.INDIRECT,
        nature_of_ownership="See Footnote",
        footnote_refs={
            "conversion_or_exercise_price": ("F1", "F2"),
            "exercise_date": ("F1", "F2"),
            "expiration_date": ("F1", "F2"),
            "nature_of_ownership": ("F2",),
        },
    )
    assert [note.id for note in filing.footnotes] == ["F1", "F2"]
    assert filing.footnote_text("F1") == (
        "As described in the issuer's registration statement on Form S-1 (File No. 333-253075) under the heading "
        '"Description of Securities-Founder Shares", Class B ordinary shares, par value $0.0001 ("Class B Ordinary '
        'Shares"), of the issuer will automatically convert into Class A ordinary shares, par value $0.0001, of the '
        "issuer at the time of the issuer's initial business combination, or earlier at the option of the holder, on "
        "a one-for-one basis, subject to certain adjustment, and have no expiration date. Includes 3,187,500 Class B "
        "Ordinary Shares that are subject to forfeiture if the underwriter of the issuer's initial public offering "
        "does not exercise in full its option to purchase additional units."
    )
    assert filing.footnote_text("F2") == (
        'The securities reported herein are directly held by Reinvent Sponsor Y LLC (the "Sponsor"). The reporting '
        "person may be deemed a beneficial owner of securities held by the Sponsor by virtue of his shared control "
        "over and indirect pecuniary interest in the Sponsor. The reporting person disclaims beneficial ownership of "
        "the securities held by the Sponsor, except to the extent of his pecuniary interest therein."
    )
    assert filing.remarks == "Exhibit 24 - Power of Attorney"
    assert filing.signatures == (
        model.Signature(name="/s/ David Cohen, as attorney in fact for Reid Hoffman", date=date(2021, 3, 15)),
    )
    # from dm_0000899243-21-011669.metadata.json
    assert filing.accession_number == "0000899243-21-011669"
    assert filing.filing_date == date(2021, 3, 15)
    assert filing.filer_ciks == ("0001519339", "0001828108")
    assert filing.warnings == ()
    assert filing.footnote_refs == {}


# -- Form 5 ---------------------------------------------------------------------------------------------


def test_form5_mongodb_gifts_to_estate_planning_vehicles() -> None:
    """Form 5 (X0306): Roelof Botha's annual statement for MongoDB, two gift (G) rows, form type 5."""
    filing = read(XML / "dm_0001441816-20-000060_wf-form5_158413163404616.xml")

    assert filing.document_type == "5"
    assert filing.schema_version == "X0306"
    assert filing.period_of_report == date(2020, 1, 31)
    assert filing.not_subject_to_section16 is False
    assert filing.form3_holdings_reported is False
    assert filing.form4_transactions_reported is False
    assert filing.issuer == model.Issuer(cik="0001441816", name="MongoDB, Inc.", trading_symbol="MDB")
    (owner,) = filing.reporting_owners
    assert owner.cik == "0001222287"
    assert owner.name == "BOTHA ROELOF"
    assert owner.address == model.Address(
        street1="C/O SEQUOIA CAPITAL",
        street2="2800 SAND HILL ROAD, SUITE 101",
        city="MENLO PARK",
        state="CA",
        zip_code="94025",
    )
    assert (owner.is_director, owner.is_officer, owner.is_ten_percent_owner, owner.is_other) == (
        True,
        False,
        False,
        False,
    )
    assert owner.officer_title is None
    assert owner.other_text is None

    gift_out, gift_in = filing.non_derivative_transactions
    assert gift_out == model.NonDerivativeTransaction(
        security_title="Class A Common Stock",
        transaction_date=date(2020, 3, 4),
        form_type="5",
        code="G",
        equity_swap_involved=False,
        timeliness=None,
        shares=Decimal("3936"),
        price_per_share=Decimal("0"),
        acquired_disposed=AD.DISPOSED,
        shares_owned_following=Decimal("1057"),
        direct_indirect=OF.DIRECT,
        nature_of_ownership=None,
        footnote_refs={"shares": ("F1",)},
    )
    assert gift_in == model.NonDerivativeTransaction(
        security_title="Class A Common Stock",
        transaction_date=date(2020, 3, 4),
        form_type="5",
        code="G",
        equity_swap_involved=False,
        shares=Decimal("3936"),
        price_per_share=Decimal("0"),
        acquired_disposed=AD.ACQUIRED,
        shares_owned_following=Decimal("181077"),
        direct_indirect=OF.INDIRECT,
        nature_of_ownership="By Estate Planning Vehicles",
        footnote_refs={"shares": ("F1",)},
    )
    assert filing.non_derivative_holdings == filing.derivative_transactions == filing.derivative_holdings == ()
    assert filing.footnotes == (
        model.Footnote(id="F1", text="The reporting person transferred shares to estate planning vehicles."),
    )
    assert filing.remarks == "Exhibit 24 - Power of Attorney"
    assert filing.signatures == (model.Signature(name="/s/Sophie Hubscher, Attorney-in-Fact", date=date(2020, 3, 13)),)
    assert filing.accession_number == "0001441816-20-000060"
    assert filing.filing_date == date(2020, 3, 13)
    assert filing.filer_ciks == ("0001222287", "0001441816")


# -- joint filing ---------------------------------------------------------------------------------------


MITHRIL_ADDRESS = model.Address(
    street1="C/O MITHRIL CAPITAL MANAGEMENT LLC",
    street2="600 CONGRESS AVENUE SUITE 3100",
    city="AUSTIN",
    state="TX",
    zip_code="78701",
)


def test_joint_filing_four_owners_mithril_and_thiel_adagio_ipo_conversion() -> None:
    """Form 4 (X0306) filed jointly by Mithril II LP, its two general partners and Peter Thiel: four
    reporting owners, four signatures, the preferred converting into common at Adagio's IPO."""
    filing = read(XML / "dm_0001209191-21-051298_doc4.xml")

    assert filing.document_type == "4"
    assert filing.period_of_report == date(2021, 8, 10)
    assert filing.issuer == model.Issuer(cik="0001832038", name="Adagio Therapeutics, Inc.", trading_symbol="ADGI")
    assert [(o.cik, o.name) for o in filing.reporting_owners] == [
        ("0001669609", "MITHRIL II LP"),
        ("0001878232", "Mithril II GP LP"),
        ("0001878230", "Mithril II UGP LLC"),
        ("0001211060", "THIEL PETER"),
    ]
    for owner in filing.reporting_owners:
        assert owner.address == MITHRIL_ADDRESS
        assert (owner.is_director, owner.is_officer, owner.is_ten_percent_owner, owner.is_other) == (
            False,
            False,
            True,
            False,
        )
        assert owner.officer_title is None
        assert owner.other_text is None

    conversion, purchase = filing.non_derivative_transactions
    assert conversion.security_title == "Common Stock"
    assert conversion.transaction_date == date(2021, 8, 10)
    assert conversion.deemed_execution_date is None
    assert (conversion.form_type, conversion.code, conversion.equity_swap_involved) == ("4", "C", False)
    assert conversion.shares == Decimal("9244580")
    assert conversion.price_per_share is None
    assert conversion.acquired_disposed is AD.ACQUIRED
    assert conversion.shares_owned_following == Decimal("9244580")
    assert conversion.direct_indirect is OF.DIRECT
    assert conversion.footnote_refs == {"price_per_share": ("F1",), "direct_indirect": ("F2",)}
    assert (purchase.code, purchase.shares, purchase.price_per_share) == ("P", Decimal("1997000"), Decimal("17.00"))
    assert str(purchase.price_per_share) == "17.00"
    assert purchase.shares_owned_following == Decimal("11241580")
    assert purchase.footnote_refs == {"direct_indirect": ("F2",)}

    series = filing.derivative_transactions
    assert [d.security_title for d in series] == [
        "Series A Preferred Stock",
        "Series B Preferred Stock",
        "Series C Preferred Stock",
    ]
    assert [d.shares for d in series] == [Decimal("1250000"), Decimal("176304"), Decimal("422612")]
    assert [d.underlying_shares for d in series] == [Decimal("6250000"), Decimal("881520"), Decimal("2113060")]
    for row in series:
        assert row.conversion_or_exercise_price is None
        assert row.transaction_date == date(2021, 8, 10)
        assert row.code == "C"
        assert row.price_per_share == Decimal("0.00")
        assert row.acquired_disposed is AD.DISPOSED
        assert (row.exercise_date, row.expiration_date) == (None, None)
        assert row.underlying_security_title == "Common Stock"
        assert row.shares_owned_following == Decimal("0")
        assert row.direct_indirect is OF.DIRECT
        assert row.footnote_refs == {
            "conversion_or_exercise_price": ("F1",),
            "exercise_date": ("F1",),
            "expiration_date": ("F1",),
            "direct_indirect": ("F2",),
        }
    assert filing.footnote_text("F1") == (
        "Each share of Series A Preferred Stock, Series B Preferred Stock, and Series C Preferred Stock automatically "
        "converted, without payment of additional consideration, into 5 shares of Common Stock immediately prior to "
        "the closing of the Issuer's initial public offering of its Common Stock and had no expiration date."
    )
    assert filing.footnote_text("F2").startswith('These shares are held of record by Mithril II LP ("II LP").')
    assert filing.remarks is None  # <remarks></remarks>
    assert [s.name for s in filing.signatures] == [
        "/s/ Ajay Royan, Managing Member, Mithril II UGP LLC, General Partner of Mithril II GP LP, the General Partner of Mithril II LP",
        "/s/ Ajay Royan, Managing Member, Mithril II UGP LLC, General Partner of Mithril II GP LP",
        "/s/ Ajay Royan, Managing Member, Mithril II UGP LLC",
        "/s/ Peter Thiel",
    ]
    assert {s.date for s in filing.signatures} == {date(2021, 8, 12)}
    # the sidecar lists Thiel first, then the three Mithril entities, then the issuer
    assert filing.accession_number == "0001209191-21-051298"
    assert filing.filing_date == date(2021, 8, 12)
    assert filing.filer_ciks == ("0001211060", "0001669609", "0001878232", "0001878230", "0001832038")


# -- derivative rows with underlying securities ---------------------------------------------------------


def test_derivative_option_with_underlying_common_stock_natera() -> None:
    """Form 4 (X0407): a stock option (right to buy) at $51.40 expiring 2033-04-13 on 607 shares of
    Natera common stock, granted in lieu of board fees; relationship flags written true/false."""
    filing = read(XML / "dm_0001415889-23-006657_form4-04182023_080404.xml")

    assert filing.schema_version == "X0407"
    assert filing.period_of_report == date(2023, 4, 14)
    assert filing.issuer == model.Issuer(cik="0001604821", name="Natera, Inc.", trading_symbol="NTRA")
    (owner,) = filing.reporting_owners
    assert owner == model.ReportingOwner(
        cik="0001222287",
        name="BOTHA ROELOF",
        address=model.Address(
            street1="C/O NATERA, INC.",
            street2="13011 MCCALLEN PASS BUILDING A SUITE 100",
            city="AUSTIN",
            state="TX",
            zip_code="78753",
        ),
        is_director=True,
    )
    assert filing.aff10b5_one is False
    assert filing.not_subject_to_section16 is None
    assert filing.non_derivative_transactions == filing.non_derivative_holdings == ()
    (option,) = filing.derivative_transactions
    assert option == model.DerivativeTransaction(
        security_title="Stock Option (right to buy)",
        conversion_or_exercise_price=Decimal("51.40"),
        transaction_date=date(2023, 4, 14),
        deemed_execution_date=None,
        form_type="4",
        code="A",
        equity_swap_involved=False,
        timeliness=None,
        shares=Decimal("607"),
        total_value=None,
        price_per_share=Decimal("32.88"),
        acquired_disposed=AD.ACQUIRED,
        exercise_date=None,
        expiration_date=date(2033, 4, 13),
        underlying_security_title="Common Stock",
        underlying_shares=Decimal("607"),
        underlying_value=None,
        shares_owned_following=Decimal("607"),
        value_owned_following=None,
        direct_indirect=OF.DIRECT,
        nature_of_ownership=None,
        footnote_refs={"shares": ("F1",), "exercise_date": ("F2",)},
    )
    assert str(option.conversion_or_exercise_price) == "51.40"
    assert filing.footnotes == (
        model.Footnote(
            id="F1",
            text="The option was issued to the Reporting Person in lieu of quarterly retainer fees of $21,250 for "
            "service on the Issuer's Board of Directors.",
        ),
        model.Footnote(id="F2", text="The option shares are fully vested and may be exercised at any time."),
    )
    assert filing.remarks is None
    assert filing.signatures == (model.Signature(name="/s/ Tami Chen, Attorney-in-Fact", date=date(2023, 4, 18)),)
    assert filing.accession_number == "0001415889-23-006657"
    assert filing.filing_date == date(2023, 4, 18)
    assert filing.filer_ciks == ("0001222287", "0001604821")


# -- price given only by a footnote -----------------------------------------------------------------------


def test_price_given_only_by_footnote_square_weebly_consideration() -> None:
    """Form 4 (X0306): Sequoia funds received Square Class A shares as consideration for Weebly; the
    price column is empty and carries only footnote F2. Holdings precede transactions in the XML."""
    filing = read(XML / "dm_0000899243-18-015035_doc4.xml")

    assert filing.issuer == model.Issuer(cik="0001512673", name="Square, Inc.", trading_symbol="SQ")
    assert filing.period_of_report == date(2018, 5, 31)
    (owner,) = filing.reporting_owners
    assert (owner.cik, owner.name, owner.is_director) == ("0001222287", "BOTHA ROELOF", True)
    assert owner.address.street1 == "C/O SEQUOIA CAPITAL,"

    growth, principals = filing.non_derivative_transactions
    for row in (growth, principals):
        assert row.security_title == "Class A Common Stock"
        assert row.transaction_date == date(2018, 5, 31)
        assert row.code == "A"
        assert row.price_per_share is None
        assert row.acquired_disposed is AD.ACQUIRED
        assert row.direct_indirect is OF.INDIRECT
        assert row.footnote_refs == {"price_per_share": ("F2",), "nature_of_ownership": ("F3",)}
    assert (growth.shares, growth.shares_owned_following) == (Decimal("854606"), Decimal("854606"))
    assert growth.nature_of_ownership == "Sequoia Capital U.S. Growth Fund IV, LP"
    assert (principals.shares, principals.shares_owned_following) == (Decimal("35515"), Decimal("35515"))
    assert principals.nature_of_ownership == "Sequoia Capital USGF Principals Fund IV, L.P."

    direct, seed_fund = filing.non_derivative_holdings
    assert direct == model.NonDerivativeHolding(
        security_title="Class A Common Stock",
        shares_owned_following=Decimal("45171"),
        direct_indirect=OF.DIRECT,
    )
    assert seed_fund == model.NonDerivativeHolding(
        security_title="Class A Common Stock",
        shares_owned_following=Decimal("899976"),
        direct_indirect=OF.INDIRECT,
        nature_of_ownership="Sequoia Capital U.S. Venture 2010-Seed Fund, L.P.",
        footnote_refs={"nature_of_ownership": ("F1",)},
    )
    assert filing.footnote_text("F2") == (
        "Represents shares of Class A Common Stock of the Issuer received on May 31, 2018 as transaction "
        "consideration pursuant to the Agreement and Plan of Reorganization, dated April 26, 2018, between the "
        "Issuer, Weebly, Inc. and the other parties thereto."
    )
    assert filing.footnote_text("F3").startswith(
        "SC US (TTGP), Ltd. is the general partner of SCGF IV Management, L.P."
    )
    assert filing.signatures == (model.Signature(name="/s/ Jung Yeon Son, Attorney-in-Fact", date=date(2018, 6, 4)),)
    assert filing.accession_number == "0000899243-18-015035"
    assert filing.filing_date == date(2018, 6, 4)
    assert filing.filer_ciks == ("0001222287", "0001512673")


# -- holdings only ----------------------------------------------------------------------------------------


def test_holdings_only_form4_mithril_group_remarks() -> None:
    """Form 4 (X0306) that reports no transaction: one holding of Adagio common stock, four owners who tick
    "Other (See Remarks)", and long remarks whose paragraph breaks are collapsed."""
    filing = read(XML / "dm_0000899243-22-012864_doc4.xml")

    assert filing.document_type == "4"
    assert filing.period_of_report == date(2022, 3, 28)
    assert filing.not_subject_to_section16 is False
    assert filing.non_derivative_transactions == ()
    assert filing.derivative_transactions == ()
    assert filing.derivative_holdings == ()
    assert filing.non_derivative_holdings == (
        model.NonDerivativeHolding(
            security_title="Common Stock",
            shares_owned_following=Decimal("11241580"),
            direct_indirect=OF.DIRECT,
            footnote_refs={"direct_indirect": ("F1",)},
        ),
    )
    assert [o.cik for o in filing.reporting_owners] == ["0001669609", "0001878232", "0001878230", "0001211060"]
    for owner in filing.reporting_owners:
        assert owner.address == MITHRIL_ADDRESS
        assert (owner.is_director, owner.is_officer, owner.is_ten_percent_owner, owner.is_other) == (
            False,
            False,
            True,
            True,
        )
        assert owner.other_text == "See Remarks"
    assert filing.remarks.startswith(
        "This Form 4 is not being filed in connection with the acquisition or disposition of any securities of the "
        "Issuer. As disclosed by (among others) the Reporting Persons on an amendment to a Report on Schedule 13D"
    )
    assert "also on March 28, 2022, in an email circulated among representatives of such persons." in filing.remarks
    assert filing.remarks.endswith("other than those previously reported by the Reporting Persons on Form 4.")
    assert filing.footnote_text("F1").endswith(
        "if any. Royan is a director of the Issuer and, accordingly, files separate Section 16 reports."
    )
    assert [s.name for s in filing.signatures][-1] == "/s/ Peter Thiel"
    assert {s.date for s in filing.signatures} == {date(2022, 3, 30)}
    assert filing.accession_number == "0000899243-22-012864"
    assert filing.filing_date == date(2022, 3, 30)
    assert filing.filer_ciks == ("0001211060", "0001669609", "0001878232", "0001878230", "0001832038")


# -- aff10b5One --------------------------------------------------------------------------------------------


def test_aff10b5one_sale_under_trading_plan_affirm_rabois() -> None:
    """Form 4 (X0508) with the Rule 10b5-1 box ticked (<aff10b5One>1</aff10b5One>): Keith Rabois sells
    9,276 Affirm shares at a weighted average $29.89."""
    filing = read(XML / "dm_0001628280-24-030951_wk-form4_1719957769.xml")

    assert filing.schema_version == "X0508"
    assert filing.aff10b5_one is True
    assert filing.not_subject_to_section16 is False
    assert filing.period_of_report == date(2024, 7, 1)
    assert filing.issuer == model.Issuer(cik="0001820953", name="Affirm Holdings, Inc.", trading_symbol="AFRM")
    assert filing.reporting_owners == (
        model.ReportingOwner(
            cik="0001539865",
            name="Rabois Keith",
            address=model.Address(
                street1="ONE LETTERMAN DRIVE",
                street2="BUILDING D, 5TH FLOOR",
                city="SAN FRANCISCO",
                state="CA",
                zip_code="94129",
            ),
            is_director=True,
        ),
    )
    assert filing.non_derivative_transactions == (
        model.NonDerivativeTransaction(
            security_title="Class A Common Stock",
            transaction_date=date(2024, 7, 1),
            form_type="4",
            code="S",
            equity_swap_involved=False,
            shares=Decimal("9276"),
            price_per_share=Decimal("29.89"),
            acquired_disposed=AD.DISPOSED,
            shares_owned_following=Decimal("73623"),
            direct_indirect=OF.DIRECT,
            footnote_refs={"shares": ("F1",), "price_per_share": ("F2",)},
        ),
    )
    assert filing.footnote_text("F1") == (
        "The sales reported in this Form 4 were effected pursuant to a Rule 10b5-1 trading plan adopted by the "
        "reporting person on December 14, 2023."
    )
    assert filing.footnote_text("F2").startswith(
        "Represents the weighted average sale price of the shares sold from $29.50 to $30.32 per share."
    )
    assert filing.remarks is None
    assert filing.signatures == (model.Signature(name="/s/ Josh Samples, Attorney-in-Fact", date=date(2024, 7, 2)),)
    assert filing.accession_number == "0001628280-24-030951"
    assert filing.filing_date == date(2024, 7, 2)
    assert filing.filer_ciks == ("0001539865", "0001820953")


# -- indirect ownership with a nature text ------------------------------------------------------------------


def test_indirect_holding_by_spouse_principal_financial_submission() -> None:
    """EDGAR .txt submission (X0306): a director's RSU grant held directly, 10,000 shares held indirectly
    "By Spouse", and phantom stock units under the deferred compensation plan."""
    filing = read(SUBMISSIONS / "0001126328-15-000103.txt")

    assert filing.issuer == model.Issuer(cik="0001126328", name="PRINCIPAL FINANCIAL GROUP INC", trading_symbol="PFG")
    assert filing.period_of_report == date(2015, 3, 27)
    (owner,) = filing.reporting_owners
    assert owner == model.ReportingOwner(
        cik="0001246392",
        name="DAN MICHAEL T",
        address=model.Address(street1="711 HIGH STREET", city="DES MOINES", state="IA", zip_code="50392"),
        is_director=True,
    )
    assert filing.non_derivative_holdings == (
        model.NonDerivativeHolding(
            security_title="Common Stock",
            shares_owned_following=Decimal("10000"),
            direct_indirect=OF.INDIRECT,
            nature_of_ownership="By Spouse",
        ),
    )
    (grant,) = filing.non_derivative_transactions
    assert (grant.code, grant.shares, grant.price_per_share) == ("A", Decimal("203"), Decimal("0"))
    assert grant.shares_owned_following == Decimal("28700")
    assert grant.direct_indirect is OF.DIRECT
    assert grant.nature_of_ownership is None  # <natureOfOwnership><value></value>
    assert grant.footnote_refs == {"price_per_share": ("F1",)}
    (units,) = filing.derivative_transactions
    assert units.security_title == "Phantom Stock Units"
    assert units.conversion_or_exercise_price is None
    assert units.shares == Decimal("76.9")
    assert units.price_per_share == Decimal("50.49")
    assert units.underlying_shares == Decimal("76.9")
    assert units.shares_owned_following == Decimal("10867.1")
    assert units.footnote_refs == {
        "conversion_or_exercise_price": ("F2",),
        "exercise_date": ("F3",),
        "expiration_date": ("F3",),
    }
    assert filing.footnotes == (
        model.Footnote(id="F1", text="Grant of restricted stock units."),
        model.Footnote(id="F2", text="The units convert to common stock on a one-for-one basis."),
        model.Footnote(
            id="F3",
            text="The reported phantom stock units were acquired pursuant to the Principal Deferred Compensation Plan "
            "for Non-Employee Directors and will be settled on the reporting person's retirement.",
        ),
    )
    assert filing.signatures == (
        model.Signature(name="Patrick A. Kirchner, by Power of Attorney", date=date(2015, 3, 31)),
    )
    # SEC header: ACCESSION NUMBER, FILED AS OF DATE, issuer's then owner's CENTRAL INDEX KEY
    assert filing.accession_number == "0001126328-15-000103"
    assert filing.filing_date == date(2015, 3, 31)
    assert filing.filer_ciks == ("0001126328", "0001246392")


# -- oldest schema: X0202 ----------------------------------------------------------------------------------


def test_oldest_schema_x0202_cantel_option_exercise() -> None:
    """Schema X0202 (2006): Darwin Dornbush exercises 1,125 Cantel Medical options at $9.97 that expire
    2006-10-31; the address carries an escaped ampersand."""
    filing = read(SUBMISSIONS / "0000019446-06-000081.txt")

    assert filing.schema_version == "X0202"
    assert filing.document_type == "4"
    assert filing.period_of_report == date(2006, 10, 18)
    assert filing.not_subject_to_section16 is None
    assert filing.issuer == model.Issuer(cik="0000019446", name="CANTEL MEDICAL CORP", trading_symbol="CMN")
    assert filing.reporting_owners == (
        model.ReportingOwner(
            cik="0001244403",
            name="DORNBUSH DARWIN C",
            address=model.Address(
                street1="DORNBUSH SCHAEFFER STRONGIN & VENAGLIA",
                street2="747 THIRD AVENUE",
                city="NEW YORK",
                state="NY",
                zip_code="10017",
            ),
            is_director=True,
        ),
    )
    assert filing.non_derivative_transactions == ()
    assert filing.derivative_transactions == (
        model.DerivativeTransaction(
            security_title="Option (Right to Buy)",
            conversion_or_exercise_price=Decimal("9.97"),
            transaction_date=date(2006, 10, 18),
            form_type="4",
            code="M",
            equity_swap_involved=False,
            shares=Decimal("1125"),
            price_per_share=Decimal("0"),
            acquired_disposed=AD.DISPOSED,
            exercise_date=date(2001, 10, 31),
            expiration_date=date(2006, 10, 31),
            underlying_security_title="Common Stock",
            underlying_shares=Decimal("1125"),
            shares_owned_following=Decimal("0"),
            direct_indirect=OF.DIRECT,
        ),
    )
    assert filing.footnotes == ()
    assert filing.remarks is None
    assert filing.signatures == (model.Signature(name="/s/ Darwin C. Dornbush", date=date(2006, 10, 19)),)
    assert filing.accession_number == "0000019446-06-000081"
    assert filing.filing_date == date(2006, 10, 19)
    assert filing.filer_ciks == ("0000019446", "0001244403")
    assert filing.warnings == ()


# -- 2006 PEM-wrapped submission -----------------------------------------------------------------------------


def test_pem_wrapped_2006_submission_csk_auto_incentive_units_and_options() -> None:
    """A 2006 submission inside -----BEGIN PRIVACY-ENHANCED MESSAGE-----: CSK Auto's general counsel,
    a tax-withholding (F) row, incentive bonus units and four option holdings with footnoted vesting."""
    path = SUBMISSIONS / "0001209191-06-055343.txt"
    assert path.read_bytes().startswith(b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----")
    filing = read(path)

    assert filing.schema_version == "X0202"
    assert filing.period_of_report == date(2006, 10, 17)
    assert filing.issuer == model.Issuer(cik="0001051848", name="CSK AUTO CORP", trading_symbol="CAO")
    (owner,) = filing.reporting_owners
    assert owner == model.ReportingOwner(
        cik="0001335926",
        name="Morrison Randi V",
        address=model.Address(
            street1="C/O CSK AUTO CORPORATION",
            street2="645 EAST MISSOURI AVE.",
            city="PHOENIX",
            state="AZ",
            zip_code="85012",
        ),
        is_officer=True,
        officer_title="VP, General Counsel, Secretary",
    )
    (withheld,) = filing.non_derivative_transactions
    assert withheld == model.NonDerivativeTransaction(
        security_title="Common Stock",
        transaction_date=date(2006, 10, 18),
        form_type="4",
        code="F",
        equity_swap_involved=False,
        shares=Decimal("167"),
        price_per_share=Decimal("15.53"),
        acquired_disposed=AD.DISPOSED,
        shares_owned_following=Decimal("4448"),
        direct_indirect=OF.DIRECT,
        # F1 stands directly in <transactionCoding>, F2 beside the shares owned following
        footnote_refs={"code": ("F1",), "shares_owned_following": ("F2",)},
    )
    (units,) = filing.derivative_transactions
    assert units.security_title == "Incentive Bonus Unit"
    assert units.conversion_or_exercise_price == Decimal("20.00")
    assert (units.transaction_date, units.code) == (date(2006, 10, 17), "A")
    assert (units.shares, units.price_per_share) == (Decimal("125000"), Decimal("0.00"))
    assert units.acquired_disposed is AD.ACQUIRED
    assert (units.exercise_date, units.expiration_date) == (None, None)
    assert (units.underlying_security_title, units.underlying_shares) == ("Incentive Bonus Unit", Decimal("125000"))
    assert units.shares_owned_following == Decimal("125000")
    assert units.footnote_refs == {"price_per_share": ("F4",), "exercise_date": ("F3",), "expiration_date": ("F3",)}

    options = filing.derivative_holdings
    assert [(o.conversion_or_exercise_price, o.expiration_date, o.underlying_shares) for o in options] == [
        (Decimal("9.87"), date(2009, 4, 5), Decimal("660")),
        (Decimal("19.58"), date(2011, 2, 2), Decimal("5089")),
        (Decimal("13.32"), date(2011, 10, 18), Decimal("12000")),
        (Decimal("16.35"), date(2012, 6, 28), Decimal("7727")),
    ]
    assert [o.footnote_refs for o in options] == [
        {"exercise_date": ("F5",)},
        {"exercise_date": ("F6",)},
        {"exercise_date": ("F7",)},
        {"exercise_date": ("F8",)},
    ]
    for option in options:
        assert option.security_title == "Non-Qualified Stock Option (right to buy)"
        assert option.exercise_date is None
        assert option.underlying_security_title == "Common Stock"
        assert option.shares_owned_following == option.underlying_shares
        assert option.direct_indirect is OF.DIRECT
    assert [n.id for n in filing.footnotes] == ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"]
    assert (
        filing.footnote_text("F2") == "Includes 1,387 shares of Restricted Common Stock, which is subject to vesting."
    )
    assert filing.footnote_text("F4") == (
        "$0.00 is used for technical reasons as there is no price for this derivative security until vested "
        "and/or exercised."
    )
    assert filing.footnote_text("F6").startswith(
        "On January 29, 2006, the Company accelerated the vesting of all stock options with an exercise price greater "
        'than $15.90 per share (i.e., all "underwater" options'
    )
    assert filing.remarks == (
        "Executed pursuant to the Limited Power of Attorney for Section 16 Reporting Obligations dated October 13, 2005."
    )
    # the signature name spans three lines in the XML
    assert filing.signatures == (
        model.Signature(name="Randi V. Morrison By: /s/ James R. Todd Attorney in Fact", date=date(2006, 10, 19)),
    )
    assert filing.accession_number == "0001209191-06-055343"
    assert filing.filing_date == date(2006, 10, 19)
    assert filing.filer_ciks == ("0001051848", "0001335926")


# -- the broken 2006 submission --------------------------------------------------------------------------------


SUN_HYDRAULICS_F1 = (
    "Each phantom share represents the value of a share of the Registrant's common stock. The grant vests in three "
    "equal installments of 809.71655 phantom shares, the first on October 15, 2005, the second on October 15, 2006, "
    "and the third on October 15, 2007. On each of such dates, so long as Mr. Robson is then employed by the "
    "Registrant or one of its subsidiaries, the Registrant will pay to Mr. Robson an amount equal to the closing bid "
    "price for a share of the Registrant's common stock on such date multiplied by the number of phantom shares "
    "vesting on such date, converted at the then current exchange rate into the currency in which Mr. Robson is paid "
    "(British pounds), less any required tax withholding. The vested phantom shares will be cancelled upon such "
    "payment. There are no specific performance goals or business criteria that must be met for Mr. Robson to "
    "receive such payment. All unvested performance shares will be cancelled upon the termination of Mr. Robson's "
    "employment."
)


def test_split_closing_tag_is_repaired_with_a_warning_and_the_footnote_is_complete() -> None:
    """0001225259-06-000003.txt: the F1 footnote's closing tag is broken by a hard line break
    (``</fo`` at the end of file line 252, ``otnote>`` on line 253). It is read, with one warning."""
    path = SUBMISSIONS / "0001225259-06-000003.txt"
    lines = path.read_bytes().split(b"\n")
    assert lines[251].endswith(b"</fo") and lines[252] == b"otnote>"
    filing = read(path)

    assert filing.warnings == (
        "repaired closing tag </footnote> split by a line break at line 252 (read as '</fo' + newline + 'otnote>')",
    )
    assert filing.footnotes == (model.Footnote(id="F1", text=SUN_HYDRAULICS_F1),)
    assert filing.schema_version == "X0202"
    assert filing.issuer == model.Issuer(cik="0001024795", name="SUN HYDRAULICS CORP", trading_symbol="SNHY")
    (owner,) = filing.reporting_owners
    assert (owner.cik, owner.name, owner.officer_title) == (
        "0001225259",
        "ROBSON PETER G",
        "GENERAL MGR, SUN HYD LTD (UK)",
    )
    assert owner.address == model.Address(
        street1="1500 W UNIVERSITY PARKWAY",
        city="SARASOTA",
        state="FL",
        zip_code="34243",
    )
    exercise, cash_out = filing.non_derivative_transactions
    assert (exercise.code, exercise.acquired_disposed, exercise.shares_owned_following) == (
        "M",
        AD.ACQUIRED,
        Decimal("809.7166"),
    )
    assert (cash_out.code, cash_out.acquired_disposed, cash_out.shares_owned_following) == (
        "D",
        AD.DISPOSED,
        Decimal("0"),
    )
    for row in (exercise, cash_out):
        assert (row.shares, row.price_per_share, row.timeliness) == (Decimal("809.7166"), Decimal("21"), None)
    (phantom,) = filing.derivative_transactions
    assert phantom.security_title == "Phantom Shares"
    assert phantom.conversion_or_exercise_price == Decimal("0")
    assert phantom.price_per_share is None
    assert (phantom.exercise_date, phantom.expiration_date) == (None, None)
    assert phantom.shares_owned_following == Decimal("809.7165")
    assert phantom.footnote_refs == {
        "security_title": ("F1",),
        "conversion_or_exercise_price": ("F1",),
        "price_per_share": ("F1",),
        "exercise_date": ("F1",),
        "expiration_date": ("F1",),
    }
    assert filing.signatures == (
        model.Signature(name="Paul R. Lynch, as Attorney-in-Fact for PETER G. ROBSON", date=date(2006, 10, 18)),
    )
    assert filing.accession_number == "0001225259-06-000003"
    assert filing.filing_date == date(2006, 10, 18)
    assert filing.filer_ciks == ("0001024795", "0001225259")


# -- no XML declaration, stray whitespace -------------------------------------------------------------------------


def test_missing_xml_declaration_and_stray_whitespace_berkshire_buffett_snowflake() -> None:
    """A real Form 3 that starts at <ownershipDocument> (no XML declaration), with hard-wrapped footnote text
    and a signature name ending in a line break; two reporting owners; no sidecar, so no header fields."""
    path = XML / "edgartools_form3_snow_berkshire_nonderiv.xml"
    assert path.read_bytes().startswith(b"<ownershipDocument>")
    filing = read(path)

    assert (filing.document_type, filing.schema_version, filing.period_of_report) == ("3", "X0206", date(2020, 9, 18))
    assert filing.issuer == model.Issuer(cik="0001640147", name="Snowflake Inc.", trading_symbol="SNOW")
    omaha = model.Address(street1="3555 FARNAM STREET", city="OMAHA", state="NE", zip_code="68131")
    assert filing.reporting_owners == (
        model.ReportingOwner(cik="0001067983", name="BERKSHIRE HATHAWAY INC", address=omaha, is_ten_percent_owner=True),
        model.ReportingOwner(cik="0000315090", name="BUFFETT WARREN E", address=omaha, is_ten_percent_owner=True),
    )
    assert filing.non_derivative_holdings == (
        model.NonDerivativeHolding(
            security_title="Class A Common Stock",
            shares_owned_following=Decimal("6125376"),
            direct_indirect=OF.INDIRECT,
            nature_of_ownership="See footnote",
            footnote_refs={"nature_of_ownership": ("F1",)},
        ),
    )
    assert filing.footnote_text("F1") == (
        "The reported securities are owned directly by Columbia Insurance Company, a subsidiary of Berkshire "
        'Hathaway Inc. ("Berkshire"). As Berkshire is in the chain of ownership of such subsidiary listed above, it '
        "may be deemed presently to both beneficially own and have a pecuniary interest in all shares of Common Stock "
        "presently directly owned by such subsidiary. Warren E. Buffett, as the controlling stockholder of Berkshire, "
        "may be deemed presently to beneficially own, but only to the extent he has a pecuniary interest in, the "
        "shares of Common Stock presently owned by such subsidiary. Mr. Buffett disclaims beneficial ownership of the "
        "reported securities except to the extent of his pecuniary interest therein."
    )
    assert filing.remarks is None  # <remarks/>
    assert filing.signatures == (
        model.Signature(
            name="/s/ Warren E. Buffett, on behalf of himself and each other reporting person hereunder",
            date=date(2020, 9, 28),
        ),
    )
    assert (filing.accession_number, filing.filing_date, filing.filer_ciks) == (None, None, ())


# -- booleans written true/false and variants of one real filing ---------------------------------------------------


def test_booleans_written_true_false_and_absent_flags_374water() -> None:
    """X0508 Form 4 written with true/false: isOfficer true and no other relationship flag at all,
    aff10b5One false, equitySwapInvolved false on both rows."""
    filing = read(XML / "edgartools_form4_374water_melkote.xml")

    (owner,) = filing.reporting_owners
    assert (owner.is_director, owner.is_officer, owner.is_ten_percent_owner, owner.is_other) == (
        False,
        True,
        False,
        False,
    )
    assert owner.officer_title == "Chief Technology Officer"
    assert filing.aff10b5_one is False
    (rsu,) = filing.non_derivative_transactions
    (option,) = filing.derivative_transactions
    assert rsu.equity_swap_involved is False
    assert option.equity_swap_involved is False
    assert (rsu.shares, option.shares) == (Decimal("757756"), Decimal("757576"))
    assert option.conversion_or_exercise_price == Decimal("0.33")
    assert option.expiration_date == date(2035, 4, 29)
    assert option.footnote_refs == {"shares": ("F1",), "exercise_date": ("F1",)}


AFFIRM = XML / "dm_0001628280-24-030951_wk-form4_1719957769.xml"


def _affirm_without_header() -> model.Filing:
    """The real Affirm filing read from bytes (no path, so no sidecar), the baseline for its variants."""
    return parse_filing(AFFIRM.read_bytes(), "affirm")


@pytest.mark.parametrize(
    "variant",
    [
        "affirm_flags_true_false.xml",  # every 1/0 flag rewritten true/false
        "affirm_flags_padded.xml",  # flags padded with spaces, tabs and line breaks
        "affirm_no_declaration.xml",  # the <?xml version="1.0"?> line removed
        "affirm_bom_blank_lines.xml",  # UTF-8 byte order mark and blank lines before the declaration
        "affirm_stray_whitespace.xml",  # CIK, name, dates, numbers and codes wrapped in whitespace
    ],
)
def test_variants_of_the_affirm_filing_read_to_the_same_record(variant: str) -> None:
    filing = parse_filing((DATA / variant).read_bytes(), variant)
    assert dataclasses.replace(filing, source="affirm") == _affirm_without_header()
    # spot-check the values the variants touch, against the original XML
    assert filing.issuer.cik == "0001820953"
    assert filing.reporting_owners[0].name == "Rabois Keith"
    assert filing.reporting_owners[0].is_director is True
    assert filing.reporting_owners[0].is_officer is False
    assert filing.aff10b5_one is True
    assert filing.not_subject_to_section16 is False
    row = filing.non_derivative_transactions[0]
    assert (row.transaction_date, row.code, row.equity_swap_involved) == (date(2024, 7, 1), "S", False)
    assert (row.shares, row.price_per_share, row.acquired_disposed) == (Decimal("9276"), Decimal("29.89"), AD.DISPOSED)
    assert filing.signatures[0].date == date(2024, 7, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", True), ("0", False), ("true", True), ("false", False), (" 1 ", True), ("\nfalse\n", False), ("", None)],
)
def test_each_flag_spelling_reads_as_a_bool(text: str, expected: bool | None) -> None:
    data = AFFIRM.read_bytes().replace(b"<aff10b5One>1</aff10b5One>", f"<aff10b5One>{text}</aff10b5One>".encode())
    data = data.replace(b"<isOther>0</isOther>", f"<isOther>{text}</isOther>".encode())
    filing = parse_filing(data, "flags")
    assert filing.aff10b5_one is expected
    assert filing.reporting_owners[0].is_other is bool(expected)


def test_values_given_only_by_footnote_with_empty_value_elements() -> None:
    """The Affirm filing with <value></value> for the price and <value/> for the shares, each still
    followed by its footnoteId: the value is None and the footnote stays on that exact field."""
    filing = parse_filing((DATA / "affirm_value_only_footnote.xml").read_bytes(), "value-only-footnote")
    (row,) = filing.non_derivative_transactions
    assert row.shares is None
    assert row.price_per_share is None
    assert row.footnote_refs == {"shares": ("F1",), "price_per_share": ("F2",)}
    assert row.shares_owned_following == Decimal("73623")
    assert filing.footnote_text("F2").startswith("Represents the weighted average sale price")
    assert filing.warnings == ()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_with_a_byte_order_mark_reads_to_the_same_record(codec: str) -> None:
    text = AFFIRM.read_text(encoding="utf-8").replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    )
    data = text.encode(codec)
    if codec != "utf-16":  # the plain codec writes its own mark
        data = ("\ufeff" + text).encode(codec)
    filing = parse_filing(data, "affirm")
    assert filing == _affirm_without_header()


def test_read_filing_and_parse_filing_agree_apart_from_the_sidecar() -> None:
    from_path = read_filing(AFFIRM)
    from_bytes = parse_filing(AFFIRM.read_bytes(), str(AFFIRM))
    assert from_bytes == dataclasses.replace(from_path, accession_number=None, filing_date=None, filer_ciks=())
