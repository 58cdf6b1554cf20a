"""The base model every domain model derives from."""

from __future__ import annotations

from django.db import models


class BaseModel(models.Model):
    """Creation and update times, aware and in UTC; domain rows are never hard-deleted."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True
