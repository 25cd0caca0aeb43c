"""One network with something to hide in every section: the permission map's world.

Nordre Follo and Oslo are the section editor's own; Indre Østfold is another
section, whose unpublished work carries the words in :data:`SECRETS`: a draft
page, a live page whose next title is still a draft, a locked draft, a draft
in its approval workflow, a draft event, an image, a document, a person and
a volunteer. Indre Østfold's draft also uses an image from the shared
collection and one of Nordre Follo's, so the usage views have something to
leave out. Nordre Follo's own
draft, event, image and document carry :data:`OWN`.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex, Workflow

from cms.sections import provisioning
from cms.sections.models import SectionRoles
from tests.factories import (
    EventFactory,
    StandardPageFactory,
    UserFactory,
    VolunteerProfileFactory,
)
from tests.helpers.sections import Document, Image, collection_of, editors, felles

#: Words that only another section's unpublished work contains (titles, file names, people).
SECRETS = (
    "familievold",  # a draft page's title
    "krisesenteret",  # a live page's draft title
    "Barnevernskveld",  # a draft event's title
    "Aminaportrett",  # an image's title
    "amina-portrett",  # its file name
    "Gjeldsreferat",  # a document's title
    "gjeldsreferat",  # its file name, in its URL too
    "Zainabkoord",  # the other section's editor's name
    "zainab-askim",  # and her username
    "Hodanfrivillig",  # the other section's volunteer
)

#: Words in the editor's own section's work, which she must see.
OWN = ("Skolestartutkast", "Skolestartkveld", "Skolestartbilde", "Skolestartnotat")


def _draft(parent, title, user, **kwargs):
    page = StandardPageFactory(parent=parent, title=title, live=False, **kwargs)
    page.save_revision(user=user)
    log(instance=page, action="wagtail.create", user=user)
    return page


def _image(title, filename, collection, user):
    image = Image.objects.create(
        title=title, file=get_test_image_file(filename=filename), collection=collection
    )
    log(instance=image, action="wagtail.create", user=user)
    return image


def _document(title, filename, collection, user):
    document = Document(title=title, collection=collection)
    document.file.save(filename, ContentFile(b"Referat."), save=False)
    document.save()
    log(instance=document, action="wagtail.create", user=user)
    return document


@pytest.fixture
def world(section, home, nordre_follo, indre_ostfold, network, member, superuser, committed):
    oslo = section("Oslo", slug="oslo")
    SectionRoles.objects.filter(section=indre_ostfold).update(requires_approval=True)
    with committed():
        provisioning.provision(indre_ostfold)
    other_editor = member("zainab-askim", editors(indre_ostfold))
    other_editor.first_name = "Zainabkoord"
    other_editor.save()
    volunteer = VolunteerProfileFactory(
        section=indre_ostfold, user=UserFactory(first_name="Hodanfrivillig")
    )

    shared = _image("Felles logo", "felles-logo.png", felles(), superuser)
    own_image = _image(
        "Skolestartbilde", "skolestartbilde.png", collection_of(nordre_follo), superuser
    )
    other_draft = _draft(
        indre_ostfold,
        "Samtale om familievold",
        other_editor,
        body=[
            ("image", {"image": shared, "alt_text": "Logo", "caption": ""}),
            ("image", {"image": own_image, "alt_text": "Skolestart", "caption": ""}),
        ],
    )
    ReferenceIndex.create_or_update_for_object(other_draft)
    other_live = StandardPageFactory(parent=indre_ostfold, title="Program for høsten")
    other_live.title = "Program for krisesenteret"
    other_live.save_revision(user=other_editor)
    locked = _draft(indre_ostfold, "Låst familievold-plan", other_editor)
    locked.locked, locked.locked_by = True, other_editor
    locked.save()
    in_workflow = _draft(indre_ostfold, "Godkjenning familievold-kurs", other_editor)
    Workflow.objects.get(section_roles__section=indre_ostfold).start(in_workflow, other_editor)
    other_event = EventFactory(section=indre_ostfold, title="Barnevernskveld om omsorg", live=False)
    other_image = _image(
        "Aminaportrett fra kurset", "amina-portrett.png", collection_of(indre_ostfold), other_editor
    )
    other_document = _document(
        "Gjeldsreferat fra styremøtet",
        "gjeldsreferat.txt",
        collection_of(indre_ostfold),
        other_editor,
    )
    own_draft = _draft(nordre_follo, "Skolestartutkast", superuser)
    own_event = EventFactory(section=nordre_follo, title="Skolestartkveld", live=False)
    own_document = _document(
        "Skolestartnotat", "skolestartnotat.txt", collection_of(nordre_follo), superuser
    )
    # Last, so that it is the newest standard page (the page types report names one).
    last = _draft(indre_ostfold, "Siste familievold-utkast", other_editor)

    return {
        "home": home.pk,
        "own_section": nordre_follo.pk,
        "oslo": oslo.pk,
        "other_section": indre_ostfold.pk,
        "other_draft": other_draft.pk,
        "other_live": other_live.pk,
        "other_last": last.pk,
        "other_in_workflow": in_workflow.pk,
        "other_event": other_event.pk,
        "other_image": other_image.pk,
        "other_document": other_document.pk,
        "shared_image": shared.pk,
        "own_draft": own_draft.pk,
        "own_event": own_event.pk,
        "own_image": own_image.pk,
        "own_document": own_document.pk,
        "volunteer": volunteer.pk,
        "groups": {
            "nordre_follo": editors(nordre_follo),
            "nordre_follo_coordinators": SectionRoles.objects.get(
                section=nordre_follo
            ).coordinators,
            "oslo": editors(oslo),
            **network,
        },
    }
