"""The site's public address, once: ``SITE_URL`` (``cms.platform.siteurl``).

Every absolute link the site writes (canonical and hreflang links, the
sitemap, robots.txt, the news feeds, the calendar's iCal files, the JSON API
and the password e-mail) names ``SITE_URL``, never the address of the machine
or of the request. ``migrate`` and ``provision_sections`` give the default
Wagtail site that address; ``check --deploy`` refuses to go live without it.
"""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks, mail
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from cms.demo import network
from cms.demo.progress import Progress
from cms.platform.siteurl import apply_site_url, check_site_url
from tests.factories import NewsIndexPageFactory, NewsPageFactory

PROJECT = Path(__file__).resolve().parents[2]

PUBLIC = "https://bydelsmor.no"

#: What no absolute link may name once SITE_URL is set.
MACHINE_ADDRESSES = ("localhost", "127.0.0.1", "testserver")


def default_site():
    return Site.objects.get(is_default_site=True)


def deploy_errors(url):
    """The ids of the site address errors ``check --deploy`` reports for ``url``."""
    with override_settings(SITE_URL=url):
        found = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    return [message.id for message in found if message.id.startswith("cms.")]


# --- The deployment check --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("", "cms.E101"),
        ("bydelsmor.no", "cms.E102"),
        ("ftp://bydelsmor.no", "cms.E102"),
        ("http://localhost:8000", "cms.E103"),
        ("https://bydelsmor.localhost", "cms.E103"),
        ("http://127.0.0.1", "cms.E103"),
        ("http://127.3.2.1:8000", "cms.E103"),
        ("http://[::1]:8000", "cms.E103"),
        ("https://bydelsmor.no:8443", "cms.E104"),
        ("https://bydelsmor.no/nettsted", "cms.E104"),
    ],
)
def test_deploy_check_refuses_a_missing_or_local_address(url, error):
    assert deploy_errors(url) == [error]


@pytest.mark.parametrize("url", [PUBLIC, "http://bydelsmor.test", "http://bydelsmor.test:8080"])
def test_deploy_check_accepts_a_public_address(url):
    assert deploy_errors(url) == []


def test_site_address_is_not_checked_outside_deploy():
    with override_settings(SITE_URL=""):
        found = checks.run_checks(include_deployment_checks=False)
    assert not [message for message in found if message.id.startswith("cms.")]
    with override_settings(SITE_URL=""):
        assert check_site_url(None)  # it is only run by --deploy


def run_production(env, *args):
    """Python with the production settings, their required variables and ``env``."""
    clean = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "a-long-enough-key-for-the-deploy-check-" + "x" * 30,
            "ALLOWED_HOSTS": "bydelsmor.no",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/bydelsmodre",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            **env,
        }
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, *args], cwd=PROJECT, env=clean, capture_output=True, text=True, timeout=60
    )


#: Reads the base settings under three environments, without starting Django.
READ_SETTINGS = """
import os, runpy
for env in ({"SITE_URL": " https://bydelsmor.no/ "},
            {"SITE_URL": "https://bydelsmor.no", "WAGTAILADMIN_BASE_URL": "https://admin.bydelsmor.no"},
            {}):
    for name in ("SITE_URL", "WAGTAILADMIN_BASE_URL"):
        os.environ.pop(name, None)
    os.environ.update(env)
    base = runpy.run_module("config.settings.base")
    print(repr(base["SITE_URL"]), base["WAGTAILADMIN_BASE_URL"])
"""


def test_settings_read_the_address_once():
    result = run_production({}, "-c", READ_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        # No trailing slash; Wagtail's admin e-mails use the same address.
        f"'{PUBLIC}' {PUBLIC}",
        # Unless the admin's address is set apart.
        f"'{PUBLIC}' https://admin.bydelsmor.no",
        # Development: no address, the admin at runserver's.
        "'' http://127.0.0.1:8000",
    ]


def test_production_deploy_check_fails_without_the_address():
    result = run_production({}, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "cms.E101" in result.stderr


# --- The default site's record ------------------------------------------------------------


def test_provisioning_gives_the_default_site_the_address_once(db):
    assert (default_site().hostname, default_site().port) == ("localhost", 80)
    output = io.StringIO()

    with override_settings(SITE_URL=PUBLIC):
        call_command("provision_sections", stdout=output)
        assert "site: default site address localhost:80 -> bydelsmor.no:443" in output.getvalue()
        assert default_site().root_url == PUBLIC

        again = io.StringIO()
        call_command("provision_sections", stdout=again)
        assert "site:" not in again.getvalue()
        assert apply_site_url() == []
    assert (default_site().hostname, default_site().port) == ("bydelsmor.no", 443)


def test_an_http_address_keeps_its_port_and_no_address_changes_nothing(db):
    assert apply_site_url("") == []
    assert default_site().hostname == "localhost"

    assert apply_site_url("http://bydelsmor.test:8080/") != []
    assert default_site().root_url == "http://bydelsmor.test:8080"
    assert apply_site_url("http://Bydelsmor.test:8080") == []


def test_migrate_gives_the_default_site_the_address(db):
    with override_settings(SITE_URL=PUBLIC):
        call_command("migrate", verbosity=0, stdout=io.StringIO())
    assert default_site().root_url == PUBLIC


def test_demo_front_page_gets_a_site_at_the_address(db):
    Site.objects.all().delete()
    with override_settings(SITE_URL=PUBLIC):
        home = network.home_page(Progress())
    assert default_site().root_page_id == home.pk
    assert default_site().root_url == PUBLIC


def test_demo_front_page_gets_localhost_in_development(db):
    Site.objects.all().delete()
    with override_settings(SITE_URL=""):
        network.home_page(Progress())
    assert (default_site().hostname, default_site().port) == ("localhost", 80)


# --- Every absolute link names the address ---------------------------------------------


@pytest.fixture
def public_site(home):
    with override_settings(SITE_URL=PUBLIC):
        apply_site_url()
        yield


def assert_names_only_the_site(body, what):
    for machine in MACHINE_ADDRESSES:
        assert machine not in body, f"{what} names {machine}"
    assert f"{PUBLIC}/" in body, f"{what} does not name {PUBLIC}"


def test_every_absolute_link_names_the_site_address(
    client, public_site, home, places, calendar, fixed_events
):
    section = places["follo"]
    news = NewsIndexPageFactory(parent=home, title="Aktuelt", slug="aktuelt")
    NewsPageFactory(parent=news, title="Samling på Ski")
    event = fixed_events["helse"]
    addresses = [
        "/",
        section.url,
        calendar.url,
        f"{calendar.url}{event.pk}/",
        f"{calendar.url}{event.pk}/ical/",
        f"{calendar.url}ical/",
        f"{news.url}rss/",
        f"{news.url}atom/",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v2/pages/",
        "/api/v2/events/",
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert_names_only_the_site(response.content.decode(), address)

    front = client.get("/").content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}/"' in front
    assert re.search(rf'hreflang="x-default" href="{re.escape(PUBLIC)}/"', front), front
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{PUBLIC}{section.url}</loc>" in sitemap
    assert f"<loc>{PUBLIC}{calendar.url}{event.pk}/</loc>" in sitemap
    ical = client.get(f"{calendar.url}{event.pk}/ical/").content.decode()
    assert f"{PUBLIC}{calendar.url}{event.pk}/" in ical.replace("\r\n ", "")


def test_password_email_links_to_the_site_address(client, public_site, member):
    user = member("frivillig")

    client.post("/glemt-passord/", {"email": user.email})

    [message] = mail.outbox
    assert_names_only_the_site(message.body, "the password e-mail")
    assert f"{PUBLIC}/glemt-passord/" in message.body


def test_password_email_links_to_the_request_address_in_development(client, home, member):
    user = member("frivillig")

    with override_settings(SITE_URL=""):
        client.post("/glemt-passord/", {"email": user.email})

    [message] = mail.outbox
    assert "http://testserver/glemt-passord/" in message.body
