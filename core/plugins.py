"""The plugin host: loads plugins, isolates their failures, and calls them per tenant.

Built-in domain plugins (``plugins/<domain>``) are registered first, then every entry point of
the group ``qingdan.plugins``. A plugin written for another contract version is refused; one
that fails to import, or whose hook raises, is logged with its name and reported on the admin
plugins page while the others keep working. The manager is built inside ``create_app``, never at
import time.
"""

from __future__ import annotations

import functools
import importlib
import logging
import traceback
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import entry_points, version

import pluggy
from sqlalchemy.exc import OperationalError

from core import CONTRACT_VERSION, PROJECT, db, hookspecs
from core.db import utcnow

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "qingdan.plugins"
BUILTIN_DOMAINS = (
    "decisions",
    "procurement",
    "finance",
    "personnel",
    "transparency",
    "assets",
    "relief",
    "disaster",
)
#: how many recent hook failures are kept per plugin for the admin page
RECENT_ERRORS = 20


@dataclass
class PluginError:
    hook: str
    message: str
    at: datetime = field(default_factory=utcnow)


@dataclass
class PluginInfo:
    """What the admin page and ``qingdan plugins list`` show about one plugin."""

    key: str
    name: str
    version: str
    builtin: bool
    source: str
    domain: dict | None = None
    #: ``loaded``, ``failed`` (could not load) or ``refused`` (incompatible contract)
    state: str = "loaded"
    load_error: str | None = None
    errors: deque = field(default_factory=lambda: deque(maxlen=RECENT_ERRORS))

    @property
    def status(self) -> str:
        if self.state == "loaded" and self.errors:
            return "degraded"
        return self.state

    @property
    def status_label(self) -> str:
        return {
            "loaded": "正常",
            "degraded": "运行出错",
            "failed": "加载失败",
            "refused": "版本不兼容，已拒绝",
        }[self.status]

    def record_error(self, hook: str, message: str) -> None:
        """Keep a failure for the admin plugins page (the newest first)."""
        self.errors.appendleft(PluginError(hook, message))

    @property
    def default_enabled(self) -> bool:
        """A new county starts with the built-in domains on and third-party plugins off."""
        return self.builtin


class GuardedPlugin:
    """What pluggy registers in place of a plugin: its hooks, each behind a guard."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __repr__(self) -> str:
        return f"<plugin {self.key}>"


class PluginHost:
    """One per app: the pluggy manager and what is known about each plugin."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self._objects: dict[str, object] = {}

    # --- loading ---------------------------------------------------------------------------

    def load_builtins(self) -> None:
        qingdan_version = version("qingdan")
        for key in BUILTIN_DOMAINS:
            name = f"plugins.{key}"
            try:
                module = importlib.import_module(name)
            except Exception as exc:  # a broken built-in must not stop the platform
                self._failed(key, name, qingdan_version, True, name, exc)
                continue
            self.register(module, key=key, version=qingdan_version, builtin=True, source=name)

    def load_entry_points(self) -> None:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            dist_version = ep.dist.version if ep.dist else "?"
            dist_name = ep.dist.metadata["Name"] if ep.dist else ep.value
            if ep.name in self.infos:
                log.warning("plugin %s from %s ignored: the name is taken", ep.name, dist_name)
                continue
            try:
                module = ep.load()
            except Exception as exc:
                self._failed(ep.name, dist_name, dist_version, False, ep.value, exc)
                continue
            self.register(module, key=ep.name, version=dist_version, builtin=False, source=ep.value)

    def register(
        self, plugin, *, key: str, version: str, builtin: bool, source: str = ""
    ) -> PluginInfo | None:
        """Register ``plugin`` under ``key`` unless its contract version is not ours."""
        info = PluginInfo(
            key=key, name=key, version=version, builtin=builtin, source=source or repr(plugin)
        )
        self.infos[key] = info
        declared = getattr(plugin, "QINGDAN_CONTRACT", None)
        if declared != CONTRACT_VERSION:
            info.state = "refused"
            info.load_error = (
                f"插件 {key} 按插件契约版本 {declared} 编写，本平台的契约版本为 "
                f"{CONTRACT_VERSION}，已拒绝加载。"
            )
            log.error(
                "plugin %s refused: contract %r, expected %s", key, declared, CONTRACT_VERSION
            )
            return None
        guarded = self._guard(plugin, info)
        try:
            self.pm.register(guarded, name=key)
            self.pm.check_pending()
        except Exception as exc:
            if self.pm.is_registered(guarded):
                self.pm.unregister(guarded)
            info.state = "failed"
            info.load_error = f"插件 {key} 的钩子不符合插件契约：{exc}"
            log.error("plugin %s refused: %s", key, exc)
            return None
        self._objects[key] = guarded
        try:
            domain = self.pm.subset_hook_caller(
                "qingdan_domain", remove_plugins=self._others(key)
            )()
        except Exception:  # already recorded by the guard
            domain = None
        if domain:
            info.domain = domain
            info.name = domain.get("name", key)
        return info

    def _failed(self, key, name, version_, builtin, source, exc) -> None:
        log.exception("plugin %s failed to load", key)
        self.infos[key] = PluginInfo(
            key=key,
            name=name,
            version=version_,
            builtin=builtin,
            source=source,
            state="failed",
            load_error=f"{type(exc).__name__}: {exc}",
        )

    def _guard(self, plugin, info: PluginInfo):
        """A stand-in for ``plugin`` whose hook functions log and swallow their exceptions.

        pluggy would otherwise let one plugin's exception abort the whole hook call.
        """
        namespace = GuardedPlugin(info.key)
        for attr in dir(plugin):
            if not attr.startswith(f"{PROJECT}_"):
                continue
            func = getattr(plugin, attr)
            if callable(func) and hasattr(func, f"{PROJECT}_impl"):
                func = _guarded(func, attr, info)
            setattr(namespace, attr, func)
        namespace.QINGDAN_CONTRACT = getattr(plugin, "QINGDAN_CONTRACT", None)
        return namespace

    # --- calling ---------------------------------------------------------------------------

    def _others(self, key: str) -> list:
        return [obj for k, obj in self._objects.items() if k != key]

    def caller(self, hook: str, enabled: set[str] | frozenset[str]):
        """The hook ``hook`` restricted to the plugins whose keys are in ``enabled``."""
        disabled = [obj for k, obj in self._objects.items() if k not in enabled]
        return self.pm.subset_hook_caller(hook, remove_plugins=disabled)

    def loaded_keys(self) -> list[str]:
        return list(self._objects)

    def domains(self) -> list[dict]:
        return [i.domain for i in self.infos.values() if i.domain and i.state == "loaded"]


def _guarded(func, hook: str, info: PluginInfo):
    @functools.wraps(func)
    def call(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except OperationalError:  # the database went away, not the plugin: a 503, not its error
            raise
        except Exception as exc:
            log.error("plugin %s: hook %s raised\n%s", info.key, hook, traceback.format_exc())
            info.record_error(hook, f"{type(exc).__name__}: {exc}")
            return None

    return call


def init_app(app) -> PluginHost:
    host = PluginHost()
    host.load_builtins()
    host.load_entry_points()
    app.extensions["qingdan.plugins"] = host
    _register_field_types(host)
    owners: dict[str, str] = {}
    for key in host.loaded_keys():
        for blueprints in host.caller("qingdan_blueprints", {key})():
            for bp in blueprints or ():
                app.register_blueprint(bp)
                owners[bp.name] = key
    if owners:
        app.before_request(lambda: _require_enabled(owners))
    return host


def _register_field_types(host: PluginHost) -> None:
    """Add each plugin's field-type presets; a plugin's bad presets are its error alone."""
    from core.errors import Invalid
    from formbuilder import fieldtypes

    for key in host.loaded_keys():
        for presets in host.caller("qingdan_field_types", {key})():
            try:
                fieldtypes.register_presets(presets or ())
            except Invalid as exc:
                detail = "；".join(f"{path}: {message}" for path, message in exc.fields.items())
                host.infos[key].record_error("qingdan_field_types", f"{exc.message} {detail}")


def _require_enabled(owners: dict[str, str]) -> None:
    """A plugin's pages under ``<slug>`` answer 404 where the plugin is switched off."""
    from flask import request

    from core.auth.access import tenant_by_slug
    from core.errors import NotFound
    from tenants.operations import enabled_plugin_keys

    key = owners.get((request.blueprint or "").split(".")[0])
    slug = (request.view_args or {}).get("slug")
    if key is None or slug is None:
        return
    tenant = tenant_by_slug(slug)
    with db.system_scope() as sess:
        if tenant is None or key not in enabled_plugin_keys(sess, host(), tenant):
            raise NotFound()


def host() -> PluginHost:
    from flask import current_app

    return current_app.extensions["qingdan.plugins"]


def tenant_hook(tenant, hook: str):
    """``hook`` as answered by the plugins enabled for ``tenant`` only."""
    from tenants.operations import enabled_plugin_keys

    plugin_host = host()
    with db.system_scope() as sess:  # activation is configuration, read whatever the scope
        enabled = enabled_plugin_keys(sess, plugin_host, tenant)
    return plugin_host.caller(hook, enabled)
