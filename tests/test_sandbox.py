"""The template sandbox: what a lawyer's template may do still works; what it may not is refused with its line."""

from __future__ import annotations

import pytest
from jinja2 import TemplateError

from generator.rendering import sandbox
from generator.rendering.render import compiled, jinja_env
from generator.rendering.sandbox import TemplateLimitError, TemplateRefusedError, chinese_reason

CONTEXT = {
    "title": "  退款申请书 ",
    "parties": ["申请人：张三", "被申请人：某平台"],
    "exhibits": [{"label": "证据1", "name": "a.png"}, {"label": "证据2", "name": "b.png"}],
    "amounts": {"refund": "258.00", "total": "516.00"},
    "count": 3,
    "urgent": True,
}


def render(source: str, autoescape: bool = False, **extra) -> str:
    return jinja_env(autoescape).from_string(source).render(dict(CONTEXT, **extra))


@pytest.mark.parametrize(
    "source, expected",
    [
        (
            "{% for e in exhibits %}{{ loop.index }}.{{ e.label }}（{{ e['name'] }}）"
            "{% if not loop.last %}；{% endif %}{% endfor %}",
            "1.证据1（a.png）；2.证据2（b.png）",
        ),
        (
            "{{ title.strip() }}|{{ title|trim }}|{{ parties|join('、') }}|{{ parties|length }}",
            "退款申请书|退款申请书|申请人：张三、被申请人：某平台|2",
        ),
        (
            "{% for k, v in amounts.items() %}{{ k }}={{ v }} {% endfor %}{{ amounts.get('none', '无') }}",
            "refund=258.00 total=516.00 无",
        ),
        (
            "{{ parties[0][4:] }}{{ '甲' ~ '乙' }}{{ '一' * count }}{{ count + 1 }}{{ '%s元' % amounts.refund }}",
            "张三甲乙一一一4258.00元",
        ),
        (
            "{% set n = exhibits|map(attribute='label')|list %}{{ n|join(',') }}|"
            "{{ exhibits|selectattr('name', 'equalto', 'b.png')|list|length }}",
            "证据1,证据2|1",
        ),
        (
            "{% macro row(e) %}[{{ e.label }}]{% endmacro %}{% for e in exhibits %}{{ row(e) }}{% endfor %}",
            "[证据1][证据2]",
        ),
        (
            "{% for i in range(3) %}{{ loop.cycle('a', 'b') }}{% endfor %}"
            "{{ 'x'|replace('x', 'y') }}{{ nope|default('—') }}",
            "abay—",
        ),
        ("{{ title[2:4] }}{{ 'SHA'|lower }}{{ urgent and '（急）' or '' }}", "退款sha（急）"),
    ],
)
def test_what_a_filing_template_needs_still_works(source, expected):
    assert render(source) == expected


def test_autoescape_still_escapes_user_text():
    assert render("{{ who }}{{ who ~ '&' }}", autoescape=True, who="<张三>") == "&lt;张三&gt;&lt;张三&gt;&amp;"


def refusal(source: str, **extra) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        render(source, **extra)
    return caught.value


@pytest.mark.parametrize(
    "source, kind, message",
    [
        ("{{ title.__class__ }}", TemplateRefusedError, "以下划线开头的属性“__class__”"),
        ("{{ exhibits['__len__'] }}", TemplateRefusedError, "以下划线开头的属性“__len__”"),
        ("{% include 'x.txt' %}", TemplateRefusedError, "不能引用其他文件（include）"),
        ("{{ title.center(99) }}", TemplateLimitError, "不能读取文字的“center”"),
        ("{{ title.split() }}", TemplateLimitError, "不能读取文字的“split”"),
        ("{{ exhibits.pop() }}", TemplateLimitError, "不能读取列表的“pop”"),
        ("{{ amounts.clear() }}", TemplateLimitError, "不能读取数据项的“clear”"),
        ("{{ count.real }}", TemplateLimitError, "不能读取数字的“real”"),
        ("{{ (count ~ '')|attr('upper') }}", TemplateError, "不支持的过滤器“attr”"),
        ("{{ dict(a=1) }}", TemplateError, "不存在的变量：dict"),
    ],
)
def test_what_reaches_past_the_data_is_refused(source, kind, message):
    error = refusal(source)
    assert isinstance(error, kind)
    assert message in chinese_reason(error)
    assert error.lineno == 1


def test_a_refusal_names_its_template_line():
    assert refusal("第一行\n第二行\n{{ 1 / 0 }}\n").lineno == 3
    assert refusal("{% for e in exhibits %}\n{{ e.label }}\n{{ e.nope }}\n{% endfor %}").lineno == 3
    assert refusal("\n\n{{ 'x' * 10**9 }}").lineno == 3
    error = refusal("a\n{% for i in range(9999) %}{{ big }}{% endfor %}", big="字" * 9_000_000)
    assert error.lineno == 2 and "内容超过上限" in chinese_reason(error)


def test_each_bound_is_the_one_refusing(monkeypatch):
    """Just under each bound renders; just over it is refused (the bounds made small to test quickly)."""
    monkeypatch.setattr(sandbox, "MAX_RANGE", 50)
    assert render("{{ range(50)|list|length }}") == "50"
    assert "range() 最多 50 项" in chinese_reason(refusal("{{ range(51)|list|length }}"))
    monkeypatch.setattr(sandbox, "MAX_STEPS", 100)
    assert render("{% for i in range(5) %}{% for j in range(8) %}{% endfor %}{% endfor %}") == ""  # 45 items, 12 calls
    assert "循环和调用次数超过上限（100 次）" in chinese_reason(
        refusal("{% for i in range(10) %}{% for j in range(10) %}{% endfor %}{% endfor %}")
    )
    monkeypatch.setattr(sandbox, "MAX_VALUE_CHARS", 1000)
    assert len(render("{{ 'x' * 1000 }}")) == 1000
    for source in (
        "{{ 'x' * 1001 }}",
        "{{ ('x' * 600) ~ ('x' * 401) }}",
        "{{ ('x' * 600) + ('x' * 401) }}",
        "{{ ('x' * 500)|replace('x', 'xx')|replace('x', 'xx') }}",
        "{{ ['x' * 600, 'x' * 401]|join }}",
    ):
        assert "超过上限（1,000 个字符）" in chinese_reason(refusal(source)), source
    monkeypatch.setattr(sandbox, "MAX_VALUE_ITEMS", 100)
    assert render("{{ ('字' * 100)|list|length }}{{ ('字' * 100)|sort|join|length }}") == "100100"
    for source in (
        "{{ ('字' * 101)|list|length }}",
        "{{ ('字' * 101)|sort|first }}",
        "{{ ('字' * 101)|join }}",
        "{{ [1] * 101 }}",
        "{{ ([1] * 60) + ([1] * 41) }}",
    ):
        assert "列表超过上限（100 项）" in chinese_reason(refusal(source)), source
    monkeypatch.setattr(sandbox, "MAX_OUTPUT_CHARS", 1000)
    assert len(render("{% for i in range(10) %}{{ 'x' * 100 }}{% endfor %}")) == 1000
    assert "内容超过上限" in chinese_reason(refusal("{% for i in range(10) %}{{ 'x' * 100 }}{% endfor %}!"))
    monkeypatch.setattr(sandbox, "MAX_PRINTED_CHARS", 1000)
    assert "内容超过上限" in chinese_reason(
        refusal("{% set y %}{% for i in range(11) %}{{ 'x' * 100 }}{% endfor %}{% endset %}")
    )


def test_a_render_that_runs_too_long_is_stopped(monkeypatch):
    """The time backstop, for work no count weighs (here: comparing long texts again and again)."""
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.05)
    error = refusal(
        "{% for i in range(9999) %}{% for j in range(20) %}{% if a == b %}{% endif %}{% endfor %}{% endfor %}",
        a="甲" * 1_000_000,
        b="甲" * 1_000_000,
    )
    assert "模板渲染超过 0.05 秒" in chinese_reason(error)


def test_compiled_code_from_the_cache_is_bounded_too(tmp_path, monkeypatch):
    """A template loaded from the compiled-code cache runs with the same bounds as a fresh compile."""
    source = "{% set a = 'x' * 9000000 %}{% set b = a ~ a %}{% set c = b ~ b %}{{ (c ~ c)|length }}"
    env = jinja_env(autoescape=False)
    compiled(env, source)
    monkeypatch.setattr(env, "compile", lambda *a, **k: pytest.fail("compiled again"))
    with pytest.raises(TemplateLimitError, match="文字超过上限"):
        compiled(env, source).render()
    with pytest.raises(TemplateLimitError, match="循环和调用次数超过上限"):
        compiled(
            jinja_env(autoescape=False), "{% for a in range(9999) %}{% for b in range(9999) %}{% endfor %}{% endfor %}"
        ).render()


def test_only_render_is_offered():
    template = jinja_env(autoescape=False).from_string("{{ title }}")
    with pytest.raises(TemplateLimitError):
        list(template.generate(CONTEXT))


@pytest.mark.parametrize(
    "source, message",
    [
        ("{% for e in exhibits %}{{ e.label }}", "{% for %} 没有结束：到模板末尾也没有找到 {% endfor %} 或 {% else %}"),
        ("{{ title }}{% endif %}", "不认识的标签 {% endif %}：拼写有误，或前面缺少与它配对的开始标签"),
    ],
)
def test_common_tag_mistakes_are_explained_in_chinese(source, message):
    with pytest.raises(TemplateError) as caught:
        jinja_env(autoescape=False).parse(source)
    assert chinese_reason(caught.value) == message
