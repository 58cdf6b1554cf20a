"""Identification pages: success, forbidden-looks-like-not-found and invalid input for each."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zastita.audit.models import Action
from zastita.identification.models import Assessment, Decision, Identification, Interview
from zastita.identification.services import decision_panel, decision_propose
from zastita.intake.models import ReportPerson, Status
from zastita.people.identity import Identity
from zastita.people.services import person_create

from ..conftest import events, normalise, share, sign_in
from .conftest import MISSING, NO_ACCESS


def looks_missing(client, url: str, missing_url: str, real_id: int) -> None:
    forbidden, missing = client.get(url), client.get(missing_url)
    assert forbidden.status_code == missing.status_code == 404
    assert normalise(forbidden.content).replace(f"/{real_id}/", "/ID/") == normalise(
        missing.content
    ).replace(f"/{MISSING}/", "/ID/")


# --- linking a described person, and starting ---


def test_a_described_person_is_linked_then_identification_starts(client, worker_user, accepted):
    described = accepted.persons.get(person__isnull=True)
    other = person_create(actor=worker_user, identity=Identity(first_name="Друга"),
                          birth_year=1995)  # fmt: skip
    sign_in(client, worker_user)
    page = client.get(f"/reports/{accepted.pk}/").content.decode()
    assert f'action="/reports/persons/{described.pk}/link/"' in page
    response = client.post(f"/reports/persons/{described.pk}/link/", {"code": other.code})
    assert response.status_code == 302
    described.refresh_from_db()
    assert described.person == other
    assert events(action=Action.UPDATE, object_type="report_person")
    started = client.post(f"/reports/persons/{described.pk}/identification/")
    created = Identification.objects.get(report_person=described)
    assert started["Location"] == f"/identification/{created.pk}/"


def test_linking_an_unknown_code_changes_nothing(client, worker_user, accepted):
    described = accepted.persons.get(person__isnull=True)
    sign_in(client, worker_user)
    response = client.post(f"/reports/persons/{described.pk}/link/", {"code": "L-NONE-0000"},
                           follow=True)  # fmt: skip
    assert response.status_code == 200
    described.refresh_from_db()
    assert described.person is None
    # The report's page again, the reason at the code field, the code kept.
    assert response.context["link_form"].errors["code"]
    assert 'value="L-NONE-0000"' in response.content.decode()


def test_starting_twice_or_without_a_registry_link_is_refused(client, worker_user, accepted):
    sign_in(client, worker_user)
    described = accepted.persons.get(person__isnull=True)
    assert client.post(f"/reports/persons/{described.pk}/identification/").status_code == 302
    assert not Identification.objects.exists()


@pytest.mark.parametrize("role", NO_ACCESS)
def test_link_and_start_are_not_found_for_others(client, make_user, accepted, role):
    sign_in(client, make_user(role))
    linked = accepted.persons.get(person__isnull=False)
    for url in (f"/reports/persons/{linked.pk}/identification/",
                f"/reports/persons/{linked.pk}/link/"):  # fmt: skip
        assert client.post(url, {"code": "x"}).status_code == 404
        assert client.post(
            url.replace(str(linked.pk), str(MISSING)), {"code": "x"}
        ).status_code == (404)
    assert not Identification.objects.exists()
    assert ReportPerson.objects.filter(person__isnull=True).count() == 1


# --- the identification page ---


@pytest.mark.parametrize("role", ["worker", "head_of_service", "director"])
def test_the_identification_page_shows_and_records_the_read(client, make_user, identification,
                                                            role):  # fmt: skip
    user = make_user(role)
    share(identification, user)
    sign_in(client, user)
    response = client.get(f"/identification/{identification.pk}/")
    assert response.status_code == 200
    assert identification.person.code in response.content.decode()
    assert events(action=Action.VIEW, object_type="identification", actor=user)
    assert events(action=Action.VIEW, object_type="person", actor=user)
    assert response.context["can_assess"] is (role != "director")


@pytest.mark.parametrize("role", NO_ACCESS)
def test_the_identification_page_is_not_found_for_others(client, make_user, identification, role):
    sign_in(client, make_user(role))
    looks_missing(client, f"/identification/{identification.pk}/",
                  f"/identification/{MISSING}/", identification.pk)  # fmt: skip


# --- interviews ---


def test_an_interview_is_recorded(client, worker_user, identification):
    sign_in(client, worker_user)
    held = (timezone.localtime() - datetime.timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/identification/{identification.pk}/interviews/", {
        "kind": "field", "held_at": held, "place": "Ниш", "interpreter": "on",
        "language": "rom", "notes": "Белешка",
    })  # fmt: skip
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert (interview.kind, interview.language) == ("field", "rom")
    identification.report_person.report.refresh_from_db()
    assert identification.report_person.report.status == Status.IDENTIFICATION


def test_an_impossible_interview_keeps_what_was_typed(client, worker_user, identification):
    sign_in(client, worker_user)
    future = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/identification/{identification.pk}/interviews/", {
        "kind": "first", "held_at": future, "notes": "Дуга белешка коју не губимо",
    })  # fmt: skip
    assert response.status_code == 200
    assert "held_at" in response.context["interview_form"].errors
    assert "Дуга белешка коју не губимо" in response.content.decode()
    assert not Interview.objects.exists()


@pytest.mark.parametrize("role", [*NO_ACCESS, "director"])
def test_interviews_are_not_found_for_others(client, make_user, identification, role):
    sign_in(client, make_user(role))
    data = {"kind": "first", "held_at": "2026-01-01T10:00"}
    assert client.post(f"/identification/{identification.pk}/interviews/", data).status_code == (
        404
    )
    assert not Interview.objects.exists()


# --- assessments ---


def test_an_assessment_is_answered_and_explained(client, worker_user, identification):
    sign_in(client, worker_user)
    page = client.get(f"/identification/{identification.pk}/assessment/AL/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: "absent" for name in form.fields if name.startswith("i_")}
    for indicator in ("AL_DR_01", "AL_DR_02", "AL_EX_01", "AL_EX_02", "AL_CD_01"):
        data[f"i_{indicator}"] = "present"
    data["i_AL_CD_02"] = "unknown"
    data["n_AL_CD_01"] = "Пасош је код газде од доласка."
    data.update(age_at_exploitation="30", act_present="unknown")
    response = client.post(f"/identification/{identification.pk}/assessment/AL/", data)
    assert response.status_code == 302
    saved = Assessment.objects.get()
    assert saved.outcome == "INSUFFICIENT_INFORMATION"
    page_text = client.get(response["Location"]).content.decode()
    shown = page_text.split('class="explanation"', 1)[1].split("</section>", 1)[0]
    # In words: the outcome, the rule, and the indicator that could still count, no codes.
    assert "нема довољно података" in shown
    assert "Дужничко ропство" in shown
    assert " и експлоататорски услови рада и " in shown
    for code in ("INSUFFICIENT_INFORMATION", "AL.CD.02", "act_present", " and EX", "(DR or"):
        assert code not in shown
    assert events(action=Action.VIEW, object_type="assessment", actor=worker_user)


def test_an_assessment_with_the_wrong_age_group_needs_a_reason(client, worker_user,
                                                               identification):  # fmt: skip
    sign_in(client, worker_user)
    response = client.post(f"/identification/{identification.pk}/assessment/CL/",
                           {"age_at_exploitation": "30", "act_present": "unknown"})  # fmt: skip
    assert response.status_code == 200
    assert "override_reason" in response.context["form"].errors
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("role", NO_ACCESS)
def test_assessments_are_not_found_for_others(client, make_user, identification, role):
    sign_in(client, make_user(role))
    looks_missing(client, f"/identification/{identification.pk}/assessment/AL/",
                  f"/identification/{MISSING}/assessment/AL/", identification.pk)  # fmt: skip


def test_an_unknown_set_is_not_found(client, worker_user, identification):
    sign_in(client, worker_user)
    assert client.get(f"/identification/{identification.pk}/assessment/ZZ/").status_code == 404


# --- decisions ---


def _decision(worker) -> dict[str, object]:
    return {
        "kind": "initial", "status": "identified", "exploitation": ["ForcedLabour"],
        "municipality": "Ниш", "decided_on": timezone.localdate().isoformat(),
        "relationship": "Acquainted", "member_1": str(worker.pk), "profession_1": "психолог",
        "reasons": "Потврђени индикатори принуде и експлоатације на раду.",
        "recruitment": ["JobOffer", "Online"], "control_means": ["DebtBondage"],
    }  # fmt: skip


def test_a_decision_is_proposed_then_approved_by_the_head(client, worker_user, make_user,
                                                          identification):  # fmt: skip
    sign_in(client, worker_user)
    response = client.post(f"/identification/{identification.pk}/decisions/",
                           _decision(worker_user))  # fmt: skip
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision_panel(decision) == [{"user": worker_user.pk, "profession": "психолог"}]
    assert decision.panel == [{"user": worker_user.pk}]  # the profession is encrypted
    assert decision.recruitment == ["JobOffer", "Online"]
    head = make_user("head_of_service")
    sign_in(client, head)
    # The head of service reads the facts they approve.
    page = client.get(f"/identification/{identification.pk}/").content.decode()
    assert "понуда посла или оглас, преко интернета или друштвених мрежа" in page
    assert "принудни рад" in page
    assert f"{worker_user.full_name} (психолог)" in page
    approved = client.post(f"/identification/decisions/{decision.pk}/approve/")
    assert approved.status_code == 302
    decision.refresh_from_db()
    assert decision.approved_by == head
    assert events(action=Action.TRANSITION, object_type="decision", actor=head)


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"exploitation": []}, "exploitation"), ({"member_1": "999999"}, "member_1"),
     ({"profession_1": ""}, "profession_1"), ({"member_1": ""}, "member_1"),
     ({"member_2": "{worker}", "profession_2": "педагог"}, "member_2"),
     ({"decided_on": "2020-01-01"}, "decided_on")],
)  # fmt: skip
def test_a_contradictory_decision_is_refused_with_the_typing_kept(
    client, worker_user, identification, changes, field
):
    sign_in(client, worker_user)
    data = {**_decision(worker_user), **changes}
    data = {k: str(worker_user.pk) if v == "{worker}" else v for k, v in data.items()}
    response = client.post(f"/identification/{identification.pk}/decisions/", data)
    assert response.status_code == 200
    assert field in response.context["decision_form"].errors
    assert "Потврђени индикатори" in response.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ["worker", "duty_worker", "director", *NO_ACCESS])
def test_only_the_head_of_service_approves(client, make_user, worker_user, identification, role):
    decision = decision_propose(
        actor=worker_user, identification=identification, status="presumed",
        municipality="Ниш", panel=[{"user": worker_user.pk, "profession": "психолог"}],
        reasons="Образложење предлога одлуке довољно дугачко.",
    )  # fmt: skip
    sign_in(client, make_user(role))
    assert client.post(f"/identification/decisions/{decision.pk}/approve/").status_code == 404
    assert client.post(f"/identification/decisions/{MISSING}/approve/").status_code == 404
    decision.refresh_from_db()
    assert decision.approved_at is None


@pytest.mark.parametrize("role", [*NO_ACCESS, "director"])
def test_proposing_is_not_found_for_others(client, make_user, worker_user, identification, role):
    sign_in(client, make_user(role))
    response = client.post(f"/identification/{identification.pk}/decisions/",
                           _decision(worker_user))  # fmt: skip
    assert response.status_code == 404
    assert not Decision.objects.exists()


# --- criminal proceedings ---


def test_a_case_is_recorded_and_cooperation_is_never_required(client, worker_user, identification):
    sign_in(client, worker_user)
    response = client.post(f"/identification/{identification.pk}/proceedings/", {
        "stage": "prosecution", "authority": "Више јавно тужилаштво у Нишу",
        "reference": "КТ 123/26", "role": "both", "consent": "not_asked",
    })  # fmt: skip
    assert response.status_code == 302
    from zastita.identification.models import Proceeding

    proceeding = Proceeding.objects.get()
    assert "КТ 123/26" not in proceeding.reference  # encrypted
    page = client.get(f"/identification/{identification.pk}/").content.decode()
    assert "КТ 123/26" in page
    assert events(action=Action.CREATE, object_type="proceeding")


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"authority": ""}, "authority"), ({"reference": ""}, "reference"),
     ({"consent": "given"}, "consent_on"), ({"stage": "tribunal"}, "stage")],
)  # fmt: skip
def test_an_incomplete_case_is_refused(client, worker_user, identification, changes, field):
    from zastita.identification.models import Proceeding

    sign_in(client, worker_user)
    data = {"stage": "police", "authority": "ПУ Ниш", "reference": "КУ 9/26", "role": "witness",
            "consent": "not_asked", **changes}  # fmt: skip
    response = client.post(f"/identification/{identification.pk}/proceedings/", data)
    assert response.status_code == 200
    assert field in response.context["proceeding_form"].errors
    assert not Proceeding.objects.exists()


@pytest.mark.parametrize("role", [*NO_ACCESS, "director"])
def test_cases_are_not_found_for_others(client, make_user, identification, role):
    from zastita.identification.models import Proceeding

    sign_in(client, make_user(role))
    data = {"stage": "police", "authority": "ПУ", "reference": "1", "role": "witness"}
    assert client.post(f"/identification/{identification.pk}/proceedings/", data).status_code == (
        404
    )
    assert client.post(f"/identification/{MISSING}/proceedings/", data).status_code == 404
    assert not Proceeding.objects.exists()
