"""Feedback pages reached from an emailed link (no account), and the staff request for feedback."""

app_name = "feedback"

urlpatterns: list[object] = []
