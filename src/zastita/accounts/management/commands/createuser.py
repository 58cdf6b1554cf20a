"""`zastita createuser`: create an account from the command line (the first administrator).

There is no superuser; the account gets the roles named here, and MFA enrolment at first
sign-in. The password is read from the terminal or from standard input, never an argument.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from zastita.accounts.capabilities import mixes_administration_with_other
from zastita.accounts.models import Role, User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record


def _bootstrap_activation(user: User) -> str:
    import secrets

    from django.utils import timezone

    from zastita.accounts.services import ACTIVATION_TTL, _activation_digest

    raw = secrets.token_hex(5).upper()
    user.activation_digest = _activation_digest(raw)
    user.activation_expires_at = timezone.now() + ACTIVATION_TTL
    user.save(update_fields=["activation_digest", "activation_expires_at"])
    return f"{raw[:5]}-{raw[5:]}"


class Command(BaseCommand):
    help = "Create a user account with the given roles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--full-name", required=True)
        parser.add_argument("--role", action="append", default=[], help="Role code (repeatable).")
        parser.add_argument("--password-stdin", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError("That username is already taken.")
        roles = list(Role.objects.filter(code__in=options["role"]))
        if len(roles) != len(set(options["role"])):
            known = ", ".join(Role.objects.values_list("code", flat=True))
            raise CommandError(f"Unknown role. Known roles: {known}")
        if mixes_administration_with_other({c for r in roles for c in r.capabilities}):
            raise CommandError("Administration roles cannot be combined with other roles.")
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password again: "):
                raise CommandError("The passwords differ.")
        user = User(username=options["username"], full_name=options["full_name"])
        try:
            user.full_clean(exclude=["password"])
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.roles.set(roles)
            audit_record(
                action=Action.CREATE, actor=None, object_type="user", object_id=user.pk,
                purpose=Purpose.ADMINISTRATION,
            )  # fmt: skip
            code = _bootstrap_activation(user)
        self.stdout.write(f"Created account {user.pk}.")
        # Whoever runs this command on the server is trusted with both halves of the first
        # sign-in; later accounts get their activation code from a second person.
        self.stdout.write(f"One-time activation code for the first sign-in (72 hours): {code}")
