"""Wagtail finds only this file: it imports each package's hooks, in the order they must run.

The packages that register permission policies come first, before anything
asks for a policy (asking first makes Wagtail fall back to model rights);
privacy's ``before_serve_*`` guards come before Wagtail's own checks, as
``cms`` comes first in INSTALLED_APPS.
"""

from cms.activity import wagtail_hooks as activity_hooks  # noqa: F401
from cms.curriculum import wagtail_hooks as curriculum_hooks  # noqa: F401  (module policies)
from cms.events import wagtail_hooks as events_hooks  # noqa: F401  (event policy)
from cms.outreach import wagtail_hooks as outreach_hooks  # noqa: F401
from cms.privacy import wagtail_hooks as privacy_hooks  # noqa: F401
from cms.sections import wagtail_hooks as sections_hooks  # noqa: F401  (page policy)
from cms.translation import wagtail_hooks as translation_hooks  # noqa: F401
from cms.volunteers import wagtail_hooks as volunteers_hooks  # noqa: F401
from cms.walls import wagtail_hooks as walls_hooks  # noqa: F401
