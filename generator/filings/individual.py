"""How the filings name a person who sold online (`platform.kind: individual`).

`platform.name` is what the user saw: the seller's nickname, or the chat group the sale was made in, often with the
user's own note in brackets (“A追剧小铺（微信群追剧会员福利群里的卖家）”) — the note describes the seller and is no part
of the handle. A group is where it happened, not who sold: the person is named by the accounts the case gives
(`customer_service`), by a real name only where the case gives one, and in public by no name at all.
"""

from __future__ import annotations

import re

from generator.case.model import Case
from generator.cnformat import nest
from generator.phrases import say
from generator.vocabulary import GROUP_APPS, SHOP_WORDS, VENUE_WORDS

# A name's explanatory note in brackets: “A追剧小铺（微信群追剧会员福利群里的卖家）” is A追剧小铺.
SELLER = "卖家"  # how the filings call a person who sold
_NOTE = re.compile(r"\s*[（(【\[][^（）()【】\[\]]*[）)】\]]\s*$")


def is_individual(case: Case) -> bool:
    return case.platform.kind == "individual"


def bare_name(name: str) -> str:
    """A name without its trailing bracketed note."""
    return _NOTE.sub("", name).strip() or name.strip()


def payee_quoted(payee: str, noted_by: str = "") -> str:
    """The payee as the bill shows it, quoted, and the user's bracketed note after it as theirs:
    `“李*”（申请人注明：微信个人收款码，实名是李春梅）` (`noted_by` 申请人), not inside the quotation as if the bill
    showed it; in a text in the user's own first person (no `noted_by`) the note stays in its brackets as written."""
    bare, written = bare_name(payee), payee.strip()
    quoted = f"“{nest(bare)}”"
    note = _NOTE.search(written)
    if note is None or bare == written:
        return quoted
    told = note.group(0).strip()[1:-1]
    return quoted + (say("named.user_note", me=noted_by, note=told) if noted_by else f"（{told}）")


# A name written as a description around the nickname: 群里卖会员的“开心果”, 影视会员低价群（QQ群）里的卖家“阿杰”.
_DESCRIBED = re.compile(r"(?P<told>.+?)“(?P<handle>[^“”]+)”")
# The group such a description names first: 影视会员低价群（QQ群）里的… → 影视会员低价群.
_GROUP_TOLD = re.compile(r"(?P<group>[^“”（）()]+群)(?:[（(][^）)]*[）)])?(?:里|中|内)")


# A nickname the user's note on the name gives: （QQ昵称“豪哥影视会员”）, （微信昵称是小王会员）.
_NICKNAME_NOTED = re.compile(r'(?:昵称|网名)(?:是|叫|为)?[：:]?\s*[“"「‘]?(?P<handle>[^“”"「」‘’，,；;。）)]+)')


def _described(case: Case) -> re.Match | None:
    return _DESCRIBED.fullmatch(bare_name(case.platform.name))


def handle(case: Case) -> str:
    """The seller's nickname as the seller uses it: `platform.name` without the user's bracketed note, the quoted
    nickname of a name the user wrote as a description (群里卖会员的“开心果” → 开心果), or the nickname the note gives
    (QQ上卖会员的卖家（QQ昵称“豪哥影视会员”） → 豪哥影视会员)."""
    described = _described(case)
    if described:
        return described["handle"]
    found = _NOTE.search(case.platform.name)
    noted = _NICKNAME_NOTED.search(found.group()) if found else None
    return noted["handle"].strip() if noted else bare_name(case.platform.name)


def platform_named(case: Case) -> str:
    """How the filings name the other side: a person who sold by their handle, a platform by its name as given."""
    return handle(case) if is_individual(case) else case.platform.name


def addressed(case: Case, with_accounts: bool = True) -> str:
    """Whom a letter to the seller itself is addressed to: a chat group is no party, so the seller in it
    (`QQ群“X群”中的卖家`, with its accounts in the party line); any other seller by its name as `platform_named`."""
    group = group_name(case) if is_individual(case) else None
    if group is None:
        return platform_named(case)
    accounts = handles(case) if with_accounts else ""
    named = f"“{nest(handle(case))}”" if named_in_group(case) else ""
    return f"{venue(case)}“{group}”中的{SELLER}{named}" + (f"（{accounts}）" if accounts else "")


def user_note(case: Case) -> str | None:
    """The user's own bracketed note on the seller's name (`微信群追剧会员福利群里的卖家`), or None."""
    name = case.platform.name
    found = _NOTE.search(name)
    if found is None or bare_name(name) == name.strip():
        return None
    note = found.group().strip()[1:-1].strip()
    if not _described(case) and _NICKNAME_NOTED.search(note):  # it gave the nickname the seller is named by (handle)
        return None
    return note or None


def real_name(case: Case) -> str | None:
    """The seller's real name, only where the case gives one: the name the user filled in (`platform.operator`), or
    one the payee or the user's own words introduce as a name (实名…, 名字是…, 叫…). A nickname or a collection
    code's display name is no real name."""
    if case.platform.operator:
        return case.platform.operator
    return stated_name(case)


def merchant_payee(case: Case) -> str:
    """The merchant the bill shows as payee, when it is not the platform's own name: where the case names no
    operator, the lead to it (the office checks it against the site's ICP filing); "" otherwise."""
    payment = case.payment
    if payment.payee_kind != "merchant" or case.platform.kind == "individual":
        return ""
    return payment.payee if payment.payee and payment.payee != case.platform.name else ""


def stated_name(case: Case) -> str | None:
    """The real name of the person paid, where the case gives one: the payee written as a person's name (陈建国, the
    masked 陈某某 a bill shows), or a name the payee or the user's account introduces (收款人实名是陈建国, 卖家叫李四).
    A payee written as a nickname or shop (A追剧小铺（个人）) is none."""
    payee = (case.payment.payee or "").strip()
    if case.payment.payee_kind == "personal" and written_as_name(payee):
        return payee
    texts = [payee, *(c.summary for c in case.contacts), *(p.description for p in case.problems)]
    texts += [e.description for e in case.evidence]
    return next((name for text in texts for name in introduced_names(text)), None)


# A person's name as a bill or the user writes it: two to four Chinese characters, some masked (陈某某, 张*明).
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff*＊×][\u4e00-\u9fff·*＊×]{1,3}")


def written_as_name(text: str) -> bool:
    """Whether a payee is written as a person's name rather than a nickname or a shop's name."""
    return bool(_PERSON_NAME.fullmatch(text)) and not any(word in text for word in SHOP_WORDS)


_GROUP_IN_NOTE = re.compile(r"“([^“”]+群)”")


def group_name(case: Case) -> str | None:
    """The chat group the seller's name is, when `platform.name` names a group (…群), or the group its bracketed
    note names (`开心果（微信群“幸福里社区团购群”）`) or its description (`影视会员低价群（QQ群）里的卖家“阿杰”`),
    else None."""
    name = bare_name(case.platform.name)
    if name.endswith("群"):
        return name
    note = case.platform.name.strip()[len(name) :]
    found = _GROUP_IN_NOTE.search(note)
    if found:
        return found[1]
    described = _described(case)
    told = _GROUP_TOLD.match(described["told"]) if described else None
    return told["group"].strip() if told else None


def named_in_group(case: Case) -> bool:
    """The seller is named by a handle of its own, and its note or description says in which group it sold."""
    group = group_name(case)
    return group is not None and group != handle(case)


def _case_texts(case: Case) -> list[str]:
    return [
        case.platform.name,
        *(c.method for c in case.contacts),
        case.order.advertised,
        *(p.description for p in case.problems),
    ]


def venue(case: Case) -> str | None:
    """Where the person sold, as the case's own text names it (微信群, 闲鱼 …); for a seller named by a group,
    the group of the app the case was dealt on (its contacts' methods, else the payment channel)."""
    texts = [t.lower() for t in _case_texts(case)]
    for word in VENUE_WORDS:
        if any(word.lower() in t for t in texts):
            return word
    if group_name(case) is None:
        return None
    for app, group in GROUP_APPS:
        if any(app in c.method for c in case.contacts):
            return group
    return "微信群" if case.payment.channel == "wechat" else "聊天群"


def at_venue(where: str) -> str:
    """`在微信群中`, `在闲鱼上`."""
    return f"在{where}{'中' if where.endswith('群') or where == '朋友圈' else '上'}"


def handles(case: Case) -> str:
    """The seller's own accounts as the case gives them: `微信号 vipcheap888`, or nothing."""
    return (case.platform.customer_service or "").strip()


def seller_phrase(case: Case) -> str:
    """Where and from whom, for a letter or report: `在微信群“X群”中向卖家（微信号 …）`, `在闲鱼上向卖家“昵称”`."""
    group, where, accounts = group_name(case), venue(case), handles(case)
    if group:
        return f"在{where}“{nest(group)}”中向卖家" + (f"（{accounts}）" if accounts else "")
    return (at_venue(where) if where else "") + f"向卖家“{nest(handle(case))}”"


def public_place(case: Case) -> str:
    """Where and from whom for the public post, after a 在, without any name or account: `微信群中向个人卖家`."""
    where = venue(case)
    return (at_venue(where)[1:] if where else "网上") + "向个人卖家"


def public_seller(case: Case) -> str:
    """Whom the public post is about: `微信群个人卖家`, or `个人卖家`."""
    return (venue(case) or "") + "个人卖家"


def seller_named(case: Case) -> str:
    """The seller as a respondent's note or the summary names them: `在微信群“X群”中出售` or `卖家昵称：X`."""
    group = group_name(case)
    return f"在{venue(case)}“{nest(group)}”中出售" if group else f"卖家昵称：{handle(case)}"


def seller_described(case: Case) -> str:
    """The seller after a 向: `微信群“X群”中的卖家（微信号 …）`, `闲鱼上的卖家“昵称”`."""
    group, where, accounts = group_name(case), venue(case), handles(case)
    if group:
        named = f"“{nest(handle(case))}”" if named_in_group(case) else ""
        return f"{where}“{nest(group)}”中的{SELLER}{named}" + (f"（{accounts}）" if accounts else "")
    return (f"{at_venue(where)[1:]}的" if where else "") + f"{SELLER}“{nest(handle(case))}”"


def place(case: Case, them: str) -> str:
    """Where and from whom, after a 在: `微信群“X群”中向被投诉人`, `闲鱼上向被投诉人`, else `网上向被投诉人`."""
    group, where = group_name(case), venue(case)
    if group:
        return f"{where}“{nest(group)}”中向{them}"
    return (at_venue(where)[1:] if where else "网上") + f"向{them}"


def report_lines(case: Case, payee_line: str = "") -> list[str]:
    """对方 in a police report: the person by their accounts and the payee's name, then where it happened."""
    pay = case.payment
    group, accounts = group_name(case), handles(case)
    who = [accounts] if accounts else []
    if (not group or named_in_group(case)) and f"“{handle(case)}”" not in accounts:  # not twice
        who.insert(0, f"昵称“{nest(handle(case))}”")
    if pay.payee_kind == "personal" and payee_line:  # the person paid, as the case says they were paid
        who.append(payee_line)
    lines = [f"对方：卖家（{'，'.join(who)}）" if who else "对方：卖家（身份不明）"]
    where = venue(case)
    if group or where:
        lines.append(f"交易发生在：{where or ''}" + (f"“{group}”" if group else ""))
    return lines


# The user's text introduces a name: 名字是…, 叫…, 实名…, 姓名… The name is what
# follows, up to a word that ends it.
_INTRODUCED_NAME = re.compile(
    r"(?:名字(?:是|叫|为)|名叫|叫做|叫作|自称(?:是|叫|为)?|(?:他|她|对方|卖家|商家|店主|老板|客服|收款人|此人|这人|那人|个人|一个|人)叫"
    r"|实名(?:认证)?(?:的是|的|是|为|叫)?|(?:真实)?姓名(?:是|为|叫)?|真名(?:是|叫|为)?|收款人(?:是|为))"
    # what stands between the introduction and the name: 实名显示“*小琴”, 姓名为：陈建国
    r"\s*(?:显示(?:为|是)?|为|是)?\s*[:：]?\s*[“\"'‘「『]?"
    r"([\u4e00-\u9fff*＊×][\u4e00-\u9fff·*＊×]{1,3}?)"
    r"(?=$|[^\u4e00-\u9fff·]|的|说|称|表示|告诉|承诺|答应|同意|拒绝|让|要|在|是|和|与|还|也|就|便)"
)
# What follows 叫/姓名 and is not a name.
_NOT_A_NAME = re.compile(
    r"^(?:[我你他她它您这那谁啥哪其某]|什么|客服|卖家|商家|平台|店主|老板|用户|对方|认证|信息|账号|手机|电话"
    r"|本人|自己|大家|人家|别人|号码|验证|一下|不上|不出|不到|显示)"
)
# How a bill or payment page hides part of a name (*小琴, 陈*明).
_MASKS = "*＊×"


def introduced_names(text: str) -> list[str]:
    """Names the text introduces as someone's (他叫李四, 收款人姓名：陈建国)."""
    return [m.group(1) for m in introductions(text)]


def introductions(text: str) -> list[re.Match]:
    """Where the text introduces someone's name (她叫刘小燕, 实名是陈建国): each match, the name its group 1."""
    not_a_name = re.compile(say("markers.not_a_name"))  # 姓名联系平台: a verb, not a name
    found = [
        m for m in _INTRODUCED_NAME.finditer(text) if not _NOT_A_NAME.match(m.group(1)) and not not_a_name.search(m[1])
    ]
    return [m for m in found if re.search(r"[\u4e00-\u9fff]", m.group(1))]


def partly_hidden(name: str) -> bool:
    """Whether a name is shown only in part (*小琴): it says who was paid, but is no name to file against."""
    return any(mask in name for mask in _MASKS)


def full_stated_name(case: Case) -> str | None:
    """The stated name of the person paid when it is shown in full: a name a complaint can be made against."""
    name = stated_name(case)
    return name if name and not partly_hidden(name) else None


def named_by_title(name: str) -> bool:
    """A person written as a surname and a title only (陈律师, 王老师, 张主任: phrases.yaml markers.title_only) — no
    name a power of attorney can be made out to."""
    return bool(re.search(say("markers.title_only"), name))
