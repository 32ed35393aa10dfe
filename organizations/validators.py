"""Validators for Polish registry numbers.

Checksums come from python-stdnum; the messages name the number so an editor
knows which field to correct.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip, regon

validate_krs = RegexValidator(
    r"^\d{10}$",
    message="Numer KRS składa się z 10 cyfr (np. 0000123456).",
    code="invalid_krs",
)

validate_postal_code = RegexValidator(
    r"^\d{2}-\d{3}$",
    message="Kod pocztowy ma postać 00-000.",
    code="invalid_postal_code",
)

validate_phone = RegexValidator(
    r"^\+?[\d ()-]{9,20}$",
    message="Podaj numer telefonu z samych cyfr, spacji i myślników (np. 76 123 45 67).",
    code="invalid_phone",
)


def validate_nip(value):
    try:
        nip.validate(value)
    except StdnumError as error:
        raise ValidationError(
            "Niepoprawny NIP: wpisz 10 cyfr z prawidłową cyfrą kontrolną.",
            code="invalid_nip",
        ) from error


def validate_regon(value):
    try:
        regon.validate(value)
    except StdnumError as error:
        raise ValidationError(
            "Niepoprawny REGON: wpisz 9 lub 14 cyfr z prawidłową cyfrą kontrolną.",
            code="invalid_regon",
        ) from error


def compact_number(value):
    """Digits only, so the same number typed with dashes or spaces stays unique."""
    return "".join(ch for ch in value if ch.isdigit())
