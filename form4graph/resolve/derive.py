"""The resolve pass: read filings' facts from the store, derive intermediaries, control relationships
and party identities with their evidence, and replace the derived graph whole.

Running it twice changes nothing (the derived graph is a pure function of the filing graphs), and it
runs after every ingest, so a new filing updates the derived facts.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from form4graph import nquads as nt
from form4graph.names import party_kind
from form4graph.namespaces import DERIVED_GRAPH, F4G, RDF_TYPE, code
from form4graph.resolve.amendments import find_amended
from form4graph.resolve.control import Statement, extract_statements
from form4graph.resolve.identity import FilingIdentities, Identity, Owner, identity_keys, natural_name
from form4graph.resolve.intermediary import Intermediary, resolve_intermediaries
from form4graph.resolve.text import Aliases
from form4graph.store import Store

_P = "PREFIX f4g: <https://w3id.org/form4graph/ont#>\n"
OWNERS = _P + """SELECT ?f ?o ?cik ?name WHERE { GRAPH ?f { ?f f4g:reportingOwner ?o .
  OPTIONAL { ?o f4g:cik ?cik } OPTIONAL { ?o f4g:name ?name } } } ORDER BY ?f ?o"""
FOOTNOTES = _P + """SELECT ?f ?fn ?id ?text WHERE { GRAPH ?f { ?f f4g:footnote ?fn . ?fn f4g:footnoteId ?id ;
  f4g:text ?text } } ORDER BY ?f ?fn"""
REMARKS = _P + "SELECT ?f ?text WHERE { GRAPH ?f { ?f f4g:remarks ?text } } ORDER BY ?f"
INDIRECT_LINES = _P + """SELECT ?f ?line ?nature ?security ?issuer WHERE { GRAPH ?f { ?f f4g:line ?line ; f4g:issuer ?issuer .
  ?line f4g:ownershipForm <https://w3id.org/form4graph/code/ownership-form/I> ; f4g:security ?security .
  OPTIONAL { ?line f4g:natureOfOwnership ?nature } } } ORDER BY ?f ?line"""
NATURE_CITATIONS = _P + """SELECT ?line ?fn WHERE { GRAPH ?f { ?line f4g:citation ?c .
  ?c f4g:annotatedProperty f4g:natureOfOwnership ; f4g:footnote ?fn } } ORDER BY ?line ?fn"""
NAMED_PARTIES = _P + """SELECT ?p ?name (COUNT(*) AS ?n) (SAMPLE(?cik) AS ?has_cik)
  WHERE { GRAPH ?f { ?p f4g:name ?name . OPTIONAL { ?p f4g:cik ?cik } } }
  GROUP BY ?p ?name ORDER BY ?p DESC(?n) ?name"""


CONTROL_EDGE = "https://w3id.org/form4graph/id/control-edge/"

# ownership-nature notation of an unnamed vehicle -> the ontology class it also belongs to
VEHICLE_CLASS = {
    "spouse": "FamilyMember", "child": "FamilyMember", "family-member": "FamilyMember", "trust": "Trust",
    "llc": "LimitedLiabilityCompany", "limited-partnership": "LimitedPartnership", "fund": "Fund",
    "foundation": "Foundation", "retirement-account": "RetirementAccount", "employee-plan": "RetirementAccount",
    "company": "Company",
}


@dataclass(slots=True)
class ResolveReport:
    filings: int = 0
    intermediaries: int = 0
    control_relationships: int = 0
    minted_parties: int = 0
    amendments: int = 0
    quads: int = 0


@dataclass(slots=True)
class _Derived:
    triples: set[nt.Triple] = field(default_factory=set)
    names: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    natural: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    edges: dict[tuple[str, str], dict[str, str]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, s: str, p: str, o: str) -> None:
        self.triples.add((nt.iri(s), nt.iri(p), o))

    def link(self, s: str, p: str, o: str) -> None:
        self.add(s, p, nt.iri(o))


def resolve_store(store: Store) -> ResolveReport:
    """Derive the control graph from everything in ``store`` and replace its derived graph."""
    rows = _load(store)
    known: dict[str, str] = {}
    derived = _Derived()
    for row in store.query(NAMED_PARTIES).rows:
        party, name = str(row["p"]), str(row["name"])
        derived.names[party][name] += int(row["n"] or 1)  # type: ignore[arg-type]
        if row["has_cik"]:
            for key in identity_keys(name):
                known.setdefault(key, party)
    report = ResolveReport()
    for filing, facts in sorted(rows.items()):
        report.filings += 1
        _resolve_filing(filing, facts, known, derived, report)
    for amendment, original in find_amended(store):
        derived.link(amendment, F4G.amends, original)
        report.amendments += 1
    _edges(derived)
    for party, names in derived.names.items():
        preferred = derived.natural[party].most_common(1)[0][0] if derived.natural.get(party) else \
            sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        derived.add(party, F4G.preferredName, nt.string(preferred))
    identity_basis = nt.iri(F4G.identityBasis)
    report.minted_parties = sum(1 for _s, p, _o in derived.triples if p == identity_basis)
    graph = nt.named_graph(DERIVED_GRAPH, derived.triples)
    if store.digests([DERIVED_GRAPH]).get(DERIVED_GRAPH) != graph.digest:
        store.replace_graphs([graph])
    report.quads = len(graph.triples)
    return report


def _load(store: Store) -> dict[str, dict[str, list[dict[str, object]]]]:
    facts: dict[str, dict[str, list[dict[str, object]]]] = defaultdict(lambda: defaultdict(list))
    for key, query in (("owners", OWNERS), ("footnotes", FOOTNOTES), ("remarks", REMARKS), ("lines", INDIRECT_LINES)):
        for row in store.query(query).rows:
            facts[str(row["f"])][key].append(dict(row))
    citations: dict[str, list[str]] = defaultdict(list)
    for row in store.query(NATURE_CITATIONS).rows:
        citations[str(row["line"])].append(str(row["fn"]))
    for filing_facts in facts.values():
        for line in filing_facts["lines"]:
            line["citations"] = citations.get(str(line["line"]), [])
    return facts


def _resolve_filing(filing: str, facts: dict[str, list[dict[str, object]]], known: dict[str, str],
                    derived: _Derived, report: ResolveReport) -> None:
    owners = [Owner(str(r["o"]), str(r["cik"]) if r["cik"] else None, str(r["name"] or "")) for r in facts["owners"]]
    identities = FilingIdentities(owners, known)
    footnotes = {str(r["fn"]): (str(r["id"]), str(r["text"])) for r in facts["footnotes"]}
    aliases = Aliases()
    texts: list[tuple[str | None, str]] = [(fn, text) for fn, (_id, text) in sorted(footnotes.items(), key=_by_id)]
    texts += [(None, str(r["text"])) for r in facts["remarks"]]
    statements: list[tuple[str | None, Statement]] = []
    for footnote, text in texts:
        found, aliases = extract_statements(text, aliases)
        statements += [(footnote, s) for s in found]
    disclaiming: set[str] = set()
    for footnote, statement in statements:
        controller, controlled = identities.resolve(statement.controller), identities.resolve(statement.controlled)
        if controller is None or controlled is None or controller.iri == controlled.iri:
            continue
        _party(derived, controller, statement.controller)
        _party(derived, controlled, statement.controlled)
        if statement.disclaims:
            disclaiming.add(controller.iri)
        _control(derived, filing, footnote, statement, controller, controlled)
        report.control_relationships += 1
    for line in facts["lines"]:
        cited = [footnotes[fn] for fn in line["citations"] if fn in footnotes]  # type: ignore[attr-defined]
        cited_iris = {footnotes[fn][0]: fn for fn in line["citations"] if fn in footnotes}  # type: ignore[attr-defined]
        for intermediary in resolve_intermediaries(str(line["nature"]) if line["nature"] else None, cited, aliases):
            report.intermediaries += _interest(derived, filing, line, intermediary, owners, identities, disclaiming,
                                               cited_iris.get(intermediary.footnote_id or ""))


def _by_id(item: tuple[str, tuple[str, str]]) -> tuple[int, str]:
    footnote_id = item[1][0]
    digits = "".join(ch for ch in footnote_id if ch.isdigit())
    return (int(digits) if digits else 0, footnote_id)


def _party(derived: _Derived, identity: Identity, mention: str) -> None:
    if identity.minted:
        kind = party_kind(mention)
        derived.add(identity.iri, RDF_TYPE, nt.iri(F4G.Party))
        derived.add(identity.iri, RDF_TYPE, nt.iri(getattr(F4G, kind if kind != "Party" else "Entity")))
        derived.add(identity.iri, F4G.nameAsReported, nt.string(mention))
        derived.add(identity.iri, F4G.identityBasis, nt.string(identity.basis))
        derived.names[identity.iri][natural_name(mention)] += 1
    elif party_kind(mention) == "Person" and not mention.startswith("@") and len(mention.split()) >= 2:
        derived.natural[identity.iri][natural_name(mention)] += 1


def _control(derived: _Derived, filing: str, footnote: str | None, statement: Statement, controller: Identity,
             controlled: Identity) -> None:
    key = hashlib.sha1(f"{controller.iri}|{controlled.iri}|{statement.role}|{footnote}".encode()).hexdigest()[:16]
    node = f"{filing}/control/{key}"
    derived.add(node, RDF_TYPE, nt.iri(F4G.ControlRelationship))
    derived.link(node, F4G.controller, controller.iri)
    derived.link(node, F4G.controlled, controlled.iri)
    derived.link(node, F4G.reportedIn, filing)
    derived.add(node, F4G.controlRole, nt.string(statement.role))
    derived.add(node, F4G.rule, nt.string(statement.rule))
    derived.add(node, F4G.confidence, nt.decimal(Decimal(str(statement.confidence))))
    derived.add(node, F4G.evidenceText, nt.string(statement.span))
    derived.add(node, F4G.disclaimsBeneficialOwnership, nt.boolean(statement.disclaims))
    if footnote:
        derived.link(node, F4G.evidenceFootnote, footnote)
    derived.link(controller.iri, F4G.controls, controlled.iri)
    derived.edges[(controller.iri, controlled.iri)][node] = statement.span


def _edges(derived: _Derived) -> None:
    """One control edge per controller and controlled party: the steps that chains are followed over."""
    for (controller, controlled), spans in derived.edges.items():
        node = f"{CONTROL_EDGE}{hashlib.sha1(f'{controller}|{controlled}'.encode()).hexdigest()[:20]}"
        derived.add(node, RDF_TYPE, nt.iri(F4G.ControlEdge))
        derived.link(controller, F4G.controlEdge, node)
        derived.link(node, F4G.controller, controller)
        derived.link(node, F4G.controlled, controlled)
        derived.add(node, F4G.evidenceText, nt.string(min(spans.values())))
        derived.add(node, F4G.statementCount, nt.integer(len(spans)))


def _interest(derived: _Derived, filing: str, line: dict[str, object], found: Intermediary, owners: list[Owner],
              identities: FilingIdentities, disclaiming: set[str], footnote: str | None) -> int:
    written = 0
    for n, owner in enumerate(owners, start=1):
        if found.name:
            through = identities.resolve(found.name)
            if through is None:
                continue
            _party(derived, through, found.name)
        else:
            through = identities.vehicle(found.nature, owner)
            derived.add(through.iri, RDF_TYPE, nt.iri(F4G.Party))
            derived.add(through.iri, RDF_TYPE, nt.iri(F4G.UnnamedParty))
            if found.nature in VEHICLE_CLASS:
                derived.add(through.iri, RDF_TYPE, nt.iri(getattr(F4G, VEHICLE_CLASS[found.nature])))
            derived.add(through.iri, F4G.nameAsReported, nt.string(str(line["nature"] or found.nature)))
            derived.add(through.iri, F4G.identityBasis, nt.string(through.basis))
            derived.names[through.iri][f"{found.nature.replace('-', ' ')} of {owner.name}"] += 1
        if through.iri == owner.iri:
            continue  # the intermediary is this co-reporting owner itself
        node = f"{line['line']}/interest/{n}"
        derived.link(str(line["line"]), F4G.indirectInterest, node)
        derived.add(node, RDF_TYPE, nt.iri(F4G.IndirectInterest))
        derived.link(node, F4G.interestOwner, owner.iri)
        derived.link(node, F4G.through, through.iri)
        derived.link(node, F4G.security, str(line["security"]))
        derived.link(through.iri, F4G.holdsSecuritiesOf, str(line["issuer"]))
        derived.link(node, F4G.reportedIn, filing)
        derived.link(node, F4G.ownershipNature, code("ownership-nature", found.nature))
        if line["nature"]:
            derived.add(node, F4G.natureOfOwnership, nt.string(str(line["nature"])))
        derived.add(node, F4G.rule, nt.string(found.rule))
        derived.add(node, F4G.confidence, nt.decimal(Decimal(str(found.confidence))))
        derived.add(node, F4G.evidenceText, nt.string(found.span))
        derived.add(node, F4G.disclaimsBeneficialOwnership, nt.boolean(owner.iri in disclaiming))
        if footnote:
            derived.link(node, F4G.evidenceFootnote, footnote)
        written += 1
    return written
