"""URLs for official documents: ids and type codes only, never a person."""

from django.urls import path

from zastita.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.register, name="register"),
    path("search/", views.search, name="search"),
    path("received/", views.received, name="received"),
    path("<int:document_id>/", views.detail, name="detail"),
    path("<int:document_id>/pdf/", views.download, name="download"),
    path("<int:document_id>/docx/", views.download_docx, name="download_docx"),
    path("<int:document_id>/correct/", views.correct, name="correct"),
    path("<int:document_id>/answer/", views.answer, name="answer"),
    path("write/<str:type_code>/<int:subject_id>/", views.write, name="write"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<str:type_code>/", views.template_page, name="template"),
    path("templates/<str:type_code>/docx/", views.template_docx, name="template_docx"),
]
