"""The ``catalog`` blueprint."""

from flask import Blueprint

bp = Blueprint("catalog", __name__, template_folder="../templates")
