"""``config.wsgi`` with ``/media/images/`` beside it, as in production.

In production the web server in front of gunicorn serves image renditions and
nothing else of ``MEDIA_ROOT`` (README, "Media server"); here WhiteNoise does,
looking on every request, since renditions are made while pages render.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as site

application = WhiteNoise(site, autorefresh=True)
application.add_files(settings.MEDIA_ROOT / "images", prefix=f"{settings.MEDIA_URL}images/")
