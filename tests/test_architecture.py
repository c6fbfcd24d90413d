"""The layering of ARCHITECTURE §2: model and readers know no RDF, the mapping knows no XML."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "form4graph"
RDF_LIBRARIES = {"rdflib", "pyoxigraph", "SPARQLWrapper", "pyshacl"}
XML_LIBRARIES = {"lxml", "xml", "defusedxml", "html"}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_model_imports_nothing_else_from_form4graph_and_no_rdf_or_xml() -> None:
    imports = _imports(PACKAGE / "model.py")
    assert not {i for i in imports if i.startswith("form4graph")}
    assert not {i.split(".")[0] for i in imports} & (RDF_LIBRARIES | XML_LIBRARIES)


def test_readers_import_no_rdf_library() -> None:
    for path in (PACKAGE / "read").glob("*.py"):
        assert not {i.split(".")[0] for i in _imports(path)} & RDF_LIBRARIES, path.name


def test_mapping_imports_no_xml_library_and_no_store() -> None:
    for name in ("mapping.py", "iris.py", "nquads.py", "names.py", "namespaces.py"):
        imports = _imports(PACKAGE / name)
        assert not {i.split(".")[0] for i in imports} & XML_LIBRARIES, name
        assert "form4graph.store" not in imports and "form4graph.read" not in imports, name


def test_store_knows_rdf_not_filings() -> None:
    imports = _imports(PACKAGE / "store.py")
    assert not {"form4graph.model", "form4graph.mapping", "form4graph.read"} & imports


def test_modules_stay_small() -> None:
    for path in PACKAGE.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 450, f"{path.relative_to(PACKAGE)} has {lines} lines; split it by noun"


def test_every_ontology_term_is_used_by_the_mapping_the_resolver_the_store_or_a_query() -> None:
    """A term nobody writes or reads is dead weight in the ontology (issue: every term is exercised)."""
    import re

    from form4graph.names import _KINDS
    from form4graph.namespaces import F4G
    from form4graph.resolve.derive import VEHICLE_CLASS

    source = "".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    queries = "".join(p.read_text(encoding="utf-8") for p in (PACKAGE.parent / "queries").glob("*.rq"))
    dynamic = {kind for _pattern, kind in _KINDS} | set(VEHICLE_CLASS.values()) | {"Person", "Entity"}
    unused = [name for name in F4G.names
              if not re.search(rf"F4G\.{name}\b", source) and not re.search(rf"f4g:{name}\b", queries)
              and name not in dynamic]
    assert unused == []
