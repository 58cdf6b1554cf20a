"""`Idempotency-Key` for API operations that create records, for partner keys and staff alike.

The first request with a key claims it (a row, unique per caller and key) before it does
anything; a replay with the same body gets the first answer back; the same key with another
body is a 409 `conflict`; a replay while the first is still being answered is a 409
`in_progress` (try again shortly). A request that fails gives its key back, so the caller
may correct it and send it again. Keys are forgotten after `TTL`.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zastita.core.errors import ApplicationError, Conflict, ValidationError
from zastita.core.models import IdempotentRequest

HEADER = "Idempotency-Key"
TTL = datetime.timedelta(hours=24)
# Expired keys are swept once every so many claims (one indexed DELETE), not on every request;
# an expired key met before then is simply taken over.
SWEEP_EVERY = 100
MAX_LENGTH = 100
_ALLOWED = re.compile(r"[\x21-\x7e]+")  # visible ASCII: no spaces, no control characters


class InProgress(ApplicationError):
    status = 409
    code = "in_progress"
    default_message = gettext_lazy(
        "A request with this Idempotency-Key is still being answered. Send it again shortly."
    )
    retry_after = 1


@dataclass(frozen=True)
class Outcome:
    status: int
    body: dict[str, Any]
    replayed: bool


def presented_key(request: HttpRequest) -> str:
    """The caller's key, or "" when none was sent; a malformed one is refused at its field."""
    key = request.headers.get(HEADER, "").strip()
    if key and (len(key) > MAX_LENGTH or not _ALLOWED.fullmatch(key)):
        raise ValidationError(
            fields={
                HEADER: [
                    _("Up to %(n)s visible ASCII characters (letters, digits, - and _).")
                    % {"n": MAX_LENGTH}
                ]
            }
        )
    return key


def caller_scope(request: HttpRequest) -> str:
    """A key belongs to the caller who sent it: a partner key, or a user."""
    api_key = getattr(request, "api_key", None)
    if api_key is not None:
        return f"key:{api_key.pk}"
    return f"user:{request.user.pk}"


def request_digest(operation: str, payload: dict[str, Any]) -> str:
    # Keyed, so the stored hash of a short body cannot be tested against guesses.
    canonical = json.dumps([operation, payload], sort_keys=True, ensure_ascii=False)
    # The salt keeps the name it had when the API app held this module: a partner's retry of
    # a request answered before the move must hash the same and get its first answer.
    return salted_hmac("zastita.api.idempotency", canonical, algorithm="sha256").hexdigest()


def run(
    request: HttpRequest,
    *,
    operation: str,
    payload: dict[str, Any],
    create: Callable[[], tuple[int, dict[str, Any]]],
) -> Outcome:
    """Answers `create()` once per caller and key. `create` returns the status and a body
    of ids and codes (it is stored and replayed as it is)."""
    key = presented_key(request)
    if not key:
        status, body = create()
        return Outcome(status, body, replayed=False)
    scope = caller_scope(request)
    digest = request_digest(operation, payload)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                claim = IdempotentRequest.objects.create(scope=scope, key=key, request_hash=digest)
        except IntegrityError:
            first = IdempotentRequest.objects.filter(scope=scope, key=key).first()
            if first is None:
                continue  # the first request failed and gave the key back: claim it again
            if first.created_at < timezone.now() - TTL:
                # Forgotten: the key is free again.
                IdempotentRequest.objects.filter(pk=first.pk, created_at=first.created_at).delete()
                continue
            if first.request_hash != digest:
                raise Conflict(
                    _("This Idempotency-Key was already used for a different request.")
                ) from None
            if first.status is None or first.response is None:
                raise InProgress() from None
            return Outcome(first.status, first.response, replayed=True)
        break
    else:
        raise InProgress()
    if claim.pk % SWEEP_EVERY == 0:
        forget_expired()
    try:
        status, body = create()
    except BaseException:
        IdempotentRequest.objects.filter(pk=claim.pk).delete()
        raise
    IdempotentRequest.objects.filter(pk=claim.pk).update(status=status, response=body)
    return Outcome(status, body, replayed=False)


def forget_expired() -> int:
    """Removes the keys older than TTL; returns how many."""
    deleted, _by_model = IdempotentRequest.objects.filter(
        created_at__lt=timezone.now() - TTL
    ).delete()
    return deleted
