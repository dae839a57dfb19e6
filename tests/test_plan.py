"""The plan: steps derived from the facts by data/plan.yaml, most urgent first."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.case.load import load_case
from generator.case.validate import validate_case
from generator.errors import DataError
from generator.filings import plan as plan_mod
from generator.filings.analyse import analyse
from tests.conftest import CASES

ROUTE = Path(__file__).parent / "route_cases"


def plan_of(name: str, on: date | None = None):
    analysis = analyse(validate_case(load_case(ROUTE / name)))
    return plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines, on)


def ids(plan) -> list[str]:
    return [s.id for s in plan.steps]


def test_vanished_individual_seller_starts_with_evidence_and_police():
    """A group seller who blocked the buyer: preserve the chat, then the police; no app order page."""
    plan = plan_of("vanished-individual.yaml")
    assert ids(plan)[:2] == ["preserve_evidence", "police_report"]
    assert "导出聊天记录" in plan.steps[0].action
    assert plan.steps[1].kind == "police_report" and "09_报警材料" in plan.steps[1].action
    assert not any("我的订单" in s.action for s in plan.steps)
    assert "platform_refund_request" not in {s.kind for s in plan.steps}


def test_personal_collection_code_gets_no_chargeback():
    """Paid to a person's code: the payment app's own dispute or fraud report, never a bank chargeback."""
    plan = plan_of("vanished-individual.yaml")
    payment = [s for s in plan.steps if s.kind == "payment_dispute"]
    assert [s.id for s in payment] == ["payment_personal"]
    assert "不向银行申请拒付" in payment[0].action and "个人收款码" in payment[0].reason


def test_what_12315_cannot_do_without_a_named_respondent():
    """No name or address for the individual seller: the plan says so instead of a 12315 complaint."""
    plan = plan_of("vanished-individual.yaml")
    assert "complaint_12315" not in ids(plan)
    step = next(s for s in plan.steps if s.id == "individual_respondent_named")
    # the payee's real name on the transfer stands for the seller's name; the address is what is missing
    assert "收款人实名“陈某某”可作为被投诉人的姓名" in step.action and "还缺少其住址" in step.action
    assert "公安机关" in step.action and "platform.address" in step.action
    assert "find_defendant" in ids(plan)  # and no court complaint without a defendant
    assert "court_complaint" not in ids(plan)


def test_closing_visa_window_comes_first():
    """18 days left on the Visa outer limit: the chargeback goes before the platform request."""
    plan = plan_of("visa-closing.yaml")
    first = plan.steps[0]
    assert first.id == "payment_card_window"
    assert first.due == date(2026, 12, 7)  # 2026-08-09 + 120 days
    assert ids(plan).index("platform_request") > 0


def test_far_visa_window_keeps_the_natural_order():
    """Seen on the day after purchase, the window is far: the platform is asked first."""
    plan = plan_of("visa-closing.yaml", on=date(2026, 8, 10))
    assert ids(plan)[0] == "platform_request"


def test_refused_wechat_complaint_leads_to_platform_assist():
    """A refused merchant complaint: 申请平台协助 in the same complaint, not a new complaint."""
    plan = plan_of("wechat-refused.yaml")
    assert ids(plan)[0] == "wechat_platform_assist"
    assert "申请平台协助" in plan.steps[0].action
    assert "payment_wechat" not in ids(plan)
    assert [d.id for d in plan.done] == ["platform_request", "payment_wechat"]
    assert (
        plan.done[-1].result == "refused"
        and plan.stage() == "支付渠道争议：投诉人记录：“商家回复不同意退款，投诉已完结”"
    )


def test_refused_platform_assist_leads_to_the_hotline(tmp_path):
    """After 平台协助 also failed, the WeChat Pay hotline."""
    text = (ROUTE / "wechat-refused.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "投诉已完结, result: refused}",
        "投诉已完结, result: refused}\n"
        "  - {date: 2026-11-10, with: payment, method: 微信支付, summary: 申请平台协助后仍未退款, result: refused}",
    )
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    analysis = analyse(validate_case(load_case(tmp_path / "c.yaml")))
    plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines)
    assert "wechat_platform_assist" not in ids(plan)
    assert ids(plan)[0] == "wechat_hotline" and "95017" in plan.steps[0].action


def test_accepted_12315_complaint_opens_the_court_after_mediation():
    """Accepted on 2026-09-08: mediation runs 60 days (to Saturday 11-07, maybe Monday 11-09), then the court."""
    during = plan_of("regulator-accepted.yaml", on=date(2026, 10, 1))
    wait = next(s for s in during.steps if s.id == "regulator_mediation_wait")
    assert wait.due == date(2026, 11, 7) and "2026年11月7日" in wait.action  # a Saturday: not extended
    court = next(s for s in during.steps if s.id == "court_complaint")
    assert court.not_before == date(2026, 11, 9)  # mediation surely over, the weekend's extension included
    assert "regulator_mediation_wait" in ids(plan_of("regulator-accepted.yaml", on=date(2026, 11, 9)))
    assert "12315调解终止后" in court.reason
    after = plan_of("regulator-accepted.yaml", on=date(2026, 11, 30))
    assert "regulator_mediation_wait" not in ids(after)
    assert "complaint_12315" not in ids(after) and "complaint_12315" in [d.id for d in after.done]


def test_12315_and_mediation_are_offered_as_alternatives():
    """The 12315 step says a 消协 mediation would exclude it (办法第十六条（二）)."""
    plan = plan_of("visa-closing.yaml")
    step = next(s for s in plan.steps if s.id == "complaint_12315")
    assert "不同时向消费者协会申请调解" in step.action
    assert "消费者协会已经受理或者处理的投诉，市场监管部门不予受理" in step.reason
    assert "06_消协调解申请书" in step.reason


def test_manifest_shape():
    """`plan` numbers the open steps; `done` carries dates and outcomes."""
    shown = plan_of("wechat-refused.yaml").as_manifest()
    assert [s["step"] for s in shown["plan"]] == list(range(1, len(shown["plan"]) + 1))
    assert set(shown["plan"][0]) == {"step", "id", "action", "kind", "due", "not_before", "reason"}
    assert shown["done"][0] == {
        "step": "平台退款申请",
        "id": "platform_request",
        "kind": "platform_refund_request",
        "date": "2026-11-02",
        "result": "refused",
        "outcome": "投诉人记录：“客服称虚拟商品一经售出不退不换”",  # the record tells the answer: no label over it
    }


def test_plan_file_names_only_known_facts():
    """A step conditioned on a fact nobody computes is refused, naming where."""
    data = {
        **plan_mod.plan_rules(),
        "steps": [{"id": "x", "label": "x", "when": {"all": ["no_such_fact"]}, "action": "a", "reason": "r"}],
    }
    with pytest.raises(DataError, match=r"steps\[0\] \(x\)\.when\.all: unknown fact 'no_such_fact'"):
        plan_mod.check_rules(data)


def test_filing_choice_names_only_known_facts():
    data = {**plan_mod.plan_rules(), "filings": {"police_report": {"when": {"any": ["no_such_fact"]}}}}
    with pytest.raises(DataError, match=r"filings\.police_report\.when\.any: unknown fact 'no_such_fact'"):
        plan_mod.check_rules(data)


def test_plan_file_names_only_known_channel_facts():
    data = {
        **plan_mod.plan_rules(),
        "steps": [{"id": "x", "label": "x", "when": {}, "action": "{f:no.such}", "reason": "r"}],
    }
    with pytest.raises(DataError, match=r"steps\[0\] \(x\)\.action: unknown channel fact 'no.such'"):
        plan_mod.check_rules(data)


def test_summary_and_manifest_carry_the_plan(tmp_path):
    """The summary lists the plan (not a fixed four steps) and names the office; the manifest carries it."""
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text

    prepared = prepare(ROUTE / "visa-closing.yaml", Options(out=tmp_path))
    assert prepared.manifest["plan"][0]["id"] == "payment_card_window"
    assert prepared.manifest["plan"][0]["due"] == "2026-12-07"
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    assert "1. 向发卡银行申请争议交易（拒付）" in summary
    assert "深圳市市场监督管理局南山监管局" in summary
    complaint = prepared.files["03_12315投诉书.txt"].decode("utf-8")
    assert "深圳市市场监督管理局南山监管局" in complaint
    assert "深圳市市场监督管理局南山监管局：" in docx_text(prepared.files["03_12315投诉书.docx"])


def test_a_reachable_individual_seller_gets_the_police_route_as_a_condition(tmp_path):
    """Selling in a group but still answering: evidence first, police only if the seller vanishes (a civil matter
    till then)."""
    text = (ROUTE / "vanished-individual.yaml").read_text(encoding="utf-8")
    text = text.replace("收款后不再回复，随后把我拉黑", "发来的卡密无法兑换").replace(
        "type: no_response", "type: rights_mismatch"
    )
    text = "\n".join(line for line in text.splitlines() if "with: platform" not in line and "contacts:" not in line)
    (tmp_path / "c.yaml").write_text(text + "\n", encoding="utf-8")
    analysis = analyse(validate_case(load_case(tmp_path / "c.yaml")))
    plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines)
    assert ids(plan)[0] == "preserve_evidence"
    assert "police_report" not in ids(plan) and "police_if_unreachable" in ids(plan)
    assert "属于民事纠纷" in next(s for s in plan.steps if s.id == "police_if_unreachable").reason
    assert "seller_request" in ids(plan) and not any("我的订单" in s.action for s in plan.steps)


def test_a_named_company_that_does_not_answer_is_silent_not_vanished():
    """Operator and address known, two messages unanswered: 12315 and the card, no police, no group wording."""
    plan = plan_of("silent-company.yaml")
    assert "police_report" not in ids(plan) and "police_if_unreachable" not in ids(plan)
    assert not {"preserve_evidence", "preserve_records"} & set(ids(plan))
    assert "complaint_12315" in ids(plan) and "payment_card_window" in ids(plan)
    assert not any("群解散" in line or "拉黑" in line for line in plan.lines())


def test_a_site_with_no_known_operator_that_never_answers_has_vanished():
    """No operator or address and every contact unanswered: the police, and evidence kept without group words."""
    plan = plan_of("unknown-site-vanished.yaml")
    assert ids(plan)[:2] == ["preserve_records", "police_report"]
    assert "群" not in plan.steps[0].action and "导出与卖家的全部沟通记录" in plan.steps[0].action


def test_keeping_the_original_recording_is_asked_only_of_a_case_with_a_recording(tmp_path):
    """Evidence is kept as the case has it: the chat exported — and the original audio file only where the case has
    a recording (a buyer with none is not told to keep one)."""
    plan = plan_of("vanished-individual.yaml")
    assert "导出聊天记录" in plan.steps[0].action and "录音" not in plan.steps[0].action
    text = (ROUTE / "vanished-individual.yaml").read_text(encoding="utf-8")
    shutil.copy(CASES / "evidence" / "call-recording.wav", tmp_path / "call.wav")
    recording = "evidence:\n  - {file: call.wav, category: communication, description: 与卖家的通话录音}\n"
    (tmp_path / "c.yaml").write_text(text + recording, encoding="utf-8")
    analysis = analyse(validate_case(load_case(tmp_path / "c.yaml")))
    plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines)
    assert plan.steps[0].id == "preserve_evidence_recorded"
    assert "导出聊天记录" in plan.steps[0].action and "保留录音原始文件" in plan.steps[0].action


def test_a_stolen_account_from_a_company_keeps_its_evidence_without_group_words():
    plan = plan_of("represented-stolen.yaml")
    assert "preserve_records" in ids(plan) and "preserve_evidence" not in ids(plan)
    assert "police_report" in ids(plan)


def test_the_police_step_names_the_report_routes_and_what_to_bring():
    """110, the local bureau's online report, 96110, and the payment record, chat export and seller's account."""
    step = next(s for s in plan_of("vanished-individual.yaml").steps if s.id == "police_report")
    for words in (
        "拨打110",
        "在当地公安机关网上报警",
        "96110反诈专线",
        "显示收款人实名的付款记录",
        "聊天记录导出",
        "卖家账号",
    ):
        assert words in step.action, words


def test_an_identified_individual_gets_the_12315_step_and_never_both_routes():
    """Real name on the transfer and an address: the complaint is a step; the 消协 request stays the alternative."""
    plan = plan_of("identified-group-seller.yaml")
    assert "complaint_12315" in ids(plan)
    assert not any(s.id.startswith("individual_respondent") for s in plan.steps)
    assert "mediation_request" not in {s.kind for s in plan.steps}
    assert "platform_refund_request" not in {s.kind for s in plan.steps}  # he blocked the buyer


def test_after_a_refused_wechat_complaint_only_its_own_transaction_goes_to_platform_help():
    """The refused complaint named the October debit: platform help for it, new complaints for the two others."""
    plan = plan_of("renewals-refused.yaml")
    step = next(s for s in plan.steps if s.id == "wechat_platform_assist_split")
    assert step.action.startswith("就交易单号4200002000202610010000000003，在原投诉的详情中点“申请平台协助”")
    assert "其余各笔（交易单号4200002000202609010000000002、交易单号4200002000202611010000000004）" in step.action
    assert "wechat_platform_assist" not in ids(plan)


def test_without_a_named_transaction_the_guess_is_said_to_be_one(tmp_path):
    import yaml

    data = yaml.safe_load((ROUTE / "renewals-refused.yaml").read_text(encoding="utf-8"))
    data["contacts"][1]["summary"] = "商家回复“续费为用户自愿开通”，投诉被驳回"
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    analysis = analyse(validate_case(load_case(path)))
    plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines)
    step = next(s for s in plan.steps if s.id == "wechat_platform_assist_split")
    # the record names no transaction: the user checks which one was refused before asking for help
    assert step.action.startswith(
        "就原投诉所涉的那笔交易（记录未写明是哪一笔，请先在微信支付的投诉记录中核对；"
        "以下暂按交易单号4200002000202609010000000002安排"
    )  # the order (fully used) is not disputed


def test_a_date_named_in_the_action_is_not_repeated_after_another_clause():
    """The limitation date belongs to the 12315 complaint, not to “不同时向消费者协会申请调解”; the order was used up,
    so it runs from the first disputed debit (2026-09-01)."""
    line = next(x for x in plan_of("renewals-refused.yaml").lines() if "03_12315投诉书" in x)
    assert "《03_12315投诉书》（投诉时效最迟2029年9月1日）" in line
    assert "申请调解（最迟" not in line and line.count("2029年9月1日") == 1


@pytest.mark.parametrize(
    "method, called",
    [("打95017微信客服", True), ("致电支付宝客服", True), ("微信支付投诉", False), ("微信里举报", False)],
)
def test_a_payment_hotline_already_called_is_not_a_step_again(tmp_path, method, called):
    """Paid to a person's code, the payment channel refused: the hotline step is offered unless the refusal came from
    that very call (the case's own method says so)."""
    text = (ROUTE / "vanished-individual.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "result: no_reply}\n",
        "result: no_reply}\n"
        f"  - {{date: 2026-10-27, with: payment, method: {method}, summary: 建议报警, result: refused}}\n",
        1,
    )
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    analysis = analyse(validate_case(load_case(tmp_path / "c.yaml")))
    plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines)
    assert ("personal_payment_hotline" in ids(plan)) is not called, ids(plan)


def test_a_platform_asked_without_success_gets_the_written_request_as_a_step():
    """A company that never answered the chats: the written 退款申请书 generated for it is a step, before the rest;
    a seller with no order page (a chat-group person) gets none of it."""
    plan = plan_of("silent-company.yaml")
    step = next(s for s in plan.steps if s.id == "platform_request_in_writing")
    assert step.kind == "platform_refund_request" and "书面的《01_平台退款申请书》" in step.action
    assert "platform_request_in_writing" not in ids(plan_of("vanished-individual.yaml"))


def test_each_disputed_wechat_debit_is_complained_of_from_its_own_bill_with_its_own_text(tmp_path):
    """The renewals disputed on their own transactions: the step names each debit and the paste text that goes with
    it — 02_支付争议申请 for the first, _2 for the next (the files the filing writes)."""
    from generator.pipeline import Options, prepare
    from tests.conftest import sample_data, write_case

    prepared = prepare(write_case(tmp_path, sample_data("mango-auto-renewal.yaml")), Options(out=tmp_path / "out"))
    step = next(s for s in prepared.manifest["plan"] if s["id"] == "payment_wechat_split")
    assert (
        "《02_支付争议申请》（交易单号4200002345202610010123456788）、"
        "《02_支付争议申请_2》（交易单号4200002345202611010123456789）"
    ) in step["action"]
    assert {"02_支付争议申请.txt", "02_支付争议申请_2.txt"} <= set(prepared.files)
    assert "payment_wechat" not in {s["id"] for s in prepared.manifest["plan"]}


def test_the_authorization_step_gives_a_reason_that_fits_what_is_drafted(tmp_path):
    """With a 12315 complaint drafted, the reason is the rule on complaints made by an agent (委托书原件); with none
    (an individual seller not yet identified), not the 12315 rule on complainants sharing a phone number (#49)."""
    from tests.conftest import sample
    from tests.test_narrative import lawyer_case

    def named(data):
        data["representative"]["name"] = "王丽华"

    prepared = lawyer_case(tmp_path, "title-representative.yaml", named)
    assert "03_12315投诉书.docx" in prepared.files
    step = step_of(prepared.analysis, "authorization")
    assert "提交投诉时一并提交" in step.action
    assert "授权委托书原件以及受托人身份证明" in step.reason and "第十一条" in step.reason

    analysis = analyse(validate_case(load_case(sample("bilibili-wechat-group-seller.yaml"))))
    step = step_of(analysis, "authorization_no_complaint")
    assert "本案未起草12315投诉书" in step.reason
    assert "多人使用同一电话号码" not in step.reason and "第十七条" not in step.reason
    assert "authorization" not in ids(plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines))


def step_of(analysis, step_id: str):
    plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines)
    return next(s for s in plan.steps if s.id == step_id)


from tests.conftest import case_copy, marketplace_case  # noqa: E402

# Every case file of the project that draws a 消协 request: the samples and the cases written for the tests.
DRAFTING_CASES = sorted(
    p for p in [*CASES.glob("*.yaml"), *CASES.parent.glob("tests/*_cases/*.yaml")] if p.parent.name != "bad_cases"
)


@pytest.mark.parametrize("path", DRAFTING_CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_drafted_mediation_request_has_its_step_and_the_either_or_note(path, tmp_path):
    """Whenever 《06_消协调解申请书》 is drafted, a step of the summary names it and says 12315 and the 消协 are one or
    the other (办法第十六条第（二）项): a request no step mentions is a filing the user does not know what to do
    with."""
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text

    prepared = prepare(case_copy(tmp_path, path), Options(out=tmp_path / "out"))
    if "06_消协调解申请书.docx" not in prepared.files:
        return
    summary = docx_text(prepared.files["00_案件概要.docx"])
    steps = summary.split("维权步骤", 1)[1].split("各文书的提交方式", 1)[0]
    (step,) = [s for s in steps.split("\n") if "《06_消协调解申请书》" in s][:1] or [""]
    assert "二选一" in step and "12315" in step, step


def test_an_unidentified_respondent_step_names_both_drafts_and_the_choice(tmp_path):
    """A shop whose platform operator is not yet known (the two drafts made, the respondent still to find): the step
    that has the user find it says what to file after, 03 or 06, only one."""
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text

    prepared = prepare(marketplace_case(tmp_path, "shop-admitted-wrong-code.yaml"), Options(out=tmp_path / "out"))
    summary = docx_text(prepared.files["00_案件概要.docx"])
    (step,) = [s for s in summary.split("\n") if s.startswith(tuple("123456789")) and "查明平台经营者的名称" in s]
    assert "提交《03_12315投诉书》，或改向消费者协会提交《06_消协调解申请书》，二者只选其一" in step
    assert "消费者协会调解与12315投诉是二选一的途径" in step


def test_a_12315_mediation_that_ended_leads_to_court_now(tmp_path):
    """Accepted on 10-15, mediation ended on 11-20 (“调解终止”): that route is spent — no 12315 complaint or 消协
    request is drafted (each says why), the suit is open now rather than after the 60 days, and the court complaint
    tells the mediation, the submission no longer “尚未收到答复”."""
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text

    plan = plan_of("regulator-mediation-ended.yaml")
    court = next(s for s in plan.steps if s.kind == "court_complaint")
    assert court.id == "court_after_mediation_ended" and court.not_before is None
    assert "现在即可" in court.action and "12315调解终止后" in court.reason
    prepared = prepare(case_copy(tmp_path, ROUTE / "regulator-mediation-ended.yaml"), Options(out=tmp_path / "out"))
    assert "03_12315投诉书.docx" not in prepared.files and "06_消协调解申请书.docx" not in prepared.files
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    assert "未生成《投诉书》（12315）：本争议已经市场监管部门受理并调解，调解已经终止" in summary
    assert "未生成《调解申请书》（消协）：本争议已经市场监管部门调解，调解已经终止" in summary
    suit = docx_text(prepared.files["07_民事起诉状.docx"])
    assert "向市场监督管理部门投诉，原告记录：“在12315投诉了快充卡盟”。" in suit and "尚未收到答复" not in suit
    assert "短信写的‘调解终止’”" in suit


def test_a_bank_that_asked_for_a_written_statement_still_gets_it():
    """“打建行客服说要拒付，客服说要先交书面的争议说明”: the call did not file the dispute — the written statement is
    still the step, and a 卡盟 site that blocked the buyer keeps its pages and records, not a group's chat."""
    plan = plan_of("bank-asked-in-writing.yaml")
    step = next(s for s in plan.steps if s.id == "payment_card_in_writing")
    assert step.kind == "payment_dispute" and "提交书面的《02_支付争议申请》" in step.action
    assert ids(plan)[0] == "preserve_records"
    assert not any("群解散" in s.action or "在群里交易" in s.reason for s in plan.steps)


def test_a_fraud_report_already_made_on_a_transfer_is_followed_up_not_made_again():
    plan = plan_of("transfer-reported-pending.yaml")
    payment = [s for s in plan.steps if s.kind == "payment_dispute"]
    assert [s.id for s in payment] == ["payment_personal_follow"]
    assert "就已提交的举报" in payment[0].action and "不必重新举报" in payment[0].reason


def test_no_refund_letter_is_drafted_for_a_site_that_is_gone_and_whose_operator_is_unknown(tmp_path):
    """“网站现在也打不开了”, the service QQ blocked the buyer, no operator or address known: a letter asking for an
    answer within 48 hours could be sent nowhere — it is not drafted, and the summary says why and what brings it."""
    from generator.pipeline import Options, prepare

    prepared = prepare(ROUTE / "bank-asked-in-writing.yaml", Options(out=tmp_path / "out"))
    assert not any(name.startswith("01_") for name in prepared.files)
    assert any("未生成《退款申请书》：平台的网站或应用已经打不开" in w for w in prepared.warnings)
    assert any(name.startswith("02_") for name in prepared.files)


@pytest.mark.parametrize(
    ("drop", "asked", "not_asked"),
    [("address", "platform.address", "platform.operator"), ("operator", "platform.operator", "platform.address")],
)
def test_finding_the_respondent_asks_only_for_what_the_case_lacks(tmp_path, drop, asked, not_asked):
    """The operator named but no address (or the reverse): the step asks for the missing one alone."""
    text = (ROUTE / "silent-company.yaml").read_text(encoding="utf-8")
    text = re.sub(rf"^(platform: .*), {drop}: [^,}}]+", r"\1", text, count=1, flags=re.M)
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    analysis = analyse(validate_case(load_case(tmp_path / "c.yaml")))
    assert getattr(analysis.case.platform, drop) is None
    plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines)
    step = next(s for s in plan.steps if s.label == "查明被投诉人")
    assert asked in step.action and not_asked not in step.action
    if drop == "address":
        assert f"“{analysis.case.platform.operator}”的住所" in step.action


def test_a_payment_inside_a_wechat_mini_program_goes_to_its_own_complaint(tmp_path):
    """The app is a WeChat mini-program: the payment step is 小程序交易投诉, not the bill's 投诉商家."""
    source = case_copy(tmp_path, Path(__file__).parent / "lawyer_cases" / "quarter-card-part-refunded.yaml").read_text(
        "utf-8"
    )
    for name, app, expected in (
        ("mini", "飞速会员微信小程序", "payment_wechat_miniprogram"),
        ("app", "飞速会员APP", "payment_wechat"),
    ):
        (tmp_path / f"{name}.yaml").write_text(source.replace("app: 飞速会员小程序", f"app: {app}"), encoding="utf-8")
        analysis = analyse(validate_case(load_case(tmp_path / f"{name}.yaml")))
        plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines)
        payment = [s for s in plan.steps if s.kind == "payment_dispute"]
        assert [s.id for s in payment] == [expected], name
        if expected == "payment_wechat_miniprogram":
            assert "“小程序交易投诉”" in payment[0].action and "投诉商家" not in payment[0].action


def test_a_marketplace_shops_refund_request_goes_to_the_platform_not_the_order_page(tmp_path):
    """The letter asks the marketplace to step in: the order page's 申请退款 reaches the shop, so the plan and the
    summary send it through the platform's own service or complaint channel."""
    from generator.pipeline import Options, prepare

    prepared = prepare(marketplace_case(tmp_path, "shop-collected.yaml"), Options(out=tmp_path / "out"))
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    step = next(s for s in prepared.manifest["plan"] if s["kind"] == "platform_refund_request")
    assert "通过平台的官方客服或投诉、介入通道提交" in step["action"] and "我的订单" not in step["action"]
    assert "我的订单 → 申请退款" not in summary


def test_a_shop_whose_platform_only_urged_it_is_asked_in_writing_and_complained_of_where_it_is(tmp_path):
    """The platform's service said only “已督促商家处理” and the shop still did not refund: once the platform's time
    is over the written refund request to the platform is a step (no past “…起” date printed), and the 12315
    complaint goes to the office where the shop shows it is (办法第十三条) without first finding the platform's
    address."""
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text

    prepared = prepare(marketplace_case(tmp_path, "shop-sent-month-card.yaml"), Options(out=tmp_path / "out"))
    summary = docx_text(prepared.files["00_案件概要.docx"])
    steps = [s for s in summary.split("\n") if re.match(r"\d+．", s)]
    assert steps[0].startswith("1．平台答应处理后仍未解决的，向平台提交书面的《01_平台退款申请书》")
    assert "日起）" not in steps[0]
    complaint = next(s for s in steps if s.startswith("3．通过全国12315平台提交《03_12315投诉书》"))
    assert "广州市白云区市场监督管理局" in complaint
    assert not any("platform.address" in s for s in steps)
    # WeChat Pay's 365 days bound the merchant's refund by the original route, not the complaint: no “最迟”
    (wechat,) = [s for s in steps if "投诉商家”，粘贴《02_支付争议申请》" in s]
    assert "（商户原路退款的期限至2027年11月8日，宜在此前提交）" in wechat and "最迟" not in wechat


def test_while_a_consumer_association_mediates_the_suit_waits_for_it(tmp_path):
    """The association accepted the dispute: the suit is the step after its mediation fails, and its reason does not
    speak of a 12315 mediation the case never had."""
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    assert data["complainant"].get("id_number")  # the sex and birth date the court complaint needs come from it
    data["contacts"].append(
        {
            "date": "2026-11-20",
            "with": "consumer_association",
            "method": "到消协窗口",
            "summary": "消协受理了",
            "result": "accepted",
        }
    )
    analysis = analyse(validate_case(load_case(write_case(tmp_path, data))))
    plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines, None)
    (court,) = [s for s in plan.steps if s.kind == "court_complaint"]
    assert court.id == "court_after_association" and court.action.startswith("消费者协会调解不成的，向")
    assert "12315" not in court.reason


def test_an_account_taken_back_by_its_owner_is_reported_to_the_police(tmp_path):
    """“一个月后号被原主人找回了”: what was sold was someone else's account — the police step is there now, not as a
    condition for later."""
    import yaml

    from tests.conftest import write_case

    case = Path(__file__).parent / "individual_cases" / "qq-renewal-said-stopped.yaml"
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data["problems"][0]["description"] = "买的是独享账号，用了一个月号被原主人找回了，卖家说号是别人的，他也没办法"
    analysis = analyse(validate_case(load_case(write_case(tmp_path, data))))
    plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines, None)
    assert "police_report" in {s.kind for s in plan.steps}
    assert "police_if_unreachable" not in ids(plan)


def test_the_suit_is_the_last_step_after_the_public_post(tmp_path):
    """A public post can still move the seller; going to court is the last resort, so it comes after."""
    from tests.conftest import sample_data, write_case

    for name in ("txvip-rights-mismatch.yaml", "mango-auto-renewal.yaml"):  # a suit, or finding what it needs
        analysis = analyse(validate_case(load_case(write_case(tmp_path / name, sample_data(name)))))
        steps = ids(plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines, None))
        assert steps[-2:] in (["blackcat_post", "court_complaint"], ["blackcat_post", "plaintiff_details"]), name


def test_a_seller_still_debiting_a_renewal_has_not_vanished(tmp_path):
    """No answer to any e-mail, operator unknown — but the debits go on: the seller is taking money, so the route is
    the card issuer and complaints, not the police."""
    from tests.conftest import sample_data, write_case

    data = sample_data("mango-auto-renewal.yaml")
    for key in ("operator", "address", "credit_code"):
        data["platform"].pop(key, None)
    for contact in data["contacts"]:
        if contact["with"] == "platform":
            contact["result"] = "no_reply"
    analysis = analyse(validate_case(load_case(write_case(tmp_path, data))))
    assert "no_response" in analysis.facts
    plan = plan_mod.case_plan(analysis.case, analysis.facts, analysis.deadlines, None)
    assert "police_report" not in {s.kind for s in plan.steps}


def test_a_refund_request_to_a_closed_site_with_a_known_address_goes_by_post(tmp_path):
    """“网站已经打不开了” and the operator's address in the case: there is no order page to submit on, so the step
    sends the request by post to that address, not to “APP‘我的订单 → 申请退款’”."""
    from generator.pipeline import Options, prepare
    from tests.conftest import sample_data, write_case

    data = sample_data("iqiyi-fraud.yaml")
    data["platform"]["address"] = "深圳市龙岗区坂田街道某某科技园B栋1103"
    data["contacts"][0]["summary"] = "告知兑换码无效，要求退款，对方未回复，后来网站已经打不开了"
    summary = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")).files["00_案件概要.txt"].decode()
    step = next(line for line in summary.split("\n") if "《01_平台退款申请书》" in line and line[:1].isdigit())
    assert "邮寄到经营者的住所" in step and "我的订单" not in step


def test_a_seller_who_deleted_the_buyer_is_reported_to_the_police(tmp_path):
    """“第二天就把我爸微信删了”: the seller who promised to make good and then deleted the buyer is out of reach —
    the police report is drafted and comes before the payment dispute; no message to a seller who cannot receive it."""
    from generator.pipeline import Options, prepare

    case = Path(__file__).parent / "lawyer_cases" / "seller-deleted-father.yaml"
    shutil.copy(case, tmp_path / "c.yaml")
    shutil.copytree(CASES / "evidence", tmp_path / "evidence")
    prepared = prepare(tmp_path / "c.yaml", Options(out=tmp_path / "out"))
    a = prepared.analysis
    steps = ids(plan_mod.case_plan(a.case, a.facts, a.deadlines))
    assert "police_report" in steps and "police_if_unreachable" not in steps
    assert "09_报警材料.docx" in prepared.files and "01_平台退款申请书.docx" not in prepared.files
    assert steps.index("police_report") < steps.index("payment_personal")


def test_a_bank_that_said_a_dispute_can_be_filed_still_has_it_filed(tmp_path):
    """“客服说可以提交争议交易申请” on the phone to the card's bank: the dispute is still to be filed in writing — the
    step is in the plan, not taken as done by the call."""
    from generator.pipeline import Options, prepare

    shutil.copy(Path(__file__).parent / "lawyer_cases" / "card-renewal-never-told.yaml", tmp_path / "c.yaml")
    shutil.copytree(CASES / "evidence", tmp_path / "evidence")
    a = prepare(tmp_path / "c.yaml", Options(out=tmp_path / "out")).analysis
    steps = plan_mod.case_plan(a.case, a.facts, a.deadlines).steps
    step = next(s for s in steps if s.id == "payment_card_in_writing")
    assert "《02_支付争议申请》" in step.action
