"""The network's page tree of DESIGN.md, with its texts from ``data/network.toml``.

A page is found again by its slug under its parent and then left exactly as
it is, so a second run changes nothing. News and quotes describe people by
role, never by name.
"""

from wagtail.models import Locale, Page, Site

from cms.content.models import NetworkSettings, NewsPage, StandardPage
from cms.content.pages import NewsIndexPage
from cms.core.languages import SpokenLanguage
from cms.demo.blocks import blocks
from cms.demo.data import choice, field_value, read
from cms.demo.images import image
from cms.events.pages import EventIndexPage
from cms.platform.siteurl import site_address
from cms.sections.models import AssociationPage, MunicipalityPage, Phase
from home.models import HomePage

#: The page models a data file may name as a page's ``type``.
PAGE_TYPES = {
    model.__name__: model
    for model in (
        MunicipalityPage,
        AssociationPage,
        StandardPage,
        NewsIndexPage,
        NewsPage,
        EventIndexPage,
    )
}

#: Keys of a page in the data that place it rather than fill its fields.
PLACEMENT = {"parent", "type", "section", "keep_existing", "languages", "locale"}

#: The fields that hold a list of blocks.
STREAM_FIELDS = {"body", "partners"}


def fields_of(spec, images=None):
    """The model fields of a page in the data, as the model takes them.

    ``images`` maps the keys of ``[images]`` to the images, for a news page's
    ``image``.
    """
    fields = {}
    for name, value in spec.items():
        if name in PLACEMENT:
            continue
        if name in STREAM_FIELDS:
            value = blocks(value)
        elif name == "image":
            value = images[value]
        elif name == "phase":
            value = choice(Phase, value)
        else:
            value = field_value(value)
        fields[name] = value
    return fields


def page(progress, parent, model, slug, languages=None, **fields):
    """The child of ``parent`` with ``slug``, made and published if there is none."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    made = model(slug=slug, locale=parent.locale, **fields)
    if languages is not None:
        made.languages.set(list(languages))
    parent.add_child(instance=made)
    made.save_revision().publish()
    progress.made(f"Created {made.url_path}")
    return made


def build_pages(progress, specs, pages, images=None):
    """Make the pages ``specs`` of a data file, in order; the sections among them, by slug.

    ``pages`` maps a path ("/" for the front page) to its page; each page made
    or found is added, so a later page can name it as its parent.
    """
    sections = {}
    for spec in specs:
        parent = pages[spec["parent"]]
        model = PAGE_TYPES[spec["type"]]
        fields = fields_of(spec, images)
        slug = fields.pop("slug")
        made = spec.get("keep_existing") and model.objects.child_of(parent).first()
        if not made:
            codes = spec.get("languages")
            languages = None if codes is None else SpokenLanguage.objects.filter(code__in=codes)
            made = page(progress, parent, model, slug, languages, **fields)
        pages[f"{spec['parent']}{slug}/"] = made
        if spec.get("section"):
            sections[slug] = made
    return sections


def translate(progress, original, spec):
    """A copy of ``original`` in the locale ``spec["locale"]`` with the texts of ``spec``.

    Made only when the page has no translation in that locale yet. For the
    volunteer area's title in English; the content's translations go through
    wagtail-localize (``cms.demo.translations``).
    """
    locale = Locale.objects.get(language_code=spec["locale"])
    if original.get_translations().filter(locale=locale).exists():
        return
    copy = original.copy_for_translation(locale)
    for name, value in fields_of(spec).items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    progress.made(f"Created {copy.url_path} ({locale.language_code}).")


def home_page(progress):
    """Make a HomePage the default site's root, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = HomePage(locale=Locale.get_default(), **fields_of(read("network")["home"]))
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    old_root = site.root_page if site else None
    if site is None:
        hostname, port = site_address()  # SITE_URL's, or localhost in development
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    if old_root is not None and old_root.specific_class is Page and not old_root.numchild:
        old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    progress.made("Created the front page.")
    return home


def network_settings(progress, pages):
    """The network's name, contact details and the pages the footer links to."""
    spec = read("network")["settings"]
    defaults = {
        **spec,
        "about_page": pages[spec["about_page"]],
        "accessibility_page": pages[spec["accessibility_page"]],
    }
    _settings, created = NetworkSettings.objects.get_or_create(
        site=Site.objects.get(is_default_site=True), defaults=defaults
    )
    progress.made(count=created)


def load(progress):
    """The front page, its tree and the settings of ``network.toml``.

    Returns the pages by path ("/" is the front page) and the sections by slug.
    """
    network = read("network")
    home = home_page(progress)
    images = {key: image(progress, spec) for key, spec in network["images"].items()}
    pages = {"/": home}
    sections = build_pages(progress, network["pages"], pages, images)
    network_settings(progress, pages)
    return pages, sections
