"""URLs for the shell."""

from django.urls import path

from zastita.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.language, name="language"),
    path("healthz", views.healthz, name="healthz"),
]
