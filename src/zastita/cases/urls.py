from django.urls import path

from zastita.cases import views

app_name = "cases"

urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_new, name="new"),
    path("cases/<int:case_id>/", views.case_detail, name="detail"),
    path("cases/<int:case_id>/step/", views.case_transition, name="transition"),
    path("identification/<int:identification_id>/case/", views.case_open, name="open"),
]
