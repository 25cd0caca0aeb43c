"""Admin wiring: snippet viewsets and menu items."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import SpokenLanguage


class SpokenLanguageViewSet(SnippetViewSet):
    model = SpokenLanguage
    icon = "globe"
    menu_label = _("Spoken languages")
    list_display = ["name", "name_local", "code"]
    search_fields = ["name", "name_local", "code"]
    ordering = ["name"]
    add_to_admin_menu = False


register_snippet(SpokenLanguageViewSet)
