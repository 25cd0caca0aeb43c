"""Content models of the Bydelsmødre site, one module per concept."""

from .languages import SpokenLanguage
from .mixins import BodyPageMixin
from .news import NewsIndexPage, NewsPage
from .pages import StandardPage
from .sections import AssociationPage, GroupName, MunicipalityPage, Phase
from .settings import NetworkSettings

__all__ = [
    "AssociationPage",
    "BodyPageMixin",
    "GroupName",
    "MunicipalityPage",
    "NetworkSettings",
    "NewsIndexPage",
    "NewsPage",
    "Phase",
    "SpokenLanguage",
    "StandardPage",
]
