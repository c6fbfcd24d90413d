"""Named SPARQL queries: ``queries/NAME.rq`` files with a ``#+`` YAML header (title, description,
params, returns), loaded, validated and run with parameters bound by the engine, never pasted
into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from form4graph import nquads as nt
from form4graph.errors import QueryError
from form4graph.iris import party_by_cik
from form4graph.namespaces import XSD
from form4graph.sparql_text import bind_values, mentioned, with_limit
from form4graph.store import QueryResult, Store, Term, literal_parts

PARAM_PREFIX = "param_"
"""Parameter ``x`` is bound to the SPARQL variable ``?param_x``, so that a parameter may share its name
with a result column (``issuer_cik``)."""
PARAM_TYPES = ("string", "cik", "date", "decimal", "integer", "boolean", "iri")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    required: bool = False
    description: str = ""
    example: Any = None
    default: Any = None
    binds: str | None = None
    """The query variable the value is bound to (a ``cik`` then binds the party's IRI); otherwise
    ``?param_NAME``."""

    @property
    def variable(self) -> str:
        return self.binds or PARAM_PREFIX + self.name


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    sparql: str
    path: Path | None = field(default=None, compare=False)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def limited(self, limit: int) -> NamedQuery:
        """The same query returning at most ``limit`` rows (in its ORDER BY order), cut by the engine."""
        try:
            return replace(self, sparql=with_limit(self.sparql, limit))
        except QueryError as exc:
            raise QueryError(f"query {self.name}: {exc}") from exc


def queries_dir() -> Path:
    """The ``queries/`` folder: beside the package in a checkout, or shipped inside the wheel."""
    checkout = Path(__file__).resolve().parent.parent / "queries"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("form4graph") / "queries"))


def parse_named_query(text: str, name: str, path: Path | None = None) -> NamedQuery:
    header_lines = [line[2:].removeprefix(" ") for line in text.splitlines() if line.startswith("#+")]
    if not header_lines:
        raise QueryError(f"query {name}: no '#+' header (title, description, params, returns)")
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"query {name}: its '#+' header is not valid YAML ({exc})") from exc
    params = []
    for param_name, spec in (header.get("params") or {}).items():
        spec = spec or {}
        kind = spec.get("type", "string")
        if kind not in PARAM_TYPES or not _NAME.match(param_name):
            raise QueryError(f"query {name}: parameter {param_name!r} has type {kind!r}; use one of {PARAM_TYPES}")
        binds = spec.get("binds")
        if binds is not None and not (isinstance(binds, str) and _NAME.match(binds)):
            raise QueryError(f"query {name}: parameter {param_name!r} binds {binds!r}, which is not a variable name")
        param = Param(param_name, kind, bool(spec.get("required", False)), str(spec.get("description", "")),
                      spec.get("example"), spec.get("default"), binds)
        if not mentioned(text, param.variable):
            raise QueryError(f"query {name}: parameter {param_name!r} is bound to ?{param.variable}, "
                             "which the query never uses")
        params.append(param)
    for key in ("title", "description", "returns"):
        if not header.get(key):
            raise QueryError(f"query {name}: the header has no {key!r}")
    return NamedQuery(name=name, title=str(header["title"]), description=" ".join(str(header["description"]).split()),
                      params=tuple(params), returns=tuple(header["returns"]), sparql=text, path=path)


@cache
def load_queries() -> dict[str, NamedQuery]:
    found = {}
    for path in sorted(queries_dir().glob("*.rq")):
        found[path.stem] = parse_named_query(path.read_text(encoding="utf-8"), path.stem, path)
    return found


def get_query(name: str) -> NamedQuery:
    queries = load_queries()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; `form4graph queries` lists them: {', '.join(sorted(queries))}")
    return queries[name]


def bind_params(query: NamedQuery, given: dict[str, Any]) -> dict[str, Any]:
    """Validate and type the parameters; unknown or missing ones are a :class:`QueryError`."""
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        allowed = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"query {query.name}: unknown parameter(s) {', '.join(unknown)} (it takes: {allowed})")
    bound: dict[str, Any] = {}
    for param in query.params:
        raw = given.get(param.name, param.default)
        if raw is None or raw == "":
            if param.required:
                raise QueryError(f"query {query.name}: parameter {param.name} is required ({param.description})")
            continue
        bound[param.name] = coerce(param, raw, query.name)
    return bound


def coerce(param: Param, raw: Any, query_name: str) -> Any:
    where = f"query {query_name}: parameter {param.name}"
    text = str(raw).strip()
    try:
        if param.type == "cik":
            if not text.isdigit() or len(text) > 10:
                raise ValueError("a CIK is up to 10 digits")
            return text.zfill(10)
        if param.type == "date":
            return raw if isinstance(raw, date) else date.fromisoformat(text)
        if param.type == "decimal":
            return Decimal(text)
        if param.type == "integer":
            return int(text)
        if param.type == "boolean":
            if text.lower() not in ("true", "false", "1", "0"):
                raise ValueError("expected true or false")
            return text.lower() in ("true", "1")
        if param.type == "iri":
            if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", text, re.IGNORECASE):
                raise ValueError("not an absolute IRI")
            return Term(iri=text)
    except (ValueError, InvalidOperation) as exc:
        raise QueryError(f"{where}: {text!r} is not a valid {param.type} ({exc})") from exc
    return str(raw)


def with_values(query: NamedQuery, bound: dict[str, Any]) -> str:
    """The query text with typed parameter values bound as ``VALUES`` blocks (see :mod:`sparql_text`).

    Values are RDF terms serialised by :mod:`form4graph.nquads` (escaped literals, checked IRIs), so a
    value with quotes, braces, ``#`` or newlines stays data. A parameter that ``binds`` a query variable
    binds it directly (a ``cik`` as the party's IRI), so the engine starts from an index lookup; it also
    binds ``?param_NAME`` where the query tests whether the parameter was given.
    """
    filtered, joined = {}, {}
    for name, value in bound.items():
        param = query.param(name)
        if param is None:
            raise QueryError(f"query {query.name}: unknown parameter {name}")
        if param.binds:
            # ``?param_NAME`` too, where the query asks whether the parameter was given
            if mentioned(query.sparql, PARAM_PREFIX + name):
                filtered[PARAM_PREFIX + name] = rdf_term(value)
            joined[param.binds] = rdf_term(Term(iri=party_by_cik(value)) if param.type == "cik" else value)
        else:
            filtered[param.variable] = rdf_term(value)
    try:
        return bind_values(query.sparql, filtered, joined)
    except QueryError as exc:
        raise QueryError(f"query {query.name}: {exc}") from exc


def rdf_term(value: Any) -> str:
    if isinstance(value, Term):
        return nt.iri(value.iri) if value.iri else f"{nt.string(value.lexical)}^^<{value.datatype}>"
    lexical, datatype = literal_parts(value)
    if datatype == XSD + "string":
        return nt.string(lexical)
    return f"{nt.string(lexical)}^^<{datatype}>"


def run_query(store: Store, query_name: str, /, **params: Any) -> list[dict[str, Any]]:
    """Run the named query with typed, validated parameters; rows as dicts of Python values."""
    return run_named(store, get_query(query_name), params).rows_as_dicts()


@dataclass(frozen=True, slots=True)
class NamedResult:
    query: NamedQuery
    result: QueryResult

    @property
    def columns(self) -> tuple[str, ...]:
        return self.query.returns

    def rows_as_dicts(self) -> list[dict[str, Any]]:
        return [{col: row.get(col) for col in self.query.returns} for row in self.result.rows]


def run_named(store: Store, query: NamedQuery, params: dict[str, Any]) -> NamedResult:
    bindings = bind_params(query, params)
    result = store.query(with_values(query, bindings))
    missing = [c for c in query.returns if c not in result.columns]
    if missing:
        raise QueryError(f"query {query.name}: its header promises columns the query does not return: {missing}")
    return NamedResult(query, result)


def queries_markdown() -> str:
    """The README's table of named queries, generated from the ``#+`` headers."""
    lines = ["| name | title | parameters | columns |", "|---|---|---|---|"]
    for query in load_queries().values():
        params = ", ".join(f"`{p.name}`{'' if p.required else '?'} ({p.type})" for p in query.params) or "none"
        lines.append(f"| `{query.name}` | {query.title} | {params} | {', '.join(query.returns)} |")
    return "\n".join(lines)
