from django.urls import path

from accord.portal import deadline_views, flow_views, inbox_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("mediation/", views.guide, name="guide_start"),
    path("mediation/<slug:slug>/", views.guide, name="guide"),
    path("easy-read/", views.easy_read, name="easy_read_start"),
    path("easy-read/<slug:slug>/", views.easy_read, name="easy_read"),
    path("which-route/", flow_views.route_start, name="route_start"),
    path("which-route/result/", flow_views.route_result, name="route_result"),
    path("which-route/<slug:slug>/", flow_views.route_question, name="route_question"),
    path("deadlines/", deadline_views.deadline_calculator, name="deadlines"),
    path("ask/", flow_views.request_start, name="request_start"),
    path("ask/check-your-answers/", flow_views.request_check, name="request_check"),
    path("ask/sent/", flow_views.request_sent, name="request_sent"),
    path("ask/<slug:slug>/", flow_views.request_question, name="request_question"),
    path("inbox/", inbox_views.inbox, name="inbox"),
    path("inbox/<str:reference>/", inbox_views.request_detail, name="inbox_request"),
    path("inbox/<str:reference>/accept/", inbox_views.accept, name="inbox_accept"),
    path("inbox/<str:reference>/reject/", inbox_views.reject, name="inbox_reject"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]
