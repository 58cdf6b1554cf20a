"""`zastita totp USERNAME`: a demo account's current code (demo and test settings only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zastita.accounts.models import SealedTOTPDevice


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--uri", action="store_true", help="Print the otpauth:// URI too.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.ZASTITA_DEMO_TOOLS:
            raise CommandError("This command exists for the demo only; it is off here.")
        device = SealedTOTPDevice.objects.filter(
            user__username=options["username"], confirmed=True
        ).first()
        if device is None:
            raise CommandError("No enrolled authenticator for that account.")
        self.stdout.write(device.current_code())
        if options["uri"]:
            self.stdout.write(device.config_url)
