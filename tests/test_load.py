"""Loading: plain YAML only, numbers from their text, every key's line kept."""
from decimal import Decimal
from pathlib import Path

import pytest

from generator.errors import CaseFileError
from generator.load import YamlInt, parse_case_text


def parse(text):
    return parse_case_text(text, Path("case.yaml"))


def test_identifiers_keep_their_text():
    loaded = parse("phone: 013800138000\norder: 0755\nnum: 12_3\n")
    assert loaded.data["phone"] == "013800138000"  # YAML reads this one as text already
    assert isinstance(loaded.data["order"], YamlInt) and loaded.data["order"].text == "0755"  # octal to YAML 1.1
    assert loaded.data["num"].text == "12_3"


def test_decimals_come_from_the_written_text():
    data = parse("a: 25.00\nb: 158.5\nc: 0.1\n").data
    assert data == {"a": Decimal("25.00"), "b": Decimal("158.5"), "c": Decimal("0.1")}
    assert str(data["a"]) == "25.00"


def test_dates_stay_text_for_validation():
    data = parse("d: 2026-09-01\nt: 2026-09-01 20:15\n").data
    assert data == {"d": "2026-09-01", "t": "2026-09-01 20:15"}


def test_lines_of_keys():
    loaded = parse("a:\n  b: 1\n  c:\n    - x\n    - y: 2\n")
    assert loaded.line_of(("a", "b")) == 2
    assert loaded.line_of(("a", "c", 1, "y")) == 5
    assert loaded.line_of(("a", "missing")) == 1


def test_duplicate_key_is_refused_with_both_lines():
    with pytest.raises(CaseFileError) as err:
        parse("a: 1\nb: 2\na: 3\n")
    assert "第3行" in err.value.message and "重复" in err.value.message and "第1行已有" in err.value.message


def test_object_tags_are_refused():
    with pytest.raises(CaseFileError) as err:
        parse("a: !!python/object/apply:os.system ['echo hi']\n")
    assert "不允许使用YAML标签" in err.value.message


def test_alias_bomb_is_refused():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    with pytest.raises(CaseFileError) as err:
        parse("\n".join(lines) + "\n")
    assert "过大或嵌套过深" in err.value.message


def test_syntax_error_names_the_line():
    with pytest.raises(CaseFileError) as err:
        parse("a: 1\nb: [1, 2\nc: 3\n")
    assert "YAML格式错误" in err.value.message and "第" in err.value.message


def test_top_level_must_be_a_mapping():
    with pytest.raises(CaseFileError) as err:
        parse("- a\n- b\n")
    assert "顶层" in err.value.message
