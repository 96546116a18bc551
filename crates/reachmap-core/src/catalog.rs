//! The catalog of missile systems and named band sets: range figures with their basis and
//! source. The built-in catalog is `assets/catalog/systems.toml`, embedded in the binary;
//! every entry is validated when it is read.

use std::collections::HashSet;

use serde::Deserialize;

use crate::error::{Error, Field, Result};
use crate::flight::FlightProfile;
use crate::format::format_km;
use crate::range::Reach;
use crate::units::Radius;

/// A range: one figure, or a low and a high one where sources disagree.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum RangeKm {
    /// A single figure, km.
    Single(f64),
    /// Low and high estimates, km.
    LowHigh([f64; 2]),
}

impl RangeKm {
    /// The lowest figure, km.
    pub fn low(&self) -> f64 {
        match *self {
            RangeKm::Single(km) => km,
            RangeKm::LowHigh([low, _]) => low,
        }
    }

    /// The highest figure, km.
    pub fn high(&self) -> f64 {
        match *self {
            RangeKm::Single(km) => km,
            RangeKm::LowHigh([_, high]) => high,
        }
    }

    /// The figure as printed: `1,000 km` or `480–2,350 km`.
    pub fn label(&self) -> String {
        match *self {
            RangeKm::Single(km) => format!("{} km", format_km(km)),
            RangeKm::LowHigh([low, high]) => format!("{}–{} km", format_km(low), format_km(high)),
        }
    }

    /// What to draw and count: a range for a single figure; for a low and a high figure an
    /// estimate — in range within the low figure under every source, within the high one if it
    /// holds (not a band: what is nearer than the low figure is in range too).
    pub fn reach(&self, field: impl Into<Field>) -> Result<Reach> {
        let field: &Field = &field.into();
        match *self {
            RangeKm::Single(km) => Ok(Reach::Within(Radius::from_km(km, field)?)),
            RangeKm::LowHigh([low, high]) => {
                Reach::estimate(Radius::from_km(low, field)?, Radius::from_km(high, field)?, field)
            }
        }
    }
}

/// What kind of statement a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// What the owner or builder says.
    Claim,
    /// A government or intelligence estimate.
    Assessment,
    /// A press or think-tank figure citing others.
    Reported,
    /// A programme requirement, not a demonstrated range.
    Requirement,
}

impl Basis {
    /// The word printed for it: `claim`, `assessment`, `reported`, `requirement`.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Claim => "claim",
            Basis::Assessment => "assessment",
            Basis::Reported => "reported",
            Basis::Requirement => "requirement",
        }
    }
}

/// One sourced range figure.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The figure, km.
    pub range_km: RangeKm,
    /// Claim, assessment, report or requirement.
    pub basis: Basis,
    /// Who says so, where.
    pub source: String,
    /// When (ISO 8601, as precise as known).
    pub date: String,
    /// Anything a reader should know about the figure.
    pub note: Option<String>,
}

/// A missile system with its range and the figures behind it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct System {
    /// Short identifier used in scenarios (`9m729`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The operating country.
    pub country: String,
    /// Basing and type.
    pub kind: String,
    /// The range drawn: one figure or low/high.
    pub range_km: RangeKm,
    /// The sourced figures behind it.
    pub figures: Vec<Figure>,
    /// How it flies, with its source, where one is known: for flight times.
    #[serde(default)]
    pub flight: Option<FlightProfile>,
}

/// A system id or alias as compared: lower case, without spaces, hyphens or dots.
fn fold_id(id: &str) -> String {
    id.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '_')).flat_map(char::to_lowercase).collect()
}

impl System {
    /// The names a system may be given by besides its id, read from its name: the whole name,
    /// the part before the parentheses, each comma-separated part within them, and the first
    /// word of a part that is a designation with a word after it: `9M729 (SSC-8 Screwdriver)`
    /// gives `9M729`, `SSC-8 Screwdriver` and `SSC-8`; `Dark Eagle (Long-Range Hypersonic Weapon,
    /// LRHW)` gives `Dark Eagle`, `Long-Range Hypersonic Weapon` and `LRHW`.
    pub fn aliases(&self) -> Vec<String> {
        let name = self.name.trim();
        let mut parts = vec![name.to_string()];
        if let Some((head, rest)) = name.split_once('(') {
            parts.push(head.trim().to_string());
            let inside = rest.split_once(')').map_or(rest, |(inside, _)| inside);
            parts.extend(inside.split(',').map(|p| p.trim().to_string()));
        }
        let mut aliases = Vec::new();
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            if let Some((first, _)) = part.split_once(' ')
                && first.chars().any(|c| c.is_ascii_digit())
            {
                aliases.push(first.to_string());
            }
            aliases.push(part);
        }
        aliases.dedup();
        aliases
    }

    /// The legend's text: its name and range, with the basis of each figure where the range is
    /// a low and a high one: `Dark Eagle (LRHW): 2,776 km`, `9M729 (SSC-8 Screwdriver): 480 km
    /// (claim) to 2,350 km (reported)`.
    pub fn label(&self) -> String {
        let RangeKm::LowHigh([low, high]) = self.range_km else {
            return format!("{}: {}", self.name, self.range_km.label());
        };
        match self.bases() {
            (Some(a), Some(b)) if a == b => {
                format!("{}: {} to {} km ({a})", self.name, format_km(low), format_km(high))
            }
            (Some(a), Some(b)) => format!("{}: {} km ({a}) to {} km ({b})", self.name, format_km(low), format_km(high)),
            _ => format!("{}: {} to {} km", self.name, format_km(low), format_km(high)),
        }
    }

    /// The basis of the figure each end of a low/high range comes from (claim, reported, …).
    fn bases(&self) -> (Option<&'static str>, Option<&'static str>) {
        let basis_of = |km: f64, end: fn(&RangeKm) -> f64| {
            self.figures.iter().find(|f| end(&f.range_km) == km).map(|f| f.basis.as_str())
        };
        (basis_of(self.range_km.low(), RangeKm::low), basis_of(self.range_km.high(), RangeKm::high))
    }

    /// For a low/high range, the key's two rows: what is in range under every figure, and
    /// what is in range only if the high one holds — `9M729 (SSC-8 Screwdriver): within 480 km
    /// (claim)` and `to 2,350 km (reported), if that figure holds`.
    pub fn estimate_rows(&self) -> Option<[String; 2]> {
        let RangeKm::LowHigh([low, high]) = self.range_km else { return None };
        let (low_basis, high_basis) = self.bases();
        let basis = |b: Option<&str>| b.map(|b| format!(" ({b})")).unwrap_or_default();
        Some([
            format!("{}: within {} km{}", self.name, format_km(low), basis(low_basis)),
            format!("to {} km{}, if that figure holds", format_km(high), basis(high_basis)),
        ])
    }

    /// Its figures for a map's sources line:
    /// `9M729: 480 km (claim), Russian MoD, 2019-01-23; 2,350 km (reported), …`.
    pub fn sources_line(&self) -> String {
        let short = self.name.split(" (").next().unwrap_or(&self.name);
        let figures: Vec<String> = self
            .figures
            .iter()
            .map(|f| format!("{} ({}), {}, {}", f.range_km.label(), f.basis.as_str(), f.source, f.date))
            .collect();
        format!("{short}: {}", figures.join("; "))
    }
}

impl crate::overlay::Overlay {
    /// A system's range around `origins`, with the system's label and key rows.
    pub fn of_system(system: &System, reach: Reach, origins: Vec<crate::origin::Origin>) -> crate::overlay::Overlay {
        crate::overlay::Overlay {
            label: system.label(),
            reach,
            origins,
            system: Some(system.name.clone()),
            estimate_rows: system.estimate_rows(),
            flight: system.flight.clone(),
        }
    }

    /// A system's range around one launch area, its key rows naming the area so that two areas
    /// carrying one system are told apart: `9M729 from Belarus: within 480 km (claim)`.
    pub fn of_system_from_area(system: &System, reach: Reach, area: crate::origin::Origin) -> crate::overlay::Overlay {
        let short = system.name.split(" (").next().unwrap_or(&system.name);
        let from = format!("{short} from {}", area.name());
        let rename = |row: String| match row.strip_prefix(&format!("{}: ", system.name)) {
            Some(rest) => format!("{from}: {rest}"),
            None => row,
        };
        let mut overlay = crate::overlay::Overlay::of_system(system, reach, vec![area]);
        overlay.label = rename(overlay.label);
        overlay.estimate_rows = overlay.estimate_rows.map(|[a, b]| [rename(a), b]);
        overlay
    }
}

/// A band of a named set.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Name (`shorter-range`).
    pub name: String,
    /// Inner limit, km.
    pub min_km: f64,
    /// Outer limit, km.
    pub max_km: f64,
}

/// A named set of bands, such as the INF Treaty's.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandSet {
    /// Identifier (`inf`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Where the bands are defined.
    pub source: String,
    /// The bands.
    pub bands: Vec<Band>,
}

/// Systems and band sets.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Missile systems.
    #[serde(default)]
    pub systems: Vec<System>,
    /// Named band sets.
    #[serde(default)]
    pub band_sets: Vec<BandSet>,
}

impl Catalog {
    /// The built-in catalog.
    ///
    /// ```
    /// let catalog = reachmap_core::catalog::Catalog::builtin().unwrap();
    /// let ssc8 = catalog.system("9m729").unwrap();
    /// assert_eq!((ssc8.range_km.low(), ssc8.range_km.high()), (480.0, 2350.0));
    /// ```
    pub fn builtin() -> Result<Catalog> {
        Catalog::parse(include_str!("../../../assets/catalog/systems.toml"), "assets/catalog/systems.toml")
    }

    /// A catalog from TOML text; `origin` names the file in error messages. Unknown keys,
    /// missing sources, impossible ranges and repeated ids are errors.
    pub fn parse(text: &str, origin: &str) -> Result<Catalog> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let catalog: Catalog =
            toml::from_str(text).map_err(|e| crate::input::Locator::new(origin, text).toml_error(&e))?;
        catalog.validate(origin)?;
        Ok(catalog)
    }

    /// A catalog file of the user's, in the built-in catalog's format.
    pub fn from_file(path: &std::path::Path) -> Result<Catalog> {
        let text = crate::input::read_text(path, crate::input::MAX_SCENARIO_BYTES, "a catalog file")?;
        Catalog::parse(&text, &path.display().to_string())
    }

    /// Adds `other`'s systems and band sets; an entry with an id already present replaces it.
    pub fn merge(&mut self, other: Catalog) {
        for system in other.systems {
            match self.systems.iter_mut().find(|s| s.id == system.id) {
                Some(existing) => *existing = system,
                None => self.systems.push(system),
            }
        }
        for set in other.band_sets {
            match self.band_sets.iter_mut().find(|s| s.id == set.id) {
                Some(existing) => *existing = set,
                None => self.band_sets.push(set),
            }
        }
    }

    /// The catalog as `reachmap catalog` lists it: every system with the range drawn and the
    /// sourced figures behind it, then the band sets.
    pub fn listing(&self) -> String {
        let mut text = String::from("Systems (range drawn; the figures behind it):\n");
        for s in &self.systems {
            text.push_str(&format!("\n{:<12} {} — {}, {}\n", s.id, s.name, s.country, s.kind));
            let range = match s.range_km {
                RangeKm::Single(_) => s.range_km.label(),
                RangeKm::LowHigh([low, high]) => format!(
                    "{} to {} km (within {} km under every figure; to {} km if the high one holds)",
                    format_km(low),
                    format_km(high),
                    format_km(low),
                    format_km(high)
                ),
            };
            text.push_str(&format!("{:<12} range: {range}\n", ""));
            if let Some(flight) = &s.flight {
                text.push_str(&format!("{:<12} flight: {}\n", "", flight.sources_line()));
                if let Some(note) = &flight.note {
                    text.push_str(&format!("{:<14} {note}\n", ""));
                }
            }
            for f in &s.figures {
                text.push_str(&format!(
                    "{:<12} {} {}: {} ({})\n",
                    "",
                    f.basis.as_str(),
                    f.range_km.label(),
                    f.source,
                    f.date
                ));
                if let Some(note) = &f.note {
                    text.push_str(&format!("{:<14} {note}\n", ""));
                }
            }
        }
        text.push_str("\nBand sets:\n");
        for set in &self.band_sets {
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
        text
    }

    /// The system `id` names: its id, or one of its designations or names ([`System::aliases`]),
    /// without regard to case, spaces or hyphens (`9M729`, `SSC-8`, `Dark Eagle`, `LRHW`). An
    /// alias that two systems share names neither.
    ///
    /// ```
    /// let catalog = reachmap_core::catalog::Catalog::builtin().unwrap();
    /// assert_eq!(catalog.system("SSC-8").unwrap().id, "9m729");
    /// assert_eq!(catalog.system("LRHW").unwrap().id, "dark-eagle");
    /// ```
    pub fn system(&self, id: &str) -> Option<&System> {
        let wanted = fold_id(id);
        if let Some(exact) = self.systems.iter().find(|s| fold_id(&s.id) == wanted) {
            return Some(exact);
        }
        let mut named = self.systems.iter().filter(|s| s.aliases().iter().any(|a| fold_id(a) == wanted));
        match (named.next(), named.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// The ids of up to three systems whose id or aliases are spelt nearest `id`.
    pub fn suggest(&self, id: &str) -> Vec<&str> {
        let wanted = fold_id(id);
        let mut near: Vec<(usize, &str)> = self
            .systems
            .iter()
            .flat_map(|s| std::iter::once(s.id.clone()).chain(s.aliases()).map(move |a| (a, s.id.as_str())))
            .map(|(alias, id)| (crate::places::edit_distance_of(&wanted, &fold_id(&alias)), id))
            .collect();
        near.sort();
        let mut suggested: Vec<&str> = Vec::new();
        for (d, id) in near {
            if d <= 3.max(wanted.len() / 3) && !suggested.contains(&id) && suggested.len() < 3 {
                suggested.push(id);
            }
        }
        suggested
    }

    /// The reason an unknown system id is refused: the nearest ids and aliases ("did you
    /// mean"), and every id.
    pub fn unknown_system(&self, id: &str) -> String {
        let suggested = self.suggest(id);
        let known: Vec<&str> = self.systems.iter().map(|s| s.id.as_str()).collect();
        let guess =
            if suggested.is_empty() { String::new() } else { format!("did you mean {}? ", suggested.join(", ")) };
        format!("unknown system id; {guess}`reachmap catalog` lists them: {}", known.join(", "))
    }

    /// The band set with id `id`.
    pub fn band_set(&self, id: &str) -> Option<&BandSet> {
        self.band_sets.iter().find(|s| s.id == id)
    }

    fn validate(&self, origin: &str) -> Result<()> {
        let mut ids = HashSet::new();
        for system in &self.systems {
            let field = format!("{origin}: system {:?}", system.id);
            if system.id.trim().is_empty() || !ids.insert(system.id.as_str()) {
                return Err(Error::invalid(&field, &system.id, "ids must be non-empty and unique"));
            }
            system.range_km.reach(format!("{field} range_km"))?;
            if system.figures.is_empty() {
                return Err(Error::invalid(&field, &system.name, "every system needs at least one sourced figure"));
            }
            for figure in &system.figures {
                figure.range_km.reach(format!("{field} figure range_km"))?;
                if figure.source.trim().is_empty() || figure.date.trim().is_empty() {
                    return Err(Error::invalid(&field, &system.name, "every figure needs a source and a date"));
                }
            }
            if let Some(flight) = &system.flight {
                flight.validate(format!("{field} flight"))?;
            }
            let low = system.figures.iter().map(|f| f.range_km.low()).fold(f64::INFINITY, f64::min);
            let high = system.figures.iter().map(|f| f.range_km.high()).fold(0.0, f64::max);
            if system.range_km.low() < low || system.range_km.high() > high {
                return Err(Error::invalid(
                    &field,
                    &format!("{}–{}", system.range_km.low(), system.range_km.high()),
                    format!("the range drawn must lie within its figures ({low}–{high} km)"),
                ));
            }
        }
        for set in &self.band_sets {
            let field = format!("{origin}: band set {:?}", set.id);
            if set.bands.is_empty() || set.source.trim().is_empty() {
                return Err(Error::invalid(&field, &set.name, "a band set needs bands and a source"));
            }
            for band in &set.bands {
                let min = Radius::from_km(band.min_km, format!("{field} min_km"))?;
                let max = Radius::from_km(band.max_km, format!("{field} max_km"))?;
                Reach::band(min, max, &field)?;
            }
        }
        Ok(())
    }
}
