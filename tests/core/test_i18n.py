"""Simplified Chinese first, English second: every marked string has its English."""

import gettext
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[2]
CATALOG = ROOT / "core" / "translations" / "en" / "LC_MESSAGES"
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}


def marked_strings() -> set[str]:
    found = set()
    for folder in ("core", "tenants"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, METHODS, keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_marked_string_has_an_english_translation():
    with open(CATALOG / "messages.po", "rb") as fh:
        translated = {m.id: m.string for m in read_po(fh) if m.id and m.string}
    missing = sorted(marked_strings() - set(translated))
    assert not missing, f"run `make translations` and translate: {missing}"


def test_the_compiled_catalog_matches_the_po():
    with open(CATALOG / "messages.po", "rb") as fh:
        po = {m.id: m.string for m in read_po(fh) if m.id}
    with open(CATALOG / "messages.mo", "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    assert {msgid: mo.gettext(msgid) for msgid in po} == po, "run `make translations`"


def test_pages_are_chinese_by_default(client):
    page = client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<h1>登录</h1>" in page
    assert 'lang="zh-CN"' in page


def test_english_is_chosen_and_remembered(client):
    page = client.get("/login?lang=en").get_data(as_text=True)
    assert "<h1>Sign in</h1>" in page
    assert 'lang="en"' in page
    assert "<h1>Sign in</h1>" in client.get("/login").get_data(as_text=True)
    back = client.get("/login?lang=zh_Hans_CN").get_data(as_text=True)
    assert "<h1>登录</h1>" in back


def test_an_unknown_locale_falls_back_to_chinese(client):
    assert "<h1>登录</h1>" in client.get("/login?lang=xx").get_data(as_text=True)
