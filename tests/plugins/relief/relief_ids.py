"""Valid resident ID numbers for relief tests: adults and minors, distinct by serial."""

from datetime import date, timedelta

from stdnum.cn import ric

from core.db import utcnow


def id_number(serial: int, born: date = date(1960, 1, 1)) -> str:
    """A valid ID number: Beijing Chaoyang, ``born``, serial ``serial`` (0–999)."""
    body = f"110105{born:%Y%m%d}{serial % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")  # it reads a number with its check digit


def adult(serial: int) -> str:
    return id_number(serial, date(1960, 1, 1) + timedelta(days=serial // 1000))


def minor(serial: int = 1) -> str:
    return id_number(serial, date(utcnow().year - 8, 3, 1))
