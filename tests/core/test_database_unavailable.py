"""When the database cannot be reached, a request gets a 503 with Retry-After and a Chinese
message — never a 500 — and the app serves again as soon as the database is back."""

from sqlalchemy.exc import OperationalError

from core import db


def break_the_database(app, monkeypatch):
    """Every new transaction fails as a refused connection would."""
    engine = app.extensions["qingdan.engine"]
    refused = OperationalError("connect", {}, ConnectionRefusedError("连接被拒绝"))

    def fail(*_args, **_kwargs):
        raise refused

    monkeypatch.setattr(engine, "connect", fail)
    monkeypatch.setattr(engine.pool, "connect", fail)
    with app.app_context():
        db.engine().dispose()


def test_api_answers_503_with_retry_after(app, client, world, api_token, monkeypatch):
    headers = api_token(world.users.county_admin)
    break_the_database(app, monkeypatch)
    response = client.get("/api/v1/t/town-a1/villages", headers=headers)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.json["error"]["code"] == "unavailable"
    assert "没有保存" in response.json["error"]["message"]


def test_a_page_answers_503_and_serves_again_once_the_database_is_back(
    app, client, world, login, monkeypatch
):
    login(world.users.a1_admin)
    with monkeypatch.context() as outage:
        break_the_database(app, outage)
        down = client.get("/t/town-a1/")
        assert down.status_code == 503
        assert "数据库暂时无法连接" in down.get_data(as_text=True)
    assert client.get("/t/town-a1/").status_code == 200
