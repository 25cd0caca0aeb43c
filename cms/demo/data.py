"""Read the demo's data files (``cms/demo/data/*.toml``) and the small conventions they use.

The files hold every text, slug, title and role of the demo; the builders next
to this module turn them into pages, events, people and training. Conventions:

* a choice is written as its member's name in lower case (``audience = "women"``
  for ``Audience.WOMEN``), so the files do not repeat the stored values;
* a text may name a value as ``{name}``, which the builder fills in (see ``fill``);
* a field written as ``{ rich_text = "<p>…</p>" }`` is stored as Wagtail's
  ``RichText``, as an editor's rich text field would be.
"""

import tomllib
from functools import cache
from pathlib import Path

from wagtail.rich_text import RichText

#: Where the data files live: one file per kind of thing.
DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def read(name):
    """The parsed contents of ``data/<name>.toml``, read once per process."""
    with (DATA_DIR / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def choice(choices, name):
    """The member of ``choices`` (a Django choices class) named ``name`` in lower case."""
    return choices[name.upper()]


def fill(template, **values):
    """``template`` with each ``{name}`` replaced by its value.

    Plain replacement rather than ``str.format``, so a brace in a text is only
    special when it names one of ``values``.
    """
    for name, value in values.items():
        template = template.replace(f"{{{name}}}", str(value))
    return template


def html_paragraphs(paragraphs):
    """Paragraphs of text as HTML, one ``<p>`` each."""
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def field_value(value):
    """A data file's field value as a model field takes it (rich text wrapped)."""
    if isinstance(value, dict) and set(value) == {"rich_text"}:
        return RichText(value["rich_text"])
    return value
