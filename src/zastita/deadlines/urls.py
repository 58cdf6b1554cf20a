"""URLs for deadlines: codes only, never a person."""

from django.urls import path

from zastita.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("targets/", views.targets, name="targets"),
]
