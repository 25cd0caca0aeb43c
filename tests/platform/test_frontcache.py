"""The front cache is sent one purge per committed change, and again a moment later.

(cms.platform.frontcache.) A real HTTP server on 127.0.0.1 stands where
Varnish would and records the PURGE requests that the backend (Wagtail's
HTTP backend with a time-out) sends it; tests/test_two_processes.py runs the
whole thing through a real Varnish.
"""

import datetime
import socket
import time

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from cms.platform import frontcache
from tests.factories import EventFactory, StandardPageFactory
from tests.helpers.frontcache import AGAIN, PURGE, backends, settled
from tests.servers import free_port


@pytest.fixture
def page(home, committed):
    with committed():
        return StandardPageFactory(parent=home, title="Om oss", slug="om-oss")


def test_publishing_a_page_sends_one_purge_at_commit_and_one_after(page, front_cache, committed):
    with committed():
        page.title = "Om Bydelsmødre"
        page.save_revision().publish()  # saves the page, its revision, a log entry…
        assert front_cache == [], "nothing before the commit"

    assert front_cache == [PURGE], "one at once, for all the rows"
    assert settled(front_cache) == [PURGE, PURGE], "and again, for a page built meanwhile"


@pytest.mark.parametrize("change", ["unpublish", "move", "delete"])
def test_unpublishing_moving_and_deleting_purge(home, page, front_cache, committed, change):
    with committed():
        other = StandardPageFactory(parent=home, title="Kontakt", slug="kontakt")
    settled(front_cache).clear()

    with committed():
        if change == "unpublish":
            page.unpublish()
        elif change == "move":
            page.move(other, pos="last-child")
        else:
            page.delete()

    assert settled(front_cache) == [PURGE, PURGE]


def test_an_event_changed_purges_the_calendar_and_its_feeds(
    home, nordre_follo, front_cache, committed
):
    start = timezone.now() + datetime.timedelta(days=3)
    with committed():
        EventFactory(
            title="Kaffetreff",
            section=nordre_follo,
            start=start,
            end=start + datetime.timedelta(hours=2),
            languages=[],
        )

    assert settled(front_cache) == [PURGE, PURGE]


def test_a_rolled_back_change_sends_nothing(page, front_cache, committed):
    with committed():
        try:
            with transaction.atomic():
                page.title = "Aldri lagret"
                page.save()
                raise RuntimeError("the editor's request failed")
        except RuntimeError:
            pass

    assert settled(front_cache) == []


def test_without_a_front_cache_nothing_is_sent(page, committed):
    with committed():
        page.title = "Om Bydelsmødre"
        page.save_revision().publish()
    # Nothing to assert on a server that does not exist: the publish went through.
    page.refresh_from_db()
    assert page.title == "Om Bydelsmødre"


def test_a_front_cache_that_is_away_does_not_stop_a_publish(page, committed, caplog, monkeypatch):
    monkeypatch.setattr(frontcache, "PURGE_AGAIN_SECONDS", AGAIN)
    with override_settings(WAGTAILFRONTENDCACHE=backends(free_port())):
        with committed():
            page.title = "Om Bydelsmødre"
            page.save_revision().publish()
        time.sleep(AGAIN * 3)

    page.refresh_from_db()
    assert page.title == "Om Bydelsmødre"
    assert page.live
    assert any("Couldn't purge" in record.message for record in caplog.records)


def test_a_front_cache_that_does_not_answer_holds_a_publish_two_seconds_at_most(
    page, committed, caplog, monkeypatch
):
    silent = socket.socket()  # takes the connection, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    monkeypatch.setattr(frontcache, "PURGE_AGAIN_SECONDS", 60)  # not within this test
    try:
        with override_settings(WAGTAILFRONTENDCACHE=backends(silent.getsockname()[1])):
            started = time.monotonic()
            with committed():
                page.title = "Om Bydelsmødre"
                page.save_revision().publish()
            waited = time.monotonic() - started
    finally:
        silent.close()

    assert waited < frontcache.PURGE_TIMEOUT + 1.5
    assert any("Couldn't purge" in record.message for record in caplog.records)
