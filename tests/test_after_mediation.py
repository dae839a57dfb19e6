"""After a 12315 mediation that ended, and a representative acting for the complainant: what the filings and the
summary say where the route is the court (plan.yaml's regulator_route_closed and litigation_authorization)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import case_copy, write_case

ROUTE = Path(__file__).parent / "route_cases"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Each case of this module generated once: its file name → the files made."""
    out = {}

    def files(name: str) -> dict:
        if name not in out:
            tmp = tmp_path_factory.mktemp(name.removesuffix(".yaml"))
            out[name] = prepare(case_copy(tmp, ROUTE / name), Options(out=tmp / "out")).files
        return out[name]

    return files


def text(files: dict, stem: str) -> str:
    """A filing's Word text (the summary's and the paste texts' own .txt where the name ends so)."""
    if stem.endswith(".txt"):
        return files[stem].decode("utf-8")
    return docx_text(files[stem + ".docx"])


def section(summary: str, heading: str, following: str) -> str:
    return summary.split(heading, 1)[1].split(following, 1)[0]


# --- 1. the summary follows the route once 12315 is closed ---------------------------------------------------


def test_summary_after_mediation_ended_does_not_send_the_user_to_12315(made):
    files = made("mediation-ended-plain.yaml")
    summary = text(files, "00_案件概要.txt")
    assert "12315处理单位" not in summary
    deadlines = section(summary, "五、期限", "六、")
    assert "12315投诉时效" not in deadlines and "并向12315投诉" not in deadlines
    # the court office stays: it is where the case goes next
    assert "小额诉讼法院（建议）" in summary
    # and the summary's cited list no longer names the limitation's basis it does not print
    cited = section(summary, "七、引用的法条", "八、")
    assert "《市场监督管理投诉举报处理办法》第十六条" not in cited


def test_with_the_consumer_association_mediating_the_reply_deadline_leads_on_by_the_plan(made):
    files = made("association-mediating.yaml")
    summary = text(files, "00_案件概要.txt")
    deadlines = section(summary, "五、期限", "六、")
    assert "平台书面答复期限" in deadlines
    assert "逾期不答复或拒绝退款的，按维权步骤办理（不再就同一争议向12315投诉）" in deadlines
    assert "12315投诉时效" not in deadlines and "12315处理单位" not in summary
    steps = section(summary, "八、维权步骤", "九、")
    first = steps.strip().splitlines()[0]
    assert "01_平台退款申请书" in first and "12315" not in first
    # the association already has the dispute: no second request to it
    assert "06_消协调解申请书.docx" not in files
    assert "未生成《调解申请书》（消协）：本争议已请消费者协会调解，尚未结束" in summary


def test_a_summary_on_the_12315_route_keeps_its_office_and_limitation(made):
    """The contrast: a complaint still to be made names the office and the limitation, and leads on to 12315."""
    summary = text(made("submitted-then-accepted.yaml"), "00_案件概要.txt")
    assert "12315处理单位：建议在12315表单的“处理单位”中选择" in summary
    assert "12315投诉时效" in section(summary, "五、期限", "六、")


# --- 2. a submission later answered is not “尚未收到答复” in the summary's timeline ----------------------------


def test_timeline_says_submitted_for_a_12315_submission_later_accepted(made):
    summary = text(made("submitted-then-accepted.yaml"), "00_案件概要.txt")
    timeline = section(summary, "三、时间线", "四、")
    day = next(line for line in timeline.splitlines() if line.startswith("2026年10月9日"))
    assert day.endswith("已提交") and "尚未收到答复" not in timeline
    assert any(line.startswith("2026年10月15日") and "已受理" in line for line in timeline.splitlines())


# --- 3. a litigation authorisation, and the agent named in the complaint -------------------------------------


def test_the_son_acting_in_court_gets_a_litigation_authorisation(made):
    files = made("mediation-ended-son.yaml")
    power = text(files, "10_授权委托书")
    assert "委托受托人作为委托人的委托诉讼代理人，向株洲市芦淞区人民法院起诉并参加诉讼" in power
    assert "委托人与长沙好充网络科技有限公司网络购物合同纠纷一案" in power
    assert "代理权限：一般授权" in power and "与委托人的关系：儿子" in power
    assert "代为投诉" not in power and "投诉处理终结" not in power
    assert "本案一审终结之日止" in power


def test_the_court_complaint_names_the_agent_after_the_plaintiff(made):
    lines = text(made("mediation-ended-son.yaml"), "07_民事起诉状").splitlines()
    plaintiff = next(n for n, line in enumerate(lines) if line.startswith("原告："))
    agent = next(n for n, line in enumerate(lines) if line.startswith("委托诉讼代理人："))
    defendant = next(n for n, line in enumerate(lines) if line.startswith("被告："))
    assert plaintiff < agent < defendant
    assert lines[agent] == "委托诉讼代理人：钱志强，系原告的儿子。"
    assert "13975120002" in lines[agent + 1]
    attached = "\n".join(lines).split("附件：", 1)[1].split("此致", 1)[0]
    assert "授权委托书（委托诉讼代理人）" in attached


def test_the_summary_reminds_to_bring_id_and_proof_of_the_relation(made):
    summary = text(made("mediation-ended-son.yaml"), "00_案件概要.txt")
    steps = section(summary, "八、维权步骤", "九、")
    assert "签署《10_授权委托书》，起诉时与《07_民事起诉状》一并提交" in steps
    assert "身份证件" in steps and "证明其与原告关系的材料" in steps
    assert "representative.relation" not in summary  # the case gives the relation
    parties = section(summary, "一、当事人与识别信息", "二、")
    assert "代理人：钱志强，电话13975120002，系投诉人的儿子，地址湖南省长沙市开福区芙蓉中路1号" in parties


def test_an_agent_whose_words_call_the_plaintiff_mother_is_named_her_child(made):
    """No representative.relation, but the accounts say “我妈付了…”: the writer is her child, and says so."""
    files = made("son-tells.yaml")
    assert "委托诉讼代理人：钱志强，系原告的子女。" in text(files, "07_民事起诉状").splitlines()
    assert "representative.relation" not in text(files, "00_案件概要.txt")


def test_an_agent_whose_relation_nothing_tells_is_named_and_the_summary_asks_for_it(tmp_path):
    """“我家老人…”: family, of no stated kind — the agent is named without a relation and the summary asks for it."""
    data = yaml.safe_load((ROUTE / "son-tells.yaml").read_text(encoding="utf-8"))
    data["problems"][0]["description"] = "我家老人付了128买一年的，第二天看会员只到12月8号"
    files = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")).files
    assert "委托诉讼代理人：钱志强。" in text(files, "07_民事起诉状").splitlines()
    summary = text(files, "00_案件概要.txt")
    assert "没有写明钱志强与原告的关系：请在 representative.relation 中填写" in summary


def test_no_law_on_who_may_act_is_cited_for_the_agent(made):
    """The provisions on agents are not in the law data: nothing cites them."""
    for name in ("mediation-ended-son.yaml", "son-tells.yaml"):
        files = made(name)
        for stem in ("07_民事起诉状", "10_授权委托书", "00_案件概要"):
            assert "第六十一条" not in text(files, stem) and "第六十二条" not in text(files, stem)


# --- 4. the representative's account is theirs -----------------------------------------------------------------


def test_the_sons_account_is_quoted_as_his_in_every_letter(made):
    files = made("son-tells.yaml")
    words = "“我妈付了128买一年的，第二天看会员只到12月8号。”"
    assert f"关于到账的会员权益，原告的子女钱志强陈述：{words}" in text(files, "07_民事起诉状")
    assert f"投诉人的子女钱志强陈述：{words}" in text(files, "00_案件概要.txt")
    assert "代理人钱志强陈述" not in "".join(text(files, s) for s in ("07_民事起诉状", "00_案件概要.txt"))
    for stem in ("07_民事起诉状", "02_支付争议申请"):
        assert "原告陈述：“我妈" not in text(files, stem) and "申请人陈述：“我妈" not in text(files, stem)
    # one person wrote the case file: an account with no 我妈 in it is his too, not the mother's
    assert "关于售后处理，原告的子女钱志强陈述：“找客服说会核实，后来再问就不理了。”" in text(files, "07_民事起诉状")


def test_the_public_post_and_the_paste_text_say_the_account_is_a_relatives_naming_no_one(made):
    files = made("son-tells.yaml")
    post = text(files, "04_黑猫投诉")
    assert "关于到账的会员权益（子女所述）：我妈付了128买一年的，第二天看会员只到12月8号。" in post
    assert "钱志强" not in post
    paste = text(files, "02_支付争议申请.txt")
    assert "实际情况：子女所述“我妈付了128买一年的，第二天看会员只到12月8号”" in paste


def test_a_relation_given_names_the_teller_by_it(tmp_path):
    import yaml

    data = yaml.safe_load((ROUTE / "son-tells.yaml").read_text(encoding="utf-8"))
    data["representative"]["relation"] = "儿子"
    (tmp_path / "src").mkdir()
    case = tmp_path / "src" / "son-related.yaml"
    case.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    files = prepare(case_copy(tmp_path, case), Options(out=tmp_path / "out")).files
    assert "原告的儿子钱志强陈述：“我妈付了128买一年的" in docx_text(files["07_民事起诉状.docx"])


# --- 5. no refund request after the seller refused through the regulator ---------------------------------------


def test_no_refund_request_after_a_mediation_that_ended_and_the_summary_says_why(made):
    files = made("mediation-ended-plain.yaml")
    assert "01_平台退款申请书.docx" not in files and "01_平台退款申请书.txt" not in files
    summary = text(files, "00_案件概要.txt")
    assert "未生成《退款申请书》：退款要求已在市场监督管理部门组织的调解中向经营者提出，调解未成、已经终止" in summary
    assert "平台书面答复期限" not in summary and "48小时" not in summary
    steps = section(summary, "八、维权步骤", "九、")
    assert "01_平台退款申请书" not in steps and "07_民事起诉状" in steps


# --- 6. the silence of customer service cites what shows it ----------------------------------------------------


def test_customer_service_silence_cites_the_chat_not_the_regulators_sms(made):
    suit = text(made("son-tells.yaml"), "07_民事起诉状")
    sentence = next(line for line in suit.splitlines() if line.startswith("关于售后处理"))
    assert sentence.endswith("（见证据3）")  # the 9-09 chat; 证据4 is the 12315 SMS


# --- the regulator's own acts are told as its acts -------------------------------------------------------------


def test_the_court_complaint_tells_the_acceptance_and_the_mediation_as_the_regulators_acts(made):
    """Not “原告通过12315短信与市场监督管理部门沟通”: the office accepted the complaint and held the mediation."""
    court = text(made("mediation-ended-son.yaml"), "07_民事起诉状")
    assert "市场监督管理部门受理原告的投诉（12315短信）" in court
    assert "通过12315短信与市场监督管理部门沟通" not in court
    assert "受理原告的投诉（12315短信），原告记录：“开福区市场监督管理局受理了投诉”。" in court  # no second 已受理


def test_a_contact_whose_record_names_a_mediation_is_the_regulators_mediation(tmp_path):
    source = (ROUTE / "mediation-ended-plain.yaml").read_text(encoding="utf-8")
    assert "method: 电话, summary: 商家只同意退30元" in source
    case = case_copy(tmp_path, ROUTE / "mediation-ended-plain.yaml")
    mediated = source.replace("method: 电话, summary: 商家", "method: 电话, summary: 调解时商家")
    case.write_text(mediated, encoding="utf-8")
    files = prepare(case, Options(out=tmp_path / "out")).files
    court = text(files, "07_民事起诉状")
    assert "2026年11月20日，市场监督管理部门组织的调解终止，原告记录（电话）：“调解时商家只同意退30元" in court


def test_a_mediation_still_open_is_told_as_held_not_ended(tmp_path):
    source = (ROUTE / "mediation-ended-plain.yaml").read_text(encoding="utf-8")
    case = case_copy(tmp_path, ROUTE / "mediation-ended-plain.yaml")
    held = source.replace("商家只同意退30元，不同意，短信写的“调解终止”", "调解时商家只同意退30元，还在谈")
    case.write_text(held, encoding="utf-8")
    summary = text(prepare(case, Options(out=tmp_path / "out")).files, "00_案件概要")
    assert "市场监督管理部门组织调解（电话），投诉人记录：“调解时商家只同意退30元，还在谈”" in summary
    assert "调解终止" not in summary.split("此前的沟通情况如下")[1].split("\n")[0]


def test_the_complaint_to_12315_is_told_as_a_complaint_to_the_office(made):
    """“通过全国12315平台向市场监督管理部门投诉”, not “与市场监督管理部门沟通…，已提交”: a later contact answered it."""
    court = text(made("mediation-ended-son.yaml"), "07_民事起诉状")
    assert "2026年10月9日，原告通过全国12315平台向市场监督管理部门投诉，原告记录：“在12315投诉了好充卡盟”。" in court
    assert "与市场监督管理部门沟通" not in court


def test_the_message_that_the_mediation_ended_proves_the_ending(tmp_path):
    """The 12315 SMS about the day the mediation ended is cited for the ending itself — “调解终止（见证据3）” — and the
    evidence list says it proves that, not “that day's exchange”."""
    data = yaml.safe_load((ROUTE / "mediation-ended-son.yaml").read_text(encoding="utf-8"))
    data["evidence"].append(
        {
            "file": "evidence/txvip-service-chat.png",
            "category": "communication",
            "description": "12315短信",
            "about": ["2026-11-20"],
        }
    )
    court = text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")).files, "07_民事起诉状")
    assert "2026年11月20日，市场监督管理部门组织的调解终止（见证据3），原告记录（电话）：“商家只同意退30元" in court
    assert "证据3\n12315短信\n证明2026年11月20日调解终止" in court


def test_a_father_by_the_sons_words_and_a_woman_by_the_id_number_is_flagged(tmp_path):
    """“我爸用了一个月…” while the complainant's sex says 女: the court complaint's first page would contradict its
    facts, so the user is told to check it."""
    data = yaml.safe_load((ROUTE / "son-tells.yaml").read_text(encoding="utf-8"))
    data["problems"][0]["description"] = "我爸付了128买一年的，第二天看会员只到12月8号"
    warnings = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")).warnings
    assert any("称投诉人为“我爸”，但身份证号或 gender 显示投诉人为女性" in w for w in warnings)
    data["complainant"]["gender"] = "男"
    assert not any("我爸" in w for w in prepare(write_case(tmp_path, data), Options(out=tmp_path / "o2")).warnings)


def test_the_public_post_tells_the_complaint_accepted_and_the_mediation_ended(made):
    """For public pressure the most telling facts are the regulator's: the post's 维权经过 says the complaint was
    made and accepted and the mediation ended, as the user recorded it, naming no one."""
    post = text(made("son-tells.yaml"), "04_黑猫投诉.txt")
    assert "2026年10月9日通过全国12315平台向市场监督管理部门投诉" in post
    assert "2026年10月15日市场监督管理部门受理投诉" in post
    assert "2026年11月20日市场监督管理部门组织的调解终止，商家只同意退30元" in post
    assert "钱志强" not in post and "钱桂芳" not in post


def test_a_lawyer_acting_is_named_with_the_firm_in_the_court_complaint(tmp_path):
    """A representative from a law firm, no family relation: the court is told who the agent is."""
    data = yaml.safe_load((ROUTE / "mediation-ended-son.yaml").read_text(encoding="utf-8"))
    data["representative"] = {"name": "张明远", "phone": "025-88886666", "organisation": "江苏某某律师事务所"}
    files = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")).files
    assert "委托诉讼代理人：张明远，江苏某某律师事务所律师。" in text(files, "07_民事起诉状").splitlines()


def test_the_summary_asks_for_a_company_defendants_legal_representative(made):
    """民事诉讼法第一百二十四条 asks a company defendant's 法定代表人: the format holds none, so the summary says
    where to find it and to add it before filing."""
    summary = text(made("mediation-ended-son.yaml"), "00_案件概要.txt")
    assert "《民事起诉状》的被告一行没有写法定代表人" in summary and "国家企业信用信息公示系统" in summary
