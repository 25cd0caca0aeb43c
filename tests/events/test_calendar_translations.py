"""The public calendar in English: translations where there are any, Norwegian where not.

A translated event shows its English title, an untranslated one its Norwegian
with a notice; a translation, also one made with wagtail-localize, keeps its
source's section, dates, status and place.
"""

import re

from cms.events.models import EventStatus
from tests.helpers.events import titles, translate


def test_translated_calendar_shows_translations_and_falls_back_to_norwegian(
    client, fixed_events, english
):
    source = fixed_events["helse"]
    translate(source, english, "Theme evening on health")

    response = client.get("/en/arrangementer/")

    assert response.status_code == 200
    found = titles(response)
    assert "Theme evening on health" in found
    assert "Norskkurs Oslo" in found  # not translated: shown in Norwegian
    # The event page keeps its address in every language.
    assert client.get(f"/en/arrangementer/{source.pk}/").status_code == 200


def test_an_event_page_says_whether_the_event_is_in_the_readers_language(
    client, fixed_events, english
):
    """The notice follows the event, not the (translated) calendar page it is shown on."""
    translated = fixed_events["helse"]
    translate(translated, english, "Theme evening on health")
    untranslated = fixed_events["kurs-oslo"]

    assert (
        "notice--language" not in client.get(f"/en/arrangementer/{translated.pk}/").content.decode()
    )
    assert (
        "notice--language" in client.get(f"/en/arrangementer/{untranslated.pk}/").content.decode()
    )
    # The language switcher says the same: English exists for one event only.
    switcher = re.compile(r'<a href="/en/arrangementer/\d+/"[^>]*>(.*?)</a>', re.S)
    link = switcher.search(client.get(f"/arrangementer/{translated.pk}/").content.decode())
    assert "<small>" not in link.group(1)
    link = switcher.search(client.get(f"/arrangementer/{untranslated.pk}/").content.decode())
    assert "<small>" in link.group(1)


def test_a_stale_translation_shows_the_cancellation_and_new_place(client, fixed_events, english):
    source = fixed_events["helse"]
    translate(source, english, "Theme evening on health")
    # Cancelled and moved in Norwegian after the translation was made.
    source.status = EventStatus.CANCELLED
    source.place_name = "Grorud bibliotek"
    source.save()

    html = client.get(f"/en/arrangementer/{source.pk}/").content.decode()

    assert "Theme evening on health" in html
    assert "This event is cancelled." in html
    assert "Grorud bibliotek" in html


def test_translation_made_with_wagtail_localize_keeps_the_schedule(client, fixed_events, english):
    from wagtail_localize.models import StringTranslation, TranslationSource

    event = fixed_events["kurs-oslo"]
    event.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(event)
    title = source.stringsegment_set.get(string__data="Norskkurs Oslo").string
    StringTranslation.objects.create(
        translation_of=title,
        locale=english,
        context=title.segments.first().context,
        data="Norwegian course, Oslo",
    )

    translation, _created = source.create_or_update_translation(english)

    assert translation.section_id == event.section_id
    assert list(translation.languages.all()) == list(event.languages.all())
    assert not translation.occurrences.exists()  # it shares its source's dates
    html = client.get("/en/arrangementer/?kategori=kurs").content.decode()
    assert "Norwegian course, Oslo" in html
    assert "Norskkurs Oslo" not in html
