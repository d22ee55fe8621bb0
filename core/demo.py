"""The demo county 清河县 (fictional): three townships, about ten villages each, one user per
standard role, and a few cases under way in the first village. Seeding is idempotent: run
again, it keeps the data and prints the accounts."""

from __future__ import annotations

import click
from sqlalchemy import select

from core import db
from core.auth.models import User
from core.auth.operations import add_membership, create_user
from core.auth.roles import STANDARD_ROLES
from core.demo_cases import seed_cases
from core.plugins import host
from tenants.models import Tenant, Village
from tenants.operations import create_tenant, create_village

PASSWORD = "qingdan-demo"
COUNTY = ("qinghe", "清河县")
#: slug, name, statistical code prefix, villages
TOWNSHIPS = (
    (
        "chengguan",
        "城关镇",
        "139901100",
        [
            "东关村",
            "西关村",
            "南街村",
            "北街村",
            "红旗村",
            "前进村",
            "新华村",
            "民主村",
            "团结村",
            "和平村",
        ],
    ),
    (
        "lizhuang",
        "李庄乡",
        "139901200",
        [
            "李庄村",
            "王庄村",
            "张庄村",
            "刘庄村",
            "赵庄村",
            "孙庄村",
            "马庄村",
            "杨庄村",
            "高庄村",
            "周庄村",
        ],
    ),
    (
        "hexi",
        "河西街道",
        "139901300",
        [
            "河西社区",
            "柳林村",
            "杏园村",
            "桃园村",
            "枣林村",
            "槐树村",
            "石桥村",
            "沙河村",
            "后营村",
            "前营村",
            "大屯村",
        ],
    ),
)


def seed(app) -> list[tuple[str, str, str]]:
    """Create whatever of the demo county is missing; return (username, role, where) rows."""
    with app.app_context(), db.system_scope() as sess:
        county = _tenant(sess, *COUNTY, "county", None)
        townships = []
        for slug, name, prefix, villages in TOWNSHIPS:
            township = _tenant(sess, slug, name, "township", county)
            for i, village_name in enumerate(villages, start=1):
                code = f"{prefix}{i:03d}"
                exists = select(Village.id).where(
                    Village.tenant_id == township.id, Village.code == code
                )
                if not sess.scalar(exists):
                    create_village(sess, township, code, village_name)
            townships.append(township)
        accounts = _users(sess, county, townships[0])
        sess.flush()
        seed_cases(sess, host(), townships[0], _first_village(sess, townships[0]))
        sess.commit()
    _print(accounts)
    return accounts


def _tenant(sess, slug, name, kind, parent) -> Tenant:
    return sess.scalar(select(Tenant).where(Tenant.slug == slug)) or create_tenant(
        sess, slug, name, kind, parent
    )


def _first_village(sess, township: Tenant) -> Village:
    return sess.scalar(
        select(Village).where(Village.tenant_id == township.id).order_by(Village.code)
    )


def _users(sess, county: Tenant, township: Tenant) -> list[tuple[str, str, str]]:
    first_village = _first_village(sess, township)
    rows = []
    for key, role_name, level, _admin in STANDARD_ROLES:
        username = key.replace("_", "-")
        tenant = county if level == "county" else township
        village = first_village if level == "village" else None
        user = sess.scalar(select(User).where(User.username == username))
        if user is None:
            user = create_user(sess, username, PASSWORD, display_name=f"演示{role_name}")
        add_membership(sess, user, tenant, key, village)
        rows.append((username, role_name, f"{tenant.name}{village.name if village else ''}"))
    return rows


def _print(accounts) -> None:
    click.echo(f"演示账号（密码均为 {PASSWORD}）：")
    for username, role, where in accounts:
        click.echo(f"  {username:<22} {role:<10} {where}")
