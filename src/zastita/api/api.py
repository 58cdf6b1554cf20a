"""The NinjaAPI instance: OpenAPI 3 at /api/v1/openapi.json, no external docs assets."""

from ninja import NinjaAPI

from zastita.api import errors
from zastita.api.auth import PARTNER_KEY, SESSION

api = NinjaAPI(
    title="Zastita API",
    version="1",
    urls_namespace="api",
    docs_url=None,
    # The partner key first: a request that presents one is judged by it alone.
    auth=[PARTNER_KEY, SESSION],
)
errors.install(api)


def _add_routers() -> None:
    from zastita.accounts.api import router as accounts_router
    from zastita.audit.api import router as audit_router
    from zastita.identification.api import router as identification_router
    from zastita.intake.api import router as intake_router
    from zastita.partners.api import router as partners_router

    api.add_router("/", accounts_router)
    api.add_router("/organisations", partners_router)
    api.add_router("/audit", audit_router)
    api.add_router("/reports", intake_router)
    api.add_router("/indicators", identification_router)


_add_routers()
