//! KMZ: a KML document zipped, as Google Earth reads it — a ZIP archive whose one entry,
//! `doc.kml`, is deflated. Written here in full (local header, central directory, end record;
//! PKWARE's APPNOTE.TXT, §4.3) so that the bytes depend on the document alone: the entry's time
//! is the format's earliest, 1980-01-01 00:00, and nothing else varies.

use std::io::Write;

use crate::error::{Error, Field, Result};

/// The entry's name: Google Earth opens the first `.kml` entry of the archive.
const ENTRY: &str = "doc.kml";

/// DOS date of 1980-01-01 (year offset 0, month 1, day 1) and time 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// `kml` as a KMZ archive. Refuses a document of 4 GiB or more (that would need ZIP64).
pub fn kmz(kml: &[u8]) -> Result<Vec<u8>> {
    let too_big = || {
        Error::invalid(
            Field::Output,
            &format!("{} bytes of KML", kml.len()),
            "a KMZ of under 4 GiB; write .kml instead",
        )
    };
    let size = u32::try_from(kml.len()).map_err(|_| too_big())?;
    let mut crc = flate2::Crc::new();
    crc.update(kml);
    let crc = crc.sum();
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder
        .write_all(kml)
        .and_then(|()| encoder.flush())
        .map_err(|e| Error::Internal(format!("compressing the KMZ: {e}")))?;
    let deflated = encoder.finish().map_err(|e| Error::Internal(format!("compressing the KMZ: {e}")))?;
    let compressed = u32::try_from(deflated.len()).map_err(|_| too_big())?;

    let name = ENTRY.as_bytes();
    let mut out = Vec::with_capacity(deflated.len() + 128);
    // Local file header.
    put32(&mut out, 0x0403_4b50);
    put16(&mut out, 20); // version needed: 2.0 (deflate)
    put16(&mut out, 0); // flags
    put16(&mut out, 8); // method: deflate
    put16(&mut out, DOS_TIME);
    put16(&mut out, DOS_DATE);
    put32(&mut out, crc);
    put32(&mut out, compressed);
    put32(&mut out, size);
    put16(&mut out, name.len() as u16);
    put16(&mut out, 0); // extra field length
    out.extend_from_slice(name);
    out.extend_from_slice(&deflated);
    let directory = u32::try_from(out.len()).map_err(|_| too_big())?;
    // Central directory header.
    put32(&mut out, 0x0201_4b50);
    put16(&mut out, 20); // made by: MS-DOS, version 2.0
    put16(&mut out, 20);
    put16(&mut out, 0);
    put16(&mut out, 8);
    put16(&mut out, DOS_TIME);
    put16(&mut out, DOS_DATE);
    put32(&mut out, crc);
    put32(&mut out, compressed);
    put32(&mut out, size);
    put16(&mut out, name.len() as u16);
    put16(&mut out, 0); // extra
    put16(&mut out, 0); // comment
    put16(&mut out, 0); // disk number
    put16(&mut out, 0); // internal attributes
    put32(&mut out, 0); // external attributes
    put32(&mut out, 0); // offset of the local header
    out.extend_from_slice(name);
    let directory_size = u32::try_from(out.len()).map_err(|_| too_big())? - directory;
    // End of central directory.
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, 1);
    put16(&mut out, 1);
    put32(&mut out, directory_size);
    put32(&mut out, directory);
    put16(&mut out, 0);
    Ok(out)
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_holds_the_document_and_its_checksum() {
        let kml = b"<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document/></kml>\n".repeat(50);
        let zip = kmz(&kml).unwrap();
        assert_eq!(&zip[..4], b"PK\x03\x04");
        assert_eq!(&zip[30..37], b"doc.kml");
        // The deflated entry inflates back to the document.
        let compressed = u32::from_le_bytes(zip[18..22].try_into().unwrap()) as usize;
        let mut inflated = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::DeflateDecoder::new(&zip[37..37 + compressed]), &mut inflated)
            .unwrap();
        assert_eq!(inflated, kml);
        // CRC-32 of the document, as zlib computes it, in both headers.
        let mut crc = flate2::Crc::new();
        crc.update(&kml);
        assert_eq!(u32::from_le_bytes(zip[14..18].try_into().unwrap()), crc.sum());
        // The end record points at the central directory, which follows the entry.
        let end = zip.len() - 22;
        assert_eq!(&zip[end..end + 4], b"PK\x05\x06");
        let directory = u32::from_le_bytes(zip[end + 16..end + 20].try_into().unwrap()) as usize;
        assert_eq!(directory, 37 + compressed);
        assert_eq!(&zip[directory..directory + 4], b"PK\x01\x02");
        assert_eq!(kmz(&kml).unwrap(), zip, "the same document gives the same bytes");
    }
}
