"""The application's URLs plus two floors, through the same middleware: one row inserted by a
minimal view (the intake benchmark's), and an empty audited page (the protection
benchmark's)."""

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from zastita.audit.access import no_personal_data, personal_data
from zastita.audit.models import Purpose
from zastita.config.urls import urlpatterns as app_urlpatterns

EMPTY = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Zastita{% endblock %}'
    "{% block content %}<h1>Zastita</h1>{% endblock %}"
)


@no_personal_data
@csrf_exempt
def floor(request: HttpRequest) -> HttpResponse:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_floor (id, body) VALUES (%s, %s)",
            [int(request.headers["X-Row"]), request.body.decode()],
        )
    return HttpResponse(status=201)


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
def empty_audited(request: HttpRequest) -> HttpResponse:
    """The layout, signed in past the second factor, and the audit event of the request,
    in its transaction: everything a page of the application does, with no record read."""
    return HttpResponse(EMPTY.render({}, request))


urlpatterns = [
    path("bench/floor", floor),
    path("bench/empty", empty_audited),
    *app_urlpatterns,
]
