"""Template filters naming ISO codes in the user's language: {{ person.citizenships|countries }}."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from zastita.core import reference

register = template.Library()


@register.filter
def countries(codes: Iterable[str]) -> str:
    return ", ".join(reference.country_name(code) for code in codes or ())


@register.filter
def languages(codes: Iterable[str]) -> str:
    return ", ".join(reference.language_name(code) for code in codes or ())


@register.filter
def country(code: str) -> str:
    return reference.country_name(code) if code else ""


@register.filter
def language(code: str) -> str:
    return reference.language_name(code) if code else ""
