"""Fees and expenses, under fees/ (each view declares its roles)."""

from django.urls import path

from accord.meetings import fee_views

app_name = "fees"

urlpatterns = [
    path("", fee_views.claim_list, name="list"),
    path("meetings/<int:meeting_id>/claim/", fee_views.claim, name="claim"),
    path("<int:claim_id>/decide/", fee_views.decide, name="decide"),
]
