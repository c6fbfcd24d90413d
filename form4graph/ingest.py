"""The batch pipeline: discover inputs -> read -> map -> load, streaming, with progress and a report.

Memory does not grow with the number of filings: inputs are read one at a time and mapped graphs are
written in bounded batches. Each filing's graph is compared with the store's catalog by digest:
identical graphs are counted as unchanged and not written again; changed ones are replaced whole.
A file that fails is reported (file and reason) and the batch goes on.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from form4graph.errors import InputError, NotOwnershipDocumentError
from form4graph.mapping import FilingGraph, map_filing
from form4graph.read import parse_filings
from form4graph.read.sources import iter_inputs
from form4graph.store import Store

BATCH_SIZE = 500


@dataclass(slots=True)
class IngestReport:
    ingested: int = 0
    unchanged: int = 0
    replaced: int = 0
    quads_written: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def filings(self) -> int:
        return self.ingested + self.unchanged + self.replaced

    def summary(self) -> str:
        rate = self.filings / self.seconds if self.seconds else 0.0
        lines = [
            f"ingested {self.ingested}, unchanged {self.unchanged}, replaced {self.replaced}, "
            f"failed {len(self.failed)}, skipped {len(self.skipped)} (not ownership filings)",
            f"{self.filings} filings, {self.quads_written} quads written in {self.seconds:.1f}s ({rate:.0f} filings/s)",
        ]
        if self.warnings:
            lines.append(f"{len(self.warnings)} filing(s) read with warnings (see the report)")
        lines += [f"FAILED {source}: {reason}" for source, reason in self.failed]
        return "\n".join(lines)

    def write(self, path: Path) -> None:
        """A TSV of every failure, skip and warning: ``status<TAB>source<TAB>reason``."""
        with path.open("w", encoding="utf-8") as out:
            out.write("status\tsource\treason\n")
            for status, items in (("failed", self.failed), ("skipped", self.skipped), ("warning", self.warnings)):
                for source, reason in items:
                    out.write(f"{status}\t{source}\t{' '.join(reason.split())}\n")


class Progress:
    """A one-line progress display on a terminal (stderr); silent otherwise."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self.last = 0.0

    def update(self, report: IngestReport, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self.last < 0.2):
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        sys.stderr.write(
            f"\r{report.filings} filings  {report.filings / elapsed:,.0f} filings/s  "
            f"failed {len(report.failed)}  skipped {len(report.skipped)}   "
        )
        sys.stderr.flush()

    def finish(self, report: IngestReport) -> None:
        if self.enabled:
            self.update(report, force=True)
            sys.stderr.write("\n")


def ingest(paths: Iterable[str | Path], store: Store, *, batch_size: int = BATCH_SIZE,
           progress: Progress | None = None,
           on_filing: Callable[[FilingGraph], None] | None = None) -> IngestReport:
    """Read, map and load every filing under ``paths`` into ``store``; return what happened."""
    report = IngestReport()
    started = time.monotonic()
    batch: dict[str, FilingGraph] = {}
    for item in iter_inputs(paths):
        if isinstance(item, InputError):
            report.failed.append((item.source, item.problem))
            continue
        try:
            filings = parse_filings(item.data, item.source, item.path)
        except NotOwnershipDocumentError as exc:
            (report.failed if item.explicit else report.skipped).append((exc.source, exc.problem))
            continue
        except InputError as exc:
            report.failed.append((exc.source, exc.problem))
            continue
        for filing in filings:
            graph = map_filing(filing)
            report.warnings += [(filing.source, w) for w in filing.warnings]
            if graph.iri in batch:
                _flush(store, batch, report)
            batch[graph.iri] = graph
            if on_filing is not None:
                on_filing(graph)
        if len(batch) >= batch_size:
            _flush(store, batch, report)
        if progress:
            progress.update(report)
    _flush(store, batch, report)
    report.seconds = time.monotonic() - started
    if progress:
        progress.finish(report)
    return report


def _flush(store: Store, batch: dict[str, FilingGraph], report: IngestReport) -> None:
    if not batch:
        return
    known = store.digests(list(batch))
    new = [graph for iri, graph in batch.items() if iri not in known]
    changed = [graph for iri, graph in batch.items() if iri in known and known[iri] != graph.digest]
    store.replace_graphs(new, new=True)
    store.replace_graphs(changed)
    report.ingested += len(new)
    report.replaced += len(changed)
    report.unchanged += len(batch) - len(new) - len(changed)
    report.quads_written += sum(len(g.triples) for g in new) + sum(len(g.triples) for g in changed)
    batch.clear()
