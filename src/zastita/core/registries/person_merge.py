"""Merging two person records: each app that keeps records about a person may refuse a
merge that would break one of its rules (two open cases for one person). The people app
sits below those apps and never imports them: it asks this registry before it merges.

A check is given the ids of the two sides (each record with the records merged into it
before) and answers with the reason in words, or None to let the merge go on. The reason
names records by their numbers, never a person."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from zastita.core.registries import Registry


@dataclass(frozen=True)
class MergeCheck:
    code: str
    refuse: Callable[[list[int], list[int]], str | Promise | None]


merge_checks: Registry[MergeCheck] = Registry("person merge checks")


def register(check: MergeCheck) -> MergeCheck:
    return merge_checks.register(check.code, check)


def refusal(kept_ids: list[int], absorbed_ids: list[int]) -> str | None:
    """The first check's reason to refuse the merge, or None."""
    for check in merge_checks:
        reason = check.refuse(kept_ids, absorbed_ids)
        if reason:
            return str(reason)
    return None
