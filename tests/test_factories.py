from django.apps import apps
from wagtail.models import Page

from tests.factories import PAGE_FACTORIES


def test_every_concrete_page_type_has_a_factory():
    page_models = {
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.abstract
    }
    assert page_models == set(PAGE_FACTORIES)
