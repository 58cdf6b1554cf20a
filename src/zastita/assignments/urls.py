"""URLs for assignments: a record type's code and id, never a person."""

from django.urls import path

from zastita.assignments import glass_views, views

app_name = "assignments"

urlpatterns = [
    path("workload/", views.workload, name="workload"),
    path("teams/", views.team_list, name="teams"),
    path("teams/new/", views.team_edit, name="team_create"),
    path("teams/<int:team_id>/", views.team_edit, name="team_edit"),
    path("opened/", glass_views.glass_list, name="glass_list"),
    path("open/<str:subject_type>/", glass_views.glass_open, name="glass"),
    path("<str:subject_type>/<int:subject_id>/", views.assignment, name="assignment"),
]
