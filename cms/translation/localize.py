"""wagtail-localize's admin routes, scoped by section and by language.

wagtail-localize checks its own global "submit translation" permission or a
model-wide snippet permission: anyone with it could translate any page or
event into any language, sync every language's translations and edit their
strings. Here the rule of ``cms.translation.rights.translatable_locales`` applies
instead: a translator works in her own languages, an editor on what she
edits. For an event, its section also decides whether it is seen at all.
Every wagtail-localize route that creates or changes a translation is wrapped
here and registered at the same path ahead of wagtail-localize's own
(``cms/translation/wagtail_hooks.py``), so the original answers only what passes.

An event the user may not see answers 404, as in the events' own admin views;
a language the user does not translate into raises PermissionDenied, which
Wagtail's admin turns into a redirect to the dashboard with a message (or a
403 for a request that says it comes from JavaScript).
"""

from functools import wraps

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import (
    edit_translation,
    report,
    snippets_api,
    submit_translations,
    update_translations,
)

from cms.events.models import Event
from cms.events.permissions import event_permission_policy
from cms.translation.rights import edits, translatable_locales


def _may_see(user, instance):
    """False for another section's draft, and for an event the user neither edits nor translates.

    wagtail-localize lets a translator open any page or snippet to translate
    it, drafts too, and names it; she translates what is published.
    """
    if not (getattr(instance, "live", True) or edits(user, instance)):
        return False
    if not isinstance(instance, Event):
        return True
    # A translator translates any section's event from its (Norwegian) source,
    # which she neither edits nor sees in the listing: her languages count too.
    return (
        event_permission_policy.user_has_permission_for_instance(user, "change", instance)
        or event_permission_policy.user_edits_section_of(user, instance)
        or translatable_locales(user, instance, submitting=False).exists()
    )


def _check(user, instance, locales):
    """404 for an event the user may not see; refused unless she translates into every locale."""
    if instance is None or not _may_see(user, instance):
        raise Http404
    allowed = translatable_locales(user, instance, submitting=False)
    allowed = set(allowed.values_list("pk", flat=True))
    if not {locale.pk for locale in locales} <= allowed:
        raise PermissionDenied


def _source_instance(source):
    try:
        return source.get_source_instance()
    except ObjectDoesNotExist:
        return None


def _model(app_label, model_name):
    # Django looks models up ignoring case: "cms/Event" is the event model too.
    try:
        return apps.get_model(app_label, model_name)
    except (LookupError, ValueError) as error:
        raise Http404 from error


def _is_event(model):
    return issubclass(model, Event)


def guard_source(view):
    """For syncing a source's translations: only if the user may update every one of them."""

    @wraps(view)
    def guarded(request, translation_source_id, **kwargs):
        source = get_object_or_404(TranslationSource, pk=translation_source_id)
        targets = [
            translation.target_locale
            for translation in source.translations.filter(enabled=True).select_related(
                "target_locale"
            )
        ]
        _check(request.user, _source_instance(source), targets)
        return view(request, translation_source_id=translation_source_id, **kwargs)

    return guarded


def guard_translation(view):
    """For routes of one translation: only into a language the user may translate into."""

    @wraps(view)
    def guarded(request, translation_id, **kwargs):
        translation = get_object_or_404(
            Translation.objects.select_related("source", "target_locale"), pk=translation_id
        )
        _check(request.user, _source_instance(translation.source), [translation.target_locale])
        return view(request, translation_id=translation_id, **kwargs)

    return guarded


class LanguageScopedSubmitMixin:
    """Submitting for translation: only into the user's languages; refused if she has none."""

    def get_object(self):
        instance = super().get_object()
        if not _may_see(self.request.user, instance):
            raise Http404
        if not translatable_locales(self.request.user, instance).exists():
            raise PermissionDenied
        if isinstance(instance, Page) and not edits(self.request.user, instance):
            # She translates the published page; its next title is still a draft.
            instance.draft_title = instance.title
        return instance

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(
            pk__in=translatable_locales(self.request.user, self.object).values("pk")
        )
        choices = len(field.queryset)
        if choices < 2:
            form.fields["select_all"].widget = forms.HiddenInput()
        if not choices and self.request.method == "GET":
            messages.info(
                self.request,
                _("This is already translated into every language you translate into."),
            )
        return form


class EventSnippetsAPIViewSet(snippets_api.SnippetViewSet):
    """The translation API's list of snippets: only the events the user may edit."""

    def get_queryset(self):
        return event_permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )


def _by_model(event_view, other_view):
    """One route for every snippet type: events get ``event_view``."""

    def view(request, app_label, model_name, **kwargs):
        chosen = event_view if _is_event(_model(app_label, model_name)) else other_view
        return chosen(request, app_label=app_label, model_name=model_name, **kwargs)

    return view


class SubmitSnippetTranslationView(
    LanguageScopedSubmitMixin, submit_translations.SubmitSnippetTranslationView
):
    pass


class SubmitPageTranslationView(
    LanguageScopedSubmitMixin, submit_translations.SubmitPageTranslationView
):
    pass


class TranslationsReportView(report.TranslationsReportView):
    """The translations report, without the events of other sections."""

    def get_queryset(self):
        hidden = Q(source__specific_content_type=ContentType.objects.get_for_model(Event)) & ~Q(
            source__object_id__in=event_permission_policy.instances_user_has_permission_for(
                self.request.user, "change"
            ).values("translation_key")
        )
        return super().get_queryset().exclude(hidden).order_by("-pk")


def urlpatterns():
    """The scoped routes, at wagtail-localize's paths, below the admin's URL."""
    listing = snippets_api.SnippetViewSet.as_view({"get": "list"})
    detail = snippets_api.SnippetViewSet.as_view({"get": "retrieve"})
    return [
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            _by_model(EventSnippetsAPIViewSet.as_view({"get": "list"}), listing),
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            _by_model(EventSnippetsAPIViewSet.as_view({"get": "retrieve"}), detail),
        ),
        path("localize/submit/page/<int:page_id>/", SubmitPageTranslationView.as_view()),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            guard_source(update_translations.UpdateTranslationsView.as_view()),
        ),
        *(
            path(f"localize/translate/<int:translation_id>/{route}", guard_translation(view))
            for route, view in [
                ("strings/<int:string_segment_id>/edit/", edit_translation.edit_string_translation),
                ("overrides/<int:overridable_segment_id>/edit/", edit_translation.edit_override),
                ("pofile/download/", edit_translation.download_pofile),
                ("pofile/upload/", edit_translation.upload_pofile),
                ("machine_translate/", edit_translation.machine_translate),
                ("preview/", edit_translation.preview_translation),
                ("preview/<str:mode>/", edit_translation.preview_translation),
                ("disable/", edit_translation.stop_translation),
            ]
        ),
        path("localize/reports/translations/", TranslationsReportView.as_view()),
        path(
            "localize/reports/translations/results/",
            TranslationsReportView.as_view(results_only=True),
        ),
    ]
