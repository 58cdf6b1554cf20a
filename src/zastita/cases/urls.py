from django.urls import path

from zastita.cases import views
from zastita.cases.aid import views as aid
from zastita.cases.closures import views as closures
from zastita.cases.engagements import views as engagements
from zastita.cases.figures import views as figures
from zastita.cases.monitoring import views as monitoring
from zastita.cases.plans import views as plans
from zastita.cases.proceedings import views as proceedings
from zastita.cases.reviews import views as reviews

app_name = "cases"

urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_new, name="new"),
    path("cases/figures/", figures.figures, name="figures"),
    path("cases/costs/", figures.costs, name="costs"),
    path("cases/aid/", aid.aid, name="aid"),
    path("cases/costs/export.<str:fmt>", figures.costs_export, name="costs_export"),
    path("cases/<int:case_id>/", views.case_detail, name="detail"),
    path("cases/<int:case_id>/step/", views.case_transition, name="transition"),
    path("identification/<int:identification_id>/case/", views.case_open, name="open"),
    path("cases/<int:case_id>/plans/", plans.plan_start, name="plan_start"),
    path("cases/<int:case_id>/services/", engagements.engagement_add, name="engagement_add"),
    path("cases/<int:case_id>/monitoring/", monitoring.contact_add, name="contact_add"),
    path("cases/<int:case_id>/reviews/", reviews.review_add, name="review_add"),
    path("cases/<int:case_id>/proceedings/", proceedings.proceedings, name="proceedings"),
    path(
        "cases/proceedings/<int:proceeding_id>/",
        proceedings.proceeding_change,
        name="proceeding_change",
    ),
    path(
        "cases/services/<int:engagement_id>/decide/",
        engagements.engagement_decide,
        name="engagement_decide",
    ),
    path(
        "cases/services/<int:engagement_id>/end/", engagements.engagement_end, name="engagement_end"
    ),
    path("cases/plans/<int:plan_id>/", plans.plan_detail, name="plan"),
    path("cases/plans/<int:plan_id>/details/", plans.plan_details, name="plan_details"),
    path("cases/plans/<int:plan_id>/goals/", plans.goal_add, name="goal_add"),
    path("cases/plans/<int:plan_id>/tasks/", plans.task_add, name="task_add"),
    path("cases/plans/<int:plan_id>/sharing/", plans.sharing_add, name="sharing_add"),
    path("cases/plans/<int:plan_id>/revise/", plans.plan_revise, name="plan_revise"),
    path("cases/tasks/<int:task_id>/end/", plans.task_end, name="task_end"),
    path("cases/plans/<int:plan_id>/form/<str:kind>/", plans.plan_form, name="plan_form"),
    path(
        "cases/plans/<int:plan_id>/form/<str:kind>/approve/",
        plans.plan_form_approve,
        name="plan_form_approve",
    ),
    path(
        "cases/plans/<int:plan_id>/form/<str:kind>/return/",
        plans.plan_form_return,
        name="plan_form_return",
    ),
    path(
        "cases/plans/<int:plan_id>/form/<str:kind>/print/",
        plans.plan_form_print,
        name="plan_form_print",
    ),
    path("cases/<int:case_id>/closure/", closures.closure_start, name="closure_start"),
    path(
        "cases/closures/<int:closure_id>/form/<str:kind>/",
        closures.closure_form,
        name="closure_form",
    ),
    path(
        "cases/closures/<int:closure_id>/form/<str:kind>/approve/",
        closures.closure_form_approve,
        name="closure_form_approve",
    ),
    path(
        "cases/closures/<int:closure_id>/form/<str:kind>/return/",
        closures.closure_form_return,
        name="closure_form_return",
    ),
    path(
        "cases/closures/<int:closure_id>/form/<str:kind>/print/",
        closures.closure_form_print,
        name="closure_form_print",
    ),
]
