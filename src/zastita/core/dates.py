"""Date and date-time form fields in the Serbian format, checked on the server.

The browser's own date inputs turn an impossible typed date (31.02.2010) into an empty
value, which the server would take as "no date": the fields here are text inputs that
accept ``dd.mm.yyyy`` (with or without the final dot) and a pasted ISO ``yyyy-mm-dd``,
tell an impossible date from unparseable text and from a future one, and give back
the text as it was typed. Date-times are Europe/Belgrade local (the current time zone).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DATE_DISPLAY = "%d.%m.%Y"
DATETIME_DISPLAY = "%d.%m.%Y %H:%M"

_DMY = r"(?P<d>\d{1,2})\s*\.\s*(?P<m>\d{1,2})\s*\.\s*(?P<y>\d{4})\.?"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
_TIME = r"(?P<hh>\d{1,2})[:.](?P<mm>\d{2})(?::(?P<ss>\d{2}))?"
DATE_RE = re.compile(rf"^(?:{_DMY}|{_ISO})$")
DATETIME_RE = re.compile(rf"^(?:{_DMY}|{_ISO})(?:\s*[T ]\s*|\s*,\s*){_TIME}$")

DATE_FORMAT_HINT = _("dd.mm.yyyy")
DATETIME_FORMAT_HINT = _("dd.mm.yyyy hh:mm")


def _date_parts(match: re.Match[str]) -> tuple[int, int, int]:
    if match.group("y"):
        return int(match.group("y")), int(match.group("m")), int(match.group("d"))
    return int(match.group("iy")), int(match.group("im")), int(match.group("id"))


def _normalise(value: str) -> str:
    return " ".join(value.split())


class DateText(forms.TextInput):
    """A text input showing a date as dd.mm.yyyy; typed text is shown back unchanged."""

    display_format = DATE_DISPLAY
    hint = DATE_FORMAT_HINT

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base: dict[str, Any] = {"placeholder": self.hint, "autocomplete": "off", "size": 16}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime(self.display_format)
        if isinstance(value, datetime.date):
            return value.strftime(self.display_format)
        return str(value)


class DateTimeText(DateText):
    display_format = DATETIME_DISPLAY
    hint = DATETIME_FORMAT_HINT


class _SerbianTemporalField(forms.Field):
    hint: Any = DATE_FORMAT_HINT
    default_error_messages = {
        "impossible": _("This date does not exist."),
        "future": _("The date cannot be in the future."),
        "year_range": _("Enter a year between %(min)s and %(max)s."),
    }

    def __init__(
        self,
        *,
        not_future: bool = False,
        min_year: int = 1900,
        max_year: int = 2100,
        help_text: Any = "",
        **kwargs: Any,
    ) -> None:
        self.not_future = not_future
        self.min_year, self.max_year = min_year, max_year
        hint = format_lazy(_("Format: {}"), self.hint)
        help_text = format_lazy("{} {}", help_text, hint) if help_text else hint
        super().__init__(help_text=help_text, **kwargs)

    def _year_in_range(self, year: int) -> None:
        if not self.min_year <= year <= self.max_year:
            raise ValidationError(
                self.error_messages["year_range"],
                code="year_range",
                params={"min": self.min_year, "max": self.max_year},
            )

    def _date(self, match: re.Match[str]) -> datetime.date:
        year, month, day = _date_parts(match)
        self._year_in_range(year)
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(self.error_messages["impossible"], code="impossible") from None


class SerbianDateField(_SerbianTemporalField):
    """A date typed as dd.mm.yyyy (also dd.mm.yyyy. and yyyy-mm-dd)."""

    widget = DateText
    default_error_messages = {
        "invalid": _("Enter the date as dd.mm.yyyy, for example 25.03.2010."),
    }

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        match = DATE_RE.match(_normalise(str(value)))
        if match is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return self._date(match)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if self.not_future and value is not None and value > timezone.localdate():
            raise ValidationError(self.error_messages["future"], code="future")


class SerbianDateTimeField(_SerbianTemporalField):
    """A local (Europe/Belgrade) date and time typed as dd.mm.yyyy hh:mm."""

    widget = DateTimeText
    hint = DATETIME_FORMAT_HINT
    default_error_messages = {
        "invalid": _("Enter the date and time as dd.mm.yyyy hh:mm, for example 25.03.2010 14:30."),
        "impossible_time": _("This time does not exist."),
        "future": _("The date and time cannot be in the future."),
    }

    def to_python(self, value: Any) -> datetime.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value if timezone.is_aware(value) else timezone.make_aware(value)
        match = DATETIME_RE.match(_normalise(str(value)))
        if match is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        day = self._date(match)
        try:
            time = datetime.time(
                int(match.group("hh")), int(match.group("mm")), int(match.group("ss") or 0)
            )
        except ValueError:
            raise ValidationError(
                self.error_messages["impossible_time"], code="impossible_time"
            ) from None
        return timezone.make_aware(datetime.datetime.combine(day, time))

    def validate(self, value: Any) -> None:
        super().validate(value)
        if self.not_future and value is not None and value > timezone.now():
            raise ValidationError(self.error_messages["future"], code="future")
