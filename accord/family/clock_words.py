"""The case's clocks in the family's words, one entry for every `rules.Clock`.

Written for a reading age of about 9 to 11 (see accord.family.progress). The staff's words are
the clock's own label (`rules.Clock.label`); what a reminder asks the person responsible to do is
in accord.notifications.messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord import rules

Clock = rules.Clock


@dataclass(frozen=True)
class FamilyWords:
    label: str
    explanation: str
    done: str = "Done on {on}."  # {on}: the day it was done


_CERTIFICATE_READY = "Your certificate should be ready by"
_CERTIFICATE_ISSUED = "We issued your certificate on {on}."

# None: the date is not on the family's page. Telling the health body is a step between public
# bodies; the meeting's notice shows with the meeting itself; an agreed action shows in the
# agreement's own words (accord.family.progress).
FAMILY_WORDS: dict[rules.Clock, FamilyWords | None] = {
    Clock.ADVISER_CONTACT: FamilyWords(
        "Last day to talk to a mediation adviser",
        "You must talk to a mediation adviser within 2 months of the date on the council's "
        "decision letter, if you want to appeal.",
        done="You contacted us on {on}.",
    ),
    Clock.CERTIFICATE_NO_MEDIATION: FamilyWords(
        _CERTIFICATE_READY,
        "We must send it within 3 working days of you telling us you do not want mediation.",
        done=_CERTIFICATE_ISSUED,
    ),
    # SEND Regs reg 34: the family chose mediation, then withdrew or stopped replying.
    Clock.CERTIFICATE_NOT_PURSUED: FamilyWords(
        _CERTIFICATE_READY,
        "You are not going ahead with the mediation you chose, so we must send you a "
        "certificate within 3 working days.",
        done=_CERTIFICATE_ISSUED,
    ),
    Clock.HEALTH_BODIES_NOTICE: None,
    Clock.MEDIATION_HELD_LA: FamilyWords(
        "The meeting should happen by",
        "The law says mediation should take place within 30 days of the council hearing that "
        "you want it.",
    ),
    # SEND Regs reg 36: for health care only, 30 days from the health body (ICB) being told.
    Clock.MEDIATION_HELD_HEALTH_ONLY: FamilyWords(
        "The meeting should happen by",
        "The law says mediation should take place within 30 days of the health service (the "
        "NHS) hearing what you disagree about.",
    ),
    Clock.MEETING_NOTICE: None,
    Clock.CERTIFICATE_NOT_HELD_IN_TIME: FamilyWords(
        _CERTIFICATE_READY,
        "The meeting could not happen in time, so we must send you a certificate within 3 "
        "working days.",
        done=_CERTIFICATE_ISSUED,
    ),
    Clock.CERTIFICATE_AFTER_MEDIATION: FamilyWords(
        _CERTIFICATE_READY,
        "We must send it within 3 working days of the meeting ending.",
        done=_CERTIFICATE_ISSUED,
    ),
    Clock.TRIBUNAL_APPEAL: FamilyWords(
        "Last day to appeal to the SEND Tribunal",
        "The SEND Tribunal is an independent court. It can change the council's decision. If you "
        "want to appeal, you must do it by this date.",
    ),
    Clock.AGREEMENT_APPEALABLE: None,
    Clock.AGREEMENT_OTHER: None,
    Clock.ICB_TELLS_LA: None,
}
