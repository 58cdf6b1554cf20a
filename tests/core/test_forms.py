"""Every form of the project, posted empty and with invalid input by a user allowed to use it:
the page comes back (200), each error is at its field (an element whose id the field's
aria-describedby names), the summary at the top lists every error with a link to its field,
and nothing was saved.

The forms are found by introspection; REGISTRY says where each one is rendered and posted,
by whom, and with what input. A new form class that is not in REGISTRY fails the test.
"""

from __future__ import annotations

import datetime
import html
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

import zastita
from zastita.accounts.models import User
from zastita.cases.services import case_open_pending
from zastita.deadlines.public import DeadlineTarget
from zastita.documents.models import Document
from zastita.identification.written import FORMS
from zastita.intake.models import ReportPerson, Status
from zastita.intake.roster import shift_create
from zastita.intake.services import report_create, report_transition
from zastita.people.identity import Identity
from zastita.people.services import person_create, relation_add

from ..conftest import share, sign_in
from ..identification.conftest import accepted, identification, person  # noqa: F401 (fixtures)
from ..intake.conftest import report_input

# Modules never imported for the search: settings of other environments, entry points.
NOT_SEARCHED = re.compile(r"\.(migrations|settings)\b|\.(__main__|wsgi|asgi|cli)$")
# Base classes that are never rendered on their own (their subclasses are).
ABSTRACT = {
    "zastita.accounts.forms._UserFieldsForm",
    "zastita.core.files.attachments.AttachmentUploadForm",
}


@dataclass
class World:
    """The records the pages need: made once per test, by their services."""

    users: dict[str, User]
    report: Any
    report_person: ReportPerson
    identification: Any
    person: Any
    relative: Any
    relation: Any
    shift: Any
    target: DeadlineTarget
    organisation: Any
    document: Any = None  # the official note issued when the report was registered
    case: Any = None  # the person's case, opened before a decision
    closed: Any = None  # another person's case, closed (made when a form needs it)
    plan: Any = None  # a draft revision of the case's initial plan, with a goal
    task: Any = None  # an open task of the approved revision before it
    engagement: Any = None  # a service arranged for the case, waiting for a decision
    running: Any = None  # a service arranged for the case, under way
    proceeding: Any = None  # a proceeding on the case (made when a form needs it)
    request: Any = None  # form 19 on the service under way (made when a form needs it)


@dataclass
class Case:
    url: Callable[[World], str]
    role: str  # a role code, or "anonymous", or "unverified" (password only), "unenrolled"
    invalid: Callable[[World], dict[str, Any]]
    # What the page always sends (hidden fields), posted with the empty input as well.
    hidden: Callable[[World], dict[str, Any]] = lambda w: {}
    method: str = "post"
    # A filter's empty input is valid (it means "all"): only the invalid input is tried.
    empty_is_valid: bool = False
    files: dict[str, Any] = field(default_factory=dict)


TOO_LONG = "x" * 60_000


def _closed(w: World) -> Any:
    """A case closed through its closure form (made once, for the form that reopens it)."""
    if w.closed is None:
        from ..cases.plan_helpers import close_case

        head, worker = w.users["head_of_service"], w.users["worker"]
        person = person_create(actor=head, identity=Identity(first_name="Друга", last_name="Особа"),
                               birth_year=1991)  # fmt: skip
        case = case_open_pending(actor=head, person=person,
                                 reason="Особи је потребна заштита одмах.")  # fmt: skip
        share(case, worker)
        w.closed = close_case(worker, head, case)
    w.closed.refresh_from_db()
    return w.closed


def _proceeding(w: World) -> Any:
    """A proceeding on the world's case (made once, for the form that changes it)."""
    if w.proceeding is None:
        from zastita.cases.proceedings.services import ProceedingInput, proceeding_add

        w.proceeding = proceeding_add(
            actor=w.users["head_of_service"],
            case=w.case,
            data=ProceedingInput(
                stage="police", authority="ПУ Ниш", reference="КУ 1/26", role="witness"
            ),
        )
    w.proceeding.refresh_from_db()
    return w.proceeding


def _request(w: World) -> Any:
    """Form 19 issued on the world's service under way (made once, for the answer's form)."""
    if w.request is None:
        from zastita.cases.models import Engagement
        from zastita.documents.public import document_issue
        from zastita.partners.models import Provider

        # Form 19 goes to the service's provider (set here; consent is the plans' tests').
        provider = Provider.objects.create(kind="transport", professional="Превозник")
        Engagement.objects.filter(pk=w.running.pk).update(provider=provider)

        w.request = document_issue(actor=w.users["head_of_service"],
                                   type_code="cases.report_request", subject_id=w.running.pk,
                                   step_key=f"test:{w.running.pk}",
                                   written={"text": "Молимо извештај."})  # fmt: skip
    return w.request


REGISTRY: dict[str, Case] = {
    "zastita.accounts.forms.LoginForm": Case(
        url=lambda w: "/login/",
        role="anonymous",
        invalid=lambda w: {"username": "x" * 41, "password": ""},
    ),
    "zastita.accounts.forms.TokenForm": Case(
        url=lambda w: "/mfa/",
        role="unverified",
        invalid=lambda w: {"token": "1" * 17},
    ),
    "zastita.accounts.forms.ActivationForm": Case(
        url=lambda w: "/mfa/enrol/",
        role="unenrolled",
        invalid=lambda w: {"code": "x" * 21},
    ),
    "zastita.accounts.forms.PasswordChangeForm": Case(
        url=lambda w: "/password/",
        role="worker",
        invalid=lambda w: {
            "old_password": "",
            "new_password": "a-long-enough-password-1",
            "new_password_again": "another-password-2",
        },
    ),
    "zastita.accounts.forms.UserCreateForm": Case(
        url=lambda w: "/manage/users/new/",
        role="administrator",
        invalid=lambda w: {
            "username": "bad name!",
            "full_name": "",
            "email": "not-an-address",
            "password": "",
            "roles": ["999999"],
            "organisation": "999999",
        },
    ),
    "zastita.accounts.forms.UserUpdateForm": Case(
        url=lambda w: f"/manage/users/{w.users['worker'].pk}/",
        role="administrator",
        hidden=lambda w: {"version": w.users["worker"].version},
        invalid=lambda w: {"full_name": "", "email": "not-an-address", "roles": ["999999"]},
    ),
    "zastita.accounts.forms.RoleForm": Case(
        url=lambda w: "/manage/roles/new/",
        role="administrator",
        invalid=lambda w: {
            "code": "bad code!",
            "name_sr": "Latin only",
            "name_en": "",
            "capabilities": ["nope"],
        },
    ),
    "zastita.audit.forms.AccessLogFilterForm": Case(
        url=lambda w: "/audit/access-log/",
        role="dpo",
        method="get",
        empty_is_valid=True,
        invalid=lambda w: {"date_from": "31.02.2010", "date_to": "abc", "actor": "999999"},
    ),
    "zastita.cases.forms.FilterForm": Case(
        url=lambda w: "/cases/",
        role="head_of_service",
        method="get",
        empty_is_valid=True,
        invalid=lambda w: {"status": "nope"},
    ),
    "zastita.cases.figures.forms.PeriodForm": Case(
        url=lambda w: "/cases/figures/",
        role="head_of_service",
        method="get",
        empty_is_valid=True,
        invalid=lambda w: {"start": "31.02.2010", "end": "abc"},
    ),
    "zastita.cases.figures.forms.YearForm": Case(
        url=lambda w: "/cases/costs/",
        role="head_of_service",
        method="get",
        empty_is_valid=True,
        invalid=lambda w: {"year": "abc"},
    ),
    "zastita.cases.aid.forms.ReceiptForm": Case(
        url=lambda w: "/cases/aid/",
        role="head_of_service",
        invalid=lambda w: {"quantity": "-1", "value": "abc", "received_on": "31.02.2010"},
    ),
    "zastita.cases.closures.forms.ClosureForm": Case(
        url=lambda w: f"/cases/{w.case.pk}/closure/",
        role="head_of_service",
        invalid=lambda w: {"reason": "nope", "referred": "on"},
    ),
    "zastita.cases.forms.OpenPendingForm": Case(
        url=lambda w: "/cases/new/",
        role="head_of_service",
        invalid=lambda w: {"code": "X" * 21, "reason": "кратко"},
    ),
    # Reopening a closed case needs its reason (closing is the closure form's approval).
    "zastita.cases.forms.TransitionForm": Case(
        url=lambda w: f"/cases/{_closed(w).pk}/step/",
        role="head_of_service",
        hidden=lambda w: {"to": "active", "version": _closed(w).version},
        invalid=lambda w: {"to": "active", "version": _closed(w).version, "reason": "кратко"},
    ),
    "zastita.cases.plans.forms.DetailsForm": Case(
        url=lambda w: f"/cases/plans/{w.plan.pk}/details/",
        role="head_of_service",
        hidden=lambda w: {"version": w.plan.version},
        invalid=lambda w: {
            "version": w.plan.version,
            "participation": "nope",
            "consented_on": "31.02.2010",
        },
    ),
    "zastita.cases.plans.forms.GoalForm": Case(
        url=lambda w: f"/cases/plans/{w.plan.pk}/goals/",
        role="head_of_service",
        hidden=lambda w: {"version": w.plan.version},
        invalid=lambda w: {"version": w.plan.version, "text": "x" * 2001},
    ),
    "zastita.cases.plans.forms.TaskForm": Case(
        url=lambda w: f"/cases/plans/{w.plan.pk}/tasks/",
        role="head_of_service",
        hidden=lambda w: {"version": w.plan.version},
        invalid=lambda w: {
            "version": w.plan.version,
            "goal": "999999",
            "text": "Задатак.",
            "responsible": "nope",
            "due_on": "31.02.2010",
        },
    ),
    "zastita.cases.plans.forms.SharingForm": Case(
        url=lambda w: f"/cases/plans/{w.plan.pk}/sharing/",
        role="head_of_service",
        hidden=lambda w: {"version": w.plan.version},
        invalid=lambda w: {
            "version": w.plan.version,
            "goal": "999999",
            "provider": "999999",
            "consented_on": "abc",
        },
    ),
    "zastita.cases.plans.forms.EndTaskForm": Case(
        url=lambda w: f"/cases/tasks/{w.task.pk}/end/",
        role="head_of_service",
        invalid=lambda w: {"status": "nope", "reason": "x" * 2001},
    ),
    "zastita.cases.engagements.forms.EngagementForm": Case(
        url=lambda w: f"/cases/{w.case.pk}/services/",
        role="head_of_service",
        invalid=lambda w: {
            "kind": "nope",
            "requested_on": "31.02.2010",
            "cost": "-5",
            "funding": "nope",
            "units": "abc",
        },
    ),
    "zastita.cases.engagements.forms.DecisionForm": Case(
        url=lambda w: f"/cases/services/{w.engagement.pk}/decide/",
        role="head_of_service",
        hidden=lambda w: {"version": w.engagement.version},
        invalid=lambda w: {
            "version": w.engagement.version,
            "approve": "maybe",
            "reasons": "x" * 2001,
        },
    ),
    "zastita.cases.engagements.forms.EndForm": Case(
        url=lambda w: f"/cases/services/{w.running.pk}/end/",
        role="head_of_service",
        hidden=lambda w: {"version": w.running.version},
        invalid=lambda w: {"version": w.running.version, "ended_on": "abc"},
    ),
    "zastita.cases.proceedings.forms.ChangeForm": Case(
        url=lambda w: f"/cases/proceedings/{_proceeding(w).pk}/",
        role="head_of_service",
        hidden=lambda w: {"version": _proceeding(w).version},
        invalid=lambda w: {
            "version": _proceeding(w).version,
            "stage": "nope",
            "consent": "given",
            "consent_on": "31.02.2010",
            "note": TOO_LONG,
        },
    ),
    "zastita.cases.monitoring.forms.ContactForm": Case(
        url=lambda w: f"/cases/{w.case.pk}/monitoring/",
        role="head_of_service",
        invalid=lambda w: {
            "with_whom": "nope",
            "mode": "nope",
            "held_on": "31.02.2010",
            "minutes": "0",
            "tasks": ["999999"],
        },
    ),
    "zastita.cases.reviews.forms.ReviewForm": Case(
        url=lambda w: f"/cases/{w.case.pk}/reviews/",
        role="head_of_service",
        invalid=lambda w: {"held_on": "31.02.2010", "outcome": "nope", "assessment": "x"},
    ),
    "zastita.partners.forms.ProviderForm": Case(
        url=lambda w: "/partners/providers/new/",
        role="head_of_service",
        invalid=lambda w: {"kind": "nope", "languages": ["zz"], "contact": "x" * 201},
    ),
    "zastita.identification.forms.LinkForm": Case(
        url=lambda w: f"/reports/persons/{w.report_person.pk}/link/",
        role="head_of_service",
        invalid=lambda w: {"code": "X" * 17},
    ),
    "zastita.identification.forms.InterviewForm": Case(
        url=lambda w: f"/identification/{w.identification.pk}/interviews/",
        role="head_of_service",
        invalid=lambda w: {"kind": "nope", "held_at": "31.02.2010 10:00", "language": "zz"},
    ),
    "zastita.identification.forms.AssessmentForm": Case(
        url=lambda w: f"/identification/{w.identification.pk}/assessment/AL/",
        role="head_of_service",
        empty_is_valid=True,  # every answer may be left unknown
        invalid=lambda w: {
            "age_at_exploitation": "abc",
            "act_present": "maybe",
            "i_AL_CD_01": "bogus",
            "n_AL_CD_02": "x" * 1001,
        },
    ),
    "zastita.identification.forms.DecisionForm": Case(
        url=lambda w: f"/identification/{w.identification.pk}/decisions/",
        role="head_of_service",
        invalid=lambda w: {
            "kind": "nope",
            "status": "nope",
            "period_from": "2010-02-31",
            "period_to": "abc",
            "decided_on": "31.02.2010",
            "member_1": "999999",
            "member_2": "",
            "profession_2": "psychologist",
            "reasons": "",
        },
    ),
    "zastita.writtenforms.forms.SectionsForm": Case(
        url=lambda w: f"/identification/{w.identification.pk}/forms/{next(iter(FORMS))}/",
        role="head_of_service",
        hidden=lambda w: {"base_version": "0"},
        empty_is_valid=True,  # a form is written section by section
        invalid=lambda w: {
            "base_version": "0",
            next(iter(FORMS.values())).sections[0].key: TOO_LONG,
        },
    ),
    # Recorded on the person's case once there is one (the world's person has one).
    "zastita.identification.forms.ProceedingForm": Case(
        url=lambda w: f"/cases/{w.case.pk}/proceedings/",
        role="head_of_service",
        invalid=lambda w: {
            "stage": "nope",
            "role": "nope",
            "consent": "nope",
            "consent_on": "31.02.2010",
        },
    ),
    "zastita.identification.forms.RulesForm": Case(
        url=lambda w: "/identification/rules/",
        role="head_of_service",
        invalid=lambda w: {"text": "sets: [", "comment": "x" * 301},
    ),
    "zastita.identification.forms.AttachmentForm": Case(
        url=lambda w: f"/identification/{w.identification.pk}/documents/",
        role="head_of_service",
        invalid=lambda w: {"kind": "nope", "description": "x" * 501},
    ),
    "zastita.identification.forms.ListFilterForm": Case(
        url=lambda w: "/identification/",
        role="head_of_service",
        method="get",
        empty_is_valid=True,
        invalid=lambda w: {"state": "nope"},
    ),
    "zastita.intake.forms.ReportForm": Case(
        url=lambda w: "/reports/new/",
        role="duty_worker",
        invalid=lambda w: {
            "urgency": "nope",
            "channel": "nope",
            "reporter_kind": "nope",
            "reporter_organisation": "999999",
            "received_at": "31.02.2010 10:00",
            "exploitation": ["nope"],
        },
    ),
    "zastita.intake.forms.TransitionForm": Case(
        url=lambda w: f"/reports/{w.report.pk}/transition/",
        role="head_of_service",
        hidden=lambda w: {"to": Status.REJECTED, "version": w.report.version},
        # An empty reason for a rejection: refused by the service, shown at the field.
        invalid=lambda w: {"to": Status.REJECTED, "version": w.report.version, "reason": " "},
    ),
    "zastita.intake.forms.FilterForm": Case(
        url=lambda w: "/reports/",
        role="head_of_service",
        method="get",
        empty_is_valid=True,
        invalid=lambda w: {"year": "abc", "status": "nope"},
    ),
    "zastita.intake.forms.AttachmentForm": Case(
        url=lambda w: f"/reports/{w.report.pk}/attachments/",
        role="head_of_service",
        invalid=lambda w: {"file": "not a file"},
    ),
    "zastita.intake.forms.ShiftForm": Case(
        url=lambda w: "/duty/roster/",
        role="head_of_service",
        invalid=lambda w: {
            "user": "999999",
            "kind": "nope",
            "starts_at": "31.02.2010 08:00",
            "ends_at": "abc",
        },
    ),
    "zastita.intake.forms.HandoverForm": Case(
        url=lambda w: f"/duty/shifts/{w.shift.pk}/",
        role="head_of_service",
        invalid=lambda w: {"note": "x" * 4001},
    ),
    "zastita.assignments.forms.AssignmentForm": Case(
        url=lambda w: f"/assignments/report/{w.report.pk}/",
        role="head_of_service",
        # Nobody assigned and no team is a choice the head of service may make.
        empty_is_valid=True,
        invalid=lambda w: {"assignee": "999999", "team": "x", "version": "0"},
    ),
    "zastita.assignments.forms.MoveForm": Case(
        url=lambda w: "/assignments/workload/",
        role="head_of_service",
        invalid=lambda w: {"from_user": "999999", "to_user": "x"},
    ),
    "zastita.assignments.glass_views.GlassForm": Case(
        url=lambda w: "/assignments/open/report/",
        role="worker",
        invalid=lambda w: {"reference": "x" * 41, "reason": "nonsense", "explanation": "хитно"},
    ),
    "zastita.assignments.forms.TeamForm": Case(
        url=lambda w: "/assignments/teams/new/",
        role="head_of_service",
        invalid=lambda w: {"name": "x" * 121, "members": ["999999"]},
    ),
    "zastita.deadlines.forms.TargetForm": Case(
        url=lambda w: "/deadlines/targets/",
        role="head_of_service",
        hidden=lambda w: {
            "target": f"{w.target.kind}:{w.target.variant}",
            "version": w.target.version,
        },
        invalid=lambda w: {
            "target": f"{w.target.kind}:{w.target.variant}",
            "version": w.target.version,
            "amount": "-5",
            "unit": "hours",
            "warn_at_percent": "abc",
        },
    ),
    "zastita.documents.forms.RegisterFilterForm": Case(
        url=lambda w: "/documents/",
        role="head_of_service",
        method="get",
        empty_is_valid=True,
        invalid=lambda w: {"year": "abc", "number": "0"},
    ),
    "zastita.documents.forms.SearchForm": Case(
        url=lambda w: "/documents/search/",
        role="head_of_service",
        method="get",
        empty_is_valid=True,
        invalid=lambda w: {"registry_number": "x"},
    ),
    "zastita.documents.forms.AnswerForm": Case(
        url=lambda w: f"/documents/{_request(w).pk}/answer/",
        role="head_of_service",
        invalid=lambda w: {"sender": "x" * 201, "received_on": "31.02.2010", "summary": "x" * 5001},
    ),
    "zastita.documents.forms.CorrectionForm": Case(
        url=lambda w: f"/documents/{w.document.pk}/correct/",
        role="head_of_service",
        invalid=lambda w: {"reason": "x" * 2001},
    ),
    "zastita.documents.forms.WriteForm": Case(
        url=lambda w: f"/documents/write/intake.official_note/{w.report.pk}/",
        role="worker",
        hidden=lambda w: {"token": "f" * 32},
        invalid=lambda w: {"text": "кратко"},
    ),
    "zastita.documents.forms.TemplateForm": Case(
        url=lambda w: "/documents/templates/intake.note/",
        role="head_of_service",
        invalid=lambda w: {"body": "<p>{% if x %}"},
    ),
    "zastita.documents.forms.DocxTemplateForm": Case(
        url=lambda w: "/documents/templates/intake.decision/",
        role="head_of_service",
        hidden=lambda w: {"docx_upload": "1"},
        invalid=lambda w: {
            "docx_upload": "1",
            "docx": SimpleUploadedFile("letter.docx", b"not a word file"),
        },
    ),
    "zastita.partners.forms.OrganisationForm": Case(
        url=lambda w: "/partners/new/",
        role="administrator",
        invalid=lambda w: {"name": "x" * 201, "sector": "nope"},
    ),
    "zastita.partners.forms.ApiKeyForm": Case(
        url=lambda w: f"/partners/{w.organisation.pk}/keys/",
        role="administrator",
        invalid=lambda w: {"label": "x" * 101, "capabilities": ["nope"]},
    ),
    "zastita.partners.forms.ApiKeyRequestForm": Case(
        url=lambda w: "/partners/keys/requests/",
        role="administrator",
        invalid=lambda w: {"organisation": "999999", "label": "x" * 101, "capabilities": ["nope"]},
    ),
    "zastita.intake.person_views.SetAsideForm": Case(
        url=lambda w: (
            f"/reports/{w.report_person.report_id}/persons/{w.report_person.pk}/set-aside/"
        ),
        role="head_of_service",
        # Empty: the form takes it, the service says what is missing, at the fields.
        invalid=lambda w: {"kind": "nope", "reason": "x" * 2001},
    ),
    "zastita.people.forms.SearchForm": Case(
        url=lambda w: "/people/",
        role="head_of_service",
        invalid=lambda w: {"q": "x" * 201},
    ),
    "zastita.people.forms.PersonForm": Case(
        url=lambda w: "/people/new/",
        role="head_of_service",
        invalid=lambda w: {
            "first_name": "Ана",
            "birth_date": "31.02.2010",
            "birth_year": "abc",
            "estimated_age": "-1",
            "sex": "nope",
        },
    ),
    "zastita.people.forms.RevealForm": Case(
        url=lambda w: f"/people/{w.relative.pk}/reveal/",
        role="head_of_service",
        invalid=lambda w: {"reason": "short"},
    ),
    "zastita.people.forms.MergeForm": Case(
        url=lambda w: f"/people/{w.person.pk}/merge/",
        role="head_of_service",
        invalid=lambda w: {"other_code": "X" * 17},
    ),
    "zastita.people.forms.SubjectAccessForm": Case(
        url=lambda w: "/people/subject-access/",
        role="dpo",
        invalid=lambda w: {"code": "X" * 17, "format": "nope"},
    ),
    "zastita.people.forms.RelationForm": Case(
        url=lambda w: f"/people/{w.person.pk}/relations/",
        role="head_of_service",
        invalid=lambda w: {
            "relative_code": "X" * 17,
            "kind": "nope",
            "appointed_by": "999999",
            "since": "31.02.2010",
        },
    ),
    "zastita.people.forms.EndRelationForm": Case(
        url=lambda w: f"/people/relations/{w.relation.pk}/end/",
        role="head_of_service",
        invalid=lambda w: {"ended_on": "31.02.2010"},
    ),
    "zastita.writtenforms.forms.ReturnForm": Case(
        url=lambda w: f"/identification/{w.identification.pk}/forms/{next(iter(FORMS))}/return/",
        role="head_of_service",
        hidden=lambda w: _a_form_saved(w, {"version": "1"}),
        invalid=lambda w: _a_form_saved(w, {"version": "1", "comments": TOO_LONG}),
    ),
    "zastita.writtenforms.forms.SpecForm": Case(
        url=lambda w: f"/forms/specs/{next(iter(FORMS))}/",
        role="head_of_service",
        invalid=lambda w: {"text": "sections: [", "comment": "x" * 301},
    ),
    "zastita.site.retention.forms.RetentionPeriodForm": Case(
        url=lambda w: "/retention/",
        role="dpo",
        hidden=lambda w: {"rule": "intake.reports", "version": 0},
        invalid=lambda w: {
            "rule": "intake.reports",
            "version": 0,
            "years": "101",
            "reason": "x" * 301,
        },
    ),
}


def _project_modules() -> Iterator[str]:
    for info in pkgutil.walk_packages(zastita.__path__, "zastita."):
        if not NOT_SEARCHED.search(info.name):
            yield info.name


def project_form_classes() -> set[str]:
    found = set()
    for name in _project_modules():
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__.startswith("zastita.")
            ):
                found.add(f"{obj.__module__}.{obj.__qualname__}")
    return found - ABSTRACT


def test_every_project_form_is_in_the_registry() -> None:
    found = project_form_classes()
    assert len(found) > 20
    assert sorted(found - set(REGISTRY)) == [], "add these forms to REGISTRY"
    assert sorted(set(REGISTRY) - found) == [], "these forms no longer exist"


# --- the page, read ---------------------------------------------------------------


class _Page(HTMLParser):
    """Every element's attributes, and the text of each element that has an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag in {"input", "br", "img", "meta", "link", "hr"}:
            return
        if a.get("id"):
            self.text_by_id.setdefault(a["id"], "")
        self._open.append((tag, a.get("id")))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            open_tag, _id = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for _tag, element_id in self._open:
            if element_id:
                self.text_by_id[element_id] += data

    def ids(self) -> set[str]:
        return {a["id"] for _t, a in self.elements if a.get("id")}


def _summary(content: str) -> list[tuple[str, str]]:
    """The error summaries' entries: (link target or "", text)."""
    entries = []
    for block in re.findall(r'<div class="form-errors".*?</div>', content, re.S):
        for item in re.findall(r"<li>(.*?)</li>", block, re.S):
            link = re.search(r'href="#([^"]+)"', item)
            text = html.unescape(re.sub(r"<[^>]+>", "", item)).strip()
            entries.append((link.group(1) if link else "", " ".join(text.split())))
    return entries


def _bound_form(response: Any, form_class: type[forms.BaseForm]) -> forms.BaseForm:
    found = [
        value
        for context in response.context
        for value in context.flatten().values()
        if isinstance(value, form_class) and value.is_bound
    ]
    assert found, f"{form_class.__name__} was not rendered with the input"
    return found[0]


def assert_errors_at_their_fields(response: Any, form_class: type[forms.BaseForm]) -> None:
    content = response.content.decode()
    form = _bound_form(response, form_class)
    assert form.errors, "the input was accepted"
    page = _Page()
    page.feed(content)
    ids = page.ids()
    # No aria-describedby names a missing element.
    for _tag, attrs in page.elements:
        for ref in attrs.get("aria-describedby", "").split():
            assert ref in ids, f"aria-describedby names a missing element: {ref}"
    summary = _summary(content)
    summary_text = " ".join(text for _link, text in summary)
    for name, errors in form.errors.items():
        messages = [str(m) for m in errors]
        if name == NON_FIELD_ERRORS or form[name].is_hidden:
            for message in messages:
                assert message in summary_text, f"{name}: {message} is not in the summary"
            continue
        bound = form[name]
        field_id = bound.auto_id
        error_id = f"{field_id}_error"
        assert field_id in ids, f"{name}: no element #{field_id} for the summary's link"
        assert error_id in ids, f"{name}: its errors are not shown at the field"
        described = [
            attrs
            for _tag, attrs in page.elements
            if error_id in attrs.get("aria-describedby", "").split()
        ]
        assert described, f"{name}: nothing at the field names its errors"
        for message in messages:
            assert message in " ".join(page.text_by_id[error_id].split()), (name, message)
            assert (field_id, f"{bound.label}: {message}") in summary, (
                f"{name}: the summary has no link to #{field_id} for “{message}”"
            )
    assert len(summary) == sum(len(e) for e in form.errors.values()), summary


# --- the walk ----------------------------------------------------------------------


@pytest.fixture
def world(make_user, organisation, accepted, identification, person, head) -> World:  # noqa: F811
    users = {
        role: make_user(role)
        for role in ("worker", "duty_worker", "administrator", "dpo", "partner_reporter")
    }
    users["head_of_service"] = head
    # The fixtures' report and identification are the workers' work (need-to-know).
    share(accepted, users["worker"], users["duty_worker"])
    share(identification, users["worker"], users["duty_worker"])
    report = report_create(actor=users["worker"], data=report_input())
    report = report_transition(actor=users["worker"], report=report, to=Status.REGISTERED)
    actor = users["worker"]
    relative = person_create(
        actor=actor, identity=Identity(first_name="Дете", last_name="Тест"), birth_year=2015
    )
    relation = relation_add(
        actor=actor, person=person, relative=relative, kind="child", appointed_by_id=None,
        since=None,
    )  # fmt: skip
    now = timezone.now()
    shift = shift_create(
        actor=head, user=users["duty_worker"], kind="primary",
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=7),
    )  # fmt: skip
    report_person = accepted.persons.get(person__isnull=True)  # a described person
    case = case_open_pending(actor=head, person=person,
                             reason="Особа је у опасности и треба јој заштита.")  # fmt: skip
    plan, task = _plans(head, make_user("head_of_service"), case)
    return World(
        users=users, report=report, report_person=report_person, identification=identification,
        person=person, relative=relative, relation=relation, shift=shift,
        target=DeadlineTarget.objects.order_by("pk")[0], organisation=organisation,
        document=Document.objects.get(subject_type="report", subject_id=report.pk),
        case=case, plan=plan, task=task, engagement=_engagement(head, case),
        running=_engagement(head, case, cost=1000),
    )  # fmt: skip


def _engagement(head: User, case: Any, cost: int | None = None) -> Any:
    from decimal import Decimal

    from django.conf import settings

    from zastita.cases.engagements import services as engagements

    return engagements.engagement_add(actor=head, case=case, data=engagements.EngagementInput(
        kind="transport", provider=None, requested_on=timezone.localdate(), started_on=None,
        ended_on=None, units=None, unit="", funding="budget",
        cost=Decimal(cost if cost is not None else settings.ZASTITA_ENGAGEMENT_DECISION_ABOVE + 1),
    ))  # fmt: skip


def _plans(head: User, approver: User, case: Any) -> tuple[Any, Any]:
    """The case's initial plan approved, with a goal and an open task, and a draft
    revision of it."""
    from zastita.cases.plans import services as plans
    from zastita.writtenforms.public import form_approve, form_for_subject, form_save

    plan = plans.plan_start(actor=head, case=case, kind="initial")
    goal = plans.goal_add(actor=head, plan=plan, text="Безбедан смештај.", version=plan.version)
    plan.refresh_from_db()
    task = plans.task_add(
        actor=head, plan=plan, goal_id=goal.pk, text="Наћи смештај.", responsible="person",
        worker=None, provider=None, due_on=plan.plan_date + datetime.timedelta(days=5),
        version=plan.version,
    )  # fmt: skip
    plan.refresh_from_db()
    plan = plans.plan_details_save(actor=head, plan=plan, participation="full",
                                   consented_on=plan.plan_date, version=plan.version)  # fmt: skip
    form_save(actor=head, code=plan.form_code, subject_id=plan.pk, base_version=0,
              sections={"priorities": "Смештај.", "participation": "Учествовала."})  # fmt: skip
    written = form_for_subject(plan.form_code, plan.pk)
    assert written is not None
    form_approve(actor=approver, form=written, version=1)
    plan.refresh_from_db()
    return plans.plan_revise(actor=head, plan=plan), task


@pytest.fixture
def head(make_user) -> User:
    return make_user("head_of_service", username="head1")


def _client_for(client: Client, case: Case, world: World, make_user: Any) -> Client:
    if case.role == "anonymous":
        return client
    if case.role in ("unverified", "unenrolled"):
        user = make_user("worker", mfa=case.role == "unverified")
        client.force_login(user, backend="zastita.accounts.backends.UsernameBackend")
        return client
    return sign_in(client, world.users[case.role])


# Saved state to compare: every project model but the audit trail (which records the
# attempt) and the sign-in bookkeeping.
NOT_COMPARED = {"audit", "axes", "sessions", "django_tasks_db"}


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in NOT_COMPARED
    }


def _blank(form_class: type[forms.Form]) -> dict[str, str]:
    """What a browser sends for a form left empty: each text, choice and number as ""
    (unticked boxes, unchosen lists and files are not sent at all)."""
    skipped = (forms.BooleanField, forms.MultipleChoiceField, forms.FileField)
    return {
        name: ""
        for name, f in form_class.base_fields.items()
        if not isinstance(f, skipped) and not f.widget.is_hidden
    }


def _cases() -> Iterator[Any]:
    for name, case in REGISTRY.items():
        if not case.empty_is_valid:
            yield pytest.param(name, "empty", id=f"{name.rsplit('.', 1)[1]}-empty")
        yield pytest.param(name, "invalid", id=f"{name.rsplit('.', 1)[1]}-invalid")


@pytest.mark.parametrize(("name", "which"), list(_cases()))
def test_every_form_shows_every_error_at_its_field(
    name: str, which: str, world: World, client: Client, make_user: Any
) -> None:
    case = REGISTRY[name]
    module, _sep, class_name = name.rpartition(".")
    form_class = getattr(importlib.import_module(module), class_name)
    client = _client_for(client, case, world, make_user)
    data = {**_blank(form_class), **case.hidden(world)} if which == "empty" else case.invalid(world)
    url = case.url(world)  # the records the page needs are made before the count
    before = _counts()
    send = client.get if case.method == "get" else client.post
    response = send(url, data)
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    assert_errors_at_their_fields(response, form_class)
    assert _counts() == before, "something was saved"


# --- the issue's cases, one by one --------------------------------------------------


def _post(client: Client, name: str, world: World, make_user: Any, data: dict[str, Any]) -> Any:
    case = REGISTRY[name]
    client = _client_for(client, case, world, make_user)
    if case.method == "get":
        return client.get(case.url(world), data)
    return client.post(case.url(world), data)


def _form_class(name: str) -> type[forms.Form]:
    module, _sep, class_name = name.rpartition(".")
    found: type[forms.Form] = getattr(importlib.import_module(module), class_name)
    return found


@pytest.mark.parametrize("amount", ["-5", "600000", "abc"])
def test_a_response_target_out_of_range_is_marked_at_its_field(
    amount: str, world: World, client: Client, make_user: Any
) -> None:
    name = "zastita.deadlines.forms.TargetForm"
    data = {"target": f"{world.target.kind}:{world.target.variant}",
            "version": world.target.version, "amount": amount, "unit": "hours",
            "warn_at_percent": "50, 80"}  # fmt: skip
    response = _post(client, name, world, make_user, data)
    assert response.status_code == 200
    assert_errors_at_their_fields(response, _form_class(name))
    assert set(_bound_form(response, _form_class(name)).errors) == {"amount"}
    saved = DeadlineTarget.objects.filter(kind=world.target.kind, variant=world.target.variant)
    assert saved.count() == 1  # nothing saved
    assert f'value="{amount}"' in response.content.decode()


def test_an_empty_reason_for_a_rejection_is_marked_at_its_field(
    world: World, client: Client, make_user: Any
) -> None:
    name = "zastita.intake.forms.TransitionForm"
    data = {"to": Status.REJECTED, "version": world.report.version, "reason": ""}
    response = _post(client, name, world, make_user, data)
    assert response.status_code == 200
    assert_errors_at_their_fields(response, _form_class(name))
    assert set(_bound_form(response, _form_class(name)).errors) == {"reason"}


def test_a_person_comes_back_with_every_problem_in_one_round(
    world: World, client: Client, make_user: Any
) -> None:
    """The form's own errors and the registry's checks together, not one after the other."""
    name = "zastita.people.forms.PersonForm"
    data = {"birth_date": "31.02.2010", "jmbg": "123", "sex": "unknown"}
    before = _counts()
    response = _post(client, name, world, make_user, data)
    assert response.status_code == 200
    assert_errors_at_their_fields(response, _form_class(name))
    errors = _bound_form(response, _form_class(name)).errors
    assert {"birth_date", "jmbg", "last_name"} <= set(errors)
    assert 'value="31.02.2010"' in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "zastita.intake.forms.ShiftForm",
            {"user": "999999", "kind": "primary", "starts_at": "01.12.2026 10:00",
             "ends_at": "01.12.2026 09:00"},
            {"user", "ends_at"},
        ),
        (
            "zastita.identification.forms.DecisionForm",
            {"kind": "initial", "status": "identified", "decided_on": "31.02.2010",
             "period_from": "01.05.2020", "period_to": "01.04.2020", "member_1": "",
             "reasons": "кратко"},
            {"decided_on", "period_to", "member_1", "reasons"},
        ),
        (
            "zastita.intake.forms.ReportForm",
            {"urgency": "ordinary", "channel": "phone", "reporter_kind": "anonymous",
             "received_at": "31.02.2010 10:00"},
            {"received_at", "municipality", "narrative", "__all__"},
        ),
        (
            "zastita.identification.forms.ProceedingForm",
            {"stage": "nope", "role": "witness", "consent": "given", "consent_on": "",
             "authority": "", "reference": ""},
            {"stage", "authority", "reference", "consent_on"},
        ),
        (
            "zastita.identification.forms.InterviewForm",
            {"kind": "field", "held_at": "31.02.2010 10:00", "interpreter": "on",
             "language": ""},
            {"held_at", "language"},
        ),
    ],
)  # fmt: skip
def test_cross_field_rules_come_in_the_same_round(
    name: str, data: dict[str, str], expected: set[str], world: World, client: Client,
    make_user: Any,
) -> None:  # fmt: skip
    before = _counts()
    response = _post(client, name, world, make_user, data)
    assert response.status_code == 200
    assert_errors_at_their_fields(response, _form_class(name))
    assert set(_bound_form(response, _form_class(name)).errors) == expected
    assert _counts() == before


def _a_form_saved(world: World, data: dict[str, Any]) -> dict[str, Any]:
    """The approver's return form needs a version to return: a worker saves one first."""
    from zastita.identification.services import form_save
    from zastita.writtenforms.models import WrittenForm

    kind = next(iter(FORMS))
    if not WrittenForm.objects.filter(subject_id=world.identification.pk, code=kind).exists():
        form_save(
            actor=world.users["worker"], identification=world.identification, kind=kind,
            base_version=0, sections={FORMS[kind].key_section: "Закључак тима"},
        )  # fmt: skip
    return data
