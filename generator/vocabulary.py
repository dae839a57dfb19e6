"""The case format's words, defined once: every choice's code, its Chinese name, how the interview offers it
and the Chinese words a user may write for it — and the filing kinds with their file names.

The schema takes its allowed values from here, the interview its choices, the filings their labels, the CLI
and the manifest their names. Adding a choice or a filing kind starts with its entry here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    code: str  # what the case file says (the contract with users)
    name: str  # how a filing names it
    choice: str = ""  # how the interview offers it (default: the name)
    aliases: tuple[str, ...] = ()  # the Chinese words people write for it in a case file

    @property
    def offered(self) -> str:
        return self.choice or self.name


def codes(terms: tuple[Term, ...]) -> list[str]:
    return [t.code for t in terms]


def names(terms: tuple[Term, ...]) -> dict[str, str]:
    return {t.code: t.name for t in terms}


def choices(terms: tuple[Term, ...], only: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(t.code, t.offered) for t in terms if not only or t.code in only]


SERVICES = (
    Term("tencent_video", "腾讯视频", aliases=("腾讯视频", "腾讯")),
    Term("iqiyi", "爱奇艺", aliases=("爱奇艺",)),
    Term("youku", "优酷", aliases=("优酷",)),
    Term("mango_tv", "芒果TV", aliases=("芒果tv", "芒果")),
    Term("bilibili", "哔哩哔哩", aliases=("哔哩哔哩", "b站")),
    Term("other", "视频", choice="其他"),
)
PLATFORM_KINDS = (
    Term("self_operated", "自营", "卡盟自己的网站或APP", ("自营", "平台自营")),
    Term("marketplace", "平台内商家", "在别人的平台上开店（如电商平台里的店铺）", ("入驻商家", "平台内商家")),
    Term("individual", "个人卖家", "个人卖家（聊天群、论坛、二手APP里的个人）", ("个人", "个人卖家")),
)
CHANNELS = (
    Term("wechat", "微信支付", aliases=("微信", "微信支付")),
    Term("alipay", "支付宝", aliases=("支付宝",)),
    Term("bank_card", "银行卡", aliases=("银行卡",)),
    Term("other", "其他支付方式", choice="其他"),
)
CARD_NETWORKS = (
    Term("unionpay", "银联", aliases=("银联",)),
    Term("visa", "Visa"),
    Term("mastercard", "Mastercard"),
    Term("other", "其他卡组织", choice="其他/不清楚"),
)
PAYEE_KINDS = (
    Term("merchant", "商户", "商家（账单上是商户或公司名）", ("商户", "商家")),
    Term("personal", "个人收款码", "个人收款码（扫了个人的收款二维码或转账给个人）", ("个人收款码",)),
)
PROBLEM_TYPES = (
    Term("rights_mismatch", "会员权益与宣传不符", "会员权益与宣传不符（如年卡变体验卡、不支持4K）", ("权益不符",)),
    Term("auto_renewal", "自动续费扣款", aliases=("自动续费",)),
    Term("no_response", "售后响应滞后或失联", "售后不回应或卖家失联", ("售后失联",)),
    Term("fraud", "虚假宣传或欺诈", "虚假宣传或欺诈（如伪造兑换码）", ("欺诈",)),
)
CONTACT_PARTIES = (
    Term("platform", "平台", "平台/卖家", ("平台",)),
    Term("payment", "支付渠道", aliases=("支付渠道",)),
    Term("regulator", "市场监督管理部门", "市场监管部门", ("监管部门", "市场监管部门")),
    Term("other", "有关机构", "其他"),
    Term("consumer_association", "消费者协会", aliases=("消费者协会", "消协")),
    Term("court", "人民法院", aliases=("法院", "人民法院")),
    Term("police", "公安机关", aliases=("公安", "公安机关", "派出所", "报警")),
    Term("public", "公开投诉平台", aliases=("公开", "媒体")),
)
# The contacts in which the other side (对方) answers: the seller's own service, or the merchant through a payment
# complaint; anyone else a contact reached (the regulator, a court, the police, the public) is named instead.
OTHER_SIDE_PARTIES = ("platform", "payment")
# The bodies that accept a complaint and mediate it: a contact of theirs may be their own act, not the user's call.
COMPLAINT_BODIES = ("regulator", "consumer_association")
# What happened, as the user recorded it: an event, never a judgment of it (an offer is not “部分处理”).
CONTACT_RESULTS = (
    Term("refused", "对方拒绝", "拒绝", ("拒绝",)),
    Term("no_reply", "对方未答复", "未回复", ("未回复",)),
    Term("promised", "对方表示会处理", "承诺处理", ("承诺处理",)),
    Term("partial", "对方的处理见上述记录", "部分处理", ("部分处理",)),
    Term("resolved", "对方称已处理", "已解决", ("已解决",)),
    Term("submitted", "已提交，尚未收到答复", "已提交", ("已提交",)),
    Term("accepted", "对方已受理", "已受理", ("已受理", "受理")),
)


# The parties and results the interview offers for a contact (the others come with the later steps).
INTERVIEW_PARTIES = ("platform", "payment", "regulator", "other")
INTERVIEW_RESULTS = ("refused", "no_reply", "promised", "partial", "resolved")
EVIDENCE_CATEGORIES = (
    Term("transaction", "交易记录", "交易记录（账单、订单截图）", ("交易记录",)),
    Term("rights_anomaly", "权益异常", "权益异常（会员页截图）", ("权益异常",)),
    Term("advertisement", "宣传页面", "宣传页面（商品页、广告）", ("宣传页面",)),
    Term("communication", "沟通记录", "沟通记录（聊天、录音）", ("沟通记录",)),
)
# What an exhibit may be said to prove (`evidence[].about`), besides a problem type or a contact's date.
ABOUT_SUBJECTS = (
    Term("order", "订单", aliases=("订单",)),
    Term("payment", "支付", aliases=("支付",)),
    Term("promises", "承诺", aliases=("承诺",)),
)
REFUND_MODES = (
    Term("auto", "自动判断", "自动判断（推荐）", ("自动",)),
    Term("full", "全额退款", aliases=("全额",)),
    Term("prorated", "按未使用月份折算", aliases=("按比例",)),
)
GENDERS = (Term("男", "男", aliases=("男性",)), Term("女", "女", aliases=("女性",)))
OTHER_ALIASES = ("其他", "其它")  # the word for `other` in every list that has it

# The Chinese words people write for the format's choices; the English codes stay the contract.
CHOICE_ALIASES = {
    alias: t.code
    for terms in (
        SERVICES,
        PLATFORM_KINDS,
        CHANNELS,
        CARD_NETWORKS,
        PAYEE_KINDS,
        PROBLEM_TYPES,
        CONTACT_PARTIES,
        CONTACT_RESULTS,
        EVIDENCE_CATEGORIES,
        ABOUT_SUBJECTS,
        REFUND_MODES,
        GENDERS,
    )
    for t in terms
    for alias in t.aliases
} | dict.fromkeys(OTHER_ALIASES, "other")


@dataclass(frozen=True, slots=True)
class Filing:
    code: str  # the kind's code: `--only`, the plan's steps, rules.yaml's `filings`
    stem: str  # its file name, without the suffix
    names: tuple[str, ...] = ()  # the Chinese names `--only` takes, the first shown in the manifest
    roles: tuple[str, str] = ("", "")  # how the filing calls the filer and the other side (rules.yaml's {me}, {them})
    # whether the filing attaches the annex of the law it cites; it then names itself there (“本投诉书所引条文原文”)
    # by its phrase `attachments.this_filing.<code>` in phrases.yaml
    annexed: bool = False

    @property
    def name(self) -> str:
        return self.names[0]


# In the order of their files. The summary and the annex of quoted law come with every run.
DOCUMENTS = (
    Filing("case_summary", "00_案件概要", ("案件概要",)),
    Filing(
        "platform_refund_request",
        "01_平台退款申请书",
        ("退款申请书", "平台退款申请书", "退款申请", "平台退款"),
        ("申请人", "贵平台"),
        annexed=True,
    ),
    Filing(
        "payment_dispute", "02_支付争议申请", ("支付争议申请", "支付争议", "争议申请"), ("申请人", "商户"), annexed=True
    ),
    Filing(
        "complaint_12315", "03_12315投诉书", ("12315投诉书", "12315", "12315投诉"), ("投诉人", "被投诉人"), annexed=True
    ),
    Filing("blackcat_post", "04_黑猫投诉", ("黑猫投诉", "黑猫"), ("本人", "商家")),
    Filing("legal_basis", "05_法律依据", ("法律依据",)),
    Filing(
        "mediation_request",
        "06_消协调解申请书",
        ("消协调解申请书", "调解申请书", "消协调解", "调解"),
        ("申请人", "被申请人"),
        annexed=True,
    ),
    Filing("court_complaint", "07_民事起诉状", ("民事起诉状", "起诉状", "起诉"), ("原告", "被告"), annexed=True),
    Filing("report_12315", "08_12315举报", ("12315举报", "举报书", "举报"), ("举报人", "被举报人"), annexed=True),
    Filing("police_report", "09_报警材料", ("报警材料", "报警"), ("报案人", "对方")),  # no law in a police report
    Filing("authorization", "10_授权委托书", ("授权委托书", "委托书"), ("委托人", "受托人")),
)
_ALWAYS = ("case_summary", "legal_basis")
FILE_STEMS = {d.code: d.stem for d in DOCUMENTS}


def debit_text_stem(stem: str, n: int) -> str:
    """The stem of the paste text for the n-th disputed debit of a filing: its own for the first, then _2, _3 …"""
    return f"{stem}_{n}" if n > 1 else stem


# Every filing one can ask for and a plan step may name.
FILINGS = tuple(d for d in DOCUMENTS if d.code not in _ALWAYS)
FILING_KINDS = tuple(d.code for d in FILINGS)
FILING_NAMES = {d.code: d.name for d in FILINGS}
DOCUMENT_NAMES = {d.code: d.name for d in DOCUMENTS}
ANNEXED = tuple(d.code for d in FILINGS if d.annexed)  # the filings that attach the annex

# Where a person sells online, as users name it (a chat group, a second-hand app, a forum): the first of these
# the case's own text names is where an individual seller sold; a seller named by its group gets its app's 群.
VENUE_WORDS = ("微信群", "QQ群", "朋友圈", "闲鱼", "转转", "贴吧", "论坛", "小红书", "抖音", "快手", "微博")
GROUP_APPS = (("微信", "微信群"), ("QQ", "QQ群"), ("qq", "QQ群"))
# Words by which a payee's name is a shop's or a nickname (A追剧小铺, 会员小站), not a person's real name.
SHOP_WORDS = (
    "铺",
    "店",
    "屋",
    "坊",
    "馆",
    "社",
    "站",
    "阁",
    "栈",
    "会员",
    "工作室",
    "商城",
    "官方",
    "卡盟",
    "影视",
    "追剧",
    "福利",
)

# The time limits the program computes (generator/law/deadlines.py), each named in phrases.yaml's deadlines.labels,
# and the units of time channels.yaml counts a limit in, each worded in deadlines.units.
DEADLINE_KINDS = (
    "platform_reply",
    "regulator_acceptance",
    "regulator_mediation",
    "regulator_limitation",
    "wechat_refund_window",
    "card_dispute_window",
)
TIME_UNITS = ("hours", "days", "working_days", "years")
