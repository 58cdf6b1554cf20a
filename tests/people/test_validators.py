"""ЈМБГ checksum and date, E.164 phones, dates of birth."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from zastita.people.validators import (
    jmbg_birth_date,
    normalise_phone,
    validate_birth_date,
    validate_jmbg,
)

WEIGHTS = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def make_jmbg(day: datetime.date, region: int = 71, serial: int = 123) -> str | None:
    """A synthetic, checksum-valid ЈМБГ for a date (None when no control digit fits)."""
    body = f"{day.day:02d}{day.month:02d}{day.year % 1000:03d}{region:02d}{serial:03d}"
    control = 11 - sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11
    if control == 10:
        return None
    return body + str(0 if control == 11 else control)


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 12, 31)),
    st.integers(0, 99),
    st.integers(0, 999),
)
def test_generated_numbers_validate_and_carry_their_date(day, region, serial):
    jmbg = make_jmbg(day, region, serial)
    if jmbg is None:
        return
    assert validate_jmbg(jmbg, day) == jmbg
    assert jmbg_birth_date(jmbg) == day


def _some_jmbg(day: datetime.date) -> str:
    return next(j for s in range(1000) if (j := make_jmbg(day, 71, s)) is not None)


def test_a_wrong_control_digit_is_refused():
    jmbg = _some_jmbg(datetime.date(1990, 5, 17))
    wrong = jmbg[:12] + str((int(jmbg[12]) + 1) % 10)
    with pytest.raises(ValidationError) as exc:
        validate_jmbg(wrong)
    assert exc.value.code == "jmbg_checksum"


@pytest.mark.parametrize("value", ["123", "12345678901234", "17059907ab123"])
def test_a_malformed_number_is_refused(value):
    with pytest.raises(ValidationError) as exc:
        validate_jmbg(value)
    assert exc.value.code == "jmbg_format"


def test_the_date_must_agree():
    jmbg = _some_jmbg(datetime.date(2009, 3, 4))
    with pytest.raises(ValidationError) as exc:
        validate_jmbg(jmbg, datetime.date(2009, 3, 5))
    assert exc.value.code == "jmbg_mismatch"
    assert "04.03.2009." in str(exc.value.messages[0])


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("064 123 4567", "+381641234567"),
        ("+381 (11) 123-4567", "+381111234567"),
        ("0043 1 234 5678", "+4312345678"),
    ],
)
def test_phones_become_e164(raw, e164):
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize("raw", ["12", "+0123456789", "call me", "+38164123456789012"])
def test_bad_phones_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_phone(raw)


def test_dates_of_birth_not_in_the_future():
    with pytest.raises(ValidationError):
        validate_birth_date(datetime.date.today() + datetime.timedelta(days=2))
    assert validate_birth_date(datetime.date(2010, 1, 1))
