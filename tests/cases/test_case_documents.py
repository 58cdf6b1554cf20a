"""The documents of a case besides its plans: form 9 (monitoring), 10 (review), 15 (a new
client for support during proceedings), 16 and 17 (information to engage a lawyer, a
psychotherapist), 19 (a request for a provider's report) and 21 (documentation analysis).
Each is issued as a numbered PDF/A document from the records and read back with pdftotext:
Cyrillic, the registry number, what the records say; those addressed outside the Center
carry only what the person agreed to share and never their status. A worker who may not
see the case finds nothing; a blank text, or a status written into a document that leaves
the Center, comes back at its field with nothing issued."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from zastita.cases.documents import (
    ANALYSIS,
    LAWYER_INFO,
    MONITORING,
    PROCEEDINGS_CLIENT,
    REPORT_REQUEST,
    REVIEW,
    THERAPIST_INFO,
)
from zastita.cases.engagements import services as engagements
from zastita.cases.engagements.services import EngagementInput
from zastita.cases.monitoring.services import ContactInput, contact_record
from zastita.cases.plans import services as plans
from zastita.cases.reviews.services import review_record
from zastita.cases.services import case_open
from zastita.core.files import read
from zastita.core.registries.documents import document_types
from zastita.documents.models import Document
from zastita.partners.models import Provider, ProviderKind

from ..conftest import sign_in
from ..documents.conftest import pdf_text
from .plan_helpers import approve

pytestmark = pytest.mark.django_db

TOKEN = "b1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"
STATUS = "жртва трговине људима"
OUTSIDE = (PROCEEDINGS_CLIENT, LAWYER_INFO, THERAPIST_INFO, REPORT_REQUEST)


@pytest.fixture
def file(worker_user, head, identification, decide, settings, tmp_path):
    """A case with an approved plan whose first goal the person agreed to share with a
    lawyer and a psychotherapist, both engaged, and an interpreter they agreed to nothing
    with beyond the second goal."""
    settings.ZASTITA_ATTACHMENTS_DIR = tmp_path
    decide(identification)
    case = case_open(actor=worker_user, identification=identification)
    lawyer = Provider.objects.create(kind=ProviderKind.LAWYER, professional="Адвокат Милић")
    therapist = Provider.objects.create(kind=ProviderKind.PSYCHOTHERAPIST,
                                        professional="Психотерапеут Јовић")  # fmt: skip
    plan = plans.plan_start(actor=worker_user, case=case, kind="initial")
    shared = plans.goal_add(actor=worker_user, plan=plan, text="Да сведочи безбедно.",
                            version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    private = plans.goal_add(actor=worker_user, plan=plan, text="Да обнови везу са мајком.",
                             version=plan.version)  # fmt: skip
    for goal in (shared, private):
        plan.refresh_from_db()
        plans.task_add(actor=worker_user, plan=plan, goal_id=goal.pk, text="Разговор.",
                       responsible="worker", worker=worker_user, provider=None,
                       due_on=plan.plan_date + datetime.timedelta(days=10),
                       version=plan.version)  # fmt: skip
    for provider in (lawyer, therapist):
        plan.refresh_from_db()
        plans.sharing_add(actor=worker_user, plan=plan, goal_id=shared.pk, provider=provider,
                          consented_on=timezone.localdate(), version=plan.version)  # fmt: skip
    approve(worker_user, head, plan)
    today = timezone.localdate()
    services = {}
    for kind, provider in (("lawyer_court", lawyer), ("psychotherapist", therapist)):
        services[kind] = engagements.engagement_add(actor=worker_user, case=case, data=(
            EngagementInput(kind=kind, provider=provider, requested_on=today, started_on=today,
                            ended_on=None, units=Decimal("2"), unit="hours",
                            cost=Decimal("8000"), funding="budget", funding_source="")
        ))  # fmt: skip
    task = plan.goals.get(position=1).tasks.get()
    contact_record(actor=worker_user, case=case, data=ContactInput(
        with_whom="person", mode="home_visit", held_on=today, minutes=45,
        notes="Посета у стану.", task_ids=[task.pk],
    ))  # fmt: skip
    case.refresh_from_db()
    return case, services, plan


def _write(client, code, subject_id, text):
    return client.post(reverse("documents:write", args=[code, subject_id]),
                       {"text": text, "token": TOKEN})  # fmt: skip


def _issued(code, subject_id, tmp_path):
    document = Document.objects.get(type_code=code, subject_id=subject_id)
    return document, pdf_text(read(document.storage_name), tmp_path)


def test_forms_9_15_16_17_19_and_21_are_written_issued_and_read_back(
    client, worker_user, file, tmp_path
):
    case, services, _plan = file
    sign_in(client, worker_user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    lawyer, therapist = services["lawyer_court"], services["psychotherapist"]
    writes = [
        (MONITORING, case.pk, "Особа редовно долази на разговоре."),
        (PROCEEDINGS_CLIENT, case.pk, "Потребна је пратња на рочиште."),
        (ANALYSIS, case.pk, "Документација је потпуна."),
        (LAWYER_INFO, lawyer.pk, "Особа говори српски; састанак у Центру."),
        (THERAPIST_INFO, therapist.pk, "Термини после подне."),
        (REPORT_REQUEST, lawyer.pk, "Извештај до краја месеца."),
    ]
    numbers = set()
    for code, subject_id, text in writes:
        assert reverse("documents:write", args=[code, subject_id]) in page
        assert _write(client, code, subject_id, text).status_code == 302
        document, pdf = _issued(code, subject_id, tmp_path)
        assert document.registry_number in pdf
        assert text in pdf
        assert case.number in pdf
        numbers.add(document.registry_number)
        if code in OUTSIDE:
            assert document_types.get(code).addressed_outside
            assert STATUS not in pdf.lower()
            # Outside the Center the person is the Center's reference, not their code.
            assert case.person.code not in pdf
            assert "Да обнови везу са мајком." not in pdf
        else:
            assert case.person.code in pdf
    assert len(numbers) == len(writes)
    monitoring = _issued(MONITORING, case.pk, tmp_path)[1]
    assert "ОБРАЗАЦ ЗА МОНИТОРИНГ" in monitoring
    assert "кућна посета" in monitoring
    assert "45 мин." in monitoring
    # The lawyer is told the goal the person agreed to share with them, and nothing else.
    assert "Да сведочи безбедно." in _issued(LAWYER_INFO, lawyer.pk, tmp_path)[1]
    # The case's page lists every document of its file.
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    for number in numbers:
        assert number in page


def test_a_second_monitoring_form_covers_only_the_contacts_since_the_first(
    client, worker_user, file, tmp_path
):
    case, _services, _plan = file
    sign_in(client, worker_user)
    _write(client, MONITORING, case.pk, "Први период.")
    first = Document.objects.get(type_code=MONITORING)
    Document.objects.filter(pk=first.pk).update(
        issued_at=timezone.now() + datetime.timedelta(days=1)
    )
    client.post(reverse("documents:write", args=[MONITORING, case.pk]),
                {"text": "Други период.", "token": TOKEN.replace("b", "c")})  # fmt: skip
    second = Document.objects.filter(type_code=MONITORING).exclude(pk=first.pk).get()
    text = pdf_text(read(second.storage_name), tmp_path)
    assert "Нема забележених контаката у периоду." in text
    assert "кућна посета" not in text


def test_form_10_is_issued_when_a_review_is_recorded(worker_user, file, tmp_path):
    case, _services, plan = file
    goals = list(plan.goals.order_by("position"))
    review = review_record(
        actor=worker_user, case=case, held_on=timezone.localdate(),
        progress={goals[0].pk: "progressing", goals[1].pk: "stalled"},
        outcome="continue", assessment="Сведочење је заказано; веза са мајком стоји.",
    )  # fmt: skip
    document, text = _issued(REVIEW, review.pk, tmp_path)
    assert "ОБРАЗАЦ ПОНОВНОГ ПРЕГЛЕДА" in text
    assert document.registry_number in text
    assert "Да сведочи безбедно." in text
    assert "напредује" in text
    assert "Сведочење је заказано" in text
    assert STATUS not in text.lower()
    assert not document_types.get(REVIEW).addressed_outside


def test_a_worker_who_may_not_see_the_case_finds_no_document_to_write(client, make_user, file):
    case, services, _plan = file
    stranger = make_user("worker")
    sign_in(client, stranger)
    for code, subject_id in ((MONITORING, case.pk), (ANALYSIS, case.pk),
                             (LAWYER_INFO, services["lawyer_court"].pk)):  # fmt: skip
        assert client.get(reverse("documents:write", args=[code, subject_id])).status_code == 404
        assert _write(client, code, subject_id, "Покушај.").status_code == 404
    assert not Document.objects.filter(type_code__in=(MONITORING, ANALYSIS, LAWYER_INFO))


def test_a_form_for_another_kind_of_service_is_not_found(client, worker_user, file):
    """Form 16 is about a lawyer: on a psychotherapist's service it does not exist."""
    _case, services, _plan = file
    sign_in(client, worker_user)
    url = reverse("documents:write", args=[LAWYER_INFO, services["psychotherapist"].pk])
    assert client.get(url).status_code == 404


def test_a_blank_text_and_a_status_sent_outside_are_refused_at_the_text(client, worker_user, file):
    case, services, _plan = file
    sign_in(client, worker_user)
    blank = _write(client, ANALYSIS, case.pk, "   ")
    assert blank.status_code == 200
    assert blank.context["form"].errors["text"]
    typed = "Особа је жртва трговине људима и треба јој адвокат."
    said = _write(client, LAWYER_INFO, services["lawyer_court"].pk, typed)
    assert said.status_code == 200
    assert said.context["form"].errors["text"]
    # What the worker typed is kept on the page.
    assert typed in said.content.decode()
    assert not Document.objects.filter(type_code__in=(ANALYSIS, LAWYER_INFO)).exists()


def test_the_subject_access_export_lists_the_documents_of_the_services_and_reviews(
    client, worker_user, file
):
    from zastita.people.export import subject_access_data

    case, services, plan = file
    sign_in(client, worker_user)
    _write(client, LAWYER_INFO, services["lawyer_court"].pk, "Састанак у Центру.")
    review = review_record(
        actor=worker_user, case=case, held_on=timezone.localdate(),
        progress={g.pk: "progressing" for g in plan.goals.all()}, outcome="continue",
        assessment="Напредује.",
    )  # fmt: skip
    data = subject_access_data(case.person)
    numbers = {row["registry_number"] for row in data["sections"]["documents.documents"]}
    for code, subject_id in ((LAWYER_INFO, services["lawyer_court"].pk), (REVIEW, review.pk)):
        assert (
            Document.objects.get(type_code=code, subject_id=subject_id).registry_number in numbers
        )


def _request(client, worker_user, file):
    """Form 19 written and issued for the lawyer's service."""
    _case, services, _plan = file
    service = services["lawyer_court"]
    sign_in(client, worker_user)
    written = _write(client, REPORT_REQUEST, service.pk, "Молимо извештај о подршци.")
    assert written.status_code == 302
    return Document.objects.get(type_code=REPORT_REQUEST, subject_id=service.pk)


def test_the_providers_answer_to_form_19_is_recorded_as_an_incoming_document(
    client, worker_user, file
):
    from zastita.documents.models import IncomingDocument

    case, _services, _plan = file
    request = _request(client, worker_user, file)
    url = reverse("documents:answer", args=[request.pk])
    assert url in client.get(reverse("documents:detail", args=[request.pk])).content.decode()
    assert client.get(url).status_code == 200
    done = client.post(url, {
        "sender": "Адвокат Милић", "received_on": timezone.localdate().strftime("%d.%m.%Y"),
        "summary": "Клијенткиња је била на два рочишта уз адвоката.",
    })  # fmt: skip
    assert done.status_code == 302
    incoming = IncomingDocument.objects.get()
    assert "рочишта" not in incoming.summary  # encrypted
    # One register: the answer takes the number after the request's.
    assert (incoming.register, incoming.year) == (request.register, request.year)
    assert incoming.number == request.number + 1
    page = client.get(reverse("documents:detail", args=[request.pk])).content.decode()
    assert incoming.registry_number in page
    assert "Клијенткиња је била на два рочишта уз адвоката." in page
    case_page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert incoming.registry_number in case_page
    from zastita.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="create", object_type="incoming_document",
                                     object_id=str(incoming.pk)).exists()  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"sender": ""}, "sender"), ({"received_on": "31.02.2026"}, "received_on"),
     ({"received_on": "01.01.2020"}, "received_on"), ({"summary": "кратко"}, "summary")],
)  # fmt: skip
def test_an_incomplete_answer_is_refused_at_its_field(client, worker_user, file, changes,
                                                      field):  # fmt: skip
    from zastita.documents.models import IncomingDocument

    request = _request(client, worker_user, file)
    data = {"sender": "Адвокат Милић", "received_on": timezone.localdate().strftime("%d.%m.%Y"),
            "summary": "Клијенткиња је била на рочишту.", **changes}  # fmt: skip
    response = client.post(reverse("documents:answer", args=[request.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    if changes.get("summary", "x"):
        assert data["summary"] in response.content.decode()  # what was typed is kept
    assert not IncomingDocument.objects.exists()


def test_an_answer_is_not_found_outside_the_scope_nor_on_a_document_that_asks_none(
    client, make_user, worker_user, file
):
    from zastita.documents.models import IncomingDocument

    request = _request(client, worker_user, file)
    data = {"sender": "Адвокат", "received_on": timezone.localdate().strftime("%d.%m.%Y"),
            "summary": "Клијенткиња је била на рочишту."}  # fmt: skip
    sign_in(client, make_user("worker"))
    url = reverse("documents:answer", args=[request.pk])
    missing = reverse("documents:answer", args=[999999])
    assert client.get(url).status_code == client.get(missing).status_code == 404
    assert client.post(url, data).status_code == 404
    sign_in(client, worker_user)
    case, _services, _plan = file
    assert _write(client, ANALYSIS, case.pk, "Анализа документације.").status_code == 302
    analysis = Document.objects.get(type_code=ANALYSIS)
    assert client.post(reverse("documents:answer", args=[analysis.pk]), data).status_code == 404
    assert not IncomingDocument.objects.exists()


def _answered(client, worker_user, file):
    request = _request(client, worker_user, file)
    done = client.post(reverse("documents:answer", args=[request.pk]), {
        "sender": "Адвокат Милић", "received_on": timezone.localdate().strftime("%d.%m.%Y"),
        "summary": "Клијенткиња је била на рочишту.",
    })  # fmt: skip
    assert done.status_code == 302
    from zastita.documents.models import IncomingDocument

    return request, IncomingDocument.objects.get()


def test_the_register_lists_the_documents_received_and_finds_one_by_its_number(
    client, worker_user, file
):
    request, incoming = _answered(client, worker_user, file)
    register = client.get(reverse("documents:register")).content.decode()
    assert reverse("documents:received") in register
    page = client.get(reverse("documents:received"))
    assert page.status_code == 200
    text = page.content.decode()
    assert incoming.registry_number in text
    assert reverse("documents:detail", args=[request.pk]) in text  # the request it answers
    # Numbers and dates only: neither the sender nor what the answer says.
    assert "Милић" not in text
    assert "рочишту" not in text
    found = client.get(reverse("documents:search"), {"registry_number": incoming.registry_number})
    assert found.status_code == 302
    assert found["Location"] == reverse("documents:detail", args=[request.pk])


def test_the_documents_received_are_not_found_by_who_sees_no_documents(
    client, make_user, worker_user, file
):
    _answered(client, worker_user, file)
    sign_in(client, make_user("partner_reporter"))
    assert client.get(reverse("documents:received")).status_code == 404
    assert client.get(reverse("documents:received") + "?before=1").status_code == 404


def test_a_bad_cursor_on_the_documents_received_gives_the_first_page(client, worker_user, file):
    _request, incoming = _answered(client, worker_user, file)
    response = client.get(reverse("documents:received") + "?before=abc")
    assert response.status_code == 200
    assert response.context["page"].bad_cursor
    assert [r.pk for r in response.context["rows"]] == [incoming.pk]
