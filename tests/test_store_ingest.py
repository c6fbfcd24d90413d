"""Stores and the ingest pipeline: idempotence, replacement, engines agreeing, the failure report."""

from __future__ import annotations

import dataclasses
import multiprocessing
import shutil
from pathlib import Path

import pytest

from form4graph import ingest, open_store
from form4graph.errors import InputError, StoreInUseError
from form4graph.mapping import map_filing
from form4graph.read import iter_filings, read_filing
from form4graph.store import CATALOG_GRAPH, EmbeddedStore

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ONE = CORPUS / "submissions" / "0001127602-25-004598.nc"


def test_ingesting_the_corpus_twice_leaves_the_store_identical(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        first = ingest([CORPUS], store)
        count, dump = store.quad_count(), list(store.iter_nquads())
        second = ingest([CORPUS], store)
        assert store.quad_count() == count
        assert list(store.iter_nquads()) == dump
    readable = sum(1 for f in iter_filings([CORPUS]) if not isinstance(f, InputError))
    assert readable >= 161
    assert first.ingested == readable and first.replaced == 0 and first.unchanged == 0 and not first.failed
    assert second.ingested == 0 and second.replaced == 0 and second.unchanged == readable
    assert second.quads_written == 0


def test_embedded_and_memory_stores_hold_the_same_quads(tmp_path: Path) -> None:
    paths = [CORPUS / "xml", CORPUS / "submissions"]
    with open_store(tmp_path / "store") as embedded:
        ingest(paths, embedded)
        embedded_dump = list(embedded.iter_nquads())
    memory = open_store(memory=True)
    ingest(paths, memory)
    assert list(memory.iter_nquads()) == embedded_dump


def test_a_changed_filing_replaces_its_whole_graph(tmp_path: Path) -> None:
    filing = read_filing(ONE)
    changed = dataclasses.replace(filing, remarks="corrected by an amendment", footnotes=filing.footnotes[:1])
    with open_store(tmp_path / "store") as store:
        store.replace_graphs([map_filing(filing)])
        before = store.quad_count()
        store.replace_graphs([map_filing(changed)])
        dump = "".join(store.iter_nquads())
        assert "corrected by an amendment" in dump
        assert "/footnote/F2>" not in dump.replace("/citation/", "")
        assert store.quad_count() == before - len(map_filing(filing).triples) + len(map_filing(changed).triples)
        assert store.digests([map_filing(filing).iri]) == {map_filing(filing).iri: map_filing(changed).digest}


def test_report_lists_failures_and_good_filings_still_land(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ONE, folder / "good.nc")
    (folder / "broken.xml").write_text("<ownershipDocument><documentType>4</documentType><issuer>")
    (folder / "notes.md").write_text("not a filing")  # not a candidate file: ignored
    with open_store(tmp_path / "store") as store:
        report = ingest([folder, tmp_path / "missing.xml"], store)
        assert store.digests([map_filing(read_filing(ONE)).iri])
    assert report.ingested == 1
    failed = dict(report.failed)
    assert "not well-formed XML" in failed[str(folder / "broken.xml")]
    assert failed[str(tmp_path / "missing.xml")] == "no such file or folder"
    out = tmp_path / "report.tsv"
    report.write(out)
    lines = out.read_text().splitlines()
    assert lines[0] == "status\tsource\treason"
    assert any(line.startswith(f"failed\t{folder / 'broken.xml'}\t") for line in lines)


def test_catalog_records_each_graph_digest(tmp_path: Path) -> None:
    mapped = map_filing(read_filing(ONE))
    with open_store(tmp_path / "store") as store:
        store.replace_graphs([mapped])
        assert CATALOG_GRAPH in store.graph_iris()
        assert store.digests([mapped.iri, "https://example.org/not-loaded"]) == {mapped.iri: mapped.digest}


def _hold_store(path: str, ready: multiprocessing.synchronize.Event, done: multiprocessing.synchronize.Event) -> None:
    store = EmbeddedStore(path)
    ready.set()
    done.wait(30)
    store.close()


def test_a_second_writer_gets_a_clear_store_in_use_error(tmp_path: Path) -> None:
    path = str(tmp_path / "store")
    EmbeddedStore(path).close()
    ctx = multiprocessing.get_context("spawn")
    ready, done = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_store, args=(path, ready, done))
    holder.start()
    try:
        assert ready.wait(30)
        with pytest.raises(StoreInUseError, match="in use by another form4graph process"):
            EmbeddedStore(path)
    finally:
        done.set()
        holder.join(30)
