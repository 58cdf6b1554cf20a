"""URLs for accounts. No URL carries personal data: records are named by numeric id."""

from django.urls import path

from zastita.accounts import session, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("session/heartbeat", session.heartbeat, name="session_heartbeat"),
    path("session/status", session.status, name="session_status"),
    path("mfa/", views.mfa_verify, name="mfa_verify"),
    path("mfa/enrol/", views.mfa_enrol, name="mfa_enrol"),
    path("password/", views.password_change, name="password_change"),
    path("activations/", views.activation_list, name="activation_list"),
    path("activations/<int:user_id>/issue/", views.activation_issue, name="activation_issue"),
    path("manage/users/", views.user_list, name="user_list"),
    path("manage/users/new/", views.user_create, name="user_create"),
    path("manage/users/<int:user_id>/", views.user_edit, name="user_edit"),
    path("manage/users/<int:user_id>/unlock/", views.user_unlock, name="user_unlock"),
    path("manage/users/<int:user_id>/reset-mfa/", views.user_reset_mfa, name="user_reset_mfa"),
    path("manage/roles/", views.role_list, name="role_list"),
    path("manage/roles/new/", views.role_edit, name="role_create"),
    path("manage/roles/<int:role_id>/", views.role_edit, name="role_edit"),
]
