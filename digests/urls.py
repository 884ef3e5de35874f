from django.urls import path

from digests import preference_views, views

app_name = "digests"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("send-now/", views.send_now, name="send_now"),
    path("send-now/status/", views.send_now_status, name="send_now_status"),
    path("schedule/", views.schedule, name="schedule"),
    path("<int:digest_id>/", views.digest_detail, name="detail"),
    path("preferences/", preference_views.preferences, name="preferences"),
    path("preferences/query-count/", preference_views.query_count, name="query_count"),
    path(
        "preferences/confirm/<str:token>/",
        preference_views.confirm_address,
        name="confirm_address",
    ),
    path("emails/<int:email_id>/feedback/", preference_views.feedback, name="feedback"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("unsubscribe/<str:token>/resume/", views.resume_view, name="resume"),
]
