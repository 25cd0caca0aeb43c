"""What an uploaded document or image must be: its content, not only its name.

Wagtail checks a document's extension (``WAGTAILDOCS_EXTENSIONS``) and size
(``WAGTAILDOCS_MAX_UPLOAD_SIZE``), and an image's real format and size. A
document is served to volunteers and the public as it was uploaded, so a
program renamed ``kurs.pdf`` would go out as a PDF: this form also reads the
first bytes and refuses a file whose content is not what its extension says,
any executable or script whatever its name, and a web page or SVG named as
plain text. No library here does this for documents (python-magic needs the C
libmagic), and the formats allowed are few.

An image's pixels are counted from its header before anything decodes it:
Wagtail counts them (``WAGTAILIMAGES_MAX_IMAGE_PIXELS``) only after Willow has
decoded the whole picture, which for a forged header of 10,000 × 10,000 takes
hundreds of megabytes.
"""

import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

#: How the allowed formats begin (``settings.WAGTAILDOCS_EXTENSIONS``).
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "rtf": (b"{\\rtf",),
}
#: Formats that are plain text: no NUL byte at the start.
TEXT_FORMATS = {"txt", "csv"}
#: How programs and scripts begin: Windows, Linux, macOS, scripts.
EXECUTABLES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
#: How markup begins (HTML, SVG, XML), after a byte order mark and blanks:
#: a browser that guesses the type would run it as a page.
MARKUP = (b"<",)
#: Bytes read from the start of a file.
HEAD = 8192


def content_error(uploaded):
    """A message if ``uploaded``'s first bytes do not match its extension, else None."""
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    position = uploaded.tell()
    uploaded.seek(0)
    head = uploaded.read(HEAD)
    uploaded.seek(position)
    if head.startswith(EXECUTABLES):
        return _("This file is a program or a script, not a document. It was not uploaded.")
    if extension in SIGNATURES and not head.startswith(SIGNATURES[extension]):
        return _(
            "This file is not a real %(format)s file, whatever its name says. "
            "Save it again as %(format)s and upload that."
        ) % {"format": extension.upper()}
    if extension in TEXT_FORMATS and b"\x00" in head:
        return _("This file is not plain text, whatever its name says. It was not uploaded.")
    if extension in TEXT_FORMATS and head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(MARKUP):
        return _("This file is a web page or an SVG image, not plain text. It was not uploaded.")
    return None


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``), checking the content."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            error = content_error(uploaded)
            if error:
                raise ValidationError(error, code="document_content")
        return uploaded


class HeaderCheckedImageField(WagtailImageField):
    """Wagtail's image field, refusing too many pixels before the picture is decoded."""

    def to_python(self, data):
        if data and hasattr(data, "seek") and self.max_image_pixels:
            pixels = _header_pixels(data)
            if pixels is None or pixels > self.max_image_pixels:
                raise ValidationError(
                    self.error_messages["file_too_many_pixels"]
                    % {
                        # Pillow gave up counting: Wagtail's words for that.
                        "num_pixels": pixels or _("unknown number"),
                        "max_pixels_count": self.max_image_pixels,
                    },
                    code="file_too_many_pixels",
                )
        return super().to_python(data)


def _header_pixels(uploaded):
    """Width times height from the file's header, None if Pillow refuses it as a bomb.

    ``PIL.Image.open`` reads the header only; decoding waits for ``load()``. A
    file Pillow cannot read at all is left to Wagtail's own "not an image".
    """
    position = uploaded.tell()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(uploaded) as image:
                width, height = image.size
    except PILImage.DecompressionBombError:
        return None
    except (OSError, ValueError, SyntaxError):
        return 0
    finally:
        uploaded.seek(position)
    return width * height


class ImageForm(BaseImageForm):
    """Wagtail's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``), counting pixels first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        made = self.fields.get("file")
        if made is not None:
            # Made for each form, as Wagtail's factory does: the field reads the
            # size and pixel limits from the settings when it is made.
            checked = HeaderCheckedImageField(
                label=made.label,
                widget=made.widget,
                required=made.required,
                help_text=made.help_text,
            )
            self.fields["file"] = checked
