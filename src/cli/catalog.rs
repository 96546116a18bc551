//! `reachmap catalog`: the catalog of systems and band sets, with every figure's source; with
//! `--places`, the strategic places that names resolve against, with every position's source.

use anyhow::Result;
use reachmap::catalog::Catalog;
use reachmap::output::Output;

#[derive(Debug, clap::Args)]
pub(super) struct CatalogArgs {
    /// A catalog file of your own (same format as assets/catalog/systems.toml), listed with the
    /// built-in one; its entries replace built-in entries of the same id.
    #[arg(long, value_name = "FILE", conflicts_with = "places")]
    catalog: Option<String>,
    /// List the built-in strategic places instead (bases, launch and missile-defence sites, the
    /// occupied features of the Spratly and Paracel Islands, strategic islands): the names
    /// `--site`, `--target` and scenarios accept beside the gazetteer's, each with its position
    /// and the source of that position.
    #[arg(long)]
    places: bool,
}

pub(super) fn run(raw: CatalogArgs) -> Result<()> {
    if raw.places {
        let listing = reachmap::strategic::listing()?;
        Output::Stdout.write_with(|out| out.write_all(listing.as_bytes()))?;
        return Ok(());
    }
    let mut catalog = Catalog::builtin()?;
    if let Some(path) = &raw.catalog {
        catalog.merge(Catalog::from_file(std::path::Path::new(path))?);
    }
    Output::Stdout.write_with(|out| out.write_all(catalog.listing().as_bytes()))?;
    Ok(())
}
