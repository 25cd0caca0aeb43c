"""Build the demo site: the network's tree of DESIGN.md with real-sounding content.

Idempotent: a page, user or image that already exists (found by slug, username
or title) is left exactly as it is, so running the command twice changes nothing.
News and quotes describe people by role, never by name.
"""

import io
from datetime import date

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from cms.models import (
    AssociationPage,
    MunicipalityPage,
    NetworkSettings,
    NewsIndexPage,
    NewsPage,
    Phase,
    SpokenLanguage,
    StandardPage,
)
from home.models import HomePage

DEMO_PASSWORD = "bydelsmor-demo"  # noqa: S105 - documented demo password, demo loader only

DEMO_USERS = [
    # username, first name, last name, superuser
    ("admin", "Admin", "Demo", True),
    ("redaktor-nordrefollo", "Redaktør", "Nordre Follo", False),
    ("redaktor-indreostfold", "Redaktør", "Indre Østfold", False),
]

SPOKEN_LANGUAGES = [
    ("ar", "arabisk", "العربية"),
    ("so", "somali", "Soomaali"),
    ("ur", "urdu", "اردو"),
    ("pa", "punjabi", "ਪੰਜਾਬੀ"),
    ("ti", "tigrinja", "ትግርኛ"),
    ("prs", "dari", "دری"),
    ("fa", "persisk", "فارسی"),
    ("tr", "tyrkisk", "Türkçe"),
    ("pl", "polsk", "Polski"),
    ("ta", "tamil", "தமிழ்"),
    ("ku", "kurdisk", "Kurdî"),
    ("en", "engelsk", "English"),
    ("fr", "fransk", "Français"),
    ("th", "thai", "ไทย"),
    ("ru", "russisk", "Русский"),
    ("uk", "ukrainsk", "Українська"),
    ("vi", "vietnamesisk", "Tiếng Việt"),
]


def paragraph(*paragraphs):
    return ("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def quote(text, attribution):
    return ("quote", {"quote": text, "attribution": attribution})


def contact(role, email="", phone="", hours=""):
    return ("contact_card", {"role": role, "email": email, "phone": phone, "hours": hours})


WHAT_THEY_DO = [
    heading("Hva gjør bydelsmødrene?"),
    (
        "paragraph",
        RichText(
            "<ul>"
            "<li>Samtaler med andre kvinner i nærmiljøet om det de selv er opptatt av: "
            "familie, helse, utdanning, økonomi og kommunens tjenester.</li>"
            "<li>Praktisk hjelp, for eksempel å oversette et brev eller bli med på et møte "
            "med skolen, barnehagen eller NAV.</li>"
            "<li>Temakvelder, treningsgrupper, samtalegrupper, kurs og fester som samler "
            "kvinner på tvers av språk og bakgrunn.</li>"
            "</ul>"
        ),
    ),
]


class Command(BaseCommand):
    help = "Load the Bydelsmødre demo content and demo accounts (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")

    def log(self, message):
        if not self.quiet:
            self.stdout.write(message)

    @transaction.atomic
    def handle(self, *args, quiet=False, **options):
        self.quiet = quiet
        self.created = 0
        self.locales()
        languages = self.spoken_languages()
        home = self.home_page()
        images = self.images()

        oslo = self.page(
            home,
            MunicipalityPage,
            "oslo",
            title="Oslo",
            show_in_menus=True,
            phase=Phase.ACTIVE,
            intro=(
                "Bydelsmødre startet i Oslo i 2016. I dag er nettverket til stede i ni bydeler, "
                "der bydelsmødrene bygger bro mellom familier og bydelens tjenester."
            ),
            coordinator_title="Bydelsmødre Norge, sekretariatet",
            coordinator_email="post@bydelsmodre.example.no",
            body=[
                paragraph(
                    "Hver bydel har sin egen gruppe med koordinator, og mange grupper har "
                    "startet egne treningsgrupper og samtalegrupper. Velg bydelen din for å "
                    "se hva som skjer der."
                ),
                *WHAT_THEY_DO,
            ],
            languages=languages.filter(code__in=["ar", "so", "ur", "pa", "ti", "ta", "tr"]),
        )
        districts = {
            "stovner": (
                "Stovner",
                "Bydelsmødrene i Stovner har samtalegruppe hver onsdag på Stovner bibliotek "
                "og treningsgruppe for kvinner i Stovnerhallen.",
                ["ar", "so", "ur", "pa", "ti"],
            ),
            "grorud": (
                "Grorud",
                "På Grorud samarbeider bydelsmødrene med helsestasjonen og "
                "frivilligsentralen om temakvelder for nye mødre.",
                ["ar", "so", "ta", "pl"],
            ),
            "alna": (
                "Alna",
                "Bydelsmødrene i Alna hjelper kvinner å finne fram i bydelens tilbud, fra "
                "barnehageplass til norskopplæring.",
                ["ar", "ur", "pa", "tr", "ku"],
            ),
            "sondre-nordstrand": (
                "Søndre Nordstrand",
                "I Søndre Nordstrand arrangerer bydelsmødrene samtalegrupper på Holmlia og "
                "Mortensrud, og følger kvinner til møter med skole og NAV.",
                ["so", "ar", "ti", "prs", "ur"],
            ),
        }
        for slug, (title, intro, codes) in districts.items():
            self.page(
                oslo,
                MunicipalityPage,
                slug,
                title=title,
                phase=Phase.ACTIVE,
                intro=intro,
                coordinator_title=f"Koordinator, Bydel {title}",
                coordinator_email=f"bydelsmodre.{slug}@bydel.example.no",
                coordinator_phone="21 80 21 80",
                body=[*WHAT_THEY_DO],
                languages=languages.filter(code__in=codes),
            )

        nordre_follo = self.page(
            home,
            MunicipalityPage,
            "nordre-follo",
            title="Nordre Follo",
            show_in_menus=True,
            phase=Phase.ASSOCIATION,
            intro=(
                "16 kvinner som til sammen snakker 13 språk og har bakgrunn fra 12 land og fire "
                "verdensdeler, er bydelsmødre i Nordre Follo."
            ),
            coordinator_title="Koordinator, Nordre Follo kommune",
            coordinator_email="bydelsmodre@nordrefollo.example.no",
            coordinator_phone="64 00 00 00",
            body=[
                paragraph(
                    "Opplæringen er tilpasset Nordre Follo og gis delvis av ansatte fra "
                    "kommunens virksomheter og relevante organisasjoner. Etter fullført "
                    "opplæring går bydelsmødrene ut som synlige og trygge brobyggere mellom "
                    "det offentlige og sine lokalsamfunn."
                ),
                quote(
                    "Vi har stort behov for deres kompetanse og setter stor pris på innsatsen "
                    "dere skal i gang med.",
                    "Ordføreren i Nordre Follo, på første samling",
                ),
                *WHAT_THEY_DO,
                heading("Hvorfor fungerer det?"),
                paragraph(
                    "Kommunen får kontakt med nøkkelpersoner med store nettverk i en målgruppe "
                    "det ellers er vanskelig å nå, og det skapes gjensidig tillit mellom "
                    "bydelsmødrene og kommunens tjenester."
                ),
            ],
            partners=[
                (
                    "partner",
                    {
                        "name": "Helsestasjonen i Nordre Follo",
                        "description": "Helsesykepleiere underviser på temakveldene om helse "
                        "og foreldreskap.",
                        "url": "",
                    },
                ),
                (
                    "partner",
                    {
                        "name": "NAV Nordre Follo",
                        "description": "Informasjon om arbeid, kurs og rettigheter.",
                        "url": "",
                    },
                ),
            ],
            languages=languages.filter(
                code__in=[
                    "ar",
                    "so",
                    "ur",
                    "ti",
                    "prs",
                    "tr",
                    "pl",
                    "ta",
                    "ku",
                    "en",
                    "fr",
                    "th",
                    "ru",
                ]
            ),
        )
        self.page(
            nordre_follo,
            AssociationPage,
            "bydelsmodre-nordre-follo",
            title="Bydelsmødre Nordre Follo",
            intro=(
                "I fase fire blir gruppen en selvstendig frivillig forening, med eget styre og "
                "støtte fra Bydelsmødre Norge."
            ),
            org_number="974760673",
            founded=date(2024, 3, 8),
            board_title="Styreleder",
            board_email="styret@bydelsmodre-nordrefollo.example.no",
            how_to_join=RichText(
                "<p>Alle kvinner som har gått opplæringen kan bli medlem. Ta kontakt med "
                "styret, eller kom på et av våre åpne møter.</p>"
            ),
        )
        self.page(
            home,
            MunicipalityPage,
            "indre-ostfold",
            title="Indre Østfold",
            show_in_menus=True,
            phase=Phase.ESTABLISHING,
            intro=(
                "Bydelsmødre Indre Østfold etableres i Mysen som en del av Områdeløftet Mysen, "
                "koordinert fra Indre Østfold helsestasjon."
            ),
            coordinator_title="Koordinator (sosionom), Indre Østfold helsestasjon, Mysen",
            coordinator_email="bydelsmodre@indre-ostfold.example.no",
            coordinator_phone="69 00 00 00",
            body=[
                paragraph(
                    "Målet er å styrke kvinner slik at de oppdager og bruker sine egne "
                    "ressurser. Når mødrene får verktøyene de trenger, kommer det hele "
                    "familien og nærmiljøet til gode."
                ),
                heading("Vi rekrutterer bydelsmødre"),
                paragraph(
                    "Nå starter arbeidet med å rekruttere frivillige bydelsmødre. Kommunen "
                    "bidrar med fagpersoner til opplæringen og støtter rekrutteringen. Ta "
                    "kontakt med koordinatoren hvis du vil vite mer."
                ),
                contact(
                    "Indre Østfold helsestasjon, Mysen",
                    email="bydelsmodre@indre-ostfold.example.no",
                    phone="69 00 00 00",
                    hours="Mandag–fredag 08.00–15.30",
                ),
            ],
            languages=languages.filter(code__in=["ar", "ti", "so", "pl", "uk"]),
        )

        news_index = self.page(
            home,
            NewsIndexPage,
            "aktuelt",
            title="Aktuelt",
            show_in_menus=True,
            intro="Nytt fra bydelsmødrene i hele landet.",
        )
        self.page(
            news_index,
            NewsPage,
            "samarbeidsavtale-indre-ostfold",
            title="Bydelsmødre kommer til Indre Østfold",
            date=date(2025, 11, 6),
            image=images["signering"],
            intro=(
                "Indre Østfold kommune og Bydelsmødre Norge har signert en samarbeidsavtale. "
                "Bydelsmødre Indre Østfold skal på sikt bli en selvstendig forening."
            ),
            body=[
                paragraph(
                    "Avtalen ble signert på Indre Østfold helsestasjon i Mysen. Lederen for "
                    "omstillingsprogrammet i kommunen inngikk samarbeidet på vegne av kommunen, "
                    "og organisasjonslederen for Bydelsmødre Norge signerte for nettverket."
                ),
                quote(
                    "Målet er å styrke kvinner slik at de oppdager og bruker sine egne ressurser.",
                    "Koordinatoren for Bydelsmødre Indre Østfold",
                ),
                heading("En del av Områdeløftet Mysen"),
                paragraph(
                    "Prosjektet finansieres gjennom Områdeløftet i Mysen, kommunens flerårige "
                    "satsing på gode nærmiljø, økt trivsel og trygghet. Kommunen bidrar med "
                    "fagpersoner til opplæringen og støtter rekrutteringen av bydelsmødre."
                ),
            ],
        )
        self.page(
            news_index,
            NewsPage,
            "atten-steder",
            title="Bydelsmødre er nå i ni bydeler og ni kommuner",
            date=date(2025, 10, 1),
            image=images["nettverk"],
            intro=(
                "Siden starten i 2016 har nettverket vokst fra én bydel i Oslo til ni bydeler og "
                "ni kommuner utenfor Oslo."
            ),
            body=[
                paragraph(
                    "Konseptet ble hentet til Norge fra lignende organisasjoner i Danmark og "
                    "Tyskland. Hver ny gruppe starter som et samarbeid med kommunen, og i fase "
                    "fire blir den en selvstendig forening."
                )
            ],
        )
        section_news = self.page(
            nordre_follo,
            NewsIndexPage,
            "aktuelt",
            title="Aktuelt fra Nordre Follo",
            intro="Nytt fra bydelsmødrene i Nordre Follo.",
        )
        self.page(
            section_news,
            NewsPage,
            "forste-samling",
            title="Første samling for bydelsmødrene i Nordre Follo",
            date=date(2025, 9, 15),
            image=images["samling"],
            intro=(
                "16 kvinner som snakker 13 språk har begynt opplæringen. Ordføreren ønsket dem "
                "velkommen på første samling."
            ),
            body=[
                paragraph(
                    "Bydelsmødrene i Nordre Follo har bakgrunn fra 12 land og fire "
                    "verdensdeler, og de representerer et stort mangfold i bosted, botid i "
                    "Norge og innvandringsbakgrunn."
                ),
                quote(
                    "Vi har stort behov for deres kompetanse og setter stor pris på innsatsen "
                    "dere skal i gang med.",
                    "Ordføreren i Nordre Follo",
                ),
                paragraph(
                    "Opplæringen handler om foreldreskap, arbeid, helse og samfunnsliv, og om "
                    "bydelsmødrenes egen samtalemetodikk."
                ),
            ],
        )

        about = self.page(
            home,
            StandardPage,
            "om-oss",
            title="Om oss",
            show_in_menus=True,
            intro=(
                "Bydelsmødre Norge er en ideell organisasjon der kvinner med minoritetsbakgrunn "
                "får opplæring for å bli trygge brobyggere i sine lokalsamfunn."
            ),
            body=[
                paragraph(
                    "Bydelsmødrene bruker sitt språk, sin erfaring og sin kulturelle forståelse "
                    "til å hjelpe andre kvinner og familier med å finne fram og ta del i det "
                    "norske samfunnet."
                ),
                heading("Fire faser"),
                paragraph(
                    "Hvert sted starter som et kommunalt prosjekt med en koordinator. Etter "
                    "rekruttering og opplæring arbeider gruppen aktivt i nærmiljøet, og i fase "
                    "fire stifter bydelsmødrene sin egen frivillige forening."
                ),
                *WHAT_THEY_DO,
                heading("Opplæringen"),
                paragraph(
                    "Opplæringen går over 10 eller 17 kvelder og tar for seg foreldreskap, "
                    "arbeid, helse, samfunnsliv, kommunens tjenester og samtalemetodikk. Mye "
                    "av undervisningen gis av ansatte i kommunen, for eksempel helsesykepleiere "
                    "fra helsestasjonen."
                ),
            ],
        )
        accessibility = self.page(
            home,
            StandardPage,
            "tilgjengelighet",
            title="Tilgjengelighetserklæring",
            intro="Vi vil at alle skal kunne bruke nettstedet vårt, uansett funksjonsevne.",
            body=[
                paragraph(
                    "Nettstedet er laget for å oppfylle kravene i WCAG 2.1 på nivå AA. Sidene "
                    "kan leses og brukes uten JavaScript, med tastatur og med skjermleser, og "
                    "på arabisk, urdu og persisk leses de fra høyre mot venstre."
                ),
                heading("Fant du en feil?"),
                paragraph(
                    "Skriv til oss hvis noe ikke fungerer for deg, så retter vi det så raskt vi "
                    "kan. Du kan også klage til Tilsynet for universell utforming av IKT."
                ),
            ],
        )

        self.network_settings(about, accessibility)
        self.translations(home, nordre_follo)
        self.users()
        self.log(
            f"Demo content ready ({self.created} new object(s); "
            f"{'nothing changed' if not self.created else 'created what was missing'})."
        )

    # --- helpers -----------------------------------------------------------

    def locales(self):
        from django.conf import settings

        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            Locale.objects.get_or_create(language_code=code)

    def spoken_languages(self):
        for code, name, name_local in SPOKEN_LANGUAGES:
            _language, created = SpokenLanguage.objects.get_or_create(
                code=code, defaults={"name": name, "name_local": name_local}
            )
            self.created += created
        return SpokenLanguage.objects.all()

    def home_page(self):
        """Make a HomePage the default site's root, replacing Wagtail's welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        tree_root = Page.get_first_root_node()
        home = HomePage(
            title="Bydelsmødre",
            slug="forside",
            locale=Locale.get_default(),
            intro=(
                "Bydelsmødre er kvinner med minoritetsbakgrunn som får opplæring og blir "
                "frivillige brobyggere mellom familier, kommunens tjenester og nærmiljøet."
            ),
            body=[
                heading("Slik jobber vi"),
                paragraph(
                    "En bydelsmor snakker ditt språk og kjenner hverdagen din. Hun kan svare på "
                    "spørsmål, bli med deg til skolen eller NAV, og invitere deg til "
                    "samtalegrupper, trening og temakvelder i nærmiljøet."
                ),
                (
                    "call_to_action",
                    {
                        "title": "Vil du bli bydelsmor?",
                        "text": "Vi ser etter kvinner som vil bruke språket og erfaringen sin "
                        "til å hjelpe andre. Opplæringen er gratis.",
                        "link_label": "Les om opplæringen",
                        "page": None,
                        "url": "https://bydelsmodre.example.no/bli-bydelsmor",
                    },
                ),
            ],
        )
        tree_root.add_child(instance=home)
        home.save_revision().publish()
        self.created += 1
        old_root = site.root_page if site else None
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        else:
            site.root_page = home
            site.save()
        if old_root is not None and old_root.specific_class is Page and not old_root.numchild:
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
        self.log("Created the front page.")
        return home

    def page(self, parent, model, slug, languages=None, **fields):
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        page = model(slug=slug, locale=parent.locale, **fields)
        if languages is not None:
            page.languages.set(list(languages))
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        self.log(f"Created {page.url_path}")
        return page

    def images(self):
        Image = get_image_model()
        specs = {
            "signering": ("Signering av samarbeidsavtale", "#8a1c4a", "#e9a23b"),
            "nettverk": ("Bydelsmødre i Norge", "#0f5e63", "#fbf1e4"),
            "samling": ("Første samling", "#5e1030", "#f7e3ea"),
        }
        images = {}
        for key, (title, background, foreground) in specs.items():
            image = Image.objects.filter(title=title).first()
            if image is None:
                image = Image(
                    title=title,
                    description="Illustrasjon: fargerike sirkler som står sammen i en ring.",
                    file=ImageFile(self.illustration(background, foreground), name=f"{key}.png"),
                )
                image.save()
                self.created += 1
            images[key] = image
        return images

    @staticmethod
    def illustration(background, foreground):
        """A small abstract illustration, drawn here so the demo needs no downloads."""
        canvas = PILImage.new("RGB", (1200, 675), background)
        draw = ImageDraw.Draw(canvas)
        for index in range(7):
            x = 180 + index * 140
            y = 337 + (60 if index % 2 else -60)
            draw.ellipse((x - 70, y - 70, x + 70, y + 70), fill=foreground)
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG", optimize=True)
        buffer.seek(0)
        return buffer

    def network_settings(self, about, accessibility):
        site = Site.objects.get(is_default_site=True)
        _settings, created = NetworkSettings.objects.get_or_create(
            site=site,
            defaults={
                "organisation_name": "Bydelsmødre Norge",
                "contact_email": "post@bydelsmodre.example.no",
                "contact_phone": "22 00 00 00",
                "about_page": about,
                "accessibility_page": accessibility,
            },
        )
        self.created += created

    def translations(self, home, section):
        """English versions of the front page and one section."""
        english = Locale.objects.get(language_code="en")
        if not home.get_translations().filter(locale=english).exists():
            home_en = home.copy_for_translation(english)
            home_en.title = "Neighbourhood Mothers"
            home_en.intro = (
                "Neighbourhood mothers are women with minority backgrounds who are trained as "
                "volunteer bridge builders between families, public services and their local "
                "community."
            )
            home_en.body = [
                heading("How we work"),
                paragraph(
                    "A neighbourhood mother speaks your language and knows your everyday life. "
                    "She can answer questions, come with you to the school or the welfare "
                    "office, and invite you to conversation groups, exercise and theme evenings."
                ),
            ]
            home_en.save_revision().publish()
            self.created += 1
            self.log("Created the English front page.")
        if not section.get_translations().filter(locale=english).exists():
            section_en = section.copy_for_translation(english)
            section_en.intro = (
                "16 women who together speak 13 languages, with backgrounds from 12 countries and "
                "four continents, are neighbourhood mothers in Nordre Follo."
            )
            section_en.coordinator_title = "Coordinator, Nordre Follo municipality"
            section_en.body = [
                paragraph(
                    "The training is adapted to Nordre Follo and partly given by staff from the "
                    "municipality's services and relevant organisations. After the training the "
                    "neighbourhood mothers work as visible and trusted bridge builders between "
                    "the public services and their communities."
                ),
                quote(
                    "We have a great need for your skills and truly value the work you are "
                    "about to begin.",
                    "The mayor of Nordre Follo, at the first gathering",
                ),
            ]
            section_en.partners = []
            section_en.save_revision().publish()
            self.created += 1
            self.log("Created the English page for Nordre Follo.")

    def users(self):
        User = get_user_model()
        for username, first_name, last_name, is_superuser in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@bydelsmodre.example.no",
                is_superuser=is_superuser,
                is_staff=is_superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            self.created += 1
            self.log(f"Created the demo account {username}.")
