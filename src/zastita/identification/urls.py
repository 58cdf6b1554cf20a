"""URLs for formal identification: ids only."""

from django.urls import path

from zastita.identification import views

app_name = "identification"

urlpatterns = [
    path("identification/rules/", views.rules_page, name="rules"),
    path("identification/rules/<int:number>/", views.rules_version, name="rules_version"),
    path("reports/persons/<int:report_person_id>/link/", views.person_link, name="link"),
    path(
        "reports/persons/<int:report_person_id>/identification/",
        views.identification_start,
        name="start",
    ),
    path("identification/<int:identification_id>/", views.identification_detail, name="detail"),
    path(
        "identification/<int:identification_id>/interviews/",
        views.interview_add,
        name="interview_add",
    ),
    path(
        "identification/<int:identification_id>/assessment/<str:set_id>/",
        views.assessment,
        name="assessment",
    ),
    path(
        "identification/<int:identification_id>/decisions/",
        views.decision_propose,
        name="decision_propose",
    ),
    path("identification/<int:identification_id>/findings/", views.findings_edit, name="findings"),
    path(
        "identification/<int:identification_id>/findings/approve/",
        views.findings_approve,
        name="findings_approve",
    ),
    path(
        "identification/<int:identification_id>/findings/print/",
        views.findings_print,
        name="findings_print",
    ),
    path(
        "identification/<int:identification_id>/proceedings/",
        views.proceeding_add,
        name="proceeding_add",
    ),
    path(
        "identification/decisions/<int:decision_id>/approve/",
        views.decision_approve,
        name="decision_approve",
    ),
]
