"""Ending every open session of an account: when it is deactivated or locked out."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_sessions(*, user_id: int) -> int:
    """Deletes the account's live sessions (stored on the server) and returns how many.

    Sessions are not indexed by account, so each live one is decoded; the Center has at most
    a few hundred at a time.
    """
    mine = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_id)
    ]
    Session.objects.filter(pk__in=mine).delete()
    return len(mine)
