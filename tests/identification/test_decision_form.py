"""The decision form: the place comes from the report, the panel is picked from the staff
list with each member's profession, and a head of service who sat on the panel is not the
one who approves (four eyes)."""

from __future__ import annotations

from django.utils import timezone

from zastita.identification.models import Decision
from zastita.identification.services import decision_panel, decision_propose

from ..conftest import sign_in


def _form(client, identification):
    response = client.get(f"/identification/{identification.pk}/")
    assert response.status_code == 200
    return response.context["decision_form"], response.content.decode()


def test_the_municipality_comes_from_the_report(client, worker_user, identification):
    sign_in(client, worker_user)
    form, html = _form(client, identification)
    assert form["municipality"].value() == "Крагујевац"  # the report's place
    assert 'value="Крагујевац"' in html


def test_the_panel_is_picked_from_active_case_workers(client, worker_user, make_user,
                                                      identification):  # fmt: skip
    head = make_user("head_of_service")
    analyst = make_user("analyst")
    gone = make_user("worker")
    gone.is_active = False
    gone.save()
    sign_in(client, worker_user)
    form, html = _form(client, identification)
    offered = {value for value, _label in form.fields["member_1"].choices if value}
    assert {str(worker_user.pk), str(head.pk)} <= offered
    assert str(analyst.pk) not in offered
    assert str(gone.pk) not in offered
    assert 'id="decision_profession_1"' in html


def test_a_proposed_panel_keeps_each_profession_encrypted(client, worker_user, make_user,
                                                          identification):  # fmt: skip
    colleague = make_user("worker")
    sign_in(client, worker_user)
    response = client.post(f"/identification/{identification.pk}/decisions/", {
        "kind": "initial", "status": "presumed", "municipality": "Ниш",
        "decided_on": timezone.localdate().isoformat(),
        "member_1": str(worker_user.pk), "profession_1": "психолог",
        "member_3": str(colleague.pk), "profession_3": "социјални радник",
        "reasons": "Образложење предлога одлуке довољно дугачко.",
    })  # fmt: skip
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert "психолог" not in decision.panel_professions
    assert decision_panel(decision) == [
        {"user": worker_user.pk, "profession": "психолог"},
        {"user": colleague.pk, "profession": "социјални радник"},
    ]


def test_a_member_who_is_not_on_the_staff_list_is_refused(client, worker_user, make_user,
                                                          identification):  # fmt: skip
    analyst = make_user("analyst")
    sign_in(client, worker_user)
    response = client.post(f"/identification/{identification.pk}/decisions/", {
        "kind": "initial", "status": "presumed", "municipality": "Ниш",
        "decided_on": timezone.localdate().isoformat(),
        "member_1": str(analyst.pk), "profession_1": "аналитичар",
        "reasons": "Образложење предлога одлуке довољно дугачко.",
    })  # fmt: skip
    assert response.status_code == 200
    assert "member_1" in response.context["decision_form"].errors
    assert 'value="аналитичар"' in response.content.decode()  # the typing is kept
    assert not Decision.objects.exists()


def test_a_head_on_the_panel_is_not_offered_the_approval(client, worker_user, make_user,
                                                          identification):  # fmt: skip
    head = make_user("head_of_service")
    decision = decision_propose(
        actor=worker_user, identification=identification, status="presumed",
        municipality="Ниш", panel=[{"user": head.pk, "profession": "психолог"}],
        reasons="Образложење предлога одлуке довољно дугачко.",
    )  # fmt: skip
    sign_in(client, head)
    html = client.get(f"/identification/{identification.pk}/").content.decode()
    assert f"/identification/decisions/{decision.pk}/approve/" not in html
    response = client.post(f"/identification/decisions/{decision.pk}/approve/")
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.approved_at is None
    # Another head of service approves it.
    other = make_user("head_of_service")
    sign_in(client, other)
    html = client.get(f"/identification/{identification.pk}/").content.decode()
    assert f"/identification/decisions/{decision.pk}/approve/" in html
    client.post(f"/identification/decisions/{decision.pk}/approve/")
    decision.refresh_from_db()
    assert decision.approved_by == other
