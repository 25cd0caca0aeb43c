"""The site's public address, set once in the environment as ``SITE_URL``.

Canonical and hreflang links, the sitemap, the feeds, the iCal files and the
links in e-mails are absolute, built from the default Wagtail site's hostname
and port (``Site.root_url``). ``apply_site_url()`` keeps that record in line
with ``SITE_URL``: ``migrate`` (post_migrate) and ``provision_sections`` call
it. ``check_site_url`` is the deployment check (``check --deploy``, which
``make serve-prod`` runs first) that refuses to go live without a real address.

Wagtail writes ``https://`` only for port 443, and a site lives at the root of
its host, so an https address on another port, or one with a path, is refused.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DEFAULT_DB_ALIAS
from wagtail.models import Site

#: The port each scheme implies when the address names none.
DEFAULT_PORTS = {"http": 80, "https": 443}

#: Host names that always mean this machine.
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def address(url):
    """``(scheme, hostname, port)`` of an http(s) address; ValueError for anything else."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) address with a host name.")
    return scheme, parts.hostname.lower(), parts.port or DEFAULT_PORTS[scheme]


def is_loopback(hostname):
    """True for a name or IP address of this machine: localhost, *.localhost, 127.0.0.0/8, ::1."""
    hostname = hostname.strip("[]").rstrip(".").lower()
    if hostname in LOOPBACK_NAMES or hostname.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def site_address(url=None):
    """``(hostname, port)`` of a Wagtail site at ``url`` (``SITE_URL``), or localhost:80."""
    url = settings.SITE_URL if url is None else url
    if not url:
        return "localhost", 80
    _scheme, hostname, port = address(url)
    return hostname, port


def site_url(request=None):
    """The site's public origin, without a trailing slash.

    ``SITE_URL`` when it is set; else, in development, the origin the
    request came to.
    """
    if settings.SITE_URL or request is None:
        return settings.SITE_URL
    return f"{request.scheme}://{request.get_host()}"


def apply_site_url(url=None, using=DEFAULT_DB_ALIAS):
    """Give the default Wagtail site the hostname and port of ``url`` (``SITE_URL``).

    Returns what changed, as lines of text: none when ``url`` is empty (a
    development database keeps its address), when there is no default site
    yet, or when it already has this address.
    """
    url = settings.SITE_URL if url is None else url
    if not url:
        return []
    hostname, port = site_address(url)
    sites = Site.objects.using(using)
    site = sites.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return []
    taken = sites.filter(hostname=hostname, port=port).exclude(pk=site.pk).first()
    if taken is not None:
        return [f"not changed: the site {taken} already has the address {hostname}:{port}"]
    change = f"{site.hostname}:{site.port} -> {hostname}:{port}"
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])
    return [f"default site address {change} ({url})"]


def site_migrated(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: a migrated database serves at ``SITE_URL`` at once."""
    apply_site_url(using=using)


def check_site_url(app_configs, **kwargs):
    """A deployment's public address: http(s), not this machine, and one Wagtail can write."""
    url = settings.SITE_URL
    hint = "Set SITE_URL to the site's public address, such as https://bydelsmor.no."
    if not url:
        return [checks.Error("SITE_URL is not set.", hint=hint, id="cms.E101")]
    try:
        scheme, hostname, port = address(url)
    except ValueError:
        message = f"SITE_URL {url!r} is not an http(s) address."
        return [checks.Error(message, hint=hint, id="cms.E102")]
    if is_loopback(hostname):
        return [
            checks.Error(
                f"SITE_URL {url!r} names this machine, not the public address.",
                hint=hint,
                id="cms.E103",
            )
        ]
    if urlsplit(url).path.strip("/") or (scheme == "https" and port != 443):
        return [
            checks.Error(
                f"SITE_URL {url!r} has a path, or is https on a port other than 443.",
                hint="Wagtail serves a site at the root of its host and writes https only "
                "for port 443.",
                id="cms.E104",
            )
        ]
    return []
