"""Amendments: which original filing each Form 3/A, 4/A or 5/A restates.

EDGAR does not link an amendment to its original (the data sets carry only the date of original
submission). The original is the filing of the same base form, issuer and (overlapping) reporting
owners that was made on the amendment's date of original submission; when several match, the one of
the latest period is taken. Current-state queries then ignore the amended filing's facts.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from form4graph.store import Store

FILINGS = """PREFIX f4g: <https://w3id.org/form4graph/ont#>
SELECT ?f ?type ?issuer ?owner ?reported ?period ?original_date WHERE { GRAPH ?f {
  ?f f4g:documentType ?type ; f4g:issuer ?issuer ; f4g:reportingOwner ?owner .
  OPTIONAL { ?f f4g:reportDate ?reported } OPTIONAL { ?f f4g:periodOfReport ?period }
  OPTIONAL { ?f f4g:dateOfOriginalSubmission ?original_date } } }"""


def find_amended(store: Store) -> list[tuple[str, str]]:
    """(amendment, original) pairs for every amendment whose original is in the store."""
    filings: dict[str, dict[str, object]] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    for row in store.query(FILINGS).rows:
        iri = str(row["f"])
        filings[iri] = dict(row)
        owners[iri].add(str(row["owner"]))
    by_issuer: dict[str, list[str]] = defaultdict(list)
    for iri, info in filings.items():
        by_issuer[str(info["issuer"])].append(iri)
    pairs = []
    for iri, facts in sorted(filings.items()):
        kind = str(facts["type"])
        original_date = facts["original_date"]
        if not kind.endswith("/A") or not isinstance(original_date, date):
            continue
        candidates = [
            other for other in by_issuer[str(facts["issuer"])]
            if other != iri and str(filings[other]["type"]).removesuffix("/A") == kind.removesuffix("/A")
            and owners[other] & owners[iri] and filings[other]["reported"] == original_date
        ]
        if candidates:
            original = max(candidates, key=lambda c: (str(filings[c]["period"] or ""), c))
            pairs.append((iri, original))
    return pairs
