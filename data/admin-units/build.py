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
  legacy_districts  [code, province, name, [new]]     696; [new] only for ward-less island districts
  legacy_wards      [code, district, name, [new commune codes, default first]]
"""
import json
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

lprov, ldist, lwards, old_by_key = {}, {}, [], {}
for (pc, pn, pk, dc, dn, dk, wc, wn, wk) in db.execute(
        "SELECT provinceCode, province, provinceKey, districtCode, district, districtKey, wardCode, ward, wardKey "
        "FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"):
    lprov[pc] = pn
    ldist[dc] = (pc, dn)
    if wc is None:
        continue  # an island district without wards (huyện Côn Đảo …): mapped below
    lwards.append([wc, dc, wn])
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
    w.append(mapping.get(w[0], []))

# Island districts without wards became special zones (đặc khu) of the same name.
special = {n.removeprefix("Đặc khu "): c for c, _, n in communes if n.startswith("Đặc khu ")}
district_new = {}
for dc, (pc, dn) in ldist.items():
    short = dn.removeprefix("Huyện ")
    if dc not in {w[1] for w in lwards} and short in special:
        district_new[dc] = [special[short]]

# Short names people write for provinces, besides the official ones. The
# package's own aliases (hn, hcm, baria, vungtau) plus common spellings.
aliases = {"hn": "01", "ha noi": "01", "hcm": "79", "tp hcm": "79", "tphcm": "79", "sai gon": "79", "sg": "79",
           "brvt": "77", "ba ria": "77", "vung tau": "77", "hue": "46", "tt hue": "46", "dn": "48", "hp": "31", "ct": "92"}

out = {
    "source": "Derived from the vietnamadminunits 1.0.4 package (MIT License, Copyright (c) 2025 Tran Ngoc Minh Hieu), "
              "whose data comes from the General Statistics Office / National Statistics Office list of administrative units "
              "(danhmuchanhchinh.gso.gov.vn).",
    "effective": "2025-07-01",
    "provinces": [[c, n] for c, n in sorted(provinces.items())],
    "communes": communes,
    "legacy_provinces": [[c, n] for c, n in sorted(lprov.items())],
    "legacy_districts": [[c, p, n, district_new.get(c, [])] for c, (p, n) in sorted(ldist.items())],
    "legacy_wards": lwards,
    "legacy_province_aliases": aliases,
}
json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))
print(file=sys.stderr)
print(f"{len(out['provinces'])} provinces, {len(communes)} communes, {len(lprov)} legacy provinces, "
      f"{len(ldist)} legacy districts, {len(lwards)} legacy wards", file=sys.stderr)
