"""The access log's codes in words: what kind of record an event is about, and the actor's
roles by name. Events keep the codes (they are ids and codes only); the pages, the PDF and
the exports for people read these labels."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

RECORD_TYPES: dict[str, Promise] = {
    "access_log": _("access log"),
    "activation_list": _("list of account activations"),
    "api_key": _("API key"),
    "api_key_list": _("list of API keys"),
    "api_key_request": _("API key request"),
    "api_key_request_list": _("list of API key requests"),
    "assessment": _("indicator assessment"),
    "attachment": _("attachment"),
    "clock_board": _("duty board"),
    "clock_breach": _("response deadline missed"),
    "clock_escalation": _("response deadline escalated"),
    "clock_start": _("response clock started"),
    "clock_stop": _("response clock stopped"),
    "clock_target": _("response target"),
    "clock_target_list": _("response targets"),
    "clock_warning": _("response deadline warning"),
    "csrf": _("form security check"),
    "decision": _("decision"),
    "draft": _("unsent form draft"),
    "identification": _("identification"),
    "identification_attachment": _("identification document"),
    "identification_list": _("list of identifications"),
    "identity_reveal": _("identity shown"),
    "identity_reveal_list": _("list of identities shown"),
    "indicator_evaluation": _("indicator evaluation"),
    "indicator_rules": _("indicator rules"),
    "interview": _("conversation or interview"),
    "mfa_required": _("two-step sign-in required"),
    "organisation": _("organisation"),
    "organisation_list": _("list of organisations"),
    "orphaned_file": _("file left without its record"),
    "person": _("person"),
    "person_duplicates": _("possible duplicates"),
    "person_keys": _("search keys"),
    "person_merge": _("merge of person records"),
    "person_relation": _("relation between persons"),
    "person_search": _("person search"),
    "person_seed": _("generated test records"),
    "proceeding": _("case before an authority"),
    "report": _("report"),
    "report_document": _("report document"),
    "report_list": _("list of reports"),
    "report_outcome": _("report outcome"),
    "report_person": _("person in a report"),
    "report_status": _("report status"),
    "retention_period": _("retention period"),
    "retention_period_list": _("retention periods"),
    "role": _("role"),
    "role_list": _("list of roles"),
    "session": _("session"),
    "shift": _("duty shift"),
    "shift_list": _("duty roster"),
    "subject_access": _("copy of a person's own data"),
    "document": _("official document"),
    "document_docx": _("Word copy of an official document"),
    "assignment": _("assignment of a record"),
    "case": _("case"),
    "case_assignment": _("assignment of a case"),
    "case_list": _("list of cases"),
    "plan": _("protection plan"),
    "plan_goal": _("goal of a protection plan"),
    "plan_task": _("task of a protection plan"),
    "plan_sharing": _("consent to share a plan with a provider"),
    "provider": _("provider"),
    "engagement": _("service arranged for a case"),
    "monitoring_contact": _("monitoring contact"),
    "review": _("review of a case"),
    "closure": _("closure of a case"),
    "case_proceeding": _("proceeding on a case"),
    "incoming_document": _("incoming document"),
    "stock_receipt": _("stock received from a donor"),
    "stock": _("aid in kind"),
    "protection_figures": _("the figures of protection"),
    "protection_costs": _("the costs of protection"),
    "provider_list": _("register of providers"),
    "glass_access": _("record opened with a stated reason"),
    "glass_access_list": _("list of records opened with a stated reason"),
    "assignment_move": _("hand-over of a worker's open records"),
    "report_assignment": _("assignment of a report"),
    "identification_assignment": _("assignment of an identification"),
    "team": _("team"),
    "workload": _("workload of the workers"),
    "my_work": _("a worker's own page (My work)"),
    "document_register": _("register of documents"),
    "document_template": _("document template"),
    "document_write": _("writing an official note"),
    "user": _("user account"),
    "user_activation": _("account activation"),
    "user_list": _("list of users"),
    "user_lockout": _("account lockout"),
    "user_mfa": _("two-step sign-in"),
    "user_password": _("password"),
    "written_form": _("written form"),
    "written_form_spec": _("written form's sections and guidance"),
    "deadline_start": _("deadline started"),
    "deadline_stop": _("deadline stopped"),
    "deadline_warning": _("deadline warning"),
    "deadline_breach": _("deadline missed"),
    "deadline_escalation": _("deadline escalated"),
    "deadline_pause": _("deadline paused"),
    "deadline_resume": _("deadline resumed"),
    "deadline_target": _("deadline target"),
    "deadline_target_list": _("deadline targets"),
    "notification_preference": _("notification preferences"),
}


def record_type_label(code: str) -> str:
    """A record type in words; an unknown code (a new one nobody labelled yet) is shown as
    "other record" rather than as the code."""
    if not code:
        return ""
    label = RECORD_TYPES.get(code)
    return str(label) if label is not None else gettext("other record")


# Set by the accounts app at start-up: audit sits below it and does not import its models.
_role_names: Callable[[], dict[str, str]] | None = None


def register_role_names(source: Callable[[], dict[str, str]]) -> None:
    global _role_names
    _role_names = source


def role_names() -> dict[str, str]:
    """Every role's name in the user's language, by code (one query for a page)."""
    return _role_names() if _role_names is not None else {}


def roles_label(codes: str, names: dict[str, str]) -> str:
    """The comma-joined role codes an event keeps, as role names; no roles: "system"."""
    parts = [c for c in (codes or "").split(",") if c]
    if not parts:
        return gettext("system")
    return ", ".join(names.get(c, gettext("former role")) for c in parts)
