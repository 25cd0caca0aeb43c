from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.search import index

from cms.core.blocks import BodyBlock


class BodyPageMixin(models.Model):
    """Fields every content page shares: a short introduction and a block body."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown at the top of the page and in lists."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True
