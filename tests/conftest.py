"""The suite's fixtures, shared with every test directory as plugins: each module of `tests.fixtures` names what
it holds. A directory's own conftest keeps only what that directory alone uses or deliberately overrides."""

pytest_plugins = [
    "tests.fixtures.database",
    "tests.fixtures.redis",
    "tests.fixtures.clock",
    "tests.fixtures.client",
    "tests.fixtures.tokens",
    "tests.fixtures.production",
    "tests.fixtures.world",
    "tests.fixtures.mail",
    "tests.fixtures.sms",
    "tests.fixtures.notifications",
    "tests.fixtures.events",
    "tests.fixtures.webhooks",
    "tests.fixtures.s3",
    "tests.fixtures.clamd",
    "pytester",  # for the test of the suite's own dialect rule
]
