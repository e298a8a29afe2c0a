//! The pixel size and MIME type of a local image, for `og:image:width`,
//! `og:image:height` and `og:image:type`: read from the file's header
//! (by the `imagesize` crate, a few hundred bytes at most), once per file
//! and stamp. A process-wide cache by path makes 10,000 briefs sharing one
//! image read it once, and a rebuild after the file changed read it again.

use crate::load::{Stamp, stamp};
use imagesize::ImageType;
use rustc_hash::FxHashMap as HashMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// What a page says about an image it shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ImageInfo {
    pub(crate) width: u64,
    pub(crate) height: u64,
    /// `image/png`, `image/jpeg`, `image/gif`, `image/webp` or `image/avif`.
    pub(crate) mime: &'static str,
}

type Cache = Mutex<HashMap<PathBuf, (Stamp, Option<ImageInfo>)>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

/// The size and type of the image at `path`, whose stamp is `stamp`;
/// none for a file that is not one of the formats above or cannot be read.
pub(crate) fn of(path: &Path, stamp: Stamp) -> Option<ImageInfo> {
    // A poisoned lock only means another thread panicked mid-insert: the
    // map itself is whole.
    let known = |c: &Cache| {
        let map = c.lock().unwrap_or_else(|p| p.into_inner());
        map.get(path).filter(|(s, _)| *s == stamp).map(|(_, i)| *i)
    };
    if let Some(info) = known(cache()) {
        return info;
    }
    let info = read(path);
    let mut map = cache().lock().unwrap_or_else(|p| p.into_inner());
    map.insert(path.to_path_buf(), (stamp, info));
    info
}

/// [`of`], stamping the file first.
pub(crate) fn of_file(path: &Path) -> Option<ImageInfo> {
    of(path, stamp(path))
}

fn read(path: &Path) -> Option<ImageInfo> {
    let mut reader = BufReader::with_capacity(1024, std::fs::File::open(path).ok()?);
    let kind = imagesize::reader_type(&mut reader).ok()?;
    let mime = mime(kind)?;
    let size = kind.reader_size(&mut reader).ok()?;
    Some(ImageInfo {
        width: u64::try_from(size.width).ok()?,
        height: u64::try_from(size.height).ok()?,
        mime,
    })
}

fn mime(kind: ImageType) -> Option<&'static str> {
    match kind {
        ImageType::Png => Some("image/png"),
        ImageType::Jpeg => Some("image/jpeg"),
        ImageType::Gif => Some("image/gif"),
        ImageType::Webp => Some("image/webp"),
        ImageType::Heif(imagesize::Compression::Av1) => Some("image/avif"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG's signature and IHDR chunk: `width` × `height`.
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(width.to_be_bytes());
        b.extend(height.to_be_bytes());
        b.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    #[test]
    fn sizes_and_types_of_headers() {
        let dir = std::env::temp_dir().join(format!("briefs-image-size-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let gif = b"GIF89a\x40\x01\xf0\x00\0\0\0".to_vec();
        for (name, bytes, want) in [
            ("a.png", png(1200, 630), Some((1200, 630, "image/png"))),
            ("b.gif", gif, Some((320, 240, "image/gif"))),
            ("c.png", b"not an image at all".to_vec(), None),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let got = of_file(&path).map(|i| (i.width, i.height, i.mime));
            assert_eq!(got, want, "{name}");
        }
        assert_eq!(of_file(&dir.join("missing.png")), None);
        // Read once: with its stamp unchanged, a file is not opened again.
        let shared = dir.join("shared.png");
        std::fs::write(&shared, png(64, 32)).unwrap();
        let stamp = stamp(&shared);
        assert!(of(&shared, stamp).is_some());
        std::fs::remove_file(&shared).unwrap();
        assert_eq!(of(&shared, stamp).map(|i| i.width), Some(64));
        // A changed file (another stamp) is read again.
        let path = dir.join("a.png");
        std::fs::write(&path, png(800, 4000)).unwrap();
        let again = of(&path, (1, None)).map(|i| (i.width, i.height));
        assert_eq!(again, Some((800, 4000)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
