use reachmap::geodesy::distance_m;
use reachmap::*;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let site = Site::new("x", a[1].parse().unwrap(), a[2].parse().unwrap()).unwrap();
    let r = Radius::from_km(a[3].parse().unwrap(), "r").unwrap();
    let tol = Tolerance::from_m(a[4].parse().unwrap(), "t").unwrap();
    let b = GeodesicCircle::new(&site, r).boundary(tol);
    let mut worst = (0.0, 0);
    for (i, e) in b.windows(2).enumerate() {
        for k in 1..32 {
            let f = k as f64 / 32.0;
            let p = geo::Point::new(
                e[0].point.x() + (e[1].point.x() - e[0].point.x()) * f,
                e[0].point.y() + (e[1].point.y() - e[0].point.y()) * f,
            );
            let d = (distance_m(site.point(), p) - r.meters()).abs();
            if d > worst.0 {
                worst = (d, i);
            }
        }
    }
    let i = worst.1;
    let e = &b[i..i + 2];
    println!("worst {} at edge {i}: {:?} -> {:?}", worst.0, e[0], e[1]);
    let c = GeodesicCircle::new(&site, r);
    let m = c.point_at((e[0].azimuth_deg + e[1].azimuth_deg) / 2.0);
    println!("mid {:?}", m);
    for k in 0..=8 {
        let f = k as f64 / 8.0;
        let p = geo::Point::new(
            e[0].point.x() + (e[1].point.x() - e[0].point.x()) * f,
            e[0].point.y() + (e[1].point.y() - e[0].point.y()) * f,
        );
        println!(
            "  f={f:.3} dev={:.3}",
            distance_m(site.point(), p) - r.meters()
        );
    }
}
