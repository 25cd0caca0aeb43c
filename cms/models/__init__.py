"""Content models of the Bydelsmødre site, one module per concept."""

from .audit import EventLogEntry
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

__all__ = [
    "AssociationPage",
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
