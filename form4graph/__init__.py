"""form4graph: knowledge graphs of SEC insider-ownership filings (Forms 3, 4, 5 and amendments).

Read filings into typed records, map them onto an RDF ontology (one named graph per filing), load
them into a triple store, and ask SPARQL questions about insiders and control relationships.
"""

from form4graph.errors import Form4GraphError, InputError, QueryError, StoreError
from form4graph.ingest import IngestReport, ingest
from form4graph.mapping import map_filing
from form4graph.model import Filing
from form4graph.queries import run_query
from form4graph.read import iter_filings, parse_filing, parse_filings, read_filing
from form4graph.store import open_store

__all__ = [
    "Filing",
    "Form4GraphError",
    "IngestReport",
    "InputError",
    "QueryError",
    "StoreError",
    "ingest",
    "iter_filings",
    "map_filing",
    "open_store",
    "parse_filing",
    "parse_filings",
    "read_filing",
    "run_query",
]
