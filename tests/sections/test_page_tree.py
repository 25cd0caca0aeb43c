"""Editors can only build the tree of DESIGN.md."""

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from cms.content.models import NewsPage, StandardPage
from cms.content.pages import NewsIndexPage
from cms.sections.models import AssociationPage, MunicipalityPage
from cms.volunteers.pages import VolunteerAreaPage
from home.models import HomePage
from tests.factories import (
    AssociationPageFactory,
    HomePageFactory,
    MunicipalityPageFactory,
    NewsIndexPageFactory,
)


class PageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node())
        cls.oslo = MunicipalityPageFactory(parent=cls.home, title="Oslo")
        cls.stovner = MunicipalityPageFactory(parent=cls.oslo, title="Stovner")
        cls.association = AssociationPageFactory(parent=cls.oslo)
        cls.news = NewsIndexPageFactory(parent=cls.home)

    def test_allowed_parents(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(MunicipalityPage, {HomePage, MunicipalityPage})
        self.assertAllowedParentPageTypes(AssociationPage, {MunicipalityPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(
            NewsIndexPage, {HomePage, MunicipalityPage, AssociationPage, VolunteerAreaPage}
        )
        self.assertAllowedParentPageTypes(
            StandardPage,
            {HomePage, MunicipalityPage, AssociationPage, StandardPage, VolunteerAreaPage},
        )
        # The private area sits on the front page, once.
        self.assertAllowedParentPageTypes(VolunteerAreaPage, {HomePage})

    def test_municipality_can_be_created_on_the_front_page_and_as_a_district(self):
        self.assertCanCreateAt(HomePage, MunicipalityPage)
        self.assertTrue(MunicipalityPage.can_create_at(self.oslo))

    def test_a_district_cannot_hold_districts(self):
        self.assertFalse(MunicipalityPage.can_create_at(self.stovner))

    def test_association_only_under_a_municipality_and_only_one(self):
        self.assertCanNotCreateAt(HomePage, AssociationPage)
        self.assertCanNotCreateAt(NewsIndexPage, AssociationPage)
        self.assertFalse(AssociationPage.can_create_at(self.oslo))  # Oslo already has one
        self.assertTrue(AssociationPage.can_create_at(self.stovner))

    def test_news_only_in_a_news_index(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(MunicipalityPage, NewsPage)
        self.assertFalse(NewsPage.can_create_at(self.home))

    def test_one_news_index_per_parent(self):
        self.assertFalse(NewsIndexPage.can_create_at(self.home))
        self.assertTrue(NewsIndexPage.can_create_at(self.oslo))

    def test_nothing_goes_below_a_news_article(self):
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_home_page_cannot_be_nested(self):
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(MunicipalityPage, HomePage)

    def test_sections_are_renderable(self):
        Site.objects.filter(is_default_site=True).update(root_page=self.home)
        self.assertPageIsRenderable(self.oslo)
        self.assertPageIsRenderable(self.stovner)
        self.assertPageIsRenderable(self.association)
