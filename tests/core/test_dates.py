"""The shared date fields: Serbian format, impossible dates refused, typed text kept."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.utils import timezone, translation

from zastita.core.dates import SerbianDateField, SerbianDateTimeField

from ..identification.conftest import accepted, identification, person  # noqa: F401
from .test_forms import (
    REGISTRY,
    World,
    _blank,
    _bound_form,
    _client_for,
    _form_class,
    _Page,
    head,  # noqa: F401 (fixture)
    world,  # noqa: F401 (fixture)
)


class _Form(forms.Form):
    born = SerbianDateField(label="Born", required=False, not_future=True)
    planned = SerbianDateField(label="Planned", required=False)
    held = SerbianDateTimeField(label="Held", required=False, not_future=True)


def _errors(data: dict[str, str]) -> dict[str, list[str]]:
    with translation.override("en"):
        form = _Form(data)
        form.is_valid()
        return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25.03.2010", datetime.date(2010, 3, 25)),
        ("25.03.2010.", datetime.date(2010, 3, 25)),
        ("5.3.2010", datetime.date(2010, 3, 5)),
        (" 25. 03. 2010. ", datetime.date(2010, 3, 25)),
        ("2010-03-25", datetime.date(2010, 3, 25)),
        ("29.02.2008", datetime.date(2008, 2, 29)),
        ("", None),
    ],
)
def test_accepted_date_forms(typed: str, expected: datetime.date | None) -> None:
    form = _Form({"born": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["born"] == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.02.2010", "This date does not exist."),
        ("2010-02-31", "This date does not exist."),
        ("29.02.2010", "This date does not exist."),
        ("00.01.2010", "This date does not exist."),
        ("12.13.2010", "This date does not exist."),
        ("abc", "Enter the date as dd.mm.yyyy, for example 25.03.2010."),
        ("25/03/2010", "Enter the date as dd.mm.yyyy, for example 25.03.2010."),
        ("25.03.10", "Enter the date as dd.mm.yyyy, for example 25.03.2010."),
        ("25.03.0210", "Enter a year between 1900 and 2100."),
    ],
)
def test_refused_dates_each_with_its_own_message(typed: str, message: str) -> None:
    assert _errors({"born": typed}) == {"born": [message]}


def test_the_future_is_refused_only_where_it_is_impossible() -> None:
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    assert _errors({"born": tomorrow, "planned": tomorrow}) == {
        "born": ["The date cannot be in the future."]
    }
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert _errors({"born": today}) == {}


def test_the_typed_text_is_shown_back_as_typed() -> None:
    for typed in ("31.02.2010", "2010-02-31", "abc", "25.03.2010."):
        html = str(_Form({"born": typed})["born"])
        assert f'value="{typed}"' in html
        assert 'type="text"' in html


def test_a_date_from_the_record_is_shown_in_the_serbian_format() -> None:
    form = _Form(initial={"born": datetime.date(2010, 3, 5)})
    assert 'value="05.03.2010"' in str(form["born"])
    held = timezone.make_aware(datetime.datetime(2024, 7, 1, 9, 5))
    assert 'value="01.07.2024 09:05"' in str(_Form(initial={"held": held})["held"])


def test_date_times_are_local_to_belgrade() -> None:
    form = _Form({"held": "01.07.2024 09:05"})
    assert form.is_valid(), form.errors
    held = form.cleaned_data["held"]
    assert held.utcoffset() == datetime.timedelta(hours=2)  # summer time in Belgrade
    assert held.astimezone(datetime.UTC).hour == 7
    for typed in ("01.07.2024. 09:05", "2024-07-01T09:05", "2024-07-01 09:05"):
        other = _Form({"held": typed})
        assert other.is_valid(), other.errors
        assert other.cleaned_data["held"] == held


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.02.2010 10:00", "This date does not exist."),
        ("01.02.2010 25:00", "This time does not exist."),
        (
            "01.02.2010",
            "Enter the date and time as dd.mm.yyyy hh:mm, for example 25.03.2010 14:30.",
        ),
        ("abc", "Enter the date and time as dd.mm.yyyy hh:mm, for example 25.03.2010 14:30."),
    ],
)
def test_refused_date_times(typed: str, message: str) -> None:
    assert _errors({"held": typed}) == {"held": [message]}


def test_a_future_date_time_is_refused_where_impossible() -> None:
    later = (timezone.localtime() + datetime.timedelta(hours=1)).strftime("%d.%m.%Y %H:%M")
    assert _errors({"held": later}) == {"held": ["The date and time cannot be in the future."]}


@pytest.mark.parametrize(
    ("language", "hint", "message"),
    [
        ("sr", "дд.мм.гггг", "Овај датум не постоји."),
        ("sr-latn", "dd.mm.gggg", "Ovaj datum ne postoji."),
        ("en", "dd.mm.yyyy", "This date does not exist."),
    ],
)
def test_hint_and_message_in_the_users_language(language: str, hint: str, message: str) -> None:
    with translation.override(language):
        form = _Form({"born": "31.02.2010"})
        html = str(form["born"])
        assert f'placeholder="{hint}"' in html
        assert hint in str(form["born"].help_text)
        assert form.errors["born"] == [message]


# --- every date field of every form, on its page ------------------------------------


def _date_fields() -> list[Any]:
    found = []
    for name in REGISTRY:
        for field_name, f in _form_class(name).base_fields.items():
            assert not isinstance(f, forms.DateField | forms.DateTimeField), (
                f"{name}.{field_name}: use zastita.core.dates' fields"
            )
            if isinstance(f, SerbianDateField | SerbianDateTimeField):
                found.append(
                    pytest.param(name, field_name, id=f"{name.rsplit('.', 1)[1]}.{field_name}")
                )
    return found


DATE_FIELDS = _date_fields()


def test_the_date_fields_are_found() -> None:
    assert len(DATE_FIELDS) >= 12


@pytest.mark.parametrize(("name", "field_name"), DATE_FIELDS)
def test_every_date_field_refuses_impossible_dates_and_keeps_the_text(
    name: str,
    field_name: str,
    world: World,  # noqa: F811
    client: Client,
    make_user: Any,
) -> None:
    case = REGISTRY[name]
    form_class = _form_class(name)
    f = form_class.base_fields[field_name]
    with_time = isinstance(f, SerbianDateTimeField)
    time = " 10:00" if with_time else ""
    future = timezone.localtime() + datetime.timedelta(days=2)
    typed = {
        f"31.02.2010{time}": "impossible",
        f"2010-02-31{time}": "impossible",
        "abc": "invalid",
    }
    if f.not_future:  # type: ignore[attr-defined]
        typed[future.strftime("%d.%m.%Y %H:%M" if with_time else "%d.%m.%Y")] = "future"
    client = _client_for(client, case, world, make_user)
    for value, code in typed.items():
        data = {**_blank(form_class), **case.hidden(world), field_name: value}
        if case.method == "get":
            response = client.get(case.url(world), data)
        else:
            response = client.post(case.url(world), data)
        assert response.status_code == 200, (value, response.status_code)
        bound = _bound_form(response, form_class)
        assert [e.code for e in bound.errors.as_data()[field_name]] == [code], value
        page = _Page()
        page.feed(response.content.decode())
        inputs = [a for _t, a in page.elements if a.get("id") == bound[field_name].auto_id]
        assert [a.get("value") for a in inputs] == [value], "the typed text is not kept"
