//! A figure for the web: one self-contained HTML file holding the map as inline SVG (fonts
//! embedded, no request of any kind when opened) that scales to its container's width, with
//! details on hover, tap or keyboard focus for every site, target, labelled place, launch area,
//! ring and band (over the rotating Earth, as the map draws them), and a
//! generated text alternative as its caption ([`alt_text`](crate::export::html::alt_text), which `render --alt-text` prints).
//!
//! The details are analysis, as a reach report's are: distances and bearings from the model's
//! sites by geodesy, in or out of each range, flight times by each system's profile. Where
//! they go on the page comes from the same frame the map was drawn in; the SVG itself is the
//! figure `render -o F.svg` writes, byte for byte, inside the page.

use std::fmt::Write;

use geo::Point;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::format::{format_km, group_digits};
use crate::map::{MapSpec, body_top};
use crate::origin::Origin;
use crate::overlay::Overlay;
use crate::range::Reach;
use crate::units::Tolerance;

/// How closely a ring's hover target follows the ring: far finer than the target's width.
const HOT_TOLERANCE: Tolerance = Tolerance::const_m(500.0);

/// The HTML page of `spec`'s figure around `svg`, the figure as `render_svg` wrote it.
pub fn figure_from_svg(spec: &MapSpec, svg: &str) -> Vec<u8> {
    let caption = alt_text(spec);
    let title = spec.title.clone().unwrap_or_else(|| spec.document_title.clone());
    let mut out = String::with_capacity(svg.len() + (64 << 10));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <figure class=\"reachmap\">\n<div class=\"reachmap-map\">\n",
        escape(&title)
    );
    // The SVG's own size (pixels, or millimetres) would fix its width: the view box alone lets
    // it scale.
    let (open, rest) = svg.split_once('>').unwrap_or((svg, ""));
    let open = without_attribute(&without_attribute(open, "width"), "height");
    let _ =
        write!(out, "{open} role=\"img\" aria-labelledby=\"reachmap-caption\" preserveAspectRatio=\"xMidYMid meet\">");
    let body = rest.trim_end().strip_suffix("</svg>").unwrap_or(rest);
    out.push_str(body);
    write_hotspots(&mut out, spec);
    out.push_str("</svg>\n<div class=\"reachmap-tip\" role=\"status\" aria-live=\"polite\" hidden></div>\n</div>\n");
    let _ = write!(out, "<figcaption id=\"reachmap-caption\">{}</figcaption>\n</figure>\n", escape(&caption));
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out.into_bytes()
}

/// The tag `open` without its attribute `name` (its first, with the space before it).
fn without_attribute(open: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    let Some(start) = open.find(&key) else { return open.to_string() };
    match open[start + key.len()..].find('"') {
        Some(end) => format!("{}{}", &open[..start], &open[start + key.len() + end + 1..]),
        None => open.to_string(),
    }
}

/// Hover styles and the tip's look; colours that read on every theme's map.
const STYLE: &str = "body{margin:0;font:15px/1.45 system-ui,sans-serif;color:#222;background:#fff}\
figure.reachmap{margin:0 auto;max-width:1400px;padding:8px}\
.reachmap-map{position:relative}\
.reachmap-map svg{display:block;width:100%;height:auto}\
.reachmap-hot .spot{fill:#fff;fill-opacity:0.01;stroke:none;cursor:pointer}\
.reachmap-hot .ring{fill:none;stroke:#000;stroke-opacity:0.01;cursor:pointer}\
.reachmap-hot .spot:hover,.reachmap-hot .spot:focus,.reachmap-hot .spot.on{fill-opacity:0.35;fill:#f0e442;stroke:#000;stroke-width:2}\
.reachmap-hot .ring:hover,.reachmap-hot .ring:focus,.reachmap-hot .ring.on{stroke:#f0e442;stroke-opacity:0.6}\
.reachmap-hot :focus{outline:none}\
.reachmap-tip{position:absolute;z-index:2;max-width:min(32em,90%);padding:6px 9px;background:#fff;color:#111;\
border:1px solid #333;border-radius:3px;box-shadow:0 2px 6px rgba(0,0,0,.3);font-size:13px;white-space:pre-wrap;pointer-events:none}\
figcaption{font-size:13px;color:#333;margin-top:6px}";

/// Shows a hotspot's details where it is pointed at, tapped or focused; Escape hides them.
const SCRIPT: &str = r#"(function(){
var map=document.currentScript.previousElementSibling.querySelector('.reachmap-map');
var tip=map.querySelector('.reachmap-tip'),svg=map.querySelector('svg'),on=null;
function show(el,x,y){if(on&&on!==el)on.classList.remove('on');on=el;el.classList.add('on');
tip.textContent=el.getAttribute('aria-label');tip.hidden=false;var r=map.getBoundingClientRect();
var left=x-r.left+14,top=y-r.top+14;tip.style.left='0px';tip.style.top='0px';
var w=tip.offsetWidth,h=tip.offsetHeight;if(left+w>r.width)left=Math.max(0,x-r.left-w-14);
if(top+h>r.height)top=Math.max(0,y-r.top-h-14);tip.style.left=left+'px';tip.style.top=top+'px';}
function hide(){if(on)on.classList.remove('on');on=null;tip.hidden=true;}
function spot(t){return t&&t.closest?t.closest('.reachmap-hot [aria-label]'):null;}
svg.addEventListener('pointermove',function(e){var el=spot(e.target);if(el)show(el,e.clientX,e.clientY);else if(e.pointerType==='mouse')hide();});
svg.addEventListener('pointerleave',function(e){if(e.pointerType==='mouse')hide();});
svg.addEventListener('click',function(e){var el=spot(e.target);if(el)show(el,e.clientX,e.clientY);else hide();});
svg.addEventListener('focusin',function(e){var el=spot(e.target);if(!el)return;var b=el.getBoundingClientRect();show(el,b.left+b.width/2,b.top+b.height/2);});
svg.addEventListener('focusout',hide);
document.addEventListener('keydown',function(e){if(e.key==='Escape')hide();});
})();"#;

/// The hotspots over the map, each with its details as its accessible name (`aria-label`, which
/// the tip shows too, its line breaks kept): a ring's outline (each circle of each range around
/// each site or area), each launch area's shape, each place the map may label, each target, each
/// site — in that order, so that the smaller ones lie on top — clipped to the map's rectangle
/// below the title.
fn write_hotspots(out: &mut String, spec: &MapSpec) {
    let frame = &spec.frame;
    let top = body_top(spec);
    let scale = spec.dpi / 72.0;
    let _ = write!(
        out,
        "\n<defs><clipPath id=\"reachmap-hot-clip\"><rect x=\"0\" y=\"{top}\" width=\"{}\" height=\"{}\"/></clipPath></defs>\
         \n<g class=\"reachmap-hot\" clip-path=\"url(#reachmap-hot-clip)\">\n",
        frame.width_px, frame.height_px
    );
    let catalog = Catalog::builtin().ok();
    let on_map = |lon: f64, lat: f64| {
        frame.lonlat_to_page(geo::Coord { x: lon, y: lat }).filter(|c| {
            (0.0..=f64::from(frame.width_px)).contains(&c.x) && (0.0..=f64::from(frame.height_px)).contains(&c.y)
        })
    };
    let lon_0 = frame.projection.lon_0();
    let origins = crate::origin::origins(&spec.sites, &spec.areas);
    for (_, overlay, origin) in crate::overlay::pairs(&origins, &spec.overlays) {
        let mut about = ring_details(overlay, catalog.as_ref(), &spec.sources);
        let rotating = crate::rotation::applies(overlay, spec.earth) && origin.site().is_some();
        let outlines = match origin.site() {
            // Over the rotating Earth a ballistic range's outline is the rotation model's (the
            // quoted circle where the model refuses the range), as the map draws it.
            Some(site) if rotating => {
                about.push_str(&format!("\n{}", crate::rotation::KEY_ROW));
                overlay
                    .reach
                    .limits()
                    .into_iter()
                    .map(|limit| {
                        let lines = crate::rotation::outline(site, limit.radius, HOT_TOLERANCE, lon_0)
                            .unwrap_or_else(|_| Reach::outline(site, limit.radius, HOT_TOLERANCE, lon_0));
                        (limit, lines)
                    })
                    .collect()
            }
            _ => match origin.drawing(&overlay.reach, HOT_TOLERANCE, lon_0) {
                Ok((_, outlines)) => outlines,
                Err(_) => continue,
            },
        };
        for (limit, lines) in outlines {
            let d = page_path(&lines, frame, top, scale);
            if d.is_empty() {
                continue;
            }
            let figure = if limit.inner && overlay.reach.low().is_some() {
                format!("{} km (the low figure: in range under every figure within it)", format_km(limit.radius.km()))
            } else if limit.inner {
                format!("{} km (the band's inner limit)", format_km(limit.radius.km()))
            } else {
                format!("{} km", format_km(limit.radius.km()))
            };
            let tip = format!("{} around {}\nFigure: {figure}\n{about}", overlay.label, origin.name());
            let _ = writeln!(
                out,
                "<path class=\"ring\" d=\"{d}\" stroke-width=\"{:.1}\" tabindex=\"0\" aria-label=\"{}\"/>",
                12.0 * scale,
                escape(&tip)
            );
        }
    }
    for area in &spec.areas {
        write_area(out, spec, area, &origins, top, scale);
    }
    for place in &spec.places {
        let Some(p) = on_map(place.lon, place.lat) else { continue };
        let point = Point::new(place.lon, place.lat);
        let mut tip = format!("{}, {}", place.name, place.country);
        if place.population > 0 {
            let _ = write!(tip, " ({} people)", group_digits(place.population));
        }
        for line in reach_lines(spec, &origins, point) {
            tip.push('\n');
            tip.push_str(&line);
        }
        write_spot(out, p.x, p.y + top, 9.0 * scale, &tip);
    }
    for target in &spec.targets {
        let Some(p) = on_map(target.lon, target.lat) else { continue };
        let mut tip = format!("{} (target", target.name);
        if let Some(group) = &target.group {
            let _ = write!(tip, ", {group}");
        }
        let _ = write!(tip, "): {}", degrees(target.lat, target.lon));
        for line in reach_lines(spec, &origins, target.point()) {
            tip.push('\n');
            tip.push_str(&line);
        }
        write_spot(out, p.x, p.y + top, 10.0 * scale, &tip);
    }
    for origin in &origins {
        let Some(site) = origin.site() else { continue };
        let Some(p) = on_map(site.lon_deg(), site.lat_deg()) else { continue };
        let mut tip = format!("{} (site): {}", site.name(), degrees(site.lat_deg(), site.lon_deg()));
        for overlay in spec.overlays.iter().filter(|o| o.origins.iter().any(|x| x.same(origin))) {
            let _ = write!(tip, "\n{}", overlay.label);
        }
        write_spot(out, p.x, p.y + top, 11.0 * scale, &tip);
    }
    out.push_str("</g>\n");
}

/// Lon/lat lines as an SVG path on the page (`top`: where the map starts below the title), a
/// vertex every few pixels: enough for a hover target.
fn page_path(lines: &[geo::LineString], frame: &crate::frame::Frame, top: f64, scale: f64) -> String {
    let mut d = String::new();
    for line in lines {
        let mut last: Option<geo::Coord> = None;
        for c in line.coords() {
            match frame.lonlat_to_page(*c) {
                Some(p) if p.x.is_finite() && p.y.is_finite() => {
                    if last.is_some_and(|l| (l.x - p.x).hypot(l.y - p.y) < 3.0 * scale) {
                        continue;
                    }
                    let _ = write!(d, "{}{:.0} {:.0}", if last.is_some() { "L" } else { "M" }, p.x, p.y + top);
                    last = Some(p);
                }
                _ => last = None,
            }
        }
    }
    d
}

/// A launch area's hotspot: its shape (a polygon area filled, one along lines as a wide
/// outline), with its name and the ranges measured from it.
fn write_area(
    out: &mut String,
    spec: &MapSpec,
    area: &crate::areas::NamedArea,
    origins: &[Origin],
    top: f64,
    scale: f64,
) {
    let frame = &spec.frame;
    let mut tip = format!("{} (launch area)", area.name);
    let ranges: Vec<&str> = spec
        .overlays
        .iter()
        .filter(|o| o.origins.iter().any(|x| x.area().is_some_and(|a| a.name == area.name)))
        .map(|o| o.label.as_str())
        .collect();
    if ranges.is_empty() {
        tip.push_str("\nNo range is drawn around it");
    } else {
        let _ = write!(tip, "\nRanges measured from its nearest point: {}", ranges.join("; "));
    }
    // From each site, how far its nearest point lies.
    let near: Vec<String> = origins
        .iter()
        .filter_map(Origin::site)
        .map(|site| {
            let km = area.area.distance_m(site.point()) / 1000.0;
            format!("From {}: {} km to its nearest point", site.name(), format_km(km.round()))
        })
        .collect();
    for line in near {
        let _ = write!(tip, "\n{line}");
    }
    match area.area.polygons() {
        Some(polygons) => {
            let shape = crate::mapgeom::project_polygons(polygons, frame, 1.0, 2.0);
            let mut d = String::new();
            for polygon in &shape.0 {
                for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                    for (i, c) in ring.coords().enumerate() {
                        let _ = write!(d, "{}{:.0} {:.0}", if i == 0 { "M" } else { "L" }, c.x, c.y + top);
                    }
                    d.push('Z');
                }
            }
            if !d.is_empty() {
                let _ = writeln!(
                    out,
                    "<path class=\"spot area\" d=\"{d}\" fill-rule=\"evenodd\" tabindex=\"0\" aria-label=\"{}\"/>",
                    escape(&tip)
                );
            }
        }
        None => {
            let d = page_path(&area.area.outline().0, frame, top, scale);
            if !d.is_empty() {
                let _ = writeln!(
                    out,
                    "<path class=\"ring\" d=\"{d}\" stroke-width=\"{:.1}\" tabindex=\"0\" aria-label=\"{}\"/>",
                    12.0 * scale,
                    escape(&tip)
                );
            }
        }
    }
}

fn write_spot(out: &mut String, x: f64, y: f64, r: f64, tip: &str) {
    let _ = writeln!(
        out,
        "<circle class=\"spot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" tabindex=\"0\" aria-label=\"{}\"/>",
        escape(tip)
    );
}

/// A ring's system, basis and source: the catalog's figures for a catalog system, else the
/// figure's sources line.
fn ring_details(overlay: &Overlay, catalog: Option<&Catalog>, sources: &[String]) -> String {
    let system = overlay.system.as_deref();
    let known = system.and_then(|name| catalog?.systems.iter().find(|s| s.name == name));
    match (system, known) {
        (Some(_), Some(s)) => {
            let figures: Vec<String> = s
                .figures
                .iter()
                .map(|f| format!("{} ({}): {}, {}", f.range_km.label(), f.basis.as_str(), f.source, f.date))
                .collect();
            format!("System: {} ({}, {})\nSources: {}", s.name, s.country, s.kind, figures.join("; "))
        }
        (Some(name), None) => format!("System: {name}\nSources: {}", sources.join("; ")),
        (None, _) => format!("A range or band given in the scenario\nSources: {}", sources.join("; ")),
    }
}

/// For a point, from each site and launch area: distance (from an area, its nearest point),
/// bearing (from a site), and each range around it — in, out, or in only under the high figure
/// — with the flight time where the system has a profile.
fn reach_lines(spec: &MapSpec, origins: &[Origin], point: Point) -> Vec<String> {
    let mut lines = Vec::new();
    for origin in origins {
        let (distance_m, bearing) = origin.measure(point);
        let mut line = format!("From {}: {} km", origin.name(), format_km((distance_m / 1000.0).round()));
        if let Some(bearing) = bearing {
            let _ = write!(line, ", bearing {bearing:.0}°");
        }
        for overlay in spec.overlays.iter().filter(|o| o.origins.iter().any(|x| x.same(origin))) {
            let name = overlay.system.as_deref().unwrap_or(&overlay.reach.label()).to_string();
            match origin.site().filter(|_| crate::rotation::applies(overlay, spec.earth)) {
                Some(site) => {
                    let _ = write!(line, "\n  · {name}: {}", rotating_verdict(overlay, site, point, distance_m));
                }
                None => {
                    let verdict = verdict(&overlay.reach, distance_m);
                    let _ = write!(line, "\n  · {name}: {verdict}");
                    if let Some(flight) = &overlay.flight
                        && overlay.reach.contains_distance(distance_m)
                    {
                        let _ = write!(line, ", {:.1} min flight", flight.time_s(distance_m) / 60.0);
                    }
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// In or out of a ballistic reach around `site` over the rotating Earth, in words, with the
/// flight time under rotation (boost included) and the quoted figures' answer beside it when
/// the rotation changes it.
fn rotating_verdict(overlay: &Overlay, site: &crate::site::Site, point: Point, distance_m: f64) -> String {
    let limits = overlay.reach.limits();
    let Ok(ranges) =
        limits.iter().map(|l| crate::rotation::RotatingRange::new(site, l.radius)).collect::<Result<Vec<_>>>()
    else {
        return format!("{} (as quoted: the rotation model refuses this range)", verdict(&overlay.reach, distance_m));
    };
    let (_, azimuth_deg) = crate::geodesy::inverse(site.point(), point);
    let this_way: Vec<f64> = ranges.iter().map(|r| r.range_m(azimuth_deg)).collect();
    let within = match overlay.reach {
        Reach::Band { .. } => distance_m < this_way[0] && distance_m >= this_way[1],
        _ => distance_m < this_way[0],
    };
    let mut text = match overlay.reach {
        Reach::Estimate { .. } if distance_m < this_way[1] => "in range under every figure".to_string(),
        Reach::Estimate { .. } if within => "in range only if the high figure holds".to_string(),
        _ if within => "in range".to_string(),
        _ => "out of range".to_string(),
    };
    let _ = write!(text, " with the Earth's rotation ({} km this way", format_km((this_way[0] / 1000.0).round()));
    let quoted = verdict(&overlay.reach, distance_m);
    if quoted != text.split(" with").next().unwrap_or_default() {
        let _ = write!(text, "; as quoted: {quoted}");
    }
    text.push(')');
    if within && let Some(flight) = ranges[0].flight_to(point) {
        let boost_s = overlay.flight.as_ref().and_then(|f| f.boost_s).unwrap_or(0.0);
        let _ = write!(text, ", {:.1} min flight", (boost_s + flight.time_s) / 60.0);
    }
    text
}

/// In or out of a reach at a distance, in words.
fn verdict(reach: &Reach, distance_m: f64) -> &'static str {
    match reach.low() {
        Some(low) if distance_m < low.meters() => "in range under every figure",
        Some(_) if reach.contains_distance(distance_m) => "in range only if the high figure holds",
        _ if reach.contains_distance(distance_m) => "in range",
        _ => "out of range",
    }
}

/// `54.71° N, 20.51° E`.
fn degrees(lat: f64, lon: f64) -> String {
    format!(
        "{:.2}° {}, {:.2}° {}",
        lat.abs(),
        if lat < 0.0 { "S" } else { "N" },
        lon.abs(),
        if lon < 0.0 { "W" } else { "E" }
    )
}

/// A description of the figure for readers who cannot see it: its title, the sites, the
/// ranges drawn around them, and for each range which of the map's places lie within it; each
/// target's distance from each site and whether each range reaches it; then the sources. The HTML figure's caption; `render --alt-text` prints it.
pub fn alt_text(spec: &MapSpec) -> String {
    let mut text = String::from("Map");
    if let Some(title) = &spec.title {
        let _ = write!(text, ": {title}");
    }
    if let Some(subtitle) = &spec.subtitle {
        let _ = write!(text, " — {subtitle}");
    }
    text.push('.');
    let sites: Vec<String> =
        spec.sites.iter().map(|s| format!("{} ({})", s.name(), degrees(s.lat_deg(), s.lon_deg()))).collect();
    match sites.len() {
        0 => text.push_str(" No sites."),
        1 => {
            let _ = write!(text, " One site: {}.", sites[0]);
        }
        n => {
            let _ = write!(text, " {n} sites: {}.", sites.join("; "));
        }
    }
    let areas: Vec<&str> = spec.areas.iter().map(|a| a.name.as_str()).collect();
    match areas.len() {
        0 => {}
        1 => {
            let _ = write!(text, " One launch area: {}.", areas[0]);
        }
        n => {
            let _ = write!(text, " {n} launch areas: {}.", areas.join("; "));
        }
    }
    // The places the map can label: those on its page.
    let frame = &spec.frame;
    let shown: Vec<&crate::places::Place> = spec
        .places
        .iter()
        .filter(|p| {
            frame.lonlat_to_page(geo::Coord { x: p.lon, y: p.lat }).is_some_and(|c| {
                (0.0..=f64::from(frame.width_px)).contains(&c.x) && (0.0..=f64::from(frame.height_px)).contains(&c.y)
            })
        })
        .collect();
    let places = shown.len();
    for overlay in &spec.overlays {
        let around: Vec<&str> = overlay.origins.iter().map(Origin::name).collect();
        if around.is_empty() {
            continue;
        }
        let _ = write!(text, " {} around {}.", overlay.label, around.join(", "));
        if places == 0 {
            continue;
        }
        for origin in &overlay.origins {
            let distances: Vec<(f64, &str)> =
                shown.iter().map(|p| (origin.distance_m(Point::new(p.lon, p.lat)), p.name.as_str())).collect();
            let mut within: Vec<(f64, &str)> =
                distances.iter().copied().filter(|(d, _)| overlay.reach.contains_distance(*d)).collect();
            within.sort_by(|a, b| a.0.total_cmp(&b.0));
            let names: Vec<&str> = within.iter().take(8).map(|(_, n)| *n).collect();
            let more = within.len().saturating_sub(names.len());
            let listed = if names.is_empty() {
                "none".to_string()
            } else if more > 0 {
                format!("{} and {more} more", names.join(", "))
            } else {
                names.join(", ")
            };
            let _ = write!(
                text,
                " From {}, {} of the {places} places the map marks lie within it: {listed}.",
                origin.name(),
                within.len()
            );
            if let Some(low) = overlay.reach.low() {
                let sure = distances.iter().filter(|(d, _)| *d < low.meters()).count();
                let _ = write!(text, " {sure} of them under every figure.");
            }
        }
    }
    // Targets, each always reported: from each site or area, its distance and whether each
    // range around it reaches it.
    for target in &spec.targets {
        let _ = write!(text, " Target {}:", target.name);
        let mut parts = Vec::new();
        for origin in crate::origin::origins(&spec.sites, &spec.areas) {
            let distance_m = origin.distance_m(target.point());
            let mut part = format!("{} km from {}", format_km((distance_m / 1000.0).round()), origin.name());
            for overlay in spec.overlays.iter().filter(|o| o.origins.iter().any(|x| x.same(&origin))) {
                let name = overlay.system.as_deref().unwrap_or(&overlay.reach.label()).to_string();
                let said = match origin.site().filter(|_| crate::rotation::applies(overlay, spec.earth)) {
                    Some(site) => rotating_verdict(overlay, site, target.point(), distance_m),
                    None => verdict(&overlay.reach, distance_m).to_string(),
                };
                let _ = write!(part, ", {name} {said}");
            }
            parts.push(part);
        }
        let _ = write!(text, " {}.", if parts.is_empty() { "no sites".to_string() } else { parts.join("; ") });
    }
    if !spec.sources.is_empty() {
        let _ = write!(text, " Sources: {}.", spec.sources.join("; ").trim_end_matches('.'));
    }
    text
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
