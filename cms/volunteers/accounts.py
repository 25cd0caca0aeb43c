"""Logging in on the site itself: volunteers' login, logout, passwords and invitations.

Django's own auth views, in the site's design and the visitor's language
(the Wagtail admin keeps its own login for editors). Someone new, added by a
coordinator, chooses her password on the invitation's page
(:class:`InvitationView`, the link in the e-mail ``cms.sections.forms``
sends). Failed logins are
throttled by django-axes on every login form, per username and per address
(settings ``AXES_*``); a locked-out visitor gets ``accounts/locked_out.html``
with status 429, never an error page.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import path, reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from cms.core.groups import in_audience
from cms.platform.siteurl import site_url
from cms.privacy import restrictions
from cms.sections.invitations import INVITATION_DAYS, invitation_token

#: The longest username Django's user model takes.
USERNAME_MAX_LENGTH = 150


def client_ip(request):
    """The visitor's address for login throttling (``AXES_CLIENT_IP_CALLABLE``).

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies every request comes from the
    last proxy, so ``REMOTE_ADDR`` would lock everyone out at once; the
    visitor's address is then the one the outermost trusted proxy saw, counted
    from the end of X-Forwarded-For (what a visitor writes there herself comes
    first and is ignored). Without proxies, ``REMOTE_ADDR``.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_username(request, credentials=None):
    """The username a login attempt is counted under (``AXES_USERNAME_CALLABLE``).

    Cut to the longest a username can be: django-axes stores it in a column
    of 255 characters, and PostgreSQL refuses a longer value (a 500 for a
    10,000-character "username"). Django's login form does not check the
    length itself.
    """
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    return username[:USERNAME_MAX_LENGTH] if isinstance(username, str) else username


def home_for(request, user):
    """Where someone lands after logging in without ``next``: the volunteer area."""
    area = restrictions.volunteer_area() if in_audience(user) else None
    return area.get_url(request) if area is not None else "/"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"

    def get_default_redirect_url(self):
        return home_for(self.request, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        next_url = context.get("next", "")
        context["came_for_private_page"] = bool(next_url) and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}
        )
        return context


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        # The link names the site's public address, not the Host the form was posted to.
        return {"site_url": site_url(self.request)}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class InvitationView(auth_views.PasswordResetConfirmView):
    """An invitation's link: she chooses her password, is logged in, and lands at home.

    Django's choose-a-new-password view on the invitation's own token (seven
    days, good once; like Django's, it moves the token out of the address
    into the session before showing the form). A link that is used, too old
    or mangled answers 410 with the way to a new one: "Forgot password?",
    whose answer is the same for any address.
    """

    template_name = "accounts/invitation.html"
    token_generator = invitation_token
    #: Stands in the address for the token once it is in the session (not a secret).
    reset_url_token = "velg-passord"  # noqa: S105
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["days"] = INVITATION_DAYS
        if not self.validlink:
            context["reset_form"] = PasswordResetForm()
        return context

    def render_to_response(self, context, **response_kwargs):
        if not self.validlink:
            response_kwargs["status"] = 410
        return super().render_to_response(context, **response_kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is saved. Welcome!"))
        return response

    def get_success_url(self):
        # An editor invited from a section's people page has work in the admin.
        if self.user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return home_for(self.request, self.user)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("password_change_done")


urlpatterns = [
    path("logg-inn/", LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("glemt-passord/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "glemt-passord/sendt/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "glemt-passord/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "glemt-passord/ferdig/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_saved.html"),
        name="password_reset_complete",
    ),
    path("invitasjon/<uidb64>/<token>/", InvitationView.as_view(), name="invitation"),
    path("bytt-passord/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "bytt-passord/ferdig/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_saved.html"),
        name="password_change_done",
    ),
]
