"""Wrapping Chinese text for boxes: clauses whole where they fit, no orphaned characters."""

from core.documents.text import text_width, wrap


def test_short_text_stays_on_one_line():
    assert wrap("提出申请", 200, 15) == ["提出申请"]


def test_lines_fit_the_width():
    lines = wrap("村民会议或村民代表会议决议并公开实施结果", 100, 15)
    assert len(lines) > 1 and all(text_width(line, 15) <= 100 for line in lines)
    assert "".join(lines) == "村民会议或村民代表会议决议并公开实施结果"


def test_clauses_are_kept_whole_when_they_fit():
    assert wrap("到会 ≥ 2/3，同意 > 1/2", 100, 13) == ["到会 ≥ 2/3，", "同意 > 1/2"]


def test_latin_words_and_numbers_are_not_split():
    lines = wrap("amount over 50,000 yuan", 80, 13)
    assert len(lines) > 1
    assert [word for line in lines for word in line.split()] == ["amount", "over", "50,000", "yuan"]


def test_closing_punctuation_never_starts_a_line():
    lines = wrap("甲乙丙丁戊，己庚", 75, 15)
    assert not any(line.startswith("，") for line in lines)


def test_balanced_lines_leave_no_lone_character():
    assert wrap("村务监督委员会审核", 130, 15, bold=True) == ["村务监督委员会审", "核"]
    assert wrap("村务监督委员会审核", 130, 15, bold=True, balanced=True) == [
        "村务监督委",
        "员会审核",
    ]


def test_blank_text_is_one_empty_line():
    assert wrap("   ", 100, 13) == [""]
