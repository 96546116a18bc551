//! Time rings: for each given time, the circle a system reaches by its flight profile
//! ([`crate::flight`]), around some sites, with their labels and key text.

use crate::flight::{FlightProfile, Kind};
use crate::format::format_km;
use crate::site::Site;
use crate::units::Radius;

/// Time rings for one system: for each time, the circle at the distance the system covers in
/// it by its flight profile, around each of `sites`.
#[derive(Debug, Clone, PartialEq)]
pub struct Isochrones {
    /// The system's name.
    pub system: String,
    /// Its flight profile.
    pub flight: FlightProfile,
    /// The times, minutes, ascending.
    pub minutes: Vec<f64>,
    /// The system's full range: a time that would take it farther draws this instead.
    pub range: Radius,
    /// The sites they are drawn around.
    pub sites: Vec<Site>,
    /// Which overlay's colour the rings take (the system's own range, where it is drawn).
    pub colour_of: Option<usize>,
}

impl Isochrones {
    /// The rings' radii with their labels, in the order of the times: `6 min`, or for a time
    /// longer than the flight to the full range, the full range labelled `15 min: full range`.
    /// Times within a ballistic missile's boost draw nothing.
    pub fn rings(&self) -> Vec<(Radius, String)> {
        self.timed_rings().into_iter().map(|(radius, label, _)| (radius, label)).collect()
    }

    /// [`Isochrones::rings`], each with its time in minutes.
    pub fn timed_rings(&self) -> Vec<(Radius, String, f64)> {
        let mut rings = Vec::new();
        for &minutes in &self.minutes {
            let label = format!("{} min", format_km(minutes));
            match self.flight.distance_m(minutes * 60.0) {
                Some(d) if d < self.range.meters() => {
                    if let Ok(radius) = Radius::from_m(d, "isochrone") {
                        rings.push((radius, label, minutes));
                    }
                }
                Some(_) | None if self.flight.time_s(self.range.meters()) <= minutes * 60.0 => {
                    rings.push((self.range, format!("{label}: full range"), minutes));
                }
                _ => {}
            }
        }
        rings
    }

    /// The key's text: `Tomahawk: flight time 30, 60 min`, or for a ballistic profile without a
    /// sourced boost `Pershing II (MGM-31B): flight time without the boost phase 6, 10, 15 min`,
    /// with the times that are the full range said so.
    pub fn legend(&self) -> String {
        let times: Vec<String> = self.minutes.iter().map(|m| format_km(*m)).collect();
        // A ballistic time without its boost is shorter than the flight: the key says so.
        let what = match (self.flight.profile, self.flight.boost_s) {
            (Kind::Ballistic, None) => "flight time without the boost phase",
            _ => "flight time",
        };
        let mut text = format!("{}: {what} {} min", self.system, times.join(", "));
        let full: Vec<String> = self
            .minutes
            .iter()
            .filter(|&&m| self.flight.time_s(self.range.meters()) <= m * 60.0)
            .map(|m| format_km(*m))
            .collect();
        if !full.is_empty() {
            text.push_str(&format!(" ({} min: the full range)", full.join(", ")));
        }
        text
    }
}
