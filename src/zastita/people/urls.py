"""URLs for the person registry: records by numeric id, searches by POST."""

from django.urls import path

from zastita.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_search, name="person_search"),
    path("new/", views.person_create, name="person_create"),
    path("<int:person_id>/", views.person_detail, name="person_detail"),
    path("<int:person_id>/reveal/", views.person_reveal, name="person_reveal"),
    path("<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("<int:person_id>/relations/", views.relation_add, name="relation_add"),
    path("relations/<int:relation_id>/end/", views.relation_end, name="relation_end"),
    path("<int:person_id>/merge/", views.person_merge, name="person_merge"),
    path("reveals/", views.reveal_list, name="reveal_list"),
    path("subject-access/", views.subject_access, name="subject_access"),
]
