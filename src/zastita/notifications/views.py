"""Thin views: one's own notifications, the duty board's polling, one's choice of channels."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zastita.accounts.requests import actor_of
from zastita.audit.access import no_personal_data
from zastita.core.errors import ValidationError, error_body
from zastita.core.paging import request_pager
from zastita.core.registries.notifications import PERSONAL_CHANNELS
from zastita.notifications import selectors, services
from zastita.notifications.models import NotificationChannel


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request: HttpRequest) -> HttpResponse:
    """One's own in-app notifications; a POST marks them all as read."""
    actor = actor_of(request)
    if request.method == "POST":
        services.notifications_mark_read(actor=actor)
        return redirect("notifications:list")
    page, rows = selectors.notification_page(
        actor=actor, pager=request_pager(request, selectors.PAGE_SIZE)
    )
    return render(request, "notifications/list.html", {"rows": rows, "page": page})


@no_personal_data
@login_required
def notification_state(request: HttpRequest) -> HttpResponse:
    """For the duty board's polling: the unread count and the newest notification's id, and
    whether one arrived after `since`. Counts only: the page reloads to show anything."""
    actor = actor_of(request)
    try:
        since = int(request.GET.get("since", "0"))
    except ValueError:
        body = error_body("invalid", _("Some of the data is not valid."),
                          {"since": [_("Enter a whole number.")]})  # fmt: skip
        return JsonResponse(body, status=400)
    state = selectors.notification_state(actor=actor)
    return JsonResponse({**state, "new": state["latest"] > since})


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, user_id: int) -> HttpResponse:
    """One's own channels per kind of notification (someone else's is "not found"). A box is
    `<kind>:<channel>`; an urgent kind's boxes are shown checked and cannot be changed."""
    actor = actor_of(request)
    lines = selectors.preferences_for(actor=actor, user_id=user_id)
    errors: dict[str, list[str]] = {}
    posted: dict[str, list[str]] | None = None  # shown again as typed when refused
    if request.method == "POST":
        choices: dict[str, list[str]] = {line.code: [] for line in lines if not line.urgent}
        for box in request.POST.getlist("channel"):
            code, _sep, channel = box.partition(":")
            if channel not in PERSONAL_CHANNELS:
                errors.setdefault(code or "channel", []).append(_("Choose a valid channel."))
                continue
            choices.setdefault(code, []).append(channel)
        posted = choices
        if not errors:
            try:
                services.preference_set(actor=actor, user=actor, choices=choices)
            except ValidationError as exc:
                errors = {k: [str(m) for m in v] for k, v in exc.fields.items()}
            else:
                messages.success(request, _("Your choice of notifications is saved."))
                return redirect("notifications:preferences", user_id=actor.pk)
    labels = dict(NotificationChannel.choices)

    def checked(line: selectors.KindChoice, channel: str) -> bool:
        if posted is None or line.urgent:
            return channel in line.chosen
        return channel in posted.get(line.code, [])

    rows = [
        (line, [(c, labels[c], checked(line, c)) for c in line.allowed], errors.get(line.code, []))
        for line in lines
    ]
    other = [m for k, v in errors.items() if k not in {line.code for line in lines} for m in v]
    return render(
        request, "notifications/preferences.html",
        {"rows": rows, "errors": errors, "other_errors": other},
    )  # fmt: skip
