from django.urls import path

from digests import feedback_views, preference_views, schedule_views, views

app_name = "digests"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("send-now/", views.send_now, name="send_now"),
    path("send-now/status/", views.send_now_status, name="send_now_status"),
    path("last-digest/", views.last_digest_card, name="last_digest"),
    path("schedule/", views.schedule, name="schedule"),
    path("schedules/", schedule_views.schedule_list, name="schedules"),
    path("schedules/new/", schedule_views.schedule_new, name="schedule_new"),
    path("schedules/preview/", schedule_views.schedule_preview, name="schedule_preview"),
    path("schedules/<int:schedule_id>/", schedule_views.schedule_edit, name="schedule_edit"),
    path(
        "schedules/<int:schedule_id>/delete/",
        schedule_views.schedule_delete,
        name="schedule_delete",
    ),
    path(
        "schedules/<int:schedule_id>/pause/", schedule_views.schedule_pause, name="schedule_pause"
    ),
    path(
        "schedules/<int:schedule_id>/resume/",
        schedule_views.schedule_resume,
        name="schedule_resume",
    ),
    path("<int:digest_id>/", views.digest_detail, name="detail"),
    path("preferences/", preference_views.preferences, name="preferences"),
    path("preferences/zone/", preference_views.set_zone, name="set_zone"),
    path("preferences/query-count/", preference_views.query_count, name="query_count"),
    path(
        "preferences/confirm/<str:token>/",
        preference_views.confirm_address,
        name="confirm_address",
    ),
    path("emails/<int:email_id>/feedback/", feedback_views.feedback, name="feedback"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("unsubscribe/<str:token>/resume/", views.resume_view, name="resume"),
]
