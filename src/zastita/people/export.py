"""Subject access: everything the registry holds about one person, as JSON and as PDF.

It contains the person's own data only: staff appear by role, never by name, and nothing
about any other person is included.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from zastita.audit.labels import record_type_label, role_names, roles_label
from zastita.audit.models import Action, AuditEvent, Purpose
from zastita.core import reference
from zastita.core.pdf_render import html_to_pdf
from zastita.core.registries.subject_access import (
    SectionData,
    SubjectAccessSection,
    subject_access_sections,
)
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


def _sections(person_ids: list[int]) -> list[tuple[SubjectAccessSection, SectionData]]:
    """Every app's section, in order, as registered at start-up."""
    found = []
    # The person's own record is a subject too (a note written about the person, form 6).
    subjects: list[tuple[str, int]] = [("person", pid) for pid in person_ids]
    for section in sorted(subject_access_sections, key=lambda s: s.order):
        if section.collect is not None:
            data = section.collect(person_ids, list(subjects))
            subjects += data.subjects
            found.append((section, data))
    return found


def _access_events(ids: list[str], sections: list[tuple[SubjectAccessSection, SectionData]]):  # type: ignore[no-untyped-def]
    """The access log about the person: their registry record and every record the sections
    name as theirs."""
    query = Q(object_type__in=["person", "person_merge"], object_id__in=ids)
    by_type: dict[str, set[str]] = {}
    for _section, data in sections:
        for object_type, object_id in data.audit_objects:
            by_type.setdefault(object_type, set()).add(str(object_id))
    for object_type, object_ids in by_type.items():
        query |= Q(object_type=object_type, object_id__in=sorted(object_ids))
    return AuditEvent.objects.filter(query).order_by("seq")


def subject_access_data(person: Person) -> dict[str, Any]:
    identity = unseal(person.identity, person.code)
    absorbed = list(person.merged_from.all())
    ids = [str(person.pk), *(str(p.pk) for p in absorbed)]
    sections = _sections([person.pk, *(p.pk for p in absorbed)])
    access = _access_events(ids, sections)
    identity_data = identity.to_dict()
    names = role_names()
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
                # The roles by name, in the language of the export.
                "by_role_names": roles_label(e.actor_roles, names),
                "purpose": e.purpose,
                "record_type": e.object_type,
            }
            for e in access
        ],
        # What the other apps hold: reports, identifications, documents, …
        "sections": {section.code: data.rows for section, data in sections},
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


def _section_rows(row: dict[str, Any], data: SectionData) -> list[tuple[str, str]]:
    rows = []
    for key, value in row.items():
        if key in data.choices:
            shown = str(data.choices[key].get(value, value)) if value not in (None, "") else "—"
        elif isinstance(value, str) and _looks_like_time(value):
            shown = _when("since" if len(value) == 10 else "at", value)
        else:
            shown = _text(key, value)
        rows.append((str(data.labels.get(key, key)), shown))
    return rows


def _looks_like_time(value: str) -> bool:
    """ISO dates and date-times in a section's rows (the only values that parse as such)."""
    if len(value) < 10 or value[4:5] != "-" or value[7:8] != "-":
        return False
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def subject_access_json(person: Person) -> bytes:
    return json.dumps(subject_access_data(person), ensure_ascii=False, indent=2).encode()


def subject_access_pdf(person: Person) -> bytes:
    data = subject_access_data(person)
    absorbed = list(person.merged_from.all())
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
                "by_roles": p["by_role_names"],
                "purpose": _text("purpose", p["purpose"]),
                "what": record_type_label(p["record_type"]),
            }
            for p in data["processing"]
        ],
        "sections": [
            {
                "title": section.title,
                "rows": [_section_rows(row, section_data) for row in section_data.rows],
            }
            for section, section_data in _sections([person.pk, *(p.pk for p in absorbed)])
            if section_data.rows
        ],
    }
    html = render_to_string("people/subject_access.html", context)
    return html_to_pdf(html)
