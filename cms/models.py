"""Django's model registry for the app ``cms``, and nothing else.

Django registers the models of an app by importing ``<app>.models``; the
models themselves live in the packages, one per concept. Code never imports
this module: it imports the package that holds what it needs.
"""

from cms.activity import models as activity_models  # noqa: F401
from cms.content import models as content_models  # noqa: F401
from cms.content import pages as content_pages  # noqa: F401
from cms.core import languages  # noqa: F401
from cms.curriculum import models as curriculum_models  # noqa: F401
from cms.events import audit  # noqa: F401
from cms.events import models as events_models  # noqa: F401
from cms.events import pages as events_pages  # noqa: F401
from cms.outreach import models as outreach_models  # noqa: F401
from cms.sections import models as sections_models  # noqa: F401
from cms.volunteers import models as volunteers_models  # noqa: F401
from cms.volunteers import pages as volunteers_pages  # noqa: F401
