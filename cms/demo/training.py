"""The volunteers' private area of the demo (``data/training.toml``).

The volunteer area with an English version, the training programme (twelve
modules across the themes, two translated into English and one into Arabic),
private training material and a private image, a local note from Nordre
Follo, internal news, and two demo volunteers: ``frivillig-nordrefollo``
(four modules completed) and ``frivillig-indreostfold``. Idempotent like the
rest of the demo.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.core.groups import VOLUNTEERS as VOLUNTEERS_GROUP
from cms.core.languages import SpokenLanguage
from cms.curriculum.models import (
    CurriculumMaterial,
    CurriculumModule,
    LocalModuleVariant,
    MaterialKind,
    ProgrammePhase,
    Theme,
)
from cms.demo.data import choice, fill, read
from cms.demo.images import image
from cms.demo.network import build_pages, page, translate
from cms.demo.people import demo_account
from cms.privacy import restrictions
from cms.volunteers.models import Attendance, ConsentKind, ConsentRecord, VolunteerProfile
from cms.volunteers.pages import VolunteerAreaPage

#: A minimal, valid one-page PDF, so the demo needs no files of its own.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def load(progress, pages, sections):
    """Make what is missing; ``pages`` are the network's pages by path, ``sections`` by slug."""
    training = read("training")
    spec = training["area"]
    fields = {"title": spec["title"], "intro": spec["intro"]}
    area = page(progress, pages["/"], VolunteerAreaPage, spec["slug"], **fields)
    # The area in English. Arabic readers use /ar/frivillig/: the Norwegian area
    # with Arabic headings and the modules in Arabic where translated (an Arabic
    # front page would hide every page not yet translated into Arabic).
    for translation in spec["translations"]:
        translate(progress, area, translation)
    pages[f"/{spec['slug']}/"] = area
    build_pages(progress, training["pages"], pages)
    collection = restrictions.training_collection()
    modules = _modules(progress, training)
    _documents(progress, collection, modules, training["documents"])
    _area_image(area, image(progress, spec["image"], collection), spec["image"])
    _local_note(progress, sections, modules, training["local_note"])
    _volunteers(progress, sections, modules, training["volunteers"])
    # The area and its translations are private before anyone can see them.
    for change in restrictions.sync_private_area():
        progress.log(change)


def _area_image(area, private_image, spec):
    """The private image as the area's body, unless the area has a body already."""
    if area.body:
        return
    block = {"image": private_image, "alt_text": spec["alt_text"], "caption": spec["caption"]}
    area.body = [("image", block)]
    area.save_revision().publish()


def _modules(progress, training):
    """The programme's modules by order, each with its translations."""
    norwegian = Locale.get_default()
    texts = training["module_text"]
    modules = {}
    for spec in training["modules"]:
        module = CurriculumModule.objects.filter(locale=norwegian, order=spec["order"]).first()
        if module is None:
            module = _module(progress, norwegian, spec, texts[norwegian.language_code])
        modules[spec["order"]] = module
        for translation in spec.get("translations", []):
            _translate_module(progress, module, translation, texts[translation["locale"]])
    return modules


def _module(progress, norwegian, spec, text):
    """A new, published module of the programme, in Norwegian."""
    module = CurriculumModule(
        locale=norwegian,
        title=spec["title"],
        theme=choice(Theme, spec["theme"]),
        phase=choice(ProgrammePhase, spec["phase"]),
        order=spec["order"],
        in_long_programme=True,  # every module; the short programme is a selection
        in_short_programme=spec["in_short_programme"],
        purpose=spec["purpose"],
        taught_by=spec["taught_by"],
        topics=text["topics"],
        learning_goals=RichText(text["learning_goals"]),
        body=RichText(fill(text["body"], purpose=spec["purpose"])),
    )
    module.save()
    module.save_revision().publish()
    progress.made(f"Created the module “{spec['title']}”.")
    return module


def _translate_module(progress, module, spec, text):
    """The module in the locale ``spec["locale"]``, unless it has that translation."""
    locale = Locale.objects.get(language_code=spec["locale"])
    if module.get_translations().filter(locale=locale).exists():
        return
    copy = module.copy_for_translation(locale)
    copy.title = spec["title"]
    copy.purpose = spec["purpose"]
    copy.topics = text["topics"]
    copy.learning_goals = RichText(text["learning_goals"])
    copy.body = RichText(fill(text["body"], purpose=spec["purpose"]))
    copy.taught_by = ""
    copy.save()
    copy.save_revision().publish()
    progress.made()


def _documents(progress, collection, modules, specs):
    """The private training material, each document found again by its title."""
    Document = get_document_model()
    for spec in specs:
        if Document.objects.filter(title=spec["title"]).exists():
            continue
        content = spec["text"].encode() if "text" in spec else PDF
        document = Document(title=spec["title"], collection=collection)
        document.file.save(spec["file"], ContentFile(content), save=False)
        document.save()
        CurriculumMaterial.objects.create(
            module=modules[spec["module"]],
            document=document,
            kind=choice(MaterialKind, spec["kind"]),
            language=spec["language"],
        )
        progress.made()


def _local_note(progress, sections, modules, spec):
    """A section's own note on one module."""
    _variant, created = LocalModuleVariant.objects.get_or_create(
        module=modules[spec["module"]],
        section=sections[spec["section"]],
        defaults={"notes": RichText(spec["notes"])},
    )
    progress.made(count=created)


def _volunteers(progress, sections, modules, spec):
    """The demo volunteers, with their profile, consent and the evenings they attended."""
    User = get_user_model()
    group = Group.objects.get(name=VOLUNTEERS_GROUP)
    languages = {language.code: language for language in SpokenLanguage.objects.all()}
    for account in spec["accounts"]:
        if User.objects.filter(username=account["username"]).exists():
            continue
        user = demo_account(
            progress, account["username"], account["first_name"], account["last_name"]
        )
        user.groups.add(group)
        section = sections[account["section"]]
        profile = VolunteerProfile.objects.create(
            user=user, section=section, phone=account["phone"], consent_language_listing=True
        )
        profile.languages.set([languages[code] for code in account["languages"]])
        ConsentRecord.objects.create(
            profile=profile, kind=ConsentKind.LANGUAGE_LISTING, given=True, recorded_by=user
        )
        for order in account["modules_done"]:
            Attendance.objects.create(
                module=modules[order],
                section=section,
                volunteer=profile,
                date=spec["attended_from"] + timedelta(weeks=order),
            )
