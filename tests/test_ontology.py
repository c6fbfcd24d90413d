"""The ontology files against ``form4graph.namespaces`` (both directions), and the SHACL shapes on small graphs.

* ``ontology/form4graph.ttl`` defines exactly the terms of ``namespaces.F4G``, each with an English label and
  definition, and aligns only to verified external terms;
* ``ontology/codes.ttl`` holds exactly the concepts of ``namespaces.CODE_SCHEMES`` at ``namespaces.code()``;
* ``ontology/shapes.ttl`` accepts a small hand-written Form 4 graph and rejects broken variants of it, with a
  message a user can act on; its code lists match ``CODE_SCHEMES``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD

from form4graph import namespaces
from form4graph.model import DOCUMENT_TYPES

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
FILES = ("form4graph.ttl", "codes.ttl", "shapes.ttl")
F4G = namespaces.ONTOLOGY
OWN = namespaces.BASE  # ontology, code lists, shapes, data: everything under https://w3id.org/form4graph/

# Namespaces an IRI outside our own may use. rdflib ships closed term lists for the W3C ones, so a typo in
# a local name fails too; the others are listed term by term in VERIFIED_TERMS.
CLOSED_NAMESPACES = (RDF, RDFS, OWL, XSD, SKOS, SH, DCTERMS, PROV, ORG, FOAF, SDO)
VCARD = "http://www.w3.org/2006/vcard/ns#"
WDT = "http://www.wikidata.org/prop/direct/"
CMNS_PTS = "https://www.omg.org/spec/Commons/PartiesAndSituations/"
CMNS_ORG = "https://www.omg.org/spec/Commons/Organizations/"
FIBO = "https://spec.edmcouncil.org/fibo/ontology/"
BODS = "https://vocab.openownership.org/terms#"
BODS_CODES = "https://standard.openownership.org/codelists#"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
SEC_CODES_PAGE = "https://www.sec.gov/edgar/searchedgar/ownershipformcodes.html"
OPEN_NAMESPACES = (VCARD, WDT, CMNS_PTS, CMNS_ORG, FIBO, BODS, BODS_CODES)

# External terms checked in research/ontology.md (§1.2-1.3 FIBO/Commons from the 20250301 snapshot, §2.6 BODS
# 0.4 RDF draft, §2.7 Wikidata), plus the W3C vCard terms. Add a term here only after checking its source.
VERIFIED_TERMS = {
    CMNS_PTS + "Party",
    CMNS_ORG + "Organization",
    CMNS_ORG + "LegalEntity",
    FIBO + "FND/AgentsAndPeople/People/Person",
    FIBO + "FND/Relations/Relations/controls",
    FIBO + "FND/Relations/Relations/isIssuedBy",
    FIBO + "FND/OwnershipAndControl/Control/Control",
    FIBO + "BE/OwnershipAndControl/CorporateOwnership/BeneficialOwnership",
    FIBO + "BE/OwnershipAndControl/Executives/BoardMember",
    FIBO + "BE/OwnershipAndControl/Executives/CorporateOfficer",
    FIBO + "BE/OwnershipAndControl/CorporateControl/SignificantShareholder",
    FIBO + "BE/LegalEntities/CorporateBodies/Corporation",
    FIBO + "FBC/FinancialInstruments/FinancialInstruments/Issuer",
    FIBO + "FBC/FinancialInstruments/FinancialInstruments/Security",
    FIBO + "FBC/FinancialInstruments/FinancialInstruments/EquityInstrument",
    FIBO + "FBC/FinancialInstruments/FinancialInstruments/DerivativeInstrument",
    FIBO + "FBC/FinancialInstruments/FinancialInstruments/SecuritiesTransaction",
    FIBO + "FBC/FinancialInstruments/FinancialInstruments/hasUnderlier",
    BODS + "Person",
    BODS + "Entity",
    BODS + "Relationship",
    BODS + "Interest",
    BODS + "Shareholding",
    BODS + "BoardMember",
    BODS + "SeniorManagingOfficial",
    BODS + "OtherInfluenceOrControl",
    BODS + "interestedParty",
    BODS + "subject",
    BODS + "directOrIndirect",
    BODS + "details",
    BODS_CODES + "Direct",
    BODS_CODES + "Indirect",
    BODS_CODES + "Trust",
    WDT + "P5531",  # SEC Central Index Key
    WDT + "P249",  # ticker symbol
    VCARD + "Address",
    VCARD + "hasAddress",
    VCARD + "street-address",
    VCARD + "locality",
    VCARD + "region",
    VCARD + "postal-code",
}
OTHER_IRIS = {CC_BY, SEC_CODES_PAGE}

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@cache
def load(name: str) -> Graph:
    return Graph().parse(ONTOLOGY_DIR / name, format="turtle")


def ontology() -> Graph:
    return load("form4graph.ttl")


def codes() -> Graph:
    return load("codes.ttl")


def shapes() -> Graph:
    return load("shapes.ttl")


def defined_terms(graph: Graph) -> set[str]:
    return {
        str(s)
        for kind in TERM_TYPES
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(F4G)
    }


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return [o for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == "en" and str(o)]


def difference_message(what: str, missing: set[str], extra: set[str]) -> str:
    lines = [f"{what} differ:"]
    if missing:
        lines.append("  missing: " + ", ".join(sorted(missing)))
    if extra:
        lines.append("  extra:   " + ", ".join(sorted(extra)))
    return "\n".join(lines)


# --- (a) the files parse ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_file_parses(name: str) -> None:
    graph = load(name)
    assert len(graph) > 50, f"{name} parsed to only {len(graph)} triples"


def test_ontology_header() -> None:
    header = URIRef("https://w3id.org/form4graph/ont")
    graph = ontology()
    assert (header, RDF.type, OWL.Ontology) in graph
    assert graph.value(header, OWL.versionInfo) is not None
    assert english(graph, header, DCTERMS.title)
    assert english(graph, header, DCTERMS.description)
    assert (header, DCTERMS.license, URIRef(CC_BY)) in graph
    assert str(graph.value(header, DCTERMS.creator)) == "form4graph"


# --- (b) the terms are exactly namespaces.F4G ------------------------------------------------------------


def test_defined_terms_match_namespaces() -> None:
    expected = set(namespaces.F4G)
    defined = defined_terms(ontology())
    assert defined == expected, difference_message(
        "ontology/form4graph.ttl terms and namespaces.F4G", expected - defined, defined - expected
    )


def test_classes_are_classes_and_properties_are_properties() -> None:
    graph = ontology()
    not_classes = {n for n in namespaces.CLASSES if (URIRef(F4G + n), RDF.type, OWL.Class) not in graph}
    not_properties = {
        n
        for n in namespaces.PROPERTIES
        if not {OWL.ObjectProperty, OWL.DatatypeProperty} & set(graph.objects(URIRef(F4G + n), RDF.type))
    }
    assert not not_classes, f"in CLASSES but not an owl:Class: {sorted(not_classes)}"
    assert not not_properties, f"in PROPERTIES but not an owl:ObjectProperty/DatatypeProperty: {sorted(not_properties)}"


def test_nothing_else_in_the_f4g_namespace() -> None:
    """Every f4g: IRI that any of the three files mentions is a term of namespaces.F4G (typos show here)."""
    expected = set(namespaces.F4G)
    used = {
        str(term)
        for name in FILES
        for triple in load(name)
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(F4G)
    }
    assert used <= expected, f"f4g: IRIs that are not terms of namespaces.F4G: {sorted(used - expected)}"
    assert not defined_terms(codes()) and not defined_terms(shapes()), "only form4graph.ttl may define f4g: terms"


# --- (c) labels, definitions, ranges ---------------------------------------------------------------------


def test_every_term_has_english_label_and_definition() -> None:
    graph = ontology()
    unlabelled = sorted(t for t in namespaces.F4G if not english(graph, URIRef(t), RDFS.label))
    undefined = sorted(t for t in namespaces.F4G if not english(graph, URIRef(t), SKOS.definition))
    assert not unlabelled, f"terms without an English rdfs:label: {unlabelled}"
    assert not undefined, f"terms without an English skos:definition: {undefined}"


def test_every_property_has_a_range() -> None:
    graph = ontology()
    missing = sorted(n for n in namespaces.PROPERTIES if graph.value(URIRef(F4G + n), RDFS.range) is None)
    assert not missing, f"properties without rdfs:range: {missing}"


def test_controls_is_not_transitive() -> None:
    graph = ontology()
    assert (URIRef(namespaces.F4G.controls), RDF.type, OWL.TransitiveProperty) not in graph


# --- (d) code lists ----------------------------------------------------------------------------------------


def expected_concepts() -> set[str]:
    return {namespaces.code(scheme, n) for scheme, notations in namespaces.CODE_SCHEMES.items() for n in notations}


@pytest.mark.parametrize("scheme", sorted(namespaces.CODE_SCHEMES))
def test_code_scheme_concepts(scheme: str) -> None:
    graph = codes()
    scheme_iri = URIRef(namespaces.CODE + scheme)
    assert (scheme_iri, RDF.type, SKOS.ConceptScheme) in graph, f"no skos:ConceptScheme {scheme_iri}"
    assert english(graph, scheme_iri, SKOS.prefLabel), f"scheme {scheme} has no English prefLabel"
    problems = []
    for notation in namespaces.CODE_SCHEMES[scheme]:
        concept = URIRef(namespaces.code(scheme, notation))
        if (concept, RDF.type, SKOS.Concept) not in graph:
            problems.append(f"{concept}: not a skos:Concept")
            continue
        if [str(n) for n in graph.objects(concept, SKOS.notation)] != [notation]:
            problems.append(f"{concept}: skos:notation is not exactly {notation!r}")
        if set(graph.objects(concept, SKOS.inScheme)) != {scheme_iri}:
            problems.append(f"{concept}: skos:inScheme is not exactly {scheme_iri}")
        if (concept, SKOS.topConceptOf, scheme_iri) not in graph:
            problems.append(f"{concept}: not skos:topConceptOf {scheme_iri}")
        if (scheme_iri, SKOS.hasTopConcept, concept) not in graph:
            problems.append(f"{scheme_iri}: no skos:hasTopConcept {concept}")
        if len(english(graph, concept, SKOS.prefLabel)) != 1:
            problems.append(f"{concept}: needs exactly one English skos:prefLabel")
        if not english(graph, concept, SKOS.definition):
            problems.append(f"{concept}: no English skos:definition")
    assert not problems, "\n".join(problems)


def test_codes_have_no_concept_outside_code_schemes() -> None:
    graph = codes()
    expected = expected_concepts()
    concepts = {str(s) for s in graph.subjects(RDF.type, SKOS.Concept)}
    in_a_scheme = {str(s) for s in graph.subjects(SKOS.inScheme, None)}
    assert concepts == expected, difference_message(
        "codes.ttl concepts and CODE_SCHEMES", expected - concepts, concepts - expected
    )
    assert in_a_scheme <= expected, f"skos:inScheme on non-concepts: {sorted(in_a_scheme - expected)}"
    schemes = {str(s) for s in graph.subjects(RDF.type, SKOS.ConceptScheme)}
    assert schemes == {namespaces.CODE + s for s in namespaces.CODE_SCHEMES}


def test_ownership_nature_concepts_have_example_wordings() -> None:
    graph = codes()
    bare = [
        n
        for n in namespaces.CODE_SCHEMES["ownership-nature"]
        if not english(graph, URIRef(namespaces.code("ownership-nature", n)), SKOS.altLabel)
    ]
    assert not bare, f"ownership-nature concepts without altLabel examples: {bare}"
    labels = {str(o) for o in graph.objects(None, SKOS.altLabel)}
    assert {"By Spouse", "By Trust", "By 401(k) Plan", "By IRA", "See footnote"} <= labels


# --- (e) shapes --------------------------------------------------------------------------------------------


def sh_in_values(path: str) -> list[set[object]]:
    """The sh:in lists of every property shape in shapes.ttl whose sh:path is ``path``."""
    graph = shapes()
    return [
        set(Collection(graph, graph.value(shape, SH["in"])))
        for shape in graph.subjects(SH.path, URIRef(path))
        if graph.value(shape, SH["in"]) is not None
    ]


@pytest.mark.parametrize(
    ("prop", "scheme", "excluded"),
    [
        ("transactionCode", "transaction", {"V"}),  # V is the "voluntarily reported" mark: timeliness E
        ("acquiredDisposed", "acquired-disposed", set()),
        ("ownershipForm", "ownership-form", set()),
        ("timeliness", "timeliness", set()),
        ("role", "role", set()),
    ],
)
def test_shape_code_lists_match_code_schemes(prop: str, scheme: str, excluded: set[str]) -> None:
    expected = {URIRef(namespaces.code(scheme, n)) for n in namespaces.CODE_SCHEMES[scheme] if n not in excluded}
    lists = sh_in_values(F4G + prop)
    assert lists, f"no sh:in constraint on f4g:{prop} in shapes.ttl"
    for values in lists:
        assert values == expected, difference_message(
            f"sh:in of f4g:{prop} and the {scheme} scheme", expected - values, values - expected
        )


def test_shape_document_types_match_model() -> None:
    lists = sh_in_values(namespaces.F4G.documentType)
    assert len(lists) == 1, "expected one sh:in list on f4g:documentType"
    plain = {Literal(t) for t in DOCUMENT_TYPES}
    assert lists[0] == plain | {Literal(t, datatype=XSD.string) for t in DOCUMENT_TYPES}


@pytest.mark.parametrize("literal", [Literal("4/A"), Literal("4/A", datatype=XSD.string)])
def test_document_type_plain_or_typed_string_conforms(literal: Literal) -> None:
    graph = data_graph()
    filing = URIRef(FILING)
    graph.set((filing, f4g("documentType"), literal))
    graph.add((filing, RDF.type, f4g("Amendment")))
    conforms, _, text = run_shacl(graph)
    assert conforms, text


def test_shapes_graph_is_valid_shacl() -> None:
    """shapes.ttl passes SHACL-for-SHACL (pyshacl's meta_shacl), and every shape says what it checks."""
    conforms, _, text = validate(data_graph(), shacl_graph=shapes(), meta_shacl=True)
    assert conforms, text
    graph = shapes()
    node_shapes = set(graph.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 20
    for shape in node_shapes:
        assert english(graph, shape, RDFS.label), f"{shape} has no English label"
    for shape in set(graph.objects(None, SH.property)):
        assert english(graph, shape, SH.message), f"a property shape on {graph.value(shape, SH.path)} has no message"


FILING = "https://w3id.org/form4graph/id/filing/0001234567-24-000123"
LINE = f"<{FILING}/ndt/1>"
OWNER = "<https://w3id.org/form4graph/id/cik/0000000001>"

CONFORMING = f"""
@prefix f4g:  <https://w3id.org/form4graph/ont#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix cik:  <https://w3id.org/form4graph/id/cik/> .
@prefix tx:   <https://w3id.org/form4graph/code/transaction/> .
@prefix ad:   <https://w3id.org/form4graph/code/acquired-disposed/> .
@prefix form: <https://w3id.org/form4graph/code/ownership-form/> .
@prefix role: <https://w3id.org/form4graph/code/role/> .
@prefix fil:  <{FILING}/> .

<{FILING}> a f4g:Filing, f4g:Form4 ;
    f4g:accessionNumber "0001234567-24-000123" ;
    f4g:documentType "4" ;
    f4g:schemaVersion "X0508" ;
    f4g:periodOfReport "2024-03-01"^^xsd:date ;
    f4g:filingDate "2024-03-04"^^xsd:date ;
    f4g:notSubjectToSection16 false ;
    f4g:aff10b5One true ;
    f4g:issuer cik:0000000100 ;
    f4g:reportingOwner cik:0000000001 ;
    f4g:filer cik:0000000001 ;
    f4g:relationship fil:rel-0000000001 ;
    f4g:line fil:ndt\\/1, fil:dh\\/1 ;
    f4g:footnote fil:footnote\\/F1, fil:footnote\\/F2 ;
    f4g:signature fil:signature\\/1 .

cik:0000000100 a f4g:Issuer ;
    f4g:cik "0000000100" ; f4g:name "ACME CORP" ; f4g:tradingSymbol "ACME" .

cik:0000000001 a f4g:Party, f4g:Person ;
    f4g:cik "0000000001" ; f4g:name "DOE JANE" .

fil:rel-0000000001 a f4g:InsiderRelationship ;
    f4g:insider cik:0000000001 ; f4g:issuer cik:0000000100 ; f4g:reportedIn <{FILING}> ;
    f4g:role role:director, role:officer ; f4g:officerTitle "Chief Executive Officer" ;
    f4g:address fil:rel-0000000001-address .

fil:rel-0000000001-address a f4g:Address ;
    f4g:street1 "1 MAIN STREET" ; f4g:city "SAN FRANCISCO" ; f4g:state "CA" ; f4g:zipCode "94105" .

fil:ndt\\/1 a f4g:NonDerivativeTransaction ;
    f4g:position 1 ;
    f4g:reportedIn <{FILING}> ;
    f4g:owner cik:0000000001 ;
    f4g:issuer cik:0000000100 ;
    f4g:security cik:0000000100\\/security\\/common-stock ;
    f4g:securityTitle "Common Stock" ;
    f4g:transactionDate "2024-03-01"^^xsd:date ;
    f4g:transactionFormType "4" ;
    f4g:transactionCode tx:P ;
    f4g:equitySwapInvolved false ;
    f4g:shares "1000"^^xsd:decimal ;
    f4g:pricePerShare "12.34"^^xsd:decimal ;
    f4g:acquiredDisposed ad:A ;
    f4g:sharesOwnedFollowing "5000"^^xsd:decimal ;
    f4g:ownershipForm form:I ;
    f4g:natureOfOwnership "By Doe Family Trust" ;
    f4g:citation fil:ndt\\/1\\/citation\\/pricePerShare-F1 .

fil:ndt\\/1\\/citation\\/pricePerShare-F1 a f4g:FootnoteCitation ;
    f4g:annotatedProperty f4g:pricePerShare ; f4g:footnote fil:footnote\\/F1 .

fil:dh\\/1 a f4g:DerivativeHolding ;
    f4g:position 1 ;
    f4g:reportedIn <{FILING}> ;
    f4g:owner cik:0000000001 ;
    f4g:issuer cik:0000000100 ;
    f4g:security cik:0000000100\\/security\\/stock-option-10.00-2034-01-31 ;
    f4g:securityTitle "Stock Option (right to buy)" ;
    f4g:conversionOrExercisePrice "10"^^xsd:decimal ;
    f4g:expirationDate "2034-01-31"^^xsd:date ;
    f4g:underlyingSecurity cik:0000000100\\/security\\/common-stock ;
    f4g:underlyingSecurityTitle "Common Stock" ;
    f4g:underlyingShares "20000"^^xsd:decimal ;
    f4g:sharesOwnedFollowing "20000"^^xsd:decimal ;
    f4g:ownershipForm form:D .

cik:0000000100\\/security\\/common-stock a f4g:NonDerivativeSecurity ;
    f4g:title "Common Stock" ; f4g:issuedBy cik:0000000100 .

cik:0000000100\\/security\\/stock-option-10.00-2034-01-31 a f4g:DerivativeSecurity ;
    f4g:title "Stock Option (right to buy)" ; f4g:issuedBy cik:0000000100 ;
    f4g:underlying cik:0000000100\\/security\\/common-stock .

fil:footnote\\/F1 a f4g:Footnote ; f4g:footnoteId "F1" ;
    f4g:text "The price reported is a weighted average price; the shares were sold in multiple transactions." .

fil:footnote\\/F2 a f4g:Footnote ; f4g:footnoteId "F2" ;
    f4g:text "Held by the Doe Family Trust, of which the reporting person is trustee. The reporting person disclaims beneficial ownership except to the extent of her pecuniary interest." .

fil:signature\\/1 a f4g:Signature ;
    f4g:signatureName "/s/ Jane Doe" ; f4g:signatureDate "2024-03-04"^^xsd:date .

# derived graph (resolve/)
<https://w3id.org/form4graph/id/name/doe-family-trust-0000000001> a f4g:Party, f4g:Trust ;
    f4g:name "Doe Family Trust" ; f4g:nameAsReported "By Doe Family Trust" ; f4g:identityBasis "name+owner-scope" .

<https://w3id.org/form4graph/id/ii/1> a f4g:IndirectInterest ;
    f4g:interestOwner cik:0000000001 ;
    f4g:through <https://w3id.org/form4graph/id/name/doe-family-trust-0000000001> ;
    f4g:security cik:0000000100\\/security\\/common-stock ;
    f4g:natureOfOwnership "By Doe Family Trust" ;
    f4g:disclaimsBeneficialOwnership true ;
    f4g:reportedIn <{FILING}> .

<https://w3id.org/form4graph/id/control/1> a f4g:ControlRelationship ;
    f4g:controller cik:0000000001 ;
    f4g:controlled <https://w3id.org/form4graph/id/name/doe-family-trust-0000000001> ;
    f4g:controlRole "trustee" ;
    f4g:evidenceFootnote fil:footnote\\/F2 ;
    f4g:evidenceText "of which the reporting person is trustee" ;
    f4g:rule "trustee-of" ;
    f4g:confidence "0.9"^^xsd:decimal ;
    f4g:disclaimsBeneficialOwnership true ;
    f4g:reportedIn <{FILING}> .

cik:0000000001 f4g:controls <https://w3id.org/form4graph/id/name/doe-family-trust-0000000001> .
"""


def data_graph() -> Graph:
    return Graph().parse(data=CONFORMING, format="turtle")


def run_shacl(data: Graph, *, allow_warnings: bool = False) -> tuple[bool, Graph, str]:
    conforms, report, text = validate(data, shacl_graph=shapes(), allow_warnings=allow_warnings)
    return bool(conforms), report, str(text)


def messages(report: Graph) -> list[str]:
    return [str(m) for m in report.objects(None, SH.resultMessage)]


def test_conforming_graph_conforms() -> None:
    conforms, _, text = run_shacl(data_graph())
    assert conforms, text


def f4g(name: str) -> URIRef:
    return URIRef(getattr(namespaces.F4G, name))


def _set(subject: str, prop: str, value: object) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        graph.set((URIRef(subject.strip("<>")), f4g(prop), value))

    return mutate


def _remove(subject: str, *props: str) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        for prop in props:
            graph.remove((URIRef(subject.strip("<>")), f4g(prop), None))

    return mutate


def _retype(subject: str, old: str, new: str) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        node = URIRef(subject.strip("<>"))
        graph.remove((node, RDF.type, f4g(old)))
        graph.add((node, RDF.type, f4g(new)))

    return mutate


CONTROL = "https://w3id.org/form4graph/id/control/1"
INTEREST = "https://w3id.org/form4graph/id/ii/1"
TRANSACTION_CODE = "https://w3id.org/form4graph/code/transaction/"

BROKEN = {
    "cik of 3 digits": (_set(OWNER, "cik", Literal("123")), "exactly 10 digits"),
    "cik not matching IRI": (_set(OWNER, "cik", Literal("0000000002")), "does not match the party IRI"),
    "transaction without code": (_remove(LINE, "transactionCode"), "must have a transaction code"),
    "unknown transaction code": (
        _set(LINE, "transactionCode", URIRef(TRANSACTION_CODE + "Q")),
        "SEC transaction code list",
    ),
    "V used as a transaction code": (_set(LINE, "transactionCode", URIRef(TRANSACTION_CODE + "V")), "timeliness E"),
    "transaction code as a string": (_set(LINE, "transactionCode", Literal("P")), "SEC transaction code list"),
    "filing without issuer": (_remove(FILING, "issuer"), "exactly one issuer"),
    "filing without owner": (_remove(FILING, "reportingOwner"), "reporting owners"),
    "bad accession number": (_set(FILING, "accessionNumber", Literal("000123456724000123")), "accession number"),
    "unknown document type": (_set(FILING, "documentType", Literal("4A")), "document type"),
    "Form 4 with Form 3 document type": (_set(FILING, "documentType", Literal("3")), "f4g:Form4"),
    "amendment without /A": (_retype(FILING, "Form4", "Amendment"), "f4g:Amendment"),
    "issuer without CIK (warning)": (_remove("https://w3id.org/form4graph/id/cik/0000000100", "cik"), "has no CIK"),
    "relationship without role (warning)": (_remove(f"{FILING}/rel-0000000001", "role"), "No relationship box"),
    "boolean as string": (_set(FILING, "aff10b5One", Literal("1")), "xsd:boolean"),
    "date as string": (_set(FILING, "filingDate", Literal("03/04/2024")), "xsd:date"),
    "shares as double": (_set(LINE, "shares", Literal(1000.0)), "xsd:decimal"),
    "position as string": (_set(LINE, "position", Literal("1")), "position"),
    "line without owner": (_remove(LINE, "owner"), "at least one owner"),
    "line without security": (_remove(LINE, "security"), "exactly one security"),
    "line without filing": (_remove(LINE, "reportedIn"), "exactly one filing"),
    "unknown ownership form": (_set(LINE, "ownershipForm", Literal("I")), "ownership-form code list"),
    "holding with a transaction code": (
        _retype(LINE, "NonDerivativeTransaction", "NonDerivativeHolding"),
        "A holding reports no transaction",
    ),
    "unknown role": (
        _set(f"{FILING}/rel-0000000001", "role", URIRef("https://w3id.org/form4graph/code/role/ceo")),
        "role code list",
    ),
    "citation without property": (
        _remove(f"{FILING}/ndt/1/citation/pricePerShare-F1", "annotatedProperty"),
        "annotated property",
    ),
    "citation of a foreign property": (
        _set(f"{FILING}/ndt/1/citation/pricePerShare-F1", "annotatedProperty", RDFS.label),
        "form4graph property",
    ),
    "footnote id not F-number": (_set(f"{FILING}/footnote/F1", "footnoteId", Literal("1")), "F1"),
    "security without issuer": (
        _remove("https://w3id.org/form4graph/id/cik/0000000100/security/common-stock", "issuedBy"),
        "exactly one issuer (f4g:issuedBy)",
    ),
    "indirect interest without intermediary": (_remove(INTEREST, "through"), "at least one intermediary"),
    "confidence above 1": (_set(CONTROL, "confidence", Literal("1.5", datatype=XSD.decimal)), "between 0 and 1"),
    "control without rule": (_remove(CONTROL, "rule"), "extraction rule"),
    "control without evidence": (_remove(CONTROL, "evidenceFootnote", "evidenceText"), "carry its evidence"),
    "party controls itself": (_set(OWNER, "controls", URIRef(OWNER.strip("<>"))), "cannot control itself"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_graph_does_not_conform(case: str) -> None:
    mutate, expected = BROKEN[case]
    graph = data_graph()
    mutate(graph)
    conforms, report, text = run_shacl(graph)
    assert not conforms, f"{case}: the broken graph conforms"
    found = messages(report)
    assert any(expected in m for m in found), f"{case}: no message containing {expected!r} in:\n{text}"


def test_indirect_line_without_explanation_is_a_warning() -> None:
    graph = data_graph()
    graph.remove((URIRef(LINE.strip("<>")), f4g("natureOfOwnership"), None))
    conforms, report, text = run_shacl(graph)
    assert not conforms
    severities = set(report.objects(None, SH.resultSeverity))
    assert severities == {SH.Warning}, text
    assert any("through whom" in m for m in messages(report)), text
    assert run_shacl(graph, allow_warnings=True)[0], "a warning alone must not fail with allow_warnings=True"


def test_indirect_line_explained_by_a_footnote_conforms() -> None:
    graph = data_graph()
    line = URIRef(LINE.strip("<>"))
    citation = URIRef(f"{FILING}/ndt/1/citation/natureOfOwnership-F2")
    graph.remove((line, f4g("natureOfOwnership"), None))
    graph.add((line, f4g("citation"), citation))
    graph.add((citation, RDF.type, f4g("FootnoteCitation")))
    graph.add((citation, f4g("annotatedProperty"), f4g("natureOfOwnership")))
    graph.add((citation, f4g("footnote"), URIRef(f"{FILING}/footnote/F2")))
    conforms, _, text = run_shacl(graph)
    assert conforms, text


# --- (f) external IRIs -------------------------------------------------------------------------------------


def external_iris() -> set[str]:
    return {
        str(term)
        for name in FILES
        for triple in load(name)
        for term in triple
        if isinstance(term, URIRef) and not str(term).startswith(OWN)
    }


def test_external_iris_use_allowlisted_namespaces() -> None:
    allowed = tuple(str(ns._NS) for ns in CLOSED_NAMESPACES) + OPEN_NAMESPACES
    stray = sorted(i for i in external_iris() if not i.startswith(allowed) and i not in OTHER_IRIS)
    assert not stray, f"IRIs outside the allowlisted namespaces (a typo in a prefix?): {stray}"


def test_external_terms_exist() -> None:
    unknown = []
    for iri in sorted(external_iris()):
        closed = next((ns for ns in CLOSED_NAMESPACES if iri.startswith(str(ns._NS))), None)
        if closed is not None:
            if URIRef(iri) not in closed:
                unknown.append(f"{iri} (not a term of {closed._NS})")
        elif iri.startswith(OPEN_NAMESPACES) and iri not in VERIFIED_TERMS:
            unknown.append(f"{iri} (not in VERIFIED_TERMS)")
    assert not unknown, "unknown external terms:\n" + "\n".join(unknown)


def test_fibo_role_terms_are_only_close_matches() -> None:
    """Role-based FIBO terms may be skos:closeMatch targets only (research/ontology.md §1.4)."""
    role_based = {
        FIBO + "FBC/FinancialInstruments/FinancialInstruments/Issuer",
        FIBO + "BE/OwnershipAndControl/Executives/BoardMember",
        FIBO + "BE/OwnershipAndControl/Executives/CorporateOfficer",
        FIBO + "BE/OwnershipAndControl/CorporateControl/SignificantShareholder",
    }
    misused = [
        (str(s), str(p), str(o))
        for name in FILES
        for s, p, o in load(name)
        if str(o) in role_based and p != SKOS.closeMatch
    ]
    assert not misused, f"FIBO role terms used other than by skos:closeMatch: {misused}"
