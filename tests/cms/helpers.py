"""Helpers for the section roles' tests: who is in which group, forms, uploads."""

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
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

from cms.sections import provisioning
from cms.sections.models import SectionRoles, TranslatorRole

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
