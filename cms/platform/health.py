"""``/health/``: whether this app server can serve, and what it serves without.

For the load balancer, the front cache and whoever is on call. It answers
200 while pages can be served, also without Redis (``"status": "degraded"``:
pages are built anew for every request, nobody is logged out), and 503 when
the database is gone, which no page can do without. Nothing in it is cached,
and it says nothing a visitor could not learn by loading a page slowly.
"""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from cms.platform import cache

logger = logging.getLogger(__name__)


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: the database does not answer (%s).", error)
        return "unavailable"
    return "ok"


@never_cache
def health_view(request):
    checks = {"database": _database(), "cache": cache.status()}
    if checks["database"] != "ok":
        overall, code = "down", 503
    elif checks["cache"] == "unavailable":
        overall, code = "degraded", 200
    else:
        overall, code = "ok", 200
    return JsonResponse({"status": overall, "checks": checks}, status=code)
