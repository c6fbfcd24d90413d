"""Reader throughput against the lxml floor, on one core.

Loads every ownership document of ``corpus/xml`` and ``corpus/submissions`` into memory once, then times

(a) ``form4graph.read.parse_filings(data, source)`` over all of them (whole files: a submission is
    sniffed, its header read and its ``<XML>`` block cut out, as in real use), and
(b) the floor: ``lxml.etree.fromstring`` of the ownershipDocument XML alone plus a walk that touches
    every element's text,

each repeated ``--repeat`` times, and prints documents per second and the ratio.

    python benchmarks/read.py [--repeat N] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

try:
    import form4graph.read as reader
except ModuleNotFoundError:  # run from a checkout without installing it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import form4graph.read as reader

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
HEADER_ONLY = ("0001062993-24-012217.index-headers.html", "0001140361-23-028639.header.txt")
_XML_BLOCK = re.compile(rb"<XML>\s*(.*?)\s*</XML>", re.DOTALL | re.IGNORECASE)
_SPLIT_FOOTNOTE_TAG = b"</fo\notnote>"  # the one broken 2006 submission, repaired for the floor only


def load(corpus: Path) -> tuple[list[tuple[str, bytes]], list[bytes]]:
    """(source, whole file) for every file holding an ownership document, and each document's own XML."""
    files: list[tuple[str, bytes]] = []
    documents: list[bytes] = []
    paths = sorted((corpus / "xml").glob("*.xml"))
    paths += sorted(p for p in (corpus / "submissions").iterdir() if p.is_file() and p.name not in HEADER_ONLY)
    for path in paths:
        data = path.read_bytes()
        files.append((str(path), data))
        if path.suffix == ".xml":
            documents.append(data.strip())
        else:
            blocks = [m.group(1) for m in _XML_BLOCK.finditer(data) if b"ownershipDocument" in m.group(1)]
            documents.extend(block.replace(_SPLIT_FOOTNOTE_TAG, b"</footnote>") for block in blocks)
    return files, documents


def run_reader(files: list[tuple[str, bytes]]) -> int:
    count = 0
    for source, data in files:
        count += len(reader.parse_filings(data, source))
    return count


def run_floor(documents: list[bytes]) -> int:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    for data in documents:
        root = etree.fromstring(data, parser)
        for element in root.iter():
            element.text  # noqa: B018 - touching the text is the work being measured
    return len(documents)


def best_and_total(work: Callable[[], int], repeat: int) -> tuple[float, float, int]:
    """Best single pass and total time over ``repeat`` passes (after one warm-up), and documents per pass."""
    documents = work()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times), sum(times), documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed passes over the corpus (default 20)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"corpus folder (default {DEFAULT_CORPUS})")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not (args.corpus / "xml").is_dir() or not (args.corpus / "submissions").is_dir():
        parser.error(f"{args.corpus} has no xml/ and submissions/ folders")

    files, documents = load(args.corpus)
    size = sum(len(data) for _, data in files)
    read_best, read_total, read_docs = best_and_total(lambda: run_reader(files), args.repeat)
    floor_best, floor_total, floor_docs = best_and_total(lambda: run_floor(documents), args.repeat)
    if read_docs != floor_docs:
        print(f"warning: the reader found {read_docs} documents, the floor {floor_docs}", file=sys.stderr)

    read_rate = read_docs * args.repeat / read_total
    floor_rate = floor_docs * args.repeat / floor_total
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"lxml {etree.__version__}, libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))}, one core"
    )
    print(
        f"corpus: {args.corpus}  files: {len(files)}  documents: {read_docs}  bytes: {size:,}  repeats: {args.repeat}"
    )
    print()
    print(f"{'':34} {'docs/s (mean)':>14} {'docs/s (best)':>14} {'ms/pass (mean)':>15}")
    for label, rate, best, total, docs in (
        ("form4graph parse_filings", read_rate, read_best, read_total, read_docs),
        ("lxml floor (fromstring + walk)", floor_rate, floor_best, floor_total, floor_docs),
    ):
        print(f"{label:34} {rate:14,.0f} {docs / best:14,.0f} {1000 * total / args.repeat:15.2f}")
    print()
    print(
        f"ratio floor/reader: {floor_rate / read_rate:.1f}x (the reader runs at {100 * read_rate / floor_rate:.1f}% of the floor)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
