"""The demo, loaded once per test module: loading it takes seconds, a test's check does not.

``demo`` loads it in a transaction that stays open for the module; each test's
own transaction (the ``db`` fixture) is a savepoint inside it, rolled back
after the test, so every test starts from the freshly loaded demo. The outer
transaction is rolled back when the module is done.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # As after a real load's commit: sections provision themselves.
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_demo", quiet=True)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
