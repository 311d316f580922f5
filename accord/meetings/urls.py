"""Meetings of one case, under cases/<reference>/meetings/ (each view declares its roles)."""

from django.urls import path

from accord.meetings import needs_views, time_views, views

app_name = "meetings"

urlpatterns = [
    path("mias/book/", views.book_mias, name="book_mias"),
    path("mias/held/", views.mias_held, name="mias_held"),
    path("new/", views.book_meeting, name="book"),
    path("times/", time_views.propose_times, name="times"),
    path("times/preferences/", time_views.time_preferences, name="time_preferences"),
    path("times/standby/", time_views.standby, name="standby"),
    path("times/answer/", time_views.answer_times, name="answer_times"),
    path("<int:meeting_id>/change/", views.change_meeting, name="change"),
    path("<int:meeting_id>/cancel/", views.cancel_meeting, name="cancel"),
    path("<int:meeting_id>/notice/", views.record_notice, name="notice"),
    path("<int:meeting_id>/attendees/", views.attendees, name="attendees"),
    path("<int:meeting_id>/replies/", views.replies, name="replies"),
    path("<int:meeting_id>/needs/", needs_views.meeting_needs, name="needs"),
    path("<int:meeting_id>/calendar.ics", views.calendar_file, name="calendar"),
]
