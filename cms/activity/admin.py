"""The coordinators' view of their sections' activity, the funders' report and its exports.

- ``ActivityIndexView``: the sections the user may look at.
- ``SectionActivityView``: a section's activity, exact, per month, kind, topic,
  language and service, and per volunteer as counts (coordinators and the
  national roles; section 0 is the whole network, for national roles only).
- ``ReportView`` and ``ExportView``: the funders' report, printable and as
  CSV/XLSX, always with small numbers protected; the municipality's contacts
  read it by calendar year.
- ``SettingsView``: the section's editing period, retention and public figure.

A section the user may not see is a 404: its activity is not hers to know of.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from cms.activity.charts import chart
from cms.activity.exports import csv_response, xlsx_response
from cms.activity.forms import PeriodFilter, SettingsForm, YearForm
from cms.activity.models import ActivityEntry, ActivitySettings
from cms.activity.permissions import followed_sections, reported_sections, sees_network
from cms.activity.stats import Period, build_report, section_ids
from cms.sections.forms import LOG_ACTION

#: Years a municipality contact can choose, counting back from this one.
REPORT_YEARS = 6


class SectionScopeMixin:
    """Resolves ``section_id`` (0: the whole network) against what the user may see."""

    exact = True  # False: the report's rule (municipality contacts too)

    def dispatch(self, request, section_id, **kwargs):
        section_id = int(section_id)  # the export's address is a regular expression
        self.follows = True
        if section_id == 0:
            if not sees_network(request.user):
                raise Http404
            self.section = None
        else:
            sections = (followed_sections if self.exact else reported_sections)(request.user)
            self.section = sections.filter(pk=section_id).first()
            if self.section is None:
                raise Http404
            if not self.exact:
                self.follows = followed_sections(request.user).filter(pk=section_id).exists()
        return super().dispatch(request, section_id=section_id, **kwargs)

    @property
    def scope_title(self):
        return self.section.title if self.section else _("The whole network")

    def period(self):
        """The period asked for, from the filters; (period, bound form) — None if invalid."""
        if self.follows:
            filters = PeriodFilter(self.request.GET or None, queryset=ActivityEntry.objects.none())
            if filters.is_bound and not filters.is_valid():
                return None, filters.form
            start, end, kind = filters.period_values()
            return Period(section_ids(self.section), start, end, kind), filters.form
        today = timezone.localdate()
        years = range(today.year, today.year - REPORT_YEARS, -1)
        asked = self.request.GET if "year" in self.request.GET else {"year": today.year}
        form = YearForm(asked, years=years)
        if not form.is_valid():
            return None, form
        year = form.cleaned_data["year"]
        start, end = (
            today.replace(year=year, month=1, day=1),
            today.replace(year=year, month=12, day=31),
        )
        return Period(section_ids(self.section), start, end), form


class ActivityIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The sections whose activity the user follows or reads."""

    template_name = "cms/admin/activity_index.html"
    page_title = gettext_lazy("Activity")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.sections = list(reported_sections(request.user).order_by("path"))
        if not self.sections:
            raise Http404
        self.followed = set(followed_sections(request.user).values_list("pk", flat=True))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        rows = [
            {
                "section": section,
                "follows": section.pk in self.followed,
                "view_url": reverse("cms_activity_section", args=[section.pk]),
                "report_url": reverse("cms_activity_report", args=[section.pk]),
            }
            for section in self.sections
        ]
        return super().get_context_data(
            rows=rows, network=sees_network(self.request.user), **kwargs
        )


class SectionActivityView(SectionScopeMixin, WagtailAdminTemplateMixin, TemplateView):
    """A section's activity, exact, with charts and tables, and each volunteer's counts."""

    template_name = "cms/admin/activity_section.html"
    header_icon = "table"

    def get_page_title(self):
        title = _("Activity")
        return f"{title}: {self.scope_title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cms_activity"), "label": _("Activity")},
            {"url": "", "label": self.scope_title},
        ]

    def get(self, request, section_id):
        period, form = self.period()
        context = self.get_context_data(form=form, section=self.section, section_id=section_id)
        if period is None:
            return self.render_to_response(context, status=400)
        report = build_report(period, with_volunteers=True)
        views = [table.view(protected=False) for table in report.tables]
        for view in views:
            view.chart = chart(view)
        context.update(
            report=report,
            headline=report.headline(protected=False),
            views=views,
            kinds=report.entries.columns,
            query=request.GET.urlencode(),
            report_url=reverse("cms_activity_report", args=[section_id]),
            settings_url=(
                reverse("cms_activity_settings", args=[section_id]) if self.section else None
            ),
        )
        return self.render_to_response(context)


class ReportView(SectionScopeMixin, View):
    """The funders' report: a printable page in Norwegian, small numbers protected."""

    exact = False

    def get(self, request, section_id):
        with translation.override(settings.LANGUAGE_CODE):
            period, form = self.period()
            context = {
                "form": form,
                "follows": self.follows,
                "scope_title": self.scope_title,
                "section_id": section_id,
                "back_url": reverse("cms_activity"),
            }
            if period is None:
                response = TemplateResponse(request, "activity/report.html", context, status=400)
                return response.render()
            report = build_report(period)
            views = [table.view(protected=True) for table in report.tables]
            for view in views:
                view.chart = chart(view)
            query = request.GET.urlencode()
            context.update(
                report=report,
                headline=report.headline(protected=True),
                views=views,
                csv_url=f"{reverse('cms_activity_export', args=[section_id, 'csv'])}?{query}",
                xlsx_url=f"{reverse('cms_activity_export', args=[section_id, 'xlsx'])}?{query}",
                printed_at=timezone.localtime(),
            )
            response = TemplateResponse(request, "activity/report.html", context)
            response["Cache-Control"] = "private, no-store"
            return response.render()


class ExportView(SectionScopeMixin, View):
    """The report as CSV or XLSX."""

    exact = False

    def get(self, request, section_id, fmt):
        with translation.override(settings.LANGUAGE_CODE):
            period, _form = self.period()
            if period is None:
                return TemplateResponse(
                    request,
                    "activity/report.html",
                    {"form": _form, "follows": self.follows, "scope_title": self.scope_title},
                    status=400,
                ).render()
            report = build_report(period)
            filename = f"aktivitet-{section_id}-{period.start.isoformat()}-{period.end.isoformat()}"
            export = csv_response if fmt == "csv" else xlsx_response
            response = export(report, str(self.scope_title), filename)
            response["Cache-Control"] = "private, no-store"
            return response


class SettingsView(SectionScopeMixin, WagtailAdminTemplateMixin, TemplateView):
    """The section's rules for its log, set by its coordinators."""

    template_name = "cms/admin/activity_settings.html"
    header_icon = "cog"

    def dispatch(self, request, section_id, **kwargs):
        if section_id == 0:
            raise Http404
        return super().dispatch(request, section_id, **kwargs)

    def get_page_title(self):
        title = _("Activity settings")
        return f"{title}: {self.scope_title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cms_activity"), "label": _("Activity")},
            {
                "url": reverse("cms_activity_section", args=[self.section.pk]),
                "label": self.scope_title,
            },
            {"url": "", "label": _("Settings")},
        ]

    def form(self):
        instance = ActivitySettings.for_section(self.section.pk)
        return SettingsForm(self.request.POST or None, instance=instance)

    def get(self, request, section_id):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, section_id):
        form = self.form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if form.has_changed():
            form.save()
            log(
                instance=self.section,
                action=LOG_ACTION,
                user=request.user,
                data={"changes": [f"activity settings: {', '.join(form.changed_data)}"]},
            )
        messages.success(request, _("The activity settings are saved."))
        return redirect("cms_activity_section", self.section.pk)
