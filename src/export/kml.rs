//! KML 2.2 for Google Earth and GIS readers: a Placemark per range, band or estimate zone around
//! each site and launch area — named by its label, with the GeoJSON feature's properties as
//! ExtendedData, tinted and outlined in the map's colours — the sites as points and the launch
//! areas as shaded shapes. Written directly (the `kml` crate orders attributes from a hash map,
//! so its output is not byte-reproducible); the same input gives the same bytes.
//!
//! Geometry is the GeoJSON's, cut at ±180° and closed through the poles, so GIS readers, which
//! draw edges straight in lon/lat, read it as they read the GeoJSON. Google Earth draws a
//! ground-clamped polygon's edges as great circles: features for KML should be computed with a
//! tolerance [`with_great_circles`](crate::Tolerance::with_great_circles), so that every edge
//! is within the tolerance of the true circle read either way. Polygons are filled without an
//! outline and the outline is drawn as separate lines without the cut edges, so no seam along
//! 180° or line to the pole is ever stroked: the regions in a folder "Ranges", their outlines
//! in a folder "Range outlines", placemark for placemark with the same name and data, so that
//! QGIS and GDAL read two layers of one geometry type each (MultiPolygon, MultiLineString)
//! rather than GeometryCollections.

use std::fmt::Write as _;

use geojson::{Feature, GeometryValue, JsonValue};

use super::geojson::{range_feature, region_feature};
use crate::areas::NamedArea;
use crate::overlay::{Overlay, RangeFeature};
use crate::range::{Reach, Zone};
use crate::site::Site;
use crate::theme::{LIGHT_TINT, Theme};

/// KML as text, or zipped as KMZ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KmlFormat {
    /// A `.kml` file.
    Kml,
    /// A `.kmz` file: the KML zipped ([`super::kmz::kmz`]).
    Kmz,
}

impl KmlFormat {
    /// The format for a file name's extension (`.kml`, `.kmz`, case-insensitive).
    pub fn from_path(path: &std::path::Path) -> Option<KmlFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "kml" => Some(KmlFormat::Kml),
            "kmz" => Some(KmlFormat::Kmz),
            _ => None,
        }
    }

    /// The document's bytes in this format.
    pub fn bytes(self, doc: &Document) -> crate::error::Result<Vec<u8>> {
        let text = write_kml(doc);
        match self {
            KmlFormat::Kml => Ok(text.into_bytes()),
            KmlFormat::Kmz => super::kmz::kmz(text.as_bytes()),
        }
    }
}

/// What a KML document shows.
#[derive(Debug)]
pub struct Document<'a> {
    /// The document's name (the scenario's title, or what the ranges are).
    pub name: &'a str,
    /// Lines of its description: the sources of the range figures, notes, credits.
    pub description: &'a [String],
    /// The sites, as point Placemarks.
    pub sites: &'a [Site],
    /// The overlays the features belong to, in legend order: each feature takes the colour its
    /// overlay has on the map.
    pub overlays: &'a [Overlay],
    /// Features around sites and launch areas.
    pub ranges: &'a [RangeFeature],
    /// The launch areas themselves, shaded.
    pub areas: &'a [std::sync::Arc<NamedArea>],
    /// The map theme whose colours the features take.
    pub theme: &'a Theme,
    /// Decimal places of coordinates (as the GeoJSON's `--precision`).
    pub decimals: u8,
}

/// Sites', launch areas' and overlays' ranges to export as KML or KMZ: computed at a tolerance
/// for edges read both straight in lon/lat and as great circles, coloured as `theme` draws them.
pub struct KmlRanges<'a> {
    /// The document's name.
    pub name: &'a str,
    /// Lines of its description.
    pub description: Vec<String>,
    /// The sites.
    pub sites: &'a [Site],
    /// The overlays around them.
    pub overlays: &'a [Overlay],
    /// The launch areas.
    pub areas: &'a [std::sync::Arc<NamedArea>],
    /// The theme whose colours the features take.
    pub theme: &'a Theme,
    /// The Earth ballistic ranges are laid out over: over the rotating one, ballistic systems'
    /// regions ([`crate::rotation::features`]), and the model's limits in the description.
    pub earth: crate::rotation::Earth,
}

impl KmlRanges<'_> {
    /// The ranges of a map's scenario, as `render`, `compare` and the local page export them.
    pub fn of_map(spec: &crate::map::MapSpec) -> KmlRanges<'_> {
        KmlRanges {
            name: &spec.document_title,
            description: spec.sources.iter().chain(&spec.notes).cloned().collect(),
            sites: &spec.sites,
            overlays: &spec.overlays,
            areas: &spec.areas,
            theme: &spec.theme,
            earth: spec.earth,
        }
    }

    /// The KML or KMZ bytes, every edge within `tolerance` of the true boundary whether read
    /// straight in lon/lat or as a great circle, coordinates to `decimals` places.
    pub fn bytes(&self, format: KmlFormat, tolerance: crate::Tolerance, decimals: u8) -> crate::error::Result<Vec<u8>> {
        let tolerance = tolerance.with_great_circles();
        let origins = crate::origin::origins(self.sites, self.areas);
        let ranges = crate::rotation::features(&origins, self.overlays, tolerance, self.earth)?;
        let mut description = self.description.clone();
        if self.overlays.iter().any(|o| crate::rotation::applies(o, self.earth))
            && !description.iter().any(|line| line.contains(crate::rotation::LIMITS))
        {
            description.push(format!("{}.", crate::rotation::LIMITS));
        }
        format.bytes(&Document {
            name: self.name,
            description: &description,
            sites: self.sites,
            overlays: self.overlays,
            ranges: &ranges,
            areas: self.areas,
            theme: self.theme,
            decimals,
        })
    }
}

/// Fill opacity where the theme hatches instead of tinting (KML has no hatching).
const MONOCHROME_TINT: f64 = 0.2;

/// Outline width in pixels (KML widths are in screen pixels).
const LINE_WIDTH_PX: f64 = 2.0;

/// The document as KML text.
pub fn write_kml(doc: &Document) -> String {
    let mut out = String::with_capacity(1 << 16);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n",
    );
    element(&mut out, "name", doc.name);
    if !doc.description.is_empty() {
        element(&mut out, "description", &doc.description.join("\n"));
    }

    // Styles: one per overlay and tint that is used, in order of first use, then the sites' and
    // the areas'.
    let placemarks: Vec<(Feature, String)> =
        doc.ranges.iter().map(|f| (range_feature(f, doc.decimals), style_id(f.overlay, &f.reach, f.zone))).collect();
    let mut styles: Vec<&str> = Vec::new();
    for (_, id) in &placemarks {
        if !styles.contains(&id.as_str()) {
            styles.push(id);
        }
    }
    for id in &styles {
        range_style(&mut out, id, doc.theme);
    }
    // Typed fields (KML's Schema), so that GIS tools read numbers as numbers: the sites'
    // position, and each range property with the type of its values.
    out.push_str("<Schema name=\"site\" id=\"site\"><SimpleField type=\"double\" name=\"lat\"/><SimpleField type=\"double\" name=\"lon\"/></Schema>\n");
    let fields = range_fields(&placemarks);
    if !fields.is_empty() {
        out.push_str("<Schema name=\"range\" id=\"range\">");
        for (name, kind) in &fields {
            let _ = write!(out, "<SimpleField type=\"{kind}\" name=\"{}\"/>", escape(name));
        }
        out.push_str("</Schema>\n");
    }
    let ink = doc.theme.ink;
    let _ = writeln!(out, "<Style id=\"site\"><IconStyle><color>{}</color></IconStyle></Style>", kml_color(ink, 1.0));
    let _ = writeln!(
        out,
        "<Style id=\"area\"><LineStyle><color>{}</color><width>{LINE_WIDTH_PX}</width></LineStyle><PolyStyle><color>{}</color></PolyStyle></Style>",
        kml_color(ink, 1.0),
        kml_color(ink, 0.35)
    );

    if !doc.sites.is_empty() {
        out.push_str("<Folder>\n");
        element(&mut out, "name", "Sites");
        for site in doc.sites {
            out.push_str("<Placemark>");
            element(&mut out, "name", site.name());
            out.push_str("<styleUrl>#site</styleUrl><ExtendedData><SchemaData schemaUrl=\"#site\">");
            data(&mut out, "lat", &number(site.lat_deg()));
            data(&mut out, "lon", &number(site.lon_deg()));
            let _ = writeln!(
                out,
                "</SchemaData></ExtendedData><Point><coordinates>{},{}</coordinates></Point></Placemark>",
                number(site.lon_deg()),
                number(site.lat_deg())
            );
        }
        out.push_str("</Folder>\n");
    }
    if !doc.areas.is_empty() {
        out.push_str("<Folder>\n");
        element(&mut out, "name", "Launch areas");
        for area in doc.areas {
            out.push_str("<Placemark>");
            element(&mut out, "name", &area.name);
            out.push_str("<styleUrl>#area</styleUrl>\n");
            match area.area.polygons() {
                Some(polygons) => {
                    let shape = region_feature(polygons, geojson::JsonObject::new(), doc.decimals);
                    // A user's own outline has no cut edges of ours: the area's style strokes it.
                    self::polygons(&mut out, &shape);
                }
                None => {
                    let lines: Vec<Vec<[f64; 2]>> = area
                        .area
                        .outline()
                        .0
                        .iter()
                        .map(|l| l.0.iter().map(|c| [round(c.x, doc.decimals), round(c.y, doc.decimals)]).collect())
                        .collect();
                    out.push_str("<MultiGeometry>");
                    for line in &lines {
                        line_string(&mut out, line);
                    }
                    out.push_str("</MultiGeometry>");
                }
            }
            out.push_str("</Placemark>\n");
        }
        out.push_str("</Folder>\n");
    }
    // The regions, then their outlines, each in a folder of its own: a GIS reads each folder
    // as a layer of one geometry type (MultiPolygon, MultiLineString).
    for (folder, outline) in [("Ranges", false), ("Range outlines", true)] {
        if placemarks.is_empty() {
            break;
        }
        out.push_str("<Folder>\n");
        element(&mut out, "name", folder);
        for (feature, style) in &placemarks {
            out.push_str("<Placemark>");
            let properties = feature.properties.as_ref();
            let label = properties.and_then(|p| p.get("label")).and_then(JsonValue::as_str).unwrap_or("");
            element(&mut out, "name", label);
            let _ = write!(out, "<styleUrl>#{style}</styleUrl><ExtendedData><SchemaData schemaUrl=\"#range\">");
            for (key, value) in properties.into_iter().flatten() {
                let text = match value {
                    JsonValue::String(s) => s.clone(),
                    // An absent value is left out: an empty number would not read as one.
                    JsonValue::Null => continue,
                    other => other.to_string(),
                };
                data(&mut out, key, &text);
            }
            out.push_str("</SchemaData></ExtendedData>\n");
            if outline {
                outlines(&mut out, feature);
            } else {
                polygons(&mut out, feature);
            }
            out.push_str("</Placemark>\n");
        }
        out.push_str("</Folder>\n");
    }
    out.push_str("</Document>\n</kml>\n");
    out
}

/// The style a feature takes: its overlay's colour (by legend order) and its tint — full for a
/// band and for what lies within an estimate's low figure, light between an estimate's
/// figures, none for a plain range (outlined only), as on the map.
fn style_id(index: usize, reach: &Reach, zone: Zone) -> String {
    let tint = match (zone, reach) {
        (Zone::Whole, Reach::Band { .. }) | (Zone::WithinLow, _) => "",
        (Zone::LowToHigh, _) => "-light",
        (Zone::Whole, _) => "-outline",
    };
    format!("range-{}{tint}", index + 1)
}

/// Writes the style called `id` (from [`style_id`]).
fn range_style(out: &mut String, id: &str, theme: &Theme) {
    let rest = id.trim_start_matches("range-");
    let (number, tint) = rest.split_once('-').unwrap_or((rest, ""));
    let index = number.parse::<usize>().unwrap_or(1).saturating_sub(1);
    let color = theme.range_style(index).color;
    let full = if theme.monochrome { MONOCHROME_TINT } else { theme.band_opacity };
    let fill = match tint {
        "light" => full * LIGHT_TINT,
        "outline" => 0.0,
        _ => full,
    };
    let poly = if fill > 0.0 {
        format!("<color>{}</color><outline>0</outline>", kml_color(color, fill))
    } else {
        "<fill>0</fill><outline>0</outline>".to_string()
    };
    let _ = writeln!(
        out,
        "<Style id=\"{id}\"><LineStyle><color>{}</color><width>{LINE_WIDTH_PX}</width></LineStyle><PolyStyle>{poly}</PolyStyle></Style>",
        kml_color(color, 1.0)
    );
}

/// A `#rrggbb` colour with an opacity as KML's `aabbggrr`.
pub fn kml_color(hex: &str, opacity: f64) -> String {
    let hex = hex.trim_start_matches('#').to_ascii_lowercase();
    let (r, g, b) = (&hex[0..2], &hex[2..4], &hex[4..6]);
    let alpha = (opacity.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("{alpha:02x}{b}{g}{r}")
}

/// A feature's polygons, always as a MultiGeometry of Polygons (one geometry type for every
/// placemark of a folder).
fn polygons(out: &mut String, feature: &Feature) {
    out.push_str("<MultiGeometry>\n");
    for polygon in &polygons_of(feature) {
        out.push_str("<Polygon><tessellate>1</tessellate>");
        for (k, ring) in polygon.iter().enumerate() {
            let boundary = if k == 0 { "outerBoundaryIs" } else { "innerBoundaryIs" };
            let _ = write!(out, "<{boundary}><LinearRing><coordinates>");
            coordinates(out, ring);
            let _ = writeln!(out, "</coordinates></LinearRing></{boundary}>");
        }
        out.push_str("</Polygon>\n");
    }
    out.push_str("</MultiGeometry>\n");
}

/// A feature's boundaries as a MultiGeometry of LineStrings, without the edges along ±180° and
/// the poles' lines (which are cuts of ours, not limits of the range).
fn outlines(out: &mut String, feature: &Feature) {
    out.push_str("<MultiGeometry>\n");
    for ring in polygons_of(feature).into_iter().flatten() {
        let ring = geo::LineString::from(ring.iter().map(|&[x, y]| geo::Coord { x, y }).collect::<Vec<_>>());
        for line in crate::cut::without_cut_edges(&[ring]) {
            line_string(out, &line.0.iter().map(|c| [c.x, c.y]).collect::<Vec<_>>());
        }
    }
    out.push_str("</MultiGeometry>\n");
}

fn polygons_of(feature: &Feature) -> Vec<Vec<Vec<[f64; 2]>>> {
    match feature.geometry.as_ref().map(|g| &g.value) {
        Some(GeometryValue::Polygon { coordinates }) => vec![rings_of(coordinates)],
        Some(GeometryValue::MultiPolygon { coordinates }) => coordinates.iter().map(|p| rings_of(p)).collect(),
        _ => Vec::new(),
    }
}

fn rings_of(polygon: &[Vec<geojson::Position>]) -> Vec<Vec<[f64; 2]>> {
    polygon.iter().map(|ring| ring.iter().map(|p| [p.as_slice()[0], p.as_slice()[1]]).collect()).collect()
}

fn line_string(out: &mut String, line: &[[f64; 2]]) {
    out.push_str("<LineString><tessellate>1</tessellate><coordinates>");
    coordinates(out, line);
    out.push_str("</coordinates></LineString>\n");
}

fn coordinates(out: &mut String, points: &[[f64; 2]]) {
    for (k, p) in points.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{},{}", number(p[0]), number(p[1]));
    }
}

/// A number as KML writes it: the shortest decimal that reads back to the same value, never in
/// exponent form.
fn number(v: f64) -> String {
    if v == 0.0 { "0".to_string() } else { format!("{v}") }
}

fn round(v: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(decimals.into());
    (v * scale).round() / scale
}

fn element(out: &mut String, name: &str, text: &str) {
    let _ = writeln!(out, "<{name}>{}</{name}>", escape(text));
}

fn data(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, "<SimpleData name=\"{}\">{}</SimpleData>", escape(name), escape(value));
}

/// The range placemarks' property names, in order of first use, each with its KML type: `int`,
/// `double` or `bool` where every value given is one, else `string`.
fn range_fields(placemarks: &[(Feature, String)]) -> Vec<(String, &'static str)> {
    let mut fields: Vec<(String, &'static str)> = Vec::new();
    for (feature, _) in placemarks {
        for (key, value) in feature.properties.iter().flatten() {
            let kind = match value {
                JsonValue::Null => continue,
                JsonValue::Bool(_) => "bool",
                JsonValue::Number(n) if n.is_i64() || n.is_u64() => "int",
                JsonValue::Number(_) => "double",
                _ => "string",
            };
            match fields.iter_mut().find(|(k, _)| k == key) {
                Some((_, seen)) if *seen != kind => {
                    *seen = if matches!((*seen, kind), ("int", "double") | ("double", "int")) {
                        "double"
                    } else {
                        "string"
                    };
                }
                Some(_) => {}
                None => fields.push((key.clone(), kind)),
            }
        }
    }
    fields
}

/// Text and attribute values with XML's special characters escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_alpha_blue_green_red() {
        // KML colours are aabbggrr: Okabe–Ito blue #0072B2 opaque, and at 14 % opacity.
        assert_eq!(kml_color("#0072B2", 1.0), "ffb27200");
        assert_eq!(kml_color("#0072B2", 0.14), "24b27200");
        assert_eq!(kml_color("#D55E00", 0.0), "00005ed5");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("A & B <\"C\"> 'd'"), "A &amp; B &lt;&quot;C&quot;&gt; &apos;d&apos;");
    }
}
