//! `reachmap rings`: rings and bands around sites as a GeoJSON FeatureCollection, or as KML or
//! KMZ for Google Earth.

use anyhow::Result;
use reachmap::export::geojson::{feature_collection, multipolygon_collection};
use reachmap::export::kml::{KmlFormat, KmlRanges};
use reachmap::output::Output;
use reachmap::{Error, Field, Tolerance};

use super::{AreaArgs, RangeArgs, parse_number, sites_areas_and_ranges};

#[derive(Debug, clap::Args)]
pub(super) struct RingsArgs {
    #[command(flatten)]
    ranges: RangeArgs,

    /// Largest distance, in metres, between any edge (straight in lon/lat; for KML also as a
    /// great circle) and the true circle.
    #[arg(long = "tolerance-m", value_name = "T", default_value = "10", allow_hyphen_values = true)]
    tolerance_m: String,

    /// Decimal places of coordinates in the output (6 ≈ 0.1 m).
    #[arg(long, value_name = "N", default_value = "6", allow_hyphen_values = true)]
    precision: String,

    #[command(flatten)]
    areas: AreaArgs,

    /// Output file, or - for standard output (the default). The format follows the extension:
    /// .kml or .kmz for KML, anything else GeoJSON.
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: String,

    /// The output format, where the file's extension does not say (standard output): geojson
    /// (the default), kml or kmz.
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,

    /// Write every region as a MultiPolygon, even of one polygon, so that a GIS layer made of
    /// the GeoJSON (a GeoPackage) has one geometry type.
    #[arg(long)]
    multipolygon: bool,

    /// Clip the GeoJSON to latitudes within ±DEG (0 < DEG < 90), e.g. 85.05 for Web Mercator: a
    /// region containing a pole is then bounded by that parallel. Regions wholly beyond it are
    /// left out (with a note).
    #[arg(long = "clip-lat", value_name = "DEG", allow_hyphen_values = true)]
    clip_lat: Option<String>,
}

/// What `rings` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RingsFormat {
    GeoJson,
    Kml(KmlFormat),
}

impl RingsFormat {
    const NAMES: &'static str = "geojson, kml, kmz";

    fn parse(text: &str) -> Result<RingsFormat, Error> {
        match text.trim().to_ascii_lowercase().as_str() {
            "geojson" | "json" => Ok(RingsFormat::GeoJson),
            "kml" => Ok(RingsFormat::Kml(KmlFormat::Kml)),
            "kmz" => Ok(RingsFormat::Kml(KmlFormat::Kmz)),
            _ => Err(Error::invalid("--format", text, format!("unknown format; allowed: {}", RingsFormat::NAMES))),
        }
    }

    /// The format `--format` and the output's extension choose together; refuses the two
    /// disagreeing (`rings --format kml -o out.geojson`).
    fn chosen(format: Option<&str>, output: &Output, output_text: &str) -> Result<RingsFormat, Error> {
        let by_extension = match output {
            Output::File(path) => {
                match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                    Some("kml") => Some(RingsFormat::Kml(KmlFormat::Kml)),
                    Some("kmz") => Some(RingsFormat::Kml(KmlFormat::Kmz)),
                    Some("geojson" | "json") => Some(RingsFormat::GeoJson),
                    _ => None,
                }
            }
            Output::Stdout => None,
        };
        let Some(text) = format else { return Ok(by_extension.unwrap_or(RingsFormat::GeoJson)) };
        let given = RingsFormat::parse(text)?;
        match by_extension {
            Some(other) if other != given => Err(Error::invalid(
                "--format",
                text,
                format!(
                    "the output {output_text} names another format by its extension; drop --format or change the extension"
                ),
            )),
            _ => Ok(given),
        }
    }
}

pub(super) fn run(raw: RingsArgs) -> Result<()> {
    let mut ranges = sites_areas_and_ranges(&raw.ranges, raw.areas.parsed()?, &[])?;
    let earth = raw.ranges.earth.apply(Default::default(), &mut ranges.overlays)?;
    let tolerance = Tolerance::from_m(parse_number(&raw.tolerance_m, "--tolerance-m")?, "--tolerance-m")?;
    let decimals = match raw.precision.trim().parse::<u8>() {
        Ok(d) if d <= 15 => d,
        _ => {
            return Err(Error::OutOfRange {
                field: "--precision".into(),
                value: raw.precision.clone(),
                allowed: "a whole number from 0 to 15".into(),
            }
            .into());
        }
    };
    let clip_lat = match &raw.clip_lat {
        Some(text) => {
            let deg = parse_number(text, "--clip-lat")?;
            if !(deg > 0.0 && deg < 90.0) {
                return Err(
                    Error::out_of_range("--clip-lat", deg, "more than 0 and less than 90 degrees, e.g. 85.05").into()
                );
            }
            Some(deg)
        }
        None => None,
    };
    let output = Output::parse(&raw.output, "--output")?;
    let format = RingsFormat::chosen(raw.format.as_deref(), &output, &raw.output)?;
    if let RingsFormat::Kml(kml) = format {
        for (flag, given) in [("--clip-lat", clip_lat.is_some()), ("--multipolygon", raw.multipolygon)] {
            if given {
                return Err(Error::invalid(
                    flag,
                    &raw.output,
                    "applies to GeoJSON output; KML keeps its regions whole (Google Earth draws the poles)",
                )
                .into());
            }
        }
        let names: Vec<&str> =
            ranges.sites.iter().map(|s| s.name()).chain(ranges.areas.iter().map(|a| a.name.as_str())).collect();
        let name = format!("Range rings: {}", names.join(", "));
        let bytes = KmlRanges {
            name: &name,
            description: ranges.sources.clone(),
            sites: &ranges.sites,
            overlays: &ranges.overlays,
            areas: &ranges.areas,
            theme: &reachmap::theme::LIGHT,
            earth,
        }
        .bytes(kml, tolerance, decimals)
        .map_err(|e| {
            e.naming(Field::Tolerance, "--site × --range-km × --tolerance-m")
                .naming(Field::Radius, "--range-km / --system")
                .naming(Field::Range, "--range-km / --band / --system with --earth rotating")
        })?;
        output.write_with(|out| out.write_all(&bytes))?;
        return Ok(());
    }
    let origins = reachmap::origin::origins(&ranges.sites, &ranges.areas);
    let features = reachmap::rotation::features(&origins, &ranges.overlays, tolerance, earth).map_err(|e| {
        e.naming(Field::Tolerance, "--site × --range-km × --tolerance-m").naming(Field::Radius, "--range-km / --system")
    })?;
    let mut features = features;
    if let Some(max_lat) = clip_lat {
        for feature in &mut features {
            let bound = reachmap::clip_lat::bound_at_decimals(max_lat, decimals);
            feature.region = reachmap::clip_lat::clip_lat(&feature.region, bound);
        }
        for feature in features.iter().filter(|f| f.region.0.is_empty()) {
            reachmap::notes::note(format!("{} lies wholly beyond ±{max_lat}° and is left out", feature.label()));
        }
        features.retain(|f| !f.region.0.is_empty());
    }
    let collection = if raw.multipolygon {
        multipolygon_collection(&features, decimals)
    } else {
        feature_collection(&features, decimals)
    };
    output.write_with(|out| {
        serde_json::to_writer(&mut *out, &collection)?;
        out.write_all(b"\n")
    })?;
    Ok(())
}
