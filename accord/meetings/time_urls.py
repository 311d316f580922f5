"""The link a party is emailed to pick meeting times (no account needed)."""

from django.urls import path

from accord.meetings import time_views

app_name = "meeting_times"

urlpatterns = [path("<str:token>/", time_views.pick_by_link, name="pick")]
