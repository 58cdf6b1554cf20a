"""`{% coworker_names record as names %}`: the summary of who works on a record."""

from __future__ import annotations

from typing import Any

from django import template

from zastita.assignments.selectors import coworker_names as _coworker_names

register = template.Library()


@register.simple_tag
def coworker_names(record: Any) -> list[str]:
    return _coworker_names(record)
