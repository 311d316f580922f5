from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "accord.meetings"
