"""The suite's own rule: a test that reaches the database runs on both dialects, unless marked
`dialect_independent`, which runs it on SQLite alone."""

from __future__ import annotations

import pytest

TESTS = """
import pytest


@pytest.mark.dialect_independent
def test_independent(database): ...


@pytest.mark.dialect_independent
def test_independent_without_a_database(): ...


def test_dependent(settings): ...


class TestGroup:
    pytestmark = pytest.mark.dialect_independent

    def test_in_a_marked_class(self, database): ...
"""


def test_dialect_independent_tests_run_once_on_sqlite_and_all_others_on_both(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        'pytest_plugins = ["tests.fixtures.database", "tests.fixtures.redis", "tests.fixtures.client"]'
    )
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = session\n")
    pytester.makepyfile(test_rule=TESTS)
    result = pytester.runpytest("--collect-only", "-q", "--strict-markers")
    collected = sorted(line for line in result.outlines if "::" in line)
    assert collected == [
        "test_rule.py::TestGroup::test_in_a_marked_class[sqlite]",
        "test_rule.py::test_dependent[postgres]",
        "test_rule.py::test_dependent[sqlite]",
        "test_rule.py::test_independent[sqlite]",
        "test_rule.py::test_independent_without_a_database",
    ]
