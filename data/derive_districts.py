"""Derive data/districts.json: the district-level units (huyện, quận, thị xã, thành phố
thuộc tỉnh) of each province, as they stood before the two-level local government of
1 July 2025 abolished them.

    pip download vietnam-provinces==0.6.0 --no-deps -d /tmp/vp
    python data/derive_districts.py /tmp/vp/vietnam_provinces-0.6.0-py3-none-any.whl

The wheel (MIT; data of the General Statistics Office's administrative unit list) holds
nested-divisions.json: 63 provinces, their districts and wards. Only the district level is
kept: a district header ("ỦY BAN NHÂN DÂN / HUYỆN SƠN TỊNH") then says which province the
draft is from. A name several provinces share ("huyện Châu Thành") says nothing and is kept
so that the lookup can tell it is shared.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "districts.json"
LEVELS = ("thành phố", "thị xã", "huyện", "quận")  # as data/provinces.json writes them


def main(wheel: str) -> int:
    from cancu.graph.places import province_by_name

    with zipfile.ZipFile(wheel) as z:
        data = json.loads(z.read("vietnam_provinces/data/nested-divisions.json"))
    out: dict[str, list[str]] = {}
    for p in data:
        name = p["name"]
        for prefix in ("Thành phố ", "Tỉnh "):
            if name.startswith(prefix):
                name = name[len(prefix):]
        province = province_by_name(name, "2025-06-30")
        if province is None:
            print(f"unknown province: {p['name']}", file=sys.stderr)
            return 1
        units = []
        for d in p["districts"]:
            level = next((lv for lv in LEVELS if d["name"].lower().startswith(lv)), None)
            if level is None:
                print(f"unknown level: {d['name']}", file=sys.stderr)
                return 1
            units.append(f"{level} {d['name'][len(level):].strip()}")
        out[province.name] = sorted(units)
    table = {
        "_about": (
            "District-level units (huyện, quận, thị xã, thành phố thuộc tỉnh) of each of the 63 provinces, "
            "as they stood until 30/6/2025 (the two-level local government of Nghị quyết 202/2025/QH15 and "
            "Luật Tổ chức chính quyền địa phương 72/2025/QH15 abolished the district level from 1/7/2025). "
            "A draft headed by a district ('ỦY BAN NHÂN DÂN / HUYỆN SƠN TỊNH') is of the province holding it; "
            "a name several provinces share ('huyện Châu Thành') names none. Derived by data/derive_districts.py "
            "from the vietnam-provinces 0.6.0 wheel (MIT; the General Statistics Office's list of administrative "
            "units). 'examples': a unit label and the province it must give (None: shared) (tests/test_places.py)."),
        "valid_to": "2025-06-30",
        "examples": [["huyện Sơn Tịnh", "Quảng Ngãi"], ["thị xã Đức Phổ", "Quảng Ngãi"], ["quận Ba Đình", "Hà Nội"],
                     ["huyện Đức Trọng", "Lâm Đồng"], ["huyện Châu Thành", None]],
        "provinces": out,
    }
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(map(len, out.values()))} units in {len(out)} provinces")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
