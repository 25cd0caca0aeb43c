"""Helpers for the sections' tests: who is in which group, admin URLs, forms, uploads.

Also what the people and hand-over tests read back: the "Sections and
people" page, its messages and history, and event times around today.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    PageLogEntry,
    Workflow,
    WorkflowPage,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.sections import admin, handover, provisioning
from cms.sections.models import SectionRoles, TranslatorRole
from tests.factories import OSLO

Image = get_image_model()
Document = get_document_model()

PASSWORD = "et-langt-passord-for-testen"


def editors(page):
    return SectionRoles.objects.get(section=page).editors


def collection_of(page):
    return SectionRoles.objects.get(section=page).collection


def felles():
    return Collection.objects.get(name=provisioning.SHARED_COLLECTION)


def login(client, user):
    client.force_login(user)
    return client


def counts():
    """How many rows of everything provisioning may create."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Group,
            Collection,
            SectionRoles,
            GroupPagePermission,
            GroupCollectionPermission,
            PageLogEntry,
            Workflow,
            WorkflowPage,
            TranslatorRole,
        )
    }


def text(response):
    return response.content.decode()


def assert_refused(response):
    """Wagtail refuses with a redirect to the dashboard (or to login), or a 403/404."""
    if response.status_code == 302:
        assert response.url in (reverse("wagtailadmin_home"), "/") or "login" in response.url
    else:
        assert response.status_code in (403, 404)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("cms", model._meta.model_name, parent.pk))


def municipality_form(**overrides):
    data = {
        "title": "Nordre Follo",
        "slug": "nordre-follo",
        "intro": "",
        "group_name": "Bydelsmødre",
        "phase": "1",
        "coordinator_title": "",
        "coordinator_email": "",
        "coordinator_phone": "",
        "body": streamfield([]),
        "partners": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def standard_page_form(**overrides):
    data = {
        "title": "Om oss",
        "slug": "om-oss",
        "intro": "",
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def offered_collections(form):
    """The collections an upload form lets the user pick (one only: the field is hidden)."""
    if "collection" in form.fields:
        return set(form.fields["collection"].queryset)
    return {form.instance.collection}


def image(title, collection):
    return Image.objects.create(title=title, file=get_test_image_file(), collection=collection)


def image_upload():
    return SimpleUploadedFile("kurs.png", get_test_image_file().file.getvalue(), "image/png")


def document(title, collection):
    upload = SimpleUploadedFile(f"{title}.txt", b"Referat fra styremotet.")
    return Document.objects.create(title=title, file=upload, collection=collection)


def people_url(section):
    return reverse("cms_section_people", args=[section.pk])


def coordinators(page):
    return SectionRoles.objects.get(section=page).coordinators


def days_from_now(days):
    """An event's start and end, noon to two o'clock in Oslo, ``days`` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    start = datetime.datetime.combine(day, datetime.time(12), tzinfo=OSLO)
    return {"start": start, "end": start + datetime.timedelta(hours=2)}


def hand_over_log(page):
    return PageLogEntry.objects.filter(page=page, action=handover.LOG_ACTION)


def names(group):
    return set(group.user_set.values_list("username", flat=True))


def shows(response, message):
    """Whether the page shows ``message``, in the admin's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return escape(translation.gettext(message)) in text(response)


def people_log(section):
    return PageLogEntry.objects.filter(page=section, action=admin.LOG_ACTION).order_by("-pk")
