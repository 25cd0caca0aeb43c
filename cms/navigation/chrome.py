"""The network's chrome: what pages show beside their own content, read once and kept.

The front page, the main menu, the footer's contact details and links, the
calendar page, and for every section its districts, its association and its
news index: each page used to look these up for itself, in the reader's
language, at two or three queries apiece (a page under /so/ spent half its
queries here). They change only when content changes, so they are read once
per *content generation* (``cms.core.cache.content``), site
and language, and kept in the cache as plain values (:class:`Link`), which
carry no lazy relation that could reach the database again.

Nothing here is private: the menu and sections are public pages
(``cms.core.visibility.public``), and the languages a group speaks are only
names (``cms.volunteers.profiles.section_languages``).
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from cms.content.models import NetworkSettings
from cms.content.pages import NewsIndexPage
from cms.core.cache import content
from cms.core.i18n import localized
from cms.core.visibility import public
from cms.events.pages import EventIndexPage
from cms.sections.models import AssociationPage, MunicipalityPage


@dataclass(frozen=True)
class Link:
    """A page as a link: enough for ``{{ link.url }}``, ``lang_attrs`` and ``aria-current``."""

    pk: int
    path: str
    depth: int
    title: str
    url: str
    locale_id: int
    alias_of_id: int | None
    intro: str = ""

    @classmethod
    def of(cls, page, request):
        return cls(
            pk=page.pk,
            path=page.path,
            depth=page.depth,
            title=page.title,
            url=page.get_url(request),
            locale_id=page.locale_id,
            alias_of_id=page.alias_of_id,
            intro=getattr(page, "intro", ""),
        )


@dataclass(frozen=True)
class NewsIndexLink:
    """A news index and its feeds; ``source_path`` is the Norwegian index that holds the news."""

    link: Link
    rss: str
    atom: str
    feed_is_public: bool
    source_path: str

    @classmethod
    def of(cls, index, request, source=None):
        full_url = index.get_full_url(request) or ""
        return cls(
            link=Link.of(index, request),
            rss=full_url + index.reverse_subpage("rss"),
            atom=full_url + index.reverse_subpage("atom"),
            feed_is_public=index.feed_is_public,
            source_path=(source or index).path,
        )

    # What templates read of a news index, as on the page itself.
    title = property(lambda self: self.link.title)
    url = property(lambda self: self.link.url)


@dataclass(frozen=True)
class Section:
    """A section as its page in any language shows it.

    ``pk`` and ``path`` are the Norwegian section's, which owns the events,
    news and volunteers; the links are in the reader's language.
    """

    pk: int
    path: str
    is_municipality: bool
    link: Link
    phase: str = ""
    districts: tuple = ()
    association: Link | None = None
    news: NewsIndexLink | None = None


@dataclass(frozen=True)
class Chrome:
    """One site's chrome in one language."""

    organisation_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    front: Link | None = None
    menu: tuple = ()
    about: Link | None = None
    accessibility: Link | None = None
    calendar: Link | None = None
    front_news: NewsIndexLink | None = None
    #: Sections by translation key: a section's page in every language finds its entry.
    sections: dict = field(default_factory=dict)
    #: The municipalities right below the front page, by title (translation keys).
    municipalities: tuple = ()
    #: The Norwegian front page's path: the network's news are below it.
    root_path: str = ""

    def section(self, page):
        return self.sections.get(getattr(page, "translation_key", None))

    def front_sections(self):
        """The front page's list of local groups, each with its districts."""
        return [self.sections[key] for key in self.municipalities]


def for_request(request):
    """The chrome of the request's site in the active language (kept per content generation)."""
    memo = getattr(request, "_chrome", None)
    if memo is not None:
        return memo
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return Chrome()
    chrome = content.keep(f"chrome:{site.pk}:{get_language()}", lambda: build(request, site))
    request._chrome = chrome
    return chrome


def _link(page, request):
    return Link.of(page, request) if page is not None else None


def build(request, site):
    """Read the chrome from the database, in a constant number of queries."""
    # Not ``for_site``, which creates the row: a page view writes nothing.
    network = NetworkSettings.objects.filter(site=site).first() or NetworkSettings(site=site)
    root = site.root_page
    default = Locale.get_default()
    about, statement = (
        localized([page])[0] if page else None
        for page in (network.about_page, network.accessibility_page)
    )
    calendar = EventIndexPage.objects.live().filter(locale=default).first()
    front = root.localized
    front_index = NewsIndexPage.objects.child_of(front).live().first()
    sections = _sections(request, root, default)
    return Chrome(
        organisation_name=network.organisation_name,
        contact_email=network.contact_email,
        contact_phone=network.contact_phone,
        front=Link.of(front, request),
        menu=tuple(
            Link.of(page, request)
            for page in localized(public(root.get_children().live().in_menu()))
        ),
        about=_link(about, request),
        accessibility=_link(statement, request),
        calendar=_link(calendar.localized if calendar else None, request),
        front_news=NewsIndexLink.of(front_index, request) if front_index else None,
        sections=sections,
        municipalities=tuple(
            key
            for key, section in sections.items()
            if section.is_municipality and len(section.path) == len(root.path) + Page.steplen
        ),
        root_path=root.path,
    )


def _sections(request, root, default):
    """Every Norwegian section's districts, association and news index, in the reader's language."""
    below = root.path if root.locale_id == default.pk else ""
    sources = list(
        public(MunicipalityPage.objects.live().filter(locale=default, path__startswith=below))
    ) + list(AssociationPage.objects.live().filter(locale=default, path__startswith=below))
    by_path = {page.path: page for page in sources}
    # By title, as the front page and a municipality list them; each in the reader's language.
    sources.sort(key=lambda page: (isinstance(page, AssociationPage), page.title))
    municipalities = [page for page in sources if isinstance(page, MunicipalityPage)]
    associations = [page for page in sources if isinstance(page, AssociationPage)]
    links = {
        source.pk: Link.of(shown, request)
        for group in (municipalities, associations)
        for source, shown in zip(group, localized(group), strict=True)
    }
    districts, association = {}, {}
    for page in municipalities:
        districts.setdefault(page.path[: -Page.steplen], []).append(links[page.pk])
    for page in sorted(associations, key=lambda page: page.path):
        association.setdefault(page.path[: -Page.steplen], links[page.pk])
    news = _news_indexes(request, default, by_path)
    return {
        page.translation_key: Section(
            pk=page.pk,
            path=page.path,
            is_municipality=isinstance(page, MunicipalityPage),
            link=links[page.pk],
            phase=page.get_phase_display() if hasattr(page, "phase") else "",
            districts=tuple(districts.get(page.path, ())),
            association=association.get(page.path),
            news=news.get(page.path),
        )
        for page in sources
    }


def _news_indexes(request, default, sections_by_path):
    """The first live news index below each section, by the section's path."""
    indexes = {}
    for index in NewsIndexPage.objects.live().filter(locale=default).order_by("path"):
        parent = index.path[: -Page.steplen]
        if parent in sections_by_path:
            indexes.setdefault(parent, index)
    sources = list(indexes.values())
    return {
        source.path[: -Page.steplen]: NewsIndexLink.of(shown, request, source)
        for source, shown in zip(sources, localized(sources), strict=True)
    }
