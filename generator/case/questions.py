"""The interview's questions, planned from the answers so far, and the case-file lines they become.

`plan` yields, in order, every section and question the answers call for: a
question that depends on an earlier answer appears only once that answer is
given, so only what a case needs is asked. Defaults come only from the user's
own earlier answers (the service named in the product, a category from a
file's name), never from a guess the answers could contradict.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from generator import vocabulary as V
from generator.case import schema as S
from generator.cnformat import display_width

SERVICE_CHOICES = V.choices(V.SERVICES)
KIND_CHOICES = V.choices(V.PLATFORM_KINDS)
CHANNEL_CHOICES = V.choices(V.CHANNELS)
PAYEE_KIND_CHOICES = V.choices(V.PAYEE_KINDS)
NETWORK_CHOICES = V.choices(V.CARD_NETWORKS)
PROBLEM_CHOICES = V.choices(V.PROBLEM_TYPES)
PARTY_CHOICES = V.choices(V.CONTACT_PARTIES, V.INTERVIEW_PARTIES)
RESULT_CHOICES = V.choices(V.CONTACT_RESULTS, V.INTERVIEW_RESULTS)
CATEGORY_CHOICES = V.choices(V.EVIDENCE_CATEGORIES)
REFUND_CHOICES = [*V.choices(V.REFUND_MODES), ("amount", "我自己填金额")]  # `amount`: the user types the figure

LATER = "\x00later"  # the stored answer of a question left for later

# Words in a product name that tell which video service it is (the default offered, never forced).
_SERVICE_WORDS = [
    ("腾讯", "tencent_video"),
    ("爱奇艺", "iqiyi"),
    ("奇异果", "iqiyi"),
    ("优酷", "youku"),
    ("芒果", "mango_tv"),
    ("哔哩", "bilibili"),
    ("b站", "bilibili"),
    ("大会员", "bilibili"),
]
_CATEGORY_WORDS = [
    (("bill", "账单", "order", "订单", "pay", "支付"), "transaction"),
    (("chat", "聊天", "客服", "call", "录音", "wav", "mp3", "m4a"), "communication"),
    (("product", "商品", "宣传", "广告", "page", "页面"), "advertisement"),
    (("vip", "会员", "权益", "code", "兑换", "rights"), "rights_anomaly"),
]


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


# --- questions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A key that holds others (`order:`, `- date:` …): written only when something is written under it."""

    indent: int
    key: str
    comment: str


@dataclass(frozen=True)
class Question:
    """One question, the check of its answer, and the case-file line the answer becomes."""

    id: str
    prompt: str
    kind: str = "text"  # text | ident | choice | many | yes | date | moment | money | months | file
    key: str | None = None  # the case-file key; None: the answer only steers the interview
    indent: int = 2
    comment: str = ""
    required: bool = True
    item: bool = False
    choices: tuple = ()
    default: str | None = None
    check: Callable | None = None
    help: str = ""
    later: bool = False  # 稍后填写 is accepted
    months: tuple = (1, 120)
    unless: str | None = None  # the format's default: an answer equal to it is not written
    past: bool = True  # a date answer may not be after today (all but the filing date)

    def lines(self, answer: str) -> list[Line]:
        if self.key is None or answer in ("", self.unless):
            return []
        if answer == LATER:
            return [Line(self.indent, self.key, None, f"稍后填写：{self.comment}", self.item)]
        raw = self.kind in ("choice", "yes", "date", "moment", "money", "months")
        return [Line(self.indent, self.key, answer if raw else yaml_text(answer), self.comment, self.item)]


def _guess_service(product: str) -> str | None:
    text = product.lower()
    return next((value for word, value in _SERVICE_WORDS if word in text), None)


def _guess_category(name: str) -> str | None:
    text = name.lower()
    return next((value for words, value in _CATEGORY_WORDS if any(w in text for w in words)), None)


def _guess_times(promise: str) -> str | None:
    """`假一赔十` → 10, `三倍赔偿` → 3: the multiple a promise names, offered as the default."""
    from generator.cnformat import arabic_number

    match = re.search(r"赔([一二三四五六七八九十百\d]+)|([一二三四五六七八九十百\d]+)倍", promise)
    if not match:
        return None
    number = match.group(1) or match.group(2)
    try:
        value = int(number) if number.isdigit() else arabic_number(number)
    except ValueError:
        return None
    return str(value) if 1 <= value <= 100 else None


def _respondent_help(today: date) -> str:
    from generator.law.channels import fact_in_force

    found = fact_in_force("regulator.missing_respondent", today)
    why = found.text if found else "12315投诉须写明被投诉人的名称和地址"
    return (
        "\n  为什么要问：" + why + "。"
        "\n  去哪里找：APP或网站的“关于我们”“营业执照”“资质证照”页面；网页底部的ICP备案号"
        "（在 beian.miit.gov.cn 查备案主体）；国家企业信用信息公示系统 www.gsxt.gov.cn（查公司全称和住所）。"
        "\n  一时查不到可以回答“稍后填写”，其余问题照常继续；也可以按 Ctrl-C 暂停去查，已答的内容会保存。"
    )


def plan(a: dict, folder: Path, today: date) -> Iterator[Section | Question]:
    """Every section and question of the interview, given the answers so far (`a`: id → answer).

    Read in order, the first question without an answer is the next one asked;
    questions that depend on it are reached only once it is answered.
    """
    yield from _complainant(a)
    yield from _platform(a, today)
    yield from _order(a)
    yield from _payment(a)
    yield from _problems(a)
    yield from _contacts(a)
    yield from _evidence(a, folder)
    yield from _claims(a)
    yield Question(
        "more",
        "还要补充可选信息吗？（邮箱、身份证号、平台网址等、官方价格、落款日期、退款方式、"
        "已退金额、其他损失、其他诉求、代为投诉的律师或消协）",
        "yes",
        default="false",
    )
    if a.get("more") == "true":
        yield from _optional(a)


def _complainant(a: dict) -> Iterator:
    yield Section(0, "complainant", "投诉人")
    yield Question("complainant.name", "姓名", key="name", comment="姓名", help="【投诉人：您本人】")
    yield Question(
        "complainant.phone", "手机号或带区号的座机", "ident", key="phone", comment="电话", check=check_with("phone")
    )
    yield Question("complainant.address", "通讯地址（12315投诉必须有）", key="address", comment="通讯地址", later=True)


def _platform(a: dict, today: date) -> Iterator:
    yield Section(0, "platform", "被投诉的卡盟平台")
    yield Question(
        "platform.name", "平台名称（您看到的名字）", key="name", comment="平台名称", help="【被投诉的卡盟平台】"
    )
    yield Question(
        "platform.kind",
        "您是在哪里买的？",
        "choice",
        key="kind",
        comment="平台类型",
        choices=tuple(KIND_CHOICES),
        unless="self_operated",
    )
    kind = a.get("platform.kind")
    if kind != "individual":
        yield Question(
            "platform.operator",
            "经营主体（公司全称）",
            key="operator",
            comment="经营主体",
            later=True,
            help=_respondent_help(today),
        )
        yield Question("platform.address", "经营主体的注册或经营地址", key="address", comment="平台地址", later=True)
    if kind == "marketplace":
        yield Section(2, "seller", "卖出兑换码的店铺")
        yield Question("platform.seller.name", "店铺名称", key="name", indent=4, comment="店铺名称")
        yield Question(
            "platform.seller.address",
            "店铺在平台上公示的地址",
            key="address",
            indent=4,
            comment="店铺公示的地址",
            required=False,
            later=True,
        )
    if kind == "individual":
        yield Question(
            "platform.customer_service",
            "对方的联系方式或账号（如 微信号、QQ号、闲鱼账号）",
            key="customer_service",
            comment="对方的联系方式",
            required=False,
        )


def _order(a: dict) -> Iterator:
    yield Section(0, "order", "订单")
    yield Question("order.id", "平台订单号", "ident", key="id", comment="平台订单号", help="【订单】", later=True)
    yield Question("order.product", "购买的商品名称（如 腾讯视频VIP年卡）", key="product", comment="商品名称")
    yield Question(
        "order.service",
        "哪个视频平台的会员？",
        "choice",
        key="service",
        comment="视频平台",
        choices=tuple(SERVICE_CHOICES),
        default=_guess_service(a.get("order.product", "")),
    )
    yield Question("order.advertised", "商品页面怎么宣传的（承诺了什么）", key="advertised", comment="宣传内容")
    yield Question("order.price", "实付金额（元）", "money", key="price", comment="实付金额（元）")
    yield Question(
        "order.paid_at",
        "付款时间（如 2026-09-01 20:15，只记得日期也可以）",
        "moment",
        key="paid_at",
        comment="付款时间",
    )
    yield Question(
        "order.term_months", "宣传的会员期限（月，如 12）", "months", key="term_months", comment="会员期限（月）"
    )
    term = int(a.get("order.term_months") or 120)
    yield Question(
        "order.used_months",
        "实际正常使用了几个月（从未能用填 0）",
        "months",
        key="used_months",
        comment="已正常使用的月数",
        required=False,
        months=(0, term),
    )


def _payment(a: dict) -> Iterator:
    yield Section(0, "payment", "支付信息")
    yield Question(
        "payment.channel",
        "用什么付的款？",
        "choice",
        key="channel",
        comment="支付渠道",
        choices=tuple(CHANNEL_CHOICES),
        help="【支付】",
    )
    yield Question(
        "payment.payee_kind",
        "钱付给了谁？",
        "choice",
        key="payee_kind",
        comment="收款方类型",
        choices=tuple(PAYEE_KIND_CHOICES),
        unless="merchant",
    )
    yield Question(
        "payment.transaction_id", "账单里的交易单号", "ident", key="transaction_id", comment="支付交易单号", later=True
    )
    yield Question("payment.payee", "账单里显示的收款方", key="payee", comment="收款方", required=False)
    if a.get("payment.channel") == "bank_card":
        yield Question("payment.bank", "发卡银行", key="bank", comment="发卡银行")
        yield Question(
            "payment.card_network",
            "银行卡组织（卡面标志）",
            "choice",
            key="card_network",
            comment="银行卡组织",
            choices=tuple(NETWORK_CHOICES),
        )


def _problems(a: dict) -> Iterator:
    yield Section(0, "problems", "遇到的问题")
    yield Question("problems", "遇到了哪些问题？", "many", choices=tuple(PROBLEM_CHOICES), help="【遇到的问题】")
    labels = dict(PROBLEM_CHOICES)
    for kind in (a.get("problems") or "").split(","):
        if not kind:
            continue
        yield Fixed(Line(2, "type", kind, labels[kind], item=True))
        yield Question(
            f"problem.{kind}.description",
            f"请具体描述“{labels[kind]}”的情况",
            key="description",
            indent=4,
            comment="具体情况",
        )
        if kind == "rights_mismatch":
            yield Question(
                f"problem.{kind}.delivered",
                "实际到账的是什么（如 3个月体验会员）",
                key="delivered",
                indent=4,
                comment="实际交付内容",
                required=False,
            )
        if kind == "auto_renewal":
            yield from _renewal(a, kind)
    yield from _promises(a)


def _renewal(a: dict, kind: str) -> Iterator:
    yield Question(
        f"problem.{kind}.default_checked",
        "自动续费是默认勾选的吗？",
        "yes",
        key="default_checked",
        indent=4,
        comment="是否默认勾选",
    )
    yield Question(
        f"problem.{kind}.terms_hidden",
        "续费的金额和扣款时间是否没有醒目提示？",
        "yes",
        key="terms_hidden",
        indent=4,
        comment="续费金额和扣款时间未以显著方式提示",
    )
    yield Question(
        f"problem.{kind}.cancel",
        "哪天申请取消自动续费的（没申请过就回车）",
        "date",
        key="cancel_requested_at",
        indent=4,
        comment="申请取消的日期",
        required=False,
    )
    yield Section(4, "charges", "每一笔续费扣款")
    for i in range(1, 100):
        day = a.get(f"charge.{i}.date")
        yield Question(
            f"charge.{i}.date",
            f"第{i}笔续费扣款的日期" + ("（没有更多了就直接回车）" if i > 1 else ""),
            "date",
            key="date",
            indent=6,
            comment="扣款日期",
            item=True,
            required=i == 1,
        )
        if day == "":
            return
        yield Question(
            f"charge.{i}.amount", "这笔扣款的金额（元）", "money", key="amount", indent=8, comment="扣款金额（元）"
        )
        yield Question(
            f"charge.{i}.transaction_id",
            "这笔扣款在账单里的交易单号（没有就回车）",
            "ident",
            key="transaction_id",
            indent=8,
            comment="这笔扣款的交易单号",
            required=False,
        )


def _promises(a: dict) -> Iterator:
    yield Section(0, "order", "订单")  # asked after the problems, written under the order
    yield Section(2, "promises", "卖家在商品页面另外的承诺")
    for i in range(1, 20):
        text = a.get(f"promise.{i}.text")
        yield Question(
            f"promise.{i}.text",
            "商品页面上卖家另外承诺过什么吗？照原话写（如 假一赔十；没有就直接回车）"
            if i == 1
            else "还有别的承诺吗？（没有就直接回车）",
            key="text",
            indent=4,
            comment="卖家的承诺（原话）",
            item=True,
            required=False,
        )
        if not text:
            return
        yield Question(
            f"promise.{i}.times",
            "这个承诺说赔实付金额的几倍？（如 假一赔十 填 10；不是赔偿承诺就回车）",
            "months",
            key="times",
            indent=6,
            comment="承诺赔偿的倍数",
            required=False,
            months=(1, 100),
            default=_guess_times(text),
        )


def _contacts(a: dict) -> Iterator:
    yield Section(0, "contacts", "沟通记录")
    for i in range(1, 100):
        first = "联系过平台、支付渠道或监管部门吗？有的话" if i == 1 else "还有其他沟通吗？有的话"
        yield Question(
            f"contact.{i}.date",
            f"{first}写下第{i}次沟通的日期（没有就直接回车）",
            "date",
            key="date",
            comment="沟通日期",
            item=True,
            required=False,
            help="【已经做过的沟通】" if i == 1 else "",
        )
        if not a.get(f"contact.{i}.date"):
            return
        yield Question(
            f"contact.{i}.with",
            "和谁沟通的？",
            "choice",
            key="with",
            indent=4,
            comment="沟通对象",
            choices=tuple(PARTY_CHOICES),
        )
        yield Question(
            f"contact.{i}.method", "沟通方式（如 在线客服、电话）", key="method", indent=4, comment="沟通方式"
        )
        yield Question(f"contact.{i}.summary", "对方怎么说的", key="summary", indent=4, comment="沟通内容")
        yield Question(
            f"contact.{i}.result",
            "结果如何？",
            "choice",
            key="result",
            indent=4,
            comment="结果",
            choices=tuple(RESULT_CHOICES),
        )


def _evidence(a: dict, folder: Path) -> Iterator:
    yield Section(0, "evidence", "证据文件（路径相对于本文件所在文件夹）")
    yield Question(
        "evidence.files",
        "证据文件的路径，多个用逗号隔开（如 evidence/账单.png, evidence/聊天.png；还没整理就直接回车）",
        "files",
        check=_check_files(folder),
        required=False,
        help="【证据文件】截图、录音等要放在案件文件所在的文件夹（或其子文件夹）里。",
    )
    for i, name in enumerate(_files(a), 1):
        yield Fixed(Line(2, "file", yaml_text(name), f"证据{i}", item=True))
        yield Question(
            f"evidence.{i}.category",
            f"“{name}”是哪类证据？",
            "choice",
            key="category",
            indent=4,
            comment="证据类别",
            choices=tuple(CATEGORY_CHOICES),
            default=_guess_category(name),
        )
        yield Question(
            f"evidence.{i}.description",
            f"“{name}”是什么（如 支付宝账单截图，含订单号与金额）",
            key="description",
            indent=4,
            comment="说明",
        )
        if _is_audio(folder, name):
            yield Question(
                f"evidence.{i}.recording",
                "录音时告诉过对方正在录音吗？",
                "yes",
                key="recording_disclosed",
                indent=4,
                comment="录音时是否告知对方",
            )


def _files(a: dict) -> list[str]:
    return [f for f in (a.get("evidence.files") or "").split("\n") if f]


def _is_audio(folder: Path, name: str) -> bool:
    from generator.case.evidence import inspect_file

    try:
        return inspect_file(folder / name).kind == "audio"
    except (OSError, ValueError):
        return False


def _claims(a: dict) -> Iterator:
    kinds = (a.get("problems") or "").split(",")
    yield Section(0, "claims", "诉求")
    if "fraud" in kinds:
        yield Question(
            "claims.punitive_damages",
            "是否主张三倍赔偿（欺诈，最低500元）？",
            "yes",
            key="punitive_damages",
            comment="是否主张三倍赔偿",
            help="【诉求】",
        )
    if "auto_renewal" in kinds:
        yield Question(
            "claims.stop_auto_renewal",
            "是否要求关闭自动续费？",
            "yes",
            key="stop_auto_renewal",
            comment="是否要求关闭自动续费",
        )
    if any(a.get(f"promise.{i}.times") for i in range(1, 20)):
        yield Question(
            "claims.promised_compensation",
            "是否按卖家的承诺主张赔偿？",
            "yes",
            key="promised_compensation",
            comment="是否主张卖家承诺的赔偿",
        )


def _optional(a: dict) -> Iterator:
    """What most cases do without, asked only when the user wants to add it; each can be skipped."""
    yield Section(0, "complainant", "投诉人")
    yield Question(
        "complainant.email",
        "您的电子邮箱",
        "ident",
        key="email",
        comment="电子邮箱",
        required=False,
        check=check_with("email"),
        help="【可选信息：不需要的直接回车】",
    )
    yield Question(
        "complainant.id_number",
        "身份证号（只写进12315投诉书，不会公开）",
        "ident",
        key="id_number",
        comment="居民身份证号，不会出现在公开投诉中",
        required=False,
        check=check_with("id_number"),
    )
    yield Section(0, "platform", "被投诉的卡盟平台")
    for key, prompt, comment, check in (
        ("url", "平台网址", "平台网址", None),
        ("app", "平台APP或小程序名称", "APP名称", None),
        ("credit_code", "平台的统一社会信用代码", "统一社会信用代码", check_with("credit_code")),
        ("icp", "ICP备案号（网页底部）", "ICP备案号", None),
        ("customer_service", "平台客服联系方式", "客服联系方式", None),
    ):
        if a.get("platform.kind") == "individual" and key == "customer_service":
            continue
        yield Question(
            f"platform.{key}",
            prompt,
            "ident" if key == "credit_code" else "text",
            key=key,
            comment=comment,
            required=False,
            check=check,
        )
    yield Section(0, "order", "订单")
    yield Question(
        "order.official_price",
        "同类会员的官方价格（元）",
        "money",
        key="official_price",
        comment="官方价格（元）",
        required=False,
    )
    yield Section(0, "payment", "支付信息")
    yield Question(
        "payment.merchant_order_id",
        "账单里的商户单号",
        "ident",
        key="merchant_order_id",
        comment="商户单号",
        required=False,
    )
    yield Section(0, "", "")
    yield Question(
        "filing_date",
        "落款日期（文书上的日期；回车则用生成文书那天的日期）",
        "date",
        key="filing_date",
        indent=0,
        comment="落款日期",
        required=False,
        past=False,
    )
    yield from _optional_claims(a)
    yield from _representative(a)


def _optional_claims(a: dict) -> Iterator:
    yield Section(0, "claims", "诉求")
    yield Question("claims.refund", "退款要求", "choice", choices=tuple(REFUND_CHOICES), default="auto")
    if a.get("claims.refund") == "amount":
        price = S.to_money(a.get("order.price", "0"))
        yield Question(
            "claims.refund.amount",
            "要求退还的金额（元，不超过实付金额）",
            "money",
            key="refund",
            comment="要求退还的金额（元）",
            check=lambda v: (
                None
                if S.to_money(v) <= price
                else f"退款最多是实付的{price}元；超出的部分请在“其他损失”里写明金额和原因"
            ),
        )
    elif a.get("claims.refund") not in (None, "auto"):
        yield Fixed(Line(2, "refund", a["claims.refund"], "退款方式"))
    yield Question(
        "claims.refunded",
        "平台已经退还了多少钱（元，没有就回车）",
        "money",
        key="refunded",
        comment="平台已退还的金额（元），会从主张中扣除",
        required=False,
    )
    yield Section(2, "losses", "退款以外的其他损失")
    for i in range(1, 50):
        yield Question(
            f"loss.{i}.amount",
            "除退款外，还有因此造成的其他损失吗？写金额（元，没有就回车）"
            if i == 1
            else "还有其他损失吗？写金额（元，没有就回车）",
            "money",
            key="amount",
            indent=4,
            comment="损失金额（元）",
            item=True,
            required=False,
        )
        if not a.get(f"loss.{i}.amount"):
            break
        yield Question(
            f"loss.{i}.description",
            "这笔损失是怎么来的（如 为看当晚赛事另买的单月会员）",
            key="description",
            indent=6,
            comment="损失原因",
        )
        files = _files(a)
        if files:
            yield Question(
                f"loss.{i}.evidence",
                "哪份证据证明这笔损失？（没有就回车）",
                "choice",
                key="evidence",
                indent=6,
                comment="证明这笔损失的证据",
                required=False,
                choices=tuple((f, f) for f in files),
            )
    yield Question("claims.extra", "其他诉求（如 要求书面道歉）", key="extra", comment="其他诉求", required=False)


def _representative(a: dict) -> Iterator:
    yield Question("representative", "有律师或消协工作人员代您投诉吗？", "yes", default="false")
    if a.get("representative") != "true":
        return
    yield Section(0, "representative", "代为投诉的人（律师或消协工作人员）")
    yield Question("representative.name", "代理人姓名", key="name", comment="代理人姓名")
    yield Question(
        "representative.phone", "代理人电话", "ident", key="phone", comment="代理人电话", check=check_with("phone")
    )
    yield Question(
        "representative.organisation",
        "代理人所在单位（如 某某律师事务所、某某市消费者协会）",
        key="organisation",
        comment="所在单位",
        required=False,
    )
    yield Question("representative.address", "代理人的通讯地址", key="address", comment="代理人地址", required=False)
    yield Question(
        "representative.relation",
        "代理人是您的什么人（近亲属时填写，如 儿子、女儿、丈夫）",
        key="relation",
        comment="与投诉人的关系",
        required=False,
    )


@dataclass(frozen=True)
class Fixed:
    """A line the answers decide without a question (a problem's type, an evidence file's path)."""

    line: Line


# --- checking an answer ------------------------------------------------------------


def check_with(rule: str):
    """A field check borrowed from the validator, so init and validation agree."""
    from generator.case.validate import _CaseValidator

    def check(text: str) -> str | None:
        validator = _CaseValidator({"v": {"type": "string", "check_with": rule}})
        return None if validator.validate({"v": text}) else str(validator.errors["v"][0])

    return check


def _check_files(folder: Path):
    def check(text: str) -> str | None:
        from generator.case.evidence import inspect_file
        from generator.case.slips import nearest_file

        base = folder.resolve()
        for name in text.split("\n"):
            path = (base / name).resolve()
            if not path.is_relative_to(base):
                return f"“{name}”不在案件文件所在的文件夹里"
            if not path.is_file():
                guess = nearest_file(base, name)
                return f"找不到文件“{name}”" + (f"，是不是 {guess}？" if guess else "")
            try:
                inspect_file(path)
            except ValueError as exc:
                return f"“{name}”不可用：{exc}"
        return None

    return check
