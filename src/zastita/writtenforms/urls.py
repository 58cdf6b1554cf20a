"""URLs of written forms of their own: the specs' pages (configuration, no personal data).
A form's pages are mounted by the app that owns its subject (views.mounted)."""

from django.urls import path

from zastita.writtenforms import views

app_name = "writtenforms"

urlpatterns = [
    path("forms/specs/", views.spec_list, name="specs"),
    path("forms/specs/<str:kind>/", views.spec_page, name="spec"),
]
