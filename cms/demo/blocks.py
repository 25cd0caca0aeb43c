"""Stream blocks from the data files: a body is a list of tables, one per block.

Each table has one key naming its kind (``paragraph``, ``bullets``,
``heading``, ``quote``, ``contact_card``, ``call_to_action``, ``partner`` or
``shared``), whose value is the block's main text; the other keys are its
other parts. ``shared`` stands for the blocks of ``[shared]`` in
``network.toml`` by that name, so a text used on many pages is written once.
"""

from wagtail.rich_text import RichText

from cms.demo.data import html_paragraphs, read


def _paragraph(spec):
    return ("paragraph", RichText(html_paragraphs(spec["paragraph"])))


def _bullets(spec):
    items = "".join(f"<li>{item}</li>" for item in spec["bullets"])
    return ("paragraph", RichText(f"<ul>{items}</ul>"))


def _heading(spec):
    return ("heading", {"text": spec["heading"], "level": spec.get("level", "h2")})


def _quote(spec):
    return ("quote", {"quote": spec["quote"], "attribution": spec["attribution"]})


def _contact_card(spec):
    return (
        "contact_card",
        {
            "role": spec["contact_card"],
            "email": spec.get("email", ""),
            "phone": spec.get("phone", ""),
            "hours": spec.get("hours", ""),
        },
    )


def _call_to_action(spec):
    return (
        "call_to_action",
        {
            "title": spec["call_to_action"],
            "text": spec["text"],
            "link_label": spec["link_label"],
            "page": None,
            "url": spec["url"],
        },
    )


def _partner(spec):
    return (
        "partner",
        {"name": spec["partner"], "description": spec["description"], "url": spec.get("url", "")},
    )


#: The kinds of block a data file may write, by the key that names them.
BLOCKS = {
    "paragraph": _paragraph,
    "bullets": _bullets,
    "heading": _heading,
    "quote": _quote,
    "contact_card": _contact_card,
    "call_to_action": _call_to_action,
    "partner": _partner,
}


def blocks(specs):
    """The ``(name, value)`` pairs a StreamField takes, for the block tables ``specs``."""
    made = []
    for spec in specs:
        if "shared" in spec:
            made.extend(blocks(read("network")["shared"][spec["shared"]]))
            continue
        (kind,) = BLOCKS.keys() & spec.keys()
        made.append(BLOCKS[kind](spec))
    return made
