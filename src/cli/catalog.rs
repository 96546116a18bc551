//! `reachmap catalog`: the catalog of systems and band sets, with every figure's source.

use anyhow::Result;
use reachmap::output::Output;

#[derive(Debug, clap::Args)]
pub(super) struct CatalogArgs {
    /// A catalog file of your own (same format as assets/catalog/systems.toml), listed with the
    /// built-in one; its entries replace built-in entries of the same id.
    #[arg(long, value_name = "FILE")]
    catalog: Option<String>,
}

pub(super) fn run(raw: CatalogArgs) -> Result<()> {
    use reachmap::catalog::{Basis, Catalog, RangeKm};
    use reachmap::export::geojson::format_km;
    let mut catalog = Catalog::builtin()?;
    if let Some(path) = &raw.catalog {
        catalog.merge(Catalog::from_file(std::path::Path::new(path))?);
    }
    let range = |r: &RangeKm| match r {
        RangeKm::Single(km) => format!("{} km", format_km(*km)),
        RangeKm::LowHigh([low, high]) => format!("{}–{} km", format_km(*low), format_km(*high)),
    };
    let mut text = String::from("Systems (range drawn; the figures behind it):\n");
    for s in &catalog.systems {
        text.push_str(&format!("\n{:<12} {} — {}, {}\n", s.id, s.name, s.country, s.kind));
        text.push_str(&format!("{:<12} range: {}\n", "", range(&s.range_km)));
        for f in &s.figures {
            let basis = match f.basis {
                Basis::Claim => "claim",
                Basis::Assessment => "assessment",
                Basis::Reported => "reported",
                Basis::Requirement => "requirement",
            };
            text.push_str(&format!("{:<12} {} {}: {} ({})\n", "", basis, range(&f.range_km), f.source, f.date));
            if let Some(note) = &f.note {
                text.push_str(&format!("{:<14} {note}\n", ""));
            }
        }
    }
    text.push_str("\nBand sets:\n");
    for set in &catalog.band_sets {
        let bands: Vec<String> = set
            .bands
            .iter()
            .map(|b| format!("{} {}–{} km", b.name, format_km(b.min_km), format_km(b.max_km)))
            .collect();
        text.push_str(&format!(
            "\n{:<12} {}: {}\n{:<12} source: {}\n",
            set.id,
            set.name,
            bands.join("; "),
            "",
            set.source
        ));
    }
    Output::Stdout.write_with(|out| out.write_all(text.as_bytes()))?;
    Ok(())
}
