"""Two-factor sign-in for staff and officers (issue 11, section 2).

A password alone is not enough when `ACCORD_REQUIRE_MFA` is on: the person must also give a code
from an authenticator app (TOTP, RFC 6238) or one of their single-use recovery codes. The devices
and their checks are django-otp's (`devices`); the pages are ours, in the GOV.UK style (`views`);
`middleware` keeps a person who has given only a password to the second-factor pages.
"""
