"""Report, duty, roster and notification pages: success, forbidden-as-404 and invalid input.

Personal reads are in the audit log; a forbidden page is the missing one, byte for byte, and
writes nothing but the refusal itself.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from zastita.accounts.models import User
from zastita.audit.models import Action
from zastita.core.sequences import Sequence
from zastita.deadlines.public import DeadlineTarget
from zastita.intake.models import (
    Attachment,
    ClockKind,
    ClockState,
    Report,
    ReportTransition,
    Shift,
    Status,
)
from zastita.intake.roster import handover_text, shift_create
from zastita.intake.services import (
    PersonInput,
    attachment_add,
    report_first_contact,
    report_places,
    report_texts,
    report_transition,
)
from zastita.notifications.public import Notification
from zastita.people.identity import Identity
from zastita.people.services import person_create

from ..conftest import events, normalise, share, sign_in
from .clocks import clock, clocks
from .conftest import NARRATIVE

# Roles that may not see reports, the duty board or the roster at all.
NO_ACCESS = ["analyst", "partner_reporter", "administrator", "dpo", "shelter_staff"]
# The director reads every report but neither receives nor decides.
NO_RECEIVE = [*NO_ACCESS, "director"]
MISSING = 999999
ONE_DAY = datetime.timedelta(days=1)


# --- helpers ---


def assert_looks_missing(
    forbidden, forbidden_path: str, missing, missing_path: str, real_id: int | None = None
) -> None:
    """The forbidden page is the missing one: same status, same bytes but the address."""
    assert forbidden.status_code == missing.status_code == 404
    shown, absent = normalise(forbidden.content), normalise(missing.content)
    if forbidden_path:
        shown = shown.replace(f'value="{forbidden_path}"', 'value="PATH"')
        absent = absent.replace(f'value="{missing_path}"', 'value="PATH"')
    if real_id is not None:
        shown = shown.replace(f"/{real_id}/", "/ID/")
        absent = absent.replace(f"/{MISSING}/", "/ID/")
    assert shown == absent


def assert_only_refusals(user: User) -> None:
    """The user's requests left nothing in the trail but their refusal: no read, no write."""
    actions = {e.action for e in events(actor=user)}
    assert actions == {Action.DENIED}


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def local(day: datetime.date, hour: int = 0) -> datetime.datetime:
    naive = datetime.datetime.combine(day, datetime.time(hour))
    return timezone.make_aware(naive, timezone.get_current_timezone())


@pytest.fixture
def report(make_report) -> Report:
    return make_report()


@pytest.fixture
def files(tmp_path):
    with override_settings(ZASTITA_ATTACHMENTS_DIR=tmp_path / "attachments"):
        yield tmp_path / "attachments"


def stored_files(directory: Path) -> list[Path]:
    return list(directory.iterdir()) if directory.exists() else []


# --- the report list ---


@pytest.fixture
def listed(make_report, worker_user, head) -> dict[str, Report]:
    """Reports that differ in one thing each: status, urgency, channel, overdue, assignee."""
    now = timezone.now()
    adult = [PersonInput(description="одрасла жена", is_child=False)]
    reports = {
        "immediate": make_report(urgency="immediate"),
        "child": make_report(),  # ordinary, but a child is concerned
        "ordinary": make_report(persons=adult, channel="email"),
        "overdue": make_report(persons=adult, received_at=now - datetime.timedelta(days=3)),
    }
    registered = make_report(actor=head)
    reports["registered"] = report_transition(actor=head, report=registered, to="registered")
    return reports


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"immediate", "child", "ordinary", "overdue", "registered"}),
        ("?status=registered", {"registered"}),
        ("?status=received&urgency=immediate", {"immediate"}),
        ("?urgency=ordinary", {"ordinary", "overdue"}),
        ("?urgency=child", {"child", "registered"}),
        ("?overdue=on", {"overdue"}),
        ("?channel=email", {"ordinary"}),
        ("?mine=on", {"registered"}),
        ("?status=closed", set()),
    ],
)
def test_report_list_filters(client, head, listed, query, expected):
    sign_in(client, head)
    response = client.get(f"/reports/{query}")
    assert response.status_code == 200
    shown = {r.pk for r in response.context["reports"]}
    assert shown == {listed[name].pk for name in expected}
    html = response.content.decode()
    for name, r in listed.items():
        assert (r.number in html) == (name in expected), name


def test_report_list_shows_no_narrative_and_records_no_read(client, worker_user, listed):
    sign_in(client, worker_user)
    response = client.get("/reports/")
    assert response.status_code == 200
    html = response.content.decode()
    assert NARRATIVE not in html
    assert "девојчица, око 15" not in html  # nor a person's description
    assert "Крагујевац" in html  # the place is for the list
    assert response.context["can_receive"] is True
    assert not events(action=Action.VIEW, actor=worker_user)


def test_report_list_newest_first(client, worker_user, listed):
    sign_in(client, worker_user)
    reports = list(client.get("/reports/").context["reports"])
    assert [r.received_at for r in reports] == sorted(
        (r.received_at for r in reports), reverse=True
    )
    assert reports[-1].pk == listed["overdue"].pk


def test_the_director_reads_the_list_but_cannot_receive(client, make_user, listed):
    sign_in(client, make_user("director"))
    response = client.get("/reports/")
    assert response.status_code == 200
    assert len(response.context["reports"]) == len(listed)
    assert response.context["can_receive"] is False
    assert 'href="/reports/new/"' not in response.content.decode()


@pytest.mark.parametrize("role", NO_ACCESS)
def test_report_list_forbidden_looks_like_not_found(client, make_user, listed, role):
    user = make_user(role)
    sign_in(client, user)
    forbidden = client.get("/reports/")
    missing = client.get(f"/reports/{MISSING}/")
    assert_looks_missing(forbidden, "/reports/", missing, f"/reports/{MISSING}/")
    assert listed["immediate"].number not in forbidden.content.decode()
    assert_only_refusals(user)


@pytest.mark.parametrize(
    "query", ["?status=nonsense", "?urgency=urgent", "?year=1999", "?channel=pigeon"]
)
def test_report_list_invalid_filter_is_an_error_on_its_field(client, worker_user, listed, query):
    sign_in(client, worker_user)
    response = client.get(f"/reports/{query}")
    assert response.status_code == 200
    field = query[1:].split("=")[0]
    assert list(response.context["form"].errors) == [field]
    # An invalid filter filters nothing out; it does not fail the page. The worker's list is
    # their scope: the reports they received, not the one the head of service registered.
    shown = {r.pk for r in response.context["reports"]}
    assert shown == {r.pk for name, r in listed.items() if name != "registered"}


# --- the new report form ---


def _report_form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "urgency": "ordinary", "channel": "phone", "narrative": NARRATIVE,
        "municipality": "Крагујевац", "exploitation": ["SexualExploitation", "ForcedBegging"],
        "reporter_kind": "anonymous", "person1_description": "девојчица, око 15",
    }  # fmt: skip
    data.update(changes)
    return data


def test_report_create_page_is_an_empty_form(client, worker_user):
    sign_in(client, worker_user)
    response = client.get("/reports/new/")
    assert response.status_code == 200
    assert not response.context["form"].is_bound
    assert 'name="narrative"' in response.content.decode()
    assert not events(action=Action.VIEW, actor=worker_user)  # nothing personal shown


def test_report_create_receives_and_numbers_the_report(client, worker_user, on_shift, duty_worker):
    on_shift()
    sign_in(client, worker_user)
    response = client.post("/reports/new/", _report_form())
    assert response.status_code == 302
    report = Report.objects.get()
    assert response["Location"] == f"/reports/{report.pk}/"
    assert report.number == f"0001/{timezone.localtime().year}"
    assert report.status == Status.RECEIVED
    assert report.urgency == "child"  # a child concerned makes it a child's report
    assert report.exploitation == ["SexualExploitation", "ForcedBegging"]
    assert report.created_by == worker_user
    assert NARRATIVE not in report.narrative  # stored encrypted
    assert report_texts(report)["narrative"] == NARRATIVE
    assert Sequence.objects.get(register="reports", year=report.year).last == 1
    assert [e.object_id for e in events(action=Action.CREATE, object_type="report")] == [
        str(report.pk)
    ]
    assert set(clocks(report, state=ClockState.RUNNING)) == {
        ClockKind.FIRST_CONTACT,
        ClockKind.DECISION,
    }
    # The one on duty is told.
    assert [n.recipient for n in Notification.objects.filter(channel="in_app")] == [duty_worker]
    page = client.get(response["Location"])
    assert NARRATIVE in page.content.decode()


def test_report_create_takes_the_sector_from_the_organisation(client, worker_user, organisation):
    sign_in(client, worker_user)
    response = client.post(
        "/reports/new/",
        _report_form(reporter_kind="organisation", reporter_organisation=organisation.pk),
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.reporter_organisation == organisation
    assert report.reporter_sector == "education"


def test_report_create_links_a_registry_person_by_code(client, worker_user):
    person = person_create(
        actor=worker_user, identity=Identity(first_name="Сања", last_name="Ђурић"),
        birth_year=2011,
    )  # fmt: skip
    sign_in(client, worker_user)
    response = client.post(
        "/reports/new/",
        _report_form(person1_description="", person1_code=person.code.lower()),
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert [p.person_id for p in report.persons.all()] == [person.pk]
    client.get(response["Location"])
    # Opening the report shows the person too: both reads are recorded.
    assert [e.object_id for e in events(action=Action.VIEW, object_type="person")] == [
        str(person.pk)
    ]


LONG_NARRATIVE = "Позвала је комшиница и описала шта види сваке ноћи. " * 60 + "КРАЈ-ОПИСА-7731"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"municipality": ""}, "municipality"),
        ({"municipality": "   "}, "municipality"),
        ({"reporter_kind": "private", "reporter_identity": ""}, "reporter_identity"),
        ({"reporter_kind": "organisation"}, "reporter_organisation"),
        ({"received_at": "2099-01-01T10:00"}, "received_at"),
        ({"received_at": "yesterday-ish"}, "received_at"),
        ({"channel": "pigeon"}, "channel"),
        ({"exploitation": ["Witchcraft"]}, "exploitation"),
        ({"person1_description": ""}, "__all__"),  # nobody the report concerns
        ({"person1_code": "P-NOSUCH"}, "person1_code"),  # a code no record has
    ],
)
def test_report_create_invalid_keeps_the_narrative_and_saves_nothing(
    client, worker_user, changes, field
):
    sign_in(client, worker_user)
    response = client.post("/reports/new/", _report_form(narrative=LONG_NARRATIVE, **changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    html = response.content.decode()
    assert "КРАЈ-ОПИСА-7731" in html
    assert form["narrative"].value() == LONG_NARRATIVE
    assert Report.objects.count() == 0
    assert not Sequence.objects.filter(last__gt=0).exists()
    assert not events(action=Action.CREATE, object_type="report")


def test_report_create_missing_narrative_is_an_error_on_it(client, worker_user):
    sign_in(client, worker_user)
    response = client.post("/reports/new/", _report_form(narrative="  "))
    assert response.status_code == 200
    assert "narrative" in response.context["form"].errors
    assert Report.objects.count() == 0


def test_an_invalid_report_does_not_take_a_number(client, worker_user, make_report):
    first = make_report()
    sign_in(client, worker_user)
    invalid = client.post("/reports/new/", _report_form(municipality=""))
    assert invalid.status_code == 200
    assert Sequence.objects.get(register="reports", year=first.year).last == 1
    valid = client.post("/reports/new/", _report_form())
    assert valid.status_code == 302
    assert Report.objects.get(pk=valid["Location"].split("/")[2]).sequence == 2  # no gap


@pytest.mark.parametrize("role", NO_RECEIVE)
def test_report_create_forbidden_looks_like_not_found(client, make_user, role):
    user = make_user(role)
    sign_in(client, user)
    missing = client.get(f"/reports/{MISSING}/")
    page = client.get("/reports/new/")
    assert_looks_missing(page, "/reports/new/", missing, f"/reports/{MISSING}/")
    posted = client.post("/reports/new/", _report_form())
    assert_looks_missing(posted, "/reports/new/", missing, f"/reports/{MISSING}/")
    assert Report.objects.count() == 0
    assert Sequence.objects.count() == 0
    assert_only_refusals(user)


# --- the report page ---


@pytest.mark.parametrize("role", ["worker", "duty_worker", "head_of_service", "director"])
def test_report_detail_shows_the_report_and_records_the_read(client, make_user, report, role):
    user = make_user(role)
    share(report, user)  # a worker sees what is shared with them; the heads, everything
    sign_in(client, user)
    response = client.get(f"/reports/{report.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert report.number in html
    assert NARRATIVE in html
    assert "девојчица, око 15" in html
    assert "сексуална експлоатација" in html  # the form's label, not its HTCDS code
    assert "SexualExploitation" not in html
    assert response.context["report"] == report
    assert response.context["texts"]["narrative"] == NARRATIVE
    read = events(action=Action.VIEW, object_type="report", actor=user)
    assert [e.object_id for e in read] == [str(report.pk)]
    can_decide = role != "director"
    assert response.context["can_decide"] is can_decide
    assert bool(response.context["steps"]) is can_decide
    assert (f'action="/reports/{report.pk}/transition/"' in html) is can_decide
    assert (f'action="/reports/{report.pk}/attachments/"' in html) is can_decide


@pytest.mark.parametrize("role", NO_ACCESS)
def test_report_detail_forbidden_looks_like_not_found(client, make_user, report, role):
    user = make_user(role)
    sign_in(client, user)
    forbidden = client.get(f"/reports/{report.pk}/")
    missing = client.get(f"/reports/{MISSING}/")
    assert_looks_missing(forbidden, "", missing, "", real_id=report.pk)
    assert NARRATIVE not in forbidden.content.decode()
    assert_only_refusals(user)
    refused = events(action=Action.DENIED, object_type="report", actor=user)
    assert [e.object_id for e in refused] == [str(report.pk), str(MISSING)]


@pytest.mark.parametrize("path", ["/reports/abc/", "/reports/-1/", "/reports/1.5/"])
def test_report_detail_invalid_id_is_not_found(client, worker_user, report, path):
    sign_in(client, worker_user)
    response = client.get(path)
    assert response.status_code == 404
    assert not events(action=Action.VIEW, actor=worker_user)


# --- first contact ---


def test_first_contact_stops_the_clock_and_assigns(client, duty_worker, on_shift, report):
    on_shift(duty_worker)  # the duty worker on shift sees the unassigned report, and takes it
    sign_in(client, duty_worker)
    response = client.post(f"/reports/{report.pk}/contact/")
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.pk}/"
    report.refresh_from_db()
    assert report.first_contact_at is not None
    assert report.assigned_to == duty_worker
    assert report.version == 2
    assert clock(report, ClockKind.FIRST_CONTACT).state == ClockState.MET  # within the hour
    assert clock(report, ClockKind.DECISION).state == ClockState.RUNNING
    updated = events(action=Action.UPDATE, object_type="report", actor=duty_worker)
    assert [e.object_id for e in updated] == [str(report.pk)]


def test_first_contact_twice_is_refused_with_a_message(client, duty_worker, worker_user, report):
    report_first_contact(actor=worker_user, report=report)
    report.refresh_from_db()
    share(report, duty_worker)
    sign_in(client, duty_worker)
    response = client.post(f"/reports/{report.pk}/contact/", follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.first_contact_at == report.first_contact_at
    assert fresh.assigned_to == worker_user  # still the first one's
    assert fresh.version == report.version


def test_first_contact_only_by_post(client, duty_worker, report):
    sign_in(client, duty_worker)
    assert client.get(f"/reports/{report.pk}/contact/").status_code == 405
    report.refresh_from_db()
    assert report.first_contact_at is None


@pytest.mark.parametrize("role", NO_RECEIVE)
def test_first_contact_forbidden_looks_like_not_found(client, make_user, report, role):
    user = make_user(role)
    sign_in(client, user)
    forbidden = client.post(f"/reports/{report.pk}/contact/")
    missing = client.post(f"/reports/{MISSING}/contact/")
    assert_looks_missing(forbidden, "", missing, "", real_id=report.pk)
    report.refresh_from_db()
    assert report.first_contact_at is None
    assert report.assigned_to is None
    assert_only_refusals(user)


# --- transitions ---


def test_transition_registers_then_rejects_with_a_reason(client, head, report):
    sign_in(client, head)
    response = client.post(f"/reports/{report.pk}/transition/", {"to": "registered", "version": 1})
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.pk}/"
    report.refresh_from_db()
    assert report.status == Status.REGISTERED
    assert report.first_contact_at is not None  # registering is the first contact
    assert report.assigned_to == head
    reason = "Пријава не садржи елементе трговине људима."
    response = client.post(
        f"/reports/{report.pk}/transition/", {"to": "rejected", "version": 2, "reason": reason}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.REJECTED
    assert report.decided_at is not None
    steps = events(action=Action.TRANSITION, object_type="report", actor=head)
    assert [e.object_id for e in steps] == [str(report.pk)] * 2
    assert ClockKind.DECISION not in clocks(report, state=ClockState.RUNNING)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert reason in page  # the reason is in the timeline
    last = ReportTransition.objects.filter(report=report).last()
    assert last is not None
    assert reason not in last.reason  # and stored encrypted


def test_transition_forwards_to_a_named_body(client, worker_user, report):
    report_transition(actor=worker_user, report=report, to="registered")
    sign_in(client, worker_user)
    response = client.post(
        f"/reports/{report.pk}/transition/",
        {"to": "forwarded", "version": 2, "forwarded_to": "ПУ Крагујевац"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.FORWARDED
    assert report_places(report)["forwarded_to"] == "ПУ Крагујевац"
    assert "Крагујевац" not in report.forwarded_to  # encrypted, bound to the report


@pytest.mark.parametrize(
    ("status", "data", "field", "kept"),
    [
        ("registered", {"to": "rejected", "reason": "кратко"}, "reason", "кратко"),
        ("registered", {"to": "forwarded", "forwarded_to": "  "}, "forwarded_to", None),
        ("received", {"to": "closed"}, "to", None),  # not a step from "received"
        ("received", {"to": "discontinued", "reason": "нема"}, "reason", "нема"),
        ("received", {"to": "teleported"}, "to", None),
    ],
)
def test_transition_invalid_is_an_error_on_its_field(
    client, worker_user, report, status, data, field, kept
):
    if status == "registered":
        report = report_transition(actor=worker_user, report=report, to="registered")
    steps_before = len(events(action=Action.TRANSITION, object_type="report"))
    sign_in(client, worker_user)
    response = client.post(f"/reports/{report.pk}/transition/", {"version": report.version, **data})
    assert response.status_code == 200
    assert field in response.context["transition_form"].errors
    assert response.context["failed_step"] == data["to"]
    html = response.content.decode()
    if kept is not None:
        assert f">{kept}</textarea>" in html
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.status == status
    assert fresh.version == report.version
    assert len(events(action=Action.TRANSITION, object_type="report")) == steps_before
    # The page shown again holds the narrative: that read is recorded too.
    read = events(action=Action.VIEW, object_type="report", actor=worker_user)
    assert [e.object_id for e in read] == [str(report.pk)]


def test_transition_from_a_stale_page_is_a_conflict(client, worker_user, head, report):
    report_first_contact(actor=head, report=report)  # version 2 now
    sign_in(client, worker_user)
    response = client.post(f"/reports/{report.pk}/transition/", {"to": "registered", "version": 1})
    assert response.status_code == 200
    assert response.context["transition_form"].non_field_errors()
    report.refresh_from_db()
    assert report.status == Status.RECEIVED
    assert report.version == 2


@pytest.mark.parametrize("role", NO_RECEIVE)
def test_transition_forbidden_looks_like_not_found(client, make_user, report, role):
    user = make_user(role)
    sign_in(client, user)
    data = {"to": "registered", "version": 1}
    forbidden = client.post(f"/reports/{report.pk}/transition/", data)
    missing = client.post(f"/reports/{MISSING}/transition/", data)
    assert_looks_missing(forbidden, "", missing, "", real_id=report.pk)
    report.refresh_from_db()
    assert report.status == Status.RECEIVED
    assert report.version == 1
    assert_only_refusals(user)


# --- attachments (the pages; the files themselves in test_attachments.py) ---


def test_attachment_upload_stores_the_file(client, worker_user, report, files):
    sign_in(client, worker_user)
    upload = SimpleUploadedFile("белешка.txt", "Текст прилога 4411".encode(), "text/plain")
    response = client.post(f"/reports/{report.pk}/attachments/", {"file": upload})
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.pk}/"
    attachment = Attachment.objects.get()
    assert attachment.report == report
    assert attachment.content_type == "text/plain"
    assert attachment.uploaded_by == worker_user
    assert [p.name for p in stored_files(files)] == [attachment.storage_name]
    created = events(action=Action.CREATE, object_type="attachment", actor=worker_user)
    assert [e.object_id for e in created] == [str(attachment.pk)]
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert f'href="/attachments/{attachment.pk}/"' in page
    assert "белешка.txt" in page  # the original name, decrypted for the report's page


@pytest.mark.parametrize(
    "upload",
    [
        None,
        SimpleUploadedFile("prazno.txt", b"", "text/plain"),
        SimpleUploadedFile("program.exe", b"MZ\x90\x00", "application/octet-stream"),
        SimpleUploadedFile("slika.png", b"%PDF-1.7 not a png", "image/png"),
    ],
)
def test_attachment_upload_invalid_is_refused_with_a_message(
    client, worker_user, report, files, upload
):
    sign_in(client, worker_user)
    data = {"file": upload} if upload is not None else {}
    response = client.post(f"/reports/{report.pk}/attachments/", data)
    assert response.status_code == 200  # the page again, the reason at the file field
    assert response.context["attachment_form"].errors["file"]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Attachment.objects.count() == 0
    assert stored_files(files) == []
    assert not events(action=Action.CREATE, object_type="attachment")


def test_attachment_upload_only_by_post(client, worker_user, report, files):
    sign_in(client, worker_user)
    assert client.get(f"/reports/{report.pk}/attachments/").status_code == 405


@pytest.mark.parametrize("role", NO_RECEIVE)
def test_attachment_upload_forbidden_looks_like_not_found(client, make_user, report, files, role):
    user = make_user(role)
    sign_in(client, user)
    path = f"/reports/{report.pk}/attachments/"
    forbidden = client.post(path, {"file": SimpleUploadedFile("a.txt", b"tekst", "text/plain")})
    missing = client.post(
        f"/reports/{MISSING}/attachments/",
        {"file": SimpleUploadedFile("a.txt", b"tekst", "text/plain")},
    )
    assert_looks_missing(forbidden, "", missing, "", real_id=report.pk)
    assert Attachment.objects.count() == 0
    assert stored_files(files) == []
    assert_only_refusals(user)


@pytest.fixture
def attachment(worker_user, report, files) -> Attachment:
    return attachment_add(
        actor=worker_user, report=report, name="Марија Петровић.txt",
        data="Садржај 8812".encode(),
    )  # fmt: skip


@pytest.mark.parametrize("role", ["worker", "director"])
def test_attachment_download_serves_it_and_records_the_read(client, make_user, attachment, role):
    user = make_user(role)
    share(attachment.report, user)
    sign_in(client, user)
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response.content == "Садржај 8812".encode()
    assert response["Content-Type"].startswith("text/plain")
    number = attachment.report.number.replace("/", "-")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{number}-{attachment.pk}.txt"'
    )
    read = events(action=Action.VIEW, object_type="attachment", actor=user)
    assert [e.object_id for e in read] == [str(attachment.pk)]


@pytest.mark.parametrize("role", NO_ACCESS)
def test_attachment_download_forbidden_looks_like_not_found(client, make_user, attachment, role):
    user = make_user(role)
    sign_in(client, user)
    forbidden = client.get(f"/attachments/{attachment.pk}/")
    missing = client.get(f"/attachments/{MISSING}/")
    assert_looks_missing(forbidden, "", missing, "", real_id=attachment.pk)
    assert "Садржај 8812".encode() not in forbidden.content
    assert_only_refusals(user)


def test_attachment_download_invalid_id_is_not_found(client, worker_user, attachment):
    sign_in(client, worker_user)
    assert client.get("/attachments/abc/").status_code == 404
    assert client.get(f"/attachments/{attachment.pk + 1}/").status_code == 404
    assert not events(action=Action.VIEW, actor=worker_user)


# --- the official documents ---


def test_the_official_note_is_a_pdf_in_cyrillic(client, worker_user, report, tmp_path):
    report = report_transition(actor=worker_user, report=report, to="registered")
    sign_in(client, worker_user)
    response = client.get(f"/reports/{report.pk}/note.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    number = report.number.replace("/", "-")
    # A Serbian file name, in ASCII-safe Latin.
    expected = f'attachment; filename="sluzbena-beleska-{number}.pdf"'
    assert response["Content-Disposition"] == expected
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content, tmp_path)
    assert report.number in text
    assert "Крагујевац" in text
    assert "газда јој држи пасош" in text
    assert "девојчица, око 15" in text
    assert worker_user.full_name in text  # who registered it
    printed = events(action=Action.PRINT, object_type="report", actor=worker_user)
    assert [e.object_id for e in printed] == [str(report.pk)]


def test_the_decision_is_a_pdf_with_its_reason(client, head, report, tmp_path):
    report = report_transition(actor=head, report=report, to="registered")
    reason = "Нема основа за сумњу на трговину људима."
    report = report_transition(actor=head, report=report, to="rejected", reason=reason)
    sign_in(client, head)
    response = client.get(f"/reports/{report.pk}/decision.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content, tmp_path)
    assert report.number in text
    assert reason in text
    assert head.full_name in text
    printed = events(action=Action.PRINT, object_type="report", actor=head)
    assert [e.object_id for e in printed] == [str(report.pk)]


def test_the_director_may_print_the_note(client, make_user, worker_user, report, tmp_path):
    report = report_transition(actor=worker_user, report=report, to="registered")
    director = make_user("director")
    sign_in(client, director)
    response = client.get(f"/reports/{report.pk}/note.pdf")
    assert response.status_code == 200
    assert report.number in pdf_text(response.content, tmp_path)
    assert events(action=Action.PRINT, object_type="report", actor=director)


@pytest.mark.parametrize(
    ("steps", "document"),
    [
        ([], "note"),  # not yet registered: no note
        (["registered"], "decision"),  # not yet decided: no decision
        (["registered"], "other"),
        (["registered"], "NOTE"),
    ],
)
def test_a_document_not_produced_yet_is_not_found(client, worker_user, report, steps, document):
    for step in steps:
        report = report_transition(actor=worker_user, report=report, to=step)
    sign_in(client, worker_user)
    response = client.get(f"/reports/{report.pk}/{document}.pdf")
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF-")
    assert not events(action=Action.PRINT, actor=worker_user)


@pytest.mark.parametrize("role", NO_ACCESS)
@pytest.mark.parametrize("document", ["note", "decision"])
def test_documents_forbidden_look_like_not_found(client, make_user, head, report, role, document):
    report = report_transition(actor=head, report=report, to="registered")
    report_transition(actor=head, report=report, to="accepted")
    user = make_user(role)
    sign_in(client, user)
    forbidden = client.get(f"/reports/{report.pk}/{document}.pdf")
    missing = client.get(f"/reports/{MISSING}/{document}.pdf")
    assert_looks_missing(forbidden, "", missing, "", real_id=report.pk)
    assert not forbidden.content.startswith(b"%PDF-")
    assert_only_refusals(user)


# --- the duty board and who is on duty ---


def test_duty_board_shows_who_is_on_duty_and_the_clocks(
    client, worker_user, duty_worker, on_shift, make_report
):
    on_shift()
    report = make_report()
    sign_in(client, worker_user)
    response = client.get("/duty/")
    assert response.status_code == 200
    assert response.context["duty"].primary == [duty_worker]
    assert response.context["duty"].backup == []
    board = response.context["board"]
    clocks = board.breached + board.soonest
    assert {(c.report.pk, c.kind) for c in clocks} == {
        (report.pk, "intake.first_contact"),
        (report.pk, "intake.decision"),
    }
    assert [c.due_at for c in clocks] == sorted(c.due_at for c in clocks)
    html = response.content.decode()
    assert duty_worker.full_name in html
    assert report.number in html
    assert NARRATIVE not in html
    assert not events(action=Action.VIEW, actor=worker_user)


def test_duty_board_with_nobody_on_duty(client, make_user, make_report):
    report = make_report()
    director = make_user("director")
    sign_in(client, director)
    response = client.get("/duty/")
    assert response.status_code == 200
    assert response.context["duty"].primary == []
    assert report.number in response.content.decode()


def test_duty_board_ignores_unexpected_input(client, worker_user, on_shift, duty_worker):
    on_shift()
    sign_in(client, worker_user)
    response = client.get("/duty/?user=1&clock=<script>")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    assert response.context["duty"].primary == [duty_worker]


@pytest.mark.parametrize("role", NO_ACCESS)
def test_duty_board_forbidden_looks_like_not_found(client, make_user, on_shift, role):
    on_shift()
    user = make_user(role)
    sign_in(client, user)
    forbidden = client.get("/duty/")
    missing = client.get(f"/duty/shifts/{MISSING}/")
    assert_looks_missing(forbidden, "/duty/", missing, f"/duty/shifts/{MISSING}/")
    assert_only_refusals(user)


def test_who_is_on_duty_is_on_every_staff_page(client, worker_user, duty_worker, on_shift):
    sign_in(client, worker_user)
    assert duty_worker.full_name not in client.get("/").content.decode()
    on_shift()
    home = client.get("/")
    assert home.status_code == 200
    assert duty_worker.full_name in home.content.decode()
    assert duty_worker.full_name in client.get("/reports/").content.decode()


def test_a_backup_is_named_as_backup_on_the_home_page(client, worker_user, make_user, on_shift):
    backup = make_user("worker")
    on_shift(user=backup, kind="backup")
    sign_in(client, worker_user)
    html = client.get("/").content.decode()
    assert backup.full_name in html
    assert '<strong class="no-duty">' in html  # nobody on the primary shift


@pytest.mark.parametrize("role", NO_ACCESS)
def test_who_is_on_duty_is_not_shown_to_others(client, make_user, duty_worker, on_shift, role):
    on_shift()
    sign_in(client, make_user(role))
    home = client.get("/")
    assert home.status_code == 200
    assert duty_worker.full_name not in home.content.decode()


# --- the roster ---


def test_roster_week_shows_a_serbian_holiday_and_gaps(client, worker_user):
    sign_in(client, worker_user)
    response = client.get("/duty/roster/?week=2026-01-05")
    assert response.status_code == 200
    assert response.context["week"] == datetime.date(2026, 1, 5)
    days = response.context["days"]
    assert [d["date"] for d in days] == [
        datetime.date(2026, 1, 5) + datetime.timedelta(days=n) for n in range(7)
    ]
    assert {d["date"]: d["holiday"] for d in days if d["holiday"]} == {
        datetime.date(2026, 1, 7): "Божић"
    }
    assert "Божић" in response.content.decode()
    # Nobody is on the roster: every day is one whole gap.
    assert [d["gaps"] for d in days] == [
        [(local(d["date"]), local(d["date"]) + ONE_DAY)] for d in days
    ]
    assert response.content.decode().count('<p class="no-duty">') == 7
    assert response.context["previous"] == "2025-12-29"
    assert response.context["next"] == "2026-01-12"
    assert response.context["form"] is None  # a worker does not manage the roster


def test_roster_any_day_opens_its_week(client, worker_user):
    sign_in(client, worker_user)
    response = client.get("/duty/roster/?week=2026-01-08")
    assert response.context["week"] == datetime.date(2026, 1, 5)


def test_roster_gap_when_nobody_is_on_the_primary_shift(client, head, duty_worker, worker_user):
    thursday, friday = datetime.date(2026, 1, 8), datetime.date(2026, 1, 9)
    # Thursday has only a backup; Friday is covered all day; Wednesday from 8 to 20.
    shift_create(actor=head, user=duty_worker, kind="backup", starts_at=local(thursday),
                 ends_at=local(friday))  # fmt: skip
    shift_create(actor=head, user=worker_user, kind="primary", starts_at=local(friday),
                 ends_at=local(friday) + ONE_DAY)  # fmt: skip
    wednesday = datetime.date(2026, 1, 7)
    shift_create(actor=head, user=duty_worker, kind="primary", starts_at=local(wednesday, 8),
                 ends_at=local(wednesday, 20))  # fmt: skip
    sign_in(client, worker_user)
    response = client.get("/duty/roster/?week=2026-01-05")
    days = {d["date"]: d for d in response.context["days"]}
    assert days[thursday]["gaps"] == [(local(thursday), local(friday))]
    assert [s.kind for s in days[thursday]["shifts"]] == ["backup"]
    assert days[friday]["gaps"] == []
    assert days[wednesday]["gaps"] == [
        (local(wednesday), local(wednesday, 8)),
        (local(wednesday, 20), local(wednesday) + ONE_DAY),
    ]
    html = response.content.decode()
    assert html.count('<p class="no-duty">') == 5 + 2  # 5 whole days, Wednesday twice
    assert duty_worker.full_name in html
    assert worker_user.full_name in html


def test_head_of_service_adds_a_shift(client, head, duty_worker):
    sign_in(client, head)
    page = client.get("/duty/roster/?week=2026-01-05")
    assert page.context["form"] is not None
    users = list(page.context["form"].fields["user"].queryset)
    assert duty_worker in users
    assert head in users
    response = client.post(
        "/duty/roster/?week=2026-01-05",
        {"user": duty_worker.pk, "kind": "primary", "starts_at": "2026-01-07T08:00",
         "ends_at": "2026-01-07T20:00"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == "/duty/roster/?week=2026-01-07"
    shift = Shift.objects.get()
    assert shift.user == duty_worker
    assert shift.kind == "primary"
    assert shift.created_by == head
    assert shift.starts_at == local(datetime.date(2026, 1, 7), 8)
    assert shift.ends_at == local(datetime.date(2026, 1, 7), 20)
    created = events(action=Action.CREATE, object_type="shift", actor=head)
    assert [e.object_id for e in created] == [str(shift.pk)]
    week = client.get(response["Location"])
    days = {d["date"]: d for d in week.context["days"]}
    assert days[datetime.date(2026, 1, 7)]["shifts"] == [shift]


@pytest.mark.parametrize(
    ("who", "changes", "field"),
    [
        ("worker", {"ends_at": "2026-01-07T07:00"}, "ends_at"),  # ends before it starts
        ("worker", {"ends_at": "2026-01-08T09:00"}, "ends_at"),  # longer than 24 hours
        ("worker", {"starts_at": "sutra"}, "starts_at"),
        ("worker", {"kind": "night"}, "kind"),
        ("analyst", {}, "user"),  # does not receive reports: not among the choices
        ("on_duty", {}, "starts_at"),  # already has a shift at that time
    ],
)
def test_roster_invalid_shift_is_an_error_on_its_field(
    client, head, duty_worker, make_user, who, changes, field
):
    wednesday = datetime.date(2026, 1, 7)
    shift_create(actor=head, user=duty_worker, kind="backup", starts_at=local(wednesday, 9),
                 ends_at=local(wednesday, 11))  # fmt: skip
    user = duty_worker if who == "on_duty" else make_user(who)
    data = {"user": str(user.pk), "kind": "primary", "starts_at": "2026-01-07T08:00",
            "ends_at": "2026-01-07T20:00", **changes}  # fmt: skip
    sign_in(client, head)
    response = client.post("/duty/roster/?week=2026-01-05", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    # What was typed is shown again.
    assert {name: str(form[name].value()) for name in data} == data
    assert Shift.objects.count() == 1
    assert len(events(action=Action.CREATE, object_type="shift")) == 1  # the one already there


def test_roster_invalid_week_falls_back_to_this_week(client, worker_user):
    sign_in(client, worker_user)
    response = client.get("/duty/roster/?week=not-a-date")
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.context["week"] == today - datetime.timedelta(days=today.weekday())


@pytest.mark.parametrize("role", ["worker", "duty_worker", "director"])
def test_roster_only_the_head_adds_shifts(client, make_user, duty_worker, role):
    user = make_user(role)
    sign_in(client, user)
    data = {"user": duty_worker.pk, "kind": "primary", "starts_at": "2026-01-07T08:00",
            "ends_at": "2026-01-07T20:00"}  # fmt: skip
    page = client.get("/duty/roster/")
    assert page.status_code == 200
    assert page.context["form"] is None
    forbidden = client.post("/duty/roster/", data)
    missing = client.get(f"/duty/shifts/{MISSING}/")
    assert_looks_missing(forbidden, "/duty/roster/", missing, f"/duty/shifts/{MISSING}/")
    assert Shift.objects.count() == 0
    assert not events(action=Action.CREATE, object_type="shift")


@pytest.mark.parametrize("role", NO_ACCESS)
def test_roster_forbidden_looks_like_not_found(client, make_user, on_shift, role):
    on_shift()
    user = make_user(role)
    sign_in(client, user)
    forbidden = client.get("/duty/roster/")
    missing = client.get(f"/duty/shifts/{MISSING}/")
    assert_looks_missing(forbidden, "/duty/roster/", missing, f"/duty/shifts/{MISSING}/")
    assert_only_refusals(user)


# --- a shift and its handover note ---


@pytest.fixture
def shift(on_shift) -> Shift:
    return on_shift()


def test_shift_detail_shows_the_handover_and_records_the_read(
    client, duty_worker, worker_user, shift
):
    sign_in(client, duty_worker)
    response = client.get(f"/duty/shifts/{shift.pk}/")
    assert response.status_code == 200
    assert response.context["shift"] == shift
    assert response.context["can_write"] is True
    note = "Пријава 0001 чека позив полиције до 10 часова."
    saved = client.post(f"/duty/shifts/{shift.pk}/", {"note": note})
    assert saved.status_code == 302
    assert saved["Location"] == f"/duty/shifts/{shift.pk}/"
    shift.refresh_from_db()
    assert handover_text(shift) == note
    assert note not in shift.handover  # encrypted
    updated = events(action=Action.UPDATE, object_type="shift", actor=duty_worker)
    assert [e.object_id for e in updated] == [str(shift.pk)]
    # The next worker reads it; the read is recorded.
    sign_in(client, worker_user)
    page = client.get(f"/duty/shifts/{shift.pk}/")
    assert note in page.content.decode()
    assert page.context["can_write"] is False
    read = events(action=Action.VIEW, object_type="shift", actor=worker_user)
    assert [e.object_id for e in read] == [str(shift.pk)]


def test_the_head_may_write_anyones_handover(client, head, shift):
    sign_in(client, head)
    assert client.get(f"/duty/shifts/{shift.pk}/").context["can_write"] is True
    response = client.post(f"/duty/shifts/{shift.pk}/", {"note": "Све мирно."})
    assert response.status_code == 302
    shift.refresh_from_db()
    assert handover_text(shift) == "Све мирно."


def test_another_worker_cannot_write_the_handover(client, worker_user, shift):
    sign_in(client, worker_user)
    forbidden = client.post(f"/duty/shifts/{shift.pk}/", {"note": "Туђа белешка."})
    missing = client.post(f"/duty/shifts/{MISSING}/", {"note": "Туђа белешка."})
    assert_looks_missing(forbidden, "", missing, "", real_id=shift.pk)
    shift.refresh_from_db()
    assert shift.handover == ""
    assert not events(action=Action.UPDATE, object_type="shift")


@pytest.mark.parametrize("note", ["", "   ", "Белешка-ПРЕДУГА-5150 " + "x" * 4000])
def test_shift_handover_invalid_keeps_the_typing(client, duty_worker, shift, note):
    sign_in(client, duty_worker)
    response = client.post(f"/duty/shifts/{shift.pk}/", {"note": note})
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    if note.strip():
        assert "Белешка-ПРЕДУГА-5150" in response.content.decode()
    shift.refresh_from_db()
    assert shift.handover == ""
    assert not events(action=Action.UPDATE, object_type="shift")


@pytest.mark.parametrize("role", NO_ACCESS)
def test_shift_detail_forbidden_looks_like_not_found(client, make_user, shift, role):
    user = make_user(role)
    sign_in(client, user)
    forbidden = client.get(f"/duty/shifts/{shift.pk}/")
    missing = client.get(f"/duty/shifts/{MISSING}/")
    assert_looks_missing(forbidden, "", missing, "", real_id=shift.pk)
    posted = client.post(f"/duty/shifts/{shift.pk}/", {"note": "x"})
    assert posted.status_code == 404
    shift.refresh_from_db()
    assert shift.handover == ""
    assert_only_refusals(user)


# --- notifications ---


# The notifications page and its polling: tests/notifications/test_views.py.


def test_unread_notifications_count_on_the_home_page(client, duty_worker, on_shift, make_report):
    on_shift()
    make_report()
    sign_in(client, duty_worker)
    items = client.get("/").context["items"]
    assert any(str(i.url) == "/notifications/" and i.count == 1 for i in items)
    client.post("/notifications/")
    items = client.get("/").context["items"]
    assert not any(str(i.url) == "/notifications/" for i in items)


# --- response targets ---


def _target(kind: str, urgency: str) -> DeadlineTarget:
    return DeadlineTarget.objects.filter(kind=f"intake.{kind}", variant=urgency).latest("version")


def test_the_head_of_service_changes_a_target_and_new_clocks_use_it(client, head, make_report):
    target = _target("first_contact", "child")
    sign_in(client, head)
    # The targets are the deadlines platform's page now; the old address leads there.
    assert client.get("/duty/targets/")["Location"] == "/deadlines/targets/"
    page = client.get("/deadlines/targets/")
    assert page.status_code == 200
    intake_rows = [r for r, _f in page.context["rows"] if r.kind.code.startswith("intake.")]
    assert len(intake_rows) == 9  # three clocks, three urgencies
    response = client.post("/deadlines/targets/", {
        "target": "intake.first_contact:child", "version": target.version, "amount": 2,
        "unit": "hours", "warn_at_percent": "80, 50, 50",
    })  # fmt: skip
    assert response.status_code == 302
    new = _target("first_contact", "child")
    assert (new.version, new.target, new.warn_at_percent, new.changed_by) == (
        target.version + 1, datetime.timedelta(hours=2), [50, 80], head)  # fmt: skip
    assert events(action=Action.UPDATE, object_type="deadline_target", actor=head)
    report = make_report()
    contact = clock(report, "first_contact")
    assert contact.due_at - contact.started_at == datetime.timedelta(hours=2)


@pytest.mark.parametrize(("amount", "percents", "field"), [
    ("0", "50", "amount"), ("half", "50", "amount"), ("", "50", "amount"),
    ("2", "0, 120", "warn_at_percent"), ("2", "half", "warn_at_percent"),
])  # fmt: skip
def test_a_target_refuses_impossible_values(client, head, amount, percents, field):
    target = _target("decision", "ordinary")
    sign_in(client, head)
    response = client.post("/deadlines/targets/", {
        "target": "intake.decision:ordinary", "version": target.version, "amount": amount,
        "unit": "days", "warn_at_percent": percents,
    })  # fmt: skip
    assert response.status_code == 200
    shown = [f for _t, f in response.context["rows"] if f.is_bound]
    assert field in shown[0].errors
    assert _target("decision", "ordinary") == target


@pytest.mark.parametrize("role", ["worker", "duty_worker", "director"])
def test_only_the_head_of_service_changes_targets(client, make_user, role):
    target = _target("decision", "ordinary")
    sign_in(client, make_user(role))
    assert client.get("/deadlines/targets/").status_code == 200  # they see the targets
    refused = client.post("/deadlines/targets/", {
        "target": "intake.decision:ordinary", "version": target.version, "amount": 1,
        "unit": "hours", "warn_at_percent": "50",
    })  # fmt: skip
    assert refused.status_code == 404
    assert _target("decision", "ordinary").target == datetime.timedelta(hours=48)


@pytest.mark.parametrize("role", ["analyst", "partner_reporter", "administrator", "dpo"])
def test_targets_are_not_found_for_those_off_duty(client, make_user, role):
    sign_in(client, make_user(role))
    assert client.get("/duty/targets/").status_code == 404
    assert client.get("/deadlines/targets/").status_code == 404
