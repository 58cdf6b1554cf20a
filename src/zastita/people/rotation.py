"""Key rotation for the registry: re-encrypt identities and reveal reasons under the active
key, and recompute their blind indexes, in batches.

Resumable by construction: each batch selects what is still under another key, so an
interrupted run simply continues where it stopped. Search keeps working throughout, because
it queries the digests of every key in the keyring.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.crypto import keyring
from zastita.people.identity import (
    digest,
    seal,
    seal_reason,
    search_values,
    unseal,
    unseal_reason,
)
from zastita.people.models import IdentityReveal, Person, PersonSearchKey


def pending() -> int:
    return Person.objects.exclude(identity_key_id=keyring().active_id).count()


def rotate(
    *,
    batch_size: int = 1000,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Rotates up to `limit` persons (all when None); returns how many were rotated."""
    active = keyring().active_id
    total = pending() if limit is None else min(limit, pending())
    done = 0
    while limit is None or done < limit:
        size = batch_size if limit is None else min(batch_size, limit - done)
        with transaction.atomic():
            batch = list(
                Person.objects.select_for_update()
                .exclude(identity_key_id=active)
                .order_by("pk")[:size]
            )
            if not batch:
                break
            rows = []
            for person in batch:
                identity = unseal(person.identity, person.code)
                person.identity, person.identity_key_id = seal(identity, person.code)
                for kind, value in search_values(identity):
                    key_id, mac = digest(kind, value)
                    rows.append(
                        PersonSearchKey(
                            person=person,
                            kind=kind,
                            digest=mac,
                            key_id=key_id,
                            birth_year=person.birth_year,
                        )
                    )
            Person.objects.bulk_update(batch, ["identity", "identity_key_id"])
            PersonSearchKey.objects.filter(person__in=batch).delete()
            PersonSearchKey.objects.bulk_create(rows)
            for reveal in IdentityReveal.objects.filter(person__in=batch).select_related("person"):
                if not reveal.reason.startswith(f"{active}:"):
                    text = unseal_reason(reveal.reason, reveal.person.code)
                    reveal.reason = seal_reason(text, reveal.person.code)
                    reveal.save(update_fields=["reason"])
            audit_record(
                action=Action.UPDATE, actor=None, object_type="person_keys",
                object_id=f"{batch[0].pk}-{batch[-1].pk}", purpose=Purpose.SECURITY,
            )  # fmt: skip
        done += len(batch)
        if progress:
            progress(done, total)
    return done
