"""URLs for the shell."""

from django.urls import path

from zastita.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.language, name="language"),
    path("healthz", views.healthz, name="healthz"),
]
