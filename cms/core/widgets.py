"""Form widgets that offer a person only what she may use."""

from cms.core.validators import is_id


def widget_shows_only(widget, allowed, current=None):
    """Make a chooser widget show an object given back to it only if it is in ``allowed``.

    A form that fails validation shows each chooser's value again, and
    Wagtail's widget looks up whatever id was posted: any page's or image's
    title for a real id, a ``ValueError`` (a 500) for one that is no id.
    ``current``, the id the object already has, is always shown: hiding it
    would empty the field, and saving would drop what someone else chose.
    """
    show = widget.get_value_data

    def get_value_data(value):
        pk = getattr(value, "pk", value)
        if pk in (None, ""):
            return None
        if current is not None and str(pk) == str(current):
            return show(value)
        if not is_id(str(pk)) or not allowed.filter(pk=pk).exists():
            return None
        return show(value)

    widget.get_value_data = get_value_data
