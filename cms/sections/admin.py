"""A section's people: who edits it, who coordinates it, whether it needs approval.

Wagtail's user admin is full trust: whoever may change users may make
superusers. So coordinators never get it. Instead this small admin view lets
a section's coordinator put people into her own section's editors group (an
existing user, found by exact username or e-mail address, or a new one, who
gets an invitation by e-mail to choose her password, and can get it again
until she has logged in), take them out again, and decide whether the section's pages need approval.
National editors (``cms.change_sectionroles``) do the same for every
section, appoint coordinators, and hand a municipality over to its
association (``cms.sections.handover``). Nobody can reach another section's groups or a
network role from here: the form only knows the section's own two groups.

Every change goes into the section's history (Wagtail's audit log) with who
and when.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from cms.core.groups import is_national
from cms.sections import handover, provisioning
from cms.sections.forms import (
    COORDINATORS,
    EDITORS,
    LOG_ACTION,
    AddPersonForm,
    ApprovalForm,
    HandOverForm,
    InviteAgainForm,
    RemovePersonForm,
)
from cms.sections.invitations import invite_again, tell_added
from cms.sections.models import MunicipalityPage, SectionRoles
from cms.sections.scopes import coordinated_sections, managed_sections


def roles_managed_by(user):
    """The roles ``user`` may give: coordinators appoint editors, national editors both."""
    roles = [(EDITORS, gettext_lazy("Editor"))]
    if is_national(user):
        roles.append((COORDINATORS, gettext_lazy("Coordinator")))
    return roles


def _group(roles, role):
    return roles.editors if role == EDITORS else roles.coordinators


def _name(user):
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


class SectionListView(WagtailAdminTemplateMixin, TemplateView):
    """The sections whose people the user manages."""

    template_name = "cms/admin/sections.html"
    page_title = gettext_lazy("Sections and people")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        # One query however many sections: the counts come along.
        self.sections = list(
            managed_sections(request.user)
            .order_by("path")
            .select_related("section_roles")
            .annotate(
                editors_count=Count("section_roles__editors__user", distinct=True),
                coordinators_count=Count("section_roles__coordinators__user", distinct=True),
            )
        )
        if not self.sections:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(sections=self.sections, **kwargs)


class SectionPeopleView(WagtailAdminTemplateMixin, TemplateView):
    """One section's editors and coordinators, its approval setting and its hand-over."""

    template_name = "cms/admin/section_people.html"
    header_icon = "group"

    def dispatch(self, request, section_id):
        section = get_object_or_404(managed_sections(request.user), pk=section_id).specific
        self.section = section
        self.roles = SectionRoles.objects.filter(section=section).first()
        if self.roles is None or self.roles.coordinators is None:
            provisioning.provision(section, user=request.user)
            self.roles = SectionRoles.objects.get(section=section)
        self.role_choices = roles_managed_by(request.user)
        self.may_hand_over = is_national(request.user) and isinstance(section, MunicipalityPage)
        return super().dispatch(request, section_id=section_id)

    def get_page_title(self):
        return self.section.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cms_sections"), "label": _("Sections and people")},
            {"url": "", "label": self.section.title},
        ]

    def get_context_data(self, **kwargs):
        groups = [
            (role, label, _group(self.roles, role), role in dict(self.role_choices))
            for role, label in ((EDITORS, _("Editors")), (COORDINATORS, _("Coordinators")))
        ]
        context = {
            "section": self.section,
            "section_roles": self.roles,
            "groups": [
                {
                    "role": role,
                    "label": label,
                    "group": group,
                    "members": group.user_set.order_by("first_name", "last_name", "username"),
                    "manageable": manageable,
                }
                for role, label, group, manageable in groups
            ],
            "add_form": AddPersonForm(roles=self.role_choices),
            "approval_form": ApprovalForm(
                initial={"requires_approval": self.roles.requires_approval}
            ),
            "hand_over_form": HandOverForm() if self.may_hand_over else None,
            "association_title": handover.association_title(self.section),
            "history_url": reverse("wagtailadmin_pages:history", args=[self.section.pk]),
            "coordinates": self._coordinates(),
        }
        context.update(kwargs)
        return super().get_context_data(**context)

    def _coordinates(self):
        return coordinated_sections(self.request.user).filter(pk=self.section.pk).exists()

    def post(self, request, section_id):
        action = request.POST.get("action")
        handlers = {
            "add": self.add,
            "remove": self.remove,
            "invite": self.invite,
            "approval": self.approval,
            "hand_over": self.hand_over,
        }
        if action not in handlers:
            messages.error(request, _("Unknown action."))
            return self.render_to_response(self.get_context_data(), status=400)
        return handlers[action]()

    def _done(self, changes):
        if changes:
            log(
                instance=self.section,
                action=LOG_ACTION,
                user=self.request.user,
                data={"changes": changes},
            )
        return redirect("cms_section_people", section_id=self.section.pk)

    def add(self):
        form = AddPersonForm(self.request.POST, roles=self.role_choices)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(add_form=form), status=400)
        group = _group(self.roles, form.cleaned_data["role"])
        with transaction.atomic():
            person = form.get_or_create_person()
            changes = [f"created the user “{person.get_username()}”"] if form.new else []
            if group.user_set.filter(pk=person.pk).exists():
                messages.info(
                    self.request,
                    _("%(person)s is already in “%(group)s”.")
                    % {"person": _name(person), "group": group.name},
                )
                return self._done(changes)
            group.user_set.add(person)
            changes.append(f"added “{person.get_username()}” to “{group.name}”")
            response = self._done(changes)
        message = _("%(person)s is now in “%(group)s”.") % {
            "person": _name(person),
            "group": group.name,
        }
        tell_added(self.request, person, message, invite=form.new)
        return response

    def invite(self):
        """The invitation again, for a member of a role the user manages who never logged in."""
        form = InviteAgainForm(self.request.POST, roles=self.role_choices)
        if not form.is_valid():
            messages.error(self.request, _("You cannot invite anyone in that role."))
            return self.render_to_response(self.get_context_data(), status=400)
        group = _group(self.roles, form.cleaned_data["role"])
        person = group.user_set.filter(pk=form.cleaned_data["user"]).first()
        if person is None:
            raise Http404
        if person.last_login is not None or not person.email:
            messages.error(
                self.request,
                _(
                    "%(person)s has logged in already or has no e-mail address. A forgotten "
                    "password is chosen again with “Forgot password?” on the login page."
                )
                % {"person": _name(person)},
            )
            return self.render_to_response(self.get_context_data(), status=400)
        if not invite_again(self.request, person):
            return self._done([])
        return self._done([f"sent “{person.get_username()}” the invitation again"])

    def remove(self):
        form = RemovePersonForm(self.request.POST, roles=self.role_choices)
        if not form.is_valid():
            messages.error(self.request, _("You cannot remove anyone from that role."))
            return self.render_to_response(self.get_context_data(), status=400)
        group = _group(self.roles, form.cleaned_data["role"])
        person = group.user_set.filter(pk=form.cleaned_data["user"]).first()
        if person is None:
            raise Http404
        group.user_set.remove(person)
        messages.success(
            self.request,
            _("%(person)s is no longer in “%(group)s”.")
            % {"person": _name(person), "group": group.name},
        )
        return self._done([f"removed “{person.get_username()}” from “{group.name}”"])

    def approval(self):
        form = ApprovalForm(self.request.POST)
        form.is_valid()  # a checkbox: always valid
        wanted = form.cleaned_data["requires_approval"]
        if wanted == self.roles.requires_approval:
            return self._done([])
        with transaction.atomic():
            self.roles.requires_approval = wanted
            self.roles.save(update_fields=["requires_approval"])
            provisioning.provision(self.section, user=self.request.user)
        if wanted:
            messages.success(self.request, _("Editors now submit their pages for approval."))
            change = "required approval before publishing"
        else:
            messages.success(self.request, _("Editors now publish directly."))
            change = "let editors publish directly"
        return self._done([change])

    def hand_over(self):
        if not self.may_hand_over:
            raise PermissionDenied
        form = HandOverForm(self.request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(hand_over_form=form), status=400)
        try:
            association, changes = handover.hand_over(
                self.section, user=self.request.user, title=form.cleaned_data["title"].strip()
            )
        except handover.HandOverError as error:
            messages.error(self.request, str(error))
            return self.render_to_response(self.get_context_data(hand_over_form=form), status=400)
        messages.success(
            self.request,
            _("“%(section)s” is handed over to “%(association)s”.")
            % {"section": self.section.title, "association": association.title},
        )
        return redirect("cms_section_people", section_id=association.pk)
