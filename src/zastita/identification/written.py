"""The sections of each written form of an identification, with the guidance shown beside
each one. A form's text is saved per section, so the forms and, later, their PDFs and
statistics of completeness read the same structure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from zastita.identification.models import FormKind

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise  # the stubs' type of a lazy string


@dataclass(frozen=True)
class Section:
    key: str
    label: _StrPromise
    guidance: _StrPromise


@dataclass(frozen=True)
class FormSpec:
    kind: FormKind
    # The heading of the printed form, as the Center's forms write it.
    heading: _StrPromise
    sections: tuple[Section, ...]
    # The section that must not be empty when the form is saved by hand.
    required: str

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(section.key for section in self.sections)


FORMS: dict[str, FormSpec] = {
    FormKind.IDENTIFICATION_ASSESSMENT: FormSpec(
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
    FormKind.PERSONAL_ASSESSMENT: FormSpec(
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
    FormKind.NEEDS_ASSESSMENT: FormSpec(
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
    FormKind.FINDINGS: FormSpec(
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
