"""An officer's own list of agreed actions and mediation deadlines, under my-actions/."""

from django.urls import path

from accord.documents import follow_up_views

app_name = "follow_up"
urlpatterns = [
    path("", follow_up_views.my_actions, name="my_actions"),
]
