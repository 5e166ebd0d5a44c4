"""/review: a small page for maintainers to see reports by site and accept or reject rules.

It exists only when WINNOW_ADMIN_TOKEN is set; a maintainer logs in with that token (kept in a
signed session cookie), and every change is a same-origin form post carrying a CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from . import policy, store
from .site_rules import Verdict

bp = Blueprint("review", __name__, url_prefix="/review")
# What a maintainer can do with a rule: (the host it is decided for, the decision).
ACTIONS = {
    "accept_site": lambda host: (host, policy.Decision.ACCEPTED),
    "accept_global": lambda host: (policy.EVERY_SITE, policy.Decision.ACCEPTED),
    "reject": lambda host: (policy.EVERY_SITE, policy.Decision.REJECTED),
}
CSRF_KEY = "review_csrf"
ADMIN_KEY = "review_admin"


def _enabled() -> None:
    if not current_app.config.get("ADMIN_TOKEN"):
        abort(404)


def _same_origin() -> None:
    origin = request.headers.get("Origin")
    if origin and origin.rstrip("/") != request.host_url.rstrip("/"):
        abort(403)


def _csrf_token() -> str:
    if CSRF_KEY not in session:
        session[CSRF_KEY] = secrets.token_urlsafe(32)
    return session[CSRF_KEY]


def _check_csrf() -> None:
    sent = request.form.get("csrf", "")
    if not sent or not hmac.compare_digest(sent, session.get(CSRF_KEY, "")):
        abort(400, "The form expired; reload the page and try again.")


@bp.before_request
def _guard() -> None:
    _enabled()
    if request.method == "POST":
        _same_origin()
        _check_csrf()


@bp.get("")
def index() -> str:
    if not session.get(ADMIN_KEY):
        return render_template("review_login.html", csrf=_csrf_token(), failed=False)
    host = request.args.get("host") or None
    rules = store.rule_summaries(host)
    by_host: dict[str, list[dict]] = {}
    for rule in rules:
        by_host.setdefault(rule["host"], []).append(rule)
    return render_template(
        "review.html", by_host=by_host, host=host, csrf=_csrf_token(), total=store.count_reports()
    )


@bp.post("/login")
def login() -> Response | str:
    token = request.form.get("token", "")
    if not hmac.compare_digest(token.encode(), current_app.config["ADMIN_TOKEN"].encode()):
        return render_template("review_login.html", csrf=_csrf_token(), failed=True), 401
    session[ADMIN_KEY] = True
    return redirect(url_for("review.index"))


@bp.post("/logout")
def logout() -> Response:
    session.clear()
    return redirect(url_for("review.index"))


@bp.post("/decide")
def decide() -> Response:
    if not session.get(ADMIN_KEY):
        abort(403)
    action = ACTIONS.get(request.form.get("action", ""))
    verdict = request.form.get("verdict", "")
    site = request.form.get("site", "")
    if action is None or verdict not in tuple(Verdict) or not site:
        abort(400, "Unknown decision.")
    host, decision = action(site)
    store.decide(
        host, request.form.get("kind", ""), Verdict(verdict), request.form.get("key", ""), decision
    )
    return redirect(url_for("review.index", host=request.form.get("host") or None))


def init_app(app: Flask) -> None:
    token = app.config.get("ADMIN_TOKEN")
    if token and not app.config.get("SECRET_KEY"):
        # Derived, not random: every server process sharing the token accepts the same cookie.
        app.config["SECRET_KEY"] = hashlib.sha256(b"winnow-review:" + token.encode()).hexdigest()
    app.register_blueprint(bp)
