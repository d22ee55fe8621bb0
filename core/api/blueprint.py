"""The ``api`` blueprint: every ``/api/v1`` route in one table, like a module's ``urls``.

Views live in the modules named for what they serve; this file only wires them. The blueprint
is CSRF-exempt because it never reads the session cookie: a request is authenticated by its
bearer token or not at all, so another site cannot ride a signed-in browser into it.
"""

from __future__ import annotations

from flask import Blueprint

from core.app import csrf
from core.attachments import api as attachments
from core.supervision import order_api, report_api, warning_api

from . import URL_PREFIX, auth, cases, filings, items, openapi, tenants, villages

bp = Blueprint("api", __name__, url_prefix=URL_PREFIX)
csrf.exempt(bp)
bp.before_request(auth.authenticate_request)
bp.after_request(auth.challenge_unauthenticated)

bp.add_url_rule("/auth/token", view_func=auth.create_token, methods=["POST"])
bp.add_url_rule("/openapi.json", view_func=openapi.openapi_document, methods=["GET"])
bp.add_url_rule("/tenants", view_func=tenants.list_tenants, methods=["GET"])
bp.add_url_rule("/tenants", view_func=tenants.create_tenant, methods=["POST"])
bp.add_url_rule("/tenants/<slug>/plugins", view_func=tenants.plugin_states, methods=["GET"])
bp.add_url_rule("/tenants/<slug>/plugins", view_func=tenants.set_plugins, methods=["PUT"])
bp.add_url_rule("/tenants/<slug>/plugins", view_func=tenants.inherit_plugins, methods=["DELETE"])
bp.add_url_rule("/t/<slug>/villages", view_func=villages.list_villages, methods=["GET"])
bp.add_url_rule("/t/<slug>/villages", view_func=villages.create_village, methods=["POST"])
bp.add_url_rule(
    f"/t/<slug>/villages/<int(max={villages.MAX_ID}):village_id>",
    view_func=villages.get_village,
    methods=["GET"],
)
bp.add_url_rule("/t/<slug>/items", view_func=items.list_items, methods=["GET"])
bp.add_url_rule("/t/<slug>/items/<key>", view_func=items.get_item, methods=["GET"])
bp.add_url_rule(
    "/t/<slug>/items/<key>/flowchart.svg", view_func=items.get_flowchart, methods=["GET"]
)
bp.add_url_rule("/t/<slug>/items", view_func=filings.create_item, methods=["POST"])
bp.add_url_rule("/t/<slug>/items/<key>", view_func=filings.save_item, methods=["PUT"])
for action in ("submit", "withdraw", "approve", "publish"):
    bp.add_url_rule(
        f"/t/<slug>/items/<key>/{action}", view_func=getattr(filings, action), methods=["POST"]
    )
bp.add_url_rule("/t/<slug>/items/<key>/return", view_func=filings.return_draft, methods=["POST"])
CASE = f"/t/<slug>/cases/<int(max={cases.MAX_ID}):case_id>"
bp.add_url_rule("/t/<slug>/cases", view_func=cases.start_case, methods=["POST"])
bp.add_url_rule(CASE, view_func=cases.get_case, methods=["GET"])
bp.add_url_rule(f"{CASE}/steps/<step_key>", view_func=cases.complete_step, methods=["POST"])
bp.add_url_rule(
    f"{CASE}/steps/<step_key>/transfer", view_func=cases.transfer_step, methods=["POST"]
)
bp.add_url_rule(f"{CASE}/return", view_func=cases.return_case, methods=["POST"])
bp.add_url_rule(f"{CASE}/withdraw", view_func=cases.withdraw_case, methods=["POST"])
bp.add_url_rule("/t/<slug>/attachments", view_func=attachments.upload_attachment, methods=["POST"])
bp.add_url_rule(
    "/t/<slug>/attachments/<token>", view_func=attachments.download_attachment, methods=["GET"]
)
bp.add_url_rule("/t/<slug>/warnings", view_func=warning_api.list_warnings, methods=["GET"])
WARNING = f"/t/<slug>/warnings/<int(max={warning_api.MAX_ID}):warning_id>"
bp.add_url_rule(WARNING, view_func=warning_api.get_warning, methods=["GET"])
for action in ("acknowledge", "assign", "comment", "resolve", "dismiss", "review"):
    bp.add_url_rule(
        f"{WARNING}/{action}", view_func=getattr(warning_api, f"{action}_warning"), methods=["POST"]
    )
ORDER = f"/t/<slug>/orders/<int(max={cases.MAX_ID}):order_id>"
bp.add_url_rule("/t/<slug>/orders", view_func=order_api.list_orders, methods=["GET"])
bp.add_url_rule("/t/<slug>/orders", view_func=order_api.issue_order, methods=["POST"])
bp.add_url_rule(ORDER, view_func=order_api.get_order, methods=["GET"])
bp.add_url_rule(f"{ORDER}/submit", view_func=order_api.submit_rectification, methods=["POST"])
bp.add_url_rule(f"{ORDER}/accept", view_func=order_api.accept_order, methods=["POST"])
bp.add_url_rule(f"{ORDER}/send-back", view_func=order_api.send_back_order, methods=["POST"])
bp.add_url_rule("/t/<slug>/ratings", view_func=order_api.list_ratings, methods=["GET"])
bp.add_url_rule("/t/<slug>/reports", view_func=report_api.list_reports, methods=["GET"])
REPORT = f"/t/<slug>/reports/<int(max={report_api.MAX_ID}):report_id>"
bp.add_url_rule(REPORT, view_func=report_api.get_report, methods=["GET"])
for action in ("assign", "note", "answer", "link", "close"):
    bp.add_url_rule(
        f"{REPORT}/{action}", view_func=getattr(report_api, f"{action}_report"), methods=["POST"]
    )
