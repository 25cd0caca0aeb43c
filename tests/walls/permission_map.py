# ruff: noqa: E501  (a table reads best one row a line)
"""The permission map: who may reach each family of admin addresses, as data.

One row per family of admin URLs, one column per role of the demo. A cell is

- ``A`` allowed: the page answers and shows what the address is about (the
  row's ``shows``, a word of :data:`tests.walls.conftest.SECRETS` or ``OWN``);
- ``S`` scoped: the page answers, shows none of another section's unpublished
  work (no word of ``SECRETS``), and shows the user's own where the row says
  what that is (``shows``);
- ``F`` forbidden: refused (a redirect to the login or the dashboard, 403 or
  404), and naming nothing of another section either.

Addresses are formatted with the ids of ``world`` (tests/walls/conftest.py).
"""

from typing import NamedTuple

ROLES = ("superuser", "national", "coordinator", "editor", "translator", "volunteer", "anonymous")


class Family(NamedTuple):
    name: str
    url: str
    shows: str  # what "allowed" must show; "" when nothing in particular
    cells: str  # one letter per role, in the order of ROLES


F = Family
# fmt: off
FAMILIES = (
    # Page explorer and its listings
    F("dashboard", "/admin/", "", "AASSSFF"),
    F("explorer of the front page", "/admin/pages/{home}/", "", "SSFSFFF"),
    F("explorer of another section", "/admin/pages/{other_section}/", "familievold", "AAFFFFF"),
    F("explorer of another's draft", "/admin/pages/{other_draft}/", "familievold", "AAFFFFF"),
    F("explorer of another's draft, results", "/admin/pages/{other_draft}/results/", "", "AAFFFFF"),
    F("explorer of her own section", "/admin/pages/{own_section}/", "Skolestartutkast", "AAAAFFF"),
    F("explorer search of the whole tree", "/admin/pages/{home}/?q=Samtale&search_all=1", "familievold", "AAFSFFF"),
    F("page listing search", "/admin/pages/?q=Samtale", "familievold", "AAFFFFF"),
    F("admin page search", "/admin/pages/search/?q=Samtale", "familievold", "AASSFFF"),
    F("admin page search, results", "/admin/pages/search/results/?q=Program", "krisesenteret", "AASSFFF"),
    F("edit another's draft", "/admin/pages/{other_draft}/edit/", "familievold", "AAFFFFF"),
    F("history of another's draft", "/admin/pages/{other_draft}/history/", "familievold", "AAFFFFF"),
    F("preview of another's draft", "/admin/pages/{other_draft}/view_draft/", "familievold", "AAFFFFF"),
    F("usage of another's draft", "/admin/pages/{other_draft}/usage/", "familievold", "AAFFFFF"),
    F("revisions of another's draft", "/admin/pages/{other_draft}/revisions/compare/earliest...latest/", "familievold", "AAFFFFF"),
    F("workflow history of another's draft", "/admin/pages/{other_in_workflow}/workflow_history/", "familievold", "AAFFFFF"),
    F("move another's draft", "/admin/pages/{other_draft}/move/", "familievold", "AAFFFFF"),
    F("copy another's draft", "/admin/pages/{other_draft}/copy/", "familievold", "AAFFFFF"),
    F("delete another's draft", "/admin/pages/{other_draft}/delete/", "familievold", "AAFFFFF"),
    F("edit her own draft", "/admin/pages/{own_draft}/edit/", "Skolestartutkast", "AAAAFFF"),
    # Page chooser
    F("page chooser at another section", "/admin/choose-page/{other_section}/", "familievold", "AASSSFF"),
    F("page chooser at another's draft", "/admin/choose-page/{other_draft}/", "familievold", "AAFFFFF"),
    F("page chooser search", "/admin/choose-page/search/?q=Samtale", "familievold", "AASSSFF"),
    F("page chooser, a live page's draft title", "/admin/choose-page/search/?q=Program", "krisesenteret", "AASSSFF"),
    F("page chooser, chosen", "/admin/choose-page/chosen-multiple/?id={other_draft}&id={other_live}", "familievold", "AASSSFF"),
    # Admin API
    F("admin API: pages", "/admin/api/main/pages/?child_of={other_section}", "", "AAFFFFF"),
    F("admin API: another's draft", "/admin/api/main/pages/{other_draft}/", "familievold", "AAFFFFF"),
    F("admin API: images", "/admin/api/main/images/", "Aminaportrett", "AASSSFF"),
    F("admin API: another's image", "/admin/api/main/images/{other_image}/", "Aminaportrett", "AAFFFFF"),
    F("admin API: documents", "/admin/api/main/documents/", "Gjeldsreferat", "AASSSFF"),
    F("admin API: another's document", "/admin/api/main/documents/{other_document}/", "Gjeldsreferat", "AAFFFFF"),
    # Images
    F("image listing", "/admin/images/", "Aminaportrett", "AASSFFF"),
    F("image listing search", "/admin/images/?q=kurset", "Aminaportrett", "AASSFFF"),
    F("edit another's image", "/admin/images/{other_image}/", "Aminaportrett", "AAFFFFF"),
    F("usage of another's image", "/admin/images/usage/{other_image}/", "Aminaportrett", "AAFFFFF"),
    F("usage of a shared image", "/admin/images/usage/{shared_image}/", "familievold", "AAFFFFF"),
    F("usage of her own image in another's draft", "/admin/images/usage/{own_image}/", "Skolestartbilde", "AASSFFF"),
    # Off for everyone: the site serves no dynamic renditions (no wagtailimages_serve).
    F("URL generator of another's image", "/admin/images/{other_image}/generate_url/", "", "FFFFFFF"),
    F("preview of another's image", "/admin/images/{other_image}/preview/fill-100x100/", "", "AAFFFFF"),
    F("image chooser", "/admin/images/chooser/", "Aminaportrett", "AASSSFF"),
    F("image chooser search", "/admin/images/chooser/results/?q=kurset", "Aminaportrett", "AASSSFF"),
    F("image chooser, chosen", "/admin/images/chooser/chosen/{other_image}/", "Aminaportrett", "AAFFFFF"),
    F("edit her own image", "/admin/images/{own_image}/", "Skolestartbilde", "AAAAFFF"),
    # Documents
    F("document listing", "/admin/documents/", "Gjeldsreferat", "AASSFFF"),
    F("document listing search", "/admin/documents/?q=styremøtet", "Gjeldsreferat", "AASSFFF"),
    F("edit another's document", "/admin/documents/edit/{other_document}/", "Gjeldsreferat", "AAFFFFF"),
    F("usage of another's document", "/admin/documents/usage/{other_document}/", "Gjeldsreferat", "AAFFFFF"),
    F("document chooser", "/admin/documents/chooser/", "Gjeldsreferat", "AASSSFF"),
    F("document chooser search", "/admin/documents/chooser/results/?q=fra", "Gjeldsreferat", "AASSSFF"),
    F("document chooser, chosen", "/admin/documents/chooser/chosen/{other_document}/", "Gjeldsreferat", "AAFFFFF"),
    F("edit her own document", "/admin/documents/edit/{own_document}/", "Skolestartnotat", "AAAAFFF"),
    # Snippets: events
    F("event listing", "/admin/snippets/cms/event/", "Barnevernskveld", "AASSSFF"),
    F("edit another's event", "/admin/snippets/cms/event/edit/{other_event}/", "Barnevernskveld", "AAFFFFF"),
    F("history of another's event", "/admin/snippets/cms/event/history/{other_event}/", "Barnevernskveld", "AAFFFFF"),
    F("event chooser", "/admin/snippets/choose/cms/event/", "Barnevernskveld", "AASSSFF"),
    F("edit her own event", "/admin/snippets/cms/event/edit/{own_event}/", "Skolestartkveld", "AAAAFFF"),
    # Bulk actions and their confirmation pages
    F("bulk delete of another's page", "/admin/bulk/wagtailcore/page/delete/?id={other_draft}", "familievold", "AASSSFF"),
    F("bulk publish of another's page", "/admin/bulk/wagtailcore/page/publish/?id={other_draft}", "familievold", "AASSSFF"),
    F("bulk move of another's page", "/admin/bulk/wagtailcore/page/move/?id={other_draft}", "familievold", "AASSSFF"),
    F("bulk delete of another's image", "/admin/bulk/wagtailimages/image/delete/?id={other_image}", "Aminaportrett", "AASSSFF"),
    F("bulk tags on another's image", "/admin/bulk/wagtailimages/image/add_tags/?id={other_image}", "Aminaportrett", "AASSSFF"),
    F("bulk delete of another's document", "/admin/bulk/wagtaildocs/document/delete/?id={other_document}", "Gjeldsreferat", "AASSSFF"),
    F("bulk collection of another's document", "/admin/bulk/wagtaildocs/document/add_to_collection/?id={other_document}", "Gjeldsreferat", "AASSSFF"),
    F("bulk delete of another's event", "/admin/bulk/cms/event/delete/?id={other_event}", "Barnevernskveld", "AASSSFF"),
    # Reports
    F("site history", "/admin/reports/site-history/", "familievold", "AASSSFF"),
    F("locked pages", "/admin/reports/locked/", "familievold", "AASSFFF"),
    F("aging pages", "/admin/reports/aging-pages/", "", "SSSSFFF"),
    F("workflows", "/admin/reports/workflow/", "familievold", "AASSFFF"),
    F("workflow tasks", "/admin/reports/workflow_tasks/", "familievold", "AASSFFF"),
    F("page types usage", "/admin/reports/page-types-usage/", "familievold", "AASSFFF"),
    F("translation status", "/admin/oversettelser/", "familievold", "AAFFSFF"),
    F("translation status of events", "/admin/oversettelser/?kind=events", "Barnevernskveld", "AAFFSFF"),
    F("translate another's draft", "/admin/localize/submit/page/{other_draft}/", "familievold", "AAFFFFF"),
    F("translate another's draft event", "/admin/localize/submit/snippet/cms/event/{other_event}/", "Barnevernskveld", "AAFFFFF"),
    # Steder og personer
    F("sections and people", "/admin/seksjoner/", "", "SSSFFFF"),
    F("another section's people", "/admin/seksjoner/{other_section}/", "Zainabkoord", "AAFFFFF"),
    F("another section's volunteers", "/admin/seksjoner/{other_section}/frivillige/", "Hodanfrivillig", "AFFFFFF"),
    F("her own section's people", "/admin/seksjoner/{own_section}/", "", "SSSFFFF"),
)
# fmt: on
