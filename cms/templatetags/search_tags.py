"""Search results: the searched words marked in titles and excerpts.

Wagtail's database search backend returns no highlights (only Elasticsearch
does), so the marking is done here: a word is marked when it starts with the
stem of a searched word, which is roughly how PostgreSQL's Norwegian
configuration matched it ("arrangementer" marks "arrangement").
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

#: Endings taken off a searched word before marking (Norwegian plural and
#: definite forms); what remains must keep at least MIN_STEM letters.
ENDINGS = ("ene", "ane", "er", "ar", "en", "et", "a", "e")
MIN_STEM = 4
#: Words in an excerpt.
EXCERPT_WORDS = 30


def stem(term):
    term = term.lower()
    for ending in ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= MIN_STEM:
            return term[: -len(ending)]
    return term


def _pattern(terms):
    stems = sorted({stem(term) for term in terms if term}, key=len, reverse=True)
    if not stems:
        return None
    alternatives = "|".join(map(re.escape, stems))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


@register.filter
def highlight(text, terms):
    """``text``, escaped, with each word matching one of ``terms`` in ``<mark>``."""
    text = str(text or "")
    pattern = _pattern(terms or [])
    if pattern is None:
        return conditional_escape(text)
    parts = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(conditional_escape(text[position : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group(0)))
        position = match.end()
    parts.append(conditional_escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


@register.filter
def excerpt(text, terms):
    """About EXCERPT_WORDS words of ``text`` around the first match, plain text."""
    words = str(text or "").split()
    pattern = _pattern(terms or [])
    first = 0
    if pattern is not None:
        first = next((i for i, word in enumerate(words) if pattern.search(word)), 0)
    start = max(0, first - EXCERPT_WORDS // 3)
    shown = " ".join(words[start : start + EXCERPT_WORDS])
    return ("… " if start else "") + shown + (" …" if start + EXCERPT_WORDS < len(words) else "")
