"""A report's timeline on its page: every event in the order it happened, each with its
actor's role in words in the reader's language, never a code, and no name of a person
concerned."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from zastita.identification.services import identification_start, interview_record
from zastita.intake.field_visit import report_person_set_aside
from zastita.intake.models import Report, Status
from zastita.intake.services import (
    PersonInput,
    report_create,
    report_first_contact,
    report_transition,
)
from zastita.people.identity import Identity
from zastita.people.services import person_create

from ..conftest import share, sign_in
from .conftest import report_input

START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def _at(minutes: int) -> datetime.datetime:
    return START + datetime.timedelta(minutes=minutes)


@pytest.fixture
def lived(worker_user, duty_worker, head) -> tuple[Report, str]:
    """A report whose events were recorded out of the order they happened: received at 8:00
    (entered at 8:20), first contact 8:30, registered and accepted by the head, a person's
    identification opened at 9:30 and their field interview held at 10:00 but recorded at
    11:00, the other person set aside at 10:30. Returns it and the registered person's code."""
    with time_machine.travel(_at(20), tick=False):
        identity = Identity(first_name="Анастасија", last_name="Ђорђевић")
        ana = person_create(actor=worker_user, birth_year=1990, identity=identity)
        report = report_create(actor=worker_user, data=report_input(
            received_at=_at(0), persons=[PersonInput(person_id=ana.pk, is_child=False),
                                         PersonInput(description="Милица, сестра", is_child=False)],
        ))  # fmt: skip
    share(report, duty_worker)  # the duty worker's to take (the scope's rules are elsewhere)
    with time_machine.travel(_at(30), tick=False):
        report_first_contact(actor=duty_worker, report=report)
    with time_machine.travel(_at(40), tick=False):
        report = report_transition(actor=head, report=report, to=Status.REGISTERED)
    with time_machine.travel(_at(50), tick=False):
        report = report_transition(actor=head, report=report, to=Status.ACCEPTED)
    registered, described = report.persons.all()
    with time_machine.travel(_at(90), tick=False):
        identification = identification_start(actor=worker_user, report_person=registered)
    with time_machine.travel(_at(150), tick=False):
        report_person_set_aside(actor=head, report_person=described, kind="not_found",
                                reason="Иста особа уписана двапут у пријави")  # fmt: skip
    with time_machine.travel(_at(180), tick=False):
        interview_record(actor=worker_user, identification=identification, kind="field",
                         held_at=_at(120))  # fmt: skip
    return report, ana.code


def _timeline(client, report: Report) -> list[str]:
    html = client.get(f"/reports/{report.pk}/").content.decode()
    block = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S)
    assert block is not None
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in items]


def test_the_timeline_is_in_time_order_with_each_actors_role(client, head, lived):
    report, code = lived
    sign_in(client, head)
    items = _timeline(client, report)
    whats = [item.split(" · ")[1] for item in items]
    assert whats == [
        "примљена",
        "први контакт",
        "регистрована",
        "прихваћена ради идентификације",
        f"идентификација отворена, лице {code}",
        f"идентификациони интервју на терену, лице {code}",
        "лице бр. 2 издвојено: утврђено да не постоји",
        "идентификација у току",
    ]  # fmt: skip
    roles = [item.split(" · ")[2] for item in items]
    assert roles == [
        "Тест worker1 (Стручни радник)",
        "Тест duty1 (Дежурни стручни радник)",
        "Тест head1 (Руководилац Службе)",
        "Тест head1 (Руководилац Службе)",
        "Тест worker1 (Стручни радник)",
        "Тест worker1 (Стручни радник)",
        "Тест head1 (Руководилац Службе)",
        "Тест worker1 (Стручни радник)",
    ]  # fmt: skip


def test_the_timeline_shows_no_role_code_and_no_name_of_a_person_concerned(client, head, lived):
    report, _code = lived
    sign_in(client, head)
    text = "\n".join(_timeline(client, report))
    for hidden in ("head_of_service", "duty_worker", "worker1 (worker", "not_found", "Анастасија",
                   "Ђорђевић", "Милица"):  # fmt: skip
        assert hidden not in text


def test_the_roles_are_in_the_readers_language(client, head, lived):
    report, _code = lived
    sign_in(client, head)
    client.cookies["zastita_language"] = "en"
    items = _timeline(client, report)
    assert items[1].endswith("· first contact · Тест duty1 (Duty worker)")
    client.cookies["zastita_language"] = "sr-latn"
    items = _timeline(client, report)
    assert items[2].endswith("· registrovana · Тест head1 (Rukovodilac Službe)")


def test_a_partners_report_is_received_through_the_api(client, head, organisation, admin_user):
    from zastita.partners.models import ApiCapability, ApiKey

    key = ApiKey.objects.create(
        organisation=organisation, label="test", prefix="tl1", digest="0" * 64,
        capabilities=[ApiCapability.REPORTS_SUBMIT], created_by=admin_user,
    )  # fmt: skip
    report = report_create(actor=None, api_key=key, data=report_input(
        reporter_kind="organisation", reporter_organisation_id=organisation.pk,
        received_at=timezone.now() - datetime.timedelta(minutes=5),
    ))  # fmt: skip
    sign_in(client, head)
    assert _timeline(client, report)[0].endswith("· примљена · партнер, преко API-ја")
