"""Resetting a forgotten password by email, with Django's own views and tokens (a link that
works once, until the password changes or PASSWORD_RESET_TIMEOUT passes), on GOV.UK pages.

The page that asks for the address says the same thing whether or not an account has it, so it
cannot be used to find out who has an account. Addresses are matched without regard to case.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.urls import path, reverse_lazy

from accord.govuk.forms import GovukFormMixin
from accord.organisations.access import public


class ResetRequestForm(GovukFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    pass


urlpatterns = [
    path(
        "account/password/reset/",
        public(
            auth_views.PasswordResetView.as_view(
                form_class=ResetRequestForm,
                template_name="registration/password_reset_form.html",
                email_template_name="registration/password_reset_email.txt",
                subject_template_name="registration/password_reset_subject.txt",
                success_url=reverse_lazy("password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "account/password/reset/sent/",
        public(
            auth_views.PasswordResetDoneView.as_view(
                template_name="registration/password_reset_done.html"
            )
        ),
        name="password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        public(
            auth_views.PasswordResetConfirmView.as_view(
                form_class=NewPasswordForm,
                template_name="registration/password_reset_confirm.html",
                success_url=reverse_lazy("password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "account/password/reset/complete/",
        public(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="registration/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
]
