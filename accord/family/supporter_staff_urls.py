"""Staff pages for a case's supporters, under cases/<reference>/supporters/."""

from django.urls import path

from accord.family import supporter_views

app_name = "supporters"
urlpatterns = [
    path("", supporter_views.staff_supporters, name="staff"),
    path("<int:consent_id>/withdraw/", supporter_views.staff_withdraw, name="staff_withdraw"),
]
