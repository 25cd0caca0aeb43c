"""Helpers for the volunteers' login tests: the account pages' addresses, forms and sessions.

A login form submitted as a visitor would (from an address, if given), whose
session is logged in, the form shown again with its errors, and every user
row, to show that a refused form changed nothing.
"""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

User = get_user_model()

LOGIN = "/logg-inn/"
LOGOUT = "/logg-ut/"
RESET = "/glemt-passord/"
RESET_SENT = "/glemt-passord/sendt/"
RESET_DONE = "/glemt-passord/ferdig/"
CHANGE = "/bytt-passord/"
CHANGE_DONE = "/bytt-passord/ferdig/"
ADMIN_LOGIN = "/admin/login/"
AREA = "/frivillig/"

WRONG = "feil-passord-for-testen"
NEW_PASSWORD = "nytt-og-langt-passord-2027"


def html(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def post_login(client, username, password, url=LOGIN, ip=None, **data):
    """Submit a login form as a visitor would (from address ``ip``, if given)."""
    extra = {"REMOTE_ADDR": ip} if ip else {}
    return client.post(url, {"username": username, "password": password, **data}, **extra)


def session_user(client):
    """The pk (as text) of whoever the client's session is logged in as, or None."""
    return client.session.get("_auth_user_id")


def template_names(response):
    return [template.name for template in response.templates]


def assert_form_with_errors(response):
    """The form again, with its error box: what a visitor sees when a form is refused."""
    assert response.status_code == 200
    page = html(response)
    assert page.select_one("main form[method=post]") is not None
    assert page.select_one(".form-errors") is not None


def users_table():
    """Every user row, every column: to show nothing in it changed."""
    return list(User.objects.order_by("pk").values())
