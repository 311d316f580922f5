"""A fake GOV.UK Notify API for tests: a small HTTP server on 127.0.0.1 (a free port, in a
thread) that checks each request as Notify does, and records what it accepted.

Tests point the real client (notifications-python-client) at it through GOVUK_NOTIFY_BASE_URL,
so the JWT it signs, the JSON it sends and the responses it reads are all the real ones. It
checks: the bearer token is a JWT signed HS256 with the API key's secret, whose `iss` is the
service id and whose `iat` is within 30 seconds of now; the template id is one it knows, and the
personalisation has every placeholder the template uses; a phone number is one; a letter's
content is a real PDF (base64), of A4 pages. Anything wrong: Notify's 400/403 error JSON.

    fake.sent        the accepted notifications, in order (dicts: type, to, template_id, …)
    fake.statuses    notification id -> the status get_notification_by_id answers
    fake.fail_next   an (HTTP status, message) the next send is refused with
"""

from __future__ import annotations

import base64
import io
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from pypdf import PdfReader

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"accord_test-{SERVICE_ID}-{SECRET}"
A4_POINTS = (595.28, 841.89)


class Refused(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


@dataclass
class FakeNotify:
    # template id -> (template type, the placeholders its content uses)
    templates: dict[str, tuple[str, set[str]]]
    sent: list[dict[str, Any]] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)
    fail_next: tuple[int, str] | None = None
    base_url: str = ""

    # --- checks, as Notify makes them ---------------------------------------------------------

    def check_token(self, header: str) -> None:
        if not header.startswith("Bearer "):
            raise Refused(401, "AuthError", "Unauthorized: authentication token must be provided")
        token = header.removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.InvalidTokenError as error:
            raise Refused(403, "AuthError", f"Invalid token: {error}") from None
        if jwt.get_unverified_header(token).get("alg") != "HS256":
            raise Refused(403, "AuthError", "Invalid token: algorithm used is not HS256")
        if claims.get("iss") != SERVICE_ID:
            raise Refused(403, "AuthError", "Invalid token: service not found")
        if abs(time.time() - float(claims.get("iat", 0))) > 30:
            raise Refused(403, "AuthError", "Error: Your system clock must be accurate to 30s")

    def check_template(self, data: dict[str, Any], kind: str) -> None:
        template = self.templates.get(str(data.get("template_id")))
        if template is None or template[0] != kind:
            raise Refused(400, "BadRequestError", "Template not found")
        given = data.get("personalisation") or {}
        missing = sorted(p for p in template[1] if p not in given)
        if missing:
            raise Refused(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")

    def check_letter(self, data: dict[str, Any]) -> bytes:
        if not data.get("reference"):
            raise Refused(400, "ValidationError", "reference is a required property")
        try:
            content = base64.b64decode(data["content"], validate=True)
            reader = PdfReader(io.BytesIO(content))
            pages = list(reader.pages)
        except Exception:
            raise Refused(400, "ValidationError", "Letter content is not a valid PDF") from None
        for page in pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            if any(abs(a - b) > 1 for a, b in zip(size, A4_POINTS, strict=True)):
                raise Refused(400, "ValidationError", "Letter is not A4")
        return content

    # --- the API ----------------------------------------------------------------------------

    def post(self, path: str, data: dict[str, Any]) -> dict[str, Any]:
        if self.fail_next is not None:
            status, message = self.fail_next
            self.fail_next = None
            raise Refused(status, "BadRequestError", message)
        notification_id = str(uuid.uuid4())
        record: dict[str, Any] = {"id": notification_id, "reference": data.get("reference")}
        if path == "/v2/notifications/sms":
            self.check_template(data, "sms")
            number = re.sub(r"\s", "", str(data.get("phone_number", "")))
            if not re.fullmatch(r"\+?\d{10,15}", number):
                raise Refused(400, "ValidationError", "phone_number Not a valid phone number")
            record |= {"type": "sms", "to": number}
        elif path == "/v2/notifications/email":
            self.check_template(data, "email")
            record |= {"type": "email", "to": data.get("email_address")}
        elif path == "/v2/notifications/letter":
            record |= {"type": "letter", "pdf": self.check_letter(data)}
        else:
            raise Refused(404, "ResourceNotFound", "Not found")
        record |= {
            "template_id": data.get("template_id"),
            "personalisation": data.get("personalisation") or {},
        }
        self.sent.append(record)
        self.statuses[notification_id] = "created"
        return {"id": notification_id, "reference": data.get("reference")}

    def get(self, path: str) -> dict[str, Any]:
        notification_id = path.removeprefix("/v2/notifications/")
        if notification_id not in self.statuses:
            raise Refused(404, "NoResultFound", "No result found")
        return {"id": notification_id, "status": self.statuses[notification_id]}

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [record for record in self.sent if record["type"] == kind]


def _handler(fake: FakeNotify) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: dict[str, Any]) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _handle(self, method: str) -> None:
            try:
                fake.check_token(self.headers.get("Authorization", ""))
                if method == "POST":
                    length = int(self.headers.get("Content-Length", "0"))
                    data = json.loads(self.rfile.read(length) or b"{}")
                    self._answer(201, fake.post(self.path, data))
                else:
                    self._answer(200, fake.get(self.path))
            except Refused as refusal:
                self._answer(
                    refusal.status,
                    {
                        "status_code": refusal.status,
                        "errors": [{"error": refusal.error, "message": refusal.message}],
                    },
                )

        def do_POST(self) -> None:
            self._handle("POST")

        def do_GET(self) -> None:
            self._handle("GET")

        def log_message(self, format: str, *args: object) -> None:
            return  # quiet

    return Handler


class running:
    """`with running(fake):` serves `fake` on 127.0.0.1 and a free port until the block ends."""

    def __init__(self, fake: FakeNotify) -> None:
        self.fake = fake
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeNotify:
        self.thread.start()
        host, port = self.server.server_address[:2]
        self.fake.base_url = f"http://{host!s}:{port}"
        return self.fake

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
