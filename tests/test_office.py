"""The 12315 office and the small-claims court named from the case's addresses."""

from __future__ import annotations

from datetime import date

from generator.case.model import Case
from generator.law.office import court_advice, regulator_office, small_claims_courts
from generator.law.places import parse_address
from tests.conftest import typed_case


def case(platform: dict, filing=date(2026, 11, 20), buyer="江苏省南京市鼓楼区中山路1号") -> Case:
    return typed_case(
        {
            "filing_date": filing,
            "platform": {"name": "某卡盟", **platform},
            "complainant": {"name": "某", "phone": "13800138000", "address": buyer},
        }
    )


def test_self_operated_platform_goes_by_its_domicile():
    office = regulator_office(case({"address": "浙江省杭州市余杭区某某路8号"}))
    assert office.name == "杭州市余杭区市场监督管理局"
    assert office.basis == "《市场监督管理投诉举报处理办法》第十三条"
    assert "处理单位" in office.advice() and "请以表单列出的单位为准" in office.advice()


def test_marketplace_shop_goes_by_the_address_it_shows():
    office = regulator_office(
        case(
            {
                "kind": "marketplace",
                "address": "北京市朝阳区望京街1号",
                "seller": {"name": "小鱼会员铺", "address": "浙江省杭州市余杭区某某路8号"},
            }
        )
    )
    assert office.name == "杭州市余杭区市场监督管理局" and office.address == "浙江省杭州市余杭区某某路8号"


def test_marketplace_shop_without_an_address_goes_by_the_platform():
    office = regulator_office(
        case({"kind": "marketplace", "address": "北京市朝阳区望京街1号", "seller": {"name": "小鱼会员铺"}})
    )
    assert office.name == "北京市朝阳区市场监督管理局"


def test_before_2026_04_15_the_interim_measures_apply_and_the_platform_domicile():
    """暂行办法第十二条 knows no address shown on the platform: the platform operator's domicile."""
    office = regulator_office(
        case(
            {
                "kind": "marketplace",
                "address": "北京市朝阳区望京街1号",
                "seller": {"name": "小鱼会员铺", "address": "浙江省杭州市余杭区某某路8号"},
            },
            filing=date(2026, 3, 1),
        )
    )
    assert office.basis == "《市场监督管理投诉举报处理暂行办法》第十二条"
    assert office.name == "北京市朝阳区市场监督管理局"


def test_shenzhen_names_its_district_offices_differently():
    office = regulator_office(case({"address": "广东省深圳市南山区科技园某某路1号"}))
    assert office.name == "深圳市市场监督管理局南山监管局"


def test_county_level_city():
    assert regulator_office(case({"address": "江苏省苏州市昆山市前进路1号"})).name == "昆山市市场监督管理局"


def test_no_address_is_said_never_guessed():
    office = regulator_office(case({}))
    assert office.name is None
    assert "没有平台经营者住所地的地址" in office.advice()


def test_a_district_name_without_province_and_city_is_ambiguous():
    """朝阳区 is in Beijing and in Changchun: no office is named."""
    office = regulator_office(case({"address": "朝阳区某某路1号"}))
    assert office.name is None
    assert "同名区县可能不止一个" in office.advice()


def test_an_address_without_a_county_is_unusable():
    office = regulator_office(case({"address": "某某市某某路1号"}))
    assert office.name is None and "没有写明区县" in office.advice()


def test_buyers_court_first_and_defendants_as_alternative():
    buyer, defendant = small_claims_courts(
        case({"address": "浙江省杭州市余杭区某某路8号"}, buyer="四川省成都市武侯区某某街2号")
    )
    assert buyer.name == "成都市武侯区人民法院"
    assert defendant.name == "杭州互联网法院"  # 法释〔2025〕14号
    advice = court_advice(case({"address": "江苏省苏州市昆山市前进路1号"}, buyer="四川省成都市武侯区某某街2号"))
    assert advice == "成都市武侯区人民法院（原告住所地；也可向被告住所地的昆山市人民法院起诉）"


def test_buyer_in_beijing_goes_to_the_internet_court():
    buyer, _ = small_claims_courts(case({}, buyer="北京市海淀区中关村大街1号"))
    assert buyer.name == "北京互联网法院"


def test_parser_reads_the_divisions():
    place = parse_address("上海市浦东新区张江路1号")
    assert (place.province, place.city, place.county) == ("上海市", "上海市", "浦东新区")


def test_a_court_not_found_for_the_addresses_is_said_so_not_blamed_on_them():
    """东莞 has no counties: the court data cannot place 南城, and the platform's address is unknown; the summary asks
    the user to confirm the court rather than saying the addresses cannot decide it."""
    advice = court_advice(case({}, buyer="广东省东莞市南城区某某花园6座1102"))
    assert advice == "有管辖权的人民法院（未能由原告、被告的地址推定具体的法院，请向当地法院确认）"
