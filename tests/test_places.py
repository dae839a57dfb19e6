"""jionlp's location parser, loaded quietly and without writing into its package folder."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path


def test_parsing_prints_nothing_and_leaves_the_package_folder_alone(tmp_path):
    """No banner on stdout; the dictionaries are unpacked into the cache folder, not into jionlp's own."""
    package = Path(find_spec("jionlp").submodule_search_locations[0]) / "dictionary"
    before = sorted(p.name for p in package.iterdir())
    code = (
        "from generator.law.places import parse_address\nprint(parse_address('浙江省杭州市余杭区某某路8号').county)\n"
    )
    env = {**os.environ, "MAKE_FILINGS_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout == "余杭区\n"
    assert sorted(p.name for p in package.iterdir()) == before
    assert list((tmp_path / "cache").glob("jionlp-*/dictionary/china_location.txt"))


def test_a_later_import_of_jionlp_gets_the_real_package():
    """The stand-ins used while loading the parser are gone afterwards."""
    from generator.law.places import parse_address

    parse_address("北京市朝阳区望京街1号")
    assert "jionlp" not in sys.modules or not getattr(sys.modules["jionlp"], "_stand_in", False)


def test_the_dictionaries_read_back_from_the_cache_give_the_same_places(tmp_path):
    """The first process keeps what jionlp's loaders made; the next reads it back and places the addresses alike."""
    addresses = ["浙江省杭州市余杭区某某路8号", "喀左旗覃家岗街道梨树湾村", "深圳南山区科技园", "黑龙江伊春市美溪区"]
    code = f"from generator.law.places import parse_address\nfor a in {addresses!r}: print(parse_address(a))\n"
    runs = {}
    for name, folder in (("none", ""), ("first", str(tmp_path / "cache")), ("second", str(tmp_path / "cache"))):
        env = {**os.environ, "MAKE_FILINGS_CACHE": folder}
        runs[name] = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout
        if name == "first":
            assert len(list((tmp_path / "cache").glob("jionlp-*.pickle"))) == 2  # the two loaders' results
    assert runs["first"] == runs["second"] == runs["none"]
    assert "county='喀喇沁左翼蒙古族自治县'" in runs["second"]


def test_the_narrowed_candidate_search_finds_what_the_full_one_finds():
    """Searching only the divisions indexed under the address's character pairs gives jionlp's own candidates,
    in its order and with its marks, for real, tricky and made-up addresses."""
    import copy
    import random

    from generator.law.places import _parser, parse_address

    parse_address("北京市朝阳区望京街1号")  # jionlp prepares its division list on its first address
    parser = _parser()
    divisions = parser.administrative_map_list
    rng = random.Random(17)
    names = [name for division in divisions for level in division[1:4] for name in level if name]
    addresses = [
        "浙江省杭州市余杭区某某路8号",
        "喀左旗覃家岗街道梨树湾村",
        "北海市重庆路其仓11号",
        "青海西宁城西区",
        "上海市嘉定区太原路99号",
        "湖南省长沙市长沙县",
        "某某路1号",
        "",
        "京",
        *("".join(rng.sample(names, rng.randint(1, 4))) + "某某路8号" for _ in range(300)),
    ]
    for address in addresses:
        narrowed = copy.deepcopy(parser.get_candidates(address))
        full = copy.deepcopy(parser.get_candidates.search(address))
        assert narrowed == full, address
    assert parser.administrative_map_list is divisions
