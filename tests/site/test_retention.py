"""Retention: every model that refers to a person is covered by a registered rule; the
data-protection officer sets a rule's period as a new version (audited, without the reason),
and the page answers the others "not found"."""

from __future__ import annotations

import pytest
from django.apps import apps

from zastita.audit.models import Action, Purpose
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.models import RetentionPeriod
from zastita.core.registries import retention
from zastita.site.retention.services import retention_period_set, retention_rows, retention_years

from ..conftest import events, normalise, sign_in
from ..identification.test_subject_access_sections import _refers_to_a_person

URL = "/retention/"

# Models that refer to a person yet need no rule of their own: each with the reason.
NO_RULE: dict[str, str] = {}


# --- coverage ---


def test_every_model_that_refers_to_a_person_has_a_retention_rule():
    missing = sorted(_refers_to_a_person() - retention.covered_models() - set(NO_RULE))
    assert missing == [], (
        f"No retention rule covers {missing}: register one in the owning app's "
        "AppConfig.ready() (zastita.core.registries.retention), or add the model to NO_RULE "
        "here with the reason."
    )


def test_a_model_left_out_of_the_rules_fails_the_coverage_check():
    rule = retention.retention_rules.get("intake.reports")
    retention.retention_rules.unregister("intake.reports")
    try:
        missing = _refers_to_a_person() - retention.covered_models() - set(NO_RULE)
        assert "intake.ReportPerson" in missing
    finally:
        retention.register(rule)


def test_the_rules_name_existing_models_each_once():
    named = [label for rule in retention.retention_rules for label in rule.models]
    assert len(named) == len(set(named))
    for label in named:
        apps.get_model(label)  # raises LookupError for a stale name
    codes = {rule.code for rule in retention.retention_rules}
    assert {"people.registry", "intake.reports", "identification.identifications",
            "documents.documents", "writtenforms.forms", "deadlines.deadlines",
            "notifications.notifications", "drafts.drafts", "audit.events"} <= codes  # fmt: skip
    # Case data is anonymised or closed; only technical data is ever deleted.
    for code in ("people.registry", "intake.reports", "identification.identifications"):
        assert retention.retention_rules.get(code).at_end == retention.AtTheEnd.ANONYMISE


def test_a_default_period_out_of_range_is_a_programming_error():
    with pytest.raises(ValueError, match="default period"):
        retention.RetentionRule("toy.rule", "Toy", ("toy.Thing",), 0, "from",
                                retention.AtTheEnd.CLOSE, "basis")  # fmt: skip


# --- the service ---


@pytest.mark.django_db
def test_the_dpo_sets_a_period_as_a_new_version_audited_without_the_reason(dpo_user):
    assert retention_years("intake.reports") == 10
    first = retention_period_set(actor=dpo_user, rule_code="intake.reports", years=12,
                                 expected_version=0, reason="Одлука о архивирању")  # fmt: skip
    second = retention_period_set(actor=dpo_user, rule_code="intake.reports", years=8,
                                  expected_version=1, reason="Измена одлуке")  # fmt: skip
    assert (first.version, second.version) == (1, 2)
    assert second.changed_by == dpo_user
    assert second.reason == "Измена одлуке"
    assert retention_years("intake.reports") == 8
    assert retention_years("people.registry") == 10  # the others keep their default
    audited = events(action=Action.UPDATE, object_type="retention_period", actor=dpo_user)
    assert [e.object_id for e in audited] == [str(first.pk), str(second.pk)]
    assert {e.purpose for e in audited} == {Purpose.DATA_PROTECTION}
    assert "Измена" not in repr([vars(e) for e in audited])
    rows = {row.rule.code: row for row in retention_rows(actor=dpo_user)}
    assert (rows["intake.reports"].years, rows["intake.reports"].version) == (8, 2)
    assert (rows["people.registry"].years, rows["people.registry"].current) == (10, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("years", "reason", "fields"),
    [(0, "разлог", {"years"}), (101, "разлог", {"years"}), (5, "  ", {"reason"}),
     (0, "", {"years", "reason"}), (5, "x" * 301, {"reason"})],
)  # fmt: skip
def test_invalid_input_is_refused_by_field(dpo_user, years, reason, fields):
    with pytest.raises(ValidationError) as caught:
        retention_period_set(actor=dpo_user, rule_code="intake.reports", years=years,
                             expected_version=0, reason=reason)  # fmt: skip
    assert set(caught.value.fields) == fields
    assert not RetentionPeriod.objects.exists()


@pytest.mark.django_db
def test_a_stale_version_is_a_conflict(dpo_user):
    retention_period_set(actor=dpo_user, rule_code="drafts.drafts", years=2,
                         expected_version=0, reason="Прва промена")  # fmt: skip
    with pytest.raises(Conflict):
        retention_period_set(actor=dpo_user, rule_code="drafts.drafts", years=3,
                             expected_version=0, reason="Застарела страна")  # fmt: skip
    assert list(RetentionPeriod.objects.values_list("years", flat=True)) == [2]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["worker", "head_of_service", "administrator", "director"])
def test_only_the_dpo_sets_a_period(make_user, role):
    user = make_user(role)
    with pytest.raises(PermissionDenied):
        retention_period_set(actor=user, rule_code="intake.reports", years=5,
                             expected_version=0, reason="Покушај")  # fmt: skip
    with pytest.raises(PermissionDenied):
        retention_rows(actor=user)
    assert not RetentionPeriod.objects.exists()


@pytest.mark.django_db
def test_an_unknown_rule_is_not_found(dpo_user):
    with pytest.raises(PermissionDenied):
        retention_period_set(actor=dpo_user, rule_code="nothing.here", years=5,
                             expected_version=0, reason="Покушај")  # fmt: skip


# --- the page ---


def _index(page, code: str) -> int:
    return [row.rule.code for row, _form in page.context["rows"]].index(code)


@pytest.mark.django_db
def test_the_dpo_reads_every_rule_and_changes_a_period(client, dpo_user):
    sign_in(client, dpo_user)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert len(page.context["rows"]) == len(retention.retention_rules)
    assert 'href="/retention/"' in html  # in the menu
    i = _index(page, "identification.identifications")
    response = client.post(URL, {"rule": "identification.identifications", "version": 0,
                                 "years": 15, "reason": "Нова одлука Центра"})  # fmt: skip
    assert response.status_code == 302
    row = RetentionPeriod.objects.get()
    assert (row.rule_code, row.version, row.years, row.changed_by) == (
        "identification.identifications", 1, 15, dpo_user)  # fmt: skip
    again = client.get(URL)
    _row, form = again.context["rows"][i]
    assert (form.initial["years"], form.initial["version"]) == (15, 1)
    assert dpo_user.full_name in again.content.decode()
    assert "Нова одлука Центра" in again.content.decode()


@pytest.mark.django_db
def test_invalid_input_comes_back_at_its_field(client, dpo_user):
    sign_in(client, dpo_user)
    page = client.post(URL, {"rule": "intake.reports", "version": 0, "years": 0, "reason": ""})
    assert page.status_code == 200
    i = _index(page, "intake.reports")
    _row, form = page.context["rows"][i]
    assert set(form.errors) == {"years", "reason"}
    assert f'id="id_r{i}_years"' in page.content.decode()
    assert not RetentionPeriod.objects.exists()


@pytest.mark.django_db
def test_a_stale_page_is_told_of_the_conflict(client, dpo_user):
    retention_period_set(actor=dpo_user, rule_code="intake.reports", years=12,
                         expected_version=0, reason="Прва промена")  # fmt: skip
    sign_in(client, dpo_user)
    page = client.post(URL, {"rule": "intake.reports", "version": 0, "years": 9,
                             "reason": "Са старе стране"})  # fmt: skip
    assert page.status_code == 200
    _row, form = page.context["rows"][_index(page, "intake.reports")]
    assert form.non_field_errors()
    assert list(RetentionPeriod.objects.values_list("years", flat=True)) == [12]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["worker", "head_of_service", "administrator", "analyst"])
def test_the_page_is_not_found_for_the_others(client, make_user, role):
    user = make_user(role)
    sign_in(client, user)
    forbidden = client.get(URL)
    missing = client.get("/nothing-here/")
    assert forbidden.status_code == missing.status_code == 404
    assert normalise(forbidden.content).replace(URL, "URL") == normalise(missing.content).replace(
        "/nothing-here/", "URL"
    )
    posted = client.post(URL, {"rule": "intake.reports", "version": 0, "years": 5,
                               "reason": "Покушај"})  # fmt: skip
    assert posted.status_code == 404
    assert not RetentionPeriod.objects.exists()
    assert Action.DENIED in {e.action for e in events(actor=user)}
    assert 'href="/retention/"' not in client.get("/").content.decode()


def test_the_records_of_every_rule_are_named_in_serbian():
    from django.utils import translation

    from zastita.site.retention.services import _model_name

    with translation.override("sr"):
        for rule in retention.retention_rules:
            for label in rule.models:
                name = _model_name(label)
                assert not any("a" <= c.lower() <= "z" for c in name), (
                    f"{label} is named {name!r} in Serbian: give the model a "
                    "verbose_name=_(...) or add its name to MODEL_NAMES in "
                    "zastita/site/retention/services.py, and translate it"
                )
