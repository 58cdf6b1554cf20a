"""Sign-in events go to the audit trail (ids only: an unknown username is not recorded)."""

from __future__ import annotations

from typing import Any

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
