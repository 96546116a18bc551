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
    /// tolerance (at most 1.0 is accepted). `mid` is the curve's point halfway between the
    /// parameters of `a` and `b`. The error should grow about with the square of the edge's
    /// length, as a chord's does; a curve may return a large value to force a split for other
    /// reasons (e.g. an edge that spans too much longitude).
    fn edge_error(&self, a: &Self::Point, b: &Self::Point, mid: &Self::Point) -> f64;
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
    /// Equal parts the parameter range is cut into before refining (at least 1).
    pub initial_segments: usize,
    /// An edge whose parameter span is at most this is accepted as it is; guarantees the
    /// sampler ends even on a curve that cannot meet the tolerance.
    pub min_step: f64,
}

/// Samples `curve` over `[t0, t1]`: both ends are included, parameters increase, and every
/// edge either passed [`Curve::edge_error`] at its midpoint or reached `min_step`.
///
/// A failed edge with error `e` is cut into about √e equal parts at once (errors of chords
/// scale with the square of their length), so the result has close to the fewest vertices the
/// tolerance needs; every new edge is checked again.
pub fn sample<C: Curve>(
    curve: &C,
    t0: f64,
    t1: f64,
    options: SamplerOptions,
) -> Vec<Sample<C::Point>> {
    let parts = options.initial_segments.max(1);
    let at = |t: f64| Sample {
        t,
        point: curve.point(t),
    };
    let mut out = vec![at(t0)];
    if t1 <= t0 {
        return out;
    }
    let mut stack: Vec<Edge<C::Point>> = Vec::new();
    let mut start = out[0];
    for i in 1..=parts {
        let end = at(t0 + (t1 - t0) * i as f64 / parts as f64);
        stack.push((start, end));
        refine(curve, &mut stack, &mut out, options.min_step);
        start = end;
    }
    out
}

/// An edge waiting to be judged: its two end samples.
type Edge<P> = (Sample<P>, Sample<P>);

/// Largest number of parts one failed edge is cut into in one step.
const MAX_SPLIT: usize = 64;

fn refine<C: Curve>(
    curve: &C,
    stack: &mut Vec<Edge<C::Point>>,
    out: &mut Vec<Sample<C::Point>>,
    min_step: f64,
) {
    while let Some((a, b)) = stack.pop() {
        let span = b.t - a.t;
        let mid = Sample {
            t: a.t + span / 2.0,
            point: curve.point(a.t + span / 2.0),
        };
        let error = curve.edge_error(&a.point, &b.point, &mid.point);
        if error <= 1.0 || span <= min_step {
            out.push(b);
            continue;
        }
        // 10 % margin over √e; an even count so the midpoint already computed is reused.
        let mut parts = ((error.sqrt() * 1.1).ceil() as usize).clamp(2, MAX_SPLIT);
        parts += parts % 2;
        let mut points = Vec::with_capacity(parts + 1);
        points.push(a);
        for i in 1..parts {
            if i * 2 == parts {
                points.push(mid);
            } else {
                let t = a.t + span * i as f64 / parts as f64;
                points.push(Sample {
                    t,
                    point: curve.point(t),
                });
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
        fn edge_error(&self, a: &(f64, f64), b: &(f64, f64), mid: &(f64, f64)) -> f64 {
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
                initial_segments: 4,
                min_step: 1e-12,
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
            assert!(
                edges >= fewest && edges as f64 <= fewest as f64 * 1.5,
                "{edges} vs {fewest}"
            );
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
            fn edge_error(&self, _: &f64, _: &f64, _: &f64) -> f64 {
                f64::INFINITY
            }
        }
        let samples = sample(
            &Hopeless,
            0.0,
            1.0,
            SamplerOptions {
                initial_segments: 1,
                min_step: 0.01,
            },
        );
        // 1 is cut into 64 parts of 1/64 > 0.01, each into 64 parts of 1/4096 <= 0.01: accepted.
        assert_eq!(samples.len(), 64 * 64 + 1);
        assert!(samples.windows(2).all(|p| p[1].t > p[0].t));
    }
}
