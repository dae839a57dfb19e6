"""The 消协 mediation request and the small-claims complaint, drafted for the later steps."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text

ROUTE = Path(__file__).parent / "route_cases"


def files(name: str, tmp_path, **options):
    return prepare(ROUTE / name, Options(out=tmp_path, **options)).files


def text(prepared_files, stem: str) -> str:
    return prepared_files[f"{stem}.txt"].decode("utf-8")


# The platform asked to name its shop's operator, and it did not: only then is it sued (消保法第四十四条第一款).
WITHHELD = (
    "  - {date: 2026-11-08, with: platform, method: 平台在线客服, "
    "summary: 要求平台提供店铺经营者的真实名称和联系方式，平台未提供, result: refused}\n"
)


def withheld(source: Path, tmp_path) -> Path:
    """A copy of a marketplace case whose contacts end with the platform not naming the shop's operator."""
    text = source.read_text(encoding="utf-8")
    head, contacts, tail = text.partition("contacts:\n")
    lines = tail.split("\n")
    end = next((i for i, line in enumerate(lines) if line and not line.startswith(" ")), len(lines))
    copy = tmp_path / source.name
    copy.write_text(
        head + contacts + "\n".join(lines[:end]).rstrip("\n") + "\n" + WITHHELD + "\n".join(lines[end:]),
        encoding="utf-8",
    )
    return copy


def test_court_complaint_states_what_article_124_requires(tmp_path):
    """Plaintiff's sex and birth date from the ID number, the defendant's name and domicile, claims, the court."""
    out = prepare(withheld(ROUTE / "wechat-refused.yaml", tmp_path), Options(out=tmp_path / "out")).files
    complaint = text(out, "07_民事起诉状")
    assert complaint.startswith("【民事起诉状】\n原告：钱七，男，1990年3月7日出生。")
    # a marketplace case naming only the shop: the platform operator is sued, the shop named beside it
    assert (
        "被告：某某电子商务有限公司（“优选卡盟”平台经营者，涉案店铺“小鱼会员铺”为该平台内店铺）\n"
        "住所：北京市朝阳区望京街1号"
    ) in complaint
    assert "1. 判令解除原告与被告之间的合同。\n2. 判令被告退还订单价款人民币106.67元" in complaint  # termination argued
    assert "本案诉讼费用由被告承担。" in complaint
    assert "以买受人住所地为合同履行地" in complaint  # 民诉法解释第二十条, quoted from provisions.yaml
    assert "此致\n南京市鼓楼区人民法院\n" in complaint  # the buyer's court first
    assert "具状人：钱七" in complaint
    word = docx_text(out["07_民事起诉状.docx"])
    # the cause agrees with the venue rule it relies on: 民诉法解释第二十条 is about a 买卖合同 made online
    assert "南京市鼓楼区人民法院" in word and "案由：网络购物合同纠纷" in word


def test_no_suit_against_the_platform_before_it_was_asked_to_name_its_shop(tmp_path):
    """A shop sold, the platform never asked who runs it: no complaint, a step to ask first, the summary says why."""
    prepared = prepare(ROUTE / "wechat-refused.yaml", Options(out=tmp_path))
    assert "07_民事起诉状.docx" not in prepared.files
    steps = {s["id"]: s for s in prepared.manifest["plan"]}
    assert "court_complaint" not in steps
    assert "店铺经营者的真实名称、地址和有效联系方式" in steps["platform_disclose_seller"]["action"]
    summary = text(prepared.files, "00_案件概要")
    assert "案件记录中还没有平台被要求提供而未提供的情况，因此暂不生成起诉状" in summary


def test_plaintiff_details_from_the_case_file_when_no_id_number(tmp_path):
    complaint = text(files("regulator-accepted.yaml", tmp_path), "07_民事起诉状")
    assert "原告：孙八，女，1992年5月1日出生。" in complaint
    assert "此致\n成都市武侯区人民法院" in complaint


def test_no_complaint_without_the_defendant_and_the_summary_says_what_is_missing(tmp_path):
    out = files("vanished-individual.yaml", tmp_path)
    assert "07_民事起诉状.docx" not in out and "07_民事起诉状.txt" not in out
    summary = text(out, "00_案件概要")
    assert "未生成《民事起诉状》" in summary
    assert "被告的名称或姓名（platform.operator）" in summary and "被告的住所（platform.address）" in summary


def test_missing_plaintiff_details_get_a_plan_step(tmp_path):
    """Defendant known, but no sex or birth date: no complaint, and a step saying how to supply them."""
    source = (ROUTE / "visa-closing.yaml").read_text(encoding="utf-8")
    (tmp_path / "c.yaml").write_text(source, encoding="utf-8")
    prepared = prepare(tmp_path / "c.yaml", Options(out=tmp_path / "out"))
    assert "07_民事起诉状.docx" not in prepared.files
    steps = {s["id"]: s for s in prepared.manifest["plan"]}
    assert "court_complaint" not in steps
    assert "complainant.id_number" in steps["plaintiff_details"]["action"]


def test_mediation_request_is_an_alternative_addressed_to_the_association(tmp_path):
    request = text(files("wechat-refused.yaml", tmp_path), "06_消协调解申请书")
    assert request.startswith("【调解申请书】\n申请人：钱七")
    assert "消费者协会：\n" in request and "现请求贵会调解" in request
    cited = "（《消费者权益保护法》第三十七条第一款第五项、第三十九条）"
    assert "“请求消费者协会或者依法成立的其他调解组织调解”" + cited in request
    assert "此致\n杭州市余杭区消费者协会\n" in request  # the shop's shown address, as for 12315


def test_mediation_request_names_the_association_of_the_known_place_and_states_no_problem_label(tmp_path):
    """Addressed to the county's association where the summary's office is known from the same address; the
    opening says what was bought and that negotiation failed, never a problem-type label as a fact."""
    from generator.vocabulary import PROBLEM_TYPES
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["platform"]["address"] = "天津市南开区鞍山西道100号"
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    request = text(prepared.files, "06_消协调解申请书")
    assert "\n天津市南开区消费者协会：\n" in request and "此致\n天津市南开区消费者协会\n" in request
    assert "天津市南开区市场监督管理局" in text(prepared.files, "00_案件概要")
    opening = request.split("天津市南开区消费者协会：\n", 1)[1].split("\n", 1)[0]
    assert opening == (
        "申请人在被申请人经营的“速充卡盟”购买“腾讯视频VIP年卡”，与被申请人发生消费者权益争议，"
        "经与被申请人协商未能解决，现请求贵会调解。"
    )
    assert not [t.name for t in PROBLEM_TYPES if t.name in opening] and "存在" not in opening
    data["platform"]["address"] = "天津市鞍山西道100号"  # no county: the general form
    prepared = prepare(write_case(tmp_path / "b", data), Options(out=tmp_path / "out-b"))
    assert "\n消费者协会：\n" in text(prepared.files, "06_消协调解申请书")


def test_only_takes_the_new_kinds(tmp_path):
    out = prepare(
        withheld(ROUTE / "wechat-refused.yaml", tmp_path), Options(out=tmp_path / "out", only=("court_complaint",))
    ).files
    assert sorted(n for n in out if n.endswith(".docx")) == [
        "00_案件概要.docx",
        "05_法律依据.docx",
        "07_民事起诉状.docx",
    ]


def test_police_report_only_when_the_seller_vanished_or_sold_stolen_goods(tmp_path):
    """A vanished group seller and a stolen account get one; a reachable seller who refuses does not."""
    assert "09_报警材料.docx" in files("vanished-individual.yaml", tmp_path / "a")
    stolen = files("represented-stolen.yaml", tmp_path / "b")
    report = text(stolen, "09_报警材料")
    assert "所给账号是盗号，第二天被原主找回" in report and "已付款项合计人民币45.00元" in report
    assert "诈骗罪" not in report and "立案" not in report  # the threshold note belongs in the summary
    assert "关于报警：单个会员的金额通常远低于诈骗罪的立案数额" in text(stolen, "00_案件概要")
    refused = files("wechat-refused.yaml", tmp_path / "c")
    assert "09_报警材料.docx" not in refused and "关于报警" not in text(refused, "00_案件概要")


def test_report_goes_to_the_office_by_its_own_article(tmp_path):
    """A 举报 for a stolen account, addressed by 办法第三十一条; none where nobody can be named or nothing to report."""
    out = files("represented-stolen.yaml", tmp_path / "a")
    report = text(out, "08_12315举报")
    assert "\n深圳市市场监督管理局福田监管局：\n" in report
    assert "《市场监督管理投诉举报处理办法》第三十一条" in text(out, "00_案件概要")  # how to submit: the summary's
    assert "08_12315举报.docx" not in files("vanished-individual.yaml", tmp_path / "b")  # no named respondent
    assert "08_12315举报.docx" not in files("wechat-refused.yaml", tmp_path / "c")  # no fraud, no stolen goods


def test_authorization_when_a_representative_acts_and_the_complaint_keeps_the_complainants_contacts(tmp_path):
    out = files("represented-stolen.yaml", tmp_path)
    authorization = text(out, "10_授权委托书")
    assert "委托人：周九\n联系电话：13300133000" in authorization
    assert "受托人：吴十\n联系电话：020-88888888\n工作单位：某某区消费者协会" in authorization
    assert "委托事项：" in authorization and "委托权限：" in authorization and "委托期限：" in authorization
    complaint = docx_text(out["03_12315投诉书.docx"])
    # the complainant's own contacts first; the agent the authorisation appoints is named after them
    agent = complaint.index("委托代理人：吴十　联系电话：020-88888888")
    assert complaint.index("投诉人：周九　联系电话：13300133000") < agent
    assert "10_授权委托书.docx" not in files("wechat-refused.yaml", tmp_path / "other")


def test_only_takes_every_kind():
    from generator.cli import KIND_CHOICES
    from generator.vocabulary import FILING_KINDS

    assert sorted(KIND_CHOICES) == sorted(FILING_KINDS)


def test_marketplace_suit_names_the_platform_on_article_44_and_the_summary_says_why(tmp_path):
    from tests.conftest import marketplace_case

    out = prepare(
        withheld(marketplace_case(tmp_path, "shop-collected.yaml"), tmp_path), Options(out=tmp_path / "out")
    ).files
    complaint = text(out, "07_民事起诉状")
    assert (
        "被告：杭州集卡网络科技有限公司（“集卡网”平台经营者，涉案店铺“阿福会员店”为该平台内店铺）\n"
        "住所：浙江省杭州市滨江区江南大道100号"
    ) in complaint
    # the platform's liability rests on 第四十四条第一款, quoted; the shop's acts stay the shop's
    assert (
        "网络交易平台提供者不能提供销售者或者服务者的真实名称、地址和有效联系方式的，"
        "消费者也可以向网络交易平台提供者要求赔偿"
    ) in complaint
    assert "被告作为网络交易平台提供者，应当提供该店铺经营者的真实名称、地址和有效联系方式" in complaint
    assert "被告宣传" not in complaint and "被告交付" not in complaint
    summary = text(out, "00_案件概要")
    assert "关于起诉状的被告：卖家是平台内店铺“阿福会员店”" in summary
    assert "以平台经营者杭州集卡网络科技有限公司为被告" in summary


def test_no_refund_request_to_a_seller_who_blocked_the_buyer(tmp_path):
    """A group seller who blocked the buyer: no order-page request; the summary and manifest say why."""
    prepared = prepare(ROUTE / "vanished-individual.yaml", Options(out=tmp_path))
    assert "01_平台退款申请书.docx" not in prepared.files
    why = "未生成《退款申请书》：卖家是个人，已拉黑买家或失联"
    assert why in text(prepared.files, "00_案件概要") and any(why in w for w in prepared.manifest["warnings"])
    assert "我的订单" not in text(prepared.files, "00_案件概要")


def test_no_12315_or_mediation_request_until_the_individual_has_a_name_and_an_address(tmp_path):
    out = files("vanished-individual.yaml", tmp_path / "a")
    assert "03_12315投诉书.docx" not in out and "06_消协调解申请书.docx" not in out
    summary = text(out, "00_案件概要")
    assert "未生成《投诉书》（12315）" in summary and "未生成《调解申请书》（消协）" in summary
    assert "收款人实名“陈某某”可作为被投诉人的姓名" in summary  # and how to find the rest, in the plan
    # with the address found, both are drafted against the payee's real name, and the refund request still is not
    identified = files("identified-group-seller.yaml", tmp_path / "b")
    assert "01_平台退款申请书.docx" not in identified
    respondent = "卫某某（收款人实名；在微信群“爱奇艺会员低价群”中出售）"
    assert f"【被投诉方】\n{respondent}\n" in text(identified, "03_12315投诉书")
    assert f"被投诉人：{respondent}" in docx_text(identified["03_12315投诉书.docx"])
    assert f"被申请人：{respondent}" in text(identified, "06_消协调解申请书")


def test_a_named_company_that_does_not_answer_gets_no_police_material(tmp_path):
    out = files("silent-company.yaml", tmp_path)
    assert "09_报警材料.docx" not in out and "关于报警" not in text(out, "00_案件概要")
    assert "01_平台退款申请书.docx" in out and "03_12315投诉书.docx" in out


def test_the_summary_says_how_to_report_to_the_police_and_the_report_gives_no_instruction(tmp_path):
    out = files("vanished-individual.yaml", tmp_path)
    summary = text(out, "00_案件概要")
    guidance = summary.split("《报警材料》\n", 1)[1].split("\n\n", 1)[0]
    assert "拨打110" in guidance and "96110反诈专线" in guidance and "网上报警" in guidance
    assert "96110" not in text(out, "09_报警材料")


def test_refused_wechat_complaint_matches_each_text_to_help_or_a_new_complaint(tmp_path):
    summary = text(files("renewals-refused.yaml", tmp_path), "00_案件概要")
    assert (
        "交易单号4200002000202610010000000003的投诉未获解决：在原投诉的详情中“申请平台协助”，不重新投诉；"
        "需要补充说明时可粘贴《02_支付争议申请_2.txt》的文字。"
    ) in summary
    assert (
        "其余各笔分别从各自的账单“投诉商家”：交易单号4200002000202609010000000002粘贴《02_支付争议申请.txt》；"
        "交易单号4200002000202611010000000004粘贴《02_支付争议申请_3.txt》。"
    ) in summary


def test_a_request_a_court_cannot_grant_stays_out_of_the_suit_and_the_summary_says_so(tmp_path):
    """claims.extra “要求平台书面说明兑换码来源” is asked of the platform, the regulator and the 消协, but a court is
    asked only for what it can order: the complaint's 诉讼请求 are the refund and the costs, and the summary tells
    the lawyer what was left out of the suit and why."""
    extra = "要求平台书面说明兑换码来源"
    prepared = prepare(
        Path(__file__).parent / "refusal_cases" / "code-refused-as-delivered.yaml", Options(out=tmp_path)
    )
    court = docx_text(prepared.files["07_民事起诉状.docx"])
    asked = court.split("诉讼请求", 1)[1].split("事实与理由", 1)[0]
    assert extra not in court
    assert "判令被告全额退还订单价款人民币118.00元" in asked and "本案诉讼费用由被告承担" in asked
    for stem in ("01_平台退款申请书", "03_12315投诉书", "06_消协调解申请书"):
        requests = docx_text(prepared.files[f"{stem}.docx"]).split("事实与理由", 1)[0]
        assert f"另提出：“{extra}”。" in requests, stem  # the user's own words, quoted as theirs
    summary = text(prepared.files, "00_案件概要")
    note = next(line for line in summary.splitlines() if extra in line)
    assert note.startswith(f"- 《民事起诉状》的诉讼请求没有写入其他诉求“{extra}”")
    assert "法院能够判决并强制执行" in note


def test_a_request_only_the_seller_can_meet_is_not_put_to_the_payment_channel(tmp_path):
    """A payment channel handles the money of the disputed transaction: the user's other request (“要求平台书面说明
    兑换码来源”) is not among the payment dispute's requests, nor in its paste text, and the summary says why."""
    extra = "要求平台书面说明兑换码来源"
    prepared = prepare(
        Path(__file__).parent / "refusal_cases" / "code-refused-as-delivered.yaml", Options(out=tmp_path)
    )
    assert extra not in docx_text(prepared.files["02_支付争议申请.docx"])
    assert extra not in text(prepared.files, "02_支付争议申请")
    notes = [line for line in text(prepared.files, "00_案件概要").splitlines() if extra in line]
    assert any(line.startswith("- 《") and "支付机构只处理所争议交易的款项" in line for line in notes)


def test_the_complaint_leaves_the_investigation_to_the_report(tmp_path):
    """A complaint and a report are handled apart (办法第九条): the complaint asks for mediation of the dispute, never
    for an investigation; where a 12315 report is drafted, it asks for that."""
    samples = Path(__file__).parents[1] / "cases"
    with_report = prepare(samples / "youku-marketplace-promise.yaml", Options(out=tmp_path))
    assert "依法调查处理" not in docx_text(with_report.files["03_12315投诉书.docx"])
    assert "对被举报人涉嫌违法的行为依法调查处理" in docx_text(with_report.files["08_12315举报.docx"])
    without = prepare(samples / "iqiyi-fraud.yaml", Options(out=tmp_path / "t"))
    assert "08_12315举报.docx" not in without.files
    assert "调查处理" not in docx_text(without.files["03_12315投诉书.docx"])


LAWYER = Path(__file__).parent / "lawyer_cases"


def test_no_authorization_made_out_to_a_title_and_the_summary_asks_for_the_name(tmp_path):
    """“王老师” is no name (lawyer review #32): no 授权委托书, no plan step to sign one, and the summary asks for the
    agent's full name; with the full name the authorisation names the agent."""
    from tests.test_narrative import lawyer_case

    prepared = lawyer_case(tmp_path / "a", "title-representative.yaml")
    assert not any(name.startswith("10_") for name in prepared.files)
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    assert "未生成《授权委托书》：受托人（representative.name）写的是“王老师”，这是称呼而不是姓名" in summary
    assert "10_授权委托书" not in summary
    manifest = prepared.files["manifest.json"].decode("utf-8")
    assert "王老师" in manifest and "10_授权委托书" not in manifest

    def named(data):
        data["representative"]["name"] = "王丽华"

    prepared = lawyer_case(tmp_path / "b", "title-representative.yaml", named)
    assert "受托人：王丽华" in text(prepared.files, "10_授权委托书")
    assert "未生成《授权委托书》" not in prepared.files["00_案件概要.txt"].decode("utf-8")


def test_a_full_name_that_ends_like_a_title_word_is_no_title():
    from generator.filings.individual import named_by_title

    for title in ("陈律师", "王老师", "张主任", "李先生", "欧阳律师", " 刘经理 "):
        assert named_by_title(title), title
    for name in ("陈建国", "王丽华", "欧阳娜娜", "周文静", "律师事务所的张伟"):
        assert not named_by_title(name), name
