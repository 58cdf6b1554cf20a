"""Subject access: everything the registry holds about one person, as JSON and as PDF.

It contains the person's own data only: staff appear by role, never by name, and nothing
about any other person is included.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from zastita.audit.labels import role_names, roles_label
from zastita.audit.models import Action, AuditEvent, Purpose
from zastita.core import reference
from zastita.people.identity import unseal
from zastita.people.models import (
    DocumentHolder,
    DocumentType,
    Education,
    Ethnicity,
    MaritalStatus,
    Person,
    PersonRelation,
    RelationKind,
    Sex,
)


def subject_access_data(person: Person) -> dict[str, Any]:
    identity = unseal(person.identity, person.code)
    absorbed = list(person.merged_from.all())
    ids = [str(person.pk), *(str(p.pk) for p in absorbed)]
    access = AuditEvent.objects.filter(
        object_type__in=["person", "person_merge"], object_id__in=ids
    ).order_by("seq")
    identity_data = identity.to_dict()
    return {
        "exported_at": timezone.now().isoformat(),
        "code": person.code,
        "merged_codes": [p.code for p in absorbed],
        "identity": identity_data,
        "descriptive": {
            "sex": person.sex,
            "birth_year": person.birth_year,
            "estimated_age": person.estimated_age,
            "age_disputed": person.age_disputed,
            "citizenships": person.citizenships,
            "languages": person.languages,
            "disability": person.disability,
            "marital_status": person.marital_status,
            "education": person.education,
            "ethnicity": person.ethnicity,
            "sealed": person.sealed,
            "registered_at": person.created_at.isoformat(),
        },
        # Relations by kind and dates only: who the relative is, is the relative's own data.
        "relations": [
            {
                "kind": r.kind,
                "since": r.since.isoformat() if r.since else None,
                "ended_on": r.ended_on.isoformat() if r.ended_on else None,
            }
            for r in PersonRelation.objects.filter(person=person)
        ],
        # Who processed the data, by role: the staff members' own identities are not included.
        "processing": [
            {
                "at": e.occurred_at.isoformat(),
                "action": e.action,
                "by_roles": e.actor_roles or "system",
                "purpose": e.purpose,
            }
            for e in access
        ],
    }


_LABELS = {
    "first_name": _("First name"),
    "last_name": _("Surname"),
    "parent_name": _("Parent's name"),
    "maiden_name": _("Maiden name"),
    "aliases": _("Nicknames and other names"),
    "jmbg": _("ЈМБГ"),
    "birth_date": _("Date of birth"),
    "place_of_birth": _("Place of birth"),
    "addresses": _("Addresses"),
    "phones": _("Phone numbers"),
    "emails": _("E-mail"),
    "documents": _("Identity documents"),
    "notes": _("Notes"),
    "code": _("Code"),
    "sex": _("Sex"),
    "birth_year": _("Year of birth"),
    "estimated_age": _("estimated age"),
    "age_disputed": _("Age is disputed"),
    "citizenships": _("citizenships"),
    "languages": _("languages"),
    "disability": _("disability"),
    "marital_status": _("Marital status"),
    "education": _("Education"),
    "ethnicity": _("Ethnicity (as the person declares it)"),
    "sealed": _("Sealed file"),
    "registered_at": _("Registered"),
}
_CHOICES: dict[str, dict[str, Any]] = {
    "sex": dict(Sex.choices),
    "marital_status": dict(MaritalStatus.choices),
    "education": dict(Education.choices),
    "ethnicity": dict(Ethnicity.choices),
    "kind": dict(RelationKind.choices),
    "action": dict(Action.choices),
    "purpose": dict(Purpose.choices),
}


# The JSON keeps ISO 8601 (a machine reads it); the PDF shows these in the Serbian format.
_DATETIMES = {"at", "registered_at", "exported_at"}
_DATES = {"since", "ended_on", "birth_date"}


def _when(key: str, value: str) -> str:
    """An ISO date or date-time from the data, as the reader's local date (and time)."""
    try:
        if key in _DATES:
            return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        moment = timezone.localtime(datetime.datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)
    return formats.date_format(moment, "DATETIME_FORMAT")


def _text(key: str, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if key in _DATETIMES | _DATES and isinstance(value, str):
        return _when(key, value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if key in _CHOICES:
        return str(_CHOICES[key].get(value, value))
    if key == "citizenships":
        return ", ".join(reference.country_name(code) for code in value)
    if key == "languages":
        return ", ".join(reference.language_name(code) for code in value)
    if key == "documents":
        held_by = _("held by")
        types, holders = dict(DocumentType.choices), dict(DocumentHolder.choices)
        return "; ".join(
            ", ".join(
                str(v)
                for v in (types.get(d.get("type"), d.get("type")), d.get("number"), d.get("issuer"))
                if v
            )
            + (f" ({held_by}: {holders.get(d['holder'], d['holder'])})" if d.get("holder") else "")
            for d in value
        )
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def labelled_rows(section: dict[str, Any]) -> list[tuple[str, str]]:
    """Human-readable rows for the PDF: translated labels, lists and choices spelled out."""
    return [
        (str(_LABELS.get(key, key)), _text(key, value))
        for key, value in section.items()
        if key != "merged"
    ]


def subject_access_json(person: Person) -> bytes:
    return json.dumps(subject_access_data(person), ensure_ascii=False, indent=2).encode()


def subject_access_pdf(person: Person) -> bytes:
    from weasyprint import HTML

    data = subject_access_data(person)
    names = role_names()
    context = {
        "data": data,
        "exported_text": _when("exported_at", data["exported_at"]),
        "identity_rows": labelled_rows(data["identity"]),
        "merged_rows": [labelled_rows(other) for other in data["identity"]["merged"]],
        "descriptive_rows": labelled_rows(data["descriptive"]),
        "relations": [
            {k: _text(k, v) for k, v in relation.items()} for relation in data["relations"]
        ],
        "processing": [
            {
                "at": _when("at", p["at"]),
                "action": _text("action", p["action"]),
                "by_roles": roles_label("" if p["by_roles"] == "system" else p["by_roles"], names),
                "purpose": _text("purpose", p["purpose"]),
            }
            for p in data["processing"]
        ],
    }
    html = render_to_string("people/subject_access.html", context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/a-3b")
