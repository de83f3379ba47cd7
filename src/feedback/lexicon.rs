//! The analyser's lookups over the lexicon (text::lexicon), as keys: which words carry no
//! signal, which are the judge's wording, which count half, and which words and phrases mean the
//! same. A question's own `synonyms` join the shared groups for that question only.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::text::lexicon::LEXICON;
use crate::text::{key, keys};

pub fn is_stop(key: &str) -> bool {
    sets().stop.contains(key)
}

pub fn is_meta(key: &str) -> bool {
    sets().meta.contains(key)
}

pub fn is_generic(key: &str) -> bool {
    sets().generic.contains(key)
}

/// The headings that name a part of an answer's shape, as keys.
pub fn labels() -> &'static [Vec<String>] {
    &sets().labels
}

/// A synonym group: every member as keys.
pub type Group = Vec<Vec<String>>;

/// The synonym groups in force for one question: the shared ones, and the question's own.
#[derive(Clone, Debug)]
pub struct Synonyms {
    groups: Vec<Group>,
    members: HashMap<Vec<String>, Vec<usize>>,
}

impl Synonyms {
    /// The shared groups, with `own` (a question's `synonyms`) added when it has any.
    pub fn for_question(own: &[Vec<String>]) -> Cow<'static, Synonyms> {
        let shared = &sets().synonyms;
        if own.is_empty() {
            return Cow::Borrowed(shared);
        }
        let mut synonyms = shared.clone();
        for group in own {
            synonyms.add(group.iter().map(|m| keys(m)).filter(|k| !k.is_empty()).collect());
        }
        Cow::Owned(synonyms)
    }

    fn new(groups: impl IntoIterator<Item = Group>) -> Synonyms {
        let mut synonyms = Synonyms { groups: Vec::new(), members: HashMap::new() };
        for group in groups {
            synonyms.add(group);
        }
        synonyms
    }

    fn add(&mut self, group: Group) {
        let id = self.groups.len();
        for member in &group {
            let ids = self.members.entry(member.clone()).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        self.groups.push(group);
    }

    /// The groups a word or phrase (as keys) belongs to.
    pub fn groups_of(&self, phrase: &[String]) -> &[usize] {
        self.members.get(phrase).map_or(&[], Vec::as_slice)
    }

    pub fn group(&self, id: usize) -> &Group {
        &self.groups[id]
    }
}

/// The longest phrase length among the members, so callers know how far to look ahead. The
/// build checks the lexicon's members against it, the loader a question's own.
pub const LONGEST_MEMBER: usize = 6;

struct Sets {
    stop: HashSet<String>,
    meta: HashSet<String>,
    generic: HashSet<String>,
    synonyms: Synonyms,
    labels: Vec<Vec<String>>,
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| {
        let set = |words: &[&str]| words.iter().map(|w| key(w)).collect();
        let groups =
            LEXICON.synonyms.iter().map(|g| g.iter().map(|m| keys(m)).filter(|k| !k.is_empty()).collect());
        Sets {
            stop: set(LEXICON.stop),
            meta: set(LEXICON.meta),
            generic: set(LEXICON.generic),
            synonyms: Synonyms::new(groups),
            labels: LEXICON.labels.iter().map(|l| keys(l)).collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_fit_the_lookahead() {
        assert!(LEXICON.synonyms.iter().flat_map(|g| g.iter()).all(|m| keys(m).len() <= LONGEST_MEMBER));
    }

    #[test]
    fn phrases_find_their_groups_and_a_question_adds_its_own() {
        let shared = Synonyms::for_question(&[]);
        assert!(!shared.groups_of(&keys("rolled back")).is_empty());
        assert!(shared.groups_of(&keys("zebra")).is_empty());
        assert!(is_stop(&key("the")) && is_meta(&key("describes")) && is_generic(&key("systems")));
        let own = Synonyms::for_question(&[vec!["zebra".into(), "striped horse".into()]]);
        let group = own.groups_of(&keys("zebra"))[0];
        assert_eq!(own.group(group), &vec![keys("zebra"), keys("striped horse")]);
        assert!(Synonyms::for_question(&[]).groups_of(&keys("zebra")).is_empty(), "only for that question");
    }
}
