use reachmap::*;
fn main() {
    let site = Site::new("K", 54.71, 20.51).unwrap();
    let c = GeodesicCircle::new(&site, Radius::from_km(5500.0, "r").unwrap());
    let mut n = 0;
    for _ in 0..50 {
        n += c.boundary(Tolerance::DEFAULT).len();
    }
    println!("{n}");
}
