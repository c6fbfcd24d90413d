"""SPARQL query text: find the groups of a query and put parameter values into every group that uses
them as ``VALUES`` blocks, or cap the rows with ``LIMIT``.

Only the query's own text is scanned (string literals and comments blanked first, so a brace or a
variable name inside them does not count); the values themselves are RDF terms that the caller has
already serialised and escaped, and they are inserted, never scanned or pasted into the query's syntax.
"""

from __future__ import annotations

import re

from form4graph.errors import QueryError

_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'      # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'               # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'         # IRIs (kept: they hold no braces, quotes or variables)
    r"|#[^\n]*",                          # comments
    re.DOTALL,
)
_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*$", re.IGNORECASE)


def skeleton(sparql: str) -> str:
    """The query with string contents and comments blanked (same length, so offsets line up)."""
    def blank(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith("<"):
            return token
        if token.startswith("#"):
            return " " * len(token)
        quote = 3 if token[:3] in ('"""', "'''") else 1
        inner = re.sub(r"[^\n]", " ", token[quote:-quote])
        return token[:quote] + inner + token[-quote:]
    return _TOKENS.sub(blank, sparql)


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_DATA_BLOCK = re.compile(r"VALUES\s*(?:[?$]\w+|\([^()]*\))\s*$", re.IGNORECASE)


def groups(sparql: str) -> list[tuple[int, int, str]]:
    """Every group graph pattern of the query: ``(start, end, direct)`` where ``start:end`` is the inside
    of its braces and ``direct`` is that text with the nested groups blanked (what the group itself
    says). The braces of a ``VALUES`` data block are not a group."""
    text = skeleton(sparql)
    found: list[tuple[int, int, str]] = []
    stack: list[tuple[int, list[tuple[int, int]]]] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "{" and _DATA_BLOCK.search(text, 0, position):
            close = text.find("}", position)
            if close < 0:
                raise QueryError("a VALUES block of the query is not closed")
            position = close + 1
            continue
        if char == "{":
            stack.append((position + 1, []))
        elif char == "}":
            if not stack:
                raise QueryError("the query closes a brace it never opened")
            start, children = stack.pop()
            direct = list(text[start:position])
            for child_start, child_end in children:
                direct[child_start - start:child_end - start] = " " * (child_end - child_start)
            found.append((start, position, "".join(direct)))
            if stack:
                stack[-1][1].append((start - 1, position + 1))
        position += 1
    if stack:
        raise QueryError("the query's braces do not balance")
    if not found:
        raise QueryError("the query has no { ... } group to bind parameters in")
    return found


def mentioned(sparql: str, variable: str) -> bool:
    """Whether ``?variable`` (or ``$variable``) occurs in the query outside strings and comments."""
    return _mention(variable).search(skeleton(sparql)) is not None


def _mention(variable: str) -> re.Pattern[str]:
    return re.compile(rf"[?$]{re.escape(variable)}\b")


def bind_values(sparql: str, filtered: dict[str, str], joined: dict[str, str] | None = None) -> str:
    """Put each bound variable's value into the query as one-row ``VALUES`` blocks.

    Both maps take variable names to RDF term text. A ``filtered`` variable (``?param_x``, read by
    FILTER and BIND expressions) gets a block in every group that itself mentions it, because a
    sub-select, UNION branch or OPTIONAL cannot see the bindings of the group around it. A ``joined``
    variable (a pattern variable the value stands for, such as ``?issuer``) gets one at the head of
    each ``WHERE`` group (the query's and every sub-select's) that mentions it anywhere: the engine
    then starts its joins there from an index lookup, and the groups nested in it join with that
    binding as they would with any other (a block inside a UNION branch would only slow engines down).
    """
    joined = joined or {}
    if not filtered and not joined:
        return sparql
    text = skeleton(sparql)
    patterns = {name: _mention(name) for name in [*filtered, *joined]}
    unused = [name for name, pattern in patterns.items() if not pattern.search(text)]
    if unused:
        raise QueryError(f"the query never uses the parameter variable(s) {', '.join('?' + n for n in unused)}")
    where_starts = {match.end() for match in _WHERE.finditer(text)}
    found = groups(sparql)
    outer = max(found, key=lambda group: group[1] - group[0])
    # what the query says outside every group (SELECT expressions, GROUP BY, HAVING): the outer WHERE
    # group's bindings are what those see
    outside = text[: outer[0]] + text[outer[1]:]
    inserts = []
    for start, end, direct in found:
        names = [name for name in filtered if patterns[name].search(direct)
                 or (start == outer[0] and patterns[name].search(outside))]
        if start in where_starts:
            names += [name for name in joined if patterns[name].search(text[start:end])]
        if names:
            variables = " ".join(f"?{name}" for name in names)
            terms = " ".join({**filtered, **joined}[name] for name in names)
            inserts.append((start, f" VALUES ({variables}) {{ ({terms}) }} "))
    for position, block in sorted(inserts, reverse=True):
        sparql = sparql[:position] + block + sparql[position:]
    return sparql


def with_limit(sparql: str, limit: int) -> str:
    """The query returning at most ``limit`` rows, cut by the engine (an existing smaller LIMIT stays)."""
    if limit < 1:
        raise QueryError(f"a row limit must be 1 or more, not {limit}")
    existing = _LIMIT.search(skeleton(sparql))
    if existing and int(existing.group(1)) <= limit:
        return sparql
    body = (sparql[: existing.start()] if existing else sparql).rstrip()
    return f"{body}\nLIMIT {limit}\n"
