"""Factories for every page type and model, built on wagtail-factories."""

import datetime
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from wagtail.models import Locale

from cms.content.models import NewsPage, StandardPage
from cms.content.pages import NewsIndexPage
from cms.core.languages import SpokenLanguage
from cms.curriculum.models import CurriculumModule, Theme
from cms.events.models import Event, EventCategory
from cms.events.pages import EventIndexPage
from cms.sections.models import AssociationPage, MunicipalityPage
from cms.volunteers.models import Attendance, VolunteerProfile
from cms.volunteers.pages import VolunteerAreaPage
from home.models import HomePage


class SpokenLanguageFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"x{n}")
    name = factory.Sequence(lambda n: f"språk {n}")
    name_local = factory.LazyAttribute(lambda obj: obj.name.title())

    class Meta:
        model = SpokenLanguage
        django_get_or_create = ("code",)


class BasePageFactory(wagtail_factories.PageFactory):
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        abstract = True


class HomePageFactory(BasePageFactory):
    title = "Bydelsmødre"
    slug = factory.Sequence(lambda n: f"forside-{n}")
    intro = factory.Faker("sentence", locale="no_NO")

    class Meta:
        model = HomePage


class MunicipalityPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Kommune {n}")
    intro = factory.Faker("sentence", locale="no_NO")

    class Meta:
        model = MunicipalityPage


class AssociationPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Bydelsmødre forening {n}")

    class Meta:
        model = AssociationPage


class StandardPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Side {n}")
    intro = factory.Faker("sentence", locale="no_NO")

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(BasePageFactory):
    title = "Aktuelt"
    slug = "aktuelt"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Nyhet {n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    intro = factory.Faker("sentence", locale="no_NO")

    class Meta:
        model = NewsPage


class EventIndexPageFactory(BasePageFactory):
    title = "Arrangementer"
    slug = "arrangementer"

    class Meta:
        model = EventIndexPage


OSLO = ZoneInfo("Europe/Oslo")


class EventCategoryFactory(factory.django.DjangoModelFactory):
    """One of the categories the migration creates, or a new one."""

    slug = "temakveld"
    name = factory.LazyAttribute(lambda obj: obj.slug.capitalize())
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = EventCategory
        django_get_or_create = ("slug", "locale")


class EventFactory(factory.django.DjangoModelFactory):
    """A live, public, one-off event; pass ``section=`` a section page."""

    title = factory.Sequence(lambda n: f"Temakveld {n}")
    category = factory.SubFactory(EventCategoryFactory)
    start = factory.Sequence(
        lambda n: datetime.datetime(2027, 1, 4, 18, 0, tzinfo=OSLO) + datetime.timedelta(days=n)
    )
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=2))
    place_name = "Stovner bibliotek"
    address = "Stovner senter 3, 0985 Oslo"
    live = True
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Event
        skip_postgeneration_save = True

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)
            self.save()  # ParentalManyToManyField writes on save


class VolunteerAreaPageFactory(BasePageFactory):
    title = "For frivillige"
    slug = "frivillig"
    intro = "Opplæring, materiell og interne arrangementer."

    class Meta:
        model = VolunteerAreaPage


class CurriculumModuleFactory(factory.django.DjangoModelFactory):
    """A live Norwegian module of both programmes."""

    title = factory.Sequence(lambda n: f"Kveld {n}: foreldreskap")
    theme = Theme.PARENTHOOD
    order = factory.Sequence(lambda n: n % 99 + 1)
    in_long_programme = True
    in_short_programme = True
    purpose = "Hvorfor kvelden betyr noe for en bydelsmor."
    topics = "Barns utvikling\nHelsestasjonen"
    live = True
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = CurriculumModule


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email = factory.LazyAttribute(lambda obj: f"{obj.username}@example.no")
    password = factory.django.Password("bydelsmor-demo")

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    """A volunteer in ``section`` (pass a section page), in the "Frivillige" group."""

    user = factory.SubFactory(UserFactory)
    phone = factory.Sequence(lambda n: f"9{n:07d}")

    class Meta:
        model = VolunteerProfile
        skip_postgeneration_save = True

    @factory.post_generation
    def volunteers_group(self, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            group, _created = Group.objects.get_or_create(name="Frivillige")
            self.user.groups.add(group)


class AttendanceFactory(factory.django.DjangoModelFactory):
    module = factory.SubFactory(CurriculumModuleFactory)
    volunteer = factory.SubFactory(VolunteerProfileFactory)
    section = factory.LazyAttribute(lambda obj: obj.volunteer.section)
    date = datetime.date(2026, 10, 1)

    class Meta:
        model = Attendance


#: Every concrete page type and its factory; tests/test_factories.py keeps it complete.
PAGE_FACTORIES = {
    HomePage: HomePageFactory,
    MunicipalityPage: MunicipalityPageFactory,
    AssociationPage: AssociationPageFactory,
    StandardPage: StandardPageFactory,
    NewsIndexPage: NewsIndexPageFactory,
    NewsPage: NewsPageFactory,
    EventIndexPage: EventIndexPageFactory,
    VolunteerAreaPage: VolunteerAreaPageFactory,
}
