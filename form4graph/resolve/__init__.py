"""Resolution: nature-of-ownership texts and footnotes into intermediaries, control relationships and
party identities, written with their evidence into the derived graph."""

from form4graph.resolve.derive import ResolveReport, resolve_store

__all__ = ["ResolveReport", "resolve_store"]
