"""Thin views for sign-in, MFA, passwords, and user and role administration."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from zastita.accounts import selectors, services
from zastita.accounts.forms import (
    ActivationForm,
    LoginForm,
    PasswordChangeForm,
    RoleForm,
    TokenForm,
    UserCreateForm,
    UserUpdateForm,
)
from zastita.accounts.models import User
from zastita.accounts.requests import actor_of
from zastita.audit.access import no_personal_data, note_read, personal_data
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.errors import Conflict, ValidationError
from zastita.core.forms import apply_errors
from zastita.core.i18n import set_language_cookie

_ACTIVATED = "_zastita_activated_user"


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@no_personal_data
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("site:home")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            login(request, user, backend="zastita.accounts.backends.UsernameBackend")
            response = redirect(_next_after_password(request, user))
            set_language_cookie(response, user.language)
            return response
        # One answer for an unknown user, a wrong password and an inactive account.
        form.add_error(None, _("The username or password is not correct."))
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request)})


def _next_after_password(request: HttpRequest, user: User) -> str:
    name = "accounts:mfa_verify" if user_has_device(user) else "accounts:mfa_enrol"
    url = reverse(name)
    nxt = _safe_next(request)
    return f"{url}?{urlencode({'next': nxt})}" if nxt else url


def _locked_out(request: HttpRequest, user: User) -> bool:
    return bool(AxesProxyHandler.is_locked(request, credentials={"username": user.username}))


def _lockout_response(request: HttpRequest) -> HttpResponse:
    logout(request)
    return render(request, "accounts/locked.html", status=429)


def _second_step_failed(request: HttpRequest, user: User, factor: str) -> None:
    """A wrong code counts like a wrong password: five failures lock the account."""
    user_login_failed.send(
        sender=__name__,
        credentials={"username": user.username, "factor": factor},
        request=request,
    )


def _signed_in(request: HttpRequest, user: User, device: Any) -> None:
    otp_login(request, device)
    request.session.cycle_key()
    request.session.pop(_ACTIVATED, None)
    axes_reset(username=user.username)
    audit_record(action=Action.LOGIN, actor=user, object_type="session", purpose=Purpose.SECURITY)


@no_personal_data
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(
            action=Action.LOGOUT, actor=request.user, object_type="session",
            purpose=Purpose.SECURITY,
        )  # fmt: skip
    logout(request)
    if request.POST.get("reason") == "idle":
        # The page locked itself at the idle limit (its drafts were saved first).
        messages.info(request, _("Your session has ended. Please sign in again."))
    else:
        messages.info(request, _("You have signed out."))
    return redirect("accounts:login")


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user = actor_of(request)
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect("site:home")
    if not user_has_device(user):
        return redirect("accounts:mfa_enrol")
    if _locked_out(request, user):
        return _lockout_response(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            _signed_in(request, user, device)
            return redirect(_safe_next(request) or "site:home")
        _second_step_failed(request, user, "totp")
        if _locked_out(request, user):
            return _lockout_response(request)
        form.add_error("token", _("The code is not correct."))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _safe_next(request)})


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def mfa_enrol(request: HttpRequest) -> HttpResponse:
    """Enrolment in two steps: the activation code from a second person, then the app."""
    user = actor_of(request)
    if user_has_device(user):
        return redirect("accounts:mfa_verify")
    if _locked_out(request, user):
        return _lockout_response(request)
    if request.session.get(_ACTIVATED) != user.pk:
        form: TokenForm | ActivationForm = ActivationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if services.activation_matches(user=user, code=form.cleaned_data["code"]):
                request.session[_ACTIVATED] = user.pk
                return redirect("accounts:mfa_enrol")
            _second_step_failed(request, user, "activation")
            if _locked_out(request, user):
                return _lockout_response(request)
            form.add_error("code", _("The activation code is not correct or has expired."))
        return render(request, "accounts/activation_enter.html", {"form": form})
    device = services.mfa_pending_device(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = services.mfa_confirm_enrolment(user=user, token=form.cleaned_data["token"])
        if confirmed is not None:
            device, codes = confirmed
            _signed_in(request, user, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        _second_step_failed(request, user, "totp_enrol")
        if _locked_out(request, user):
            return _lockout_response(request)
        form.add_error("token", _("The code is not correct. Check the time on your phone."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", title=_("QR code for your authenticator app")
    )
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    context = {"form": form, "qr_svg": qr_svg, "secret": secret}
    return render(request, "accounts/mfa_enrol.html", context)


@personal_data("user", purpose=Purpose.ADMINISTRATION)
@login_required
def activation_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    pending = list(selectors.activation_list(actor=actor))
    for user in pending:
        note_read(request, "user", user.pk)
    rows = [(u, actor.has_perm("accounts.issue_activation", u)) for u in pending]
    return render(request, "accounts/activation_list.html", {"rows": rows})


@no_personal_data
@login_required
@require_POST
def activation_issue(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = actor_of(request)
    selectors.activation_list(actor=actor)  # permission check
    user = selectors.activation_get_for_actor(actor=actor, user_id=user_id)
    try:
        code = services.activation_issue(actor=actor, user=user)
    except ValidationError as exc:
        for msgs in exc.fields.values():
            for msg in msgs:
                messages.error(request, msg)
        return redirect("accounts:activation_list")
    # Shown once: the code is stored only as a digest.
    return render(request, "accounts/activation_issued.html", {"subject": user, "code": code})


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth import update_session_auth_hash

    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_set_password(
                actor=request.user,  # type: ignore[arg-type]
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except ValidationError as exc:
            exc.fields = {
                ("new_password" if k == "password" else k): v for k, v in exc.fields.items()
            }
            apply_errors(form, exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password has been changed."))
            return redirect("site:home")
    return render(request, "accounts/password_change.html", {"form": form})


# --- user administration ----------------------------------------------------------------


@personal_data("user", purpose=Purpose.ADMINISTRATION)
@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    users = list(selectors.user_list(actor=request.user))  # type: ignore[arg-type]
    for user in users:
        note_read(request, "user", user.pk)
    return render(request, "accounts/user_list.html", {"users": users})


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    selectors.user_list(actor=request.user)  # type: ignore[arg-type]  # permission check
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                actor=request.user,  # type: ignore[arg-type]
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                password=data["password"],
                roles=data["roles"],
                organisation=data["organisation"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The account has been created."))
            return redirect("accounts:user_edit", user_id=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


@personal_data("user", purpose=Purpose.ADMINISTRATION)
@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    actor: Any = request.user
    user = selectors.user_get_for_actor(actor=actor, user_id=user_id)
    note_read(request, "user", user.pk)
    initial = {
        "full_name": user.full_name,
        "email": user.email,
        "roles": list(user.roles.all()),
        "organisation": user.organisation,
        "is_active": user.is_active,
        "version": user.version,
    }
    form = UserUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(
                actor=actor,
                user=user,
                version=data["version"],
                full_name=data["full_name"],
                email=data["email"],
                is_active=data["is_active"],
                roles=data["roles"],
                organisation=data["organisation"],
            )
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The account has been saved."))
            return redirect("accounts:user_edit", user_id=user.pk)
    context = {
        "form": form,
        "subject": user,
        "creating": False,
        "can_change_roles": actor.has_perm("accounts.change_roles_of", user),
    }
    return render(request, "accounts/user_form.html", context)


@no_personal_data
@login_required
@require_POST
def user_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    actor: Any = request.user
    user = selectors.user_get_for_actor(actor=actor, user_id=user_id)
    services.user_unlock(actor=actor, user=user)
    messages.success(request, _("The account has been unlocked."))
    return redirect("accounts:user_edit", user_id=user.pk)


@no_personal_data
@login_required
@require_POST
def user_reset_mfa(request: HttpRequest, user_id: int) -> HttpResponse:
    actor: Any = request.user
    user = selectors.user_get_for_actor(actor=actor, user_id=user_id)
    try:
        services.user_reset_mfa(actor=actor, user=user)
    except ValidationError as exc:
        for msgs in exc.fields.values():
            for msg in msgs:
                messages.error(request, msg)
    else:
        messages.success(
            request, _("The authenticators were removed; the person enrols again at next sign-in.")
        )
    return redirect("accounts:user_edit", user_id=user.pk)


# --- role administration ----------------------------------------------------------------


@no_personal_data
@login_required
def role_list(request: HttpRequest) -> HttpResponse:
    roles = selectors.role_list(actor=request.user)  # type: ignore[arg-type]
    return render(request, "accounts/role_list.html", {"roles": roles})


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def role_edit(request: HttpRequest, role_id: int | None = None) -> HttpResponse:
    actor: Any = request.user
    role = selectors.role_get_for_actor(actor=actor, role_id=role_id) if role_id else None
    if role is None:
        selectors.role_list(actor=actor)  # permission check
    initial = (
        {
            "code": role.code,
            "name_sr": role.name_sr,
            "name_en": role.name_en,
            "capabilities": role.capabilities,
            "version": role.version,
        }
        if role
        else {}
    )
    form = RoleForm(request.POST or None, initial=initial)
    if role is not None:
        form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.role_save(
                actor=actor,
                role=role,
                version=data.get("version"),
                code=role.code if role else data["code"],
                name_sr=data["name_sr"],
                name_en=data["name_en"],
                capabilities=data["capabilities"],
            )
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The role has been saved."))
            return redirect("accounts:role_edit", role_id=saved.pk)
    return render(request, "accounts/role_form.html", {"form": form, "role": role})
