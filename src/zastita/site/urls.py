"""URLs for the shell."""

from django.urls import path

from zastita.site import my_work, views
from zastita.site.retention import views as retention_views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("my-work/", my_work.my_work, name="my_work"),
    path("language/", views.language, name="language"),
    path("healthz", views.healthz, name="healthz"),
    path("retention/", retention_views.retention, name="retention"),
]
