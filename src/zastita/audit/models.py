"""Audit events: ids and codes only, never names or narrative text.

Rows are append-only (database triggers refuse UPDATE and DELETE) and chained: each row's
signature covers its content and the previous row's signature, keyed with a secret kept
outside the database, so a changed, removed or inserted row is detected by `audit verify`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("viewed")
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    TRANSITION = "transition", _("changed status")
    EXPORT = "export", _("exported")
    PRINT = "print", _("printed")
    DISCLOSE = "disclose", _("disclosed")
    LOGIN = "login", _("signed in")
    LOGIN_FAILED = "login_failed", _("failed to sign in")
    LOGOUT = "logout", _("signed out")
    DENIED = "denied", _("was denied")
    ERASE = "erase", _("erased")


class Purpose(models.TextChoices):
    """Why a record was opened: the access log's answer to "why"."""

    CASE_WORK = "case_work", _("case work")
    SUPERVISION = "supervision", _("supervision")
    ADMINISTRATION = "administration", _("administration")
    DATA_PROTECTION = "data_protection", _("data protection oversight")
    PARTNER_REPORT = "partner_report", _("partner report")
    SECURITY = "security", _("security")
    SELF_SERVICE = "self_service", _("own account")
    BREAK_GLASS = "break_glass", _("emergency access with a stated reason")


class AuditEvent(models.Model):
    seq = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_roles = models.CharField(max_length=200, blank=True)
    api_key_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=40, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, blank=True)
    # A reference to a reason recorded elsewhere (encrypted), never the reason's text.
    reason_ref = models.CharField(max_length=64, blank=True)
    request_id = models.CharField(max_length=32, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    key_id = models.CharField(max_length=16)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class ChainHead(models.Model):
    """The last sequence number and signature; locked by every writer to keep the chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_single_head")]

    def __str__(self) -> str:
        return f"head {self.seq}"
