"""Paste-ready texts: one block per box of each form, within the box, never law or hashes."""

import re

import pytest

from generator.law import channels
from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import SAMPLES, sample_data, write_case

NAMES = [p.name for p in SAMPLES]
PASTE_FILES = ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书", "04_黑猫投诉")


def blocks(prepared, stem) -> dict:
    """label → (limit or None, text) of each block of a filing's text version."""
    out = {}
    for part in prepared.files[f"{stem}.txt"].decode("utf-8").split("\n\n【")[1:]:
        head, _, body = part.partition("\n")
        label, _, rest = head.partition("】")
        found = re.search(r"不超过(\d+)字", rest)
        out[label] = (int(found.group(1)) if found else None, body.rstrip("\n"))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_every_block_fits_and_carries_no_law_hash_or_reminder(prepared_samples, name):
    prepared = prepared_samples[name]
    hashes = [e.sha256 for e in prepared.analysis.exhibits]
    for stem in PASTE_FILES:
        if f"{stem}.txt" not in prepared.files:  # a filing this seller cannot be sent (test_documents)
            continue
        text = prepared.files[f"{stem}.txt"].decode("utf-8")
        for secret in hashes:
            assert secret not in text
        for word in ("flk.npc.gov.cn", "请尽快提交", "未经证实", "打码", "SHA-256"):
            assert word not in text, f"{word} in {stem}.txt"
        for label, (limit, body) in blocks(prepared, stem).items():
            assert body.strip(), f"{stem}【{label}】is empty"
            assert limit is None or len(body) <= limit, f"{stem}【{label}】"
    for stem in ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书"):
        if f"{stem}.txt" not in prepared.files:
            continue
        for label, (_, body) in blocks(prepared, stem).items():
            assert "第" not in body or "条" not in body.split("第", 1)[1][:8], f"{stem}【{label}】cites law"


def test_platform_boxes_refund_reason_and_chat(prepared_samples):
    prepared = prepared_samples["txvip-rights-mismatch.yaml"]
    got = blocks(prepared, "01_平台退款申请书")
    limit, reason = got["退款原因（订单“申请退款”页）"]
    assert limit == channels.fact("platform.refund_reason_max_chars").value
    assert reason.startswith("订单号KM202609011234567") and reason.endswith("要求退款118.50元。")
    assert "兑换码只能兑换3个月体验会员" in reason  # the user's own words
    assert "问题：兑换码只能兑换3个月体验会员" in got["客服对话第1条"][1]
    # the same date as the letter's request: the hours counted from a receipt on the day it is dated; the user's
    # further request (claims.extra) in their own words after the money, as the letter lists it
    chat_ask = (
        "我的要求：退款118.50元；要求平台书面说明兑换码来源。"
        "请在48小时内（如于2026年11月24日收到，即2026年11月26日24时前）答复处理结果。"
    )
    assert got["客服对话第2条"][1] == chat_ask
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    assert "请于收到本申请后48小时内作出书面答复（如于2026年11月24日收到，即2026年11月26日24时前）。" in letter


def test_a_refund_of_renewal_debits_says_it_is_the_debits(prepared_samples):
    """A 25-yuan order asked to pay back 50: the reader is told the 50 is the two renewal debits."""
    prepared = prepared_samples["mango-auto-renewal.yaml"]
    amounts = prepared.analysis.amounts
    asked = f"退还自动续费扣款{amounts.renewal_count}笔共{amounts.renewals}元"
    got = blocks(prepared, "01_平台退款申请书")
    assert asked in got["退款原因（订单“申请退款”页）"][1] and asked in got["客服对话第2条"][1]
    assert f"退款{amounts.renewals}元" not in prepared.files["01_平台退款申请书.txt"].decode("utf-8")


def test_12315_boxes_in_the_form_order(prepared_samples):
    prepared = prepared_samples["txvip-rights-mismatch.yaml"]
    got = blocks(prepared, "03_12315投诉书")
    assert list(got) == ["被投诉方", "企业地址", "订单号", "处理单位", "问题描述", "诉求"]
    assert got["处理单位"][1] == "北京市海淀区市场监督管理局"  # from the operator's domicile, 办法第十三条
    assert got["被投诉方"][1] == "北京某某网络科技有限公司（平台名称：速充卡盟）"
    assert got["订单号"][1] == "KM202609011234567"
    assert "客服称“虚拟商品一经售出不退不换”" in got["问题描述"][1]
    assert got["诉求"][1].startswith("1. 依法受理本投诉")
    summary = docx_text(prepared.files["00_案件概要.docx"])
    assert "商品类别" in summary and "最接近" in summary  # the fixed list's advice is the user's, in the summary
    assert "商品类别" not in prepared.files["03_12315投诉书.txt"].decode("utf-8")


def test_blackcat_amount_is_the_plain_total(prepared_samples):
    prepared = prepared_samples["iqiyi-fraud.yaml"]
    got = blocks(prepared, "04_黑猫投诉")
    assert got["金额（涉诉金额，元）"][1] == "568.00" == prepared.manifest["amounts"]["total"]
    assert len(got["投诉标题"][1]) <= 30


def _case(tmp_path, name, change):
    data = sample_data(name)
    change(data)
    return prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))


def test_bank_card_is_told_what_to_say(tmp_path):
    def by_card(data):
        data["payment"].update(channel="bank_card", bank="招商银行", card_network="visa")

    prepared = _case(tmp_path, "txvip-rights-mismatch.yaml", by_card)
    said = blocks(prepared, "02_支付争议申请")["向发卡银行说明（电话或柜台）"][1]
    assert "招商银行银行卡" in said and "2026090122001412345678901234" in said and "158.00元" in said
    assert "争议处理（拒付）" in said
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    assert "支付方式：银行卡（招商银行，Visa卡）" in summary


def test_a_long_description_is_cut_in_the_boxes_and_said_so(tmp_path):
    def long(data):
        data["problems"][0]["description"] = "兑换后会员无法使用，" * 300

    prepared = _case(tmp_path, "txvip-rights-mismatch.yaml", long)
    for stem in ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书"):
        for limit, body in blocks(prepared, stem).values():
            assert limit is None or len(body) <= limit
    reason = blocks(prepared, "01_平台退款申请书")["退款原因（订单“申请退款”页）"][1]
    assert "…" in reason and reason.endswith("要求退款118.50元。")  # the request is never what is cut
    warnings = prepared.manifest["warnings"]
    assert any("“退款原因（订单‘申请退款’页）”超过200字，已截短" in w for w in warnings)
    assert any("“问题描述”超过500字" in w for w in warnings)
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    assert "兑换后会员无法使用，" * 300 in letter  # the letter keeps it whole


def test_a_form_asking_the_rest_of_a_part_refunded_says_what_was_paid_back(tmp_path):
    """20 of 99 refunded: the boxes say 已退20.00元，退还剩余…: the reader sees where the figure comes from."""
    from pathlib import Path

    from generator.pipeline import Options, prepare
    from tests.conftest import case_copy

    case = Path(__file__).parent / "lawyer_cases" / "quarter-card-part-refunded.yaml"
    prepared = prepare(case_copy(tmp_path, case), Options(out=tmp_path / "o"))
    paste = prepared.files["01_平台退款申请书.txt"].decode("utf-8")
    assert "已退20.00元，退还剩余" in paste


def test_the_representatives_accounts_say_who_told_them_once(tmp_path):
    """A daughter wrote both accounts (“我妈…”): the chat message in her mother's voice names the teller once before
    the accounts, not before each (“家属所述“…”家属所述“…””)."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["representative"] = {"name": "周丽", "phone": "13900001111"}
    data["problems"][0]["description"] = "我妈买的年卡，到账只有3个月体验会员"
    data["problems"].append({"type": "no_response", "description": "我妈后来再找客服，没人回"})
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    chat = next(text for label, (_, text) in blocks(prepared, "01_平台退款申请书").items() if "第1条" in label)
    assert chat.count("所述") == 1
    assert "子女所述“我妈买的年卡，到账只有3个月体验会员。”“我妈后来再找客服，没人回。”" in chat
