"""A few candidates and contact requests, so a demo coordinator sees what the forms bring.

Nordre Follo (the demo coordinator's section) gets three women who want to
become bydelsmødre, at different steps, and two requests for a bydelsmor;
every name is made up and marked as demo. A section that has any already is
left as it is, so a second run adds nothing.
"""

from cms.activity.models import Topic
from cms.core.languages import SpokenLanguage
from cms.outreach.models import (
    Candidate,
    CandidateStatus,
    ContactRequest,
    HeardFrom,
    Requester,
    RequestStatus,
)

#: The section that gets them: the demo coordinator's (data/people.toml).
SECTION = "nordre-follo"

#: (name, phone, e-mail, languages by code, neighbourhood, heard from, status, written in)
CANDIDATES = [
    (
        "Fadumo Demo",
        "900 00 001",
        "",
        ["so"],
        "Ski sentrum",
        HeardFrom.BYDELSMOR,
        CandidateStatus.NEW,
        "so",
    ),
    (
        "Rahel Demo",
        "",
        "rahel.demo@example.no",
        ["ti", "ar"],
        "Langhus",
        HeardFrom.SERVICE,
        CandidateStatus.CONTACTED,
        "ti",
    ),
    (
        "Agnieszka Demo",
        "900 00 003",
        "agnieszka.demo@example.no",
        ["pl"],
        "Oppegård",
        HeardFrom.INTERNET,
        CandidateStatus.INFO_MEETING,
        "pl",
    ),
]

#: (name, requester, organisation, language code, topic, phone, e-mail, status)
REQUESTS = [
    (
        "Kari Demo",
        Requester.SERVICE,
        "Helsestasjonen i Ski",
        "so",
        Topic.HEALTH,
        "",
        "kari.demo@example.no",
        RequestStatus.NEW,
    ),
    (
        "Nasrin Demo",
        Requester.FAMILY,
        "",
        "fa",
        Topic.EDUCATION,
        "900 00 005",
        "",
        RequestStatus.IN_PROGRESS,
    ),
]


def load(progress, sections):
    section = sections.get(SECTION)
    if section is None:
        return
    if (
        Candidate.objects.filter(section=section).exists()
        or ContactRequest.objects.filter(section=section).exists()
    ):
        return
    languages = {language.code: language for language in SpokenLanguage.objects.all()}
    for name, phone, email, codes, neighbourhood, heard, status, written in CANDIDATES:
        candidate = Candidate.objects.create(
            section=section,
            name=name,
            phone=phone,
            email=email,
            neighbourhood=neighbourhood,
            heard_from=heard,
            status=status,
            language_code=written,
        )
        candidate.languages.set([languages[code] for code in codes if code in languages])
    for name, requester, organisation, code, topic, phone, email, status in REQUESTS:
        ContactRequest.objects.create(
            section=section,
            name=name,
            requester=requester,
            organisation=organisation,
            language=languages.get(code),
            other_language="" if code in languages else code,
            topic=topic,
            phone=phone,
            email=email,
            status=status,
            language_code="nb",
        )
    made = len(CANDIDATES) + len(REQUESTS)
    progress.made(f"Made {made} demo candidates and requests for {section.title}.", count=made)
