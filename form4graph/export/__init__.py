"""Outputs from a store: RDF dumps (and, later, networks and pictures)."""
