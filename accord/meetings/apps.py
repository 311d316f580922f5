from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "accord.meetings"

    def ready(self) -> None:
        # Extension points of accord.cases (docs/architecture.md): the case page shows
        # information and advice calls and meetings; the stored clocks count meeting notices;
        # a meeting's outcome is checked against the day the meeting began.
        from accord.cases.clock_facts import register_meeting_notices
        from accord.cases.corrections import register_correctable
        from accord.cases.cross_checks import register_meeting_days
        from accord.cases.next_steps import register_next_steps
        from accord.cases.selectors import add_case_page_flag
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.meetings.corrections import MEETING_FACTS
        from accord.meetings.next_steps import meeting_steps
        from accord.meetings.section import CASE_PAGE_FLAGS, SECTION
        from accord.meetings.selectors import main_meeting_days, meeting_notices

        if SECTION not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append(SECTION)
        for name, condition in CASE_PAGE_FLAGS.items():
            add_case_page_flag(name, condition)
        register_meeting_notices("meetings", meeting_notices)
        register_meeting_days("meetings", main_meeting_days)
        register_next_steps("meetings", meeting_steps)
        # The advice call and who attended, corrected like every recorded fact.
        for correctable in MEETING_FACTS:
            register_correctable(correctable)
