"""URLs for formal identification: ids only."""

from django.urls import path

from zastita.identification import person_link, views

app_name = "identification"

urlpatterns = [
    path("identification/", views.identification_list, name="list"),
    path("identification/rules/", views.rules_page, name="rules"),
    path("identification/rules/<int:number>/", views.rules_version, name="rules_version"),
    path("reports/persons/<int:report_person_id>/link/", views.person_link, name="link"),
    path(
        "reports/persons/<int:report_person_id>/registry/",
        person_link.person_find,
        name="find",
    ),
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
    path(
        "identification/<int:identification_id>/forms/<str:kind>/",
        views.written_form,
        name="form",
    ),
    path(
        "identification/<int:identification_id>/forms/<str:kind>/approve/",
        views.written_form_approve,
        name="form_approve",
    ),
    path(
        "identification/<int:identification_id>/forms/<str:kind>/return/",
        views.written_form_return,
        name="form_return",
    ),
    path(
        "identification/<int:identification_id>/forms/<str:kind>/print/",
        views.written_form_print,
        name="form_print",
    ),
    path(
        "identification/<int:identification_id>/proceedings/",
        views.proceeding_add,
        name="proceeding_add",
    ),
    path(
        "identification/<int:identification_id>/documents/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "identification/documents/<int:document_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        "identification/decisions/<int:decision_id>/approve/",
        views.decision_approve,
        name="decision_approve",
    ),
]
