from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account_settings, name="settings"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("google/start/", views.google_start, name="google_start"),
    path("google/callback/", views.google_callback, name="google_callback"),
    path("google/reconnect/", views.google_reconnect, name="google_reconnect"),
    path("google/grant/<slug:name>/", views.google_grant, name="google_grant"),
    path("google/disconnect/", views.google_disconnect, name="google_disconnect"),
    path("delete/", views.delete_account, name="delete_account"),
]
