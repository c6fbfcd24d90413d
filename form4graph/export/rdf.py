"""Whole-store RDF dumps: canonical sorted N-Quads (streamed), TriG, Turtle (union of graphs), JSON-LD."""

from __future__ import annotations

from pathlib import Path

from form4graph.errors import Form4GraphError
from form4graph.store import Store

RDF_FORMATS = ("nquads", "trig", "turtle", "jsonld")
_RDFLIB_FORMAT = {"trig": "trig", "turtle": "turtle", "jsonld": "json-ld"}


def write_rdf(store: Store, path: Path, fmt: str = "nquads") -> int:
    """Write the store to ``path`` in ``fmt``; return the number of quads written."""
    if fmt not in RDF_FORMATS:
        raise Form4GraphError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    count = 0
    if fmt == "nquads":
        with path.open("w", encoding="utf-8") as out:
            for line in store.iter_nquads():
                out.write(line)
                count += 1
        return count
    from rdflib import Dataset, Graph

    dataset = Dataset()
    dataset.parse(data="".join(store.iter_nquads()), format="nquads")
    count = sum(1 for _ in dataset.quads((None, None, None, None)))
    _bind_prefixes(dataset)
    if fmt == "turtle":
        union = Graph()
        _bind_prefixes(union)
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        union.serialize(destination=str(path), format="turtle")
    else:
        dataset.serialize(destination=str(path), format=_RDFLIB_FORMAT[fmt])
    return count


def _bind_prefixes(graph: object) -> None:
    from form4graph.namespaces import CODE, ID, ONTOLOGY

    for prefix, iri in (("f4g", ONTOLOGY), ("f4gcode", CODE), ("f4gid", ID)):
        graph.bind(prefix, iri)  # type: ignore[attr-defined]
