"""Specs are versioned data: version 1 is the registered spec (seeded for identification's
four by a migration), the head of service saves a later one once it is checked (refused
with the line and the reason), and each version of a form records the spec it was written
under."""

from __future__ import annotations

import pytest
from django.utils import translation

from zastita.core.errors import NotFound, ValidationError
from zastita.identification.written import FORMS
from zastita.writtenforms import public
from zastita.writtenforms.models import SpecVersion, WrittenForm
from zastita.writtenforms.selectors import spec_at, spec_in_use
from zastita.writtenforms.services import spec_version_save
from zastita.writtenforms.specs import SpecError, parse, render

from .toy import TOY_CODE

V2 = """heading: TOY NOTE
key_section: plan
sections:
  - key: plan
    label: Plan
    guidance: What happens next, and who does it.
    required: true
  - key: risks
    label: Risks
    guidance: What could go wrong.
"""


@pytest.mark.parametrize("code", [str(code) for code in FORMS])
def test_each_registered_spec_reads_back_as_it_was_registered(code):
    spec = FORMS[code]
    parsed = parse(render(spec))
    assert parsed.keys == spec.keys
    assert parsed.key_section == spec.key_section
    assert parsed.required_keys() == (spec.key_section,)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("sections: [\n  - key: a\n", 2, "YAML"),
        ("heading: x\n", 1, "sections"),
        (
            "key_section: a\nsections:\n  - key: a\n    label: A\n  - key: a\n    label: B\n",
            5,
            "twice",
        ),
        ("key_section: b\nsections:\n  - key: a\n    label: A\n", 1, "key section"),
        (
            "key_section: a\nsections:\n  - key: a\n    label: A\n    required: maybe\n",
            5,
            "true or false",
        ),
        ("key_section: a\nsections:\n  - key: A b\n    label: A\n", 3, "lower-case"),
        ("key_section: a\nsections:\n  - key: a\n", 3, "label"),
        ("key_section: a\ncolour: red\nsections:\n  - key: a\n    label: A\n", 2, "colour"),
    ],
)
def test_a_wrong_spec_is_refused_with_the_line_and_the_reason(text, line, reason):
    with translation.override("en"), pytest.raises(SpecError) as refused:
        parse(text)
    assert refused.value.line == line
    assert reason in refused.value.reason


def test_identifications_specs_are_seeded_as_version_1(db):
    codes = set(SpecVersion.objects.filter(number=1).values_list("code", flat=True))
    assert codes >= {str(code) for code in FORMS}
    seeded = SpecVersion.objects.get(code="findings", number=1)
    assert parse(seeded.text).keys == FORMS["findings"].keys


def test_a_new_version_is_used_for_new_saves_and_old_ones_keep_theirs(toy_spec, worker_user, head):
    public.form_save(actor=worker_user, code=TOY_CODE, subject_id=1,
                     sections={"plan": "план", "seen": "виђено"}, base_version=0)  # fmt: skip
    version = spec_version_save(actor=head, code=TOY_CODE, text=V2, comment="Ризици додати.")
    assert version.number == 2
    number, parsed = spec_in_use(TOY_CODE)
    assert (number, parsed.keys) == (2, ("plan", "risks"))
    public.form_save(actor=worker_user, code=TOY_CODE, subject_id=1,
                     sections={"plan": "план 2", "risks": "бег"}, base_version=1)  # fmt: skip
    form = WrittenForm.objects.get(code=TOY_CODE)
    assert [(v.number, v.spec_version) for v in form.versions.order_by("number")] == [
        (1, 1), (2, 2)
    ]  # fmt: skip
    assert spec_at(TOY_CODE, 1).keys == ("seen", "plan")


def test_a_wrong_spec_is_not_saved(toy_spec, head):
    with pytest.raises(ValidationError) as refused:
        spec_version_save(actor=head, code=TOY_CODE, text="sections: [", comment="покварено")
    assert "Line" in refused.value.fields["text"][0] or "Ред" in refused.value.fields["text"][0]
    with pytest.raises(ValidationError) as no_comment:
        spec_version_save(actor=head, code=TOY_CODE, text=V2, comment="")
    assert "comment" in no_comment.value.fields
    assert not SpecVersion.objects.filter(code=TOY_CODE).exists()


def test_only_the_head_of_service_edits_a_spec(toy_spec, worker_user):
    with pytest.raises(NotFound):
        spec_version_save(actor=worker_user, code=TOY_CODE, text=V2, comment="Ризици додати.")
    with pytest.raises(NotFound):
        spec_version_save(actor=worker_user, code="nope", text=V2, comment="Ризици додати.")
