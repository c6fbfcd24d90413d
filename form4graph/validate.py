"""SHACL validation of a store against ``ontology/shapes.ttl`` (with the ontology and code lists)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from form4graph.store import Store


def ontology_dir() -> Path:
    checkout = Path(__file__).resolve().parent.parent / "ontology"
    if checkout.is_dir():
        return checkout
    from importlib import resources

    return Path(str(resources.files("form4graph") / "ontology"))


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    text: str
    violations: int


def validate_store(store: Store) -> ValidationReport:
    """Run the shapes over the union of the store's graphs."""
    from pyshacl import validate
    from rdflib import Dataset, Graph

    dataset = Dataset()
    dataset.parse(data="".join(store.iter_nquads()), format="nquads")
    data = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    folder = ontology_dir()
    shapes = Graph().parse(folder / "shapes.ttl", format="turtle")
    ontology = Graph().parse(folder / "form4graph.ttl", format="turtle")
    ontology.parse(folder / "codes.ttl", format="turtle")
    for triple in Graph().parse(folder / "codes.ttl", format="turtle"):
        data.add(triple)
    conforms, results, text = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                       allow_warnings=True)
    from rdflib.namespace import SH

    violations = sum(1 for _ in results.subjects(predicate=SH.resultSeverity, object=SH.Violation))
    return ValidationReport(bool(conforms), str(text), violations)
