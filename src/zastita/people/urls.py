"""URLs for the person registry: records by numeric id, searches by POST."""

from django.urls import path

from zastita.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_search, name="person_search"),
    path("new/", views.person_create, name="person_create"),
    path("<int:person_id>/", views.person_detail, name="person_detail"),
]
