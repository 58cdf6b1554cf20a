"""Forms of the assignments pages: a record's assignment and the move of a worker's open
records to another."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.accounts.models import Team, User
from zastita.assignments.selectors import active_teams, assignable_staff


class _StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class _StaffChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


def _staff_queryset() -> Any:
    return User.objects.filter(pk__in=[u.pk for u in assignable_staff()]).order_by("full_name")


class AssignmentForm(forms.Form):
    assignee = _StaffChoice(
        label=_("Assigned worker"), queryset=User.objects.none(), required=False,
        empty_label=_("nobody yet"),
    )  # fmt: skip
    coworkers = _StaffChoices(
        label=_("Co-workers"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They see the record and work on it with the assigned worker."),
    )  # fmt: skip
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("no team")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = _staff_queryset()
        self.fields["assignee"].queryset = staff  # type: ignore[attr-defined]
        self.fields["coworkers"].queryset = staff  # type: ignore[attr-defined]
        self.fields["team"].queryset = Team.objects.filter(  # type: ignore[attr-defined]
            pk__in=[t.pk for t in active_teams()]
        )


class MoveForm(forms.Form):
    """All the open records of one worker to another (leave)."""

    from_user = _StaffChoice(label=_("Hand over the open work of"), queryset=User.objects.none())
    to_user = _StaffChoice(label=_("To the worker"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = _staff_queryset()
        # Whoever worked on cases, a departed worker too (their records must go somewhere).
        workers = [u.pk for u in User.objects.prefetch_related("roles") if "cases.work" in
                   u.capabilities]  # fmt: skip
        self.fields["from_user"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=workers
        ).order_by("full_name")
        self.fields["to_user"].queryset = staff  # type: ignore[attr-defined]


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name of the team"), max_length=120)
    members = _StaffChoices(
        label=_("Members"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    is_active = forms.BooleanField(
        label=_("Active"), required=False, initial=True,
        help_text=_("A team no longer active keeps its history but gets no new records."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = _staff_queryset()  # type: ignore[attr-defined]
