"""Sign-in events go to the audit trail (ids only: an unknown username is not recorded); a
lockout ends the account's open sessions."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record


@receiver(user_login_failed)
def _login_failed(
    sender: object, credentials: dict[str, Any], request: object = None, **kw: Any
) -> None:
    from zastita.accounts.models import User

    user_id = (
        User.objects.filter(username=credentials.get("username", ""))
        .values_list("pk", flat=True)
        .first()
    )
    # A wrong second-factor or activation code arrives here too, marked with its factor.
    audit_record(
        action=Action.LOGIN_FAILED,
        actor=None,
        object_type="user_mfa" if credentials.get("factor") else "user",
        object_id=user_id or "",
        purpose=Purpose.SECURITY,
    )


@receiver(user_locked_out)
def _locked_out(sender: object, username: str = "", **kw: Any) -> None:
    """Whoever is guessing this account's codes, a session already open for it (a stolen
    one, or the one the guesses come from) ends with the lockout."""
    from zastita.accounts.models import User
    from zastita.accounts.session_end import end_sessions

    user_id = User.objects.filter(username=username).values_list("pk", flat=True).first()
    if user_id is not None:
        end_sessions(user_id=user_id)
