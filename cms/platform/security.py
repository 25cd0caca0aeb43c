"""The Content-Security-Policy: strict on the site, what the Wagtail admin needs under /admin/.

django-csp writes the header; the policies themselves are in the settings
(``CONTENT_SECURITY_POLICY`` for the site, ``ADMIN_CSP_REPLACE`` for the
directives the admin needs changed). The public site has no inline script or style at all, so
its policy allows only its own files.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's additions under ``/admin/``.

    Wagtail's admin still starts its widgets from inline scripts, sets inline
    styles and builds images from ``blob:`` URLs (wagtail/wagtail#1288 tracks
    this), so only its pages get ``ADMIN_CSP_REPLACE``. So do previews: Wagtail
    builds them with a dummy request for the page's own address
    (``request.is_dummy``), and the admin shows them in a frame.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        in_admin = request.path_info.startswith("/admin/") or getattr(request, "is_dummy", False)
        if not report_only and parts.replace is None and in_admin:
            parts.replace = settings.ADMIN_CSP_REPLACE
        return parts
