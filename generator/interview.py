"""`make-filings init`: ask the case file's questions in Chinese and write it, commented.

Every answer is checked as it is given (dates, amounts, phone, checksums,
evidence files), so the file written validates. The file has the shape of the
samples in `cases/`: one key a line, a Chinese comment on every key.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import click

from . import schema as S
from .cnformat import display_width


SERVICE_CHOICES = [("tencent_video", "腾讯视频"), ("iqiyi", "爱奇艺"), ("youku", "优酷"), ("mango_tv", "芒果TV"),
                   ("bilibili", "哔哩哔哩"), ("other", "其他")]
CHANNEL_CHOICES = [("wechat", "微信支付"), ("alipay", "支付宝"), ("bank_card", "银行卡"), ("other", "其他")]
NETWORK_CHOICES = [("unionpay", "银联"), ("visa", "Visa"), ("mastercard", "Mastercard"), ("other", "其他/不清楚")]
PROBLEM_CHOICES = [("rights_mismatch", "会员权益与宣传不符（如年卡变体验卡、不支持4K）"),
                   ("auto_renewal", "自动续费扣款"), ("no_response", "售后不回应或卖家失联"),
                   ("fraud", "虚假宣传或欺诈（如伪造兑换码）")]
PARTY_CHOICES = [("platform", "平台/卖家"), ("payment", "支付渠道"), ("regulator", "市场监管部门"), ("other", "其他")]
RESULT_CHOICES = [("refused", "拒绝"), ("no_reply", "未回复"), ("promised", "承诺处理"), ("partial", "部分处理"),
                  ("resolved", "已解决")]
CATEGORY_CHOICES = [("transaction", "交易记录（账单、订单截图）"), ("rights_anomaly", "权益异常（会员页截图）"),
                    ("advertisement", "宣传页面（商品页、广告）"), ("communication", "沟通记录（聊天、录音）")]
REFUND_CHOICES = [("auto", "自动判断（推荐）"), ("full", "全额退款"), ("prorated", "按未使用月份折算"), ("amount", "我自己填金额")]


@dataclass
class Line:
    """One line of the case file: indentation, key, value (already YAML text) and comment."""

    indent: int
    key: str
    value: str | None
    comment: str
    item: bool = False  # starts a list item ("- ")

    def render(self) -> str:
        lead = " " * self.indent + ("- " if self.item else "")
        body = f"{lead}{self.key}:" + (f" {self.value}" if self.value not in (None, "") else "")
        section = "\n" if self.indent == 0 and self.value is None else ""
        return section + body + " " * max(1, 45 - display_width(body)) + f"# {self.comment}"


def yaml_text(value) -> str:
    """A scalar as YAML: strings double-quoted (so 0-leading numbers and colons survive)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


# --- asking -------------------------------------------------------------------------

def ask_text(prompt: str, required: bool = True, default: str | None = None) -> str:
    while True:
        answer = click.prompt(prompt + ("" if required else "（可直接回车跳过）"), default=default or "",
                              show_default=bool(default)).strip()
        if answer or not required:
            return answer
        click.echo("  这一项必须填写。")


def ask_checked(prompt: str, check, required: bool = True) -> str:
    """Ask until `check(answer)` returns None (ok) or a Chinese reason to re-ask."""
    while True:
        answer = ask_text(prompt, required)
        if not answer and not required:
            return ""
        reason = check(answer)
        if reason is None:
            return answer
        click.echo(f"  {reason}，请重新输入。")


def ask_choice(prompt: str, choices: list[tuple[str, str]], default: int = 1) -> str:
    click.echo(prompt)
    for i, (_, label) in enumerate(choices, 1):
        click.echo(f"  {i}. {label}")
    number = click.prompt("请输入编号", type=click.IntRange(1, len(choices)), default=default)
    return choices[number - 1][0]


def ask_many(prompt: str, choices: list[tuple[str, str]]) -> list[str]:
    click.echo(prompt)
    for i, (_, label) in enumerate(choices, 1):
        click.echo(f"  {i}. {label}")
    while True:
        answer = click.prompt("请输入编号（可多选，用逗号分隔，如 1,2）").replace("，", ",")
        try:
            numbers = [int(x) for x in answer.split(",") if x.strip()]
        except ValueError:
            numbers = []
        if numbers and all(1 <= n <= len(choices) for n in numbers):
            return [choices[n - 1][0] for n in dict.fromkeys(numbers)]
        click.echo(f"  请输入1到{len(choices)}之间的编号。")


def ask_yes(prompt: str, default: bool = False) -> bool:
    return click.confirm(prompt, default=default)


def check_money(text: str) -> str | None:
    value = S.to_money(text)
    if not hasattr(value, "as_tuple") or value <= 0:
        return "金额应为大于0的数字，如 158 或 158.50"
    if value.as_tuple().exponent < -2:
        return "金额最多两位小数"
    return None


def check_date(text: str) -> str | None:
    return None if isinstance(S.to_date(text), date) else "日期格式应为 2026-09-01"


def check_moment(text: str) -> str | None:
    value = S.to_date_or_datetime(text)
    return None if isinstance(value, (date, datetime)) else "应为日期 2026-09-01 或日期时间 2026-09-01 20:15"


def check_months(text: str, low: int = 1, high: int = 120) -> str | None:
    return None if text.isdigit() and low <= int(text) <= high else f"应为{low}到{high}之间的整数"


def check_with(rule: str):
    """A field check borrowed from the validator, so init and validation agree."""
    from .validate import _CaseValidator

    def check(text: str) -> str | None:
        validator = _CaseValidator({"v": {"type": "string", "check_with": rule}})
        return None if validator.validate({"v": text}) else str(validator.errors["v"][0])
    return check


def check_case_id(text: str) -> str | None:
    import re
    return None if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", text) else "只能用英文字母、数字、- 或 _（1–64个）"


# --- the interview ---------------------------------------------------------------------

def interview(case_folder: Path, today: date | None = None) -> list[Line]:
    """Ask every question; return the lines of the case file."""
    today = today or datetime.now(S.CHINA).date()
    L: list[Line] = [Line(0, "version", "1", "案件文件格式版本")]
    click.echo("下面逐项提问；带“可直接回车跳过”的可以不填。日期写成 2026-09-01，金额写数字。\n")
    case_id = ask_checked("案件编号（英文字母、数字、- 或 _，会成为输出文件夹名）", check_case_id)
    L.append(Line(0, "case_id", yaml_text(case_id), "案件编号，作为输出文件夹名"))
    filing = ask_checked(f"落款日期（文书上的日期，回车用今天 {today.isoformat()}）", check_date, required=False)
    L.append(Line(0, "filing_date", filing or today.isoformat(), "落款日期"))

    click.echo("\n【投诉人：您本人】")
    L.append(Line(0, "complainant", None, "投诉人"))
    L.append(Line(2, "name", yaml_text(ask_text("姓名")), "姓名"))
    L.append(Line(2, "phone", yaml_text(ask_checked("手机号或带区号的座机", check_with("phone"))), "电话"))
    L.append(Line(2, "address", yaml_text(ask_text("通讯地址（12315投诉必填）")), "通讯地址"))
    _optional(L, 2, "email", ask_checked("电子邮箱", check_with("email"), required=False), "电子邮箱")
    _optional(L, 2, "id_number", ask_checked("身份证号（只用于12315投诉书）", check_with("id_number"), required=False),
              "居民身份证号，不会出现在公开投诉中")

    click.echo("\n【被投诉的卡盟平台】")
    L.append(Line(0, "platform", None, "被投诉的卡盟平台"))
    L.append(Line(2, "name", yaml_text(ask_text("平台名称")), "平台名称"))
    _optional(L, 2, "url", ask_text("平台网址", required=False), "平台网址")
    _optional(L, 2, "app", ask_text("平台APP或小程序名称", required=False), "APP名称")
    _optional(L, 2, "operator", ask_text("经营主体（公司全称，可在ICP备案或国家企业信用信息公示系统查到）", required=False),
              "经营主体")
    _optional(L, 2, "credit_code", ask_checked("统一社会信用代码", check_with("credit_code"), required=False),
              "统一社会信用代码")
    _optional(L, 2, "icp", ask_text("ICP备案号", required=False), "ICP备案号")
    _optional(L, 2, "address", ask_text("平台注册或经营地址（12315需要）", required=False), "平台地址")
    _optional(L, 2, "customer_service", ask_text("平台客服联系方式", required=False), "客服联系方式")

    click.echo("\n【订单】")
    L.append(Line(0, "order", None, "订单"))
    L.append(Line(2, "id", yaml_text(ask_text("平台订单号")), "平台订单号"))
    L.append(Line(2, "product", yaml_text(ask_text("购买的商品名称（如 腾讯视频VIP年卡）")), "商品名称"))
    service = ask_choice("视频平台：", SERVICE_CHOICES)
    L.append(Line(2, "service", service, "视频平台"))
    L.append(Line(2, "advertised", yaml_text(ask_text("商品页面怎么宣传的（承诺了什么）")), "宣传内容"))
    L.append(Line(2, "price", ask_checked("实付金额（元）", check_money), "实付金额（元）"))
    _optional(L, 2, "official_price", ask_checked("同类会员的官方价格（元）", check_money, required=False), "官方价格（元）",
              raw=True)
    L.append(Line(2, "paid_at", ask_checked("付款时间（如 2026-09-01 20:15）", check_moment), "付款时间"))
    term = ask_checked("宣传的会员期限（月）", check_months)
    L.append(Line(2, "term_months", term, "会员期限（月）"))
    _optional(L, 2, "used_months",
              ask_checked("实际正常使用了几个月（从未能用填 0）", lambda t: check_months(t, 0, int(term)), required=False),
              "已正常使用的月数", raw=True)

    click.echo("\n【支付】")
    L.append(Line(0, "payment", None, "支付信息"))
    channel = ask_choice("支付渠道：", CHANNEL_CHOICES)
    L.append(Line(2, "channel", channel, "支付渠道"))
    L.append(Line(2, "transaction_id", yaml_text(ask_text("账单里的交易单号")), "支付交易单号"))
    _optional(L, 2, "merchant_order_id", ask_text("账单里的商户单号", required=False), "商户单号")
    _optional(L, 2, "payee", ask_text("账单里的收款方", required=False), "收款方")
    if channel == "bank_card":
        L.append(Line(2, "bank", yaml_text(ask_text("发卡银行")), "发卡银行"))
        L.append(Line(2, "card_network", ask_choice("银行卡组织（卡面标志）：", NETWORK_CHOICES), "银行卡组织"))

    kinds = _ask_problems(L)
    _ask_contacts(L, today)
    _ask_evidence(L, case_folder)
    _ask_claims(L, kinds)
    return L


def _optional(L: list[Line], indent: int, key: str, answer: str, comment: str, raw: bool = False) -> None:
    if answer:
        L.append(Line(indent, key, answer if raw else yaml_text(answer), comment))


def _ask_problems(L: list[Line]) -> list[str]:
    click.echo("\n【遇到的问题】")
    kinds = ask_many("遇到了哪些问题？", PROBLEM_CHOICES)
    L.append(Line(0, "problems", None, "遇到的问题"))
    for kind in kinds:
        label = dict(PROBLEM_CHOICES)[kind]
        L.append(Line(2, "type", kind, label, item=True))
        L.append(Line(4, "description", yaml_text(ask_text(f"请具体描述“{label}”的情况")), "具体情况"))
        if kind == "rights_mismatch":
            _optional(L, 4, "delivered", ask_text("实际到账的是什么（如 3个月体验会员）", required=False), "实际交付内容")
        if kind == "auto_renewal":
            L.append(Line(4, "default_checked", yaml_text(ask_yes("自动续费是默认勾选的吗？", True)), "是否默认勾选"))
            if ask_yes("续费的金额和扣款时间是否没有醒目提示？", True):
                L.append(Line(4, "terms_hidden", "true", "续费金额和扣款时间未以显著方式提示"))
            _optional(L, 4, "cancel_requested_at", ask_checked("哪天申请取消自动续费的", check_date, required=False),
                      "申请取消的日期", raw=True)
            L.append(Line(4, "charges", None, "每一笔续费扣款"))
            while True:
                day = ask_checked("续费扣款日期", check_date)
                amount = ask_checked("扣款金额（元）", check_money)
                L.append(Line(6, "date", day, "扣款日期", item=True))
                L.append(Line(8, "amount", amount, "扣款金额（元）"))
                if not ask_yes("还有其他续费扣款吗？"):
                    break
    return kinds


def _ask_contacts(L: list[Line], today: date) -> None:
    click.echo("\n【已经做过的沟通】")
    if not ask_yes("是否已经联系过平台、支付渠道或监管部门？"):
        return
    L.append(Line(0, "contacts", None, "沟通记录"))
    while True:
        L.append(Line(2, "date", ask_checked("沟通日期", check_date), "沟通日期", item=True))
        L.append(Line(4, "with", ask_choice("沟通对象：", PARTY_CHOICES), "沟通对象"))
        L.append(Line(4, "method", yaml_text(ask_text("沟通方式（如 在线客服、电话）")), "沟通方式"))
        L.append(Line(4, "summary", yaml_text(ask_text("对方怎么说的")), "沟通内容"))
        L.append(Line(4, "result", ask_choice("结果：", RESULT_CHOICES), "结果"))
        if not ask_yes("还有其他沟通记录吗？"):
            return


def _ask_evidence(L: list[Line], case_folder: Path) -> None:
    from .evidence import inspect_file

    click.echo("\n【证据文件】文件要放在案件文件所在的文件夹（或其子文件夹）里。")
    if not ask_yes("现在登记证据文件吗？", True):
        return
    L.append(Line(0, "evidence", None, "证据文件（路径相对于本文件所在文件夹）"))
    while True:
        def check_file(text: str) -> str | None:
            path = (case_folder / text).resolve()
            if not path.is_relative_to(case_folder.resolve()):
                return "文件必须在案件文件所在的文件夹里"
            if not path.is_file():
                return f"找不到文件 {path}"
            try:
                info = inspect_file(path)
            except ValueError as exc:
                return str(exc)
            check_file.kind = info.kind
            return None
        name = ask_checked("证据文件路径（如 evidence/order.png）", check_file)
        L.append(Line(2, "file", yaml_text(name), "证据文件", item=True))
        L.append(Line(4, "category", ask_choice("证据类别：", CATEGORY_CHOICES), "证据类别"))
        L.append(Line(4, "description", yaml_text(ask_text("这份证据是什么")), "说明"))
        if getattr(check_file, "kind", "") == "audio":
            L.append(Line(4, "recording_disclosed", yaml_text(ask_yes("录音时告诉过对方正在录音吗？")),
                          "录音时是否告知对方"))
        if not ask_yes("还有其他证据文件吗？"):
            return


def _ask_claims(L: list[Line], kinds: list[str]) -> None:
    click.echo("\n【诉求】")
    L.append(Line(0, "claims", None, "诉求"))
    refund = ask_choice("退款要求：", REFUND_CHOICES)
    if refund == "amount":
        refund = ask_checked("要求退还的金额（元）", check_money)
    L.append(Line(2, "refund", refund, "退款方式或金额"))
    if "fraud" in kinds:
        L.append(Line(2, "punitive_damages", yaml_text(ask_yes("是否主张三倍赔偿（欺诈，最低500元）？", True)),
                      "是否主张三倍赔偿"))
    if "auto_renewal" in kinds:
        L.append(Line(2, "stop_auto_renewal", yaml_text(ask_yes("是否要求关闭自动续费？", True)), "是否要求关闭自动续费"))
    _optional(L, 2, "refunded", ask_checked("平台已经退还了多少钱（元）", check_money, required=False),
              "平台已退还的金额（元），会从主张中扣除", raw=True)
    _optional(L, 2, "extra", ask_text("其他诉求（如 要求书面道歉）", required=False), "其他诉求")


def case_file_text(lines: list[Line]) -> str:
    head = "# 维权案件文件（由 make-filings init 生成）。可直接修改后运行：make-filings check 本文件\n"
    return head + "\n".join(line.render() for line in lines) + "\n"


BLANK = """\
# 维权案件文件模板：按注释填写，然后运行 make-filings check 本文件 检查，再运行 make-filings 本文件 生成文书。
# 日期写成 2026-09-01，时间写成 2026-09-01 20:15；金额写数字（元）。标“可不填”的整行可以删除。
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
  operator:                                  # 经营主体公司全称（可不填，但12315需要）
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
"""


def blank_text(today: date | None = None) -> str:
    return BLANK.format(today=(today or datetime.now(S.CHINA).date()).isoformat())
