"""Current-state and review queries: holdings as of a date, amendments, provenance, common control,
disclaimed interests, parties known only by name, net open-market flow, filing summaries.

Expected rows were read off the corpus filings themselves (../shared/corpus); where a figure is a sum
over many lines, the test recomputes it from the raw XML rather than from the graph.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from itertools import combinations
from pathlib import Path

import pytest

from form4graph import ingest, open_store, run_query
from form4graph.errors import QueryError
from form4graph.resolve import resolve_store
from form4graph.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CIK = "https://w3id.org/form4graph/id/cik/"
NAME = "https://w3id.org/form4graph/id/name/"
FILING = "https://w3id.org/form4graph/id/filing/"

MUSK, TESLA = CIK + "0001494730", CIK + "0001318605"
MUSK_TRUST = NAME + "0001494730/unnamed-trust"  # "By Trust" on Musk's lines, scoped to him
LAMERCIE, ARROW = CIK + "0001870985", CIK + "0000007536"
SACKS = CIK + "0001891801"
BUFFETT, BERKSHIRE, COLUMBIA = CIK + "0000315090", CIK + "0001067983", NAME + "columbia-insurance-co"
BERKSHIRE_FORM3 = FILING + "content-0f8b2b57eefc770a1f002721ea4b6f8f"  # edgartools_form3_snow_berkshire_nonderiv.xml
SOFTBANK_GROUP = CIK + "0001065521"
SOFTBANK_CHAIN = {  # F3 of 0001493152-25-009612: each controls the next
    CIK + "0001883884": "SB Global Advisers Ltd",
    CIK + "0001787613": "SOFTBANK VISION FUND II-2 L.P.",
    CIK + "0001883559": "SVF II Aggregator (Jersey) L.P.",
    CIK + "0001883900": "SVF II Holdings (DE) LLC",
    CIK + "0001990707": "SVF II Beaver (DE) LLC",
}
MY_QUERIES = ("holdings_as_of", "amendments", "provenance", "common_control", "disclaimed_interests",
              "unresolved_parties", "net_flow", "filing_summary")


def _pick(rows: list[dict[str, object]], *columns: str) -> list[tuple[object, ...]]:
    return [tuple(row[c] for c in columns) for row in rows]


# --- holdings_as_of ----------------------------------------------------------------------------------

def test_holdings_as_of_reads_the_amendment_not_the_original(fixture_store: Store) -> None:
    # 0001127602-25-004598 (filed 2025-02-13) reports 21878 then 20869 shares on 2025-02-12; its 4/A
    # 0001127602-25-004711 restates the same two lines with 100 more: 21978 then 20969.
    expected = [{
        "owner": LAMERCIE, "owner_name": "Jean-Claude Carine Lamercie", "issuer": ARROW,
        "issuer_name": "ARROW ELECTRONICS, INC.", "security": "Common Stock", "through": None, "through_name": None,
        "direct_indirect": "D", "shares_owned": Decimal("20969"), "as_of": date(2025, 2, 12),
        "accession_number": "0001127602-25-004711",
    }]
    assert run_query(fixture_store, "holdings_as_of", as_of="2025-02-12", owner_cik="1870985") == expected
    assert run_query(fixture_store, "holdings_as_of", as_of="2031-01-01", issuer_cik="7536") == expected
    # the lines are dated 2025-02-12: the day before, this owner had reported nothing yet
    assert run_query(fixture_store, "holdings_as_of", as_of="2025-02-11", owner_cik="1870985") == []
    everything = run_query(fixture_store, "holdings_as_of", as_of="2031-01-01")
    assert not any(r["accession_number"] == "0001127602-25-004598" for r in everything)


@pytest.mark.parametrize(("as_of", "direct", "trust"), [
    # dm_0000899243-21-045944 (last Common Stock line of 2021-11-23: 1,929,970 after the sales) and the
    # Form 5 dm_0000899243-22-006240 (gifts "By Trust"; the last before the date, 2021-11-29: 172,608,251)
    ("2021-11-30", (Decimal("1929970"), date(2021, 11, 23), "0000899243-21-045944"),
     (Decimal("172608251"), date(2021, 11, 29), "0000899243-22-006240")),
    # dm_0000899243-21-049992 (2021-12-28, last line 630,741) and the Form 5 dm_0000899243-23-004992,
    # whose gift of 2022-11-30 leaves 420,151,833 (later gifts of December are after the date)
    ("2022-12-01", (Decimal("630741"), date(2021, 12, 28), "0000899243-21-049992"),
     (Decimal("420151833"), date(2022, 11, 30), "0000899243-23-004992")),
    ("2030-01-01", (Decimal("630741"), date(2021, 12, 28), "0000899243-21-049992"),
     (Decimal("412051833"), date(2022, 12, 27), "0000899243-23-004992")),
    # in mid-2011 the latest is the trust's private placement purchase, dm_0001494730-11-000006 ("by Trust",
    # 2011-06-08, balance 27,131,565); Musk reported no direct Common Stock before 2021
    ("2011-06-30", None, (Decimal("27131565"), date(2011, 6, 8), "0001494730-11-000006")),
])
def test_holdings_as_of_takes_the_latest_line_on_or_before_the_date(
        fixture_store: Store, as_of: str, direct: tuple[object, ...] | None, trust: tuple[object, ...]) -> None:
    rows = [r for r in run_query(fixture_store, "holdings_as_of", as_of=as_of, owner_cik="1494730", issuer_cik="1318605")
            if r["security"] == "Common Stock"]
    expected = [(MUSK, "Musk Elon", TESLA, None, "D", *direct)] if direct else []
    expected.append((MUSK, "Musk Elon", TESLA, MUSK_TRUST, "I", *trust))
    assert _pick(rows, "owner", "owner_name", "issuer", "through", "direct_indirect", "shares_owned", "as_of",
                 "accession_number") == expected
    assert all(r["through_name"] == ("trust of Musk Elon" if r["through"] else None) for r in rows)


def test_holdings_as_of_takes_the_period_of_report_for_holding_lines(fixture_store: Store) -> None:
    # Sacks's Form 3 dm_0001213900-23-056008 (period 2023-06-29) holds Rumble Class A directly (517,576)
    # and through Craft vehicles; his Form 4 of 2023-08-17 adds 34,530 directly (balance 34,530 on that line).
    rows = run_query(fixture_store, "holdings_as_of", as_of="2023-07-01", owner_cik="1891801", issuer_cik="1830081")
    direct = [r for r in rows if r["direct_indirect"] == "D"]
    assert _pick(direct, "security", "shares_owned", "as_of", "accession_number") == [
        ("Class A Common Stock, par value $0.0001 per share", Decimal("517576"), date(2023, 6, 29),
         "0001213900-23-056008")]
    assert {(r["through_name"], r["shares_owned"]) for r in rows if r["direct_indirect"] == "I"} == {
        ("Craft Ventures II, L.P.", Decimal("803737")), ("Craft Ventures Affiliates II, L.P.", Decimal("10224")),
        ("Craft Ventures III, L.P.", Decimal("246498")), ("Craft Ventures Partners III, LLC", Decimal("25189")),
        ("Sacks Family 2021 Irrevocable Trust fbo Leighton Natalee Sacks", Decimal("99810")),
        ("Sacks Family 2021 Irrevocable Trust fbo Reagan Nicolette Sacks", Decimal("99810")),
        ("Sacks Family 2021 Irrevocable Trust fbo Xavier Xander Sacks", Decimal("99810")),
    }
    later = run_query(fixture_store, "holdings_as_of", as_of="2023-08-17", owner_cik="1891801", issuer_cik="1830081")
    assert _pick([r for r in later if r["direct_indirect"] == "D"], "shares_owned", "as_of", "accession_number") == [
        (Decimal("34530"), date(2023, 8, 17), "0001213900-23-069436")]


def test_holdings_as_of_requires_a_valid_date_and_ciks(fixture_store: Store) -> None:
    with pytest.raises(QueryError, match="parameter as_of is required"):
        run_query(fixture_store, "holdings_as_of")
    with pytest.raises(QueryError, match="parameter as_of: '2024-02-30' is not a valid date"):
        run_query(fixture_store, "holdings_as_of", as_of="2024-02-30")
    with pytest.raises(QueryError, match="parameter owner_cik: '12345678901' is not a valid cik"):
        run_query(fixture_store, "holdings_as_of", as_of="2024-01-01", owner_cik="12345678901")
    with pytest.raises(QueryError, match="parameter issuer_cik: 'ARW' is not a valid cik"):
        run_query(fixture_store, "holdings_as_of", as_of="2024-01-01", issuer_cik="ARW")


# --- amendments --------------------------------------------------------------------------------------

def test_amendments_lists_the_4a_and_the_filing_it_supersedes(fixture_store: Store) -> None:
    expected = [{
        "amendment": FILING + "0001127602-25-004711", "amendment_accession": "0001127602-25-004711",
        "document_type": "4/A", "date_of_original_submission": date(2025, 2, 13),
        "original": FILING + "0001127602-25-004598", "original_accession": "0001127602-25-004598",
        "issuer_name": "ARROW ELECTRONICS, INC.", "owner_name": "Jean-Claude Carine Lamercie",
    }]
    assert run_query(fixture_store, "amendments") == expected
    assert run_query(fixture_store, "amendments", issuer_cik="0000007536") == expected
    assert run_query(fixture_store, "amendments", issuer_cik="1318605") == []
    with pytest.raises(QueryError, match="not a valid cik"):
        run_query(fixture_store, "amendments", issuer_cik="7536x")


# --- provenance --------------------------------------------------------------------------------------

_BUFFETT_F1 = ("Warren E. Buffett, as the controlling stockholder of Berkshire, may be deemed presently to beneficially "
               "own, but only to the extent he has a pecuniary interest in, the shares of Common Stock presently owned "
               "by such subsidiary")


def test_provenance_gives_the_filing_footnote_and_words_of_each_fact(fixture_store: Store) -> None:
    # edgartools_form3_snow_berkshire_nonderiv.xml (no accession number: the filing is named by its content),
    # footnote F1: "The reported securities are owned directly by Columbia Insurance Company, a subsidiary of
    # Berkshire Hathaway Inc. ... Warren E. Buffett, as the controlling stockholder of Berkshire, ..."
    rows = run_query(fixture_store, "provenance", cik="315090")
    assert _pick(rows, "fact", "subject", "subject_name", "object", "object_name", "role_or_nature",
                 "accession_number", "footnote_id") == [
        ("controls", BUFFETT, "Warren E. Buffett", BERKSHIRE, "BERKSHIRE HATHAWAY INC", "controlling stockholder",
         BERKSHIRE_FORM3, "F1"),
        ("controls", BUFFETT, "Warren E. Buffett", COLUMBIA, "Columbia Insurance Company", "beneficial owner",
         BERKSHIRE_FORM3, "F1"),
        ("holds through", BUFFETT, "Warren E. Buffett", COLUMBIA, "Columbia Insurance Company", "company",
         BERKSHIRE_FORM3, "F1"),
    ]
    assert rows[0]["evidence"] == rows[1]["evidence"] == _BUFFETT_F1
    assert str(rows[2]["evidence"]).startswith("The reported securities are owned directly by Columbia Insurance Company")
    assert str(rows[2]["evidence"]).endswith("Mr. Buffett disclaims beneficial ownership of the reported securities "
                                             "except to the extent of his pecuniary interest therein.")
    assert run_query(fixture_store, "provenance", name="BUFFETT") == rows
    assert run_query(fixture_store, "provenance", party=BUFFETT) == rows


def test_provenance_of_an_intermediary_shows_both_directions(fixture_store: Store) -> None:
    rows = run_query(fixture_store, "provenance", party=COLUMBIA)
    assert _pick(rows, "fact", "object", "role_or_nature", "footnote_id") == [
        ("controlled by", BERKSHIRE, "parent", "F1"),
        ("controlled by", BUFFETT, "beneficial owner", "F1"),
        ("holds for", BERKSHIRE, "company", "F1"),
        ("holds for", BUFFETT, "company", "F1"),
    ]
    assert rows[0]["evidence"] == ("The reported securities are owned directly by Columbia Insurance Company, a "
                                   "subsidiary of Berkshire Hathaway Inc.")


def test_provenance_names_the_accession_and_leaves_the_footnote_empty_for_a_nature_of_ownership(
        fixture_store: Store) -> None:
    # submissions/0001493152-25-009612.txt: F3 "SoftBank Group Corp., ... is the sole shareholder of SB Global
    # Advisers Limited, ..."; the lines say "By SVF II Beaver (DE) LLC"
    rows = run_query(fixture_store, "provenance", cik="1065521")
    assert _pick(rows, "fact", "object", "object_name", "role_or_nature", "accession_number", "footnote_id") == [
        ("controls", CIK + "0001883884", "SB Global Advisers Ltd", "sole shareholder", "0001493152-25-009612", "F3"),
        ("holds through", CIK + "0001990707", "SVF II Beaver (DE) LLC", "llc", "0001493152-25-009612", None),
    ]
    assert str(rows[0]["evidence"]).startswith("SoftBank Group Corp., which is a publicly traded company listed on "
                                               "the Tokyo Stock Exchange, is the sole shareholder of SB Global Advisers")
    assert rows[1]["evidence"] == "By SVF II Beaver (DE) LLC"


def test_provenance_parameters(fixture_store: Store) -> None:
    assert run_query(fixture_store, "provenance", name="no such party anywhere") == []
    with pytest.raises(QueryError, match="parameter party: 'Warren Buffett' is not a valid iri"):
        run_query(fixture_store, "provenance", party="Warren Buffett")
    with pytest.raises(QueryError, match="not a valid cik"):
        run_query(fixture_store, "provenance", cik="31509O")


# --- common_control ----------------------------------------------------------------------------------

def test_common_control_pairs_what_one_ultimate_controller_controls(fixture_store: Store) -> None:
    # Buffett controls Berkshire, which controls Columbia Insurance (F1 of the Berkshire Form 3)
    assert run_query(fixture_store, "common_control", cik="315090") == [{
        "controller": BUFFETT, "controller_name": "Warren E. Buffett", "entity_a": BERKSHIRE,
        "entity_a_name": "BERKSHIRE HATHAWAY INC", "entity_b": COLUMBIA, "entity_b_name": "Columbia Insurance Company",
    }]
    # SoftBank Group -> SB Global Advisers -> SoftBank Vision Fund II-2 -> SVF II Aggregator -> SVF II Holdings
    # -> SVF II Beaver: every pair of the five sits under SoftBank Group
    rows = run_query(fixture_store, "common_control", name="softbank")
    assert {r["controller"] for r in rows} == {SOFTBANK_GROUP}
    assert {r["controller_name"] for r in rows} == {"SOFTBANK GROUP CORP."}
    assert sorted(_pick(rows, "entity_a", "entity_a_name", "entity_b", "entity_b_name")) == sorted(
        (a, SOFTBANK_CHAIN[a], b, SOFTBANK_CHAIN[b]) for a, b in combinations(sorted(SOFTBANK_CHAIN), 2))
    assert all(str(r["entity_a"]) < str(r["entity_b"]) for r in rows)


def test_common_control_starts_only_at_ultimate_controllers(fixture_store: Store) -> None:
    # Berkshire and SB Global Advisers are controlled by someone: they are never the controller of a row
    assert run_query(fixture_store, "common_control", cik="1067983") == []
    assert run_query(fixture_store, "common_control", cik="1883884") == []
    controllers = {r["controller"] for r in run_query(fixture_store, "common_control")}
    assert {BUFFETT, SOFTBANK_GROUP} <= controllers
    assert not controllers & {BERKSHIRE, *SOFTBANK_CHAIN}


# --- disclaimed_interests ----------------------------------------------------------------------------

def test_disclaimed_interests_of_sacks_in_rumble(fixture_store: Store) -> None:
    # dm_0001062993-24-008173 (Form 4): nine sales by three Craft funds, and holdings of Craft Partners III
    # and of the three family trusts (one line of 99,810 "held by each of" them); dm_0001213900-23-056008
    # (Form 3): the same vehicles. Every footnote says "Mr. Sacks disclaims beneficial ownership".
    rows = run_query(fixture_store, "disclaimed_interests", owner_cik="1891801", issuer_cik="1830081")
    trusts = [f"Sacks Family 2021 Irrevocable Trust fbo {n}" for n in
              ("Leighton Natalee Sacks", "Reagan Nicolette Sacks", "Xavier Xander Sacks")]
    expected = [("0001062993-24-008173", name, Decimal(shares)) for name, shares in [
        ("Craft Ventures Affiliates II, L.P.", "3390"), ("Craft Ventures Affiliates II, L.P.", "4692"),
        ("Craft Ventures Affiliates II, L.P.", "8418"),
        ("Craft Ventures II, L.P.", "266515"), ("Craft Ventures II, L.P.", "368825"), ("Craft Ventures II, L.P.", "661756"),
        ("Craft Ventures III, L.P.", "87484"), ("Craft Ventures III, L.P.", "117768"),
        ("Craft Ventures III, L.P.", "204473"),
        ("Craft Ventures Partners III, LLC", "25189"), *((t, "99810") for t in trusts)]]
    expected += [("0001213900-23-056008", name, Decimal(shares)) for name, shares in [
        ("Craft Ventures Affiliates II, L.P.", "10224"), ("Craft Ventures II, L.P.", "803737"),
        ("Craft Ventures III, L.P.", "246498"), ("Craft Ventures Partners III, LLC", "25189"),
        *((t, "99810") for t in trusts)]]
    assert _pick(rows, "accession_number", "through_name", "shares_owned") == expected
    assert {(r["owner"], r["owner_name"], r["issuer"], r["issuer_name"], r["security"]) for r in rows} == {
        (SACKS, "Sacks David O", CIK + "0001830081", "Rumble Inc.", "Class A Common Stock, par value $0.0001 per share")}
    assert all("Mr. Sacks disclaims beneficial ownership of these securities" in str(r["evidence"]) for r in rows)


def test_disclaimed_interests_leave_out_what_is_not_disclaimed(fixture_store: Store) -> None:
    # Musk's "By Trust" lines carry no disclaimer, nor does any footnote of SoftBank's Better Home filing
    assert run_query(fixture_store, "disclaimed_interests", owner_cik="1494730") == []
    assert run_query(fixture_store, "disclaimed_interests", issuer_cik="1835856") == []
    with pytest.raises(QueryError, match="not a valid cik"):
        run_query(fixture_store, "disclaimed_interests", owner_cik="-1")


# --- unresolved_parties ------------------------------------------------------------------------------

def test_unresolved_parties_lists_minted_names_and_unnamed_vehicles(fixture_store: Store) -> None:
    rows = {r["party"]: r for r in run_query(fixture_store, "unresolved_parties")}
    assert {r["identity_basis"] for r in rows.values()} == {"normalised name", "unnamed, scoped to its owner"}
    assert not any(str(p).startswith(CIK) for p in rows)
    # Musk's "By Trust" / "By trust" / "by Trust": nine of his filings have such lines (2010 Form 3 and 4,
    # 2011 and 2012 Forms 4, SolarCity 2012 Forms 3 and 4, Forms 5 for 2021 and 2022)
    assert rows[MUSK_TRUST] == {
        "party": MUSK_TRUST, "name": "trust of Musk Elon", "name_as_reported": "By Trust",
        "identity_basis": "unnamed, scoped to its owner", "kind": "Trust", "filings": 9,
        "first_source": "0000899243-22-006240",
    }
    # "Craft Ventures II, LP" (Form 3 of 2023) and "Craft Ventures II, L.P." (Form 4 of 2024)
    assert rows[NAME + "craft-ventures-ii-lp"] == {
        "party": NAME + "craft-ventures-ii-lp", "name": "Craft Ventures II, L.P.",
        "name_as_reported": "Craft Ventures II, L.P.", "identity_basis": "normalised name",
        "kind": "LimitedPartnership", "filings": 2, "first_source": "0001062993-24-008173",
    }
    assert rows[COLUMBIA]["kind"] == "Company" and rows[COLUMBIA]["first_source"] == BERKSHIRE_FORM3
    # Botha's "estate planning vehicles" are a vehicle of unknown kind
    assert rows[NAME + "0001222287/unnamed-unnamed"]["kind"] is None


def test_unresolved_parties_parameters(fixture_store: Store) -> None:
    rows = run_query(fixture_store, "unresolved_parties", name="CRAFT")
    assert [r["name"] for r in rows] == [
        "Craft Ventures Affiliates II, L.P.", "Craft Ventures GP II, LP", "Craft Ventures GP III, LP",
        "Craft Ventures II, L.P.", "Craft Ventures III, L.P.", "Craft Ventures Partners III, LLC"]
    unnamed = run_query(fixture_store, "unresolved_parties", identity_basis="unnamed, scoped to its owner")
    assert len(unnamed) == 5 and all(str(r["party"]).startswith(NAME + "00") for r in unnamed)


# --- net_flow ----------------------------------------------------------------------------------------

def _ownership_documents(text_filter: str) -> Iterator[ET.Element]:
    """The raw ownershipDocument of every corpus XML file and submission whose text contains ``text_filter``."""
    for path in sorted([*(CORPUS / "xml").glob("*.xml"), *(CORPUS / "submissions").iterdir()]):
        text = path.read_text(encoding="utf-8", errors="replace")
        if text_filter not in text:
            continue
        for match in re.finditer(r"<ownershipDocument\b.*?</ownershipDocument>", text, re.S):
            yield ET.fromstring(match.group(0))


def _raw_flow(issuer_cik: str) -> dict[str, list[Decimal]]:
    """Month -> [bought shares, sold shares, bought value, sold value] from the raw Table I lines."""
    flow: dict[str, list[Decimal]] = {}
    for doc in _ownership_documents(f"<issuerCik>{issuer_cik}</issuerCik>"):
        for line in doc.iter("nonDerivativeTransaction"):
            code = line.findtext("transactionCoding/transactionCode")
            if code not in ("P", "S"):
                continue
            month = str(line.findtext("transactionDate/value"))[:7]
            shares = Decimal(str(line.findtext("transactionAmounts/transactionShares/value")))
            price = Decimal(str(line.findtext("transactionAmounts/transactionPricePerShare/value")))
            sums = flow.setdefault(month, [Decimal(0)] * 4)
            sums[0 if code == "P" else 1] += shares
            sums[2 if code == "P" else 3] += shares * price
    return flow


def test_net_flow_of_tesla_equals_the_raw_lines(fixture_store: Store) -> None:
    rows = run_query(fixture_store, "net_flow", issuer_cik="1318605")
    assert {(r["issuer"], r["issuer_name"]) for r in rows} == {(TESLA, "TESLA MOTORS INC")}
    got = {r["month"]: [r["bought_shares"], r["sold_shares"], r["bought_value"], r["sold_value"]] for r in rows}
    assert got == _raw_flow("0001318605")
    # by hand: the IPO sale of 2010-07-02 (1,415,167 at $17.00, "By trust") and the trust's private
    # placement purchase of 2011-06-08 (1,416,000 at $28.76)
    assert _pick(rows[:2], "month", "bought_shares", "sold_shares", "net_shares", "bought_value", "sold_value",
                 "net_value") == [
        ("2010-07", 0, Decimal("1415167"), Decimal("-1415167"), 0, Decimal("24057839"), Decimal("-24057839")),
        ("2011-06", Decimal("1416000"), 0, Decimal("1416000"), Decimal("40724160"), 0, Decimal("40724160")),
    ]
    assert [r["month"] for r in rows] == ["2010-07", "2011-06", "2021-11", "2021-12"]
    assert all(r["net_shares"] == r["bought_shares"] - r["sold_shares"]
               and r["net_value"] == r["bought_value"] - r["sold_value"] for r in rows)


def test_net_flow_counts_a_joint_line_once_and_leaves_out_derivatives(fixture_store: Store) -> None:
    # Fractyl Health: one purchase line (333,333 at $15) reported jointly by six owners
    assert _pick(run_query(fixture_store, "net_flow", issuer_cik="1572616"), "month", "bought_shares", "bought_value",
                 "sold_shares") == [("2024-02", Decimal("333333"), Decimal("4999995"), 0)]
    # the seed's purchases (Ault Alliance) are all Table II lines: preferred stock and warrants
    assert not any(r["issuer_name"] == "Ault Alliance, Inc." for r in run_query(fixture_store, "net_flow"))


def test_net_flow_date_window(fixture_store: Store) -> None:
    rows = run_query(fixture_store, "net_flow", issuer_cik="1318605", since="2021-12-01", until="2021-12-31")
    assert [r["month"] for r in rows] == ["2021-12"]
    assert rows[0]["sold_shares"] == _raw_flow("0001318605")["2021-12"][1]
    assert run_query(fixture_store, "net_flow", issuer_cik="1318605", since="2021-12-29", until="2022-12-31") == []
    with pytest.raises(QueryError, match="parameter until: '2021-12-32' is not a valid date"):
        run_query(fixture_store, "net_flow", until="2021-12-32")


# --- filing_summary ----------------------------------------------------------------------------------

def test_filing_summary_counts_per_filing(fixture_store: Store) -> None:
    rows = run_query(fixture_store, "filing_summary")
    assert len(rows) == 162 == len({r["filing"] for r in rows})  # 160 corpus filings, the seed, the 4/A
    by_filing = {r["filing"]: r for r in rows}
    # submissions/0001493152-25-009612.txt: eight reporting owners, two lines, footnotes F1-F3
    assert by_filing[FILING + "0001493152-25-009612"] == {
        "filing": FILING + "0001493152-25-009612", "accession_number": "0001493152-25-009612",
        "document_type": "4", "period_of_report": date(2024, 12, 9), "report_date": date(2025, 3, 7),
        "issuer": CIK + "0001835856", "issuer_name": "Better Home & Finance Holding Co", "owners": 8,
        "first_owner_name": "SB Global Advisers Ltd", "transactions": 2, "holdings": 0, "footnotes": 3,
    }
    # dm_0001062993-24-008173: nine sales, three holding lines, footnotes F1-F14
    assert _pick([by_filing[FILING + "0001062993-24-008173"]], "owners", "first_owner_name", "transactions",
                 "holdings", "footnotes", "report_date") == [(1, "Sacks David O", 9, 3, 14, date(2024, 4, 8))]
    # a filing with no accession number is listed by its IRI
    assert by_filing[BERKSHIRE_FORM3]["accession_number"] is None
    assert _pick([by_filing[BERKSHIRE_FORM3]], "document_type", "owners", "first_owner_name", "holdings") == [
        ("3", 2, "BERKSHIRE HATHAWAY INC", 1)]


def test_filing_summary_of_one_issuer_lists_the_original_and_its_amendment(fixture_store: Store) -> None:
    rows = run_query(fixture_store, "filing_summary", issuer_cik="7536")
    assert _pick(rows, "accession_number", "document_type", "period_of_report", "report_date", "issuer_name", "owners",
                 "first_owner_name", "transactions", "holdings", "footnotes") == [
        ("0001127602-25-004598", "4", date(2025, 2, 12), date(2025, 2, 13), "ARROW ELECTRONICS, INC.", 1,
         "Jean-Claude Carine Lamercie", 2, 0, 2),
        ("0001127602-25-004711", "4/A", date(2025, 2, 12), date(2025, 2, 20), "ARROW ELECTRONICS, INC.", 1,
         "Jean-Claude Carine Lamercie", 2, 0, 2),
    ]


# --- an amendment that changes the date and drops the price -----------------------------------------

HORIZON = CORPUS / "submissions" / "0001137693-14-000001.txt"
"""A director's purchase of 1,000 HBNC shares at $20.45 on 2014-04-24 (balance 32,120), filed that day."""


@pytest.fixture(scope="module")
def amended_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The Horizon filing and a 4/A of it that moves the line to 2014-04-23, makes it 1,500 shares (balance
    32,620) and gives no price: the original would win on date if the amendment were not respected."""
    folder = tmp_path_factory.mktemp("amended")
    original = HORIZON.read_text(encoding="utf-8")
    amendment = (original.replace("0001137693-14-000001", "0001137693-14-000009")
                 .replace("CONFORMED SUBMISSION TYPE:\t4", "CONFORMED SUBMISSION TYPE:\t4/A")
                 .replace("FILED AS OF DATE:\t\t20140424", "FILED AS OF DATE:\t\t20140502")
                 .replace("<TYPE>4\n", "<TYPE>4/A\n")
                 .replace("<documentType>4</documentType>", "<documentType>4/A</documentType>")
                 .replace("<periodOfReport>2014-04-24</periodOfReport>",
                          "<periodOfReport>2014-04-23</periodOfReport>\n"
                          "    <dateOfOriginalSubmission>2014-04-24</dateOfOriginalSubmission>")
                 .replace("<value>2014-04-24</value>", "<value>2014-04-23</value>")
                 .replace("<value>1000</value>", "<value>1500</value>")
                 .replace("<value>32120</value>", "<value>32620</value>"))
    amendment = re.sub(r"<transactionPricePerShare>.*?</transactionPricePerShare>", "", amendment, flags=re.S)
    assert amendment.count("4/A") == 3 and "20.45" not in amendment
    (folder / HORIZON.name).write_text(original, encoding="utf-8")
    (folder / "0001137693-14-000009.txt").write_text(amendment, encoding="utf-8")
    store = open_store(memory=True)
    ingest([folder], store)
    resolve_store(store)
    yield store


def test_an_amendment_replaces_its_original_in_current_state_queries(amended_store: Store) -> None:
    assert _pick(run_query(amended_store, "amendments"), "amendment_accession", "original_accession") == [
        ("0001137693-14-000009", "0001137693-14-000001")]
    holdings = run_query(amended_store, "holdings_as_of", as_of="2014-12-31")
    assert _pick(holdings, "owner_name", "security", "shares_owned", "as_of", "accession_number") == [
        ("SWINEHART ROBERT E", "Common Stock", Decimal("32620"), date(2014, 4, 23), "0001137693-14-000009")]
    # the line without a price counts in shares, not in value; the original's 1,000 at $20.45 is gone
    assert _pick(run_query(amended_store, "net_flow"), "month", "bought_shares", "sold_shares", "net_shares",
                 "bought_value", "net_value") == [("2014-04", Decimal("1500"), 0, Decimal("1500"), 0, 0)]
    assert [r["accession_number"] for r in run_query(amended_store, "filing_summary")] == [
        "0001137693-14-000001", "0001137693-14-000009"]


# --- both engines, with parameters -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "params"), [
    ("holdings_as_of", {"as_of": "2022-06-30"}),
    ("holdings_as_of", {"as_of": "2031-01-01", "owner_cik": "1222287"}),
    ("provenance", {"name": "sequoia"}),
    ("common_control", {"cik": "1211060"}),
    ("disclaimed_interests", {"issuer_cik": "1321655"}),
    ("unresolved_parties", {"name": "trust"}),
    ("net_flow", {"since": "2021-01-01", "until": "2024-12-31"}),
    ("filing_summary", {"issuer_cik": "1318605"}),
])
def test_parameterised_rows_agree_on_both_engines(fixture_store: Store, fixture_memory: Store, name: str,
                                                  params: dict[str, str]) -> None:
    rows = run_query(fixture_store, name, **params)
    assert rows, (name, params)
    assert rows == run_query(fixture_memory, name, **params)


def test_the_queries_are_documented() -> None:
    from form4graph.queries import get_query

    for name in MY_QUERIES:
        query = get_query(name)
        assert query.description.endswith((".", "?")), name
        assert all(column == column.lower() and " " not in column for column in query.returns), name
