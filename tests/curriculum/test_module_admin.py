"""The national curriculum modules' snippet admin (``CurriculumModule``).

Only national editors add and edit the modules; a section's editor or
coordinator is refused, and the module stays as it was.
"""

import pytest

from cms.curriculum.models import CurriculumModule
from tests.helpers.sections import assert_refused
from tests.helpers.training import snippet_url

pytestmark = pytest.mark.django_db


def test_only_national_editors_edit_national_modules(
    client, modules, nf_editor, coordinator, national_editor
):
    url = snippet_url("curriculummodule", "edit", modules[0].pk)
    for user in (nf_editor, coordinator):
        client.force_login(user)
        assert_refused(client.get(url))
        assert_refused(client.get(snippet_url("curriculummodule", "add")))
    client.force_login(national_editor)
    assert client.get(url).status_code == 200
    assert client.get(snippet_url("curriculummodule", "list")).status_code == 200
    assert CurriculumModule.objects.get(pk=modules[0].pk).title == modules[0].title
