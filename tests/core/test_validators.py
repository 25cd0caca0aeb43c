import pytest
from django.core.exceptions import ValidationError

from cms.core.validators import org_number_is_valid, validate_org_number

# Real organisation numbers from Brønnøysundregistrene.
REAL_NUMBERS = ["974760673", "923609016", "971526920", "985399077"]


@pytest.mark.parametrize("number", REAL_NUMBERS)
def test_real_org_numbers_are_accepted(number):
    assert org_number_is_valid(number)
    validate_org_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "974760674",  # last digit changed
        "974760637",  # two digits swapped
        "123456789",
        "000000001",
    ],
)
def test_wrong_check_digit_is_rejected(number):
    assert not org_number_is_valid(number)
    with pytest.raises(ValidationError) as excinfo:
        validate_org_number(number)
    assert excinfo.value.code == "org_number_checksum"


@pytest.mark.parametrize(
    "number", ["97476067", "9747606733", "974 760 673", "97476067a", "٩٧٤٧٦٠٦٧٣", "", "x" * 500]
)
def test_wrong_format_is_rejected_with_a_clear_message(number):
    with pytest.raises(ValidationError) as excinfo:
        validate_org_number(number)
    assert excinfo.value.code == "org_number_format"
    assert "nine digits" in str(excinfo.value.messages[0]) or "ni sifre" in str(
        excinfo.value.messages[0]
    )


def test_check_digit_ten_is_never_valid():
    # 000000010: weighted sum 1*2 = 2 -> 11 - 2 = 9; find a prefix giving remainder 1 (check 10).
    prefixes = (f"{n:08d}" for n in range(1000))
    prefix = next(
        p
        for p in prefixes
        if sum(int(d) * w for d, w in zip(p, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11 == 1
    )
    assert all(not org_number_is_valid(prefix + str(digit)) for digit in range(10))
