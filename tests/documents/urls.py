"""The project's URLs with the documents pages under /documents/ (until config wires them)."""

from django.urls import include, path

from zastita.config import urls as project

handler404 = project.handler404
handler500 = project.handler500

_wired = any(getattr(p, "namespace", None) == "documents" for p in project.urlpatterns)
urlpatterns = [
    *project.urlpatterns,
    *([] if _wired else [path("documents/", include("zastita.documents.urls"))]),
]
