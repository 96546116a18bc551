//! `reachmap footprint`: from where targets can be reached, as GeoJSON.

use anyhow::Result;
use reachmap::export::geojson::footprint_feature;
use reachmap::footprint::{Combine, footprint};
use reachmap::output::Output;
use reachmap::rotation::Earth;
use reachmap::{Error, Field, Radius, Tolerance};

use super::{parse_number, parse_range_km, refuse_thousands_separator};

#[derive(Debug, clap::Args)]
pub(super) struct FootprintArgs {
    /// A target: NAME=LAT,LON, a position, or a gazetteer name (Moscow; "Naha, JP"). Repeat for
    /// several.
    #[arg(long = "target", value_name = "NAME=LAT,LON|NAME", required = true)]
    targets: Vec<String>,

    /// The range, km.
    #[arg(long = "range-km", value_name = "R", conflicts_with = "system", allow_hyphen_values = true)]
    range_km: Option<String>,

    /// A catalog system's range instead (an estimate gives two features: under every figure,
    /// and if the high figure holds).
    #[arg(long, value_name = "ID")]
    system: Option<String>,

    /// Where at least one target is within range, instead of every one.
    #[arg(long)]
    any: bool,

    /// Largest distance, in metres, between any edge (straight in lon/lat) and the true boundary.
    #[arg(long = "tolerance-m", value_name = "T", default_value = "10", allow_hyphen_values = true)]
    tolerance_m: String,

    /// Output file, or - for standard output (the default).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: String,

    #[command(flatten)]
    earth: super::EarthArgs,
}

pub(super) fn run(raw: FootprintArgs) -> Result<()> {
    let targets =
        raw.targets.iter().map(|t| reachmap::places::target(t, "--target")).collect::<Result<Vec<_>, Error>>()?;
    let tolerance = Tolerance::from_m(parse_number(&raw.tolerance_m, "--tolerance-m")?, "--tolerance-m")?;
    let output = Output::parse(&raw.output, "--output")?;
    let combine = if raw.any { Combine::Any } else { Combine::All };
    let earth = match &raw.earth.earth {
        Some(text) => Earth::parse(text.trim(), "--earth")?,
        None => Earth::NonRotating,
    };
    let mut ballistic = raw.earth.ballistic;
    // The ranges to draw: one, or an estimate's two figures, each with what it means.
    let ranges: Vec<(Radius, Option<&str>)> = match (&raw.range_km, &raw.system) {
        (Some(text), None) => {
            refuse_thousands_separator(text, "--range-km")?;
            vec![(Radius::from_km(parse_range_km(text, "--range-km")?, "--range-km")?, None)]
        }
        (None, Some(id)) => {
            let catalog = reachmap::catalog::Catalog::builtin()?;
            let system =
                catalog.system(id).ok_or_else(|| Error::invalid("--system", id, catalog.unknown_system(id)))?;
            let reach = system.range_km.reach("--system")?;
            ballistic |= system.flight.as_ref().is_some_and(|f| f.profile == reachmap::flight::Kind::Ballistic);
            match reach.low() {
                Some(low) => vec![
                    (low, Some("in range under every figure")),
                    (reach.outer(), Some("in range only if the high figure holds")),
                ],
                None => vec![(reach.outer(), None)],
            }
        }
        _ => {
            return Err(
                Error::invalid("--range-km / --system", "", "give the range: --range-km R or --system ID").into()
            );
        }
    };
    let rotating = earth == Earth::Rotating && ballistic;
    if earth == Earth::Rotating && !rotating {
        eprintln!(
            "note: the range is drawn as quoted: the Earth's rotation is applied to ballistic systems only (give --ballistic to read --range-km as ballistic)"
        );
    }
    let names: Vec<String> = targets.iter().map(|t| t.name().to_string()).collect();
    let mut features = Vec::new();
    for (radius, meaning) in ranges {
        let region = match rotating {
            true => reachmap::rotation::footprint::footprint(&targets, radius, combine, tolerance),
            false => footprint(&targets, radius, combine, tolerance),
        }
        .map_err(|e| {
            e.naming(Field::Target, "--target").naming(Field::Range, "--range-km / --system with --earth rotating")
        })?;
        features.push(footprint_feature(&region, &names, combine, radius, raw.system.as_deref(), meaning, rotating));
    }
    let collection = geojson::FeatureCollection::from_iter(features);
    output.write_with(|out| {
        serde_json::to_writer(&mut *out, &collection)?;
        out.write_all(b"\n")
    })?;
    Ok(())
}
