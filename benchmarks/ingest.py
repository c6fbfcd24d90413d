"""Ingest throughput into the embedded store on N synthetic filings.

Prints filings/s, quads/s, peak RSS and the store's size on disk for a first ingest into an empty
store and for a re-ingest of the same files (nothing changed). Each run is a separate process, so
peak RSS is that run's own.

    python benchmarks/ingest.py --count 10000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate


def _child(inputs: str, store_dir: str) -> None:
    from form4graph import ingest, open_store

    started = time.perf_counter()
    with open_store(store_dir) as store:
        report = ingest([inputs], store)
        quads = store.quad_count()
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"filings": report.filings, "ingested": report.ingested, "unchanged": report.unchanged,
                      "failed": len(report.failed), "quads_written": report.quads_written, "quads": quads,
                      "seconds": seconds, "peak_rss_mib": peak_kib / 1024}))


def _run(inputs: Path, store_dir: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", str(inputs), str(store_dir)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "form4graph-bench")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    inputs = generate(args.count, args.workdir / f"synthetic-{args.count}")
    store_dir = args.workdir / f"store-{args.count}"
    shutil.rmtree(store_dir, ignore_errors=True)
    first = _run(inputs, store_dir)
    size = _size(store_dir)
    again = _run(inputs, store_dir)
    print(f"form4graph ingest benchmark: {args.count:,} synthetic filings, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'run':<22}{'filings':>9}{'filings/s':>11}{'quads/s':>11}{'seconds':>9}{'peak RSS':>11}")
    for name, run in (("first ingest", first), ("re-ingest (unchanged)", again)):
        print(f"{name:<22}{run['filings']:>9,.0f}{run['filings'] / run['seconds']:>11,.0f}"
              f"{run['quads_written'] / run['seconds']:>11,.0f}{run['seconds']:>9.1f}{run['peak_rss_mib']:>8.0f} MiB")
    print(f"store: {first['quads']:,.0f} quads, {size / 2**20:,.0f} MiB on disk ({store_dir})")
    print(f"re-ingest speed-up: {first['seconds'] / again['seconds']:.1f}x")
    shutil.rmtree(store_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
