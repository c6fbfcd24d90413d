"""Named queries: rows agree with the records, engines agree, parameters are typed data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from form4graph import model, run_query
from form4graph.errors import QueryError
from form4graph.queries import get_query, load_queries, with_values
from form4graph.read import iter_filings
from form4graph.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
INPUTS = [CORPUS / "xml", CORPUS / "submissions"]


@pytest.fixture()
def embedded(fixture_store: Store) -> Store:
    return fixture_store


@pytest.fixture()
def memory(fixture_memory: Store) -> Store:
    return fixture_memory


def _expected_transactions(filing: model.Filing) -> list[dict[str, object]]:
    rows = []
    for derivative, lines in ((False, filing.non_derivative_transactions), (True, filing.derivative_transactions)):
        for row in lines:
            rows.append({
                "accession_number": filing.accession_number, "document_type": filing.document_type,
                "issuer_cik": filing.issuer.cik, "issuer_name": filing.issuer.name,
                "issuer_ticker": filing.issuer.trading_symbol, "security": row.security_title,
                "derivative": derivative, "transaction_date": row.transaction_date, "code": row.code,
                "shares": row.shares, "price": row.price_per_share,
                "acquired_disposed": row.acquired_disposed.value if row.acquired_disposed else None,
                "shares_owned_following": row.shares_owned_following,
                "direct_indirect": row.direct_indirect.value if row.direct_indirect else None,
                "nature_of_ownership": row.nature_of_ownership,
            })
    return rows


def test_transactions_rows_equal_the_records_for_every_corpus_filing(embedded: Store) -> None:
    filings = [f for f in iter_filings(INPUTS) if isinstance(f, model.Filing)]
    assert len(filings) == 160
    checked = 0
    for filing in filings:
        if not filing.accession_number:
            continue
        expected = _expected_transactions(filing)
        actual = [r for r in run_query(embedded, "transactions", issuer_cik=filing.issuer.cik)
                  if r["accession_number"] == filing.accession_number]
        assert actual == expected, filing.source
        checked += len(expected)
    assert checked > 600


def test_holdings_rows_equal_the_records(embedded: Store) -> None:
    filing = next(f for f in iter_filings([CORPUS / "xml" / "dm_0001209191-13-009116_doc3.xml"]))
    assert isinstance(filing, model.Filing)
    rows = [r for r in run_query(embedded, "holdings", issuer_cik=filing.issuer.cik)
            if r["accession_number"] == filing.accession_number]
    assert len(rows) == len(filing.non_derivative_holdings) + len(filing.derivative_holdings) == 18
    assert [r["shares_owned"] for r in rows] == [h.shares_owned_following for h in filing.derivative_holdings]
    assert all(r["derivative"] is True and r["direct_indirect"] == "I" for r in rows)


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_query_gives_the_same_rows_on_oxigraph_and_rdflib(name: str, embedded: Store, memory: Store) -> None:
    required = {p.name: p.example for p in get_query(name).params if p.required}
    assert run_query(embedded, name, **required) == run_query(memory, name, **required)


def test_filters_by_owner_and_date(embedded: Store) -> None:
    rows = run_query(embedded, "transactions", owner_cik="1870985", since="2025-02-12", until="2025-02-12")
    # the filing as filed, then the 4/A made from it (tests/data/amendments): "transactions" lists both
    assert [(r["accession_number"], r["document_type"], r["code"], r["shares"], r["price"],
             r["shares_owned_following"]) for r in rows] == [
        ("0001127602-25-004598", "4", "A", Decimal("2193"), Decimal("106.82"), Decimal("21878")),
        ("0001127602-25-004598", "4", "F", Decimal("1009"), Decimal("106.82"), Decimal("20869")),
        ("0001127602-25-004711", "4/A", "A", Decimal("2293"), Decimal("106.82"), Decimal("21978")),
        ("0001127602-25-004711", "4/A", "F", Decimal("1009"), Decimal("106.82"), Decimal("20969")),
    ]
    assert {r["issuer_ticker"] for r in rows} == {"ARW"}


@pytest.mark.parametrize("hostile", [
    '0001512673" } UNION { ?s ?p ?o } #',
    "x') || true #",
    "}\n} SELECT * WHERE { ?s ?p ?o",
    '\\" ; DROP ALL',
])
def test_a_hostile_parameter_is_bound_as_data(hostile: str, embedded: Store, memory: Store) -> None:
    query = get_query("transactions")
    with pytest.raises(QueryError, match="not a valid cik"):
        run_query(embedded, "transactions", issuer_cik=hostile)
    # An untyped value bound as ?param_NAME stays one literal and matches nothing; one that a parameter
    # binds to a party IRI (issuer_cik binds ?issuer) is refused as an IRI.
    text = with_values(query, {"since": hostile})
    for store in (embedded, memory):
        assert store.query(text).rows == ()
    with pytest.raises(ValueError, match="not a valid IRI"):
        with_values(query, {"issuer_cik": hostile})


def test_unknown_and_malformed_parameters_are_clear_errors(embedded: Store) -> None:
    with pytest.raises(QueryError, match=r"unknown parameter\(s\) bogus \(it takes: issuer_cik, owner_cik"):
        run_query(embedded, "holdings", bogus="1")
    with pytest.raises(QueryError, match="parameter since: '2024-13-01' is not a valid date"):
        run_query(embedded, "transactions", since="2024-13-01")
    with pytest.raises(QueryError, match="no query named 'nope'"):
        run_query(embedded, "nope")


def test_every_query_header_is_complete() -> None:
    for query in load_queries().values():
        assert query.title and query.description and query.returns
        for param in query.params:
            assert param.description and param.example is not None, (query.name, param.name)
        for column in query.returns:
            assert f"?{column}" in query.sparql, (query.name, column)


def test_readme_lists_every_named_query_from_the_headers() -> None:
    from form4graph.queries import queries_markdown

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- queries:begin")[1].split("-->", 1)[1].split("<!-- queries:end -->")[0]
    assert section.strip() == queries_markdown().strip(), "regenerate the README table: form4graph.queries.queries_markdown()"


def test_beneficial_owners_shows_direct_holdings_and_respects_the_amendment(embedded: Store) -> None:
    rows = run_query(embedded, "beneficial_owners", issuer_cik="7536")
    # Arrow Electronics: the 4/A (tests/data/amendments) restates the original's balance 20869 as 20969
    assert [(r["owner_name"], r["through"], r["security"], r["shares_owned"], r["direct_indirect"], r["as_of"])
            for r in rows] == [("Jean-Claude Carine Lamercie", None, "Common Stock", Decimal("20969"), "D",
                                date(2025, 2, 12))]
