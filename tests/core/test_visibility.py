"""cms.core.visibility.public(): the pages Wagtail's .public() gives, in one query."""

from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from cms.core.visibility import public
from tests.factories import StandardPageFactory


def _restrict(page, kind, **extra):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name=f"Gruppe for {page.title}"))
    return restriction


def test_restricted_pages_and_everything_below_them_are_left_out(home):
    open_page = StandardPageFactory(parent=home, title="Om oss")
    login_only = StandardPageFactory(parent=home, title="Styret")
    below_login = StandardPageFactory(parent=login_only, title="Referater")
    deep = StandardPageFactory(parent=below_login, title="Referat mars")
    password = StandardPageFactory(parent=open_page, title="Prøvetekst")
    groups = StandardPageFactory(parent=home, title="Koordinatorer")
    _restrict(login_only, PageViewRestriction.LOGIN)
    _restrict(password, PageViewRestriction.PASSWORD, password="hemmelig")
    _restrict(groups, PageViewRestriction.GROUPS)

    shown = set(public(Page.objects.all()).values_list("title", flat=True))

    assert {"Om oss", home.title} <= shown
    assert not {"Styret", "Referater", "Referat mars", "Prøvetekst", "Koordinatorer"} & shown
    assert shown == set(Page.objects.public().values_list("title", flat=True))
    assert deep.pk not in set(public(Page.objects.all()).values_list("pk", flat=True))


def test_one_query_however_many_restrictions(home, django_assert_num_queries):
    pages = [StandardPageFactory(parent=home, title=f"Side {n}") for n in range(12)]
    for page in pages[:2]:
        _restrict(page, PageViewRestriction.LOGIN)
    with django_assert_num_queries(1):
        few = list(public(Page.objects.all()))

    for page in pages[2:10]:
        _restrict(page, PageViewRestriction.LOGIN)
    with django_assert_num_queries(1):
        many = list(public(Page.objects.all()))

    assert len(few) - len(many) == 8


# --- KnownRestrictionsMixin: Wagtail's answer, without its queries on public pages ---------


def test_a_restriction_added_after_a_visit_is_kept_at_once(client, home, member):
    """The restricted paths are kept, but a new restriction closes the page on the next visit."""
    board = StandardPageFactory(parent=home, title="Styret")
    minutes = StandardPageFactory(parent=board, title="Referater")
    assert client.get(minutes.url).status_code == 200  # kept: nothing restricted

    _restrict(board, PageViewRestriction.LOGIN)

    refused = client.get(minutes.url)
    assert refused.status_code == 302 and "Referater" not in refused.content.decode()
    client.force_login(member("styremedlem"))
    assert client.get(minutes.url).status_code == 200


def test_an_alias_of_a_restricted_page_is_restricted(client, home, member):
    board = StandardPageFactory(parent=home, title="Styret")
    _restrict(board, PageViewRestriction.LOGIN)
    elsewhere = StandardPageFactory(parent=home, title="Lenker")
    alias = board.create_alias(parent=elsewhere, update_slug="styret-kopi")

    assert list(alias.get_view_restrictions()) == list(board.get_view_restrictions())
    assert client.get(alias.url).status_code == 302
    client.force_login(member("styremedlem"))
    assert client.get(alias.url).status_code == 200


def test_public_pages_ask_no_query_for_restrictions(home, django_assert_num_queries):
    page = StandardPageFactory(parent=home, title="Om oss")
    _restrict(StandardPageFactory(parent=home, title="Styret"), PageViewRestriction.LOGIN)
    page.get_view_restrictions()  # the restricted paths, read once per content generation

    with django_assert_num_queries(0):
        assert not page.get_view_restrictions().exists()
