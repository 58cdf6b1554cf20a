"""The "My work" page: a worker sees the reports and identifications they are assigned to or share,
soonest deadline first, and not others'; a head sees the decisions awaiting approval; those
who do not work on cases get "not found"; the page reads a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zastita.identification.services import decision_propose
from zastita.intake.models import Report

from ..conftest import normalise, sign_in
from ..identification.test_services import decision_data

pytestmark = pytest.mark.django_db
URL = "/my-work/"


def test_the_address_is_named():
    assert reverse("site:my_work") == URL


def test_a_worker_sees_their_report_and_identification_and_a_shared_one_not_others(
    client, worker_user, make_user, make_report, identification, accepted
):
    colleague = make_user("worker", username="colleague1")
    shared = make_report(actor=colleague)
    shared.coworkers.add(worker_user)
    theirs = make_report(actor=colleague)
    Report.objects.filter(pk__in=[shared.pk, theirs.pk]).update(assigned_to=colleague)

    page = normalise(sign_in(client, worker_user).get(URL).content)

    assert f"/reports/{accepted.pk}/" in page
    assert f"/identification/{identification.pk}/" in page
    assert accepted.number in page
    assert shared.number in page
    assert theirs.number not in page
    # Numbers and codes, never the person's name.
    assert "Вера" not in page


def test_reports_are_listed_by_their_next_deadline(client, worker_user, make_report):
    from zastita.deadlines.models import Deadline

    first, second = make_report(), make_report()
    Report.objects.filter(pk__in=[first.pk, second.pk]).update(assigned_to=worker_user)
    clocks = Deadline.objects.filter(subject_type="report", state="running")
    if not clocks.filter(subject_id=second.pk).exists():
        pytest.fail("a new report starts its response clocks")
    # The second report's clock is due first.
    later = clocks.filter(subject_id=first.pk).order_by("due_at").first()
    assert later is not None
    clocks.filter(subject_id=second.pk).update(due_at=later.due_at.replace(year=2000))

    page = normalise(sign_in(client, worker_user).get(URL).content)

    assert page.index(second.number) < page.index(first.number)
    # Its deadline has passed, and the page says so.
    assert page.count('class="overdue"') == 1


@pytest.mark.parametrize("role", ["analyst", "partner_reporter", "administrator", "dpo"])
def test_roles_without_case_work_get_not_found(client, make_user, role):
    user = make_user(role, username=f"u_{role}")
    assert sign_in(client, user).get(URL).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302


def test_a_post_is_refused(client, worker_user):
    assert sign_in(client, worker_user).post(URL).status_code == 405


def test_a_head_sees_the_decisions_awaiting_approval(
    client, worker_user, make_user, identification
):
    head = make_user("head_of_service", username="head1")
    decision_propose(actor=worker_user, identification=identification, **decision_data(worker_user))

    page = normalise(sign_in(client, head).get(URL).content)
    assert "Decisions awaiting your approval" in page or "Одлуке које чекају" in page
    assert page.count(f"/identification/{identification.pk}/") >= 1

    # The worker who proposed it is not asked to approve it.
    worker_page = normalise(sign_in(client, worker_user).get(URL).content)
    assert "Одлуке које чекају" not in worker_page
    assert "Decisions awaiting your approval" not in worker_page


def test_the_worker_sees_the_page_in_the_navigation(client, worker_user):
    page = normalise(sign_in(client, worker_user).get("/").content)
    assert f'href="{URL}"' in page


def test_the_query_count_does_not_grow_with_the_rows(client, worker_user, make_report):
    signed = sign_in(client, worker_user)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert signed.get(URL).status_code == 200
        return len(ctx.captured_queries)

    make_report()
    Report.objects.update(assigned_to=worker_user)
    few = count()
    for _ in range(5):
        make_report()
    Report.objects.update(assigned_to=worker_user)
    assert count() == few


def test_a_workers_home_page_is_my_work_and_others_keep_theirs(client, worker_user, make_user):
    response = sign_in(client, worker_user).get("/")
    assert response.templates[0].name == "site/my_work.html"
    page = normalise(response.content)
    assert "<h1>Мој посао</h1>" in page
    assert page.count(f'href="{URL}"') == 1  # the navigation
    analyst = make_user("analyst", username="analyst1")
    response = sign_in(client, analyst).get("/")
    assert response.templates[0].name == "site/home.html"
    assert f'href="{URL}"' not in normalise(response.content)


def test_a_returned_form_shows_to_its_author_and_a_submitted_one_to_the_head(
    client, worker_user, make_user, identification
):
    from zastita.identification.models import FormKind
    from zastita.identification.services import form_save
    from zastita.writtenforms.public import WrittenForm, form_return

    from ..identification.test_form_documents import SECTIONS

    head = make_user("head_of_service", username="head1")
    form_save(actor=worker_user, identification=identification, kind=FormKind.FINDINGS,
              sections=SECTIONS, base_version=0)  # fmt: skip
    form = WrittenForm.objects.get(subject_type="identification", subject_id=identification.pk)
    form_link = f"/identification/{identification.pk}/forms/"

    # Submitted: the head is asked to approve it; the author is not.
    head_page = normalise(sign_in(client, head).get(URL).content)
    assert head_page.count(form_link) == 1
    assert form_link not in normalise(sign_in(client, worker_user).get(URL).content)

    form_return(actor=head, form=form, version=1, comments="Допунити налаз датумима.")
    worker_page = normalise(sign_in(client, worker_user).get(URL).content)
    assert form_link in worker_page
    assert "Допунити" not in worker_page  # the comments are read on the form's page
    assert form_link not in normalise(sign_in(client, head).get(URL).content)


def test_registering_the_sections_again_is_harmless():
    """A second `ready()` (tests that start an app again) registers equal sections."""
    from zastita.core.registries.my_work import my_work_sections
    from zastita.drafts import my_work as drafts
    from zastita.identification import my_work as identification
    from zastita.intake import my_work as intake
    from zastita.notifications import my_work as notifications
    from zastita.writtenforms import my_work as writtenforms

    before = my_work_sections.keys()
    for register in (
        intake.register_section, identification.register_sections,
        writtenforms.register_sections, drafts.register_section, notifications.register_section,
    ):  # fmt: skip
        register()
    assert my_work_sections.keys() == before
