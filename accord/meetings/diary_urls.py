"""Diaries and venues, under diaries/ (each view declares its roles)."""

from django.urls import path

from accord.meetings import diary_views

app_name = "diaries"

urlpatterns = [
    path("", diary_views.diary_list, name="list"),
    path("venues/", diary_views.venue_list, name="venues"),
    path("<str:kind>/<int:person_id>/", diary_views.edit_diary, name="edit"),
]
