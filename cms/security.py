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

    Wagtail's admin still sets inline styles and builds images from ``blob:``
    URLs (wagtail/wagtail#1288 tracks the rest), so only its pages get
    ``ADMIN_CSP_REPLACE``; page previews are served under ``/admin/`` too and
    may be framed by the admin itself.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.replace is None and request.path_info.startswith("/admin/"):
            parts.replace = settings.ADMIN_CSP_REPLACE
        return parts
