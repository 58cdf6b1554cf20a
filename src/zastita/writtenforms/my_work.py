"""The "My work" page: the written forms returned to their author with comments, and, for those who
approve them, the forms submitted and awaiting approval (not their own)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, Max, OuterRef
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.my_work import WorkRow, WorkSection, register
from zastita.core.registries.writtenforms import form_specs


def _row(form: Any, detail: str) -> WorkRow | None:
    spec = form_specs.find(form.code)
    if spec is None:
        return None
    return WorkRow(
        label=gettext("%(form)s, no. %(subject)s") % {
            "form": spec.label, "subject": form.subject_id,
        },
        url=spec.page_url(form.subject_id), status=form.get_status_display(), detail=detail,
    )  # fmt: skip


def _authored(actor: Any) -> Any:
    from zastita.writtenforms.models import FormVersion

    return Exists(FormVersion.objects.filter(form=OuterRef("pk"), saved_by=actor))


def returned_to_me(actor: Any, limit: int) -> list[WorkRow]:
    from zastita.writtenforms.models import FormStatus, WrittenForm

    forms = (
        WrittenForm.objects.filter(_authored(actor), status=FormStatus.RETURNED)
        .annotate(returned_at=Max("reviews__reviewed_at"))
        .order_by("-returned_at", "-pk")[: limit + 1]
    )
    rows = []
    for form in forms:
        when = (
            formats.date_format(form.returned_at, "SHORT_DATE_FORMAT") if form.returned_at else ""
        )
        row = _row(form, gettext("returned on %(date)s") % {"date": when})
        if row is not None:
            rows.append(row)
    return rows


def awaiting_my_approval(actor: Any, limit: int) -> list[WorkRow]:
    from zastita.writtenforms.models import FormStatus, WrittenForm

    codes = [s.code for s in form_specs if actor.has_perm(s.approve_permission)]
    if not codes:
        return []
    forms = (
        WrittenForm.objects.filter(code__in=codes, status=FormStatus.SUBMITTED)
        .exclude(_authored(actor))
        .order_by("updated_at", "pk")[: limit + 1]
    )
    rows = []
    for form in forms:
        when = formats.date_format(form.updated_at, "SHORT_DATE_FORMAT")
        row = _row(form, gettext("submitted on %(date)s") % {"date": when})
        if row is not None:
            rows.append(row)
    return rows


def register_sections() -> None:
    register(WorkSection(
        code="writtenforms.returned", title=_("Forms returned to you with comments"), order=30,
        collect=returned_to_me, empty=_("No form is returned to you."),
    ))  # fmt: skip
    register(WorkSection(
        code="writtenforms.approval", title=_("Forms awaiting your approval"), order=45,
        collect=awaiting_my_approval,
    ))  # fmt: skip
