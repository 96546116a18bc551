//! The chart's label stacker: where the labels of a chart's range marks go, in rows above the
//! plot, beside their lines, clear of each other and of the lines that pass them.

use std::ops::Range;

/// Where a mark's label goes: its row above the plot (0 nearest), its side of the line (right
/// or left) and the span it covers, in backend units.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct MarkLabel {
    pub row: usize,
    pub right: bool,
    pub span: Range<i32>,
}

/// Most marks whose every choice of sides [`mark_rows`] tries; beyond, each label goes on the
/// side where it fits, right of its line first.
const MAX_SIDE_SEARCH: usize = 10;

/// Places the labels of marks at `marks` (each line's x and its label's width) in rows above
/// a plot spanning `x_span`, each beside its line and inside that span, `gap` from its line
/// and from other labels. A line runs up to its own label's row, so it crosses the labels of
/// lower rows it passes through. For every choice of sides (each label right or left of its
/// line, where it fits) and four orders (left to right, right to left, and the labels left of
/// their lines left to right before or after the others right to left), labels take the lowest
/// row where they clash with nothing placed; the layout with the fewest clashes, then the
/// fewest rows, wins. Labels all left of their lines, left to right, climb a staircase that no
/// line crosses, so a clear layout is found whenever that one fits.
pub(super) fn mark_rows(marks: &[(i32, i32)], x_span: Range<i32>, gap: i32) -> Vec<MarkLabel> {
    let n = marks.len();
    let span_of = |k: usize, right: bool| {
        let (x, w) = marks[k];
        if right { x + gap..x + gap + w } else { x - gap - w..x - gap }
    };
    let fits = |k: usize, right: bool| {
        let span = span_of(k, right);
        x_span.start <= span.start && span.end <= x_span.end
    };
    let apart = |a: &Range<i32>, b: &Range<i32>| a.end + gap <= b.start || b.end + gap <= a.start;
    // A line that runs `gap` from a label's end, as its own does, passes it.
    let crosses = |x: i32, span: &Range<i32>| span.start - gap < x && x < span.end + gap;
    // What goes wrong between two placed labels: overlapping in a row, or one's line through
    // the other's label.
    let clashes = |(x, a): (i32, &MarkLabel), (y, b): (i32, &MarkLabel)| -> usize {
        match a.row.cmp(&b.row) {
            std::cmp::Ordering::Equal => usize::from(!apart(&a.span, &b.span)),
            std::cmp::Ordering::Greater => usize::from(crosses(x, &b.span)),
            std::cmp::Ordering::Less => usize::from(crosses(y, &a.span)),
        }
    };
    // Each label in the lowest row where it clashes with nothing placed before it (or, where
    // every row clashes, the row with the fewest): the layout, its clashes and its rows.
    let layout = |sequence: &[usize], right: &[bool]| -> (usize, usize, Vec<MarkLabel>) {
        let mut placed: Vec<Option<MarkLabel>> = vec![None; n];
        for &k in sequence {
            let rows = placed.iter().flatten().map(|p| p.row + 1).max().unwrap_or(0);
            let cost = |label: &MarkLabel| -> usize {
                placed
                    .iter()
                    .enumerate()
                    .filter_map(|(j, p)| p.as_ref().map(|p| clashes((marks[k].0, label), (marks[j].0, p))))
                    .sum()
            };
            let label = (0..=rows)
                .map(|row| MarkLabel { row, right: right[k], span: span_of(k, right[k]) })
                .min_by_key(|label| cost(label))
                .unwrap_or(MarkLabel { row: rows, right: right[k], span: span_of(k, right[k]) });
            placed[k] = Some(label);
        }
        let placed: Vec<MarkLabel> = placed.into_iter().flatten().collect();
        let total = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .map(|(i, j)| clashes((marks[i].0, &placed[i]), (marks[j].0, &placed[j])))
            .sum();
        let rows = placed.iter().map(|p| p.row + 1).max().unwrap_or(0);
        (total, rows, placed)
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&k| (marks[k].0, k));
    // The choices of sides: every one where n is small (a side that does not fit only where
    // neither does), else right where it fits.
    let preferred = |k: usize| fits(k, true) || !fits(k, false);
    let choices: Vec<Vec<bool>> = if n <= MAX_SIDE_SEARCH {
        (0..1u32 << n)
            .map(|mask| (0..n).map(|k| mask >> k & 1 == 1).collect::<Vec<bool>>())
            .filter(|right| (0..n).all(|k| fits(k, right[k]) || !fits(k, !right[k])))
            .collect()
    } else {
        vec![(0..n).map(preferred).collect()]
    };
    let mut best: Option<(usize, usize, Vec<MarkLabel>)> = None;
    for right in &choices {
        let lefts = order.iter().copied().filter(|&k| !right[k]);
        let rights = order.iter().rev().copied().filter(|&k| right[k]);
        let staircase: Vec<usize> = lefts.clone().chain(rights.clone()).collect();
        let tower: Vec<usize> = rights.chain(lefts).collect();
        let reversed: Vec<usize> = order.iter().rev().copied().collect();
        for sequence in [&order, &reversed, &staircase, &tower] {
            let candidate = layout(sequence, right);
            if best.as_ref().is_none_or(|b| (candidate.0, candidate.1) < (b.0, b.1)) {
                best = Some(candidate);
            }
        }
    }
    best.map(|b| b.2).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that no two labels of `marks` overlap in a row and that no mark's line crosses
    /// a label in a row below its own.
    fn assert_clear(marks: &[(i32, i32)], labels: &[MarkLabel], x_span: &Range<i32>, gap: i32) {
        for (k, (&(x, w), a)) in marks.iter().zip(labels).enumerate() {
            assert_eq!(a.span.end - a.span.start, w);
            assert!(x_span.start <= a.span.start && a.span.end <= x_span.end, "mark {k} outside the plot: {a:?}");
            assert_eq!(if a.right { a.span.start - gap } else { a.span.end + gap }, x, "mark {k} beside its line");
            for (j, (&(y, _), b)) in marks.iter().zip(labels).enumerate().filter(|(j, _)| *j != k) {
                if a.row == b.row {
                    assert!(
                        a.span.end + gap <= b.span.start || b.span.end + gap <= a.span.start,
                        "{k} and {j} overlap"
                    );
                }
                if a.row < b.row {
                    // A line `gap` from a label's end, where its own runs, does not cross it.
                    assert!(!(a.span.start - gap + 1..a.span.end + gap).contains(&y), "line {j} crosses label {k}");
                }
            }
        }
    }

    #[test]
    fn labels_of_ranges_close_together_stack_without_crossing() {
        // The East Asia example: Tomahawk 1,609 and 2,500 km, Dark Eagle 2,776 km, DF-26 3,000
        // and 4,000 km; labels 5,400 to 8,900 units wide on a plot 26,900 wide.
        let marks = [(28609, 7633), (21890, 7386), (20385, 5447), (18531, 8912), (12545, 8665)];
        let labels = mark_rows(&marks, 1736..28610, 167);
        assert_clear(&marks, &labels, &(1736..28610), 167);
    }

    #[test]
    fn labels_take_the_fewest_rows_when_they_fit_side_by_side() {
        let marks = [(1_000, 300), (5_000, 300), (9_000, 300)];
        let labels = mark_rows(&marks, 0..10_000, 50);
        assert_clear(&marks, &labels, &(0..10_000), 50);
        assert!(labels.iter().all(|l| l.row == 0), "{labels:?}");
    }

    #[test]
    fn random_marks_are_placed_clear_whenever_every_label_fits_left_of_its_line() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = |n: i32| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as i32
        };
        for _ in 0..500 {
            let count = 1 + next(7) as usize;
            let marks: Vec<(i32, i32)> = (0..count)
                .map(|_| {
                    let w = 500 + next(6_000);
                    (w + 100 + next(20_000 - w - 100), w)
                })
                .collect();
            let labels = mark_rows(&marks, 0..20_000, 100);
            assert_clear(&marks, &labels, &(0..20_000), 100);
        }
    }
}
