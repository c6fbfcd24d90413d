"""Median latency of every named query on a large synthetic store (default 100,000 filings).

Builds the store once (synthetic filings from benchmarks/synthetic.py, ingested and resolved into the
embedded store), then runs each query several times with its example parameters where it needs them
and prints a table of median latency and row counts.

    python benchmarks/queries.py --count 100000 [--repeat 5] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate

from form4graph import ingest, open_store
from form4graph.queries import load_queries, run_named
from form4graph.resolve import resolve_store


def build(count: int, workdir: Path) -> Path:
    store_dir = workdir / f"query-store-{count}"
    marker = store_dir / ".form4graph-bench-complete"
    if marker.exists():
        return store_dir
    inputs = generate(count, workdir / f"synthetic-{count}")
    started = time.perf_counter()
    with open_store(store_dir) as store:
        report = ingest([inputs], store)
        loaded = time.perf_counter()
        resolved = resolve_store(store)
        print(f"built: {report.filings:,} filings in {loaded - started:.0f}s, resolve {time.perf_counter() - loaded:.0f}s "
              f"({resolved.control_relationships:,} control relationships, {resolved.intermediaries:,} indirect "
              f"interests), {store.quad_count():,} quads")
    marker.touch()
    return store_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "form4graph-bench")
    args = parser.parse_args()
    store_dir = build(args.count, args.workdir)
    with open_store(store_dir, read_only=True) as store:
        print(f"store: {store_dir}, {store.quad_count():,} quads; {args.repeat} runs per query")
        print(f"{'query':<34}{'median s':>10}{'max s':>8}{'rows':>9}  params")
        for query in load_queries().values():
            params = {p.name: p.example for p in query.params if p.required}
            times, rows = [], 0
            for _ in range(args.repeat):
                started = time.perf_counter()
                rows = len(run_named(store, query, params).result.rows)
                times.append(time.perf_counter() - started)
            print(f"{query.name:<34}{statistics.median(times):>10.3f}{max(times):>8.3f}{rows:>9,}  {params or ''}")


if __name__ == "__main__":
    main()
