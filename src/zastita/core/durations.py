"""Durations as people write them: "1:30", "24:00", "2 ч 30 мин", "2 h", "90 min" — hours and
minutes, not a count of minutes. A plain number is minutes, as before."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

_CLOCK = re.compile(r"^(?P<h>\d{1,4})\s*[:.]\s*(?P<m>[0-5]\d)$")
_PARTS = re.compile(
    r"^(?:(?P<h>\d{1,4})\s*(?:h|ч|sat[ai]?|сат[аи]?)\.?)?\s*"
    r"(?:(?P<m>\d{1,5})\s*(?:min|мин|minut[ae]?|минут[аe]?)\.?)?$",
    re.IGNORECASE,
)


def parse_minutes(text: str) -> int | None:
    """Minutes from "1:30", "2 ч 30 мин", "2h", "45 min" or "90"; None if not a duration."""
    value = " ".join(text.split()).strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    match = _CLOCK.match(value)
    if match:
        return int(match["h"]) * 60 + int(match["m"])
    match = _PARTS.match(value)
    if match and (match["h"] or match["m"]):
        return int(match["h"] or 0) * 60 + int(match["m"] or 0)
    return None


def hours_minutes(minutes: int) -> str:
    """1440 → "24:00", 30 → "0:30": the form in which a duration is shown for editing."""
    return f"{minutes // 60}:{minutes % 60:02d}"


class HoursMinutesField(forms.Field):
    """A duration typed as hours and minutes; cleaned to whole minutes."""

    default_error_messages = {
        "invalid": _("Enter hours and minutes, for example 0:30, 4:00 or 24:00."),
    }

    def __init__(self, *, min_minutes: int = 1, max_minutes: int = 60 * 24 * 30,
                 **kwargs: Any) -> None:  # fmt: skip
        self.min_minutes, self.max_minutes = min_minutes, max_minutes
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "text", "size": 10}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return hours_minutes(value) if isinstance(value, int) else value

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        minutes = parse_minutes(str(value)[:40])
        if minutes is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if not self.min_minutes <= minutes <= self.max_minutes:
            raise forms.ValidationError(
                _("Between %(low)s and %(high)s (hours:minutes)."),
                code="range",
                params={"low": hours_minutes(self.min_minutes),
                        "high": hours_minutes(self.max_minutes)},
            )  # fmt: skip
        return minutes
