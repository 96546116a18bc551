//! The room a few places' names need, so that labels set before theirs leave it: a label whose
//! box would take away the last free spot beside one of them (or cover its marker) is moved,
//! where it has another spot, rather than pushing that name off the map.

use geo::{Coord, Rect};

use super::MapSpec;
use super::labels::{PLACE_MARKER_PT, label_positions, on_page, overlaps, place_style, square};

/// Where each of some places (in the order their names claim room) stands on the page: its
/// marker's box and the boxes its name may take. Places off the page have none.
pub(super) struct Room {
    places: Vec<Option<(Rect, [Rect; 8])>>,
    page: (f64, f64),
}

impl Room {
    /// The room of the places of `which` (indices into `spec.places`), in that order; `pt` is
    /// the page's pixels per point. The geometry is [`super::labels::place_items`]'s.
    pub(super) fn of(spec: &MapSpec, which: &[usize], pt: f64) -> Room {
        let page = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
        let style = place_style(spec, pt);
        let places = which
            .iter()
            .map(|&k| {
                let place = &spec.places[k];
                let p = spec
                    .frame
                    .lonlat_to_page(Coord { x: place.lon, y: place.lat })
                    .filter(|p| (0.0..=page.0).contains(&p.x) && (0.0..=page.1).contains(&p.y))?;
                let boxes = label_positions(&place.name, p, &style).map(|(.., bounds)| bounds);
                Some((square(p, (PLACE_MARKER_PT + 1.0) * pt), boxes))
            })
            .collect();
        Room { places, page }
    }

    /// Whether a label at `bounds`, set after the boxes `taken`, leaves each place from the
    /// `from`-th on that has room now (its marker clear, a free spot for its name) with room
    /// still.
    pub(super) fn keeps(&self, from: usize, taken: &[Rect], bounds: &Rect) -> bool {
        self.places.iter().skip(from).flatten().all(|place| !self.takes(place, taken, bounds))
    }

    /// How many of the places that have room now a label at `bounds`, set after the boxes
    /// `taken`, leaves without.
    pub(super) fn harms(&self, taken: &[Rect], bounds: &Rect) -> usize {
        self.places.iter().flatten().filter(|place| self.takes(place, taken, bounds)).count()
    }

    /// Whether a label at `bounds` takes the last of a place's room.
    fn takes(&self, (marker, boxes): &(Rect, [Rect; 8]), taken: &[Rect], bounds: &Rect) -> bool {
        let touched = overlaps(bounds, marker) || boxes.iter().any(|b| overlaps(bounds, b));
        if !touched {
            return false;
        }
        let marker_clear =
            |extra: Option<&Rect>| !taken.iter().chain(extra).any(|t| overlaps(t, marker) && t != marker);
        let free = |b: &Rect, extra: Option<&Rect>| {
            on_page(b, self.page)
                && !taken.iter().chain(extra).any(|t| overlaps(t, b))
                && !self.places.iter().flatten().any(|(m, _)| m != marker && overlaps(m, b))
        };
        let has_room = |extra: Option<&Rect>| marker_clear(extra) && boxes.iter().any(|b| free(b, extra));
        has_room(None) && !has_room(Some(bounds))
    }
}
