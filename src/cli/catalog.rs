//! `reachmap catalog`: the catalog of systems and band sets, with every figure's source.

use anyhow::Result;
use reachmap::catalog::Catalog;
use reachmap::output::Output;

#[derive(Debug, clap::Args)]
pub(super) struct CatalogArgs {
    /// A catalog file of your own (same format as assets/catalog/systems.toml), listed with the
    /// built-in one; its entries replace built-in entries of the same id.
    #[arg(long, value_name = "FILE")]
    catalog: Option<String>,
}

pub(super) fn run(raw: CatalogArgs) -> Result<()> {
    let mut catalog = Catalog::builtin()?;
    if let Some(path) = &raw.catalog {
        catalog.merge(Catalog::from_file(std::path::Path::new(path))?);
    }
    Output::Stdout.write_with(|out| out.write_all(catalog.listing().as_bytes()))?;
    Ok(())
}
