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
        from zastita.cases.subject_access import (
            cases_section,
            engagements_section,
            monitoring_section,
            plans_section,
            proceedings_section,
            reviews_section,
        )
        from zastita.core.registries import retention, subject_access

        sections = (
            ("cases.cases", _("Cases"), ("cases.Case", "cases.CaseTransition", "cases.Closure"),
             cases_section),
            ("cases.plans", _("Protection plans"),
             ("cases.Plan", "cases.Goal", "cases.Task", "cases.PlanSharing"), plans_section),
            ("cases.engagements", _("Services arranged"), ("cases.Engagement", "cases.CaseCost"),
             engagements_section),
            ("cases.monitoring", _("Monitoring"), ("cases.MonitoringContact",),
             monitoring_section),
            ("cases.reviews", _("Reviews"), ("cases.Review",), reviews_section),
            ("cases.proceedings", _("Proceedings"),
             ("cases.CaseProceeding", "cases.ProceedingChange"), proceedings_section),
        )  # fmt: skip
        for order, (code, label, models, build) in enumerate(sections, start=30):
            subject_access.register(
                subject_access.SubjectAccessSection(code, label, order, models, build)
            )
        retention.register(*RULES)

        from zastita.cases.services import refuse_merge
        from zastita.core.registries import person_merge

        # One open case per person: two records with one each are not merged.
        person_merge.register(person_merge.MergeCheck("cases.one_open_case", refuse_merge))

        from zastita.cases.offers import case_offer
        from zastita.cases.person_sections import cases_of_person
        from zastita.core import navigation
        from zastita.core.registries import person_sections
        from zastita.identification.public import case_offers

        # The identification's page offers the case its decision proposes.
        case_offers.provide(case_offer)
        from zastita.cases.proceedings.services import kept_on_case
        from zastita.identification.public import proceedings_kept

        # Once the person has a case, their proceedings are kept on it.
        proceedings_kept.provide(kept_on_case)
        # The person's page lists their cases.
        person_sections.register(person_sections.PersonSection(
            "cases.cases", _("Cases"), 30, cases_of_person, _("None you may see."),
        ))  # fmt: skip
        navigation.register(navigation.NavEntry(_("Cases"), "cases:list", "cases.view", order=47))
        navigation.register(navigation.NavEntry(
            _("What the Center can prove"), "cases:figures", "cases.figures", order=48,
        ))  # fmt: skip

        from zastita.cases.plans import documents as plan_documents
        from zastita.cases.plans import tasks, written
        from zastita.writtenforms.public import on_approved

        # The protection plans: their written forms, documents, and the tasks' deadlines.
        written.register_specs()
        plan_documents.register_types()
        on_approved.register("cases.plans", plan_documents.on_approved)
        tasks.register()
        from zastita.cases import documents as case_documents
        from zastita.cases.reviews import clock

        # Forms 9, 10, 15, 16, 17, 19 and 21.
        case_documents.register_types()
        from zastita.cases.closures import documents as closure_documents
        from zastita.cases.closures import written as closure_written

        # Form 12: the closure, whose approval closes the case.
        closure_written.register_spec()
        closure_documents.register_type()
        on_approved.register("cases.closures", closure_documents.on_approved)

        clock.register()
