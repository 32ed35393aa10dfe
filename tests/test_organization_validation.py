"""Organization profiles accept real registry numbers and reject bad ones with a
message on the field to correct."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from organizations.models import Organization

pytestmark = pytest.mark.django_db

# Checksum-valid numbers: a NIP, a 9-digit and a 14-digit REGON.
VALID_NIP = "5260250274"
VALID_REGON_9 = "000331501"
VALID_REGON_14 = "12345678512347"


def errors_of(organization):
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    return error.value.message_dict


def test_valid_registry_numbers_are_accepted_and_stored_as_digits():
    organization = Organization(
        name="Stowarzyszenie Testowe",
        krs="0000123456",
        nip="526-025-02-74",
        regon=VALID_REGON_9,
    )
    organization.full_clean()
    organization.save()
    organization.refresh_from_db()
    assert organization.nip == VALID_NIP
    assert organization.krs == "0000123456"


def test_fourteen_digit_regon_is_accepted():
    Organization(name="Oddział Testowy", regon=VALID_REGON_14).full_clean()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nip", "5260250275"),  # wrong check digit
        ("nip", "123"),
        ("regon", "000331502"),  # wrong check digit
        ("regon", "12345678512348"),
        ("krs", "123456789"),  # nine digits
        ("krs", "00001234AB"),
        ("postal_code", "59220"),
        ("phone", "zadzwoń"),
    ],
)
def test_bad_numbers_are_errors_on_their_field(field, value):
    errors = errors_of(Organization(name="Fundacja Błędów", **{field: value}))
    assert list(errors) == [field]


def test_two_organizations_cannot_share_a_nip(make_organization):
    make_organization("Fundacja Pierwsza", nip=VALID_NIP)
    errors = errors_of(Organization(name="Fundacja Druga", nip="526 025 02 74"))
    assert "nip" in str(errors) or "__all__" in errors


def test_empty_registry_numbers_may_repeat(make_organization):
    first = make_organization("Stowarzyszenie Bez Numerów")
    second = make_organization("Fundacja Bez Numerów")
    assert first.pk != second.pk
    assert Organization.objects.filter(pk__in=[first.pk, second.pk], nip="", krs="").count() == 2


def test_slug_keeps_polish_letters_readable():
    organization = Organization(name="Łódzkie Towarzystwo Żółwi o/Legnica")
    organization.full_clean()
    assert organization.slug == "lodzkie-towarzystwo-zolwi-o-legnica"
    assert organization.name == "Łódzkie Towarzystwo Żółwi o/Legnica"


def test_areas_must_come_from_the_statute_list():
    Organization(name="Fundacja Sportu", areas=["sport", "culture"]).full_clean()
    errors = errors_of(Organization(name="Fundacja Czegoś", areas=["sport", "astrology"]))
    assert list(errors) == ["areas"]


def test_leaving_before_joining_is_an_error():
    errors = errors_of(
        Organization(
            name="Stowarzyszenie Czasu",
            member_since=datetime.date(2012, 2, 23),
            left_on=datetime.date(2011, 1, 1),
        )
    )
    assert list(errors) == ["left_on"]
