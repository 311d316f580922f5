from django.urls import path

from accord.organisations.second_factor import views

urlpatterns = [
    path("", views.verify, name="second_factor"),
    path("set-up/", views.set_up, name="second_factor_set_up"),
    path("recovery-codes/", views.recovery_codes, name="second_factor_recovery_codes"),
    path("people/", views.people, name="second_factor_people"),
    path("people/<int:user_id>/reset/", views.reset, name="second_factor_reset"),
]
