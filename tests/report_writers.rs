//! The reach and compare report writers, output compared exactly for a small known case:
//! Kaliningrad (54.71 N, 20.51 E) with a 1,000 km range (land measured) and a 500–1,000 km
//! band (land not measured), Grodno (53.68 N, 23.83 E) beside it for the comparison, over five
//! places, two with names that Markdown and CSV must escape. Distances and bearings are
//! GeographicLib's (Karney, WGS84) to 0.1 m; the writers only format what they are given, so
//! each expected string is worked out from the format, column by column.

use reachmap::area::CountryArea;
use reachmap::coverage::{Coverage, Hit, Totals};
use reachmap::export::report::{
    Counted, GEONAMES_CREDIT, ReportFormat, compare_markdown, compare_report, compare_table, csv_places, csv_totals,
    json, markdown, places_report, table,
};
use reachmap::places::Place;
use reachmap::{Radius, Reach, Site};

fn place(name: &str, country_code: &str, country: &str, lat: f64, lon: f64, population: u64, capital: bool) -> Place {
    Place {
        name: name.into(),
        country_code: country_code.into(),
        country: country.into(),
        lat,
        lon,
        population,
        capital,
        extra: Vec::new(),
    }
}

/// GeoNames' positions and populations; a comma and quotes in one name, a `|` in another.
fn places() -> Vec<Place> {
    vec![
        place("Warsaw", "PL", "Poland", 52.22977, 21.01178, 1_702_139, true),
        place("Vilnius", "LT", "Lithuania", 54.68916, 25.2798, 542_366, true),
        place("Berlin", "DE", "Germany", 52.52437, 13.41053, 3_426_354, true),
        place("Gdańsk, \"Danzig\"", "PL", "Poland", 54.35205, 18.64637, 461_865, false),
        place("Kaunas | Kovno", "LT", "Lithuania", 54.90272, 23.90961, 315_993, false),
    ]
}

const WARSAW: usize = 0;
const VILNIUS: usize = 1;
const BERLIN: usize = 2;
const GDANSK: usize = 3;
const KAUNAS: usize = 4;

fn hit(place: usize, distance_m: f64, bearing_deg: f64) -> Hit {
    Hit { place, distance_m, bearing_deg: Some(bearing_deg), within_low: None, flight_s: None }
}

fn km(km: f64) -> Radius {
    Radius::from_km(km, "range").unwrap()
}

fn kaliningrad() -> Site {
    Site::new("Kaliningrad", 54.71, 20.51).unwrap()
}

/// The totals of all five places: three capitals, three countries.
fn all_five() -> Totals {
    Totals { places: 5, capitals: 3, population: 6_448_717, countries: vec!["DE".into(), "LT".into(), "PL".into()] }
}

/// Every place is within 1,000 km of Kaliningrad; the land is made up, largest first, with
/// six countries so that the land line's top five leaves one out.
fn kaliningrad_1000() -> Coverage {
    let land = [
        ("Poland", 185_612.4),
        ("Belarus", 120_034.7),
        ("Lithuania", 65_286.0),
        ("Latvia", 41_307.6),
        ("Russia", 15_125.6),
        ("Germany", 9_870.3),
    ];
    Coverage {
        origin: kaliningrad().into(),
        label: "1,000 km".into(),
        reach: Reach::Within(km(1000.0)),
        hits: vec![
            hit(GDANSK, 127_053.1, 252.4842),
            hit(KAUNAS, 219_629.7, 83.0073),
            hit(WARSAW, 278_039.2, 172.9148),
            hit(VILNIUS, 307_465.2, 88.4852),
            hit(BERLIN, 528_716.1, 245.5171),
        ],
        totals: all_five(),
        land: Some(land.iter().map(|&(country, km2)| CountryArea { country: country.into(), km2 }).collect()),
        within_low: None,
        flight: None,
        targets: Vec::new(),
        grid: None,
    }
}

/// Only Berlin lies between 500 and 1,000 km; land not measured.
fn kaliningrad_band() -> Coverage {
    Coverage {
        origin: kaliningrad().into(),
        label: "500–1,000 km".into(),
        reach: Reach::Band { min: km(500.0), max: km(1000.0) },
        hits: vec![hit(BERLIN, 528_716.1, 245.5171)],
        totals: Totals { places: 1, capitals: 1, population: 3_426_354, countries: vec!["DE".into()] },
        land: None,
        within_low: None,
        flight: None,
        targets: Vec::new(),
        grid: None,
    }
}

/// Every place is within 1,000 km of Grodno too; land not measured.
fn grodno_1000() -> Coverage {
    Coverage {
        origin: Site::new("Grodno", 53.68, 23.83).unwrap().into(),
        label: "1,000 km".into(),
        reach: Reach::Within(km(1000.0)),
        hits: vec![
            hit(KAUNAS, 136_200.1, 2.149),
            hit(VILNIUS, 146_882.4, 39.5324),
            hit(WARSAW, 248_805.2, 230.6974),
            hit(GDANSK, 347_839.4, 284.5048),
            hit(BERLIN, 708_953.8, 263.7575),
        ],
        totals: all_five(),
        land: None,
        within_low: None,
        flight: None,
        targets: Vec::new(),
        grid: None,
    }
}

/// What the test's population totals count.
const PEOPLE: &str = "people in the five test places";

/// The test's places, credited to GeoNames or not.
fn counted(credit: bool) -> Counted<'static> {
    Counted { gazetteer: credit, people: PEOPLE, grid: None }
}

/// The credit as a line of a plain-text report.
fn text_credit() -> String {
    format!("{GEONAMES_CREDIT}\n")
}

/// What the totals count, as the last line of a plain-text report.
fn text_people() -> String {
    format!("Population totals: {PEOPLE}\n")
}

/// The credit as a paragraph of a Markdown report, in italics.
fn markdown_credit() -> String {
    format!("_{GEONAMES_CREDIT}._\n")
}

/// What the totals count, as the last paragraph of a Markdown report.
fn markdown_people() -> String {
    format!("_Population totals: {PEOPLE}._\n")
}

/// Asserts that a writer gives `expected` and what the totals count without the credit, and
/// `expected`, the credit and what the totals count (and nothing else) with it.
fn assert_credit_optional(write: impl Fn(Counted) -> String, expected: &str, credit: &str, people: &str) {
    assert_eq!(write(counted(false)), format!("{expected}{people}"));
    assert_eq!(write(counted(true)), format!("{expected}{credit}{people}"));
}

fn reach_results() -> Vec<Coverage> {
    vec![kaliningrad_1000(), kaliningrad_band()]
}

/// Ranges in first-seen order, each with its sites: the 1,000 km range has both sites.
fn compare_results() -> Vec<Coverage> {
    vec![kaliningrad_1000(), kaliningrad_band(), grodno_1000()]
}

/// The table with the nearest three: columns 11, 7, the longest listed name plus room for
/// " *", 7 and 11 wide, two spaces apart; bearings rounded to the degree.
const TABLE: &str = concat!(
    "Kaliningrad (54.71° N, 20.51° E) — 1,000 km\n",
    "  5 places in 3 countries, 3 capitals, population 6.4 million\n",
    "  land within range 437,237 km²: Poland 185,612; Belarus 120,035; Lithuania 65,286; Latvia 41,308; Russia 15,126\n",
    "  distance km  bearing  place               country   population\n",
    "        127.1     252°  Gdańsk, \"Danzig\"    PL           461,865\n",
    "        219.6      83°  Kaunas | Kovno      LT           315,993\n",
    "        278.0     173°  Warsaw *            PL         1,702,139\n",
    "  … 2 more (--limit to show more); * capital\n",
    "\n",
    "Kaliningrad (54.71° N, 20.51° E) — 500–1,000 km\n",
    "  1 place in 1 country, 1 capital, population 3.4 million\n",
    "  distance km  bearing  place     country   population\n",
    "        528.7     246°  Berlin *  DE         3,426,354\n",
    "  * capital\n",
    "\n",
);

#[test]
fn table_aligns_its_columns_marks_capitals_and_counts_what_the_limit_leaves_out() {
    let places = places();
    assert_credit_optional(|c| table(&reach_results(), &places, Some(3), c), TABLE, &text_credit(), &text_people());
}

#[test]
fn table_without_a_limit_lists_every_place() {
    let text = table(&[kaliningrad_1000()], &places(), None, counted(false));
    let listed: Vec<&str> = text.lines().skip(4).collect();
    assert_eq!(
        listed,
        [
            "        127.1     252°  Gdańsk, \"Danzig\"    PL           461,865",
            "        219.6      83°  Kaunas | Kovno      LT           315,993",
            "        278.0     173°  Warsaw *            PL         1,702,139",
            "        307.5      88°  Vilnius *           LT           542,366",
            "        528.7     246°  Berlin *            DE         3,426,354",
            "  * capital",
            "",
            "Population totals: people in the five test places",
        ]
    );
}

/// Capitals in bold, `|` in a name escaped so it does not split the cell.
const MARKDOWN: &str = concat!(
    "### Kaliningrad — 1,000 km\n",
    "\n",
    "- 54.71° N, 20.51° E.\n",
    "- 5 places in 3 countries, 3 capitals, population 6.4 million.\n",
    "- Land within range 437,237 km²: Poland 185,612; Belarus 120,035; Lithuania 65,286; Latvia 41,308; Russia 15,126.\n",
    "\n",
    "| place | country | population | distance (km) | bearing |\n",
    "| --- | --- | ---: | ---: | ---: |\n",
    "| Gdańsk, \"Danzig\" | PL | 461,865 | 127.1 | 252° |\n",
    "| Kaunas \\| Kovno | LT | 315,993 | 219.6 | 83° |\n",
    "| **Warsaw** | PL | 1,702,139 | 278.0 | 173° |\n",
    "\n",
    "2 more places not listed. Capitals in bold.\n",
    "\n",
    "### Kaliningrad — 500–1,000 km\n",
    "\n",
    "- 54.71° N, 20.51° E.\n",
    "- 1 place in 1 country, 1 capital, population 3.4 million.\n",
    "\n",
    "| place | country | population | distance (km) | bearing |\n",
    "| --- | --- | ---: | ---: | ---: |\n",
    "| **Berlin** | DE | 3,426,354 | 528.7 | 246° |\n",
    "\n",
);

#[test]
fn markdown_bolds_capitals_and_escapes_pipes_in_names() {
    let places = places();
    assert_credit_optional(
        |c| markdown(&reach_results(), &places, Some(3), c),
        MARKDOWN,
        &markdown_credit(),
        &markdown_people(),
    );
}

#[test]
fn markdown_says_one_more_place_in_the_singular() {
    let text = markdown(&[kaliningrad_1000()], &places(), Some(4), counted(false));
    assert!(text.ends_with(&format!(
        "| **Vilnius** | LT | 542,366 | 307.5 | 88° |\n\n1 more place not listed. Capitals in bold.\n\n{}",
        markdown_people()
    )));
}

#[test]
fn csv_places_quotes_commas_and_quotes_and_leaves_a_range_without_minimum_empty() {
    let expected = concat!(
        "site,site_lat,site_lon,site_position,range,min_km,max_km,low_km,name,country_code,country,lat,lon,population,capital,distance_km,bearing_deg,within_low,flight_min\n",
        "Kaliningrad,54.71,20.51,site,\"1,000 km\",,1000.0,,\"Gdańsk, \"\"Danzig\"\"\",PL,Poland,54.35205,18.64637,461865,false,127.053,252.48,,\n",
        "Kaliningrad,54.71,20.51,site,\"1,000 km\",,1000.0,,Kaunas | Kovno,LT,Lithuania,54.90272,23.90961,315993,false,219.63,83.01,,\n",
        "Kaliningrad,54.71,20.51,site,\"1,000 km\",,1000.0,,Warsaw,PL,Poland,52.22977,21.01178,1702139,true,278.039,172.91,,\n",
        "Kaliningrad,54.71,20.51,site,\"1,000 km\",,1000.0,,Vilnius,LT,Lithuania,54.68916,25.2798,542366,true,307.465,88.49,,\n",
        "Kaliningrad,54.71,20.51,site,\"1,000 km\",,1000.0,,Berlin,DE,Germany,52.52437,13.41053,3426354,true,528.716,245.52,,\n",
        "Kaliningrad,54.71,20.51,site,\"500–1,000 km\",500.0,1000.0,,Berlin,DE,Germany,52.52437,13.41053,3426354,true,528.716,245.52,,\n",
    );
    assert_eq!(csv_places(&reach_results(), &places()).unwrap(), expected);
}

#[test]
fn csv_totals_has_a_row_per_site_and_range_and_no_land_where_none_was_measured() {
    let expected = concat!(
        "site,site_lat,site_lon,site_position,range,min_km,max_km,places,capitals,population,countries,land_km2,low_km,places_within_low,capitals_within_low,population_within_low,countries_within_low,land_km2_within_low,grid_population,grid_population_within_low\n",
        "Kaliningrad,54.71,20.51,site,\"1,000 km\",,1000,5,3,6448717,3,437237,,,,,,,,\n",
        "Kaliningrad,54.71,20.51,site,\"500–1,000 km\",500,1000,1,1,3426354,1,,,,,,,,,\n",
    );
    assert_eq!(csv_totals(&reach_results()).unwrap(), expected);
}

/// Pretty-printed with serde_json's defaults: keys sorted, two-space indent, land null where
/// not measured, the attribution null without the credit.
const JSON: &str = concat!(
    "{\n",
    "  \"attribution\": null,\n",
    "  \"distances\": \"geodesic on WGS84 (Karney); a place is within a range when closer than it, within a band when at least its minimum and closer than its maximum, within an estimate (low and high figures) when closer than its high figure, and within_low tells whether it is closer than the low one too\",\n",
    "  \"generator\": \"reachmap ",
    env!("CARGO_PKG_VERSION"),
    "\",\n",
    "  \"population_counts\": \"people in the five test places\",\n",
    "  \"results\": [\n",
    "    {\n",
    "      \"land\": {\n",
    "        \"by_country\": [\n",
    "          {\n",
    "            \"country\": \"Poland\",\n",
    "            \"km2\": 185612.0\n",
    "          },\n",
    "          {\n",
    "            \"country\": \"Belarus\",\n",
    "            \"km2\": 120035.0\n",
    "          },\n",
    "          {\n",
    "            \"country\": \"Lithuania\",\n",
    "            \"km2\": 65286.0\n",
    "          },\n",
    "          {\n",
    "            \"country\": \"Latvia\",\n",
    "            \"km2\": 41308.0\n",
    "          },\n",
    "          {\n",
    "            \"country\": \"Russia\",\n",
    "            \"km2\": 15126.0\n",
    "          },\n",
    "          {\n",
    "            \"country\": \"Germany\",\n",
    "            \"km2\": 9870.0\n",
    "          }\n",
    "        ],\n",
    "        \"total_km2\": 437237.0\n",
    "      },\n",
    "      \"places\": [\n",
    "        {\n",
    "          \"bearing_deg\": 252.48,\n",
    "          \"capital\": false,\n",
    "          \"country\": \"Poland\",\n",
    "          \"country_code\": \"PL\",\n",
    "          \"distance_km\": 127.053,\n",
    "          \"flight_min\": null,\n",
    "          \"lat\": 54.35205,\n",
    "          \"lon\": 18.64637,\n",
    "          \"name\": \"Gdańsk, \\\"Danzig\\\"\",\n",
    "          \"population\": 461865,\n",
    "          \"within_low\": null\n",
    "        },\n",
    "        {\n",
    "          \"bearing_deg\": 83.01,\n",
    "          \"capital\": false,\n",
    "          \"country\": \"Lithuania\",\n",
    "          \"country_code\": \"LT\",\n",
    "          \"distance_km\": 219.63,\n",
    "          \"flight_min\": null,\n",
    "          \"lat\": 54.90272,\n",
    "          \"lon\": 23.90961,\n",
    "          \"name\": \"Kaunas | Kovno\",\n",
    "          \"population\": 315993,\n",
    "          \"within_low\": null\n",
    "        }\n",
    "      ],\n",
    "      \"places_listed\": 2,\n",
    "      \"range\": {\n",
    "        \"label\": \"1,000 km\",\n",
    "        \"max_km\": 1000.0,\n",
    "        \"min_km\": null\n",
    "      },\n",
    "      \"site\": {\n",
    "        \"lat\": 54.71,\n",
    "        \"lon\": 20.51,\n",
    "        \"name\": \"Kaliningrad\"\n",
    "      },\n",
    "      \"totals\": {\n",
    "        \"capitals\": 3,\n",
    "        \"countries\": [\n",
    "          \"DE\",\n",
    "          \"LT\",\n",
    "          \"PL\"\n",
    "        ],\n",
    "        \"places\": 5,\n",
    "        \"population\": 6448717\n",
    "      }\n",
    "    },\n",
    "    {\n",
    "      \"land\": null,\n",
    "      \"places\": [\n",
    "        {\n",
    "          \"bearing_deg\": 245.52,\n",
    "          \"capital\": true,\n",
    "          \"country\": \"Germany\",\n",
    "          \"country_code\": \"DE\",\n",
    "          \"distance_km\": 528.716,\n",
    "          \"flight_min\": null,\n",
    "          \"lat\": 52.52437,\n",
    "          \"lon\": 13.41053,\n",
    "          \"name\": \"Berlin\",\n",
    "          \"population\": 3426354,\n",
    "          \"within_low\": null\n",
    "        }\n",
    "      ],\n",
    "      \"places_listed\": 1,\n",
    "      \"range\": {\n",
    "        \"label\": \"500–1,000 km\",\n",
    "        \"max_km\": 1000.0,\n",
    "        \"min_km\": 500.0\n",
    "      },\n",
    "      \"site\": {\n",
    "        \"lat\": 54.71,\n",
    "        \"lon\": 20.51,\n",
    "        \"name\": \"Kaliningrad\"\n",
    "      },\n",
    "      \"totals\": {\n",
    "        \"capitals\": 1,\n",
    "        \"countries\": [\n",
    "          \"DE\"\n",
    "        ],\n",
    "        \"places\": 1,\n",
    "        \"population\": 3426354\n",
    "      }\n",
    "    }\n",
    "  ]\n",
    "}",
);

#[test]
fn json_lists_the_nearest_places_with_rounded_distances_and_bearings() {
    let value = json(&reach_results(), &places(), Some(2), counted(false));
    assert_eq!(serde_json::to_string_pretty(&value).unwrap(), JSON);
    let credited = json(&reach_results(), &places(), Some(2), counted(true));
    assert_eq!(credited["attribution"], GEONAMES_CREDIT);
}

/// Site names padded to the longest; the other columns 8, 8, 15, 9 and 12 wide, right-aligned.
const COMPARE_TABLE: &str = concat!(
    "1,000 km\n",
    "  site           places  capitals       population  countries      land km²\n",
    "  Kaliningrad         5         3        6,448,717          3       437,237\n",
    "  Grodno              5         3        6,448,717          3             –\n",
    "\n",
    "500–1,000 km\n",
    "  site           places  capitals       population  countries      land km²\n",
    "  Kaliningrad         1         1        3,426,354          1             –\n",
    "\n",
);

#[test]
fn compare_table_groups_sites_under_each_range_with_a_dash_for_unmeasured_land() {
    assert_credit_optional(|c| compare_table(&compare_results(), c), COMPARE_TABLE, &text_credit(), &text_people());
}

const COMPARE_MARKDOWN: &str = concat!(
    "### 1,000 km\n",
    "\n",
    "| site | places | capitals | population | countries | land (km²) |\n",
    "| --- | ---: | ---: | ---: | ---: | ---: |\n",
    "| Kaliningrad | 5 | 3 | 6,448,717 | 3 | 437,237 |\n",
    "| Grodno | 5 | 3 | 6,448,717 | 3 | – |\n",
    "\n",
    "### 500–1,000 km\n",
    "\n",
    "| site | places | capitals | population | countries | land (km²) |\n",
    "| --- | ---: | ---: | ---: | ---: | ---: |\n",
    "| Kaliningrad | 1 | 1 | 3,426,354 | 1 | – |\n",
    "\n",
);

#[test]
fn compare_markdown_has_a_table_per_range() {
    assert_credit_optional(
        |c| compare_markdown(&compare_results(), c),
        COMPARE_MARKDOWN,
        &markdown_credit(),
        &markdown_people(),
    );
}

#[test]
fn a_site_name_with_a_pipe_is_escaped_in_the_compare_markdown() {
    let mut result = kaliningrad_band();
    result.origin = Site::new("Kaliningrad | Königsberg", 54.71, 20.51).unwrap().into();
    assert!(
        compare_markdown(&[result], counted(false))
            .contains("\n| Kaliningrad \\| Königsberg | 1 | 1 | 3,426,354 | 1 | – |\n")
    );
}

/// 1,234 places a kilometre apart, none a capital: counts grouped in thousands, the one listed
/// and the rest counted.
#[test]
fn counts_of_a_thousand_or_more_are_grouped() {
    let places: Vec<Place> =
        (1..=1234).map(|i| place(&format!("Town {i}"), "PL", "Poland", 54.0, 20.0, 1_000, false)).collect();
    let result = Coverage {
        origin: kaliningrad().into(),
        label: "1,500 km".into(),
        reach: Reach::Within(km(1500.0)),
        hits: (0..1234).map(|i| hit(i, 1000.0 * (i + 1) as f64, 90.0)).collect(),
        totals: Totals { places: 1234, capitals: 0, population: 1_234_000, countries: vec!["PL".into()] },
        land: None,
        within_low: None,
        flight: None,
        targets: Vec::new(),
        grid: None,
    };
    let expected = concat!(
        "Kaliningrad (54.71° N, 20.51° E) — 1,500 km\n",
        "  1,234 places in 1 country, 0 capitals, population 1.2 million\n",
        "  distance km  bearing  place     country   population\n",
        "          1.0      90°  Town 1    PL             1,000\n",
        "  … 1,233 more (--limit to show more); * capital\n",
        "\n",
        "Population totals: people in the five test places\n",
    );
    assert_eq!(table(std::slice::from_ref(&result), &places, Some(1), counted(false)), expected);
    let text = markdown(std::slice::from_ref(&result), &places, Some(1), counted(false));
    assert!(text.contains("- 54.71° N, 20.51° E.\n- 1,234 places in 1 country, 0 capitals, population 1.2 million.\n"));
    assert!(text.ends_with(&format!(
        "| Town 1 | PL | 1,000 | 1.0 | 90° |\n\n1,233 more places not listed. Capitals in bold.\n\n{}",
        markdown_people()
    )));
}

#[test]
fn the_entry_points_pick_the_writer_for_the_format() {
    let (results, places) = (reach_results(), places());
    let report = |format, limit, credit, totals_only| {
        places_report(format, &results, &places, limit, counted(credit), totals_only)
    };
    assert_eq!(
        report(ReportFormat::Table, Some(3), true, false).unwrap(),
        format!("{TABLE}{}{}", text_credit(), text_people())
    );
    assert_eq!(
        report(ReportFormat::Markdown, Some(3), false, false).unwrap(),
        format!("{MARKDOWN}{}", markdown_people())
    );
    assert_eq!(report(ReportFormat::Csv, None, false, false).unwrap(), csv_places(&results, &places).unwrap());
    assert_eq!(report(ReportFormat::Csv, None, false, true).unwrap(), csv_totals(&results).unwrap());
    assert_eq!(report(ReportFormat::Json, Some(2), false, false).unwrap(), format!("{JSON}\n"));

    let results = compare_results();
    assert_eq!(
        compare_report(ReportFormat::Table, &results, &places, counted(false)).unwrap(),
        format!("{COMPARE_TABLE}{}", text_people())
    );
    assert_eq!(
        compare_report(ReportFormat::Markdown, &results, &places, counted(false)).unwrap(),
        format!("{COMPARE_MARKDOWN}{}", markdown_people())
    );
    assert_eq!(
        compare_report(ReportFormat::Csv, &results, &places, counted(false)).unwrap(),
        csv_totals(&results).unwrap()
    );
    // Compare's JSON has the totals, not the places.
    let compared: serde_json::Value =
        serde_json::from_str(&compare_report(ReportFormat::Json, &results, &places, counted(false)).unwrap()).unwrap();
    assert_eq!(compared["results"].as_array().unwrap().len(), 3);
    for result in compared["results"].as_array().unwrap() {
        assert_eq!((result["places"].as_array().unwrap().len(), &result["places_listed"]), (0, &serde_json::json!(0)));
    }
    assert_eq!(compared["results"][2]["totals"]["places"], 5);
}

#[test]
fn formats_are_named_and_list_twenty_places_for_people_and_all_for_programs() {
    for (name, format, limit) in [
        ("table", ReportFormat::Table, Some(20)),
        ("markdown", ReportFormat::Markdown, Some(20)),
        ("md", ReportFormat::Markdown, Some(20)),
        ("csv", ReportFormat::Csv, None),
        ("json", ReportFormat::Json, None),
    ] {
        assert_eq!(ReportFormat::parse(name, "--format").unwrap(), format);
        assert_eq!(format.default_limit(), limit, "{name}");
    }
    let err = ReportFormat::parse("xml", "--format").unwrap_err().to_string();
    assert!(err.contains("--format") && err.contains("\"xml\"") && err.contains("table, markdown, csv, json"), "{err}");
}

#[test]
fn the_credit_names_geonames_and_its_licence() {
    assert!(GEONAMES_CREDIT.starts_with("Places: GeoNames (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/)"));
}
