"""The application's URLs plus the floor for the intake benchmark: one row inserted by a
minimal view, through the same middleware."""

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from zastita.audit.access import no_personal_data
from zastita.config.urls import urlpatterns as app_urlpatterns


@no_personal_data
@csrf_exempt
def floor(request: HttpRequest) -> HttpResponse:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_floor (id, body) VALUES (%s, %s)",
            [int(request.headers["X-Row"]), request.body.decode()],
        )
    return HttpResponse(status=201)


urlpatterns = [path("bench/floor", floor), *app_urlpatterns]
