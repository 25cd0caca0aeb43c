"""The calendar's pages: the listing, an event, and their iCal feeds.

Served as routes of ``EventIndexPage`` (``cms.events.pages``); the queries are
``cms.events.calendar``'s and the filters ``cms.events.filters``'.
"""

import datetime
import hashlib

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.core.cache import content
from cms.core.languages import isolate
from cms.events import calendar, ical
from cms.events.calendar import (
    LATEST_DAY,
    localized_events,
    midnight,
    public_event,
    with_localized_events,
)
from cms.events.filters import EventFilter, filtered
from cms.events.models import Event

#: How far back a subscribed feed reaches, so a calendar app keeps recent events.
FEED_HISTORY = datetime.timedelta(days=30)


#: ``?visning=datoer``: every date of every event. By default each event is
#: listed once, at its first date, with its rule in words when it repeats:
#: a weekly group over a season is one entry, not thirty.
EVERY_DATE = "datoer"


def calendar_view(request, page):
    filterset, occurrences = filtered(request, since=timezone.now())
    every_date = request.GET.get("visning") == EVERY_DATE
    if not every_date:
        occurrences = calendar.FirstDates(occurrences)
    query_string = _query_string(request, without="side")
    paginator = KeptCountPaginator(occurrences, page.page_size, name=f"{page.pk}?{query_string}")
    listing = paginator.get_page(request.GET.get("side"))
    context = page.get_context(request)
    context.update(
        filterset=filterset,
        listing=listing,
        occurrences=with_localized_events(listing),
        filters_applied=any(request.GET.get(name) for name in EventFilter.base_filters),
        not_understood=not_understood(filterset),
        quick_filters=quick_filters(request, filterset),
        places=filterset.form.fields["seksjon"].choices,
        place=request.GET.get("seksjon", ""),
        # The other filters, kept when a place is chosen above the results.
        kept_filters=[
            (name, value)
            for name, value in request.GET.items()
            if name not in ("seksjon", "side") and value
        ],
        every_date=every_date,
        series=not every_date,  # event_list.html: a repeating event once, its rule in words
        other_view=_with(request, visning=None if every_date else EVERY_DATE),
        query_string=query_string,
        language_link_suffix=f"?{query_string}" if query_string else "",
        # The unfiltered form's fields are kept per content generation (the template).
        content_generation=content.current(),
    )
    return render(request, "cms/event_index_page.html", context)


#: Seconds a calendar listing's number of occurrences is kept.
COUNT_SECONDS = 60


class KeptCountPaginator(Paginator):
    """A paginator whose count is kept a minute (from its first reading) per content
    generation, listing and language.

    Counting every coming occurrence costs more than the page's other
    queries together (17 ms of PostgreSQL at 27,000 occurrences). Within the
    minute an occurrence that ends is still counted, so the last page may
    hold one fewer than the count says; a new or changed event counts at once.
    """

    def __init__(self, object_list, per_page, *, name):
        super().__init__(object_list, per_page)
        self.name = f"calendar-count:{name}:{get_language()}"

    @cached_property
    def count(self):
        return content.keep(self.name, self.object_list.count, seconds=COUNT_SECONDS)


def _query_string(request, without):
    params = request.GET.copy()
    params.pop(without, None)
    return params.urlencode()


def _with(request, **changes):
    """``?…``: the request's query string with ``changes`` (None removes), from page 1."""
    params = request.GET.copy()
    params.pop("side", None)
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    return f"?{params.urlencode()}" if params else "?"


#: What the reader is told, above the results, about a filter that was left out
#: because its value is not one we know.
UNKNOWN_CHOICE = {
    "seksjon": _("We do not know the place “%(value)s”, so events in every place are shown."),
    "kategori": _("We do not know the kind of event “%(value)s”, so every kind is shown."),
    "sprak": _("We do not know the language “%(value)s”, so events in every language are shown."),
}
#: Longest part of a value the reader gave that a message repeats.
QUOTED_LENGTH = 40


def not_understood(filterset):
    """``(field, message)`` for each filter that was left out, in the form's order."""
    if not filterset.is_bound or filterset.is_valid():
        return []
    form, said = filterset.form, []
    for name, errors in form.errors.as_data().items():
        if name not in form.fields:
            continue
        field = form[name]
        for error in errors:
            if error.code == "invalid_choice" and name in UNKNOWN_CHOICE:
                value = str(form.data.get(name, ""))[:QUOTED_LENGTH]
                # Isolated (FSI … PDI): a Latin value in an Arabic sentence.
                message = UNKNOWN_CHOICE[name] % {"value": isolate(value)}
            else:
                message = " ".join(error.messages)
            said.append((field, message))
    return said


#: ``(filter, value, label)``: the quick filters shown above the results.
PERIOD_QUICK_FILTERS = (("periode", "uke", _("This week")), ("periode", "maned", _("This month")))


def quick_filters(request, filterset):
    """One-tap filters, visible without opening the filter panel.

    Each keeps the other filters; one that is on takes itself off again.
    "My language" is the page's language, when events can be in it.
    """
    shown = list(PERIOD_QUICK_FILTERS)
    language = get_language()
    spoken = dict(filterset.form.fields["sprak"].choices)
    if language in spoken:
        shown.append(
            ("sprak", language, _("My language: %(language)s") % {"language": spoken[language]})
        )
    links = []
    for name, value, label in shown:
        on = request.GET.get(name) == value
        changes = {name: None if on else value}
        if name == "periode":  # a period replaces chosen dates
            changes.update(fra=None, til=None)
        links.append({"label": label, "url": _with(request, **changes), "on": on})
    return links


def feed_view(request, page):
    key = _feed_cache_key(request)
    body = cache.get(key) if key else None
    if body is None:
        filterset, occurrences = filtered(request, since=timezone.now() - FEED_HISTORY)
        if filterset.is_bound and not filterset.is_valid():
            errors = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
            )
            return HttpResponseBadRequest(
                _("This calendar link has filters we do not understand: %(errors)s")
                % {"errors": errors},
                content_type="text/plain; charset=utf-8",
            )
        events = Event.objects.filter(pk__in=occurrences.values("event_id")).order_by("start", "pk")
        section = filterset.form.cleaned_data.get("seksjon") if filterset.is_bound else None
        name = f"{page.title}: {section.title}" if section is not None else page.title
        body = _calendar_bytes(request, page, calendar.feed_events(events), name=name)
        if key:
            cache.set(key, body, calendar.FEED_CACHE_SECONDS)
    return _ical_response(body, filename=slugify(page.title) or "kalender")


def _feed_cache_key(request):
    """The feed's key in the cache, or None while the cache is unreachable."""
    generation = calendar.feeds.current()
    if generation is None:
        return None
    address = f"{get_language()} {request.build_absolute_uri()}"
    return f"events:feed:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


class OccurrenceForm(forms.Form):
    """``?dato=2027-03-17``: the date a listing linked to, for a repeating event."""

    dato = forms.DateField(required=False)


def shown_event(event_id):
    """``(source, event, languages)`` of a public event: the Norwegian event, the
    same in the reader's language, its spoken languages; 404 if not public.

    Read once per content generation and language: any change to an event,
    its section or a restriction starts a new one.
    """

    def read():
        try:
            source = public_event(event_id)
        except Http404:
            return None
        [event] = localized_events([source])
        return source, event, list(source.languages.all())

    shown = content.keep(f"event:{event_id}:{get_language()}", read)
    if shown is None:
        raise Http404
    return shown


def event_view(request, page, event_id):
    source, event, languages = shown_event(event_id)
    now = timezone.now()
    upcoming = list(source.occurrences.filter(end__gte=now).order_by("start")[:10])
    chosen = None
    form = OccurrenceForm(request.GET)
    if form.is_valid() and form.cleaned_data["dato"]:
        day = min(form.cleaned_data["dato"], LATEST_DAY)
        chosen = source.occurrences.filter(
            start__gte=midnight(day), start__lt=midnight(day + datetime.timedelta(days=1))
        ).first()
    context = page.get_context(request)
    context.update(
        event=event,
        source_event=source,
        languages=languages,
        upcoming=upcoming,
        # The date the visitor came for, or else the next one. A date the
        # event does not happen on is not an error: the page shows the next.
        when=chosen or (upcoming[0] if upcoming else None),
        language_link_suffix=f"{source.pk}/",
        subpage=event,
        ical_path=f"{source.pk}/ical/",
    )
    return render(request, "cms/event_page.html", context)


def event_ical_view(request, page, event_id):
    _source, event, _languages = shown_event(event_id)
    body = _calendar_bytes(request, page, [event], name=event.title)
    return _ical_response(body, filename=slugify(event.title) or "arrangement")


def _calendar_bytes(request, page, events, *, name):
    # The page's address and the route are looked up once, not per event:
    # Wagtail's page.url and a reverse() for each of 10,000 events took a
    # third of a second. The marker id is replaced by each event's own.
    # The address is the site's (SITE_URL), not the one the request came to.
    marker = "2147483647"
    address = page.get_full_url(request) + page.reverse_subpage("event", args=[int(marker)])
    prefix, suffix = address.rsplit(marker, 1)

    def event_url(event):
        return f"{prefix}{getattr(event, '_source', event).pk}{suffix}"

    return ical.calendar_bytes(events, name=name, event_url=event_url)


def _ical_response(body, *, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response
