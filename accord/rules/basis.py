"""The legal basis of every rule, as data.

Each rule in this package names one of the constants below, so a screen or a letter can show
where an answer comes from. Sources, and what was checked for each, are listed in
docs/rules-sources.md.
"""

from __future__ import annotations

from dataclasses import dataclass

SEND_REGS = "The Special Educational Needs and Disability Regulations 2014 (SI 2014/1530)"
CFA = "Children and Families Act 2014"
HESC_RULES = (
    "The Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) "
    "Rules 2008 (SI 2008/2699)"
)
CODE_OF_PRACTICE = "Special educational needs and disability code of practice: 0 to 25 years (2015)"
EDUCATION_ACT_1996 = "Education Act 1996"
SCHOOL_LEAVING_DATE_ORDER = "The Education (School Leaving Date) Order 1997 (SI 1997/1970)"
FAMILY_LAW_REFORM_ACT = "Family Law Reform Act 1969"
BANKING_ACT = "Banking and Financial Dealings Act 1971"
EQUALITY_ACT = "Equality Act 2010"
RECOMMENDATIONS_REGS = (
    "The Special Educational Needs and Disability (First-tier Tribunal Recommendations Power) "
    "Regulations 2017 (SI 2017/1306)"
)
CASE_LAW = "Case law"

_SEND_REGS_URL = "https://www.legislation.gov.uk/uksi/2014/1530/regulation/"
_HESC_URL = "https://www.legislation.gov.uk/uksi/2008/2699/article/"
_CFA_URL = "https://www.legislation.gov.uk/ukpga/2014/6/section/"


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """Where a rule comes from.

    ``citation`` is short enough for a table cell ("SEND Regs reg 34"); ``instrument`` is the
    full title; ``summary`` is one plain-English sentence a family can read. ``verified`` is
    False where the citation (not the rule itself) could not be checked against the primary
    text (or a verbatim copy of it) when the rule was written; docs/rules-sources.md says what
    is outstanding.
    """

    citation: str
    instrument: str
    summary: str
    url: str | None = None
    verified: bool = True

    def __str__(self) -> str:
        return self.citation


# --- Counting time -------------------------------------------------------------------------

WORKING_DAY = LegalBasis(
    citation="SEND Regs reg 2(1)",
    instrument=SEND_REGS,
    summary=(
        "A working day is any day except a Saturday, a Sunday, Christmas Day, Good Friday or a "
        "bank holiday in England."
    ),
    url=_SEND_REGS_URL + "2",
    verified=False,
)
TRIBUNAL_WORKING_DAY = LegalBasis(
    citation="HESC Rules r.1(3)",
    instrument=HESC_RULES,
    summary=(
        "For the tribunal a working day is any day except a Saturday, a Sunday, Christmas Day, "
        "Good Friday or a bank holiday under section 1 of the Banking and Financial Dealings "
        "Act 1971."
    ),
    url=_HESC_URL + "1",
    verified=False,
)
BANK_HOLIDAYS = LegalBasis(
    citation="Banking and Financial Dealings Act 1971 s.1",
    instrument=BANKING_ACT,
    summary=(
        "Bank holidays in England are the days in Schedule 1 to the Act and any day appointed by "
        "royal proclamation, in place of one of them or in addition (substitute and one-off days)."
    ),
    url="https://www.legislation.gov.uk/ukpga/1971/80/section/1",
)
CORRESPONDING_DATE = LegalBasis(
    citation="Dodds v Walker [1981] 1 WLR 1027 (HL)",
    instrument=CASE_LAW,
    summary=(
        "A period of months ends on the same day-number in the later month, or on that month's "
        "last day if it has no such day."
    ),
)

# --- Mediation (SEND Regs Part 2, regs 32-42) -----------------------------------------------

ADVISER_CONTACT = LegalBasis(
    citation="SEND Regs reg 33",
    instrument=SEND_REGS,
    summary=(
        "A family that needs a mediation certificate must contact the mediation adviser within "
        "2 months after the local authority's decision notice was sent."
    ),
    url=_SEND_REGS_URL + "33",
)
CERTIFICATE_NO_MEDIATION = LegalBasis(
    citation="SEND Regs reg 34; CFA s.55(4)",
    instrument=SEND_REGS,
    summary=(
        "When a family tells the mediation adviser they do not want mediation, the adviser must "
        "issue the certificate within 3 working days."
    ),
    url=_SEND_REGS_URL + "34",
)
CERTIFICATE_NOT_PURSUED = LegalBasis(
    citation="SEND Regs reg 34; CFA s.55(4)",
    instrument=SEND_REGS,
    summary=(
        "When a family who chose mediation then fails to pursue it (they withdraw, or stop "
        "replying), the mediation adviser must issue the certificate within 3 working days of "
        "learning that."
    ),
    url=_SEND_REGS_URL + "34",
    # Reg 34's heading ("does not wish to or fails to pursue mediation") was read; the words of
    # the paragraph on failing to pursue were not (docs/rules-sources.md).
    verified=False,
)
HEALTH_BODIES_NOTICE = LegalBasis(
    citation="SEND Regs reg 36",
    instrument=SEND_REGS,
    summary=(
        "When the issues to be mediated include health care provision, the local authority must "
        "tell the health commissioning body (the ICB) within 3 working days."
    ),
    url=_SEND_REGS_URL + "36",
    verified=False,
)
MEDIATION_HELD_LA = LegalBasis(
    citation="SEND Regs regs 35-37",
    instrument=SEND_REGS,
    summary=(
        "The local authority must arrange for the mediation to take place within 30 days of "
        "receiving the family's notice that they want mediation."
    ),
    url=_SEND_REGS_URL + "35",
    verified=False,
)
MEDIATION_HELD_HEALTH_ONLY = LegalBasis(
    citation="SEND Regs reg 36",
    instrument=SEND_REGS,
    summary=(
        "When the only issues are health care, the health commissioning body (the ICB) must "
        "arrange the mediation within 30 days of being told the issues."
    ),
    url=_SEND_REGS_URL + "36",
    verified=False,
)
MEETING_NOTICE = LegalBasis(
    citation="SEND Regs reg 37",
    instrument=SEND_REGS,
    summary=(
        "The family must be told the date and place of the mediation at least 5 working days "
        "before it, unless they agree to a shorter period."
    ),
    url=_SEND_REGS_URL + "37",
    verified=False,
)
CERTIFICATE_NOT_HELD_IN_TIME = LegalBasis(
    citation="SEND Regs reg 37",
    instrument=SEND_REGS,
    summary=(
        "If the mediation cannot take place within 30 days, the local authority must tell the "
        "mediation adviser, who must issue a certificate within 3 working days."
    ),
    url=_SEND_REGS_URL + "37",
    verified=False,
)
WHO_MAY_ATTEND = LegalBasis(
    citation="SEND Regs reg 38(1)",
    instrument=SEND_REGS,
    summary=(
        "These may attend the mediation: the parties; any advocate or other supporter the parent "
        "or young person wishes to bring; the child, with agreement; and anyone else with the "
        "consent of all the parties or, if they do not agree, of the mediator."
    ),
    url=_SEND_REGS_URL + "38",
)
AUTHORITY_TO_RESOLVE = LegalBasis(
    citation="SEND Regs reg 38(2)-(3)",
    instrument=SEND_REGS,
    summary=(
        "The local authority, and the health commissioning body (the ICB) when it takes part, "
        "must each make sure the mediation is attended by someone with authority to resolve the "
        "mediation issues."
    ),
    url=_SEND_REGS_URL + "38",
    verified=False,
)
CERTIFICATE_AFTER_MEDIATION = LegalBasis(
    citation="SEND Regs reg 39; CFA s.55(5)",
    instrument=SEND_REGS,
    summary=(
        "After a mediation, whether or not it reached agreement, the mediator must issue the "
        "certificate within 3 working days."
    ),
    url=_SEND_REGS_URL + "39",
    verified=False,
)
AGREEMENT_APPEALABLE = LegalBasis(
    citation="SEND Regs reg 42(2)",
    instrument=SEND_REGS,
    summary=(
        "An agreement on matters the family could appeal must be carried out within the time "
        "limits in regulation 44, as if it were an order of the tribunal."
    ),
    url=_SEND_REGS_URL + "42",
)
AGREEMENT_OTHER = LegalBasis(
    citation="SEND Regs reg 42(3)",
    instrument=SEND_REGS,
    summary=(
        "Anything else the local authority or ICB agreed to do must be done within 2 weeks of "
        "the date of the mediation agreement."
    ),
    url=_SEND_REGS_URL + "42",
)
ICB_TELLS_LA = LegalBasis(
    citation="SEND Regs reg 42(4)",
    instrument=SEND_REGS,
    summary=(
        "If the local authority was not a party to the mediation, the ICB must tell it about "
        "the agreement within 1 week."
    ),
    url=_SEND_REGS_URL + "42",
)
AGREED_TIMESCALES = LegalBasis(
    citation="SEND Regs reg 42(5)",
    instrument=SEND_REGS,
    summary=(
        "The parties may agree in writing to different timescales, which then replace those in "
        "regulation 42(2) and (3)."
    ),
    url=_SEND_REGS_URL + "42",
)
TRIBUNAL_ORDERS = LegalBasis(
    citation="SEND Regs reg 44",
    instrument=SEND_REGS,
    summary=(
        "Time limits for a local authority to carry out a tribunal order, counted in calendar "
        "weeks from the order, with listed exceptions."
    ),
    url=_SEND_REGS_URL + "44",
)

# --- Tribunal -------------------------------------------------------------------------------

APPEAL_TIME_LIMIT = LegalBasis(
    citation="HESC Rules r.20(1)(c)",
    instrument=HESC_RULES,
    summary=(
        "An appeal must reach the tribunal within 2 months after the decision notice was sent, "
        "or within 1 month of the mediation certificate if that is later."
    ),
    url=_HESC_URL + "20",
)
NEXT_WORKING_DAY = LegalBasis(
    citation="HESC Rules r.12(2)",
    instrument=HESC_RULES,
    summary=(
        "If a tribunal time limit ends on a day that is not a working day, the act is in time "
        "if it is done on the next working day."
    ),
    url=_HESC_URL + "12",
)
AUGUST_AND_CHRISTMAS = LegalBasis(
    citation="HESC Rules r.12(3)(a)",
    instrument=HESC_RULES,
    summary=(
        "In special educational needs cases, if the time for an appeal ends in August or between "
        "25 December and 1 January, the appeal is in time on the first working day after "
        "31 August or 1 January. A time that ends just before those periods is moved only by "
        "r.12(2)."
    ),
    url=_HESC_URL + "12",
)

# --- Routes ---------------------------------------------------------------------------------

RIGHT_OF_APPEAL = LegalBasis(
    citation="CFA s.51",
    instrument=CFA,
    summary=(
        "Families can appeal refusals to assess, reassess or issue a plan, refusals to amend or "
        "replace a plan after a review or reassessment, a decision to cease a plan, and the "
        "needs, provision and placement in a plan (sections B, F and I)."
    ),
    url=_CFA_URL + "51",
)
RIGHT_TO_MEDIATION = LegalBasis(
    citation="CFA ss.52-54",
    instrument=CFA,
    summary=(
        "Families can ask for mediation about appealable decisions and about the health and "
        "social care parts of a plan."
    ),
    url=_CFA_URL + "52",
)
CERTIFICATE_REQUIRED = LegalBasis(
    citation="CFA s.55",
    instrument=CFA,
    summary=(
        "Before most appeals the family must have a mediation certificate; none is needed when "
        "the appeal is only about the school or college named (or not named) in section I."
    ),
    url=_CFA_URL + "55",
)
MEDIATION_ADVISER_INDEPENDENT = LegalBasis(
    citation="CFA s.56(2)-(3)",
    instrument=CFA,
    summary=(
        "The mediation adviser must be independent: not employed by a local authority, an ICB "
        "or NHS England."
    ),
    url=_CFA_URL + "56",
)
DISAGREEMENT_RESOLUTION = LegalBasis(
    citation="CFA s.57; CoP 11.6-11.12",
    instrument=CFA,
    summary=(
        "Local authorities must make independent disagreement resolution available for other "
        "SEND disagreements; taking part is voluntary for everyone."
    ),
    url=_CFA_URL + "57",
    verified=False,
)
HEALTH_SOCIAL_CARE_RECOMMENDATIONS = LegalBasis(
    citation="SEND (First-tier Tribunal Recommendations Power) Regs 2017",
    instrument=RECOMMENDATIONS_REGS,
    summary=(
        "The tribunal can make non-binding recommendations about health and social care only "
        "alongside an education appeal; health or social care alone cannot be appealed."
    ),
    url="https://www.legislation.gov.uk/uksi/2017/1306/contents/made",
)
DISABILITY_DISCRIMINATION = LegalBasis(
    citation="Equality Act 2010 Sch.17",
    instrument=EQUALITY_ACT,
    summary=(
        "A disability discrimination claim against a school goes straight to the tribunal, "
        "within 6 months starting with the date of the conduct complained of (the tribunal may "
        "hear a late claim); no mediation certificate is needed."
    ),
    url="https://www.legislation.gov.uk/ukpga/2010/15/schedule/17",
)

# --- People ---------------------------------------------------------------------------------

COMPULSORY_SCHOOL_AGE = LegalBasis(
    citation="Education Act 1996 s.8(3)",
    instrument=EDUCATION_ACT_1996,
    summary=(
        "A child stops being of compulsory school age at the end of the first school leaving "
        "date on or after their 16th birthday, or of the one before it if they turn 16 after "
        "that date but before the next school year begins."
    ),
    url="https://www.legislation.gov.uk/ukpga/1996/56/section/8",
)
SCHOOL_LEAVING_DATE = LegalBasis(
    citation="Education (School Leaving Date) Order 1997",
    instrument=SCHOOL_LEAVING_DATE_ORDER,
    summary="The school leaving date in England is the last Friday in June.",
    url="https://www.legislation.gov.uk/uksi/1997/1970/contents/made",
    verified=False,
)
YOUNG_PERSON = LegalBasis(
    citation="CFA s.83(2)",
    instrument=CFA,
    summary="A young person is someone over compulsory school age but under 25.",
    url=_CFA_URL + "83",
    verified=False,
)
ATTAINING_AN_AGE = LegalBasis(
    citation="Family Law Reform Act 1969 s.9",
    instrument=FAMILY_LAW_REFORM_ACT,
    summary=(
        "A person attains an age at the start of the relevant anniversary of their birth; for a "
        "29 February birthday Accord uses 1 March in non-leap years."
    ),
    url="https://www.legislation.gov.uk/ukpga/1969/46/section/9",
    verified=False,
)
