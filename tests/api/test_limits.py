"""One limit per text field of a report, enforced in the service and reported the same way
on the web form (at the field) and in the API (in the one error format); NUL refused on both."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django import forms
from django.test import Client

from zastita.api.api import api
from zastita.core.errors import ValidationError
from zastita.intake import services
from zastita.intake.forms import ReportForm
from zastita.intake.models import Report

from ..conftest import sign_in
from ..intake.conftest import NARRATIVE, report_input
from .test_api import assert_error

# Every text field that both the web form and the API accept for a report:
# limit name -> (the web form's field, the API's field).
SHARED_TEXT_FIELDS = {
    "narrative": ("narrative", "narrative"),
    "municipality": ("municipality", "municipality"),
    "person_description": ("person1_description", "persons.0.description"),
}

WEB = {
    "urgency": "ordinary", "channel": "phone", "narrative": NARRATIVE,
    "municipality": "Крагујевац", "reporter_kind": "anonymous",
    "person1_description": "девојчица, око 15",
}  # fmt: skip
API: dict[str, Any] = {
    "urgency": "ordinary", "channel": "phone", "narrative": NARRATIVE,
    "municipality": "Крагујевац", "reporter_kind": "anonymous",
    "persons": [{"description": "девојчица, око 15"}],
}  # fmt: skip


def _api_body(api_field: str, value: str) -> dict:
    body = {**API, "persons": [dict(p) for p in API["persons"]]}
    if api_field.startswith("persons."):
        body["persons"][0]["description"] = value
    else:
        body[api_field] = value
    return body


def _api_text_fields() -> set[str]:
    """The report's text fields in the API's published schema (persons' fields nested)."""
    components = api.get_openapi_schema()["components"]["schemas"]
    names = set()
    for name, prop in components["ReportIn"]["properties"].items():
        if prop.get("type") == "string" and "format" not in prop:
            names.add(name)
    for name, prop in components["PersonIn"]["properties"].items():
        if prop.get("type") == "string":
            names.add(f"persons.0.{name}")
    return names


def test_every_shared_text_field_is_checked():
    """A new text field accepted by both the form and the API must be added above."""
    form_fields = set(ReportForm().fields)
    shared = {
        api_field
        for api_field in _api_text_fields()
        if api_field in form_fields or api_field.replace("persons.0.", "person1_") in form_fields
    }
    assert shared == {api_field for _web, api_field in SHARED_TEXT_FIELDS.values()}


@pytest.mark.parametrize("limit_name", SHARED_TEXT_FIELDS)
def test_both_take_their_limit_from_the_service(db, limit_name):
    web_field, api_field = SHARED_TEXT_FIELDS[limit_name]
    limit = services.TEXT_LIMITS[limit_name]
    assert cast(forms.CharField, ReportForm().fields[web_field]).max_length == limit
    components = api.get_openapi_schema()["components"]["schemas"]
    schema, name = ("PersonIn", "description") if "." in api_field else ("ReportIn", api_field)
    assert components[schema]["properties"][name]["maxLength"] == limit


@pytest.mark.parametrize("limit_name", SHARED_TEXT_FIELDS)
def test_at_the_limit_both_accept(client, worker_user, limit_name):
    web_field, api_field = SHARED_TEXT_FIELDS[limit_name]
    text = "ж" * services.TEXT_LIMITS[limit_name]
    sign_in(client, worker_user)
    web = client.post("/reports/new/", {**WEB, web_field: text})
    assert web.status_code == 302, web.context["form"].errors
    api_answer = client.post(
        "/api/v1/reports", _api_body(api_field, text), content_type="application/json"
    )
    assert api_answer.status_code == 201
    assert Report.objects.count() == 2


@pytest.mark.parametrize("limit_name", SHARED_TEXT_FIELDS)
def test_over_the_limit_both_refuse_in_the_same_words(client, worker_user, limit_name):
    web_field, api_field = SHARED_TEXT_FIELDS[limit_name]
    limit = services.TEXT_LIMITS[limit_name]
    text = "ж" * (limit + 1)
    sign_in(client, worker_user)
    web = client.post("/reports/new/", {**WEB, web_field: text})
    assert web.status_code == 200
    form = web.context["form"]
    assert form[web_field].value() == text  # nothing the user typed is lost
    api_answer = client.post(
        "/api/v1/reports", _api_body(api_field, text), content_type="application/json"
    )
    error = assert_error(api_answer, 422, "invalid")
    expected = f"Предугачко: највише {limit} знакова."
    assert form.errors[web_field] == [expected]
    assert error["fields"] == {f"payload.{api_field}": [expected]}
    assert not Report.objects.exists()


def test_the_25000_character_narrative_is_refused_on_the_web(client, worker_user):
    sign_in(client, worker_user)
    response = client.post("/reports/new/", {**WEB, "narrative": "ж" * 25_000})
    assert response.status_code == 200
    assert "narrative" in response.context["form"].errors
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"narrative": "ж" * 20_001}, "narrative"),
        ({"municipality": "ж" * 101}, "municipality"),
        ({"reporter_kind": "private", "reporter_identity": "ж" * 501}, "reporter_identity"),
        ({"narrative": "а\x00б"}, "narrative"),
        ({"persons": [services.PersonInput(description="ж" * 1001)]}, "persons"),
        ({"persons": [services.PersonInput(description="а")] * 21}, "persons"),
    ],
)
def test_the_service_enforces_the_limits_itself(worker_user, change, field):
    """Whatever calls it: the web form and the API check early, the service always."""
    with pytest.raises(ValidationError) as refused:
        services.report_create(actor=worker_user, data=report_input(**change))
    assert list(refused.value.fields) == [field]
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "field", ["narrative", "municipality", "person1_description", "reporter_identity"]
)
def test_the_web_form_refuses_nul_at_the_field(client, worker_user, field):
    sign_in(client, worker_user)
    response = client.post(
        "/reports/new/", {**WEB, "reporter_kind": "private", field: "Ана\x00 Петровић"}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Report.objects.exists()


def test_the_api_and_the_web_refuse_nul_in_the_same_words(client, worker_user):
    sign_in(client, worker_user)
    web = client.post("/reports/new/", {**WEB, "narrative": "а\x00б"})
    api_answer = client.post(
        "/api/v1/reports", _api_body("narrative", "а\x00б"), content_type="application/json"
    )
    error = assert_error(api_answer, 422, "invalid")
    assert error["fields"]["payload.narrative"] == web.context["form"].errors["narrative"]


def test_an_api_client_sees_the_limit_in_its_language(worker_user):
    client = sign_in(Client(), worker_user)
    response = client.post(
        "/api/v1/reports", _api_body("narrative", "x" * 20_001), content_type="application/json",
        headers={"Accept-Language": "en"},
    )  # fmt: skip
    error = assert_error(response, 422, "invalid")
    assert error["fields"] == {"payload.narrative": ["Too long: at most 20000 characters."]}


def test_line_breaks_count_once_on_both(client, worker_user):
    """A browser sends each line break of a textarea as CR LF, but counts it as one for the
    field's maxlength, as the API does: a text that fits in one fits in the other."""
    text = ("ж" * 99 + "\n") * (services.TEXT_LIMITS["narrative"] // 100)
    assert len(text) == services.TEXT_LIMITS["narrative"]
    sign_in(client, worker_user)
    web = client.post("/reports/new/", {**WEB, "narrative": text.replace("\n", "\r\n")})
    assert web.status_code == 302, web.context["form"].errors
    api_answer = client.post(
        "/api/v1/reports", _api_body("narrative", text), content_type="application/json"
    )
    assert api_answer.status_code == 201
    narratives = {services.report_texts(r)["narrative"] for r in Report.objects.all()}
    assert narratives == {text.strip()}
