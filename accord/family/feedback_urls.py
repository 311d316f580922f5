"""Feedback pages reached from an emailed link (no account), and the staff request for feedback."""

from django.urls import path

from accord.family import feedback_views

app_name = "feedback"

urlpatterns = [
    path("cases/<str:reference>/ask/", feedback_views.request_feedback, name="request"),
    path("<str:token>/", feedback_views.give, name="give"),
]
