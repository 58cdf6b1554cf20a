"""Files a crash left behind: written to disk, but the transaction that was to write their
row never committed. The worker removes them once they are older than a grace period
(longer than any transaction runs), and records how many it removed.

Every model that keeps stored files (`StoredFileFields`: a report's attachments, an
identification's documents, and any added later) is asked, so a file with a row anywhere
stays. Only names `core.files` gives (32 hex digits) are considered: anything else in the
directory is not this module's to remove. The audit event holds counts and a code, never a
file's name."""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from itertools import batched

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zastita.audit.models import Action
from zastita.audit.services import audit_record
from zastita.core.models import StoredFileFields

DEFAULT_GRACE = timedelta(hours=24)
OBJECT_TYPE = "orphaned_file"
_STORAGE_NAME = re.compile(r"[0-9a-f]{32}")
_BATCH = 500


def grace() -> timedelta:
    seconds = getattr(settings, "ZASTITA_ORPHAN_GRACE_SECONDS", None)
    return DEFAULT_GRACE if seconds is None else timedelta(seconds=int(seconds))


def stored_file_models() -> list[type[StoredFileFields]]:
    return [m for m in apps.get_models() if issubclass(m, StoredFileFields)]


def _old_enough(now: datetime) -> set[str]:
    directory = settings.ZASTITA_ATTACHMENTS_DIR
    if not directory.is_dir():
        return set()
    cutoff = (now - grace()).timestamp()
    names = set()
    with os.scandir(directory) as entries:
        for entry in entries:
            if (
                _STORAGE_NAME.fullmatch(entry.name)
                and entry.is_file(follow_symlinks=False)
                and entry.stat(follow_symlinks=False).st_mtime < cutoff
            ):
                names.add(entry.name)
    return names


def _with_a_row(names: set[str]) -> set[str]:
    known: set[str] = set()
    for model in stored_file_models():
        for batch in batched(sorted(names), _BATCH):
            rows = model._base_manager.filter(storage_name__in=batch)
            known.update(rows.values_list("storage_name", flat=True))
    return known


def sweep_orphans(*, now: datetime | None = None) -> int:
    """Removes the files older than the grace period that no row points to; returns how
    many. Writes one audit event when it removed any."""
    candidates = _old_enough(now or timezone.now())
    if not candidates:
        return 0
    with transaction.atomic():
        # Asked inside the transaction, so a row committed meanwhile is seen.
        orphans = candidates - _with_a_row(candidates)
        if not orphans:
            return 0
        removed = 0
        for name in sorted(orphans):
            path = settings.ZASTITA_ATTACHMENTS_DIR / name
            try:
                path.unlink()
            except FileNotFoundError:
                continue  # another worker removed it first
            removed += 1
        if removed:
            audit_record(
                action=Action.ERASE, actor=None, object_type=OBJECT_TYPE,
                object_id=str(removed), reason_ref=f"grace_seconds:{int(grace().total_seconds())}",
            )  # fmt: skip
    return removed


def sweep_job() -> dict[str, int]:
    """The worker's periodic job: once an hour is enough (it lists the whole directory and
    asks every file's row)."""
    return {"orphans_removed": sweep_orphans()}
