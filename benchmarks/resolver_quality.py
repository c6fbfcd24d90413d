"""Precision and recall of the resolver against hand-labelled footnotes and nature-of-ownership texts.

The labels (tests/data/resolve_labels.jsonl, how they were made: resolve_labels.md) are the edges a
careful reader draws from real corpus footnotes, and the intermediary each indirect line is held
through. The resolver runs as it does in the pipeline: aliases gathered over the filing's footnotes in
order, "the Reporting Person" taken as the filing's reporting person.

    python benchmarks/resolver_quality.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from form4graph.model import Filing
from form4graph.names import normalise_name, party_kind
from form4graph.read import read_filing
from form4graph.resolve.control import REPORTING_PERSON, extract_statements
from form4graph.resolve.identity import FilingIdentities, Owner
from form4graph.resolve.intermediary import resolve_intermediaries
from form4graph.resolve.text import Aliases

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "resolve_labels.jsonl"
SHARED = ROOT.parent / "shared"


@dataclass(slots=True)
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    role_matches: int = 0
    disclaim_matches: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


def same_party(a: str | None, b: str | None) -> bool:
    """Names of one party: equal once normalised, the same words for a person, or one a prefix of the
    other for long trust names ("... Trust FBO Lee A. Garrett" written with or without its date)."""
    if a is None or b is None:
        return a is b
    x, y = normalise_name(a), normalise_name(b)
    if x == y:
        return True
    if party_kind(a) == "Person" and party_kind(b) == "Person" and sorted(x.split()) == sorted(y.split()):
        return True
    shorter, longer = sorted((x, y), key=len)
    return len(shorter) >= 12 and longer.startswith(shorter)


@cache
def _filing(source: str) -> Filing:
    path = SHARED / source if source.startswith("seed/") else SHARED / "corpus" / source
    return read_filing(path)


def _filing_aliases(filing: Filing, upto: str | None = None) -> Aliases:
    aliases = Aliases()
    for note in filing.footnotes:
        _statements, aliases = extract_statements(note.text, aliases)
    if filing.remarks:
        _statements, aliases = extract_statements(filing.remarks, aliases)
    return aliases


def _identities(filing: Filing) -> FilingIdentities:
    return FilingIdentities([Owner(o.cik or o.name or "", o.cik, o.name or "") for o in filing.reporting_owners], {})


def _as_owner(name: str, identities: FilingIdentities) -> str:
    """A name as the pipeline resolves it: "the Reporting Person" and "Mr. Sacks" become the owner."""
    owner = identities.reporting_person() if name == REPORTING_PERSON else identities.owner_named(name)
    return owner.name if owner else name


def score_edges(items: list[dict[str, object]]) -> Score:
    score = Score()
    for item in items:
        filing = _filing(str(item["source"]))
        aliases = _filing_aliases(filing)
        statements, _ = extract_statements(str(item["text"]), aliases)
        identities = _identities(filing)
        predicted = [(_as_owner(s.controller, identities), _as_owner(s.controlled, identities), s) for s in statements]
        wanted = list(item["edges"])  # type: ignore[call-overload]
        unmatched = list(wanted)
        for controller, controlled, statement in predicted:
            match = next((w for w in unmatched if same_party(controller, _as_owner(w["controller"], identities))
                          and same_party(controlled, _as_owner(w["controlled"], identities))), None)
            if match is None:
                score.false_positives += 1
                score.errors.append(f"FP {item['source']} {item.get('footnote_id')}: {controller} -> {controlled} "
                                    f"[{statement.role}, {statement.rule}]")
                continue
            unmatched.remove(match)
            score.true_positives += 1
            score.role_matches += statement.role == match["role"] or statement.role.endswith(match["role"])
            score.disclaim_matches += statement.disclaims == match["disclaims"]
        for missed in unmatched:
            score.false_negatives += 1
            score.errors.append(f"FN {item['source']} {item.get('footnote_id')}: {missed['controller']} -> "
                                f"{missed['controlled']} [{missed['role']}]")
    return score


def score_intermediaries(items: list[dict[str, object]]) -> Score:
    score = Score()
    for item in items:
        filing = _filing(str(item["source"]))
        footnotes = [(f"L{n}", str(text)) for n, text in enumerate(item["footnotes"], start=1)]  # type: ignore[arg-type]
        found = resolve_intermediaries(str(item["nature"]), footnotes, _filing_aliases(filing))
        label = item["intermediary"]
        first = found[0] if found else None
        if first is not None and first.nature == label["type"] and same_party(first.name, label["name"]):  # type: ignore[index]
            score.true_positives += 1
            continue
        score.errors.append(f"{item['source']} {item['nature']!r}: got {first and (first.name, first.nature)}, "
                            f"want {(label['name'], label['type'])}")  # type: ignore[index]
        if first is not None and first.nature != "unnamed":
            score.false_positives += 1
        score.false_negatives += 1
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    items = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    edges = score_edges([i for i in items if i["kind"] == "footnote"])
    natures = score_intermediaries([i for i in items if i["kind"] == "nature"])
    labelled = sum(len(i["edges"]) for i in items if i["kind"] == "footnote")
    print(f"labels: {len(items)} items ({labelled} control edges, "
          f"{sum(1 for i in items if i['kind'] == 'nature')} nature-of-ownership texts)")
    print(f"{'what':<28}{'precision':>10}{'recall':>8}{'TP':>6}{'FP':>6}{'FN':>6}")
    for name, score in (("control edges", edges), ("intermediaries", natures)):
        print(f"{name:<28}{score.precision:>10.3f}{score.recall:>8.3f}{score.true_positives:>6}"
              f"{score.false_positives:>6}{score.false_negatives:>6}")
    if edges.true_positives:
        print(f"on matched edges: role agrees {edges.role_matches / edges.true_positives:.3f}, "
              f"disclaimer agrees {edges.disclaim_matches / edges.true_positives:.3f}")
    if args.verbose:
        print("\n".join(edges.errors + natures.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
