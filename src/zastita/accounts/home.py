"""Home items for administrators: locked accounts and accounts without a role."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.core.home import HomeItem


def activation_items(user: object) -> list[HomeItem]:
    if not getattr(user, "has_perm", lambda p: False)("accounts.list_activations"):
        return []
    from zastita.accounts.selectors import activation_list

    waiting = activation_list(actor=user).count()  # type: ignore[arg-type]
    if not waiting:
        return []
    return [
        HomeItem(
            _("Accounts waiting for an activation code"),
            reverse("accounts:activation_list"),
            waiting,
            True,
        )
    ]


def admin_items(user: object) -> list[HomeItem]:
    if not getattr(user, "has_perm", lambda p: False)("accounts.manage_users"):
        return []
    from zastita.accounts.models import User

    items = []
    locked = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    locked_count = locked.values("username").distinct().count()
    if locked_count:
        items.append(
            HomeItem(
                _("Locked accounts to review"), reverse("accounts:user_list"), locked_count, True
            )
        )
    no_role = User.objects.filter(is_active=True, roles__isnull=True).count()
    if no_role:
        items.append(
            HomeItem(_("Active accounts without a role"), reverse("accounts:user_list"), no_role)
        )
    return items
