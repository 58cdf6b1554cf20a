"""The project's URLs and the toy app's written-form pages, mounted as an owning app does."""

from django.urls import path

from zastita.config import urls as project
from zastita.writtenforms.public import views

handler404 = project.handler404
handler500 = project.handler500

TOY = "toy/<int:toy_id>/forms/<str:kind>/"

urlpatterns = [
    *project.urlpatterns,
    path(TOY, views.mounted(views.form_page, "toy_id", "toy")),
    path(TOY + "approve/", views.mounted(views.form_approve, "toy_id", "toy")),
    path(TOY + "return/", views.mounted(views.form_return, "toy_id", "toy")),
    path(TOY + "print/", views.mounted(views.form_print, "toy_id", "toy")),
]
