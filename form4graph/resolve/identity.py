"""Who a name in text is: a co-reporting owner of the same filing, a party with a CIK elsewhere in the
store, or a party known only by its normalised name. Family vehicles stay scoped to their owner."""

from __future__ import annotations

import re
from dataclasses import dataclass

from form4graph import iris
from form4graph.names import normalise_name, party_kind
from form4graph.resolve.control import REPORTING_PERSON

_SUFFIX_TOKENS = {"jr", "sr", "ii", "iii", "iv", "v"}


@dataclass(frozen=True, slots=True)
class Owner:
    iri: str
    cik: str | None
    name: str

    @property
    def is_person(self) -> bool:
        return party_kind(self.name) == "Person"


@dataclass(frozen=True, slots=True)
class Identity:
    iri: str
    basis: str  # "reporting owner", "co-reporting owner", "CIK party of the same name", "normalised name", ...
    minted: bool  # True when the resolver mints this party (no CIK, not a reporting owner)


def _tokens(name: str) -> frozenset[str]:
    return frozenset(normalise_name(name).split())


def identity_keys(name: str) -> list[str]:
    """Keys under which a name is looked up across filings: the normalised name and, for a person,
    the sorted words of it (EDGAR's "ROYAN AJAY" and a footnote's "Ajay Royan" agree)."""
    key = normalise_name(name)
    keys = [key] if key else []
    if party_kind(name) == "Person" and len(key.split()) >= 2:
        keys.append("person:" + " ".join(sorted(key.split())))
    return keys


def natural_name(name: str) -> str:
    """"Milton C. Ault, III" -> "Milton C. Ault III": a comma before a generational suffix dropped."""
    return re.sub(r",\s*(Jr\.?|Sr\.?|II|III|IV|V)\b", r" \1", " ".join(name.split()))


class FilingIdentities:
    """Resolves names within one filing."""

    def __init__(self, owners: list[Owner], known: dict[str, str]) -> None:
        self.owners = owners
        self.known = known  # normalised name -> IRI of a CIK-bearing party anywhere in the store

    def reporting_person(self) -> Owner | None:
        """"The Reporting Person": the only owner, else the only natural person among the owners."""
        if len(self.owners) == 1:
            return self.owners[0]
        people = [o for o in self.owners if o.is_person]
        return people[0] if len(people) == 1 else (self.owners[0] if self.owners else None)

    def owner_named(self, name: str) -> Owner | None:
        key = normalise_name(name)
        tokens = _tokens(name)
        for owner in self.owners:
            if normalise_name(owner.name) == key:
                return owner
        for owner in self.owners:  # EDGAR writes people LAST FIRST MIDDLE; footnotes write them naturally
            if owner.is_person and len(tokens) >= 2 and tokens == _tokens(owner.name):
                return owner
        if len(tokens - _SUFFIX_TOKENS) == 1:  # "Mr. Sacks", "Royan"
            matches = [o for o in self.owners if o.is_person and tokens - _SUFFIX_TOKENS <= _tokens(o.name)]
            if len(matches) == 1:
                return matches[0]
        for owner in self.owners:
            if owner.is_person and len(tokens) >= 2 and (tokens - _SUFFIX_TOKENS) <= _tokens(owner.name) \
                    and len(tokens - _SUFFIX_TOKENS) >= 2:
                return owner  # "Milton Ault" for AULT MILTON C III
        return None

    def resolve(self, name: str) -> Identity | None:
        if name == REPORTING_PERSON:
            owner = self.reporting_person()
            return Identity(owner.iri, "reporting owner", False) if owner else None
        owner = self.owner_named(name)
        if owner:
            return Identity(owner.iri, "co-reporting owner", False)
        keys = identity_keys(name)
        if not keys:
            return None
        for key in keys:
            if key in self.known:
                return Identity(self.known[key], "CIK party of the same name", False)
        return Identity(iris.party_by_name(name), "normalised name", True)

    def vehicle(self, nature: str, owner: Owner) -> Identity:
        """An unnamed vehicle ("By Trust", "By Spouse"): one per owner, never merged across people."""
        scope = owner.cik or normalise_name(owner.name).replace(" ", "-")
        return Identity(iris.party_by_name(f"unnamed {nature}", scope_cik=scope), "unnamed, scoped to its owner", True)
