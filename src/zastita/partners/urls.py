"""URLs for the partner register."""

from django.urls import path

from zastita.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("new/", views.organisation_edit, name="organisation_create"),
    path("<int:organisation_id>/", views.organisation_edit, name="organisation_edit"),
    path("<int:organisation_id>/keys/", views.api_key_issue, name="api_key_issue"),
    path(
        "<int:organisation_id>/keys/<int:key_id>/revoke/",
        views.api_key_revoke,
        name="api_key_revoke",
    ),
]
