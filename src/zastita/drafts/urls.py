"""URLs for drafts."""

from django.urls import path

from zastita.drafts import views

app_name = "drafts"

urlpatterns = [
    path("save", views.save, name="save"),
    path("<int:draft_id>/discard", views.discard, name="discard"),
]
