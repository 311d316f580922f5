from django.urls import path

from accord.cases import steps, views

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", views.new_enquiry, name="new"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/route/", steps.confirm_route, name="route"),
    path("<str:reference>/family-choice/", steps.family_choice, name="family_choice"),
    path("<str:reference>/la-notified/", steps.la_notified, name="la_notified"),
    path("<str:reference>/start-dr/", steps.start_dr, name="start_dr"),
    path("<str:reference>/cannot-hold/", steps.cannot_hold, name="cannot_hold"),
    path("<str:reference>/outcome/", steps.record_outcome, name="outcome"),
    path("<str:reference>/close/", steps.close, name="close"),
    path("<str:reference>/reopen/", steps.reopen, name="reopen"),
    path("<str:reference>/assign/", steps.assign, name="assign"),
    path("<str:reference>/risk/", steps.risk_assessment, name="risk"),
    path("<str:reference>/decision-date/", steps.decision_date, name="decision_date"),
    path("<str:reference>/people/add/", steps.add_party, name="add_party"),
    path("<str:reference>/people/<int:party_id>/", steps.edit_party, name="edit_party"),
    path("<str:reference>/people/<int:party_id>/dr-consent/", steps.dr_consent, name="dr_consent"),
    path("<str:reference>/notes/add/", steps.add_note, name="add_note"),
    path("<str:reference>/views/add/", steps.add_child_view, name="add_child_view"),
    path(
        "<str:reference>/views/<int:view_id>/file/", steps.child_view_file, name="child_view_file"
    ),
]
