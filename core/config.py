"""Settings, read from ``QINGDAN_*`` environment variables.

Nothing secret lives in the code: the secret key is generated on first run and kept in the
instance folder, so a fresh machine works with no configuration at all (SQLite, in-process
jobs) and a real deployment only sets the variables it needs.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, fields
from pathlib import Path


def _default_instance_path() -> Path:
    return Path.cwd() / "instance"


@dataclass
class Config:
    """Everything the app reads at start-up. Field names map to ``QINGDAN_<NAME>``."""

    #: folder for the SQLite file, the secret key and uploaded files
    instance_path: Path = field(default_factory=_default_instance_path)
    #: SQLAlchemy URL the app uses; on PostgreSQL a role that does not own the tables
    database_url: str = ""
    #: URL that owns the schema (migrations, row-level security policies); defaults to the above
    database_owner_url: str = ""
    #: ``redis://`` URL; when empty, jobs run in-process
    redis_url: str = ""
    secret_key: str = ""
    #: Flask-Babel default locale
    locale: str = "zh_Hans_CN"
    timezone: str = "Asia/Shanghai"
    #: failed logins within ``login_window_minutes`` before the account and address are throttled
    login_max_failures: int = 5
    login_window_minutes: int = 15
    #: lifetime of API bearer tokens
    token_days: int = 30
    #: served over HTTPS (behind nginx with TLS): cookies only travel encrypted, browsers are
    #: told to keep to HTTPS (HSTS). Off for the demo and tests on plain http://127.0.0.1
    https: bool = False
    #: how many reverse proxies (nginx, a load balancer) stand in front of the app. Behind
    #: them every request comes from the proxy's address; with this set, the client's address
    #: is read from the last ``X-Forwarded-For`` entries the proxies added, so login throttling
    #: and the villagers' rate limits count each client, not the proxy. 0: the connection's
    #: own address (the demo, tests; never set it without a proxy, or clients choose their
    #: address)
    proxies: int = 0
    #: False only in tests that post forms without a token on purpose
    csrf_enabled: bool = True
    testing: bool = False
    #: seconds between sweeps (notices whose days are over, overdue steps, sweep rules):
    #: ``qingdan worker`` enqueues them with Redis, the web process runs them without; 0: never
    sweep_seconds: int = 300
    #: the longest a rendered village or case page is served again to every visitor (its form
    #: token apart) while nothing of its township changes, shared through Redis when there is
    #: one; 0: rendered for each request (tests)
    public_cache_seconds: int = 300
    #: folder for uploaded attachments (附件), outside the web root; default
    #: ``<instance>/attachments``
    attachments_path: Path | None = None
    #: the largest attachment accepted, in MB, whatever a form field allows
    attachment_max_mb: int = 20

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> Config:
        env = os.environ if environ is None else environ
        values: dict = {}
        for f in fields(cls):
            raw = env.get(f"QINGDAN_{f.name.upper()}")
            if raw is None:
                continue
            if f.type == "int":
                values[f.name] = int(raw)
            elif f.type == "bool":
                values[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
            elif f.type == "Path":
                values[f.name] = Path(raw)
            else:
                values[f.name] = raw
        values.update(overrides)
        config = cls(**values)
        config.finish()
        return config

    def finish(self) -> None:
        """Fill what depends on the instance folder: the SQLite URL, the secret key and the
        attachments folder."""
        self.instance_path = Path(self.instance_path).resolve()
        self.instance_path.mkdir(parents=True, exist_ok=True)
        if not self.database_url:
            self.database_url = f"sqlite:///{self.instance_path / 'qingdan.sqlite3'}"
        if not self.database_owner_url:
            self.database_owner_url = self.database_url
        if not self.secret_key:
            self.secret_key = _instance_secret(self.instance_path)
        self.attachments_path = Path(
            self.attachments_path or self.instance_path / "attachments"
        ).resolve()

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgresql")


def _instance_secret(instance_path: Path) -> str:
    """The secret key kept in ``instance/secret_key``, created on first use (mode 0600)."""
    path = instance_path / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()
