"""Generations (cms.core.cache): read once per request, a request's own change seen at once."""

from django.core.cache import cache

from cms.core.cache import Generation, request_scope


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
