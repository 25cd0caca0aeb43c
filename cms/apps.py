from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cms.calendar import forget_feeds
        from cms.models import Event, EventCategory

        for model in (Event, EventCategory):
            post_save.connect(forget_feeds, sender=model, dispatch_uid=f"forget-feeds-{model}")
            post_delete.connect(forget_feeds, sender=model, dispatch_uid=f"forget-feeds-d-{model}")
