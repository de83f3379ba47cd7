//! The user's files, read and written safely: bounded reads of regular files only, and
//! replacements that leave either the old file or the new one, never a mix, never a loss.

use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::io_reason;

/// Why a file of the user's could not be read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// A FIFO, socket or device: reading it could wait forever or never end.
    NotRegular,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("no such file"),
            ReadError::NotRegular => f.write_str("not a regular file (a pipe, socket or device?)"),
            ReadError::TooLarge { size, limit } => {
                write!(f, "it is {}, over the {} limit", human_size(*size), human_size(*limit))
            }
            ReadError::Io(e) => f.write_str(&io_reason(e)),
        }
    }
}

impl std::error::Error for ReadError {}

/// `2 MiB`, `1.5 GiB`, `512 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() < 0.05 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The whole of a regular file of at most `limit` bytes. The type is checked before the file is
/// opened (opening a FIFO waits for a writer) and the read stops past the limit even if the
/// file grows meanwhile (or is a sparse file that claims less than it yields).
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let metadata = fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    })?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { size: metadata.len(), limit });
    }
    let file = File::open(path).map_err(ReadError::Io)?;
    read_limited(file, limit)
}

/// Everything `reader` yields, refused past `limit` bytes.
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Writes `bytes` to `path` atomically (see [`Target`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// `write_atomic` for output produced piece by piece: `fill` writes the whole content.
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    Target::lock(path)?.replace(fill)
}

/// A file about to be replaced, locked against other qbank processes that replace it too.
///
/// A symbolic link is followed, so the file it points to is replaced and the link stays. The
/// lock is on the file itself: a replacement swaps the file under the path, so after locking,
/// the path is checked to still name the locked file, and if not, the new one is locked instead.
/// The new content goes to a temporary file beside the target, with the target's permissions
/// (or the umask's for a new file), is flushed to disk, and renamed over the target; the folder
/// is then flushed too. Temporary files that a killed qbank left for this target are removed.
#[derive(Debug)]
pub struct Target {
    path: PathBuf,
    file: File,
    /// The target did not exist before it was locked (locking created it, empty).
    created: bool,
}

/// How many times a path that keeps being replaced under the lock is tried again.
const LOCK_ATTEMPTS: usize = 100;

impl Target {
    pub fn lock(path: &Path) -> io::Result<Target> {
        let path = resolve_links(path)?;
        for _ in 0..LOCK_ATTEMPTS {
            let existed = match fs::metadata(&path) {
                Ok(metadata) if !metadata.is_file() => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "not a regular file (a pipe, socket, device or folder?)",
                    ));
                }
                Ok(_) => true,
                Err(e) if e.kind() == io::ErrorKind::NotFound => false,
                Err(e) => return Err(e),
            };
            let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
            file.lock()?;
            if same_file(&file, &path)? {
                return Ok(Target { path, file, created: !existed });
            }
        }
        Err(io::Error::other("the file kept being replaced by another program while qbank waited for it"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The target's current content (empty for a new file), at most `limit` bytes.
    pub fn read(&self, limit: u64) -> Result<Vec<u8>, ReadError> {
        let mut file = &self.file;
        read_limited(&mut file, limit)
    }

    /// Replaces the target with what `fill` writes. On failure the target is as it was (and a
    /// target that locking created is removed again).
    pub fn replace(self, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
        let dir = parent(&self.path);
        self.remove_stale_temps(dir);
        let written =
            self.write_temp(dir, fill).and_then(|temp| temp.persist(&self.path).map_err(|e| e.error));
        if let Err(e) = written {
            self.abandon();
            return Err(e);
        }
        File::open(dir)?.sync_all()
    }

    fn write_temp(
        &self,
        dir: &Path,
        fill: impl FnOnce(&mut File) -> io::Result<()>,
    ) -> io::Result<tempfile::NamedTempFile> {
        let prefix = temp_prefix(&self.path);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(TEMP_SUFFIX);
        #[cfg(unix)]
        {
            // Read and write for everyone less the umask, which the system applies: as any new file.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let mut temp = builder.tempfile_in(dir)?;
        fill(temp.as_file_mut())?;
        if !self.created {
            // The umask applied when the temp file was created; the old file's mode is kept as is.
            temp.as_file().set_permissions(self.file.metadata()?.permissions())?;
        }
        temp.as_file().sync_all()?;
        Ok(temp)
    }

    /// Gives up: a file that locking created is removed again, so nothing is left behind.
    pub fn abandon(self) {
        if self.created && self.file.metadata().is_ok_and(|m| m.len() == 0) {
            let _ = fs::remove_file(&self.path);
        }
    }

    /// Under the lock no other qbank is writing this target, so its temp files are leftovers.
    fn remove_stale_temps(&self, dir: &Path) {
        let prefix = temp_prefix(&self.path);
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

const TEMP_SUFFIX: &str = ".qbank-tmp";

/// `.NAME.` : temp files are hidden and name the file they will replace.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().map_or_else(|| OsString::from("file"), OsString::from);
    format!(".{}.", name.to_string_lossy())
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// `path` with every symbolic link along its last component followed, even to a file that
/// does not exist yet.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = parent(&path).join(target);
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let held = file.metadata()?;
    Ok(match fs::metadata(path) {
        Ok(named) => held.dev() == named.dev() && held.ino() == named.ino(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    })
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> io::Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temp_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        fs::write(dir.path().join(".out.txt.abc123.qbank-tmp"), "left by a killed run").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_and_the_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn reads_refuse_what_is_not_a_small_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        fs::write(&path, "12345").unwrap();
        assert_eq!(read_regular(&path, 5).unwrap(), b"12345");
        assert!(matches!(read_regular(&path, 4), Err(ReadError::TooLarge { size: 5, limit: 4 })));
        assert!(matches!(read_regular(dir.path(), 4), Err(ReadError::NotRegular)));
        assert!(matches!(read_regular(&dir.path().join("none"), 4), Err(ReadError::NotFound)));
        assert!(matches!(read_limited(&b"123456"[..], 5), Err(ReadError::TooLarge { .. })));
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(2 << 20), "2 MiB");
        assert_eq!(human_size(3 << 29), "1.5 GiB");
    }
}
