"""Background housekeeping for accounts."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.tasks import task
from django.utils import timezone


@task()
def clear_expired_sessions() -> int:
    """Deletes expired sessions: they still hold session data until removed."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
