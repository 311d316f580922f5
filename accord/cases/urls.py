from django.urls import path

from accord.cases import views
from accord.cases.steps import closing as closing_steps
from accord.cases.steps import correction as correction_steps
from accord.cases.steps import details as details_steps
from accord.cases.steps import documents as document_steps
from accord.cases.steps import officers as officer_steps
from accord.cases.steps import people as people_steps
from accord.cases.steps import route as route_steps
from accord.cases.steps import safeguarding as safeguarding_steps
from accord.cases.steps import young_person as young_person_steps

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", views.new_enquiry, name="new"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/route/", route_steps.confirm_route, name="route"),
    path("<str:reference>/family-choice/", route_steps.family_choice, name="family_choice"),
    path("<str:reference>/la-notified/", route_steps.la_notified, name="la_notified"),
    path("<str:reference>/start-dr/", route_steps.start_dr, name="start_dr"),
    path("<str:reference>/cannot-hold/", route_steps.cannot_hold, name="cannot_hold"),
    path("<str:reference>/not-pursued/", route_steps.not_pursued, name="not_pursued"),
    path(
        "<str:reference>/not-pursued/correct/",
        route_steps.correct_not_pursued,
        name="correct_not_pursued",
    ),
    path("<str:reference>/correct/<slug:key>/", correction_steps.correct, name="correct"),
    path(
        "<str:reference>/correct/<slug:key>/<int:target>/",
        correction_steps.correct,
        name="correct",
    ),
    path("<str:reference>/outcome/", closing_steps.record_outcome, name="outcome"),
    path("<str:reference>/close/", closing_steps.close, name="close"),
    path("<str:reference>/reopen/", closing_steps.reopen, name="reopen"),
    path("<str:reference>/assign/", people_steps.assign, name="assign"),
    path("<str:reference>/risk/", details_steps.risk_assessment, name="risk"),
    path(
        "<str:reference>/safeguarding/raise/",
        safeguarding_steps.raise_concern,
        name="raise_concern",
    ),
    path(
        "<str:reference>/safeguarding/<int:concern_id>/told/",
        safeguarding_steps.concern_told,
        name="concern_told",
    ),
    path(
        "<str:reference>/safeguarding/<int:concern_id>/close/",
        safeguarding_steps.close_concern,
        name="close_concern",
    ),
    path("<str:reference>/decision-date/", details_steps.decision_date, name="decision_date"),
    path("<str:reference>/people/add/", people_steps.add_party, name="add_party"),
    path(
        "<str:reference>/people/add/<slug:body>/",
        people_steps.add_body_attendee,
        name="add_body_attendee",
    ),
    path("<str:reference>/people/<int:party_id>/", people_steps.edit_party, name="edit_party"),
    path(
        "<str:reference>/people/<int:party_id>/dr-consent/",
        people_steps.dr_consent,
        name="dr_consent",
    ),
    path(
        "<str:reference>/people/<int:party_id>/young-person-consent/",
        young_person_steps.young_person_consent,
        name="young_person_consent",
    ),
    path("<str:reference>/capacity/add/", young_person_steps.record_capacity, name="capacity"),
    path("<str:reference>/dr-invitation/", officer_steps.dr_invitation, name="dr_invitation"),
    path("<str:reference>/our-attendees/add/", officer_steps.name_attendee, name="name_attendee"),
    path(
        "<str:reference>/our-attendees/<int:party_id>/authority/",
        officer_steps.confirm_authority,
        name="confirm_authority",
    ),
    path("<str:reference>/notes/add/", details_steps.add_note, name="add_note"),
    path("<str:reference>/views/add/", people_steps.add_child_view, name="add_child_view"),
    path(
        "<str:reference>/views/<int:view_id>/file/",
        people_steps.child_view_file,
        name="child_view_file",
    ),
    path(
        "<str:reference>/case-documents/add/",
        document_steps.add_case_document,
        name="add_case_document",
    ),
    path(
        "<str:reference>/case-documents/<int:document_id>/",
        document_steps.case_document_file,
        name="case_document_file",
    ),
]
