"""Loading: plain YAML only, numbers from their text, every key's line kept."""

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from generator.case.load import MAX_FILE_BYTES, YamlInt, load_case, parse_case_text
from generator.errors import CaseFileError


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


# --- the slips a Chinese keyboard makes, named on their own line ----------------------

ORDER = "case_id: a\norder:\n  id: KM1\n  price: 98\n  term_months: 12\n  used_months: 3\n"


def refusal(text):
    with pytest.raises(CaseFileError) as err:
        parse(text)
    return err.value.message.splitlines()[1:]


def test_full_width_colon_is_named_on_its_line():
    lines = refusal(ORDER.replace("price: 98", "price：98"))
    assert lines == ["  - 第4行  （文件整体）：YAML格式错误：冒号用了中文全角“：”，请改成英文冒号加空格：price: …"]


def test_a_file_of_one_slipped_line_names_the_slip_not_the_shape():
    """`case_id：abc` alone parses as one text; the colon is what the user must fix."""
    assert refusal("case_id：abc\n") == [
        "  - 第1行  （文件整体）：YAML格式错误：冒号用了中文全角“：”，请改成英文冒号加空格：case_id: …"
    ]


def test_missing_space_after_colon_is_named_on_its_line():
    lines = refusal(ORDER.replace("term_months: 12", "term_months:12"))
    assert lines == [
        "  - 第5行  （文件整体）：YAML格式错误：冒号后面缺少空格，请在“term_months:”后面加一个空格：term_months: 12"
    ]


def test_tab_is_named_on_its_line():
    lines = refusal(ORDER.replace("  used_months", "\tused_months"))
    assert lines[0].startswith(
        "  - 第6行  （文件整体）：YAML格式错误：行首用了Tab键缩进，YAML 不允许用Tab键缩进：请删掉Tab，改用空格"
    )


def test_unclosed_quote_is_named_where_it_opens():
    lines = refusal(ORDER.replace("id: KM1", 'id: "KM1'))
    assert lines == [
        "  - 第3行  （文件整体）：YAML格式错误：这一行的引号没有闭合（引号要成对；值里本身有引号时，请改用中文引号“”）"
    ]


def test_list_item_missing_its_dash_is_not_called_a_duplicate():
    text = (
        "evidence:\n  - file: evidence/a.png\n    category: transaction\n    description: 账单\n"
        "    file: evidence/b.png\n    category: communication\n    description: 聊天\n"
    )
    lines = refusal(text)
    assert lines == [
        "  - 第5行  evidence[0].file：这一行的“file”看起来是新的一项，但前面少了“- ”（上一项从第2行开始）："
        "请在“file:”前加上“- ”，与上一项的“- ”对齐；不要删除任何一项"
    ]
    assert "重复" not in "\n".join(lines)


def test_a_real_duplicate_inside_an_item_is_still_a_duplicate():
    lines = refusal("evidence:\n  - file: a.png\n    category: transaction\n    category: communication\n")
    assert lines == ["  - 第4行  evidence[0].category：键“category”重复出现（第3行已有），请删除其中一个"]


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [1, 2\nc: 3\n",
        "a:\n  b: 1\n c: 2\n",
        "a: 1\n---\nb: 2\n",
        "a: b: c\n",
        ORDER.replace("price: 98", "price：98"),
    ],
)
def test_syntax_messages_carry_no_parser_english(text):
    message = "\n".join(refusal(text))
    words = re.findall(r"[A-Za-z]{4,}", re.sub(r"YAML|Tab|debug", "", message))
    assert all(word in text for word in words), words  # only the user's own keys


def test_a_slip_that_still_parses_is_named_too():
    """`name：张三` alone under its section is valid YAML (a text), but it is the same slip."""
    lines = refusal("complainant:\n  name：张三\nplatform:\n  name: 速充卡盟\n  note: QQ：12345\n")
    assert lines == ["  - 第2行  （文件整体）：YAML格式错误：冒号用了中文全角“：”，请改成英文冒号加空格：name: …"]
    lines = refusal("order:\n  term_months:12\n")
    assert lines == [
        "  - 第2行  （文件整体）：YAML格式错误：冒号后面缺少空格，请在“term_months:”后面加一个空格：term_months: 12"
    ]


# --- limits met before parsing, and values as the user wrote them --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 1000 + "]" * 1000 + "\n",
        "a: " + "{b: " * 60 + "}" * 60 + "\n",
        "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 80)),
    ],
    ids=["flow-1000", "flow-mappings-60", "block-80"],
)
def test_deep_nesting_is_refused_before_composing(text):
    """Nesting past the bound is refused with its line, whatever the brackets or indentation."""
    with pytest.raises(CaseFileError) as err:
        parse(text)
    assert "嵌套层数过深（超过50层）" in err.value.message and "行号未知" not in err.value.message


def test_nesting_at_the_bound_is_fine():
    assert parse("a: " + "[" * 48 + "1" + "]" * 48 + "\n").data["a"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["U+2028", "U+2029", "NEL"])
def test_pasted_line_separators_are_text(separator):
    """Word and chat apps paste U+2028/U+2029/NEL; YAML would break the line there, the user sees text."""
    loaded = parse(f"summary: 客服称{separator}不退款\nnext: 1\n")
    assert loaded.data == {"summary": f"客服称{separator}不退款", "next": 1}
    assert loaded.line_of(("next",)) == 2  # lines are counted as an editor shows them


def test_a_stand_in_already_in_the_text_is_not_confused_with_a_separator():
    loaded = parse("a: x\ufdd0y\u2028z\n")
    assert loaded.data["a"] == "x\ufdd0y\u2028z"


def test_bool_tag_with_another_word_is_a_located_refusal():
    with pytest.raises(CaseFileError) as err:
        parse("a: 1\nb: !!bool maybe\n")
    assert "第2行" in err.value.message and "!!bool 后只能写 true 或 false" in err.value.message


def test_values_are_kept_as_written():
    """Messages show what was typed: `no`, `"false"`, `1.50`, not False, 'false', Decimal('1.50')."""
    loaded = parse('name: no\nflag: "false"\nprice: 1.50\nlong: |\n  two\n  lines\n')
    assert loaded.as_written(("name",), False) == "no"
    assert loaded.as_written(("flag",), "false") == '"false"'
    assert loaded.as_written(("price",), None) == "1.50"
    assert loaded.as_written(("long",), "two\nlines\n") == "two\nlines\n"  # a block is shown by its value


def test_a_device_is_refused_unread(tmp_path):
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    with pytest.raises(CaseFileError, match="这不是普通文件"):
        load_case("/dev/zero")


def test_a_fifo_is_refused_without_blocking(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    with pytest.raises(CaseFileError, match="这不是普通文件"):
        load_case(fifo)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(CaseFileError, match="这是一个文件夹"):
        load_case(tmp_path)


def test_no_more_than_the_bound_is_read(tmp_path, monkeypatch):
    """The bound holds for the bytes read, whatever the size said: at most one byte past it is read."""
    case = tmp_path / "case.yaml"
    case.write_bytes(b"a: 1\n" + b"#" * (MAX_FILE_BYTES + 100) + b"\n")
    reads = []
    real_fdopen = os.fdopen

    def fdopen(*args, **kwargs):
        fh = real_fdopen(*args, **kwargs)
        real_read = fh.read
        fh.read = lambda n=-1: reads.append(n) or real_read(n)
        return fh

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(CaseFileError, match="文件过大"):
        load_case(case)
    assert reads == [MAX_FILE_BYTES + 1]
