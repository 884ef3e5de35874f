"""The few HTML pages a person sees: the consent screen, its error page and avatars."""

from __future__ import annotations

from html import escape

from fakegoogle.oauth import describe_scope
from fakegoogle.state import Account, AuthorizationRequest

DECISION_FIELD = "fakegoogle_decision"
ACCOUNT_FIELD = "fakegoogle_account"

_STYLE = """
body { font-family: system-ui, sans-serif; background: #f1f3f4; color: #202124; margin: 0; }
main { max-width: 28rem; margin: 3rem auto; background: #fff; border-radius: 8px;
       padding: 2rem; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
h1 { font-size: 1.4rem; font-weight: 400; margin: 0 0 .5rem; }
.badge { font-size: .75rem; color: #5f6368; text-transform: uppercase; letter-spacing: .05em; }
ul { padding-left: 1.2rem; } li { margin: .4rem 0; }
label.account { display: block; padding: .5rem; border: 1px solid #dadce0; border-radius: 4px;
                margin: .4rem 0; cursor: pointer; }
.buttons { display: flex; justify-content: flex-end; gap: .5rem; margin-top: 1.5rem; }
button { font-size: .95rem; padding: .5rem 1.4rem; border-radius: 4px; cursor: pointer; }
button.allow { background: #1a73e8; color: #fff; border: 0; }
button.cancel { background: #fff; color: #1a73e8; border: 1px solid #dadce0; }
code { background: #f1f3f4; padding: 0 .2rem; }
"""


def _page(title: str, content: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f'<body><main><div class="badge">fakegoogle &middot; Sign in with Google</div>'
        f"{content}</main></body></html>"
    )


def consent_page(request: AuthorizationRequest, accounts: list[Account], selected: Account) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
        for name, value in request.params.items()
    )
    choices = "".join(
        f'<label class="account"><input type="radio" name="{ACCOUNT_FIELD}" '
        f'value="{escape(account.email)}"{" checked" if account is selected else ""}> '
        f"<strong>{escape(account.name)}</strong> &lt;{escape(account.email)}&gt;</label>"
        for account in accounts
    )
    scopes = "".join(
        f"<li>{escape(describe_scope(scope))}</li>" for scope in sorted(request.scopes)
    )
    app = escape(request.client.display_name)
    content = (
        f"<h1>{app} wants to access your Google Account</h1>"
        f'<form method="post" action="/o/oauth2/auth">{hidden}'
        f"<p>Choose an account</p>{choices}"
        f"<p>This will allow <strong>{app}</strong> to:</p><ul>{scopes}</ul>"
        '<div class="buttons">'
        f'<button class="cancel" name="{DECISION_FIELD}" value="deny">Cancel</button>'
        f'<button class="allow" name="{DECISION_FIELD}" value="allow">Allow</button>'
        "</div></form>"
    )
    return _page(f"Sign in - {request.client.display_name}", content)


def error_page(error: str, description: str, status: int) -> str:
    content = (
        "<h1>Access blocked: this request is invalid</h1>"
        f"<p><strong>Error {status}: {escape(error)}</strong></p><p>{escape(description)}</p>"
    )
    return _page(f"Error {status}: {error}", content)


def avatar_svg(initial: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">'
        '<circle cx="48" cy="48" r="48" fill="#1a73e8"/>'
        '<text x="48" y="62" font-size="44" text-anchor="middle" fill="#fff" '
        f'font-family="sans-serif">{escape(initial.upper())}</text></svg>'
    )
