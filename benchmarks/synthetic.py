"""Generate N distinct, realistic EDGAR submissions from the real corpus filings.

Each synthetic filing is a real ownership document with its identities and values varied: a new
accession number and filing date, dates shifted, share amounts and prices scaled. Filings come in
families, as on EDGAR, where the same insiders file again and again about the same issuer: each
family is one corpus document reported by fixed owner CIKs about a fixed issuer (both drawn from
pools, so insiders and issuers recur across families), about 40 filings a family. The entities that
a corpus document names in its footnotes (funds, trusts) therefore hold in as many issuers as that
document has families, not in every issuer of the store. Output is the EDGAR ``.txt`` submission
format (SEC header + <XML>), one file per filing, in sub-folders of 1,000 files.

    python benchmarks/synthetic.py 10000 -o /tmp/synthetic-10k
"""

from __future__ import annotations

import argparse
import random
import re
from datetime import date, timedelta
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_XML_BLOCK = re.compile(rb"<XML>\s*(.*?)\s*</XML>", re.DOTALL)
_DATE = re.compile(rb"(\d{4})-(\d{2})-(\d{2})")
_AMOUNT = re.compile(rb"(<(?:transactionShares|sharesOwnedFollowingTransaction|underlyingSecurityShares)>\s*<value>)"
                     rb"\s*([\d.]+)\s*(</value>)")
_PRICE = re.compile(rb"(<transactionPricePerShare>\s*<value>)\s*([\d.]+)\s*(</value>)")


def corpus_documents(corpus: Path = CORPUS) -> list[bytes]:
    """The ownershipDocument XML of every corpus filing (raw XML and the XML inside submissions)."""
    docs = []
    for path in sorted((corpus / "xml").glob("*.xml")):
        docs.append(path.read_bytes())
    for path in sorted((corpus / "submissions").iterdir()):
        docs += [m.group(1) for m in _XML_BLOCK.finditer(path.read_bytes()) if b"ownershipDocument" in m.group(1)]
    return [d for d in docs if b"</ownershipDocument>" in d and b"</fo\notnote>" not in d.replace(b"\r", b"")]


def _scale(match: re.Match[bytes], factor: float, places: int) -> bytes:
    value = float(match.group(2)) * factor
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else str(round(value))
    return match.group(1) + text.encode() + match.group(3)


def synthesize(doc: bytes, n: int, rng: random.Random, family: random.Random, issuers: int,
               owners: int) -> tuple[str, date, bytes]:
    """Filing ``n``: ``doc`` varied; issuer and owners drawn by ``family``, the rest by ``rng``."""
    issuer_cik = f"{1_900_000 + family.randrange(issuers):010d}"
    owner_ciks = iter(f"{3_000_000 + family.randrange(owners):010d}" for _ in range(20))
    shift = timedelta(days=rng.randrange(-3000, 600))
    factor = rng.uniform(0.2, 5.0)

    def shift_date(m: re.Match[bytes]) -> bytes:
        try:
            moved = date(int(m.group(1)), int(m.group(2)), int(m.group(3))) + shift
        except ValueError:
            return m.group(0)
        return moved.isoformat().encode()

    out = re.sub(rb"<issuerCik>\s*\d+\s*</issuerCik>", f"<issuerCik>{issuer_cik}</issuerCik>".encode(), doc)
    out = re.sub(rb"<rptOwnerCik>\s*\d+\s*</rptOwnerCik>", lambda _m: f"<rptOwnerCik>{next(owner_ciks)}</rptOwnerCik>".encode(), out)
    out = _DATE.sub(shift_date, out)
    out = _AMOUNT.sub(lambda m: _scale(m, factor, 0), out)
    out = _PRICE.sub(lambda m: _scale(m, rng.uniform(0.5, 2.0), 4), out)
    accession = f"{9_000_000_000 + n // 1_000_000:010d}-{(20 + n // 1_000_000) % 100:02d}-{n % 1_000_000:06d}"
    filed = date(2024, 1, 2) + timedelta(days=n % 700)
    return accession, filed, out


def submission_text(accession: str, filed: date, document: bytes) -> bytes:
    header = (
        f"<SEC-DOCUMENT>{accession}.txt : {filed:%Y%m%d}\n<SEC-HEADER>{accession}.hdr.sgml : {filed:%Y%m%d}\n"
        f"ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\t4\nPUBLIC DOCUMENT COUNT:\t\t1\n"
        f"FILED AS OF DATE:\t\t{filed:%Y%m%d}\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>4\n<SEQUENCE>1\n<TEXT>\n<XML>\n"
    ).encode()
    return header + document + b"\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"


def generate(count: int, out: Path, seed: int = 7, issuers: int | None = None, owners: int | None = None) -> Path:
    """Write ``count`` synthetic submissions under ``out`` (skipped when already there); return ``out``."""
    marker = out / f".complete-{count}-{seed}-families"
    if marker.exists():
        return out
    rng = random.Random(seed)
    docs = corpus_documents()
    issuers = issuers or max(50, count // 40)
    owners = owners or max(200, count // 20)
    families = max(1, count // (len(docs) * 40))
    for n in range(count):
        family = random.Random(f"{seed}/{n % len(docs)}/{n // len(docs) % families}")
        accession, filed, doc = synthesize(docs[n % len(docs)], n, rng, family, issuers, owners)
        folder = out / f"{n // 1000:05d}"
        if n % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{accession}.txt").write_bytes(submission_text(accession, filed, doc))
    marker.touch()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.count, args.output, args.seed)
    print(f"{args.count} synthetic submissions in {args.output}")


if __name__ == "__main__":
    main()
