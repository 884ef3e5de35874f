from django.urls import path

from digests import views

app_name = "digests"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<int:digest_id>/", views.digest_detail, name="detail"),
]
