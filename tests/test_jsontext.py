"""Indented sidecar JSON: byte for byte what json.dumps writes, for any JSON value."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse.jsontext import dumps_indented

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.text(st.characters(blacklist_categories=("Cs",)), max_size=8))
VALUES = st.recursive(
    SCALARS,
    lambda children: (st.lists(children, max_size=4) | st.lists(children, max_size=3).map(tuple)
                      | st.dictionaries(st.text(max_size=4), children, max_size=4)),
    max_leaves=30,
)


def expected(value: Any, indent: int) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent)


@settings(max_examples=400, deadline=None)
@given(value=VALUES, indent=st.sampled_from([0, 1, 2, 4]))
def test_same_text_as_json_dumps(value: Any, indent: int) -> None:
    assert dumps_indented(value, indent) == expected(value, indent)


RECORDS = st.dictionaries(st.text(max_size=3), st.lists(
    st.dictionaries(st.text(st.sampled_from('ab{}[],:"\n\\ '), max_size=3), SCALARS, max_size=4),
    max_size=5), max_size=3)


@settings(max_examples=300, deadline=None)
@given(value=RECORDS, indent=st.sampled_from([0, 2, 3]))
def test_lists_of_records_as_json_dumps(value: Any, indent: int) -> None:
    """A sidecar's shape: lists of flat records, whose keys and values may look like JSON."""
    assert dumps_indented(value, indent) == expected(value, indent)


@pytest.mark.parametrize("value", [
    {},
    [],
    {"a": {}, "b": [], "c": [[]]},
    {"changes": {"whitespace": {"count": 1, "items": [{"before": "a ", "after": "a", "line": 1}]}}},
    {1: "int key", 2: None},             # keys json.dumps turns into strings
    {"nested": {2.5: "float key"}},
    [float("nan"), float("inf"), -0.0, 1e300, True, None],
    "quotes \" and \\ and \n and \u2028 and \x7f",
])
def test_edge_values(value: Any) -> None:
    assert dumps_indented(value) == expected(value, 2)


def test_json_dumps_errors_are_kept() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_indented({"loop": loop})
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"x": [object()]})
