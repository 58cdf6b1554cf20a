"""The project's URLs with the deadlines pages under /deadlines/ (until config wires them)."""

from django.urls import include, path

from zastita.config import urls as project

handler404 = project.handler404
handler500 = project.handler500

_wired = any(getattr(p, "namespace", None) == "deadlines" for p in project.urlpatterns)
urlpatterns = [
    *project.urlpatterns,
    *([] if _wired else [path("deadlines/", include("zastita.deadlines.urls"))]),
]
