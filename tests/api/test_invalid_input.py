"""Invalid input to every API operation is a 4xx in the one error format, never a 500.

`INVALID_INPUT_TESTS` maps every operation of the API (read from its OpenAPI schema) to a
test here that sends it invalid input; a new operation without one fails
`test_every_operation_has_an_invalid_input_test`. The pattern is checked as well: every
integer parameter is bounded, every text field is in a schema that refuses NUL.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from pydantic import BaseModel

from zastita.api.api import api
from zastita.core.schemas import MAX_ID, ApiSchema
from zastita.intake.models import Report

from ..conftest import sign_in
from ..intake.conftest import NARRATIVE
from ..partners.keys import issue_confirmed
from .test_api import assert_error

REPORT = {
    "municipality": "Нови Сад",
    "urgency": "child",
    "narrative": NARRATIVE,
    "persons": [{"description": "дечак, око 12 година"}],
}


def _operations() -> dict[str, Any]:
    """operation id -> the ninja operation, for every operation the API serves."""
    found = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                found[api.get_openapi_operation_id(operation)] = operation
    return found


@pytest.fixture
def partner(admin_user, organisation) -> dict[str, str]:
    _key, raw = issue_confirmed(
        requester=admin_user, organisation=organisation, label="fuzz",
        capabilities=["reference.read", "reports.submit", "reports.status"],
    )  # fmt: skip
    return {"Authorization": f"Bearer {raw}"}


# --- one test per operation ---


@pytest.mark.parametrize(
    "authorization", ["Bearer zk_abcdef12_not-a-real-key", "Bearer ", "Basic dXNlcjpwYXNz"]
)
def test_me_with_a_bogus_key_is_refused_even_with_a_session(worker_user, authorization):
    """A request that presents a key is judged by the key alone: no fallback to the session."""
    client = sign_in(Client(), worker_user)
    assert client.get("/api/v1/me").status_code == 200  # the session alone is good
    response = client.get("/api/v1/me", headers={"Authorization": authorization})
    assert_error(response, 401, "unauthorised")
    assert "username" not in response.content.decode()


def test_organisations_with_an_unknown_sector(partner):
    error = assert_error(
        Client().get("/api/v1/organisations?sector=%00police", headers=partner), 422, "invalid"
    )
    assert "sector" in error["fields"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (f"actor_id={2**64}", "actor_id"),
        (f"actor_id={MAX_ID + 1}", "actor_id"),
        (f"before_seq={10**30}", "before_seq"),
        ("object_id=a%00b", "object_id"),
        ("object_type=a%00", "object_type"),
    ],
)
def test_audit_events_with_an_overflowing_id_or_a_nul(client, dpo_user, query, field):
    sign_in(client, dpo_user)
    error = assert_error(client.get(f"/api/v1/audit/events?{query}"), 422, "invalid")
    assert list(error["fields"]) == [field]


def test_audit_events_with_the_largest_id_is_answered(client, dpo_user):
    sign_in(client, dpo_user)
    response = client.get(f"/api/v1/audit/events?actor_id={MAX_ID}&before_seq={MAX_ID}")
    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"narrative": "Девојчица\x00 у кафићу"}, "narrative"),
        ({"municipality": "Нови\x00Сад"}, "municipality"),
        ({"persons": [{"description": "дечак\x00"}]}, "persons.0.description"),
        ({"narrative": "а" * 20_001}, "narrative"),
    ],
)
def test_report_submit_refuses_nul_and_over_long_text(partner, change, field):
    response = Client().post(
        "/api/v1/reports", {**REPORT, **change}, content_type="application/json", headers=partner
    )
    error = assert_error(response, 422, "invalid")
    assert list(error["fields"]) == [f"payload.{field}"]
    assert not Report.objects.exists()


@pytest.mark.parametrize("signed_in", [True, False])
def test_report_submit_with_a_body_over_the_limit(worker_user, partner, signed_in):
    client = sign_in(Client(), worker_user) if signed_in else Client()
    headers = {} if signed_in else partner
    body = '{"narrative": "' + "x" * (1024 * 1024 + 1) + '"}'
    response = client.post(
        "/api/v1/reports", body, content_type="application/json", headers=headers
    )
    assert_error(response, 413, "too_large")
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/reports/2026/{2**63}/status",
        f"/api/v1/reports/{2**70}/1/status",
        "/api/v1/reports/1999/1/status",
        "/api/v1/reports/2026/0/status",
    ],
)
def test_report_status_with_an_out_of_range_number(partner, path):
    assert_error(Client().get(path, headers=partner), 422, "invalid")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"set": "AL\x00"}, "set"),
        ({"set": "AL", "answers": {"a\x00": "present"}}, "answers"),
        ({"set": "AL", "age": 10**40}, "age"),
    ],
)
def test_indicators_evaluate_refuses_nul_and_out_of_range(client, make_user, body, field):
    sign_in(client, make_user("worker"))
    response = client.post("/api/v1/indicators/evaluate", body, content_type="application/json")
    error = assert_error(response, 422, "invalid")
    assert list(error["fields"]) == [f"payload.{field}"]


INVALID_INPUT_TESTS: dict[str, Callable[..., None]] = {
    "zastita_accounts_api_me": test_me_with_a_bogus_key_is_refused_even_with_a_session,
    "zastita_partners_api_organisations": test_organisations_with_an_unknown_sector,
    "zastita_audit_api_events": test_audit_events_with_an_overflowing_id_or_a_nul,
    "zastita_intake_api_report_submit": test_report_submit_refuses_nul_and_over_long_text,
    "zastita_intake_api_report_status": test_report_status_with_an_out_of_range_number,
    "zastita_identification_api_indicators_evaluate": (
        test_indicators_evaluate_refuses_nul_and_out_of_range
    ),
}


# --- the pattern, over every operation ---


def test_every_operation_has_an_invalid_input_test(db):
    published = {
        operation["operationId"]
        for path in api.get_openapi_schema()["paths"].values()
        for operation in path.values()
    }
    assert published == set(_operations())
    assert set(INVALID_INPUT_TESTS) == published, "an operation without an invalid-input test"
    for test in INVALID_INPUT_TESTS.values():
        assert globals()[test.__name__] is test
        # It is collected (a test_ function here) and checks the one error format itself.
        assert test.__name__.startswith("test_"), test.__name__
        assert "assert_error(" in inspect.getsource(test), test.__name__


def _integer_schemas(node: Any, components: dict[str, Any], where: str) -> Iterator[tuple]:
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            yield from _integer_schemas(components[name], components, f"{where}>{name}")
            return
        if node.get("type") == "integer":
            yield where, node
        for key, value in node.items():
            yield from _integer_schemas(value, components, f"{where}.{key}")
    elif isinstance(node, list):
        for value in node:
            yield from _integer_schemas(value, components, where)


def test_every_integer_input_is_bounded(db):
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    seen = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            inputs = [operation.get("parameters", []), operation.get("requestBody", {})]
            for where, node in _integer_schemas(inputs, components, f"{method} {path}"):
                seen += 1
                assert "maximum" in node, where
                assert node["maximum"] <= MAX_ID, where
                assert "minimum" in node, where
    assert seen >= 6  # actor_id, before_seq, limit, year, sequence, age


def _models(annotation: Any) -> Iterator[Any]:
    """Every class an annotation is made of (list[PersonIn] | None -> list, PersonIn, None)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _models(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType) or origin is not None:
        if origin not in (typing.Union, types.UnionType):
            yield origin
        for arg in typing.get_args(annotation):
            yield from _models(arg)
    else:
        yield annotation


def test_every_text_input_refuses_nul(db):
    """Each operation's parameters are ints, or our schemas (which refuse NUL in any text,
    nested or as a dict key): no str reaches an operation another way."""
    checked = set()
    for operation_id, operation in _operations().items():
        for wrapper in operation.models:
            for name, field in wrapper.model_fields.items():
                for cls in _models(field.annotation):
                    assert cls is not str, f"{operation_id}: {name} is text outside ApiSchema"
                    if isinstance(cls, type) and issubclass(cls, BaseModel):
                        stack = [cls]
                        while stack:
                            model = stack.pop()
                            assert issubclass(model, ApiSchema), (operation_id, model)
                            checked.add(model.__name__)
                            for inner in model.model_fields.values():
                                stack.extend(
                                    c
                                    for c in _models(inner.annotation)
                                    if isinstance(c, type) and issubclass(c, BaseModel)
                                )
    assert {"ReportIn", "PersonIn", "EventFilters", "EvaluationIn"} <= checked
