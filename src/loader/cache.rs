//! A parse cache for corpus files: a warm run decodes a compact binary form instead of
//! parsing YAML. An entry is used only when the file's path, size, mtime and content hash
//! all match; anything odd about an entry (truncated, corrupt, another version) makes it a
//! miss, and the file is parsed and the entry rewritten atomically.

use std::fs::File;
use std::hash::Hasher;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use crate::model::{Competency, Framework, Level, Levels, Origin, Question, Round};
use crate::sys::fs::write_atomic_with;

const MAGIC: &[u8; 8] = b"QBANKC03";

/// What identifies one version of one corpus file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    path: String,
    size: u64,
    modified_ns: u128,
    content: u64,
}

impl Key {
    /// Reads the file once, in pieces, to hash its content without holding it in memory.
    pub fn of(path: &Path) -> io::Result<Key> {
        let mut file = File::open(path)?;
        let metadata = file.metadata()?;
        let modified_ns = metadata.modified()?.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let mut content = ContentHash::default();
        let mut buffer = vec![0; 1 << 20];
        loop {
            match file.read(&mut buffer)? {
                0 => break,
                n => content.write(&buffer[..n]),
            }
        }
        let path = std::fs::canonicalize(path)?.to_string_lossy().into_owned();
        Ok(Key { path, size: metadata.len(), modified_ns, content: content.finish() })
    }

    /// The cache file for this corpus file (one entry per path).
    fn entry(&self, dir: &Path) -> PathBuf {
        entry(dir, &self.path)
    }
}

fn entry(dir: &Path, canonical: &str) -> PathBuf {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(canonical.as_bytes());
    dir.join(format!("corpus-{:016x}.bin", hasher.finish()))
}

/// Files at least this large are hashed on a second thread while their entry is decoded:
/// below it, starting the thread costs more than it saves.
const OVERLAP_BYTES: u64 = 1 << 20;

/// The file's key, and its cached questions if an intact entry matches that key. For a large
/// file the entry is decoded while another thread hashes the file, as neither needs the other
/// until the end: at 100,000 questions that hides most of the hashing.
pub fn lookup(
    dir: &Path,
    path: &Path,
    size: u64,
    file: &Arc<PathBuf>,
) -> (Option<Key>, Option<Vec<Question>>) {
    if size < OVERLAP_BYTES {
        let key = Key::of(path).ok();
        let questions = key.as_ref().and_then(|key| read(dir, key, file));
        return (key, questions);
    }
    let Ok(canonical) = std::fs::canonicalize(path) else { return (None, None) };
    let entry = entry(dir, &canonical.to_string_lossy());
    std::thread::scope(|scope| {
        // Builder, not scope.spawn: if the system refuses a thread, hash on this one instead.
        let hashing = std::thread::Builder::new().spawn_scoped(scope, || Key::of(path).ok());
        let cached = decode(&entry, file, None);
        let key = match hashing {
            Ok(hashing) => hashing.join().ok().flatten(),
            Err(_) => Key::of(path).ok(),
        };
        let questions = match (&key, cached) {
            (Some(key), Some((stored, questions))) if stored == *key => Some(questions),
            _ => None,
        };
        (key, questions)
    })
}

/// Detects changed content, 32 bytes per step in four independent lanes, so the multiplies
/// overlap: several times faster than SipHash, which matters when a warm run must read 100 MB.
/// Not a defence against someone crafting collisions: whoever can write the corpus can write
/// the cache too.
#[derive(Default)]
struct ContentHash {
    lanes: [u64; LANES],
    tail: Vec<u8>,
}

const LANES: usize = 4;
const STEP: usize = 8 * LANES;

impl ContentHash {
    fn write(&mut self, mut bytes: &[u8]) {
        if !self.tail.is_empty() {
            let take = (STEP - self.tail.len()).min(bytes.len());
            self.tail.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.tail.len() == STEP {
                let block = std::mem::take(&mut self.tail);
                self.block(&block);
            }
        }
        let mut blocks = bytes.chunks_exact(STEP);
        for block in &mut blocks {
            self.block(block);
        }
        self.tail.extend_from_slice(blocks.remainder());
    }

    fn block(&mut self, block: &[u8]) {
        for (lane, word) in self.lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = mix(*lane, u64::from_le_bytes(word.try_into().unwrap_or_default()));
        }
    }

    fn finish(mut self) -> u64 {
        let tail_len = self.tail.len() as u64;
        let mut last = [0; STEP];
        last[..self.tail.len()].copy_from_slice(&self.tail);
        self.block(&last);
        self.lanes.iter().fold(tail_len, |state, &lane| mix(state, lane))
    }
}

fn mix(state: u64, word: u64) -> u64 {
    (state.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The cached questions for `key`, if a matching, intact entry exists.
pub fn read(dir: &Path, key: &Key, file: &Arc<PathBuf>) -> Option<Vec<Question>> {
    decode(&key.entry(dir), file, Some(key)).map(|(_, questions)| questions)
}

/// An intact entry: the key it was stored for and its questions. Given the `expected` key, an
/// entry stored for another stops before its questions are decoded.
fn decode(entry: &Path, file: &Arc<PathBuf>, expected: Option<&Key>) -> Option<(Key, Vec<Question>)> {
    let mut input = BufReader::with_capacity(1 << 20, File::open(entry).ok()?);
    let mut magic = [0; 8];
    input.read_exact(&mut magic).ok()?;
    if &magic != MAGIC || string(&mut input)? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let stored = read_key(&mut input)?;
    if expected.is_some_and(|key| *key != stored) {
        return None;
    }
    let count = u64(&mut input)?;
    let mut questions = Vec::with_capacity(count.min(1 << 20) as usize);
    for _ in 0..count {
        questions.push(question(&mut input, file)?);
    }
    let mut rest = [0; 1];
    matches!(input.read(&mut rest), Ok(0)).then_some((stored, questions))
}

/// Stores `questions` for `key`. Failing to cache is not an error: the next run parses again.
pub fn write(dir: &Path, key: &Key, questions: &[Question]) {
    let _ = std::fs::create_dir_all(dir).and_then(|()| {
        write_atomic_with(&key.entry(dir), |file| {
            let mut out = BufWriter::with_capacity(1 << 20, file);
            encode(&mut out, key, questions)?;
            out.flush()
        })
    });
}

fn encode(out: &mut impl Write, key: &Key, questions: &[Question]) -> io::Result<()> {
    {
        out.write_all(MAGIC)?;
        put_string(out, env!("CARGO_PKG_VERSION"))?;
        put_string(out, &key.path)?;
        out.write_all(&key.size.to_le_bytes())?;
        out.write_all(&key.modified_ns.to_le_bytes())?;
        out.write_all(&key.content.to_le_bytes())?;
        out.write_all(&(questions.len() as u64).to_le_bytes())?;
        for q in questions {
            put_question(out, q)?;
        }
    }
    Ok(())
}

fn read_key(input: &mut impl Read) -> Option<Key> {
    let path = string(input)?;
    let size = u64(input)?;
    let mut modified = [0; 16];
    input.read_exact(&mut modified).ok()?;
    let content = u64(input)?;
    Some(Key { path, size, modified_ns: u128::from_le_bytes(modified), content })
}

fn put_question(out: &mut impl Write, q: &Question) -> io::Result<()> {
    out.write_all(&q.id.to_le_bytes())?;
    out.write_all(&[
        // A team's own round is not cached: its number depends on the config of the run.
        Round::ALL.iter().position(|&r| r == q.round).map_or(u8::MAX, |i| i as u8),
        // A team's own competency is not cached (254 reads back as a miss), like its rounds.
        q.competency
            .map_or(u8::MAX, |c| Competency::ALL.iter().position(|&x| x == c).map_or(254, |i| i as u8)),
        q.framework.and_then(|f| Framework::ALL.iter().position(|&x| x == f)).map_or(u8::MAX, |i| i as u8),
    ])?;
    out.write_all(&q.origin.line.to_le_bytes())?;
    out.write_all(&q.origin.column.to_le_bytes())?;
    for text in [&q.question, &q.rationale, &q.sample_answer] {
        put_string(out, text)?;
    }
    for level in Level::ALL {
        put_string(out, q.levels.get(level).unwrap_or_default())?;
    }
    for list in [&q.tags, &q.roles, &q.look_for, &q.red_flags, &q.follow_ups, &q.sample_follow_ups] {
        put_list(out, list)?;
    }
    out.write_all(&(q.synonyms.len() as u32).to_le_bytes())?;
    for group in &q.synonyms {
        put_list(out, group)?;
    }
    Ok(())
}

fn put_list(out: &mut impl Write, list: &[String]) -> io::Result<()> {
    out.write_all(&(list.len() as u32).to_le_bytes())?;
    for item in list {
        put_string(out, item)?;
    }
    Ok(())
}

/// A list, read item by item: a corrupt length fails at the end of the entry instead of
/// reserving memory for it.
fn list(input: &mut impl Read) -> Option<Vec<String>> {
    let len = u32(input)?;
    let mut items = Vec::new();
    for _ in 0..len {
        items.push(string(input)?);
    }
    Some(items)
}

fn question(input: &mut impl Read, file: &Arc<PathBuf>) -> Option<Question> {
    let id = u64(input)?;
    let mut codes = [0; 3];
    input.read_exact(&mut codes).ok()?;
    let line = u64(input)?;
    let column = u64(input)?;
    let mut texts = [String::new(), String::new(), String::new()];
    for text in &mut texts {
        *text = string(input)?;
    }
    let mut levels = Levels::default();
    for level in Level::ALL {
        levels.set(level, Some(string(input)?).filter(|text| !text.is_empty()));
    }
    let mut lists: [Vec<String>; 6] = Default::default();
    for each in &mut lists {
        *each = list(input)?;
    }
    let mut synonyms = Vec::new();
    for _ in 0..u32(input)? {
        synonyms.push(list(input)?);
    }
    let [question, rationale, sample_answer] = texts;
    let [tags, roles, look_for, red_flags, follow_ups, sample_follow_ups] = lists;
    Some(Question {
        id,
        round: *Round::ALL.get(codes[0] as usize)?,
        competency: optional(&Competency::ALL, codes[1])?,
        framework: optional(&Framework::ALL, codes[2])?,
        question,
        rationale,
        sample_answer,
        tags,
        roles,
        look_for,
        red_flags,
        follow_ups,
        sample_follow_ups,
        levels,
        synonyms,
        origin: Origin { file: file.clone(), line, column },
    })
}

/// `Some(None)` for the "absent" code, `None` for a code that is out of range (corrupt).
fn optional<T: Copy>(all: &[T], code: u8) -> Option<Option<T>> {
    if code == u8::MAX { Some(None) } else { all.get(code as usize).copied().map(Some) }
}

fn put_string(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(&(text.len() as u32).to_le_bytes())?;
    out.write_all(text.as_bytes())
}

/// A string of exactly its length: no slack capacity, which a 100k-question corpus would
/// pay for a million times. Longer than any field the loader accepts means corrupt.
fn string(input: &mut impl Read) -> Option<String> {
    let len = u32(input)? as usize;
    if len > MAX_STRING_BYTES {
        return None;
    }
    let mut bytes = vec![0; len];
    input.read_exact(&mut bytes).ok()?;
    String::from_utf8(bytes).ok()
}

/// Paths are the longest strings stored; fields are limited to 64 KiB by the loader.
const MAX_STRING_BYTES: usize = 1 << 20;

fn u32(input: &mut impl Read) -> Option<u32> {
    let mut bytes = [0; 4];
    input.read_exact(&mut bytes).ok()?;
    Some(u32::from_le_bytes(bytes))
}

fn u64(input: &mut impl Read) -> Option<u64> {
    let mut bytes = [0; 8];
    input.read_exact(&mut bytes).ok()?;
    Some(u64::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::parse;

    fn sample() -> &'static str {
        "- id: 5\n  round: behavioural\n  question: q\n  rationale: r\n  sample_answer: a\n  tags: [x, y]\n  competency: ownership\n  look_for: [one]\n"
    }

    #[test]
    fn round_trips_and_misses_on_any_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.yaml");
        std::fs::write(&file, sample()).unwrap();
        let name = Arc::new(file.clone());
        let questions = parse::parse_str(&name, sample()).questions;
        let key = Key::of(&file).unwrap();
        write(&dir.path().join("cache"), &key, &questions);
        assert_eq!(read(&dir.path().join("cache"), &key, &name), Some(questions));

        std::fs::write(&file, sample().replace("q\n", "Q\n")).unwrap();
        let changed = Key::of(&file).unwrap();
        assert_ne!(changed, key);
        assert_eq!(read(&dir.path().join("cache"), &changed, &name), None);
    }

    #[test]
    fn a_large_file_is_hashed_alongside_the_decoding_and_still_misses_on_any_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.yaml");
        let padding = "r".repeat(2000);
        let corpus: String = (1..=600)
            .map(|id| format!("- id: {id}\n  round: leadership\n  question: q{id}\n  rationale: {padding}\n  sample_answer: a\n  tags: [t]\n"))
            .collect();
        assert!(corpus.len() as u64 >= OVERLAP_BYTES);
        std::fs::write(&file, &corpus).unwrap();
        let name = Arc::new(file.clone());
        let cache = dir.path().join("cache");
        let size = corpus.len() as u64;
        let (key, cached) = lookup(&cache, &file, size, &name);
        assert_eq!(cached, None, "nothing cached yet");
        let questions = parse::parse_str(&name, &corpus).questions;
        write(&cache, key.as_ref().unwrap(), &questions);
        assert_eq!(lookup(&cache, &file, size, &name), (key.clone(), Some(questions)));

        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        std::fs::write(&file, corpus.replacen("q1\n", "Q1\n", 1)).unwrap();
        std::fs::File::options().write(true).open(&file).unwrap().set_modified(modified).unwrap();
        let (changed, cached) = lookup(&cache, &file, size, &name);
        assert_ne!(changed, key);
        assert_eq!(cached, None, "same size and mtime, new content");
    }

    #[test]
    fn content_hash_ignores_chunking_and_sees_every_byte() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = {
            let mut h = ContentHash::default();
            h.write(&data);
            h.finish()
        };
        for chunk in [1, 3, 8, 13, 999] {
            let mut h = ContentHash::default();
            data.chunks(chunk).for_each(|c| h.write(c));
            assert_eq!(h.finish(), whole, "chunks of {chunk}");
        }
        for at in [0, 500, 999] {
            let mut changed = data.clone();
            changed[at] ^= 1;
            let mut h = ContentHash::default();
            h.write(&changed);
            assert_ne!(h.finish(), whole, "byte {at}");
        }
        let mut shorter = ContentHash::default();
        shorter.write(&data[..999]);
        assert_ne!(shorter.finish(), whole);
    }

    #[test]
    fn truncated_or_corrupt_entries_are_misses() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.yaml");
        std::fs::write(&file, sample()).unwrap();
        let name = Arc::new(file.clone());
        let key = Key::of(&file).unwrap();
        let cache = dir.path().join("cache");
        write(&cache, &key, &parse::parse_str(&name, sample()).questions);
        let entry = key.entry(&cache);
        let bytes = std::fs::read(&entry).unwrap();
        for cut in [0, 5, 40, bytes.len() - 1] {
            std::fs::write(&entry, &bytes[..cut]).unwrap();
            assert_eq!(read(&cache, &key, &name), None, "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 3;
        flipped[last] = 0xff;
        std::fs::write(&entry, &flipped).unwrap();
        assert_eq!(read(&cache, &key, &name), None);
    }
}
