"""Where parameter values go in a query's text, and row limits."""

from __future__ import annotations

import pytest

from form4graph.errors import QueryError
from form4graph.sparql_text import bind_values, groups, skeleton, with_limit

QUERY = """SELECT ?a WHERE {
  VALUES ?z { 1 2 }
  { SELECT ?a WHERE { ?a <p> ?issuer . FILTER(?a != ?param_x) } }
  { ?a <q> "} ?param_x {" } UNION { ?a <r> ?issuer . FILTER(BOUND(?param_x)) }
  OPTIONAL { ?a <s> ?d # ?param_x }
  }
}"""


def test_strings_and_comments_are_blanked_at_the_same_length() -> None:
    text = skeleton(QUERY)
    assert len(text) == len(QUERY)
    assert '"} ?param_x {"' not in text and "# ?param_x" not in text and "<q>" in text


def test_groups_skip_values_data_blocks_and_know_what_they_say_themselves() -> None:
    found = groups(QUERY)
    # outer, the braces around the sub-select, its WHERE, two UNION branches, OPTIONAL (closed on the
    # next line: the comment hides its brace); not the VALUES data block
    assert len(found) == 6
    outer = max(found, key=lambda g: g[1] - g[0])
    assert "?param_x" not in outer[2] and "?issuer" not in outer[2]


def test_filtered_variables_go_into_every_group_that_uses_them_joined_ones_into_where_groups() -> None:
    text = bind_values(QUERY, {"param_x": '"v"'}, {"issuer": "<urn:i>"})
    # ?param_x: the sub-select and the UNION branch that mention it (not the string, not the comment)
    assert text.count('VALUES (?param_x) { ("v") }') == 1
    assert text.count('VALUES (?param_x ?issuer) { ("v" <urn:i>) }') == 1
    assert text.count('UNION { VALUES (?param_x) { ("v") }') == 1
    # ?issuer: the outer WHERE group (it mentions it inside) and the sub-select, not the UNION branch
    assert text.startswith('SELECT ?a WHERE { VALUES (?issuer) { (<urn:i>) }')
    assert text.count("<urn:i>") == 2


def test_an_unused_variable_and_unbalanced_braces_are_errors() -> None:
    with pytest.raises(QueryError, match=r"never uses the parameter variable\(s\) \?nope"):
        bind_values(QUERY, {"nope": '"v"'})
    with pytest.raises(QueryError, match="braces do not balance"):
        bind_values("SELECT * WHERE { ?s ?p ?param_x ", {"param_x": '"v"'})


def test_with_limit_adds_or_keeps_the_smaller_limit() -> None:
    assert with_limit("SELECT * WHERE { ?s ?p ?o }", 5).endswith("}\nLIMIT 5\n")
    assert with_limit("SELECT * WHERE { ?s ?p ?o }\nLIMIT 3", 5).endswith("LIMIT 3")
    assert with_limit("SELECT * WHERE { ?s ?p ?o }\nLIMIT 30\n", 5).endswith("}\nLIMIT 5\n")
    with pytest.raises(QueryError, match="1 or more"):
        with_limit("SELECT * WHERE { }", 0)


def test_a_parameter_read_only_by_having_is_bound_in_the_outer_where_group() -> None:
    query = "SELECT ?i (COUNT(*) AS ?n) WHERE { ?i <p> ?o } GROUP BY ?i HAVING(COUNT(*) >= ?param_min)"
    assert bind_values(query, {"param_min": "2"}).startswith("SELECT ?i (COUNT(*) AS ?n) WHERE { VALUES (?param_min) { (2) }")
