"""The one exception hierarchy of form4graph. Messages name the input and say what to do next."""

from __future__ import annotations


class Form4GraphError(Exception):
    """Base class of every error form4graph raises on purpose."""


class InputError(Form4GraphError):
    """An input could not be read as an ownership filing. ``source`` names the file."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class NotXMLError(InputError):
    """The input is not well-formed XML (or is truncated)."""


class NotOwnershipDocumentError(InputError):
    """The input is XML or an EDGAR submission, but holds no ownershipDocument."""


class UnsafeXMLError(InputError):
    """The input declares a DTD or entities (an XML bomb or external-entity attempt); refused unread."""


class InvalidValueError(InputError):
    """A field holds a value that is not what the specification allows (a number, a date, a flag)."""


class InputTooLargeError(InputError):
    """The input exceeds the documented size limit."""


class StoreError(Form4GraphError):
    """The triple store could not be opened, read or written."""


class StoreInUseError(StoreError):
    """Another process holds the embedded store for writing."""


class QueryError(Form4GraphError):
    """A named query is unknown, or its parameters are missing, unknown or of the wrong type."""
