"""The written forms of an identification (the Center's forms 3, 4 and 5, and the needs and
state assessment), as specs of the writtenforms platform: version 1 of each one's sections
with the guidance shown beside them, who writes and approves them, and the four-eyes hook
(nobody on the decision's panel approves). Registered in `apps.IdentificationConfig.ready`;
later versions of the sections are data the head of service edits."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.identification.models import FormKind
from zastita.writtenforms.public import FormSpec as PlatformSpec
from zastita.writtenforms.public import Section, Subject

SUBJECT_TYPE = "identification"


def _subject(actor: Any, subject_id: int) -> Subject:
    """The identification for this actor (NotFound alike for missing and forbidden)."""
    from zastita.identification.selectors import identification_get_for_actor

    identification = identification_get_for_actor(actor=actor, identification_id=subject_id)
    return Subject(
        title=identification.person.code,
        back_url=reverse("identification:detail", args=[identification.pk]),
        back_label=str(_("Back to the identification")),
        reads=(("person", identification.person_id),),
    )


def _page_url(kind: str, subject_id: int) -> str:
    return reverse("identification:form", kwargs={"identification_id": subject_id, "kind": kind})


def _panel(subject_id: int) -> set[int]:
    """The members of the panel of the identification's latest decision, if there is one:
    they wrote the findings with the author, so they do not approve the forms either."""
    from zastita.identification.models import Decision

    decision = Decision.objects.filter(identification_id=subject_id).order_by("-pk").first()
    if decision is None:
        return set()
    return {int(m["user"]) for m in decision.panel if m.get("user") is not None}


@dataclass(frozen=True)
class FormSpec(PlatformSpec):
    """A platform spec of this app; `kind` is its code as identification's choice."""

    @property
    def kind(self) -> FormKind:
        return FormKind(self.code)


def _spec(kind: FormKind, heading: Any, required: str, sections: tuple[Section, ...]) -> FormSpec:
    return FormSpec(
        code=str(kind), label=kind.label, subject_type=SUBJECT_TYPE, heading=heading,
        sections=sections, key_section=required, edit_permission="identification.assess",
        approve_permission="identification.approve",
        manage_permission="identification.manage_rules", subject=_subject,
        page_url=partial(_page_url, str(kind)), panel=_panel,
    )  # fmt: skip


FORMS: dict[str, FormSpec] = {
    FormKind.IDENTIFICATION_ASSESSMENT: _spec(
        kind=FormKind.IDENTIFICATION_ASSESSMENT,
        heading=_("ASSESSMENT FOR IDENTIFICATION"),
        required="conclusion",
        sections=(
            Section(
                "sources",
                _("Sources of information"),
                _(
                    "The report, the conversations and interviews, documents, and what other "
                    "institutions said."
                ),
            ),
            Section(
                "act",
                _("The act"),
                _(
                    "Recruitment, transport, transfer, harbouring or receipt: who, when, where "
                    "and how."
                ),
            ),
            Section(
                "means",
                _("The means"),
                _(
                    "Threats, force, deception, abuse of a position of vulnerability, debt, "
                    "control of documents or money. Not needed for a child."
                ),
            ),
            Section(
                "purpose",
                _("The purpose of exploitation"),
                _("The forms of exploitation, and how long they lasted."),
            ),
            Section(
                "indicators",
                _("Indicators established"),
                _("What the indicator assessments found, and what is still unknown."),
            ),
            Section(
                "account",
                _("Consistency of the account"),
                _(
                    "How the person's account agrees with the other sources, and what supports "
                    "or contradicts it."
                ),
            ),
            Section(
                "safety",
                _("Safety risks"),
                _("Risks to the person and their family, and the risk of being trafficked again."),
            ),
            Section(
                "conclusion",
                _("Conclusion of the professional team"),
                _("The team's assessment of whether the person is a victim, and why."),
            ),
        ),
    ),
    FormKind.PERSONAL_ASSESSMENT: _spec(
        kind=FormKind.PERSONAL_ASSESSMENT,
        heading=_("ASSESSMENT OF PERSONALITY, FAMILY AND ENVIRONMENT"),
        required="conclusion",
        sections=(
            Section(
                "personal",
                _("Personal history and characteristics"),
                _(
                    "Development, important events, how the person sees themselves and what "
                    "happened."
                ),
            ),
            Section(
                "health",
                _("Physical and mental health"),
                _("Health, injuries, medicines, psychological state, substance use."),
            ),
            Section(
                "family",
                _("Family and family relations"),
                _(
                    "Who the family is, relations, care, violence, and any part the family "
                    "played in the exploitation."
                ),
            ),
            Section(
                "living",
                _("Housing and living conditions"),
                _("Where and how the person lives, and with whom."),
            ),
            Section(
                "education_work",
                _("Education and work"),
                _("Schooling, skills, work experience, employment."),
            ),
            Section(
                "environment",
                _("Social network and environment"),
                _("Friends, community, school or workplace, and the institutions involved."),
            ),
            Section(
                "strengths",
                _("Strengths and resources"),
                _("What the person and those close to them can rely on."),
            ),
            Section(
                "risks",
                _("Risk and protective factors"),
                _("What makes the person vulnerable, and what protects them."),
            ),
            Section(
                "conclusion",
                _("Conclusion"),
                _("The assessment in brief, as the basis for the findings and the plan."),
            ),
        ),
    ),
    FormKind.NEEDS_ASSESSMENT: _spec(
        kind=FormKind.NEEDS_ASSESSMENT,
        heading=_("NEEDS AND STATE ASSESSMENT"),
        required="priorities",
        sections=(
            Section(
                "state", _("Current state"), _("The person's physical and psychological state now.")
            ),
            Section(
                "safety",
                _("Safety and accommodation"),
                _("Is the person safe tonight? Where can they stay?"),
            ),
            Section(
                "health", _("Health care"), _("Urgent and ongoing health care, health insurance.")
            ),
            Section(
                "psychosocial",
                _("Psychological and social support"),
                _("Counselling, psychotherapy, the social work centre, a guardian for a child."),
            ),
            Section(
                "legal",
                _("Legal aid, documents and residence"),
                _("A lawyer, identity and civil-status documents, residence for a foreigner."),
            ),
            Section(
                "material",
                _("Material needs"),
                _("Food, hygiene, clothes and shoes, money for the first days."),
            ),
            Section(
                "education_work",
                _("Education and employment"),
                _("Return to school, training, work."),
            ),
            Section(
                "family",
                _("Family contact and return"),
                _("Contact with the family, reunification, voluntary return."),
            ),
            Section(
                "priorities",
                _("Urgent needs and priorities"),
                _("What must be done first, and by whom: the start of the protection plan."),
            ),
        ),
    ),
    FormKind.FINDINGS: _spec(
        kind=FormKind.FINDINGS,
        heading=_("FINDINGS AND OPINION"),
        required="findings",
        sections=(
            Section(
                "basis",
                _("Basis and sources of information"),
                _(
                    "The request or report, the conversations, interviews, assessments and "
                    "documents the findings rest on."
                ),
            ),
            Section(
                "findings", _("Findings"), _("What was established, fact by fact, with its source.")
            ),
            Section(
                "assessment",
                _("Assessment"),
                _("The professional assessment of the facts established."),
            ),
            Section("opinion", _("Opinion"), _("The Center's opinion on the person's status.")),
            Section(
                "recommendations",
                _("Recommendations"),
                _("The protection and support recommended."),
            ),
        ),
    ),
}


def form_spec(kind: str) -> FormSpec | None:
    return FORMS.get(kind)
