"""URLs for the shell."""

from django.urls import path

from zastita.site import views
from zastita.site.retention import views as retention_views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.language, name="language"),
    path("healthz", views.healthz, name="healthz"),
    path("retention/", retention_views.retention, name="retention"),
]
