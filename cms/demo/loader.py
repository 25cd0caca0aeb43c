"""Build the demo site (``manage.py load_demo``): the network of DESIGN.md, real-sounding.

The content is data (``cms/demo/data/*.toml``, one file per kind of thing); the
modules of this package build it in the order below. Idempotent: a page,
user, image or event that already exists (found by slug, username, title, or
an event's title and section), and a section that has logged activities, is
left exactly as it is, so running the loader twice changes nothing.
"""

from django.db import transaction

from cms.demo import activity, events, network, outreach, people, training, translations
from cms.demo.languages import locales, spoken_languages
from cms.demo.progress import Progress
from cms.sections.roles import provision_all
from cms.translation.trees import sync_translation_trees


@transaction.atomic
def load(log=None):
    """Make whatever of the demo is missing; ``log`` (if any) gets a line per change.

    Returns how many objects were created (0 on a second run).
    """
    progress = Progress(log)
    locales()
    spoken_languages(progress)
    pages, sections = network.load(progress)
    # Through wagtail-localize, as a translator's would be; the pages first, so
    # the English volunteer area below has an English front page to live under.
    translations.load(progress, translations.pages())
    events.load(progress, sections)
    # Sections provision themselves when a transaction commits; the demo
    # runs in one, so it provisions them (and the network roles) itself.
    for changes in provision_all().values():
        progress.made(count=bool(changes))
    people.load(progress, sections)
    training.load(progress, pages, sections)
    # After the training: it makes the demo volunteers, whose log this is.
    activity.load(progress, sections)
    outreach.load(progress, sections)
    translations.load(progress, translations.snippets())
    # Every page not translated gets its alias in each language (see
    # sync_translation_trees), so it shows in Norwegian with the notice.
    sync_translation_trees()
    outcome = "nothing changed" if not progress.created else "created what was missing"
    progress.log(f"Demo content ready ({progress.created} new object(s); {outcome}).")
    return progress.created
