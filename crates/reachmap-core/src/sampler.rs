//! Adaptive sampling of a parametric curve into vertices, so that every straight edge between
//! consecutive vertices stays within a tolerance of the curve.
//!
//! The sampler knows nothing of geodesy or maps: a [`Curve`] supplies points and judges an edge.
//! Range rings judge edges in metres on the ground (straight in lon/lat, as GeoJSON is read);
//! map frames can judge the same curve in pixels after projection.

/// A curve the sampler can refine: points by parameter, and a verdict on a straight edge.
pub trait Curve {
    /// A point on the curve (lon/lat, projected coordinates, ...).
    type Point: Copy;

    /// The curve's point at parameter `t`.
    fn point(&self, t: f64) -> Self::Point;

    /// How far the straight edge from `a` to `b` strays from the curve, as a multiple of the
    /// tolerance (at most 1.0 is accepted), judged from `probes`: the curve's points at equal
    /// steps of the parameter strictly between `a` and `b` — the midpoint alone, or the quarter
    /// points and the midpoint in order. The error should grow about with the square of the
    /// edge's length, as a chord's does; a curve may return a large value to force a split for
    /// other reasons (e.g. an edge that spans too much longitude).
    fn edge_error(&self, a: &Self::Point, b: &Self::Point, probes: &[Self::Point]) -> f64;

    /// Whether the midpoint alone may misjudge the edge from `a` to `b` — near an inflection
    /// the farthest point of the curve from the edge sits well off the middle — so that it
    /// should be judged from three probes.
    fn wants_three_probes(&self, _a: &Self::Point, _b: &Self::Point, _mid: &Self::Point) -> bool {
        false
    }
}

/// A vertex and the parameter it was taken at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample<P> {
    /// The curve parameter.
    pub t: f64,
    /// The curve's point at `t`.
    pub point: P,
}

/// How the sampler starts and when it gives up refining.
#[derive(Debug, Clone, Copy)]
pub struct SamplerOptions {
    /// Equal parts of the parameter range whose midpoint errors are measured first, to learn
    /// where the curve needs vertices (at least 1).
    pub survey_segments: usize,
    /// The fewest edges the result may have (e.g. so that a tiny circle is still a polygon).
    pub min_segments: usize,
    /// An edge whose parameter span is at most this is accepted as it is; guarantees the
    /// sampler ends even on a curve that cannot meet the tolerance.
    pub min_step: f64,
    /// Edges spanning more parameter than this are judged from three probes, not one.
    pub quarter_checks_above: f64,
    /// Edges spanning more parameter than this are split whatever their error.
    pub max_step: f64,
}

/// Samples `curve` over `[t0, t1]`: both ends are included, parameters increase, and every
/// edge either passed [`Curve::edge_error`] at its midpoint or reached `min_step`.
///
/// Three passes keep the vertex count close to the fewest the tolerance needs. A survey
/// measures the error of a few equal edges; since a chord's error grows with the square of its
/// length, an edge with error `e` needs about √e parts, which gives a density of vertices along
/// the curve. Vertices are then placed to spread that density evenly, and every edge is checked
/// at its midpoint; one that fails with error `e` is cut into about √e equal parts, and checked
/// again.
pub fn sample<C: Curve>(curve: &C, t0: f64, t1: f64, options: SamplerOptions) -> Vec<Sample<C::Point>> {
    let at = |t: f64| Sample { t, point: curve.point(t) };
    let first = at(t0);
    if t1 <= t0 {
        return vec![first];
    }

    // Survey: how many edges each equal part needs.
    let parts = options.survey_segments.max(1);
    let span = (t1 - t0) / parts as f64;
    let mut prev = first;
    let mut needs = Vec::with_capacity(parts);
    for i in 1..=parts {
        let next = at(if i == parts { t1 } else { t0 + span * i as f64 });
        let mid = curve.point((prev.t + next.t) / 2.0);
        let error = curve.edge_error(&prev.point, &next.point, &[mid]).max(0.0);
        needs.push((error.sqrt() * MARGIN).min(MAX_SPLIT as f64));
        prev = next;
    }
    let last = prev;
    if parts == 1 && options.min_segments <= 1 && needs[0] <= MARGIN {
        // One part that already meets the tolerance: the survey was the check.
        return vec![first, last];
    }
    let total: f64 = needs.iter().sum();
    let edges = (total.ceil() as usize).max(options.min_segments).max(1);

    // Placement: equal shares of the cumulative need.
    let mut placed = Vec::with_capacity(edges + 1);
    placed.push(first);
    let mut cell = 0;
    let mut before = 0.0;
    for j in 1..edges {
        let target = total * j as f64 / edges as f64;
        while cell + 1 < parts && before + needs[cell] < target {
            before += needs[cell];
            cell += 1;
        }
        let within = if needs[cell] > 0.0 && total > 0.0 {
            ((target - before) / needs[cell]).clamp(0.0, 1.0)
        } else {
            j as f64 / edges as f64 * parts as f64 - cell as f64
        };
        placed.push(at(t0 + span * (cell as f64 + within)));
    }
    placed.push(last);

    // Check every edge, splitting those that fail.
    let mut out = Vec::with_capacity(edges + edges / 4 + 1);
    out.push(first);
    let mut stack: Vec<Edge<C::Point>> = Vec::new();
    for pair in placed.windows(2) {
        stack.push((pair[0], pair[1]));
        refine(curve, &mut stack, &mut out, options);
    }
    out
}

/// Headroom over √e when choosing how many parts an edge needs, so that most parts pass their
/// check the first time.
const MARGIN: f64 = 1.1;

/// An edge waiting to be judged: its two end samples.
type Edge<P> = (Sample<P>, Sample<P>);

/// Largest number of parts one failed edge is cut into in one step.
const MAX_SPLIT: usize = 64;

fn refine<C: Curve>(
    curve: &C,
    stack: &mut Vec<Edge<C::Point>>,
    out: &mut Vec<Sample<C::Point>>,
    options: SamplerOptions,
) {
    while let Some((a, b)) = stack.pop() {
        let span = b.t - a.t;
        let mid = Sample { t: a.t + span / 2.0, point: curve.point(a.t + span / 2.0) };
        let mut error =
            if span > options.quarter_checks_above || curve.wants_three_probes(&a.point, &b.point, &mid.point) {
                let quarter = curve.point(a.t + span * 0.25);
                let three_quarters = curve.point(a.t + span * 0.75);
                curve.edge_error(&a.point, &b.point, &[quarter, mid.point, three_quarters])
            } else {
                curve.edge_error(&a.point, &b.point, &[mid.point])
            };
        if span > options.max_step {
            error = error.max(4.0);
        }
        if error <= 1.0 || span <= options.min_step {
            out.push(b);
            continue;
        }
        let parts = ((error.sqrt() * MARGIN).ceil() as usize).clamp(2, MAX_SPLIT);
        let mut points = Vec::with_capacity(parts + 1);
        points.push(a);
        for i in 1..parts {
            if i * 2 == parts {
                // The midpoint already computed, when the count is even.
                points.push(mid);
            } else {
                let t = a.t + span * i as f64 / parts as f64;
                points.push(Sample { t, point: curve.point(t) });
            }
        }
        points.push(b);
        // Pushed right to left so edges leave the stack, and reach `out`, in order.
        for pair in points.windows(2).rev() {
            stack.push((pair[0], pair[1]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unit circle by angle, judged by the sagitta of each chord.
    struct UnitCircle {
        tolerance: f64,
    }

    impl Curve for UnitCircle {
        type Point = (f64, f64);
        fn point(&self, t: f64) -> (f64, f64) {
            (t.cos(), t.sin())
        }
        fn edge_error(&self, a: &(f64, f64), b: &(f64, f64), probes: &[(f64, f64)]) -> f64 {
            let mid = &probes[probes.len() / 2];
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let cross = (mid.0 - a.0) * dy - (mid.1 - a.1) * dx;
            cross.abs() / dx.hypot(dy) / self.tolerance
        }
    }

    #[test]
    fn meets_the_tolerance_with_close_to_the_fewest_vertices() {
        for tolerance in [1e-2, 1e-4, 1e-6] {
            let circle = UnitCircle { tolerance };
            let options = SamplerOptions {
                survey_segments: 4,
                min_segments: 3,
                min_step: 1e-12,
                quarter_checks_above: f64::INFINITY,
                max_step: f64::INFINITY,
            };
            let samples = sample(&circle, 0.0, std::f64::consts::TAU, options);
            // Sagitta of a chord spanning angle h on the unit circle: 1 - cos(h/2).
            for pair in samples.windows(2) {
                let h = pair[1].t - pair[0].t;
                assert!(1.0 - (h / 2.0).cos() <= tolerance * 1.000_001);
            }
            // The fewest equal edges that meet the tolerance.
            let fewest = (std::f64::consts::PI / (1.0 - tolerance).acos()).ceil() as usize;
            let edges = samples.len() - 1;
            assert!(edges >= fewest && edges as f64 <= fewest as f64 * 1.5, "{edges} vs {fewest}");
            assert!(samples.windows(2).all(|p| p[1].t > p[0].t));
        }
    }

    #[test]
    fn stops_at_the_minimum_step() {
        struct Hopeless;
        impl Curve for Hopeless {
            type Point = f64;
            fn point(&self, t: f64) -> f64 {
                t
            }
            fn edge_error(&self, _: &f64, _: &f64, _: &[f64]) -> f64 {
                f64::INFINITY
            }
        }
        let samples = sample(
            &Hopeless,
            0.0,
            1.0,
            SamplerOptions {
                survey_segments: 1,
                min_segments: 1,
                min_step: 0.01,
                quarter_checks_above: f64::INFINITY,
                max_step: f64::INFINITY,
            },
        );
        // 1 is cut into 64 parts of 1/64 > 0.01, each into 64 parts of 1/4096 <= 0.01: accepted.
        assert_eq!(samples.len(), 64 * 64 + 1);
        assert!(samples.windows(2).all(|p| p[1].t > p[0].t));
    }
}
