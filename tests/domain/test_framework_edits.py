"""Any edit a school makes to a framework file loads or gives a clear error, never a crash."""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikan_desktop.domain.framework import Framework, default_framework_path, load_framework
from ikan_desktop.domain.validation import ContentFileError

SHIPPED = yaml.safe_load(default_framework_path().read_text(encoding="utf-8"))

# Values a hurried edit might leave behind.
odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=12),
    st.sampled_from([10**9, 2.5, -1.0]),
    st.sampled_from(["", " ", "early 4", "2-3", "9", "additive", "10-32", "at 5", "not assessed"]),
    st.just([]),
    st.just({}),
    st.just([{"id": "x"}]),
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


ALL_PATHS = paths(SHIPPED)


def apply(data: Any, path: tuple[Any, ...], value: Any, delete: bool) -> None:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(ALL_PATHS), odd_values, st.booleans()), min_size=1, max_size=3
    )
)
def test_random_edits_load_or_give_a_content_error(
    edits: list[tuple[tuple[Any, ...], Any, bool]],
) -> None:
    data = copy.deepcopy(SHIPPED)
    for path, value, delete in edits:
        try:
            apply(data, path, value, delete)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this part
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "framework.yaml"
        target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        shutil.copy(default_framework_path().parent / "us-grade-levels.yaml", folder)
        try:
            framework = load_framework(target)
        except ContentFileError as error:
            assert error.errors and all(
                str(target) in str(e) or folder in str(e) for e in error.errors
            )
        else:
            assert isinstance(framework, Framework)
            assert framework.stage_numbers == tuple(range(len(framework.stages)))
