"""What an uploaded document must be: its content, not only its name.

Wagtail checks a document's extension (``WAGTAILDOCS_EXTENSIONS``) and size
(``WAGTAILDOCS_MAX_UPLOAD_SIZE``), and an image's real format and size. A
document is served to volunteers and the public as it was uploaded, so a
program renamed ``kurs.pdf`` would go out as a PDF: this form also reads the
first bytes and refuses a file whose content is not what its extension says,
and any executable or script whatever its name. No library here does this for
documents (python-magic needs the C libmagic), and the formats allowed are few.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

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
