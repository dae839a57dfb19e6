"""`make-filings init`: ask the case file's questions in Chinese and write it, commented.

The questions are a plan computed from the answers so far (`plan`), so only what
an earlier answer calls for is asked, and going back one question (`<`) simply
forgets the last answer. Every answer is checked and normalised as it is given
(by the same rules as a hand-written file, `lenient`) and saved to a part file
beside the target, so Ctrl-C or a closed terminal loses nothing and the next
`init` continues. The file written has the shape of the samples in `cases/`:
one key a line, a Chinese comment on every key.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator import clock
from generator.case import lenient
from generator.case import schema as S
from generator.case.questions import LATER, Fixed, Line, Question, Section, plan, yaml_text

BACK_WORDS = ("<", "＜", "上一题", "返回")
LATER_WORDS = ("稍后填写", "稍后", "以后再填")
_YES = ("是", "y", "yes", "有", "对", "要", "需要")
_NO = ("否", "n", "no", "没有", "无", "不", "不是", "不要", "不需要")

# --- checking an answer ------------------------------------------------------------


def parse_answer(q: Question, text: str, today: date | None = None) -> tuple[str | None, str | None]:
    """The answer as stored (normalised like a hand-written file), or a Chinese reason to ask again."""
    if q.kind == "choice":
        return _parse_choice(q.choices, text)
    if q.kind == "many":
        values: list[str] = []
        for part in filter(None, re.split(r"[,，、\s]+", text)):
            value, reason = _parse_choice(q.choices, part)
            if value is None:
                return None, reason
            values.append(value)
        return ",".join(dict.fromkeys(values)), None
    if q.kind == "yes":
        word = text.strip().lower()
        if word in _YES or word == "true":
            return "true", None
        if word in _NO or word == "false":
            return "false", None
        return None, "请回答“是”或“否”（也可以写 y 或 n）"
    if q.kind == "files":
        names = [lenient.unwrap(n).replace("\\", "/") for n in re.split(r"[,，、]", text) if n.strip()]
        text = "\n".join(names)
    elif q.key not in lenient.FREE_TEXT_KEYS:  # the user's own words keep every character
        text = lenient.unwrap(text)
    normalised, reason = _parse_value(q, text)
    if reason is None and today and q.past and q.kind in ("date", "moment") and normalised[:10] > today.isoformat():
        reason = f"这个日期晚于今天（{today.isoformat()}），请检查"
    if reason is None and q.check is not None:
        reason = q.check(normalised)
    return (normalised, None) if reason is None else (None, reason)


def _parse_value(q: Question, text: str) -> tuple[str, str | None]:
    if q.kind == "money":
        value = lenient.normal_money(text)
        return (
            (value, None)
            if value is not None and S.to_money(value) > 0
            else (text, "金额应为大于0的数字（元），如 158 或 158.50")
        )
    if q.kind == "date":
        value = lenient.normal_date(text)
        return (value, None) if value else (text, "日期应写成 2026-09-01（也可以写 2026/9/1 或 2026年9月1日）")
    if q.kind == "moment":
        value = lenient.normal_moment(text)
        return (value, None) if value else (text, "应为日期 2026-09-01 或日期时间 2026-09-01 20:15")
    if q.kind == "months":
        value = lenient.normal_months(text)
        low, high = q.months
        return (
            (value, None) if value is not None and low <= int(value) <= high else (text, f"应为{low}到{high}之间的整数")
        )
    return text, None


def _parse_choice(choices: tuple, text: str) -> tuple[str | None, str | None]:
    """A choice by its number, its Chinese label (or the part before the brackets) or its English value."""
    word = lenient.unwrap(text).strip()
    for i, (value, label) in enumerate(choices, 1):
        short = re.split(r"[（(]", label)[0]
        if word in (str(i), value, label, short) or word.lower() == value.lower():
            return value, None
    alias = S.to_choice(word)
    if alias in {value for value, _ in choices}:
        return alias, None
    return None, f"请输入1到{len(choices)}之间的编号，或选项的名称"


# --- the session -------------------------------------------------------------------


class Back(Exception):
    """The user asked to go back one question."""


class Session:
    """One interview: the answers in the order given, saved after each answer when `part` is set."""

    def __init__(
        self,
        folder: Path,
        today: date | None = None,
        history: list | None = None,
        part: Path | None = None,
        stem: str = "",
        *,
        show: Callable[[str], None],
        read: Callable[[str], str],
    ):
        # `show` puts a line before the user, `read` asks with a prompt and returns the line typed: the command line
        # gives its terminal's (this module prints nothing itself)
        self.show, self.read = show, read
        self.folder, self.stem = folder, stem
        self.today = today or clock.today()
        self.history: list[tuple[str, str]] = [tuple(h) for h in (history or [])]
        self.part = part
        self.asked = 0  # questions put to the user in this session (a re-ask after a wrong answer counts once)

    @property
    def answers(self) -> dict:
        return dict(self.history)

    def next_question(self) -> Question | None:
        answers = self.answers
        return next(
            (q for q in plan(answers, self.folder, self.today) if isinstance(q, Question) and q.id not in answers), None
        )

    def run(self) -> list[Line]:
        """Ask until every question is answered; return the lines of the case file."""
        if not self.history:
            self.show(
                "下面逐项提问。回车跳过可不填的项；输入 < 回到上一题；查不到的可以答“稍后填写”；"
                "按 Ctrl-C 可随时暂停，已答的会保存，下次运行 init 接着问。\n"
            )
        while (q := self.next_question()) is not None:
            try:
                answer = self.ask(q)
            except Back:
                if self.history:
                    self.history.pop()
                    self.save()
                else:
                    self.show("  已经是第一题了。")
                continue
            self.history.append((q.id, answer))
            self.save()
        return case_lines(self.answers, self.folder, self.today, self.stem)

    def ask(self, q: Question) -> str:
        if q.help:
            self.show(("" if q.help.startswith("\n") else "\n") + q.help)
        if q.kind in ("choice", "many"):
            for i, (_, label) in enumerate(q.choices, 1):
                self.show(f"  {i}. {label}")
        self.asked += 1
        while True:
            text = self.read(_prompt_text(q)).strip()
            if text in BACK_WORDS:
                raise Back
            if text in LATER_WORDS and q.later:
                return LATER
            if not text:
                if q.default is not None:
                    return q.default
                if not q.required:
                    return ""
                self.show("  这一项必须填写" + ("（查不到可以答“稍后填写”）" if q.later else "") + "。")
                continue
            answer, reason = parse_answer(q, text, self.today)
            if reason is None and answer is not None:
                return answer
            self.show(f"  {reason}，请重新输入（输入 < 回到上一题）。")

    def save(self) -> None:
        if self.part is not None:
            save_part(self.part, self.history)


def _prompt_text(q: Question) -> str:
    hints = []
    if q.default is not None:
        label = dict(q.choices).get(q.default) if q.choices else {"true": "是", "false": "否"}.get(q.default, q.default)
        hints.append(f"回车＝{re.split(r'[（(]', label or q.default)[0]}")
    elif not q.required and "回车" not in q.prompt:
        hints.append("可直接回车跳过")
    if q.later:
        hints.append("查不到可答“稍后填写”")
    if q.kind == "yes":
        hints.insert(0, "是/否")
    if q.kind in ("choice", "many"):
        hints.insert(0, "编号或名称" + ("，可多选，用逗号分隔" if q.kind == "many" else ""))
    return q.prompt + (f"（{'；'.join(hints)}）" if hints else "") + "："


def case_lines(answers: dict, folder: Path, today: date, stem: str = "") -> list[Line]:
    """The case file's lines from a finished interview, grouped under their top-level keys."""
    buckets: dict[str, list[Line]] = {
        "": [
            Line(0, "version", "1", "案件文件格式版本"),
            Line(0, "case_id", yaml_text(default_case_id(answers, today, stem)), "案件编号，作为输出文件夹名"),
        ]
    }
    heads: dict[str, Line] = {}
    current = ""
    pending: list[Section] = []
    for element in plan(answers, folder, today):
        if isinstance(element, Section):
            if element.indent == 0:
                current, pending = element.key, []
                heads.setdefault(current, Line(0, element.key, None, element.comment))
            else:
                pending = [s for s in pending if s.indent < element.indent] + [element]
            continue
        lines = [element.line] if isinstance(element, Fixed) else element.lines(answers.get(element.id, ""))
        if not lines:
            continue
        bucket = buckets.setdefault(current, [heads[current]] if current else [])
        bucket += [Line(s.indent, s.key, None, s.comment) for s in pending if s.indent < lines[0].indent]
        pending = [s for s in pending if s.indent >= lines[0].indent]
        bucket += lines
    return [line for bucket in buckets.values() for line in bucket]


def default_case_id(answers: dict, today: date, stem: str = "") -> str:
    """The case file's name when it can be one, else from the order number (two cases' folders never meet)."""
    if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", stem) and stem != "case":
        return stem
    order = re.sub(r"[^A-Za-z0-9_-]", "", answers.get("order.id", "").replace(LATER, ""))[-40:]
    return f"case-{order}" if order else f"case-{today:%Y%m%d}"


def later_items(answers: dict, folder: Path, today: date) -> list[str]:
    """The prompts of the questions answered 稍后填写."""
    return [q.prompt for q in plan(answers, folder, today) if isinstance(q, Question) and answers.get(q.id) == LATER]


def question_count(answers: dict, folder: Path, today: date) -> int:
    """How many questions a finished interview with these answers asked."""
    return sum(1 for q in plan(answers, folder, today) if isinstance(q, Question) and q.id in answers)


# --- the part file -----------------------------------------------------------------


def part_path(target: Path) -> Path:
    """Where the answers so far are kept: beside the case file, named after it."""
    return target.with_name(target.name + ".part")


def save_part(part: Path, history: list) -> None:
    """The answers so far, replaced atomically so an interruption never leaves half a file."""
    part.parent.mkdir(parents=True, exist_ok=True)
    tmp = part.with_name(part.name + ".tmp")
    tmp.write_text(
        json.dumps({"format": 1, "answers": [list(h) for h in history]}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    os.replace(tmp, part)


def load_part(part: Path) -> list | None:
    """The saved answers, or None when the part file is unreadable (it is then started afresh)."""
    try:
        data = json.loads(part.read_text(encoding="utf-8"))
        return [(str(k), str(v)) for k, v in data["answers"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def case_file_text(lines: list[Line]) -> str:
    head = "# 维权案件文件（由 make-filings init 生成）。可直接修改后运行：make-filings check 本文件\n"
    return head + "\n".join(line.render() for line in lines) + "\n"


BLANK = """\
# 维权案件文件模板：按注释填写，然后运行 make-filings check 本文件 检查，再运行 make-filings 本文件 生成文书。
# 日期写成 2026-09-01（也可以写 2026/9/1 或 2026年9月1日），时间写成 2026-09-01 20:15；金额写 98 或 98元。
# 冒号用英文“:”且后面加一个空格；缩进用空格，不要用Tab。标“可不填”的整行可以删除。
version: 1                                   # 案件文件格式版本，保持为 1
case_id: my-case-001                         # 案件编号：英文字母、数字、- 或 _，作为输出文件夹名
filing_date: {today}                         # 落款日期（可不填，默认当天）

complainant:                                 # 投诉人（您本人）
  name:                                      # 姓名（必填）
  phone: ""                                  # 手机号或带区号的座机（必填，写在引号里）
  address:                                   # 通讯地址（必填，12315投诉需要）
  email:                                     # 电子邮箱（可不填）
  id_number: ""                              # 居民身份证号（可不填；只用于12315投诉书）

platform:                                    # 被投诉的卡盟平台
  name:                                      # 平台名称（必填）
  url:                                       # 平台网址（可不填）
  app:                                       # APP或小程序名称（可不填）
  operator:                                  # 经营主体公司全称（可不填，但12315需要：见APP“关于我们/营业执照”、ICP备案或国家企业信用信息公示系统）
  credit_code:                               # 统一社会信用代码（可不填）
  icp:                                       # ICP备案号（可不填）
  address:                                   # 平台注册或经营地址（可不填，但12315需要）
  customer_service:                          # 平台客服联系方式（可不填）

order:                                       # 订单
  id: ""                                     # 平台订单号（必填）
  product:                                   # 商品名称（必填），如 腾讯视频VIP年卡
  service: tencent_video                     # 视频平台：tencent_video 腾讯视频 | iqiyi 爱奇艺 | youku 优酷 | mango_tv 芒果TV | bilibili 哔哩哔哩 | other 其他
  advertised:                                # 商品页面的宣传内容（必填）
  price:                                     # 实付金额（元，必填）
  official_price:                            # 同类会员的官方价格（元，可不填）
  paid_at:                                   # 付款时间（必填），如 2026-09-01 20:15
  term_months: 12                            # 宣传的会员期限（月，必填）
  used_months:                               # 已正常使用的月数（可不填；0 表示从未能用）

payment:                                     # 支付信息
  channel: wechat                            # 支付渠道：wechat 微信支付 | alipay 支付宝 | bank_card 银行卡 | other 其他
  transaction_id: ""                         # 账单里的交易单号（必填）
  merchant_order_id: ""                      # 账单里的商户单号（可不填）
  payee:                                     # 收款方（可不填）
  # bank: 招商银行                           # 银行卡支付时必填：发卡银行
  # card_network: unionpay                   # 银行卡支付时可填：unionpay | visa | mastercard | other

problems:                                    # 遇到的问题（至少一项，每种类型最多一次）
  - type: rights_mismatch                    # rights_mismatch 权益与宣传不符 | auto_renewal 自动续费 | no_response 售后失联 | fraud 欺诈
    description:                             # 具体情况（必填）
    delivered:                               # 实际到账的权益（可不填）

contacts:                                    # 已经做过的沟通（没有可删除整段）
  - date:                                    # 沟通日期
    with: platform                           # 沟通对象：platform 平台 | payment 支付渠道 | regulator 监管部门 | other 其他
    method:                                  # 沟通方式，如 在线客服
    summary:                                 # 对方怎么说的
    result: refused                          # 结果：refused 拒绝 | no_reply 未回复 | promised 承诺处理 | partial 部分处理 | resolved 已解决

evidence:                                    # 证据文件（路径相对于本文件所在文件夹；没有可删除整段）
  - file: evidence/order.png                 # 证据文件
    category: transaction                    # transaction 交易记录 | rights_anomaly 权益异常 | advertisement 宣传页面 | communication 沟通记录
    description:                             # 这份证据是什么

claims:                                      # 诉求（都可不填）
  refund: auto                               # auto 自动判断 | full 全额 | prorated 按未使用月份折算 | 具体金额
  punitive_damages: false                    # 是否主张三倍赔偿（需要有 fraud 问题）
  stop_auto_renewal: false                   # 是否要求关闭自动续费（需要有 auto_renewal 问题）
  refunded:                                  # 平台已退还的金额（元，可不填；会从主张中扣除）
  extra:                                     # 其他诉求（可不填）
"""  # noqa: E501 — the template's lines are what the user sees, comments aligned in one column


def blank_text(today: date | None = None) -> str:
    return BLANK.format(today=(today or clock.today()).isoformat())
