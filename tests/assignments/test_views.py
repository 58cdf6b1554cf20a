"""The assignments pages: a record's assignment, the workload with the hand-over, and the
teams: success, forbidden answered exactly as missing (and recorded), invalid input at its
field with nothing saved."""

from __future__ import annotations

import pytest

from zastita.accounts.models import Team
from zastita.assignments.models import AssignmentChange
from zastita.audit.models import Action
from zastita.intake.models import Report

from ..conftest import events, normalise, sign_in

pytestmark = pytest.mark.django_db
MISSING = 999999


def looks_missing(client, real: str, missing: str, user) -> None:
    seen, absent = client.get(real), client.get(missing)
    assert seen.status_code == absent.status_code == 404
    assert normalise(seen.content).replace(real, "URL") == normalise(absent.content).replace(
        missing, "URL"
    )
    assert Action.DENIED in {e.action for e in events(actor=user)}


# --- a record's assignment ---


def test_the_head_changes_a_reports_assignment(client, accepted, head, colleague):
    sign_in(client, head)
    page = client.get(f"/reports/{accepted.pk}/").content.decode()
    assert f"/assignments/report/{accepted.pk}/" in page
    url = f"/assignments/report/{accepted.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert colleague.full_name in form.content.decode()
    response = client.post(url, {"assignee": colleague.pk, "version": accepted.version})
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{accepted.pk}/"
    assert Report.objects.get(pk=accepted.pk).assigned_to == colleague
    history = client.get(url).content.decode()
    assert history.count(colleague.full_name) >= 2  # the form's choice and the history
    assert any(e.object_type == "report" and e.action == Action.VIEW for e in events(actor=head))


def test_a_wrong_choice_is_shown_at_its_field_and_nothing_changes(
    client, accepted, head, make_user, worker_user
):
    analyst = make_user("analyst", username="analyst1")
    sign_in(client, head)
    url = f"/assignments/report/{accepted.pk}/"
    stale = client.post(url, {"assignee": head.pk, "version": accepted.version - 1})
    assert stale.status_code == 200
    assert "неко други" in stale.content.decode().lower() or "Someone" in stale.content.decode()
    wrong = client.post(url, {"assignee": analyst.pk, "version": accepted.version})
    assert wrong.status_code == 200
    assert 'href="#id_assignee"' in wrong.content.decode()
    assert Report.objects.get(pk=accepted.pk).assigned_to == worker_user


def test_the_assignment_page_is_missing_for_who_may_not_assign(client, accepted, worker_user,
                                                               make_user):  # fmt: skip
    for user in (worker_user, make_user("analyst", username="analyst1")):
        sign_in(client, user)
        looks_missing(client, f"/assignments/report/{accepted.pk}/",
                      f"/assignments/report/{MISSING}/", user)  # fmt: skip
        assert client.get(f"/assignments/nothing/{accepted.pk}/").status_code == 404
        posted = client.post(f"/assignments/report/{accepted.pk}/",
                             {"assignee": user.pk, "version": accepted.version})  # fmt: skip
        assert posted.status_code == 404
    assert Report.objects.get(pk=accepted.pk).assigned_to == worker_user
    page = client.get(f"/reports/{accepted.pk}/")
    assert f"/assignments/report/{accepted.pk}/" not in page.content.decode()


# --- the workload ---


def test_the_workload_counts_open_work_and_hands_it_over(
    client, accepted, identification, worker_user, head, colleague
):
    sign_in(client, head)
    page = client.get("/assignments/workload/")
    assert page.status_code == 200
    html = page.content.decode()
    assert worker_user.full_name in html
    assert colleague.full_name in html
    moved = client.post("/assignments/workload/",
                        {"from_user": worker_user.pk, "to_user": colleague.pk})  # fmt: skip
    assert moved.status_code == 302
    assert Report.objects.get(pk=accepted.pk).assigned_to == colleague
    assert AssignmentChange.objects.filter(changed_by=head).count() == 2


def test_the_workload_refuses_a_bad_hand_over(client, accepted, worker_user, head):
    sign_in(client, head)
    same = client.post("/assignments/workload/",
                       {"from_user": worker_user.pk, "to_user": worker_user.pk})  # fmt: skip
    assert same.status_code == 200
    assert 'href="#id_to_user"' in same.content.decode()
    blank = client.post("/assignments/workload/", {})
    assert blank.status_code == 200
    assert 'href="#id_from_user"' in blank.content.decode()
    assert not AssignmentChange.objects.filter(changed_by=head).exists()


def test_the_workload_is_missing_for_a_worker(client, worker_user):
    sign_in(client, worker_user)
    response = client.get("/assignments/workload/")
    assert response.status_code == 404
    assert Action.DENIED in {e.action for e in events(actor=worker_user)}


# --- teams ---


def test_the_head_keeps_the_teams(client, head, worker_user):
    sign_in(client, head)
    data = {"name": "Север", "members": [worker_user.pk], "is_active": "on"}
    created = client.post("/assignments/teams/new/", data)
    assert created.status_code == 302
    team = Team.objects.get(name="Север")
    listing = client.get("/assignments/teams/").content.decode()
    assert "Север" in listing
    assert worker_user.full_name in listing
    changed = client.post(f"/assignments/teams/{team.pk}/",
                          {"name": "Север 2", "members": [], "version": team.version})  # fmt: skip
    assert changed.status_code == 302
    team.refresh_from_db()
    assert (team.name, team.is_active, team.members.count()) == ("Север 2", False, 0)


def test_a_team_without_a_name_is_refused_at_its_field(client, head):
    sign_in(client, head)
    response = client.post("/assignments/teams/new/", {"name": "", "is_active": "on"})
    assert response.status_code == 200
    assert 'href="#id_name"' in response.content.decode()
    assert not Team.objects.exists()


def test_the_teams_are_missing_for_a_worker(client, head, worker_user):
    team = Team.objects.create(name="Југ")
    sign_in(client, worker_user)
    looks_missing(client, f"/assignments/teams/{team.pk}/", f"/assignments/teams/{MISSING}/",
                  worker_user)  # fmt: skip
    assert client.get("/assignments/teams/").status_code == 404
    assert client.post("/assignments/teams/new/", {"name": "Запад"}).status_code == 404
    assert not Team.objects.filter(name="Запад").exists()
