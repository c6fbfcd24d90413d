"""Network and compliance queries: roles, control, interlocks, derivatives, late filings, purchase clusters.

Every expected row below was checked against the filing it comes from (the corpus XML in ../shared/corpus,
the seed's rendered text, tests/data/amendments), not copied from the query output: the roles and dates
of each reporting owner, the footnote that states each control step, the table lines and their balances.
Business days late were counted independently of form4graph.calendar (US federal holidays by rule).
Each test runs on both engines (embedded Oxigraph and rdflib), with the same expected rows.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from form4graph import ingest, open_store, run_query
from form4graph.errors import QueryError
from form4graph.resolve import resolve_store
from form4graph.store import Store

CIK = "https://w3id.org/form4graph/id/cik/"
SEED_OWNER = "https://w3id.org/form4graph/id/name/ault-milton-c-iii"
SEED_ISSUER = "https://w3id.org/form4graph/id/name/ault-alliance-inc"
AULT_AND_CO = "https://w3id.org/form4graph/id/name/ault-and-co-inc"
TESLA, SOLARCITY, ENDEAVOR = CIK + "0001318605", CIK + "0001408356", CIK + "0001766363"
AFFIRM, YELP, YAHOO, XOOM = CIK + "0001820953", CIK + "0001345016", CIK + "0001011006", CIK + "0001315657"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
AMENDMENT = Path(__file__).resolve().parent / "data" / "amendments" / "0001127602-25-004711.nc"
MONGODB_FORM5 = CORPUS / "xml" / "dm_0001441816-20-000060_wf-form5_158413163404616.xml"

# The seed's footnote 5 as the resolver quotes it (alias definition dropped, no final period).
SEED_EVIDENCE = ("Milton C. Ault, III, is the Chief Executive Officer of Ault & Company, Inc. and is deemed to "
                 "beneficially own the shares held by Ault & Co")
# Footnote F3 of 0001493152-25-009612 (Better Home & Finance, SoftBank): its first two sentences.
SOFTBANK_1 = ("SoftBank Group Corp., which is a publicly traded company listed on the Tokyo Stock Exchange, is the sole "
              "shareholder of SB Global Advisers Limited, which has been appointed as manager and is responsible for "
              "making final decisions related to the acquisition, structuring, financing and disposal of SoftBank "
              "Vision Fund II-2 L.P.'s investments, including as held by SVF II Beaver (DE) LLC")
SOFTBANK_2 = ("SoftBank Vision Fund II-2 L.P. is the sole limited partner of SVF II Aggregator (Jersey) L.P., which is "
              "the sole member of SVF II Holdings (DE) LLC, which is the sole member of SVF II Beaver (DE) LLC")


@pytest.fixture(params=["oxigraph", "rdflib"])
def store(request: pytest.FixtureRequest) -> Store:
    """The fixture corpus on each engine in turn."""
    return request.getfixturevalue("fixture_store" if request.param == "oxigraph" else "fixture_memory")


def pick(rows: list[dict[str, object]], *columns: str) -> list[tuple[object, ...]]:
    return [tuple(row[c] for c in columns) for row in rows]


# --- insider_roles -------------------------------------------------------------------------------------

def test_insider_roles_of_one_insider_over_time(store: Store) -> None:
    rows = run_query(store, "insider_roles", insider_cik="1494730")
    assert {r["insider_name"] for r in rows} == {"Musk Elon"}
    # Tesla: twelve filings 2010-06-25 (Form 3) .. 2023-02-14 (Form 5), director and 10% owner in all; the
    # officer title changes: the Form 3, the 2010-07-02 Form 4, CEO from 2011 (nine filings) and once spelled out.
    assert pick(rows, "issuer", "role", "officer_title", "other_text", "first_reported", "last_reported", "filings") == [
        (ENDEAVOR, "director", None, None, date(2021, 4, 29), date(2021, 4, 29), 1),
        (SOLARCITY, "director", None, None, date(2012, 12, 12), date(2012, 12, 28), 2),
        (SOLARCITY, "ten-percent-owner", None, None, date(2012, 12, 12), date(2012, 12, 28), 2),
        (TESLA, "director", None, None, date(2010, 6, 25), date(2023, 2, 14), 12),
        (TESLA, "officer", "Pres, Prod Architect & Chairmn", None, date(2010, 6, 25), date(2010, 6, 25), 1),
        (TESLA, "officer", "Pres,Prod Architect & Director", None, date(2010, 7, 2), date(2010, 7, 2), 1),
        (TESLA, "officer", "CEO", None, date(2011, 1, 25), date(2023, 2, 14), 9),
        (TESLA, "officer", "Chief Executive Officer", None, date(2011, 6, 9), date(2011, 6, 9), 1),
        (TESLA, "ten-percent-owner", None, None, date(2010, 6, 25), date(2023, 2, 14), 12),
    ]


def test_insider_roles_of_one_issuer_with_other_text(store: Store) -> None:
    # Adagio: the 2021-08-12 Form 4 checks only "10% owner"; the 2022-03-30 one also "other: See Remarks".
    rows = run_query(store, "insider_roles", issuer_cik="1832038")
    expected = []
    for cik in ("0001669609", "0001878232", "0001878230", "0001211060"):
        expected += [(CIK + cik, "other", None, "See Remarks", date(2022, 3, 30), date(2022, 3, 30), 1),
                     (CIK + cik, "ten-percent-owner", None, None, date(2021, 8, 12), date(2022, 3, 30), 2)]
    assert sorted(pick(rows, "insider", "role", "officer_title", "other_text", "first_reported", "last_reported",
                       "filings")) == sorted(expected)
    assert {r["issuer_name"] for r in rows} == {"Adagio Therapeutics, Inc."}


def test_insider_roles_count_amendments_and_the_seed(store: Store) -> None:
    rows = run_query(store, "insider_roles")
    assert len(rows) == 123  # every (owner, issuer, role, title/text) of the corpus XML, the seed and the 4/A
    arrow = [r for r in rows if r["insider"] == CIK + "0001870985"]
    # the Form 4 filed 2025-02-13 and the 4/A of 2025-02-20 both state the relationship
    assert pick(arrow, "role", "officer_title", "first_reported", "last_reported", "filings") == [
        ("officer", "SVP, CLO & Secretary", date(2025, 2, 13), date(2025, 2, 20), 2)]
    seed = [r for r in rows if r["insider"] == SEED_OWNER]
    assert pick(seed, "insider_name", "issuer_name", "role", "officer_title", "first_reported", "filings") == [
        ("Milton C. Ault III", "Ault Alliance, Inc.", "director", None, date(2024, 3, 11), 1),
        ("Milton C. Ault III", "Ault Alliance, Inc.", "officer", "Executive Chairman", date(2024, 3, 11), 1),
    ]


# --- controlled_entities -------------------------------------------------------------------------------

def test_controlled_entities_of_the_seed_by_name(store: Store) -> None:
    rows = run_query(store, "controlled_entities", name="ault")
    assert rows == [{
        "controller": SEED_OWNER, "controller_name": "Milton C. Ault III", "controlled": AULT_AND_CO,
        "controlled_name": "Ault & Company, Inc.", "depth": 1,
        "path": "Milton C. Ault III > Ault & Company, Inc.", "evidence": SEED_EVIDENCE,
    }]


def test_controlled_entities_follow_a_chain_with_the_evidence_of_each_step(store: Store) -> None:
    rows = run_query(store, "controlled_entities", cik="1065521")
    names = ["SB Global Advisers Ltd", "SOFTBANK VISION FUND II-2 L.P.", "SVF II Aggregator (Jersey) L.P.",
             "SVF II Holdings (DE) LLC", "SVF II Beaver (DE) LLC"]
    # F3: SoftBank Group -> SB Global Advisers (sole shareholder) -> Vision Fund II-2 (manager) -> Aggregator
    # (sole limited partner) -> Holdings (sole member) -> Beaver (sole member): the first sentence states two
    # steps, the second three.
    steps = [SOFTBANK_1, SOFTBANK_1, SOFTBANK_2, SOFTBANK_2, SOFTBANK_2]
    assert pick(rows, "controller_name", "controlled_name", "depth", "path", "evidence") == [
        ("SOFTBANK GROUP CORP.", names[d - 1], d, " > ".join(["SOFTBANK GROUP CORP.", *names[:d]]),
         " | ".join(steps[:d])) for d in range(1, 6)]
    middle = run_query(store, "controlled_entities", cik="1883884")  # SB Global Advisers Ltd
    assert pick(middle, "controlled_name", "depth") == [(n, d) for d, n in enumerate(names[1:], start=1)]


def test_controlled_entities_without_a_root_start_at_ultimate_controllers(store: Store) -> None:
    rows = run_query(store, "controlled_entities")
    controllers = {r["controller_name"] for r in rows}
    assert {"SOFTBANK GROUP CORP.", "Milton C. Ault III", "Warren E. Buffett", "Peter Thiel"} <= controllers
    # nobody that a statement says is controlled is a root: Berkshire (by Buffett), SB Global Advisers
    assert not controllers & {"BERKSHIRE HATHAWAY INC", "SB Global Advisers Ltd", "Mithril II GP LP"}
    softbank = [r for r in rows if r["controller_name"] == "SOFTBANK GROUP CORP."]
    assert softbank == run_query(store, "controlled_entities", cik="1065521")
    # Buffett controls Berkshire, which controls its subsidiary Columbia Insurance (Snowflake Form 3, F1);
    # the subsidiary is also said to be Buffett's own.
    buffett = [r for r in rows if r["controller"] == CIK + "0000315090"]
    assert pick(buffett, "path", "depth") == [
        ("Warren E. Buffett > BERKSHIRE HATHAWAY INC", 1), ("Warren E. Buffett > Columbia Insurance Company", 1),
        ("Warren E. Buffett > BERKSHIRE HATHAWAY INC > Columbia Insurance Company", 2)]


# --- interlocks and board_interlock_edges ------------------------------------------------------------------

def test_interlocks_are_people_with_several_issuers(store: Store) -> None:
    rows = run_query(store, "interlocks")
    # The corpus owners with two or more issuers, people only (the Mithril funds are left out).
    assert sorted(set(pick(rows, "person_name", "issuer_count"))) == [
        ("BOTHA ROELOF", 8), ("Hoffman Reid", 6), ("Levchin Max R", 3), ("Musk Elon", 3), ("Peter Thiel", 8),
        ("Rabois Keith", 3), ("Sacks David O", 2)]
    assert len(rows) == 50
    levchin = [r for r in rows if r["person"] == CIK + "0001539853"]
    # Affirm Form 3 (director, officer "Chief Executive Officer", 10% owner); Yahoo Form 3 (director); Yelp
    # Form 3 and Form 4 (director, 10% owner)
    assert pick(levchin, "issuer", "issuer_name", "role", "officer_title") == [
        (AFFIRM, "Affirm Holdings, Inc.", "director", None),
        (AFFIRM, "Affirm Holdings, Inc.", "officer", "Chief Executive Officer"),
        (AFFIRM, "Affirm Holdings, Inc.", "ten-percent-owner", None),
        (YAHOO, "YAHOO INC", "director", None),
        (YELP, "YELP INC", "director", None),
        (YELP, "YELP INC", "ten-percent-owner", None),
    ]
    # the latest title wins: "CEO" (2011 .. 2023) over the 2010 titles
    assert [r["officer_title"] for r in rows if r["person"] == CIK + "0001494730" and r["role"] == "officer"] == ["CEO"]


def test_interlocks_parameters(store: Store) -> None:
    assert {r["person_name"] for r in run_query(store, "interlocks", min_issuers=6)} == {
        "BOTHA ROELOF", "Peter Thiel", "Hoffman Reid"}
    rabois = run_query(store, "interlocks", person_cik="1539865")
    assert pick(rabois, "issuer", "role", "issuer_count") == [
        (AFFIRM, "director", 3), (XOOM, "director", 3), (YELP, "director", 3)]
    assert run_query(store, "interlocks", person_cik="1537179") == []  # one issuer only
    with pytest.raises(QueryError, match="not a valid integer"):
        run_query(store, "interlocks", min_issuers="two")


def test_board_interlock_edges(store: Store) -> None:
    rows = run_query(store, "board_interlock_edges")
    # Botha 8 boards (28 pairs), Hoffman 6 (15), Levchin and Rabois 3 each sharing Affirm-Yelp (5), Musk 3 (3),
    # Thiel a director of 3 (3), Sacks 2 (1): 55 pairs.
    assert len(rows) == 55
    assert all(r["issuer_a"] < r["issuer_b"] for r in rows)
    assert rows[0] == {"issuer_a": YELP, "issuer_a_name": "YELP INC", "issuer_b": AFFIRM,
                       "issuer_b_name": "Affirm Holdings, Inc.", "shared_insiders": 2}
    assert [r["shared_insiders"] for r in rows[1:]] == [1] * 54
    affirm = run_query(store, "board_interlock_edges", issuer_cik="1820953")
    assert pick(affirm, "issuer_a", "issuer_b", "shared_insiders") == [
        (YELP, AFFIRM, 2), (XOOM, AFFIRM, 1), (YAHOO, AFFIRM, 1)]
    # ten percent owners do not make an edge: the Mithril funds share Adagio, BlackSky and Fractyl
    assert not [r for r in rows if CIK + "0001832038" in (r["issuer_a"], r["issuer_b"])]


# --- insiders_owning_through_entities ---------------------------------------------------------------------

def test_insiders_owning_through_entities_seed(store: Store) -> None:
    rows = [r for r in run_query(store, "insiders_owning_through_entities") if r["issuer"] == SEED_ISSUER]
    # Director and officer (Executive Chairman) of Ault Alliance; CEO of Ault & Co., which holds the
    # preferred stock (one security, 42,500 after 3/8/2024) and three tranches of warrants.
    holdings = [("Series C Convertible Preferred Stock", Decimal(42500), date(2024, 3, 8)),
                ("Series C Warrants", Decimal(12269032), date(2023, 12, 14)),
                ("Series C Warrants", Decimal(12416852), date(2024, 3, 7)),
                ("Series C Warrants", Decimal(12564672), date(2024, 3, 8))]
    assert pick(rows, "insider_name", "role", "entity", "entity_name", "security", "shares_owned", "as_of") == [
        ("Milton C. Ault III", role, AULT_AND_CO, "Ault & Company, Inc.", *h) for role in ("director", "officer")
        for h in holdings]


def test_insiders_owning_through_entities_parameters(store: Store) -> None:
    snowflake = run_query(store, "insiders_owning_through_entities", issuer_cik="1640147")
    # Snowflake Form 3 of Berkshire and Buffett (10% owners): 6,125,376 Class A shares as of 2020-09-18 "owned
    # directly by Columbia Insurance Company, a subsidiary of Berkshire", Buffett its controlling stockholder.
    columbia = [r for r in snowflake if r["entity_name"] == "Columbia Insurance Company"]
    assert pick(columbia, "insider_name", "role", "security", "shares_owned", "as_of") == [
        ("BERKSHIRE HATHAWAY INC", "ten-percent-owner", "Class A Common Stock", Decimal(6125376), date(2020, 9, 18)),
        ("Warren E. Buffett", "ten-percent-owner", "Class A Common Stock", Decimal(6125376), date(2020, 9, 18)),
    ]
    buffett = run_query(store, "insiders_owning_through_entities", insider_cik="315090")
    assert buffett == [r for r in columbia if r["insider_name"] == "Warren E. Buffett"]
    with pytest.raises(QueryError, match="not a valid cik"):
        run_query(store, "insiders_owning_through_entities", insider_cik="12345678901")


# --- derivative_exposure -----------------------------------------------------------------------------------

def test_derivative_exposure_seed(store: Store) -> None:
    rows = [r for r in run_query(store, "derivative_exposure") if r["issuer"] == SEED_ISSUER]
    by = "By Ault & Company, Inc."
    assert pick(rows, "holder_name", "security", "underlying_security", "underlying_shares", "exercise_price",
                "exercisable", "expiration", "shares_owned", "direct_indirect", "nature_of_ownership", "as_of") == [
        # the preferred's conversion price, expiration and underlying amount are given only in footnotes
        ("Milton C. Ault III", "Series C Convertible Preferred Stock", "Common Stock", None, None, date(2024, 3, 8),
         None, Decimal(42500), "I", by, date(2024, 3, 8)),
        ("Milton C. Ault III", "Series C Warrants", "Common Stock", Decimal(12269032), Decimal("3.3825"),
         date(2024, 5, 14), date(2028, 12, 13), Decimal(12269032), "I", by, date(2023, 12, 14)),
        ("Milton C. Ault III", "Series C Warrants", "Common Stock", Decimal(147820), Decimal("3.3825"),
         date(2024, 9, 7), date(2029, 3, 6), Decimal(12416852), "I", by, date(2024, 3, 7)),
        ("Milton C. Ault III", "Series C Warrants", "Common Stock", Decimal(147820), Decimal("3.3825"),
         date(2024, 9, 8), date(2029, 3, 7), Decimal(12564672), "I", by, date(2024, 3, 8)),
    ]


def test_derivative_exposure_latest_line_per_security(store: Store) -> None:
    rows = run_query(store, "derivative_exposure", holder_cik="1494730", issuer_cik="1318605")
    # Tesla: the 2010 Form 3 holdings, the preferred converted and warrants exercised on 2010-07-02 (0 left),
    # the 2009 option reported in January 2011, and the 2012 option exercised in four Form 4s in Nov-Dec 2021
    # (the latest, 2021-12-28: 1,554,176 exercised, 2,637,455 left).
    assert pick(rows, "security", "exercise_price", "expiration", "underlying_shares", "shares_owned", "as_of") == [
        ("Non-Qualifed Stock Option (right to buy)", Decimal("6.24"), date(2022, 8, 13), Decimal(1554176),
         Decimal(2637455), date(2021, 12, 28)),
        ("Non-Qualified Stock Option (right to buy)", Decimal("6.63"), date(2016, 12, 3), Decimal(838996),
         Decimal(838996), date(2009, 12, 4)),
        # the Form 3 lists two grants with the same terms: one security, its later line
        ("Option to Buy (Common Stock)", Decimal("6.63"), date(2016, 12, 3), Decimal(3335986), None, date(2010, 6, 28)),
        ("Series A Preferred Stock", None, None, Decimal(1626781), Decimal(0), date(2010, 7, 2)),
        ("Series B Preferred Stock", None, None, Decimal(4054053), Decimal(0), date(2010, 7, 2)),
        ("Series C Preferred Stock", None, None, Decimal(3700575), Decimal(0), date(2010, 7, 2)),
        ("Series C Preferred Stock Warrants (right to buy)", None, None, Decimal(325441), None, date(2010, 6, 28)),
        ("Series C Warrants (right to buy)", None, None, Decimal(113908), Decimal(0), date(2010, 7, 2)),
        ("Series D Preferred Stock", None, None, Decimal(1365959), Decimal(0), date(2010, 7, 2)),
        ("Series E Preferred Stock", None, None, Decimal(13608549), Decimal(0), date(2010, 7, 2)),
    ]
    assert {(r["holder_name"], r["issuer_name"]) for r in rows} == {("Musk Elon", "TESLA MOTORS INC")}
    assert {r["direct_indirect"] for r in rows if r["security"].startswith("Series")} == {"I"}
    with pytest.raises(QueryError, match="not a valid cik"):
        run_query(store, "derivative_exposure", holder_cik="Musk")


# --- late_filings ------------------------------------------------------------------------------------------

def test_late_filings_seed(store: Store) -> None:
    rows = run_query(store, "late_filings")
    seed = [r for r in rows if r["owner_name"] == "Milton C. Ault III"]
    # No filing date on the rendered page: reported on its signature date 2024-03-11. The two 2023-12-14
    # purchases were due 2023-12-18 (Monday); the 2024-03-07 and 03-08 purchases (due 03-11, 03-12) were on time.
    assert seed == [
        {"accession_number": None, "document_type": "4", "issuer_name": "Ault Alliance, Inc.",
         "owner_name": "Milton C. Ault III", "security": security, "transaction_date": date(2023, 12, 14),
         "code": "P", "due_date": date(2023, 12, 18), "reported": date(2024, 3, 11), "business_days_late": 56,
         "reason": "late"}
        for security in ("Series C Convertible Preferred Stock", "Series C Warrants")]


def test_late_filings_in_the_corpus(store: Store) -> None:
    rows = run_query(store, "late_filings")
    assert Counter(pick(rows, "accession_number", "security", "transaction_date", "code", "due_date",
                        "business_days_late", "reason")) == Counter({
        # Sun Hydraulics: exercise on Sunday 2006-10-15, due Tuesday, filed Wednesday
        ("0001225259-06-000003", "Common Stock", date(2006, 10, 15), "M", date(2006, 10, 17), 1, "late"): 1,
        ("0001225259-06-000003", "Common Stock", date(2006, 10, 15), "D", date(2006, 10, 17), 1, "late"): 1,
        ("0001225259-06-000003", "Phantom Shares", date(2006, 10, 15), "M", date(2006, 10, 17), 1, "late"): 1,
        # Tesla: the option granted 2009-12-04 first reported on the Form 4 of 2011-01-25
        ("0001494730-11-000002", "Non-Qualified Stock Option (right to buy)", date(2009, 12, 4), "A",
         date(2009, 12, 8), 282, "late"): 1,
        # Erickson: vesting on 2014-04-17, filed 2014-04-24
        ("0001209191-14-029113", "Common Stock", date(2014, 4, 17), "M", date(2014, 4, 21), 3, "late"): 1,
        ("0001209191-14-029113", "Common Stock", date(2014, 4, 17), "F", date(2014, 4, 21), 3, "late"): 1,
        ("0001209191-14-029113", "Restricted Stock Units", date(2014, 4, 17), "M", date(2014, 4, 21), 3, "late"): 1,
        # GlyEco: sale on 2014-04-21, filed 2014-04-25
        ("0001537179-14-000007", "Common Stock", date(2014, 4, 21), "S", date(2014, 4, 23), 2, "late"): 1,
        # the seed
        (None, "Series C Convertible Preferred Stock", date(2023, 12, 14), "P", date(2023, 12, 18), 56, "late"): 1,
        (None, "Series C Warrants", date(2023, 12, 14), "P", date(2023, 12, 18), 56, "late"): 1,
        # Better Home & Finance: conversions on 2024-12-09 filed 2025-03-07, a line for each of the 8 owners
        ("0001493152-25-009612", "Class A Common Stock", date(2024, 12, 9), "C", date(2024, 12, 11), 58, "late"): 8,
        ("0001493152-25-009612", "Class B Common Stock", date(2024, 12, 9), "C", date(2024, 12, 11), 58, "late"): 8,
    })
    # LinkedIn's conversions and gifts of 2012 were filed after two business days but are marked as Form 5
    # transactions reported early; the 4/A of 2025-02-20 restates an on-time Form 4.
    assert not [r for r in rows if r["issuer_name"] in ("LINKEDIN CORP", "ARROW ELECTRONICS, INC.")]
    softbank = run_query(store, "late_filings", owner_cik="1065521")
    assert pick(softbank, "owner_name", "security", "reported") == [
        ("SOFTBANK GROUP CORP.", "Class A Common Stock", date(2025, 3, 7)),
        ("SOFTBANK GROUP CORP.", "Class B Common Stock", date(2025, 3, 7))]
    assert run_query(store, "late_filings", issuer_cik="1441816") == []
    with pytest.raises(QueryError, match="not a valid cik"):
        run_query(store, "late_filings", issuer_cik="0x1")


def test_late_filings_reasons_from_form5_lines_and_timeliness(tmp_path: Path) -> None:
    # The MongoDB Form 5 (two gifts of 2020-03-04, signed 2020-03-13), saved without its header: the first line
    # turned into a Form 4 transaction, the second marked late by the filer.
    text = MONGODB_FORM5.read_text(encoding="utf-8")
    text = text.replace("<transactionFormType>5</transactionFormType>", "<transactionFormType>4</transactionFormType>", 1)
    second = text.index("</transactionCoding>", text.index("</transactionCoding>") + 1) + len("</transactionCoding>")
    text = text[:second] + "<transactionTimeliness><value>L</value></transactionTimeliness>" + text[second:]
    (tmp_path / "form5.xml").write_text(text, encoding="utf-8")
    store = open_store(memory=True)
    ingest([tmp_path / "form5.xml"], store)
    resolve_store(store)
    rows = run_query(store, "late_filings")
    assert pick(rows, "document_type", "owner_name", "transaction_date", "code", "due_date", "reported",
                "business_days_late", "reason") == [
        ("5", "BOTHA ROELOF", date(2020, 3, 4), "G", date(2020, 3, 6), date(2020, 3, 13), 5, "form 5 line due on form 4"),
        ("5", "BOTHA ROELOF", date(2020, 3, 4), "G", date(2020, 3, 6), date(2020, 3, 13), 5, "self-reported late"),
    ]


def test_late_filings_judge_an_amendment_by_its_original_submission() -> None:
    # The 4/A alone (filed 2025-02-20, three business days after the 2025-02-14 deadline) states that the
    # original was submitted 2025-02-13: on time.
    store = open_store(memory=True)
    ingest([AMENDMENT], store)
    resolve_store(store)
    assert [r["code"] for r in run_query(store, "transactions")] == ["A", "F"]
    late = store.query("SELECT ?days WHERE { ?line <https://w3id.org/form4graph/ont#businessDaysLate> ?days }").rows
    assert [r["days"] for r in late] == [3, 3]
    assert run_query(store, "late_filings") == []


# --- purchase_clusters -------------------------------------------------------------------------------------

def test_purchase_clusters_default(store: Store) -> None:
    rows = run_query(store, "purchase_clusters")
    # The only windows with two or more buyers are joint filings: Adagio (2021-08-10, 1,997,000 shares at $17,
    # four reporting owners) and Fractyl (2024-02-06, 333,333 shares at $15, six reporting owners).
    assert sorted(pick(rows, "issuer_name", "window_start", "buyers", "buyer", "transaction_date", "shares",
                       "price")) == sorted(
        [("Adagio Therapeutics, Inc.", date(2021, 8, 10), 4, CIK + cik, date(2021, 8, 10), Decimal(1997000),
          Decimal(17)) for cik in ("0001669609", "0001878232", "0001878230", "0001211060")]
        + [("Fractyl Health, Inc.", date(2024, 2, 6), 6, CIK + cik, date(2024, 2, 6), Decimal(333333), Decimal(15))
           for cik in ("0001552273", "0001878230", "0001878232", "0001669609", "0001881891", "0001211060")])


def test_purchase_clusters_seed_with_one_buyer(store: Store) -> None:
    rows = [r for r in run_query(store, "purchase_clusters", min_buyers=1) if r["issuer"] == SEED_ISSUER]
    # The 2024-03-08 window is inside the 2024-03-07 one, so it is not listed.
    assert pick(rows, "window_start", "buyers", "buyer_name", "transaction_date", "shares", "price") == [
        (date(2023, 12, 14), 1, "Milton C. Ault III", date(2023, 12, 14), Decimal(41500), Decimal(1000)),
        (date(2023, 12, 14), 1, "Milton C. Ault III", date(2023, 12, 14), Decimal(12269032), Decimal(0)),
        (date(2024, 3, 7), 1, "Milton C. Ault III", date(2024, 3, 7), Decimal(500), Decimal(1000)),
        (date(2024, 3, 7), 1, "Milton C. Ault III", date(2024, 3, 7), Decimal(147820), Decimal(0)),
        (date(2024, 3, 7), 1, "Milton C. Ault III", date(2024, 3, 8), Decimal(500), Decimal(1000)),
        (date(2024, 3, 7), 1, "Milton C. Ault III", date(2024, 3, 8), Decimal(147820), Decimal(0)),
    ]
    assert [r["issuer"] for r in run_query(store, "purchase_clusters", min_buyers=1, days=200)
            if r["issuer"] == SEED_ISSUER and r["window_start"] == date(2023, 12, 14)] == [SEED_ISSUER] * 6


def test_purchase_clusters_window_length(store: Store) -> None:
    # SolarCity: Musk bought on 2012-12-26 and 2012-12-27 (one Form 4).
    def solarcity(**params: object) -> list[tuple[object, ...]]:
        rows = run_query(store, "purchase_clusters", min_buyers=1, **params)
        return pick([r for r in rows if r["issuer"] == SOLARCITY], "window_start", "transaction_date", "shares")

    assert solarcity(days=0) == [(date(2012, 12, 26), date(2012, 12, 26), Decimal(48664)),
                                 (date(2012, 12, 27), date(2012, 12, 27), Decimal(40306))]
    assert solarcity(days=1) == [(date(2012, 12, 26), date(2012, 12, 26), Decimal(48664)),
                                 (date(2012, 12, 26), date(2012, 12, 27), Decimal(40306))]
    assert run_query(store, "purchase_clusters", min_buyers=7) == []
    with pytest.raises(QueryError, match="parameter days: 'a month' is not a valid integer"):
        run_query(store, "purchase_clusters", days="a month")
