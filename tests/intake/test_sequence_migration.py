"""The reports' per-year numbers move from intake's own sequence to core's "reports" register
with their last numbers unchanged: the next report continues where the year stopped."""

from __future__ import annotations

import pytest

from zastita.core.sequences import Sequence, sequence_next

from ..conftest import latest, migrate_to

BEFORE = [("intake", "0009_drop_old_idempotency_keys")]


@pytest.mark.django_db(transaction=True)
def test_the_years_last_numbers_are_carried_over():
    old_apps = migrate_to(BEFORE)
    try:
        old = old_apps.get_model("intake", "RegistrySequence")
        old.objects.update_or_create(year=2025, defaults={"last": 168})
        old.objects.update_or_create(year=2026, defaults={"last": 41})
    finally:
        migrate_to(latest("intake") + latest("core"))
    kept = dict(
        Sequence.objects.filter(register="reports", year__in=[2025, 2026]).values_list(
            "year", "last"
        )
    )
    assert kept == {2025: 168, 2026: 41}
    assert sequence_next(register="reports", year=2026) == 42
