"""A draft of a form: encrypted, bound to its author and to the form, and short-lived.

A draft is no record. Nobody but its author can read it, it is removed when the form is
submitted, and it expires after ZASTITA_DRAFT_DAYS days. The page path and the path the
form posts to hold ids only (no personal data is ever in a URL); the page's title and the
fields' values are encrypted under the keyring with the author and the form as associated
data, so a draft copied to another user's or another form's row cannot be read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zastita.core.models import BaseModel


class FormDraft(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page_path = models.CharField(max_length=255)
    form_key = models.CharField(max_length=100)
    action_path = models.CharField(max_length=255, db_index=True)
    title_ciphertext = models.TextField()
    data_ciphertext = models.TextField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page_path", "form_key"], name="draft_one_per_user_form"
            )
        ]

    def context(self) -> bytes:
        return f"draft|{self.user_id}|{self.page_path}|{self.form_key}".encode()
