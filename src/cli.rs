//! Command-line arguments in two stages: raw clap structs (no I/O, no validation beyond
//! syntax), then a validated configuration built from the library's types.

use anyhow::Result;
use clap::{Parser, Subcommand};
use reachmap::export::geojson::{RangeFeature, feature_collection};
use reachmap::output::Output;
use reachmap::{Error, Radius, Reach, Site, Tolerance};

/// Exact geodesic missile range rings and bands on the WGS84 ellipsoid.
#[derive(Debug, Parser)]
#[command(name = "reachmap", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write range rings and bands around sites as a GeoJSON FeatureCollection (RFC 7946).
    Rings(RingsArgs),
}

#[derive(Debug, clap::Args)]
struct RingsArgs {
    /// A site as NAME=LAT,LON (decimal degrees, or forms like 54.71N 20.51E or
    /// 54°42′36″N 20°30′36″E). Repeat for several sites.
    #[arg(long = "site", value_name = "NAME=LAT,LON", required = true)]
    sites: Vec<String>,

    /// Ranges in km, comma-separated or repeated: every point closer than each range.
    #[arg(long = "range-km", value_name = "R[,R...]", allow_hyphen_values = true)]
    ranges_km: Vec<String>,

    /// A band MIN:MAX in km: every point at least MIN and less than MAX away. Repeatable.
    #[arg(long = "band", value_name = "MIN:MAX", allow_hyphen_values = true)]
    bands: Vec<String>,

    /// Largest distance, in metres, between any edge (straight in lon/lat) and the true circle.
    #[arg(
        long = "tolerance-m",
        value_name = "T",
        default_value = "10",
        allow_hyphen_values = true
    )]
    tolerance_m: String,

    /// Decimal places of coordinates in the output (6 ≈ 0.1 m).
    #[arg(
        long,
        value_name = "N",
        default_value = "6",
        allow_hyphen_values = true
    )]
    precision: String,

    /// Output file, or - for standard output (the default).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: String,
}

/// A `rings` run, validated.
struct RingsJob {
    sites: Vec<Site>,
    reaches: Vec<Reach>,
    tolerance: Tolerance,
    decimals: u8,
    output: Output,
}

pub fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Rings(raw) => rings(RingsJob::from_args(raw)?),
    }
}

impl RingsJob {
    fn from_args(raw: RingsArgs) -> Result<RingsJob, Error> {
        let sites = raw
            .sites
            .iter()
            .map(|s| Site::parse_spec(s))
            .collect::<Result<Vec<_>, _>>()?;
        let mut reaches = Vec::new();
        for list in &raw.ranges_km {
            refuse_thousands_separator(list, "--range-km")?;
            for text in list.split(',') {
                let km = parse_number(text, "--range-km")?;
                reaches.push(Reach::Within(Radius::from_km(km, "--range-km")?));
            }
        }
        for text in &raw.bands {
            let Some((min, max)) = text.split_once(':') else {
                return Err(Error::Invalid {
                    field: "--band".into(),
                    value: text.clone(),
                    reason: "expected MIN:MAX in km, e.g. 500:5500".into(),
                });
            };
            let min = Radius::from_km(parse_number(min, "--band minimum")?, "--band minimum")?;
            let max = Radius::from_km(parse_number(max, "--band maximum")?, "--band maximum")?;
            reaches.push(Reach::band(min, max, "--band")?);
        }
        if reaches.is_empty() {
            return Err(Error::Invalid {
                field: "--range-km / --band".into(),
                value: String::new(),
                reason: "nothing to compute: give at least one --range-km or --band".into(),
            });
        }
        let tolerance = Tolerance::from_m(
            parse_number(&raw.tolerance_m, "--tolerance-m")?,
            "--tolerance-m",
        )?;
        let decimals = match raw.precision.trim().parse::<u8>() {
            Ok(d) if d <= 15 => d,
            _ => {
                return Err(Error::OutOfRange {
                    field: "--precision".into(),
                    value: raw.precision.clone(),
                    allowed: "a whole number from 0 to 15".into(),
                });
            }
        };
        let output = Output::parse(&raw.output, "--output")?;
        Ok(RingsJob {
            sites,
            reaches,
            tolerance,
            decimals,
            output,
        })
    }
}

/// Refuses `5,500` and the like: the comma separates ranges, so it would silently mean 5 km and
/// 500 km where the user almost certainly meant 5,500 km.
fn refuse_thousands_separator(list: &str, field: &str) -> Result<(), Error> {
    let parts: Vec<&str> = list.split(',').map(str::trim).collect();
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.len() > 1 && digits(parts[0], 1..=2) && parts[1..].iter().all(|p| digits(p, 3..=3)) {
        return Err(Error::Invalid {
            field: field.into(),
            value: list.into(),
            reason: format!(
                "looks like a number with a thousands separator; commas separate ranges, so write {} (or {} for several ranges)",
                parts.concat(),
                parts.join(" --range-km ")
            ),
        });
    }
    Ok(())
}

/// A number as typed on the command line; `1,000`-style grouping is not accepted because the
/// comma separates values.
fn parse_number(text: &str, field: &str) -> Result<f64, Error> {
    text.trim().parse::<f64>().map_err(|_| Error::Invalid {
        field: field.into(),
        value: text.into(),
        reason: "expected a number".into(),
    })
}

fn rings(job: RingsJob) -> Result<()> {
    let mut features = Vec::with_capacity(job.sites.len() * job.reaches.len());
    for site in &job.sites {
        for reach in &job.reaches {
            features.push(RangeFeature {
                site: site.clone(),
                reach: *reach,
                region: reach.region(site, job.tolerance),
            });
        }
    }
    let collection = feature_collection(&features, job.decimals);
    job.output.write_with(|out| {
        serde_json::to_writer(&mut *out, &collection)?;
        out.write_all(b"\n")
    })?;
    Ok(())
}
