"""Triple stores behind one small interface: embedded Oxigraph on disk (the default), an in-memory
rdflib Dataset, and (see :mod:`form4graph.endpoint`) any SPARQL 1.1 server.

The store knows RDF, not filings. Writes come as :class:`GraphWrite` values (a graph IRI, its
N-Quads text, a digest of that text) and replace each graph whole, so loading the same filing twice
changes nothing. A catalog graph records each loaded graph's digest, in the same transaction as the
graph itself: a graph listed there with its digest is complete, and an unchanged input is skipped.
Queries see the union of all named graphs as their default graph, on every backend.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from form4graph import nquads as nt
from form4graph.errors import StoreError, StoreInUseError
from form4graph.namespaces import F4G, ID, XSD

CATALOG_GRAPH = ID + "graph/catalog"
DEFAULT_STORE_DIR = "form4graph-store"
STORE_ENV = "FORM4GRAPH_STORE"

Value = str | Decimal | int | bool | date | float | None


class GraphWrite(Protocol):
    @property
    def iri(self) -> str: ...
    @property
    def digest(self) -> str: ...
    def to_nquads(self) -> str: ...


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[dict[str, Value], ...]


def default_store_path() -> Path:
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE_DIR)


def python_value(lexical: str, datatype: str | None, is_iri: bool = False) -> Value:
    """The Python value of an RDF term, the same on every backend."""
    if is_iri or datatype is None:
        return lexical
    kind = datatype.removeprefix(XSD)
    try:
        if kind == "decimal":
            return Decimal(lexical)
        if kind in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger", "short"):
            return int(lexical)
        if kind in ("double", "float"):
            return float(lexical)
        if kind == "boolean":
            return lexical in ("true", "1")
        if kind == "date":
            return date.fromisoformat(lexical[:10])
    except (ValueError, ArithmeticError):
        return lexical
    return lexical


def catalog_nquads(graph: GraphWrite) -> str:
    return f"{nt.iri(graph.iri)} {nt.iri(F4G.graphDigest)} {nt.string(graph.digest)} {nt.iri(CATALOG_GRAPH)} .\n"


def replace_update(iris: Sequence[str]) -> str:
    """SPARQL Update that drops ``iris`` and their catalog entries."""
    parts = [f"DROP SILENT GRAPH {nt.iri(g)}" for g in iris]
    parts += [f"DELETE WHERE {{ GRAPH {nt.iri(CATALOG_GRAPH)} {{ {nt.iri(g)} ?p ?o }} }}" for g in iris]
    return " ;\n".join(parts)


class Store:
    """The interface every backend implements."""

    description = "store"

    def digests(self, iris: Sequence[str]) -> dict[str, str]:
        """Catalogued digest of each graph in ``iris`` that is loaded."""
        if not iris:
            return {}
        values = " ".join(nt.iri(g) for g in iris)
        result = self.query(
            f"SELECT ?g ?d WHERE {{ VALUES ?g {{ {values} }} GRAPH {nt.iri(CATALOG_GRAPH)} "
            f"{{ ?g {nt.iri(F4G.graphDigest)} ?d }} }}"
        )
        return {str(row["g"]): str(row["d"]) for row in result.rows}

    def replace_graphs(self, graphs: Sequence[GraphWrite], *, new: bool = False) -> None:
        """Replace each graph whole and catalogue its digest. ``new=True`` promises that none of
        them is catalogued yet, which lets a backend take a faster bulk path."""
        raise NotImplementedError

    def query(self, sparql: str) -> QueryResult:
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def quad_count(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(result.rows[0]["n"] or 0)  # type: ignore[arg-type]

    def graph_iris(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        return [str(row["g"]) for row in result.rows]

    def iter_nquads(self) -> Iterator[str]:
        """Every quad as a canonical N-Quads line, sorted (a dump two stores can be diffed on)."""
        raise NotImplementedError

    def load_nquads(self, data: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class EmbeddedStore(Store):
    """Oxigraph (RocksDB) on disk. One writer process at a time; the lock is Oxigraph's own."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self.path = Path(path)
        self.read_only = read_only
        self.description = f"embedded store {self.path}"
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower() or "resource temporarily unavailable" in text.lower():
                raise StoreInUseError(
                    f"{self.path}: the store is in use by another form4graph process; wait for it to finish "
                    f"or use another --store"
                ) from exc
            raise StoreError(f"{self.path}: could not open the embedded store ({text})") from exc

    def replace_graphs(self, graphs: Sequence[GraphWrite], *, new: bool = False) -> None:
        """Transactional path: drop the old graphs and catalog entries, then load the new graphs with
        their entries in one transaction. Bulk path for graphs not catalogued yet (three times
        faster, not transactional): drop any remnant of an interrupted run, bulk-load the data, and
        only then catalogue it, so a catalogued graph is always complete and a re-run repairs the rest."""
        if not graphs:
            return
        n_quads = self._ox.RdfFormat.N_QUADS
        try:
            self._store.update(replace_update([g.iri for g in graphs]))
            if new:
                self._store.bulk_load("".join(g.to_nquads() for g in graphs), format=n_quads)
                self._store.load("".join(catalog_nquads(g) for g in graphs), format=n_quads)
            else:
                self._store.load("".join(g.to_nquads() + catalog_nquads(g) for g in graphs), format=n_quads)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.description}: write failed ({exc})") from exc

    def load_nquads(self, data: str) -> None:
        self._store.load(data, format=self._ox.RdfFormat.N_QUADS)

    def query(self, sparql: str) -> QueryResult:
        ox = self._ox
        try:
            solutions = self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.description}: query failed ({exc})") from exc
        if isinstance(solutions, bool) or not hasattr(solutions, "variables"):
            return QueryResult(columns=("result",), rows=({"result": bool(solutions)},))
        columns = tuple(v.value for v in solutions.variables)
        rows = tuple({name: _from_ox(ox, solution[name]) for name in columns} for solution in solutions)  # type: ignore[union-attr]
        return QueryResult(columns=columns, rows=rows)

    def update(self, sparql: str) -> None:
        self._store.update(sparql)

    def quad_count(self) -> int:
        return len(self._store)

    def iter_nquads(self) -> Iterator[str]:
        lines = sorted(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n" for q in self._store)
        return iter(lines)

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            if not self.read_only:
                self._store.flush()
            del self._store


class MemoryStore(Store):
    """rdflib's in-memory Dataset: no set-up, small data, the reference engine for portability."""

    description = "in-memory store"

    def __init__(self) -> None:
        from rdflib import Dataset

        self._ds = Dataset(default_union=True)

    def replace_graphs(self, graphs: Sequence[GraphWrite], *, new: bool = False) -> None:
        from rdflib import URIRef

        for g in graphs:
            self._ds.remove_graph(URIRef(g.iri))
            self._ds.graph(URIRef(CATALOG_GRAPH)).remove((URIRef(g.iri), None, None))
        self.load_nquads("".join(g.to_nquads() + catalog_nquads(g) for g in graphs))

    def load_nquads(self, data: str) -> None:
        if data:
            self._ds.parse(data=data, format="nquads")

    def query(self, sparql: str) -> QueryResult:
        from rdflib import Literal, URIRef

        try:
            result = self._ds.query(sparql)
        except Exception as exc:  # rdflib raises pyparsing and assorted errors for bad SPARQL
            raise StoreError(f"SPARQL error: {exc}") from exc
        if result.type == "ASK":
            return QueryResult(columns=("result",), rows=({"result": bool(result.askAnswer)},))
        columns = tuple(str(v) for v in (result.vars or []))
        rows = []
        for row in result:
            item: dict[str, Value] = {}
            for name in columns:
                term = row[name]  # type: ignore[index, call-overload]
                if term is None:
                    item[name] = None
                elif isinstance(term, Literal):
                    item[name] = python_value(str(term), str(term.datatype) if term.datatype else None)
                else:
                    item[name] = python_value(str(term), None, is_iri=isinstance(term, URIRef))
            rows.append(item)
        return QueryResult(columns=columns, rows=tuple(rows))

    def update(self, sparql: str) -> None:
        self._ds.update(sparql)

    def quad_count(self) -> int:
        return sum(1 for _ in self._ds.quads((None, None, None, None)))

    def iter_nquads(self) -> Iterator[str]:
        lines = []
        for s, p, o, g in self._ds.quads((None, None, None, None)):
            graph: Any = getattr(g, "identifier", g)
            lines.append(f"{s.n3()} {p.n3()} {_n3_literal(o)} {graph.n3()} .\n")
        return iter(sorted(lines))


def _n3_literal(term: Any) -> str:
    from rdflib import Literal

    if isinstance(term, Literal):
        if term.datatype:
            return f"{nt.string(str(term))}^^<{term.datatype}>"
        if term.language:
            return f"{nt.string(str(term))}@{term.language}"
        return nt.string(str(term))
    return str(term.n3())


def _from_ox(ox: Any, term: Any) -> Value:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return python_value(term.value, term.datatype.value if term.datatype else None)
    return python_value(term.value, None, is_iri=True)


@dataclass(frozen=True, slots=True)
class Term:
    """A typed RDF term for a query parameter: an IRI, or a literal with its datatype."""

    iri: str | None = None
    lexical: str = ""
    datatype: str = XSD + "string"


def literal_parts(value: Any) -> tuple[str, str]:
    """Lexical form and datatype of a Python value bound to a query parameter."""
    if isinstance(value, bool):
        return ("true" if value else "false"), XSD + "boolean"
    if isinstance(value, int):
        return str(value), XSD + "integer"
    if isinstance(value, Decimal):
        return nt.canonical_decimal(value), XSD + "decimal"
    if isinstance(value, date):
        return value.isoformat(), XSD + "date"
    return str(value), XSD + "string"


def open_store(path: str | Path | None = None, *, memory: bool = False, read_only: bool = False) -> Store:
    """The embedded store at ``path`` (default ``./form4graph-store`` or ``$FORM4GRAPH_STORE``), or an
    in-memory rdflib store with ``memory=True``."""
    if memory:
        return MemoryStore()
    return EmbeddedStore(path or default_store_path(), read_only=read_only)


def iter_batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
