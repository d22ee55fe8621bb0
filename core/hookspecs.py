"""The plugin contract: every hook a Qingdan plugin may implement.

A plugin is a module (or object) with functions named like the hooks below, marked with
``@hookimpl`` from ``core``, and a module-level ``QINGDAN_CONTRACT`` naming the contract
version it was written for (see ``core.CONTRACT_VERSION``). Hooks take keyword arguments and
return plain data — dicts and lists — so a plugin needs nothing else from core.

Hooks are called per tenant: only the plugins enabled for the tenant in question are asked.
"""

from __future__ import annotations

from core import hookspec


@hookspec(firstresult=True)
def qingdan_domain():
    """Describe the governance domain this plugin provides (one of 八项规范, or a new one).

    Called when the plugin is registered, once per process.

    :return: ``{"key": str, "name": str, "description": str, "icon": str}`` — ``key`` is the
        stable identifier used in item definitions (``"domain": key``) and in URLs; ``name``
        is the Chinese name shown to users.
    """


@hookspec
def qingdan_items():
    """Default list items (事项) of the plugin's domain.

    Called when a tenant's list in force is built.

    :return: a list of item definitions in the definition format, version 1
        (``{"format": 1, "key", "name", "domain", "basis", "responsible_role", "steps"}``).
    """


@hookspec
def qingdan_responsibilities():
    """Entries for the responsibility list (责任清单).

    :return: a list of ``{"role": role key, "text": str}``.
    """


@hookspec
def qingdan_prohibitions():
    """Entries for the negative list (负面清单).

    :return: a list of ``{"text": str, "rule": warning rule key or None}``.
    """


@hookspec
def qingdan_settings():
    """Local figures of the plugin's domain that counties and townships may change: amount
    tiers, notice days, time limits. Branch conditions read them as
    ``{"var": "settings.<key>"}``; rules read them with ``core.settings.value``.

    :return: a list of ``{"key": "procurement.quote_threshold", "label": str,
        "type": "money" | "integer" | "days", "default": number, "help": str}``; keys start
        with the plugin's domain key.
    """


@hookspec
def qingdan_field_types():
    """Extra form field types, e.g. a table of quotes or a household picker.

    :return: a list of field-type descriptions (see ``formbuilder``).
    """


@hookspec
def qingdan_rules():
    """Warning rules (违规预警) the plugin contributes.

    Called each time rules are evaluated, for the tenant's enabled plugins only: when a step
    of a case is completed (``"trigger": "step"``) and by the periodic sweep (``"sweep"``).

    :return: a list of rules, each::

            {"key": "procurement.split_purchase",  # a-z, 0-9, _ and dots; unique platform-wide
             "name": "拆分采购",                     # Chinese, shown to supervisors
             "severity": "yellow",                  # blue | yellow | red: a finding's default
             "description": "…",                    # Chinese: when it fires (optional)
             "trigger": "step" | "sweep",
             "check": callable}

        A ``step`` check is called as ``check(sess, case, run)`` after ``run`` (a
        ``StepRun``) of ``case`` was completed, inside that transaction; it judges the whole
        case, not just that run. A ``sweep`` check is called as ``check(sess, tenant, now)``
        and judges the whole tenant. The session is scoped to the tenant; a check reads and
        must not write. It returns everything wrong *now*, as a list of findings::

            {"subject": "case:12:step:quotes",  # stable: the same problem, the same subject
             "message": "…",                     # Chinese: which case, step, figures
             "severity": "red",                  # optional: the rule's severity otherwise
             "case_id": 12, "village_id": 3,     # optional; a step rule's default to its case
             "details": {…}}                     # optional, JSON

        One warning is kept per rule and subject: a new finding opens it, a finding that comes
        back reopens it, a worse severity escalates it, and a subject no longer found — in
        that case for a step rule, in the tenant for a sweep rule — closes it. A check that
        raises, or returns something malformed, is recorded as this plugin's error and
        skipped; the other rules still run.
    """


@hookspec
def qingdan_step_completed(case, step_run):
    """Side effects after a step of a case is completed, e.g. a lease updates the asset ledger.

    Called inside the transaction that completes the step, for the case's tenant only.

    :param case: the ``Case`` whose step was completed.
    :param step_run: the completed ``StepRun``.
    :return: nothing.
    """


@hookspec
def qingdan_public_panels(tenant, village):
    """Sections of the villager page, e.g. 我们的钱包 (our wallet) or 补贴去哪了 (subsidies).

    :param tenant: the township whose village page is being shown.
    :param village: the village.
    :return: a list of ``{"key", "title", "html"}``; ``html`` must already be escaped.
    """


@hookspec
def qingdan_cadre_relatives(tenant, village_ids, names):
    """A cadre's close relatives as a domain's register records them, for the cadre's
    integrity file (廉情档案); the same register the kin rules read.

    :param tenant: the township.
    :param village_ids: the villages where the cadre holds a post.
    :param names: the names the cadre may be recorded under (display name, username).
    :return: a list of ``{"cadre", "relation", "name"}``, oldest record first.
    """


@hookspec
def qingdan_blueprints():
    """Flask blueprints for the domain's own pages, registered once at start-up.

    Routes that carry ``<slug>`` answer 404 for a tenant that has the plugin switched off;
    the platform checks that before the view runs. Views resolve the tenant with
    ``core.auth.access.resolve_tenant`` like any other page.

    :return: a list of ``flask.Blueprint``.
    """
