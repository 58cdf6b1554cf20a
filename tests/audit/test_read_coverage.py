"""Every URL and API operation declares whether it returns personal data; reads are logged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from zastita.api.api import api
from zastita.audit.access import NONE, PERSONAL
from zastita.audit.models import Action, AuditEvent
from zastita.identification.written import FORMS

from ..conftest import events, normalise


def _walk(patterns: list, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def _django_views() -> list[tuple[str, Any]]:
    found = []
    for route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith("api/v1/"):
            continue  # the API is walked operation by operation below
        found.append((route, pattern.callback))
    return found


def _api_operations() -> list[tuple[str, Any]]:
    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                route = "/" + "/".join(p for p in f"{prefix}/{path}".split("/") if p)
                found.append((f"{route} {operation.methods}", operation.view_func))
    return found


def test_every_view_and_operation_declares_its_data():
    items = _django_views() + _api_operations()
    assert len(items) > 15
    undeclared = [route for route, view in items if getattr(view, "zastita_data", None) is None]
    assert undeclared == [], f"declare @personal_data or @no_personal_data on: {undeclared}"


def test_the_personal_views_are_the_expected_ones():
    personal = sorted(
        route
        for route, view in _django_views() + _api_operations()
        if getattr(view, "zastita_data", None) == PERSONAL
    )
    assert personal == [
        "/audit/events ['GET']",
        "/me ['GET']",
        "activations/",
        "assignments/<str:subject_type>/<int:subject_id>/",
        "assignments/opened/",
        "assignments/teams/",
        "assignments/teams/<int:team_id>/",
        "assignments/teams/new/",
        "assignments/workload/",
        "attachments/<int:attachment_id>/",
        "audit/access-log/",
        "cases/<int:case_id>/",
        "cases/<int:case_id>/closure/",
        "cases/<int:case_id>/monitoring/",
        "cases/<int:case_id>/plans/",
        "cases/<int:case_id>/proceedings/",
        "cases/<int:case_id>/reviews/",
        "cases/<int:case_id>/services/",
        "cases/<int:case_id>/step/",
        "cases/closures/<int:closure_id>/form/<str:kind>/",
        "cases/closures/<int:closure_id>/form/<str:kind>/print/",
        "cases/closures/<int:closure_id>/form/<str:kind>/return/",
        "cases/new/",
        "cases/plans/<int:plan_id>/",
        "cases/plans/<int:plan_id>/details/",
        "cases/plans/<int:plan_id>/form/<str:kind>/",
        "cases/plans/<int:plan_id>/form/<str:kind>/print/",
        "cases/plans/<int:plan_id>/form/<str:kind>/return/",
        "cases/plans/<int:plan_id>/goals/",
        "cases/plans/<int:plan_id>/revise/",
        "cases/plans/<int:plan_id>/sharing/",
        "cases/plans/<int:plan_id>/tasks/",
        "cases/proceedings/<int:proceeding_id>/",
        "cases/services/<int:engagement_id>/decide/",
        "cases/services/<int:engagement_id>/end/",
        "cases/tasks/<int:task_id>/end/",
        "documents/<int:document_id>/",
        "documents/<int:document_id>/answer/",
        "documents/<int:document_id>/correct/",
        "documents/<int:document_id>/docx/",
        "documents/<int:document_id>/pdf/",
        "documents/write/<str:type_code>/<int:subject_id>/",
        "duty/shifts/<int:shift_id>/",
        "identification/<int:identification_id>/",
        "identification/<int:identification_id>/assessment/<str:set_id>/",
        "identification/<int:identification_id>/case/",
        "identification/<int:identification_id>/decisions/",
        "identification/<int:identification_id>/documents/",
        "identification/<int:identification_id>/forms/<str:kind>/",
        "identification/<int:identification_id>/forms/<str:kind>/print/",
        "identification/<int:identification_id>/forms/<str:kind>/return/",
        "identification/<int:identification_id>/interviews/",
        "identification/<int:identification_id>/proceedings/",
        "identification/documents/<int:document_id>/",
        "manage/users/",
        "manage/users/<int:user_id>/",
        "people/",
        "people/<int:person_id>/",
        "people/<int:person_id>/edit/",
        "people/<int:person_id>/merge/",
        "people/<int:person_id>/relations/",
        "people/<int:person_id>/reveal/",
        "people/new/",
        "people/relations/<int:relation_id>/end/",
        "people/reveals/",
        "people/subject-access/",
        "reports/<int:report_id>/",
        "reports/<int:report_id>/<str:document>.pdf",
        "reports/<int:report_id>/attachments/",
        "reports/<int:report_id>/persons/<int:person_id>/set-aside/",
        "reports/<int:report_id>/transition/",
        "reports/new/",
        "reports/persons/<int:report_person_id>/link/",
        "reports/persons/<int:report_person_id>/registry/",
    ]
    assert all(v.zastita_data in (PERSONAL, NONE) for _r, v in _django_views())


@pytest.mark.parametrize(
    ("url", "who", "object_type"),
    [
        ("/manage/users/", "admin", "user"),
        ("/manage/users/{admin}/", "admin", "user"),
        ("/audit/access-log/", "dpo", "access_log"),
        ("/api/v1/me", "dpo", "user"),
        ("/api/v1/audit/events", "dpo", "access_log"),
    ],
)
def test_each_personal_read_is_audited(url, who, object_type, admin_user, dpo_user, client):
    from ..conftest import sign_in

    actor = {"admin": admin_user, "dpo": dpo_user}[who]
    sign_in(client, actor)
    before = AuditEvent.objects.count()
    response = client.get(url.format(admin=admin_user.pk))
    assert response.status_code == 200
    new = list(AuditEvent.objects.filter(seq__gt=before, action=Action.VIEW))
    assert new, "the read was not logged"
    assert {e.object_type for e in new} == {object_type}
    assert all(e.actor_id == actor.pk and e.request_id for e in new)


def test_a_denied_read_is_audited_and_looks_like_not_found(worker_user, admin_user, client):
    from ..conftest import sign_in

    sign_in(client, worker_user)
    missing = client.get("/manage/users/999999/")
    forbidden = client.get(f"/manage/users/{admin_user.pk}/")
    assert forbidden.status_code == missing.status_code == 404
    # Identical but for the page's own address (echoed in the language form).
    assert normalise(forbidden.content).replace(f"/{admin_user.pk}/", "/ID/") == normalise(
        missing.content
    ).replace("/999999/", "/ID/")
    denied = events(action=Action.DENIED, actor=worker_user)
    assert [(e.object_type, e.object_id) for e in denied] == [
        ("user", "999999"),
        ("user", str(admin_user.pk)),
    ]


# --- the same, found by looking: sentinel data must never leave without a read record ---

SENTINEL = "Стражар-7731"


def _kinds(route: str) -> list[str]:
    """The written forms a route with a kind serves: the identification's, or the plans'."""
    if "<str:kind>" not in route:
        return [""]
    if route.startswith("cases/closures/"):
        from zastita.cases.closures.written import CODE

        return [CODE]
    if route.startswith("cases/"):
        from zastita.cases.plans.written import SPECS

        return [spec.code for spec in SPECS]
    return list(FORMS)


def _concrete_routes(ids: dict[str, int]) -> list[str]:
    import re

    urls = []
    for route, _pattern in _walk(get_resolver().url_patterns):
        if route.startswith("api/v1/"):
            continue
        route = route.replace("<str:document>", "note").replace("<str:set_id>", "AL")
        route = route.replace("<str:type_code>", "intake.official_note")
        route = route.replace("<str:subject_type>", "report")
        # Every kind of written form, each with its own sections.
        for kind in _kinds(route):
            concrete = route.replace("<str:kind>", kind)
            urls.append("/" + re.sub(r"<int:([a-z_]+)>", lambda m: str(ids[m.group(1)]), concrete))
    schema = api.get_openapi_schema()
    urls.extend(re.sub(r"\{[a-z_]+\}", "1", path) for path in schema["paths"])
    return sorted(set(urls))


def _intake_records(make_user, organisation):
    """A registered report whose every text carries the sentinel, a file, a handover note."""
    import datetime

    from django.utils import timezone

    from zastita.intake.roster import shift_create, shift_handover
    from zastita.intake.services import (
        PersonInput,
        ReportInput,
        attachment_add,
        report_create,
        report_transition,
    )  # fmt: skip

    worker = make_user("worker")
    report = report_create(actor=worker, data=ReportInput(
        channel="phone", received_at=timezone.now(), reporter_kind="private",
        reporter_identity=f"{SENTINEL} reporter", municipality="Ниш", urgency="ordinary",
        narrative=f"{SENTINEL} narrative", persons=[PersonInput(description=f"{SENTINEL} girl")],
    ))  # fmt: skip
    report = report_transition(actor=worker, report=report, to="registered")
    attachment = attachment_add(
        actor=worker, report=report, name="sentinel.txt", data=f"{SENTINEL} file".encode()
    )
    now = timezone.now()
    shift = shift_create(actor=make_user("head_of_service"), user=worker, kind="primary",
                         starts_at=now - datetime.timedelta(hours=1),
                         ends_at=now + datetime.timedelta(hours=7))  # fmt: skip
    shift_handover(actor=worker, shift=shift, note=f"{SENTINEL} handover")
    return report, attachment, shift


def _identification_records(make_user, person):
    """An identification of the sentinel person, with an interview and a proposed decision
    whose texts carry the sentinel."""
    import datetime

    from django.utils import timezone

    from zastita.identification.services import (
        attachment_add,
        decision_propose,
        form_save,
        identification_start,
        interview_record,
    )  # fmt: skip
    from zastita.intake.services import (
        PersonInput,
        ReportInput,
        report_create,
        report_transition,
    )  # fmt: skip

    worker = make_user("worker")
    report = report_create(actor=worker, data=ReportInput(
        channel="phone", received_at=timezone.now() - datetime.timedelta(hours=1),
        reporter_kind="anonymous", municipality="Ниш", urgency="ordinary",
        narrative="narrative", persons=[PersonInput(person_id=person.pk)],
    ))  # fmt: skip
    report = report_transition(actor=worker, report=report, to="registered")
    report = report_transition(actor=worker, report=report, to="accepted")
    identification = identification_start(actor=worker, report_person=report.persons.get())
    interview_record(actor=worker, identification=identification, kind="first",
                     held_at=timezone.now(), place=f"{SENTINEL} place")  # fmt: skip
    decision = decision_propose(
        actor=worker, identification=identification, status="presumed", municipality="Ниш",
        panel=[{"user": worker.pk, "profession": "psiholog"}],
        reasons=f"{SENTINEL} reasons for the decision",
    )  # fmt: skip
    for kind, spec in FORMS.items():
        form_save(actor=worker, identification=identification, kind=kind, base_version=0,
                  sections={key: f"{SENTINEL} {key}" for key in spec.keys})  # fmt: skip
    document = attachment_add(
        actor=worker, identification=identification, kind="statement", name="sentinel.txt",
        data=f"{SENTINEL} statement".encode(), description=f"{SENTINEL} description",
    )  # fmt: skip
    return identification, decision, document


def _plan_records(make_user, case):
    """The case's initial plan: a goal and a task carrying the sentinel, and its text."""
    import datetime

    from zastita.cases.plans import services as plans
    from zastita.partners.models import Provider
    from zastita.writtenforms.public import form_save as written_save

    head = make_user("head_of_service")
    plan = plans.plan_start(actor=head, case=case, kind="initial")
    goal = plans.goal_add(actor=head, plan=plan, text=f"{SENTINEL} goal", version=plan.version)
    plan.refresh_from_db()
    task = plans.task_add(
        actor=head, plan=plan, goal_id=goal.pk, text=f"{SENTINEL} task", responsible="person",
        worker=None, provider=None, due_on=plan.plan_date + datetime.timedelta(days=5),
        version=plan.version,
    )  # fmt: skip
    written_save(actor=head, code=plan.form_code, subject_id=plan.pk, base_version=0,
                 sections={"priorities": f"{SENTINEL} priorities"}, autosave=True)  # fmt: skip
    provider = Provider.objects.create(kind="lawyer", professional="Адвокат за проверу")
    return plan, task, provider


def _closure(make_user, case):
    """The case's closure being prepared, its form's text carrying the sentinel."""
    from zastita.cases.closures.services import closure_start
    from zastita.writtenforms.public import form_save as written_save

    head = make_user("head_of_service")
    closure = closure_start(actor=head, case=case, reason="other", referred=False)
    written_save(actor=head, code=closure.form_code, subject_id=closure.pk, base_version=0,
                 sections={"goals": f"{SENTINEL} goals"}, autosave=True)  # fmt: skip
    return closure


def _engagement(make_user, case):
    """A service arranged for the case, ended with an outcome carrying the sentinel."""
    from decimal import Decimal

    from django.utils import timezone

    from zastita.cases.engagements import services as engagements

    head = make_user("head_of_service")
    today = timezone.localdate()
    engagement = engagements.engagement_add(actor=head, case=case, data=engagements.EngagementInput(
        kind="transport", provider=None, requested_on=today, started_on=today, ended_on=None,
        units=None, unit="", cost=Decimal("1500"), funding="budget",
    ))  # fmt: skip
    return engagements.engagement_end(actor=head, engagement=engagement, ended_on=today,
                                      outcome=f"{SENTINEL} outcome", version=1)  # fmt: skip


@pytest.fixture
def sentinel_ids(make_user, organisation) -> dict[str, int]:
    """A record of every kind whose texts carry the sentinel, by the name of the route
    parameter that addresses it."""
    from zastita.accounts.models import Role, Team
    from zastita.partners.services import api_key_issue

    enrolled = make_user("worker")
    waiting = make_user("worker", mfa=False)
    for person in (enrolled, waiting):
        person.full_name = f"{SENTINEL} {person.pk}"
        person.email = f"sentinel{person.pk}@example.org"
        person.save()
    key, _raw = api_key_issue(
        actor=make_user("administrator"), organisation=organisation, label="k",
        capabilities=["reference.read"],
    )  # fmt: skip
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    person = person_create(
        actor=make_user("worker"),
        identity=Identity(first_name=SENTINEL, last_name="sentinel"),
        birth_year=1980,
    )
    from zastita.people.services import relation_add

    mother = person_create(
        actor=make_user("worker"), identity=Identity(first_name=SENTINEL, last_name="mother"),
        birth_year=1960,
    )  # fmt: skip
    relation = relation_add(
        actor=make_user("worker"), person=person, relative=mother, kind="mother"
    )
    report, attachment, shift = _intake_records(make_user, organisation)
    identification, decision, document = _identification_records(make_user, person)
    # Someone's unsent draft of a report: readable by its author alone, never by the walk.
    from zastita.drafts.services import DraftInput, draft_save

    draft = draft_save(user=make_user("worker"), draft=DraftInput(
        page_path="/reports/new/", form_key="form-0", action_path="/reports/new/",
        title=f"{SENTINEL} title", fields=[("narrative", f"{SENTINEL} draft")],
    ))  # fmt: skip
    assert draft is not None
    from zastita.cases.services import case_open_pending

    case = case_open_pending(actor=make_user("head_of_service"), person=person,
                             reason=f"{SENTINEL} reason for the case")  # fmt: skip
    plan, task, provider = _plan_records(make_user, case)
    engagement = _engagement(make_user, case)
    closure = _closure(make_user, case)
    from zastita.cases.proceedings.services import ProceedingInput, proceeding_add

    proceeding = proceeding_add(
        actor=make_user("head_of_service"),
        case=case,
        data=ProceedingInput(
            stage="court", authority=f"{SENTINEL} court", reference="К 1/26", role="witness"
        ),
    )
    ids = {
        "proceeding_id": proceeding.pk,
        "closure_id": closure.pk,
        "case_id": case.pk,
        "plan_id": plan.pk,
        "task_id": task.pk,
        "provider_id": provider.pk,
        "engagement_id": engagement.pk,
        "draft_id": draft.pk,
        "number": 1,
        "identification_id": identification.pk,
        "decision_id": decision.pk,
        "document_id": document.pk,
        "report_person_id": identification.report_person_id,
        "report_id": report.pk,
        # The report a document its author writes is about (form 6).
        "subject_id": report.pk,
        "attachment_id": attachment.pk,
        "shift_id": shift.pk,
        "relation_id": relation.pk,
        "person_id": person.pk,
        "user_id": enrolled.pk,
        "role_id": Role.objects.get(code="worker").pk,
        "organisation_id": organisation.pk,
        "key_id": key.pk,
        "team_id": Team.objects.create(name="Тим за проверу").pk,
    }
    return ids


@pytest.mark.parametrize(
    "role",
    ["worker", "duty_worker", "head_of_service", "director", "shelter_staff", "analyst",
     "partner_reporter", "administrator", "dpo"],
)  # fmt: skip
def test_every_page_showing_personal_data_records_the_read(client, make_user, sentinel_ids,
                                                          role):  # fmt: skip
    from ..conftest import sign_in

    ids = sentinel_ids
    actor = make_user(role)
    sign_in(client, actor)
    checked = 0
    for url in _concrete_routes(ids):
        if url in ("/logout/",):
            continue
        before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        responses = [client.get(url)]
        if url == "/people/":
            responses.append(client.post(url, {"q": SENTINEL}))
        for response in responses:
            if SENTINEL.encode() not in response.content and b"sentinel" not in response.content:
                continue
            checked += 1
            # A read record: viewed, printed or exported.
            reads = AuditEvent.objects.filter(
                seq__gt=before, action__in=[Action.VIEW, Action.PRINT, Action.EXPORT], actor=actor
            )
            assert reads.exists(), f"{url} showed personal data to {role} without a read record"
            before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    # The roles that manage accounts do see the sentinel somewhere: the test is not vacuous.
    if role in ("administrator", "head_of_service", "worker"):
        assert checked > 0


# --- forbidden looks like not found, for every addressable page ---


def _addressed_routes(ids: dict[str, int]) -> list[tuple[str, str]]:
    """(a real record's address, the same address with every id missing), for each route that
    takes an id."""
    import re

    pairs = []
    for route, _pattern in _walk(get_resolver().url_patterns):
        if route.startswith("api/v1/") or "<int:" not in route:
            continue
        route = route.replace("<str:document>", "note").replace("<str:set_id>", "AL")
        route = route.replace("<str:type_code>", "intake.official_note")
        route = route.replace("<str:subject_type>", "report")
        for kind in _kinds(route):
            concrete = route.replace("<str:kind>", kind)
            real = re.sub(r"<int:([a-z_]+)>", lambda m: str(ids[m.group(1)]), concrete)
            missing = re.sub(r"<int:([a-z_]+)>", "999999", concrete)
            pairs.append(("/" + real, "/" + missing))
    return pairs


@pytest.mark.parametrize("role", ["partner_reporter", "analyst", "shelter_staff"])
def test_a_record_out_of_reach_answers_exactly_as_a_missing_one(client, make_user,
                                                                  sentinel_ids, role):  # fmt: skip
    from ..conftest import sign_in

    sign_in(client, make_user(role))
    pairs = _addressed_routes(sentinel_ids)
    assert len(pairs) > 40
    for real, missing in pairs:
        seen, absent = client.get(real), client.get(missing)
        if seen.status_code == absent.status_code == 405:
            # A write: sent as one, refused alike (nothing written either way).
            seen, absent = client.post(real, {}), client.post(missing, {})
        assert seen.status_code == absent.status_code, f"{real}: {role} can tell it exists"
        assert seen.status_code == 404, f"{real} answered {seen.status_code} to {role}"
        assert normalise(seen.content).replace(real, missing) == normalise(absent.content), real
        assert SENTINEL.encode() not in seen.content
