"""Helpers for the JSON API tests: its addresses, a GET read as JSON, and the calendar's listing.

``calendar_listing`` reads what the public calendar lists for a query
string, so that a test can hold the events endpoint to the same answer.
"""

PAGES = "/api/v2/pages/"
EVENTS = "/api/v2/events/"


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, (url, params, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def ids(data):
    return [item["id"] for item in data["items"]]
