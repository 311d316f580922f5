"""The second-factor pages: set up an app, give a code, see recovery codes; and the service
manager's page for resetting a colleague's second factor."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accord.organisations.access import access_rule_of, membership_allowed, roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import Role
from accord.organisations.second_factor import devices
from accord.organisations.second_factor.forms import CodeForm, SetUpForm
from accord.organisations.second_factor.middleware import before_second_factor

SHOW_CODES_KEY = "accord_recovery_codes_to_show"
WRONG_CODE = "The code is not right: check the code in your authenticator app and try again"
THROTTLED = "You have entered too many wrong codes. Wait a minute, then try again"


def _next_page(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and allowed else reverse("start")


def _verified(request: HttpRequest, device: devices.Device) -> None:
    # A new session key once the second factor is given, as at sign-in.
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
@before_second_factor
def set_up(request: HttpRequest) -> HttpResponseBase:
    """The first time: scan the QR code into an authenticator app and give its first code."""
    user: User = request.user  # type: ignore[assignment]
    if devices.has_second_factor(user):
        return redirect("second_factor")
    device = devices.unconfirmed_app(user)
    form = SetUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # After a wrong code django-otp checks nothing for a while: say so, rather than call a
        # right code wrong.
        throttled = not device.verify_is_allowed()[0]
        codes = None if throttled else devices.confirm_app(device, form.cleaned_data["code"])
        if codes is None:
            form.add_error("code", THROTTLED if throttled else WRONG_CODE)
        else:
            _verified(request, device)
            request.session[SHOW_CODES_KEY] = codes
            query = urlencode({"next": _next_page(request)})
            return redirect(f"{reverse('second_factor_recovery_codes')}?{query}")
    context = {
        "form": form,
        "qr_code": devices.qr_code_data_uri(device),
        "secret": devices.secret_for_typing(device),
        "next": _next_page(request),
    }
    return render(request, "organisations/second_factor_set_up.html", context)


@never_cache
@before_second_factor
def verify(request: HttpRequest) -> HttpResponseBase:
    """After the password: a code from the app, or a recovery code."""
    user: User = request.user  # type: ignore[assignment]
    if not devices.has_second_factor(user):
        return redirect("second_factor_set_up")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Wrong codes make django-otp wait longer and longer before it checks again.
        throttled = devices.is_throttled(user)
        device = None if throttled else devices.check_code(user, form.cleaned_data["code"])
        if device is None:
            form.add_error("code", THROTTLED if throttled else WRONG_CODE)
        else:
            _verified(request, device)
            if isinstance(device, devices.StaticDevice):
                left = devices.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You used a recovery code. You have {left} left: make new ones from your "
                    "account if you are running out.",
                )
            return redirect(_next_page(request))
    context = {"form": form, "next": _next_page(request)}
    return render(request, "organisations/second_factor.html", context)


@never_cache
@before_second_factor
def recovery_codes(request: HttpRequest) -> HttpResponseBase:
    """Shows new recovery codes once; a verified person may make a new set here."""
    user: User = request.user  # type: ignore[assignment]
    if not user.is_verified():  # type: ignore[attr-defined]
        return redirect("second_factor")
    if request.method == "POST":
        request.session[SHOW_CODES_KEY] = devices.new_recovery_codes(user)
        return redirect("second_factor_recovery_codes")
    reset_rule = access_rule_of(people)
    context = {
        "codes": request.session.pop(SHOW_CODES_KEY, None),
        "left": devices.recovery_codes_left(user),
        "next": _next_page(request),
        # Asked of people's own access rule, as the navigation does.
        "may_reset_others": reset_rule is not None
        and membership_allowed(request, reset_rule) is not None,
    }
    return render(request, "organisations/second_factor_recovery_codes.html", context)


def _colleagues(request: HttpRequest) -> list[User]:
    provider_id = request.membership.provider_id  # type: ignore[attr-defined]
    ids = Membership.objects.filter(provider_id=provider_id).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("full_name", "email"))


@roles(Role.SERVICE_MANAGER)
def people(request: HttpRequest) -> HttpResponse:
    """The provider's people and whether each has set up a second factor."""
    colleagues = _colleagues(request)
    resets = devices.last_resets(colleagues)
    rows = [
        {
            "person": person,
            "has_app": devices.has_second_factor(person),
            "last_reset": resets.get(person.pk),
            "is_me": person.pk == request.user.pk,
        }
        for person in colleagues
    ]
    return render(request, "organisations/second_factor_people.html", {"rows": rows})


@roles(Role.SERVICE_MANAGER)
@require_POST
def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """Removes a colleague's app and recovery codes (a lost or new phone)."""
    colleague_ids = [person.pk for person in _colleagues(request)]
    if user_id not in colleague_ids:
        raise Http404
    if user_id == request.user.pk:
        messages.error(request, "Another service manager must reset your own second factor.")
        return redirect("second_factor_people")
    person = get_object_or_404(User, pk=user_id)
    devices.reset_second_factor(
        person,
        by=request.user,  # type: ignore[arg-type]
        provider=request.membership.provider,  # type: ignore[attr-defined]
    )
    messages.success(
        request, f"{person} will set up a new authenticator app the next time they sign in."
    )
    return redirect("second_factor_people")
