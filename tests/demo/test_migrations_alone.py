"""Without the demo loader, the database has no demo content."""

import pytest
from django.contrib.auth import get_user_model


@pytest.mark.django_db
def test_migrations_create_no_demo_accounts():
    assert not get_user_model().objects.exists()
