"""The written 黑猫投诉 post, read back as a reader reads it, never holds a private value.

Each private value of the sample case is written in a disguise (Chinese or styled
digits, separators or invisible characters between its characters, traditional
characters, (at) for @, an address with commas) into every free-text field; the
case runs through the real pipeline and the post's Word and text forms are read
back. The check folds the written text with its own reading, independent of the
scan's: Unicode NFKC, invisible characters dropped, every digit form and every
Chinese numeral as a digit, OpenCC's traditional-to-simplified conversion, lower
case, and every separator removed.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import opencc
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import posting_for_individuals, sample_data, write_case

SAMPLE = "txvip-rights-mismatch.yaml"
POST = "04_黑猫投诉"
TO_SIMPLIFIED = opencc.OpenCC("t2s")
TO_TRADITIONAL = opencc.OpenCC("s2t")

# --- the reader's reading -------------------------------------------------------

NUMERALS = dict(zip("〇零一幺二两三四五六七八九", "0011223456789"))
SEPARATORS = re.compile(r"[\s\-_/\\|.·•‧・'~()\[\]{}<>,、;:\u2010-\u2015\u2212\u301c]+")


def read(text: str) -> str:
    """The text as a reader takes it in: what each character says, without the separators."""
    text = TO_SIMPLIFIED.convert(unicodedata.normalize("NFKC", text))
    text = re.sub(r"[(\[{【]\s*at\s*[)\]}】]", "@", text, flags=re.I)
    text = re.sub(r"[(\[{【]\s*dot\s*[)\]}】]", ".", text, flags=re.I)
    out = []
    for c in text:
        if unicodedata.category(c) in ("Cf", "Mn", "Me") or (unicodedata.category(c) == "Cc" and not c.isspace()):
            continue
        digit = unicodedata.digit(c, None)
        out.append(str(digit) if digit is not None else NUMERALS.get(c, c.lower()))
    return SEPARATORS.sub("", "".join(out))


# --- disguises --------------------------------------------------------------------

DIGIT_FORMS = [
    lambda d: d,
    lambda d: chr(0xFF10 + int(d)),  # full width
    lambda d: "⓪" if d == "0" else chr(0x2460 + int(d) - 1),  # circled
    lambda d: chr(0x1D7CE + int(d)),  # mathematical bold
    lambda d: "⓿" if d == "0" else chr(0x2776 + int(d) - 1),  # negative circled
    lambda d: "〇一二三四五六七八九"[int(d)],  # Chinese numerals
    lambda d: {"1": "幺", "2": "两", "0": "零"}.get(d, "〇一二三四五六七八九"[int(d)]),  # spoken
]
GAPS = ["", " ", "-", "/", "_", "\u200b", "\u00ad", "\u2060", "—", "．", "\u3000"]


@st.composite
def number_disguise(draw, value: str) -> str:
    """A number with its digits in one form and a separator between some of its characters."""
    form = draw(st.sampled_from(DIGIT_FORMS))
    gap = draw(st.sampled_from(GAPS))
    every = draw(st.integers(1, 4))
    chars = [
        form(c) if c.isdigit() else draw(st.sampled_from([c.lower(), c.upper(), chr(ord(c.upper()) + 0xFEE0)]))
        for c in value
    ]
    return "".join(c + (gap if (i + 1) % every == 0 and i + 1 < len(chars) else "") for i, c in enumerate(chars))


@st.composite
def name_disguise(draw, value: str) -> str:
    text = TO_TRADITIONAL.convert(value) if draw(st.booleans()) else value
    gap = draw(st.sampled_from(["", "\u200b", "\u00ad", "-", "—", " ", "·", "\u200d", "\ufeff"]))
    return gap.join(text)


@st.composite
def address_disguise(draw, value: str) -> str:
    text = TO_TRADITIONAL.convert(value) if draw(st.booleans()) else value
    parts = re.findall(r".+?(?:市|区|路|号院|号楼|室|$)", text)
    text = draw(st.sampled_from(["，", "、", ",", " ", "\u200b"])).join(p for p in parts if p)
    if draw(st.booleans()):  # the street and number without the city
        text = text[text.index("某") :]
    return text


@st.composite
def email_disguise(draw, value: str) -> str:
    local, _, domain = value.partition("@")
    if draw(st.integers(0, 4)) == 0:
        return local  # the account without its domain
    at = draw(st.sampled_from(["@", "(at)", "[at]", "＠", " [at] ", "（at）", " (AT) "]))
    dot = draw(st.sampled_from([".", "(dot)", " [dot] ", "．"]))
    local = draw(st.sampled_from([local, local.upper(), local.capitalize()]))
    return local + at + domain.replace(".", dot)


DATA = sample_data(SAMPLE)
PERSON, PAYMENT = DATA["complainant"], DATA["payment"]
VALUES = {
    "name": (PERSON["name"], name_disguise),
    "phone": (PERSON["phone"], number_disguise),
    "id_number": (PERSON["id_number"], number_disguise),
    "address": (PERSON["address"], address_disguise),
    "email": (PERSON["email"], email_disguise),
    "order": (DATA["order"]["id"], number_disguise),
    "transaction": (PAYMENT["transaction_id"], number_disguise),
    # other people's: the payee of a personal collection code, a name under `mask`
    "payee": ("陈建国", name_disguise),
    "masked": ("王秀英", name_disguise),
}
# What must never be read in the post: each value whole, the address's street part, the e-mail's account.
NEVER = [read(value) for value, _ in VALUES.values()] + [
    read(PERSON["address"][PERSON["address"].index("某") :]),
    read(PERSON["email"].partition("@")[0]),
]

# key path → its length limit in the schema
FIELDS = {
    ("problems", 0, "description"): 50_000,
    ("problems", 0, "delivered"): 5_000,
    ("contacts", 0, "summary"): 50_000,
    ("contacts", 0, "method"): 200,
    ("claims", "extra"): 5_000,
    ("order", "product"): 500,
    ("order", "advertised"): 50_000,
    ("platform", "name"): 200,
    ("evidence", 0, "description"): 5_000,
}

disguised = st.fixed_dictionaries({key: make(value) for key, (value, make) in VALUES.items()})


def with_values(texts: dict[str, str], order: list[str], limit: int) -> str:
    """The disguised values in the drawn order, in ordinary words, as many as the field holds."""
    out = "客服说"
    for key in order:
        piece = f"，我的{key}是{texts[key]}"
        if len(out) + len(piece) + 1 > limit:  # room for the closing 。
            break
        out += piece
    return out + "。"


def post_texts(prepared) -> tuple[str, str]:
    return docx_text(prepared.files[POST + ".docx"]), prepared.files[POST + ".txt"].decode("utf-8")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(texts=disguised, order=st.permutations(list(VALUES)))
def test_no_private_value_in_the_post_in_any_spelling(tmp_path_factory, texts, order):
    """Every value, the complainant's and others', disguised, in every free-text field: the post never shows it."""
    folder = tmp_path_factory.mktemp("spelling")
    data = sample_data(SAMPLE)
    data["payment"].update(payee="陈建国", payee_kind="personal")
    data["mask"] = ["王秀英"]
    for path, limit in FIELDS.items():
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = with_values(texts, order, limit)
    prepared = prepare(write_case(folder, data), Options(out=folder / "out"))
    for form, text in zip(("Word", "text"), post_texts(prepared)):
        seen = read(text)
        for value in NEVER:
            assert value not in seen, f"the post's {form} form shows a private value"
    refund = docx_text(prepared.files["01_平台退款申请书.docx"])
    assert texts["name"] in refund  # the private filings keep the user's words as written


# --- other people's names and accounts ---------------------------------------------


def third_party_data() -> dict:
    """The sample with a personal payee, a mask list, an individual seller and names in the user's text."""
    data = sample_data(SAMPLE)
    data["payment"].update(payee="陈建国", payee_kind="personal")
    data["mask"] = ["王秀英", "yx-coupon-kf"]
    data["platform"].update(name="小鱼会员铺", kind="individual", customer_service="微信 zhengqi_88")
    data["problems"][0]["description"] = "卖家说他叫赵志强，让我转账给陈建国，他的助手王秀英也在群里。"
    data["contacts"][0]["summary"] = "对方实名是孙丽娜，加微信zhengqi_88后，客服李雪梅让我找yx-coupon-kf。"
    data["claims"]["extra"] = "要求小鱼会员铺退款"
    return data


OTHERS = ["陈建国", "王秀英", "yx-coupon-kf", "小鱼会员铺", "zhengqi_88", "赵志强", "孙丽娜", "李雪梅"]


def test_nobodys_name_or_account_in_the_post(tmp_path):
    """Payee, mask list, individual seller's handle and accounts, introduced names, jieba's names: all masked."""
    posting = posting_for_individuals(tmp_path)  # the package's data drafts no post on an individual seller
    prepared = prepare(write_case(tmp_path, third_party_data()), Options(out=tmp_path / "out", data=posting))
    for text in post_texts(prepared):
        seen = read(text)
        for value in OTHERS:
            assert read(value) not in seen, value
        assert "个人卖家" in text  # the post still says whom it is about
    refund = docx_text(prepared.files["01_平台退款申请书.docx"])
    assert "陈建国" in refund and "赵志强" in refund  # the letters to the seller keep the facts


def test_a_listed_value_the_post_cannot_avoid_stops_the_run(tmp_path):
    """A `mask` value the post's own wording holds is a leak the final scan catches: exit 1, nothing written."""
    data = third_party_data()
    data["mask"] = ["黑猫投诉"]  # the post's own title: masking the user's text cannot remove it
    case = write_case(tmp_path, data)
    data_folder = str(posting_for_individuals(tmp_path))
    result = CliRunner().invoke(main, ["run", str(case), "--out", str(tmp_path / "out"), "--data", data_folder])
    assert result.exit_code == 1, result.output
    assert "案件文件要求隐去的信息" in result.output
    assert "黑猫投诉将" not in result.output  # the refusal names the kind of value, never the value
    assert not any(Path(tmp_path / "out").glob("*/*"))


def test_the_shop_complained_of_and_the_product_bought_are_never_masked(tmp_path):
    """The name net takes 阿飞 in a shop's name and 特惠 in a product's for person names; both are the business and
    the listing the post is about, written as the case names them."""
    data = sample_data("youku-marketplace-promise.yaml")
    data["platform"]["seller"]["name"] = "阿飞数码卡密"
    data["order"]["product"] = "优酷VIP连续包月 首月特惠"
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    post = prepared.files["04_黑猫投诉.txt"].decode("utf-8")
    assert "“阿飞数码卡密”" in post and "阿*" not in post
    assert "“优酷VIP连续包月 首月特惠”" in post and "特*" not in post


def test_a_name_the_staff_give_is_removed_from_the_post_not_cut_to_its_surname(tmp_path):
    """她说她叫孙丽华 and 自称周海涛: neither the names nor their surnames are shown; the post says a name was
    hidden where it stood, and the written post passes the final scan (the run completes)."""
    from tests.test_narrative import lawyer_case

    prepared = lawyer_case(tmp_path, "staff-introduces-herself.yaml")
    for post in post_texts(prepared):
        for name in ("孙丽华", "周海涛", "丽华", "海涛"):
            assert name not in post, name
        assert "孙*" not in post and "周*" not in post
        assert "客服（自称的姓名已隐去）说“马上给您补齐”" in post
        assert "换了一个客服（自称的姓名已隐去），说“已经充值成功，不退”" in post
    # the letters to the platform and the regulator keep the user's record whole
    assert "客服（她说她叫孙丽华）说" in docx_text(prepared.files["01_平台退款申请书.docx"])


def test_words_jieba_takes_for_names_that_cannot_be_names_are_left_as_written(tmp_path):
    """“建议您与商家协商” (jieba tags 建议您 as a name), “阿姨” (how one is addressed) and a way “0姓名” (姓名
    followed by 联系, which introduces no name) and “卡里” (the card, then 里) come out in the post as written."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["contacts"][0]["method"] = "0姓名"
    data["contacts"][0]["summary"] = "客服说“建议您与商家协商，阿姨您别急”，可是卡里还是扣了钱"
    post = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")).files["04_黑猫投诉.txt"].decode()
    assert "通过0姓名联系平台" in post and "姓名已隐去" not in post
    assert "“建议您与商家协商，阿姨您别急”，可是卡里还是扣了钱" in post  # 卡里: a card and 里, no name


def test_a_spouse_or_child_named_by_kin_is_no_name_to_mask(tmp_path):
    """“我老公付完款…，我老公找店家…”: jieba may take 老公 for a name; it is how the writer calls him, and the post
    keeps the words as written (“我老*” would garble them and hide no one)."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["problems"][0]["description"] = "我老公付完款店家发了个码，他马上去兑换，显示只有3个月体验会员"
    data["contacts"][0]["summary"] = "我老公找店家要求退款，客服说“虚拟商品一经售出不退不换”"
    post = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")).files["04_黑猫投诉.txt"].decode()
    assert "我老公付完款店家发了个码" in post and "我老公找店家要求退款" in post
    assert "老*" not in post
