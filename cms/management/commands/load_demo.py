"""Build the demo site: the network's tree of DESIGN.md with real-sounding content.

Idempotent: a page, user, image or event that already exists (found by slug,
username, title, or an event's title and section) is left exactly as it is, so
running the command twice changes nothing. News and quotes describe people by
role, never by name.

Event dates are relative to the day the command runs, so a fresh demo always
has upcoming events; an event that already exists keeps the dates it got.
"""

import io
from calendar import monthrange
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.actions.create import CreateAction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from cms.content.models import NetworkSettings, NewsPage, StandardPage
from cms.content.pages import NewsIndexPage
from cms.core.groups import NATIONAL_EDITORS
from cms.core.languages import SpokenLanguage
from cms.demo import training as demo_training
from cms.events import recurrence
from cms.events.models import Audience, Event, EventCategory, EventStatus, Repeat
from cms.events.pages import EventIndexPage
from cms.sections.models import AssociationPage, MunicipalityPage, Phase, SectionRoles
from cms.sections.roles import provision_all
from cms.translation.trees import sync_translation_trees
from home.models import HomePage

DEMO_PASSWORD = "bydelsmor-demo"  # noqa: S105 - documented demo password, demo loader only

DEMO_USERS = [
    # username, first name, last name, superuser, their role: "<role>:<section slug>"
    # for a section's editors or coordinators, "group:<name>" for a network group
    ("admin", "Admin", "Demo", True, None),
    ("redaktor-nordrefollo", "Redaktør", "Nordre Follo", False, "editors:nordre-follo"),
    ("redaktor-indreostfold", "Redaktør", "Indre Østfold", False, "editors:indre-ostfold"),
    ("koordinator-nordrefollo", "Koordinator", "Nordre Follo", False, "coordinators:nordre-follo"),
    ("nasjonal-redaktor", "Nasjonal", "Redaktør", False, f"group:{NATIONAL_EDITORS}"),
    ("oversetter-somali", "Oversetter", "Somali", False, "group:Oversettere – somali"),
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


# --- events ---------------------------------------------------------------

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY = range(6)

MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]

#: Approximate first days of Eid al-Fitr and Eid al-Adha; the real day follows
#: the moon, so the demo's party is on the Saturday after, as many groups do.
EID_DATES = [
    date(2026, 3, 20),
    date(2026, 5, 27),
    date(2027, 3, 9),
    date(2027, 5, 16),
    date(2028, 2, 26),
    date(2028, 5, 5),
    date(2029, 2, 14),
    date(2029, 4, 24),
    date(2030, 2, 5),
    date(2030, 4, 13),
]


def weekday_on_or_after(day, weekday, weeks=0):
    """The first ``weekday`` (0 is Monday) on or after ``day``, plus ``weeks`` weeks."""
    return day + timedelta(days=(weekday - day.weekday()) % 7, weeks=weeks)


def last_sunday(year, month):
    last = date(year, month, monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - 6) % 7)


def next_clock_change(today):
    """The next day Norway changes its clocks: the last Sunday of March or October."""
    years = (today.year, today.year + 1)
    changes = [last_sunday(year, month) for year in years for month in (3, 10)]
    return min(day for day in changes if day > today)


def first_monday(year, month):
    return weekday_on_or_after(date(year, month, 1), MONDAY)


def next_eid_party(today):
    """The Saturday after the next Eid, or in six weeks once the table runs out."""
    upcoming = [day for day in EID_DATES if day > today + timedelta(days=7)]
    eid = upcoming[0] if upcoming else today + timedelta(weeks=6)
    return weekday_on_or_after(eid + timedelta(days=1), SATURDAY)


def next_womens_day(today):
    womens_day = date(today.year, 3, 8)
    return womens_day if womens_day > today else date(today.year + 1, 3, 8)


def at(day, hour, minute=0):
    """Oslo wall-clock time on ``day``, aware."""
    return recurrence.aware(datetime.combine(day, time(hour, minute)))


def long_date(day):
    return f"{day.day}. {MONTHS[day.month - 1]}"


def text(*paragraphs):
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def demo_events(today):
    """The demo's events as field values, with dates counted from ``today``.

    Each is keyed by its title and section; ``section``, ``category`` and
    ``languages`` are a section's slug, a category's slug and language codes.
    """

    def on(weekday, weeks=0):
        """The first ``weekday`` after today, plus ``weeks`` weeks."""
        return weekday_on_or_after(today + timedelta(days=1), weekday, weeks)

    # The women's exercise group has met for a few weeks and runs on past the
    # next clock change, so the calendar shows 10:00 on both sides of it.
    clock_change = next_clock_change(today)
    training_start = weekday_on_or_after(today - timedelta(weeks=3), WEDNESDAY)
    training_until = weekday_on_or_after(clock_change, WEDNESDAY, weeks=6)
    training_break = on(WEDNESDAY, weeks=2)
    # The Holmlia group meets on the first Monday of every month, this month included.
    holmlia_start = first_monday(today.year, today.month)
    holmlia_until = holmlia_start + timedelta(days=365)
    eid_party = next_eid_party(today)
    womens_day = next_womens_day(today)
    induction_start = on(TUESDAY, weeks=1)

    return [
        # Oslo: the network's secretariat
        {
            "title": "Informasjonsmøte for nye frivillige",
            "section": "oslo",
            "category": "informasjonsmote",
            "start": at(on(TUESDAY, 1), 18),
            "end": at(on(TUESDAY, 1), 19, 30),
            "place_name": "Deichman Bjørvika, Verkstedet i 2. etasje",
            "address": "Anne-Cath. Vestlys plass 1, 0150 Oslo",
            "languages": ["ar", "so", "ur", "en"],
            "step_free": True,
            "interpreter": True,
            "registration_url": "https://bydelsmodre.example.no/bli-bydelsmor",
            "capacity": 60,
            "description": text(
                "Vil du bli bydelsmor? Kom og hør hvordan opplæringen foregår, hva "
                "bydelsmødrene gjør i bydelen sin, og hvordan du kan bli med.",
                "Bydelsmødre fra Stovner og Søndre Nordstrand forteller om sine erfaringer. "
                "Opplæringen er gratis og går over 10 kvelder. Det blir tolk til arabisk og "
                "somali.",
            ),
        },
        {
            "title": "Temakveld: Psykisk helse i familien",
            "section": "oslo",
            "category": "temakveld",
            "start": at(on(THURSDAY, 3), 18),
            "end": at(on(THURSDAY, 3), 20),
            "place_name": "Deichman Bjørvika",
            "address": "Anne-Cath. Vestlys plass 1, 0150 Oslo",
            "languages": ["ar", "ur", "ti", "en"],
            "audience": Audience.WOMEN,
            "interpreter": True,
            "step_free": True,
            "description": text(
                "En psykolog fra Oslo kommune snakker om stress, søvn og hvordan vi kan "
                "snakke med barna om det som er vanskelig.",
                "Du kan stille spørsmål anonymt på en lapp. Bydelsmødrene er til stede og "
                "kan forklare på ditt språk.",
            ),
        },
        # Stovner
        {
            "title": "Trening for kvinner",
            "section": "stovner",
            "category": "treningsgruppe",
            "start": at(training_start, 10),
            "end": at(training_start, 11),
            "repeat": Repeat.WEEKLY,
            "repeat_until": training_until,
            "excluded_dates": [training_break],
            "place_name": "Stovnerhallen, lille sal",
            "address": "Stovnerhallen, 0985 Oslo",
            "languages": ["ar", "so", "ur"],
            "audience": Audience.WOMEN,
            "childcare": True,
            "step_free": True,
            "registration_info": "Ingen påmelding: bare møt opp. Ta med innesko og vannflaske.",
            "description": text(
                "Rolig trening med kvinnelig instruktør hver onsdag: oppvarming, styrke og "
                "tøying. Salen er skjermet, og alle kan være med uansett form.",
                f"Ingen trening onsdag {long_date(training_break)}: da er salen opptatt.",
            ),
        },
        {
            "title": "Samtalegruppe på Stovner bibliotek",
            "section": "stovner",
            "category": "samtalegruppe",
            "start": at(on(WEDNESDAY), 12),
            "end": at(on(WEDNESDAY), 14),
            "repeat": Repeat.WEEKLY,
            "repeat_until": on(WEDNESDAY, 16),
            "place_name": "Deichman Stovner",
            "address": "Stovner senter 3, 0985 Oslo",
            "languages": ["ar", "so", "pa", "ti"],
            "audience": Audience.WOMEN,
            "step_free": True,
            "description": text(
                "Kaffe, te og samtale med andre kvinner i bydelen. Vi snakker om det dere "
                "selv er opptatt av: familie, skole, helse og bydelens tilbud.",
                "Bydelsmødrene snakker arabisk, somali, punjabi og tigrinja.",
            ),
        },
        {
            "title": "Opplæringskveld: samtalemetodikk",
            "section": "stovner",
            "category": "opplaering",
            "start": at(on(THURSDAY, 2), 17, 30),
            "end": at(on(THURSDAY, 2), 20, 30),
            "place_name": "Stovner frivilligsentral",
            "address": "Stovner senter, 0985 Oslo",
            "audience": Audience.VOLUNTEERS,
            "registration_info": "Gi beskjed til koordinatoren innen mandag, så vi vet hvor "
            "mange som spiser.",
            "capacity": 25,
            "description": text(
                "For bydelsmødre som har fullført grunnopplæringen. Vi øver på "
                "samtalemetodikken med rollespill og deler erfaringer fra samtaler i bydelen.",
                "Middag fra klokka 17.30.",
            ),
        },
        {
            "title": "Temakveld: Vaksiner og helsestasjonen",
            "section": "stovner",
            "category": "temakveld",
            "start": at(on(TUESDAY, 2), 18),
            "end": at(on(TUESDAY, 2), 20),
            "place_name": "Deichman Stovner",
            "address": "Stovner senter 3, 0985 Oslo",
            "languages": ["so", "ar"],
            "childcare": True,
            "interpreter": True,
            "step_free": True,
            "description": text(
                "En helsesykepleier forteller hva barnevaksinasjonsprogrammet er, og hva som "
                "skjer på helsestasjonen fra fødselen til skolestart.",
                "Det blir tolk til somali og arabisk, og barnepass i rommet ved siden av.",
            ),
        },
        # Grorud
        {
            "title": "Temakveld for nye mødre: søvn, mat og trøst",
            "section": "grorud",
            "category": "temakveld",
            "start": at(on(MONDAY, 1), 11),
            "end": at(on(MONDAY, 1), 13),
            "place_name": "Grorud frivilligsentral",
            "address": "Grorud senter, 0957 Oslo",
            "languages": ["ar", "so", "ta", "pl"],
            "audience": Audience.WOMEN,
            "childcare": True,
            "interpreter": True,
            "step_free": True,
            "description": text(
                "Sammen med helsestasjonen på Grorud: en helsesykepleier snakker om søvn, "
                "amming og mat for de minste, og svarer på spørsmål.",
                "Ta gjerne med babyen. Det er stellebord og plass til vogner.",
            ),
        },
        {
            "title": "Norskkurs for nybegynnere",
            "section": "grorud",
            "category": "kurs",
            "start": at(on(THURSDAY), 10),
            "end": at(on(THURSDAY), 12),
            "repeat": Repeat.WEEKLY,
            "repeat_until": on(THURSDAY, 9),
            "place_name": "Grorud frivilligsentral",
            "address": "Grorud senter, 0957 Oslo",
            "languages": ["so", "ar", "ta"],
            "audience": Audience.WOMEN,
            "childcare": True,
            "capacity": 15,
            "registration_info": "Meld deg på med SMS til 21 80 21 80, eller snakk med en "
            "bydelsmor.",
            "description": text(
                "Ti torsdager med norsk for hverdagen: handle, snakke med legen, lese brev "
                "fra skolen og barnehagen.",
                "Læreren har lang erfaring med voksne som lærer norsk. Bydelsmødrene hjelper "
                "til på somali, arabisk og tamil.",
            ),
        },
        {
            "title": "Kurs: Skolens digitale verktøy for foreldre",
            "section": "grorud",
            "category": "kurs",
            "start": at(on(WEDNESDAY, 3), 18),
            "end": at(on(WEDNESDAY, 3), 20),
            "place_name": "Deichman Grorud",
            "address": "Grorud senter, 0957 Oslo",
            "languages": ["ar", "so", "pl"],
            "childcare": True,
            "capacity": 20,
            "registration_url": "https://bydelsmodre.example.no/pamelding/digitale-verktoy",
            "description": text(
                "Hvordan finner du ukeplanen, meldinger fra læreren og fraværet til barnet "
                "ditt? Ta med mobilen, så går vi gjennom appene skolen bruker, steg for steg."
            ),
        },
        # Alna
        {
            "title": "Eid-fest for hele familien",
            "section": "alna",
            "category": "fest",
            "start": at(eid_party, 15),
            "end": at(eid_party, 19),
            "place_name": "Furuset forum, storsalen",
            "address": "Trygve Lies plass 1, 1052 Oslo",
            "languages": ["ar", "ur", "pa", "tr", "ku"],
            "step_free": True,
            "registration_info": "Ingen påmelding. Ta gjerne med en rett til felles bord.",
            "description": text(
                "Bydelsmødrene i Alna inviterer til Eid-fest med mat fra mange kjøkken, "
                "musikk, henna og aktiviteter for barna.",
                "Alle er velkomne, også naboer og venner som ikke feirer Eid selv.",
            ),
        },
        {
            "title": "Temakveld: Barnehage og skole i Norge",
            "section": "alna",
            "category": "temakveld",
            "start": at(on(TUESDAY, 4), 18),
            "end": at(on(TUESDAY, 4), 20),
            "place_name": "Deichman Furuset",
            "address": "Trygve Lies plass 1, 1052 Oslo",
            "languages": ["ar", "ur", "tr"],
            "childcare": True,
            "interpreter": True,
            "step_free": True,
            "description": text(
                "Hvordan søker du barnehageplass, hva er en foreldresamtale, og hva kan du "
                "forvente av skolen? En rektor og en barnehagestyrer i Alna svarer."
            ),
        },
        {
            "title": "Kvinnedagen: bydelsmødrene på stand",
            "section": "alna",
            "category": "informasjonsmote",
            "start": at(womens_day, 0),
            "end": at(womens_day, 23, 59),
            "all_day": True,
            "place_name": "Furuset senter, ved hovedinngangen",
            "address": "Furuset senter, 1053 Oslo",
            "languages": ["ar", "ur", "pa", "tr", "ku"],
            "step_free": True,
            "description": text(
                "På den internasjonale kvinnedagen står bydelsmødrene i Alna på stand hele "
                "dagen. Kom innom for en kopp te og en prat om hva bydelsmødrene kan hjelpe "
                "deg med."
            ),
        },
        {
            "title": "Temakveld: Familieøkonomi og NAV",
            "section": "alna",
            "category": "temakveld",
            "start": at(on(MONDAY, 2), 18),
            "end": at(on(MONDAY, 2), 20),
            "place_name": "Deichman Furuset",
            "address": "Trygve Lies plass 1, 1052 Oslo",
            "languages": ["ar", "ur", "pa"],
            "interpreter": True,
            "step_free": True,
            "capacity": 40,
            "registration_info": "Send en SMS med navnet ditt til koordinatoren på 21 80 21 80.",
            "description": text(
                "En veileder fra NAV Alna forklarer barnetrygd, bostøtte og hvordan du lager "
                "et budsjett for familien. Du kan også få hjelp med spørsmål om din egen sak "
                "etterpå."
            ),
        },
        # Søndre Nordstrand
        {
            "title": "Samtalegruppe for kvinner på Holmlia",
            "section": "sondre-nordstrand",
            "category": "samtalegruppe",
            "start": at(holmlia_start, 18),
            "end": at(holmlia_start, 20),
            "repeat": Repeat.MONTHLY,
            "repeat_until": holmlia_until,
            "place_name": "Deichman Holmlia",
            "address": "Holmlia senter, 1255 Oslo",
            "languages": ["so", "ar", "ti", "prs"],
            "audience": Audience.WOMEN,
            "childcare": True,
            "description": text(
                "Første mandag i måneden møtes kvinner på Holmlia til samtale om hverdagen, "
                "barna og bydelen. Bydelsmødrene leder samtalen og tar med et tema hver gang.",
            ),
        },
        {
            "title": "Samtalegruppe på Mortensrud",
            "section": "sondre-nordstrand",
            "category": "samtalegruppe",
            "start": at(on(TUESDAY), 11),
            "end": at(on(TUESDAY), 13),
            "repeat": Repeat.WEEKLY,
            "repeat_until": on(TUESDAY, 12),
            "place_name": "Mortensrud kirke, menighetssalen",
            "address": "Mortensrud kirke, 1283 Oslo",
            "languages": ["so", "ti", "prs", "ur"],
            "audience": Audience.WOMEN,
            "step_free": True,
            "description": text(
                "Et fast treffpunkt for kvinner på Mortensrud, med te og noe å bite i. Her "
                "kan du øve på norsk, få hjelp med et brev eller bare bli kjent med andre."
            ),
        },
        {
            "title": "Temakveld: Tannhelse for barn",
            "section": "sondre-nordstrand",
            "category": "temakveld",
            "status": EventStatus.CANCELLED,
            "start": at(on(THURSDAY, 1), 18),
            "end": at(on(THURSDAY, 1), 19, 30),
            "place_name": "Deichman Holmlia",
            "address": "Holmlia senter, 1255 Oslo",
            "languages": ["so", "ar"],
            "childcare": True,
            "description": text(
                "<strong>Avlyst.</strong> Tannpleieren er dessverre syk. Vi kommer tilbake med "
                "en ny dato.",
                "En tannpleier fra Den offentlige tannhelsetjenesten skulle fortelle om "
                "tannpuss, sukker og gratis tannlegetimer for barn og unge.",
            ),
        },
        {
            "title": "Temakveld: Ungdomstiden – hvordan støtte tenåringen",
            "section": "sondre-nordstrand",
            "category": "temakveld",
            "start": at(on(WEDNESDAY, 5), 18),
            "end": at(on(WEDNESDAY, 5), 20),
            "place_name": "Deichman Holmlia",
            "address": "Holmlia senter, 1255 Oslo",
            "languages": ["so", "ar", "ti", "prs", "ur"],
            "interpreter": True,
            "step_free": True,
            "description": text(
                "Utekontakten i Søndre Nordstrand og en helsesykepleier fra ungdomsskolen "
                "snakker om skjerm, venner, skole og hvordan foreldre kan holde kontakten med "
                "tenåringen sin."
            ),
        },
        # Nordre Follo
        {
            "title": "Temakveld: Helse og helsestasjonen",
            "section": "nordre-follo",
            "category": "temakveld",
            "start": at(on(TUESDAY, 2), 18),
            "end": at(on(TUESDAY, 2), 20),
            "place_name": "Nordre Follo rådhus, kantina",
            "address": "Idrettsveien 8, 1400 Ski",
            "languages": ["ar", "so", "ur", "ti", "prs"],
            "audience": Audience.WOMEN,
            "childcare": True,
            "interpreter": True,
            "step_free": True,
            "description": text(
                "Helsesykepleiere fra helsestasjonen i Nordre Follo forteller om "
                "helsestasjonens tilbud, skolehelsetjenesten og hvordan du bestiller time.",
                "Bydelsmødrene tolker og svarer på spørsmål etterpå.",
            ),
        },
        {
            "title": "Informasjonsmøte: arbeid og kurs hos NAV",
            "section": "nordre-follo",
            "category": "informasjonsmote",
            "start": at(on(THURSDAY, 4), 10),
            "end": at(on(THURSDAY, 4), 12),
            "place_name": "NAV Nordre Follo",
            "address": "Ski sentrum, 1400 Ski",
            "languages": ["ar", "so", "tr", "pl", "ru"],
            "interpreter": True,
            "step_free": True,
            "capacity": 30,
            "registration_info": "Meld deg på til koordinatoren på 64 00 00 00.",
            "description": text(
                "NAV Nordre Follo forteller om arbeidsrettede kurs, introduksjonsprogrammet og "
                "hvordan du registrerer deg som arbeidssøker."
            ),
        },
        {
            "title": "Opplæring for nye bydelsmødre",
            "section": "nordre-follo",
            "category": "opplaering",
            "start": at(induction_start, 17, 30),
            "end": at(induction_start, 20, 30),
            "repeat": Repeat.WEEKLY,
            "repeat_until": induction_start + timedelta(weeks=9),
            "place_name": "Nordre Follo rådhus, møterom Follo",
            "address": "Idrettsveien 8, 1400 Ski",
            "audience": Audience.VOLUNTEERS,
            "childcare": True,
            "description": text(
                "Grunnopplæringen går over 10 tirsdager: foreldreskap, arbeid, helse, "
                "samfunnsliv, kommunens tjenester og bydelsmødrenes samtalemetodikk.",
                "Mye av undervisningen gis av ansatte i kommunen. Det er barnepass for dem "
                "som trenger det.",
            ),
        },
        {
            "title": "Norskkurs: snakk om hverdagen",
            "section": "nordre-follo",
            "category": "kurs",
            "start": at(on(MONDAY), 10),
            "end": at(on(MONDAY), 12),
            "repeat": Repeat.WEEKLY,
            "repeat_until": on(MONDAY, 11),
            "place_name": "Kolbotn bibliotek",
            "address": "Kolbotn torg, 1410 Kolbotn",
            "languages": ["so", "ar", "ti", "th", "fr"],
            "audience": Audience.WOMEN,
            "childcare": True,
            "capacity": 12,
            "registration_url": "https://bydelsmodre.example.no/pamelding/norskkurs-kolbotn",
            "description": text(
                "Samtaletrening for kvinner som har begynt å lære norsk. Vi snakker om "
                "hverdagen: legen, barnehagen, butikken og naboene."
            ),
        },
        {
            "title": "Gåtur for kvinner rundt Kolbotnvannet",
            "section": "nordre-follo",
            "category": "treningsgruppe",
            "start": at(on(SATURDAY), 11),
            "end": at(on(SATURDAY), 12, 30),
            "repeat": Repeat.WEEKLY,
            "repeat_until": on(SATURDAY, 11),
            "place_name": "Kolbotnvannet, oppmøte ved Kolbotn torg",
            "address": "Kolbotn torg, 1410 Kolbotn",
            "languages": ["ar", "so", "ur", "ku", "ru"],
            "audience": Audience.WOMEN,
            "description": text(
                "En rolig tur rundt vannet i eget tempo, med prat underveis. Ta med gode sko "
                "og klær etter været."
            ),
        },
        # Bydelsmødre Nordre Follo, the association
        {
            "title": "Internasjonal kveld med mat fra mange land",
            "section": "bydelsmodre-nordre-follo",
            "category": "fest",
            "start": at(on(FRIDAY, 5), 17),
            "end": at(on(FRIDAY, 5), 21),
            "place_name": "Kolben kulturhus",
            "address": "Kolbotn torg, 1410 Kolbotn",
            "languages": ["ar", "so", "ur", "ti", "prs", "tr", "pl", "ta", "ku", "th", "ru"],
            "step_free": True,
            "registration_info": "Ingen påmelding. Ta med en rett til buffeten hvis du vil.",
            "description": text(
                "Foreningen inviterer til fest med mat fra de 12 landene bydelsmødrene i "
                "Nordre Follo kommer fra, musikk og leker for barna.",
            ),
        },
        {
            "title": "Åpent møte: bli medlem i foreningen",
            "section": "bydelsmodre-nordre-follo",
            "category": "informasjonsmote",
            "start": at(on(WEDNESDAY, 3), 18),
            "end": at(on(WEDNESDAY, 3), 19, 30),
            "place_name": "Nordre Follo rådhus, kantina",
            "address": "Idrettsveien 8, 1400 Ski",
            "languages": ["ar", "so", "en"],
            "audience": Audience.WOMEN,
            "step_free": True,
            "description": text(
                "Styret forteller hva foreningen gjør og hvordan du kan bli medlem. Alle "
                "kvinner som har gått opplæringen er velkomne."
            ),
        },
        {
            "title": "Årsmøte i Bydelsmødre Nordre Follo",
            "section": "bydelsmodre-nordre-follo",
            "category": "informasjonsmote",
            "start": at(on(THURSDAY, 6), 18),
            "end": at(on(THURSDAY, 6), 20),
            "place_name": "Nordre Follo rådhus, møterom Follo",
            "address": "Idrettsveien 8, 1400 Ski",
            "audience": Audience.VOLUNTEERS,
            "registration_info": "Saker til årsmøtet sendes styret senest to uker før.",
            "description": text(
                "Årsmelding, regnskap, budsjett og valg av nytt styre. Alle medlemmer har "
                "stemmerett."
            ),
        },
        # Indre Østfold
        {
            "title": "Informasjonsmøte: Vil du bli bydelsmor i Indre Østfold?",
            "section": "indre-ostfold",
            "category": "informasjonsmote",
            "start": at(on(TUESDAY, 2), 18),
            "end": at(on(TUESDAY, 2), 19, 30),
            "place_name": "Indre Østfold helsestasjon",
            "address": "Mysen sentrum, 1850 Mysen",
            "languages": ["ar", "ti", "uk", "pl"],
            "audience": Audience.WOMEN,
            "interpreter": True,
            "step_free": True,
            "capacity": 30,
            "registration_info": "Ring koordinatoren på 69 00 00 00, eller bare møt opp.",
            "description": text(
                "Bydelsmødre Indre Østfold rekrutterer sine første bydelsmødre. Koordinatoren "
                "forteller om opplæringen og hva en bydelsmor gjør.",
                "Prosjektet er en del av Områdeløftet Mysen.",
            ),
        },
        {
            "title": "Kaffetreff for kvinner i Mysen",
            "section": "indre-ostfold",
            "category": "samtalegruppe",
            "start": at(on(FRIDAY), 11),
            "end": at(on(FRIDAY), 13),
            "repeat": Repeat.WEEKLY,
            "repeat_until": on(FRIDAY, 11),
            "place_name": "Mysen bibliotek",
            "address": "Mysen sentrum, 1850 Mysen",
            "languages": ["ar", "ti", "so", "uk", "pl"],
            "audience": Audience.WOMEN,
            "childcare": True,
            "description": text(
                "Et uformelt treff med kaffe og samtale hver fredag. Her kan du bli kjent med "
                "andre kvinner i Mysen og høre om tilbudene i kommunen."
            ),
        },
        {
            "title": "Temakveld: Skolen og barnehagen i Mysen",
            "section": "indre-ostfold",
            "category": "temakveld",
            "start": at(on(THURSDAY, 5), 18),
            "end": at(on(THURSDAY, 5), 20),
            "place_name": "Indre Østfold helsestasjon",
            "address": "Mysen sentrum, 1850 Mysen",
            "languages": ["ar", "ti", "uk"],
            "childcare": True,
            "interpreter": True,
            "description": text(
                "Ansatte fra en skole og en barnehage i Mysen forteller om skolestart, "
                "foreldremøter og samarbeidet mellom hjemmet og skolen."
            ),
        },
        {
            "title": "Førstehjelpskurs for foreldre",
            "section": "indre-ostfold",
            "category": "kurs",
            "start": at(on(SATURDAY, 4), 10),
            "end": at(on(SATURDAY, 4), 14),
            "place_name": "Indre Østfold helsestasjon",
            "address": "Mysen sentrum, 1850 Mysen",
            "languages": ["ar", "uk", "pl"],
            "free_of_charge": False,
            "capacity": 16,
            "registration_info": "Kurset koster 100 kroner for materiell. Meld deg på til "
            "koordinatoren på 69 00 00 00.",
            "description": text(
                "Hva gjør du hvis barnet setter noe i halsen, brenner seg eller får feber? "
                "En sykepleier viser og lar deg øve selv."
            ),
        },
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
        sections = {"oslo": oslo}
        for slug, (title, intro, codes) in districts.items():
            sections[slug] = self.page(
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
        sections["nordre-follo"] = nordre_follo
        sections["bydelsmodre-nordre-follo"] = self.page(
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
        sections["indre-ostfold"] = self.page(
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

        # One calendar per home page (max_count_per_parent): keep one made in the admin.
        event_index = EventIndexPage.objects.child_of(home).first() or self.page(
            home,
            EventIndexPage,
            "arrangementer",
            title="Arrangementer",
            show_in_menus=True,
            intro=(
                "Temakvelder, treningsgrupper, samtalegrupper, kurs og fester hos bydelsmødrene. "
                "Velg sted, type arrangement eller språk for å finne noe nær deg, eller "
                "abonner på kalenderen."
            ),
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
        self.translations(home, nordre_follo, event_index)
        self.events(sections)
        # Sections provision themselves when a transaction commits; the demo
        # runs in one, so it provisions them (and the network roles) itself.
        for changes in provision_all().values():
            self.created += bool(changes)
        self.users(home)
        demo_training.load(self, home, sections)
        # Last, so the English pages above are translations, not aliases: every
        # other page gets its alias in each language (see sync_translation_trees).
        sync_translation_trees()
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

    def translations(self, home, section, event_index):
        """English versions of the front page, one section and the calendar."""
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
        if not event_index.get_translations().filter(locale=english).exists():
            event_index_en = event_index.copy_for_translation(english)
            event_index_en.title = "Events"
            event_index_en.intro = (
                "Theme evenings, exercise groups, conversation groups, courses and parties "
                "arranged by the neighbourhood mothers. Choose a place, a kind of event or a "
                "language to find something near you, or subscribe to the calendar."
            )
            event_index_en.save_revision().publish()
            self.created += 1
            self.log("Created the English calendar page.")

    def events(self, sections):
        """The demo's events, created and published as the snippet admin would.

        ``CreateAction(publish=True)`` is what the admin's "Publish" button runs:
        it validates the event, saves it, stores a revision, logs wagtail.create
        and publishes the revision (wagtail.publish), so the admin shows the
        event as live with its history. Saving stores the occurrences.
        """
        norwegian = Locale.get_default()
        categories = {
            category.slug: category for category in EventCategory.objects.filter(locale=norwegian)
        }
        languages = {language.code: language for language in SpokenLanguage.objects.all()}
        existing = set(Event.objects.filter(locale=norwegian).values_list("title", "section_id"))
        for spec in demo_events(timezone.localdate()):
            fields = dict(spec)
            section = sections[fields.pop("section")]
            if (fields["title"], section.pk) in existing:
                continue
            codes = fields.pop("languages", [])
            event = Event(
                locale=norwegian,
                section=section,
                category=categories[fields.pop("category")],
                **fields,
            )
            event.languages.set([languages[code] for code in codes])
            CreateAction(event, publish=True).execute(skip_permission_checks=True)
            self.created += 1
            self.log(f"Created the event “{event.title}” ({section.title}).")

    def users(self, home):
        User = get_user_model()
        for username, first_name, last_name, is_superuser, role in DEMO_USERS:
            existing = User.objects.filter(username=username).first()
            if existing is not None:
                if role:
                    existing.groups.add(self.group_for(home, role))
                continue
            user = self.demo_account(
                username, first_name, last_name, is_superuser=is_superuser, is_staff=is_superuser
            )
            if role:
                user.groups.add(self.group_for(home, role))

    def demo_account(self, username, first_name, last_name, **fields):
        """A new demo account with the demo password."""
        user = get_user_model()(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@bydelsmodre.example.no",
            **fields,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        self.created += 1
        self.log(f"Created the demo account {username}.")
        return user

    def group_for(self, home, role):
        """The group for a demo role: a network group, or one that provisioning made."""
        kind, _colon, name = role.partition(":")
        if kind == "group":
            return Group.objects.get(name=name)
        roles = SectionRoles.objects.get(section=Page.objects.child_of(home).get(slug=name))
        return roles.editors if kind == "editors" else roles.coordinators
