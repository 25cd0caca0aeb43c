"""Validators for Norwegian identifiers used in the content models."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Weights of the modulus-11 check for Norwegian organisation numbers
#: (Brønnøysundregistrene), applied to the first eight digits.
ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def org_number_is_valid(value):
    """Return True for a nine-digit organisation number with a correct check digit."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(value, ORG_NUMBER_WEIGHTS, strict=False)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(value[8])


def validate_org_number(value):
    """Reject anything that is not a valid Norwegian organisation number."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("An organisation number has exactly nine digits, without spaces."),
            code="org_number_format",
        )
    if not org_number_is_valid(value):
        raise ValidationError(
            _("This is not a valid organisation number: the check digit does not match."),
            code="org_number_checksum",
        )
