"""The one version check (ARCHITECTURE.md §3.7): a write made from a replaced version is a
conflict, with the default message or the caller's; no version sent means nothing to
compare."""

from __future__ import annotations

import pytest

from zastita.core.concurrency import check_version
from zastita.core.errors import Conflict


def test_the_same_version_passes_and_no_version_is_not_compared() -> None:
    check_version(3, 3)
    check_version(3, None)


@pytest.mark.parametrize("submitted", [2, 4, 0])
def test_another_version_is_a_conflict(submitted: int) -> None:
    with pytest.raises(Conflict) as refused:
        check_version(3, submitted)
    assert refused.value.status == 409
    assert str(refused.value.message) == str(Conflict.default_message)


def test_the_caller_may_say_what_happened() -> None:
    with pytest.raises(Conflict) as refused:
        check_version(3, 2, "A newer version was saved.")
    assert refused.value.message == "A newer version was saved."
