//! A TrueType font cut down to the characters a figure uses, complete enough for browsers (an
//! SVG's `@font-face`): the `subsetter` crate keeps the outlines, metrics and names of the
//! glyphs asked for (composite glyphs with their parts) but, being made for PDF, drops `cmap`
//! and `OS/2`; this module adds a `cmap` for the kept characters and the font's own `OS/2`,
//! and writes the table directory again with its checksums. No `GSUB`, `GPOS` or `kern`
//! tables are kept, so a browser sets each character at its advance width — exactly what
//! [`super::width_px`] measures.
//!
//! The same characters always give the same bytes.

use std::collections::BTreeSet;

/// The font `font` (a TrueType file, such as [`super::DEJAVU_SANS`]) with only the glyphs of
/// `chars` (those the font has; characters beyond the Basic Multilingual Plane are left out).
pub fn subset(font: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let face = ttf_parser::Face::parse(font, 0).map_err(|e| format!("cannot read the font: {e}"))?;
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut mapping: Vec<(u16, u16)> = Vec::new();
    for &c in chars {
        let (Ok(code), Some(glyph)) = (u16::try_from(u32::from(c)), face.glyph_index(c)) else { continue };
        if code == 0xFFFF {
            continue;
        }
        mapping.push((code, remapper.remap(glyph.0)));
    }
    let cut = subsetter::subset(font, 0, &remapper).map_err(|e| format!("cannot subset the font: {e:?}"))?;
    let mut tables = read_tables(&cut).ok_or("the subset font has a malformed table directory")?;
    let os2 = face.raw_face().table(ttf_parser::Tag::from_bytes(b"OS/2")).ok_or("the font has no OS/2 table")?;
    tables.push((*b"OS/2", os2.to_vec()));
    tables.push((*b"cmap", cmap(&mapping)));
    Ok(write_font(tables))
}

/// The tables of an OpenType file, by tag.
fn read_tables(font: &[u8]) -> Option<Vec<([u8; 4], Vec<u8>)>> {
    let u16_at = |i: usize| font.get(i..i + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let u32_at = |i: usize| font.get(i..i + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    let count = usize::from(u16_at(4)?);
    (0..count)
        .map(|k| {
            let record = 12 + 16 * k;
            let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
            let offset = usize::try_from(u32_at(record + 8)?).ok()?;
            let length = usize::try_from(u32_at(record + 12)?).ok()?;
            Some((tag, font.get(offset..offset.checked_add(length)?)?.to_vec()))
        })
        .collect()
}

/// A `cmap` with one format 4 subtable (Unicode BMP), listed for the Unicode and the Windows
/// platforms: a segment per character, mapped by its delta to the new glyph id.
fn cmap(mapping: &[(u16, u16)]) -> Vec<u8> {
    let mut segments: Vec<(u16, u16)> = mapping.to_vec();
    segments.sort_unstable();
    // The closing segment the format requires: 0xFFFF, mapped to glyph 0.
    segments.push((0xFFFF, 0));
    let count = segments.len() as u16;
    let search_range = 2 * (1u16 << (15 - count.leading_zeros()));
    let entry_selector = (search_range / 2).trailing_zeros() as u16;
    let mut sub = Vec::new();
    let length = 16 + 8 * usize::from(count);
    for v in [4, length as u16, 0, 2 * count, search_range, entry_selector, 2 * count - search_range] {
        sub.extend(v.to_be_bytes());
    }
    segments.iter().for_each(|(code, _)| sub.extend(code.to_be_bytes()));
    sub.extend(0u16.to_be_bytes());
    segments.iter().for_each(|(code, _)| sub.extend(code.to_be_bytes()));
    segments.iter().for_each(|&(code, glyph)| {
        // The closing segment maps 0xFFFF + 1, that is 0, to glyph 0.
        let delta = if code == 0xFFFF { 1 } else { glyph.wrapping_sub(code) };
        sub.extend(delta.to_be_bytes());
    });
    segments.iter().for_each(|_| sub.extend(0u16.to_be_bytes()));
    debug_assert_eq!(sub.len(), length);

    let mut table = Vec::new();
    table.extend(0u16.to_be_bytes()); // version
    table.extend(2u16.to_be_bytes());
    for (platform, encoding) in [(0u16, 3u16), (3, 1)] {
        table.extend(platform.to_be_bytes());
        table.extend(encoding.to_be_bytes());
        table.extend(20u32.to_be_bytes());
    }
    table.extend(sub);
    table
}

/// An OpenType file of `tables`: sorted by tag, each on a four-byte boundary, with the table
/// checksums and `head`'s checksum adjustment as the specification defines them.
fn write_font(mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    let count = tables.len() as u16;
    let search_range = 16 * (1u16 << (15 - count.leading_zeros()));
    let entry_selector = (search_range / 16).trailing_zeros() as u16;
    let mut font = Vec::new();
    font.extend(0x0001_0000u32.to_be_bytes());
    for v in [count, search_range, entry_selector, 16 * count - search_range] {
        font.extend(v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &mut tables {
        if tag == b"head" && data.len() >= 12 {
            data[8..12].fill(0);
            head_at = Some(offset);
        }
        font.extend(*tag);
        font.extend(checksum(data).to_be_bytes());
        font.extend((offset as u32).to_be_bytes());
        font.extend((data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        font.extend(data);
        font.resize(font.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&font));
        font[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    font
}

/// The sum of the data as big-endian 32-bit words, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{DEJAVU_SANS, DEJAVU_SANS_BOLD};

    /// The subset maps every character it keeps to a glyph with DejaVu Sans's own advance width
    /// and outline extent, and nothing else.
    #[test]
    fn subset_keeps_each_characters_glyph_and_width() {
        for font in [DEJAVU_SANS, DEJAVU_SANS_BOLD] {
            let chars: BTreeSet<char> = "Kaliningrad 2,500 km – Tórshavn Łódź °′″ Ω".chars().collect();
            let cut = subset(font, &chars).unwrap();
            assert!(cut.len() < font.len() / 10, "{} bytes", cut.len());
            let original = ttf_parser::Face::parse(font, 0).unwrap();
            let sub = ttf_parser::Face::parse(&cut, 0).unwrap();
            for &c in &chars {
                let (a, b) = (original.glyph_index(c).unwrap(), sub.glyph_index(c).unwrap());
                assert_eq!(original.glyph_hor_advance(a), sub.glyph_hor_advance(b), "{c:?}");
                assert_eq!(original.glyph_bounding_box(a), sub.glyph_bounding_box(b), "{c:?}");
            }
            assert_eq!(sub.glyph_index('x'), None);
            assert_eq!(sub.units_per_em(), original.units_per_em());
            assert_eq!(sub.ascender(), original.ascender());
            // Every table's checksum, and the whole file's, as the OpenType specification defines.
            let tables = read_tables(&cut).unwrap();
            for (k, (tag, data)) in tables.iter().enumerate() {
                let recorded = u32::from_be_bytes(cut[12 + 16 * k + 4..12 + 16 * k + 8].try_into().unwrap());
                let mut data = data.clone();
                if tag == b"head" {
                    data[8..12].fill(0);
                }
                assert_eq!(recorded, checksum(&data), "{}", String::from_utf8_lossy(tag));
            }
            assert_eq!(checksum(&cut), 0xB1B0_AFBA);
            assert_eq!(subset(font, &chars).unwrap(), cut, "the same characters, the same bytes");
        }
    }
}
