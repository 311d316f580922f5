"""Every URL of Accord. Each view declares who may use it (accord.organisations.access)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accord.organisations import views as organisation_views
from accord.organisations.access import public, signed_in
from accord.organisations.forms import SignInForm

urlpatterns = [
    path("", include("accord.portal.urls")),
    path("", include("accord.ops.urls")),
    path(
        "sign-in/",
        public(
            auth_views.LoginView.as_view(
                template_name="registration/sign_in.html",
                authentication_form=SignInForm,
                redirect_authenticated_user=True,
            )
        ),
        name="login",
    ),
    path("sign-out/", public(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "account/password/",
        signed_in(
            auth_views.PasswordChangeView.as_view(template_name="registration/password_change.html")
        ),
        name="password_change",
    ),
    path(
        "account/password/done/",
        signed_in(
            auth_views.PasswordChangeDoneView.as_view(
                template_name="registration/password_change_done.html"
            )
        ),
        name="password_change_done",
    ),
    path("", include("accord.organisations.passwords")),
    path("service/", include("accord.organisations.urls")),
    path("account/second-factor/", include("accord.organisations.second_factor.urls")),
    path("account/provider/", organisation_views.choose_provider, name="choose_provider"),
    path("start/", organisation_views.start, name="start"),
    path("cases/", include("accord.cases.urls")),
    path("complaints/", include("accord.cases.complaint_urls")),
    path("reports/", include("accord.reports.urls")),
    path("data-protection/", include("accord.privacy.urls")),
    path("cases/<str:reference>/meetings/", include("accord.meetings.urls")),
    path("cases/<str:reference>/documents/", include("accord.documents.urls")),
    path("cases/<str:reference>/supporters/", include("accord.family.supporter_staff_urls")),
    path("my-actions/", include("accord.documents.follow_up_urls")),
    path("messages/", include("accord.notifications.urls")),
    path("mail/", include("accord.inbound.urls")),
    path("meeting-times/", include("accord.meetings.time_urls")),
    path("import/", include("accord.imports.urls")),
    path("diaries/", include("accord.meetings.diary_urls")),
    path("fees/", include("accord.meetings.fee_urls")),
    path("my-case/", include("accord.family.urls")),
    path("feedback/", include("accord.family.feedback_urls")),
    path("api/", include("accord.api.urls")),
    path("api-clients/", include("accord.api.pages_urls")),
    path("admin/", admin.site.urls),
]
