"""Root URLs. There is no Django admin site: it would let a superuser read every record."""

from django.urls import include, path

from zastita.api.api import api

urlpatterns = [
    path("", include("zastita.site.urls")),
    path("", include("zastita.accounts.urls")),
    path("partners/", include("zastita.partners.urls")),
    path("people/", include("zastita.people.urls")),
    path("notifications/", include("zastita.notifications.urls")),
    path("", include("zastita.intake.urls")),
    path("", include("zastita.identification.urls")),
    path("", include("zastita.cases.urls")),
    path("", include("zastita.writtenforms.urls")),
    path("audit/", include("zastita.audit.urls")),
    path("drafts/", include("zastita.drafts.urls")),
    path("deadlines/", include("zastita.deadlines.urls")),
    path("assignments/", include("zastita.assignments.urls")),
    path("documents/", include("zastita.documents.urls")),
    path("api/v1/", api.urls),
]

handler404 = "zastita.site.views.not_found"
handler500 = "zastita.site.views.server_error"
