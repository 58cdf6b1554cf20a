"""A row's words and link, from its kind as the owning app registered it: made when shown or
sent, never stored."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from zastita.core.registries.notifications import notification_kinds
from zastita.notifications.models import Notification


def text(notification: Notification, language: str | None = None) -> str:
    """The whole message, in `language` (the active one if not given). A kind no longer
    registered (an app taken away), or a subject no longer there, still shows as a
    notification, with no words of its own."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    spec = notification_kinds.find(notification.kind)
    if spec is not None:
        try:
            return spec.text(notification.subject_id, language)
        except ObjectDoesNotExist:  # its subject is gone: the list still shows the rest
            pass
    with translation.override(language):
        return _("A notification")


def path(notification: Notification) -> str:
    spec = notification_kinds.find(notification.kind)
    if spec is not None:
        try:
            return spec.link(notification.subject_type, notification.subject_id)
        except ObjectDoesNotExist:
            pass
    return reverse("notifications:list")


def link(notification: Notification) -> str:
    """The absolute address (for e-mail and the webhook): the site's public address."""
    return settings.ZASTITA_SITE_URL + path(notification)
