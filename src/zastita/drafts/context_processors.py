"""The drafts of the page being shown, for the page's script to put back into its forms."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from django.utils import formats, timezone

from zastita.accounts.models import User
from zastita.accounts.signin import fully_signed_in


def drafts(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if request.method != "GET" or not fully_signed_in(user):
        return {}
    from zastita.drafts.selectors import drafts_for_page

    found = drafts_for_page(user=cast(User, user), page_path=request.path)
    if not found:
        return {}
    return {
        "page_drafts": [
            {
                "id": d.id,
                "form": d.form_key,
                "fields": d.fields,
                "saved": formats.date_format(
                    timezone.localtime(d.saved_at), "SHORT_DATETIME_FORMAT"
                ),
            }
            for d in found
        ]
    }
