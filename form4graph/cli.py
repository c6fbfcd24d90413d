"""The ``form4graph`` command: parse arguments, call the library, format the output.

Exit codes: 0 ok; 1 validation did not conform; 2 bad input or query error (some inputs failed,
the others were ingested); 3 internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from form4graph.errors import Form4GraphError, InputError, QueryError
from form4graph.output import OUTPUT_FORMATS, filing_to_dict, format_rows, format_table

EXIT_OK, EXIT_INVALID, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EPILOG = "exit codes: 0 ok; 1 validation did not conform; 2 bad input or query error; 3 internal error"


def _add_store_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("store")
    group.add_argument("--store", metavar="DIR", help="embedded store folder (default ./form4graph-store or $FORM4GRAPH_STORE)")
    group.add_argument("--memory", action="store_true", help="use a throw-away in-memory rdflib store")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="form4graph", description="Knowledge graphs of SEC Forms 3, 4 and 5.",
                                     epilog=EPILOG)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="read filings and print their records", epilog=EPILOG,
                       description="Read filings (XML, EDGAR .txt/.nc submissions, rendered pages, folders, .zip/.gz, - for stdin) and print one record per filing.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")

    p = sub.add_parser("ingest", help="read, map and load filings into the store", epilog=EPILOG,
                       description="Ingest filings into the store: one named graph per filing, replaced whole on re-ingest.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--report", metavar="FILE", default="form4graph-ingest-report.tsv",
                   help="where failures, skips and warnings are written (default %(default)s)")
    p.add_argument("--no-progress", action="store_true", help="no progress line even on a terminal")
    p.add_argument("--no-resolve", action="store_true", help="skip the resolve pass (run `form4graph resolve` later)")
    _add_store_options(p)

    p = sub.add_parser("resolve", help="derive intermediaries and control relationships from the filings", epilog=EPILOG,
                       description="Re-run the resolve pass over the whole store (ingest runs it after loading).")
    _add_store_options(p)

    p = sub.add_parser("queries", help="list the named queries", epilog=EPILOG)
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("query", help="run a named query (or --file F.rq)", epilog=EPILOG,
                       description="Run a named query from queries/ with typed parameters, or any SPARQL file.")
    p.add_argument("name", nargs="?", help="query name (see `form4graph queries`)")
    p.add_argument("--file", metavar="F.rq", help="run this SPARQL file instead of a named query")
    p.add_argument("-p", "--param", nargs=2, action="append", default=[], metavar=("KEY", "VALUE"))
    p.add_argument("--limit", type=int, metavar="N", help="the first N rows only (cut by the engine)")
    p.add_argument("--format", choices=OUTPUT_FORMATS, default=None, help="default: table on a terminal, csv otherwise")
    _add_store_options(p)

    p = sub.add_parser("validate", help="check the store against the SHACL shapes", epilog=EPILOG)
    _add_store_options(p)

    p = sub.add_parser("export", help="export the store", epilog=EPILOG)
    export_sub = p.add_subparsers(dest="what", required=True, metavar="WHAT")
    e = export_sub.add_parser("rdf", help="dump all graphs as RDF", epilog=EPILOG)
    e.add_argument("--format", choices=("nquads", "trig", "turtle", "jsonld"), default="nquads")
    e.add_argument("-o", "--output", required=True, metavar="FILE")
    _add_store_options(e)

    p = sub.add_parser("stats", help="counts of what the store holds", epilog=EPILOG)
    _add_store_options(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(COMMANDS[args.command](args))
    except Form4GraphError as exc:  # bad input, a query error, a store that cannot be used
        print(f"form4graph: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("form4graph: interrupted", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        return EXIT_OK


def _open(args: argparse.Namespace, *, read_only: bool = False) -> Any:
    from form4graph.store import open_store

    return open_store(args.store, memory=args.memory, read_only=read_only and not args.memory)


def cmd_parse(args: argparse.Namespace) -> int:
    from form4graph.read import iter_filings

    failures = []
    for item in iter_filings(args.paths):
        if isinstance(item, InputError):
            failures.append(item)
            continue
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(filing_to_dict(item), ensure_ascii=False) + "\n")
        else:
            owners = "; ".join(o.name or o.cik or "?" for o in item.reporting_owners)
            sys.stdout.write(format_table(
                ("source", "accession", "type", "issuer", "owners", "rows", "footnotes"),
                [[item.source, item.accession_number or "", item.document_type,
                  f"{item.issuer.name} ({item.issuer.trading_symbol or ''})", owners, str(len(item.rows)),
                  str(len(item.footnotes))]]))
        for warning in item.warnings:
            print(f"warning: {item.source}: {warning}", file=sys.stderr)
    return _report_failures(failures)


def _report_failures(failures: list[InputError]) -> int:
    if not failures:
        return EXIT_OK
    print(f"form4graph: {len(failures)} input(s) failed:", file=sys.stderr)
    for error in failures:
        print(f"  {error}", file=sys.stderr)
    return EXIT_BAD_INPUT


def cmd_ingest(args: argparse.Namespace) -> int:
    from form4graph.ingest import Progress, ingest
    from form4graph.resolve import resolve_store

    with _open(args) as store:
        report = ingest(args.paths, store, progress=Progress(False if args.no_progress else None))
        print(report.summary())
        if not args.no_resolve:
            resolved = resolve_store(store)
            print(f"resolved: {resolved.intermediaries} indirect interests, {resolved.control_relationships} "
                  f"control relationships, {resolved.minted_parties} parties named only in text")
        print(f"store: {store.description}, {store.quad_count()} quads")
    if report.failed or report.skipped or report.warnings:
        report.write(Path(args.report))
        print(f"report: {args.report}")
    return EXIT_BAD_INPUT if report.failed else EXIT_OK


def cmd_resolve(args: argparse.Namespace) -> int:
    from form4graph.resolve import resolve_store

    with _open(args) as store:
        resolved = resolve_store(store)
    print(f"resolved {resolved.filings} filings: {resolved.intermediaries} indirect interests, "
          f"{resolved.control_relationships} control relationships, {resolved.minted_parties} parties named only "
          f"in text; derived graph of {resolved.quads} quads")
    return EXIT_OK


def cmd_queries(args: argparse.Namespace) -> int:
    from form4graph.queries import load_queries

    queries = load_queries().values()
    if args.format == "json":
        print(json.dumps([{"name": q.name, "title": q.title, "description": q.description,
                           "params": [{"name": p.name, "type": p.type, "required": p.required,
                                       "description": p.description} for p in q.params],
                           "returns": list(q.returns)} for q in queries], indent=2))
        return EXIT_OK
    cells = [[q.name, q.title, ", ".join(f"{p.name}{'' if p.required else '?'}:{p.type}" for p in q.params)]
             for q in queries]
    sys.stdout.write(format_table(("name", "title", "params"), cells, max_width=70))
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from form4graph.queries import get_query, parse_named_query, run_named
    from form4graph.sparql_text import with_limit

    params = dict(args.param)
    if args.file:
        path = Path(args.file)
        text = path.read_text(encoding="utf-8")
        query = parse_named_query(text, path.stem, path) if text.lstrip().startswith("#+") else None
    elif args.name:
        query = get_query(args.name)
    else:
        raise QueryError("give a query name (see `form4graph queries`) or --file F.rq")
    if args.limit is not None:
        if query is None:
            text = with_limit(text, args.limit)
        else:
            query = query.limited(args.limit)
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    with _open(args, read_only=True) as store:
        if query is None:
            result = store.query(text)
            columns, rows = result.columns, list(result.rows)
        else:
            named = run_named(store, query, params)
            columns, rows = named.columns, named.rows_as_dicts()
    sys.stdout.write(format_rows(columns, rows, fmt))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from form4graph.validate import validate_store

    with _open(args, read_only=True) as store:
        report = validate_store(store)
    if report.conforms:
        print("conforms: the store matches ontology/shapes.ttl")
        return EXIT_OK
    print(report.text)
    print(f"does not conform: {report.violations} violation(s)")
    return EXIT_INVALID


def cmd_export(args: argparse.Namespace) -> int:
    from form4graph.export.rdf import write_rdf

    with _open(args, read_only=True) as store:
        count = write_rdf(store, Path(args.output), args.format)
    print(f"wrote {count} quads to {args.output} ({args.format})")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from form4graph.namespaces import F4G

    counts = {
        "filings": f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ ?f a <{F4G.Filing}> }}",
        "issuers": f"SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {{ ?i a <{F4G.Issuer}> }}",
        "reporting owners": f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?f <{F4G.reportingOwner}> ?o }}",
        "transaction lines": f"SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE {{ ?l a <{F4G.Transaction}> }}",
        "holding lines": f"SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE {{ ?l a <{F4G.Holding}> }}",
        "footnotes": f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{F4G.Footnote}> }}",
    }
    with _open(args, read_only=True) as store:
        cells = [[name, str(store.query(q).rows[0]["n"])] for name, q in counts.items()]
        cells.append(["quads", str(store.quad_count())])
        cells.append(["store", store.description])
    sys.stdout.write(format_table(("what", "count"), cells, max_width=80))
    return EXIT_OK


COMMANDS = {
    "parse": cmd_parse, "ingest": cmd_ingest, "resolve": cmd_resolve, "queries": cmd_queries, "query": cmd_query,
    "validate": cmd_validate, "export": cmd_export, "stats": cmd_stats,
}


def run() -> None:
    try:
        code = main()
    except Exception as exc:  # the last resort: say it is a bug, exit 3
        print(f"form4graph: internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        code = EXIT_INTERNAL
    sys.exit(code)
