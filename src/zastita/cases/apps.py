"""App configuration for protection: the case after identification (L4)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "zastita.cases"
    label = "cases"
    verbose_name = _("Protection")

    def ready(self) -> None:
        from zastita.cases import assignments, scopes

        # Its records' need-to-know scope, for break-the-glass and the access matrix.
        scopes.register()
        # Cases are assigned records (the case manager, co-workers, a team).
        assignments.register()

        from zastita.cases.retention import RULES
        from zastita.cases.subject_access import cases_section
        from zastita.core.registries import retention, subject_access

        subject_access.register(
            subject_access.SubjectAccessSection(
                "cases.cases", _("Cases"), 30, ("cases.Case", "cases.CaseTransition"),
                cases_section,
            )
        )  # fmt: skip
        retention.register(*RULES)

        from zastita.cases.services import refuse_merge
        from zastita.core.registries import person_merge

        # One open case per person: two records with one each are not merged.
        person_merge.register(person_merge.MergeCheck("cases.one_open_case", refuse_merge))
