"""/api/: the schema, its documentation page (served from the package, no CDN) and v1."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accord.api.resources.cases import CaseDetail, CaseList
from accord.api.resources.documents import ActionDone, ActionList, CertificateList, CertificatePdf
from accord.api.resources.referrals import ReferralCreate
from accord.api.resources.timeline import EventList, MeetingList
from accord.api.resources.webhooks import WebhookDetail, WebhookList
from accord.organisations.access import public

app_name = "api"

CASE = "v1/cases/<str:reference>/"
# Ids are read by the views (accord.api.resources.base.row_id), so a malformed one is a problem
# document like every other error, not Django's HTML 404.

urlpatterns = [
    path("schema/", public(SpectacularAPIView.as_view()), name="schema"),
    path(
        "docs/",
        public(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path("v1/referrals/", ReferralCreate.as_view(), name="referrals"),
    path("v1/cases/", CaseList.as_view(), name="cases"),
    path(CASE, CaseDetail.as_view(), name="case"),
    path(CASE + "certificates/", CertificateList.as_view(), name="certificates"),
    path(CASE + "certificates/<str:number>/pdf/", CertificatePdf.as_view(), name="certificate_pdf"),
    path(CASE + "actions/", ActionList.as_view(), name="actions"),
    path(CASE + "actions/<str:action_id>/done/", ActionDone.as_view(), name="action_done"),
    path(CASE + "meetings/", MeetingList.as_view(), name="meetings"),
    path(CASE + "events/", EventList.as_view(), name="events"),
    path("v1/webhooks/", WebhookList.as_view(), name="webhooks"),
    path("v1/webhooks/<str:webhook_id>/", WebhookDetail.as_view(), name="webhook"),
]
