"""The platform on a toy spec (subject type "toy"), with no change to the platform: a form
filled, returned with comments, revised, resubmitted and approved by a second person; four
eyes; conflicts; drafts saved automatically; encryption bound to the record; approval
callbacks."""

from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag
from django.utils import translation

from zastita.audit.models import Action
from zastita.core.crypto import keyring
from zastita.core.errors import Conflict, NotFound, ValidationError
from zastita.writtenforms import public
from zastita.writtenforms.models import FormReview, FormStatus, FormVersion, WrittenForm
from zastita.writtenforms.selectors import version_context

from ..conftest import events
from .toy import PANEL, TOY_CODE

TEXT = {"seen": "Видела је пасош код газде.", "plan": "Смештај у прихватилиште."}


def save(actor, base: int = 0, subject_id: int = 1, **kwargs):
    sections = kwargs.pop("sections", TEXT)
    return public.form_save(actor=actor, code=TOY_CODE, subject_id=subject_id,
                            sections=sections, base_version=base, **kwargs)  # fmt: skip


def _form(subject_id: int = 1) -> WrittenForm:
    return WrittenForm.objects.get(code=TOY_CODE, subject_type="toy", subject_id=subject_id)


def test_a_round_returned_with_comments_revised_and_approved_by_another(
    toy_spec, worker_user, head
):
    save(worker_user)
    form = _form()
    assert form.status == FormStatus.SUBMITTED
    review = public.form_return(actor=head, form=form, version=1,
                                comments="Наведи ко је видео пасош.")  # fmt: skip
    review.refresh_from_db()
    assert "пасош" not in review.comments  # encrypted, bound to its review
    assert public.review_comments(review) == "Наведи ко је видео пасош."
    assert _form().status == FormStatus.RETURNED
    save(worker_user, base=1, sections={**TEXT, "seen": "Радница је видела пасош."})
    assert _form().status == FormStatus.SUBMITTED
    public.form_approve(actor=head, form=_form(), version=2)
    form = _form()
    assert (form.status, form.approved_version, form.approved_by) == ("approved", 2, head)
    assert public.approved_text(form) == {"seen": "Радница је видела пасош.", "plan": TEXT["plan"]}
    rounds = [(r.event, r.version, r.comments) for r in public.history(form)]
    assert rounds == [
        ("submitted", 1, ""),
        ("returned", 1, "Наведи ко је видео пасош."),
        ("resubmitted", 2, ""),
        ("approved", 2, ""),
    ]
    assert events(action=Action.TRANSITION, object_type="written_form", actor=head)
    # Approved: no longer edited.
    with pytest.raises(ValidationError):
        save(worker_user, base=2)


def test_the_author_cannot_approve_their_own_form(toy_spec, head):
    save(head)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        public.form_approve(actor=head, form=_form(), version=1)
    assert "another person approves it" in refused.value.summary()
    assert _form().approved_at is None


def test_anyone_who_saved_a_version_is_an_author(toy_spec, worker_user, head):
    save(worker_user, autosave=True, sections={"seen": "пола"})
    save(head, base=1)
    with pytest.raises(ValidationError):
        public.form_approve(actor=head, form=_form(), version=2)


def test_a_panel_member_cannot_approve(toy_spec, worker_user, head, make_user):
    save(worker_user)
    PANEL.add(head.pk)
    with pytest.raises(ValidationError):
        public.form_approve(actor=head, form=_form(), version=1)
    other = make_user("head_of_service", username="second-head")
    public.form_approve(actor=other, form=_form(), version=1)
    assert _form().approved_by == other


def test_a_stale_save_and_a_stale_approval_are_conflicts(toy_spec, worker_user, head):
    save(worker_user)
    with pytest.raises(Conflict):
        save(worker_user, base=0)
    save(worker_user, base=1)
    with pytest.raises(Conflict):
        public.form_approve(actor=head, form=_form(), version=1)
    with pytest.raises(Conflict):
        public.form_return(actor=head, form=_form(), version=1, comments="Старо читање.")
    assert FormVersion.objects.count() == 2


def test_a_draft_saved_automatically_or_incomplete_is_not_approved(toy_spec, worker_user, head):
    save(worker_user, autosave=True, sections={"seen": "пола реченице"})
    for review in (
        lambda: public.form_approve(actor=head, form=_form(), version=1),
        lambda: public.form_return(actor=head, form=_form(), version=1, comments="Допуни."),
    ):
        with pytest.raises(ValidationError):
            review()
    with pytest.raises(ValidationError) as missing:
        save(worker_user, base=1, sections={"seen": "без плана"})
    assert "plan" in missing.value.fields


def test_comments_are_required_to_return(toy_spec, worker_user, head):
    save(worker_user)
    with pytest.raises(ValidationError) as empty:
        public.form_return(actor=head, form=_form(), version=1, comments="  ")
    assert "comments" in empty.value.fields
    assert not FormReview.objects.exists()


def test_only_the_approver_approves_and_only_writers_save(toy_spec, worker_user, make_user):
    save(worker_user)
    with pytest.raises(NotFound):
        public.form_approve(actor=make_user("worker", username="w2"), form=_form(), version=1)
    with pytest.raises(NotFound):
        save(make_user("analyst"), base=1)
    with pytest.raises(NotFound):  # a subject the actor may not see
        save(worker_user, subject_id=999)


def test_the_text_is_bound_to_its_form_and_version(toy_spec, worker_user):
    first = save(worker_user, subject_id=1)
    second = save(worker_user, subject_id=2, sections={"plan": "друго"})
    assert "пасош" not in first.sections
    with pytest.raises(InvalidTag):  # the keyring refuses the wrong record
        keyring().decrypt(first.sections, context=version_context(second.form_id, 1))
    with pytest.raises(InvalidTag):
        keyring().decrypt(first.sections, context=version_context(first.form_id, 2))


@pytest.mark.django_db(transaction=True)
def test_the_approval_callbacks_are_told_in_the_approvals_transaction(toy_spec, worker_user, head):
    said: list[public.Approved] = []
    public.on_approved.register("test", said.append)
    try:
        save(worker_user)
        public.form_approve(actor=head, form=_form(), version=1)
    finally:
        public.on_approved.unregister("test")
    assert [(a.code, a.subject_type, a.subject_id, a.version, a.approver_id) for a in said] == [
        (TOY_CODE, "toy", 1, 1, head.pk)
    ]


@pytest.mark.django_db(transaction=True)
def test_a_failing_callback_leaves_the_form_unapproved(toy_spec, worker_user, head):
    def refuse(approved: public.Approved) -> None:
        raise RuntimeError("the document could not be issued")

    public.on_approved.register("refuse", refuse)
    try:
        save(worker_user)
        with pytest.raises(RuntimeError):
            public.form_approve(actor=head, form=_form(), version=1)
    finally:
        public.on_approved.unregister("refuse")
    assert _form().approved_version is None  # nothing half-saved
