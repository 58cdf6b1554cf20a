"""Start-up check of the registered document types: each default template compiles and
renders with the type's sample, and a type that leaves the Center does not say the person
is a victim of trafficking. A broken type is found when the service starts, not when the
first document of it is issued."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error

from zastita.core.registries.documents import document_types


def check_document_types(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from zastita.documents import rendering
    from zastita.documents.services import PLATFORM_KEYS

    errors: list[Error] = []
    for spec in document_types:
        if spec.can_view is None:
            errors.append(Error(
                f"Document type {spec.code!r} has no need-to-know rule (can_view): its "
                "documents would be shown to nobody.",
                id="documents.E003",
            ))  # fmt: skip
        context = {**spec.sample_context(), **dict.fromkeys(PLATFORM_KEYS, "")}
        try:
            html = rendering.render_body(spec.default_template, context)
        except rendering.TemplateProblem as exc:
            errors.append(Error(
                f"Document type {spec.code!r}: its default template fails at line "
                f"{exc.line}: {exc.reason}",
                id="documents.E001",
            ))  # fmt: skip
            continue
        if spec.addressed_outside and not spec.states_status_lawfully:
            phrase = rendering.states_status(html)
            if phrase is not None:
                errors.append(Error(
                    f"Document type {spec.code!r} goes outside the Center and its default "
                    f"template says {phrase!r} (DOMAIN.md §4).",
                    id="documents.E002",
                ))  # fmt: skip
    return errors
