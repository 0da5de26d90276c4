//! Every file the tool reads or writes goes through here, with the
//! guarantees users rely on. No other module touches the file system.
//!
//! # Reading
//!
//! Two policies, one per kind of input, so the same bad file gets the same
//! message from every command:
//!
//! * **Articles** ([`read_text`]): a regular file, or a stream (a named
//!   pipe, a character device such as `/dev/stdin`), read with a limit of
//!   [`MAX_INPUT_BYTES`] (`take(limit + 1)`: `/dev/zero` or a growing file
//!   is refused by size, never read until memory runs out). Directories,
//!   sockets and block devices are refused. Bytes must be UTF-8 (else the
//!   line and column of the first bad byte are reported; a lossy mode
//!   replaces bad bytes instead).
//! * **Timelines** ([`read_timeline`], [`lock_for_update`]): a regular file
//!   only, opened without blocking (a named pipe is refused at once, not
//!   waited on), read with the loader's limit
//!   ([`MAX_FILE_BYTES`](crate::timeline::MAX_FILE_BYTES)).
//!
//! # Writing
//!
//! * **Only regular files are replaced.** A regular file (or a new one) is
//!   replaced atomically: the contents go to a temporary file created in the
//!   target's directory with an unpredictable name and `O_EXCL` (the
//!   `tempfile` crate, which never follows a symbolic link), are flushed to
//!   disk, get the old file's permissions and owner, and the temporary file
//!   is renamed over the target. A crash, a full disk or Ctrl-C leaves
//!   either the old file or the new one, never a truncated mix. A named pipe or a character device (`/dev/null`,
//!   `/dev/stdout`, `/proc/self/fd/1` when it is a pipe or a terminal) is
//!   written through, like standard output; it is never replaced by a file.
//!   Directories, sockets and block devices are refused.
//! * **Symbolic links are kept**: an output that is a link is written where
//!   the link points (even a dangling one), and the link stays a link.
//! * **Writers take turns**: every replacement holds an advisory lock
//!   (`flock`, through the `fs4` crate) on the target's directory, from the
//!   moment an updated file is read until it is replaced. Two `timeline`
//!   processes updating the same timeline therefore run one after the
//!   other, and the second merges into the first one's result.
//! * **A file edited meanwhile is not overwritten**: [`lock_for_update`]
//!   records the length, modification time and SHA-256 of the file it
//!   reads; [`Update::commit`] checks all three again, under the lock, right
//!   before the rename. If the file changed (an editor saved it), nothing is
//!   written and [`Error::Changed`] says to run the command again. The check
//!   and the rename are two system calls: an edit landing between them (a
//!   window of microseconds) cannot be detected by any tool that renames.
//! * **Leftovers** of a killed run (`.NAME.XXXXXX.timeline-tmp`) are ignored
//!   (their names are random) and removed by the next write into their
//!   directory, under the lock, when no other writer can be using them.

use std::collections::BTreeSet;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::error::{Error, Expected};

/// The largest article accepted, in bytes (256 MiB). Larger inputs are
/// refused with a size message rather than read into memory.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// The largest timeline file read, in bytes: the loader's limit.
const MAX_TIMELINE_BYTES: u64 = crate::timeline::MAX_FILE_BYTES as u64;

/// The end of the name of every temporary file this module creates.
const TMP_SUFFIX: &str = ".timeline-tmp";

/// How to treat bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decoding {
    /// Refuse the file, naming the line and column of the first bad byte.
    #[default]
    Strict,
    /// Replace invalid sequences by U+FFFD.
    Lossy,
}

/// What a path names, links followed.
enum Kind {
    Regular,
    Directory,
    /// A named pipe or a character device: read or written as a stream.
    Stream,
    /// A socket or a block device.
    Other(&'static str),
}

fn kind(meta: &Metadata) -> Kind {
    let t = meta.file_type();
    if t.is_file() {
        return Kind::Regular;
    }
    if t.is_dir() {
        return Kind::Directory;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() || t.is_char_device() {
            return Kind::Stream;
        }
        if t.is_socket() {
            return Kind::Other("a socket");
        }
        if t.is_block_device() {
            return Kind::Other("a block device");
        }
    }
    Kind::Other("not a regular file")
}

/// Describes a non-regular file for messages.
fn what(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
    }
    match kind(meta) {
        Kind::Directory => "a directory",
        Kind::Other(w) => w,
        _ => "not a regular file",
    }
}

/// Reads at most `limit` bytes from `r`; more is a size error.
fn read_limited(
    r: impl Read,
    path: &Path,
    limit: u64,
    capacity: u64,
    expected: Expected,
) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::with_capacity(capacity.min(limit) as usize + 1);
    r.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::read(path, e))?;
    if buf.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: None,
            limit,
            expected,
        });
    }
    Ok(buf)
}

/// Reads an article's bytes with the article policy (module docs).
pub fn read_article_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    let meta = fs::metadata(path).map_err(|e| Error::read(path, e))?;
    let not_a_file = |what| Error::NotAFile {
        path: path.to_path_buf(),
        what,
        expected: Expected::Text,
    };
    match kind(&meta) {
        Kind::Directory => return Err(not_a_file("a directory")),
        Kind::Other(w) => return Err(not_a_file(w)),
        Kind::Regular if meta.len() > MAX_INPUT_BYTES => {
            return Err(Error::TooLarge {
                path: path.to_path_buf(),
                size: Some(meta.len()),
                limit: MAX_INPUT_BYTES,
                expected: Expected::Text,
            });
        }
        Kind::Regular | Kind::Stream => {}
    }
    let f = File::open(path).map_err(|e| Error::read(path, e))?;
    read_limited(f, path, MAX_INPUT_BYTES, meta.len(), Expected::Text)
}

/// Reads a text file (an article), with the checks described in the
/// module docs.
pub fn read_text(path: &Path, decoding: Decoding) -> Result<String, Error> {
    let bytes = read_article_bytes(path)?;
    decode(path, bytes, decoding)
}

/// Reads standard input as an article (same limit and decoding).
pub fn read_stdin(decoding: Decoding) -> Result<String, Error> {
    let name = Path::new("<stdin>");
    let bytes = read_limited(io::stdin().lock(), name, MAX_INPUT_BYTES, 0, Expected::Text)?;
    decode(name, bytes, decoding)
}

/// Opens a file for reading without blocking on a named pipe.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

/// Opens a timeline file: a regular file only, checked on the open handle.
fn open_timeline(real: &Path, path: &Path) -> Result<(File, Metadata), Error> {
    let refuse = |meta: &Metadata| Error::NotAFile {
        path: path.to_path_buf(),
        what: what(meta),
        expected: Expected::Timeline,
    };
    let meta = fs::metadata(real).map_err(|e| Error::read(path, e))?;
    if !meta.is_file() {
        return Err(refuse(&meta));
    }
    let f = open_nonblocking(real).map_err(|e| Error::read(path, e))?;
    // The path may have been swapped between the two looks.
    let meta = f.metadata().map_err(|e| Error::read(path, e))?;
    if !meta.is_file() {
        return Err(refuse(&meta));
    }
    if meta.len() > MAX_TIMELINE_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: Some(meta.len()),
            limit: MAX_TIMELINE_BYTES,
            expected: Expected::Timeline,
        });
    }
    Ok((f, meta))
}

/// Reads a timeline file's bytes with the timeline policy (module docs).
pub fn read_timeline(path: &Path) -> Result<Vec<u8>, Error> {
    let (f, meta) = open_timeline(path, path)?;
    read_limited(f, path, MAX_TIMELINE_BYTES, meta.len(), Expected::Timeline)
}

/// Decodes `bytes` read from `path` as UTF-8.
pub fn decode(path: &Path, bytes: Vec<u8>, decoding: Decoding) -> Result<String, Error> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            if decoding == Decoding::Lossy {
                return Ok(String::from_utf8_lossy(e.as_bytes()).into_owned());
            }
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let (line, column) = line_col(bytes, valid);
            let binary = bytes.iter().take(8192).any(|&b| b == 0);
            Err(Error::InvalidUtf8 {
                path: path.to_path_buf(),
                line,
                column,
                byte: bytes[valid],
                binary,
            })
        }
    }
}

/// 1-based line and column (in characters) of byte offset `at` in `bytes`,
/// which are valid UTF-8 up to `at`.
pub fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Where a write goes.
enum Target {
    /// A regular file (which may not exist yet) at this real path: no
    /// symbolic link in its last component.
    File { real: PathBuf },
    /// A named pipe or character device, written through.
    Stream,
}

/// Resolves `path` for writing: follows symbolic links (dangling ones too)
/// and refuses what cannot be written.
fn resolve(path: &Path) -> Result<Target, Error> {
    let unwritable = |why: &str| Error::Unwritable {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    match fs::metadata(path) {
        Ok(meta) => match kind(&meta) {
            Kind::Regular => Ok(Target::File {
                real: fs::canonicalize(path).map_err(|e| write_error(path, e))?,
            }),
            Kind::Stream => Ok(Target::Stream),
            Kind::Directory => Err(unwritable("is a directory")),
            Kind::Other(w) => Err(unwritable(&format!("is {w}"))),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A new file, or a dangling link: create what the link names.
            let mut p = path.to_path_buf();
            for _ in 0..40 {
                match fs::symlink_metadata(&p) {
                    Ok(m) if m.file_type().is_symlink() => {
                        let to = fs::read_link(&p).map_err(|e| write_error(path, e))?;
                        p = match p.parent() {
                            Some(dir) if to.is_relative() => dir.join(to),
                            _ => to,
                        };
                    }
                    _ => return Ok(Target::File { real: p }),
                }
            }
            Err(unwritable("is a loop of symbolic links"))
        }
        Err(e) => Err(write_error(path, e)),
    }
}

fn write_error(path: &Path, source: io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

fn parent_dir(real: &Path) -> PathBuf {
    match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The length, modification time and content hash of a file as read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    hash: [u8; 32],
}

impl Fingerprint {
    fn of(meta: &Metadata, bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
            hash: Sha256::digest(bytes).into(),
        }
    }
}

/// What the target must still be when it is replaced.
#[derive(Debug, Clone)]
enum Expect {
    /// Anything: a plain replacement.
    Anything,
    /// No file: the command saw none.
    Absent,
    /// The file as read.
    Same(Fingerprint),
}

/// The exclusive lock on a directory, released when dropped.
struct DirLock {
    _held: File,
}

fn lock_dir(dir: &Path, shown: &Path) -> Result<DirLock, Error> {
    let f = File::open(dir).map_err(|e| write_error(shown, e))?;
    fs4::FileExt::lock(&f).map_err(|e| write_error(shown, e))?;
    Ok(DirLock { _held: f })
}

/// The exclusive locks on a set of directories, taken in a fixed order
/// (sorted paths) so that processes locking overlapping sets never wait on
/// each other in a circle. Released when dropped.
struct DirLocks {
    _held: Vec<DirLock>,
}

fn lock_dirs(reals: &[&Path], shown: &Path) -> Result<DirLocks, Error> {
    let mut dirs: Vec<PathBuf> = reals
        .iter()
        .map(|r| {
            let d = parent_dir(r);
            fs::canonicalize(&d).unwrap_or(d)
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    let mut locks = Vec::with_capacity(dirs.len());
    for d in &dirs {
        locks.push(lock_dir(d, shown)?);
    }
    Ok(DirLocks { _held: locks })
}

/// A timeline file read for updating, with its directory locked until
/// [`Update::commit`] (or drop). See the module docs.
pub struct Update {
    shown: PathBuf,
    target: Target,
    also: Vec<(PathBuf, Target)>,
    locks: DirLocks,
    expect: Expect,
    existing: Option<Vec<u8>>,
}

impl std::fmt::Debug for Update {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Update")
            .field("path", &self.shown)
            .field("expect", &self.expect)
            .finish()
    }
}

/// Locks the directory of the timeline file `path` and reads the file (if
/// there is one), recording what it was so that [`Update::commit`] can
/// refuse to overwrite a file changed meanwhile. The directories of the
/// files `also` (written by the same commit, e.g. the chart of the
/// timeline) are locked too, so they are written from the same version. A
/// named pipe or device is not read: [`Update::is_stream`] says so, and the
/// caller decides.
pub fn lock_for_update(path: &Path, also: &[&Path]) -> Result<Update, Error> {
    // What stands where a timeline should be gets the read policy's message.
    if let Ok(meta) = fs::metadata(path) {
        if let Kind::Directory | Kind::Other(_) = kind(&meta) {
            return Err(Error::NotAFile {
                path: path.to_path_buf(),
                what: what(&meta),
                expected: Expected::Timeline,
            });
        }
    }
    let target = resolve(path)?;
    let also: Vec<(PathBuf, Target)> = also
        .iter()
        .map(|p| Ok((p.to_path_buf(), resolve(p)?)))
        .collect::<Result<_, Error>>()?;
    let reals: Vec<&Path> = std::iter::once(&target)
        .chain(also.iter().map(|(_, t)| t))
        .filter_map(|t| match t {
            Target::File { real } => Some(real.as_path()),
            Target::Stream => None,
        })
        .collect();
    let locks = lock_dirs(&reals, path)?;
    // Read under the lock: another writer finished before we got it.
    let (expect, existing) = match &target {
        Target::Stream => (Expect::Anything, None),
        Target::File { real } => match fs::metadata(real) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Expect::Absent, None),
            _ => {
                let (f, meta) = open_timeline(real, path)?;
                let bytes =
                    read_limited(f, path, MAX_TIMELINE_BYTES, meta.len(), Expected::Timeline)?;
                (Expect::Same(Fingerprint::of(&meta, &bytes)), Some(bytes))
            }
        },
    };
    Ok(Update {
        shown: path.to_path_buf(),
        target,
        also,
        locks,
        expect,
        existing,
    })
}

impl Update {
    /// The file's bytes as read; `None` when there is no file yet (or it is
    /// a stream).
    pub fn existing(&self) -> Option<&[u8]> {
        self.existing.as_deref()
    }

    /// Is the target a named pipe or device (written through, never read)?
    pub fn is_stream(&self) -> bool {
        matches!(self.target, Target::Stream)
    }

    /// The path as given.
    pub fn path(&self) -> &Path {
        &self.shown
    }

    /// The error for a stream where a timeline file must be read: the read
    /// policy's message (`is a named pipe (FIFO); give a timeline file`).
    pub fn not_a_timeline(&self) -> Error {
        Error::NotAFile {
            path: self.shown.clone(),
            what: fs::metadata(&self.shown).map_or("not a regular file", |m| what(&m)),
            expected: Expected::Timeline,
        }
    }

    /// Writes `contents` over the file, unless it changed since it was read
    /// ([`Error::Changed`], naming `command` as the one to run again), then
    /// `also` (one content per path given to [`lock_for_update`]), all under
    /// the lock.
    pub fn commit(self, contents: &[u8], command: &str, also: &[&[u8]]) -> Result<(), Error> {
        match &self.target {
            Target::Stream => write_through(&self.shown, contents)?,
            Target::File { real } => {
                let meta = check_unchanged(real, &self.shown, &self.expect, command)?;
                replace(real, &self.shown, contents, meta.as_ref())?;
            }
        }
        for ((shown, target), contents) in self.also.iter().zip(also) {
            match target {
                Target::Stream => write_through(shown, contents)?,
                Target::File { real } => {
                    let meta = check_unchanged(real, shown, &Expect::Anything, command)?;
                    replace(real, shown, contents, meta.as_ref())?;
                }
            }
        }
        drop(self.locks);
        Ok(())
    }
}

/// Checks that `real` is still what `expect` says; returns its metadata.
fn check_unchanged(
    real: &Path,
    shown: &Path,
    expect: &Expect,
    command: &str,
) -> Result<Option<Metadata>, Error> {
    let changed = || Error::Changed {
        path: shown.to_path_buf(),
        command: command.to_string(),
    };
    let meta = match fs::metadata(real) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(write_error(shown, e)),
    };
    match (expect, &meta) {
        (Expect::Anything, _) | (Expect::Absent, None) => {}
        (Expect::Absent, Some(_)) | (Expect::Same(_), None) => return Err(changed()),
        (Expect::Same(fp), Some(m)) => {
            if !m.is_file() || m.len() != fp.len || m.modified().ok() != fp.modified {
                return Err(changed());
            }
            let (f, m2) = open_timeline(real, shown).map_err(|_| changed())?;
            let bytes = read_limited(f, shown, MAX_TIMELINE_BYTES, m2.len(), Expected::Timeline)
                .map_err(|_| changed())?;
            if Fingerprint::of(&m2, &bytes) != *fp {
                return Err(changed());
            }
        }
    }
    if let Some(m) = &meta {
        if !m.is_file() {
            return Err(Error::Unwritable {
                path: shown.to_path_buf(),
                why: format!("is {}", what(m)),
            });
        }
    }
    Ok(meta)
}

/// Writes `contents` to `path`: a regular file (or a new one) is replaced
/// atomically, a named pipe or device is written through (module docs).
/// On failure the previous file at `path`, if any, is untouched and no
/// temporary file is left.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<(), Error> {
    match resolve(path)? {
        Target::Stream => write_through(path, contents),
        Target::File { real } => {
            let _locks = lock_dirs(&[real.as_path()], path)?;
            let meta = check_unchanged(&real, path, &Expect::Anything, "")?;
            replace(&real, path, contents, meta.as_ref())
        }
    }
}

/// Writes into an existing named pipe or device, as to standard output.
fn write_through(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let mut f = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| write_error(path, e))?;
    f.write_all(contents)
        .and_then(|_| f.flush())
        .map_err(|e| write_error(path, e))
}

/// Replaces the regular file `real` (or creates it) atomically, keeping
/// the permissions and owner in `old`. The caller holds the directory lock.
fn replace(
    real: &Path,
    shown: &Path,
    contents: &[u8],
    old: Option<&Metadata>,
) -> Result<(), Error> {
    let dir = parent_dir(real);
    remove_leftovers(&dir);
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TMP_SUFFIX).rand_bytes(6);
    #[cfg(unix)]
    if old.is_none() {
        // A new file gets the usual mode (the umask applies), not 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let err = |e| write_error(shown, e);
    let mut tmp = builder.tempfile_in(&dir).map_err(err)?;
    tmp.write_all(contents).map_err(err)?;
    if let Some(old) = old {
        keep_mode_and_owner(tmp.as_file(), old).map_err(|e| Error::Unwritable {
            path: shown.to_path_buf(),
            why: format!("cannot keep the file's permissions or owner ({e}); nothing was written"),
        })?;
    }
    tmp.as_file().sync_all().map_err(err)?;
    // The data is on disk before the rename, so a crash leaves the old file
    // or the new one. (The directory is not flushed after each rename: that
    // would double the flushes of a build, and a lost rename leaves the old
    // file, whole.)
    tmp.persist(real).map_err(|e| err(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn keep_mode_and_owner(f: &File, old: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let now = f.metadata()?;
    if now.uid() != old.uid() || now.gid() != old.gid() {
        std::os::unix::fs::fchown(f, Some(old.uid()), Some(old.gid()))?;
    }
    f.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_mode_and_owner(f: &File, old: &Metadata) -> io::Result<()> {
    f.set_permissions(old.permissions())
}

/// Is `name` a temporary file this tool (or an earlier version of it,
/// which used `.NAME.tmp-PID`) left behind?
fn is_leftover(name: &str) -> bool {
    if !name.starts_with('.') {
        return false;
    }
    if name.ends_with(TMP_SUFFIX) {
        return true;
    }
    match name.rsplit_once(".tmp-") {
        Some((stem, pid)) => {
            stem.len() > 1 && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// Removes the leftovers in `dir`, once per directory per process. The
/// caller holds the directory's lock, so no other writer is using them.
fn remove_leftovers(dir: &Path) {
    static DONE: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
    let Ok(mut done) = DONE.lock() else { return };
    if !done.insert(dir.to_path_buf()) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_leftover(name) {
            continue;
        }
        // Files and links only: removing a link never touches its target.
        if entry.file_type().is_ok_and(|t| !t.is_dir()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Creates `dir` (and parents) if missing, with a clear error.
pub fn ensure_dir(dir: &Path) -> Result<(), Error> {
    fs::create_dir_all(dir).map_err(|e| write_error(dir, e))
}

/// Is `path` a directory (links followed)?
pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// Does `a` name the same existing file as `b` (links followed)?
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(x), Ok(y)) => {
            use std::os::unix::fs::MetadataExt;
            x.dev() == y.dev() && x.ino() == y.ino()
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => fs::canonicalize(a).ok() == fs::canonicalize(b).ok(),
        _ => false,
    }
}

/// The `*.txt` files directly inside `dir`, sorted by name.
pub fn text_files_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::read(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::read(dir, e))?;
        let p = entry.path();
        if p.is_file() && p.extension().is_some_and(|x| x == "txt") {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

/// Opens a JSON-lines input (a file, any stream; `None` is standard input)
/// as a buffered reader.
pub fn open_lines(path: Option<&Path>) -> Result<Box<dyn io::BufRead + Send>, Error> {
    Ok(match path {
        Some(p) => {
            let meta = fs::metadata(p).map_err(|e| Error::read(p, e))?;
            if meta.is_dir() {
                return Err(Error::NotAFile {
                    path: p.to_path_buf(),
                    what: "a directory",
                    expected: Expected::Text,
                });
            }
            Box::new(io::BufReader::new(
                File::open(p).map_err(|e| Error::read(p, e))?,
            ))
        }
        None => Box::new(io::BufReader::new(io::stdin())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let s = "ab\ncé\u{fffd}x".as_bytes();
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        assert_eq!(line_col(s, 6), (2, 3));
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let e = decode(
            Path::new("a.txt"),
            b"ok\nab\xffc".to_vec(),
            Decoding::Strict,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.txt:2:3: invalid UTF-8 (byte 0xFF); re-encode the file as UTF-8, or pass --lossy to replace bad bytes"
        );
        let s = decode(Path::new("a.txt"), b"ab\xffc".to_vec(), Decoding::Lossy).unwrap();
        assert_eq!(s, "ab\u{fffd}c");
    }

    #[test]
    fn leftovers_are_recognised_narrowly() {
        assert!(is_leftover(".a.yaml.x1Y2z3.timeline-tmp"));
        assert!(is_leftover(".a.svg.tmp-1234"));
        assert!(!is_leftover("a.svg.tmp-1234"));
        assert!(!is_leftover(".a.svg.tmp-12x"));
        assert!(!is_leftover(".notes.tmp"));
        assert!(!is_leftover(".tmp-1"));
    }
}

#[cfg(test)]
mod write_tests {
    use super::*;

    #[test]
    fn a_refused_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.yaml");
        std::fs::write(&target, "old").unwrap();
        // Make the rename fail after the temporary file was fully written,
        // as a full disk or a kill between write and rename would: the
        // update expects no file, and one appeared.
        let mut u = lock_for_update(&dir.path().join("new.yaml"), &[]).unwrap();
        u.target = Target::File {
            real: target.clone(),
        };
        let e = u.commit(b"new contents", "build", &[]).unwrap_err();
        assert!(e.to_string().contains("changed"), "{e}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["t.yaml".to_string()], "temporary file left");
    }

    #[test]
    fn a_directory_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.yaml");
        std::fs::create_dir(&target).unwrap();
        let e = write_file(&target, b"x").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: cannot write: is a directory", target.display())
        );
    }

    #[test]
    fn a_successful_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.yaml");
        std::fs::write(&target, "old").unwrap();
        write_file(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }
}
