#!/usr/bin/env python3
"""Writes data/admin-units/agreement.tsv: old (pre-1 July 2025) addresses as people
write them, each with the 2025 commune an independent converter gives for it.

The independent converter is the MIT-licensed `vietnamadminunits` package's
`convert_address` (its own parser and alias tables, not our code). Its
geocoding step (used only to choose between the parts of a split ward when a
street is given) is switched off: the sample stays offline and reproducible,
and the package then takes the split ward's default part, as we do.

    python3 -m venv /tmp/vauenv && /tmp/vauenv/bin/pip install vietnamadminunits==1.0.4
    /tmp/vauenv/bin/python data/admin-units/agreement.py > data/admin-units/agreement.tsv

Columns: spelling, address, reference commune code ('' when the reference
converter found no commune). `crates/api/tests/it/units.rs` and
`cargo bench -p gocua-api --bench units` convert every line with ours and print
the rate of agreement.

Spellings, each a quarter of the sample (3,200 wards drawn with a fixed seed):
  formal     as printed on older ID cards ("Tỉnh Thừa Thiên Huế" for Huế, as
             before 2025)
  abbrev     "P. Bến Nghé, Q. 1, TP. HCM", "X. …, H. …, T. …"
  plain      no diacritics, lower case
  street     a house number and street or hamlet in front of the formal form
and, after those, every former name the package knows that can be written
out (a numbered ward merged into another, "Phường 8, Quận 5"; a commune that
became a ward, "Xã Nam Tiến"; a town that became a city, "Thị xã Long
Khánh", "Quận 9"), as older cards print them:
  former     formal, with the ward's or the district's former name
"""
import json
import random
import re
import sqlite3
import sys
import unicodedata

import vietnamadminunits
import vietnamadminunits.converter.converter_2025 as converter_2025
from vietnamadminunits import ConvertMode, convert_address

converter_2025.get_geo_location = lambda address: None  # offline: no geocoder

SEED = 2025
PER_SPELLING = 800

ABBREV = {"Phường": "P.", "Xã": "X.", "Thị trấn": "TT.", "Quận": "Q.", "Huyện": "H.",
          "Thị xã": "TX.", "Thành phố": "TP.", "Tỉnh": "T."}
PROVINCE_ABBREV = {"Thành phố Hồ Chí Minh": "TP. HCM", "Thành phố Hà Nội": "Hà Nội",
                   "Tỉnh Bà Rịa - Vũng Tàu": "Bà Rịa-Vũng Tàu"}
STREETS = ["12 Lê Lợi", "Số 45, đường Nguyễn Trãi", "Thôn 3", "Ấp Bình Hòa", "Tổ 7, khu phố 2",
           "Xóm Đông", "88/4 Hai Bà Trưng", "Khu 5", "Bản Nà Lầu", "Số nhà 210, ngõ 15"]


def plain(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


def abbreviate(name: str) -> str:
    for full, short in ABBREV.items():
        if name.startswith(full + " "):
            return short + " " + name[len(full) + 1:]
    return name


def card_province(name: str) -> str:
    # Cards issued before 2025 print the province's name of that time.
    return "Tỉnh Thừa Thiên Huế" if name == "Thành phố Huế" else name


def spell(kind: str, ward: str, district: str, province: str, rng: random.Random) -> str:
    province = card_province(province)
    if kind == "formal":
        return f"{ward}, {district}, {province}"
    if kind == "abbrev":
        return f"{abbreviate(ward)}, {abbreviate(district)}, {PROVINCE_ABBREV.get(province, abbreviate(province))}"
    if kind == "plain":
        return plain(f"{ward}, {district}, {province}")
    return f"{rng.choice(STREETS)}, {ward}, {district}, {province}"


TYPES = {"phuong": "Phường", "xa": "Xã", "thitran": "Thị trấn", "quan": "Quận", "huyen": "Huyện",
         "thixa": "Thị xã", "thanhpho": "Thành phố"}


def former_name(alias: str, short: str, short_key: str) -> str | None:
    """A former name written out, when the alias key says it: a number, or
    the same name under another type. Other aliases are keys without
    diacritics or spaces, which nobody writes."""
    m = re.fullmatch(r"(thitran|phuong|thixa|thanhpho|huyen|quan|xa)(\d+|[a-z]+)", alias)
    if not m or m.group(1) not in TYPES:
        return None
    kind, rest = TYPES[m.group(1)], m.group(2)
    if rest.isdigit():
        return f"{kind} {int(rest)}"
    return f"{kind} {short}" if rest == short_key else None


def former(db: sqlite3.Connection) -> list[str]:
    out = set()
    for (ward, district, province, ward_short, ward_short_key, ward_alias, district_short, district_short_key,
         district_alias) in db.execute(
            "SELECT ward, district, province, wardShort, wardShortKey, wardAlias, districtShort, districtShortKey, "
            "districtAlias FROM admin_units_legacy WHERE ward IS NOT NULL ORDER BY wardCode"):
        province = card_province(province)
        for alias in json.loads(ward_alias or "[]"):
            name = former_name(alias, ward_short, ward_short_key)
            if name and name != ward and name.split(" ", 1)[0] != "Quận":
                out.add(f"{name}, {district}, {province}")
        for alias in json.loads(district_alias or "[]"):
            name = former_name(alias, district_short, district_short_key)
            if name and name != district:
                out.add(f"{ward}, {name}, {province}")
    return sorted(out)


def main() -> None:
    db = sqlite3.connect(f"{vietnamadminunits.__path__[0]}/data/dataset.db")
    rows = db.execute("SELECT ward, district, province FROM admin_units_legacy "
                      "WHERE ward IS NOT NULL ORDER BY wardCode").fetchall()
    rng = random.Random(SEED)
    chosen = rng.sample(rows, 4 * PER_SPELLING)
    out = sys.stdout
    out.write("spelling\taddress\treference\n")
    for i, (ward, district, province) in enumerate(chosen):
        kind = ("formal", "abbrev", "plain", "street")[i // PER_SPELLING]
        address = spell(kind, ward, district, province, rng)
        out.write(f"{kind}\t{address}\t{reference(address)}\n")
    for address in former(db):
        out.write(f"former\t{address}\t{reference(address)}\n")


def reference(address: str) -> str:
    try:
        return convert_address(address, mode=ConvertMode.CONVERT_2025).ward_code or ""
    except Exception:  # the reference gave up: no answer to compare with
        return ""


if __name__ == "__main__":
    main()
