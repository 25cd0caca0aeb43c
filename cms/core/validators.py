"""Validators: Norwegian identifiers and phone numbers, and addresses that run no script."""

from html.parser import HTMLParser

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail.whitelist import check_url

#: Weights of the modulus-11 check for Norwegian organisation numbers
#: (Brønnøysundregistrene), applied to the first eight digits.
ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def org_number_is_valid(value):
    """Return True for a nine-digit organisation number with a correct check digit."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(value, ORG_NUMBER_WEIGHTS, strict=False)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(value[8])


def validate_org_number(value):
    """Reject anything that is not a valid Norwegian organisation number."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("An organisation number has exactly nine digits, without spaces."),
            code="org_number_format",
        )
    if not org_number_is_valid(value):
        raise ValidationError(
            _("This is not a valid organisation number: the check digit does not match."),
            code="org_number_checksum",
        )


# --- Links ---------------------------------------------------------------------------

#: Attributes a browser follows or loads as an address.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})
#: Elements that run or embed code; no rich text feature makes them.
SCRIPT_ELEMENTS = frozenset({"script", "style", "iframe", "object", "embed", "form", "base"})


def safe_url(url):
    """``url``, or "" if a browser would run it (``javascript:``, ``data:``, …).

    Wagtail's own test (``check_url``): only http(s), ftp, mailto and tel
    schemes, after dropping the blanks and control characters browsers ignore.
    """
    if not url:
        return url
    return url if check_url(url) is not None else ""


def _unsafe_attribute(name, value):
    return name.startswith("on") or (name in URL_ATTRIBUTES and check_url(value or "") is None)


class _Scanner(HTMLParser):
    """Whether HTML holds a script element, an event handler or a script address."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.unsafe = False

    def handle_starttag(self, tag, attrs):
        if _is_script_element(tag, dict(attrs)) or any(
            _unsafe_attribute(name, value) for name, value in attrs
        ):
            self.unsafe = True

    handle_startendtag = handle_starttag


def _is_script_element(tag, attrs):
    # Wagtail stores an image or a video in rich text as <embed embedtype="…">.
    return tag in SCRIPT_ELEMENTS and not (tag == "embed" and attrs.get("embedtype"))


def safe_rich_text(html):
    """Rich text as stored, without script links, event handlers or script elements.

    Wagtail checks links only when it converts what the editor typed
    (Draftail's ``check_url``); a translator's link override, an import or a
    script writes the database HTML as it is, and Wagtail renders that HTML
    as stored. Unchanged HTML is returned as it is, so only hostile text is
    rewritten (by BeautifulSoup, which Wagtail's own whitelister uses).
    """
    if not html:
        return html
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    if not scanner.unsafe:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        if element.decomposed:
            continue
        if _is_script_element(element.name, element.attrs):
            element.decompose()
            continue
        for name, value in list(element.attrs.items()):
            text = value if isinstance(value, str) else " ".join(value)
            if _unsafe_attribute(name, text):
                del element[name]
    return str(soup)


#: The most digits an id may have: every 18-digit number fits a 64-bit integer.
MAX_ID_DIGITS = 18


def is_id(value):
    """Whether ``value`` (text) is a database id: digits only, and few enough to fit 64 bits."""
    return value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS


#: A phone number as people write it: digits and spaces, perhaps a leading +
#: and a country code; 8 to 20 characters. Used wherever someone gives hers.
validate_phone = RegexValidator(
    r"^\+?[0-9 ]{8,20}$",
    _("Write the phone number with digits, for example 912 34 567."),
)
