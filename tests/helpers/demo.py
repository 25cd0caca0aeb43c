"""``demo``: the demo site, loaded once per test module (a load takes seconds, a check does not).

The module's first test loads it in a transaction that stays open until the
module is done and is then rolled back. Each test's own transaction (``db``)
is a savepoint inside it, rolled back after the test, so every test starts
from the freshly loaded demo.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        # As after a real load's commit: sections provision themselves.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", quiet=True)
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_loaded, db):
    """The demo site, for this test: what it changes is rolled back after it."""
