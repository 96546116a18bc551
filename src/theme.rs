//! Themes: the colours of the base map and the way ranges are told apart. Every theme keeps
//! each range distinguishable without colour as well: outer limits differ in colour, band
//! interiors in fill; in the grayscale theme they differ in dash pattern and hatching angle.
//!
//! A theme is a value a scenario (`[map] theme`) or an option (`--theme`) chooses by name, and
//! the map draws with; it holds colours only, so that the scenario can carry it without the map.

use crate::error::{Error, Field, Result};
use crate::scene::Color;

/// A map's look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Name as given to `--theme`.
    pub name: &'static str,
    /// Sea, and the page behind the globe.
    pub ocean: Color,
    /// Land.
    pub land: Color,
    /// Country borders.
    pub border: Color,
    /// Coastlines.
    pub coast: Color,
    /// Graticule lines.
    pub graticule: Color,
    /// Graticule labels.
    pub graticule_text: Color,
    /// Text and site markers.
    pub ink: Color,
    /// Halo behind text and around markers; the legend's background.
    pub halo: Color,
    /// Small places (capitals, cities): marker and label.
    pub place: Color,
    /// Colours of successive ranges.
    pub palette: &'static [Color],
    /// Opacity of band fills.
    pub band_opacity: f64,
    /// Ranges told apart by dash pattern and hatching instead of colour.
    pub monochrome: bool,
}

/// Okabe–Ito colours, distinct for colour-blind readers, in the order ranges get them.
pub const OKABE_ITO: [Color; 7] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

/// The default: a light map for reports, Okabe–Ito ranges.
pub const LIGHT: Theme = Theme {
    name: "light",
    ocean: "#dbe7f0",
    land: "#f1eee8",
    border: "#a9a9a9",
    coast: "#7f8c97",
    graticule: "#b9c6cf",
    graticule_text: "#5b6a75",
    ink: "#1a1a1a",
    halo: "#ffffff",
    place: "#4d4d4d",
    palette: &OKABE_ITO,
    band_opacity: 0.22,
    monochrome: false,
};

/// For black-and-white printing: grey base map, ranges in black and dark grey, told apart by
/// dash pattern, bands by hatching.
pub const GRAYSCALE: Theme = Theme {
    name: "grayscale",
    ocean: "#ececec",
    land: "#ffffff",
    border: "#9a9a9a",
    coast: "#6e6e6e",
    graticule: "#cfcfcf",
    graticule_text: "#5a5a5a",
    ink: "#000000",
    halo: "#ffffff",
    place: "#404040",
    palette: &["#000000", "#3a3a3a", "#000000", "#3a3a3a", "#000000", "#3a3a3a", "#000000"],
    band_opacity: 0.0,
    monochrome: true,
};

/// For slides: a dark map, Okabe–Ito ranges with the light colours first.
pub const DARK: Theme = Theme {
    name: "dark",
    ocean: "#14202b",
    land: "#2b3742",
    border: "#5e6c78",
    coast: "#7d8d9a",
    graticule: "#33424f",
    graticule_text: "#9aa8b3",
    ink: "#f2f2f2",
    halo: "#14202b",
    place: "#c8d0d6",
    palette: &["#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#D55E00", "#f2f2f2"],
    band_opacity: 0.22,
    monochrome: false,
};

/// The share of a theme's band tint that the zone between an estimate's figures gets (what
/// lies within range only if the high figure holds): light, yet told apart from the full tint
/// and from the ground (`tests/theme_contrast.rs` keeps each difference at ΔE₀₀ ≥ 3).
pub const LIGHT_TINT: f64 = 0.5;

/// Every theme, in the order `--help` lists them.
pub const THEMES: [Theme; 3] = [LIGHT, GRAYSCALE, DARK];

/// How one range is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeStyle {
    /// Outline and label colour.
    pub color: Color,
    /// Dash pattern of the outer limit, in points (empty: solid).
    pub outer_dash_pt: Vec<f64>,
    /// Dash pattern of a band's inner limit, in points.
    pub inner_dash_pt: Vec<f64>,
    /// Hatching angle of a band's interior, degrees from horizontal; None: a plain tint.
    pub hatch_deg: Option<f64>,
}

impl Theme {
    /// The theme called `name`.
    pub fn parse(name: &str, field: impl Into<Field>) -> Result<Theme> {
        THEMES.iter().find(|t| t.name == name.trim()).copied().ok_or_else(|| {
            let names: Vec<&str> = THEMES.iter().map(|t| t.name).collect();
            Error::invalid(field, name, format!("unknown theme; allowed: {}", names.join(", ")))
        })
    }

    /// The style of the `i`-th range drawn.
    pub fn range_style(&self, i: usize) -> RangeStyle {
        let color = self.palette[i % self.palette.len()];
        if !self.monochrome {
            return RangeStyle { color, outer_dash_pt: Vec::new(), inner_dash_pt: vec![4.0, 2.5], hatch_deg: None };
        }
        const DASHES: [&[f64]; 5] = [&[], &[6.0, 2.5], &[1.2, 2.0], &[6.0, 2.0, 1.2, 2.0], &[3.0, 3.0]];
        const HATCHES: [f64; 5] = [45.0, -45.0, 0.0, 90.0, 20.0];
        let outer = DASHES[i % DASHES.len()].to_vec();
        // The inner limit keeps the pattern's rhythm but thins it to short dashes.
        let inner = if outer.is_empty() { vec![2.0, 2.0] } else { outer.iter().map(|d| d * 0.6).collect() };
        RangeStyle { color, outer_dash_pt: outer, inner_dash_pt: inner, hatch_deg: Some(HATCHES[i % HATCHES.len()]) }
    }
}
