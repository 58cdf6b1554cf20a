"""URLs for reports, the duty dashboard and the roster: ids only."""

from django.urls import path

from zastita.intake import person_views, views

app_name = "intake"

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("reports/<int:report_id>/contact/", views.report_first_contact, name="first_contact"),
    path("reports/<int:report_id>/transition/", views.report_transition, name="transition"),
    path("reports/<int:report_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "reports/<int:report_id>/persons/<int:person_id>/set-aside/",
        person_views.person_set_aside,
        name="set_aside",
    ),
    path("reports/<int:report_id>/<str:document>.pdf", views.report_document, name="document"),
    path("attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("duty/", views.duty, name="duty"),
    path("duty/roster/", views.roster_view, name="roster"),
    path("duty/shifts/<int:shift_id>/", views.shift_detail, name="shift_detail"),
    path("duty/targets/", views.clock_targets, name="clock_targets"),
]
