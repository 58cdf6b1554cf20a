"""URLs for the access log."""

from django.urls import path

from zastita.audit import views

app_name = "audit"

urlpatterns = [
    path("access-log/", views.access_log, name="access_log"),
]
