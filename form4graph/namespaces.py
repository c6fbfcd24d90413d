"""The ontology's terms as closed namespaces: ``F4G.shares`` is an IRI string, ``F4G.shars`` raises.

The term lists here are checked against ``ontology/form4graph.ttl`` and ``ontology/codes.ttl`` by
``tests/test_ontology.py`` (both directions), so a typo in code or in Turtle fails a test. Plain
strings, not rdflib terms: the mapping writes N-Quads text on the hot path.
"""

from __future__ import annotations

BASE = "https://w3id.org/form4graph/"
ONTOLOGY = BASE + "ont#"
CODE = BASE + "code/"
ID = BASE + "id/"
DERIVED_GRAPH = ID + "graph/derived"
"""The named graph that holds what ``resolve`` derives (entities, control edges, supersession)."""

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"

CLASSES = (
    "Party", "Person", "Entity", "Organization", "Company", "LimitedLiabilityCompany", "LimitedPartnership",
    "Fund", "Trust", "Foundation", "RetirementAccount", "FamilyMember", "UnnamedParty", "Issuer",
    "Security", "NonDerivativeSecurity", "DerivativeSecurity",
    "Filing", "Form3", "Form4", "Form5", "Amendment",
    "ReportedLine", "Transaction", "Holding", "NonDerivativeTransaction", "DerivativeTransaction",
    "NonDerivativeHolding", "DerivativeHolding",
    "Footnote", "FootnoteCitation", "Signature", "Address", "InsiderRelationship",
    "IndirectInterest", "ControlRelationship", "ControlEdge",
)

PROPERTIES = (
    # filing
    "accessionNumber", "documentType", "schemaVersion", "periodOfReport", "filingDate", "dateOfOriginalSubmission",
    "noSecuritiesOwned", "notSubjectToSection16", "form3HoldingsReported", "form4TransactionsReported",
    "aff10b5One", "remarks", "issuer", "reportingOwner", "filer", "line", "footnote", "signature",
    "relationship", "parseWarning", "contentDigest", "reportedIn",
    # parties and issuers
    "cik", "name", "tradingSymbol", "foreignTradingSymbol",
    # insider relationship and address
    "insider", "role", "officerTitle", "otherText", "address",
    "street1", "street2", "city", "state", "zipCode", "stateDescription",
    # table lines
    "position", "owner", "security", "securityTitle", "transactionDate", "deemedExecutionDate",
    "transactionFormType", "transactionCode", "equitySwapInvolved", "timeliness", "shares", "totalValue",
    "pricePerShare", "acquiredDisposed", "sharesOwnedFollowing", "valueOwnedFollowing", "ownershipForm",
    "natureOfOwnership", "conversionOrExercisePrice", "exerciseDate", "expirationDate", "underlyingSecurity",
    "underlyingSecurityTitle", "underlyingShares", "underlyingValue", "citation",
    # securities
    "title", "issuedBy", "underlying",
    # footnotes and signatures
    "annotatedProperty", "footnoteId", "text", "signatureName", "signatureDate",
    # indirect ownership and control (written by resolve/)
    "through", "controls", "controller", "controlled", "controlRole", "evidenceFootnote", "evidenceText",
    "rule", "confidence", "disclaimsBeneficialOwnership", "nameAsReported", "identityBasis", "interestOwner",
    "holdsSecuritiesOf", "statementCount", "controlEdge",
    "indirectInterest", "ownershipNature", "preferredName", "graphDigest",
    # materialised at ingest for portable queries (deadlines, windows), and amendments
    "reportDate", "dueDate", "businessDaysLate", "dayNumber", "amends",
)


class ClosedNamespace:
    """Attribute access to a fixed set of terms; an unknown name raises ``AttributeError``."""

    def __init__(self, base: str, names: tuple[str, ...]) -> None:
        self._base = base
        self._terms = {name: base + name for name in names}
        if len(self._terms) != len(names):
            raise ValueError(f"duplicate term in namespace {base}")

    def __getattr__(self, name: str) -> str:
        try:
            return self.__dict__["_terms"][name]
        except KeyError:
            raise AttributeError(f"{name!r} is not a term of {self.__dict__['_base']}") from None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._terms.values())

    def __contains__(self, iri: object) -> bool:
        return iri in self._terms.values()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._terms)


F4G = ClosedNamespace(ONTOLOGY, CLASSES + PROPERTIES)

# Code lists (SKOS concepts in ontology/codes.ttl): scheme name -> notations.
TRANSACTION_CODES = "ACDEFGHIJKLMOPSUWXZ"
CODE_SCHEMES: dict[str, tuple[str, ...]] = {
    "transaction": (*TRANSACTION_CODES, "V"),
    "acquired-disposed": ("A", "D"),
    "ownership-form": ("D", "I"),
    "timeliness": ("E", "L"),
    "role": ("director", "officer", "ten-percent-owner", "other"),
    "ownership-nature": (
        "company", "llc", "limited-partnership", "fund", "trust", "foundation", "spouse", "child",
        "family-member", "retirement-account", "custodian", "employee-plan", "unnamed",
    ),
}


def code(scheme: str, notation: str) -> str:
    """The IRI of a code-list concept, e.g. ``code("transaction", "P")``; unknown codes raise ``KeyError``."""
    if notation not in CODE_SCHEMES[scheme]:
        raise KeyError(f"{notation!r} is not in the {scheme} code list")
    return f"{CODE}{scheme}/{notation}"
