"""The training programme, from the coordinator's admin to the volunteer's own area.

A coordinator records who came to which module's evening and manages her
section's volunteers (``cms.volunteers.admin``); a volunteer reads the programme and
its modules, follows her progress, gets her certificate, keeps her profile and
consents, and downloads her data (``cms.volunteers.views``); a section's editors add
local notes to national modules (``LocalModuleVariant``). Every rule is checked
from both sides: the person who may, and the person who may not, whose request
changes nothing.
"""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.core.groups import NATIONAL_EDITORS, VOLUNTEERS
from cms.curriculum.models import CurriculumModule, LocalModuleVariant, Theme
from cms.privacy import restrictions
from cms.sections.models import SectionRoles
from cms.volunteers.models import Attendance, ConsentKind, ConsentRecord, VolunteerProfile
from tests.factories import AttendanceFactory, CurriculumModuleFactory, SpokenLanguageFactory
from tests.helpers.sections import assert_refused, text

pytestmark = pytest.mark.django_db

User = get_user_model()

EVENING = datetime.date(2026, 10, 1)


# --- Helpers and fixtures -----------------------------------------------------------


def attendance_url(section):
    return reverse("cms_section_attendance", args=[section.pk])


def volunteers_url(section):
    return reverse("cms_section_volunteers", args=[section.pk])


def route(area, name, *args):
    """The URL of one of the area's routes, e.g. ``route(area, "module", 3)``."""
    return area.url + area.reverse_subpage(name, args=args)


def snippet_url(model_name, view, *args):
    return reverse(f"wagtailsnippets_cms_{model_name}:{view}", args=args)


def short_date(date):
    """A date as the Norwegian pages show it (``SHORT_DATE_FORMAT``)."""
    with translation.override("nb"):
        return formats.date_format(date, "SHORT_DATE_FORMAT")


def refused(response):
    """Not served: a 404 or 403, or Wagtail's redirect to the dashboard or the login page."""
    assert response.status_code != 200
    assert response.status_code in (302, 403, 404), response.status_code


def name(profile, first, last):
    user = profile.user
    user.first_name, user.last_name = first, last
    user.save()
    return profile


def snapshot():
    """Everything the training views may change, to show a refused request changed nothing."""
    return {
        "attendance": sorted(
            Attendance.objects.values_list("pk", "module_id", "volunteer_id", "section_id", "date")
        ),
        "profiles": sorted(VolunteerProfile.objects.values_list("pk", "user_id", "section_id")),
        "users": sorted(User.objects.values_list("pk", flat=True)),
        "volunteers": sorted(
            Group.objects.get(name=VOLUNTEERS).user_set.values_list("pk", flat=True)
        ),
    }


@pytest.fixture
def amina(volunteer):
    """The Nordre Follo volunteer, with a name to look for."""
    return name(volunteer, "Amina", "Haji")


@pytest.fixture
def hawa(other_volunteer):
    """The Indre Østfold volunteer, with a name to look for."""
    return name(other_volunteer, "Hawa", "Diriye")


@pytest.fixture
def nf_editor(nordre_follo, member):
    """An editor of Nordre Follo who is not its coordinator."""
    return member("redaktor-nordrefollo", SectionRoles.objects.get(section=nordre_follo).editors)


@pytest.fixture
def national_editor(network, member):
    return member("redaksjon", network[NATIONAL_EDITORS])


@pytest.fixture
def translate_area(home, area, locales):
    """Translate the home page and the area into English; the area's English translation."""

    def make():
        home_en = home.copy_for_translation(locales["en"])
        home_en.save_revision().publish()
        area_en = area.copy_for_translation(locales["en"])
        area_en.save_revision().publish()
        restrictions.sync_private_area()
        area_en.refresh_from_db()
        return area_en

    return make


def translate_module(module, locale, title):
    translation_ = module.copy_for_translation(locale)
    translation_.title = title
    translation_.save()
    translation_.save_revision().publish()
    return translation_


# --- 1. Attendance: the coordinator's admin view -------------------------------------


def test_coordinator_sees_only_her_own_volunteers_on_attendance_page(
    client, modules, amina, hawa, coordinator, nordre_follo
):
    client.force_login(coordinator)
    response = client.get(attendance_url(nordre_follo))
    assert response.status_code == 200
    html = text(response)
    assert "Amina Haji" in html
    assert "Hawa Diriye" not in html
    assert hawa.phone not in html
    for module in modules:
        assert module.title in html


def test_coordinator_records_attendance(client, modules, amina, coordinator, nordre_follo):
    client.force_login(coordinator)
    data = {"module": modules[0].pk, "date": "2026-10-01", "volunteers": [amina.pk]}
    response = client.post(attendance_url(nordre_follo), data)
    assert response.status_code == 302
    assert response.url == attendance_url(nordre_follo)
    attendance = Attendance.objects.get()
    assert attendance.module == modules[0]
    assert attendance.volunteer == amina
    assert attendance.section_id == nordre_follo.pk
    assert attendance.date == EVENING
    assert attendance.recorded_by == coordinator

    # Recording the same evening again, or on another date, does not duplicate.
    assert client.post(attendance_url(nordre_follo), data).status_code == 302
    data["date"] = "2026-10-08"
    assert client.post(attendance_url(nordre_follo), data).status_code == 302
    assert Attendance.objects.filter(volunteer=amina, module=modules[0]).count() == 1
    assert Attendance.objects.get().date == EVENING

    # The mark shows on her page.
    assert short_date(EVENING) in text(client.get(attendance_url(nordre_follo)))


def test_bad_attendance_is_refused_and_nothing_stored(
    client, modules, amina, hawa, coordinator, nordre_follo, locales
):
    draft = CurriculumModuleFactory(title="Utkast", order=9, live=False)
    english = translate_module(modules[0], locales["en"], "Welcome")
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    cases = {
        "other section's volunteer": {"volunteers": [hawa.pk]},
        "own and other section's volunteer": {"volunteers": [amina.pk, hawa.pk]},
        "nobody": {"volunteers": []},
        "unknown volunteer": {"volunteers": [99999999]},
        "garbage volunteer": {"volunteers": ["abc"]},
        "huge volunteer id": {"volunteers": [10**30]},
        "future date": {"date": tomorrow},
        "too old date": {"date": "1999-12-31"},
        "garbage date": {"date": "garbage"},
        "impossible date": {"date": "2026-02-30"},
        "no date": {"date": ""},
        "unknown module": {"module": 99999999},
        "garbage module": {"module": "abc"},
        "huge module id": {"module": 10**30},
        "unpublished module": {"module": draft.pk},
        "translated module": {"module": english.pk},
    }
    client.force_login(coordinator)
    statuses = {}
    for case, overrides in cases.items():
        data = {"module": modules[0].pk, "date": "2026-10-01", "volunteers": [amina.pk]}
        data.update(overrides)
        try:
            statuses[case] = client.post(attendance_url(nordre_follo), data).status_code
        except Exception as error:  # noqa: BLE001 - a crash is a wrong answer, reported below
            statuses[case] = repr(error)
        assert not Attendance.objects.exists(), case
    assert statuses == dict.fromkeys(cases, 400)


def test_coordinator_unmarks_only_her_own_sections_attendance(
    client, modules, amina, hawa, coordinator, nordre_follo
):
    ours = AttendanceFactory(module=modules[0], volunteer=amina)
    also_ours = AttendanceFactory(module=modules[1], volunteer=amina)
    theirs = AttendanceFactory(module=modules[0], volunteer=hawa)
    client.force_login(coordinator)

    response = client.post(
        attendance_url(nordre_follo), {"action": "unmark", "attendance": theirs.pk}
    )
    assert response.status_code == 404
    assert Attendance.objects.filter(pk=theirs.pk).exists()

    for garbage in ("", "abc", str(10**30)):
        response = client.post(
            attendance_url(nordre_follo), {"action": "unmark", "attendance": garbage}
        )
        assert response.status_code == 404
    assert Attendance.objects.count() == 3

    response = client.post(
        attendance_url(nordre_follo), {"action": "unmark", "attendance": ours.pk}
    )
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("pk", flat=True)) == {also_ours.pk, theirs.pk}


def test_anonymous_attendance_cannot_be_unmarked(client, modules, amina, coordinator, nordre_follo):
    """Once a volunteer is deleted her marks are the section's anonymous counts: they stay."""
    attendance = AttendanceFactory(module=modules[0], volunteer=amina)
    Attendance.objects.filter(pk=attendance.pk).update(volunteer=None)
    client.force_login(coordinator)
    response = client.post(
        attendance_url(nordre_follo), {"action": "unmark", "attendance": attendance.pk}
    )
    assert response.status_code == 404
    assert Attendance.objects.filter(pk=attendance.pk).exists()


def test_only_the_sections_coordinator_reaches_its_attendance(
    client,
    modules,
    amina,
    hawa,
    coordinator,
    other_coordinator,
    nf_editor,
    national_editor,
    outsider,
    nordre_follo,
):
    mark = AttendanceFactory(module=modules[1], volunteer=amina)
    url = attendance_url(nordre_follo)
    before = snapshot()
    for who in (other_coordinator, nf_editor, national_editor, amina.user, outsider, None):
        client.logout()
        if who is not None:
            client.force_login(who)
        response = client.get(url)
        refused(response)
        assert "Amina Haji" not in text(response)
        refused(
            client.post(
                url, {"module": modules[0].pk, "date": "2026-10-01", "volunteers": [amina.pk]}
            )
        )
        refused(client.post(url, {"action": "unmark", "attendance": mark.pk}))
        assert snapshot() == before, who


def test_other_coordinator_gets_404_on_nordre_follo(
    client, modules, amina, other_coordinator, nordre_follo, indre_ostfold
):
    client.force_login(other_coordinator)
    assert client.get(attendance_url(indre_ostfold)).status_code == 200
    assert client.get(attendance_url(nordre_follo)).status_code == 404
    assert client.get(volunteers_url(nordre_follo)).status_code == 404
    response = client.post(
        attendance_url(nordre_follo),
        {"module": modules[0].pk, "date": "2026-10-01", "volunteers": [amina.pk]},
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists()
    mark = AttendanceFactory(module=modules[0], volunteer=amina)
    response = client.post(
        attendance_url(nordre_follo), {"action": "unmark", "attendance": mark.pk}
    )
    assert response.status_code == 404
    assert Attendance.objects.filter(pk=mark.pk).exists()


def test_superuser_may_record_any_sections_attendance(
    client, modules, amina, superuser, nordre_follo
):
    client.force_login(superuser)
    response = client.get(attendance_url(nordre_follo))
    assert response.status_code == 200
    assert "Amina Haji" in text(response)
    response = client.post(
        attendance_url(nordre_follo),
        {"module": modules[0].pk, "date": "2026-10-01", "volunteers": [amina.pk]},
    )
    assert response.status_code == 302
    assert Attendance.objects.get().volunteer == amina


# --- 2. Volunteers: the coordinator's admin view -------------------------------------


def test_coordinator_sees_her_volunteers_contact_details(
    client, amina, hawa, coordinator, nordre_follo
):
    somali = SpokenLanguageFactory(code="so-test", name="Somalisk", name_local="Soomaali")
    tigrinya = SpokenLanguageFactory(code="ti-test", name="Tigrinja", name_local="Tigrinja")
    amina.languages.add(somali)
    hawa.languages.add(tigrinya)
    client.force_login(coordinator)
    response = client.get(volunteers_url(nordre_follo))
    assert response.status_code == 200
    html = text(response)
    assert "Amina Haji" in html
    assert amina.user.username in html
    assert "912 34 567" in html
    assert "Somalisk" in html
    assert "Hawa Diriye" not in html
    assert hawa.user.username not in html
    assert "934 56 789" not in html
    assert "Tigrinja" not in html


def test_only_the_coordinator_sees_her_volunteers_phone_numbers(
    client, amina, coordinator, other_coordinator, nf_editor, national_editor, nordre_follo
):
    before = snapshot()
    for who in (other_coordinator, nf_editor, national_editor, amina.user, None):
        client.logout()
        if who is not None:
            client.force_login(who)
        response = client.get(volunteers_url(nordre_follo))
        refused(response)
        assert "912 34 567" not in text(response)
        response = client.post(
            volunteers_url(nordre_follo),
            {"action": "add", "role": "volunteers", "person": "ny@example.no", "first_name": "Ny"},
        )
        refused(response)
        assert snapshot() == before, who


def test_coordinator_adds_a_new_volunteer(client, coordinator, nordre_follo, network):
    client.force_login(coordinator)
    response = client.post(
        volunteers_url(nordre_follo),
        {
            "action": "add",
            "role": "volunteers",
            "person": "fatima@example.no",
            "first_name": "Fatima",
            "last_name": "Noor",
            "programme": "10",
        },
    )
    assert response.status_code == 302
    assert response.url == volunteers_url(nordre_follo)
    user = User.objects.get(email="fatima@example.no")
    assert user.first_name == "Fatima"
    profile = VolunteerProfile.objects.get(user=user)
    assert profile.section_id == nordre_follo.pk
    assert profile.programme == "10"
    assert user.groups.filter(name=VOLUNTEERS).exists()
    assert not user.is_staff
    assert "Fatima Noor" in text(client.get(volunteers_url(nordre_follo)))


def test_coordinator_adds_an_existing_user_as_volunteer(
    client, coordinator, outsider, nordre_follo, network
):
    client.force_login(coordinator)
    response = client.post(
        volunteers_url(nordre_follo),
        {"action": "add", "role": "volunteers", "person": outsider.username},
    )
    assert response.status_code == 302
    assert VolunteerProfile.objects.get(user=outsider).section_id == nordre_follo.pk
    assert outsider.groups.filter(name=VOLUNTEERS).exists()


def test_a_volunteer_of_another_section_cannot_be_added(
    client, hawa, coordinator, nordre_follo, indre_ostfold
):
    before = snapshot()
    client.force_login(coordinator)
    for person in (hawa.user.email, hawa.user.username):
        response = client.post(
            volunteers_url(nordre_follo),
            {"action": "add", "role": "volunteers", "person": person, "first_name": "Hawa"},
        )
        assert response.status_code == 400
    assert snapshot() == before
    hawa.refresh_from_db()
    assert hawa.section_id == indre_ostfold.pk


def test_adding_a_new_person_needs_a_valid_address_and_a_first_name(
    client, coordinator, nordre_follo, network
):
    before = snapshot()
    client.force_login(coordinator)
    for person, first_name in (("fatima@example.no", ""), ("ikke en adresse@", "Fatima"), ("", "")):
        response = client.post(
            volunteers_url(nordre_follo),
            {"action": "add", "role": "volunteers", "person": person, "first_name": first_name},
        )
        assert response.status_code == 400
    assert snapshot() == before


def test_deleting_a_volunteer_keeps_her_attendance_anonymously(
    client, modules, amina, hawa, coordinator, nordre_follo
):
    AttendanceFactory(module=modules[0], volunteer=amina)
    AttendanceFactory(module=modules[1], volunteer=amina)
    AttendanceFactory(module=modules[0], volunteer=hawa)
    user_id = amina.user.pk
    client.force_login(coordinator)
    response = client.post(
        volunteers_url(nordre_follo),
        {"action": "delete", "volunteer": amina.pk, "confirm": "yes"},
    )
    assert response.status_code == 302
    assert response.url == volunteers_url(nordre_follo)
    assert not User.objects.filter(pk=user_id).exists()
    assert not VolunteerProfile.objects.filter(pk=amina.pk).exists()
    kept = Attendance.objects.filter(section=nordre_follo)
    assert kept.count() == 2
    assert not kept.filter(volunteer__isnull=False).exists()
    assert Attendance.objects.get(section_id=hawa.section_id).volunteer == hawa

    # Still counted on the attendance page, without her name.
    response = client.get(attendance_url(nordre_follo))
    assert response.status_code == 200
    assert "Amina Haji" not in text(response)
    counts = {module.pk: module.attended for module in response.context["modules"]}
    assert counts[modules[0].pk] == 1
    assert counts[modules[1].pk] == 1
    assert counts[modules[2].pk] == 0


def test_deleting_needs_confirmation(client, modules, amina, coordinator, nordre_follo):
    AttendanceFactory(module=modules[0], volunteer=amina)
    before = snapshot()
    client.force_login(coordinator)
    for data in (
        {"action": "delete", "volunteer": amina.pk},
        {"action": "delete", "volunteer": amina.pk, "confirm": "no"},
        {"action": "delete", "volunteer": "abc", "confirm": "yes"},
        {"action": "shred", "volunteer": amina.pk, "confirm": "yes"},
    ):
        assert client.post(volunteers_url(nordre_follo), data).status_code == 400
    for volunteer_id in (99999999, 10**30):
        response = client.post(
            volunteers_url(nordre_follo),
            {"action": "delete", "volunteer": volunteer_id, "confirm": "yes"},
        )
        assert response.status_code == 404
    assert snapshot() == before


def test_deleting_a_volunteer_with_another_role_keeps_her_account(
    client, amina, coordinator, nordre_follo
):
    editors = SectionRoles.objects.get(section=nordre_follo).editors
    amina.user.groups.add(editors)
    client.force_login(coordinator)
    response = client.post(
        volunteers_url(nordre_follo),
        {"action": "delete", "volunteer": amina.pk, "confirm": "yes"},
    )
    assert response.status_code == 302
    user = User.objects.get(pk=amina.user.pk)
    assert not VolunteerProfile.objects.filter(user=user).exists()
    assert not user.groups.filter(name=VOLUNTEERS).exists()
    assert user.groups.filter(pk=editors.pk).exists()


def test_coordinator_cannot_delete_another_sections_volunteer(
    client, amina, hawa, coordinator, other_coordinator, nordre_follo, indre_ostfold
):
    before = snapshot()
    # Through her own section's page, with the other section's volunteer …
    client.force_login(coordinator)
    response = client.post(
        volunteers_url(nordre_follo), {"action": "delete", "volunteer": hawa.pk, "confirm": "yes"}
    )
    assert response.status_code == 404
    # … and through the other section's page.
    client.force_login(other_coordinator)
    for section in (nordre_follo, indre_ostfold):
        response = client.post(
            volunteers_url(section), {"action": "delete", "volunteer": amina.pk, "confirm": "yes"}
        )
        assert response.status_code == 404
    assert snapshot() == before


# --- 3. The volunteer's own area: the programme and its modules ---------------------


def test_programme_lists_live_modules_in_order_grouped_by_theme(client, area, modules, amina):
    draft = CurriculumModuleFactory(title="Utkast som ikke er publisert", order=5, live=False)
    # A second module of the first theme, late in the programme: shown with its theme.
    late = CurriculumModuleFactory(title="Rollen i praksis", theme=Theme.ROLE, order=6)
    client.force_login(amina.user)
    response = client.get(route(area, "programme"))
    assert response.status_code == 200
    html = text(response)
    assert draft.title not in html
    grouped = [
        [item["source"].pk for item in group["modules"]] for group in response.context["themes"]
    ]
    assert grouped == [[modules[0].pk, late.pk], [modules[1].pk], [modules[2].pk], [modules[3].pk]]
    positions = [html.index(title) for title in (modules[0].title, late.title, modules[1].title)]
    assert positions == sorted(positions)
    positions = [html.index(module.title) for module in modules[1:]]
    assert positions == sorted(positions)
    for module in modules:
        assert route(area, "module", module.pk) in html


def test_programme_of_ten_evenings_and_bad_parameters(client, area, modules, amina):
    client.force_login(amina.user)
    html = text(client.get(route(area, "programme") + "?program=10"))
    for module in modules[:3]:
        assert module.title in html
    assert modules[3].title not in html

    for garbage in ("garbage", "", "17x", "9" * 50):
        response = client.get(route(area, "programme"), {"program": garbage})
        assert response.status_code == 200
        assert modules[3].title in text(response)


def test_programme_follows_the_volunteers_own_programme(client, area, modules, amina):
    amina.programme = "10"
    amina.save()
    client.force_login(amina.user)
    html = text(client.get(route(area, "programme")))
    assert modules[0].title in html
    assert modules[3].title not in html
    assert modules[3].title in text(client.get(route(area, "programme"), {"program": "17"}))


def test_module_page_shows_module_and_its_material(client, area, modules, amina, training_document):
    client.force_login(amina.user)
    response = client.get(route(area, "module", modules[0].pk))
    assert response.status_code == 200
    html = text(response)
    assert modules[0].title in html
    assert f"/documents/{training_document.pk}/{training_document.filename}" in html
    assert training_document.title in html
    assert "notice--language" not in html
    assert route(area, "module_print", modules[0].pk) in html
    # The material belongs to the first module only.
    other = text(client.get(route(area, "module", modules[1].pk)))
    assert f"/documents/{training_document.pk}/" not in other


def test_module_pages_that_do_not_exist_are_404(client, area, modules, amina, locales):
    draft = CurriculumModuleFactory(title="Utkast", order=7, live=False)
    english = translate_module(
        modules[0], locales["en"], "Welcome: what is a neighbourhood mother?"
    )
    client.force_login(amina.user)
    for module_id in (99999999, draft.pk, english.pk):
        assert client.get(route(area, "module", module_id)).status_code == 404
        assert client.get(route(area, "module_print", module_id)).status_code == 404
    for path in ("opplaering/abc/", "opplaering/-1/", f"opplaering/{10**30}/"):
        assert client.get(area.url + path).status_code == 404


def test_module_print_view(client, area, modules, amina, training_document):
    client.force_login(amina.user)
    response = client.get(route(area, "module_print", modules[0].pk))
    assert response.status_code == 200
    html = text(response)
    assert re.search(r'<html lang="nb"', html)
    assert modules[0].title in html
    assert training_document.title in html


def test_module_in_english_and_norwegian_fallback(
    client, area, modules, amina, locales, translate_area
):
    area_en = translate_area()
    assert area_en.url.startswith("/en/")
    english = translate_module(
        modules[0], locales["en"], "Welcome: what is a neighbourhood mother?"
    )
    client.force_login(amina.user)

    response = client.get(route(area_en, "module", modules[0].pk))
    assert response.status_code == 200
    html = text(response)
    assert english.title in html
    assert modules[0].title not in html
    assert "notice--language" not in html

    response = client.get(route(area_en, "module", modules[1].pk))
    assert response.status_code == 200
    html = text(response)
    assert modules[1].title in html
    assert "notice--language" in html

    response = client.get(route(area_en, "module_print", modules[0].pk))
    assert response.status_code == 200
    assert '<html lang="en"' in text(response)
    assert english.title in text(response)

    html = text(client.get(route(area_en, "programme")))
    assert english.title in html
    assert modules[1].title in html

    # The translation is as private as the area.
    response = Client().get(route(area_en, "module", modules[0].pk))
    assert response.status_code == 302
    assert english.title not in text(response)

    # The Norwegian area stays Norwegian.
    html = text(client.get(route(area, "module", modules[0].pk)))
    assert modules[0].title in html
    assert english.title not in html


def test_unpublished_translation_falls_back_to_norwegian(
    client, area, modules, amina, locales, translate_area
):
    area_en = translate_area()
    english = translate_module(modules[0], locales["en"], "Welcome (draft)")
    english.live = False
    english.save()
    client.force_login(amina.user)
    html = text(client.get(route(area_en, "module", modules[0].pk)))
    assert "Welcome (draft)" not in html
    assert modules[0].title in html
    assert "notice--language" in html


def test_the_area_is_private(client, area, modules, outsider):
    response = client.get(route(area, "programme"))
    assert response.status_code == 302
    assert reverse("login") in response.url
    client.force_login(outsider)
    response = client.get(route(area, "module", modules[0].pk))
    assert response.status_code == 403
    assert modules[0].title not in text(response)


# --- 4. Progress and the certificate ------------------------------------------------


def test_progress_shows_her_attended_modules(client, area, modules, amina, hawa):
    AttendanceFactory(module=modules[0], volunteer=amina, date=datetime.date(2026, 9, 3))
    AttendanceFactory(module=modules[1], volunteer=amina, date=datetime.date(2026, 9, 17))
    # Hawa's evening, on a date Amina never attended anything.
    AttendanceFactory(module=modules[2], volunteer=hawa, date=datetime.date(2026, 3, 14))
    client.force_login(amina.user)
    response = client.get(route(area, "progress"))
    assert response.status_code == 200
    html = text(response)
    assert short_date(datetime.date(2026, 9, 3)) in html
    assert short_date(datetime.date(2026, 9, 17)) in html
    assert short_date(datetime.date(2026, 3, 14)) not in html
    progress = re.search(r"<progress[^>]*>", html).group(0)
    assert 'value="2"' in progress
    assert 'max="4"' in progress
    for module in modules:
        assert module.title in html

    response = client.get(route(area, "certificate"))
    assert response.status_code == 302
    assert response.url == route(area, "progress")


def test_other_volunteers_attendance_never_counts_for_her(client, area, modules, amina, hawa):
    for module in modules:
        AttendanceFactory(module=module, volunteer=hawa, date=datetime.date(2026, 3, 14))
    client.force_login(amina.user)
    html = text(client.get(route(area, "progress")))
    assert short_date(datetime.date(2026, 3, 14)) not in html
    assert 'value="0"' in re.search(r"<progress[^>]*>", html).group(0)
    assert client.get(route(area, "certificate")).status_code == 302

    client.force_login(hawa.user)
    assert client.get(route(area, "certificate")).status_code == 200


def test_certificate_after_the_whole_programme(client, area, modules, amina):
    for day, module in enumerate(modules, start=1):
        AttendanceFactory(module=module, volunteer=amina, date=datetime.date(2026, 9, day))
    client.force_login(amina.user)
    html = text(client.get(route(area, "progress")))
    assert 'value="4"' in re.search(r"<progress[^>]*>", html).group(0)
    assert route(area, "certificate") in html

    response = client.get(route(area, "certificate"))
    assert response.status_code == 200
    html = text(response)
    assert "Amina Haji" in html
    for module in modules:
        assert module.title in html


def test_certificate_of_the_ten_evening_programme(client, area, modules, amina):
    amina.programme = "10"
    amina.save()
    for module in modules[:2]:
        AttendanceFactory(module=module, volunteer=amina)
    client.force_login(amina.user)
    assert client.get(route(area, "certificate")).status_code == 302
    AttendanceFactory(module=modules[2], volunteer=amina)
    response = client.get(route(area, "certificate"))
    assert response.status_code == 200
    html = text(response)
    assert "Amina Haji" in html
    assert modules[2].title in html
    assert modules[3].title not in html


def test_no_certificate_without_modules(client, area, amina):
    client.force_login(amina.user)
    assert client.get(route(area, "certificate")).status_code == 302


def test_someone_without_a_profile_has_no_progress(client, area, modules, coordinator):
    client.force_login(coordinator)
    for name_ in ("progress", "certificate", "profile"):
        response = client.get(route(area, name_))
        assert response.status_code == 200
        assert "<progress" not in text(response)
    assert client.post(route(area, "profile"), {"phone": "912 34 567"}).status_code == 200
    assert not VolunteerProfile.objects.filter(user=coordinator).exists()


# --- 5. The profile and consents ----------------------------------------------------


def profile_data(**overrides):
    data = {"languages": [], "phone": "", "consent_photo": "", "consent_language_listing": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value not in ("", None)}


def test_profile_saves_languages_phone_and_consents(client, area, amina):
    somali = SpokenLanguageFactory(code="so-test", name="Somalisk")
    arabic = SpokenLanguageFactory(code="ar-test", name="Arabisk")
    client.force_login(amina.user)
    assert client.get(route(area, "profile")).status_code == 200
    response = client.post(
        route(area, "profile"),
        profile_data(
            languages=[somali.pk, arabic.pk],
            phone="+47 400 00 000",
            consent_photo="on",
            consent_language_listing="on",
        ),
    )
    assert response.status_code == 302
    amina.refresh_from_db()
    assert set(amina.languages.all()) == {somali, arabic}
    assert amina.phone == "+47 400 00 000"
    assert amina.consent_photo
    assert amina.consent_language_listing
    records = ConsentRecord.objects.filter(profile=amina)
    assert {(record.kind, record.given) for record in records} == {
        (ConsentKind.PHOTO, True),
        (ConsentKind.LANGUAGE_LISTING, True),
    }
    assert {record.recorded_by for record in records} == {amina.user}

    # Saving again without changes records no new consent.
    client.post(
        route(area, "profile"),
        profile_data(
            languages=[somali.pk, arabic.pk],
            phone="+47 400 00 000",
            consent_photo="on",
            consent_language_listing="on",
        ),
    )
    assert ConsentRecord.objects.filter(profile=amina).count() == 2


def test_bad_phone_changes_nothing(client, area, amina):
    somali = SpokenLanguageFactory(code="so-test", name="Somalisk")
    client.force_login(amina.user)
    for phone in ("abc", "1" * 200, "912", "<script>", "912 34 567 x"):
        response = client.post(
            route(area, "profile"),
            profile_data(languages=[somali.pk], phone=phone, consent_photo="on"),
        )
        assert response.status_code == 400, phone
        amina.refresh_from_db()
        assert amina.phone == "912 34 567"
        assert not amina.languages.exists()
        assert not amina.consent_photo
        assert not ConsentRecord.objects.exists()


def test_unknown_language_changes_nothing(client, area, amina):
    client.force_login(amina.user)
    statuses = {}
    for language in ("99999999", "abc", str(10**30)):
        try:
            response = client.post(
                route(area, "profile"), profile_data(languages=[language], phone="400 00 000")
            )
            statuses[language] = response.status_code
        except Exception as error:  # noqa: BLE001 - a crash is a wrong answer, reported below
            statuses[language] = repr(error)
        amina.refresh_from_db()
        assert amina.phone == "912 34 567"
    assert statuses == {"99999999": 400, "abc": 400, str(10**30): 400}


def test_withdrawn_language_consent_takes_effect_at_once(client, area, amina, nordre_follo):
    tigrinya = SpokenLanguageFactory(code="ti-test", name="Tigrinja-testspråk", name_local="")
    public = Client()
    private_details = ("Amina", "Haji", amina.user.username, "912 34 567", "91234567")

    def public_page():
        response = public.get(nordre_follo.url)
        assert response.status_code == 200
        html = text(response)
        for detail in private_details:
            assert detail not in html
        return html

    client.force_login(amina.user)
    # Her language, without her consent: never listed.
    client.post(route(area, "profile"), profile_data(languages=[tigrinya.pk], phone="912 34 567"))
    amina.refresh_from_db()
    assert list(amina.languages.all()) == [tigrinya]
    assert tigrinya.name not in public_page()

    # With consent: listed, without her name.
    response = client.post(
        route(area, "profile"),
        profile_data(languages=[tigrinya.pk], phone="912 34 567", consent_language_listing="on"),
    )
    assert response.status_code == 302
    assert tigrinya.name in public_page()

    # Withdrawn: gone at once.
    response = client.post(
        route(area, "profile"), profile_data(languages=[tigrinya.pk], phone="912 34 567")
    )
    assert response.status_code == 302
    amina.refresh_from_db()
    assert not amina.consent_language_listing
    assert tigrinya.name not in public_page()
    assert ConsentRecord.objects.filter(
        profile=amina, kind=ConsentKind.LANGUAGE_LISTING, given=False
    ).exists()


def test_language_listing_only_of_active_volunteers_in_the_section(
    client, area, amina, hawa, nordre_follo, indre_ostfold
):
    tigrinya = SpokenLanguageFactory(code="ti-test", name="Tigrinja-testspråk", name_local="")
    hawa.languages.add(tigrinya)
    hawa.consent_language_listing = True
    hawa.save()
    # Hawa's group lists it; Amina's does not.
    assert tigrinya.name in text(Client().get(indre_ostfold.url))
    assert tigrinya.name not in text(Client().get(nordre_follo.url))
    # A deactivated account is not listed.
    hawa.user.is_active = False
    hawa.user.save()
    assert tigrinya.name not in text(Client().get(indre_ostfold.url))


def test_request_deletion_flags_her_for_the_coordinator(
    client, area, amina, hawa, coordinator, nordre_follo
):
    client.force_login(amina.user)
    response = client.post(route(area, "profile"), {"action": "request_deletion"})
    assert response.status_code == 302
    amina.refresh_from_db()
    requested = amina.deletion_requested_at
    assert requested is not None
    # Asking again keeps the first date.
    client.post(route(area, "profile"), {"action": "request_deletion"})
    amina.refresh_from_db()
    assert amina.deletion_requested_at == requested
    hawa.refresh_from_db()
    assert hawa.deletion_requested_at is None

    client.force_login(coordinator)
    response = client.get(volunteers_url(nordre_follo))
    assert response.status_code == 200
    rows = [row for row in text(response).split("<tr>") if "Amina Haji" in row]
    assert len(rows) == 1
    assert "<strong>" in rows[0]
    flagged = [
        profile for profile in response.context["volunteers"] if profile.deletion_requested_at
    ]
    assert flagged == [amina]


def test_coordinator_sees_no_flag_without_a_request(client, amina, coordinator, nordre_follo):
    client.force_login(coordinator)
    response = client.get(volunteers_url(nordre_follo))
    rows = [row for row in text(response).split("<tr>") if "Amina Haji" in row]
    assert len(rows) == 1
    assert "<strong>" not in rows[0]


# --- 6. Her data ------------------------------------------------------------------


def test_data_download(client, area, modules, amina, hawa):
    somali = SpokenLanguageFactory(code="so-test", name="Somalisk")
    amina.languages.add(somali)
    ConsentRecord.objects.create(
        profile=amina, kind=ConsentKind.PHOTO, given=True, recorded_by=amina.user
    )
    AttendanceFactory(module=modules[0], volunteer=amina, date=datetime.date(2026, 9, 3))
    AttendanceFactory(module=modules[1], volunteer=hawa, date=datetime.date(2026, 3, 14))
    client.force_login(amina.user)
    response = client.get(route(area, "profile_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["user"]["username"] == amina.user.username
    assert data["user"]["first_name"] == "Amina"
    assert data["profile"]["phone"] == "912 34 567"
    assert data["profile"]["languages"] == ["Somalisk"]
    assert data["consent_records"] == [
        {"consent": "photo", "given": True, "at": data["consent_records"][0]["at"]}
    ]
    assert data["attendance"] == [{"module": modules[0].title, "date": "2026-09-03"}]
    assert hawa.user.username not in response.content.decode()
    assert "934 56 789" not in response.content.decode()


def test_data_download_needs_a_profile(client, area, coordinator):
    client.force_login(coordinator)
    assert client.get(route(area, "profile_data")).status_code == 404


def test_data_download_needs_login(client, area, amina):
    response = client.get(route(area, "profile_data"))
    assert response.status_code == 302
    assert reverse("login") in response.url
    assert "912 34 567" not in text(response)


# --- 7. Local variants of modules ---------------------------------------------------


@pytest.fixture
def variants(modules, nordre_follo, indre_ostfold):
    return {
        "nf": LocalModuleVariant.objects.create(
            module=modules[0],
            section=nordre_follo,
            notes="<p>Vi møtes på Kolbotn bibliotek.</p>",
        ),
        "io": LocalModuleVariant.objects.create(
            module=modules[0],
            section=indre_ostfold,
            notes="<p>Vi møtes på Askim frivilligsentral.</p>",
        ),
    }


def variant_form(module, section, notes="<p>Lokalt.</p>"):
    return nested_form_data(
        {
            "module": module.pk,
            "section": section.pk,
            "notes": rich_text(notes),
            "materials": inline_formset([]),
        }
    )


def test_section_editor_lists_and_edits_only_her_sections_variants(
    client, variants, nf_editor, modules, nordre_follo
):
    client.force_login(nf_editor)
    response = client.get(snippet_url("localmodulevariant", "list"))
    assert response.status_code == 200
    html = text(response)
    assert snippet_url("localmodulevariant", "edit", variants["nf"].pk) in html
    assert snippet_url("localmodulevariant", "edit", variants["io"].pk) not in html

    assert (
        client.get(snippet_url("localmodulevariant", "edit", variants["nf"].pk)).status_code == 200
    )
    response = client.post(
        snippet_url("localmodulevariant", "edit", variants["nf"].pk),
        variant_form(modules[0], nordre_follo, "<p>Vi møtes på Ski bibliotek.</p>"),
    )
    assert response.status_code == 302
    variants["nf"].refresh_from_db()
    assert "Ski bibliotek" in variants["nf"].notes


def test_section_editor_cannot_reach_another_sections_variant(
    client, variants, nf_editor, modules, nordre_follo, indre_ostfold
):
    client.force_login(nf_editor)
    other = variants["io"]
    for view in ("edit", "delete", "history", "usage", "copy"):
        assert client.get(snippet_url("localmodulevariant", view, other.pk)).status_code == 404
    response = client.post(
        snippet_url("localmodulevariant", "edit", other.pk),
        variant_form(modules[0], indre_ostfold, "<p>Overskrevet.</p>"),
    )
    assert response.status_code == 404
    assert client.post(snippet_url("localmodulevariant", "delete", other.pk)).status_code == 404
    other.refresh_from_db()
    assert "Askim" in other.notes

    # Nor can she move her own variant into the other section.
    response = client.post(
        snippet_url("localmodulevariant", "edit", variants["nf"].pk),
        variant_form(modules[0], indre_ostfold, "<p>Flyttet.</p>"),
    )
    assert response.status_code != 302
    assert "section" in response.context["form"].errors
    variants["nf"].refresh_from_db()
    assert variants["nf"].section_id == nordre_follo.pk
    assert "Kolbotn" in variants["nf"].notes


def test_section_editor_adds_variants_only_for_her_section(
    client, modules, nf_editor, nordre_follo, indre_ostfold
):
    client.force_login(nf_editor)
    assert client.get(snippet_url("localmodulevariant", "add")).status_code == 200
    response = client.post(
        snippet_url("localmodulevariant", "add"), variant_form(modules[1], indre_ostfold)
    )
    assert response.status_code != 302
    assert "section" in response.context["form"].errors
    assert not LocalModuleVariant.objects.exists()

    response = client.post(
        snippet_url("localmodulevariant", "add"), variant_form(modules[1], nordre_follo)
    )
    assert response.status_code == 302
    variant = LocalModuleVariant.objects.get()
    assert variant.section_id == nordre_follo.pk
    assert variant.module == modules[1]


def test_volunteers_cannot_edit_local_variants(client, variants, modules, amina, outsider):
    for who in (amina.user, outsider):
        client.force_login(who)
        refused(client.get(snippet_url("localmodulevariant", "list")))
        refused(client.get(snippet_url("localmodulevariant", "edit", variants["nf"].pk)))
        refused(
            client.post(
                snippet_url("localmodulevariant", "edit", variants["nf"].pk),
                variant_form(modules[0], variants["nf"].section, "<p>Overskrevet.</p>"),
            )
        )
    variants["nf"].refresh_from_db()
    assert "Kolbotn" in variants["nf"].notes


def test_volunteer_sees_her_own_sections_local_notes(client, area, variants, modules, amina, hawa):
    client.force_login(amina.user)
    html = text(client.get(route(area, "module", modules[0].pk)))
    assert "Kolbotn bibliotek" in html
    assert "Askim frivilligsentral" not in html
    html = text(client.get(route(area, "module_print", modules[0].pk)))
    assert "Kolbotn bibliotek" in html
    assert "Askim frivilligsentral" not in html
    # Not on another module.
    assert "Kolbotn bibliotek" not in text(client.get(route(area, "module", modules[1].pk)))

    client.force_login(hawa.user)
    html = text(client.get(route(area, "module", modules[0].pk)))
    assert "Askim frivilligsentral" in html
    assert "Kolbotn bibliotek" not in html


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
