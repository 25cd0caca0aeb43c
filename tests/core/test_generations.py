"""Generations (cms.core.cache): read once per request, a request's own change seen at once."""

from django.core.cache import cache
from django.test import override_settings

from cms.core.cache import Generation
from cms.core.memo import request_scope


def test_outside_a_request_every_read_asks_the_cache():
    generation = Generation("test:generation")
    first = generation.current()

    cache.set("test:generation", "another process renewed it")

    assert generation.current() == "another process renewed it" != first


def test_a_request_reads_each_generation_once():
    generation = Generation("test:generation")
    with request_scope():
        first = generation.current()
        cache.set("test:generation", "another process renewed it")
        assert generation.current() == first  # one page, one generation
    assert generation.current() == "another process renewed it"  # the next request


def test_a_request_sees_its_own_change_at_once():
    generation = Generation("test:generation")
    with request_scope():
        first = generation.current()
        generation.renew()
        assert generation.current() != first
        assert generation.current() == cache.get("test:generation")


UNREACHABLE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def test_while_the_cache_is_unreachable_nothing_is_kept_under_no_generation():
    """A cache that keeps nothing stands for Redis down (cms.platform.cache answers so)."""
    generation = Generation("test:generation")
    computed = []
    with request_scope():
        with override_settings(CACHES=UNREACHABLE):
            assert generation.current() is None
            generation.keep("thing", lambda: computed.append(1) or "value")
            generation.keep("thing", lambda: computed.append(1) or "value")
        # Back within the same request: a real generation, and nothing kept under None.
        assert generation.current() is not None
    assert computed == [1, 1]
    assert cache.get("thing:None") is None
