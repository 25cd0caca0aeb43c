"""Content models of the Bydelsmødre site, one module per concept."""

from .audit import EventLogEntry
from .curriculum import (
    CurriculumMaterial,
    CurriculumModule,
    LocalMaterial,
    LocalModuleVariant,
    MaterialKind,
    Programme,
    ProgrammePhase,
    Theme,
)
from .events import (
    Audience,
    Event,
    EventCategory,
    EventIndexPage,
    EventOccurrence,
    EventStatus,
    Repeat,
)
from .languages import SpokenLanguage
from .mixins import BodyPageMixin
from .news import NewsIndexPage, NewsPage
from .pages import StandardPage
from .roles import SectionRoles, TranslatorRole
from .sections import AssociationPage, GroupName, MunicipalityPage, Phase
from .settings import NetworkSettings
from .volunteers import (
    Attendance,
    ConsentKind,
    ConsentRecord,
    VolunteerAreaPage,
    VolunteerProfile,
)

__all__ = [
    "AssociationPage",
    "Attendance",
    "ConsentKind",
    "ConsentRecord",
    "CurriculumMaterial",
    "CurriculumModule",
    "LocalMaterial",
    "LocalModuleVariant",
    "MaterialKind",
    "Programme",
    "ProgrammePhase",
    "Theme",
    "VolunteerAreaPage",
    "VolunteerProfile",
    "Audience",
    "Event",
    "EventCategory",
    "EventIndexPage",
    "EventLogEntry",
    "EventOccurrence",
    "EventStatus",
    "BodyPageMixin",
    "GroupName",
    "MunicipalityPage",
    "NetworkSettings",
    "NewsIndexPage",
    "NewsPage",
    "Phase",
    "Repeat",
    "SectionRoles",
    "TranslatorRole",
    "SpokenLanguage",
    "StandardPage",
]
