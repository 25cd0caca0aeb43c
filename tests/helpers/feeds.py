"""Helpers shared by the news feed tests: a feed fetched and parsed as a reader would."""

import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    # The site's own response, not untrusted input.
    return ET.fromstring(response.content)  # noqa: S314


def rss(client, index, prefix="", **params):
    """The index's RSS feed, checked to be RSS 2.0: ``(response, <channel>)``."""
    response = client.get(f"{prefix}{index.url}rss/", params)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = parse(response)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return response, root.find("channel")


def atom(client, index, prefix=""):
    """The index's Atom feed, checked to be Atom: ``(response, <feed>)``."""
    response = client.get(f"{prefix}{index.url}atom/")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = parse(response)
    assert root.tag == f"{ATOM}feed"
    return response, root


def titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]
