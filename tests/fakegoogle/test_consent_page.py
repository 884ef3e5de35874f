"""The consent screen a person clicks through in the demo, and the errors Google shows instead."""

from html.parser import HTMLParser

import pytest
import requests

from fakegoogle import DEMO_EMAIL, FakeGoogle, serve
from fakegoogle.oauth import pkce_s256

from .conftest import OTHER_EMAIL, READONLY
from .test_oauth_flow import REDIRECT_URI, consent, make_flow, query

pytestmark = pytest.mark.usefixtures("loopback_oauth")

CHALLENGE = pkce_s256("v" * 64)


class FormReader(HTMLParser):
    """Collects the consent form's inputs the way a browser would submit them."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}
        self.accounts: list[str] = []
        self.checked = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.action = attributes["action"]
        if tag == "input" and attributes.get("type") == "hidden":
            self.fields[attributes["name"]] = attributes["value"]
        if tag == "input" and attributes.get("type") == "radio":
            self.accounts.append(attributes["value"])
            if "checked" in attributes:
                self.checked = attributes["value"]


def open_consent_page(server, flow) -> tuple[requests.Response, FormReader]:
    server.fake.auto_consent = None
    url, _ = flow.authorization_url()
    page = requests.get(url, timeout=5)
    reader = FormReader()
    reader.feed(page.text)
    return page, reader


def submit(server, reader: FormReader, decision: str, account: str) -> str:
    data = {**reader.fields, "fakegoogle_decision": decision, "fakegoogle_account": account}
    response = requests.post(
        server.base_url + reader.action, data=data, allow_redirects=False, timeout=5
    )
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def test_page_names_the_app_the_scopes_and_the_accounts(server):
    server.fake.register_client("gda-web", "s3cret", [REDIRECT_URI], name="Gmail Digest Assistant")
    flow = make_flow(server, client_id="gda-web", secret="s3cret")

    page, reader = open_consent_page(server, flow)

    assert page.status_code == 200
    assert "Gmail Digest Assistant wants to access your Google Account" in page.text
    assert "View your email messages and settings" in page.text
    assert reader.accounts == [DEMO_EMAIL, OTHER_EMAIL]
    assert reader.checked == DEMO_EMAIL
    assert ">Allow</button>" in page.text
    assert ">Cancel</button>" in page.text


def test_allow_with_another_account_signs_in_that_account(server):
    flow = make_flow(server)
    _, reader = open_consent_page(server, flow)

    callback = submit(server, reader, "allow", OTHER_EMAIL)
    flow.fetch_token(authorization_response=callback)

    userinfo = flow.authorized_session().get(f"{server.base_url}/v1/userinfo").json()
    assert userinfo["email"] == OTHER_EMAIL


def test_cancel_redirects_with_access_denied(server):
    flow = make_flow(server)
    _, reader = open_consent_page(server, flow)

    callback = submit(server, reader, "deny", DEMO_EMAIL)

    assert query(callback)["error"] == "access_denied"
    assert query(callback)["state"] == reader.fields["state"]


def test_form_values_are_html_escaped(server):
    flow = make_flow(server)
    server.fake.auto_consent = None
    url, _ = flow.authorization_url(state='"><script>alert(1)</script>')

    page = requests.get(url, timeout=5)

    assert "<script>alert(1)" not in page.text
    assert "&lt;script&gt;" in page.text


def auth_params(**overrides) -> dict[str, str]:
    params = {
        "client_id": "gda-web",
        "redirect_uri": REDIRECT_URI,
        "response_type": "code",
        "scope": READONLY,
        "code_challenge": CHALLENGE,
        "code_challenge_method": "S256",
    }
    params.update(overrides)
    return {key: value for key, value in params.items() if value is not None}


@pytest.mark.parametrize(
    ("overrides", "status", "error"),
    [
        ({"client_id": None}, 400, "invalid_request"),
        ({"redirect_uri": "http://evil.example/cb"}, 400, "redirect_uri_mismatch"),
        ({"response_type": "token"}, 400, "unsupported_response_type"),
        ({"scope": "https://www.googleapis.com/auth/drive"}, 400, "invalid_scope"),
        ({"scope": None}, 400, "invalid_request"),
        ({"code_challenge": None, "code_challenge_method": None}, 400, "code_challenge"),
        ({"code_challenge_method": "plain"}, 400, "code_challenge_method"),
        ({"prompt": "none"}, 400, "prompt"),
    ],
)
def test_bad_requests_end_on_googles_error_page(server, overrides, status, error):
    server.fake.register_client("gda-web", "s3cret", [REDIRECT_URI])

    response = requests.get(
        f"{server.base_url}/o/oauth2/auth",
        params=auth_params(**overrides),
        allow_redirects=False,
        timeout=5,
    )

    assert response.status_code == status
    assert error in response.text
    assert "Location" not in response.headers


def test_strict_clients_reject_unknown_client_ids():
    with serve(FakeGoogle(strict_clients=True)) as running:
        response = requests.get(
            f"{running.base_url}/o/oauth2/auth", params=auth_params(), timeout=5
        )

    assert response.status_code == 401
    assert "invalid_client" in response.text


def test_without_accounts_the_page_says_how_to_add_one():
    with serve(FakeGoogle()) as running:
        response = requests.get(
            f"{running.base_url}/o/oauth2/auth", params=auth_params(), timeout=5
        )

    assert response.status_code == 400
    assert "add_account" in response.text


def test_pkce_can_be_made_optional(server):
    server.fake.require_pkce = False
    params = auth_params(code_challenge=None, code_challenge_method=None)

    response = requests.get(
        f"{server.base_url}/o/oauth2/auth", params=params, allow_redirects=False, timeout=5
    )

    assert "code" in query(response.headers["Location"])


def test_redirect_keeps_the_redirect_uris_own_query(server):
    flow = make_flow(server)
    flow.redirect_uri = REDIRECT_URI + "?next=%2Fdigest"

    callback = consent(flow)

    assert query(callback)["next"] == "/digest"
    assert "code" in query(callback)
