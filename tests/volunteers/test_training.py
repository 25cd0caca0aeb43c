import pytest

pytestmark = pytest.mark.django_db


def test_a(area, modules, volunteer, other_volunteer, coordinator, other_coordinator):
    pass


def test_b(area, modules, volunteer, other_volunteer, coordinator, other_coordinator):
    pass


def test_c(area, modules, volunteer, other_volunteer, coordinator, other_coordinator):
    pass
