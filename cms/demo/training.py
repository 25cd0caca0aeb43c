"""Demo content for the volunteers' private area (part of ``manage.py load_demo``).

The volunteer area with an English version, the training
programme (twelve modules across the themes, two translated into English and
one into Arabic), private training material and a private image, a local note
from Nordre Follo, internal news, and two demo volunteers:
``frivillig-nordrefollo`` (four modules completed) and
``frivillig-indreostfold``. Idempotent like the rest of the demo.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.content.models import NewsPage
from cms.content.pages import NewsIndexPage
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
from cms.privacy import restrictions
from cms.volunteers.models import Attendance, ConsentKind, ConsentRecord, VolunteerProfile
from cms.volunteers.pages import VolunteerAreaPage

#: (order, theme, phase, in the 10-evening programme, title, purpose, taught by)
MODULES = [
    (
        1,
        Theme.ROLE,
        ProgrammePhase.START,
        True,
        "Velkommen: hva er en bydelsmor?",
        "Vi blir kjent med hverandre, med rollen som brobygger og med taushetsplikten.",
        "koordinatoren",
    ),
    (
        2,
        Theme.ROLE,
        ProgrammePhase.START,
        True,
        "Taushetsplikt og grenser i rollen",
        "En bydelsmor skal være til å stole på: hva hun kan hjelpe med, og når hun viser videre.",
        "koordinatoren",
    ),
    (
        3,
        Theme.PARENTHOOD,
        ProgrammePhase.KNOWLEDGE,
        True,
        "Foreldreskap og barns utvikling",
        "Hvordan barn utvikler seg, og hvordan foreldre kan støtte dem i en ny kultur.",
        "helsesykepleier fra helsestasjonen",
    ),
    (
        4,
        Theme.PARENTHOOD,
        ProgrammePhase.KNOWLEDGE,
        False,
        "Skole, barnehage og foreldresamarbeid",
        "Hva skolen og barnehagen forventer av foreldre, og hvordan man tar kontakt.",
        "rektor og barnehagestyrer",
    ),
    (
        5,
        Theme.HEALTH,
        ProgrammePhase.KNOWLEDGE,
        True,
        "Helse: helsestasjon, fastlege og vaksiner",
        "Slik fungerer helsetjenestene, og hvor familier får hjelp.",
        "helsesykepleier fra helsestasjonen",
    ),
    (
        6,
        Theme.HEALTH,
        ProgrammePhase.KNOWLEDGE,
        False,
        "Psykisk helse og ensomhet",
        "Å kjenne igjen tegn på at noen strever, og hvor de kan få hjelp.",
        "psykiatrisk sykepleier",
    ),
    (
        7,
        Theme.WORK,
        ProgrammePhase.KNOWLEDGE,
        True,
        "Arbeid, utdanning og NAV",
        "Veier til arbeid og utdanning, og hva NAV kan hjelpe med.",
        "veileder fra NAV",
    ),
    (
        8,
        Theme.SOCIETY,
        ProgrammePhase.KNOWLEDGE,
        False,
        "Samfunnsliv og frivillighet",
        "Hvordan det norske samfunnet er organisert, og frivillighetens plass i det.",
        "frivilligsentralen",
    ),
    (
        9,
        Theme.SOCIETY,
        ProgrammePhase.KNOWLEDGE,
        False,
        "Vold i nære relasjoner",
        "Å kjenne igjen vold og negativ sosial kontroll, og hvem man kontakter.",
        "familievernkontoret",
    ),
    (
        10,
        Theme.SERVICES,
        ProgrammePhase.KNOWLEDGE,
        True,
        "Kommunens tjenester",
        "Et kart over kommunens tjenester og hvordan man finner fram i dem.",
        "kommunens servicetorg",
    ),
    (
        11,
        Theme.METHOD,
        ProgrammePhase.PRACTICE,
        True,
        "Samtalemetodikk: den gode samtalen",
        "Å lytte, spørre og følge opp: metoden bydelsmødrene bruker i samtaler.",
        "koordinatoren",
    ),
    (
        12,
        Theme.METHOD,
        ProgrammePhase.PRACTICE,
        True,
        "Samtalemetodikk: øvelse og rollespill",
        "Vi øver på samtaler med rollespill og deler erfaringer.",
        "koordinatoren",
    ),
]

#: Module order → (language, title, purpose): the translations the demo makes.
TRANSLATIONS = {
    1: [
        (
            "en",
            "Welcome: what is a neighbourhood mother?",
            "We get to know each other, the role of a bridge builder, and the duty of "
            "confidentiality.",
        ),
        (
            "ar",
            "مرحبًا: من هي أم الحي؟",
            "نتعرف على بعضنا البعض، وعلى دور بناء الجسور، وعلى واجب السرية.",
        ),
    ],
    3: [
        (
            "en",
            "Parenthood and child development",
            "How children develop, and how parents can support them in a new culture.",
        ),
    ],
}

#: The shared parts of every module, per language: (topics, learning goals).
TRANSLATED_TEXT = {
    "en": (
        "Experiences from the group\nQuestions families often ask\nWhere to get help",
        "<ul><li>Know the services and who they are for</li>"
        "<li>Be able to show a family the way</li></ul>",
    ),
    "ar": (
        "تجارب من المجموعة\nأسئلة تطرحها العائلات كثيرًا\nأين يمكن الحصول على المساعدة",
        "<ul><li>معرفة الخدمات ولمن هي</li>"
        "<li>القدرة على إرشاد عائلة إلى الخدمة المناسبة</li></ul>",
    ),
}

#: A minimal, valid one-page PDF, so the demo needs no files of its own.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

DOCUMENTS = [
    (
        "Rollen som bydelsmor – hefte",
        "rollen-som-bydelsmor.pdf",
        PDF,
        1,
        MaterialKind.MATERIAL,
        "nb",
    ),
    (
        "The role of a neighbourhood mother – booklet",
        "the-role.pdf",
        PDF,
        1,
        MaterialKind.MATERIAL,
        "en",
    ),
    (
        "Arbeidsark: taushetsplikt",
        "arbeidsark-taushetsplikt.txt",
        b"Arbeidsark: Hva kan du fortelle videre, og hva ikke?\n",
        2,
        MaterialKind.WORKSHEET,
        "nb",
    ),
    ("Helsetjenestene – oversikt", "helsetjenestene.pdf", PDF, 5, MaterialKind.MATERIAL, "nb"),
    (
        "Arbeidsark: den gode samtalen",
        "den-gode-samtalen.txt",
        "Arbeidsark: Øv på åpne spørsmål.\n".encode(),
        11,
        MaterialKind.WORKSHEET,
        "nb",
    ),
]

VOLUNTEERS = [
    # username, first name, last name, section slug, languages, modules completed
    ("frivillig-nordrefollo", "Amina", "Frivillig", "nordre-follo", ["ar", "so"], [1, 2, 3, 5]),
    ("frivillig-indreostfold", "Hawa", "Frivillig", "indre-ostfold", ["ti"], [1]),
]


def load(command, home, sections):
    """Make what is missing; ``command`` is load_demo's (for ``log`` and ``created``)."""
    area = command.page(
        home,
        VolunteerAreaPage,
        "frivillig",
        title="For frivillige",
        intro=(
            "Her finner du opplæringen, materiellet og de interne arrangementene for "
            "bydelsmødre. Siden er bare for deg som er bydelsmor eller jobber med oss."
        ),
    )
    _translate_area(command, area)
    news = command.page(area, NewsIndexPage, "nytt", title="Nytt for frivillige")
    command.page(
        news,
        NewsPage,
        "ny-samling-i-desember",
        title="Internt: ny samling for bydelsmødre i desember",
        date=datetime.date(2026, 11, 20),
        intro="Vi samles for å dele erfaringer fra høsten. Middag og barnepass.",
    )
    collection = restrictions.training_collection()
    modules = _modules(command)
    _documents(command, collection, modules)
    image = _private_image(command, collection)
    if image is not None and not area.body:
        block = {
            "image": image,
            "alt_text": "Illustrasjon: fargerike sirkler i en ring",
            "caption": "Fra samlingen i høst",
        }
        area.body = [("image", block)]
        area.save_revision().publish()
    _local_note(command, sections, modules)
    _volunteers(command, sections, modules)
    # The area and its translations are private before anyone can see them.
    for change in restrictions.sync_private_area():
        command.log(change)


def _translate_area(command, area):
    """The area in English. Arabic readers use /ar/frivillig/: the Norwegian area
    with Arabic headings and the modules in Arabic where translated (an Arabic
    front page would hide every page not yet translated into Arabic)."""
    english = Locale.objects.get(language_code="en")
    if area.get_translations().filter(locale=english).exists():
        return
    copy = area.copy_for_translation(english)
    copy.title = "For volunteers"
    copy.intro = "Training, material and internal events for neighbourhood mothers."
    copy.save_revision().publish()
    command.created += 1
    command.log("Created the volunteer area in English.")


def _modules(command):
    norwegian = Locale.get_default()
    modules = {}
    for order, theme, phase, short, title, purpose, taught_by in MODULES:
        module = CurriculumModule.objects.filter(locale=norwegian, order=order).first()
        if module is None:
            module = CurriculumModule(
                locale=norwegian,
                title=title,
                theme=theme,
                phase=phase,
                order=order,
                in_long_programme=True,
                in_short_programme=short,
                purpose=purpose,
                taught_by=taught_by,
                topics="Erfaringer fra gruppa\nSpørsmål familiene ofte stiller\nHvor man får hjelp",
                learning_goals=RichText(
                    "<ul><li>Kjenne tjenestene og hvem de er for</li>"
                    "<li>Kunne vise en familie videre</li></ul>"
                ),
                body=RichText(f"<p>{purpose} Kvelden veksler mellom innledning og samtale.</p>"),
            )
            module.save()
            module.save_revision().publish()
            command.created += 1
            command.log(f"Created the module “{title}”.")
        modules[order] = module
        for code, translated_title, translated_purpose in TRANSLATIONS.get(order, []):
            locale = Locale.objects.get(language_code=code)
            if module.get_translations().filter(locale=locale).exists():
                continue
            copy = module.copy_for_translation(locale)
            copy.title = translated_title
            copy.purpose = translated_purpose
            topics, goals = TRANSLATED_TEXT[code]
            copy.topics = topics
            copy.learning_goals = RichText(goals)
            copy.body = RichText(f"<p>{translated_purpose}</p>")
            copy.taught_by = ""
            copy.save()
            copy.save_revision().publish()
            command.created += 1
    return modules


def _documents(command, collection, modules):
    Document = get_document_model()
    for title, filename, content, order, kind, language in DOCUMENTS:
        if Document.objects.filter(title=title).exists():
            continue
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
        CurriculumMaterial.objects.create(
            module=modules[order], document=document, kind=kind, language=language
        )
        command.created += 1


def _private_image(command, collection):
    Image = get_image_model()
    title = "Samling for bydelsmødre (privat)"
    image = Image.objects.filter(title=title).first()
    if image is None:
        from django.core.files.images import ImageFile

        image = Image(
            title=title,
            collection=collection,
            description="Illustrasjon: sirkler i en ring.",
            file=ImageFile(command.illustration("#0f5e63", "#e9a23b"), name="samling-privat.png"),
        )
        image.save()
        command.created += 1
    return image


def _local_note(command, sections, modules):
    _variant, created = LocalModuleVariant.objects.get_or_create(
        module=modules[5],
        section=sections["nordre-follo"],
        defaults={
            "notes": RichText(
                "<p>I Nordre Follo holdes kvelden på helsestasjonen på Ski, og "
                "helsesykepleieren viser oss rundt.</p>"
            )
        },
    )
    command.created += created


def _volunteers(command, sections, modules):
    User = get_user_model()
    group = Group.objects.get(name=VOLUNTEERS_GROUP)
    languages = {language.code: language for language in SpokenLanguage.objects.all()}
    for username, first_name, last_name, slug, codes, done in VOLUNTEERS:
        if User.objects.filter(username=username).exists():
            continue
        user = command.demo_account(username, first_name, last_name)
        user.groups.add(group)
        section = sections[slug]
        profile = VolunteerProfile.objects.create(
            user=user,
            section=section,
            phone="912 34 567",
            consent_language_listing=True,
        )
        profile.languages.set([languages[code] for code in codes])
        ConsentRecord.objects.create(
            profile=profile, kind=ConsentKind.LANGUAGE_LISTING, given=True, recorded_by=user
        )
        for order in done:
            Attendance.objects.create(
                module=modules[order],
                section=section,
                volunteer=profile,
                date=datetime.date(2026, 9, 1) + datetime.timedelta(weeks=order),
            )
