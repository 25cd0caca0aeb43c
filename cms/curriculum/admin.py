"""The training programme's admin: national modules, and each section's local notes.

National editors write the modules and translators translate them
(``cms.curriculum.permissions``); a section's editors see and change only
their own sections' local notes. Wired into Wagtail by
``cms/curriculum/wagtail_hooks.py``.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.core.viewsets import ScopedDeleteBulkAction, ScopedSnippetViewSet
from cms.curriculum.models import CurriculumModule, LocalModuleVariant, Theme
from cms.curriculum.permissions import curriculum_permission_policy, local_variant_policy
from cms.sections.scopes import editable_sections


class CurriculumModuleFilterSet(WagtailFilterSet):
    theme = django_filters.ChoiceFilter(label=_("theme"), choices=Theme.choices)

    class Meta:
        model = CurriculumModule
        fields = ["theme", "locale"]


class CurriculumModuleViewSet(ScopedSnippetViewSet):
    """National modules: for national editors; translations also for their translators."""

    model = CurriculumModule
    permission_policy = curriculum_permission_policy
    icon = "doc-full"
    menu_label = _("Curriculum modules")
    list_display = ["title", Column("theme", accessor="get_theme_display"), "order", "live"]
    filterset_class = CurriculumModuleFilterSet
    search_fields = ["title", "purpose"]
    search_backend_name = None
    ordering = ["order"]
    inspect_view_enabled = True
    # A translator reaches only the translations into her languages
    # (every view of one module is scoped by ScopedSnippetViewSet).


class LocalVariantForm(WagtailAdminModelForm):
    """A section's editor picks one of her own sections and a national module."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "module" in self.fields:
            self.fields["module"].widget = forms.Select()
            self.fields["module"].queryset = CurriculumModule.objects.filter(
                locale=Locale.get_default()
            )
        if "section" in self.fields and self.for_user is not None:
            self.fields["section"].widget = forms.Select()
            self.fields["section"].queryset = editable_sections(self.for_user).order_by("path")

    def clean_section(self):
        section = self.cleaned_data.get("section")
        if (
            section is not None
            and self.for_user is not None
            and not local_variant_policy.user_may_use_section(self.for_user, section)
        ):
            raise ValidationError(
                _("You can only add notes for sections you edit."), code="section_not_editable"
            )
        return section


class LocalModuleVariantViewSet(ScopedSnippetViewSet):
    """Local notes and material: each section's editors see and change only their own."""

    model = LocalModuleVariant
    icon = "doc-empty"
    menu_label = _("Local module notes")
    list_display = ["module", "section"]
    search_fields = ["module__title", "section__title"]
    search_backend_name = None
    ordering = ["module__order"]
    permission_policy = local_variant_policy
    edit_handler = ObjectList(LocalModuleVariant.panels, base_form_class=LocalVariantForm)
    list_select_related = ["module", "section"]


class TrainingViewSetGroup(SnippetViewSetGroup):
    items = (CurriculumModuleViewSet, LocalModuleVariantViewSet)
    menu_icon = "doc-full"
    menu_label = _("Training")
    menu_name = "training"


class LocalVariantDeleteBulkAction(ScopedDeleteBulkAction):
    """Bulk delete of local notes: only the user's own sections'."""

    models = [LocalModuleVariant]
    policy = local_variant_policy
