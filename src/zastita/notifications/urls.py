"""URLs for one's own notifications and the choice of channels: ids only."""

from django.urls import path

from zastita.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("state/", views.notification_state, name="state"),
    path("preferences/<int:user_id>/", views.preferences, name="preferences"),
]
