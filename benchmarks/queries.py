"""Median latency of every named query on a large synthetic store (default 100,000 filings).

Builds the store once: N synthetic filings (benchmarks/synthetic.py) plus the real corpus, the seed
and the test amendments, so each query's documented example parameters find real rows among the
synthetic ones. The store is ingested once and resolved once (``--resolve`` derives again, e.g. after
a resolver change). Then every query runs ``--repeat`` times in two ways:

- scoped: once per optional parameter, with that parameter's example value (and the required ones),
  as a user asks about one issuer, party or period;
- whole store: with the required parameters only, the rows capped at ``--limit`` by the engine (a
  whole-store answer can be hundreds of thousands of rows; what is measured is the engine finding
  the first ``--limit`` of them in ORDER BY order).

Prints median and max seconds and the row count of every run.

    python benchmarks/queries.py --count 100000 [--repeat 5] [--limit 1000] [--no-whole] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import CORPUS, generate

from form4graph import ingest, open_store
from form4graph.queries import NamedQuery, load_queries, run_named
from form4graph.resolve import resolve_store

REAL_INPUTS = (CORPUS / "xml", CORPUS / "submissions", CORPUS.parent / "seed",
               Path(__file__).resolve().parents[1] / "tests" / "data" / "amendments")


def build(count: int, workdir: Path, reresolve: bool) -> Path:
    store_dir = workdir / f"query-store-{count}"
    ingested, resolved = store_dir / ".bench-ingested", store_dir / ".bench-resolved"
    if not ingested.exists():
        inputs = generate(count, workdir / f"synthetic-{count}")
        started = time.perf_counter()
        with open_store(store_dir) as store:
            report = ingest([inputs, *REAL_INPUTS], store)
            print(f"ingest: {report.filings:,} filings in {time.perf_counter() - started:.0f}s, "
                  f"{store.quad_count():,} quads", flush=True)
        ingested.touch()
    if reresolve or not resolved.exists():
        started = time.perf_counter()
        with open_store(store_dir) as store:
            derived = resolve_store(store)
            print(f"resolve: {time.perf_counter() - started:.0f}s ({derived.control_relationships:,} control "
                  f"relationships, {derived.intermediaries:,} indirect interests)", flush=True)
        resolved.touch()
    return store_dir


def _time(store: Any, query: NamedQuery, params: dict[str, Any], repeat: int) -> tuple[float, float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(run_named(store, query, params).result.rows)
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=int, default=1000, help="row cap of whole-store runs")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "form4graph-bench")
    parser.add_argument("--resolve", action="store_true", help="derive the control graph again")
    parser.add_argument("--only", nargs="*", help="run only these queries")
    parser.add_argument("--no-whole", action="store_true", help="skip the whole-store runs")
    args = parser.parse_args()
    store_dir = build(args.count, args.workdir, args.resolve)
    with open_store(store_dir, read_only=True) as store:
        print(f"store: {store_dir}, {store.quad_count():,} quads; median of {args.repeat} runs; "
              f"whole-store runs capped at {args.limit:,} rows", flush=True)
        print(f"{'query':<34}{'parameters':<44}{'median s':>9}{'max s':>8}{'rows':>8}", flush=True)
        slowest = 0.0
        for query in load_queries().values():
            if args.only and query.name not in args.only:
                continue
            required = {p.name: p.example for p in query.params if p.required}
            runs = [({**required, p.name: p.example}, query) for p in query.params
                    if not p.required and p.example is not None] or [(required, query)]
            if not args.no_whole:
                runs.append((required, query.limited(args.limit)))
            for params, runnable in runs:
                median, most, rows = _time(store, runnable, params, args.repeat)
                slowest = max(slowest, median)
                label = " ".join(f"{k}={v}" for k, v in params.items())
                if runnable is not query:
                    label = f"{label} (whole store, LIMIT {args.limit})".strip()
                print(f"{query.name:<34}{label[:43]:<44}{median:>9.3f}{most:>8.3f}{rows:>8,}", flush=True)
        print(f"slowest median: {slowest:.3f} s")


if __name__ == "__main__":
    main()
