"""The closure of a case (form 12): prepared by the worker with its reason, its text written
on the platform's forms, approved by the head of service, whose approval closes the case (or
closes and refers it) and issues the form as a numbered PDF/A. Refused while a service or a
task is open (named), never approved by its author, not found outside the scope; a closure
without a reason from the list comes back at its field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zastita.cases.closures.documents import TYPE
from zastita.cases.closures.services import closure_start
from zastita.cases.closures.written import CODE
from zastita.cases.models import CaseStatus, Closure
from zastita.cases.plans import services as plans
from zastita.cases.services import case_open, case_transition
from zastita.core.errors import NotFound, PermissionDenied, ValidationError
from zastita.core.files import read
from zastita.core.registries.documents import document_types
from zastita.documents.models import Document
from zastita.writtenforms.public import form_approve, form_for_subject, form_save

from ..conftest import sign_in
from ..documents.conftest import pdf_text
from .plan_helpers import approved_plan, close_case

pytestmark = pytest.mark.django_db

TEXTS = {"goals": "Циљ смештаја је постигнут.", "follow_up": "Јавља се једном месечно.",
         "explanation": "Особа се запослила."}  # fmt: skip


@pytest.fixture
def case(worker_user, identification, decide, settings, tmp_path):
    settings.ZASTITA_ATTACHMENTS_DIR = tmp_path
    decide(identification)
    return case_open(actor=worker_user, identification=identification)


def _form(closure):
    form = form_for_subject(CODE, closure.pk)
    assert form is not None
    return form


def test_the_heads_approval_closes_the_case_and_issues_form_12(
    client, worker_user, head, case, tmp_path
):
    _plan, task = approved_plan(worker_user, head, case, goal="Да нађе стан.")
    plans.task_end(actor=worker_user, task=task, status="done", reason="Нашла стан.")
    sign_in(client, worker_user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:closure_start", args=[case.pk]) in page
    assert client.get(reverse("cases:closure_start", args=[case.pk])).status_code == 200
    response = client.post(reverse("cases:closure_start", args=[case.pk]),
                           {"reason": "goals_reached"})  # fmt: skip
    closure = Closure.objects.get()
    assert response["Location"] == reverse("cases:closure_form", args=[closure.pk, CODE])
    again = client.get(reverse("cases:closure_start", args=[case.pk]))  # the reason, to change
    assert again.context["form"]["reason"].value() == "goals_reached"
    assert client.get(response["Location"]).status_code == 200
    form_save(actor=worker_user, code=CODE, subject_id=closure.pk, sections=TEXTS, base_version=0)
    # The author never approves their own closure.
    with pytest.raises(PermissionDenied):
        form_approve(actor=worker_user, form=_form(closure), version=1)
    sign_in(client, head)
    approved = client.post(reverse("cases:closure_form_approve", args=[closure.pk, CODE]),
                           {"version": 1})  # fmt: skip
    assert approved.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    closure.refresh_from_db()
    assert closure.transition is not None
    assert closure.transition.actor == head
    document = Document.objects.get(type_code=TYPE, subject_id=closure.pk)
    assert (document.author_id, document.approver_id) == (worker_user.pk, head.pk)
    text = pdf_text(read(document.storage_name), tmp_path)
    assert "ОБРАЗАЦ ЗА ЗАТВАРАЊЕ РАДА НА СЛУЧАЈУ" in text
    assert document.registry_number in text
    assert case.number in text
    assert "Да нађе стан." in text
    assert "Јавља се једном месечно." in text
    assert "жртва трговине људима" not in text.lower()
    assert not document_types.get(TYPE).addressed_outside
    # The case's page lists it; the case is read-only, and reopened keeps everything.
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert document.registry_number in page
    case = case_transition(actor=worker_user, case=case, to="active", version=case.version,
                           reason="Особа поново тражи подршку.")  # fmt: skip
    # A second closure in the new period is a closure of its own.
    close_case(worker_user, head, case, reason="referred", referred=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED_REFERRED
    assert Closure.objects.count() == 2
    assert Document.objects.filter(type_code=TYPE).count() == 2


def test_a_closure_with_an_open_task_is_neither_submitted_nor_approved(worker_user, head, case):
    _plan, task = approved_plan(worker_user, head, case, task="Наћи посао.")
    closure = closure_start(actor=worker_user, case=case, reason="refused", referred=False)
    with pytest.raises(ValidationError) as refused:
        form_save(actor=worker_user, code=CODE, subject_id=closure.pk, sections=TEXTS,
                  base_version=0)  # fmt: skip
    assert "1.1" in refused.value.summary()
    case.refresh_from_db()
    assert case.is_open
    plans.task_end(actor=worker_user, task=task, status="dropped", reason="Одустала.")
    assert close_case(worker_user, head, case, reason="refused").status == CaseStatus.CLOSED


def test_a_closure_outside_the_scope_is_not_found(client, make_user, worker_user, case):
    closure = closure_start(actor=worker_user, case=case, reason="other", referred=False)
    stranger = make_user("worker")
    with pytest.raises(NotFound):
        closure_start(actor=stranger, case=case, reason="other", referred=False)
    sign_in(client, stranger)
    assert client.post(reverse("cases:closure_start", args=[case.pk]),
                       {"reason": "other"}).status_code == 404  # fmt: skip
    assert client.get(reverse("cases:closure_form", args=[closure.pk, CODE])).status_code == 404
    assert Closure.objects.count() == 1


def test_a_closure_without_a_reason_from_the_list_comes_back_at_its_field(
    client, worker_user, case
):
    sign_in(client, worker_user)
    page = client.post(reverse("cases:closure_start", args=[case.pk]),
                       {"reason": "bored", "referred": "on"})  # fmt: skip
    assert page.status_code == 200
    assert page.context["form"].errors["reason"]
    assert not Closure.objects.exists()
    with pytest.raises(ValidationError) as refused:
        closure_start(actor=worker_user, case=case, reason="", referred=False)
    assert "reason" in refused.value.fields


def _transport(worker_user, case, cost="1500"):
    from decimal import Decimal

    from django.utils import timezone

    from zastita.cases.engagements import services as engagements

    today = timezone.localdate()
    data = engagements.EngagementInput(
        kind="transport", provider=None, requested_on=today, started_on=today, ended_on=None,
        units=None, unit="", cost=Decimal(cost), funding="budget",
    )  # fmt: skip
    return engagements.engagement_add(actor=worker_user, case=case, data=data)


@pytest.mark.parametrize(("referred", "task_status"), [(False, "dropped"), (True, "handed_over")])
def test_the_approval_ends_or_hands_over_what_is_still_open_in_the_same_step(
    client, worker_user, head, case, tmp_path, referred, task_status
):
    from django.utils import timezone

    from zastita.cases.models import Engagement, Task
    from zastita.cases.plans.selectors import open_tasks
    from zastita.deadlines.models import Deadline

    _plan, task = approved_plan(worker_user, head, case, task="Наћи посао.")
    service = _transport(worker_user, case)
    sign_in(client, worker_user)
    prepared = client.post(reverse("cases:closure_start", args=[case.pk]), {
        "reason": "referred" if referred else "moved_away", "referred": "on" if referred else "",
        "settle_open": "on"})  # fmt: skip
    assert prepared.status_code == 302
    closure = Closure.objects.get()
    assert closure.settle_open
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Његово одобрење окончава услуге и задатке који су још отворени." in page
    form_save(actor=worker_user, code=CODE, subject_id=closure.pk, sections=TEXTS, base_version=0)
    form_approve(actor=head, form=_form(closure), version=1)
    case.refresh_from_db()
    assert not case.is_open
    service, task = Engagement.objects.get(pk=service.pk), Task.objects.get(pk=task.pk)
    assert (service.ended_on, service.settled_by) == (timezone.localdate(), closure)
    assert (task.status, task.settled_by, task.ended_by) == (task_status, closure, head)
    assert not open_tasks(case)
    assert not Deadline.objects.filter(kind="cases.task", subject_id=task.pk,
                                       state__in=["running", "paused"]).exists()  # fmt: skip
    document = Document.objects.get(type_code=TYPE, subject_id=closure.pk)
    text = pdf_text(read(document.storage_name), tmp_path)
    heading = "Предато са случајем" if referred else "Окончано затварањем случаја"
    assert heading in text
    assert "превоз" in text.lower()
    assert "задатак 1.1" in text


def test_a_service_waiting_for_the_decision_still_holds_the_closure(worker_user, head, case,
                                                                    settings):  # fmt: skip
    from zastita.cases.models import Engagement

    _transport(worker_user, case, cost=str(settings.ZASTITA_ENGAGEMENT_DECISION_ABOVE + 1))
    closure = closure_start(actor=worker_user, case=case, reason="other", referred=False,
                            settle_open=True)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        form_save(actor=worker_user, code=CODE, subject_id=closure.pk, sections=TEXTS,
                  base_version=0)  # fmt: skip
    assert "одлучује" in refused.value.summary()
    case.refresh_from_db()
    assert case.is_open
    assert Engagement.objects.get().ended_on is None
