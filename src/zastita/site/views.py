"""Home page, language choice, health check and error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from zastita.accounts.signin import fully_signed_in
from zastita.audit.access import no_personal_data
from zastita.core.home import items_for
from zastita.core.i18n import LANGUAGE_CODES, set_language_cookie


@no_personal_data
@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """A professional worker's home page is "My work", with the to-do items above it;
    everyone else's, the to-do items."""
    from zastita.site.my_work import PERM, my_work_context

    if request.user.has_perm(PERM):
        context = {**my_work_context(request.user), "items": items_for(request.user)}
        return render(request, "site/my_work.html", context)
    return render(request, "site/home.html", {"items": items_for(request.user)})


@no_personal_data
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    from django.utils.translation import gettext as _

    code = request.POST.get("language", "")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    if code not in LANGUAGE_CODES:
        return render(
            request,
            "core/error.html",
            {"message": _("This language is not offered.")},
            status=400,
        )
    response = redirect(target)
    set_language_cookie(response, code)
    # Only a fully signed-in user's account is changed; before MFA only the cookie is set.
    if fully_signed_in(request.user):
        from zastita.accounts.services import user_set_language

        user_set_language(actor=request.user, language=code)  # type: ignore[arg-type]
    return response


@no_personal_data
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context from the failed request: nothing personal can reach the error page.
    return render(request, "500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    from zastita.audit.services import audit_denial

    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    audit_denial(actor=actor, object_type="csrf")
    return render(request, "403_csrf.html", status=403)
