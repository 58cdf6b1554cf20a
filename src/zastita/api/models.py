"""What the API remembers between requests: the `Idempotency-Key`s it has answered."""

from __future__ import annotations

from django.db import models


class IdempotentRequest(models.Model):
    """One caller's `Idempotency-Key` and the answer it got, kept for a bounded time
    (`zastita.api.idempotency.TTL`). The answer holds ids and codes only, never what was
    submitted; the body is kept as a keyed hash, to tell a replay from a different request."""

    # "key:<api key id>" or "user:<user id>": a key is the caller's alone.
    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    # Empty while the first request is still being answered.
    status = models.PositiveSmallIntegerField(null=True)
    response = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="api_idempotency_once")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key[:8]}"
