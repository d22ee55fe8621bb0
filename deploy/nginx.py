"""nginx in front of the app servers: ``deploy/nginx.conf`` filled in.

The static locations come from the app's own URL map — the app's ``/static/`` and every
blueprint's static folder (the form builder's, the designer's, a plugin's) — so nginx serves
from disk exactly what Flask would, and a new blueprint's files need no edit here. A static
URL with a variable in it (a blueprint under ``/t/<slug>/``) has no fixed prefix and stays
with the app.

On a real server (docs/deploy.md)::

    python -m deploy.nginx --upstream 10.0.0.11:8000 --upstream 10.0.0.12:8000 \\
        --server-name qingdan.example.cn --tls-cert /etc/ssl/qingdan.crt \\
        --tls-key /etc/ssl/private/qingdan.key > /etc/nginx/nginx.conf
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2
from flask import Flask

TEMPLATE = Path(__file__).with_name("nginx.conf")


@dataclass(frozen=True)
class StaticMount:
    #: URL prefix, ending in ``/``
    url: str
    #: the folder the files under that prefix come from
    folder: str


@dataclass(frozen=True)
class Site:
    """What the template needs; the paths default to Debian's nginx."""

    upstreams: list[str]
    static_mounts: list[StaticMount]
    #: the largest request body in MB (QINGDAN_ATTACHMENT_MAX_MB plus the rest of the form)
    body_mb: int
    listen: str = "80"
    server_name: str = "_"
    tls_cert: str | None = None
    tls_key: str | None = None
    #: the plain-HTTP port that redirects to HTTPS, with TLS
    http_listen: str = "80"
    pid: str = "/run/nginx.pid"
    log_dir: str = "/var/log/nginx"
    temp_dir: str = "/var/lib/nginx"
    #: the workers' user when nginx starts as root
    user: str | None = "www-data"
    daemon: bool = True


def static_mounts(app: Flask) -> list[StaticMount]:
    """Every static folder Flask serves at a fixed URL prefix."""
    mounts = []
    for rule in app.url_map.iter_rules():
        blueprint, _, endpoint = rule.endpoint.rpartition(".")
        prefix = rule.rule.removesuffix("<path:filename>")
        if endpoint != "static" or "<" in prefix:
            continue
        owner = app.blueprints[blueprint] if blueprint else app
        mounts.append(StaticMount(prefix, str(Path(owner.static_folder).resolve())))
    return sorted(mounts, key=lambda m: m.url)


def body_mb(attachment_max_mb: int) -> int:
    """The app accepts the largest attachment plus a megabyte for the rest of the form
    (``MAX_CONTENT_LENGTH`` in core/app.py); nginx must let that much through."""
    return attachment_max_mb + 1


def render(site: Site) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE.parent),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE.name).render(
        **vars(site), tls=bool(site.tls_cert and site.tls_key)
    )


def main(argv: list[str] | None = None) -> None:
    """Print the nginx.conf of a real server, for the app configured by the QINGDAN_*
    variables (the attachment limit) and installed here (the static folders)."""
    parser = argparse.ArgumentParser(prog="python -m deploy.nginx", description=main.__doc__)
    parser.add_argument("--upstream", action="append", required=True, help="host:port of gunicorn")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--listen", help="port (default 443 with TLS, else 80)")
    parser.add_argument("--tls-cert", help="certificate chain (PEM)")
    parser.add_argument("--tls-key", help="private key (PEM)")
    parser.add_argument("--user", default="www-data", help="user of nginx's workers")
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")

    from core.app import create_app

    app = create_app()
    site = Site(
        upstreams=args.upstream,
        static_mounts=static_mounts(app),
        body_mb=body_mb(app.config["QINGDAN"].attachment_max_mb),
        listen=args.listen or ("443" if args.tls_cert else "80"),
        server_name=args.server_name,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
        user=args.user,
    )
    sys.stdout.write(render(site))


if __name__ == "__main__":
    main()
