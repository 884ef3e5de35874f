from django.urls import path

from digests import views

app_name = "digests"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("send-now/", views.send_now, name="send_now"),
    path("send-now/status/", views.send_now_status, name="send_now_status"),
    path("schedule/", views.schedule, name="schedule"),
    path("<int:digest_id>/", views.digest_detail, name="detail"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("unsubscribe/<str:token>/resume/", views.resume_view, name="resume"),
]
