"""Indirect ownership and control: the seed end to end, fund chains, identity, idempotence, quality."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from form4graph import ingest, open_store, run_query
from form4graph.namespaces import DERIVED_GRAPH
from form4graph.resolve import resolve_store
from form4graph.resolve.control import REPORTING_PERSON, extract_statements
from form4graph.resolve.intermediary import resolve_intermediaries
from form4graph.resolve.text import restore
from form4graph.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "ault-form4-2024-03-11.txt"
CORPUS = SHARED / "corpus"
SOFTBANK = CORPUS / "submissions" / "0001493152-25-009612.txt"
MITHRIL = CORPUS / "xml" / "dm_0000899243-21-036608_doc3.xml"
FOOTNOTE_5 = ("Milton C. Ault, III, is the Chief Executive Officer of Ault & Company, Inc. (\"Ault & Co.\") and is "
              "deemed to beneficially own the shares held by Ault & Co.")


@pytest.fixture(scope="module")
def seed_store() -> Iterator[Store]:
    store = open_store(memory=True)
    ingest([SEED], store)
    resolve_store(store)
    yield store


def test_seed_transactions_are_the_six_derivative_purchases(seed_store: Store) -> None:
    rows = run_query(seed_store, "transactions")
    assert {(r["issuer_name"], r["issuer_ticker"], r["document_type"]) for r in rows} == {("Ault Alliance, Inc.", "AULT", "4")}
    assert [(r["security"], r["transaction_date"], r["code"], r["shares"], r["price"], r["shares_owned_following"])
            for r in rows] == [
        ("Series C Convertible Preferred Stock", date(2023, 12, 14), "P", Decimal(41500), Decimal(1000), Decimal(41500)),
        ("Series C Warrants", date(2023, 12, 14), "P", Decimal(12269032), Decimal(0), Decimal(12269032)),
        ("Series C Convertible Preferred Stock", date(2024, 3, 7), "P", Decimal(500), Decimal(1000), Decimal(42000)),
        ("Series C Warrants", date(2024, 3, 7), "P", Decimal(147820), Decimal(0), Decimal(12416852)),
        ("Series C Convertible Preferred Stock", date(2024, 3, 8), "P", Decimal(500), Decimal(1000), Decimal(42500)),
        ("Series C Warrants", date(2024, 3, 8), "P", Decimal(147820), Decimal(0), Decimal(12564672)),
    ]
    assert all(r["derivative"] is True and r["acquired_disposed"] == "A" and r["direct_indirect"] == "I"
               and r["nature_of_ownership"] == "By Ault & Company, Inc." for r in rows)


def test_seed_owner_roles_and_warrant_terms_are_in_the_graph(seed_store: Store) -> None:
    roles = seed_store.query("""PREFIX f4g: <https://w3id.org/form4graph/ont#>
        SELECT ?name ?role ?title WHERE { GRAPH ?f { ?f f4g:relationship ?r . ?r f4g:insider ?o ; f4g:role ?role .
        ?o f4g:name ?name . OPTIONAL { ?r f4g:officerTitle ?title } } } ORDER BY ?role""").rows
    assert [(r["name"], str(r["role"]).rsplit("/", 1)[1], r["title"]) for r in roles] == [
        ("AULT MILTON C III", "director", "Executive Chairman"), ("AULT MILTON C III", "officer", "Executive Chairman")]
    warrants = seed_store.query("""PREFIX f4g: <https://w3id.org/form4graph/ont#>
        SELECT ?price ?exercisable ?expires ?underlying ?underlying_shares WHERE { ?l f4g:securityTitle "Series C Warrants" ;
        f4g:conversionOrExercisePrice ?price ; f4g:exerciseDate ?exercisable ; f4g:expirationDate ?expires ;
        f4g:underlyingSecurityTitle ?underlying ; f4g:underlyingShares ?underlying_shares } ORDER BY ?exercisable""").rows
    assert [tuple(r.values()) for r in warrants] == [
        (Decimal("3.3825"), date(2024, 5, 14), date(2028, 12, 13), "Common Stock", Decimal(12269032)),
        (Decimal("3.3825"), date(2024, 9, 7), date(2029, 3, 6), "Common Stock", Decimal(147820)),
        (Decimal("3.3825"), date(2024, 9, 8), date(2029, 3, 7), "Common Stock", Decimal(147820)),
    ]


def test_seed_footnotes_are_attached_to_the_fields_that_cite_them(seed_store: Store) -> None:
    rows = seed_store.query("""PREFIX f4g: <https://w3id.org/form4graph/ont#>
        SELECT DISTINCT ?title ?property ?id WHERE { ?l f4g:securityTitle ?title ; f4g:citation ?c .
        ?c f4g:annotatedProperty ?property ; f4g:footnote ?fn . ?fn f4g:footnoteId ?id }""").rows
    cited = {(r["title"], str(r["property"]).rsplit("#", 1)[1], r["id"]) for r in rows}
    preferred = "Series C Convertible Preferred Stock"
    assert cited == {
        (preferred, "conversionOrExercisePrice", "F1"), (preferred, "expirationDate", "F2"),
        (preferred, "underlyingShares", "F3"), (preferred, "underlyingShares", "F4"),
        (preferred, "natureOfOwnership", "F5"), ("Series C Warrants", "underlyingShares", "F4"),
        ("Series C Warrants", "natureOfOwnership", "F5"),
    }


def test_seed_control_relationship_and_chain(seed_store: Store) -> None:
    (relationship,) = run_query(seed_store, "control_relationships")
    assert (relationship["controller_name"], relationship["controlled_name"], relationship["role"]) == (
        "Milton C. Ault III", "Ault & Company, Inc.", "chief executive officer")
    assert relationship["evidence"] == FOOTNOTE_5.replace(' ("Ault & Co.")', "").removesuffix(".")
    evidence = seed_store.query("""PREFIX f4g: <https://w3id.org/form4graph/ont#>
        SELECT ?id ?text WHERE { ?r a f4g:ControlRelationship ; f4g:evidenceFootnote ?fn .
        ?fn f4g:footnoteId ?id ; f4g:text ?text }""").rows
    assert [(r["id"], r["text"]) for r in evidence] == [("F5", FOOTNOTE_5)]
    (chain,) = run_query(seed_store, "control_chains")
    assert (chain["root_name"], chain["path"], chain["length"]) == (
        "Milton C. Ault III", "Milton C. Ault III > Ault & Company, Inc. > Ault Alliance, Inc.", 2)
    held = run_query(seed_store, "indirect_holdings")
    assert len(held) == 6
    assert {(r["owner_name"], r["through_name"], r["through_type"]) for r in held} == {
        ("Milton C. Ault III", "Ault & Company, Inc.", "company")}
    balances = run_query(seed_store, "beneficial_owners", issuer_ticker="AULT")
    assert [(r["security"], r["shares_owned"], r["as_of"]) for r in balances][:1] == [
        ("Series C Convertible Preferred Stock", Decimal(42500), date(2024, 3, 8))]


def test_seed_from_the_command_line(tmp_path: Path) -> None:
    store = tmp_path / "store"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "form4graph", *args, "--store", str(store)], capture_output=True,
                              text=True, timeout=300, check=False, cwd=tmp_path)

    ingested = cli("ingest", str(SEED))
    assert ingested.returncode == 0, ingested.stderr
    assert "resolved: 6 indirect interests, 1 control relationships" in ingested.stdout
    chains = cli("query", "control_chains", "-p", "name", "ault", "--format", "json")
    assert [c["path"] for c in json.loads(chains.stdout)] == [
        "Milton C. Ault III > Ault & Company, Inc. > Ault Alliance, Inc."]


def test_alias_resolves_to_the_same_party() -> None:
    statements, aliases = extract_statements(FOOTNOTE_5)
    assert [restore(name) for name in aliases.expand("Ault & Co.")] == ["Ault & Company, Inc."]
    assert [(s.controller, s.controlled, s.role) for s in statements] == [
        ("Milton C. Ault, III", "Ault & Company, Inc.", "chief executive officer")]


def test_fund_filings_come_out_as_connected_chains_ending_at_the_issuer() -> None:
    store = open_store(memory=True)
    ingest([SOFTBANK, MITHRIL], store)
    resolve_store(store)
    paths = {c["path"] for c in run_query(store, "control_chains")}
    assert ("SOFTBANK GROUP CORP. > SB Global Advisers Ltd > SOFTBANK VISION FUND II-2 L.P. > "
            "SVF II Aggregator (Jersey) L.P. > SVF II Holdings (DE) LLC > SVF II Beaver (DE) LLC > "
            "Better Home & Finance Holding Co") in paths
    assert "Ajay Royan > Mithril II UGP LLC > Mithril II GP LP > MITHRIL II LP > BlackSky Technology Inc." in paths
    assert "Peter Thiel > Mithril GP LP > Mithril LP > BlackSky Technology Inc." in paths


def test_family_vehicles_stay_with_their_owner_and_disclaimers_are_recorded(tmp_path: Path) -> None:
    (spouse,) = resolve_intermediaries("By Spouse", [])
    assert (spouse.name, spouse.nature) == (None, "spouse")
    store = open_store(tmp_path / "store")
    ingest([CORPUS / "xml"], store)
    resolve_store(store)
    trusts = [r for r in run_query(store, "indirect_holdings") if r["through_type"] == "trust" and
              r["through"].startswith("https://w3id.org/form4graph/id/name/") and "/unnamed-trust" in r["through"]]
    by_owner: dict[str, set[str]] = {}
    for row in trusts:
        by_owner.setdefault(row["through"], set()).add(row["owner"])
    assert trusts and all(len(owners) == 1 for owners in by_owner.values())
    directors = run_query(store, "control_relationships", name="SC US (TTGP)")
    assert {"BOTHA ROELOF", "Roelof Botha"} & {r["controller_name"] for r in directors}
    disclaimed = store.query("""PREFIX f4g: <https://w3id.org/form4graph/ont#>
        SELECT (COUNT(*) AS ?n) WHERE { ?r a f4g:ControlRelationship ; f4g:disclaimsBeneficialOwnership true }""")
    assert int(disclaimed.rows[0]["n"]) > 50  # type: ignore[arg-type]
    store.close()


def test_resolving_again_and_reingesting_change_nothing_and_a_new_filing_updates(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        ingest([SEED], store)
        first = resolve_store(store)
        dump = list(store.iter_nquads())
        resolve_store(store)
        ingest([SEED], store)
        resolve_store(store)
        assert list(store.iter_nquads()) == dump
        ingest([SOFTBANK], store)
        second = resolve_store(store)
        assert second.control_relationships > first.control_relationships
        assert store.digests([DERIVED_GRAPH])


def test_reporting_person_is_a_placeholder_until_the_owner_is_known() -> None:
    statements, _ = extract_statements("Held indirectly through RDA Equities, LLC, an entity of which Reporting "
                                       "Person has voting and dispositive control.")
    assert [(s.controller, s.controlled, s.role) for s in statements] == [(REPORTING_PERSON, "RDA Equities, LLC", "controls")]


def test_resolver_quality_on_the_hand_labels() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from resolver_quality import LABELS, score_edges, score_intermediaries

    items = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) >= 60
    edges = score_edges([i for i in items if i["kind"] == "footnote"])
    natures = score_intermediaries([i for i in items if i["kind"] == "nature"])
    assert edges.precision >= 0.95 and edges.recall >= 0.85, (edges.precision, edges.recall)
    assert natures.precision >= 0.9 and natures.recall >= 0.9, (natures.precision, natures.recall)


def test_the_whole_corpus_and_the_seed_validate_against_the_shapes(tmp_path: Path) -> None:
    from form4graph.validate import validate_store

    with open_store(tmp_path / "store") as store:
        report = ingest([CORPUS, SEED], store)
        assert not report.failed
        resolve_store(store)
        result = validate_store(store)
    assert result.conforms, result.text[-3000:]
