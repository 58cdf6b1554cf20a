"""The routes that take a record, found from the URL table and the OpenAPI document, each
resolved to the kind of record every path parameter names (or exempt, with the reason)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver

# A path parameter -> the record it names. A parameter that names a record of a need-to-know
# type must be here; one that names something else goes to EXEMPT.
RECORDS = {
    "report_id": "report",
    "attachment_id": "report_attachment",
    "report_person_id": "report_person",
    "identification_id": "identification",
    "decision_id": "decision",
    "person_id": "person",
    "relation_id": "relation",
    "document_id": "document",
    "case_id": "case",
    "plan_id": "plan",
    "task_id": "plan_task",
    "engagement_id": "engagement",
    "closure_id": "closure",
    "proceeding_id": "case_proceeding",
}
# The same parameter name naming another record in one part of the URL table.
QUALIFIED = {
    "identification/documents/<int:document_id>": "identification_document",
    "reports/<int:report_id>/persons/<int:person_id>": "report_person",
}
# Each kind of record -> the need-to-know type whose scope decides it (and that
# break-the-glass opens).
SCOPED_TYPE = {
    "case": "case",
    "plan": "case",  # a protection plan is its case's
    "plan_task": "case",
    "engagement": "case",  # a service arranged for a case
    "closure": "case",  # the closure of a case
    "case_proceeding": "case",  # a proceeding kept on a case
    "report": "report",
    "report_attachment": "report",
    "report_person": "report",
    "document": "report",  # the chain's document is an official note about its report
    "identification": "identification",
    "decision": "identification",
    "identification_document": "identification",
    "person": "person",
    "relation": "person",
}
# Path parameters that name no need-to-know record, each with why.
EXEMPT = {
    "user_id": "a user account: the administrator's, not a case record",
    "role_id": "a role: configuration",
    "organisation_id": "a partner organisation: configuration",
    "provider_id": "a provider in the register: professional contact data, configuration",
    "key_id": "a partner's API key: the administrator's",
    "team_id": "a team of workers: the head of service's",
    "shift_id": "a duty shift: the roster (its worker and the head of service)",
    "number": "a version of the identification rules: configuration",
    "draft_id": "an unsent draft: its author's own, never shared",
    # GET /api/v1/reports/{year}/{sequence}/status: asked by API key, scoped to the key's
    # organisation, not to a signed-in role (another organisation's report answers as a
    # missing one: tests/intake/test_api.py).
    "year": "a partner's own report's number, asked by API key (the key's organisation)",
    "sequence": "a partner's own report's number, asked by API key (the key's organisation)",
}
MISSING = 999999


@dataclass(frozen=True)
class Route:
    label: str  # the URL pattern (or the API operation) as found
    name: str  # the URL's name, with its namespace (the API operation: its label)
    template: str  # the address, with {param} for each record's id
    kinds: dict[str, str]  # param -> kind of record

    @property
    def scoped_type(self) -> str:
        return SCOPED_TYPE[next(iter(self.kinds.values()))]

    def url(self, ids: dict[str, int] | None) -> str:
        """The address of the chain's records (`ids`: kind -> id), or with every id missing."""
        return self.template.format(
            **{p: (ids[k] if ids is not None else MISSING) for p, k in self.kinds.items()}
        )


def walk(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """(the route, its name with its namespace, the pattern) of every URL pattern."""
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}{p.name or ''}", p


def _str_values(route: str) -> Iterator[tuple[str, dict[str, str]]]:
    """The route with each text parameter given its real values, and the kind of record a
    `subject_id` names for that value."""
    from zastita.core.registries.assignments import assignable_types
    from zastita.core.registries.documents import document_types
    from zastita.identification.written import FORMS

    if "<str:subject_type>" in route and "<int:subject_id>" in route:
        for spec in assignable_types:
            yield route.replace("<str:subject_type>", spec.code), {"subject_id": spec.code}
        return
    if "<str:type_code>" in route and "<int:subject_id>" in route:
        for doc in document_types:
            if doc.written_by_author:
                concrete = route.replace("<str:type_code>", doc.code)
                yield concrete, {"subject_id": doc.subject_type}
        return
    route = route.replace("<str:document>", "note").replace("<str:set_id>", "AL")
    kinds: list[str] = [""]
    if "<str:kind>" in route:
        from zastita.cases.closures.written import CODE
        from zastita.cases.plans.written import SPECS

        if route.startswith("cases/closures/"):
            kinds = [CODE]
        else:
            kinds = [s.code for s in SPECS] if route.startswith("cases/") else list(FORMS)
    for kind in kinds:
        yield route.replace("<str:kind>", kind), {}


def _kind(route: str, param: str, extra: dict[str, str]) -> str | None:
    for qualifier, kind in QUALIFIED.items():
        if qualifier in route and qualifier.endswith(f"<int:{param}>"):
            return kind
    return extra.get(param) or RECORDS.get(param)


def classify(
    patterns: list[Any], schema: dict[str, Any]
) -> tuple[list[Route], list[tuple[str, str]], list[str]]:
    """(the routes that take a need-to-know record, the exempt ones with their reason, the
    ones whose record is neither: a new route without a scope)."""
    routes: list[Route] = []
    exempt: list[tuple[str, str]] = []
    unscoped: list[str] = []

    def add(label: str, name: str, template: str, params: list[str], extra: dict[str, str]) -> None:
        kinds = {p: _kind(label, p, extra) for p in params}
        if all(k in SCOPED_TYPE for k in kinds.values()):
            routes.append(Route(label, name, template, {p: k for p, k in kinds.items() if k}))
            return
        unknown = [p for p, k in kinds.items() if k is None and p not in EXEMPT]
        if unknown or any(k is not None and k not in SCOPED_TYPE for k in kinds.values()):
            unscoped.append(label)
        elif any(k is not None for k in kinds.values()):
            unscoped.append(label)  # a record and a non-record mixed: say which is which
        else:
            exempt.append((label, "; ".join(dict.fromkeys(EXEMPT[p] for p in params))))

    for route, name, _pattern in walk(patterns):
        if route.startswith("api/v1/") or "<int:" not in route:
            continue  # the API is taken from its OpenAPI document below
        for concrete, extra in _str_values(route):
            params = re.findall(r"<int:(\w+)>", concrete)
            template = "/" + re.sub(r"<int:(\w+)>", r"{\1}", concrete)
            add(concrete, name, template, params, extra)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            params = [
                p["name"] for p in operation.get("parameters", [])
                if p.get("in") == "path" and p.get("schema", {}).get("type") == "integer"
            ]  # fmt: skip
            if params:
                label = f"{method.upper()} {path}"
                add(label, label, path, params, {})
    return routes, exempt, unscoped
