"""Helpers shared by the hostile-content tests: the hostile text, pages, blocks."""

import json

SCRIPT = "<script>alert(1)</script>\"'&"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = f"{SCRIPT} {IMG}"


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def body(*blocks):
    """A StreamField's JSON for ``(kind, value)`` blocks."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def cta(url, page=None):
    """A call-to-action block's value linking to ``url`` (or ``page``)."""
    return {"title": "Bli med", "text": "", "link_label": "Les mer", "page": page, "url": url}
