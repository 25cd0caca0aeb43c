"""The search tests use the private area's fixtures: the area, volunteers, modules."""

from tests.volunteers.conftest import (  # noqa: F401 - fixtures
    area,
    locales,
    modules,
    outsider,
    volunteer,
)
