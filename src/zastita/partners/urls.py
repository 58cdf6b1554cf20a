"""URLs for the partner register."""

from django.urls import path

from zastita.partners import key_requests, provider_views, views

app_name = "partners"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("new/", views.organisation_edit, name="organisation_create"),
    path("providers/", provider_views.provider_list, name="provider_list"),
    path("providers/new/", provider_views.provider_edit, name="provider_create"),
    path("providers/<int:provider_id>/", provider_views.provider_edit, name="provider_edit"),
    path("keys/requests/", key_requests.key_request_list, name="key_request_list"),
    path(
        "keys/requests/<int:key_id>/confirm/",
        key_requests.key_request_confirm,
        name="key_request_confirm",
    ),
    path("<int:organisation_id>/", views.organisation_edit, name="organisation_edit"),
    path("<int:organisation_id>/keys/", views.api_key_issue, name="api_key_issue"),
    path(
        "<int:organisation_id>/keys/<int:key_id>/revoke/",
        views.api_key_revoke,
        name="api_key_revoke",
    ),
]
