"""Behind nginx every request comes from nginx: with ``QINGDAN_PROXIES`` the app counts each
client by the address the proxy forwards, so one client's wrong passwords throttle that
client, not everyone."""

import dataclasses

import pytest

from core.app import create_app
from core.testing import PASSWORD

TOKEN = "/api/v1/auth/token"
MALLORY = {"X-Forwarded-For": "203.0.113.5"}
ALICE = {"X-Forwarded-For": "198.51.100.7"}


def fail_until_throttled(client, max_failures: int) -> None:
    for _ in range(max_failures):
        response = client.post(
            TOKEN, json={"username": "nobody", "password": "wrong-pass"}, headers=MALLORY
        )
        assert response.status_code == 401


def sign_in(client, headers) -> int:
    return client.post(
        TOKEN, json={"username": "a1-admin", "password": PASSWORD}, headers=headers
    ).status_code


@pytest.fixture
def behind_nginx(qingdan_config, app):
    """The app as ``deploy/`` runs it: one proxy in front (``app`` owns the database)."""
    return create_app(dataclasses.replace(qingdan_config, proxies=1))


def test_behind_a_proxy_one_clients_failures_throttle_only_that_client(behind_nginx, world):
    client = behind_nginx.test_client()
    fail_until_throttled(client, behind_nginx.config["QINGDAN"].login_max_failures)
    assert sign_in(client, ALICE) == 201
    assert sign_in(client, MALLORY) == 429


def test_without_the_setting_forwarded_addresses_are_not_believed(app, client, world):
    fail_until_throttled(client, app.config["QINGDAN"].login_max_failures)
    assert sign_in(client, ALICE) == 429  # a client cannot pick its address by a header
