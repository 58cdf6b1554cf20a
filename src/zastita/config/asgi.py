"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

# Production unless told otherwise: demo settings must be chosen explicitly.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zastita.config.settings.production")
application = get_asgi_application()
