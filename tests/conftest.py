"""Shared paths and constants for the reader tests.

The corpus is read-only and lives beside the project: ``../shared/corpus`` (see its README.md and
PROVENANCE.tsv). ``tests/data/read`` holds small variants of one real filing, edited by hand to show a
single feature or a single defect each (tests/data/read/README.md says how each was made).
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DATA = TESTS / "data" / "read"
BAD = DATA / "bad"

SEED = 20240611
"""Seed for anything random in the tests, so that every run sees the same inputs."""

HEADER_ONLY = ("0001062993-24-012217.index-headers.html", "0001140361-23-028639.header.txt")
"""The two corpus submissions that carry an SEC header but no ownership document."""

BROKEN_SUBMISSION = "0001225259-06-000003.txt"
"""The corpus submission whose footnote closing tag is split by a hard line break."""


def corpus_xml_files() -> list[Path]:
    """Every raw ownershipDocument XML in ``corpus/xml`` (the sidecar JSON files are not documents)."""
    return sorted((CORPUS / "xml").glob("*.xml"))


def corpus_submissions() -> list[Path]:
    """Every full EDGAR submission in ``corpus/submissions`` that holds an ownership document."""
    return sorted(
        path for path in (CORPUS / "submissions").iterdir() if path.is_file() and path.name not in HEADER_ONLY
    )


# --- the fixture store of the query tests -------------------------------------------------------------
import pytest  # noqa: E402 - fixtures below the shared paths

SEED_FILING = CORPUS.parent / "seed" / "ault-form4-2024-03-11.txt"
AMENDMENTS = TESTS / "data" / "amendments"
FIXTURE_INPUTS = (CORPUS / "xml", CORPUS / "submissions", SEED_FILING, AMENDMENTS)
"""The real corpus filings (raw XML and submissions), the seed, and a Form 4/A made from a corpus filing."""


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """An embedded store of FIXTURE_INPUTS, ingested and resolved once per test session."""
    from form4graph import ingest, open_store
    from form4graph.resolve import resolve_store

    with open_store(tmp_path_factory.mktemp("fixture") / "store") as store:
        ingest(list(FIXTURE_INPUTS), store)
        resolve_store(store)
        yield store


@pytest.fixture(scope="session")
def fixture_memory(fixture_store):  # type: ignore[no-untyped-def]
    """rdflib's in-memory store holding exactly the fixture store's quads: the same data, another engine."""
    from form4graph import open_store

    store = open_store(memory=True)
    store.load_nquads("".join(fixture_store.iter_nquads()))
    return store
