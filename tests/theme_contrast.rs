//! Range and band tints stay distinguishable from the sea and from land in every theme: the
//! colour difference CIEDE2000 (ΔE₀₀) between a tint composited over the sea or land and the
//! plain sea or land is at least [`MIN_FULL`] for a full tint (a band, or what lies within an
//! estimate's low figure) and [`MIN_LIGHT`] for a light one (between an estimate's figures),
//! and the two tints differ from each other by at least [`MIN_LIGHT`] too. ΔE₀₀ ≈ 1 is a just
//! noticeable difference under ideal viewing; a tint meant to read at a glance on a printed or
//! projected map needs several times that.

use reachmap::theme::{LIGHT_TINT, THEMES};

/// Smallest ΔE₀₀ of a full tint from the sea and from land.
const MIN_FULL: f64 = 6.0;
/// Smallest ΔE₀₀ of a light tint from the sea and from land, and from the full tint.
const MIN_LIGHT: f64 = 3.0;

fn rgb(hex: &str) -> [f64; 3] {
    let h = hex.trim_start_matches('#');
    [0, 2, 4].map(|i| f64::from(u8::from_str_radix(&h[i..i + 2], 16).unwrap()) / 255.0)
}

/// sRGB (IEC 61966-2-1) to CIELAB under D65.
fn lab(c: [f64; 3]) -> [f64; 3] {
    let lin = c.map(|v| if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) });
    let x = 0.412_456_4 * lin[0] + 0.357_576_1 * lin[1] + 0.180_437_5 * lin[2];
    let y = 0.212_672_9 * lin[0] + 0.715_152_2 * lin[1] + 0.072_175_0 * lin[2];
    let z = 0.019_333_9 * lin[0] + 0.119_192_0 * lin[1] + 0.950_304_1 * lin[2];
    let f =
        |t: f64| if t > (6.0f64 / 29.0).powi(3) { t.cbrt() } else { t / (3.0 * (6.0f64 / 29.0).powi(2)) + 4.0 / 29.0 };
    let (fx, fy, fz) = (f(x / 0.950_47), f(y), f(z / 1.088_83));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIEDE2000 (CIE 142-2001), as written out by Sharma, Wu and Dalal (2005).
fn delta_e_2000(a: [f64; 3], b: [f64; 3]) -> f64 {
    let [l1, a1, b1] = a;
    let [l2, a2, b2] = b;
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| if b == 0.0 && a == 0.0 { 0.0 } else { b.atan2(a).to_degrees().rem_euclid(360.0) };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dlp = l2 - l1;
    let dcp = c2p - c1p;
    let dhp = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let d_hp = 2.0 * (c1p * c2p).sqrt() * (dhp / 2.0).to_radians().sin();
    let lbp = (l1 + l2) / 2.0;
    let cbp = (c1p + c2p) / 2.0;
    let hbp = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (hbp - 30.0).to_radians().cos()
        + 0.24 * (2.0 * hbp).to_radians().cos()
        + 0.32 * (3.0 * hbp + 6.0).to_radians().cos()
        - 0.20 * (4.0 * hbp - 63.0).to_radians().cos();
    let d_theta = 30.0 * (-((hbp - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cbp.powi(7) / (cbp.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lbp - 50.0).powi(2) / (20.0 + (lbp - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cbp;
    let sh = 1.0 + 0.015 * cbp * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    ((dlp / sl).powi(2) + (dcp / sc).powi(2) + (d_hp / sh).powi(2) + rt * (dcp / sc) * (d_hp / sh)).sqrt()
}

#[test]
fn ciede2000_matches_sharmas_published_test_pairs() {
    // Sharma, Wu and Dalal (2005), Table 1: pairs 1, 7, 17 and 25 with their ΔE₀₀.
    let pairs = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644),
    ];
    for (a, b, expected) in pairs {
        assert!((delta_e_2000(a, b) - expected).abs() < 1e-4, "{a:?} {b:?}: {}", delta_e_2000(a, b));
    }
}

fn over(fg: [f64; 3], bg: [f64; 3], alpha: f64) -> [f64; 3] {
    [0, 1, 2].map(|i| alpha * fg[i] + (1.0 - alpha) * bg[i])
}

#[test]
fn tints_are_distinguishable_from_sea_and_land_in_every_theme() {
    let mut failures = Vec::new();
    let mut weakest = f64::INFINITY;
    for theme in THEMES.iter().filter(|t| !t.monochrome) {
        for &colour in theme.palette {
            for (ground, name) in [(theme.ocean, "sea"), (theme.land, "land")] {
                let (c, g) = (rgb(colour), rgb(ground));
                let full = over(c, g, theme.band_opacity);
                let light = over(c, g, theme.band_opacity * LIGHT_TINT);
                let checks = [
                    ("full tint", delta_e_2000(lab(full), lab(g)), MIN_FULL),
                    ("light tint", delta_e_2000(lab(light), lab(g)), MIN_LIGHT),
                    ("full against light", delta_e_2000(lab(full), lab(light)), MIN_LIGHT),
                ];
                for (what, de, min) in checks {
                    weakest = weakest.min(de / min);
                    if de < min {
                        failures.push(format!("{} {colour} {what} over {name}: ΔE00 {de:.2} < {min}", theme.name));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(weakest >= 1.0);
}

#[test]
fn the_grayscale_theme_hatches_instead_of_tinting() {
    // Its bands are told apart by hatching (drawn in the coast colour), which must show on both.
    let grayscale = THEMES.iter().find(|t| t.monochrome).unwrap();
    for ground in [grayscale.ocean, grayscale.land] {
        let de = delta_e_2000(lab(rgb(grayscale.coast)), lab(rgb(ground)));
        assert!(de >= 20.0, "hatching over {ground}: ΔE00 {de:.1}");
    }
}
