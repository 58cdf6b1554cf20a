"""Validation of identity data: ЈМБГ, phone numbers, dates of birth. Messages in Serbian."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

_WEIGHTS = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def jmbg_birth_date(jmbg: str) -> datetime.date | None:
    """The date of birth a ЈМБГ encodes (DDMMYYY…), or None if it is not a real date."""
    day, month, yyy = int(jmbg[0:2]), int(jmbg[2:4]), int(jmbg[4:7])
    year = 1000 + yyy if yyy >= 800 else 2000 + yyy
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def validate_jmbg(value: str, birth_date: datetime.date | None = None) -> str:
    """Returns the 13 digits; refuses a wrong length, checksum or date, and a date of birth
    that disagrees with the one the number encodes."""
    jmbg = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{13}", jmbg):
        raise ValidationError(_("A ЈМБГ has exactly 13 digits."), code="jmbg_format")
    total = sum(int(d) * w for d, w in zip(jmbg[:12], _WEIGHTS, strict=True))
    control = 11 - total % 11
    if control > 9:
        control = 0
    if control != int(jmbg[12]):
        raise ValidationError(
            _("This ЈМБГ is not valid (its control digit is wrong)."), code="jmbg_checksum"
        )
    encoded = jmbg_birth_date(jmbg)
    if encoded is None:
        raise ValidationError(
            _("This ЈМБГ does not contain a valid date of birth."), code="jmbg_date"
        )
    if birth_date is not None and encoded != birth_date:
        raise ValidationError(
            _("The ЈМБГ gives the date of birth %(date)s, which differs from the one entered.")
            % {"date": encoded.strftime("%d.%m.%Y.")},
            code="jmbg_mismatch",
        )
    return jmbg


def normalise_phone(value: str) -> str:
    """E.164 (+381641234567). A local Serbian number (064 123 4567) gets +381."""
    compact = re.sub(r"[\s\-/().]", "", value)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    elif compact.startswith("0"):
        compact = "+381" + compact[1:]
    if not re.fullmatch(r"\+[1-9]\d{6,14}", compact):
        raise ValidationError(
            _("Enter the phone number in international form, for example +381 64 123 4567."),
            code="phone",
        )
    return compact


def validate_birth_date(value: datetime.date) -> datetime.date:
    if value > timezone.localdate():
        raise ValidationError(_("The date of birth cannot be in the future."), code="future")
    if value.year < 1900:
        raise ValidationError(_("The date of birth is too far in the past."), code="past")
    return value
