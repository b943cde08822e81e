#!/usr/bin/env python3
"""Builds data/admin-units/units.json from the MIT-licensed `vietnamadminunits`
PyPI package (whose data comes from the GSO/NSO list of administrative units).

    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau
    cd /tmp/vau && python3 -m zipfile -e vietnamadminunits-1.0.4-py3-none-any.whl .
    python3 data/admin-units/build.py /tmp/vau/vietnamadminunits/data > data/admin-units/units.json

Output (compact arrays, GSO codes as zero-padded strings):
  provinces         [code, name]                      34 after 1 Jul 2025
  communes          [code, province, name]            3,321 xã/phường/đặc khu
  legacy_provinces  [code, name]                      63 before 1 Jul 2025
  legacy_districts  [code, province, name, [new], [other names]]
                    696; [new] only for ward-less island districts
  legacy_wards      [code, district, name, [new commune codes, default first], [other names]]
  legacy_divided    [province, name, [district codes]]  a district's name from before it was split
                    (e.g. "Thành phố Huế" → Quận Phú Xuân, Quận Thuận Hóa): its wards are looked for in these

"Other names" are the package's alias keywords (former names before the mergers of 2019–2025 and
spelling variants, compiled by its author from the published resolutions), as folded keys without
spaces or type words: "8" (Phường 8, merged into Phường 7, Quận 5), "camhai", "longkhanh".
"""
import json
import re
import sqlite3
import sys

src = sys.argv[1]
db = sqlite3.connect(f"{src}/dataset.db")
conv = json.load(open(f"{src}/converter_2025.json", encoding="utf-8"))

provinces, communes, new_by_key = {}, [], {}
for (pcode, pname, pkey, wcode, wname, wkey) in db.execute(
        "SELECT provinceCode, province, provinceKey, wardCode, ward, wardKey FROM admin_units ORDER BY provinceCode, wardCode"):
    provinces[pcode] = pname
    communes.append([wcode, pcode, wname])
    new_by_key[(pkey, wkey)] = wcode

WARD_TYPES = ("thitran", "phuong", "xa")
DISTRICT_TYPES = ("thanhpho", "thixa", "quan", "huyen")


def other_names(aliases, types, own):
    """The package's full-form alias keys ("phuong08", "xacamhai") without the
    type word, numbers without leading zeros; not the unit's own name."""
    out = []
    keys = json.loads(aliases or "[]")
    for a in keys:
        kind = next((t for t in types if a.startswith(t) and len(a) > len(t)), None)
        if kind is None or any(t + a in keys for t in types):
            continue  # short forms ("camhai", "p8", "phuonglien" beside "phuongphuonglien"): the same names
        rest = a[len(kind):]
        rest = str(int(rest)) if rest.isdigit() else rest
        if rest != own and rest not in out:
            out.append(rest)
    return out


def own_key(name, types):
    key = re.sub(r"[^0-9a-z]", "", unidecode_lower(name))
    kind = next((t for t in types if key.startswith(t) and len(key) > len(t)), "")
    rest = key[len(kind):]
    return str(int(rest)) if rest.isdigit() else rest


def unidecode_lower(s):
    import unicodedata
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


lprov, ldist, lwards, old_by_key, dist_aliases = {}, {}, [], {}, {}
for (pc, pn, pk, dc, dn, dk, wc, wn, wk, wa, da) in db.execute(
        "SELECT provinceCode, province, provinceKey, districtCode, district, districtKey, wardCode, ward, wardKey, "
        "wardAlias, districtAlias FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"):
    lprov[pc] = pn
    ldist[dc] = (pc, dn)
    dist_aliases[dc] = other_names(da, DISTRICT_TYPES, own_key(dn, DISTRICT_TYPES))
    if wc is None:
        continue  # an island district without wards (huyện Côn Đảo …): mapped below
    lwards.append([wc, dc, wn, other_names(wa, WARD_TYPES, own_key(wn, WARD_TYPES))])
    old_by_key[f"{pk}_{dk}_{wk}"] = wc

mapping = {}
for new_pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
    for new_wkey, old_keys in wards.items():
        new = new_by_key[(new_pkey, new_wkey)]
        for old_key in old_keys:
            # District-level units without wards (e.g. huyện Hoàng Sa) have
            # keys ending in "_" and no legacy ward row to map.
            if old_key in old_by_key:
                mapping.setdefault(old_by_key[old_key], []).append(new)
for new_pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
    for old_key, targets in olds.items():
        ordered = sorted(targets, key=lambda t: not t["isDefaultNewWard"])
        codes = [new_by_key[(new_pkey, t["newWardKey"])] for t in ordered]
        old = old_by_key.get(old_key)
        if old is None:
            continue
        mapping[old] = codes + [c for c in mapping.get(old, []) if c not in codes]

missing = [w[0] for w in lwards if w[0] not in mapping]
if missing:
    print(f"warning: {len(missing)} legacy wards without a new commune", file=sys.stderr)
for w in lwards:
    w.insert(3, mapping.get(w[0], []))

# Island districts without wards became special zones (đặc khu) of the same name.
special = {n.removeprefix("Đặc khu "): c for c, _, n in communes if n.startswith("Đặc khu ")}
district_new = {}
for dc, (pc, dn) in ldist.items():
    short = dn.removeprefix("Huyện ")
    if dc not in {w[1] for w in lwards} and short in special:
        district_new[dc] = [special[short]]

# Districts split before the snapshot (the package's table): the old name → the districts its wards
# are in now.
parser = json.load(open(f"{src}/parser_legacy.json", encoding="utf-8"))
province_code = {k: v["provinceCode"] for k, v in parser["DICT_PROVINCE"].items()}
divided = []
for pkey, olds in parser["DICT_PROVINCE_DISTRICT_DIVIDED"].items():
    districts = parser["DICT_PROVINCE_DISTRICT"][pkey]
    for old, entry in olds.items():
        codes = [districts[d]["districtCode"] for d in entry["districts"]]
        name = other_names(json.dumps([old]), DISTRICT_TYPES, None) or [old]
        divided.append([province_code[pkey], name[0], codes])

# Short names people write for provinces, besides the official ones. The
# package's own aliases (hn, hcm, baria, vungtau) plus common spellings.
# "Thừa Thiên Huế" is what every card issued before 2025 prints for 46 (Thành phố Huế since
# 1/1/2025). "ĐN" is left out: Đà Nẵng, Đồng Nai and Đắk Nông all write it.
aliases = {"hn": "01", "ha noi": "01", "hcm": "79", "tp hcm": "79", "tphcm": "79", "sai gon": "79", "sg": "79",
           "brvt": "77", "br vt": "77", "ba ria": "77", "vung tau": "77", "hue": "46", "tt hue": "46",
           "thua thien hue": "46", "thua thien": "46", "hp": "31", "ct": "92",
           "dak lak": "66", "dac lac": "66", "dak nong": "67", "dac nong": "67"}

out = {
    "source": "Derived from the vietnamadminunits 1.0.4 package (MIT License, Copyright (c) 2025 Tran Ngoc Minh Hieu), "
              "whose data comes from the General Statistics Office / National Statistics Office list of administrative units "
              "(danhmuchanhchinh.gso.gov.vn).",
    "effective": "2025-07-01",
    "provinces": [[c, n] for c, n in sorted(provinces.items())],
    "communes": communes,
    "legacy_provinces": [[c, n] for c, n in sorted(lprov.items())],
    "legacy_districts": [[c, p, n, district_new.get(c, []), dist_aliases.get(c, [])]
                         for c, (p, n) in sorted(ldist.items())],
    "legacy_wards": lwards,
    "legacy_divided": divided,
    "legacy_province_aliases": aliases,
}
json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))
print(file=sys.stderr)
print(f"{len(out['provinces'])} provinces, {len(communes)} communes, {len(lprov)} legacy provinces, "
      f"{len(ldist)} legacy districts, {len(lwards)} legacy wards", file=sys.stderr)
