"""The toy app's registrations: its subjects are "toy" records known by id only."""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import AppConfig

TOY_TEMPLATE = """<h1>ЗАПИСНИК О ИГРАЧКИ</h1>
<p>Играчка број {{ toy_id }}: {{ condition }}</p>
"""


def toy_text(subject_id: int, language: str) -> str:
    return f"Toy {subject_id} needs attention"


def toy_link(subject_type: str, subject_id: int) -> str:
    return f"/toys/{subject_id}/"


def toy_deadline_link(subject_id: int) -> str:
    return f"/toys/{subject_id}/"


def toy_recipients(subject_id: int, step: str, at: datetime.datetime) -> list[Any]:
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(username="toy.keeper"))


def toy_subject(actor: Any, subject_id: int) -> Any:
    from zastita.core.registries.writtenforms import Subject

    return Subject(title=f"TOY-{subject_id}", back_url="/", reads=(("toy", subject_id),))


def toy_page(subject_id: int) -> str:
    return f"/toys/{subject_id}/forms/toyapp_check/"


def toy_context(subject_id: int) -> dict[str, Any]:
    return {"toy_id": subject_id, "condition": "очувана"}


def toy_visible(user: Any, subject_id: int) -> bool:
    return True


def toy_sample() -> dict[str, Any]:
    return {"toy_id": 1, "condition": "пример"}


class ToyAppConfig(AppConfig):
    name = "tests.support.toyapp"
    label = "toyapp"

    def ready(self) -> None:
        from zastita.core.registries.deadlines import DeadlineKind, deadline_kinds
        from zastita.core.registries.documents import DocumentType, document_types
        from zastita.core.registries.notifications import (
            IN_APP,
            NotificationKindSpec,
            notification_kinds,
        )
        from zastita.core.registries.writtenforms import FormSpec, Section, form_specs

        notification_kinds.register("toyapp.attention", NotificationKindSpec(
            code="toyapp.attention", label="toy needs attention", text=toy_text, link=toy_link,
            channels=(IN_APP,),
        ))  # fmt: skip
        deadline_kinds.register("toyapp.repair", DeadlineKind(
            code="toyapp.repair", label="toy repair", subject_type="toy",
            default_target=datetime.timedelta(hours=2), warn_at_percent=(50,),
            recipients=toy_recipients, link=toy_deadline_link,
            notify_as={"warning": "toyapp.attention", "breach": "toyapp.attention"},
        ))  # fmt: skip
        document_types.register("toyapp.minutes", DocumentType(
            code="toyapp.minutes", label="toy minutes", subject_type="toy", subject_label="toy",
            context=toy_context, sample_context=toy_sample, default_template=TOY_TEMPLATE,
            addressed_outside=True, can_view=toy_visible,
        ))  # fmt: skip
        form_specs.register("toyapp_check", FormSpec(
            code="toyapp_check", label="toy check", subject_type="toy", heading="TOY CHECK",
            sections=(Section("state", "State", "What state the toy is in.", required=True),),
            key_section="state", edit_permission="identification.assess",
            approve_permission="identification.approve", subject=toy_subject,
            page_url=toy_page,
        ))  # fmt: skip
