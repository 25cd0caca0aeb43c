from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        # Each package connects its own receivers (its signals.py); imported
        # here because a module that defines models may only be imported once
        # the app registry is ready.
        from cms.events import signals as events_signals
        from cms.platform import signals as platform_signals
        from cms.platform import siteurl
        from cms.privacy import serving as privacy_serving
        from cms.privacy import signals as privacy_signals
        from cms.sections import signals as sections_signals

        for signals in (sections_signals, privacy_signals, events_signals, platform_signals):
            signals.connect()
        # No deployment without its public address (check --deploy, run by make serve-prod).
        checks.register(siteurl.check_site_url, checks.Tags.security, deploy=True)
        # A private file is handed over in a way the web server understands.
        checks.register(privacy_serving.check_serve_mode)
