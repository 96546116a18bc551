use reachmap::*;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let site = Site::new("x", a[1].parse().unwrap(), a[2].parse().unwrap()).unwrap();
    let r = Radius::from_km(a[3].parse().unwrap(), "r").unwrap();
    let c = GeodesicCircle::new(&site, r);
    if let Some(t) = a.get(4).and_then(|t| t.parse::<f64>().ok()) {
        let reg = Reach::Within(r).region(&site, Tolerance::from_m(t, "t").unwrap());
        println!("tol {t}: {:?}", geo::Validation::check_validation(&reg));
        find_self_intersections(reg.0[0].exterior());
        return;
    }
    let b = c.boundary(Tolerance::DEFAULT);
    println!("n={}", b.len());
    dump(&Reach::Within(r).region(&site, Tolerance::DEFAULT));
    if a.len() > 4 {
        if a.len() > 5 {
            let m = Radius::from_km(a[5].parse().unwrap(), "m").unwrap();
            let reg = Reach::band(m, r, "b")
                .unwrap()
                .region(&site, Tolerance::DEFAULT);
            dump(&reg);
            println!("{:?}", geo::Validation::check_validation(&reg));
            find_self_intersections(reg.0[0].exterior());
        }
        return;
    }
    for v in b.iter() {
        println!(
            "{:.6} {:.9} {:.9} {:.4}",
            v.azimuth_deg,
            v.point.x(),
            v.point.y(),
            reachmap::geodesy::distance_m(site.point(), v.point) - r.meters()
        );
    }
}
#[allow(dead_code)]
fn dump(region: &geo::MultiPolygon) {
    for (i, p) in region.0.iter().enumerate() {
        let e = &p.exterior().0;
        println!(
            "poly {i}: {} vertices, {} holes",
            e.len(),
            p.interiors().len()
        );
        for c in e.iter().filter(|c| c.x.abs() == 180.0 || c.y.abs() == 90.0) {
            println!("   edge vertex {:?}", c);
        }
    }
}
#[allow(dead_code)]
pub fn find_self_intersections(ring: &geo::LineString) {
    use geo::Intersects;
    let lines: Vec<geo::Line> = ring.lines().collect();
    for i in 0..lines.len() {
        for j in i + 2..lines.len() {
            if i == 0 && j == lines.len() - 1 {
                continue;
            }
            if lines[i].intersects(&lines[j]) {
                println!("edges {i} {:?} and {j} {:?}", lines[i], lines[j]);
            }
        }
    }
}
