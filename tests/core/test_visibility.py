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
