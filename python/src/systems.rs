//! The catalog's systems as plain data, with every figure's source.

use reachmap_core::catalog::{Catalog, RangeKm};
use serde_json::{Value, json};

/// A range as the catalog gives it: one figure, or `[low, high]`.
fn range_km(range: &RangeKm) -> Value {
    match *range {
        RangeKm::Single(km) => json!(km),
        RangeKm::LowHigh([low, high]) => json!([low, high]),
    }
}

/// Every system of `catalog`, in its order, with its figures and flight profile.
pub fn systems(catalog: &Catalog) -> Value {
    let systems: Vec<Value> = catalog
        .systems
        .iter()
        .map(|s| {
            let figures: Vec<Value> = s
                .figures
                .iter()
                .map(|f| {
                    json!({
                        "range_km": range_km(&f.range_km),
                        "basis": f.basis.as_str(),
                        "source": f.source,
                        "date": f.date,
                        "note": f.note,
                    })
                })
                .collect();
            let flight = s.flight.as_ref().map(|f| {
                json!({
                    "profile": f.kind_name(),
                    "boost_s": f.boost_s,
                    "speed_kmh": f.speed_kmh,
                    "model": f.assumptions(),
                    "source": f.source,
                    "date": f.date,
                    "note": f.note,
                })
            });
            json!({
                "id": s.id,
                "name": s.name,
                "aliases": s.aliases(),
                "country": s.country,
                "kind": s.kind,
                "range_km": range_km(&s.range_km),
                "label": s.label(),
                "figures": figures,
                "flight": flight,
            })
        })
        .collect();
    Value::Array(systems)
}
