"""The protection plan (план заштите): the initial plan (form 7) and the service plan
(form 8), each a series of revisions that never overwrite each other. A revision holds the
goals agreed with the person, in their words, each with its tasks (who is responsible, by
when, and how it ended), and the person's consent to share parts of it with providers. Its
narrative is a written form on the platform (subject "plan"), approved by the head of
service and issued as a numbered document; the texts about the person are encrypted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.cases.models.case import Case
from zastita.core.models import BaseModel


class PlanKind(models.TextChoices):
    INITIAL = "initial", _("initial plan")
    SERVICE = "service", _("service plan")


class Participation(models.TextChoices):
    """How the person took part in making the plan (seed 001: «уз пуну партиципацију»)."""

    FULL = "full", _("full participation")
    PARTIAL = "partial", _("partial participation")
    NONE = "none", _("could not take part")


class Plan(BaseModel):
    """One revision of a case's initial or service plan. `revises` is the revision it
    follows; once approved, a revision is read-only and a change is a new revision."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(_("plan"), max_length=10, choices=PlanKind.choices)
    revision = models.PositiveIntegerField(default=1)
    revises = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revised_by"
    )
    plan_date = models.DateField(_("date of the plan"))
    participation = models.CharField(
        _("the person's participation"), max_length=10, choices=Participation.choices,
        default=Participation.FULL,
    )  # fmt: skip
    # The person agreed to the plan (when); empty until they did.
    consented_on = models.DateField(_("the person agreed to the plan on"), null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    # When a later revision was approved in its place.
    superseded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case_id", "kind", "revision"]
        verbose_name = _("protection plan")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "revision"], name="cases_plan_revision_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} r{self.revision}"

    @property
    def is_draft(self) -> bool:
        return self.approved_at is None

    @property
    def form_code(self) -> str:
        return f"cases.plan_{self.kind}"


class Goal(models.Model):
    """A goal of a plan, agreed with the person and written in their words (encrypted)."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="goals")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()  # encrypted

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("goal of a protection plan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="cases_goal_position_once")
        ]

    def __str__(self) -> str:
        return f"goal {self.position}"


class Responsible(models.TextChoices):
    PERSON = "person", _("the person")
    WORKER = "worker", _("a worker of the Center")
    PROVIDER = "provider", _("a provider")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")
    # Carried into a later revision of the plan, which goes on with it.
    CARRIED = "carried", _("carried into the revised plan")
    # Ended by the case's closure: handed over with the case to another institution.
    HANDED_OVER = "handed_over", _("handed over with the case")


class Task(models.Model):
    """A task of a goal: what (encrypted), who is responsible, by when, and how it ended
    (when and why, the why encrypted). An open task of an approved plan runs a deadline."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="tasks")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()  # encrypted
    responsible = models.CharField(_("responsible"), max_length=10, choices=Responsible.choices)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    provider = models.ForeignKey(
        "partners.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)  # encrypted
    # The closure whose approval ended it (dropped, or handed over with the case).
    settled_by = models.ForeignKey(
        "cases.Closure", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    # The task of the earlier revision this one carries on.
    carries = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="carried_into"
    )

    class Meta:
        ordering = ["goal", "position"]
        verbose_name = _("task of a protection plan")
        constraints = [
            models.UniqueConstraint(fields=["goal", "position"], name="cases_task_position_once"),
            models.CheckConstraint(
                condition=(
                    models.Q(responsible="worker", worker__isnull=False, provider__isnull=True)
                    | models.Q(responsible="provider", provider__isnull=False,
                               worker__isnull=True)
                    | models.Q(responsible="person", worker__isnull=True, provider__isnull=True)
                ),
                name="cases_task_one_responsible",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"task {self.position}"


class PlanSharing(models.Model):
    """The person's consent to share a goal of the plan (with its tasks) with a provider.
    Nothing of the plan reaches a provider without it."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="sharing")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="sharing")
    provider = models.ForeignKey("partners.Provider", on_delete=models.PROTECT, related_name="+")
    consented_on = models.DateField()

    class Meta:
        ordering = ["plan", "goal", "provider"]
        verbose_name = _("consent to share a plan with a provider")
        constraints = [
            models.UniqueConstraint(fields=["goal", "provider"], name="cases_sharing_once")
        ]

    def __str__(self) -> str:
        return f"goal {self.goal_id} -> provider {self.provider_id}"
