"""Forms of the plan's page: how the person took part, a goal, a task, a consent to share,
and the end of a task. What the user typed comes back with the message at its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import Participation, Responsible, TaskStatus
from zastita.core.dates import SerbianDateField
from zastita.partners.models import Provider


class DetailsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    participation = forms.ChoiceField(label=_("The person's participation"),
                                      choices=Participation.choices)  # fmt: skip
    consented_on = SerbianDateField(label=_("The person agreed to the plan on"), required=False,
                                    not_future=True)  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "details_%s")  # one page holds several forms
        super().__init__(*args, **kwargs)


class GoalForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Goal, in the person's words"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "goal_%s")  # one page holds several forms
        super().__init__(*args, **kwargs)


def _providers() -> Any:
    return Provider.objects.filter(is_active=True).select_related("organisation")


class ProviderChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class TaskForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    goal = forms.TypedChoiceField(label=_("Goal"), coerce=int)
    text = forms.CharField(label=_("Task"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    responsible = forms.ChoiceField(label=_("Responsible"), choices=Responsible.choices)
    worker = forms.TypedChoiceField(label=_("Worker of the Center"), coerce=int, required=False,
                                    empty_value=None)  # fmt: skip
    provider = ProviderChoice(label=_("Provider"), queryset=Provider.objects.none(),
                              required=False)  # fmt: skip
    due_on = SerbianDateField(label=_("Due"))

    def __init__(self, *args: Any, goals: list[tuple[int, str]], workers: list[tuple[int, str]],
                 **kwargs: Any) -> None:  # fmt: skip
        kwargs.setdefault("auto_id", "task_%s")
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = goals  # type: ignore[attr-defined]
        self.fields["worker"].choices = [("", "—"), *workers]  # type: ignore[attr-defined]
        self.fields["provider"].queryset = _providers()  # type: ignore[attr-defined]


class SharingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    goal = forms.TypedChoiceField(label=_("Goal"), coerce=int)
    provider = ProviderChoice(label=_("Provider"), queryset=Provider.objects.none())
    consented_on = SerbianDateField(label=_("The person agreed on"), not_future=True)

    def __init__(self, *args: Any, goals: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "sharing_%s")
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = goals  # type: ignore[attr-defined]
        self.fields["provider"].queryset = _providers()  # type: ignore[attr-defined]


class EndTaskForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(TaskStatus.DONE.value, TaskStatus.DONE.label),
                 (TaskStatus.DROPPED.value, TaskStatus.DROPPED.label)],
    )  # fmt: skip
    reason = forms.CharField(label=_("What was done, or why it was dropped"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "end_%s")  # one page holds several forms
        super().__init__(*args, **kwargs)
