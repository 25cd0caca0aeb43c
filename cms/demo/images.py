"""The demo's images: small abstract illustrations drawn here, so the demo needs no downloads."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model


def illustration(background, foreground):
    """A PNG of seven circles in a ring, in two colours, as a file-like object."""
    canvas = PILImage.new("RGB", (1200, 675), background)
    draw = ImageDraw.Draw(canvas)
    for index in range(7):
        x = 180 + index * 140
        y = 337 + (60 if index % 2 else -60)
        draw.ellipse((x - 70, y - 70, x + 70, y + 70), fill=foreground)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    buffer.seek(0)
    return buffer


def image(progress, spec, collection=None):
    """The image titled ``spec["title"]``, drawn and saved if there is none.

    ``spec`` is a data file's image: title, description, file name and the two
    colours. Without ``collection`` the image goes to Wagtail's root collection.
    """
    Image = get_image_model()
    found = Image.objects.filter(title=spec["title"]).first()
    if found is not None:
        return found
    place = {} if collection is None else {"collection": collection}
    made = Image(
        title=spec["title"],
        description=spec["description"],
        file=ImageFile(illustration(spec["background"], spec["foreground"]), name=spec["file"]),
        **place,
    )
    made.save()
    progress.made()
    return made
