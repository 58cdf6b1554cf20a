"""`zastita seed --persons N` fills the registry with synthetic persons, findable by spelling."""

from __future__ import annotations

import io

from django.core.management import call_command

from zastita.core.synthetic import generate
from zastita.core.transliteration import to_latin
from zastita.people.models import Person, PersonSearchKey
from zastita.people.selectors import person_search


def test_seeded_persons_are_encrypted_searchable_and_idempotent(worker_user):
    out, err = io.StringIO(), io.StringIO()
    call_command("seed", persons=300, seed=4, batch=120, stdout=out, stderr=err)
    assert "Created 300 synthetic persons" in out.getvalue()
    assert "300/300" in err.getvalue()  # the progress bar reached the end
    assert Person.objects.count() == 300
    assert all(code.startswith("S-") for code in Person.objects.values_list("code", flat=True))
    assert PersonSearchKey.objects.count() > 300 * 4
    cyrillic = next(p for p in generate(300, seed=4) if p.written_as == "cyrillic")
    typed = to_latin(cyrillic.surname).replace("ć", "c").replace("č", "c")
    cards = person_search(actor=worker_user, text=f"{typed} {cyrillic.birth_year or ''}".strip())
    assert cards
    again = io.StringIO()
    call_command("seed", persons=300, seed=4, stdout=again, stderr=io.StringIO())
    assert "Created 0 synthetic persons" in again.getvalue()
    assert Person.objects.count() == 300
