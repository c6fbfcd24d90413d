"""The mapping: golden graphs reviewed by hand, and invariants over the whole corpus."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from form4graph import iris, model
from form4graph.mapping import map_filing
from form4graph.namespaces import F4G, RDF_TYPE, code
from form4graph.nquads import canonical_decimal
from form4graph.read import iter_filings, read_filing

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GOLDEN_CASES = sorted(p for p in GOLDEN.iterdir() if p.suffix in (".xml", ".txt"))


def _graph(filing: model.Filing) -> Graph:
    mapped = map_filing(filing)
    graph = Graph()
    graph.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in mapped.triples), format="nt")
    return graph


@pytest.mark.parametrize("source", GOLDEN_CASES, ids=lambda p: p.name)
def test_mapped_graph_matches_reviewed_golden_graph(source: Path) -> None:
    expected = _canonical_decimals(
        Graph().parse(GOLDEN / (source.name.rsplit(".", 1)[0] + ".expected.ttl"), format="turtle"))
    actual = _graph(read_filing(source))
    iso_expected, iso_actual = to_isomorphic(expected), to_isomorphic(actual)
    if iso_expected != iso_actual:
        _both, only_expected, only_actual = graph_diff(iso_expected, iso_actual)
        missing = "\n".join(sorted(line for line in only_expected.serialize(format="nt").splitlines() if line))
        extra = "\n".join(sorted(line for line in only_actual.serialize(format="nt").splitlines() if line))
        pytest.fail(f"mapped graph differs from the golden graph\n--- missing:\n{missing}\n+++ unexpected:\n{extra}")


def test_golden_cases_cover_joint_derivative_form3_and_indirect() -> None:
    filings = [read_filing(p) for p in GOLDEN_CASES]
    assert any(len(f.reporting_owners) >= 4 for f in filings)  # joint filing (4 owners)
    assert any(f.derivative_transactions for f in filings)
    assert any(f.document_type == "3" for f in filings)
    assert any(r.direct_indirect == model.OwnershipForm.INDIRECT and r.nature_of_ownership
               for f in filings for r in f.rows)


def test_joint_filing_row_is_one_line_linked_to_every_owner() -> None:
    filing = read_filing(GOLDEN / "dm_0000899243-22-012864_doc4.xml")
    graph = _graph(filing)
    lines = list(graph.subjects(URIRef(F4G.reportedIn), URIRef(iris.filing(filing))))
    transaction_lines = [s for s in lines if (s, URIRef(RDF_TYPE), URIRef(F4G.ReportedLine)) in graph]
    assert len(transaction_lines) == 1
    owners = set(graph.objects(transaction_lines[0], URIRef(F4G.owner)))
    assert owners == {URIRef(iris.party_by_cik(o.cik or "")) for o in filing.reporting_owners}
    assert len(owners) == 4


def _canonical_decimals(graph: Graph) -> Graph:
    """Turtle writes decimals as ``784.0``; the mapping's canonical form is ``784``."""
    xsd_decimal = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == xsd_decimal:
            o = Literal(canonical_decimal(Decimal(str(o))), datatype=xsd_decimal)
        out.add((s, p, o))
    return out


def _corpus_filings() -> list[model.Filing]:
    return [f for f in iter_filings([CORPUS / "xml", CORPUS / "submissions"]) if isinstance(f, model.Filing)]


def test_every_field_and_footnote_citation_of_the_corpus_is_in_the_graph() -> None:
    """Nothing is dropped: every non-empty row field appears once as a triple on its line, and every
    footnote reference on a row field becomes a citation naming that field's property."""
    for filing in _corpus_filings():
        mapped = map_filing(filing)
        triples = set(mapped.triples)
        f = iris.filing(filing)
        positions: dict[type, int] = {}
        for row in filing.rows:
            positions[type(row)] = positions.get(type(row), 0) + 1
            line = f"<{iris.row(f, row, positions[type(row)])}>"
            for name, value in (("shares", getattr(row, "shares", None)),
                                ("sharesOwnedFollowing", row.shares_owned_following),
                                ("natureOfOwnership", row.nature_of_ownership)):
                if value is None:
                    continue
                literal = (f'"{canonical_decimal(value)}"^^<http://www.w3.org/2001/XMLSchema#decimal>'
                           if isinstance(value, Decimal) else f'"{value}"')
                assert (line, f"<{getattr(F4G, name)}>", literal) in triples, (filing.source, name)
            for field_name, ids in row.footnote_refs.items():
                for footnote_id in ids:
                    if filing.footnote_text(footnote_id) is None:
                        continue
                    citations = [o for s, p, o in triples if s == line and p == f"<{F4G.citation}>"
                                 and o.endswith(f"/{footnote_id}>")]
                    assert citations, (filing.source, field_name, footnote_id)


@settings(max_examples=60, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=Decimal("-1e12"),
                   max_value=Decimal("1e12")))
def test_decimals_round_trip_exactly_in_canonical_form(value: Decimal) -> None:
    text = canonical_decimal(value)
    assert "E" not in text and "e" not in text
    assert Decimal(text) == value
    assert Literal(text, datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")).toPython() == value


def test_mapping_is_a_pure_function_of_the_record() -> None:
    for filing in _corpus_filings()[:40]:
        assert map_filing(filing) == map_filing(filing)


def test_codes_map_to_concepts_and_scaled_numbers_are_one_value() -> None:
    row = model.NonDerivativeTransaction(security_title="Common Stock", code="P", shares=Decimal("1000.0"),
                                         acquired_disposed=model.AcquiredDisposed.ACQUIRED)
    filing = model.Filing(source="t", document_type="4", issuer=model.Issuer(cik="0000000001"),
                          reporting_owners=(model.ReportingOwner(cik="0000000002", name="Doe Jane"),),
                          accession_number="0000000000-24-000001", non_derivative_transactions=(row,))
    triples = set(map_filing(filing).triples)
    line = f"<{iris.filing(filing)}/ndt/1>"
    assert (line, f"<{F4G.transactionCode}>", f"<{code('transaction', 'P')}>") in triples
    assert (line, f"<{F4G.shares}>", '"1000"^^<http://www.w3.org/2001/XMLSchema#decimal>') in triples
